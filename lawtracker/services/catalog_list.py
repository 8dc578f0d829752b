"""The measure list in SQL: filters, sort orders and page rows, fast at 100,000 measures.

Why the queries look the way they do (figures in docs/PERFORMANCE.md, 100,000
measures, 300,000 events):

- Ids come back through the DBAPI cursor. SQLAlchemy result rows cost a few
  microseconds each, which made 100,000 ids 0.2 s before any SQL ran.
- Every filter is a non-correlated ``IN (subquery)``, built once per query. The
  correlated ``EXISTS`` it replaces re-read the event index for every measure
  (45 s for "in force as of a day").
- A sort column that can be NULL is read in index order, its values and its
  NULLs as two ranges (or, under a search or date filter, one pass whose leading
  NULLs move to the end in Python), instead of ``ORDER BY col IS NULL, col``
  (which sorts 100,000 rows in a temporary B-tree). Ties go by id, descending
  when the column is, so that one backward index scan answers the whole order.
- Annotation columns (status, tags, follow-up) come from the few annotated
  measures; the others follow in id order, so nothing sorts 100,000 rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    case,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.engine import Connection
from sqlmodel import Session, SQLModel

from lawtracker.domain.annotations import normalise_tag, normalise_tags
from lawtracker.domain.catalog import MeasureFilter, MeasureRow, SortColumn
from lawtracker.domain.enums import EventKind, Instrument, ReviewStatus
from lawtracker.storage.db import chunked
from lawtracker.storage.search import measure_match
from lawtracker.storage.tables import LAST_YEARLESS_DAY

_TABLES = SQLModel.metadata.tables
MEASURE = _TABLES["measure"]
EVENT = _TABLES["event"]
MEASURE_SOURCE = _TABLES["measure_source"]
ANNOTATION = _TABLES["annotation"]
ANNOTATION_TAG = _TABLES["annotation_tag"]

# Review statuses in workflow order: the STATUS column sorts by this, not alphabetically.
STATUS_ORDER = tuple(ReviewStatus)


@dataclass(frozen=True, slots=True)
class ListConditions:
    """A filter as SQL: tests of measure columns, and tests of ids against other tables.

    The id tests are on ``ID`` (``measure.id + 0``) and go straight into the list query,
    each an ``IN`` set probed once per row; the column tests become one subquery of ids
    answered from ``ix_measure_list_filter``. Keeping them apart means a filter on
    annotations or dates never reads a measure row.
    """

    columns: list[ColumnElement[bool]] = field(default_factory=list)
    ids: list[ColumnElement[bool]] = field(default_factory=list)


# Below this many search hits, fetching them by id and sorting them beats scanning a sort
# index of 100,000 entries (14 ms against 41 ms for 5,700 hits, about even at 16,000,
# 82 ms against 63 ms for 34,000; bench/queries.py on a loaded 2-core machine).
FEW_SEARCH_HITS = 15_000

# ``+ 0``: SQLite may not then answer ``id IN (…)`` by fetching each listed row by id and
# sorting them all; it reads the sort column's index in order and probes the set instead.
ID = MEASURE.c.id + 0


def list_conditions(session: Session, flt: MeasureFilter) -> ListConditions | None:
    """``flt`` as SQL on ``measure``; ``None`` when nothing can match."""
    m = MEASURE.c
    found = ListConditions()
    if flt.jurisdictions:
        # ``None`` is "international": NULL in SQL, which ``IN`` never matches.
        codes = sorted(j for j in flt.jurisdictions if j is not None)
        tests = [m.jurisdiction.in_(codes)] if codes else []
        if None in flt.jurisdictions:
            tests.append(m.jurisdiction.is_(None))
        found.columns.append(or_(*tests) if len(tests) > 1 else tests[0])
    if flt.instruments:
        found.columns.append(m.instrument.in_(sorted(i.value for i in flt.instruments)))
    if flt.source_ids:
        found.ids.append(
            ID.in_(
                select(MEASURE_SOURCE.c.measure_id).where(
                    MEASURE_SOURCE.c.source_id.in_(sorted(flt.source_ids))
                )
            )
        )
    since = flt.since or (dt.date(flt.year_from, 1, 1) if flt.year_from else None)
    until = flt.until or (dt.date(flt.year_to, 12, 31) if flt.year_to else None)
    if since or until:
        dated = [EVENT.c.date > LAST_YEARLESS_DAY]  # a yearless day is in no year
        if since:
            dated.append(EVENT.c.date >= since)
        if until:
            dated.append(EVENT.c.date <= until)
        found.ids.append(ID.in_(select(EVENT.c.measure_id).where(*dated)))
    if flt.as_of:
        started = func.coalesce(m.in_force_on, m.signed_on)
        # Signed (or of unknown signing) and in force by the day, not expired by then.
        # ``coalesce(signed_on, day)`` rather than ``signed_on IS NULL OR …``: an OR makes
        # SQLite look rows up through two indexes instead of scanning one covering index.
        found.columns.extend(
            [
                started <= flt.as_of,  # NULL when neither date is known: those are out
                func.coalesce(m.signed_on, flt.as_of) <= flt.as_of,
            ]
        )
        found.ids.append(
            ID.not_in(
                select(EVENT.c.measure_id).where(
                    EVENT.c.kind == EventKind.EXPIRES.value,
                    EVENT.c.date <= flt.as_of,
                    EVENT.c.date > LAST_YEARLESS_DAY,
                )
            )
        )
    found.ids.extend(_annotation_conditions(flt))
    if flt.query.strip():
        match = measure_match(session, flt.query)
        if match is None:
            return None
        # A few hits: fetch them by id and sort them (a bare ``id IN``). Many: read the
        # sort index in order and probe them (``ID``), as for the other filters.
        few = match.count <= FEW_SEARCH_HITS
        found.ids.append((m.id if few else ID).in_(match.ids))
    return found


# -- annotations --------------------------------------------------------------------------


def _annotated_ids(*conditions: ColumnElement[bool]) -> Select[Any]:
    """Ids of the measures with a live annotation meeting ``conditions``."""
    return (
        select(MEASURE.c.id)
        .join(ANNOTATION, ANNOTATION.c.measure_key == MEASURE.c.key)
        .where(ANNOTATION.c.deleted.is_(False), *conditions)
        .correlate(None)
    )


def _latest_status() -> Any:
    """``(measure_key, status)`` of each measure's most recently saved live annotation."""
    a = ANNOTATION.c
    ranked = (
        select(
            a.measure_key,
            a.status,
            func.row_number()
            .over(partition_by=a.measure_key, order_by=(a.updated_at.desc(), a.id.desc()))
            .label("position"),
        )
        .where(a.deleted.is_(False))
        .subquery("ranked")
    )
    return (
        select(ranked.c.measure_key, ranked.c.status)
        .where(ranked.c.position == 1)
        .subquery("latest_status")
    )


