"""Dated news items: a first line `` date YYYY-MM-DD headline`` then the story.

The story is about one measure: an act or law when the text names one, else
a public statement. "Today" in the story means the dateline. A duration "to
implement" hangs on the implementation start. Other dates the story mentions
become context events, with the year taken from the dateline when omitted.
"""

from __future__ import annotations

import datetime as dt
import re

from lawtracker.domain.drafts import EventDraft, MeasureDraft, ParsedSource
from lawtracker.domain.enums import (
    DatePrecision,
    DocumentFamily,
    EventKind,
    Instrument,
    Language,
    QuantityKind,
)
from lawtracker.domain.facts import Span
from lawtracker.domain.jurisdictions import first_jurisdiction
from lawtracker.ingestion.families.context import DocumentContext
from lawtracker.ingestion.families.drafting import (
    derived_end,
    event_from,
    measure_key,
    quantity_from,
    reference_from,
    unknown_event,
)
from lawtracker.ingestion.families.text import one_line

DATELINE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s+(.+)")
_AGENCY = re.compile(
    r",\s*(?P<agency>[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?)\s+(?:informs|reports)\.?\s*$"
)
_ACT = re.compile(r"\b(amnesty\s+(?:act|law)|act|law|decree|resolution|order)\b", re.I)
_STATED = re.compile(r"\b(?:stated|said|noted|announced|declared|told)\b", re.I)
_AUTHORITY = re.compile(
    r"\b(?:initiated|adopted|signed|issued|stated|announced)\s+by\s+(?:the\s+)?(?P<who>[^.,;\n]+)"
)
_TODAY = re.compile(r"\btoday\b", re.I)
_IMPLEMENT = re.compile(r"\bimplement", re.I)


def score(text: str) -> float:
    """Sure only of a dateline that carries a headline: a bare section label ("WORLD") after
    a crawler's date is not this layout."""
    head = DATELINE.match(text)
    if head is None:
        return 0.0
    headline = head.group(2).split("\n", 1)[0]
    return 0.95 if len(headline.split()) >= 4 else 0.3


def parse(ctx: DocumentContext) -> ParsedSource:
    text = ctx.text
    head = DATELINE.match(text)
    if head is None:
        raise ValueError("not a news item")
    published = dt.date.fromisoformat(head.group(1))
    ctx.default_year = published.year
    headline_span = Span(head.start(2), head.end(2))
    headline = one_line(head.group(2))
    agency = _AGENCY.search(headline)
    title = headline[: agency.start()].strip() if agency else headline.rstrip(".")
    body = Span(head.end(), len(text))
    jurisdiction = first_jurisdiction(headline) or first_jurisdiction(text) or "XX"
    instrument = _instrument(text, headline)
    dateline = next((d for d in ctx.dates_in(Span(head.start(1), head.end(1)))), None)
    measure = MeasureDraft(
        key=measure_key(jurisdiction, instrument, published.isoformat()),
        title=title,
        instrument=instrument,
        jurisdiction=jurisdiction,
        authority=_authority(text),
        summary=title,
        texts={Language.EN: Span(head.start(2), len(text.rstrip()))},
        title_span=headline_span,
    )
    main_event = _main_event(ctx, dateline, instrument, headline_span)
    if main_event is not None:
        measure.events.append(main_event)
        measure.events.extend(_implementation_end(ctx, main_event, body))
    if instrument != Instrument.STATEMENT:
        measure.events.append(unknown_event(EventKind.IN_FORCE, "entry into force not stated"))
    measure.events.extend(_context_events(ctx, body, published))
    measure.quantities.extend(quantity_from(q) for q in ctx.quantities_in(body))
    measure.references.extend(reference_from(r) for r in ctx.references_in(body))
    return ParsedSource(
        file_name=ctx.file_name,
        sha256=ctx.sha256,
        family=DocumentFamily.NEWS,
        text=text,
        title=title,
        publisher=agency.group("agency") if agency else None,
        date=published,
        date_precision=DatePrecision.DAY,
        languages=[Language.EN],
        ocr_damaged=ctx.ocr_damaged,
        measures=[measure],
    )


def _instrument(text: str, headline: str) -> Instrument:
    act = _ACT.search(headline) or _ACT.search(text[:600])
    opening = text[: text.find("\n", text.find("\n") + 1) + 1 or 400]
    if act is None or (_STATED.search(opening) and not _ACT.search(headline)):
        return Instrument.STATEMENT
    word = act.group(1).lower()
    if word.startswith("amnesty") or "amnesty" in headline.lower():
        return Instrument.AMNESTY_ACT
    return {
        "decree": Instrument.DECREE,
        "resolution": Instrument.RESOLUTION,
        "order": Instrument.ORDER,
    }.get(word, Instrument.LAW)


def _authority(text: str) -> str | None:
    match = _AUTHORITY.search(text)
    return one_line(match.group("who")) if match else None


def _main_event(
    ctx: DocumentContext, dateline, instrument: Instrument, headline: Span
) -> EventDraft | None:
    if dateline is None:
        return None
    headline_text = ctx.slice(headline)
    if _TODAY.search(headline_text) and _IMPLEMENT.search(headline_text):
        return event_from(
            dateline, EventKind.IMPLEMENTATION_START, label='implementation begins ("today")'
        )
    if instrument == Instrument.STATEMENT:
        return event_from(dateline, EventKind.ISSUED, label="statement reported")
    # The article's date is not the act's publication date: it stays a dated context fact.
    return event_from(dateline, EventKind.OTHER, label="news item dated")


def _implementation_end(ctx: DocumentContext, start: EventDraft, body: Span) -> list[EventDraft]:
    if start.kind != EventKind.IMPLEMENTATION_START:
        return []
    for quantity in ctx.quantities_in(body):
        if quantity.kind != QuantityKind.DURATION:
            continue
        sentence = ctx.slice(ctx.sentence_at(quantity.span.start))
        if _IMPLEMENT.search(sentence):
            end = derived_end(
                start, quantity, EventKind.IMPLEMENTATION_END, label="implementation ends"
            )
            return [end] if end else []
    return []


def _context_events(ctx: DocumentContext, body: Span, published: dt.date) -> list[EventDraft]:
    """Dates the story mentions, as context; one event per distinct date."""
    seen: set[tuple[dt.date, DatePrecision]] = set()
    events = []
    for found in ctx.dates_in(body):
        key = (found.value, found.precision)
        if key in seen or (found.value == published and found.precision == DatePrecision.DAY):
            continue
        seen.add(key)
        sentence = one_line(ctx.slice(ctx.sentence_at(found.span.start)))
        label = sentence if len(sentence) <= 90 else sentence[:87].rstrip() + "…"
        event = event_from(found, EventKind.OTHER, label=label)
        events.append(event)
    return events
