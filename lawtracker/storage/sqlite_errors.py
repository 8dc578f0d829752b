"""SQLite failures a user can act on, by SQLite's error code, as one sentence each.

Like qutebrowser's ``misc/sql.py``: environmental failures (disk full, read-only,
I/O error, busy, damaged, cannot open) become :class:`~lawtracker.errors.StorageError`
subclasses with a sentence for the window and the command line; anything else
(a constraint, a syntax error) is a bug and is left to the crash handler. The
primary code is read from ``sqlite_errorcode`` (Python 3.11+), so extended codes
such as ``SQLITE_IOERR_SHORT_READ`` count as their family; the message text is the
fallback for exceptions raised without a code (a closed connection).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from lawtracker.errors import (
    StorageError,
    StoreBusyError,
    StoreDamagedError,
    StoreFullError,
    StoreReadOnlyError,
    StoreUnavailableError,
)

_FULL = (
    StoreFullError,
    "The disk holding the database {where} is full, so the change was not saved: "
    "free some space and try again.",
)
_READONLY = (
    StoreReadOnlyError,
    "The database {where} is read-only (the file, its folder or the disk does not allow "
    "writing), so the change was not saved.",
)
_IOERR = (
    StoreUnavailableError,
    "The disk could not read or write the database {where} (input/output error): "
    "check the disk or network drive and try again.",
)
_BUSY = (
    StoreBusyError,
    "The database {where} is busy: another program (or another lawtracker window) "
    "is writing to it. Close it and try again.",
)
_DAMAGED = (
    StoreDamagedError,
    "The file {where} is not a lawtracker database, or it is damaged. "
    "Restore it from a backup or choose another file.",
)
_CANTOPEN = (
    StoreUnavailableError,
    "Cannot open the database {where}: check that the file and its folder exist "
    "and that you may write to them.",
)

_BY_CODE: dict[int, tuple[type[StorageError], str]] = {
    sqlite3.SQLITE_FULL: _FULL,
    sqlite3.SQLITE_READONLY: _READONLY,
    sqlite3.SQLITE_IOERR: _IOERR,
    sqlite3.SQLITE_BUSY: _BUSY,
    sqlite3.SQLITE_LOCKED: _BUSY,
    sqlite3.SQLITE_CORRUPT: _DAMAGED,
    sqlite3.SQLITE_NOTADB: _DAMAGED,
    sqlite3.SQLITE_CANTOPEN: _CANTOPEN,
}

# For exceptions without ``sqlite_errorcode``: SQLite's own wording of each failure.
_BY_TEXT: tuple[tuple[str, tuple[type[StorageError], str], str], ...] = (
    ("database or disk is full", _FULL, "SQLITE_FULL"),
    ("readonly database", _READONLY, "SQLITE_READONLY"),
    ("disk i/o error", _IOERR, "SQLITE_IOERR"),
    ("database is locked", _BUSY, "SQLITE_BUSY"),
    ("database table is locked", _BUSY, "SQLITE_LOCKED"),
    ("file is not a database", _DAMAGED, "SQLITE_NOTADB"),
    ("disk image is malformed", _DAMAGED, "SQLITE_CORRUPT"),
    ("unable to open", _CANTOPEN, "SQLITE_CANTOPEN"),
)


def classify_sqlite_error(exc: BaseException, path: Path | str | None) -> StorageError | None:
    """The user-facing error for an environmental SQLite failure, else ``None`` (a bug).

    Args:
        exc: the DBAPI exception (``sqlite3.Error``, or SQLAlchemy's ``.orig``).
        path: the database file, named in the sentence.
    """
    where = str(path) if path is not None else "(in memory)"
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _BY_CODE:
        kind, sentence = _BY_CODE[code & 0xFF]
        name = getattr(exc, "sqlite_errorname", None) or str(code)
        return kind(sentence.format(where=where), sqlite_code=name)
    message = str(exc).lower()
    for needle, (kind, sentence), name in _BY_TEXT:
        if needle in message:
            return kind(sentence.format(where=where), sqlite_code=name)
    return None
