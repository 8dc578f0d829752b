"""Two lawtrackers on one store (issue 13, point 9): writes wait for the other's lock,
and a save that still times out is reported and kept in the dialog, never lost."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from lawtracker.gui.annotations.dialog import AnnotateDialog
from lawtracker.gui.main_window import MainWindow
from lawtracker.storage.db import BUSY_TIMEOUT_MS
from tests.security.faults import CANARY_NOTE, Fault, assert_no_canary, captured_log

from .annotation_helpers import open_window, show_decree

#: The other lawtracker: takes the write lock, says so, holds it for argv[2] seconds.
_HOLDER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE measure SET title = title WHERE id = (SELECT min(id) FROM measure)")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("COMMIT")
"""


def _hold_lock(db: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(db), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def _stop(holder: subprocess.Popen[str], *, kill: bool = False) -> None:
    if kill:
        holder.kill()
    holder.wait(timeout=30)
    if holder.stdout is not None:
        holder.stdout.close()


@pytest.fixture
def window(qtbot, seeded_engine, seeded_db: Path, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, seeded_engine, seeded_db, tmp_path / "settings.ini")


def test_every_connection_waits_for_a_lock(seeded_engine) -> None:
    with seeded_engine.connect() as connection:
        waits = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
    assert waits == BUSY_TIMEOUT_MS >= 5000


def test_a_save_waits_for_the_other_processs_write(
    window: MainWindow, seeded_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    detail = show_decree(window)

    def user(dialog: AnnotateDialog) -> int:
        dialog.note_edit.setPlainText("saved after the other window's write")
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(AnnotateDialog, "exec", user)
    holder = _hold_lock(seeded_db, 1.0)
    started = time.perf_counter()
    try:
        assert window.annotate() is True
    finally:
        _stop(holder)
    assert time.perf_counter() - started >= 0.5  # it waited for the lock, then saved
    assert window.annotations is not None
    notes = [a.note for a in window.annotations.list_for(detail.key)]
    assert notes == ["saved after the other window's write"]


def test_a_save_that_times_out_is_reported_and_kept_in_the_dialog(
    window: MainWindow, seeded_engine, seeded_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    detail = show_decree(window)
    Fault(seeded_engine, "PRAGMA busy_timeout=200")  # do not wait the real five seconds
    warned: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        lambda _p, title, text, *a, **k: (
            warned.append((title, text)) or QMessageBox.StandardButton.Ok
        ),
    )
    note = f"Memo for the client {CANARY_NOTE}"
    holder = _hold_lock(seeded_db, 60)

    def user(dialog: AnnotateDialog) -> int:
        dialog.note_edit.setPlainText(note)
        dialog.ok_button.click()  # the other process still holds the lock
        assert dialog.result() != AnnotateDialog.DialogCode.Accepted
        assert dialog.note_edit.toPlainText() == note
        assert "busy" in dialog.error_label.text()
        _stop(holder, kill=True)  # the other window is closed
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(AnnotateDialog, "exec", user)
    try:
        with captured_log() as log_file:
            assert window.annotate() is True
    finally:
        _stop(holder, kill=True)
    [(title, text)] = warned
    assert title == "Cannot save the annotation" and "busy" in text
    assert window.annotations is not None
    assert [a.note for a in window.annotations.list_for(detail.key)] == [note]
    assert_no_canary(log_file)
    with sqlite3.connect(seeded_db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()
