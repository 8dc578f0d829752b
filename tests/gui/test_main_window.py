"""The main window end to end: real widgets over a real SQLite store made from the seeds."""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
)

from lawtracker import __version__
from lawtracker.app import show_window
from lawtracker.domain.annotations import AnnotationInput
from lawtracker.domain.enums import Instrument, Language
from lawtracker.gui.export_flow import CSV_FILTER
from lawtracker.gui.main_window import MainWindow
from lawtracker.gui.measure_list import NO_MATCH, NO_MEASURES
from lawtracker.gui.models.measure_table import COL_SIGNED
from lawtracker.gui.settings import WindowSettings
from lawtracker.gui.views.fact_lists import SPAN_ROLE
from lawtracker.services.annotations import Annotations
from lawtracker.services.catalog import Catalog
from lawtracker.services.export import export_csv, export_json
from lawtracker.services.importing import FileResult, FileStatus, Importer, IngestReport
from lawtracker.services.store import open_store

TODAY = dt.date(2025, 12, 10)
DECREE = "az/decree/1913"
NEWSLETTER = """Legislative Update Newsletter

March 4, 2024

1. Amendments to the Law on Tourism were adopted

Document: Law No. 1234-VIQD of the Republic of Azerbaijan on amendments to the Law "On Tourism"

Date of signing: February 20, 2024

Commentary: According to the Law, tour operators must hold a financial guarantee of at least
AZN 50 000. The Law enters into force on April 1, 2024.
"""

WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "window-settings.ini"


@pytest.fixture
def make_window(qtbot, seeded_engine, seeded_db: Path, settings_path: Path) -> WindowFactory:
    """Open a real window on the private seeded store; every call opens a new one."""

    def exporter(fmt: str, ids: Sequence[int]) -> str:
        return export_json(seeded_engine, ids) if fmt == "json" else export_csv(seeded_engine, ids)

    def make(*, engine=seeded_engine, importer=None) -> MainWindow:
        window = MainWindow(
            None,
            catalog=Catalog(engine),
            importer=importer or Importer(engine),
            settings=WindowSettings(settings_path),
            store_location=str(seeded_db),
            exporter=exporter,
            today=TODAY,
        )
        qtbot.addWidget(window)
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: not window.timeline_pane.is_loading())
        return window

    return make


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    return make_window()


def keys(window: MainWindow) -> list[str]:
    return [row.key for row in window.catalog.measure_rows(window.model.ids(), today=TODAY)]


def measure_id(window: MainWindow, key: str) -> int:
    found = window.catalog.measure_id_for_key(key)
    assert found is not None, key
    return found


def click_row(qtbot, window: MainWindow, key: str) -> None:
    table = window.list_pane.table
    row = window.model.row_of_id(measure_id(window, key))
    assert row is not None
    table.scrollTo(window.model.index(row, 0))
    rect = table.visualRect(window.model.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def check(widget: QListWidget, texts: Iterable[str]) -> None:
    wanted = set(texts)
    for row in range(widget.count()):
        item = widget.item(row)
        if item.text() in wanted or any(item.text().startswith(t) for t in wanted):
            item.setCheckState(Qt.CheckState.Checked)


def tree_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    found = []
    for top in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(top)
        found += [item] + [item.child(c) for c in range(item.childCount())]
    return found


# -- list, detail and the shared selection -------------------------------------------------


def test_selecting_a_row_fills_the_detail(qtbot, window: MainWindow) -> None:
    assert window.detail.detail() is None
    click_row(qtbot, window, DECREE)
    detail = window.detail.detail()
    assert detail is not None and detail.key == DECREE
    assert "No. 1913" in window.detail.meta_label.text()
    assert window.timeline_pane.view.selected_measure() == detail.id
    assert window.count_label.text() == "16 / 16 measures"


def test_search_narrows_the_list_and_clearing_restores_it(qtbot, window: MainWindow) -> None:
    total = window.model.rowCount()
    window.actions.find.trigger()
    assert window.search.hasFocus()
    qtbot.keyClicks(window.search, "tobacco")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert keys(window) == ["az/law/622-viqd"]
    click_row(qtbot, window, "az/law/622-viqd")
    marked = {s.cursor.selectedText().lower() for s in window.detail.text_edit.extraSelections()}
    assert "tobacco" in marked
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.model.rowCount() == total)
    assert window.detail.detail() is not None  # the selection survives the refresh


