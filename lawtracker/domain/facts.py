"""Facts found in a text, each tied to the characters it was read from.

Extractors return these; family parsers assemble them into measure drafts.
Offsets always refer to the original source text (never to a normalised
copy), so that the GUI can highlight exactly what the user reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lawtracker.domain.enums import DatePrecision, Qualifier, QuantityKind, ReferenceKind


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` in a source text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def shifted(self, offset: int) -> Span:
        return Span(self.start + offset, self.end + offset)

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A calendar date stated in the text.

    ``value`` is the first day of the stated period when the precision is
    month or year. ``year_inferred`` is set when the text gave no year and the
    caller's ``default_year`` filled it in. ``confidence`` drops below 1 when the words were read
    through OCR damage; ``needs_review`` then asks a person to confirm.
    """

    span: Span
    text: str
    value: dt.date
    precision: DatePrecision
    confidence: float = 1.0
    needs_review: bool = False
    year_inferred: bool = False


@dataclass(frozen=True, slots=True)
class FoundQuantity:
    """An amount, percentage, duration or head-count stated in the text.

    ``value_max`` is set for ranges ("40 to 60 percent", "2 to 4 years").
    ``unit`` is "AZN"/"KZT"/... for money, "%" for percentages,
    "year"/"month"/"week"/"day"/"hour" for durations, "person" for people and
    a plural noun ("case", "mine") for other counts.
    ``condition`` is the clause the text says the figure applies under.
    """

    span: Span
    text: str
    kind: QuantityKind
    value: float
    unit: str
    qualifier: Qualifier = Qualifier.EXACT
    value_max: float | None = None
    condition: str | None = None
    confidence: float = 1.0
    needs_review: bool = False


@dataclass(frozen=True, slots=True)
class FoundReference:
    """A cited article, law, decision, case or document symbol.

    ``normalized`` is a canonical spelling ("Article 90.7.2", "Law No. 619-VIQD")
    used to de-duplicate and link references.
    """

    span: Span
    text: str
    kind: ReferenceKind
    normalized: str
    confidence: float = 1.0
    needs_review: bool = False
