"""``lawtracker --self-check``: drive the real window on the seeds and check what it shows.

Each check prints one line (``ok`` or ``FAIL``); the run passes only if all do.
The same run writes the screenshots kept in ``docs/screenshots/``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from PySide6.QtWidgets import QApplication

from lawtracker.domain.catalog import MeasureFilter, SortColumn
from lawtracker.domain.enums import Instrument
from lawtracker.gui.catalog_port import CatalogPort
from lawtracker.gui.main_window import MainWindow

EXPECTED_NUMBER = "1913"
EXPECTED_INSTRUMENT = Instrument.DECREE
SCREENSHOT_SIZE = (1600, 1000)


def find_measure(catalog: CatalogPort, window: MainWindow) -> int | None:
    """The id of Decree No. 1913, looked up through the catalog like any user query."""
    decrees = MeasureFilter(instruments=frozenset({EXPECTED_INSTRUMENT}))
    ids = catalog.measure_ids(decrees, SortColumn.NUMBER, False, today=window.today)
    rows = catalog.measure_rows(ids, today=window.today)
    return next((row.id for row in rows if row.number == EXPECTED_NUMBER), None)


def wait_until(predicate: Callable[[], bool], timeout_s: float = 15.0) -> bool:
    """Process events until ``predicate`` holds (the timeline loads in the background)."""
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            return False
        QApplication.processEvents()
        time.sleep(0.01)
    QApplication.processEvents()
    return True


class _Checks:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.passed = True

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        self.passed &= ok
        suffix = f" ({detail})" if detail else ""
        print(f"{'ok  ' if ok else 'FAIL'}  {name}{suffix}", file=self.out, flush=True)
        return ok


def run_self_check(window: MainWindow, *, screenshots: Path | None, out: TextIO) -> bool:
    """Select Decree No. 1913 and check the list, the detail and the timeline agree."""
    checks = _Checks(out)
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    window.show_panes(list_pane=True, timeline=False)
    # Painted, then the sidebar and due dates filled in (see MainWindow.finish_startup).
    wait_until(lambda: window.isVisible() and not window.startup_pending())
    measure_id = find_measure(window.catalog, window)
    if not checks.check("the catalog finds Decree No. 1913", measure_id is not None):
        return False
    assert measure_id is not None
    checks.check("the window selects it", window.select_measure(measure_id))
    table = window.list_pane.table
    current = table.currentIndex()
    listed = current.isValid() and window.model.id_at(current.row()) == measure_id
    selected = table.selectionModel().isRowSelected(current.row()) if listed else False
    checks.check("the list selects its row", listed and selected, f"row {current.row()}")
    detail = window.detail.detail()
    shown = detail is not None and detail.id == measure_id
    title_ok = EXPECTED_NUMBER in _detail_text(window) if shown else False
    checks.check("the detail shows it", shown and title_ok, _detail_text(window))
    if screenshots is not None:
        _save(window, screenshots / "list-detail.png", checks)

    # The timeline under the list, one lane per measure: the shared selection in both.
    window.show_panes(list_pane=True, timeline=True)
    window.central.setSizes([400, 560])  # room for every seed measure's lane
    window.timeline_pane.set_lane_mode("measure")
    loaded = wait_until(lambda: not window.timeline_pane.is_loading())
    checks.check("the timeline loads", loaded)
    view = window.timeline_pane.view
    view.fit_all()
    window.select_measure(measure_id)
    on_lane = any(lane.by_measure.get(measure_id) for lane in view.lanes())
    checks.check(
        "the timeline highlights it",
        view.selected_measure() == measure_id and on_lane,
        f"{len(view.lanes())} lanes",
    )
    if screenshots is not None:
        _save(window, screenshots / "timeline.png", checks)
    return checks.passed


def _detail_text(window: MainWindow) -> str:
    return f"{window.detail.title_label.text()} · {window.detail.meta_label.text()}"


def _save(window: MainWindow, path: Path, checks: _Checks) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    saved = window.grab().save(str(path), "PNG")
    checks.check(f"wrote {path}", saved and path.stat().st_size > 0)