@pytest.mark.parametrize(
    ("apply", "included", "excluded"),
    [
        (lambda w: check(w.sidebar.jurisdiction_list, ["KZ"]), "kz/", DECREE),
        (lambda w: check(w.sidebar.instrument_list, ["Decree"]), DECREE, "az/law/619-viqd"),
        (lambda w: check(w.sidebar.source_list, ["Written declaration"]), "kz/declaration", DECREE),
        (lambda w: (w.sidebar.year_from.setValue(2025), w.sidebar.year_to.setValue(2025)),
         "kz/amnesty_act/2025-06-23", DECREE),
        (lambda w: (w.sidebar.as_of_check.setChecked(True),
                    w.sidebar.as_of_date.setDate(QDate(2022, 12, 10))),
         "az/law/622-viqd", DECREE),
    ],
    ids=["jurisdiction", "instrument", "source", "year-range", "as-of"],
)  # fmt: skip
def test_each_filter_narrows_the_list(window: MainWindow, apply, included, excluded) -> None:
    total = window.model.rowCount()
    apply(window)
    shown = keys(window)
    assert 0 < len(shown) < total
    assert any(key.startswith(included) for key in shown)
    assert excluded not in shown
    assert window.count_label.text() == f"{len(shown)} / {total} measures"


def test_as_of_filters_the_timeline_too(qtbot, window: MainWindow) -> None:
    window.sidebar.as_of_check.setChecked(True)
    window.sidebar.as_of_date.setDate(QDate(2022, 12, 10))
    qtbot.waitUntil(lambda: not window.timeline_pane.is_loading())
    on_timeline = {
        item.measure_id
        for lane in window.timeline_pane.view.lanes()
        for item in lane.points + lane.bars
    }
    assert on_timeline and on_timeline <= set(window.model.ids())


def test_clicking_a_fact_moves_the_text_cursor_to_its_span(qtbot, window: MainWindow) -> None:
    window.select_measure(measure_id(window, DECREE))
    detail = window.detail.detail()
    tree = window.detail.quantities_table
    window.detail.fact_tabs.setCurrentWidget(tree)
    item = next(i for i in tree_items(tree) if i.data(0, SPAN_ROLE) is not None)
    span = item.data(0, SPAN_ROLE)
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)  # wide: a long condition; click its first cell
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 8, rect.center().y())
    )
    cursor = window.detail.text_edit.textCursor()
    source = detail.texts[span.lang]
    assert cursor.selectionStart() == span.start - source.start
    assert cursor.selectedText() == source.text[span.start - source.start : span.end - source.start]


def test_language_switch_changes_the_decree_text(window: MainWindow) -> None:
    window.select_measure(measure_id(window, DECREE))
    detail = window.detail.detail()
    assert window.detail.language_switch.isEnabled()
    english = window.detail.text_edit.toPlainText()
    assert english == detail.texts[Language.EN].text
    switch = window.detail.language_switch
    switch.setCurrentIndex(switch.findData(Language.AZ))
    assert window.detail.text_edit.toPlainText() == detail.texts[Language.AZ].text != english


def test_a_link_in_the_detail_selects_that_measure(window: MainWindow) -> None:
    target = measure_id(window, "az/decree/1905")
    window.select_measure(measure_id(window, DECREE))
    window.detail.measureActivated.emit(target)
    current = window.list_pane.table.currentIndex()
    assert window.model.id_at(current.row()) == target
    assert window.detail.detail().id == target


