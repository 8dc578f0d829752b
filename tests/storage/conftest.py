"""Storage fixtures: a real SQLite file per test, copied from a template migrated once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from lawtracker.storage.db import make_engine
from lawtracker.storage.migrate import upgrade_to_head


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database at head, made once per session: migrating costs far more than copying."""
    path = tmp_path_factory.mktemp("template") / "lawtracker.sqlite3"
    engine = make_engine(path)
    try:
        upgrade_to_head(engine)
        with engine.connect() as connection:
            # Fold the WAL into the main file so that copying that file is enough.
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    return path


@pytest.fixture
def migrated_engine(migrated_template: Path, tmp_path: Path) -> Iterator[Engine]:
    """An engine on this test's own copy of the template, in ``tmp_path``."""
    path = tmp_path / "lawtracker.sqlite3"
    shutil.copyfile(migrated_template, path)
    engine = make_engine(path)
    yield engine
    engine.dispose()
