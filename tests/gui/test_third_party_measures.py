"""The real window on what the rebuilt extractor stores: international bodies, roles,
low confidence, yearless dates, Russian text, and files kept without a measure.

Real widgets, offscreen, over a real SQLite store: the seeds plus a hand-built
PACE document given to the writer.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QTreeWidget

from lawtracker.domain.enums import Language
from lawtracker.gui.dialogs.import_summary import ImportSummaryDialog
from lawtracker.gui.main_window import MainWindow
from lawtracker.gui.models.measure_table import COL_JURISDICTION
from lawtracker.gui.settings import WindowSettings
from lawtracker.services.catalog import Catalog
from lawtracker.services.export import export_json
from lawtracker.services.importing import Importer
from tests.storage.draft_samples import LAW_KEY, PACE_KEY, RU_KEY, pace_source, store

TODAY = dt.date(2026, 5, 20)  # five days before a yearless "May 25": never due


@pytest.fixture
def window(qtbot, seeded_engine, seeded_db: Path, tmp_path: Path) -> MainWindow:
    store(seeded_engine, pace_source())
    window = MainWindow(
        None,
        catalog=Catalog(seeded_engine),
        importer=Importer(seeded_engine),
        settings=WindowSettings(tmp_path / "window-settings.ini"),
        store_location=str(seeded_db),
        exporter=lambda fmt, ids: export_json(seeded_engine, ids),
        today=TODAY,
    )
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.timeline_pane.is_loading())
    return window


def _id(window: MainWindow, key: str) -> int:
    found = window.catalog.measure_id_for_key(key)
    assert found is not None
    return found


def _cells(tree: QTreeWidget, column: int) -> list[str]:
    return [tree.topLevelItem(i).text(column) for i in range(tree.topLevelItemCount())]


def _screenshot(widget, name: str) -> None:
    """Saved when LAWTRACKER_SCREENSHOTS names a folder, to look at by eye."""
    folder = os.environ.get("LAWTRACKER_SCREENSHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / name))


def test_the_list_and_the_detail_call_a_measure_of_no_country_international(
    window: MainWindow,
) -> None:
    row = window.model.row_of_id(_id(window, PACE_KEY))
    assert row is not None
    cell = window.model.index(row, COL_JURISDICTION)
    assert window.model.data(cell, Qt.ItemDataRole.DisplayRole) == "International"

    window.select_measure(_id(window, PACE_KEY))
    detail = window.detail
    assert detail.meta_label.text().endswith(" · International")
    assert detail.role_label.text() == (
        "Role: Primary · low confidence: check against the source (confidence 45%)"
    )
    assert detail.role_label.font().bold()
    assert detail.meta_label.textFormat() == Qt.TextFormat.PlainText
    _screenshot(window, "international-measure.png")


def test_filtering_on_international_in_the_sidebar(window: MainWindow) -> None:
    facet = window.sidebar.jurisdiction_list
    names = [facet.item(i).text() for i in range(facet.count())]
    assert names[-1] == "International" and "AZ" in names
    total = window.model.rowCount()

    facet.item(names.index("International")).setCheckState(Qt.CheckState.Checked)

    assert window.sidebar.current_filter().jurisdictions == frozenset({None})
    rows = window.catalog.measure_rows(window.model.ids())
    assert _id(window, PACE_KEY) in window.model.ids()
    assert all(row.jurisdiction is None for row in rows)
    facet.item(names.index("KZ")).setCheckState(Qt.CheckState.Checked)
    shown = window.catalog.measure_rows(window.model.ids())
    assert {PACE_KEY, RU_KEY} <= {row.key for row in shown}
    assert {row.jurisdiction for row in shown} == {None, "KZ"}
    assert window.model.rowCount() < total
    # The filter survives being saved as settings and read back.
    from lawtracker.gui.settings import filter_from_json, filter_to_json

    saved = window.sidebar.current_filter()
    assert filter_from_json(filter_to_json(saved)).jurisdictions == saved.jurisdictions


def test_a_yearless_date_reads_as_such_and_is_never_on_the_timeline_or_due(
    window: MainWindow,
) -> None:
    law = _id(window, LAW_KEY)
    window.select_measure(law)
    detail = window.detail
    assert detail.role_label.text() == "Role: Referenced"
    assert not detail.role_label.font().bold()
    dates = _cells(detail.events_table, 1)
    assert dates == ["25 May (year not stated)"]
    assert all(item.measure_id != law for item in window.catalog.timeline_items())
    due = window.due_panel.tree
    assert all(LAW_KEY not in due.topLevelItem(i).text(0) for i in range(due.topLevelItemCount()))
    row = window.model.row_of_id(law)
    assert row is not None
    in_force = window.model.index(row, 5)
    assert window.model.data(in_force, Qt.ItemDataRole.DisplayRole) == "—"
    _screenshot(window.detail, "month-day-detail.png")


def test_russian_text_shows_like_the_other_languages(window: MainWindow) -> None:
    window.select_measure(_id(window, RU_KEY))
    detail = window.detail

    assert detail.shown_language() is Language.RU
    assert detail.language_switch.currentText() == "Russian"
    assert detail.text_edit.toPlainText() == "Закон № 55 о порядке амнистии"
    assert detail.role_label.text() == "Role: Mentioned"


def test_import_lists_kept_files_apart_and_opens_them(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    kept = tmp_path / "minutes.txt"
    kept.write_text("Minutes of the lunch meeting. We ate soup.\n", encoding="utf-8")
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(kept), str(bad)], "Documents")
    )

    window.actions.import_files.trigger()
    qtbot.waitUntil(lambda: window.import_flow.summary_dialog is not None, timeout=20_000)

    dialog: ImportSummaryDialog = window.import_flow.summary_dialog
    assert dialog.kept_box.isVisible()
    assert dialog.kept_paths() == [kept]
    text = dialog.text()
    assert "1 kept with no measure found, to review" in text
    assert "Kept without a measure (searchable; review them) (1):" in text
    assert "minutes.txt: kept, no measure found: review it" in text
    assert "empty.txt: the file is empty" in text
    assert "kept" in window.statusBar().currentMessage()
    opened: list[Path] = []
    dialog.opener = opened.append
    dialog.open_button.click()
    assert opened == [kept]
    _screenshot(dialog, "import-kept.png")
    dialog.close_button.click()
    # The kept file is a source the sidebar offers, though no measure names it.
    sources = window.sidebar.source_list
    names = [sources.item(i).text() for i in range(sources.count())]
    assert any("minutes.txt" in name for name in names)


def test_a_summary_without_kept_files_hides_their_list(qtbot) -> None:
    from lawtracker.services.importing import IngestReport

    dialog = ImportSummaryDialog(None, IngestReport())
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.kept_box.isVisible()


def test_third_party_documents_go_in_through_the_window_with_their_measures(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    """Documents in the layouts of other publishers (written here) through File ▸ Import."""
    from tests.ingestion.written_docs import COE_RESOLUTION, RU_DECREE, UN_REPORT, WEB_PAGE

    files = []
    for name, text in (
        ("cat-georgia.txt", UN_REPORT),
        ("pace-rivers.txt", COE_RESOLUTION),
        ("uz-decree-ru.txt", RU_DECREE),
        ("ministry-page.txt", WEB_PAGE),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (files, "Documents"))

    window.actions.import_files.trigger()
    qtbot.waitUntil(lambda: window.import_flow.summary_dialog is not None, timeout=20_000)
    summary = window.import_flow.summary_dialog.text()
    assert summary.startswith("4 files read, 6 measures written.")
    assert "Added (4):" in summary and "Traceback" not in summary
    window.import_flow.summary_dialog.close_button.click()

    report = _id(window, "ge/report/cat-c-geo-co-4")
    resolution = _id(window, "int/resolution/2600-2025")
    decree = _id(window, "uz/decree/up-45")
    assert _id(window, "az/resolution/77")
    row = window.model.row_of_id(resolution)
    assert row is not None
    cell = window.model.index(row, COL_JURISDICTION)
    assert window.model.data(cell, Qt.ItemDataRole.DisplayRole) == "International"

    window.select_measure(report)
    assert window.detail.role_label.text().startswith("Role: Primary")
    events = window.catalog.measure_detail(report).events
    assert {(e.kind.value, e.date) for e in events if e.date} >= {
        ("published", dt.date(2024, 6, 3)),
        ("adopted", dt.date(2024, 5, 20)),
    }
    window.select_measure(decree)
    assert window.catalog.measure_detail(decree).jurisdiction == "UZ"
    _screenshot(window, "third-party-import.png")
