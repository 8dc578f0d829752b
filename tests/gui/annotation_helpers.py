"""Shared set-up for the annotation GUI tests: a real window over a real seeded store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor, QTextFormat

from lawtracker.domain.catalog import MeasureDetail, MeasureFilter
from lawtracker.gui.annotations.controller import AnnotationFiles
from lawtracker.gui.annotations.dialog import AnnotateDialog
from lawtracker.gui.main_window import MainWindow
from lawtracker.gui.settings import WindowSettings
from lawtracker.ingestion.pipeline import FileStatus
from lawtracker.services.annotation_io import import_annotations_file, write_annotations_file
from lawtracker.services.annotations import Annotations
from lawtracker.services.catalog import Catalog
from lawtracker.services.importing import Importer

TODAY = dt.date(2025, 12, 10)
NEWSLETTER = "001_be6e844fb81b9f94.txt"
IN_FORCE = "The Decree enters into force on January 1, 2023."
BEFORE = "According to the Decree, the investment promotion certificate"
INSERTED = (
    "Editor's note: the figures below were confirmed with the Ministry of Economy\n"
    "after the first edition of this newsletter.\n\n"
)


def open_window(qtbot, engine, db: Path, settings: Path, *, author: str = "alice") -> MainWindow:
    window = MainWindow(
        None,
        catalog=Catalog(engine),
        importer=Importer(engine),
        settings=WindowSettings(settings),
        store_location=str(db),
        today=TODAY,
        annotations=Annotations(engine, author=author),
        annotation_files=AnnotationFiles(
            export_to=lambda path: write_annotations_file(engine, path),
            import_from=lambda path: import_annotations_file(engine, path),
        ),
    )
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.timeline_pane.is_loading())
    return window


def decree_id(window: MainWindow) -> int:
    """Decree No. 1913, found through the catalog as a user would."""
    catalog = window.catalog
    ids = catalog.measure_ids(MeasureFilter(query="1913"), today=TODAY)
    rows = catalog.measure_rows(ids, today=TODAY)
    [row] = [r for r in rows if r.number == "1913"]
    return row.id


def show_decree(window: MainWindow) -> MeasureDetail:
    window.select_measure(decree_id(window))
    detail = window.detail.detail()
    assert detail is not None and detail.number == "1913"
    return detail


def fill_dialog(
    monkeypatch: pytest.MonkeyPatch,
    fill: Callable[[AnnotateDialog], None],
    seen: list[AnnotateDialog] | None = None,
) -> None:
    """Make ``AnnotateDialog.exec`` run ``fill`` on the real dialog (as a user would) instead
    of blocking; ``fill`` presses the buttons itself."""

    def fake_exec(dialog: AnnotateDialog) -> int:
        if seen is not None:
            seen.append(dialog)
        fill(dialog)
        return dialog.result()

    monkeypatch.setattr(AnnotateDialog, "exec", fake_exec)


def select_text(window: MainWindow, quote: str) -> None:
    edit = window.detail.text_edit
    text = edit.toPlainText()
    start = text.index(quote)
    cursor = QTextCursor(edit.document())
    cursor.setPosition(start)
    cursor.setPosition(start + len(quote), QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)


def annotation_highlights(window: MainWindow) -> list[str]:
    """The text under every annotation highlight in the detail view."""
    texts = []
    for selection in window.detail.text_edit.extraSelections():
        if selection.format.property(QTextFormat.Property.UserProperty) == "annotation":
            texts.append(selection.cursor.selectedText())
    return texts


def ingest_changed_copy(folder: Path, seeds_dir: Path, engine, change) -> None:
    """A new version of the newsletter (same file name, so the same lineage)."""
    folder.mkdir()
    original = (seeds_dir / NEWSLETTER).read_text(encoding="utf-8")
    changed = change(original)
    assert changed != original
    (folder / NEWSLETTER).write_text(changed, encoding="utf-8")
    report = Importer(engine).run([folder])
    assert [r.status for r in report.results] == [FileStatus.NEW_VERSION], report.summary()
