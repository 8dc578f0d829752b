"""Extraction quality on the development set, and parsing speed on many layouts.

    python bench/extraction.py [--devset DIR] [--verbose] [--no-profiles] [--json OUT]
                               [--speed-docs N | --no-speed] [--export OUT]

Ingests every text of the development set (default ``../shared/devset`` beside the
repository; it is kept outside the repository) into a fresh temporary SQLite store in
this process, exports the store as JSON, and prints, one figure a line:

- the reference scorer's summary (``score.py`` of the development set, run as a
  subprocess on the export);
- the strict scorer's figures (``bench/extraction_score.py``): refused files, recall,
  precision, numbers, dates by role, invented dates, jurisdiction, authority, amounts,
  chrome titles, and a per-file table;
- with ``--no-profiles``, the recall of a second run with ``LAWTRACKER_PROFILES=off``
  (family-specific boosters off) and the difference;
- parsing and end-to-end import speed on the synthetic corpus of ``bench/corpus.py``,
  with a floor measured in the same run.

The code measured is the ``lawtracker`` that Python imports: set ``PYTHONPATH`` to
measure another checkout (for instance a worktree of an older commit).
See docs/EXTRACTION.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
# Appended, not prepended: a PYTHONPATH pointing at another checkout wins.
sys.path.append(str(REPO))
sys.path.insert(0, str(BENCH))

import extraction_score as es  # noqa: E402
from corpus import make_corpus  # noqa: E402

DEFAULT_DEVSET = REPO.parent / "shared" / "devset"
SPEED_DOCS = 1000
SPEED_SEED = 1


def ingest_devset(docs: Path, scratch: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Ingest ``docs`` into a fresh store (no seeds); the export and one row per file."""
    from lawtracker.ingestion.pipeline import ingest_paths
    from lawtracker.services.export import export_document
    from lawtracker.storage.db import make_engine
    from lawtracker.storage.migrate import upgrade_to_head

    engine = make_engine(scratch / "devset.sqlite3")
    try:
        upgrade_to_head(engine)
        report = ingest_paths([docs], engine=engine)
        export = export_document(engine)
    finally:
        engine.dispose()
    rows = [
        {
            "file": r.path.name,
            "status": r.status.value,
            "message": r.message,
            "measures": len(r.measure_keys),
        }
        for r in report.results
    ]
    return export, rows


def reference_score(score_py: Path, export_path: Path, truth: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, str(score_py), str(export_path), str(truth), "--min", "0"],
        capture_output=True,
        text=True,
        check=False,
    )
    return (done.stdout + done.stderr).strip().splitlines()


# --------------------------------------------------------------------------------------
# Speed
# --------------------------------------------------------------------------------------

_TRIVIAL = re.compile(r"\d+")


def speed(n_docs: int, scratch: Path) -> dict[str, Any]:
    """Parsing and end-to-end import rates on the synthetic corpus, with floors."""
    from lawtracker.errors import LawtrackerError
    from lawtracker.ingestion.families import parse_document
    from lawtracker.ingestion.families.context import DocumentContext
    from lawtracker.ingestion.pipeline import FileStatus, ingest_paths
    from lawtracker.storage.db import make_engine
    from lawtracker.storage.migrate import upgrade_to_head

    corpus = scratch / "corpus"
    files = make_corpus(corpus, n_docs, seed=SPEED_SEED)
    n = len(files)
    size = sum(p.stat().st_size for p in files)

    began = time.process_time()
    texts = []
    for path in files:
        data = path.read_bytes()
        texts.append((path.name, hashlib.sha256(data).hexdigest(), data.decode("utf-8")))
    read_cpu = time.process_time() - began

    began = time.process_time()
    for _name, _sha, text in texts:
        for _ in _TRIVIAL.finditer(text):
            pass
    regex_cpu = time.process_time() - began

    wall, began = time.perf_counter(), time.process_time()
    crashes: list[str] = []
    without_measure = 0
    for name, sha, text in texts:
        try:
            parsed = parse_document(DocumentContext(name, sha, text))
        except LawtrackerError:  # refused, as the pipeline would refuse it
            without_measure += 1
            continue
        except Exception as exc:  # report, never fix: the extractor is not ours
            crashes.append(f"{name}: {type(exc).__name__}: {exc}")
            continue
        without_measure += not parsed.measures
    parse_cpu = time.process_time() - began
    parse_wall = time.perf_counter() - wall

    engine = make_engine(scratch / "speed.sqlite3")
    upgrade_to_head(engine)
    wall, began = time.perf_counter(), time.process_time()
    report = ingest_paths(files, engine=engine)
    ingest_cpu = time.process_time() - began
    ingest_wall = time.perf_counter() - wall
    engine.dispose()
    return {
        "documents": n,
        "bytes": size,
        "parse_docs_per_s_cpu": n / parse_cpu,
        "parse_docs_per_s_wall": n / parse_wall,
        "import_docs_per_s_cpu": n / ingest_cpu,
        "import_docs_per_s_wall": n / ingest_wall,
        "floor_read_hash_s": read_cpu,
        "floor_regex_s": regex_cpu,
        "parse_s": parse_cpu,
        "parse_over_read_hash": parse_cpu / max(read_cpu, 1e-9),
        "parse_over_regex": parse_cpu / max(regex_cpu, 1e-9),
        "parse_crashes": crashes,
        "parsed_without_measure": without_measure,
        "import_failed": report.count(FileStatus.FAILED),
        "import_failures": [r.line() for r in report.failed[:10]],
    }


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------


