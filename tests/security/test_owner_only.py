"""Owner-only files under a permissive umask (0022): folders 0700, files 0600.

Each helper is checked on its own (so a library ignoring the umask is caught), and
the command line end to end, starting from umask 0022 as a login shell leaves it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from lawtracker.__main__ import main
from lawtracker.log import setup_logging, teardown_logging
from lawtracker.private_files import write_private_text
from lawtracker.storage.db import make_engine
from lawtracker.storage.migrate import backup_sqlite_file, upgrade_to_head

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


@pytest.fixture(autouse=True)
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_store_and_its_wal_and_shm_are_0600(tmp_path: Path) -> None:
    path = tmp_path / "new-folder" / "store.sqlite3"
    engine = make_engine(path)
    try:
        upgrade_to_head(engine)
        with engine.connect() as connection:  # keep -wal and -shm in place while we look
            connection.exec_driver_sql("SELECT count(*) FROM measure").all()
            for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                assert file.exists() and mode(file) == 0o600, file
    finally:
        engine.dispose()
    assert mode(path.parent) == 0o700


def test_backup_keeps_the_store_mode(tmp_path: Path) -> None:
    for store_mode in (0o600, 0o640):
        store = tmp_path / f"store-{store_mode:o}.sqlite3"
        sqlite3.connect(store).execute("CREATE TABLE t (x)").connection.close()
        store.chmod(store_mode)
        backup = backup_sqlite_file(store, label="0001")
        assert mode(backup) == store_mode


def test_log_folder_and_files_are_private(tmp_path: Path) -> None:
    log_file = setup_logging()
    try:
        assert log_file is not None
        assert mode(log_file) == 0o600 and mode(log_file.parent) == 0o700
    finally:
        teardown_logging()


def test_exports_are_written_0600(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_text("old")  # an existing 0644 file is replaced by a private one
    write_private_text(target, "{}\n")
    assert mode(target) == 0o600 and target.read_text() == "{}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]  # no temporary left


def test_settings_file_is_private(tmp_path: Path, qapp) -> None:
    from lawtracker.gui.settings import WindowSettings

    settings = WindowSettings(tmp_path / "conf" / "settings.ini")
    settings.set_author("alice")
    settings.sync()
    assert mode(settings.path) == 0o600
    assert mode(settings.path.parent) == 0o700


def test_pdf_report_is_private(tmp_path: Path, qapp) -> None:
    from lawtracker.gui.pdf import write_html_pdf

    target = tmp_path / "report.pdf"
    write_html_pdf(target, "<p>report</p>", title="t")
    assert mode(target) == 0o600


def test_the_command_line_from_umask_022(
    capsys, tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "fresh-data"
    monkeypatch.setenv("LAWTRACKER_DATA_DIR", str(data))
    export = tmp_path / "out" / "measures.json"
    export.parent.mkdir()
    notes = tmp_path / "out" / "notes.json"
    assert main(["ingest", str(seeds_dir / "001_be6e844fb81b9f94.txt")]) == 0
    assert main(["export", "--out", str(export)]) == 0
    assert main(["annotations", "export", "--out", str(notes)]) == 0
    teardown_logging()
    capsys.readouterr()
    assert mode(data) == 0o700 and mode(data / "logs") == 0o700
    created = [p for p in data.rglob("*") if p.is_file()]
    assert any(p.name == "lawtracker.sqlite3" for p in created)
    assert {p.name: mode(p) for p in created} == {p.name: 0o600 for p in created}
    assert mode(export) == 0o600 and mode(notes) == 0o600


def test_an_old_world_readable_default_store_is_tightened(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "old-data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    store = data / "lawtracker.sqlite3"
    engine = make_engine(store)
    upgrade_to_head(engine)
    engine.dispose()
    store.chmod(0o644)
    monkeypatch.setenv("LAWTRACKER_DATA_DIR", str(data))
    assert main(["list"]) == 0
    teardown_logging()
    capsys.readouterr()
    assert mode(store) == 0o600 and mode(data) == 0o700