def test_clicking_a_timeline_item_selects_its_row(qtbot, window: MainWindow) -> None:
    window.select_measure(measure_id(window, DECREE))
    view = window.timeline_pane.view
    view.fit_all()
    target = next(i for lane in view.lanes() for i in lane.points if i.jurisdiction == "KZ")
    pos = view.mapFromScene(view.item_scene_pos(target))
    with qtbot.waitSignal(view.measureClicked) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    clicked = blocker.args[0]
    current = window.list_pane.table.currentIndex()
    assert window.model.id_at(current.row()) == clicked
    assert window.detail.detail().jurisdiction == "KZ"


def test_zooming_changes_the_axis_ticks(window: MainWindow) -> None:
    view = window.timeline_pane.view
    window.timeline_pane.fit_action.trigger()
    assert view.tick_unit() == "year"
    for _ in range(30):
        window.timeline_pane.zoom_in_action.trigger()
        if view.tick_unit() != "year":
            break
    assert view.tick_unit() == "month"
    window.timeline_pane.fit_action.trigger()
    assert view.tick_unit() == "year"


def test_due_soon_lists_coming_dates_and_opens_them(qtbot, window: MainWindow) -> None:
    panel = window.due_panel
    rows = [panel.measure_at(r) for r in range(panel.tree.topLevelItemCount())]
    decree = measure_id(window, DECREE)
    assert decree in rows  # its certificate window closes on 2026-01-01
    assert window.startup_due_notice() == f"{len(rows)} dates due in the next 30 days"
    check(window.sidebar.jurisdiction_list, ["KZ"])
    item = panel.tree.topLevelItem(rows.index(decree))
    panel.tree.itemActivated.emit(item, 0)
    assert window.detail.detail().id == decree
    assert "not in the list" in window.statusBar().currentMessage()
    panel.days_box.setValue(1)
    assert panel.tree.topLevelItemCount() == 0 and panel.empty_label.isVisibleTo(panel)


def unshown_window(qtbot, engine, db: Path, settings_path: Path) -> MainWindow:
    """A window as the composition root builds it, not shown yet (so not painted)."""
    window = MainWindow(
        None,
        catalog=Catalog(engine),
        importer=None,
        settings=WindowSettings(settings_path),
        store_location=str(db),
        today=TODAY,
        annotations=Annotations(engine),
    )
    qtbot.addWidget(window)
    window.resize(1400, 900)
    return window


def test_the_sidebar_tags_and_due_dates_are_filled_after_the_first_paint(
    qtbot, seeded_engine, seeded_db: Path, settings_path: Path
) -> None:
    Annotations(seeded_engine).create(DECREE, AnnotationInput(tags=("customs",)))
    window = unshown_window(qtbot, seeded_engine, seeded_db, settings_path)
    # Built but not painted: the list is ready, the rest waits for the first paint.
    assert window.model.rowCount() == window.total > 0
    assert window.startup_pending()
    assert window.sidebar.jurisdiction_list.count() == 0
    assert window.sidebar.tag_list.count() == 0
    assert window.due_panel.tree.topLevelItemCount() == 0
    with qtbot.waitSignal(window.startupFinished):
        window.show()
    assert not window.startup_pending()
    jurisdictions = window.sidebar.jurisdiction_list
    assert {jurisdictions.item(r).text() for r in range(jurisdictions.count())} >= {"AZ", "KZ"}
    assert window.sidebar.tag_list.item(0).text() == "customs"
    assert measure_id(window, DECREE) in [
        window.due_panel.measure_at(r) for r in range(window.due_panel.tree.topLevelItemCount())
    ]
    qtbot.waitUntil(lambda: not window.timeline_pane.is_loading())
    assert window.timeline_pane.view.lanes()
    window.close()


