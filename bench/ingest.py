"""Ingestion throughput on the synthetic corpus of bench/corpus.py (many layouts).

    python bench/ingest.py [--docs 2000] [--corpus DIR] [--profile {parse,store,all}]

Builds the corpus with ``bench/corpus.py`` (unless given), ingests it into a
fresh SQLite file through the real pipeline on one thread, and prints
documents per second, the split between parsing and storing, the time to
re-ingest the unchanged folder, and peak memory (max RSS of this process).
Each figure is given as wall time and as this process's CPU time: on a
machine shared with other work the CPU figure is the steadier one.

``--profile parse`` profiles reading and parsing alone; ``--profile store``
parses first, then profiles only the writes (one transaction per file, as the
pipeline does); ``--profile all`` profiles the end-to-end ingest.

``--sql-floor`` records every statement the writer sends while storing the
corpus, then replays exactly those statements through the bare ``sqlite3``
module into a fresh database: what SQLite itself costs per document, with no
SQLAlchemy and no Python row building, once with a commit per file and once
with 50 files per transaction. No writer can store faster than that floor.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus
from sqlalchemy import event

from lawtracker.domain.drafts import ParsedSource
from lawtracker.ingestion import pipeline
from lawtracker.ingestion.families import parse_document
from lawtracker.ingestion.families.context import DocumentContext
from lawtracker.ingestion.pipeline import FileStatus, ingest_paths
from lawtracker.ingestion.readers import read_document
from lawtracker.storage.db import make_engine, session_scope
from lawtracker.storage.migrate import upgrade_to_head
from lawtracker.storage.writer import store_parsed_source

TOP_CALLS = 30


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float

    def rate(self, count: int) -> str:
        return f"{count / self.wall:.0f} documents/s (CPU: {count / self.cpu:.0f} documents/s)"


@contextmanager
def timed(into: list[Timing]) -> Iterator[None]:
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    into.append(Timing(time.perf_counter() - wall, time.process_time() - cpu))


@contextmanager
def profiled(enabled: bool) -> Iterator[None]:
    if not enabled:
        yield
        return
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        yield
    finally:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(TOP_CALLS)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(TOP_CALLS)


def parse_each(files: list[Path]) -> Iterator[ParsedSource]:
    """Read and parse file by file, as the pipeline does (nothing kept unless the caller does)."""
    for path in files:
        raw = read_document(path)
        yield parse_document(DocumentContext(path.name, raw.sha256, raw.text))


def profile_store(files: list[Path], scratch: Path) -> None:
    """Profile the writes alone: parse everything first, then store file by file."""
    parsed = list(parse_each(files))
    engine = make_engine(scratch / "store-profile.sqlite3")
    upgrade_to_head(engine)
    with profiled(True):
        for document in parsed:
            with session_scope(engine) as session:
                store_parsed_source(session, document)
    engine.dispose()


Statement = tuple[str, object, bool]


def sql_floor(files: list[Path], scratch: Path) -> None:
    """Print SQLite's own cost of storing ``files``: the writer's statements, replayed bare."""
    parsed = list(parse_each(files))
    database = scratch / "floor.sqlite3"
    engine = make_engine(database)
    upgrade_to_head(engine)
    engine.dispose()
    shutil.copy(database, scratch / "floor-empty.sqlite3")
    per_file: list[list[Statement]] = []
    current: list[Statement] = []

    def record(_conn, _cursor, statement, parameters, _context, executemany) -> None:
        current.append((statement, parameters, executemany))

    event.listen(engine, "before_cursor_execute", record)
    timings: list[Timing] = []
    with timed(timings):
        for document in parsed:
            with session_scope(engine) as session:
                store_parsed_source(session, document)
            per_file.append(current[:])
            current.clear()
    engine.dispose()
    n = len(parsed)
    statements = sum(len(batch) for batch in per_file) / n
    print(
        f"writer (SQLAlchemy):    {1e3 * timings[0].cpu / n:.2f} ms/document CPU, "
        f"{statements:.1f} statements/document"
    )
    for files_per_commit in (1, 50):
        shutil.copy(scratch / "floor-empty.sqlite3", database)
        execute, commit = _replay(database, per_file, files_per_commit)
        print(
            f"same SQL, bare sqlite3, {files_per_commit:>2} file(s)/transaction: "
            f"execute {1e3 * execute / n:.2f} + commit {1e3 * commit / n:.2f} = "
            f"{1e3 * (execute + commit) / n:.2f} ms/document CPU"
        )


def _replay(
    database: Path, per_file: list[list[Statement]], files_per_commit: int
) -> tuple[float, float]:
    connection = sqlite3.connect(database, isolation_level=None)
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL"):
        connection.execute(f"PRAGMA {pragma}")
    execute = commit = 0.0
    for start in range(0, len(per_file), files_per_commit):
        began = time.process_time()
        connection.execute("BEGIN")
        for batch in per_file[start : start + files_per_commit]:
            for statement, parameters, many in batch:
                rows_of_parameters = (
                    many
                    and isinstance(parameters, list | tuple)
                    and (parameters and isinstance(parameters[0], list | tuple | dict))
                )
                if rows_of_parameters:
                    connection.executemany(statement, parameters)
                else:
                    connection.execute(statement, parameters).fetchall()
        executed = time.process_time()
        connection.execute("COMMIT")
        execute += executed - began
        commit += time.process_time() - executed
    connection.close()
    return execute, commit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument(
        "--profile",
        choices=("parse", "store", "all"),
        help="print the top calls of one phase (timings then include the profiler)",
    )
    parser.add_argument(
        "--sql-floor",
        action="store_true",
        help="replay the writer's statements through bare sqlite3 (SQLite's own cost)",
    )
    args = parser.parse_args(argv)
    if args.docs < 1:
        parser.error("--docs must be 1 or more")
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        corpus = args.corpus or scratch / "corpus"
        if not corpus.exists():
            make_corpus(corpus, args.docs)
        files = pipeline.expand_paths([corpus])
        size = sum(p.stat().st_size for p in files)
        if args.sql_floor:
            sql_floor(files, scratch)
            return 0
        if args.profile == "store":
            profile_store(files, scratch)
            return 0
        engine = make_engine(scratch / "bench.sqlite3")
        upgrade_to_head(engine)

        timings: list[Timing] = []
        with profiled(args.profile == "parse"), timed(timings):
            for _ in parse_each(files):
                pass
        with profiled(args.profile == "all"), timed(timings):
            report = ingest_paths(files, engine=engine)
        with timed(timings):
            again = ingest_paths(files, engine=engine)
        engine.dispose()
        db_size = (scratch / "bench.sqlite3").stat().st_size
    parse, first, second = timings
    store = Timing(max(first.wall - parse.wall, 1e-9), max(first.cpu - parse.cpu, 1e-9))
    n = len(files)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents:            {n} ({size / 1e6:.1f} MB of text, {size / n / 1e3:.1f} KB mean)")
    print(f"first ingest:         {first.wall:.2f} s = {first.rate(n)}")
    print(f"  of which parsing:   {parse.wall:.2f} s = {parse.rate(n)}")
    print(
        f"  of which storing:   {store.wall:.2f} s = {1e3 * store.wall / n:.1f} ms/document "
        f"(CPU: {1e3 * store.cpu / n:.1f} ms/document)"
    )
    print(f"re-ingest unchanged:  {second.wall:.2f} s = {second.rate(n)}")
    print(f"failed files:         {report.count(FileStatus.FAILED)}")
    print(f"unchanged on re-run:  {again.count(FileStatus.UNCHANGED)}")
    print(f"database size:        {db_size / 1e6:.1f} MB")
    print(f"peak memory (RSS):    {peak_mb:.0f} MB")
    for failure in report.failed[:5]:
        print("  ", failure.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
