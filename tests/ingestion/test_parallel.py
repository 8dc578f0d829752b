"""Large batches are read and parsed in worker processes: same store, same report."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawtracker.ingestion.parallel import PARALLEL_MIN_FILES, WORKERS_VARIABLE, worker_count
from lawtracker.ingestion.pipeline import FileStatus, ingest_paths
from lawtracker.services.export import export_document
from lawtracker.storage.db import make_engine
from lawtracker.storage.migrate import upgrade_to_head
from tests.ingestion.written_docs import CITATION_AFTER, COE_RESOLUTION, UN_REPORT, WEB_PAGE


def _batch(folder: Path, copies: int) -> Path:
    """Distinct documents (each copy names its own numbers) plus a bad and a kept file."""
    folder.mkdir()
    templates = (WEB_PAGE, CITATION_AFTER, UN_REPORT, COE_RESOLUTION)
    for index in range(copies):
        text = templates[index % len(templates)]
        text = text.replace("77", str(100 + index)).replace("ZRU-801", f"ZRU-{900 + index}")
        text = text.replace("2600", str(3000 + index)).replace("GEO/CO/4", f"GEO/CO/{10 + index}")
        (folder / f"doc-{index:02d}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "lunch.txt").write_text("Minutes of lunch. Soup was served.\n", encoding="utf-8")
    return folder


def _store(path: Path):
    engine = make_engine(path)
    upgrade_to_head(engine)
    return engine


def _measures(engine) -> list[tuple]:
    document = export_document(engine)
    return sorted(
        (m["key"], m["title"], tuple((e["kind"], e["date"]) for e in m["events"]))
        for m in document["measures"]
    )


def test_workers_store_what_the_importing_process_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _batch(tmp_path / "batch", 12)
    monkeypatch.setenv(WORKERS_VARIABLE, "0")
    serial = _store(tmp_path / "serial.sqlite3")
    serial_report = ingest_paths([folder], engine=serial)
    monkeypatch.setenv(WORKERS_VARIABLE, "2")
    parallel = _store(tmp_path / "parallel.sqlite3")
    seen: list[str] = []
    parallel_report = ingest_paths(
        [folder], engine=parallel, progress=lambda i, n, name: seen.append(name)
    )

    assert [(r.path.name, r.status) for r in parallel_report.results] == [
        (r.path.name, r.status) for r in serial_report.results
    ]
    statuses = {r.path.name: r.status for r in parallel_report.results}
    assert statuses["empty.txt"] == FileStatus.FAILED
    assert statuses["lunch.txt"] == FileStatus.KEPT
    assert _measures(parallel) == _measures(serial)
    assert len(_measures(parallel)) >= 12
    assert seen[:3] == ["doc-00.txt", "doc-01.txt", "doc-02.txt"]  # in order
    # A second import of the same folder is all unchanged, through the workers too.
    again = ingest_paths([folder], engine=parallel)
    assert {r.status for r in again.results} == {FileStatus.UNCHANGED, FileStatus.FAILED}


def test_a_cancel_stops_the_workers_within_a_few_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _batch(tmp_path / "batch", 30)
    monkeypatch.setenv(WORKERS_VARIABLE, "2")
    engine = _store(tmp_path / "store.sqlite3")
    stored: list[str] = []

    def progress(index: int, total: int, name: str) -> None:
        stored.append(name)

    report = ingest_paths(
        [folder], engine=engine, progress=progress, cancel=lambda: len(stored) >= 3
    )
    assert report.cancelled
    assert 3 <= len([r for r in report.results if r.status != FileStatus.SKIPPED]) < 10


def test_small_batches_stay_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(WORKERS_VARIABLE, raising=False)
    assert worker_count(PARALLEL_MIN_FILES - 1) == 0
    assert worker_count(1) == 0
