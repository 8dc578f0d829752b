"""Write a parsed document into the store, in the caller's transaction.

A measure is matched by its stable key, never by row id, so that re-ingesting
a document (or a newer version of it) updates the same measure row and every
annotation hanging on it survives. Extracted facts are replaced per source:
the facts read from an older version of a document are dropped when its new
version arrives; facts other documents gave the measure stay.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlmodel import Session

from lawtracker.domain.drafts import MeasureDraft, ParsedSource, Provenance
from lawtracker.domain.enums import EventKind
from lawtracker.storage.search import index_measure, index_source, unindex_source
from lawtracker.storage.tables import (
    Event,
    Measure,
    MeasureLink,
    MeasureSource,
    MeasureText,
    Quantity,
    Reference,
    Source,
    utc_now,
)

_FACT_TABLES = (Event, Quantity, Reference, MeasureText, MeasureSource)


@dataclass
class StoreResult:
    source_id: int
    version: int
    replaced_source_ids: list[int] = field(default_factory=list)
    added_keys: list[str] = field(default_factory=list)
    updated_keys: list[str] = field(default_factory=list)


def source_exists(session: Session, sha256: str) -> bool:
    return session.exec(select(Source.id).where(Source.sha256 == sha256)).first() is not None


def store_parsed_source(session: Session, parsed: ParsedSource) -> StoreResult:
    """Insert one document version and its measures; the caller commits."""
    previous = session.exec(
        select(Source.id, Source.version).where(
            Source.lineage == parsed.file_name, Source.superseded.is_(False)
        )
    ).all()
    old_ids = [row[0] for row in previous]
    version = max((row[1] for row in previous), default=0) + 1
    if old_ids:
        _retire_sources(session, old_ids)
    source = Source(
        file_name=parsed.file_name,
        lineage=parsed.file_name,
        version=version,
        sha256=parsed.sha256,
        family=parsed.family.value,
        title=parsed.title,
        publisher=parsed.publisher,
        date=parsed.date,
        date_precision=parsed.date_precision.value,
        languages=",".join(lang.value for lang in parsed.languages),
        ocr_damaged=parsed.ocr_damaged,
        text=parsed.text,
    )
    session.add(source)
    session.flush()
    assert source.id is not None
    result = StoreResult(source.id, version, old_ids)
    measure_ids: dict[str, int] = {}
    for draft in _merge_same_key(parsed.measures):
        measure_id, created = _upsert_measure(session, draft)
        measure_ids[draft.key] = measure_id
        (result.added_keys if created else result.updated_keys).append(draft.key)
        _insert_facts(session, draft, measure_id, source.id)
    touched = set(measure_ids.values()) | _measures_of_sources(session, old_ids)
    refresh_summary_columns(session, touched)
    index_source(session, source_id=source.id, title=parsed.title, body=parsed.text)
    for measure_id in touched:
        _reindex_measure(session, measure_id)
    return result


def _merge_same_key(drafts: Iterable[MeasureDraft]) -> list[MeasureDraft]:
    """One document may cite the same measure twice: keep one draft with all facts."""
    merged: dict[str, MeasureDraft] = {}
    for draft in drafts:
        kept = merged.setdefault(draft.key, draft)
        if kept is not draft:
            kept.events.extend(draft.events)
            kept.quantities.extend(draft.quantities)
            kept.references.extend(draft.references)
            kept.links.extend(draft.links)
    return list(merged.values())


def _retire_sources(session: Session, source_ids: list[int]) -> None:
    session.execute(update(Source).where(Source.id.in_(source_ids)).values(superseded=True))
    for table in _FACT_TABLES:
        session.execute(delete(table).where(table.source_id.in_(source_ids)))
    session.execute(delete(MeasureLink).where(MeasureLink.source_id.in_(source_ids)))
    for source_id in source_ids:
        unindex_source(session, source_id=source_id)


def _measures_of_sources(session: Session, source_ids: list[int]) -> set[int]:
    """Measures that lost facts with a retired source (for their summary columns)."""
    if not source_ids:
        return set()
    rows = session.exec(
        select(Measure.id).where(
            Measure.id.in_(select(Event.measure_id).where(Event.source_id.in_(source_ids)))
        )
    ).all()
    return {row[0] for row in rows}


def _upsert_measure(session: Session, draft: MeasureDraft) -> tuple[int, bool]:
    values = {
        "title": draft.title,
        "instrument": draft.instrument.value,
        "number": draft.number,
        "jurisdiction": draft.jurisdiction,
        "authority": draft.authority,
        "summary": draft.summary,
    }
    existing = session.exec(select(Measure.id).where(Measure.key == draft.key)).first()
    if existing is not None:
        session.execute(
            update(Measure).where(Measure.id == existing[0]).values(**values, updated_at=utc_now())
        )
        return existing[0], False
    measure = Measure(key=draft.key, **values)
    session.add(measure)
    session.flush()
    assert measure.id is not None
    return measure.id, True


def _provenance(source_id: int, provenance: Provenance | None) -> dict[str, Any]:
    if provenance is None:
        return {"source_id": source_id, "span_start": None, "span_end": None}
    span = provenance.span
    return {
        "source_id": source_id,
        "span_start": span.start if span else None,
        "span_end": span.end if span else None,
        "lang": provenance.lang.value,
        "confidence": provenance.confidence,
        "needs_review": provenance.needs_review,
    }


def _insert_facts(session: Session, draft: MeasureDraft, measure_id: int, source_id: int) -> None:
    session.execute(
        insert(MeasureSource).prefix_with("OR IGNORE", dialect="sqlite"),
        [{"measure_id": measure_id, "source_id": source_id}],
    )
    texts = [
        {
            "measure_id": measure_id,
            "source_id": source_id,
            "lang": lang.value,
            "span_start": span.start,
            "span_end": span.end,
        }
        for lang, span in draft.texts.items()
    ]
    events = [
        {
            "measure_id": measure_id,
            "kind": e.kind.value,
            "date": e.date,
            "precision": e.precision.value,
            "derived": e.derived,
            "rule": e.rule,
            "label": e.label,
            **_provenance(source_id, e.provenance),
        }
        for e in draft.events
    ]
    quantities = [
        {
            "measure_id": measure_id,
            "kind": q.kind.value,
            "value": q.value,
            "value_max": q.value_max,
            "unit": q.unit,
            "qualifier": q.qualifier.value,
            "condition": q.condition,
            "text": q.text,
            **_provenance(source_id, q.provenance),
        }
        for q in draft.quantities
    ]
    references = [
        {
            "measure_id": measure_id,
            "kind": r.kind.value,
            "text": r.text,
            "normalized": r.normalized,
            **_provenance(source_id, r.provenance),
        }
        for r in draft.references
    ]
    links = [
        {
            "from_measure_id": measure_id,
            "kind": link.kind.value,
            "target_key": link.target_key,
            "target_label": link.target_label,
            "source_id": source_id,
            "span_start": link.provenance.span.start
            if link.provenance and link.provenance.span
            else None,
            "span_end": link.provenance.span.end
            if link.provenance and link.provenance.span
            else None,
        }
        for link in _unique_links(draft)
    ]
    for table, rows in (
        (MeasureText, texts),
        (Event, events),
        (Quantity, quantities),
        (Reference, references),
        (MeasureLink, links),
    ):
        if rows:
            session.execute(insert(table), rows)


def _unique_links(draft: MeasureDraft) -> list:
    seen: set[tuple[str, str | None, str]] = set()
    unique = []
    for link in draft.links:
        key = (link.kind.value, link.target_key, link.target_label)
        if key not in seen and link.target_key != draft.key:
            seen.add(key)
            unique.append(link)
    return unique


def refresh_summary_columns(session: Session, measure_ids: Iterable[int]) -> None:
    """Recompute the sortable copies of signing, entry-into-force and source count."""
    for measure_id in measure_ids:
        signed = _first_date(session, measure_id, EventKind.SIGNED)
        in_force = _first_date(session, measure_id, EventKind.IN_FORCE)
        sources = session.exec(
            select(func.count())
            .select_from(MeasureSource)
            .where(MeasureSource.measure_id == measure_id)
        ).one()[0]
        session.execute(
            update(Measure)
            .where(Measure.id == measure_id)
            .values(signed_on=signed, in_force_on=in_force, source_count=sources)
        )


def _first_date(session: Session, measure_id: int, kind: EventKind) -> dt.date | None:
    return session.exec(
        select(func.min(Event.date)).where(
            Event.measure_id == measure_id, Event.kind == kind.value, Event.date.is_not(None)
        )
    ).one()[0]


def _reindex_measure(session: Session, measure_id: int) -> None:
    measure = session.get(Measure, measure_id)
    if measure is None:
        return
    rows = session.exec(
        select(Source.text, MeasureText.span_start, MeasureText.span_end)
        .join(Source, Source.id == MeasureText.source_id)
        .where(MeasureText.measure_id == measure_id)
    ).all()
    body = "\n".join(text[start:end] for text, start, end in rows)
    if measure.summary:
        body = f"{measure.summary}\n{body}"
    index_measure(
        session, measure_id=measure_id, title=measure.title, number=measure.number, body=body
    )
