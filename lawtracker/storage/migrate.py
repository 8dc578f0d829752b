"""Bring a database to the schema this lawtracker knows, backing up the file first.

Start-up calls :func:`upgrade_to_head`. When the stored revision already is
the head (the usual case) Alembic is not even imported: the head is read from
the ``versions/`` files with ``ast``. A file written by a newer lawtracker is
refused before anything, not even a pragma, has touched it.

Developers write migrations without an alembic.ini::

    python -m lawtracker.storage.migrate revision -m "add notes"   # autogenerate 0003_add_notes
    python -m lawtracker.storage.migrate revision -m "x" --empty   # hand-written migration
    python -m lawtracker.storage.migrate check                     # models vs migrations
    python -m lawtracker.storage.migrate upgrade PATH              # upgrade a file, with backup
    python -m lawtracker.storage.migrate current PATH

``revision`` autogenerates against a scratch database migrated to the current
head, so no real database is needed. Review the file it writes, tidy it by hand
and run ``ruff format`` on it. FTS5 tables are invisible to autogenerate: create
or change them with ``op.execute``, on SQLite only.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import functools
import logging
import os
import re
import sqlite3
import sys
import tempfile
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from glob import escape as glob_escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from lawtracker.errors import DatabaseTooNewError, StorageError, StoreDamagedError
from lawtracker.private_files import copy_mode
from lawtracker.storage.db import database_path, make_engine, storage_error_for

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSIONS_DIR = MIGRATIONS_DIR / "versions"
VERSION_TABLE = "alembic_version"

# An FTS5 table ``x_fts`` owns shadow tables ``x_fts_data`` etc.; none is a model.
_FTS_SUFFIXES = ("_fts", "_fts_data", "_fts_idx", "_fts_docsize", "_fts_config", "_fts_content")


@dataclass(frozen=True)
class MigrationOutcome:
    """What :func:`upgrade_to_head` did, for the log and the status bar."""

    from_revision: str | None
    to_revision: str
    backup_path: Path | None
    created: bool

    @property
    def upgraded(self) -> bool:
        return self.from_revision is not None and self.from_revision != self.to_revision


@dataclass(frozen=True)
class _Stored:
    tables: frozenset[str]
    revision: str | None
    #: table -> its columns, when the probe could read them (SQLite files)
    columns: dict[str, frozenset[str]] | None = None


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic ``include_name`` hook: hide FTS5 tables and their shadow tables."""
    return not (type_ == "table" and name is not None and name.endswith(_FTS_SUFFIXES))


def head_revision() -> str:
    """The newest revision this code knows, read from ``versions/`` without Alembic."""
    revisions = _known_revisions()
    parents: set[str] = set()
    for down in revisions.values():
        parents.update(_as_tuple(down))
    heads = sorted(set(revisions) - parents)
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {heads or 'none'}")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database, ``None`` when it has none (or does not exist)."""
    return _stored_state(engine).revision


def upgrade_to_head(engine: Engine) -> MigrationOutcome:
    """Create, or back up and upgrade, the database behind ``engine``.

    A SQLite file at an older revision is copied to
    ``<name>.backup-<from revision>-<UTC time>`` beside it first; other
    databases (PostgreSQL) are the administrator's to back up.

    Raises:
        DatabaseTooNewError: the file carries a revision this code does not know.
        StorageError: the file cannot be read, is not a lawtracker database, or
            the backup or upgrade failed (the upgrade is then rolled back).
    """
    head = head_revision()
    stored = _stored_state(engine)
    path = database_path(engine)
    where = str(path) if path is not None else _safe_url(engine)
    if stored.revision == head:
        _check_head_schema(stored, where)
        return MigrationOutcome(head, head, None, created=False)
    if stored.revision is not None and stored.revision not in _known_revisions():
        raise DatabaseTooNewError(
            f"The database {where} was written by a newer lawtracker (schema revision "
            f"{stored.revision!r}; this version knows up to {head!r}). Upgrade lawtracker "
            "to open it. The file was left untouched."
        )
    if stored.revision is None and stored.tables - {VERSION_TABLE}:
        raise StorageError(
            f"The database {where} holds tables but no lawtracker schema revision: it was "
            "not made by lawtracker. Choose another file."
        )
    backup: Path | None = None
    if stored.revision is not None and path is not None:
        backup = backup_sqlite_file(path, label=stored.revision)
        log.info("backed up %s to %s before upgrading", path, backup)
    try:
        _run_alembic_upgrade(engine)
    except StorageError:
        raise
    except Exception as exc:
        # A bug in a migration, or a file it did not expect: the traceback goes to the
        # log (without SQL values), the user gets what happened and where the copy is.
        log.exception("upgrading %s from %s to %s failed", where, stored.revision, head)
        kept = f" A copy of it is at {backup}." if backup is not None else ""
        raise StorageError(
            f"Upgrading the database {where} to this version of lawtracker failed "
            f"({type(exc).__name__}); the upgrade was rolled back and the file is "
            f"unchanged.{kept} Please report the problem with the log file."
        ) from exc
    log.info("database %s: %s -> %s", where, stored.revision or "empty", head)
    return MigrationOutcome(stored.revision, head, backup, created=stored.revision is None)


