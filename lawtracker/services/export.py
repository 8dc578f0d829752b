"""The JSON and CSV exports: a stable contract documented in docs/export-format.md.

JSON schema ``lawtracker.export/1``. Field names and meanings never change
within a schema version; new optional fields may be added.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from lawtracker.domain.catalog import EventView, MeasureDetail, MeasureFilter
from lawtracker.domain.dates import month_day_text
from lawtracker.domain.enums import DatePrecision
from lawtracker.services.catalog import Catalog
from lawtracker.storage.db import session_scope
from lawtracker.storage.tables import Source

SCHEMA = "lawtracker.export/1"

CSV_COLUMNS = (
    "key",
    "title",
    "instrument",
    "number",
    "jurisdiction",
    "authority",
    "signed",
    "in_force",
    "sources",
    "role",
    "confidence",
)


def _span(start: int | None, end: int | None) -> list[int] | None:
    return [start, end] if start is not None and end is not None else None


def _event_date(event: EventView) -> str | None:
    """ISO ``YYYY-MM-DD``, or ``--MM-DD`` for a day and month whose year the text never gives."""
    if event.date is None:
        return None
    if event.precision is DatePrecision.MONTH_DAY:
        return month_day_text(event.date)
    return event.date.isoformat()


def measure_document(detail: MeasureDetail, source_names: dict[int, str]) -> dict[str, Any]:
    def source(source_id: int | None) -> str | None:
        return source_names.get(source_id) if source_id is not None else None

    return {
        "key": detail.key,
        "title": detail.title,
        "instrument": detail.instrument.value,
        "number": detail.number,
        "jurisdiction": detail.jurisdiction,
        "authority": detail.authority,
        "summary": detail.summary,
        "role": detail.role.value,
        "confidence": detail.confidence,
        "events": [
            {
                "kind": e.kind.value,
                "date": _event_date(e),
                "precision": e.precision.value,
                "derived": e.derived,
                "rule": e.rule,
                "label": e.label,
                "source": source(e.source_id),
                "span": _span(e.start, e.end),
                "lang": e.lang.value,
                "confidence": e.confidence,
                "needs_review": e.needs_review,
            }
            for e in detail.events
        ],
        "quantities": [
            {
                "kind": q.kind.value,
                "value": q.value,
                "value_max": q.value_max,
                "unit": q.unit,
                "qualifier": q.qualifier.value,
                "condition": q.condition,
                "text": q.text,
                "source": source(q.source_id),
                "span": _span(q.start, q.end),
                "lang": q.lang.value,
                "confidence": q.confidence,
                "needs_review": q.needs_review,
            }
            for q in detail.quantities
        ],
        "references": [
            {
                "kind": r.kind.value,
                "text": r.text,
                "normalized": r.normalized,
                "source": source(r.source_id),
                "span": _span(r.start, r.end),
            }
            for r in detail.references
        ],
        "links": [
            {
                "kind": link.kind.value,
                "direction": "outgoing" if link.outgoing else "incoming",
                "key": link.other_key,
                "title": link.other_title,
            }
            for link in detail.links
        ],
        "sources": detail.source_names,
        "text": {lang.value: text.text for lang, text in detail.texts.items()},
    }


def export_document(engine: Engine, measure_ids: Sequence[int] | None = None) -> dict[str, Any]:
    catalog = Catalog(engine)
    ids = list(measure_ids) if measure_ids is not None else catalog.measure_ids(MeasureFilter())
    with session_scope(engine) as session:
        sources = session.execute(
            select(
                Source.id,
                Source.file_name,
                Source.sha256,
                Source.family,
                Source.title,
                Source.publisher,
                Source.date,
                Source.languages,
                Source.version,
            )
            .where(Source.superseded.is_(False))
            .order_by(Source.file_name)
        ).all()
    names = {row.id: row.file_name for row in sources}
    measures = []
    for measure_id in ids:
        detail = catalog.measure_detail(measure_id)
        if detail is not None:
            measures.append(measure_document(detail, names))
    return {
        "schema": SCHEMA,
        "sources": [
            {
                "file": row.file_name,
                "sha256": row.sha256,
                "family": row.family,
                "title": row.title,
                "publisher": row.publisher,
                "date": row.date.isoformat() if row.date else None,
                "languages": [lang for lang in row.languages.split(",") if lang],
                "version": row.version,
            }
            for row in sources
        ],
        "measures": measures,
    }


def export_json(engine: Engine, measure_ids: Sequence[int] | None = None) -> str:
    return json.dumps(export_document(engine, measure_ids), ensure_ascii=False, indent=2)


def export_csv(engine: Engine, measure_ids: Sequence[int] | None = None) -> str:
    """One row per measure; facts stay in the JSON export where they have structure."""
    catalog = Catalog(engine)
    ids = list(measure_ids) if measure_ids is not None else catalog.measure_ids(MeasureFilter())
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in catalog.measure_rows(ids):
        detail = catalog.measure_detail(row.id)
        writer.writerow(
            [
                row.key,
                row.title,
                row.instrument.value,
                row.number or "",
                row.jurisdiction or "",
                (detail.authority if detail else None) or "",
                row.signed.isoformat() if row.signed else "",
                row.in_force.isoformat() if row.in_force else "",
                ";".join(detail.source_names) if detail else "",
                detail.role.value if detail else "",
                detail.confidence if detail else "",
            ]
        )
    return buffer.getvalue()