def _line(label: str, value: str) -> None:
    print(f"{label + ':':<47} {value}")


def quality(devset: Path, scratch: Path, export_out: Path | None) -> dict[str, Any]:
    truth = json.loads((devset / "truth.json").read_text(encoding="utf-8"))
    export, rows = ingest_devset(devset / "docs", scratch)
    export_path = export_out or scratch / "export.json"
    export_path.write_text(json.dumps(export, ensure_ascii=False, indent=1), encoding="utf-8")
    scores = es.score(export, truth)
    exported_files = {name for m in export.get("measures") or [] for name in es.source_files(m)}
    refused = [r for r in rows if r["status"] == "failed"]
    kept_empty = [r for r in rows if r["status"] != "failed" and r["file"] not in exported_files]
    return {
        "export_path": export_path,
        "truth": truth,
        "rows": rows,
        "refused": refused,
        "kept_without_measure": kept_empty,
        "scores": scores,
    }


def print_quality(q: dict[str, Any], verbose: bool) -> None:
    s: es.Scores = q["scores"]
    n = len(q["rows"])
    _line("files refused (status failed)", f"{len(q['refused'])}/{n}")
    _line("files kept without a measure", f"{len(q['kept_without_measure'])}/{n}")
    _line("measure recall (primary+referenced)", s.recall.text())
    _line("recall, primary measures", s.recall_primary.text())
    _line("recall, referenced measures", s.recall_referenced.text())
    _line("precision (exports matching a truth measure)", s.precision.text())
    _line("numbers exact", s.numbers_exact.text())
    for role in es.DATE_ROLES:
        _line(f"{role} dates right", s.dates[role].text())
    _line(
        "invented dates (of non-derived dates checked)",
        f"{len(s.invented_dates)}/{s.checked_dates}",
    )
    _line("jurisdiction right", s.jurisdiction.text())
    _line("authority right (loose)", s.authority.text())
    _line("role right", s.role.text())
    _line("amounts found with exact value", s.amounts.text())
    _line("amounts found with a wrong scale", f"{len(s.wrong_scale)}/{s.amounts.den}")
    _line("web-chrome titles", f"{len(s.chrome_titles)}/{s.precision.den}")
    for row in q["refused"]:
        print(f"  refused {row['file']}: {row['message']}")
    for title in s.chrome_titles:
        print(f"  chrome title {title}")
    for line in s.invented_dates:
        print(f"  invented date {line}")
    for line in s.wrong_scale:
        print(f"  wrong scale {line}")
    print()
    status = {r["file"]: r["status"] for r in q["rows"]}
    print(f"{'file':<58} {'status':<8} {'truth':>5} {'match':>5} {'export':>6} {'FP':>3}")
    for f in s.files:
        print(
            f"{f.file[:58]:<58} {status.get(f.file, '-'):<8} {f.truth_measures:>5} "
            f"{f.matched:>5} {f.exported:>6} {f.false_positives:>3}"
        )
        if verbose:
            for miss in f.misses:
                print(f"    miss {miss}")
    if verbose:
        for kind, lines in s.details.items():
            if kind == "miss":
                continue
            print(f"\n{kind} ({len(lines)}):")
            for line in lines:
                print(f"  {line}")


