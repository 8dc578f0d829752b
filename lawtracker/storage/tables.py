"""SQLModel tables of the measure store.

Only classes here carry ``table=True``. Extracted facts (events, quantities,
references, links) are derived data: re-ingestion replaces them. Rows that
users own (annotations, edits; later migrations) hang off ``measure.key``,
which stays stable across re-ingestion, so replacing facts never touches them.
Enumerations are stored as their string values so that any SQL backend reads
them and the JSON export can pass them through.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, DateTime, Index, MetaData, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from lawtracker.domain.dates import NO_YEAR

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SQLModel.metadata = MetaData(naming_convention=NAMING_CONVENTION)


# A MONTH_DAY event ("On May 25", no year) is stored in the placeholder year NO_YEAR, so
# every real date is after this day: "has a real date" is then a range test that the
# date indexes answer alone, and a yearless day never sorts, filters or lands on a timeline.
LAST_YEARLESS_DAY = dt.date(NO_YEAR, 12, 31)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Source(SQLModel, table=True):
    """One version of an ingested document.

    ``lineage`` names the document across versions (its file name for now);
    a changed file becomes a new row with ``version + 1`` and the older row is
    marked ``superseded``.
    """

    __tablename__ = "source"

    id: int | None = Field(default=None, primary_key=True)
    file_name: str = Field(index=True)
    lineage: str = Field(index=True)
    version: int = 1
    superseded: bool = False
    sha256: str = Field(unique=True)
    family: str
    title: str
    publisher: str | None = None
    date: dt.date | None = None
    date_precision: str = "unknown"
    languages: str = ""
    ocr_damaged: bool = False
    text: str = Field(sa_column=Column(Text, nullable=False))
    ingested_at: dt.datetime = Field(
        default_factory=utc_now, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


class Measure(SQLModel, table=True):
    """A decree, law, decision, act or report, identified by a stable ``key``.

    ``jurisdiction`` is NULL for an international body's own texts (PACE, the
    Venice Commission): no country's code fits them. ``role`` says what the
    document does with the measure (primary, referenced, mentioned) and
    ``confidence`` how sure extraction was; a low one is shown, never dropped.
    ``signed_on``, ``in_force_on`` and ``source_count`` repeat facts held in
    other tables so that the list can sort 100,000 rows by them with an index
    (yearless MONTH_DAY dates never count there).
    """

    __tablename__ = "measure"
    # The list's default order, case-insensitive title, read from an index, not sorted.
    # Revision 0004 creates it as ``title COLLATE NOCASE`` on SQLite, which SQLAlchemy
    # reflects as this plain index (an expression index could not be reflected).
    # Revision 0005: the measure columns the list filters on, so that a filter reads no rows.
    __table_args__ = (
        Index("ix_measure_title_nocase", "title"),
        Index("ix_measure_list_filter", "jurisdiction", "instrument", "signed_on", "in_force_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    title: str = Field(index=True)
    instrument: str = Field(index=True)
    number: str | None = Field(default=None, index=True)
    jurisdiction: str | None = Field(default=None, index=True)
    role: str = Field(default="primary", sa_column_kwargs={"server_default": "primary"})
    confidence: float = Field(default=1.0, sa_column_kwargs={"server_default": text("1.0")})
    authority: str | None = None
    summary: str | None = Field(default=None, sa_column=Column(Text))
    signed_on: dt.date | None = Field(default=None, index=True)
    in_force_on: dt.date | None = Field(default=None, index=True)
    source_count: int = Field(default=0, index=True)
    created_at: dt.datetime = Field(
        default_factory=utc_now, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    updated_at: dt.datetime = Field(
        default_factory=utc_now, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


class MeasureSource(SQLModel, table=True):
    """Which sources mention a measure (a measure may be cited by several)."""

    __tablename__ = "measure_source"

    measure_id: int = Field(foreign_key="measure.id", primary_key=True, ondelete="CASCADE")
    source_id: int = Field(foreign_key="source.id", primary_key=True, ondelete="CASCADE")


class MeasureText(SQLModel, table=True):
    """The slice of a source that is a measure's own text, per language."""

    __tablename__ = "measure_text"
    __table_args__ = (UniqueConstraint("measure_id", "source_id", "lang"),)

    id: int | None = Field(default=None, primary_key=True)
    measure_id: int = Field(foreign_key="measure.id", index=True, ondelete="CASCADE")
    source_id: int = Field(foreign_key="source.id", index=True, ondelete="CASCADE")
    lang: str
    span_start: int
    span_end: int


class _FactColumns(SQLModel):
    """Provenance every extracted fact carries: where it was read and how surely."""

    measure_id: int = Field(foreign_key="measure.id", index=True, ondelete="CASCADE")
    source_id: int | None = Field(
        default=None, foreign_key="source.id", index=True, ondelete="CASCADE"
    )
    span_start: int | None = None
    span_end: int | None = None
    lang: str = "en"
    confidence: float = 1.0
    needs_review: bool = False


