"""Annotations and user edits: the consultants' own work, as plain values and pure rules.

Annotations hang on a measure's stable key, never on a row id, so that
re-ingestion can replace every extracted fact and leave them alone. A span
annotation remembers the quoted text, not just offsets: offsets move when a
newer version of the document arrives, the quote is what the user meant.
User edits override extracted fields when reading, so re-ingestion never
writes over them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from lawtracker.domain.catalog import EventView, MeasureDetail, MeasureRow, QuantityView
from lawtracker.domain.enums import DatePrecision, EventKind, Language, ReviewStatus
from lawtracker.errors import UserFacingError


class AnchorState(StrEnum):
    """Whether a span annotation is attached to text in the current source version."""

    NONE = "none"
    ATTACHED = "attached"
    DETACHED = "detached"


class VersionAction(StrEnum):
    CREATE = "create"
    EDIT = "edit"
    DELETE = "delete"
    RESTORE = "restore"
    IMPORT = "import"


# -- annotations ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AnchorInput:
    """A span of a source's full text that an annotation is about.

    From a selection: ``source_id`` is the source version the offsets were
    taken from (the detail view's ``SourceText.source_id``; offsets count in
    the whole source text, not the measure's slice) and ``text[start:end] ==
    quote``. To keep an existing anchor as it is, even a detached one, pass
    :meth:`AnnotationView.as_input`'s anchor, which also names the lineage.
    """

    source_id: int | None
    start: int | None
    end: int | None
    quote: str
    lineage: str | None = None


@dataclass(frozen=True, slots=True)
class AnnotationInput:
    """What the dialog edits; tags are normalised by the service on save."""

    note: str = ""
    tags: tuple[str, ...] = ()
    status: ReviewStatus = ReviewStatus.UNREVIEWED
    matter: str | None = None
    follow_up: dt.date | None = None
    anchor: AnchorInput | None = None


@dataclass(frozen=True, slots=True)
class AnchorView:
    """A stored anchor. ``source_id`` is the current version of ``source_lineage``
    (``None`` when that document is not in this store); ``start``/``end`` are
    offsets in that version's text, meaningful only when ``state`` is attached.
    """

    source_lineage: str
    source_id: int | None
    start: int | None
    end: int | None
    quote: str
    state: AnchorState


@dataclass(frozen=True, slots=True)
class AnnotationView:
    id: int
    uuid: str
    measure_key: str
    version: int
    author: str
    created_at: dt.datetime
    updated_at: dt.datetime
    note: str
    tags: tuple[str, ...]
    status: ReviewStatus
    matter: str | None
    follow_up: dt.date | None
    deleted: bool = False
    anchor: AnchorView | None = None
    conflict_of: str | None = None

    @property
    def anchor_state(self) -> AnchorState:
        return self.anchor.state if self.anchor is not None else AnchorState.NONE

    def as_input(self) -> AnnotationInput:
        """The fields as the dialog would submit them (to undo, or to resubmit)."""
        anchor = None
        if self.anchor is not None:
            anchor = AnchorInput(
                self.anchor.source_id,
                self.anchor.start,
                self.anchor.end,
                self.anchor.quote,
                lineage=self.anchor.source_lineage,
            )
        return AnnotationInput(
            note=self.note,
            tags=self.tags,
            status=self.status,
            matter=self.matter,
            follow_up=self.follow_up,
            anchor=anchor,
        )


@dataclass(frozen=True, slots=True)
class AnnotationVersion:
    """One saved version, as the history view lists it."""

    annotation_id: int
    version: int
    action: VersionAction
    author: str
    saved_at: dt.datetime
    measure_key: str
    note: str
    tags: tuple[str, ...]
    status: ReviewStatus
    matter: str | None
    follow_up: dt.date | None
    deleted: bool
    anchor_lineage: str | None
    anchor_quote: str | None
    anchor_start: int | None
    anchor_end: int | None
    anchor_state: AnchorState


@dataclass(frozen=True, slots=True)
class AnnotationSummary:
    """What the measure list shows per measure: live annotations only."""

    count: int
    statuses: frozenset[ReviewStatus]
    latest_status: ReviewStatus
    tags: tuple[str, ...]
    next_follow_up: dt.date | None


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A follow-up date, for the timeline and the "follow-up due" filter."""

    annotation_id: int
    measure_key: str
    measure_id: int | None
    measure_title: str | None
    date: dt.date
    status: ReviewStatus
    note: str


class AnnotationError(UserFacingError):
    """An annotation request the store refuses (unknown id, bad anchor, bad edit)."""


class AnnotationNotFoundError(AnnotationError):
    pass


class AnnotationConflict(UserFacingError):  # noqa: N818 (a state the dialog resolves)
    """Someone else saved the annotation since ``expected_version`` was read.

    Carries both sides so that the dialog can offer "keep both" (``mine``
    becomes a new annotation beside ``theirs``) or "overwrite" (``mine`` is
    saved over ``theirs``, which stays in the history). ``mine`` is ``None``
    when ``action`` is a deletion.
    """

    def __init__(
        self,
        *,
        mine: AnnotationInput | None,
        theirs: AnnotationView,
        expected_version: int,
        action: VersionAction = VersionAction.EDIT,
    ) -> None:
        self.mine = mine
        self.theirs = theirs
        self.expected_version = expected_version
        self.action = action
        what = "deleted" if theirs.deleted else "changed"
        super().__init__(
            f"{theirs.author} {what} this annotation (now version {theirs.version}) "
            f"after you opened version {expected_version}."
        )


def normalise_tag(tag: str) -> str:
    return " ".join(tag.split())


def normalise_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, inner whitespace collapsed, empty dropped, one spelling per casefold, sorted.

    Sorted so that two saves of the same tags compare equal (history, import).
    """
    seen: set[str] = set()
    kept: list[str] = []
    for tag in tags:
        clean = normalise_tag(tag)
        if clean and clean.casefold() not in seen:
            seen.add(clean.casefold())
            kept.append(clean)
    return tuple(sorted(kept, key=lambda tag: (tag.casefold(), tag)))


# -- re-anchoring ----------------------------------------------------------------------------

_CONTEXT = 60
_SPACE = re.compile(r"\s+")


def locate_quote(
    text: str,
    quote: str,
    *,
    hint: int | None = None,
    before: str = "",
    after: str = "",
) -> tuple[int, int] | None:
    """Where ``quote`` is in ``text``: exact first, then ignoring whitespace differences.

    When it occurs several times, the occurrence whose surroundings best match
    ``before``/``after`` (the text around it where it was) wins, then the one
    nearest ``hint``. ``None`` when the quote is gone.
    """
    if not quote.strip():
        return None
    spans = _exact_spans(text, quote)
    if not spans:
        spans = _loose_spans(text, quote)
    if not spans:
        return None
    return max(spans, key=lambda span: _score(text, span, hint, before, after))


def _exact_spans(text: str, quote: str) -> list[tuple[int, int]]:
    spans = []
    start = text.find(quote)
    while start != -1:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return spans


def _loose_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Matches of ``quote`` with every whitespace run equal to any other, mapped back."""
    folded_quote = " ".join(quote.split())
    pieces: list[str] = []
    origin: list[int] = []  # origin[i] = offset in text of folded character i
    for match in re.finditer(r"\s+|\S+", text):
        if match.group()[0].isspace():
            pieces.append(" ")
            origin.append(match.start())
        else:
            pieces.append(match.group())
            origin.extend(range(match.start(), match.end()))
    folded = "".join(pieces)
    spans = []
    for start, end in _exact_spans(folded, folded_quote):
        spans.append((origin[start], origin[end - 1] + 1))
    return spans


def _score(
    text: str, span: tuple[int, int], hint: int | None, before: str, after: str
) -> tuple[int, int]:
    start, end = span
    context = _common_suffix(_fold(text[max(0, start - _CONTEXT) : start]), _fold(before))
    context += _common_prefix(_fold(text[end : end + _CONTEXT]), _fold(after))
    distance = abs(start - hint) if hint is not None else 0
    return (context, -distance)


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def anchor_context(text: str, start: int, end: int) -> tuple[str, str]:
    """The text just before and after a span, to tell repeated quotes apart later."""
    return text[max(0, start - _CONTEXT) : start], text[end : end + _CONTEXT]


# -- user edits ---------------------------------------------------------------------------

TITLE = "title"
NUMBER = "number"
AUTHORITY = "authority"
EVENT_PREFIX = "event:"
QUANTITY_PREFIX = "quantity:"
PLAIN_FIELDS = (TITLE, NUMBER, AUTHORITY)


@dataclass(frozen=True, slots=True)
class FieldEdit:
    """A user's value for one field of one measure; ``value=None`` reverts to extracted."""

    field: str
    value: str | None


@dataclass(frozen=True, slots=True)
class EditView:
    """One saved correction; ``original`` is what extraction said when it was made."""

    measure_key: str
    field: str
    value: str | None
    original: str | None
    author: str
    saved_at: dt.datetime


class InvalidEditError(AnnotationError):
    pass


def event_field(kind: EventKind) -> str:
    """Field name of a measure's date of ``kind`` (the value is an ISO date)."""
    return f"{EVENT_PREFIX}{kind.value}"


def quantity_fingerprint(kind: str, unit: str, text: str) -> str:
    """Stable across re-ingestion, unlike quantity row ids, which change every time."""
    basis = "|".join((kind, unit, " ".join(text.split()).casefold()))
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]


