"""Annotations and user edits: the consultants' work product, saved so that nothing is lost.

Every save is one transaction, synced to disk before it returns (a confirmed
save survives ``kill -9`` and power loss), and adds a whole new version row:
history, undo and restore read those rows. Deletion is a flag. A version
counter detects two app instances saving the same annotation; the second
gets :class:`AnnotationConflict` with both sides and chooses
:meth:`Annotations.keep_both` or :meth:`Annotations.overwrite`.

Undo within a session maps onto these calls: undo a create with
:meth:`Annotations.delete`, redo it with :meth:`Annotations.undelete`; undo an
edit with :meth:`Annotations.restore_version` (the version before), redo it
the same way (the version after); undo a delete with ``undelete``. Each passes
the version it last saw as ``expected_version``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import json
import logging
import uuid as uuid_module
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from lawtracker.domain.annotations import (
    AUTHORITY,
    EVENT_PREFIX,
    NUMBER,
    PLAIN_FIELDS,
    QUANTITY_PREFIX,
    TITLE,
    AnchorInput,
    AnchorState,
    AnchorView,
    AnnotationConflict,
    AnnotationError,
    AnnotationInput,
    AnnotationNotFoundError,
    AnnotationSummary,
    AnnotationVersion,
    AnnotationView,
    EditView,
    FollowUp,
    InvalidEditError,
    ReviewStatus,
    VersionAction,
    apply_edits,
    apply_row_edits,
    normalise_tag,
    normalise_tags,
    quantity_field_names,
    validate_edit,
)
from lawtracker.domain.catalog import MeasureDetail, MeasureRow
from lawtracker.storage.anchors import (
    ReanchorResult,
    ResolvedAnchor,
    anchor_in_current_text,
    current_source_ids,
    reanchor_annotations,
    resolve_selection,
)
from lawtracker.storage.db import session_scope
from lawtracker.storage.tables import (
    Annotation,
    AnnotationTag,
    AnnotationVersionRow,
    Event,
    Measure,
    Quantity,
    UserEdit,
    utc_now,
)

__all__ = [
    "AnchorInput",
    "AnnotationConflict",
    "AnnotationError",
    "AnnotationInput",
    "AnnotationNotFoundError",
    "AnnotationSummary",
    "AnnotationVersion",
    "AnnotationView",
    "Annotations",
    "EditView",
    "FollowUp",
    "InvalidEditError",
    "ReanchorResult",
    "ReviewStatus",
    "apply_user_edits",
    "apply_user_edits_to_rows",
    "default_author",
    "load_user_edits",
    "reanchor",
]

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]

_MAX_SQL_PARAMS = 900


def default_author() -> str:
    """The OS user name; ``getpass`` raises when the environment names nobody."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError, ImportError):
        name = ""
    return name.strip() or "unknown"


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


