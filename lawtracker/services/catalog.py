"""Read the measure store for the views and the CLI: lists, details, timeline, facets.

Filtering and sorting happen in SQL and return ids; rows are then fetched a
page at a time by id. No view ever issues one query per cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from lawtracker.domain.catalog import (
    DueItem,
    EventView,
    Facets,
    LinkView,
    MeasureDetail,
    MeasureFilter,
    MeasureRow,
    QuantityView,
    ReferenceView,
    SortColumn,
    SourceChoice,
    SourceText,
    StoreCounts,
    TimelineItem,
)
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
)
from lawtracker.services.catalog_list import list_conditions, measure_rows, ordered_ids
from lawtracker.services.user_edits import apply_user_edits, apply_user_edits_to_rows
from lawtracker.storage.db import chunked, session_scope
from lawtracker.storage.tables import (
    LAST_YEARLESS_DAY,
    Event,
    Measure,
    MeasureKeyAlias,
    MeasureLink,
    MeasureSource,
    MeasureText,
    Quantity,
    Reference,
    Source,
)

DUE_KINDS = (
    EventKind.IN_FORCE,
    EventKind.WINDOW_START,
    EventKind.WINDOW_END,
    EventKind.IMPLEMENTATION_START,
    EventKind.IMPLEMENTATION_END,
    EventKind.EXPIRES,
)
INTERVALS = {
    EventKind.WINDOW_END: EventKind.WINDOW_START,
    EventKind.IMPLEMENTATION_END: EventKind.IMPLEMENTATION_START,
}


class Catalog:
    """The read side of the store, as the GUI and CLI see it."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # -- the list -----------------------------------------------------------------
    def measure_ids(
        self,
        flt: MeasureFilter,
        sort: SortColumn = SortColumn.TITLE,
        descending: bool = False,
        *,
        today: dt.date | None = None,
    ) -> list[int]:
        """Every id the list shows, in order; NULL sort keys last in both directions.

        Ties go by id, descending when the sort is: descending is the ascending
        order reversed, except that measures without a value stay at the end.
        """
        with session_scope(self._engine) as session:
            conditions = list_conditions(session, flt)
            if conditions is None:
                return []
            return ordered_ids(
                session, conditions, sort, descending, today=today or dt.date.today()
            )

    def measure_rows(self, ids: Sequence[int], *, today: dt.date | None = None) -> list[MeasureRow]:
        """The list rows of ``ids``, in that order, with annotation columns and user edits."""
        with session_scope(self._engine) as session:
            rows = measure_rows(session, ids, today=today or dt.date.today())
            # User corrections win over extracted values (issue 4).
            return apply_user_edits_to_rows(rows, session=session)

    def measure_id_for_key(self, key: str) -> int | None:
        """The measure stored under ``key``, or under the key it became (an old key's alias)."""
        with session_scope(self._engine) as session:
            found = session.execute(select(Measure.id).where(Measure.key == key)).scalar()
            if found is None:
                found = session.execute(
                    select(Measure.id)
                    .join(MeasureKeyAlias, MeasureKeyAlias.measure_key == Measure.key)
                    .where(MeasureKeyAlias.alias == key)
                ).scalar()
            return found

    def original_file(self, source_id: int) -> Path | None:
        """The stored copy of the file a source was read from (``None``: not kept)."""
        from lawtracker.storage.originals import find_original

        with session_scope(self._engine) as session:
            sha256 = session.execute(
                select(Source.__table__.c.sha256).where(Source.__table__.c.id == source_id)
            ).scalar()
        return find_original(sha256) if sha256 else None

    # -- one measure -----------------------------------------------------------------
    def measure_detail(self, measure_id: int) -> MeasureDetail | None:
        with session_scope(self._engine) as session:
            measure = session.get(Measure, measure_id)
            if measure is None:
                return None
            events = (
                session.execute(select(Event).where(Event.measure_id == measure_id)).scalars().all()
            )
            quantities = (
                session.execute(
                    select(Quantity)
                    .where(Quantity.measure_id == measure_id)
                    .order_by(Quantity.span_start)
                )
                .scalars()
                .all()
            )
            references = (
                session.execute(
                    select(Reference)
                    .where(Reference.measure_id == measure_id)
                    .order_by(Reference.span_start)
                )
                .scalars()
                .all()
            )
            texts = session.execute(
                select(MeasureText, Source.file_name, Source.text)
                .join(Source, Source.id == MeasureText.source_id)
                .where(MeasureText.measure_id == measure_id, Source.superseded.is_(False))
            ).all()
            sources = (
                session.execute(
                    select(Source.file_name)
                    .join(MeasureSource, MeasureSource.source_id == Source.id)
                    .where(MeasureSource.measure_id == measure_id)
                    .order_by(Source.file_name)
                )
                .scalars()
                .all()
            )
            detail = MeasureDetail(
                id=measure.id,
                key=measure.key,
                title=measure.title,
                instrument=Instrument(measure.instrument),
                number=measure.number,
                jurisdiction=measure.jurisdiction,
                authority=measure.authority,
                summary=measure.summary,
                events=sorted((_event_view(e) for e in events), key=_event_order),
                quantities=[_quantity_view(q) for q in quantities],
                references=[_reference_view(r) for r in references],
                links=self._links(session, measure),
                texts={
                    Language(t.lang): SourceText(
                        Language(t.lang),
                        t.source_id,
                        name,
                        t.span_start,
                        t.span_end,
                        text[t.span_start : t.span_end],
                    )
                    for t, name, text in texts
                },
                source_names=list(sources),
                role=MeasureRole(measure.role),
                confidence=measure.confidence,
            )
            # User corrections win over extracted values (issue 4).
            return apply_user_edits(detail, session=session)

    def _links(self, session, measure: Measure) -> list[LinkView]:
        outgoing = session.execute(
            select(MeasureLink, Measure.id, Measure.title)
            .outerjoin(Measure, Measure.key == MeasureLink.target_key)
            .where(MeasureLink.from_measure_id == measure.id)
        ).all()
        incoming = session.execute(
            select(MeasureLink, Measure.id, Measure.title, Measure.key)
            .join(Measure, Measure.id == MeasureLink.from_measure_id)
            .where(MeasureLink.target_key == measure.key)
        ).all()
        views = [
            LinkView(LinkKind(link.kind), True, link.target_key, title or link.target_label, other)
            for link, other, title in outgoing
        ]
        views += [
            LinkView(LinkKind(link.kind), False, key, title, other)
            for link, other, title, key in incoming
        ]
        return views

    # -- timeline, facets, due soon ------------------------------------------------------
    def timeline_items(self, measure_ids: Sequence[int] | None = None) -> list[TimelineItem]:
        """Dated events of ``measure_ids`` (or of every measure) as timeline points and spans.

        Rows straight from the DBAPI cursor, not ORM rows: for the 30,000 events of
        10,000 measures the ORM's per-row processing cost more than the SQL.
        """
        ev, ms = Event.__table__.c, Measure.__table__.c
        statement = (
            select(
                ev.measure_id,
                ms.title,
                ms.instrument,
                ms.jurisdiction,
                ev.kind,
                ev.date,
                ev.derived,
                ev.label,
                ev.source_id,
            )
            .join_from(Event.__table__, Measure.__table__, ms.id == ev.measure_id)
            # A yearless (MONTH_DAY) date has no place on a time axis.
            .where(ev.date > LAST_YEARLESS_DAY)
            .order_by(ev.measure_id, ev.date)
        )
        with session_scope(self._engine) as session:
            connection = session.connection()
            if measure_ids is None:
                rows = _raw_rows(connection, statement)
            else:
                rows = []
                for chunk in chunked(list(measure_ids)):
                    rows += _raw_rows(connection, statement.where(ev.measure_id.in_(chunk)))
        return _timeline(rows)

    def facets(self) -> Facets:
        with session_scope(self._engine) as session:
            jurisdictions = (
                session.execute(
                    select(Measure.jurisdiction)
                    .distinct()
                    .order_by(Measure.jurisdiction.is_(None), Measure.jurisdiction)
                )
                .scalars()
                .all()
            )
            instruments = (
                session.execute(select(Measure.instrument).distinct().order_by(Measure.instrument))
                .scalars()
                .all()
            )
            sources = session.execute(
                select(Source.id, Source.file_name, Source.title)
                .where(Source.superseded.is_(False))
                .order_by(Source.file_name)
            ).all()
            low, high = session.execute(
                select(func.min(Event.date), func.max(Event.date)).where(
                    Event.date > LAST_YEARLESS_DAY
                )
            ).one()
        return Facets(
            jurisdictions=list(jurisdictions),
            instruments=[Instrument(i) for i in instruments],
            sources=[SourceChoice(i, f"{title} ({name})") for i, name, title in sources],
            year_min=low.year if low else None,
            year_max=high.year if high else None,
        )

    def due_soon(self, *, today: dt.date, days: int) -> list[DueItem]:
        horizon = today + dt.timedelta(days=days)
        with session_scope(self._engine) as session:
            rows = session.execute(
                select(
                    Event.measure_id,
                    Measure.title,
                    Event.kind,
                    Event.date,
                    Event.derived,
                    Event.label,
                )
                .join(Measure, Measure.id == Event.measure_id)
                .where(
                    Event.date >= today,
                    Event.date <= horizon,
                    Event.date > LAST_YEARLESS_DAY,  # a yearless day is never due
                    Event.kind.in_([k.value for k in DUE_KINDS]),
                )
                .order_by(Event.date, Measure.title)
            ).all()
        return [
            DueItem(mid, title, EventKind(kind), date, derived, label or kind.replace("_", " "))
            for mid, title, kind, date, derived, label in rows
        ]

    def counts(self) -> StoreCounts:
        # On the tables, not the ORM classes: the window counts before its first paint,
        # and the first ORM statement of a process configures every mapper (about 80 ms).
        measure, source, event = Measure.__table__, Source.__table__, Event.__table__
        with session_scope(self._engine) as session:
            measures = session.execute(select(func.count()).select_from(measure)).scalar_one()
            sources = session.execute(
                select(func.count()).select_from(source).where(source.c.superseded.is_(False))
            ).scalar_one()
            events = session.execute(select(func.count()).select_from(event)).scalar_one()
        return StoreCounts(measures, sources, events)