def quantity_fields(quantities: Sequence[QuantityView]) -> list[str]:
    """The field name of each quantity, aligned with ``quantities``."""
    return quantity_field_names([(q.kind.value, q.unit, q.text, q.start, q.id) for q in quantities])


def quantity_field_names(items: Sequence[tuple[str, str, str, int | None, int]]) -> list[str]:
    """Field names for ``(kind, unit, text, span start, id)`` items, aligned with them.

    Equal fingerprints (the same phrase twice) are told apart by their order
    in the text: ``quantity:<fp>``, ``quantity:<fp>#2``, ...
    """
    order = sorted(
        range(len(items)), key=lambda i: (items[i][3] is None, items[i][3] or 0, items[i][4])
    )
    seen: dict[str, int] = {}
    names = [""] * len(items)
    for i in order:
        kind, unit, text, _start, _id = items[i]
        fp = quantity_fingerprint(kind, unit, text)
        seen[fp] = seen.get(fp, 0) + 1
        names[i] = QUANTITY_PREFIX + fp + (f"#{seen[fp]}" if seen[fp] > 1 else "")
    return names


def validate_edit(field: str, value: str | None) -> str | None:
    """The value as stored, or :class:`InvalidEditError` saying what is wrong with it."""
    if value is None:
        return None
    if field in PLAIN_FIELDS:
        clean = " ".join(value.split())
        if field == TITLE and not clean:
            raise InvalidEditError("A title cannot be empty.")
        return clean
    if field.startswith(EVENT_PREFIX):
        try:
            EventKind(field.removeprefix(EVENT_PREFIX))
        except ValueError as exc:
            raise InvalidEditError(f"Unknown date kind in {field!r}.") from exc
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError as exc:
            raise InvalidEditError(f"Not a date in YYYY-MM-DD form: {value!r}.") from exc
    if field.startswith(QUANTITY_PREFIX):
        try:
            number = float(value.replace(",", "").replace(" ", ""))
        except ValueError as exc:
            raise InvalidEditError(f"Not a number: {value!r}.") from exc
        return repr(number)
    raise InvalidEditError(f"The field {field!r} cannot be edited.")


