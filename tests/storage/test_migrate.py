"""Migrations against real SQLite files: create, upgrade with backup, refuse newer files."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from lawtracker.errors import DatabaseTooNewError, StorageError
from lawtracker.storage import migrate
from lawtracker.storage.db import make_engine, session_scope
from lawtracker.storage.migrate import (
    current_revision,
    head_revision,
    schema_differences,
    upgrade_to_head,
)
from lawtracker.storage.search import search_measure_ids
from lawtracker.storage.tables import FTS_TABLES

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "lawtracker.sqlite3"


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    engine = make_engine(db_path)
    yield engine
    engine.dispose()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _query(path: Path, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql).fetchall()


def _alembic(engine: Engine, action: str, revision: str) -> None:
    """Run an Alembic command the way a developer would, on this engine."""
    from alembic import command

    config = migrate._alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)


def _make_0001_file(engine: Engine) -> None:
    """A file as lawtracker 0001 left it, with a measure cited by a source."""
    _alembic(engine, "upgrade", "0001_core")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO source (id, file_name, lineage, version, superseded, sha256, family,"
            " title, date_precision, languages, ocr_damaged, text, ingested_at) VALUES"
            " (7, 'n.txt', 'n.txt', 1, 0, 'abc', 'newsletter', 'Bulletin', 'unknown', 'az',"
            " 0, 'Prezidentin Fərmanı barədə: Şəki zonası.', '2024-01-01 00:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO measure (id, key, title, instrument, number, jurisdiction, summary,"
            " source_count, created_at, updated_at) VALUES (3, 'az-decree-1913', 'Decree on"
            " customs tariffs', 'decree', '1913', 'AZ', 'Rates for imports', 1,"
            " '2024-01-01 00:00:00', '2024-01-01 00:00:00')"
        )
        connection.exec_driver_sql("INSERT INTO measure_source VALUES (3, 7)")
        connection.exec_driver_sql(
            "INSERT INTO measure_text (measure_id, source_id, lang, span_start, span_end)"
            " VALUES (3, 7, 'az', 0, 18)"
        )


def test_head_revision_agrees_with_alembic() -> None:
    assert head_revision() == migrate._alembic_head()
    assert head_revision() == max(p.stem for p in migrate.VERSIONS_DIR.glob("[0-9]*.py"))


def test_fresh_database_is_created_at_head(engine: Engine, db_path: Path) -> None:
    outcome = upgrade_to_head(engine)

    assert outcome == migrate.MigrationOutcome(None, head_revision(), None, created=True)
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
    assert set(FTS_TABLES) <= tables
    assert not list(db_path.parent.glob("*.backup-*"))


def test_connections_use_wal_and_foreign_keys(migrated_engine: Engine) -> None:
    with migrated_engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_upgrade_at_head_makes_no_backup_and_changes_nothing(migrated_engine: Engine) -> None:
    path = Path(str(migrated_engine.url.database))
    digest = _sha256(path)

    outcome = upgrade_to_head(migrated_engine)

    assert outcome.from_revision == outcome.to_revision == head_revision()
    assert outcome.backup_path is None and not outcome.created and not outcome.upgraded
    assert not list(path.parent.glob("*.backup-*"))
    assert _sha256(path) == digest


def test_upgrade_at_head_does_not_import_alembic(migrated_engine: Engine) -> None:
    """The start-up fast path: Alembic costs ~350 ms to import."""
    code = (
        "import sys\n"
        "from lawtracker.storage.db import make_engine\n"
        "from lawtracker.storage.migrate import upgrade_to_head\n"
        f"upgrade_to_head(make_engine({migrated_engine.url.database!r}))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_older_file_is_backed_up_then_upgraded(engine: Engine, db_path: Path) -> None:
    _make_0001_file(engine)

    outcome = upgrade_to_head(engine)

    assert outcome.from_revision == "0001_core"
    assert outcome.to_revision == head_revision()
    assert outcome.upgraded and not outcome.created
    backup = outcome.backup_path
    assert backup is not None and backup.parent == db_path.parent
    assert backup.name.startswith("lawtracker.sqlite3.backup-0001_core-")
    assert backup.name.endswith("Z")
    # The backup is a whole database at the old revision, with the row.
    assert _query(backup, "SELECT version_num FROM alembic_version") == [("0001_core",)]
    assert _query(backup, "SELECT key FROM measure") == [("az-decree-1913",)]
    assert not list(db_path.parent.glob("*.partial"))
    # The upgraded file keeps the row, and 0002 indexed it for search.
    assert current_revision(engine) == head_revision()
    with session_scope(engine) as session:
        assert search_measure_ids(session, "customs") == [3]  # title
        assert search_measure_ids(session, "1913") == [3]  # number
        assert search_measure_ids(session, "fermani") == [3]  # its slice of the source
        assert search_measure_ids(session, "seki") == [3]  # only in the source


def test_file_from_newer_lawtracker_is_refused_untouched(engine: Engine, db_path: Path) -> None:
    upgrade_to_head(engine)
    engine.dispose()
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '0042_from_the_future'")
    digest = _sha256(db_path)

    with pytest.raises(DatabaseTooNewError) as caught:
        upgrade_to_head(make_engine(db_path))

    message = str(caught.value)
    assert "0042_from_the_future" in message
    assert str(db_path) in message
    assert "Upgrade lawtracker" in message
    assert _sha256(db_path) == digest
    assert not list(db_path.parent.glob("*.backup-*"))


def test_garbage_file_is_a_storage_error(engine: Engine, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_bytes(b"PK\x03\x04 a zip file perhaps " * 200)
    digest = _sha256(db_path)

    with pytest.raises(StorageError) as caught:
        upgrade_to_head(engine)

    assert not isinstance(caught.value, DatabaseTooNewError)
    assert str(db_path) in str(caught.value)
    assert _sha256(db_path) == digest


def test_foreign_sqlite_database_is_refused(engine: Engine, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")

    with pytest.raises(StorageError, match="not made by lawtracker"):
        upgrade_to_head(engine)


def test_migrations_match_the_models(migrated_engine: Engine) -> None:
    assert schema_differences(migrated_engine) == []


def test_downgrade_to_base_and_back(migrated_engine: Engine) -> None:
    _alembic(migrated_engine, "downgrade", "base")
    assert set(inspect(migrated_engine).get_table_names()) == {"alembic_version"}
    assert upgrade_to_head(migrated_engine).created


# -- upgrades with extra, test-only revisions -------------------------------------------

_BATCH_ON_MEASURE = """
import sqlalchemy as sa
from alembic import op

