"""Write a parsed document into the store, in the caller's transaction.

A measure is matched by its stable key, never by row id, so that re-ingesting
a document (or a newer version of it) updates the same measure row and every
annotation hanging on it survives. Extracted facts are replaced per source:
the facts read from an older version of a document are dropped when its new
version arrives; facts other documents gave the measure stay.

When a newer extractor names a measure differently, its draft lists the old
keys in ``key_aliases``: the measure stored under an old key is renamed (or
merged into the one under the new key), user work moves with it, and the old
key is kept in ``measure_key_alias`` so that looking it up still finds it.
A document in which no measure is found is stored all the same: it is a
searchable source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, bindparam, case, delete, func, insert, select, update
from sqlmodel import Session

from lawtracker.domain.drafts import MeasureDraft, ParsedSource, Provenance
from lawtracker.domain.enums import EventKind
from lawtracker.storage.anchors import reanchor_annotations
from lawtracker.storage.db import chunked
from lawtracker.storage.search import (
    index_measures,
    index_source,
    unindex_measure,
    unindex_source,
)
from lawtracker.storage.tables import (
    LAST_YEARLESS_DAY,
    Annotation,
    Event,
    Measure,
    MeasureKeyAlias,
    MeasureLink,
    MeasureSource,
    MeasureText,
    Quantity,
    Reference,
    Source,
    UserEdit,
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
    """Insert one document version and its measures; the caller commits.

    Core statements on the session's connection, not ORM objects: the ORM's
    unit of work costs more than the SQL itself at thousands of files a batch.
    """
    connection = session.connection()
    previous = connection.execute(_CURRENT_VERSIONS, {"lineage": parsed.file_name}).all()
    old_ids = [row[0] for row in previous]
    version = max((row[1] for row in previous), default=0) + 1
    orphaned = _measures_of_sources(session, old_ids)
    if old_ids:
        _retire_sources(session, old_ids)
    inserted = connection.execute(
        _INSERT_SOURCE,
        {
            "file_name": parsed.file_name,
            "lineage": parsed.file_name,
            "version": version,
            "superseded": False,
            "sha256": parsed.sha256,
            "family": parsed.family.value,
            "title": parsed.title,
            "publisher": parsed.publisher,
            "date": parsed.date,
            "date_precision": parsed.date_precision.value,
            "languages": ",".join(lang.value for lang in parsed.languages),
            "ocr_damaged": parsed.ocr_damaged,
            "text": parsed.text,
            "ingested_at": utc_now(),
        },
    )
    source_id = inserted.inserted_primary_key[0]
    assert source_id is not None
    result = StoreResult(source_id, version, old_ids)
    drafts = _merge_same_key(parsed.measures)
    orphaned |= _follow_key_aliases(session, drafts)
    measure_ids = _upsert_measures(session, drafts, result)
    _insert_facts(session, drafts, measure_ids, source_id)
    touched = set(measure_ids.values()) | orphaned
    refresh_summary_columns(session, touched)
    index_source(session, source_id=source_id, title=parsed.title, body=parsed.text)
    _reindex_measures(session, touched, current=(source_id, parsed.text))
    # User work: span annotations follow their quoted text into this version (issue 4).
    reanchor_annotations(session, lineage=parsed.file_name, text=parsed.text)
    return result


_INSERT_SOURCE = insert(Source.__table__)
_CURRENT_VERSIONS = select(Source.id, Source.version).where(
    Source.lineage == bindparam("lineage"), Source.superseded.is_(False)
)


def _merge_same_key(drafts: Iterable[MeasureDraft]) -> list[MeasureDraft]:
    """One document may cite the same measure twice: keep one draft with all facts."""
    merged: dict[str, MeasureDraft] = {}
    for draft in drafts:
        kept = merged.setdefault(draft.key, draft)
        if kept is not draft:
            kept.key_aliases.extend(a for a in draft.key_aliases if a not in kept.key_aliases)
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
    """Measures read from these sources (their summary columns change when they retire)."""
    if not source_ids:
        return set()
    rows = session.execute(
        select(MeasureSource.measure_id).where(MeasureSource.source_id.in_(source_ids))
    ).scalars()
    return set(rows)


def _follow_key_aliases(session: Session, drafts: list[MeasureDraft]) -> set[int]:
    """Move what was stored under each draft's old keys to its key; ids to refresh.

    The measure under an old key is renamed when the new key is free (its id,
    facts from other documents and search entry stay), merged into the measure
    under the new key otherwise. Annotations, user edits and links naming the
    old key follow, and the old key becomes an alias of the new one.
    """
    keys = {d.key for d in drafts}
    pairs = [
        (alias, d.key)
        for d in drafts
        for alias in dict.fromkeys(d.key_aliases)
        if alias != d.key and alias not in keys
    ]
    touched: set[int] = set()
    connection = session.connection()
    for alias, key in pairs:
        ids = dict(connection.execute(_IDS_BY_KEY, {"keys": [alias, key]}).all())
        old_id, new_id = ids.get(alias), ids.get(key)
        if old_id is not None and new_id is None:
            connection.execute(update(_MEASURE).where(_MEASURE.c.id == old_id).values(key=key))
        elif old_id is not None and new_id is not None:
            _merge_measure(session, old_id, new_id)
            touched.add(new_id)
        for table, column in _KEYED_USER_WORK:
            connection.execute(update(table).where(column == alias).values({column.key: key}))
        # An alias of the old key now names the new one; the new key is nobody's alias.
        connection.execute(
            update(_ALIAS).where(_ALIAS.c.measure_key == alias).values(measure_key=key)
        )
        connection.execute(delete(_ALIAS).where(_ALIAS.c.alias.in_([alias, key])))
        connection.execute(insert(_ALIAS).values(alias=alias, measure_key=key))
    return touched


_ALIAS = MeasureKeyAlias.__table__
_LINK = MeasureLink.__table__
_KEYED_USER_WORK = (
    (Annotation.__table__, Annotation.__table__.c.measure_key),
    (UserEdit.__table__, UserEdit.__table__.c.measure_key),
    (_LINK, _LINK.c.target_key),
)


def _merge_measure(session: Session, old_id: int, new_id: int) -> None:
    """Give ``new_id`` every fact, source and text of ``old_id``, then delete ``old_id``.

    A source or text the two share is kept once (the new measure's); the rest
    is re-pointed, in portable SQL rather than SQLite's ``UPDATE OR IGNORE``.
    """
    connection = session.connection()
    for table, same in (
        (MeasureSource.__table__, ("source_id",)),
        (MeasureText.__table__, ("source_id", "lang")),
    ):
        kept = table.alias("kept")
        shared = (
            select(kept.c.measure_id)
            .where(kept.c.measure_id == new_id, *(kept.c[c] == table.c[c] for c in same))
            .exists()
        )
        connection.execute(delete(table).where(table.c.measure_id == old_id, shared))
        connection.execute(
            update(table).where(table.c.measure_id == old_id).values(measure_id=new_id)
        )
    for table in (Event, Quantity, Reference):
        connection.execute(
            update(table.__table__)
            .where(table.__table__.c.measure_id == old_id)
            .values(measure_id=new_id)
        )
    connection.execute(
        update(_LINK).where(_LINK.c.from_measure_id == old_id).values(from_measure_id=new_id)
    )
    connection.execute(delete(_MEASURE).where(_MEASURE.c.id == old_id))
    unindex_measure(session, measure_id=old_id)


def _upsert_measures(
    session: Session, drafts: list[MeasureDraft], result: StoreResult
) -> dict[str, int]:
    """Measure ids by key: existing rows updated in place, new ones inserted in one go."""
    connection = session.connection()
    keys = [d.key for d in drafts]
    existing: dict[str, int] = {}
    for chunk in chunked(keys):
        existing.update(connection.execute(_IDS_BY_KEY, {"keys": chunk}).all())
    now = utc_now()
    updates = [
        {"row_id": existing[d.key], **_measure_values(d), "updated_at": now}
        for d in drafts
        if d.key in existing
    ]
    if updates:
        connection.execute(
            _UPDATE_MEASURE,
            updates,
        )
    new = [d for d in drafts if d.key not in existing]
    if new:
        rows = [
            {"key": d.key, **_measure_values(d), "created_at": now, "updated_at": now} for d in new
        ]
        inserted = connection.execute(_INSERT_MEASURES, rows).all()
        existing.update(dict(inserted))
    result.updated_keys.extend(d.key for d in drafts if d not in new)
    result.added_keys.extend(d.key for d in new)
    return existing


# Statements on the tables, not the ORM classes: an ORM-enabled executemany
# processes every row in Python before SQLite sees it.
_MEASURE = Measure.__table__
_UPDATE_MEASURE = update(_MEASURE).where(_MEASURE.c.id == bindparam("row_id"))
_INSERT_MEASURES = insert(_MEASURE).returning(
    _MEASURE.c.key, _MEASURE.c.id, sort_by_parameter_order=True
)
_IDS_BY_KEY = select(Measure.key, Measure.id).where(
    Measure.key.in_(bindparam("keys", expanding=True))
)


def _measure_values(draft: MeasureDraft) -> dict[str, Any]:
    return {
        "title": draft.title,
        "instrument": draft.instrument.value,
        "number": draft.number,
        "jurisdiction": draft.jurisdiction,
        "authority": draft.authority,
        "summary": draft.summary,
        "role": draft.role.value,
        "confidence": draft.confidence,
    }


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


def _insert_facts(
    session: Session, drafts: list[MeasureDraft], measure_ids: dict[str, int], source_id: int
) -> None:
    """All facts of one document, one multi-row INSERT per table."""
    rows: dict[type, list[dict[str, Any]]] = {t: [] for t in (*_FACT_TABLES, MeasureLink)}
    for draft in drafts:
        measure_id = measure_ids[draft.key]
        rows[MeasureSource].append({"measure_id": measure_id, "source_id": source_id})
        rows[MeasureText].extend(
            {
                "measure_id": measure_id,
                "source_id": source_id,
                "lang": lang.value,
                "span_start": span.start,
                "span_end": span.end,
            }
            for lang, span in draft.texts.items()
        )
        rows[Event].extend(
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
        )
        rows[Quantity].extend(
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
        )
        rows[Reference].extend(
            {
                "measure_id": measure_id,
                "kind": r.kind.value,
                "text": r.text,
                "normalized": r.normalized,
                **_provenance(source_id, r.provenance),
            }
            for r in draft.references
        )
        rows[MeasureLink].extend(
            {
                "from_measure_id": measure_id,
                "kind": link.kind.value,
                "target_key": link.target_key,
                "target_label": link.target_label,
                "source_id": source_id,
                "span_start": _span_of(link.provenance, 0),
                "span_end": _span_of(link.provenance, 1),
            }
            for link in _unique_links(draft)
        )
    connection = session.connection()
    for table, table_rows in rows.items():
        if table_rows:
            connection.execute(insert(table.__table__), _uniform(table_rows))


def _span_of(provenance: Provenance | None, end: int) -> int | None:
    if provenance is None or provenance.span is None:
        return None
    return provenance.span.end if end else provenance.span.start


def _uniform(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give every row the same keys so one executemany can take them all."""
    keys = {k for row in rows for k in row}
    return [
        row if len(row) == len(keys) else {k: row.get(k, _DEFAULTS.get(k)) for k in keys}
        for row in rows
    ]


_DEFAULTS: dict[str, Any] = {"lang": "en", "confidence": 1.0, "needs_review": False}


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
    ids = sorted(measure_ids)
    if not ids:
        return
    connection = session.connection()
    for chunk in chunked(ids):
        connection.execute(_REFRESH_SUMMARY, {"ids": chunk})


def _first_date(kind: EventKind) -> Any:
    """The measure's earliest real date of ``kind``: NULL and yearless dates do not count.

    A MONTH_DAY date sits in a placeholder year (``LAST_YEARLESS_DAY``): as a
    signing date it would sort before every real one.

    The kind is tested inside min() rather than in WHERE on purpose: with
    ``kind = ?`` in WHERE, SQLite (without ANALYZE statistics) walks the
    (kind, date, measure_id) index through every event of that kind until it
    meets the measure, a cost that grows with the store; this way it takes
    only the measure's own events through the measure_id index.
    """
    return (
        select(
            func.min(
                case((and_(Event.kind == kind.value, Event.date > LAST_YEARLESS_DAY), Event.date))
            )
        )
        .where(Event.measure_id == Measure.id)
        .scalar_subquery()
    )


# Built once: SQLAlchemy then reuses the compiled SQL instead of rebuilding it per file.
_REFRESH_SUMMARY = (
    update(Measure)
    .where(Measure.id.in_(bindparam("ids", expanding=True)))
    .values(
        signed_on=_first_date(EventKind.SIGNED),
        in_force_on=_first_date(EventKind.IN_FORCE),
        source_count=select(func.count())
        .select_from(MeasureSource)
        .where(MeasureSource.measure_id == Measure.id)
        .scalar_subquery(),
    )
)


def _reindex_measures(
    session: Session, measure_ids: Iterable[int], *, current: tuple[int, str]
) -> None:
    """Rebuild the search documents of ``measure_ids`` from their texts in every source.

    A measure cited by many documents has slices in all of them: those are cut
    in SQL (``substr`` counts code points like a Python slice) so that whole
    source texts are never read back; the current source is sliced in memory.
    """
    connection = session.connection()
    current_id, current_text = current
    for chunk in chunked(sorted(measure_ids)):
        measures = connection.execute(_MEASURES_TO_INDEX, {"ids": chunk}).all()
        bodies: dict[int, list[str]] = {}
        for measure_id, source_id, start, end, piece in connection.execute(
            _SLICES, {"ids": chunk, "current": current_id}
        ):
            if source_id == current_id:
                piece = current_text[start:end]
            bodies.setdefault(measure_id, []).append(piece or "")
        documents = []
        for measure_id, title, number, summary in measures:
            parts = [summary] if summary else []
            parts.extend(bodies.get(measure_id, []))
            documents.append((measure_id, title, number, "\n".join(parts)))
        index_measures(session, documents)


_MEASURES_TO_INDEX = select(Measure.id, Measure.title, Measure.number, Measure.summary).where(
    Measure.id.in_(bindparam("ids", expanding=True))
)
_SLICES = (
    select(
        MeasureText.measure_id,
        MeasureText.source_id,
        MeasureText.span_start,
        MeasureText.span_end,
        case(
            (MeasureText.source_id == bindparam("current"), None),
            else_=func.substr(
                Source.text,
                MeasureText.span_start + 1,
                MeasureText.span_end - MeasureText.span_start,
            ),
        ),
    )
    .join(Source, Source.id == MeasureText.source_id)
    .where(MeasureText.measure_id.in_(bindparam("ids", expanding=True)))
    .order_by(MeasureText.id)
)
