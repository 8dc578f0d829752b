"""The JSON and CSV exports of the rebuilt extractor's fields, from a real store."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from lawtracker.domain.catalog import MeasureFilter
from lawtracker.services.catalog import Catalog
from lawtracker.services.export import CSV_COLUMNS, SCHEMA, export_csv, export_json
from lawtracker.storage.db import make_engine
from lawtracker.storage.migrate import upgrade_to_head
from tests.storage.draft_samples import (
    LAW_KEY,
    PACE_FILE,
    PACE_KEY,
    RU_KEY,
    empty_source,
    pace_source,
    store,
)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(tmp_path / "store.sqlite3")
    upgrade_to_head(engine)
    store(engine, pace_source())
    store(engine, empty_source())
    yield engine
    engine.dispose()


def test_json_has_role_confidence_null_jurisdiction_and_month_day(engine: Engine) -> None:
    document = json.loads(export_json(engine))

    assert document["schema"] == SCHEMA == "lawtracker.export/1"
    measures = {m["key"]: m for m in document["measures"]}
    pace, law, russian = measures[PACE_KEY], measures[LAW_KEY], measures[RU_KEY]
    assert (pace["jurisdiction"], pace["role"], pace["confidence"]) == (None, "primary", 0.45)
    assert (law["jurisdiction"], law["role"], law["confidence"]) == ("AZ", "referenced", 0.9)
    assert russian["role"] == "mentioned"
    assert russian["text"] == {"ru": "Закон № 55 о порядке амнистии"}
    (event,) = law["events"]
    assert (event["date"], event["precision"]) == ("--05-25", "month_day")
    assert "XX" not in export_json(engine)


def test_a_source_without_measures_is_listed_in_sources(engine: Engine) -> None:
    document = json.loads(export_json(engine))

    sources = {s["file"]: s for s in document["sources"]}
    assert set(sources) == {PACE_FILE, "minutes.txt"}
    assert sources["minutes.txt"]["title"] == "Minutes of the lunch meeting"
    assert sources[PACE_FILE]["languages"] == ["en", "ru"]
    named = {name for m in document["measures"] for name in m["sources"]}
    assert "minutes.txt" not in named


def test_csv_has_role_and_confidence_and_an_empty_jurisdiction(engine: Engine) -> None:
    rows = {r["key"]: r for r in csv.DictReader(io.StringIO(export_csv(engine)))}

    assert tuple(next(csv.reader(io.StringIO(export_csv(engine))))) == CSV_COLUMNS
    assert CSV_COLUMNS[-2:] == ("role", "confidence")
    pace, law = rows[PACE_KEY], rows[LAW_KEY]
    assert (pace["jurisdiction"], pace["role"], pace["confidence"]) == ("", "primary", "0.45")
    # The yearless entry into force is not a summary date.
    assert (law["in_force"], law["role"]) == ("", "referenced")
    assert rows[RU_KEY]["in_force"] == "2025-07-01"


def test_filtering_on_international_reaches_sql_as_is_null(engine: Engine) -> None:
    catalog = Catalog(engine)
    international = frozenset({None})

    ids = catalog.measure_ids(MeasureFilter(jurisdictions=international))
    assert [r.key for r in catalog.measure_rows(ids)] == [PACE_KEY]
    mixed = catalog.measure_ids(MeasureFilter(jurisdictions=frozenset({None, "KZ"})))
    assert sorted(r.key for r in catalog.measure_rows(mixed)) == sorted([PACE_KEY, RU_KEY])
    assert catalog.facets().jurisdictions == ["AZ", "KZ", None]
