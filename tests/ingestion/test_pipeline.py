"""The ingestion pipeline against real files and a real SQLite store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from lawtracker.ingestion.pipeline import FileStatus, ingest_paths
from lawtracker.storage.db import make_engine, session_scope
from lawtracker.storage.migrate import upgrade_to_head
from lawtracker.storage.search import search_source_ids
from lawtracker.storage.tables import Event, Measure, Quantity, Reference, Source


@pytest.fixture
def engine(tmp_path: Path):
    engine = make_engine(tmp_path / "store.sqlite3")
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


def count(engine, table) -> int:
    with session_scope(engine) as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


def test_seeds_ingest_once_and_again_changes_nothing(engine, seeds_dir: Path) -> None:
    first = ingest_paths([seeds_dir], engine=engine)
    assert first.count(FileStatus.ADDED) == 5, first.summary()
    before = [count(engine, t) for t in (Source, Measure, Event, Quantity, Reference)]
    second = ingest_paths([seeds_dir], engine=engine)
    assert second.count(FileStatus.UNCHANGED) == 5
    assert [count(engine, t) for t in (Source, Measure, Event, Quantity, Reference)] == before


def test_changed_file_becomes_a_new_version_and_keeps_measure_ids(
    engine, seeds_dir: Path, tmp_path: Path
) -> None:
    doc = tmp_path / "in" / "newsletter.txt"
    doc.parent.mkdir()
    original = (seeds_dir / "001_be6e844fb81b9f94.txt").read_text(encoding="utf-8")
    doc.write_text(original, encoding="utf-8")
    ingest_paths([doc], engine=engine)
    with session_scope(engine) as session:
        ids_before = dict(session.execute(select(Measure.key, Measure.id)).all())
    doc.write_text(original.replace("December 7, 2022", "December 8, 2022"), encoding="utf-8")
    report = ingest_paths([doc], engine=engine)
    assert report.results[0].status == FileStatus.NEW_VERSION
    with session_scope(engine) as session:
        ids_after = dict(session.execute(select(Measure.key, Measure.id)).all())
        versions = session.execute(
            select(Source.version, Source.superseded).order_by(Source.version)
        ).all()
        in_force = session.execute(
            select(Measure.in_force_on).where(Measure.key == "az/law/619-viqd")
        ).scalar_one()
    assert ids_after == ids_before
    assert versions == [(1, True), (2, False)]
    assert in_force.isoformat() == "2022-12-08"
    assert count(engine, Source) == 2


def test_bad_files_each_get_one_line_and_the_rest_goes_in(
    engine, seeds_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "huge.txt").write_bytes(b"Law No. 1 was adopted on 1 May 2020.\n" * 600_000)
    (folder / "nothing.txt").write_text(
        "Minutes of the lunch meeting. We ate soup.\n", encoding="utf-8"
    )
    (folder / "cyrillic.txt").write_bytes(
        "Закон № 5 от 1 мая 2020 года. Law No. 55-IVQ was adopted on 3 March 2021.".encode("cp1251")
    )
    (folder / "latin.txt").write_bytes(
        "Décret: the Decree No. 77 was signed on 4 April 2021 à Paris.".encode("latin-1")
    )
    shutil.copy(seeds_dir / "004_3e24798ba003c5d8.txt", folder / "pace.txt")
    report = ingest_paths([folder], engine=engine)
    by_name = {r.path.name: r for r in report.results}
    assert by_name["pace.txt"].status == FileStatus.ADDED
    assert by_name["cyrillic.txt"].status == FileStatus.ADDED
    assert by_name["latin.txt"].status == FileStatus.ADDED
    # Readable, but nothing to extract: kept (stored, searchable) for a person to review.
    assert by_name["nothing.txt"].status == FileStatus.KEPT
    assert by_name["nothing.txt"].message == "kept, no measure found: review it"
    for name, reason in [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("huge.txt", "limit"),
    ]:
        result = by_name[name]
        assert result.status == FileStatus.FAILED
        assert reason in result.message
        assert name in result.line() and "\n" not in result.line()
    with session_scope(engine) as session:
        names = set(session.execute(select(Source.file_name)).scalars())
    assert names == {"pace.txt", "cyrillic.txt", "latin.txt", "nothing.txt"}


def test_a_file_without_measures_is_kept_searchable_and_counted(engine, tmp_path: Path) -> None:
    doc = tmp_path / "minutes.txt"
    doc.write_text("Minutes of the lunch meeting. We ate soup.\n", encoding="utf-8")

    report = ingest_paths([doc], engine=engine)

    (result,) = report.results
    assert (result.status, result.measure_keys) == (FileStatus.KEPT, ())
    assert result.line() == "       kept  minutes.txt: kept, no measure found: review it"
    assert report.kept == [result] and report.failed == []
    assert "1 kept" in report.summary() and "0 failed" in report.summary()
    with session_scope(engine) as session:
        (source_id,) = session.execute(select(Source.id)).scalars().all()
        assert search_source_ids(session, "soup") == [source_id]
    assert count(engine, Measure) == 0
    # Kept once: ingesting it again changes nothing.
    again = ingest_paths([doc], engine=engine)
    assert again.results[0].status == FileStatus.UNCHANGED


def test_store_integrity_after_batch(engine, seeds_dir: Path) -> None:
    ingest_paths([seeds_dir], engine=engine)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert connection.execute(text("PRAGMA foreign_key_check")).fetchall() == []


def test_every_span_points_at_its_text(engine, seeds_dir: Path) -> None:
    ingest_paths([seeds_dir], engine=engine)
    with session_scope(engine) as session:
        texts = dict(session.execute(select(Source.id, Source.text)).all())
        for table in (Quantity, Reference):
            rows = session.execute(
                select(table.source_id, table.span_start, table.span_end, table.text)
            ).all()
            assert rows
            for source_id, start, end, fact_text in rows:
                assert texts[source_id][start:end] == fact_text
        events = session.execute(
            select(Event.source_id, Event.span_start, Event.span_end).where(
                Event.span_start.is_not(None), Event.derived.is_(False)
            )
        ).all()
        assert events
        for source_id, start, end in events:
            assert 0 <= start < end <= len(texts[source_id])
            assert any(ch.isdigit() for ch in texts[source_id][start:end])


def test_cancel_stops_between_files(engine, seeds_dir: Path) -> None:
    seen: list[str] = []
    report = ingest_paths(
        [seeds_dir],
        engine=engine,
        progress=lambda i, n, name: seen.append(name),
        cancel=lambda: len(seen) >= 2,
    )
    assert report.cancelled
    assert len(report.results) == 2
    assert count(engine, Source) == 2
