"""How an annotation is stored: its row, its tags, its versions, and the views read back.

Shared by :mod:`.annotations` (saves made in the app) and :mod:`.annotation_io`
(imports from another store), so that both write exactly the same rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlmodel import Session

from lawtracker.domain.annotations import (
    AnchorInput,
    AnchorState,
    AnchorView,
    AnnotationError,
    AnnotationInput,
    AnnotationNotFoundError,
    AnnotationVersion,
    AnnotationView,
    ReviewStatus,
    VersionAction,
    normalise_tags,
)
from lawtracker.storage.anchors import (
    ResolvedAnchor,
    anchor_in_current_text,
    current_source_ids,
    resolve_selection,
)
from lawtracker.storage.db import as_utc, chunked
from lawtracker.storage.tables import (
    Annotation,
    AnnotationTag,
    AnnotationVersionRow,
)


@dataclass(frozen=True)
class Fields:
    """One version's content, as stored (normalised, anchor resolved)."""

    measure_key: str
    note: str
    tags: tuple[str, ...]
    status: ReviewStatus
    matter: str | None
    follow_up: dt.date | None
    deleted: bool
    anchor: ResolvedAnchor | None

    def columns(self) -> dict[str, object]:
        """Column values shared by ``annotation`` and ``annotation_version``."""
        anchor = self.anchor
        return {
            "measure_key": self.measure_key,
            "note": self.note,
            "status": self.status.value,
            "matter": self.matter,
            "follow_up": self.follow_up,
            "deleted": self.deleted,
            "anchor_source_lineage": anchor.lineage if anchor else None,
            "anchor_start": anchor.start if anchor else None,
            "anchor_end": anchor.end if anchor else None,
            "anchor_quote": anchor.quote if anchor else None,
            "anchor_state": (anchor.state if anchor else AnchorState.NONE).value,
        }

    def fingerprint(self) -> tuple[object, ...]:
        """What makes two versions "the same content": spans may differ between stores."""
        anchor = (self.anchor.lineage, self.anchor.quote) if self.anchor else None
        return (
            self.measure_key,
            self.note,
            self.tags,
            self.status.value,
            self.matter,
            self.follow_up,
            self.deleted,
            anchor,
        )


