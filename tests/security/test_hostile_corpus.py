"""Every hostile or broken document gets one clean line; the store stays whole.

The corpus (``hostile.py``) is generated here, never committed. Each file goes
through the real importer into a real store: one result per file (added, kept,
unchanged or failed, never "internal error"), no traceback in the log, a store that
passes ``PRAGMA integrity_check``, and the whole run under a time bound.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from lawtracker.ingestion.parallel import WORKERS_VARIABLE
from lawtracker.ingestion.pipeline import FileStatus, ingest_paths
from lawtracker.storage.db import make_engine
from lawtracker.storage.migrate import upgrade_to_head

from .faults import captured_log
from .hostile import KINDS, write_corpus

#: Measured: 26 s in one process, 22 s with two workers (68 files, 10 MB line included);
#: a hang or a quadratic blow-up on one kind takes far longer.
TIME_BOUND_S = 120.0
OK = {FileStatus.ADDED, FileStatus.NEW_VERSION, FileStatus.UNCHANGED, FileStatus.KEPT}


def test_the_corpus_has_at_least_fifty_kinds() -> None:
    assert len(KINDS) >= 50


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.parametrize("workers", ["0", "2"])
def test_every_hostile_file_gets_one_line_and_the_store_stays_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: str
) -> None:
    monkeypatch.setenv(WORKERS_VARIABLE, workers)
    files = write_corpus(tmp_path / "hostile folder ✓")
    db = tmp_path / "store.sqlite3"
    engine = make_engine(db)
    try:
        upgrade_to_head(engine)
        with captured_log() as log_file:
            started = time.perf_counter()
            report = ingest_paths([tmp_path / "hostile folder ✓"], engine=engine)
            elapsed = time.perf_counter() - started
        by_path = {}
        for result in report.results:
            assert result.path not in by_path, f"two lines for {result.path.name!r}"
            by_path[result.path] = result
        # An e-mail's attachment gets a line of its own, named after the e-mail; its
        # hostile name ("../../../etc/passwd.pdf") stays a label, never a path.
        attachments = {p for p in by_path if " ▸ " in str(p)}
        assert {str(p).partition(" ▸ ")[2] for p in attachments} == {"../../../etc/passwd.pdf"}
        assert set(by_path) - attachments == set(files)
        for path, result in by_path.items():
            assert result.status in OK | {FileStatus.FAILED}, (path.name, result)
            assert "internal error" not in result.message, (path.name, result.message)
            assert result.message.strip(), path.name
            assert "\n" not in result.line().replace(path.name, ""), result.line()
        # The ones that must fail do, with a reason; the plain decrees go in.
        failed = {p.name for p, r in by_path.items() if r.status == FileStatus.FAILED}
        assert {"over-the-limit.txt", "text-named.pdf", "zip-named.docx"} <= failed
        assert by_path[files[list(KINDS).index("UPPER.TXT")]].status in OK
        logged = log_file.read_text(encoding="utf-8")
        assert "Traceback" not in logged
        assert elapsed < TIME_BOUND_S, f"{elapsed:.1f} s"
        print(f"\n{len(files)} hostile files in {elapsed:.1f} s: {report.summary()}")
    finally:
        engine.dispose()
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    connection.close()
    # Importing the same folder again changes nothing and still says one line each.
    engine = make_engine(db)
    try:
        again = ingest_paths([tmp_path / "hostile folder ✓"], engine=engine)
    finally:
        engine.dispose()
    assert len(again.results) == len(report.results)
    assert not [r for r in again.results if r.status == FileStatus.ADDED]
