"""Read the measure store for the views and the CLI: lists, details, timeline, facets.

Filtering and sorting happen in SQL and return ids; rows are then fetched a
page at a time by id. No view ever issues one query per cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
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
    Qualifier,
    QuantityKind,
    ReferenceKind,
)
from lawtracker.services.annotations import apply_user_edits, apply_user_edits_to_rows
from lawtracker.storage.db import session_scope
from lawtracker.storage.search import search_measure_ids
from lawtracker.storage.tables import (
    Event,
    Measure,
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

_MAX_SQL_PARAMS = 900


def _chunks(ids: Sequence[int]) -> list[Sequence[int]]:
    return [ids[i : i + _MAX_SQL_PARAMS] for i in range(0, len(ids), _MAX_SQL_PARAMS)]


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
        today = today or dt.date.today()
        with session_scope(self._engine) as session:
            conditions = self._conditions(session, flt)
            if conditions is None:
                return []
            next_dates = _next_dates_subquery(today)
            sort_expr = _sort_expression(sort, next_dates)
            order = sort_expr.desc() if descending else sort_expr.asc()
            statement = (
                select(Measure.id)
                .outerjoin(next_dates, next_dates.c.measure_id == Measure.id)
                .where(*conditions)
                .order_by(sort_expr.is_(None), order, Measure.id)
            )
            return list(session.execute(statement).scalars())

    def _conditions(self, session, flt: MeasureFilter) -> list[ColumnElement[bool]] | None:
        conditions: list[ColumnElement[bool]] = []
        if flt.jurisdictions:
            conditions.append(Measure.jurisdiction.in_(sorted(flt.jurisdictions)))
        if flt.instruments:
            conditions.append(Measure.instrument.in_(sorted(i.value for i in flt.instruments)))
        if flt.source_ids:
            conditions.append(
                Measure.id.in_(
                    select(MeasureSource.measure_id).where(
                        MeasureSource.source_id.in_(sorted(flt.source_ids))
                    )
                )
            )
        since = flt.since or (dt.date(flt.year_from, 1, 1) if flt.year_from else None)
        until = flt.until or (dt.date(flt.year_to, 12, 31) if flt.year_to else None)
        if since or until:
            dated = [Event.measure_id == Measure.id, Event.date.is_not(None)]
            if since:
                dated.append(Event.date >= since)
            if until:
                dated.append(Event.date <= until)
            conditions.append(exists().where(*dated))
        if flt.as_of:
            conditions.append(_in_force_on(flt.as_of))
        if flt.query.strip():
            ids = search_measure_ids(session, flt.query)
            if not ids:
                return None
            conditions.append(Measure.id.in_(ids))
        return conditions

    def measure_rows(self, ids: Sequence[int], *, today: dt.date | None = None) -> list[MeasureRow]:
        today = today or dt.date.today()
        rows: dict[int, MeasureRow] = {}
        with session_scope(self._engine) as session:
            for chunk in _chunks(list(ids)):
                next_dates = dict(
                    session.execute(
                        select(Event.measure_id, func.min(Event.date))
                        .where(Event.measure_id.in_(chunk), Event.date >= today)
                        .group_by(Event.measure_id)
                    ).all()
                )
                for m in session.execute(select(Measure).where(Measure.id.in_(chunk))).scalars():
                    rows[m.id] = MeasureRow(
                        id=m.id,
                        key=m.key,
                        title=m.title,
                        number=m.number,
                        instrument=Instrument(m.instrument),
                        jurisdiction=m.jurisdiction,
                        signed=m.signed_on,
                        in_force=m.in_force_on,
                        next_date=next_dates.get(m.id),
                        source_count=m.source_count,
                    )
            ordered = [rows[i] for i in ids if i in rows]
            # User corrections win over extracted values (issue 4).
            return apply_user_edits_to_rows(ordered, session=session)

    def measure_id_for_key(self, key: str) -> int | None:
        with session_scope(self._engine) as session:
            return session.execute(select(Measure.id).where(Measure.key == key)).scalar()

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
        with session_scope(self._engine) as session:
            statement = (
                select(
                    Event.measure_id,
                    Measure.title,
                    Measure.instrument,
                    Measure.jurisdiction,
                    Event.kind,
                    Event.date,
                    Event.derived,
                    Event.label,
                    Event.source_id,
                )
                .join(Measure, Measure.id == Event.measure_id)
                .where(Event.date.is_not(None))
                .order_by(Event.measure_id, Event.date)
            )
            if measure_ids is None:
                rows = session.execute(statement).all()
            else:
                rows = []
                for chunk in _chunks(list(measure_ids)):
                    rows += session.execute(statement.where(Event.measure_id.in_(chunk))).all()
        return _timeline(rows)

    def facets(self) -> Facets:
        with session_scope(self._engine) as session:
            jurisdictions = (
                session.execute(
                    select(Measure.jurisdiction).distinct().order_by(Measure.jurisdiction)
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
                select(func.min(Event.date), func.max(Event.date)).where(Event.date.is_not(None))
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
                    Event.kind.in_([k.value for k in DUE_KINDS]),
                )
                .order_by(Event.date, Measure.title)
            ).all()
        return [
            DueItem(mid, title, EventKind(kind), date, derived, label or kind.replace("_", " "))
            for mid, title, kind, date, derived, label in rows
        ]

    def counts(self) -> StoreCounts:
        with session_scope(self._engine) as session:
            measures = session.execute(select(func.count()).select_from(Measure)).scalar_one()
            sources = session.execute(
                select(func.count()).select_from(Source).where(Source.superseded.is_(False))
            ).scalar_one()
            events = session.execute(select(func.count()).select_from(Event)).scalar_one()
        return StoreCounts(measures, sources, events)


def _next_dates_subquery(today: dt.date):
    return (
        select(Event.measure_id.label("measure_id"), func.min(Event.date).label("next_date"))
        .where(Event.date >= today)
        .group_by(Event.measure_id)
        .subquery("next_dates")
    )


def _sort_expression(sort: SortColumn, next_dates):
    return {
        SortColumn.TITLE: func.lower(Measure.title),
        SortColumn.NUMBER: Measure.number,
        SortColumn.INSTRUMENT: Measure.instrument,
        SortColumn.JURISDICTION: Measure.jurisdiction,
        SortColumn.SIGNED: Measure.signed_on,
        SortColumn.IN_FORCE: Measure.in_force_on,
        SortColumn.NEXT_DATE: next_dates.c.next_date,
        SortColumn.SOURCES: Measure.source_count,
    }[sort]


def _in_force_on(day: dt.date) -> ColumnElement[bool]:
    """Signed (or of unknown signing) and in force by ``day``, and not expired by then."""
    started = func.coalesce(Measure.in_force_on, Measure.signed_on)
    expired = exists().where(
        Event.measure_id == Measure.id, Event.kind == EventKind.EXPIRES.value, Event.date <= day
    )
    return and_(
        started.is_not(None),
        started <= day,
        or_(Measure.signed_on.is_(None), Measure.signed_on <= day),
        ~expired,
    )


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


def _timeline(rows) -> list[TimelineItem]:
    """Points, plus intervals where a window or implementation end has its start."""
    items: list[TimelineItem] = []
    starts: dict[tuple[int, int | None, str], dt.date] = {}
    for measure_id, title, instrument, jurisdiction, kind, date, derived, label, source_id in rows:
        event_kind = EventKind(kind)
        if event_kind in INTERVALS.values():
            starts[(measure_id, source_id, event_kind.value)] = date
        opening = INTERVALS.get(event_kind)
        start = starts.get((measure_id, source_id, opening.value)) if opening else None
        items.append(
            TimelineItem(
                measure_id=measure_id,
                measure_title=title,
                instrument=Instrument(instrument),
                jurisdiction=jurisdiction,
                kind=event_kind,
                start=start or date,
                end=date if start else None,
                derived=derived,
                label=label or event_kind.value.replace("_", " "),
            )
        )
    return items
