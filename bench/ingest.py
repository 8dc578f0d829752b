"""Ingestion throughput on a synthetic corpus of the seed families.

    python bench/ingest.py [--docs 2000] [--corpus DIR] [--profile]

Builds the corpus with ``bench/corpus.py`` (unless given), ingests it into a
fresh SQLite file through the real pipeline on one thread, and prints
documents per second, the split between parsing and storing, the time to
re-ingest the unchanged folder, and peak memory (max RSS of this process).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus

from lawtracker.ingestion import pipeline
from lawtracker.ingestion.families import parse_document
from lawtracker.ingestion.families.context import DocumentContext
from lawtracker.ingestion.pipeline import FileStatus, ingest_paths
from lawtracker.ingestion.readers import read_document
from lawtracker.storage.db import make_engine
from lawtracker.storage.migrate import upgrade_to_head


def parse_only(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        raw = read_document(path)
        parse_document(DocumentContext(path.name, raw.sha256, raw.text))
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--profile", action="store_true", help="print the top cumulative calls")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        corpus = args.corpus or Path(scratch) / "corpus"
        if not corpus.exists():
            make_corpus(corpus, args.docs)
        files = pipeline.expand_paths([corpus])
        size = sum(p.stat().st_size for p in files)
        engine = make_engine(Path(scratch) / "bench.sqlite3")
        upgrade_to_head(engine)

        parse_seconds = parse_only(files)
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
        start = time.perf_counter()
        report = ingest_paths(files, engine=engine)
        first = time.perf_counter() - start
        if args.profile:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        start = time.perf_counter()
        again = ingest_paths(files, engine=engine)
        second = time.perf_counter() - start
        engine.dispose()
        db_size = (Path(scratch) / "bench.sqlite3").stat().st_size
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents:            {len(files)} ({size / 1e6:.1f} MB of text)")
    print(f"first ingest:         {first:.2f} s = {len(files) / first:.0f} documents/s")
    parse_rate = len(files) / parse_seconds
    print(f"  of which parsing:   {parse_seconds:.2f} s ({parse_rate:.0f} documents/s)")
    print(f"  of which storing:   {max(first - parse_seconds, 0):.2f} s")
    print(f"re-ingest unchanged:  {second:.2f} s = {len(files) / second:.0f} documents/s")
    print(f"failed files:         {report.count(FileStatus.FAILED)}")
    print(f"unchanged on re-run:  {again.count(FileStatus.UNCHANGED)}")
    print(f"database size:        {db_size / 1e6:.1f} MB")
    print(f"peak memory (RSS):    {peak_mb:.0f} MB")
    for failure in report.failed[:5]:
        print("  ", failure.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
