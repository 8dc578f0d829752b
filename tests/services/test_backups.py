"""Daily backups, the backup list with counts, restore keeping the current file aside,
and the marks that tell a process another one has the store open (issue 13, 7 and 9)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from lawtracker.domain.annotations import AnnotationInput
from lawtracker.errors import StorageError
from lawtracker.services import backups
from lawtracker.services.annotations import Annotations
from lawtracker.services.presence import StorePresence, shared_notice
from lawtracker.services.store import open_store, store_file
from lawtracker.storage.db import make_engine


def _counts(path: Path) -> tuple[int, int]:
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as connection:
        measures = connection.execute("SELECT count(*) FROM measure").fetchone()[0]
        notes = connection.execute("SELECT count(*) FROM annotation").fetchone()[0]
    connection.close()
    return measures, notes


def _annotate(db: Path, note: str) -> None:
    engine = make_engine(db)
    try:
        with sqlite3.connect(db) as connection:
            key = connection.execute("SELECT key FROM measure LIMIT 1").fetchone()[0]
        connection.close()
        Annotations(engine, author="alice").create(key, AnnotationInput(note=note))
    finally:
        engine.dispose()


def test_one_backup_a_day_keeps_the_stores_mode_and_the_last_n(seeded_db: Path) -> None:
    os.umask(0o022)
    seeded_db.chmod(0o640)
    first = backups.daily_backup(seeded_db, keep=3, today=dt.date(2025, 3, 1))
    assert first is not None and first.name.startswith(f"{seeded_db.name}.backup-daily-20250301-")
    assert first.stat().st_mode & 0o777 == 0o640  # the store's own mode, not the umask's
    # The second start of the day makes none.
    assert backups.daily_backup(seeded_db, keep=3, today=dt.date(2025, 3, 1)) is None
    for day in range(2, 7):
        assert backups.daily_backup(seeded_db, keep=3, today=dt.date(2025, 3, day)) is not None
    daily = sorted(p.name for p in seeded_db.parent.glob("*.backup-daily-*"))
    assert [name.split("-")[2] for name in daily] == ["20250304", "20250305", "20250306"]
    assert backups.daily_backup(seeded_db, keep=0) is None  # turned off


def test_an_upgrade_backup_made_today_is_todays_backup(seeded_db: Path) -> None:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    seeded_db.with_name(f"{seeded_db.name}.backup-0004_x-{stamp}").write_bytes(b"")
    assert backups.daily_backup(seeded_db) is None
    assert not list(seeded_db.parent.glob("*.backup-daily-*"))


def test_upgrade_backups_are_listed_but_never_pruned(seeded_db: Path) -> None:
    upgrade = seeded_db.with_name(f"{seeded_db.name}.backup-0007_old-20240101T000000Z")
    upgrade.write_bytes(seeded_db.read_bytes())
    for day in range(1, 4):
        backups.daily_backup(seeded_db, keep=1, today=dt.date(2025, 1, day))
    assert upgrade.exists()
    kinds = [info.kind for info in backups.list_backups(seeded_db)]
    assert kinds == ["daily", "before upgrade from 0007_old"]


def test_the_list_counts_each_backup_read_only(seeded_db: Path) -> None:
    measures, _ = _counts(seeded_db)
    old = backups.daily_backup(seeded_db, today=dt.date(2025, 1, 1))
    _annotate(seeded_db, "a note made after the first backup")
    new = backups.daily_backup(seeded_db, today=dt.date(2025, 1, 2))
    assert old is not None and new is not None
    damaged = seeded_db.with_name(f"{seeded_db.name}.backup-daily-20241231-20241231T000000Z")
    damaged.write_bytes(b"not a database at all" * 100)
    before = {p: p.read_bytes() for p in (old, new)}
    infos = backups.list_backups(seeded_db)
    assert [(i.path, i.measures, i.annotations) for i in infos[:2]] == [
        (new, measures, 1),
        (old, measures, 0),
    ]
    assert infos[2].path == damaged and not infos[2].readable
    assert "damaged" in (infos[2].problem or "")
    # Counting wrote nothing: no -wal/-shm beside a backup, not a byte changed.
    assert not list(seeded_db.parent.glob("*.backup-*-wal"))
    assert not list(seeded_db.parent.glob("*.backup-*-shm"))
    assert all(p.read_bytes() == data for p, data in before.items())
    assert backups.newest_readable_backup(seeded_db) == infos[0]


def test_restore_puts_the_backup_in_place_and_keeps_the_current_file_aside(
    seeded_db: Path,
) -> None:
    backup = backups.daily_backup(seeded_db, today=dt.date(2025, 1, 1))
    assert backup is not None
    _annotate(seeded_db, "made after the backup")
    seeded_db.chmod(0o600)
    aside = backups.restore_backup(seeded_db, backup)
    assert aside is not None and aside.name.startswith(f"{seeded_db.name}.before-restore-")
    assert _counts(aside)[1] == 1  # nothing lost: the replaced store is whole, aside
    assert _counts(seeded_db)[1] == 0
    assert backup.exists()
    assert seeded_db.stat().st_mode & 0o777 == 0o600
    # The restored store opens and works.
    store = open_store(seeded_db)
    try:
        assert store.migration.from_revision == store.migration.to_revision
    finally:
        store.dispose()


def test_restore_refuses_a_damaged_backup_and_a_store_in_use(seeded_db: Path) -> None:
    before = seeded_db.read_bytes()
    damaged = seeded_db.with_name(f"{seeded_db.name}.backup-x-20240101T000000Z")
    damaged.write_bytes(b"\0" * 4096)
    with pytest.raises(StorageError, match="cannot be restored"):
        backups.restore_backup(seeded_db, damaged)
    good = backups.daily_backup(seeded_db)
    assert good is not None
    with pytest.raises(StorageError, match="process 4242"):
        backups.restore_backup(seeded_db, good, in_use_by=lambda: [4242])
    assert seeded_db.read_bytes() == before
    assert not list(seeded_db.parent.glob("*.before-restore-*"))


def test_open_store_makes_the_days_backup_only_when_asked(seeded_db: Path) -> None:
    store = open_store(seeded_db)
    store.dispose()
    assert store.daily_backup is None
    store = open_store(seeded_db, daily_backups=7)
    store.dispose()
    assert store.daily_backup is not None and store.daily_backup.exists()
    new = open_store(seeded_db.with_name("new.sqlite3"), daily_backups=7)
    new.dispose()
    assert new.daily_backup is None  # nothing to back up in a store just created


def test_store_file_names_the_sqlite_file(tmp_path: Path) -> None:
    assert store_file(str(tmp_path / "a.sqlite3")) == tmp_path / "a.sqlite3"
    assert store_file(f"sqlite:///{tmp_path}/b.sqlite3") == tmp_path / "b.sqlite3"
    assert store_file("postgresql://u@host/db") is None
    assert store_file(None) is not None


def test_presence_marks_are_owner_only_and_ignore_dead_processes(tmp_path: Path) -> None:
    os.umask(0o022)
    store = tmp_path / "store.sqlite3"
    mine = StorePresence(store).acquire()
    assert mine.path.exists() and mine.path.stat().st_mode & 0o777 == 0o600
    assert mine.others() == []
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        theirs = StorePresence(store, pid=child.pid).acquire()
        assert mine.others() == [child.pid]
        assert "another lawtracker" in shared_notice(mine.others())
        child.kill()
        child.wait()
        assert mine.others() == []  # a dead process's mark is ignored...
        assert not theirs.path.exists()  # ...and cleaned up
    finally:
        child.kill()
        child.wait()
    mine.release()
    assert not mine.path.exists()


def test_open_store_marks_the_store_and_dispose_removes_the_mark(seeded_db: Path) -> None:
    store = open_store(seeded_db)
    assert store.presence is not None and store.presence.path.exists()
    store.dispose()
    assert not store.presence.path.exists()
