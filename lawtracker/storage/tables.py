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

from sqlalchemy import Column, DateTime, Index, MetaData, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SQLModel.metadata = MetaData(naming_convention=NAMING_CONVENTION)


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

    ``signed_on``, ``in_force_on`` and ``source_count`` repeat facts held in
    other tables so that the list can sort 100,000 rows by them with an index.
    """

    __tablename__ = "measure"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    title: str = Field(index=True)
    instrument: str = Field(index=True)
    number: str | None = Field(default=None, index=True)
    jurisdiction: str = Field(index=True)
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
    __table_args__ = (Index("ix_event_date_kind", "date", "kind"),)

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


FTS_TABLES = ("measure_fts", "source_fts")