def _annotation_conditions(flt: MeasureFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if flt.review_statuses:
        latest = _latest_status()
        wanted = sorted(ReviewStatus(s).value for s in flt.review_statuses)
        with_status = ID.in_(
            select(MEASURE.c.id)
            .join(latest, latest.c.measure_key == MEASURE.c.key)
            .where(latest.c.status.in_(wanted))
            .correlate(None)
        )
        if ReviewStatus.UNREVIEWED in flt.review_statuses:  # no annotation counts as unreviewed
            with_status = or_(with_status, ID.not_in(_annotated_ids()))
        conditions.append(with_status)
    if flt.tags:
        folded = sorted({normalise_tag(tag).casefold() for tag in flt.tags})
        conditions.append(
            ID.in_(
                _annotated_ids(
                    ANNOTATION.c.id.in_(
                        select(ANNOTATION_TAG.c.annotation_id).where(
                            ANNOTATION_TAG.c.folded.in_(folded)
                        )
                    )
                )
            )
        )
    if flt.annotated is not None:
        live = _annotated_ids()
        conditions.append(ID.in_(live) if flt.annotated else ID.not_in(live))
    if flt.follow_up_by is not None:
        conditions.append(ID.in_(_annotated_ids(ANNOTATION.c.follow_up <= flt.follow_up_by)))
    return conditions


# -- ordered ids -------------------------------------------------------------------------


def ordered_ids(
    session: Session,
    conditions: ListConditions,
    sort: SortColumn,
    descending: bool,
    *,
    today: dt.date,
) -> list[int]:
    """Ids of the measures meeting ``conditions`` in list order, NULL sort keys last."""
    m = MEASURE.c
    connection = session.connection()
    # The sort column's index is read in order (every index ends with the rowid, so it
    # covers ``id``) and each row's id is probed in the filter's sets.
    base = select(m.id).where(*conditions.ids)
    if conditions.columns:
        base = base.where(ID.in_(select(m.id).where(*conditions.columns).correlate(None)))
    tie = m.id.desc() if descending else m.id.asc()

    def by(key: ColumnElement[Any]) -> Select[Any]:
        return base.order_by(key.desc() if descending else key.asc(), tie)

    simple = {
        SortColumn.NUMBER: m.number,
        SortColumn.INSTRUMENT: m.instrument,
        SortColumn.JURISDICTION: m.jurisdiction,
        SortColumn.SIGNED: m.signed_on,
        SortColumn.IN_FORCE: m.in_force_on,
        SortColumn.SOURCES: m.source_count,
    }
    if sort is SortColumn.TITLE:
        title = (
            m.title.collate("NOCASE")  # reads ix_measure_title_nocase (revision 0004)
            if connection.dialect.name == "sqlite"
            else func.lower(m.title)
        )
        return fetch_ids(connection, by(title))
    if sort in simple:
        column = simple[sort]
        if not column.nullable:
            return fetch_ids(connection, by(column))
        # ``ORDER BY col IS NULL, col`` would sort every row. Without costly filters: the
        # values, then the NULLs, each a range of the column's index.
        if not conditions.ids:
            return fetch_ids(connection, by(column).where(column.is_not(None))) + fetch_ids(
                connection, base.where(column.is_(None)).order_by(tie)
            )
        # With a search or a date range, one pass so that its subqueries run once: the
        # index's own order (NULLs first when ascending, last when descending), a NULL
        # flag per row (30 ms more for 100,000 rows), and the leading NULLs moved last.
        order = column.desc().nulls_last() if descending else column.asc().nulls_first()
        rows = fetch_rows(connection, base.add_columns(column.is_(None)).order_by(order, tie))
        nulls = 0 if descending else sum(1 for _, missing in rows if missing)
        return [row[0] for row in rows[nulls:]] + [row[0] for row in rows[:nulls]]
    # Keyed by another table: the measures that have a key (a few thousand: future events,
    # annotations), sorted in SQL, then every other filtered measure by id. The second
    # part is all filtered ids in rowid order less the first part's, taken in Python: as
    # a NOT IN, SQLite re-planned the keyed subquery as a scan of every measure.
    keyed = _keyed(sort, today)
    with_key = base.join(keyed, keyed.c.measure_id == m.id).order_by(
        keyed.c.sort_key.desc() if descending else keyed.c.sort_key.asc(), tie
    )
    if sort is SortColumn.STATUS:
        # No annotation means unreviewed, the first status: those measures join the
        # annotated unreviewed ones at the start (ascending) or the end (descending).
        with_key = with_key.where(keyed.c.sort_key > 0)
    first = fetch_ids(connection, with_key)
    seen = set(first)
    # In rowid order (the table's own order, backwards when descending), so that Python
    # only drops the keyed ids instead of sorting 100,000 of them.
    rest = [i for i in fetch_ids(connection, base.order_by(tie)) if i not in seen]
    if sort is SortColumn.STATUS and not descending:
        return rest + first
    return first + rest


def _keyed(sort: SortColumn, today: dt.date) -> Any:
    """A subquery ``(measure_id, sort_key)`` over the measures that have a value to sort by."""
    m, a = MEASURE.c, ANNOTATION.c
    if sort is SortColumn.NEXT_DATE:
        # ``measure_id + 0``: grouping by the bare column makes SQLite walk all events in
        # measure order (ix_event_measure_id) instead of the few future ones by date.
        grouped = EVENT.c.measure_id + 0
        statement = (
            select(grouped.label("measure_id"), func.min(EVENT.c.date).label("sort_key"))
            .where(EVENT.c.date >= today)
            .group_by(grouped)
        )
    elif sort in (SortColumn.FOLLOW_UP, SortColumn.TAGS):
        # Aggregated per measure key over the annotations, then joined to measure by key:
        # grouping by measure.id instead made SQLite walk every measure in id order.
        if sort is SortColumn.FOLLOW_UP:
            per_key = select(a.measure_key, func.min(a.follow_up).label("sort_key")).where(
                a.follow_up.is_not(None)
            )
        else:  # by the first tag in the alphabet, which is the one the list shows first
            per_key = select(
                a.measure_key, func.min(ANNOTATION_TAG.c.folded).label("sort_key")
            ).join(ANNOTATION_TAG, ANNOTATION_TAG.c.annotation_id == a.id)
        grouped = per_key.where(a.deleted.is_(False)).group_by(a.measure_key).subquery("per_key")
        statement = select(m.id.label("measure_id"), grouped.c.sort_key).join(
            grouped, grouped.c.measure_key == m.key
        )
    elif sort is SortColumn.STATUS:
        latest = _latest_status()
        rank = case(
            *((latest.c.status == s.value, literal(i)) for i, s in enumerate(STATUS_ORDER)),
            else_=literal(0),
        )
        statement = select(m.id.label("measure_id"), rank.label("sort_key")).join(
            latest, latest.c.measure_key == m.key
        )
    else:  # pragma: no cover - every SortColumn is handled above
        raise ValueError(f"unknown sort column {sort!r}")
    return statement.subquery("keyed")


def fetch_ids(connection: Connection, statement: Select[Any]) -> list[int]:
    """The first column of every row, read straight from the DBAPI cursor (see the module doc).

    Iterating the cursor rather than ``fetchall()`` never holds all the row tuples at
    once: about 5 ms less for 100,000 ids.
    """
    result = connection.execute(statement)
    try:
        return [row[0] for row in result.cursor]
    finally:
        result.close()


def fetch_rows(connection: Connection, statement: Select[Any]) -> list[Any]:
    """Every row as the DBAPI returns it: no SQLAlchemy processing (ids and flags only)."""
    result = connection.execute(statement)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


# -- page rows ------------------------------------------------------------------------------


def measure_rows(session: Session, ids: Sequence[int], *, today: dt.date) -> list[MeasureRow]:
    """Rows for ``ids`` in that order (unknown ids dropped), three queries per 900 ids."""
    m = MEASURE.c
    rows: dict[int, MeasureRow] = {}
    wanted = list(dict.fromkeys(ids))
    for chunk in chunked(wanted):
        next_dates = dict(
            session.execute(
                select(EVENT.c.measure_id, func.min(EVENT.c.date))
                .where(EVENT.c.measure_id.in_(chunk), EVENT.c.date >= today)
                .group_by(EVENT.c.measure_id)
            ).all()
        )
        measures = session.execute(
            select(
                m.id,
                m.key,
                m.title,
                m.number,
                m.instrument,
                m.jurisdiction,
                m.signed_on,
                m.in_force_on,
                m.source_count,
            ).where(m.id.in_(chunk))
        ).all()
        notes = _annotation_summaries(session, [row.key for row in measures])
        for row in measures:
            status, tags, count, follow_up = notes.get(
                row.key, (ReviewStatus.UNREVIEWED, (), 0, None)
            )
            rows[row.id] = MeasureRow(
                id=row.id,
                key=row.key,
                title=row.title,
                number=row.number,
                instrument=Instrument(row.instrument),
                jurisdiction=row.jurisdiction,
                signed=row.signed_on,
                in_force=row.in_force_on,
                next_date=next_dates.get(row.id),
                source_count=row.source_count,
                review_status=status,
                tags=tags,
                annotation_count=count,
                follow_up=follow_up,
            )
    return [rows[i] for i in wanted if i in rows]


_Summary = tuple[ReviewStatus, tuple[str, ...], int, dt.date | None]


def _annotation_summaries(session: Session, keys: Sequence[str]) -> dict[str, _Summary]:
    """Per key with live annotations: latest status, tags, count, earliest follow-up."""
    if not keys:
        return {}
    a = ANNOTATION.c
    live = session.execute(
        select(a.id, a.measure_key, a.status, a.follow_up, a.updated_at)
        .where(a.measure_key.in_(keys), a.deleted.is_(False))
        .order_by(a.measure_key, a.updated_at, a.id)
    ).all()
    if not live:
        return {}
    tags: dict[int, list[str]] = {}
    for chunk in chunked([row.id for row in live]):
        for annotation_id, tag in session.execute(
            select(ANNOTATION_TAG.c.annotation_id, ANNOTATION_TAG.c.tag).where(
                ANNOTATION_TAG.c.annotation_id.in_(chunk)
            )
        ):
            tags.setdefault(annotation_id, []).append(tag)
    grouped: dict[str, list[Any]] = {}
    for row in live:
        grouped.setdefault(row.measure_key, []).append(row)
    summaries: dict[str, _Summary] = {}
    for key, notes in grouped.items():
        follow_ups = [n.follow_up for n in notes if n.follow_up is not None]
        summaries[key] = (
            ReviewStatus(notes[-1].status),  # ordered by save time, so the last is the latest
            normalise_tags(tag for n in notes for tag in tags.get(n.id, ())),
            len(notes),
            min(follow_ups, default=None),
        )
    return summaries
