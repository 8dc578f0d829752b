"""Opening a store: refusals leave the file untouched, a damaged schema is named, not crashed on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from lawtracker.__main__ import main
from lawtracker.errors import DatabaseTooNewError, StorageError, StoreDamagedError
from lawtracker.services.store import open_store


def _siblings(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir() if p.name.startswith(path.name)}


def _stamp(path: Path, sql: str) -> None:
    connection = sqlite3.connect(path)
    connection.execute(sql)
    connection.commit()
    connection.close()


def test_a_newer_store_is_refused_without_a_wal_or_shm(seeded_db: Path) -> None:
    _stamp(seeded_db, "UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = seeded_db.read_bytes()
    assert before[18:20] == b"\x02\x02"  # a WAL database, as every store is
    assert _siblings(seeded_db) == {seeded_db.name}
    with pytest.raises(DatabaseTooNewError):
        open_store(seeded_db)
    assert _siblings(seeded_db) == {seeded_db.name}
    assert seeded_db.read_bytes() == before


def test_a_damaged_store_is_refused_without_a_wal_or_shm(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\x10\x00\x02\x02" + b"\xee" * 8000)
    with pytest.raises(StorageError):
        open_store(path)
    assert _siblings(path) == {path.name}


def test_a_store_at_head_missing_a_table_is_refused_clearly(seeded_db: Path) -> None:
    _stamp(seeded_db, "DROP TABLE annotation_tag")
    with pytest.raises(StoreDamagedError, match="lacks the table annotation_tag"):
        open_store(seeded_db)


def test_a_store_at_head_missing_a_column_is_refused_clearly(seeded_db: Path) -> None:
    _stamp(seeded_db, "ALTER TABLE measure DROP COLUMN confidence")
    with pytest.raises(StoreDamagedError, match=r"the column measure\.confidence"):
        open_store(seeded_db)


def test_the_command_line_names_the_missing_table(capsys, seeded_db: Path) -> None:
    _stamp(seeded_db, "DROP TABLE annotation_tag")
    assert main(["--db", str(seeded_db), "list"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "annotation_tag" in err and "Traceback" not in err


def test_a_healthy_store_still_opens(seeded_db: Path) -> None:
    store = open_store(seeded_db)
    store.dispose()
