"""Failure kinds: errors a user can act on, versus bugs.

``UserFacingError`` and its subclasses carry a message fit for a dialog or a
CLI line; anything else that escapes is a bug and goes to the crash handler.
"""

from __future__ import annotations


class LawtrackerError(Exception):
    """Base of every error lawtracker raises on purpose."""


class UserFacingError(LawtrackerError):
    """A known failure the user can understand and act on."""


class StorageError(UserFacingError):
    """The database cannot be opened, migrated or written.

    ``sqlite_code`` is SQLite's error name (``SQLITE_FULL``...) when SQLite reported
    the failure: the log records it and the class, never the statement or its values.
    """

    def __init__(self, message: str, *, sqlite_code: str | None = None) -> None:
        super().__init__(message)
        self.sqlite_code = sqlite_code


class StoreFullError(StorageError):
    """The disk (or the store's size limit) is full: SQLITE_FULL."""


class StoreReadOnlyError(StorageError):
    """The file, its folder or its disk refuses writes: SQLITE_READONLY."""


class StoreBusyError(StorageError):
    """Another connection holds the lock longer than the busy timeout: SQLITE_BUSY/LOCKED."""


class StoreDamagedError(StorageError):
    """Not a database, or a damaged one: SQLITE_CORRUPT/NOTADB."""


class StoreUnavailableError(StorageError):
    """The file cannot be opened or the disk failed under it: SQLITE_CANTOPEN/IOERR."""


class DatabaseTooNewError(StorageError):
    """The database was written by a newer lawtracker; we refuse to touch it."""


class ParseError(UserFacingError):
    """A document could not be read or understood."""


def log_safe(exc: BaseException) -> str:
    """What the log may say about ``exc``: its class and SQLite code, never its message.

    Messages can quote what the user typed or a document held (an SQL error lists the
    statement's values); the user sees the message, the log only this.
    """
    code = getattr(exc, "sqlite_code", None) or getattr(exc, "sqlite_errorname", None)
    return f"{type(exc).__name__} ({code})" if code else type(exc).__name__