def backup_sqlite_file(path: Path, *, label: str) -> Path:
    """Copy ``path`` beside itself with SQLite's backup API, so WAL content is included.

    The copy is written under a temporary name and renamed when complete, so a
    file named ``*.backup-*`` is always a whole database. Older backups with the same
    ``label`` (the revision) are then removed: a start that fails again and again
    keeps one backup per revision, the newest, not one per attempt.
    """
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.backup-{label}-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.backup-{label}-{stamp}-{counter}")
        counter += 1
    partial = target.with_name(target.name + ".partial")
    try:
        with (
            closing(_connect_read_only(path)) as source,
            closing(sqlite3.connect(partial)) as copy,
        ):
            source.backup(copy)
        copy_mode(path, partial)  # as private as the store itself, whatever the umask
        os.replace(partial, target)
        for older in path.parent.glob(f"{glob_escape(path.name)}.backup-{label}-*"):
            if older != target and not older.name.endswith(".partial"):
                older.unlink(missing_ok=True)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise StorageError(
            f"Could not back up {path} to {target} before upgrading it ({exc}); "
            "the database was not changed."
        ) from exc
    return target


def schema_differences(engine: Engine) -> list[Any]:
    """Alembic's diff between the migrated database and ``SQLModel.metadata`` (empty = in sync)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import lawtracker.storage.tables  # noqa: F401  (fills SQLModel.metadata)

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        return list(compare_metadata(context, SQLModel.metadata))


# -- internals ------------------------------------------------------------------------


@functools.cache
def _known_revisions() -> dict[str, str | tuple[str, ...] | None]:
    """``revision -> down_revision`` for every file in ``versions/``, parsed, not imported."""
    graph: dict[str, str | tuple[str, ...] | None] = {}
    for file in sorted(VERSIONS_DIR.glob("*.py")):
        values: dict[str, Any] = {}
        for node in ast.parse(file.read_text(encoding="utf-8"), filename=str(file)).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, value = node.targets[0], node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                target, value = node.target, node.value
            else:
                continue
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                values[target.id] = ast.literal_eval(value)
        if "revision" in values:
            graph[values["revision"]] = values.get("down_revision")
    return graph


def _as_tuple(down: str | tuple[str, ...] | None) -> tuple[str, ...]:
    if down is None:
        return ()
    return (down,) if isinstance(down, str) else tuple(down)


def _stored_state(engine: Engine) -> _Stored:
    path = database_path(engine)
    if path is not None:
        return _probe_sqlite_file(path)
    with engine.connect() as connection:
        tables = frozenset(inspect(connection).get_table_names())
        revision = None
        if VERSION_TABLE in tables:
            rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()
            revision = _single_revision([row[0] for row in rows], _safe_url(engine))
        return _Stored(tables, revision)


def _probe_sqlite_file(path: Path) -> _Stored:
    """Read tables, columns and revision read-only: no pragma, no write, no new file.

    Without a -wal file there is nothing but the main file to read, and it is opened
    ``immutable``: a plain read-only connection to a WAL database would create -wal
    and -shm beside a file we may be about to refuse (a newer or damaged store).
    """
    if not path.exists() or path.stat().st_size == 0:
        return _Stored(frozenset(), None)
    immutable = not path.with_name(path.name + "-wal").exists()
    try:
        with closing(_connect_read_only(path, immutable=immutable)) as connection:
            names = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            tables = frozenset(row[0] for row in names if not row[0].startswith("sqlite_"))
            revision = None
            if VERSION_TABLE in tables:
                rows = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
                revision = _single_revision([row[0] for row in rows], str(path))
            columns = {
                table: frozenset(
                    row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')
                )
                for table in tables
            }
    except sqlite3.Error as exc:
        raise storage_error_for(exc, path) or StorageError(
            f"Cannot read the database {path}: {exc}"
        ) from exc
    return _Stored(tables, revision, columns)


def _check_head_schema(stored: _Stored, where: str) -> None:
    """Refuse a store stamped with the head revision that lacks a table or column of it.

    Such a file was damaged or changed by another program; accepted, it would fail
    later in the middle of a command.
    """
    if stored.columns is None:
        return
    from sqlmodel import SQLModel

    import lawtracker.storage.tables  # noqa: F401  (fills SQLModel.metadata)

    missing: list[str] = []
    for table in SQLModel.metadata.sorted_tables:
        present = stored.columns.get(table.name)
        if present is None:
            missing.append(f"the table {table.name}")
            continue
        missing.extend(
            f"the column {table.name}.{c.name}" for c in table.columns if c.name not in present
        )
    if missing:
        shown = ", ".join(missing[:3]) + (
            f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        )
        raise StoreDamagedError(
            f"The database {where} lacks {shown} although it is marked as up to date: it is "
            "damaged or was changed by another program. Restore it from a backup or choose "
            "another file."
        )


def _single_revision(revisions: list[str], where: str) -> str | None:
    if len(revisions) > 1:
        raise DatabaseTooNewError(
            f"The database {where} carries several schema revisions ({', '.join(revisions)}); "
            "it was written by another lawtracker. Upgrade lawtracker to open it."
        )
    return revisions[0] if revisions else None


def _connect_read_only(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True)


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.set_main_option("file_template", "%%(rev)s")
    return config


@functools.cache
def _alembic_head() -> str:
    """The head as Alembic computes it (tests check it agrees with :func:`head_revision`)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _run_alembic_upgrade(engine: Engine) -> None:
    """Upgrade in one transaction that we own, so a failing migration leaves no trace.

    On SQLite, foreign keys are off during the upgrade: batch mode drops and
    recreates tables, and a DROP with foreign keys on would cascade-delete
    rows of the referencing tables. ``foreign_key_check`` runs before commit.
    """
    from alembic import command

    config = _alembic_config()
    with engine.connect() as connection:
        is_sqlite = connection.dialect.name == "sqlite"
        try:
            if is_sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                # IMMEDIATE: take the write lock now, so a second lawtracker waits here.
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                connection.begin()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            if is_sqlite:
                _check_foreign_keys(connection)
            connection.commit()
        except BaseException:
            connection.rollback()
            # Its pragmas differ from the engine's: never hand it back to the pool.
            connection.invalidate()
            raise
        if is_sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")


