"""bench/gen_corpus.py: the synthetic store is what the app expects to read, and consistent.

The generator bypasses the ORM and the writer for speed, so these check what the writer
would guarantee: requested counts, denormalised columns equal to the facts, a working
search, values the ORM reads back, and an intact file.
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import func, select

from lawtracker.domain.catalog import MeasureFilter
from lawtracker.domain.enums import EventKind
from lawtracker.services.catalog import Catalog
from lawtracker.storage.db import make_engine, session_scope
from lawtracker.storage.tables import Event, Measure, MeasureSource

GEN_CORPUS_PY = Path(__file__).resolve().parent.parent / "bench" / "gen_corpus.py"
MEASURES = 2_000
EVENTS_PER_MEASURE = 3.0


@pytest.fixture(scope="module")
def gen_corpus() -> Iterator[ModuleType]:
    """bench/ is scripts, not a package: load gen_corpus.py from its path."""
    spec = importlib.util.spec_from_file_location("bench_gen_corpus", GEN_CORPUS_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


@pytest.fixture(scope="module")
def store(
    gen_corpus: ModuleType, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, Any]]:
    path = tmp_path_factory.mktemp("gen_corpus") / "store.sqlite3"
    result = gen_corpus.build_store(
        path, measures=MEASURES, events_per_measure=EVENTS_PER_MEASURE, seed=11
    )
    return path, result


@pytest.fixture
def catalog(store: tuple[Path, dict[str, Any]]) -> Iterator[Catalog]:
    engine = make_engine(store[0])
    yield Catalog(engine)
    engine.dispose()


def _scalar(path: Path, sql: str) -> Any:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql).fetchone()[0]


def test_counts_are_as_requested(store: tuple[Path, dict[str, Any]]) -> None:
    path, result = store
    assert result["measures"] == _scalar(path, "SELECT count(*) FROM measure") == MEASURES
    events = round(MEASURES * EVENTS_PER_MEASURE)
    assert result["events"] == _scalar(path, "SELECT count(*) FROM event") == events
    assert result["sources"] == _scalar(path, "SELECT count(*) FROM source") >= 5
    assert _scalar(path, "SELECT count(*) FROM measure_fts") == MEASURES
    assert _scalar(path, "SELECT count(*) FROM source_fts") == _scalar(
        path, "SELECT count(*) FROM source WHERE superseded = 0"
    )
    # every measure has its own text and a source, as ingestion guarantees
    assert _scalar(path, "SELECT count(DISTINCT measure_id) FROM measure_text") == MEASURES
    assert _scalar(path, "SELECT min(source_count) FROM measure") >= 1


def test_denormalised_columns_match_the_facts(store: tuple[Path, dict[str, Any]]) -> None:
    engine = make_engine(store[0])
    try:
        with session_scope(engine) as session:
            measures = session.execute(select(Measure).where(Measure.id % 37 == 0)).scalars()
            checked = signed = 0
            for measure in measures:
                first_signed = session.execute(
                    select(func.min(Event.date)).where(
                        Event.measure_id == measure.id,
                        Event.kind == EventKind.SIGNED.value,
                        Event.date.is_not(None),
                    )
                ).scalar()
                first_in_force = session.execute(
                    select(func.min(Event.date)).where(
                        Event.measure_id == measure.id,
                        Event.kind == EventKind.IN_FORCE.value,
                        Event.date.is_not(None),
                    )
                ).scalar()
                sources = session.execute(
                    select(func.count()).where(MeasureSource.measure_id == measure.id)
                ).scalar()
                assert measure.signed_on == first_signed, measure.key
                assert measure.in_force_on == first_in_force, measure.key
                assert measure.source_count == sources, measure.key
                checked += 1
                signed += measure.signed_on is not None
    finally:
        engine.dispose()
    assert checked == MEASURES // 37
    assert signed > checked // 3  # the sample is not all trivially None


def test_search_finds_a_word_of_a_generated_title(
    store: tuple[Path, dict[str, Any]], catalog: Catalog
) -> None:
    title = _scalar(store[0], "SELECT title FROM measure WHERE id = 777")
    word = max(re.findall(r"[A-Za-z]{5,}", title), key=len)
    ids = catalog.measure_ids(MeasureFilter(query=word))
    assert 777 in ids
    # as the user types: a prefix of the word, then two words
    assert 777 in catalog.measure_ids(MeasureFilter(query=word[:4]))
    second = re.findall(r"[A-Za-z]{5,}", title)[0]
    assert 777 in catalog.measure_ids(MeasureFilter(query=f"{second} {word}"))


def test_the_orm_reads_every_stored_value(catalog: Catalog) -> None:
    """Dates, booleans and enums are stored in the forms SQLAlchemy and the domain read."""
    ids = catalog.measure_ids(MeasureFilter())
    assert len(ids) == MEASURES
    rows = catalog.measure_rows(ids[:300])
    assert len(rows) == 300
    assert any(row.signed is not None for row in rows)
    detail = catalog.measure_detail(ids[0])
    assert detail is not None and detail.texts and detail.source_names
    assert catalog.timeline_items(ids[:200])
    facets = catalog.facets()
    assert {"AZ", "KZ"} <= set(facets.jurisdictions)
    assert facets.year_min is not None and facets.year_min >= 1995
    assert facets.year_max is not None and facets.year_max <= 2030


def test_the_file_is_intact(store: tuple[Path, dict[str, Any]]) -> None:
    path = store[0]
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        for table in ("measure_fts", "source_fts"):
            connection.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")


def test_the_same_seed_gives_the_same_store(gen_corpus: ModuleType, tmp_path: Path) -> None:
    dumps = []
    for name in ("a.sqlite3", "b.sqlite3"):
        gen_corpus.build_store(tmp_path / name, measures=200, seed=3)
        with closing(sqlite3.connect(tmp_path / name)) as connection:
            dumps.append(
                [
                    connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                    for table in ("measure", "event", "measure_text", "quantity")
                ]
            )
    # created_at differs by build time; everything else is equal
    strip = [[row[:11] for row in dumps[0][0]], [row[:11] for row in dumps[1][0]]]
    assert strip[0] == strip[1]
    assert dumps[0][1:] == dumps[1][1:]


def test_annotations_are_what_the_service_reads(
    store: tuple[Path, dict[str, Any]], catalog: Catalog, gen_corpus: ModuleType
) -> None:
    """About ANNOTATED_SHARE of measures are annotated, and the service and list read them."""
    from lawtracker.domain.enums import ReviewStatus
    from lawtracker.services.annotations import Annotations

    path, result = store
    annotated = _scalar(path, "SELECT count(DISTINCT measure_key) FROM annotation")
    assert annotated == round(MEASURES * gen_corpus.ANNOTATED_SHARE)
    assert result["annotations"] == _scalar(path, "SELECT count(*) FROM annotation") > annotated
    assert _scalar(path, "SELECT count(*) FROM annotation_version") == result["annotations"]
    assert _scalar(path, "SELECT count(*) FROM annotation WHERE deleted = 1") > 0
    engine = make_engine(path)
    try:
        notes = Annotations(engine, author="bench")
        views = notes.all_annotations()
        first_history = notes.history(views[0].id)
    finally:
        engine.dispose()
    assert len(views) == result["annotations"]
    assert {v.status for v in views} == set(ReviewStatus)
    assert any(v.tags for v in views) and any(v.follow_up for v in views)
    assert first_history[0].version == 1
    # the list's annotation filters and columns see them
    live = catalog.measure_ids(MeasureFilter(annotated=True))
    assert 0 < len(live) <= annotated
    rows = catalog.measure_rows(live[:50])
    assert all(row.annotation_count >= 1 for row in rows)
    assert catalog.measure_ids(MeasureFilter(tags=frozenset({"tax"})))
    assert set(catalog.measure_ids(MeasureFilter(annotated=False))).isdisjoint(live)
