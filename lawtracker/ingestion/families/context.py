"""One document under parsing: its text, its OCR-normalised twin, and the facts in it.

The generic extractors run once over the whole normalised text; their spans
are mapped back to the original so that every fact points at what the user
reads. A fact read from an OCR-damaged paragraph, or through a repaired
character, carries a confidence below 1 and asks for review.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from lawtracker.domain.drafts import Provenance
from lawtracker.domain.enums import Language
from lawtracker.domain.facts import FoundDate, FoundQuantity, FoundReference, Span
from lawtracker.ingestion.extract.dates import find_dates
from lawtracker.ingestion.extract.quantities import find_quantities
from lawtracker.ingestion.extract.references import find_references
from lawtracker.ingestion.normalize import (
    OCR_DAMAGE_THRESHOLD,
    NormalizedText,
    normalize_ocr,
    ocr_damage_score,
)

REPAIRED_CONFIDENCE = 0.8
DAMAGED_CONFIDENCE = 0.7

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

Found = TypeVar("Found", FoundDate, FoundQuantity, FoundReference)


@dataclass
class DocumentContext:
    """The text of one file and lazily computed facts over it."""

    file_name: str
    sha256: str
    text: str
    default_year: int | None = None

    @cached_property
    def normalized(self) -> NormalizedText:
        return normalize_ocr(self.text)

    @cached_property
    def damaged_paragraphs(self) -> list[Span]:
        """Paragraphs whose OCR damage score passes the threshold."""
        spans = []
        start = 0
        for brk in [*_PARAGRAPH_BREAK.finditer(self.text), None]:
            end = brk.start() if brk else len(self.text)
            if end > start and ocr_damage_score(self.text[start:end]) >= OCR_DAMAGE_THRESHOLD:
                spans.append(Span(start, end))
            start = brk.end() if brk else end
        return spans

    @property
    def ocr_damaged(self) -> bool:
        return bool(self.damaged_paragraphs)

    @cached_property
    def _damaged_starts(self) -> list[int]:
        return [p.start for p in self.damaged_paragraphs]

    def is_damaged(self, span: Span) -> bool:
        i = bisect.bisect_right(self._damaged_starts, span.start) - 1
        return i >= 0 and self.damaged_paragraphs[i].end >= span.start

    def _to_original(self, found: Found) -> Found:
        norm_span = found.span
        span = self.normalized.original_span(norm_span.start, norm_span.end)
        confidence, review = found.confidence, found.needs_review
        if self.normalized.changed(norm_span.start, norm_span.end):
            confidence, review = min(confidence, REPAIRED_CONFIDENCE), True
        if self.is_damaged(span):
            confidence, review = min(confidence, DAMAGED_CONFIDENCE), True
        return dataclasses.replace(
            found,
            span=span,
            text=self.text[span.start : span.end],
            confidence=confidence,
            needs_review=review,
        )

    @cached_property
    def dates(self) -> list[FoundDate]:
        found = find_dates(self.normalized.text, default_year=self.default_year)
        return [self._to_original(d) for d in found]

    @cached_property
    def quantities(self) -> list[FoundQuantity]:
        return [self._to_original(q) for q in find_quantities(self.normalized.text)]

    @cached_property
    def references(self) -> list[FoundReference]:
        return [self._to_original(r) for r in find_references(self.normalized.text)]

    def dates_in(self, region: Span) -> list[FoundDate]:
        return [d for d in self.dates if region.contains(d.span)]

    def quantities_in(self, region: Span) -> list[FoundQuantity]:
        return [q for q in self.quantities if region.contains(q.span)]

    def references_in(self, region: Span) -> list[FoundReference]:
        return [r for r in self.references if region.contains(r.span)]

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]


def provenance_of(
    found: FoundDate | FoundQuantity | FoundReference, lang: Language = Language.EN
) -> Provenance:
    return Provenance(found.span, lang, found.confidence, found.needs_review)
