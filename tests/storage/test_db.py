"""Engine factory and session scope against real SQLite files."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from lawtracker.errors import StorageError
from lawtracker.storage.db import database_path, make_engine, session_scope
from lawtracker.storage.tables import Measure, MeasureSource


def _measure(key: str = "m1", title: str = "Decree on customs") -> Measure:
    return Measure(key=key, title=title, instrument="decree", jurisdiction="AZ")


def _pragma(engine: Engine, name: str) -> object:
    with engine.connect() as connection:
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_creates_parent_folder_and_sets_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "lawtracker.sqlite3"
    engine = make_engine(path)
    try:
        assert path.parent.is_dir()
        assert _pragma(engine, "journal_mode") == "wal"
        assert _pragma(engine, "foreign_keys") == 1
        assert _pragma(engine, "busy_timeout") == 5000
        assert _pragma(engine, "synchronous") == 1  # NORMAL
        assert database_path(engine) == path
    finally:
        engine.dispose()


def test_accepts_sqlite_urls_and_memory(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "x.sqlite3"
    file_engine = make_engine(f"sqlite:///{path}")
    memory_engine = make_engine("sqlite://")
    try:
        assert database_path(file_engine) == path
        assert path.parent.is_dir()
        assert database_path(memory_engine) is None
        assert _pragma(memory_engine, "foreign_keys") == 1
    finally:
        file_engine.dispose()
        memory_engine.dispose()


def test_session_scope_commits_and_keeps_attributes(migrated_engine: Engine) -> None:
    with session_scope(migrated_engine) as session:
        measure = _measure()
        session.add(measure)
    # expire_on_commit=False: readable after the session is gone.
    assert measure.id is not None
    assert measure.title == "Decree on customs"
    with session_scope(migrated_engine) as session:
        assert session.get(Measure, measure.id) is not None


def test_session_scope_rolls_back_on_error(migrated_engine: Engine) -> None:
    with pytest.raises(RuntimeError), session_scope(migrated_engine) as session:
        session.add(_measure())
        session.flush()
        raise RuntimeError("boom")
    with session_scope(migrated_engine) as session:
        assert session.connection().execute(text("SELECT count(*) FROM measure")).scalar() == 0


def test_foreign_keys_are_enforced(migrated_engine: Engine) -> None:
    with pytest.raises(IntegrityError), session_scope(migrated_engine) as session:
        session.add(MeasureSource(measure_id=41, source_id=42))


def test_not_a_database_is_a_storage_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "lawtracker.sqlite3"
    path.write_bytes(b"certainly not SQLite " * 100)
    engine = make_engine(path)
    try:
        with pytest.raises(StorageError, match="not a lawtracker database") as caught:
            _pragma(engine, "user_version")
        assert str(path) in str(caught.value)
    finally:
        engine.dispose()


def test_unopenable_path_is_a_storage_error(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.sqlite3"
    folder.mkdir()
    engine = make_engine(folder)
    try:
        with pytest.raises(StorageError, match="Cannot open"):
            _pragma(engine, "user_version")
    finally:
        engine.dispose()


def test_parent_that_is_a_file_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="Cannot create the folder"):
        make_engine(blocker / "lawtracker.sqlite3")


def test_locked_database_is_a_storage_error(migrated_engine: Engine) -> None:
    path = database_path(migrated_engine)
    assert path is not None
    with migrated_engine.connect() as holder, migrated_engine.connect() as writer:
        holder.exec_driver_sql("BEGIN IMMEDIATE")
        # Fail at once instead of waiting the 5 s busy timeout.
        writer.exec_driver_sql("PRAGMA busy_timeout=0")
        with pytest.raises(StorageError, match="busy") as caught:
            writer.exec_driver_sql("INSERT INTO alembic_version VALUES ('x')")
        assert str(path) in str(caught.value)
        holder.rollback()
        writer.invalidate()  # its busy_timeout is no longer the engine's
