"""A save the store refuses (full disk, read-only file) is reported, and the text is kept.

The annotation and correction dialogs stay open with what the user typed; once the
store accepts writes again, pressing Save saves exactly that. The log never gets it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from lawtracker.gui.annotations.dialog import AnnotateDialog
from lawtracker.gui.annotations.field_edit import FieldEditDialog
from lawtracker.gui.main_window import MainWindow
from tests.security.faults import (
    CANARY_NOTE,
    FULL,
    READ_ONLY,
    Fault,
    assert_no_canary,
    captured_log,
)

from .annotation_helpers import open_window, show_decree

SHOTS = Path("/tmp/lawtracker-shots")


@pytest.fixture
def window(qtbot, seeded_engine, seeded_db: Path, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, seeded_engine, seeded_db, tmp_path / "settings.ini")


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def warning(_parent, title, text, *args, **kwargs):
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


@pytest.mark.parametrize(("pragma", "words"), [(FULL, "is full"), (READ_ONLY, "read-only")])
def test_annotation_dialog_stays_open_with_the_note_until_it_is_saved(
    window: MainWindow,
    seeded_engine,
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
    boxes: list[tuple[str, str]],
    pragma: str,
    words: str,
) -> None:
    detail = show_decree(window)
    note = f"Client memo {CANARY_NOTE} " * 400
    fault = Fault(seeded_engine, pragma)
    attempts: list[bool] = []

    def user(dialog: AnnotateDialog) -> int:
        dialog.note_edit.setPlainText(note)
        dialog.ok_button.click()  # the store refuses: the dialog stays
        attempts.append(dialog.isVisible() or dialog.result() == 0)
        assert dialog.result() != AnnotateDialog.DialogCode.Accepted
        assert dialog.note_edit.toPlainText() == note
        assert words in dialog.error_label.text()
        if pragma == FULL:
            SHOTS.mkdir(exist_ok=True)
            dialog.show()
            qtbot.waitExposed(dialog)
            dialog.grab().save(str(SHOTS / "annotate-disk-full.png"))
        fault.switch(False)  # space freed
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(AnnotateDialog, "exec", user)
    with captured_log() as log_file:
        assert window.annotate() is True
    assert attempts == [True]
    [(title, text)] = boxes
    assert title == "Cannot save the annotation" and words in text
    assert CANARY_NOTE not in text
    assert window.annotations is not None
    assert [a.note for a in window.annotations.list_for(detail.key)] == [note.strip()]
    logged = assert_no_canary(log_file)
    assert "Traceback" not in logged


def test_correction_dialog_stays_open_with_the_value(
    window: MainWindow,
    seeded_engine,
    monkeypatch: pytest.MonkeyPatch,
    boxes: list[tuple[str, str]],
) -> None:
    show_decree(window)
    fault = Fault(seeded_engine, READ_ONLY)
    value = f"Decree on {CANARY_NOTE}"

    def user(dialog: FieldEditDialog) -> int:
        dialog.value_edit.setText(value)
        dialog.ok_button.click()
        assert dialog.result() != FieldEditDialog.DialogCode.Accepted
        assert dialog.value_edit.text() == value
        fault.switch(False)
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(FieldEditDialog, "exec", user)
    with captured_log() as log_file:
        window.detail.fieldEditRequested.emit("title")
    assert window.detail.title_label.text() == value
    assert [title for title, _ in boxes] == ["Cannot save the correction"]
    assert_no_canary(log_file)