def print_speed(sp: dict[str, Any]) -> None:
    n = sp["documents"]
    print(
        f"\nthroughput corpus: {n} documents, {sp['bytes'] / 1e6:.1f} MB "
        f"(bench/corpus.py, seed {SPEED_SEED})"
    )
    _line(
        "parsing, one core",
        f"{sp['parse_docs_per_s_cpu']:.0f} documents/s CPU "
        f"({sp['parse_docs_per_s_wall']:.0f}/s wall)",
    )
    _line(
        "end-to-end import (fresh store)",
        f"{sp['import_docs_per_s_cpu']:.0f} documents/s CPU "
        f"({sp['import_docs_per_s_wall']:.0f}/s wall)",
    )
    _line(
        "floor: read+hash / re.finditer(r'\\d+')",
        f"{n / max(sp['floor_read_hash_s'], 1e-9):.0f} / "
        f"{n / max(sp['floor_regex_s'], 1e-9):.0f} documents/s",
    )
    _line(
        "parsing costs x floor (read+hash / regex)",
        f"{sp['parse_over_read_hash']:.0f}x / {sp['parse_over_regex']:.0f}x",
    )
    _line("corpus parse crashes", f"{len(sp['parse_crashes'])}/{n}")
    _line("corpus documents parsed without a measure", f"{sp['parsed_without_measure']}/{n}")
    _line("corpus files refused on import", f"{sp['import_failed']}/{n}")
    for line in sp["parse_crashes"][:10]:
        print(f"  crash {line}")
    for line in sp["import_failures"]:
        print(f"  {line}")


def no_profiles_recall(devset: Path) -> dict[str, Any]:
    """Recall of a run in a fresh process with LAWTRACKER_PROFILES=off."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "off.json"
        env = dict(os.environ, LAWTRACKER_PROFILES="off")
        done = subprocess.run(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                *("--devset", str(devset), "--no-speed", "--no-reference", "--quiet"),
                *("--json", str(out)),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or not out.exists():
            raise RuntimeError(f"the run without profiles failed:\n{done.stderr[-2000:]}")
        return json.loads(out.read_text(encoding="utf-8"))["quality"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET)
    parser.add_argument("--verbose", "-v", action="store_true", help="misses and every detail")
    parser.add_argument("--no-profiles", action="store_true", help="also run with profiles off")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--export", type=Path, help="keep the JSON export of the development set")
    parser.add_argument("--speed-docs", type=int, default=SPEED_DOCS)
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--no-reference", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--quiet", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    devset = args.devset.resolve()
    if not (devset / "truth.json").is_file() or not (devset / "docs").is_dir():
        parser.error(f"no development set at {devset} (it is kept outside the repository)")

    import lawtracker

    figures: dict[str, Any] = {"lawtracker": str(Path(lawtracker.__file__).parent)}
    if not args.quiet:
        print(f"lawtracker from: {figures['lawtracker']}")
        print(f"development set: {devset}")
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        q = quality(devset, scratch, args.export)
        s: es.Scores = q["scores"]
        figures["quality"] = {
            "files": len(q["rows"]),
            "refused": len(q["refused"]),
            "kept_without_measure": len(q["kept_without_measure"]),
            **s.figures(),
            "refused_files": [r["file"] for r in q["refused"]],
            "invented_date_list": s.invented_dates,
            "wrong_scale_list": s.wrong_scale,
            "chrome_title_list": s.chrome_titles,
            "per_file": [vars(f) for f in s.files],
        }
        if not args.no_reference:
            lines = reference_score(devset / "score.py", q["export_path"], devset / "truth.json")
            figures["reference"] = lines[-2:]
            if not args.quiet:
                print("\nreference scorer (score.py):")
                for line in lines if args.verbose else lines[-2:]:
                    print(f"  {line}")
        if not args.quiet:
            print("\nstrict scorer (bench/extraction_score.py):")
            print_quality(q, args.verbose)
        if args.no_profiles:
            off = no_profiles_recall(devset)
            figures["no_profiles"] = off
            on_share = s.recall.share or 0.0
            off_share = off["recall"]["share"] or 0.0
            cost = 100 * (on_share - off_share)
            figures["profiles_cost_points"] = cost
            print()
            _line(
                "recall with LAWTRACKER_PROFILES=off",
                f"{off['recall']['num']}/{off['recall']['den']} ({100 * off_share:.0f}%)",
            )
            _line("turning profiles off costs", f"{cost:.0f} points")
        if not args.no_speed and args.speed_docs > 0:
            sp = speed(args.speed_docs, scratch)
            figures["speed"] = sp
            if not args.quiet:
                print_speed(sp)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
