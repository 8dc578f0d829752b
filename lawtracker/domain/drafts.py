"""What a parsed document yields before it is stored.

A family parser turns one source text into a :class:`ParsedSource` holding
:class:`MeasureDraft` objects; storage writes them in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lawtracker.domain.enums import (
    DatePrecision,
    DocumentFamily,
    EventKind,
    Instrument,
    Language,
    LinkKind,
    MeasureRole,
    Qualifier,
    QuantityKind,
    ReferenceKind,
)
from lawtracker.domain.facts import Span


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a fact was read: span in the source text, language, how sure we are."""

    span: Span | None
    lang: Language = Language.EN
    confidence: float = 1.0
    needs_review: bool = False


@dataclass(frozen=True, slots=True)
class EventDraft:
    kind: EventKind
    date: dt.date | None
    precision: DatePrecision
    provenance: Provenance
    derived: bool = False
    rule: str | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class QuantityDraft:
    kind: QuantityKind
    value: float
    unit: str
    text: str
    provenance: Provenance
    qualifier: Qualifier = Qualifier.EXACT
    value_max: float | None = None
    condition: str | None = None


@dataclass(frozen=True, slots=True)
class ReferenceDraft:
    kind: ReferenceKind
    text: str
    normalized: str
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class LinkDraft:
    """A typed link to another measure, by its stable key when we can name it.

    ``target_key`` may name a measure that is not (yet) in the store; the
    link then shows ``target_label`` until that measure arrives.
    """

    kind: LinkKind
    target_label: str
    target_key: str | None = None
    provenance: Provenance | None = None


@dataclass(slots=True)
class MeasureDraft:
    key: str
    title: str
    instrument: Instrument
    jurisdiction: str | None
    number: str | None = None
    authority: str | None = None
    summary: str | None = None
    texts: dict[Language, Span] = field(default_factory=dict)
    title_span: Span | None = None
    events: list[EventDraft] = field(default_factory=list)
    quantities: list[QuantityDraft] = field(default_factory=list)
    references: list[ReferenceDraft] = field(default_factory=list)
    links: list[LinkDraft] = field(default_factory=list)
    role: MeasureRole = MeasureRole.PRIMARY
    confidence: float = 1.0
    # Keys this measure was stored under by earlier versions of the extractor: the store
    # moves annotations and user edits from an alias to the key (never loses them).
    key_aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ParsedSource:
    file_name: str
    sha256: str
    family: DocumentFamily
    text: str
    title: str
    publisher: str | None = None
    date: dt.date | None = None
    date_precision: DatePrecision = DatePrecision.UNKNOWN
    languages: list[Language] = field(default_factory=list)
    ocr_damaged: bool = False
    measures: list[MeasureDraft] = field(default_factory=list)
