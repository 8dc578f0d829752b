"""Storage failures are classified by SQLite's code, said in one sentence, never leaked.

Each failure path runs on a real SQLite file with lawtracker's real log file, and the
log is searched afterwards for canary strings put in the document and in the note.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from lawtracker.__main__ import main
from lawtracker.domain.annotations import AnnotationInput
from lawtracker.errors import (
    StorageError,
    StoreBusyError,
    StoreDamagedError,
    StoreFullError,
    StoreReadOnlyError,
    StoreUnavailableError,
    log_safe,
)
from lawtracker.ingestion.pipeline import FileStatus, ingest_paths
from lawtracker.log import install_excepthooks, redact
from lawtracker.services.annotations import Annotations
from lawtracker.storage.db import make_engine, session_scope
from lawtracker.storage.sqlite_errors import classify_sqlite_error

from .faults import (
    CANARY_DOC,
    CANARY_NOTE,
    FULL,
    READ_ONLY,
    Fault,
    assert_no_canary,
    canary_document,
    captured_log,
)

DECREE = "az/decree/1913"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_non_root = pytest.mark.skipif(
    AS_ROOT or sys.platform == "win32",
    reason="chmod cannot deny root (CI runs as root); the pragma-based tests cover the path",
)


# -- classification -----------------------------------------------------------------------


def test_full_disk_is_store_full(seeded_engine) -> None:
    Fault(seeded_engine, FULL)
    with pytest.raises(StoreFullError) as caught:
        Annotations(seeded_engine, author="a").create(
            DECREE, AnnotationInput(note=CANARY_NOTE * 2000)
        )
    assert caught.value.sqlite_code == "SQLITE_FULL"
    assert str(caught.value).startswith("The disk holding the database")
    assert CANARY_NOTE not in str(caught.value)


def test_query_only_store_is_read_only(seeded_engine) -> None:
    Fault(seeded_engine, READ_ONLY)
    with pytest.raises(StoreReadOnlyError) as caught:
        Annotations(seeded_engine, author="a").create(DECREE, AnnotationInput(note=CANARY_NOTE))
    assert caught.value.sqlite_code == "SQLITE_READONLY"
    assert "read-only" in str(caught.value) and "\n" not in str(caught.value)


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(b"this is not a database at all, just text\n" * 200)
    engine = make_engine(path)
    try:
        with pytest.raises(StoreDamagedError) as caught, engine.connect() as connection:
            connection.execute(text("SELECT * FROM sqlite_master")).all()
    finally:
        engine.dispose()
    assert caught.value.sqlite_code == "SQLITE_NOTADB"


def test_cannot_open(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(sqlite3.Error) as caught:
        sqlite3.connect(blocker / "store.sqlite3").execute("SELECT 1")
    error = classify_sqlite_error(caught.value, blocker / "store.sqlite3")
    assert isinstance(error, StoreUnavailableError)
    assert error.sqlite_code == "SQLITE_CANTOPEN"


def test_busy_store(seeded_db: Path) -> None:
    holder = sqlite3.connect(seeded_db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    engine = make_engine(seeded_db)
    Fault(engine, "PRAGMA busy_timeout=0")  # do not wait the real five seconds
    try:
        with pytest.raises(StoreBusyError) as caught:
            Annotations(engine, author="a").create(DECREE, AnnotationInput(note=CANARY_NOTE))
    finally:
        holder.rollback()
        holder.close()
        engine.dispose()
    assert caught.value.sqlite_code == "SQLITE_BUSY"


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (sqlite3.SQLITE_IOERR | (2 << 8), StoreUnavailableError),  # SQLITE_IOERR_SHORT_READ
        (sqlite3.SQLITE_CORRUPT, StoreDamagedError),
        (sqlite3.SQLITE_BUSY | (1 << 8), StoreBusyError),  # SQLITE_BUSY_RECOVERY
        (sqlite3.SQLITE_LOCKED, StoreBusyError),
        (sqlite3.SQLITE_READONLY | (3 << 8), StoreReadOnlyError),  # SQLITE_READONLY_ROLLBACK
    ],
)
def test_extended_codes_count_as_their_family(code: int, kind: type[StorageError]) -> None:
    exc = sqlite3.OperationalError("whatever SQLite said")
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    exc.sqlite_errorname = f"CODE_{code}"  # type: ignore[attr-defined]
    error = classify_sqlite_error(exc, "/x/store.sqlite3")
    assert type(error) is kind
    assert "/x/store.sqlite3" in str(error)
    assert log_safe(error) == f"{kind.__name__} (CODE_{code})"


def test_a_constraint_failure_is_a_bug_not_a_storage_error() -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (x UNIQUE)")
    connection.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(sqlite3.IntegrityError) as caught:
        connection.execute("INSERT INTO t VALUES (1)")
    assert classify_sqlite_error(caught.value, None) is None


# -- nothing of a document or a note reaches the log ----------------------------------------


@pytest.mark.parametrize(("pragma", "kind"), [(FULL, "full"), (READ_ONLY, "read-only")])
def test_ingesting_into_a_failing_store_says_why_and_logs_no_text(
    seeded_engine, tmp_path: Path, pragma: str, kind: str
) -> None:
    document = canary_document(tmp_path / "in")
    Fault(seeded_engine, pragma)
    with captured_log() as log_file:
        report = ingest_paths([document], engine=seeded_engine)
    [result] = report.results
    assert result.status is FileStatus.FAILED
    assert kind in result.message and "internal error" not in result.message
    logged = assert_no_canary(log_file)
    assert "Traceback" not in logged


@pytest.mark.parametrize("pragma", [FULL, READ_ONLY])
def test_saving_a_note_or_an_edit_into_a_failing_store_logs_no_text(
    seeded_engine, pragma: str
) -> None:
    service = Annotations(seeded_engine, author="a")
    saved = service.create(DECREE, AnnotationInput(note="before"))
    fault = Fault(seeded_engine, pragma)
    with captured_log() as log_file:
        with pytest.raises(StorageError):
            service.create(DECREE, AnnotationInput(note=CANARY_NOTE * 500))
        with pytest.raises(StorageError):
            service.update(saved.id, AnnotationInput(note=CANARY_NOTE * 500), expected_version=1)
        with pytest.raises(StorageError):
            service.edit_field(DECREE, "title", "Decree " + CANARY_NOTE * 500)
    assert_no_canary(log_file)
    fault.switch(False)
    assert [a.note for a in service.list_for(DECREE)] == ["before"]  # nothing half-written


def test_a_bug_with_sql_values_is_logged_without_them(seeded_engine, tmp_path: Path) -> None:
    """A constraint failure is a bug: its traceback is logged, its statement's values are not."""
    with captured_log() as log_file:
        install_excepthooks(None)
        try:
            with session_scope(seeded_engine) as session:
                session.execute(
                    text("INSERT INTO measure (id, key) VALUES (1, :key)"), {"key": CANARY_DOC}
                )
        except Exception as exc:  # an IntegrityError (or NOT NULL): a bug
            assert isinstance(exc.__cause__ or exc, Exception)
            sys.excepthook(type(exc), exc, exc.__traceback__)
            import logging

            logging.getLogger("lawtracker.test").exception("bug while testing")
        finally:
            sys.excepthook = sys.__excepthook__
    logged = assert_no_canary(log_file)
    assert "uncaught exception" in logged and "IntegrityError" in logged