def _event_order(event: EventView) -> tuple[bool, dt.date, int]:
    return (event.date is None, event.date or dt.date.max, event.id)


def _event_view(e: Event) -> EventView:
    return EventView(
        id=e.id,
        kind=EventKind(e.kind),
        date=e.date,
        precision=DatePrecision(e.precision),
        derived=e.derived,
        rule=e.rule,
        label=e.label,
        source_id=e.source_id,
        start=e.span_start,
        end=e.span_end,
        confidence=e.confidence,
        needs_review=e.needs_review,
        lang=Language(e.lang),
    )


def _quantity_view(q: Quantity) -> QuantityView:
    return QuantityView(
        id=q.id,
        kind=QuantityKind(q.kind),
        value=q.value,
        value_max=q.value_max,
        unit=q.unit,
        qualifier=Qualifier(q.qualifier),
        condition=q.condition,
        text=q.text,
        source_id=q.source_id,
        start=q.span_start,
        end=q.span_end,
        confidence=q.confidence,
        needs_review=q.needs_review,
        lang=Language(q.lang),
    )


def _reference_view(r: Reference) -> ReferenceView:
    return ReferenceView(
        id=r.id,
        kind=ReferenceKind(r.kind),
        text=r.text,
        normalized=r.normalized,
        source_id=r.source_id,
        start=r.span_start,
        end=r.span_end,
        lang=Language(r.lang),
    )