def insert_annotation(
    session: Session,
    *,
    uuid: str,
    fields: Fields,
    version: int,
    author: str,
    created_at: dt.datetime,
    updated_at: dt.datetime,
    conflict_of: str | None = None,
) -> int:
    row = Annotation(
        uuid=uuid,
        version=version,
        author=author,
        created_at=created_at,
        updated_at=updated_at,
        conflict_of=conflict_of,
        **fields.columns(),  # type: ignore[arg-type]
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    write_tags(session, row.id, fields.tags)
    return row.id


def write_tags(session: Session, annotation_id: int, tags: Sequence[str]) -> None:
    session.execute(delete(AnnotationTag).where(AnnotationTag.annotation_id == annotation_id))
    if tags:
        session.execute(
            insert(AnnotationTag),
            [{"annotation_id": annotation_id, "folded": t.casefold(), "tag": t} for t in tags],
        )


def record_version(
    session: Session,
    annotation_id: int,
    version: int,
    action: VersionAction,
    author: str,
    saved_at: dt.datetime,
    fields: Fields,
) -> None:
    session.execute(
        insert(AnnotationVersionRow).values(
            annotation_id=annotation_id,
            version=version,
            action=action.value,
            author=author,
            saved_at=saved_at,
            tags=json.dumps(list(fields.tags), ensure_ascii=False),
            **fields.columns(),
        )
    )


def fields_of_view(view: AnnotationView | AnnotationVersion) -> Fields:
    """The stored content of a view or history version, for comparisons."""
    if isinstance(view, AnnotationView):
        anchor = view.anchor
        resolved = (
            ResolvedAnchor(
                anchor.source_lineage, anchor.start, anchor.end, anchor.quote, anchor.state
            )
            if anchor is not None
            else None
        )
    else:
        resolved = (
            ResolvedAnchor(
                view.anchor_lineage,
                view.anchor_start,
                view.anchor_end,
                view.anchor_quote,
                view.anchor_state,
            )
            if view.anchor_lineage is not None and view.anchor_quote is not None
            else None
        )
    return Fields(
        measure_key=view.measure_key,
        note=view.note,
        tags=view.tags,
        status=view.status,
        matter=view.matter,
        follow_up=view.follow_up,
        deleted=view.deleted,
        anchor=resolved,
    )


def anchor_for_import(
    session: Session, *, lineage: str, quote: str, hint: int | None
) -> ResolvedAnchor:
    """An anchor from another store: placed by its quote in this store's text, if any."""
    return anchor_in_current_text(session, lineage=lineage, quote=quote, hint=hint)


def annotation_views(session: Session, *, include_deleted: bool = True) -> list[AnnotationView]:
    statement = select(Annotation).order_by(Annotation.measure_key, Annotation.id)
    if not include_deleted:
        statement = statement.where(Annotation.deleted.is_(False))
    return views_of_rows(session, list(session.execute(statement).scalars()))


def versions_of(session: Session, annotation_id: int) -> list[AnnotationVersion]:
    rows = session.execute(
        select(AnnotationVersionRow)
        .where(AnnotationVersionRow.annotation_id == annotation_id)
        .order_by(AnnotationVersionRow.version)
    ).scalars()
    return [version_view(row) for row in rows]


def _clean_matter(matter: str | None) -> str | None:
    clean = " ".join((matter or "").split())
    return clean or None


def fields_of_input(session: Session, measure_key: str, data: AnnotationInput) -> Fields:
    """What the user typed, cleaned, with its anchor placed in the current text."""
    return Fields(
        measure_key=measure_key,
        note=data.note,
        tags=normalise_tags(data.tags),
        status=ReviewStatus(data.status),
        matter=_clean_matter(data.matter),
        follow_up=data.follow_up,
        deleted=False,
        anchor=_resolve_anchor(session, data.anchor),
    )


def same_fields(session: Session, current: Annotation, *, deleted: bool) -> Fields:
    """The annotation as it stands, only (un)deleted."""
    return dataclasses.replace(
        fields_of_view(view_by_id(session, current.id or 0)), deleted=deleted
    )


def restored_fields(session: Session, version: AnnotationVersion) -> Fields:
    """An old version's fields, its anchor placed again in the current text."""
    anchor = None
    if version.anchor_lineage is not None and version.anchor_quote is not None:
        anchor = anchor_in_current_text(
            session,
            lineage=version.anchor_lineage,
            quote=version.anchor_quote,
            hint=version.anchor_start,
        )
    return Fields(
        measure_key=version.measure_key,
        note=version.note,
        tags=version.tags,
        status=version.status,
        matter=version.matter,
        follow_up=version.follow_up,
        deleted=False,
        anchor=anchor,
    )


def version_anchor(version: AnnotationVersion) -> AnchorInput | None:
    """The anchor an old version had, as input for placing it again."""
    if version.anchor_lineage is None or version.anchor_quote is None:
        return None
    return AnchorInput(
        None, version.anchor_start, version.anchor_end, version.anchor_quote, version.anchor_lineage
    )


def _resolve_anchor(session: Session, anchor: AnchorInput | None) -> ResolvedAnchor | None:
    if anchor is None:
        return None
    if not anchor.quote.strip():
        raise AnnotationError("Select some text to anchor the annotation to.")
    if anchor.source_id is not None and anchor.start is not None and anchor.end is not None:
        resolved = resolve_selection(
            session,
            source_id=anchor.source_id,
            start=anchor.start,
            end=anchor.end,
            quote=anchor.quote,
        )
        if resolved is not None:
            return resolved
    if anchor.lineage is None:
        raise AnnotationError("The selected text is not in that source any more; select it again.")
    return anchor_in_current_text(
        session, lineage=anchor.lineage, quote=anchor.quote, hint=anchor.start
    )


def view_by_id(session: Session, annotation_id: int) -> AnnotationView:
    row = session.get(Annotation, annotation_id)
    if row is None:
        raise AnnotationNotFoundError(f"There is no annotation {annotation_id}.")
    return views_of_rows(session, [row])[0]


def views_of_rows(session: Session, rows: list[Annotation]) -> list[AnnotationView]:
    """Views of ``rows`` with their tags and the current source of their anchors, batched."""
    ids = [row.id for row in rows if row.id is not None]
    tags: dict[int, list[str]] = {}
    for chunk in chunked(ids):
        for annotation_id, tag in session.execute(
            select(AnnotationTag.annotation_id, AnnotationTag.tag).where(
                AnnotationTag.annotation_id.in_(chunk)
            )
        ).all():
            tags.setdefault(annotation_id, []).append(tag)
    sources = current_source_ids(
        session, {row.anchor_source_lineage for row in rows if row.anchor_source_lineage}
    )
    return [_to_view(row, tags.get(row.id or 0, []), sources) for row in rows]


def _to_view(row: Annotation, tags: list[str], sources: dict[str, int]) -> AnnotationView:
    anchor = None
    if row.anchor_source_lineage is not None and row.anchor_quote is not None:
        state = AnchorState(row.anchor_state)
        attached = state == AnchorState.ATTACHED
        anchor = AnchorView(
            source_lineage=row.anchor_source_lineage,
            source_id=sources.get(row.anchor_source_lineage),
            start=row.anchor_start if attached else None,
            end=row.anchor_end if attached else None,
            quote=row.anchor_quote,
            state=state,
        )
    assert row.id is not None
    return AnnotationView(
        id=row.id,
        uuid=row.uuid,
        measure_key=row.measure_key,
        version=row.version,
        author=row.author,
        created_at=as_utc(row.created_at),
        updated_at=as_utc(row.updated_at),
        note=row.note,
        tags=normalise_tags(tags),
        status=ReviewStatus(row.status),
        matter=row.matter,
        follow_up=row.follow_up,
        deleted=row.deleted,
        anchor=anchor,
        conflict_of=row.conflict_of,
    )


def version_view(row: AnnotationVersionRow) -> AnnotationVersion:
    """One stored version as the domain sees it."""
    return AnnotationVersion(
        annotation_id=row.annotation_id,
        version=row.version,
        action=VersionAction(row.action),
        author=row.author,
        saved_at=as_utc(row.saved_at),
        measure_key=row.measure_key,
        note=row.note,
        tags=tuple(json.loads(row.tags)),
        status=ReviewStatus(row.status),
        matter=row.matter,
        follow_up=row.follow_up,
        deleted=row.deleted,
        anchor_lineage=row.anchor_source_lineage,
        anchor_quote=row.anchor_quote,
        anchor_start=row.anchor_start,
        anchor_end=row.anchor_end,
        anchor_state=AnchorState(row.anchor_state),
    )