def test_redact_removes_parameters_from_any_sqlalchemy_message() -> None:
    exc = IntegrityError("INSERT INTO t VALUES (?)", (CANARY_NOTE,), Exception("UNIQUE"))
    assert CANARY_NOTE in str(exc)  # an engine without hide_parameters
    assert CANARY_NOTE not in redact(str(exc))


# -- the command line: one line, the documented status, no traceback --------------------------


def _cli(capsys, *argv: str) -> tuple[int, str, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    from lawtracker.log import teardown_logging

    teardown_logging()
    log_file = Path(os.environ["LAWTRACKER_DATA_DIR"]) / "logs" / "lawtracker.log"
    return code, captured.out, captured.err, assert_no_canary(log_file)


def test_cli_ingest_into_a_read_only_store(capsys, seeded_db: Path, tmp_path: Path) -> None:
    document = canary_document(tmp_path / "in")
    read_only = f"sqlite:///file:{seeded_db}?mode=ro&uri=true"
    code, out, err, _ = _cli(capsys, "--db", read_only, "ingest", str(document))
    assert code == 1
    assert "read-only" in out and "Traceback" not in out + err


def test_cli_ingest_into_a_full_store(
    capsys, seeded_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lawtracker.services.store as store

    def full_engine(target):
        engine = make_engine(target)
        Fault(engine, FULL)
        return engine

    monkeypatch.setattr(store, "make_engine", full_engine)
    document = canary_document(tmp_path / "in")
    code, out, err, _ = _cli(capsys, "--db", str(seeded_db), "ingest", str(document))
    assert code == 1
    assert "is full" in out and "Traceback" not in out + err


def test_cli_on_a_damaged_store_is_one_line(capsys, tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    code, out, err, _ = _cli(capsys, "--db", str(path), "list")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "damaged" in err and "Traceback" not in err


def test_cli_export_to_an_unwritable_place_is_one_line(capsys, seeded_db: Path) -> None:
    target = seeded_db.parent / "no-such-folder" / "export.json"
    code, _, err, _ = _cli(capsys, "--db", str(seeded_db), "export", "--out", str(target))
    assert code == 2
    assert err.startswith("lawtracker: Cannot write") and "Traceback" not in err


# -- with real permissions (skipped as root) ---------------------------------------------------


@needs_non_root
def test_read_only_store_file(capsys, seeded_db: Path, tmp_path: Path) -> None:
    document = canary_document(tmp_path / "in")
    seeded_db.chmod(stat.S_IRUSR)
    try:
        code, out, err, _ = _cli(capsys, "--db", str(seeded_db), "ingest", str(document))
    finally:
        seeded_db.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert code in (1, 2)
    assert "read-only" in out + err and "Traceback" not in out + err


@needs_non_root
def test_read_only_folder(capsys, seeded_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    store = folder / "store.sqlite3"
    shutil.copyfile(seeded_db, store)
    document = canary_document(tmp_path / "in")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        code, out, err, _ = _cli(capsys, "--db", str(store), "ingest", str(document))
    finally:
        folder.chmod(stat.S_IRWXU)
    assert code in (1, 2)
    assert "Traceback" not in out + err
    assert any(word in out + err for word in ("read-only", "Cannot open"))
