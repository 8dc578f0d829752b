"""Move annotations between stores as JSON (schema ``lawtracker.annotations/1``).

Each annotation travels with its UUID, measure key, version counter, author,
UTC timestamps and whole history, so that importing can tell what it has
already seen:

* unknown UUID: added, with its history;
* same content (or an older version of what is here): nothing changes, so
  importing a file twice duplicates nothing;
* a newer version of what is here (our current version is in its history):
  the missing versions are added and it becomes current;
* diverged (both sides saved since they last agreed): BOTH are kept. The
  imported one becomes a NEW annotation on the same measure, marked
  ``conflict_of`` = the UUID it diverged from, with a UUID derived from the
  imported version, so importing the same file again finds it and adds
  nothing. Nothing here is overwritten. When such a copy travels back to the
  store whose annotation it copies, and that annotation still reads the
  same, it is not added a second time.

The import is one transaction: a file that fails half-way changes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import uuid as uuid_module
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from lawtracker.domain.annotations import (
    AnchorState,
    AnnotationVersion,
    AnnotationView,
    ReviewStatus,
    VersionAction,
    normalise_tags,
)
from lawtracker.errors import UserFacingError
from lawtracker.private_files import write_private_text
from lawtracker.services.annotation_rows import (
    Fields,
    anchor_for_import,
    annotation_views,
    fields_of_view,
    insert_annotation,
    record_version,
    versions_of,
    view_by_id,
    write_tags,
)
from lawtracker.services.annotations import write_session
from lawtracker.storage.anchors import ResolvedAnchor
from lawtracker.storage.db import session_scope
from lawtracker.storage.tables import Annotation, utc_now

SCHEMA = "lawtracker.annotations/1"

# Names the copies made of diverged imports: the same input always gives the same UUID.
_CONFLICT_NAMESPACE = uuid_module.UUID("6f1c2a8e-3d1b-4f4e-9a57-1b0d0c7e5a11")


class AnnotationFileError(UserFacingError):
    """The file cannot be written, read, or is not an annotations export."""


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # (UUID here, UUID of the imported copy kept beside it)
    kept_both: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.kept_both)} conflicting "
            "(both versions kept)"
        )


# -- export ----------------------------------------------------------------------------------


def export_annotations(engine: Engine) -> dict[str, Any]:
    """Every annotation, deleted ones too (so a deletion travels), with its history."""
    with session_scope(engine) as session:
        views = annotation_views(session, include_deleted=True)
        histories = {view.id: versions_of(session, view.id) for view in views}
    views.sort(key=lambda v: (v.measure_key, v.created_at, v.uuid))
    return {
        "schema": SCHEMA,
        "exported_at": _iso(utc_now()),
        "annotations": [_annotation_document(v, histories[v.id]) for v in views],
    }


def export_annotations_json(engine: Engine) -> str:
    return json.dumps(export_annotations(engine), ensure_ascii=False, indent=2) + "\n"


def write_annotations_file(engine: Engine, path: Path) -> int:
    """Write the export to ``path`` (whole or not at all); the number of annotations."""
    document = export_annotations(engine)
    try:
        write_private_text(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    except OSError as exc:
        raise AnnotationFileError(f"Cannot write {path}: {exc.strerror or exc}") from exc
    return len(document["annotations"])


def _annotation_document(view: AnnotationView, history: list[AnnotationVersion]) -> dict:
    anchor = None
    if view.anchor is not None:
        anchor = {
            "source": view.anchor.source_lineage,
            "quote": view.anchor.quote,
            "start": view.anchor.start,
            "end": view.anchor.end,
            "state": view.anchor.state.value,
        }
    return {
        "uuid": view.uuid,
        "measure_key": view.measure_key,
        "version": view.version,
        "author": view.author,
        "created_at": _iso(view.created_at),
        "updated_at": _iso(view.updated_at),
        "note": view.note,
        "tags": list(view.tags),
        "status": view.status.value,
        "matter": view.matter,
        "follow_up": view.follow_up.isoformat() if view.follow_up else None,
        "deleted": view.deleted,
        "conflict_of": view.conflict_of,
        "anchor": anchor,
        "history": [_version_document(v) for v in history],
    }


def _version_document(version: AnnotationVersion) -> dict:
    anchor = None
    if version.anchor_lineage is not None and version.anchor_quote is not None:
        anchor = {
            "source": version.anchor_lineage,
            "quote": version.anchor_quote,
            "start": version.anchor_start,
            "end": version.anchor_end,
            "state": version.anchor_state.value,
        }
    return {
        "version": version.version,
        "action": version.action.value,
        "author": version.author,
        "saved_at": _iso(version.saved_at),
        "measure_key": version.measure_key,
        "note": version.note,
        "tags": list(version.tags),
        "status": version.status.value,
        "matter": version.matter,
        "follow_up": version.follow_up.isoformat() if version.follow_up else None,
        "deleted": version.deleted,
        "anchor": anchor,
    }


# -- import ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Version:
    version: int
    action: VersionAction
    author: str
    saved_at: dt.datetime
    fields: Fields


@dataclass(frozen=True)
class _Incoming:
    uuid: str
    version: int
    author: str
    created_at: dt.datetime
    updated_at: dt.datetime
    conflict_of: str | None
    fields: Fields
    history: tuple[_Version, ...]


def import_annotations_file(engine: Engine, path: Path) -> ImportReport:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AnnotationFileError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise AnnotationFileError(f"{path} is not a UTF-8 text file.") from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnnotationFileError(f"{path} is not JSON ({exc.msg}, line {exc.lineno}).") from exc
    return import_annotations(engine, document, origin=str(path))


def import_annotations(engine: Engine, document: Any, *, origin: str = "the file") -> ImportReport:
    """Merge an export into the store, in one transaction (see the module docstring)."""
    incoming = _parse(document, origin)
    report = ImportReport()
    with write_session(engine) as session:
        for record in incoming:
            _merge(session, record, report)
    return report


def _merge(session: Session, record: _Incoming, report: ImportReport) -> None:
    local_id = session.execute(select(Annotation.id).where(Annotation.uuid == record.uuid)).scalar()
    if local_id is None:
        if _copy_of_what_is_here(session, record):
            report.unchanged.append(record.uuid)
            return
        _insert(session, record, uuid=record.uuid, conflict_of=record.conflict_of)
        report.added.append(record.uuid)
        return
    local = view_by_id(session, local_id)
    mine = fields_of_view(local).fingerprint()
    theirs = record.fields.fingerprint()
    if mine == theirs:
        report.unchanged.append(record.uuid)
        return
    ours_by_version = {
        v.version: fields_of_view(v).fingerprint() for v in versions_of(session, local_id)
    }
    theirs_by_version = {v.version: v.fields.fingerprint() for v in record.history}
    if record.version > local.version and theirs_by_version.get(local.version) == mine:
        _fast_forward(session, local, record)
        report.updated.append(record.uuid)
        return
    if record.version <= local.version and ours_by_version.get(record.version) == theirs:
        report.unchanged.append(record.uuid)  # an older state of what is here
        return
    copy_uuid = str(uuid_module.uuid5(_CONFLICT_NAMESPACE, f"{record.uuid}/{_digest(theirs)}"))
    exists = session.execute(select(Annotation.id).where(Annotation.uuid == copy_uuid)).scalar()
    if exists is None:
        _insert(session, record, uuid=copy_uuid, conflict_of=record.uuid)
        report.kept_both.append((record.uuid, copy_uuid))
    else:
        report.unchanged.append(copy_uuid)


def _copy_of_what_is_here(session: Session, record: _Incoming) -> bool:
    """A kept-both copy, made elsewhere, of the annotation we have in this very state.

    Without this, our own text would come back to us as a duplicate when the
    colleague who kept both versions sends their export back.
    """
    if record.conflict_of is None:
        return False
    original = session.execute(
        select(Annotation.id).where(Annotation.uuid == record.conflict_of)
    ).scalar()
    if original is None:
        return False
    return fields_of_view(view_by_id(session, original)).fingerprint() == (
        record.fields.fingerprint()
    )


def _insert(session: Session, record: _Incoming, *, uuid: str, conflict_of: str | None) -> None:
    fields = _placed(session, record.fields)
    row_id = insert_annotation(
        session,
        uuid=uuid,
        fields=fields,
        version=record.version,
        author=record.author,
        created_at=record.created_at,
        updated_at=record.updated_at,
        conflict_of=conflict_of,
    )
    _record_history(session, row_id, record, fields, after=0)


def _fast_forward(session: Session, local: AnnotationView, record: _Incoming) -> None:
    fields = _placed(session, record.fields)
    session.execute(
        update(Annotation)
        .where(Annotation.id == local.id)
        .values(
            version=record.version,
            author=record.author,
            updated_at=record.updated_at,
            **fields.columns(),
        )
        .execution_options(synchronize_session=False)
    )
    write_tags(session, local.id, fields.tags)
    _record_history(session, local.id, record, fields, after=local.version)


def _record_history(
    session: Session, annotation_id: int, record: _Incoming, current: Fields, *, after: int
) -> None:
    """The imported versions newer than ``after``; the current one at least, always."""
    versions = [v for v in record.history if after < v.version <= record.version]
    for v in versions:
        record_version(session, annotation_id, v.version, v.action, v.author, v.saved_at, v.fields)
    if record.version not in {v.version for v in versions}:
        record_version(
            session,
            annotation_id,
            record.version,
            VersionAction.IMPORT,
            record.author,
            record.updated_at,
            current,
        )


def _placed(session: Session, fields: Fields) -> Fields:
    """The anchor located in this store's copy of the source (detached if it has none)."""
    if fields.anchor is None:
        return fields
    anchor = anchor_for_import(
        session, lineage=fields.anchor.lineage, quote=fields.anchor.quote, hint=fields.anchor.start
    )
    return dataclasses.replace(fields, anchor=anchor)


