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
from lawtracker.storage.db import database_path, make_engine
from lawtracker.storage.migrate import MigrationOutcome, upgrade_to_head

log = logging.getLogger(__name__)


@dataclass
class OpenedStore:
    engine: Engine
    location: str
    migration: MigrationOutcome
    seeded: IngestReport | None = None

    def dispose(self) -> None:
        self.engine.dispose()


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


def open_store(target: str | Path | None = None, *, seed: bool | None = None) -> OpenedStore:
    """Open (creating or upgrading) the store at ``target``, the default when ``None``.

    ``seed`` defaults to seeding only the default database when it is new.
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
    should_seed = seed if seed is not None else (target is None and outcome.created)
    if should_seed:
        seeds = paths.bundled_seeds_dir()
        if seeds.is_dir():
            store.seeded = ingest_paths([seeds], engine=engine)
            log.info("seeded the new store: %s", store.seeded.summary())
        else:
            log.warning("no bundled seeds at %s", seeds)
    return store
