"""The composition root: the self-check, start-up errors and the crash dialog."""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from lawtracker import app
from lawtracker.gui.dialogs.crash import CrashReporter
from lawtracker.gui.style import LegibleChecksStyle

REPO_ROOT = Path(__file__).resolve().parents[2]


def _run_lawtracker(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "LAWTRACKER_DATA_DIR": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [sys.executable, "-m", "lawtracker", *argv],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
        cwd=REPO_ROOT,
        env=env,
    )


def _future_database(path: Path) -> Path:
    """A file stamped with a schema revision this lawtracker cannot know."""
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        connection.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    return path


@pytest.mark.slow
def test_self_check_passes_and_writes_both_screenshots(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    result = _run_lawtracker(tmp_path, "--self-check", "--screenshots", str(shots))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-check passed" in result.stdout
    assert "FAIL" not in result.stdout and "Traceback" not in result.stderr
    for name in ("list-detail.png", "timeline.png"):
        png = shots / name
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
    # The self-check never touches the user's data directory.
    assert not (tmp_path / "data" / "lawtracker.sqlite3").exists()


def test_a_database_from_a_newer_version_exits_2_with_a_clear_message(tmp_path: Path) -> None:
    db = _future_database(tmp_path / "future.sqlite3")
    before = db.read_bytes()
    result = _run_lawtracker(tmp_path, "--db", str(db))
    assert result.returncode == 2
    assert "newer lawtracker" in result.stderr and "9999_future" in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == before


def test_the_start_up_error_is_a_dialog_on_a_desktop(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(app, "HEADLESS_PLATFORMS", ())
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    # run() installs lawtracker's hooks; give them back to pytest afterwards.
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    args = argparse.Namespace(
        db=str(_future_database(tmp_path / "future.sqlite3")), self_check=False, screenshots=None
    )
    assert app.run(args) == 2
    assert len(shown) == 1 and "newer lawtracker" in shown[0]
    # Fusion (the offscreen and most Linux desktops' style) gets legible dark-mode checks.
    assert isinstance(qapp.style(), LegibleChecksStyle)


def test_a_bug_on_a_worker_thread_reaches_the_crash_dialog(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    log_file = tmp_path / "logs" / "lawtracker.log"
    reporter = CrashReporter(log_file=log_file)

    def buggy() -> None:
        try:
            raise ValueError("boom")
        except ValueError as exc:
            reporter.report(exc, "Traceback (most recent call last): ... ValueError: boom")

    worker = threading.Thread(target=buggy)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(shown) == 1)
    box = shown[0]
    assert str(log_file) in box.text()
    assert box.informativeText() == "ValueError: boom"
    assert "ValueError: boom" in box.detailedText()
