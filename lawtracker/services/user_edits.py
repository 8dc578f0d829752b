"""User corrections of extracted fields: recorded as rows, applied over what extraction says.

A correction is never written into the extracted tables, so that re-ingesting a
document (which replaces those) cannot overwrite it. Each save adds a row, the
newest per field wins, and a row with no value reverts the field: the history
stays complete.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import func, select
from sqlmodel import Session

from lawtracker.domain.annotations import (
    AUTHORITY,
    EVENT_PREFIX,
    NUMBER,
    PLAIN_FIELDS,
    QUANTITY_PREFIX,
    TITLE,
    EditView,
    InvalidEditError,
    apply_edits,
    apply_row_edits,
    quantity_field_names,
)
from lawtracker.domain.catalog import MeasureDetail, MeasureRow
from lawtracker.storage.db import as_utc, chunked
from lawtracker.storage.tables import LAST_YEARLESS_DAY, Event, Measure, Quantity, UserEdit


def record_edit(
    session: Session,
    measure_key: str,
    field: str,
    value: str | None,
    *,
    author: str,
    saved_at: dt.datetime,
) -> EditView:
    """Add one correction (``value`` ``None`` reverts), remembering the extracted value."""
    original = extracted_value(session, measure_key, field)
    session.add(
        UserEdit(
            measure_key=measure_key,
            field=field,
            value=value,
            original=original,
            author=author,
            saved_at=saved_at,
        )
    )
    return EditView(measure_key, field, value, original, author, saved_at)


def edit_history(session: Session, measure_key: str) -> list[EditView]:
    """Every correction ever saved on a measure, oldest first (reverts included)."""
    rows = session.execute(
        select(UserEdit).where(UserEdit.measure_key == measure_key).order_by(UserEdit.id)
    ).scalars()
    return [
        EditView(r.measure_key, r.field, r.value, r.original, r.author, as_utc(r.saved_at))
        for r in rows
    ]


def edits_in_force(history: Iterable[EditView]) -> list[EditView]:
    """The newest correction per field, reverted fields left out, sorted by field."""
    current: dict[str, EditView] = {}
    for edit in history:
        current[edit.field] = edit
    return sorted(
        (edit for edit in current.values() if edit.value is not None),
        key=lambda edit: edit.field,
    )


def load_user_edits(session: Session, measure_keys: Iterable[str]) -> dict[str, dict[str, str]]:
    """``{measure key: {field: value}}`` for the edits in force (newest per field, not reverted)."""
    keys = sorted(set(measure_keys))
    latest: dict[tuple[str, str], str | None] = {}
    # The table, not the ORM class: list rows are read before the window's first paint,
    # and the first ORM statement of a process configures every mapper (about 80 ms).
    edit = UserEdit.__table__.c
    for chunk in chunked(keys):
        rows = session.execute(
            select(edit.measure_key, edit.field, edit.value)
            .where(edit.measure_key.in_(chunk))
            .order_by(edit.id)
        ).all()
        for key, field, value in rows:
            latest[(key, field)] = value
    edits: dict[str, dict[str, str]] = {}
    for (key, field), value in latest.items():
        if value is not None:
            edits.setdefault(key, {})[field] = value
    return edits


def apply_user_edits(detail: MeasureDetail, *, session: Session) -> MeasureDetail:
    """``detail`` with the user's corrections in place, named in ``detail.edited``."""
    edits = load_user_edits(session, [detail.key]).get(detail.key, {})
    return apply_edits(detail, edits)


def apply_user_edits_to_rows(rows: Sequence[MeasureRow], *, session: Session) -> list[MeasureRow]:
    """List rows with corrected title, number and dates, edited fields named per row."""
    edits = load_user_edits(session, [row.key for row in rows])
    return [apply_row_edits(row, edits[row.key]) if row.key in edits else row for row in rows]


def extracted_value(session: Session, measure_key: str, field: str) -> str | None:
    """What extraction says for ``field`` now: the ``original`` of an edit."""
    measure = session.execute(
        select(Measure.id, Measure.title, Measure.number, Measure.authority).where(
            Measure.key == measure_key
        )
    ).first()
    if measure is None:
        raise InvalidEditError(f"No measure with key {measure_key!r} in this store.")
    measure_id, title, number, authority = measure
    if field in PLAIN_FIELDS:
        return {TITLE: title, NUMBER: number, AUTHORITY: authority}[field]
    if field.startswith(EVENT_PREFIX):
        date = session.execute(
            select(func.min(Event.date)).where(
                Event.measure_id == measure_id,
                Event.kind == field.removeprefix(EVENT_PREFIX),
                Event.date > LAST_YEARLESS_DAY,
            )
        ).scalar()
        return date.isoformat() if date else None
    if field.startswith(QUANTITY_PREFIX):
        rows = session.execute(
            select(
                Quantity.kind,
                Quantity.unit,
                Quantity.text,
                Quantity.span_start,
                Quantity.id,
                Quantity.value,
            ).where(Quantity.measure_id == measure_id)
        ).all()
        names = quantity_field_names([tuple(row[:5]) for row in rows])  # type: ignore[misc]
        for name, row in zip(names, rows, strict=True):
            if name == field:
                return repr(row.value)
        raise InvalidEditError("That quantity is not in this measure (any more).")
    raise InvalidEditError(f"The field {field!r} cannot be edited.")
