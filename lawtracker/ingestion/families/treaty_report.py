"""UN treaty-body documents: a State's follow-up information to a committee.

The header gives the issue date ("Distr.: General" and a date) and the date
received; the introduction says when the concluding observations being
followed up were adopted. Numbered paragraphs carry articles, symbols,
statistics and the instruments the State cites, which become measures too.
"""

from __future__ import annotations

import itertools
import re

from lawtracker.domain.drafts import LinkDraft, MeasureDraft, ParsedSource, Provenance
from lawtracker.domain.enums import (
    DatePrecision,
    DocumentFamily,
    EventKind,
    Instrument,
    Language,
    LinkKind,
    ReferenceKind,
)
from lawtracker.domain.facts import FoundDate, Span
from lawtracker.domain.jurisdictions import first_jurisdiction
from lawtracker.ingestion.families.citations import find_citations, links_to
from lawtracker.ingestion.families.context import DocumentContext
from lawtracker.ingestion.families.drafting import (
    event_from,
    measure_key,
    quantity_from,
    reference_from,
    slugify,
)
from lawtracker.ingestion.families.text import one_line

_DISTR = re.compile(r"Distr\.\s*:\s*\w+", re.I)
_RECEIVED = re.compile(r"Date\s+received\s*:", re.I)
_COMMITTEE = re.compile(
    r"^[ \t]*((?:Sub)?[Cc]ommittee\s+(?:on|against|for)\s+[^\n]+|Human Rights Committee)[ \t]*$",
    re.M,
)
_BOLD = re.compile(r"\*\*(?P<body>[^*]+?)\*{2,}", re.S)
_PARAGRAPH = re.compile(r"^\d{1,3}\.\s", re.M)
_CONCLUDING = re.compile(r"concluding observations", re.I)
_ADOPTED = re.compile(r"\badopted\b", re.I)


def score(text: str) -> float:
    """Three of four signals; the whole-text paragraph count runs only when it decides."""
    head = text[:3000]
    signals = sum(
        (
            bool(_DISTR.search(head)),
            bool(_COMMITTEE.search(head)),
            bool(_CONCLUDING.search(text[:8000])),
        )
    )
    if signals == 2:
        fifth = next(itertools.islice(_PARAGRAPH.finditer(text), 4, None), None)
        signals += fifth is not None  # at least five numbered paragraphs
    if signals < 3:
        return 0.0
    # The profile is the State party's follow-up information ("[Date received: …]"); other
    # UN documents read better through the general path, which knows their own symbols.
    return 0.85 if _RECEIVED.search(head) else 0.5


def parse(ctx: DocumentContext) -> ParsedSource:
    text = ctx.text
    issued = _date_after(ctx, _DISTR)
    received = _date_after(ctx, _RECEIVED)
    committee = _COMMITTEE.search(text)
    authority = one_line(committee.group(1)) if committee else None
    title, title_span = _title(text)
    jurisdiction = first_jurisdiction(title) or first_jurisdiction(text) or "XX"
    ident = f"{issued.value.isoformat() if issued else 'undated'}-{slugify(authority or title)}"
    report = MeasureDraft(
        key=measure_key(jurisdiction, Instrument.REPORT, ident),
        title=title,
        instrument=Instrument.REPORT,
        jurisdiction=jurisdiction,
        authority=authority,
        summary=title,
        texts={Language.EN: Span(0, len(text.rstrip()))},
        title_span=title_span,
    )
    if issued:
        report.events.append(event_from(issued, EventKind.ISSUED, label="document issued"))
    if received:
        report.events.append(event_from(received, EventKind.RECEIVED, label="received"))
    observed = _observations_adopted(ctx)
    if observed:
        report.events.append(
            event_from(observed, EventKind.ADOPTED, label="concluding observations adopted")
        )
    body = Span(0, len(text))
    report.quantities.extend(quantity_from(q) for q in ctx.quantities_in(body))
    report.references.extend(reference_from(r) for r in ctx.references_in(body))
    report.links.extend(_reports_on(ctx))
    citations = find_citations(ctx, body, jurisdiction)
    report.links.extend(links_to(citations))
    return ParsedSource(
        file_name=ctx.file_name,
        sha256=ctx.sha256,
        family=DocumentFamily.TREATY_BODY_REPORT,
        text=text,
        title=title,
        publisher=authority,
        date=issued.value if issued else None,
        date_precision=DatePrecision.DAY if issued else DatePrecision.UNKNOWN,
        languages=[Language.EN],
        ocr_damaged=ctx.ocr_damaged,
        measures=[report, *(c.measure for c in citations)],
    )


def _date_after(ctx: DocumentContext, label: re.Pattern[str]) -> FoundDate | None:
    match = label.search(ctx.text, 0, 5000)
    if match is None:
        return None
    window = Span(match.end(), min(len(ctx.text), match.end() + 80))
    return next((d for d in ctx.dates_in(window) if d.precision == DatePrecision.DAY), None)


def _title(text: str) -> tuple[str, Span]:
    """The bold heading that names the document (not the convention above it)."""
    headings = [
        (one_line(m.group("body")), Span(m.start("body"), m.end("body")))
        for m in _BOLD.finditer(text[:5000])
    ]
    for heading, span in headings:
        if re.search(r"\b(information|report|observations|reply|replies)\b", heading, re.I):
            return heading, span
    if headings:
        return headings[-1]
    first = text.strip().splitlines()[0]
    start = text.find(first)
    return one_line(first), Span(start, start + len(first))


def _observations_adopted(ctx: DocumentContext) -> FoundDate | None:
    for sentence in ctx.sentences_in(Span(0, min(len(ctx.text), 8000))):
        chunk = ctx.slice(sentence)
        if _CONCLUDING.search(chunk) and _ADOPTED.search(chunk):
            days = [d for d in ctx.dates_in(sentence) if d.precision == DatePrecision.DAY]
            if days:
                return days[-1]
    return None


def _reports_on(ctx: DocumentContext) -> list[LinkDraft]:
    """The committee's concluding observations this document follows up (their symbol)."""
    links: list[LinkDraft] = []
    seen: set[str] = set()
    for ref in ctx.references:
        if ref.kind != ReferenceKind.DOCUMENT_SYMBOL or "/CO/" not in ref.normalized:
            continue
        if ref.normalized not in seen:
            seen.add(ref.normalized)
            links.append(LinkDraft(LinkKind.REPORTS_ON, ref.normalized, None, Provenance(ref.span)))
    return links