def test_the_due_notice_follows_the_first_paint(
    qtbot, seeded_engine, seeded_db: Path, settings_path: Path, monkeypatch
) -> None:
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))  # not in the test process
    window = unshown_window(qtbot, seeded_engine, seeded_db, settings_path)
    show_window(window)
    qtbot.waitUntil(lambda: "due in the next 30 days" in window.statusBar().currentMessage())
    assert frozen == [True]  # start-up objects leave the full collections
    window.close()
    unpainted = unshown_window(qtbot, seeded_engine, seeded_db, settings_path)
    # Asked before the first paint, the notice reads the due dates itself.
    assert unpainted.startup_due_notice() == window.startup_due_notice()
    assert not unpainted.startup_pending()


def test_a_saved_filter_on_facets_is_restored_before_the_first_paint(
    qtbot, make_window: WindowFactory, seeded_engine, seeded_db: Path, settings_path: Path
) -> None:
    first = make_window()
    check(first.sidebar.jurisdiction_list, ["KZ"])
    kz = keys(first)
    first.close()
    again = unshown_window(qtbot, seeded_engine, seeded_db, settings_path)
    assert again.filter.jurisdictions == {"KZ"} and keys(again) == kz
    assert again.sidebar.current_filter().jurisdictions == {"KZ"}


def test_empty_states_say_what_to_do(
    qtbot, window: MainWindow, make_window, tmp_path, monkeypatch
) -> None:
    window.search.setText("nosuchwordanywhere")
    window.search.flush()
    assert window.list_pane.is_empty_shown()
    assert window.list_pane.empty_label.text() == NO_MATCH
    qtbot.mouseClick(window.list_pane.empty_button, Qt.MouseButton.LeftButton)
    assert window.model.rowCount() == 16 and window.search.text() == ""

    store = open_store(tmp_path / "empty.sqlite3")
    try:
        empty = make_window(engine=store.engine)
        assert empty.list_pane.empty_label.text() == NO_MEASURES
        asked = []
        monkeypatch.setattr(
            QFileDialog, "getOpenFileNames", lambda *a, **k: asked.append(a) or ([], "")
        )
        qtbot.mouseClick(empty.list_pane.empty_button, Qt.MouseButton.LeftButton)
        assert asked, "the empty state's button opens the import dialog"
        empty.close()
    finally:
        store.dispose()


# -- import and export ---------------------------------------------------------------------


def test_import_adds_measures_and_names_the_bad_file(
    qtbot, window: MainWindow, tmp_path, monkeypatch
) -> None:
    good = tmp_path / "tourism-update.txt"
    good.write_text(NEWSLETTER, encoding="utf-8")
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(good), str(bad)], "Documents")
    )
    window.actions.import_files.trigger()
    qtbot.waitUntil(lambda: window.import_flow.summary_dialog is not None, timeout=20_000)
    text = window.import_flow.summary_dialog.text()
    assert "empty.txt: the file is empty" in text
    assert "tourism-update.txt" in text and "Traceback" not in text
    assert "az/law/1234-viqd" in keys(window)
    assert window.count_label.text() == "17 / 17 measures"
    assert window.actions.import_files.isEnabled()
    assert window.state.last_import_dir == str(tmp_path)
    window.import_flow.summary_dialog.close_button.click()


class SlowImporter:
    """Imports nothing, one file at a time, each only when the test lets it."""

    def __init__(self) -> None:
        self.go_on = threading.Event()

    def suffixes(self) -> list[str]:
        return [".txt"]

    def run(self, paths, *, progress=None, cancel=None) -> IngestReport:
        report = IngestReport()
        files = list(paths)
        for index, path in enumerate(files):
            if cancel():
                report.cancelled = True
                break
            progress(index, len(files), path.name)
            assert self.go_on.wait(10)
            self.go_on.clear()
            report.results.append(FileResult(path, FileStatus.UNCHANGED, "already in the store"))
        return report


