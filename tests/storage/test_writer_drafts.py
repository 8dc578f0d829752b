"""The writer with the rebuilt extractor's drafts, on real SQLite files.

Roles, confidence, measures of no country, yearless dates, Russian text, documents
without measures, and keys that change between extractor versions (user work follows).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select, text
from sqlalchemy.engine import Engine

from lawtracker.domain.annotations import AnnotationInput
from lawtracker.domain.enums import DatePrecision, Instrument, Language, MeasureRole
from lawtracker.services.annotations import Annotations
from lawtracker.services.catalog import Catalog
from lawtracker.storage.db import session_scope
from lawtracker.storage.search import search_measure_ids, search_source_ids
from lawtracker.storage.tables import Event, Measure, MeasureKeyAlias, Source
from tests.storage.draft_samples import (
    LAW_KEY,
    PACE_FILE,
    PACE_KEY,
    PACE_TEXT,
    RU_KEY,
    empty_source,
    pace_source,
    sha,
    store,
)

OLD_KEY = "xx/resolution/doc-2567"  # what the previous extractor called the resolution


def _measure(engine: Engine, key: str) -> Measure:
    with session_scope(engine) as session:
        row = session.execute(select(Measure).where(Measure.key == key)).scalar_one()
        session.expunge(row)
        return row


def test_role_confidence_null_jurisdiction_and_russian_text_are_stored(
    migrated_engine: Engine,
) -> None:
    result = store(migrated_engine, pace_source())

    assert sorted(result.added_keys) == sorted([PACE_KEY, LAW_KEY, RU_KEY])
    pace, law, russian = (_measure(migrated_engine, k) for k in (PACE_KEY, LAW_KEY, RU_KEY))
    assert (pace.jurisdiction, pace.role, pace.confidence) == (None, "primary", 0.45)
    assert (law.jurisdiction, law.role, law.confidence) == ("AZ", "referenced", 0.9)
    assert (russian.role, russian.confidence) == ("mentioned", 0.7)
    catalog = Catalog(migrated_engine)
    detail = catalog.measure_detail(russian.id)
    assert detail is not None and detail.role is MeasureRole.MENTIONED
    assert detail.texts[Language.RU].text == "Закон № 55 о порядке амнистии"
    assert detail.events[0].lang is Language.RU
    pace_detail = catalog.measure_detail(pace.id)
    assert pace_detail is not None
    assert pace_detail.jurisdiction is None and pace_detail.low_confidence
    with session_scope(migrated_engine) as session:
        assert search_measure_ids(session, "амнистии") == [russian.id]
        languages = session.execute(select(Source.languages)).scalar_one()
    assert languages == "en,ru"


def test_month_day_event_reads_back_and_never_fills_the_summary_dates(
    migrated_engine: Engine,
) -> None:
    store(migrated_engine, pace_source())

    law = _measure(migrated_engine, LAW_KEY)
    assert law.in_force_on is None and law.signed_on is None  # the only date has no year
    with session_scope(migrated_engine) as session:
        stored = session.execute(
            text("SELECT date, precision FROM event WHERE measure_id = :id"), {"id": law.id}
        ).one()
    assert tuple(stored) == ("0004-05-25", "month_day")
    detail = Catalog(migrated_engine).measure_detail(law.id)
    assert detail is not None
    (event,) = detail.events
    assert event.precision is DatePrecision.MONTH_DAY
    assert (event.date.month, event.date.day) == (5, 25)
    # The Russian law's real date does fill its summary column.
    assert _measure(migrated_engine, RU_KEY).in_force_on == dt.date(2025, 7, 1)


def test_a_month_day_date_stays_off_the_timeline_due_soon_facets_and_year_filters(
    migrated_engine: Engine,
) -> None:
    store(migrated_engine, pace_source())
    catalog = Catalog(migrated_engine)
    law_id = catalog.measure_id_for_key(LAW_KEY)

    assert all(item.measure_id != law_id for item in catalog.timeline_items())
    # 25 May of whatever year: due-soon must not guess one.
    assert catalog.due_soon(today=dt.date(2026, 5, 20), days=30) == []
    facets = catalog.facets()
    assert (facets.year_min, facets.year_max) == (2024, 2025)
    from lawtracker.domain.catalog import MeasureFilter

    assert law_id not in catalog.measure_ids(MeasureFilter(year_to=2030))
    assert law_id not in catalog.measure_ids(MeasureFilter(until=dt.date(2030, 1, 1)))


def test_a_source_without_measures_is_stored_and_searchable(migrated_engine: Engine) -> None:
    result = store(migrated_engine, empty_source())

    assert (result.added_keys, result.updated_keys, result.version) == ([], [], 1)
    with session_scope(migrated_engine) as session:
        names = session.execute(select(Source.file_name)).scalars().all()
        assert names == ["minutes.txt"]
        assert search_source_ids(session, "soup") == [result.source_id]
        assert session.execute(select(Measure.id)).first() is None


def _old_version_with_annotation(engine: Engine) -> tuple[int, int]:
    """The resolution as the previous extractor stored it, annotated and corrected."""
    old = pace_source()
    old.measures[0] = dataclasses.replace(old.measures[0], key=OLD_KEY, jurisdiction="XX")
    store(engine, old)
    notes = Annotations(engine, author="consultant")
    note = notes.create(OLD_KEY, AnnotationInput(note="client asks about this", tags=("pace",)))
    notes.edit_field(OLD_KEY, "title", "Resolution 2567 (checked)")
    measure_id = Catalog(engine).measure_id_for_key(OLD_KEY)
    assert measure_id is not None
    return note.id, measure_id


def _renamed(**changes) -> object:
    """The same file re-read by the new extractor: the resolution under its new key."""
    body = PACE_TEXT + " (re-read)"
    new = pace_source(text=body)
    new.measures[0] = dataclasses.replace(new.measures[0], key_aliases=[OLD_KEY], **changes)
    return new


def test_a_renamed_measure_keeps_its_id_annotations_and_edits(migrated_engine: Engine) -> None:
    annotation_id, old_id = _old_version_with_annotation(migrated_engine)

    store(migrated_engine, _renamed())

    catalog = Catalog(migrated_engine)
    notes = Annotations(migrated_engine, author="consultant")
    new_id = catalog.measure_id_for_key(PACE_KEY)
    assert new_id == old_id  # renamed in place: links and search entry stay
    assert catalog.measure_id_for_key(OLD_KEY) == new_id  # the old key still finds it
    (moved,) = notes.list_for(PACE_KEY)
    assert moved.id == annotation_id and moved.note == "client asks about this"
    assert notes.list_for(OLD_KEY) == []
    detail = catalog.measure_detail(new_id)
    assert detail is not None
    assert detail.key == PACE_KEY and detail.jurisdiction is None
    assert detail.title == "Resolution 2567 (checked)"  # the user's correction followed
    with session_scope(migrated_engine) as session:
        aliases = session.execute(select(MeasureKeyAlias.alias, MeasureKeyAlias.measure_key))
        assert aliases.all() == [(OLD_KEY, PACE_KEY)]
        assert session.execute(select(Measure.id).where(Measure.key == OLD_KEY)).first() is None
    # Restoring the version saved under the old key keeps the annotation on the measure.
    restored = notes.restore_version(annotation_id, 1)
    assert restored.measure_key == PACE_KEY


def test_an_alias_of_a_measure_already_stored_is_merged_into_it(
    migrated_engine: Engine,
) -> None:
    annotation_id, old_id = _old_version_with_annotation(migrated_engine)
    # Another document already gave the measure under its new key.
    other_text = "Resolution 2567 on political prisoners, cited by a newsletter."
    other = pace_source(file_name="newsletter.txt", text=PACE_TEXT + " " + other_text)
    other.measures = other.measures[:1]
    store(migrated_engine, other)
    new_id = Catalog(migrated_engine).measure_id_for_key(PACE_KEY)
    assert new_id is not None and new_id != old_id

    store(migrated_engine, _renamed())

    catalog = Catalog(migrated_engine)
    assert catalog.measure_id_for_key(OLD_KEY) == new_id
    (moved,) = Annotations(migrated_engine).list_for(PACE_KEY)
    assert moved.id == annotation_id
    detail = catalog.measure_detail(new_id)
    assert detail is not None
    assert detail.source_names == sorted([PACE_FILE, "newsletter.txt"])
    assert detail.title == "Resolution 2567 (checked)"
    with session_scope(migrated_engine) as session:
        assert session.get(Measure, old_id) is None
        events = session.execute(select(Event.measure_id).where(Event.measure_id == old_id))
        assert events.first() is None
        assert search_measure_ids(session, "prisoners") == [new_id]


def test_a_chain_of_renames_ends_on_the_newest_key(migrated_engine: Engine) -> None:
    _old_version_with_annotation(migrated_engine)
    store(migrated_engine, _renamed())
    newest = pace_source(text=PACE_TEXT + " (third reading)")
    newest.measures[0] = dataclasses.replace(
        newest.measures[0], key="int/resolution/2567", key_aliases=[PACE_KEY]
    )

    store(migrated_engine, newest)

    catalog = Catalog(migrated_engine)
    newest_id = catalog.measure_id_for_key("int/resolution/2567")
    assert newest_id is not None
    assert catalog.measure_id_for_key(OLD_KEY) == newest_id
    assert catalog.measure_id_for_key(PACE_KEY) == newest_id
    assert len(Annotations(migrated_engine).list_for("int/resolution/2567")) == 1


def test_a_key_never_seen_as_alias_is_recorded_harmlessly(migrated_engine: Engine) -> None:
    parsed = pace_source()
    parsed.measures[0] = dataclasses.replace(parsed.measures[0], key_aliases=["never/stored/1"])
    store(migrated_engine, parsed)

    catalog = Catalog(migrated_engine)
    assert catalog.measure_id_for_key("never/stored/1") == catalog.measure_id_for_key(PACE_KEY)
    assert _measure(migrated_engine, PACE_KEY).instrument == Instrument.RESOLUTION.value
    assert sha(PACE_TEXT)
