"""Periods that hang on a stated date: "for 3 years from January 1, 2023".

The start is a stated event; the end is derived with ``relativedelta`` and
carries its rule. What the period is for (a window to apply, an
implementation) is read from the sentence; when unsure it is a window.
"""

from __future__ import annotations

import re

from lawtracker.domain.drafts import EventDraft
from lawtracker.domain.enums import DatePrecision, EventKind, Language, QuantityKind
from lawtracker.domain.facts import FoundDate, FoundQuantity, Span
from lawtracker.ingestion.families.context import DocumentContext
from lawtracker.ingestion.families.drafting import derived_end, event_from

_DURATION_THEN_DATE = re.compile(r"^\s*(?:from|starting\s+from|as\s+of|beginning)\s*$", re.I)
_DATE_THEN_DURATION = re.compile(r"^\s*,?\s*(?:for|during|within)\s*(?:a\s+period\s+of\s*)?$", re.I)
_IMPLEMENTATION = re.compile(r"\bimplement", re.I)

_GAP = 30


def _kinds(sentence: str) -> tuple[EventKind, EventKind, str]:
    if _IMPLEMENTATION.search(sentence):
        return EventKind.IMPLEMENTATION_START, EventKind.IMPLEMENTATION_END, "implementation"
    return EventKind.WINDOW_START, EventKind.WINDOW_END, "window"


def period_events(ctx: DocumentContext, region: Span, lang: Language) -> list[EventDraft]:
    dates = [d for d in ctx.dates_in(region) if d.precision == DatePrecision.DAY]
    durations = [q for q in ctx.quantities_in(region) if q.kind == QuantityKind.DURATION]
    events: list[EventDraft] = []
    for duration in durations:
        start = _anchor(ctx.text, duration, dates)
        if start is None:
            continue
        sentence = ctx.sentence_at(duration.span.start)
        start_kind, end_kind, what = _kinds(ctx.slice(sentence))
        start_event = event_from(start, start_kind, lang=lang, label=f"{what} opens")
        end_event = derived_end(start_event, duration, end_kind, label=f"{what} closes", lang=lang)
        if end_event is not None:
            events.extend([start_event, end_event])
    return events


def _anchor(text: str, duration: FoundQuantity, dates: list[FoundDate]) -> FoundDate | None:
    """The date a duration is counted from, when the text puts them side by side."""
    for found in dates:
        after = text[duration.span.end : found.span.start]
        if 0 <= len(after) <= _GAP and _DURATION_THEN_DATE.match(after):
            return found
        before = text[found.span.end : duration.span.start]
        if 0 <= len(before) <= _GAP and _DATE_THEN_DURATION.match(before):
            return found
    return None