def _digest(fingerprint: tuple[object, ...]) -> str:
    return hashlib.sha256(repr(fingerprint).encode("utf-8")).hexdigest()[:16]


# -- parsing ---------------------------------------------------------------------------------


def _parse(document: Any, origin: str) -> list[_Incoming]:
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        found = document.get("schema") if isinstance(document, dict) else None
        raise AnnotationFileError(
            f"{origin} is not a lawtracker annotations export "
            f"(expected schema {SCHEMA!r}, found {found!r})."
        )
    items = document.get("annotations")
    if not isinstance(items, list):
        raise AnnotationFileError(f"{origin} has no list of annotations.")
    records = []
    for index, item in enumerate(items):
        try:
            records.append(_record(item))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise AnnotationFileError(
                f"{origin}: annotation #{index + 1} is malformed ({type(exc).__name__}: {exc})."
            ) from exc
    return records


def _record(item: dict[str, Any]) -> _Incoming:
    uuid = str(uuid_module.UUID(item["uuid"]))
    version = int(item["version"])
    if version < 1:
        raise ValueError("version must be at least 1")
    fields = _fields(item, item["measure_key"])
    history = tuple(
        _Version(
            version=int(h["version"]),
            action=VersionAction(h["action"]),
            author=str(h["author"]),
            saved_at=_datetime(h["saved_at"]),
            fields=_fields(h, h.get("measure_key", item["measure_key"])),
        )
        for h in item.get("history") or []
    )
    numbers = [h.version for h in history]
    if len(set(numbers)) != len(numbers) or any(n < 1 or n > version for n in numbers):
        raise ValueError("history versions must be distinct and between 1 and version")
    return _Incoming(
        uuid=uuid,
        version=version,
        author=str(item["author"]),
        created_at=_datetime(item["created_at"]),
        updated_at=_datetime(item["updated_at"]),
        conflict_of=item.get("conflict_of"),
        fields=fields,
        history=history,
    )


def _fields(item: dict[str, Any], measure_key: str) -> Fields:
    anchor = None
    raw = item.get("anchor")
    if raw:
        start = raw.get("start")
        end = raw.get("end")
        anchor = ResolvedAnchor(
            lineage=str(raw["source"]),
            start=int(start) if start is not None else None,
            end=int(end) if end is not None else None,
            quote=str(raw["quote"]),
            state=AnchorState(raw.get("state", AnchorState.DETACHED.value)),
        )
    follow_up = item.get("follow_up")
    tags = item.get("tags") or []
    if not isinstance(tags, list):
        raise TypeError("tags must be a list")
    return Fields(
        measure_key=str(measure_key),
        note=str(item.get("note") or ""),
        tags=normalise_tags(str(t) for t in tags),
        status=ReviewStatus(item.get("status", ReviewStatus.UNREVIEWED.value)),
        matter=item.get("matter") or None,
        follow_up=dt.date.fromisoformat(follow_up) if follow_up else None,
        deleted=bool(item.get("deleted", False)),
        anchor=anchor,
    )


def _datetime(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat()
