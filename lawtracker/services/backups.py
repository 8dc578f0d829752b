"""Backups a user can use: one a day on the first start, a list with counts, a restore.

Backups live beside the store, where the upgrade backups already are
(``<store>.backup-<label>-<UTC time>``), as private as the store itself. Daily ones
are labelled ``daily-<local date>`` and only the newest ``keep`` of them stay; upgrade
backups (one per revision, see ``storage.migrate``) are never pruned here.

A restore never deletes anything: the current file is renamed aside
(``<store>.before-restore-<UTC time>``, with its -wal) before the backup is copied
in. Backups are read with ``mode=ro&immutable=1``: counting one never creates a
-wal/-shm beside it nor changes a byte of it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from glob import escape as glob_escape
from pathlib import Path

from lawtracker.errors import StorageError, log_safe
from lawtracker.private_files import copy_mode
from lawtracker.storage.migrate import backup_sqlite_file

log = logging.getLogger(__name__)

DEFAULT_KEEP = 7
DAILY = "daily"
_STAMP = re.compile(r"-(\d{8}T\d{6}Z)(?:-\d+)?$")


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as the restore dialog shows it."""

    path: Path
    created: dt.datetime  # UTC, from the name (the file's mtime if the name has none)
    kind: str  # "daily", or "before upgrade from <revision>"
    measures: int | None  # None: the file could not be read
    annotations: int | None
    problem: str | None = None

    @property
    def readable(self) -> bool:
        return self.problem is None


def daily_backup(
    store: Path, *, keep: int = DEFAULT_KEEP, today: dt.date | None = None
) -> Path | None:
    """Back up ``store`` once per (local) day; the new backup, or None if none was due.

    None was due when a daily backup, or an upgrade backup, was made today already.

    A failure is logged, not raised: a missing backup must not stop the user working.
    """
    if keep <= 0 or not store.is_file() or store.stat().st_size == 0:
        return None
    today = today or dt.date.today()
    label = f"{DAILY}-{today:%Y%m%d}"
    if any(_backups(store, f"{label}-")):
        return None
    # An upgrade backup made today (this very start, usually) is today's backup.
    if any(_created(p).astimezone().date() == today for p in _backups(store, "")):
        return None
    try:
        made = backup_sqlite_file(store, label=label)
    except StorageError as exc:
        log.warning("daily backup of %s failed: %s", store, log_safe(exc))
        return None
    log.info("daily backup of %s at %s", store, made)
    prune_daily(store, keep=keep)
    return made


def prune_daily(store: Path, *, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` daily backups; the removed files."""
    # By name: the day, then the time it was made.
    daily = sorted(_backups(store, f"{DAILY}-"), key=lambda p: p.name, reverse=True)
    removed = daily[max(keep, 0) :]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def list_backups(store: Path) -> list[BackupInfo]:
    """Every whole backup of ``store``, newest first, each counted read-only."""
    infos = [_describe(path, store) for path in _backups(store, "")]
    return sorted(infos, key=lambda info: (info.created, info.path.name), reverse=True)


def newest_readable_backup(store: Path) -> BackupInfo | None:
    return next((info for info in list_backups(store) if info.readable), None)


def restore_backup(
    store: Path, backup: Path, *, in_use_by: Callable[[], list[int]] | None = None
) -> Path | None:
    """Put ``backup`` in place of ``store``; where the replaced file went (None if absent).

    The caller has closed every connection to ``store`` first. ``in_use_by`` lists the
    other processes that have it open: a restore under them is refused, since they
    would go on writing to the file moved aside.

    Raises:
        StorageError: the backup is unreadable or damaged, another process has the
            store open, or a file could not be moved or written. The store is then
            as it was.
    """
    others = in_use_by() if in_use_by is not None else []
    if others:
        raise StorageError(
            f"Another lawtracker (process {', '.join(map(str, others))}) has {store} open. "
            "Close it, then restore the backup."
        )
    check = _check(backup)
    if check is not None:
        raise StorageError(f"The backup {backup} cannot be restored: {check}.")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = store.with_name(f"{store.name}.before-restore-{stamp}")
    counter = 1
    while aside.exists():
        aside = store.with_name(f"{store.name}.before-restore-{stamp}-{counter}")
        counter += 1
    partial = store.with_name(f"{store.name}.restoring.partial")
    try:
        # The whole backup is written first, so a failure leaves the store untouched.
        with (
            closing(_read_only(backup)) as source,
            closing(sqlite3.connect(partial)) as copy,
        ):
            source.backup(copy)
        copy_mode(store if store.exists() else backup, partial)
        moved = None
        if store.exists():
            os.replace(store, aside)
            moved = aside
            wal = store.with_name(store.name + "-wal")
            if wal.exists():
                os.replace(wal, aside.with_name(aside.name + "-wal"))
            store.with_name(store.name + "-shm").unlink(missing_ok=True)
        os.replace(partial, store)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise StorageError(
            f"Could not restore {backup} to {store} ({exc}). "
            + (f"The previous file is at {aside}." if aside.exists() else "Nothing was changed.")
        ) from exc
    log.warning("restored %s from %s; the previous file is at %s", store, backup, moved)
    return moved


# -- internals ------------------------------------------------------------------------


def _backups(store: Path, label_prefix: str) -> list[Path]:
    pattern = f"{glob_escape(store.name)}.backup-{glob_escape(label_prefix)}*"
    return [
        p for p in store.parent.glob(pattern) if p.is_file() and not p.name.endswith(".partial")
    ]


def _created(path: Path) -> dt.datetime:
    match = _STAMP.search(path.name)
    if match:
        return dt.datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    except OSError:
        return dt.datetime.min.replace(tzinfo=dt.UTC)


def _kind(path: Path, store: Path) -> str:
    label = path.name.removeprefix(f"{store.name}.backup-")
    label = _STAMP.sub("", label)
    if label.startswith(f"{DAILY}-"):
        return "daily"
    return f"before upgrade from {label}" if label else "backup"


def _describe(path: Path, store: Path) -> BackupInfo:
    created, kind = _created(path), _kind(path, store)
    try:
        with closing(_read_only(path)) as connection:
            measures = connection.execute("SELECT count(*) FROM measure").fetchone()[0]
            annotations = connection.execute("SELECT count(*) FROM annotation").fetchone()[0]
    except sqlite3.Error as exc:
        return BackupInfo(path, created, kind, None, None, _problem(exc))
    return BackupInfo(path, created, kind, int(measures), int(annotations))


def _check(path: Path) -> str | None:
    """Why ``path`` cannot be restored, or None when it is a whole lawtracker database."""
    try:
        with closing(_read_only(path)) as connection:
            result = connection.execute("PRAGMA quick_check").fetchone()[0]
            connection.execute("SELECT count(*) FROM measure").fetchone()
    except sqlite3.Error as exc:
        return _problem(exc)
    return None if result == "ok" else "it is damaged"


def _problem(exc: sqlite3.Error) -> str:
    name = getattr(exc, "sqlite_errorname", "")
    if name in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
        return "it is damaged or not a database"
    if name in ("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH"):
        return "it cannot be opened"
    if isinstance(exc, sqlite3.OperationalError) and "no such table" in str(exc):
        return "it is not a lawtracker database"
    return f"it cannot be read ({name or type(exc).__name__})"


def _read_only(path: Path) -> sqlite3.Connection:
    # immutable: nothing writes a backup, and a read-only WAL open would create -wal/-shm.
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
