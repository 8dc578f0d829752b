"""How fast the main window is on a 100,000-measure / 300,000-event store, offscreen.

Run: .venv/bin/python bench/gui.py [--db PATH] [--measures N] [--runs N]
Without ``--db`` it builds (once, then reuses) ``bench/out/gui-<N>.sqlite3`` with
``bench/gen_corpus.build_store``. Prints median and p95 milliseconds of:

- open: process start to the list's first painted frame (a fresh ``python`` each
  run, the real services and window), and in-process construct + show + paint;
- sort: clicking each column's header (SQL query, model reset, list repaint);
- filter: ticking one jurisdiction in the sidebar, then clearing it;
- search: the search text applied (the 200 ms debounce excluded) to the repainted list;
- timeline: one repaint of the timeline viewport after a pan or a zoom step.

Budgets (issue 3): open < 1.5 s, sort/filter < 200 ms, search < 100 ms, frame < 16 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as a script: make ``lawtracker`` importable
    sys.path.insert(0, str(REPO_ROOT))

from PySide6.QtCore import Qt  # noqa: E402 (after the platform is chosen)

BUDGETS_MS = {"open": 1500.0, "sort": 200.0, "filter": 200.0, "search": 100.0, "frame": 16.0}
ORDERS = {False: Qt.SortOrder.AscendingOrder, True: Qt.SortOrder.DescendingOrder}
SEARCHES = ["investment", "customs", "tax code", "amnesty", "licence", "pension", "energy"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(name: str, budget: str, times_ms: list[float], service_ms: list[float] = ()) -> bool:
    """One line per figure; ``service_ms``: the catalog query alone, to show who spends it."""
    median, p95 = statistics.median(times_ms), percentile(times_ms, 0.95)
    limit = BUDGETS_MS[budget]
    verdict = "ok" if p95 < limit else "OVER"
    share = f"   catalog alone {statistics.median(service_ms):6.1f} ms" if service_ms else ""
    print(
        f"{name:52s} median {median:7.1f} ms  p95 {p95:7.1f} ms  "
        f"budget {limit:5.0f} ms {verdict:4s} (n={len(times_ms)}){share}",
        flush=True,
    )
    return verdict == "ok"


def store_path(args: argparse.Namespace) -> Path:
    if args.db is not None:
        return args.db
    path = REPO_ROOT / "bench" / "out" / f"gui-{args.measures}.sqlite3"
    if not path.exists():
        sys.path.insert(0, str(REPO_ROOT / "bench"))
        from gen_corpus import build_store

        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"building {path} (about a minute for 100,000 measures)…", flush=True)
        print(build_store(path, measures=args.measures), flush=True)
    return path


# -- open: a fresh process each run -------------------------------------------------------


def child_open(db: Path) -> None:
    """The real start-up path minus ``exec()``: print the wall time of the first list paint."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from lawtracker.app import build_window
    from lawtracker.gui.settings import WindowSettings
    from lawtracker.services.store import open_store

    app = QApplication([])
    store = open_store(db)
    with tempfile.TemporaryDirectory() as tmp:
        window = build_window(store, settings=WindowSettings(Path(tmp) / "settings.ini"))
        painted: list[float] = []

        class FirstPaint(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint and not painted:
                    painted.append(time.time())
                    QTimer.singleShot(0, app.quit)
                return False

        spy = FirstPaint()
        window.list_pane.table.viewport().installEventFilter(spy)
        window.show()
        app.exec()
        window.close()
    store.dispose()
    print(f"painted {painted[0]!r}", flush=True)


def bench_process_open(db: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.time()
        result = subprocess.run(
            [sys.executable, __file__, "--child-open", str(db)],
            capture_output=True,
            text=True,
            check=True,
        )
        line = next(x for x in result.stdout.splitlines() if x.startswith("painted "))
        times.append((float(line.split()[1]) - started) * 1000)
    return times


# -- in-process measurements ------------------------------------------------------------------


def timed(action: Callable[[], object], settle: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    settle()
    return (time.perf_counter() - started) * 1000


def bench_in_process(db: Path, runs: int) -> bool:
    from PySide6.QtWidgets import QApplication

    from lawtracker.app import build_window, freeze_startup_objects
    from lawtracker.gui.models.measure_table import COLUMNS
    from lawtracker.gui.self_check import wait_until
    from lawtracker.gui.settings import WindowSettings
    from lawtracker.services.store import open_store

    app = QApplication.instance() or QApplication([])
    store = open_store(db)
    tmp = Path(tempfile.mkdtemp(prefix="lawtracker-bench-"))
    ok = True

    def new_window():
        window = build_window(store, settings=WindowSettings(tmp / "settings.ini"))
        window.startupFinished.connect(freeze_startup_objects)  # as lawtracker.app does
        window.resize(1600, 1000)
        return window

    opens = []
    for _ in range(max(3, runs // 4)):
        started = time.perf_counter()
        window = new_window()
        window.show()
        app.processEvents()
        window.list_pane.table.viewport().repaint()
        opens.append((time.perf_counter() - started) * 1000)
        wait_until(lambda w=window: not w.timeline_pane.is_loading(), 60)
        window.close()
    ok &= report("open: construct + show + paint (in-process)", "open", opens)

    window = new_window()
    window.show()
    wait_until(lambda: not window.timeline_pane.is_loading(), 60)
    table = window.list_pane.table
    header = table.horizontalHeader()
    print(f"store: {window.total:,} measures; list shows {window.model.rowCount():,}", flush=True)
    service = spy_on_measure_ids(window.catalog)

    def run(action: Callable[[], object], prepare: Callable[[], object] = lambda: None) -> float:
        # The timeline reloads on the reader thread after each change; let it finish so
        # it does not compete (for the GIL) with the next measurement.
        wait_until(lambda: not window.timeline_pane.is_loading(), 60)
        prepare()
        return timed(action, table.viewport().repaint)

    for column, (_sort, title) in COLUMNS.items():
        service.clear()
        times = [
            run(lambda c=column, d=bool(i % 2): header.setSortIndicator(c, ORDERS[d]))
            for i in range(runs)
        ]
        ok &= report(f"sort by {title.lower()}", "sort", times, service)
    header.setSortIndicator(0, ORDERS[False])

    jurisdictions = window.sidebar.jurisdiction_list
    ticked, cleared, service_ticked, service_cleared = [], [], [], []
    for i in range(runs):
        item = jurisdictions.item(i % jurisdictions.count())
        service.clear()
        ticked.append(run(lambda it=item: it.setCheckState(Qt.CheckState.Checked)))
        service_ticked += service
        service.clear()
        cleared.append(run(lambda it=item: it.setCheckState(Qt.CheckState.Unchecked)))
        service_cleared += service
    ok &= report("filter: tick one jurisdiction", "filter", ticked, service_ticked)
    ok &= report("filter: clear it again", "filter", cleared, service_cleared)

    searches, clears, service_searches, service_clears = [], [], [], []
    for i in range(runs):
        word = SEARCHES[i % len(SEARCHES)]
        service.clear()
        searches.append(run(window.search.flush, lambda w=word: window.search.setText(w)))
        service_searches += service
        service.clear()
        clears.append(run(window.search.flush, lambda: window.search.setText("")))
        service_clears += service
    ok &= report("search: text applied to list repainted", "search", searches, service_searches)
    ok &= report("search: cleared to list repainted", "search", clears, service_clears)

    ok &= bench_timeline(window, runs)
    window.close()
    store.dispose()
    return ok


def spy_on_measure_ids(catalog) -> list[float]:
    """Record how long each ``catalog.measure_ids`` call takes (the SQL share of a figure)."""
    calls: list[float] = []
    query = catalog.measure_ids

    def measure_ids(*args, **kwargs):
        started = time.perf_counter()
        try:
            return query(*args, **kwargs)
        finally:
            calls.append((time.perf_counter() - started) * 1000)

    catalog.measure_ids = measure_ids
    return calls


def scroller(bar, pixels: int) -> Callable[[], None]:
    return lambda: bar.setValue(bar.value() + pixels)


def bench_timeline(window, runs: int) -> bool:
    from lawtracker.gui.self_check import wait_until

    window.show_panes(list_pane=False, timeline=True)
    wait_until(lambda: not window.timeline_pane.is_loading(), 60)
    view = window.timeline_pane.view
    lanes = view.lanes()
    items = sum(len(lane.points) + len(lane.bars) for lane in lanes)
    print(f"timeline: {items:,} items on {len(lanes)} lanes", flush=True)
    repaint = view.viewport().repaint
    ok = True
    for mode in ("jurisdiction", "measure"):
        window.timeline_pane.set_lane_mode(mode)
        view.fit_all()
        for _ in range(3):  # warm up: marker pixmaps are rendered on first use
            repaint()
        pan = scroller(view.horizontalScrollBar(), 37)
        pans = [timed(pan, repaint) for _ in range(runs * 3)]
        ok &= report(f"timeline ({mode} lanes): pan, whole range", "frame", pans)
        zooms = []
        for step in range(runs * 2):
            zoom = view.zoom_in if (step // 6) % 2 == 0 else view.zoom_out
            zooms.append(timed(zoom, repaint))
        ok &= report(f"timeline ({mode} lanes): zoom step", "frame", zooms)
        for _ in range(8):
            view.zoom_in()
        view.go_to_today()
        pans = [timed(pan, repaint) for _ in range(runs * 3)]
        name = f"timeline ({mode} lanes): pan, zoomed in ({view.tick_unit()})"
        ok &= report(name, "frame", pans)
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: build one)")
    parser.add_argument("--measures", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20, help="runs per figure")
    parser.add_argument("--child-open", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_open is not None:
        child_open(args.child_open)
        return 0
    db = store_path(args)
    print(f"store: {db} ({db.stat().st_size / 1e6:.0f} MB), {args.runs} runs per figure")
    ok = report("open: process start to painted list", "open", bench_process_open(db, 7))
    ok &= bench_in_process(db, args.runs)
    print("every figure within budget" if ok else "some figures are over budget")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
