"""Bounded fuzzing of the readers and the recogniser: run N seconds, report every exception.

Not in CI (it is random and long); run it before a release or after changing a reader
or the extractor::

    .venv/bin/python bench/fuzz.py --seconds 300 [--seed 7] [--out /tmp/lawtracker-fuzz]

Inputs start from the hostile corpus of ``tests/security/hostile.py`` plus a few
well-formed documents and are mutated with a seeded ``random.Random`` (bit flips,
inserted and deleted bytes, splices of two inputs, repeated chunks, tokens the
parsers look for: "No. ", "2025-13-45", "№", "<div>", RTL marks). Each mutated input
goes to every reader through ``readers.read_bytes`` under each suffix, and its text
to ``families.parse_document``. A reader may refuse with ``ParseError`` (that is its
job); any other exception, or one input taking more than ``--slow`` seconds, is a
finding: its bytes and traceback are written to ``--out`` and the exit status is 1.
The same seed gives the same inputs, so a finding can be replayed with ``--replay FILE``.
Images (OCR) are left out unless ``--ocr``: Tesseract is slow and not ours.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import random
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from lawtracker.errors import UserFacingError  # noqa: E402
from lawtracker.ingestion import readers  # noqa: E402
from lawtracker.ingestion.families import parse_document  # noqa: E402
from lawtracker.ingestion.families.context import DocumentContext  # noqa: E402

TOKENS: tuple[bytes, ...] = tuple(
    t.encode()
    for t in (
        "No. ",
        "№ ",
        "Decree ",
        "Law of the Republic of Azerbaijan ",
        " dated ",
        "2025-13-45",
        "31 February 2024",
        "1" * 400,
        "<div>",
        "</p>",
        "<title>",
        "&#x110000;",
        "\u202e",
        "\u200b",
        "\ufeff",
        "\r\n",
        "\n\n",
        "\0",
        "PK\x03\x04",
        "%PDF-1.7\n",
        "From: a@b\r\nSubject: x\r\n\r\n",
        "Указ Президента № 150 от 1 марта 2024 года",
    )
)
WELL_FORMED = (
    b"Decree No. 1913 of the President of the Republic of Azerbaijan dated 1 March 2024. "
    b"The Decree enters into force on 1 April 2024. A grant of 5,000 AZN is paid.",
    "Закон Республики Казахстан от 12 марта 2024 года № 45-VIII «О налогах».".encode(),
    b"<html><head><title>Law No. 5</title></head><body><p>Law No. 5 of 2 May 2024</p></body>",
)


@dataclass
class Stats:
    cases: dict[str, int] = field(default_factory=dict)
    refused: int = 0
    findings: list[Path] = field(default_factory=list)


def _load_hostile() -> dict[str, Callable[[], bytes]]:
    spec = importlib.util.spec_from_file_location(
        "hostile", REPO / "tests" / "security" / "hostile.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.KINDS


def seeds(max_bytes: int) -> list[bytes]:
    """The starting inputs, each cut to ``max_bytes`` (mutations stay fast)."""
    found = [make()[:max_bytes] for make in _load_hostile().values()]
    return [*WELL_FORMED, *(s for s in found if s)]


def mutate(rng: random.Random, data: bytes, pool: list[bytes], max_bytes: int) -> bytes:
    """One to four random edits of ``data``."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(7)
        where = rng.randint(0, len(out))
        if choice == 0 and out:  # flip bits
            i = rng.randrange(len(out))
            out[i] ^= 1 << rng.randrange(8)
        elif choice == 1:  # insert random bytes
            out[where:where] = rng.randbytes(rng.randint(1, 16))
        elif choice == 2 and out:  # delete a run
            del out[where : where + rng.randint(1, 64)]
        elif choice == 3:  # insert a token the parsers look for
            out[where:where] = rng.choice(TOKENS) * rng.choice((1, 1, 2, 50))
        elif choice == 4:  # splice another input
            other = rng.choice(pool)
            start = rng.randint(0, len(other))
            out[where:where] = other[start : start + rng.randint(1, 2048)]
        elif choice == 5 and out:  # repeat a chunk
            start = rng.randrange(len(out))
            chunk = bytes(out[start : start + rng.randint(1, 32)])
            out[where:where] = chunk * rng.randint(2, 200)
        else:  # truncate
            del out[rng.randint(0, len(out)) :]
    return bytes(out[:max_bytes])


def _suffixes(ocr: bool) -> list[str]:
    images = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
    return [s for s in readers.supported_suffixes() if ocr or s not in images]


def run_case(data: bytes, suffix: str, stats: Stats, out: Path, slow: float, label: str) -> None:
    """Read ``data`` as a ``suffix`` file, then parse its text; record what goes wrong."""
    started = time.perf_counter()
    stage = f"read{suffix}"
    try:
        try:
            raw = readers.read_bytes(Path(f"fuzz{suffix}"), data)
        except UserFacingError:
            stats.refused += 1
            return
        stage = f"parse{suffix}"
        parse_document(DocumentContext(f"fuzz{suffix}", raw.sha256, raw.text))
    except Exception:
        _finding(out, stats, stage, data, traceback.format_exc(), label)
    finally:
        stats.cases[stage] = stats.cases.get(stage, 0) + 1
        took = time.perf_counter() - started
        if took > slow:
            _finding(out, stats, f"slow-{stage}", data, f"took {took:.1f} s\n", label)


def _finding(out: Path, stats: Stats, stage: str, data: bytes, report: str, label: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()[:16]
    path = out / f"{stage}-{digest}.bin"
    path.write_bytes(data)
    path.with_suffix(".txt").write_text(f"{label}\n{report}", encoding="utf-8")
    stats.findings.append(path)
    last = report.strip().splitlines()[-1] if report.strip() else ""
    print(f"FINDING {stage} ({label}): {last} -> {path}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-bytes", type=int, default=64 * 1024)
    parser.add_argument("--slow", type=float, default=10.0, help="seconds one input may take")
    parser.add_argument("--out", type=Path, default=Path("/tmp/lawtracker-fuzz"))
    parser.add_argument("--ocr", action="store_true", help="also fuzz the image (OCR) reader")
    parser.add_argument("--replay", type=Path, help="run one saved input under every suffix")
    args = parser.parse_args(argv)
    stats = Stats()
    suffixes = _suffixes(args.ocr)
    if args.replay is not None:
        data = args.replay.read_bytes()
        for suffix in suffixes:
            run_case(data, suffix, stats, args.out, args.slow, f"replay {args.replay}")
        return 1 if stats.findings else 0
    rng = random.Random(args.seed)
    pool = seeds(args.max_bytes)
    print(
        f"fuzzing {len(suffixes)} readers and the parser for {args.seconds:.0f} s, seed "
        f"{args.seed}, {len(pool)} starting inputs",
        flush=True,
    )
    deadline = time.monotonic() + args.seconds
    case = 0
    while time.monotonic() < deadline:
        data = mutate(rng, rng.choice(pool), pool, args.max_bytes)
        suffix = rng.choice(suffixes)
        run_case(data, suffix, stats, args.out, args.slow, f"seed {args.seed} case {case}")
        if case % 50 == 0 and len(pool) < 500:
            pool.append(data)  # mutations of mutations reach further
        case += 1
    total = sum(stats.cases.values())
    print(
        f"{case} inputs, {total} runs ({stats.refused} refused cleanly), "
        f"{len(stats.findings)} findings" + (f" in {args.out}" if stats.findings else ""),
        flush=True,
    )
    for stage, count in sorted(stats.cases.items()):
        print(f"  {stage:>14}: {count}")
    return 1 if stats.findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
