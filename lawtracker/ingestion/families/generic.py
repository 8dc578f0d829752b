"""Fallback for text of no known family: keep the instruments it cites with a date.

If nothing in the text is an instrument with a date, the file is refused with
a clear reason rather than stored as an empty shell.
"""

from __future__ import annotations

from lawtracker.domain.drafts import ParsedSource
from lawtracker.domain.enums import DatePrecision, DocumentFamily
from lawtracker.domain.facts import Span
from lawtracker.domain.jurisdictions import first_jurisdiction
from lawtracker.errors import ParseError
from lawtracker.ingestion.families.citations import find_citations
from lawtracker.ingestion.families.context import DocumentContext
from lawtracker.ingestion.families.text import guess_language, one_line


def score(text: str) -> float:
    return 0.1


def parse(ctx: DocumentContext) -> ParsedSource:
    text = ctx.text
    jurisdiction = first_jurisdiction(text) or "XX"
    citations = find_citations(ctx, Span(0, len(text)), jurisdiction)
    if not citations:
        raise ParseError(
            f"{ctx.file_name}: no recognisable measure (no law, decree or decision "
            "named together with a date)"
        )
    first_line = next((line for line in text.splitlines() if line.strip()), ctx.file_name)
    dates = [d for d in ctx.dates if d.precision == DatePrecision.DAY]
    return ParsedSource(
        file_name=ctx.file_name,
        sha256=ctx.sha256,
        family=DocumentFamily.GENERIC,
        text=text,
        title=one_line(first_line)[:200],
        date=dates[0].value if dates else None,
        date_precision=DatePrecision.DAY if dates else DatePrecision.UNKNOWN,
        languages=[guess_language(text[:5000])],
        ocr_damaged=ctx.ocr_damaged,
        measures=[c.measure for c in citations],
    )