def apply_edits(detail: MeasureDetail, edits: Mapping[str, str]) -> MeasureDetail:
    """``detail`` with the user's values in place of extracted ones, marked in ``edited``."""
    if not edits:
        return detail
    changes: dict[str, object] = {}
    edited: set[str] = set()
    for name in PLAIN_FIELDS:
        if name in edits:
            # An emptied number or authority means "none"; a title is never empty.
            changes[name] = edits[name] if name == TITLE else edits[name] or None
            edited.add(name)
    events = list(detail.events)
    for name, value in edits.items():
        if not name.startswith(EVENT_PREFIX):
            continue
        kind = EventKind(name.removeprefix(EVENT_PREFIX))
        date = dt.date.fromisoformat(value)
        matching = [i for i, e in enumerate(events) if e.kind == kind]
        for i in matching:
            events[i] = dataclasses.replace(
                events[i], date=date, precision=DatePrecision.DAY, derived=False
            )
        if not matching:
            events.append(_edited_event(kind, date))
        edited.add(name)
    if any(name.startswith(EVENT_PREFIX) for name in edits):
        changes["events"] = sorted(events, key=lambda e: (e.date is None, e.date or dt.date.max))
    names = quantity_fields(detail.quantities)
    quantities = list(detail.quantities)
    for i, name in enumerate(names):
        if name in edits:
            quantities[i] = dataclasses.replace(quantities[i], value=float(edits[name]))
            edited.add(name)
    if quantities != detail.quantities:
        changes["quantities"] = quantities
    if not edited:
        return detail
    return dataclasses.replace(detail, **changes, edited=detail.edited | frozenset(edited))  # type: ignore[arg-type]


def apply_row_edits(row: MeasureRow, edits: Mapping[str, str]) -> MeasureRow:
    """The list row with edited title, number and dates; ``edited`` names every edited field."""
    if not edits:
        return row
    changes: dict[str, object] = {}
    if TITLE in edits:
        changes["title"] = edits[TITLE]
    if NUMBER in edits:
        changes["number"] = edits[NUMBER] or None
    for kind, column in ((EventKind.SIGNED, "signed"), (EventKind.IN_FORCE, "in_force")):
        if event_field(kind) in edits:
            changes[column] = dt.date.fromisoformat(edits[event_field(kind)])
    return dataclasses.replace(row, **changes, edited=row.edited | frozenset(edits))  # type: ignore[arg-type]


def _edited_event(kind: EventKind, date: dt.date) -> EventView:
    """A date the user supplied where extraction found none (negative id: no row)."""
    return EventView(
        id=-1,
        kind=kind,
        date=date,
        precision=DatePrecision.DAY,
        derived=False,
        rule=None,
        label="edited",
        source_id=None,
        start=None,
        end=None,
        confidence=1.0,
        needs_review=False,
        lang=Language.EN,
    )
