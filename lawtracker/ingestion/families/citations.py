"""Measures that a document cites together with a date.

A report saying 'Adopted on December 30, 2021 the "Law on Media"' tells us a
law exists and when it was adopted, so it becomes a measure of its own that
the citing document links to. A citation needs three things in one
sentence: an instrument (numbered, or a quoted title naming one), a date of
day or month precision, and a verb saying what happened on that date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawtracker.domain.drafts import LinkDraft, MeasureDraft, Provenance
from lawtracker.domain.enums import (
    DatePrecision,
    EventKind,
    Instrument,
    Language,
    LinkKind,
    ReferenceKind,
)
from lawtracker.domain.facts import FoundDate, Span
from lawtracker.domain.jurisdictions import country_name, first_jurisdiction
from lawtracker.ingestion.families.context import DocumentContext
from lawtracker.ingestion.families.drafting import (
    event_from,
    instrument_for,
    measure_key,
    quantity_from,
    unknown_event,
)
from lawtracker.ingestion.families.text import one_line

_VERBS: list[tuple[re.Pattern[str], EventKind, str]] = [
    (re.compile(r"\bsigned\b", re.I), EventKind.SIGNED, "signed"),
    (
        re.compile(r"\b(?:entered|enters|came)\s+into\s+force\b", re.I),
        EventKind.IN_FORCE,
        "entry into force",
    ),
    (re.compile(r"\badopted\b|\bpassed\b", re.I), EventKind.ADOPTED, "adopted"),
    (re.compile(r"\bapproved\b", re.I), EventKind.ADOPTED, "approved"),
    (re.compile(r"\bdated\b", re.I), EventKind.ADOPTED, "dated"),
    (
        re.compile(r"\b(?:added|amended|supplemented)\s+(?:to|by)?", re.I),
        EventKind.OTHER,
        "amended",
    ),
]
# Every verb pattern above starts with one of these words: one scan rules out
# most sentences before the patterns are tried one by one.
_ANY_VERB = re.compile(
    r"\b(?=[seacdp])(?:signed|entered|enters|came|adopted|passed|approved|dated|added|amended"
    r"|supplemented)",
    re.I,
)
_QUOTED_INSTRUMENT = re.compile(r"[“\"](?P<title>[^”\"\n]{3,160})[”\"]")
_INSTRUMENT_WORD = re.compile(r"\b(Law|Code|Rules|Regulations?|Decree|Resolution|Order|Charter)\b")
_SIGNED_INTO_LAW = re.compile(r"\bsigned\s+into\s+law\s+an?\s+(?P<what>[a-z]+)", re.I)
_ISSUER_BEFORE_SIGNED = re.compile(
    r"(?P<who>(?:President|Prime\s+Minister|Parliament|Government)(?:\s+[A-Z][\w-]*){0,3})\s+signed",
)
_ISSUER_AFTER = re.compile(
    r"\b(?:of|by)\s+(?:the\s+)?(?:decision\s+of\s+the\s+)?"
    r"(?P<who>(?:Cabinet\s+of\s+Ministers|Collegium[^,;]*?|Ministry\s+of\s+\w+|Supreme\s+Court|"
    r"Constitutional\s+Court|President|Parliament|Milli\s+Majlis)(?:\s+of\s+the\s+[A-Z][\w' ]*?)?)"
    r"(?=\s+of\s+the\s+Republic|\s+from|\s*,|\s+dated|\.|$)"
)


@dataclass
class Citation:
    measure: MeasureDraft
    span: Span


def find_citations(ctx: DocumentContext, region: Span, default_jurisdiction: str) -> list[Citation]:
    citations: list[Citation] = []
    seen: set[str] = set()
    for paragraph in ctx.paragraphs_in(region):
        for sentence in ctx.sentences_in(paragraph):
            citation = _citation(ctx, sentence, default_jurisdiction)
            if citation is None or citation.measure.key in seen:
                continue
            seen.add(citation.measure.key)
            _attach_paragraph_figures(ctx, citation, paragraph)
            citations.append(citation)
    return citations


def links_to(citations: list[Citation]) -> list[LinkDraft]:
    return [
        LinkDraft(LinkKind.CITES, c.measure.title, c.measure.key, Provenance(c.span))
        for c in citations
    ]


def _citation(ctx: DocumentContext, sentence: Span, default_jurisdiction: str) -> Citation | None:
    text = ctx.slice(sentence)
    dates = [
        d for d in ctx.dates_in(sentence) if d.precision in (DatePrecision.DAY, DatePrecision.MONTH)
    ]
    if not dates:
        return None
    if not _ANY_VERB.search(text):
        return None
    verb = next(((p, k, lbl) for p, k, lbl in _VERBS if p.search(text)), None)
    if verb is None:
        return None
    named = _named_instrument(ctx, sentence)
    if named is None:
        return None
    title, number, instrument, name_span = named
    jurisdiction = first_jurisdiction(text) or default_jurisdiction
    pattern, kind, label = verb
    date = _nearest(dates, sentence.start + pattern.search(text).start())
    if instrument == Instrument.AMNESTY_ACT and number is None:
        title = f"{country_name(jurisdiction)} amnesty law"
        ident = date.value.isoformat()
    else:
        ident = number or re.sub(r"^(?:the\s+)?(?:Law|Code)\s+(?=on\b)", "", title, flags=re.I)
    measure = MeasureDraft(
        key=measure_key(jurisdiction, instrument, ident),
        title=title,
        instrument=instrument,
        jurisdiction=jurisdiction,
        number=number,
        authority=_issuer(text),
        summary=one_line(text) if len(text) < 400 else None,
        texts={Language.EN: sentence},
        title_span=name_span,
    )
    measure.events.append(event_from(date, kind, label=f"{label} (cited)"))
    if kind != EventKind.IN_FORCE:
        measure.events.append(unknown_event(EventKind.IN_FORCE, "entry into force not stated"))
    return Citation(measure, sentence)


def _named_instrument(
    ctx: DocumentContext, sentence: Span
) -> tuple[str, str | None, Instrument, Span] | None:
    """Title, number, instrument and span of the instrument a sentence names."""
    text = ctx.slice(sentence)
    for ref in ctx.references_in(sentence):
        if ref.kind in (ReferenceKind.LAW, ReferenceKind.DECISION):
            number = re.sub(r"^\D*?No\.?\s*", "", ref.normalized)
            instrument = instrument_for(ref.normalized, issuer=_issuer(text) or "")
            return ref.normalized, number, instrument, ref.span
    for match in _QUOTED_INSTRUMENT.finditer(text):
        title = one_line(match.group("title")).rstrip(",.")
        before = text[max(0, match.start() - 12) : match.start()]
        word = _INSTRUMENT_WORD.search(title) or _INSTRUMENT_WORD.search(before)
        if word is None:
            continue
        span = Span(sentence.start + match.start(), sentence.start + match.end())
        return title, None, instrument_for(word.group(1)), span
    signed = _SIGNED_INTO_LAW.search(text)
    if signed:
        what = signed.group("what")
        instrument = instrument_for(what)
        span = Span(sentence.start + signed.start(), sentence.start + signed.end())
        return what, None, instrument if instrument != Instrument.OTHER else Instrument.LAW, span
    return None


def _issuer(text: str) -> str | None:
    match = _ISSUER_BEFORE_SIGNED.search(text) or _ISSUER_AFTER.search(text)
    return one_line(match.group("who")) if match else None


def _nearest(dates: list[FoundDate], position: int) -> FoundDate:
    return min(dates, key=lambda d: abs(d.span.start - position))


def _attach_paragraph_figures(ctx: DocumentContext, citation: Citation, paragraph: Span) -> None:
    """Figures in the citing paragraph from the citing sentence on describe the measure."""
    tail = Span(citation.span.start, paragraph.end)
    citation.measure.quantities.extend(quantity_from(q) for q in ctx.quantities_in(tail))
    citation.measure.texts[Language.EN] = tail
