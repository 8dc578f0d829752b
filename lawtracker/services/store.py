"""Open the measure store: engine, migration with backup, first-start seeding.

The default per-user database is populated from the bundled seeds the first
time it is created, so a new user sees real measures at once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from lawtracker import paths
from lawtracker.ingestion.pipeline import IngestReport, ingest_paths
from lawtracker.private_files import make_private, private_dir
from lawtracker.services.backups import daily_backup
from lawtracker.services.presence import StorePresence
from lawtracker.storage.db import database_path, make_engine
from lawtracker.storage.migrate import MigrationOutcome, upgrade_to_head

log = logging.getLogger(__name__)


@dataclass
class OpenedStore:
    engine: Engine
    location: str
    migration: MigrationOutcome
    seeded: IngestReport | None = None
    #: this process's mark beside a SQLite store (None for server databases)
    presence: StorePresence | None = None
    #: today's first-start backup, when one was made
    daily_backup: Path | None = None
    #: set when start-up put a backup in place of an unreadable store, and where that went
    restored_from: Path | None = None
    kept_aside: Path | None = None

    @property
    def path(self) -> Path | None:
        """The SQLite file, None for a server database."""
        return database_path(self.engine)

    def others(self) -> list[int]:
        """Other live lawtracker processes with this store open."""
        return self.presence.others() if self.presence is not None else []

    def dispose(self) -> None:
        self.engine.dispose()
        if self.presence is not None:
            self.presence.release()


def _make_default_store_private(engine: Engine) -> None:
    path = database_path(engine)
    if path is None:
        return
    private_dir(path.parent)
    make_private(path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))


def describe_target(target: str | Path | None) -> str:
    if target is None:
        return str(paths.default_database_path())
    text = str(target)
    if "://" in text and not text.startswith("sqlite"):
        scheme, _, rest = text.partition("://")
        return f"{scheme}://{rest.rpartition('@')[2]}"
    return text


def store_file(target: str | Path | None) -> Path | None:
    """The SQLite file ``target`` names (the default store for None), None for a server URL."""
    if target is None:
        return paths.default_database_path()
    text = str(target)
    if "://" not in text:
        return Path(text).expanduser()
    if text.startswith("sqlite:///"):
        database = text.removeprefix("sqlite:///").partition("?")[0]
        return Path(database).expanduser() if database and database != ":memory:" else None
    return None


def open_store(
    target: str | Path | None = None, *, seed: bool | None = None, daily_backups: int = 0
) -> OpenedStore:
    """Open (creating or upgrading) the store at ``target``, the default when ``None``.

    ``seed`` defaults to seeding only the default database when it is new.
    ``daily_backups`` > 0 makes the day's first open back the store up, keeping that
    many daily backups (the window asks for it; one-off commands do not).
    """
    engine = make_engine(target if target is not None else paths.default_database_path())
    try:
        outcome = upgrade_to_head(engine)
    except Exception:
        engine.dispose()
        raise
    if outcome.backup_path is not None:
        log.warning(
            "database upgraded from %s; backup at %s", outcome.from_revision, outcome.backup_path
        )
    if target is None:
        # Our own data folder: tighten what an older lawtracker left world-readable.
        # A store the user named keeps the mode they gave it (SQLite copies it to -wal/-shm).
        _make_default_store_private(engine)
    store = OpenedStore(engine, describe_target(target), outcome)
    path = database_path(engine)
    if path is not None:
        store.presence = StorePresence(path).acquire()
        if daily_backups > 0 and not outcome.created:
            store.daily_backup = daily_backup(path, keep=daily_backups)
    should_seed = seed if seed is not None else (target is None and outcome.created)
    if should_seed:
        seeds = paths.bundled_seeds_dir()
        if seeds.is_dir():
            store.seeded = ingest_paths([seeds], engine=engine)
            log.info("seeded the new store: %s", store.seeded.summary())
        else:
            log.warning("no bundled seeds at %s", seeds)
    return store
