"""Packaging figures: bundle, .deb and .tar.gz sizes, and the frozen app's start to first paint.

usage: python bench/package.py [--runs N] [--exe PATH]

Run ``packaging/build linux`` (``make package``) first. The start time is measured
from outside: from spawning the frozen executable to its "painted:" line (the app
prints it after the window's first paint when ``LAWTRACKER_EXIT_AFTER_PAINT`` is set),
offscreen, on a store seeded by a first, unmeasured start. Budgets: bundle under
150 MB unpacked, .deb under 60 MB, start under 1.5 s (docs/PERFORMANCE.md, "Packaging").
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

import builder  # noqa: E402

BUNDLE_BUDGET_MB = 150
DEB_BUDGET_MB = 60
START_BUDGET_S = 1.5


def time_to_paint(exe: Path, data_dir: Path) -> float:
    """Seconds from spawning ``exe`` to its first painted window."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LAWTRACKER_EXIT_AFTER_PAINT": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(exe), "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("painted:"):
            elapsed = time.perf_counter() - started
            break
    else:
        process.wait()
        raise SystemExit(f"{exe} never painted: {process.stderr.read() if process.stderr else ''}")
    process.communicate(timeout=60)
    return elapsed


def _verdict(value: float, budget: float) -> str:
    return "ok" if value < budget else "OVER BUDGET"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--exe", type=Path, help="default: the built bundle's executable")
    args = parser.parse_args(argv)

    bundle = builder.bundle_dir()
    exe = args.exe or bundle / "lawtracker"
    if not exe.exists():
        print(f"no {exe}: run packaging/build linux (make package) first", file=sys.stderr)
        return 2
    version = builder.project_version()
    print(f"lawtracker {version} packaging figures (noisy shared machine)")
    if bundle.is_dir():
        size = builder.dir_size(bundle) / 1e6
        print(
            f"bundle (unpacked)  {size:7.1f} MB   budget {BUNDLE_BUDGET_MB} MB  "
            f"{_verdict(size, BUNDLE_BUDGET_MB)}"
        )
    for deb in sorted(builder.DIST.glob(f"lawtracker_{version}_*.deb")):
        size = deb.stat().st_size / 1e6
        print(
            f".deb               {size:7.1f} MB   budget {DEB_BUDGET_MB} MB  "
            f"{_verdict(size, DEB_BUDGET_MB)}  ({deb.name})"
        )
    for tarball in sorted(builder.DIST.glob(f"lawtracker-{version}-linux-*.tar.gz")):
        print(f".tar.gz            {tarball.stat().st_size / 1e6:7.1f} MB   ({tarball.name})")

    with tempfile.TemporaryDirectory(prefix="lawtracker-bench-") as tmp:
        data = Path(tmp) / "data"
        first = time_to_paint(exe, data)  # creates and seeds the store: not a measurement
        times = [time_to_paint(exe, data) for _ in range(args.runs)]
    median = statistics.median(times)
    print(f"first start (creates + seeds the store)   {first:.3f} s")
    print(
        f"start to painted window, seeded store: median {median:.3f} s, "
        f"min {min(times):.3f} s, max {max(times):.3f} s over {args.runs} runs   "
        f"budget {START_BUDGET_S} s  {_verdict(median, START_BUDGET_S)}"
    )
    print(f"  ({exe})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