def test_import_can_be_cancelled_while_the_window_works(qtbot, make_window, monkeypatch) -> None:
    importer = SlowImporter()
    window = make_window(importer=importer)
    names = ["a.txt", "b.txt", "c.txt"]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (names, ""))
    window.actions.import_files.trigger()
    flow = window.import_flow
    qtbot.waitUntil(lambda: "Reading a.txt (1 of 3)" in flow.progress_dialog.labelText())
    assert not window.actions.import_files.isEnabled()
    window.select_measure(measure_id(window, DECREE))  # the window answers meanwhile
    cancel = next(b for b in flow.progress_dialog.findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    importer.go_on.set()
    qtbot.waitUntil(lambda: flow.summary_dialog is not None)
    assert flow.summary_dialog.windowTitle() == "Import cancelled"
    assert "a.txt" in flow.summary_dialog.text() and "b.txt" not in flow.summary_dialog.text()


def test_export_writes_the_listed_measures(
    qtbot, window: MainWindow, tmp_path, monkeypatch
) -> None:
    check(window.sidebar.instrument_list, ["Decree"])
    target = tmp_path / "decrees"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), CSV_FILTER))
    window.actions.export.trigger()
    written = tmp_path / "decrees.csv"
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage())
    lines = written.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("key,title") and len(lines) == 1 + window.model.rowCount()


# -- settings ------------------------------------------------------------------------------


def test_settings_survive_closing_and_reopening(qtbot, make_window: WindowFactory) -> None:
    first = make_window()
    header = first.list_pane.table.horizontalHeader()
    for _ in range(2):  # ascending, then descending
        x = header.sectionViewportPosition(COL_SIGNED) + header.sectionSize(COL_SIGNED) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    check(first.sidebar.instrument_list, ["Law", "Decree"])
    first.search.setText("amendments")
    first.search.flush()
    first.workspace.setSizes([500, 800])
    sizes = first.workspace.sizes()
    first.timeline_pane.set_lane_mode("measure")
    shown = first.model.ids()
    assert 0 < len(shown) < 16
    first.close()

    second = make_window()
    header = second.list_pane.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        COL_SIGNED,
        Qt.SortOrder.DescendingOrder,
    )
    assert second.filter.instruments == {Instrument.LAW, Instrument.DECREE}
    assert second.search.text() == "amendments"
    assert second.model.ids() == shown
    assert second.workspace.sizes() == sizes
    assert second.timeline_pane.view.lane_mode() == "measure"
    assert second.actions.lane_modes["measure"].isChecked()


def test_view_toggles_keep_one_pane(window: MainWindow) -> None:
    window.actions.show_timeline.trigger()
    assert not window.timeline_pane.isVisible() and window.workspace.isVisible()
    window.actions.show_list.trigger()  # hiding the last pane brings the other back
    assert window.timeline_pane.isVisible() and not window.workspace.isVisible()
    assert window.actions.show_timeline.isChecked()
    window.actions.show_list.trigger()
    assert window.workspace.isVisible()


def test_shortcuts_reach_the_actions(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    window.list_pane.table.setFocus()
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert not window.timeline_pane.isVisible()
    shortcuts = {a.shortcut().toString() for a in window.findChildren(QAction) if a.shortcut()}
    assert {"Ctrl+O", "Ctrl+Q", "Ctrl+F", "Ctrl+Shift+E", "Ctrl+1", "Ctrl+2", "Ctrl+3"} <= shortcuts


def test_import_a_folder(qtbot, window: MainWindow, tmp_path, monkeypatch) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "tourism-update.txt").write_text(NEWSLETTER, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    window.actions.import_folder.trigger()
    qtbot.waitUntil(lambda: window.import_flow.summary_dialog is not None, timeout=20_000)
    assert "Added (1)" in window.import_flow.summary_dialog.text()
    assert window.state.last_import_dir == str(folder)
    assert "1 measures written" in window.statusBar().currentMessage()


def test_about_names_version_database_and_counts(window: MainWindow, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    window.actions.about.trigger()
    assert len(shown) == 1
    assert f"lawtracker {__version__}" in shown[0]
    assert window.store_location in shown[0] and "Measures: 16" in shown[0]
