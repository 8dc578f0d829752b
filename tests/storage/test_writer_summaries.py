"""The writer's derived data: summary columns and measure search documents.

Both are rebuilt from other rows with SQL written for speed (slices cut by
``substr`` in SQLite, dates picked inside ``min()``), so these tests pin them
to what the plain definition gives, on real SQLite files.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import select, text
from sqlalchemy.engine import Engine

from lawtracker.domain.drafts import EventDraft, MeasureDraft, ParsedSource, Provenance
from lawtracker.domain.enums import DatePrecision, DocumentFamily, EventKind, Instrument, Language
from lawtracker.domain.facts import Span
from lawtracker.storage.db import session_scope
from lawtracker.storage.search import fold
from lawtracker.storage.tables import Measure
from lawtracker.storage.writer import refresh_summary_columns, store_parsed_source

KEY = "az/law/shared-measure"


def _event(kind: EventKind, day: dt.date | None) -> EventDraft:
    precision = DatePrecision.DAY if day else DatePrecision.UNKNOWN
    return EventDraft(kind, day, precision, Provenance(None))


def _source(file_name: str, body: str, quote: str, *events: EventDraft) -> ParsedSource:
    """A document whose one measure (always ``KEY``) is the sentence ``quote`` in ``body``."""
    start = body.index(quote)
    measure = MeasureDraft(
        key=KEY,
        title="Shared measure",
        instrument=Instrument.LAW,
        jurisdiction="AZ",
        summary="A law cited by several documents",
        texts={Language.EN: Span(start, start + len(quote))},
        events=list(events),
    )
    return ParsedSource(
        file_name=file_name,
        sha256=hashlib.sha256(body.encode()).hexdigest(),
        family=DocumentFamily.GENERIC,
        text=body,
        title=file_name,
        measures=[measure],
    )


def _store(engine: Engine, parsed: ParsedSource) -> None:
    with session_scope(engine) as session:
        store_parsed_source(session, parsed)


def _summary(engine: Engine) -> tuple[dt.date | None, dt.date | None, int]:
    with session_scope(engine) as session:
        row = session.execute(
            select(Measure.signed_on, Measure.in_force_on, Measure.source_count).where(
                Measure.key == KEY
            )
        ).one()
    return row[0], row[1], row[2]


def test_summary_columns_take_the_earliest_date_of_each_kind(migrated_engine: Engine) -> None:
    _store(
        migrated_engine,
        _source(
            "a.txt",
            "Intro. The law was signed. End.",
            "The law was signed.",
            _event(EventKind.ISSUED, dt.date(2001, 1, 1)),  # earlier, but another kind
            _event(EventKind.SIGNED, dt.date(2020, 5, 1)),
            _event(EventKind.SIGNED, None),  # "not stated" never wins
            _event(EventKind.IN_FORCE, dt.date(2021, 1, 1)),
        ),
    )
    assert _summary(migrated_engine) == (dt.date(2020, 5, 1), dt.date(2021, 1, 1), 1)

    cited = "Another text. It cites the law signed earlier."
    _store(
        migrated_engine,
        _source(
            "b.txt",
            cited,
            "It cites the law signed earlier.",
            _event(EventKind.SIGNED, dt.date(2019, 3, 3)),
        ),
    )
    assert _summary(migrated_engine) == (dt.date(2019, 3, 3), dt.date(2021, 1, 1), 2)

    # A new version of b.txt without the date: its old facts go, the summary follows.
    revised = cited + " Revised."
    _store(migrated_engine, _source("b.txt", revised, "It cites the law signed earlier."))
    assert _summary(migrated_engine) == (dt.date(2020, 5, 1), dt.date(2021, 1, 1), 2)


def test_search_body_of_a_shared_measure_holds_its_slices_of_every_source(
    migrated_engine: Engine,
) -> None:
    # Letters beyond ASCII and beyond the BMP before the slices: SQLite's substr and a
    # Python slice must count them alike, or the older source's slice would shift.
    first = "Qərar 𝄞 🇦🇿 çıxarış. Qanun ilə təsdiq edildi. Son."
    second = "İkinci sənəd 𝄞𝄞. The law also applies here. End."
    _store(migrated_engine, _source("a.txt", first, "Qanun ilə təsdiq edildi."))
    _store(migrated_engine, _source("b.txt", second, "The law also applies here."))

    with session_scope(migrated_engine) as session:
        connection = session.connection()
        body = connection.execute(
            text(
                "SELECT f.body FROM measure_fts AS f JOIN measure AS m ON m.id = f.rowid "
                "WHERE m.key = :key"
            ),
            {"key": KEY},
        ).scalar_one()
    expected = "\n".join(
        [
            "A law cited by several documents",
            "Qanun ilə təsdiq edildi.",
            "The law also applies here.",
        ]
    )
    assert body == fold(expected)


def test_summary_refresh_reads_events_through_the_measure_index(migrated_engine: Engine) -> None:
    """Guard the plan: a scan of every event of a kind made each file slower than the last."""
    executed: list[str] = []
    with session_scope(migrated_engine) as session:
        connection = session.connection()
        driver = connection.connection.driver_connection
        driver.set_trace_callback(executed.append)  # the SQL as run, values bound in
        try:
            refresh_summary_columns(session, [1, 2])
        finally:
            driver.set_trace_callback(None)
        (update,) = [sql for sql in executed if sql.lstrip().upper().startswith("UPDATE")]
        plan = [row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {update}")]
    event_steps = [step for step in plan if "SEARCH event " in step or "SCAN event" in step]
    assert event_steps, plan
    assert all("ix_event_measure_id" in step for step in event_steps), plan
