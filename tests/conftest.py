"""Shared fixtures: offscreen Qt, the bundled seeds, a private data directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every path lawtracker computes into the test's own folder."""
    data = tmp_path / "data"
    monkeypatch.setenv("LAWTRACKER_DATA_DIR", str(data))
    return data


@pytest.fixture(autouse=True)
def _restore_umask():
    """``lawtracker.__main__.main`` sets the process umask to 0o077; undo it after each test."""
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


@pytest.fixture(scope="session")
def seeded_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store migrated to head and populated from the seeds, built once per run."""
    from lawtracker.ingestion.pipeline import ingest_paths
    from lawtracker.storage.db import make_engine
    from lawtracker.storage.migrate import upgrade_to_head

    path = tmp_path_factory.mktemp("seeded") / "template.sqlite3"
    engine = make_engine(path)
    upgrade_to_head(engine)
    report = ingest_paths([SEEDS_DIR], engine=engine)
    assert not report.failed, report.summary()
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def seeded_db(seeded_db_template: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded store for one test."""
    import shutil

    target = tmp_path / "seeded.sqlite3"
    shutil.copyfile(seeded_db_template, target)
    return target


@pytest.fixture
def seeded_engine(seeded_db: Path):
    from lawtracker.storage.db import make_engine

    engine = make_engine(seeded_db)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def seed_export(seeded_db_template: Path) -> dict:
    """The JSON export of the seeded store, keyed by measure key."""
    from lawtracker.services.export import export_document
    from lawtracker.storage.db import make_engine

    engine = make_engine(seeded_db_template)
    try:
        document = export_document(engine)
    finally:
        engine.dispose()
    return document
