"""Latency of the catalog queries the GUI runs, on a store built by ``bench/gen_corpus.py``.

    python bench/gen_corpus.py /tmp/store.sqlite3            # 100,000 measures, once
    python bench/queries.py /tmp/store.sqlite3 [--runs 20] [--today 2026-11-22]
                            [--only TEXT] [--explain] [--catalog FILE]

Every query runs once unmeasured (page cache, SQLAlchemy statement cache), then
``--runs`` times through ``Catalog`` exactly as the GUI calls it (a session per call).
It prints the median and the p95 (nearest rank) in milliseconds, and checks them against
the product brief at 100,000 measures / 300,000 events: sorting or filtering the list
under 200 ms, a search updating the list under 100 ms. The rest have no budget in the
brief; their figures are for the record.

``--explain`` prints ``EXPLAIN QUERY PLAN`` for every statement a query over budget ran.
``--catalog FILE`` measures the ``Catalog`` class of another file instead (a copy of
``services/catalog.py`` with a proposed change), to compare before changing the real one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import math
import os
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as a script: make ``lawtracker`` importable
    sys.path.insert(0, str(REPO_ROOT))

from sqlalchemy import event  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

from lawtracker.domain.catalog import MeasureFilter, SortColumn  # noqa: E402
from lawtracker.domain.enums import Instrument, ReviewStatus  # noqa: E402
from lawtracker.services.catalog import Catalog  # noqa: E402
from lawtracker.storage.db import make_engine  # noqa: E402

LIST_BUDGET_MS = 200.0
SEARCH_BUDGET_MS = 100.0
PAGE = 256
TIMELINE_IDS = 10_000


@dataclass(frozen=True)
class Case:
    group: str
    label: str
    budget_ms: float | None
    run: Callable[[], Any]


@dataclass(frozen=True)
class Timing:
    case: Case
    rows: int
    median_ms: float
    p95_ms: float
    min_ms: float

    @property
    def missed(self) -> bool:
        return self.case.budget_ms is not None and self.p95_ms > self.case.budget_ms


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile: with 20 runs, p95 is the 19th fastest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def load_catalog_class(file: Path | None) -> type[Catalog]:
    """``Catalog``, or the class of the same name in ``file`` (a proposed variant)."""
    if file is None:
        return Catalog
    spec = importlib.util.spec_from_file_location("proposed_catalog", file)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.Catalog


def build_cases(catalog: Catalog, today: dt.date, ids_by_title: list[int]) -> list[Case]:
    """The queries the list, search box, detail pane, sidebar and timeline issue."""
    cases: list[Case] = []

    def ids(flt: MeasureFilter, sort: SortColumn = SortColumn.TITLE, desc: bool = False):
        return lambda: catalog.measure_ids(flt, sort, desc, today=today)

    for sort in SortColumn:
        for desc in (False, True):
            label = f"sort {sort.value} {'desc' if desc else 'asc'}"
            cases.append(Case("list", label, LIST_BUDGET_MS, ids(MeasureFilter(), sort, desc)))
    filters = {
        "jurisdiction AZ": MeasureFilter(jurisdictions=frozenset({"AZ"})),
        "jurisdiction KG, TJ": MeasureFilter(jurisdictions=frozenset({"KG", "TJ"})),
        "instrument decree": MeasureFilter(instruments=frozenset({Instrument.DECREE})),
        "instrument amnesty act": MeasureFilter(instruments=frozenset({Instrument.AMNESTY_ACT})),
        "years 2015-2020": MeasureFilter(year_from=2015, year_to=2020),
        "year 2024": MeasureFilter(year_from=2024, year_to=2024),
        "as of 2020-01-01": MeasureFilter(as_of=dt.date(2020, 1, 1)),
        "AZ + law + 2010-2022": MeasureFilter(
            jurisdictions=frozenset({"AZ"}),
            instruments=frozenset({Instrument.LAW}),
            year_from=2010,
            year_to=2022,
        ),
        # annotations (bench/gen_corpus.py annotates about 5% of the measures)
        "status reviewed": MeasureFilter(review_statuses=frozenset({ReviewStatus.REVIEWED})),
        "status unreviewed": MeasureFilter(review_statuses=frozenset({ReviewStatus.UNREVIEWED})),
        "tags tax, customs": MeasureFilter(tags=frozenset({"tax", "customs"})),
        "annotated": MeasureFilter(annotated=True),
        "not annotated": MeasureFilter(annotated=False),
        "follow-up by 2026-12-31": MeasureFilter(follow_up_by=dt.date(2026, 12, 31)),
        "AZ + needs follow-up + tag urgent": MeasureFilter(
            jurisdictions=frozenset({"AZ"}),
            review_statuses=frozenset({ReviewStatus.NEEDS_FOLLOW_UP}),
            tags=frozenset({"urgent"}),
        ),
    }
    for label, flt in filters.items():
        cases.append(Case("filter", f"{label} (by title)", LIST_BUDGET_MS, ids(flt)))
    cases.append(
        Case(
            "filter",
            "jurisdiction AZ (by signed, desc)",
            LIST_BUDGET_MS,
            ids(filters["jurisdiction AZ"], SortColumn.SIGNED, True),
        )
    )
    # a search box updates the list on every keystroke: the prefix as typed, then words
    for text in ("i", "in", "inv", "inves", "investment", "amnesty", "criminal code", "qerar"):
        cases.append(
            Case("search", f"query {text!r}", SEARCH_BUDGET_MS, ids(MeasureFilter(query=text)))
        )
    cases.append(
        Case(
            "search",
            "query 'criminal code' + AZ (by signed)",
            SEARCH_BUDGET_MS,
            ids(
                MeasureFilter(query="criminal code", jurisdictions=frozenset({"AZ"})),
                SortColumn.SIGNED,
            ),
        )
    )

    middle = len(ids_by_title) // 2
    page = ids_by_title[middle : middle + PAGE]
    cases.append(Case("rows", f"measure_rows {PAGE} ids", None, lambda: catalog.measure_rows(page)))
    picks = random.Random(5).sample(ids_by_title, 64)
    turn = iter(range(10**9))
    cases.append(
        Case(
            "detail",
            "measure_detail (a different measure each run)",
            None,
            lambda: [catalog.measure_detail(picks[next(turn) % len(picks)])],
        )
    )
    cases.append(Case("sidebar", "facets", None, lambda: [catalog.facets()]))
    for days in (30, 90):
        cases.append(
            Case(
                "sidebar",
                f"due_soon {days} days",
                None,
                lambda days=days: catalog.due_soon(today=today, days=days),
            )
        )
    timeline_ids = ids_by_title[:TIMELINE_IDS]
    cases.append(
        Case(
            "timeline",
            f"timeline_items {len(timeline_ids):,} ids",
            None,
            lambda: catalog.timeline_items(timeline_ids),
        )
    )
    return cases


def measure(case: Case, runs: int) -> Timing:
    result = case.run()  # warm-up, not counted
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = case.run()
        times.append((time.perf_counter() - start) * 1000)
    return Timing(case, len(result), statistics.median(times), percentile(times, 0.95), min(times))


@contextmanager
def traced_statements(engine: Engine) -> Iterator[list[str]]:
    """Every statement SQLite runs on the engine's connections inside the block.

    Traced in the driver (with parameters expanded), not through SQLAlchemy events, so
    statements a catalog runs on the DBAPI cursor directly are seen as well.
    """
    statements: list[str] = []

    def trace(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.set_trace_callback(statements.append)

    engine.dispose()  # new connections, so that the listener sees them
    event.listen(engine, "connect", trace)
    try:
        yield statements
    finally:
        event.remove(engine, "connect", trace)
        engine.dispose()


def explain(path: Path, engine: Engine, case: Case) -> None:
    """Print the plan of each SELECT ``case`` runs (long statements shortened in the echo)."""
    with traced_statements(engine) as statements:
        case.run()
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        for statement in statements:
            if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            shown = " ".join(statement.split())
            print(f"    SQL: {shown[:500]}{' ...' if len(shown) > 500 else ''}")
            depths = {0: 0}
            for node, parent, _, detail in connection.execute(f"EXPLAIN QUERY PLAN {statement}"):
                depths[node] = depths.get(parent, 0) + 1
                print(f"    {'  ' * depths[node]}{detail}")


def _pragmas(pragmas: Sequence[str]) -> Callable[[sqlite3.Connection, Any], None]:
    """A connect hook running extra pragmas after the engine's own."""

    def run(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        for pragma in pragmas:
            dbapi_connection.execute(f"PRAGMA {pragma}")

    return run


def store_summary(path: Path) -> str:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        counts = {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("measure", "event", "source")
        }
        version = connection.execute("SELECT sqlite_version()").fetchone()[0]
    size = path.stat().st_size / 1_000_000
    return (
        f"store {path} ({size:,.0f} MB): {counts['measure']:,} measures, "
        f"{counts['event']:,} events, {counts['source']:,} sources; SQLite {version}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--runs", type=int, default=20, help="measured runs per query")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--only", default="", help="run the queries whose label contains this")
    parser.add_argument("--explain", action="store_true", help="plans of queries over budget")
    parser.add_argument("--catalog", type=Path, help="a file with a proposed Catalog class")
    parser.add_argument(
        "--pragma",
        action="append",
        default=[],
        help="an extra PRAGMA per connection to try, e.g. cache_size=-65536 (repeatable)",
    )
    args = parser.parse_args(argv)
    if not args.store.exists():
        parser.error(f"{args.store} does not exist: build it with bench/gen_corpus.py")
    if args.runs < 1:
        parser.error("--runs must be 1 or more")

    print(store_summary(args.store))
    catalog_class = load_catalog_class(args.catalog)
    engine = make_engine(args.store)
    if args.pragma:
        event.listen(engine, "connect", _pragmas(args.pragma))
    try:
        catalog = catalog_class(engine)
        ids_by_title = catalog.measure_ids(MeasureFilter(), today=args.today)
        cases = [
            c
            for c in build_cases(catalog, args.today, ids_by_title)
            if args.only in f"{c.group} {c.label}"
        ]
        print(
            f"{len(cases)} queries, 1 warm-up + {args.runs} measured runs each, "
            f"today = {args.today}, catalog = {args.catalog or 'lawtracker.services.catalog'}"
            f"{', extra pragmas ' + ', '.join(args.pragma) if args.pragma else ''}\n"
        )
        print(f"{'group':<9} {'query':<46} {'rows':>8} {'median':>9} {'p95':>9} {'min':>9}  budget")
        missed = []
        for case in cases:
            timing = measure(case, args.runs)
            budget = f"{case.budget_ms:.0f} ms" if case.budget_ms else "-"
            verdict = ("MISS" if timing.missed else "ok") if case.budget_ms else ""
            print(
                f"{case.group:<9} {case.label:<46} {timing.rows:>8,} "
                f"{timing.median_ms:>7.1f}ms {timing.p95_ms:>7.1f}ms {timing.min_ms:>7.1f}ms  "
                f"{budget} {verdict}",
                flush=True,
            )
            if timing.missed:
                missed.append(timing)
        print(f"\n{len(missed)} of {sum(1 for c in cases if c.budget_ms)} budgeted queries missed")
        print(f"load average at the end {os.getloadavg()[0]:.2f} (other processes skew figures)")
        if args.explain:
            for timing in missed:
                print(f"\n== {timing.case.label}")
                explain(args.store, engine, timing.case)
    finally:
        engine.dispose()
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