def _raw_rows(connection, statement) -> list[tuple]:
    result = connection.execute(statement)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def _as_date(value: dt.date | str) -> dt.date:
    """SQLite hands dates back as ISO text when SQLAlchemy's processing is bypassed."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


_INTERVAL_STARTS = frozenset(INTERVALS.values())


def _timeline(rows) -> list[TimelineItem]:
    """Points, plus intervals where a window or implementation end has its start."""
    items: list[TimelineItem] = []
    starts: dict[tuple[int, int | None, str], dt.date] = {}
    kinds = {k.value: k for k in EventKind}  # a dict lookup, not an Enum call per row
    instruments = {i.value: i for i in Instrument}
    for (
        measure_id,
        title,
        instrument,
        jurisdiction,
        kind,
        raw_date,
        raw_derived,
        label,
        source_id,
    ) in rows:
        event_kind = kinds[kind]
        date, derived = _as_date(raw_date), bool(raw_derived)
        if event_kind in _INTERVAL_STARTS:
            starts[(measure_id, source_id, event_kind.value)] = date
        opening = INTERVALS.get(event_kind)
        start = starts.get((measure_id, source_id, opening.value)) if opening else None
        items.append(
            TimelineItem(
                measure_id=measure_id,
                measure_title=title,
                instrument=instruments[instrument],
                jurisdiction=jurisdiction,
                kind=event_kind,
                start=start or date,
                end=date if start else None,
                derived=derived,
                label=label or event_kind.value.replace("_", " "),
            )
        )
    return items
