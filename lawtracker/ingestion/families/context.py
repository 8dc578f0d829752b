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
from lawtracker.ingestion.families.text import sentences
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
    # (start, end) ranges read by OCR: damaged as a whole, whatever their text scores.
    ocr_regions: tuple[tuple[int, int], ...] = ()

    @cached_property
    def normalized(self) -> NormalizedText:
        return normalize_ocr(self.text)

    @cached_property
    def paragraph_spans(self) -> list[Span]:
        spans = []
        start = 0
        for brk in [*_PARAGRAPH_BREAK.finditer(self.text), None]:
            end = brk.start() if brk else len(self.text)
            if end > start:
                spans.append(Span(start, end))
            start = brk.end() if brk else end
        return spans

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraph_spans]

    @cached_property
    def _damage(self) -> dict[int, bool]:
        return {}

    def _paragraph_damaged(self, index: int) -> bool:
        """Scored lazily: only paragraphs holding a fact are ever asked about."""
        if index not in self._damage:
            span = self.paragraph_spans[index]
            score = ocr_damage_score(self.text[span.start : span.end])
            self._damage[index] = score >= OCR_DAMAGE_THRESHOLD
        return self._damage[index]

    @property
    def ocr_damaged(self) -> bool:
        """Whether any fact read so far came from OCR-damaged text."""
        return bool(self.damaged_regions) or any(self._damage.values())

    @cached_property
    def damaged_regions(self) -> list[Span]:
        """Regions a parser found damaged as a whole (short clean-looking lines inside count)."""
        return [Span(start, end) for start, end in self.ocr_regions]

    def mark_if_damaged(self, region: Span) -> bool:
        """Flag ``region`` if its text as a whole scores as OCR-damaged (before facts are read)."""
        if ocr_damage_score(self.slice(region)) < OCR_DAMAGE_THRESHOLD:
            return False
        self.damaged_regions.append(region)
        return True

    def is_damaged(self, span: Span) -> bool:
        if self.damaged_regions and any(region.contains(span) for region in self.damaged_regions):
            return True
        i = bisect.bisect_right(self._paragraph_starts, span.start) - 1
        return i >= 0 and self.paragraph_spans[i].end >= span.start and self._paragraph_damaged(i)

    @cached_property
    def sentence_spans(self) -> list[Span]:
        return list(sentences(self.text))

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentence_spans]

    def sentences_in(self, region: Span) -> list[Span]:
        """Sentences overlapping ``region``, clipped to it."""
        low = max(bisect.bisect_right(self._sentence_starts, region.start) - 1, 0)
        high = bisect.bisect_left(self._sentence_starts, region.end)
        clipped = []
        for span in self.sentence_spans[low:high]:
            if region.start <= span.start and span.end <= region.end:
                clipped.append(span)  # inside already: no new Span to build
                continue
            start, end = max(span.start, region.start), min(span.end, region.end)
            if end > start:
                clipped.append(Span(start, end))
        return clipped

    def paragraphs_in(self, region: Span) -> list[Span]:
        return [
            Span(max(p.start, region.start), min(p.end, region.end))
            for p in self.paragraph_spans
            if p.end > region.start and p.start < region.end
        ]

    def sentence_at(self, position: int) -> Span:
        i = bisect.bisect_right(self._sentence_starts, position) - 1
        if i >= 0 and self.sentence_spans[i].end > position:
            return self.sentence_spans[i]
        return Span(position, position)

    def _to_original(self, found: Found) -> Found:
        norm_span = found.span
        normalized = self.normalized
        if normalized.edit_count:
            span = normalized.original_span(norm_span.start, norm_span.end)
            repaired = normalized.changed(norm_span.start, norm_span.end)
        else:  # most documents need no repair: spans map 1:1
            span, repaired = norm_span, False
        confidence, review = found.confidence, found.needs_review
        if repaired:
            confidence, review = min(confidence, REPAIRED_CONFIDENCE), True
        if self.is_damaged(span):
            confidence, review = min(confidence, DAMAGED_CONFIDENCE), True
        text = self.text[span.start : span.end]
        # Most facts come from clean text and map 1:1: keep the object (replace() is slow).
        if (
            span == norm_span
            and text == found.text
            and confidence == found.confidence
            and review == found.needs_review
        ):
            return found
        return dataclasses.replace(
            found,
            span=span,
            text=text,
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
        return _within(self.dates, self._date_starts, region)

    def quantities_in(self, region: Span) -> list[FoundQuantity]:
        return _within(self.quantities, self._quantity_starts, region)

    def references_in(self, region: Span) -> list[FoundReference]:
        return _within(self.references, self._reference_starts, region)

    @cached_property
    def _date_starts(self) -> list[int]:
        return [d.span.start for d in self.dates]

    @cached_property
    def _quantity_starts(self) -> list[int]:
        return [q.span.start for q in self.quantities]

    @cached_property
    def _reference_starts(self) -> list[int]:
        return [r.span.start for r in self.references]

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]


def _within(found: list[Found], starts: list[int], region: Span) -> list[Found]:
    """Facts inside ``region``; ``found`` is sorted by start, so bisect instead of scanning."""
    low = bisect.bisect_left(starts, region.start)
    high = bisect.bisect_left(starts, region.end, lo=low)
    return [f for f in found[low:high] if f.span.end <= region.end]


def provenance_of(
    found: FoundDate | FoundQuantity | FoundReference, lang: Language = Language.EN
) -> Provenance:
    return Provenance(found.span, lang, found.confidence, found.needs_review)