class Annotations:
    """Annotation and user-edit use cases on one store, saved under ``author``.

    Args:
        engine: the store.
        author: who saves; the OS user name by default, changeable via ``author``.
        clock: the UTC time of saves (tests pass a fixed one).
    """

    def __init__(
        self, engine: Engine, *, author: str | None = None, clock: Clock = utc_now
    ) -> None:
        self._engine = engine
        self._clock = clock
        self.author = author if author is not None else default_author()

    @property
    def author(self) -> str:
        return self._author

    @author.setter
    def author(self, name: str) -> None:
        clean = " ".join(name.split())
        if not clean:
            raise AnnotationError("The author name cannot be empty.")
        self._author = clean

    # -- saving ---------------------------------------------------------------------------
    def create(
        self, measure_key: str, data: AnnotationInput, *, conflict_of: str | None = None
    ) -> AnnotationView:
        """A new annotation on the measure ``measure_key`` (version 1).

        ``conflict_of`` names the annotation this one was split from by
        :meth:`keep_both`; such a copy is saved even if its measure is not in
        this store (an imported annotation may hang on a measure not ingested here).
        """
        with self._write() as session:
            known = session.execute(select(Measure.id).where(Measure.key == measure_key)).first()
            if known is None and conflict_of is None:
                raise AnnotationError(f"No measure with key {measure_key!r} in this store.")
            fields = _fields(session, measure_key, data)
            now = self._now()
            row_id = insert_annotation(
                session,
                uuid=str(uuid_module.uuid4()),
                fields=fields,
                version=1,
                author=self.author,
                created_at=now,
                updated_at=now,
                conflict_of=conflict_of,
            )
            record_version(session, row_id, 1, VersionAction.CREATE, self.author, now, fields)
            return _view(session, row_id)

    def update(
        self, annotation_id: int, data: AnnotationInput, *, expected_version: int
    ) -> AnnotationView:
        """Save ``data`` as the next version; :class:`AnnotationConflict` if it moved on.

        Saving over a deleted annotation (the "overwrite" answer to a conflict
        with a deletion) brings it back with ``data``.
        """
        return self._save(
            annotation_id,
            lambda session, current: _fields(session, current.measure_key, data),
            expected_version=expected_version,
            action=VersionAction.EDIT,
            mine=data,
        )

    def delete(self, annotation_id: int, *, expected_version: int) -> AnnotationView:
        """Flag as deleted (a new version); the returned view is what undo needs."""
        return self._save(
            annotation_id,
            lambda session, current: _same_fields(session, current, deleted=True),
            expected_version=expected_version,
            action=VersionAction.DELETE,
            mine=None,
        )

    def undelete(
        self, annotation_id: int, *, expected_version: int | None = None
    ) -> AnnotationView:
        """Bring a deleted annotation back as it was (a new version)."""
        return self._save(
            annotation_id,
            lambda session, current: _same_fields(session, current, deleted=False),
            expected_version=expected_version,
            action=VersionAction.RESTORE,
            mine=None,
        )

    def restore_version(
        self, annotation_id: int, version: int, *, expected_version: int | None = None
    ) -> AnnotationView:
        """Save the content of an older ``version`` as the next version (history stays)."""
        with session_scope(self._engine) as session:
            old = session.execute(
                select(AnnotationVersionRow).where(
                    AnnotationVersionRow.annotation_id == annotation_id,
                    AnnotationVersionRow.version == version,
                )
            ).scalar()
            if old is None:
                raise AnnotationNotFoundError(
                    f"Annotation {annotation_id} has no version {version}."
                )
            restored = _version_view(old)
        mine = AnnotationInput(
            note=restored.note,
            tags=restored.tags,
            status=restored.status,
            matter=restored.matter,
            follow_up=restored.follow_up,
            anchor=_version_anchor(restored),
        )
        return self._save(
            annotation_id,
            lambda session, current: _restored_fields(session, restored),
            expected_version=expected_version,
            action=VersionAction.RESTORE,
            mine=mine,
        )

    def keep_both(self, conflict: AnnotationConflict) -> AnnotationView:
        """Resolve a conflict by saving ``mine`` as a new annotation beside ``theirs``.

        For a conflicting deletion there is nothing of mine to keep: ``theirs``
        is returned unchanged.
        """
        if conflict.mine is None:
            return self.get(conflict.theirs.id)
        return self.create(
            conflict.theirs.measure_key, conflict.mine, conflict_of=conflict.theirs.uuid
        )

    def overwrite(self, conflict: AnnotationConflict) -> AnnotationView:
        """Resolve a conflict by saving ``mine`` over ``theirs`` (kept in the history).

        Raises :class:`AnnotationConflict` again if it moved on once more.
        """
        theirs = conflict.theirs
        if conflict.action == VersionAction.DELETE:
            return self.delete(theirs.id, expected_version=theirs.version)
        if conflict.mine is None:
            return self.undelete(theirs.id, expected_version=theirs.version)
        return self._save(
            theirs.id,
            lambda session, current: _fields(session, current.measure_key, conflict.mine),
            expected_version=theirs.version,
            action=conflict.action,
            mine=conflict.mine,
        )

    def _save(
        self,
        annotation_id: int,
        make_fields: Callable[[Session, Annotation], Fields],
        *,
        expected_version: int | None,
        action: VersionAction,
        mine: AnnotationInput | None,
    ) -> AnnotationView:
        """One transaction: the version-checked UPDATE, the version row, the tags."""
        with self._write() as session:
            current = session.get(Annotation, annotation_id)
            if current is None:
                raise AnnotationNotFoundError(f"There is no annotation {annotation_id}.")
            fields = make_fields(session, current)
            now = self._now()
            conditions = [Annotation.id == annotation_id]
            if expected_version is not None:
                conditions.append(Annotation.version == expected_version)
            # Checked in the UPDATE itself too, for stores where BEGIN IMMEDIATE does not exist.
            saved = session.execute(
                update(Annotation)
                .where(*conditions)
                .values(
                    version=Annotation.version + 1,
                    author=self.author,
                    updated_at=now,
                    **fields.columns(),
                )
                .returning(Annotation.version)
                .execution_options(synchronize_session=False)
            ).scalar()
            if saved is None:
                session.expire_all()
                theirs = _view(session, annotation_id)
                raise AnnotationConflict(
                    mine=mine,
                    theirs=theirs,
                    expected_version=expected_version or 0,
                    action=action,
                )
            write_tags(session, annotation_id, fields.tags)
            record_version(session, annotation_id, saved, action, self.author, now, fields)
            session.expire_all()
            return _view(session, annotation_id)

    def _write(self) -> AbstractContextManager[Session]:
        return write_session(self._engine)

    def _now(self) -> dt.datetime:
        now = self._clock()
        return now.astimezone(dt.UTC) if now.tzinfo else now.replace(tzinfo=dt.UTC)

    # -- reading --------------------------------------------------------------------------
    def get(self, annotation_id: int) -> AnnotationView:
        with session_scope(self._engine) as session:
            return _view(session, annotation_id)

    def list_for(self, measure_key: str, *, include_deleted: bool = False) -> list[AnnotationView]:
        """A measure's annotations, oldest first."""
        with session_scope(self._engine) as session:
            statement = select(Annotation).where(Annotation.measure_key == measure_key)
            if not include_deleted:
                statement = statement.where(Annotation.deleted.is_(False))
            rows = session.execute(statement.order_by(Annotation.created_at, Annotation.id))
            return _views(session, list(rows.scalars()))

    def all_annotations(self, *, include_deleted: bool = True) -> list[AnnotationView]:
        with session_scope(self._engine) as session:
            return annotation_views(session, include_deleted=include_deleted)

    def history(self, annotation_id: int) -> list[AnnotationVersion]:
        """Every saved version, oldest first."""
        with session_scope(self._engine) as session:
            rows = session.execute(
                select(AnnotationVersionRow)
                .where(AnnotationVersionRow.annotation_id == annotation_id)
                .order_by(AnnotationVersionRow.version)
            ).scalars()
            versions = [_version_view(row) for row in rows]
        if not versions:
            raise AnnotationNotFoundError(f"There is no annotation {annotation_id}.")
        return versions

    # -- tags and filters -------------------------------------------------------------------
    def all_tags(self, prefix: str = "") -> list[str]:
        """Tags in use (on live annotations), for autocompletion; one spelling per tag."""
        wanted = normalise_tag(prefix).casefold()
        return sorted(
            (tag for tag in self.tag_counts() if tag.casefold().startswith(wanted)),
            key=lambda tag: (tag.casefold(), tag),
        )

    def tag_counts(self) -> dict[str, int]:
        """Measures per tag; a tag spelt several ways shows its most used spelling."""
        with session_scope(self._engine) as session:
            rows = session.execute(
                select(
                    AnnotationTag.folded,
                    AnnotationTag.tag,
                    func.count(func.distinct(Annotation.measure_key)),
                    func.count(),
                )
                .join(Annotation, Annotation.id == AnnotationTag.annotation_id)
                .where(Annotation.deleted.is_(False))
                .group_by(AnnotationTag.folded, AnnotationTag.tag)
            ).all()
            measures = dict(
                session.execute(
                    select(AnnotationTag.folded, func.count(func.distinct(Annotation.measure_key)))
                    .join(Annotation, Annotation.id == AnnotationTag.annotation_id)
                    .where(Annotation.deleted.is_(False))
                    .group_by(AnnotationTag.folded)
                ).all()
            )
        spelling: dict[str, tuple[int, str]] = {}
        for folded, tag, _measures, uses in rows:
            best = spelling.get(folded)
            if best is None or (uses, tag) > best:
                spelling[folded] = (uses, tag)
        return {tag: measures[folded] for folded, (_uses, tag) in spelling.items()}

    def status_counts(self) -> dict[ReviewStatus, int]:
        """Measures per review status (a measure counts once for each status it has)."""
        with session_scope(self._engine) as session:
            rows = session.execute(
                select(Annotation.status, func.count(func.distinct(Annotation.measure_key)))
                .where(Annotation.deleted.is_(False))
                .group_by(Annotation.status)
            ).all()
        return {ReviewStatus(status): count for status, count in rows}

    def measure_keys_with_annotations(self) -> set[str]:
        return self._keys()

    def keys_with_status(self, status: ReviewStatus) -> set[str]:
        return self._keys(Annotation.status == ReviewStatus(status).value)

    def keys_with_tag(self, tag: str) -> set[str]:
        folded = normalise_tag(tag).casefold()
        return self._keys(
            Annotation.id.in_(
                select(AnnotationTag.annotation_id).where(AnnotationTag.folded == folded)
            )
        )

    def _keys(self, *conditions) -> set[str]:
        with session_scope(self._engine) as session:
            return set(
                session.execute(
                    select(Annotation.measure_key)
                    .distinct()
                    .where(Annotation.deleted.is_(False), *conditions)
                ).scalars()
            )

    def follow_ups_between(self, start: dt.date, end: dt.date) -> list[FollowUp]:
        """Follow-up dates in ``[start, end]`` on live annotations, for timeline and filters."""
        with session_scope(self._engine) as session:
            rows = session.execute(
                select(
                    Annotation.id,
                    Annotation.measure_key,
                    Measure.id,
                    Measure.title,
                    Annotation.follow_up,
                    Annotation.status,
                    Annotation.note,
                )
                .outerjoin(Measure, Measure.key == Annotation.measure_key)
                .where(
                    Annotation.deleted.is_(False),
                    Annotation.follow_up >= start,
                    Annotation.follow_up <= end,
                )
                .order_by(Annotation.follow_up, Annotation.id)
            ).all()
        return [
            FollowUp(aid, key, mid, title, date, ReviewStatus(status), note)
            for aid, key, mid, title, date, status, note in rows
        ]

    def summaries(self, measure_keys: Iterable[str]) -> dict[str, AnnotationSummary]:
        """Per measure (with live annotations): count, statuses, tags, earliest follow-up."""
        keys = sorted(set(measure_keys))
        collected: dict[str, list[AnnotationView]] = {}
        with session_scope(self._engine) as session:
            for chunk in _chunks(keys):
                rows = session.execute(
                    select(Annotation).where(
                        Annotation.measure_key.in_(chunk), Annotation.deleted.is_(False)
                    )
                ).scalars()
                for view in _views(session, list(rows)):
                    collected.setdefault(view.measure_key, []).append(view)
        summaries = {}
        for key, views in collected.items():
            latest = max(views, key=lambda v: (v.updated_at, v.id))
            follow_ups = [v.follow_up for v in views if v.follow_up is not None]
            summaries[key] = AnnotationSummary(
                count=len(views),
                statuses=frozenset(v.status for v in views),
                latest_status=latest.status,
                tags=normalise_tags(tag for v in views for tag in v.tags),
                next_follow_up=min(follow_ups, default=None),
            )
        return summaries

    # -- user edits of extracted fields ------------------------------------------------------
    def edit_field(self, measure_key: str, field: str, value: str) -> EditView:
        """Record the user's value for ``field`` (title, number, authority,
        ``event:<kind>`` as an ISO date, ``quantity:<fingerprint>`` as a number).

        The catalog shows it instead of the extracted value from now on, and
        re-ingestion does not touch it; see :func:`apply_user_edits`.
        """
        return self._record_edit(measure_key, field, validate_edit(field, value))

    def revert_field(self, measure_key: str, field: str) -> EditView:
        """Show the extracted value again (the edit stays in the history)."""
        return self._record_edit(measure_key, field, None)

    def _record_edit(self, measure_key: str, field: str, value: str | None) -> EditView:
        with self._write() as session:
            original = _extracted_value(session, measure_key, field)
            now = self._now()
            session.add(
                UserEdit(
                    measure_key=measure_key,
                    field=field,
                    value=value,
                    original=original,
                    author=self.author,
                    saved_at=now,
                )
            )
        return EditView(measure_key, field, value, original, self.author, now)

    def edits_for(self, measure_key: str) -> list[EditView]:
        """The corrections in force on a measure, one per field."""
        current: dict[str, EditView] = {}
        for edit in self.edit_history(measure_key):
            current[edit.field] = edit
        return sorted(
            (edit for edit in current.values() if edit.value is not None),
            key=lambda edit: edit.field,
        )

    def edit_history(self, measure_key: str) -> list[EditView]:
        """Every correction ever saved on a measure, oldest first (reverts included)."""
        with session_scope(self._engine) as session:
            rows = session.execute(
                select(UserEdit).where(UserEdit.measure_key == measure_key).order_by(UserEdit.id)
            ).scalars()
            return [
                EditView(r.measure_key, r.field, r.value, r.original, r.author, _utc(r.saved_at))
                for r in rows
            ]


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One write transaction, locked from its first read, synced to disk on commit.

    ``BEGIN IMMEDIATE`` takes SQLite's write lock before anything is read,
    so what a save checks (the version) cannot change before it writes; a
    second instance waits for the lock (up to the busy timeout). The store
    runs with ``synchronous=NORMAL`` for fast ingestion, where a commit can
    be lost to a power cut; annotations are worth an fsync each (``FULL``).
    """
    with engine.connect() as connection:
        if connection.dialect.name != "sqlite":
            with Session(bind=connection, expire_on_commit=False) as session:
                try:
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
            return
        connection.exec_driver_sql("PRAGMA synchronous=FULL")
        connection.commit()
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                with Session(
                    bind=connection,
                    expire_on_commit=False,
                    join_transaction_mode="rollback_only",
                ) as session:
                    yield session
                    session.flush()
                connection.commit()
            except BaseException:
                connection.rollback()
                raise
        finally:
            try:
                connection.exec_driver_sql("PRAGMA synchronous=NORMAL")
                connection.commit()
            except Exception:  # never hand a FULL connection back to the pool
                connection.invalidate()


# -- user edits for the catalog ---------------------------------------------------------------


def load_user_edits(session: Session, measure_keys: Iterable[str]) -> dict[str, dict[str, str]]:
    """``{measure key: {field: value}}`` for the edits in force (newest per field, not reverted)."""
    keys = sorted(set(measure_keys))
    latest: dict[tuple[str, str], str | None] = {}
    # The table, not the ORM class: list rows are read before the window's first paint,
    # and the first ORM statement of a process configures every mapper (about 80 ms).
    edit = UserEdit.__table__.c
    for chunk in _chunks(keys):
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


def reanchor(target: Session | Engine, source_lineage: str, new_text: str) -> ReanchorResult:
    """Move span annotations on ``source_lineage`` onto ``new_text``.

    The writer already does this in the transaction that stores a new
    version; call it directly only to repair a store.
    """
    if isinstance(target, Session):
        return reanchor_annotations(target, lineage=source_lineage, text=new_text)
    with session_scope(target) as session:
        return reanchor_annotations(session, lineage=source_lineage, text=new_text)


# -- shared with annotation_io ------------------------------------------------------------------


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
    return _views(session, list(session.execute(statement).scalars()))


def view_by_id(session: Session, annotation_id: int) -> AnnotationView:
    return _view(session, annotation_id)


def versions_of(session: Session, annotation_id: int) -> list[AnnotationVersion]:
    rows = session.execute(
        select(AnnotationVersionRow)
        .where(AnnotationVersionRow.annotation_id == annotation_id)
        .order_by(AnnotationVersionRow.version)
    ).scalars()
    return [_version_view(row) for row in rows]


# -- internals ---------------------------------------------------------------------------------


def _chunks(items: Sequence[str]) -> list[Sequence[str]]:
    return [items[i : i + _MAX_SQL_PARAMS] for i in range(0, len(items), _MAX_SQL_PARAMS)]


def _utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands datetimes back naive; they were stored as UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _clean_matter(matter: str | None) -> str | None:
    clean = " ".join((matter or "").split())
    return clean or None


def _fields(session: Session, measure_key: str, data: AnnotationInput) -> Fields:
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


def _same_fields(session: Session, current: Annotation, *, deleted: bool) -> Fields:
    return dataclasses.replace(fields_of_view(_view(session, current.id or 0)), deleted=deleted)


def _restored_fields(session: Session, version: AnnotationVersion) -> Fields:
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


def _version_anchor(version: AnnotationVersion) -> AnchorInput | None:
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


def _view(session: Session, annotation_id: int) -> AnnotationView:
    row = session.get(Annotation, annotation_id)
    if row is None:
        raise AnnotationNotFoundError(f"There is no annotation {annotation_id}.")
    return _views(session, [row])[0]


def _views(session: Session, rows: list[Annotation]) -> list[AnnotationView]:
    """Views of ``rows`` with their tags and the current source of their anchors, batched."""
    ids = [row.id for row in rows if row.id is not None]
    tags: dict[int, list[str]] = {}
    for i in range(0, len(ids), _MAX_SQL_PARAMS):
        for annotation_id, tag in session.execute(
            select(AnnotationTag.annotation_id, AnnotationTag.tag).where(
                AnnotationTag.annotation_id.in_(ids[i : i + _MAX_SQL_PARAMS])
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
        created_at=_utc(row.created_at),
        updated_at=_utc(row.updated_at),
        note=row.note,
        tags=normalise_tags(tags),
        status=ReviewStatus(row.status),
        matter=row.matter,
        follow_up=row.follow_up,
        deleted=row.deleted,
        anchor=anchor,
        conflict_of=row.conflict_of,
    )


def _version_view(row: AnnotationVersionRow) -> AnnotationVersion:
    return AnnotationVersion(
        annotation_id=row.annotation_id,
        version=row.version,
        action=VersionAction(row.action),
        author=row.author,
        saved_at=_utc(row.saved_at),
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


def _extracted_value(session: Session, measure_key: str, field: str) -> str | None:
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
                Event.date.is_not(None),
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
