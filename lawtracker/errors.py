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
    """The database cannot be opened, migrated or written."""


class DatabaseTooNewError(StorageError):
    """The database was written by a newer lawtracker; we refuse to touch it."""


class ParseError(UserFacingError):
    """A document could not be read or understood."""
