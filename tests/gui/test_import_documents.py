"""Documents as consultants receive them, into the real window: the Import dialog's
filters, drag and drop of files and folders, the skipped files in the summary, and
"Open original" on the stored copy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

from lawtracker.gui.import_flow import file_filter
from lawtracker.gui.main_window import MainWindow
from lawtracker.gui.settings import WindowSettings
from lawtracker.services.catalog import Catalog
from lawtracker.services.importing import FileStatus, Importer
from lawtracker.storage.db import make_engine
from lawtracker.storage.migrate import upgrade_to_head
from tests.ingestion.format_docs import write_docx, write_pdf

KEY = "az/resolution/77"


@pytest.fixture
def window(qtbot, tmp_path: Path):
    engine = make_engine(tmp_path / "store.sqlite3")
    upgrade_to_head(engine)
    window = MainWindow(
        None,
        catalog=Catalog(engine),
        importer=Importer(engine),
        settings=WindowSettings(tmp_path / "window.ini"),
        store_location=str(tmp_path / "store.sqlite3"),
        today=dt.date(2025, 12, 10),
    )
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    engine.dispose()


def summary_text(qtbot, window: MainWindow) -> str:
    qtbot.waitUntil(lambda: window.import_flow.summary_dialog is not None, timeout=20_000)
    return window.import_flow.summary_dialog.text()


def drop(window: MainWindow, paths: list[Path]) -> None:
    """Drag ``paths`` over the window and drop them.

    Qt delivers drag events only while its drag manager runs a real drag, so the
    events go to the window's handler directly, as the drag manager hands them over.
    """
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPoint(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.event(enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.event(event)
    assert event.isAccepted()


def test_the_import_dialog_offers_every_document_type() -> None:
    text = file_filter(Importer.suffixes(), Importer.file_types())
    filters = text.split(";;")
    assert filters[0].startswith("All documents (")
    for suffix in ("*.txt", "*.pdf", "*.docx", "*.html", "*.htm", "*.eml"):
        assert suffix in filters[0]
    assert "PDF (*.pdf)" in filters and "Word (*.docx)" in filters
    assert "Web page (*.html *.htm)" in filters and "E-mail (*.eml)" in filters
    assert filters[-1] == "All files (*)"


def test_import_action_with_a_pdf_adds_its_measure_and_opens_the_original(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    pdf = write_pdf(tmp_path / "update.pdf", columns=2, pages=2, footer="Page {page} of 2")
    seen_filters: list[str] = []

    def choose(parent, caption, start, filters):
        seen_filters.append(filters)
        return [str(pdf)], "All documents"

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", choose)
    window.actions.import_files.trigger()
    text = summary_text(qtbot, window)
    assert "update.pdf" in text and "Could not be imported" not in text
    assert "*.pdf" in seen_filters[0]
    window.import_flow.summary_dialog.close_button.click()
    measure_id = window.catalog.measure_id_for_key(KEY)
    assert measure_id is not None
    assert window.select_measure(measure_id)
    button = window.detail.open_original_button
    assert button.isEnabled()
    window.grab().save(str(tmp_path / "window.png"))
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    (url,) = opened
    stored = Path(url.toLocalFile())
    assert stored.read_bytes() == pdf.read_bytes() and stored.suffix == ".pdf"
    assert "originals" in stored.parts and stored != pdf
    pdf.unlink()  # the user's copy may go: the stored one stays
    assert stored.exists()


def test_a_dropped_folder_imports_and_the_summary_lists_what_was_skipped(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    write_docx(folder / "memo.docx")
    (folder / "budget.xlsx").write_bytes(b"PK\x03\x04 a spreadsheet")
    (folder / "clip.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    drop(window, [folder])
    text = summary_text(qtbot, window)
    dialog = window.import_flow.summary_dialog
    dialog.grab().save(str(tmp_path / "summary.png"))
    assert "1 file read" in text and "2 skipped" in text
    assert "Skipped (not a document lawtracker reads) (2):" in text
    assert "budget.xlsx: unsupported file type '.xlsx'" in text
    assert "clip.mp4: unsupported file type '.mp4'" in text
    report = window.import_flow.summary_dialog.report
    assert [r.path.name for r in report.skipped] == ["budget.xlsx", "clip.mp4"]
    assert report.count(FileStatus.ADDED) == 1
    assert window.catalog.measure_id_for_key(KEY) is not None
    dialog.close_button.click()


def test_open_original_says_so_when_no_copy_was_kept(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    doc = tmp_path / "update.docx"
    write_docx(doc)
    drop(window, [doc])
    summary_text(qtbot, window)
    window.import_flow.summary_dialog.close_button.click()
    from lawtracker.storage.originals import originals_dir

    for path in originals_dir().rglob("*.docx"):
        path.unlink()
    measure_id = window.catalog.measure_id_for_key(KEY)
    assert measure_id is not None and window.select_measure(measure_id)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: pytest.fail("opened"))
    window.detail.open_original_button.click()
    assert "was not kept" in window.statusBar().currentMessage()
