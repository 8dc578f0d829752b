"""Keep span annotations on their text when a source gets a new version.

This lives in storage, not services, because the writer calls it inside the
transaction that stores the new version (storage may not import services).
An annotation whose quote is gone is flagged detached, never deleted; one
whose quote comes back later is attached again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import bindparam, select, update
from sqlmodel import Session

from lawtracker.domain.annotations import AnchorState, anchor_context, locate_quote
from lawtracker.storage.tables import Annotation, Source

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReanchorResult:
    attached: int = 0
    detached: int = 0


@dataclass(frozen=True)
class ResolvedAnchor:
    lineage: str
    start: int | None
    end: int | None
    quote: str
    state: AnchorState


def current_source(session: Session, lineage: str) -> tuple[int, str] | None:
    """Id and text of the current (not superseded) version of ``lineage``."""
    row = session.execute(
        select(Source.id, Source.text)
        .where(Source.lineage == lineage, Source.superseded.is_(False))
        .order_by(Source.version.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row is not None else None


def current_source_ids(session: Session, lineages: set[str]) -> dict[str, int]:
    if not lineages:
        return {}
    rows = session.execute(
        select(Source.lineage, Source.id).where(
            Source.lineage.in_(sorted(lineages)), Source.superseded.is_(False)
        )
    ).all()
    return {lineage: source_id for lineage, source_id in rows}


def anchor_in_current_text(
    session: Session,
    *,
    lineage: str,
    quote: str,
    hint: int | None,
    context: tuple[str, str] = ("", ""),
) -> ResolvedAnchor:
    """Place ``quote`` in the current version of ``lineage`` (detached if absent)."""
    current = current_source(session, lineage)
    span = None
    if current is not None:
        span = locate_quote(current[1], quote, hint=hint, before=context[0], after=context[1])
    if span is None:
        return ResolvedAnchor(lineage, hint, None, quote, AnchorState.DETACHED)
    return ResolvedAnchor(lineage, span[0], span[1], quote, AnchorState.ATTACHED)


def resolve_selection(
    session: Session, *, source_id: int, start: int, end: int, quote: str
) -> ResolvedAnchor | None:
    """An anchor for a selection made in source version ``source_id``.

    The selection may come from a version superseded since the view loaded:
    then the quote is looked up in the current version, near where it was.
    ``None`` when the source does not exist or the quote is not in it.
    """
    row = session.execute(
        select(Source.lineage, Source.text, Source.superseded).where(Source.id == source_id)
    ).first()
    if row is None:
        return None
    lineage, text, superseded = row
    if not superseded and text[start:end] == quote:
        return ResolvedAnchor(lineage, start, end, quote, AnchorState.ATTACHED)
    if locate_quote(text, quote, hint=start) is None:
        return None
    return anchor_in_current_text(
        session,
        lineage=lineage,
        quote=quote,
        hint=start,
        context=anchor_context(text, start, end),
    )


_SPAN_ANNOTATIONS = select(
    Annotation.id, Annotation.anchor_start, Annotation.anchor_end, Annotation.anchor_quote
).where(
    Annotation.anchor_source_lineage == bindparam("lineage"), Annotation.anchor_quote.is_not(None)
)


def reanchor_annotations(session: Session, *, lineage: str, text: str) -> ReanchorResult:
    """Move every span annotation on ``lineage`` onto ``text``, its newest version.

    Deleted annotations move too, so that undoing a deletion finds them in
    place. The version counter does not change: no user saved anything.
    """
    # Core on the connection: this runs once per ingested file, mostly finding nothing.
    rows = session.connection().execute(_SPAN_ANNOTATIONS, {"lineage": lineage}).all()
    if not rows:
        return ReanchorResult()
    previous = session.execute(
        select(Source.text)
        .where(Source.lineage == lineage, Source.superseded.is_(True))
        .order_by(Source.version.desc())
        .limit(1)
    ).scalar()
    changes = []
    attached = detached = 0
    for annotation_id, start, end, quote in rows:
        context = ("", "")
        # The old offsets give the quote's surroundings only if they still point at it.
        if (
            previous is not None
            and start is not None
            and end is not None
            and " ".join(previous[start:end].split()) == " ".join(quote.split())
        ):
            context = anchor_context(previous, start, end)
        span = locate_quote(text, quote, hint=start, before=context[0], after=context[1])
        if span is None:
            detached += 1
            changes.append(
                {"row_id": annotation_id, "s": start, "e": None, "state": AnchorState.DETACHED}
            )
        else:
            attached += 1
            changes.append(
                {"row_id": annotation_id, "s": span[0], "e": span[1], "state": AnchorState.ATTACHED}
            )
    session.connection().execute(
        update(Annotation)
        .where(Annotation.id == bindparam("row_id"))
        .values(
            anchor_start=bindparam("s"),
            anchor_end=bindparam("e"),
            anchor_state=bindparam("state"),
        ),
        [{**c, "state": c["state"].value} for c in changes],
    )
    log.info("re-anchored %s: %d attached, %d detached", lineage, attached, detached)
    return ReanchorResult(attached, detached)