class Event(_FactColumns, table=True):
    __tablename__ = "event"
    __table_args__ = (
        Index("ix_event_date_kind", "date", "kind"),
        # Covering the list's filters: next dates and year ranges read (date, measure_id),
        # expiry (as of a day) and due-soon read (kind, date, measure_id).
        Index("ix_event_date_measure_id", "date", "measure_id"),
        Index("ix_event_kind_date_measure_id", "kind", "date", "measure_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    date: dt.date | None = None
    precision: str = "day"
    derived: bool = False
    rule: str | None = None
    label: str | None = None


class Quantity(_FactColumns, table=True):
    __tablename__ = "quantity"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(index=True)
    value: float
    value_max: float | None = None
    unit: str
    qualifier: str = "exact"
    condition: str | None = Field(default=None, sa_column=Column(Text))
    text: str


class Reference(_FactColumns, table=True):
    __tablename__ = "reference"

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    text: str
    normalized: str = Field(index=True)


class MeasureLink(SQLModel, table=True):
    """A typed link ``from_measure --kind--> target``.

    The target is named by key so that a link can point at a measure ingested
    later; ``target_label`` is what to show until then.
    """

    __tablename__ = "measure_link"

    id: int | None = Field(default=None, primary_key=True)
    from_measure_id: int = Field(foreign_key="measure.id", index=True, ondelete="CASCADE")
    kind: str
    target_key: str | None = Field(default=None, index=True)
    target_label: str
    source_id: int | None = Field(
        default=None, foreign_key="source.id", index=True, ondelete="CASCADE"
    )
    span_start: int | None = None
    span_end: int | None = None


# -- user work (issue 4): keyed by measure.key, never a foreign key to measure ---------------
# Re-ingestion deletes and reinserts facts and may one day delete measures; none of that
# can cascade into these rows. Nothing here is ever deleted: deletion is a flag, and
# every saved version is kept.


class Annotation(SQLModel, table=True):
    """The current version of a consultant's note on a measure.

    ``uuid`` names the annotation across databases (export/import); ``version``
    counts saves, so two app instances saving the same annotation can tell
    that the other one got there first. ``anchor_*`` describe an optional span
    of a source: the lineage (stable across versions), the quoted text and its
    offsets in the current version, or ``anchor_state = "detached"`` when the
    quote is no longer there.
    """

    __tablename__ = "annotation"

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(unique=True)
    measure_key: str = Field(index=True)
    version: int = 1
    author: str
    created_at: dt.datetime = Field(
        default_factory=utc_now, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    updated_at: dt.datetime = Field(
        default_factory=utc_now, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
    status: str = Field(default="unreviewed", index=True)
    matter: str | None = None
    follow_up: dt.date | None = Field(default=None, index=True)
    deleted: bool = False
    anchor_source_lineage: str | None = Field(default=None, index=True)
    anchor_start: int | None = None
    anchor_end: int | None = None
    anchor_quote: str | None = Field(default=None, sa_column=Column(Text))
    anchor_state: str = "none"
    conflict_of: str | None = None


class AnnotationTag(SQLModel, table=True):
    """One tag of an annotation; ``folded`` (casefold) is what filters match on."""

    __tablename__ = "annotation_tag"

    annotation_id: int = Field(foreign_key="annotation.id", primary_key=True)
    folded: str = Field(primary_key=True, index=True)
    tag: str


class AnnotationVersionRow(SQLModel, table=True):
    """Every saved version of an annotation, whole, with who saved it and why."""

    __tablename__ = "annotation_version"
    __table_args__ = (UniqueConstraint("annotation_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    annotation_id: int = Field(foreign_key="annotation.id", index=True)
    version: int
    action: str
    author: str
    saved_at: dt.datetime = Field(
        default_factory=utc_now, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    measure_key: str
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
    tags: str = Field(default="[]", sa_column=Column(Text, nullable=False))  # JSON list
    status: str
    matter: str | None = None
    follow_up: dt.date | None = None
    deleted: bool = False
    anchor_source_lineage: str | None = None
    anchor_start: int | None = None
    anchor_end: int | None = None
    anchor_quote: str | None = Field(default=None, sa_column=Column(Text))
    anchor_state: str = "none"


class MeasureKeyAlias(SQLModel, table=True):
    """A key a measure was stored under by an earlier extractor, pointing at its key now.

    User work hangs on keys: when a key changes, the writer moves annotations and
    edits to the new key and records the old one here, so that a lookup by the
    old key (a link, a bookmark, an annotations file) still finds the measure.
    """

    __tablename__ = "measure_key_alias"

    alias: str = Field(primary_key=True)
    measure_key: str = Field(index=True)


class UserEdit(SQLModel, table=True):
    """A user's correction of one extracted field; the newest row per field wins.

    Rows are only ever added: ``value`` NULL reverts to the extracted value,
    and the older rows are the field's history.
    """

    __tablename__ = "user_edit"
    __table_args__ = (Index("ix_user_edit_measure_key_field", "measure_key", "field"),)

    id: int | None = Field(default=None, primary_key=True)
    measure_key: str
    field: str
    value: str | None = Field(default=None, sa_column=Column(Text))
    original: str | None = Field(default=None, sa_column=Column(Text))
    author: str
    saved_at: dt.datetime = Field(
        default_factory=utc_now, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


FTS_TABLES = ("measure_fts", "source_fts")
