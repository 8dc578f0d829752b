"""Council of Europe written declarations: ``Doc. N``, a date, a title, signatories.

The declaration is a measure of its own (who declared what, when, and how
many signed); the instruments it cites with a date become measures it links to.
"""

from __future__ import annotations

import re

from lawtracker.domain.drafts import MeasureDraft, ParsedSource, Provenance, QuantityDraft
from lawtracker.domain.enums import (
    DatePrecision,
    DocumentFamily,
    EventKind,
    Instrument,
    Language,
    Qualifier,
    QuantityKind,
)
from lawtracker.domain.facts import Span
from lawtracker.domain.jurisdictions import first_jurisdiction
from lawtracker.ingestion.families.citations import find_citations, links_to
from lawtracker.ingestion.families.context import DocumentContext
from lawtracker.ingestion.families.drafting import (
    event_from,
    measure_key,
    reference_from,
)
from lawtracker.ingestion.families.text import one_line

_DECLARATION_NO = re.compile(r"Written\s+declaration\s+No\.?\s*(?P<no>\d+)", re.I)
_DOC_NO = re.compile(r"\bDoc\.\s*(?P<no>\d+)")
_HEADING = re.compile(r"^#{1,3}\s+(?P<title>.+)$", re.M)
_TOTAL = re.compile(r"^[ \t]*(?P<all>Total\s*=\s*(?P<n>\d+))[ \t]*$", re.M)
_SIGNATORY = re.compile(r"^[^\W\d_][^\n,]*,\s*[^\n,]+,\s*[A-Z][A-Za-z/]*\s*$", re.M)
_SIGNED_MARK = re.compile(r"^\s*\*?Signed\*?", re.M)
_COUNCIL = re.compile(r"Council of Europe", re.I)
_ASSEMBLY = re.compile(r"\bAssembly\b")


def score(text: str) -> float:
    head = text[:4000]
    if _DECLARATION_NO.search(head) and (_DOC_NO.search(head) or _SIGNED_MARK.search(text)):
        return 0.9
    return 0.0


def parse(ctx: DocumentContext) -> ParsedSource:
    text = ctx.text
    number = _DECLARATION_NO.search(text)
    doc = _DOC_NO.search(text)
    heading = _HEADING.search(text)
    subject = one_line(heading.group("title")) if heading else ""
    decl_no = number.group("no") if number else None
    title = f"Written declaration No. {decl_no}" if decl_no else "Written declaration"
    if subject:
        title = f"{title}: {subject}"
    header_end = heading.start() if heading else min(len(text), 600)
    dates = [d for d in ctx.dates_in(Span(0, header_end)) if d.precision == DatePrecision.DAY]
    # The country the declaration is about names its key (keys never change), but a text of
    # the Assembly belongs to no State: its jurisdiction is None.
    jurisdiction = first_jurisdiction(subject) or first_jurisdiction(text) or "XX"
    authority = (
        "Parliamentary Assembly of the Council of Europe"
        if _COUNCIL.search(text) and _ASSEMBLY.search(text)
        else None
    )
    ident = f"doc-{doc.group('no')}" if doc else f"no-{decl_no or 'unknown'}"
    declaration = MeasureDraft(
        key=measure_key(jurisdiction, Instrument.DECLARATION, ident),
        title=title,
        instrument=Instrument.DECLARATION,
        jurisdiction=None,
        number=decl_no,
        authority=authority,
        summary=subject or None,
        texts={Language.EN: Span(0, len(text.rstrip()))},
        title_span=Span(heading.start("title"), heading.end("title")) if heading else None,
    )
    if dates:
        declaration.events.append(event_from(dates[0], EventKind.ISSUED, label="declaration dated"))
    signatories = _signatories(text)
    if signatories:
        declaration.quantities.append(signatories)
    declaration.references.extend(reference_from(r) for r in ctx.references_in(Span(0, len(text))))
    citations = find_citations(ctx, Span(header_end, len(text)), jurisdiction)
    declaration.links.extend(links_to(citations))
    return ParsedSource(
        file_name=ctx.file_name,
        sha256=ctx.sha256,
        family=DocumentFamily.WRITTEN_DECLARATION,
        text=text,
        title=title,
        publisher=authority,
        date=dates[0].value if dates else None,
        date_precision=DatePrecision.DAY if dates else DatePrecision.UNKNOWN,
        languages=[Language.EN],
        ocr_damaged=ctx.ocr_damaged,
        measures=[declaration, *(c.measure for c in citations)],
    )


def _signatories(text: str) -> QuantityDraft | None:
    """The stated total, checked against the signatory lines actually listed."""
    total = _TOTAL.search(text)
    listed = len(_SIGNATORY.findall(text))
    if total is None:
        if not listed:
            return None
        return QuantityDraft(
            QuantityKind.PEOPLE,
            float(listed),
            "person",
            f"{listed} signatory lines",
            Provenance(None, confidence=0.9, needs_review=True),
            condition="signatories (counted, no total stated)",
        )
    stated = int(total.group("n"))
    agrees = stated == listed
    return QuantityDraft(
        QuantityKind.PEOPLE,
        float(stated),
        "person",
        total.group("all"),
        Provenance(
            Span(total.start("all"), total.end("all")),
            confidence=1.0 if agrees else 0.8,
            needs_review=not agrees,
        ),
        qualifier=Qualifier.EXACT,
        condition="signatories" if agrees else f"signatories ({listed} lines listed)",
    )
