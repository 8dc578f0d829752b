"""Read models: frozen rows the services hand to the views.

Views never see ORM objects (they would outlive their session); they get these
plain records, fetched in pages by id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from lawtracker.domain.enums import (
    DatePrecision,
    EventKind,
    Instrument,
    Language,
    LinkKind,
    MeasureRole,
    Qualifier,
    QuantityKind,
    ReferenceKind,
    ReviewStatus,
)


class SortColumn(StrEnum):
    TITLE = "title"
    NUMBER = "number"
    INSTRUMENT = "instrument"
    JURISDICTION = "jurisdiction"
    SIGNED = "signed"
    IN_FORCE = "in_force"
    NEXT_DATE = "next_date"
    SOURCES = "sources"
    STATUS = "status"
    TAGS = "tags"
    FOLLOW_UP = "follow_up"


@dataclass(frozen=True, slots=True)
class MeasureFilter:
    """What the list shows; every field narrows, ``None``/empty means any.

    In ``jurisdictions``, ``None`` stands for an international body (a measure
    without a jurisdiction).
    """

    jurisdictions: frozenset[str | None] = frozenset()
    instruments: frozenset[Instrument] = frozenset()
    source_ids: frozenset[int] = frozenset()
    year_from: int | None = None
    year_to: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    query: str = ""
    as_of: dt.date | None = None
    # Annotation filters. A measure's review status is that of its most recently
    # saved live annotation; a measure with none counts as UNREVIEWED.
    review_statuses: frozenset[ReviewStatus] = frozenset()
    tags: frozenset[str] = frozenset()  # any of these tags
    annotated: bool | None = None  # True: has a live annotation; False: has none
    follow_up_by: dt.date | None = None  # has a follow-up date on or before this day


@dataclass(frozen=True, slots=True)
class MeasureRow:
    """One line of the measure list."""

    id: int
    key: str
    title: str
    number: str | None
    instrument: Instrument
    jurisdiction: str | None  # None: an international body's own text
    signed: dt.date | None
    in_force: dt.date | None
    next_date: dt.date | None
    source_count: int
    # Fields the user corrected (see lawtracker.domain.annotations): show them as edited.
    edited: frozenset[str] = frozenset()
    review_status: ReviewStatus = ReviewStatus.UNREVIEWED
    tags: tuple[str, ...] = ()
    annotation_count: int = 0
    follow_up: dt.date | None = None  # the earliest follow-up date of live annotations


@dataclass(frozen=True, slots=True)
class EventView:
    id: int
    kind: EventKind
    date: dt.date | None
    precision: DatePrecision
    derived: bool
    rule: str | None
    label: str | None
    source_id: int | None
    start: int | None
    end: int | None
    confidence: float
    needs_review: bool
    lang: Language


@dataclass(frozen=True, slots=True)
class QuantityView:
    id: int
    kind: QuantityKind
    value: float
    value_max: float | None
    unit: str
    qualifier: Qualifier
    condition: str | None
    text: str
    source_id: int | None
    start: int | None
    end: int | None
    confidence: float
    needs_review: bool
    lang: Language


@dataclass(frozen=True, slots=True)
class ReferenceView:
    id: int
    kind: ReferenceKind
    text: str
    normalized: str
    source_id: int | None
    start: int | None
    end: int | None
    lang: Language


@dataclass(frozen=True, slots=True)
class LinkView:
    """A typed link seen from one measure; ``outgoing`` tells the direction."""

    kind: LinkKind
    outgoing: bool
    other_key: str | None
    other_title: str
    other_id: int | None


@dataclass(frozen=True, slots=True)
class SourceText:
    """A measure's text in one language: the slice ``[start, end)`` of a source."""

    lang: Language
    source_id: int
    source_name: str
    start: int
    end: int
    text: str


# Below this, a measure's extraction is flagged "check against the source" (never hidden).
LOW_CONFIDENCE = 0.6


@dataclass(frozen=True, slots=True)
class MeasureDetail:
    id: int
    key: str
    title: str
    instrument: Instrument
    number: str | None
    jurisdiction: str | None  # None: an international body's own text
    authority: str | None
    summary: str | None
    events: list[EventView] = field(default_factory=list)
    quantities: list[QuantityView] = field(default_factory=list)
    references: list[ReferenceView] = field(default_factory=list)
    links: list[LinkView] = field(default_factory=list)
    texts: dict[Language, SourceText] = field(default_factory=dict)
    source_names: list[str] = field(default_factory=list)
    # Fields the user corrected (see lawtracker.domain.annotations): show them as edited.
    edited: frozenset[str] = frozenset()
    role: MeasureRole = MeasureRole.PRIMARY
    confidence: float = 1.0  # how sure extraction was; a low one is flagged, never hidden

    @property
    def low_confidence(self) -> bool:
        return self.confidence < LOW_CONFIDENCE


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """A point (``end is None``) or an interval on the timeline."""

    measure_id: int
    measure_title: str
    instrument: Instrument
    jurisdiction: str | None
    kind: EventKind
    start: dt.date
    end: dt.date | None
    derived: bool
    label: str


@dataclass(frozen=True, slots=True)
class SourceChoice:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Facets:
    """The values the filter sidebar offers, read from the store."""

    jurisdictions: list[str | None]  # None (international) last
    instruments: list[Instrument]
    sources: list[SourceChoice]
    year_min: int | None
    year_max: int | None


@dataclass(frozen=True, slots=True)
class DueItem:
    """An event ahead of ``today`` within the due-soon horizon."""

    measure_id: int
    measure_title: str
    kind: EventKind
    date: dt.date
    derived: bool
    label: str


@dataclass(frozen=True, slots=True)
class StoreCounts:
    measures: int
    sources: int
    events: int