def _check_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        raise StorageError(
            f"The upgrade would leave {len(broken)} rows with dangling references "
            f"(first: {tuple(broken[0])}); it was rolled back."
        )


def _safe_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


# -- developer command line -------------------------------------------------------------


def _next_revision_id(message: str) -> str:
    numbers = [int(m.group()) for rev in _known_revisions() if (m := re.match(r"\d+", rev))]
    slug = re.sub(r"[^a-z0-9]+", "_", message.lower()).strip("_")[:40] or "change"
    return f"{max(numbers, default=0) + 1:04d}_{slug}"


def _scratch_engine(folder: str) -> Engine:
    engine = make_engine(Path(folder) / "scratch.sqlite3")
    upgrade_to_head(engine)
    return engine


def main(argv: Sequence[str] | None = None) -> int:
    """Developer entry point: ``python -m lawtracker.storage.migrate --help``."""
    parser = argparse.ArgumentParser(prog="python -m lawtracker.storage.migrate")
    commands = parser.add_subparsers(dest="command", required=True)
    revision = commands.add_parser("revision", help="write a new migration in versions/")
    revision.add_argument("-m", "--message", required=True)
    revision.add_argument("--rev-id", help="default: next number + slug of the message")
    revision.add_argument("--empty", action="store_true", help="do not autogenerate")
    commands.add_parser("check", help="exit 1 if the models differ from the migrations")
    for name in ("upgrade", "current"):
        sub = commands.add_parser(name, help=f"{name} a database file or URL")
        sub.add_argument("target")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    if args.command in ("upgrade", "current"):
        engine = make_engine(args.target)
        try:
            if args.command == "current":
                print(current_revision(engine) or "(none)")
            else:
                print(upgrade_to_head(engine))
        except StorageError as exc:
            print(exc, file=sys.stderr)
            return 1
        finally:
            engine.dispose()
        return 0

    with tempfile.TemporaryDirectory() as folder:
        engine = _scratch_engine(folder)
        try:
            if args.command == "check":
                diff = schema_differences(engine)
                for entry in diff:
                    print(entry)
                return 1 if diff else 0
            from alembic import command

            config = _alembic_config()
            with engine.connect() as connection:
                config.attributes["connection"] = connection
                command.revision(
                    config,
                    message=args.message,
                    autogenerate=not args.empty,
                    rev_id=args.rev_id or _next_revision_id(args.message),
                )
        finally:
            engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
