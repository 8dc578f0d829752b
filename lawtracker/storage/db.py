"""Engine and session factory: SQLite pragmas, one session per operation, readable errors."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, ExceptionContext, make_url
from sqlmodel import Session

from lawtracker.errors import StorageError
from lawtracker.private_files import create_private_file, private_dir
from lawtracker.storage.sqlite_errors import classify_sqlite_error

BUSY_TIMEOUT_MS = 5000
#: Values per ``IN (...)`` list: under SQLite's old limit of 999 bound parameters.
MAX_SQL_PARAMS = 900

_Item = TypeVar("_Item")

# Executed on every new DBAPI connection. WAL lets the GUI read while a worker
# writes; NORMAL is durable enough under WAL and much faster than FULL.
_SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    "PRAGMA synchronous=NORMAL",
)


def make_engine(target: str | Path) -> Engine:
    """Build the engine for a SQLite file path, a ``sqlite:///`` URL or any other SQLAlchemy URL.

    Connections are lazy: nothing touches the file until the first query (or
    ``upgrade_to_head``, which probes the file read-only before that).
    """
    url = _to_url(target)
    if url.get_backend_name() != "sqlite":
        return create_engine(url, hide_parameters=True)
    path = _sqlite_file(url)
    if path is not None and url.query.get("mode") != "ro":
        try:
            private_dir(path.parent, claim=False)
            # Owner-only from the first byte; SQLite gives -wal and -shm the same mode.
            create_private_file(path)
        except OSError as exc:
            raise StorageError(
                f"Cannot create the folder {path.parent} for the database: {exc.strerror or exc}"
            ) from exc
    # hide_parameters: SQLAlchemy puts a statement's values (a document's text, a note)
    # into its exception messages and INFO records; those may reach the log.
    engine = create_engine(url, hide_parameters=True)
    event.listen(engine, "connect", _set_sqlite_pragmas)
    event.listen(engine, "handle_error", _translate_sqlite_error)
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One session for one operation: commit on success, roll back on any error.

    ``expire_on_commit=False`` keeps loaded attributes readable after the
    block, so callers can turn rows into plain data without a live session.
    """
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def chunked(items: Sequence[_Item], size: int = MAX_SQL_PARAMS) -> list[Sequence[_Item]]:
    """``items`` in slices small enough for one ``IN (...)`` list each."""
    return [items[i : i + size] for i in range(0, len(items), size)]


def as_utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands datetimes back naive; they were stored as UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def database_path(engine: Engine) -> Path | None:
    """The SQLite file behind ``engine``, or ``None`` for in-memory and server databases."""
    if engine.url.get_backend_name() != "sqlite":
        return None
    return _sqlite_file(engine.url)


def storage_error_for(exc: BaseException, path: Path | str | None) -> StorageError | None:
    """A user-facing error for the SQLite failures a user can act on, else ``None``."""
    return classify_sqlite_error(exc, path)


def _to_url(target: str | Path) -> URL:
    if isinstance(target, Path) or "://" not in target:
        return URL.create("sqlite", database=str(Path(target).expanduser()))
    url = make_url(target)
    if url.drivername == "postgresql" and importlib.util.find_spec("psycopg") is not None:
        # SQLAlchemy's bare "postgresql" means psycopg2; we ship psycopg 3 if anything.
        url = url.set(drivername="postgresql+psycopg")
    return url


def _sqlite_file(url: URL) -> Path | None:
    database = url.database
    if not database or database == ":memory:" or url.query.get("mode") == "memory":
        return None
    if database.startswith("file:"):
        database = database.removeprefix("file:").partition("?")[0]
    return Path(database)


def _set_sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in _SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _translate_sqlite_error(context: ExceptionContext) -> None:
    """Turn environmental SQLite failures (full, read-only, busy...) into ``StorageError``.

    Raised from here, the ``StorageError`` replaces SQLAlchemy's ``OperationalError``
    everywhere, commits included; other errors stay bugs.
    """
    original = context.original_exception
    if not isinstance(original, sqlite3.Error):
        return
    error = storage_error_for(
        original, _sqlite_file(context.engine.url) if context.engine else None
    )
    if error is not None:
        raise error from original
