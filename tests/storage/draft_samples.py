"""Parsed documents with what the rebuilt extractor produces, built by hand.

Until the new extractor lands, tests give the writer these drafts directly: an
international body's text (no jurisdiction), roles, a low confidence, a day and
month without a year, Russian text, and a document with no measure at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy.engine import Engine

from lawtracker.domain.dates import NO_YEAR
from lawtracker.domain.drafts import EventDraft, MeasureDraft, ParsedSource, Provenance
from lawtracker.domain.enums import (
    DatePrecision,
    DocumentFamily,
    EventKind,
    Instrument,
    Language,
    MeasureRole,
)
from lawtracker.domain.facts import Span
from lawtracker.storage.db import session_scope
from lawtracker.storage.writer import StoreResult, store_parsed_source

PACE_KEY = "int/resolution/pace-2567"
LAW_KEY = "az/law/1234-viq"
RU_KEY = "kz/law/ru-55"
PACE_FILE = "pace-resolution-2567.txt"

PACE_TEXT = (
    "Parliamentary Assembly. Resolution 2567 on political prisoners was adopted "
    "on 12 March 2024. It refers to Law No. 1234-VIQ, which entered into force "
    "on May 25. Закон № 55 о порядке амнистии вступает в силу 1 июля 2025 года."
)


def span_of(text: str, quote: str) -> Span:
    start = text.index(quote)
    return Span(start, start + len(quote))


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def pace_source(*, file_name: str = PACE_FILE, text: str = PACE_TEXT) -> ParsedSource:
    """A PACE resolution (no country), the law it cites (yearless date), a Russian law."""
    resolution = MeasureDraft(
        key=PACE_KEY,
        title="Resolution 2567 on political prisoners",
        instrument=Instrument.RESOLUTION,
        jurisdiction=None,
        number="2567",
        authority="Parliamentary Assembly of the Council of Europe",
        texts={Language.EN: span_of(text, "Resolution 2567 on political prisoners")},
        events=[
            EventDraft(
                EventKind.ADOPTED,
                dt.date(2024, 3, 12),
                DatePrecision.DAY,
                Provenance(span_of(text, "12 March 2024")),
            )
        ],
        role=MeasureRole.PRIMARY,
        confidence=0.45,
    )
    law = MeasureDraft(
        key=LAW_KEY,
        title="Law No. 1234-VIQ",
        instrument=Instrument.LAW,
        jurisdiction="AZ",
        number="1234-VIQ",
        texts={Language.EN: span_of(text, "Law No. 1234-VIQ, which entered into force on May 25")},
        events=[
            EventDraft(
                EventKind.IN_FORCE,
                dt.date(NO_YEAR, 5, 25),
                DatePrecision.MONTH_DAY,
                Provenance(span_of(text, "May 25")),
                label="entered into force",
            )
        ],
        role=MeasureRole.REFERENCED,
        confidence=0.9,
    )
    russian = MeasureDraft(
        key=RU_KEY,
        title="Закон № 55 о порядке амнистии",
        instrument=Instrument.LAW,
        jurisdiction="KZ",
        number="55",
        texts={Language.RU: span_of(text, "Закон № 55 о порядке амнистии")},
        events=[
            EventDraft(
                EventKind.IN_FORCE,
                dt.date(2025, 7, 1),
                DatePrecision.DAY,
                Provenance(span_of(text, "1 июля 2025 года"), lang=Language.RU),
            )
        ],
        role=MeasureRole.MENTIONED,
        confidence=0.7,
    )
    return ParsedSource(
        file_name=file_name,
        sha256=sha(text),
        family=DocumentFamily.GENERIC,
        text=text,
        title="Resolution 2567",
        publisher="PACE",
        languages=[Language.EN, Language.RU],
        measures=[resolution, law, russian],
    )


def empty_source(file_name: str = "minutes.txt") -> ParsedSource:
    """A readable text in which no measure was found."""
    text = "Minutes of the lunch meeting. We discussed the weather and ate soup."
    return ParsedSource(
        file_name=file_name,
        sha256=sha(text),
        family=DocumentFamily.GENERIC,
        text=text,
        title="Minutes of the lunch meeting",
        languages=[Language.EN],
    )


def store(engine: Engine, parsed: ParsedSource) -> StoreResult:
    with session_scope(engine) as session:
        return store_parsed_source(session, parsed)