revision = "9999_test"
down_revision = "{head}"


def upgrade():
    # Batch mode recreates "measure", which measure_source references.
    with op.batch_alter_table("measure", recreate="always") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
"""

_BROKEN = """
from alembic import op

revision = "9999_test"
down_revision = "{head}"


def upgrade():
    op.execute("CREATE TABLE half_done (id INTEGER PRIMARY KEY)")
    op.execute("THIS IS NOT SQL")
"""


AddRevision = Callable[[str], None]


@pytest.fixture
def add_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AddRevision]:
    """Point migrate at a copy of the shipped migrations; the test may add ``9999_test``."""
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", folder)
    monkeypatch.setattr(migrate, "VERSIONS_DIR", folder / "versions")
    migrate._known_revisions.cache_clear()

    def add(source: str) -> None:
        text = source.replace("{head}", SHIPPED_HEAD)
        (folder / "versions" / "9999_test.py").write_text(text, encoding="utf-8")
        migrate._known_revisions.cache_clear()

    yield add
    migrate._known_revisions.cache_clear()


SHIPPED_HEAD = head_revision()


def _file_at_shipped_head_with_rows(path: Path) -> None:
    engine = make_engine(path)
    try:
        _make_0001_file(engine)
        upgrade_to_head(engine)
    finally:
        engine.dispose()
    for backup in path.parent.glob("*.backup-*"):
        backup.unlink()


def test_batch_migration_keeps_rows_that_reference_the_table(
    add_revision: AddRevision, engine: Engine, db_path: Path
) -> None:
    """Foreign keys are off while migrating: recreating a table must not cascade."""
    _file_at_shipped_head_with_rows(db_path)
    add_revision(_BATCH_ON_MEASURE)

    outcome = upgrade_to_head(engine)

    assert (outcome.from_revision, outcome.to_revision) == (SHIPPED_HEAD, "9999_test")
    assert _query(db_path, "SELECT measure_id, source_id FROM measure_source") == [(3, 7)]
    assert _query(db_path, "SELECT count(*) FROM measure_text") == [(1,)]
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_failed_upgrade_is_rolled_back_and_backup_kept(
    add_revision: AddRevision, engine: Engine, db_path: Path
) -> None:
    _file_at_shipped_head_with_rows(db_path)
    add_revision(_BROKEN)

    for _attempt in range(3):  # the user tries again: still one backup of that revision
        with pytest.raises(StorageError, match=r"failed \(OperationalError\); the upgrade was"):
            upgrade_to_head(engine)

    assert current_revision(engine) == SHIPPED_HEAD
    assert "half_done" not in inspect(engine).get_table_names()
    backups = list(db_path.parent.glob(f"lawtracker.sqlite3.backup-{SHIPPED_HEAD}-*"))
    assert len(backups) == 1
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
