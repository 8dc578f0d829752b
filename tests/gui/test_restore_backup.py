"""File ▸ Restore backup…, a damaged store at start-up offered its newest backup, and
the notice that another lawtracker has the store open (issue 13, points 7 and 9).

Real stores, real windows; only the answers of message boxes and the modal loop of
the dialog are supplied, at the boundary."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from lawtracker import app
from lawtracker.errors import StoreDamagedError
from lawtracker.gui.dialogs.restore_backup import RestoreBackupDialog
from lawtracker.gui.settings import WindowSettings
from lawtracker.services import backups
from lawtracker.services.presence import StorePresence
from lawtracker.services.store import open_store

SHOTS = Path("/tmp/lawtracker-shots")


def _annotation_count(path: Path) -> int:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT count(*) FROM annotation").fetchone()[0]
    finally:
        connection.close()


def _host(qtbot, db: Path, tmp_path: Path) -> app.WindowHost:
    store = open_store(db)
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    host = app.WindowHost(
        qapp, store, target=str(db), settings=WindowSettings(tmp_path / "settings.ini")
    )
    qtbot.addWidget(host.window)
    host.window.show()
    qtbot.waitExposed(host.window)
    return host


def _yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def _note(db: Path) -> None:
    with sqlite3.connect(db) as connection:
        key = connection.execute("SELECT key FROM measure LIMIT 1").fetchone()[0]
    connection.close()
    from lawtracker.domain.annotations import AnnotationInput
    from lawtracker.services.annotations import Annotations
    from lawtracker.storage.db import make_engine

    engine = make_engine(db)
    Annotations(engine, author="bob").create(key, AnnotationInput(note="after the backup"))
    engine.dispose()


def test_restore_from_the_file_menu_reopens_the_window_on_the_backup(
    qtbot, seeded_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = backups.daily_backup(seeded_db, today=dt.date(2025, 1, 1))
    assert old is not None
    _note(seeded_db)
    backups.daily_backup(seeded_db, today=dt.date(2025, 1, 2))
    damaged = seeded_db.with_name(f"{seeded_db.name}.backup-daily-20241201-20241201T000000Z")
    damaged.write_bytes(b"garbage" * 500)
    host = _host(qtbot, seeded_db, tmp_path)
    first_window = host.window
    asked = _yes(monkeypatch)
    seen: list[list[str]] = []

    def user(dialog: RestoreBackupDialog) -> int:
        table = dialog.table
        seen.append([table.item(r, 3).text() for r in range(table.rowCount())])
        assert dialog.chosen() == dialog.backups[0]  # the newest readable is preselected
        dialog.show()
        qtbot.waitExposed(dialog)
        SHOTS.mkdir(exist_ok=True)
        dialog.grab().save(str(SHOTS / "restore-backup.png"))
        table.selectRow(2)  # the damaged one cannot be chosen
        assert dialog.chosen() is None or dialog.chosen() != dialog.backups[2]
        table.selectRow(1)  # the older one, before the note
        assert dialog.chosen() is not None and dialog.chosen().path == old
        dialog.restore_button.click()
        return dialog.result()

    monkeypatch.setattr(RestoreBackupDialog, "exec", user)
    action = next(
        a
        for menu_action in host.window.menuBar().actions()
        if menu_action.menu() is not None
        for a in menu_action.menu().actions()
        if a.text() == "Restore &backup…"
    )
    action.trigger()
    assert seen == [["1", "0", ""]]
    assert len(asked) == 1 and "0 annotations" in asked[0]
    assert host.window is not first_window and host.window.isVisible()
    qtbot.addWidget(host.window)
    [aside] = seeded_db.parent.glob(f"{seeded_db.name}.before-restore-*")
    assert _annotation_count(aside) == 1 and _annotation_count(seeded_db) == 0
    assert "Restored the backup" in host.window.statusBar().currentMessage()
    assert str(aside) in host.window.statusBar().currentMessage()
    assert host.window.catalog.counts()  # the new window reads the restored store
    host.store.dispose()


def test_the_restore_dialog_with_no_backup_says_so(qtbot, tmp_path: Path) -> None:
    dialog = RestoreBackupDialog(None, [], str(tmp_path / "store.sqlite3"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.empty_label.isVisible() and not dialog.restore_button.isEnabled()
    dialog.grab().save(str(SHOTS / "restore-backup-empty.png"))


def test_restore_is_refused_while_another_lawtracker_has_the_store_open(
    qtbot, seeded_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups.daily_backup(seeded_db)
    host = _host(qtbot, seeded_db, tmp_path)
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        StorePresence(seeded_db, pid=child.pid).acquire()
        warned: list[str] = []
        monkeypatch.setattr(
            QMessageBox, "warning", lambda _p, _t, text, *a, **k: warned.append(text)
        )
        window = host.window
        host.restore(backups.list_backups(seeded_db)[0])
        assert host.window is window  # nothing closed
        assert len(warned) == 1 and str(child.pid) in warned[0]
        assert not list(seeded_db.parent.glob("*.before-restore-*"))
    finally:
        child.kill()
        child.wait()
        host.store.dispose()


def test_a_second_window_on_the_store_is_told_it_is_shared(
    qtbot, seeded_db: Path, tmp_path: Path
) -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        StorePresence(seeded_db, pid=child.pid).acquire()  # the first lawtracker
        host = _host(qtbot, seeded_db, tmp_path)
        assert "also open in another lawtracker" in host.window.statusBar().currentMessage()
        child.kill()
        child.wait()
        host.check_shared()  # the timer's work
        assert "no longer open elsewhere" in host.window.statusBar().currentMessage()
    finally:
        child.kill()
        child.wait()
    host.store.dispose()


def test_a_damaged_store_at_start_up_is_offered_its_newest_backup(
    qapp, seeded_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backups.daily_backup(seeded_db, today=dt.date(2025, 1, 1))
    assert backup is not None
    seeded_db.write_bytes(b"this was a database before the disk failed" * 200)
    damaged = seeded_db.read_bytes()
    with pytest.raises(StoreDamagedError) as caught:
        open_store(seeded_db)
    monkeypatch.setattr(app, "HEADLESS_PLATFORMS", ())
    asked = _yes(monkeypatch)
    store = app.offer_newest_backup(str(seeded_db), caught.value)
    assert store is not None
    try:
        assert len(asked) == 1 and "Restore the newest backup" in asked[0]
        assert store.restored_from == backup
        assert store.kept_aside is not None and store.kept_aside.read_bytes() == damaged
        assert _annotation_count(seeded_db) == 0
    finally:
        store.dispose()


def test_without_a_desktop_the_start_up_error_names_the_backup(
    qapp, seeded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = backups.daily_backup(seeded_db)
    assert backup is not None
    seeded_db.write_bytes(b"\0garbage" * 512)
    with pytest.raises(StoreDamagedError) as caught:
        open_store(seeded_db)
    assert app.offer_newest_backup(str(seeded_db), caught.value) is None
    assert str(backup) in capsys.readouterr().err
    assert not list(seeded_db.parent.glob("*.before-restore-*"))  # nothing moved
