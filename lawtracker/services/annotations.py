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
import logging
import uuid as uuid_module
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager

from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from lawtracker.domain.annotations import (
    AnchorInput,
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
    normalise_tag,
    normalise_tags,
    validate_edit,
)
from lawtracker.services.annotation_rows import (
    Fields,
    annotation_views,
    fields_of_input,
    insert_annotation,
    record_version,
    restored_fields,
    same_fields,
    version_anchor,
    version_view,
    view_by_id,
    views_of_rows,
    write_tags,
)
from lawtracker.services.user_edits import (
    edit_history,
    edits_in_force,
    record_edit,
)
from lawtracker.storage.anchors import (
    ReanchorResult,
    reanchor_annotations,
)
from lawtracker.storage.db import chunked, session_scope
from lawtracker.storage.tables import (
    Annotation,
    AnnotationTag,
    AnnotationVersionRow,
    Measure,
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
    "default_author",
    "reanchor",
]

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]


def default_author() -> str:
    """The OS user name; ``getpass`` raises when the environment names nobody."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError, ImportError):
        name = ""
    return name.strip() or "unknown"


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
            fields = fields_of_input(session, measure_key, data)
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
            return view_by_id(session, row_id)

    def update(
        self, annotation_id: int, data: AnnotationInput, *, expected_version: int
    ) -> AnnotationView:
        """Save ``data`` as the next version; :class:`AnnotationConflict` if it moved on.

        Saving over a deleted annotation (the "overwrite" answer to a conflict
        with a deletion) brings it back with ``data``.
        """
        return self._save(
            annotation_id,
            lambda session, current: fields_of_input(session, current.measure_key, data),
            expected_version=expected_version,
            action=VersionAction.EDIT,
            mine=data,
        )

    def delete(self, annotation_id: int, *, expected_version: int) -> AnnotationView:
        """Flag as deleted (a new version); the returned view is what undo needs."""
        return self._save(
            annotation_id,
            lambda session, current: same_fields(session, current, deleted=True),
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
            lambda session, current: same_fields(session, current, deleted=False),
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
            restored = version_view(old)
        mine = AnnotationInput(
            note=restored.note,
            tags=restored.tags,
            status=restored.status,
            matter=restored.matter,
            follow_up=restored.follow_up,
            anchor=version_anchor(restored),
        )
        # The annotation stays on its measure's key now: an old version may carry a key
        # the measure had before an extractor renamed it (measure_key_alias).
        return self._save(
            annotation_id,
            lambda session, current: dataclasses.replace(
                restored_fields(session, restored), measure_key=current.measure_key
            ),
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
            lambda session, current: fields_of_input(session, current.measure_key, conflict.mine),
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
                theirs = view_by_id(session, annotation_id)
                raise AnnotationConflict(
                    mine=mine,
                    theirs=theirs,
                    expected_version=expected_version or 0,
                    action=action,
                )
            write_tags(session, annotation_id, fields.tags)
            record_version(session, annotation_id, saved, action, self.author, now, fields)
            session.expire_all()
            return view_by_id(session, annotation_id)

    def _write(self) -> AbstractContextManager[Session]:
        return write_session(self._engine)

    def _now(self) -> dt.datetime:
        now = self._clock()
        return now.astimezone(dt.UTC) if now.tzinfo else now.replace(tzinfo=dt.UTC)

    # -- reading --------------------------------------------------------------------------
    def get(self, annotation_id: int) -> AnnotationView:
        with session_scope(self._engine) as session:
            return view_by_id(session, annotation_id)

    def list_for(self, measure_key: str, *, include_deleted: bool = False) -> list[AnnotationView]:
        """A measure's annotations, oldest first."""
        with session_scope(self._engine) as session:
            statement = select(Annotation).where(Annotation.measure_key == measure_key)
            if not include_deleted:
                statement = statement.where(Annotation.deleted.is_(False))
            rows = session.execute(statement.order_by(Annotation.created_at, Annotation.id))
            return views_of_rows(session, list(rows.scalars()))

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
            versions = [version_view(row) for row in rows]
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
            for chunk in chunked(keys):
                rows = session.execute(
                    select(Annotation).where(
                        Annotation.measure_key.in_(chunk), Annotation.deleted.is_(False)
                    )
                ).scalars()
                for view in views_of_rows(session, list(rows)):
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
        re-ingestion does not touch it; see :func:`.user_edits.apply_user_edits`.
        """
        return self._record_edit(measure_key, field, validate_edit(field, value))

    def revert_field(self, measure_key: str, field: str) -> EditView:
        """Show the extracted value again (the edit stays in the history)."""
        return self._record_edit(measure_key, field, None)

    def _record_edit(self, measure_key: str, field: str, value: str | None) -> EditView:
        with self._write() as session:
            return record_edit(
                session, measure_key, field, value, author=self.author, saved_at=self._now()
            )

    def edits_for(self, measure_key: str) -> list[EditView]:
        """The corrections in force on a measure, one per field."""
        return edits_in_force(self.edit_history(measure_key))

    def edit_history(self, measure_key: str) -> list[EditView]:
        """Every correction ever saved on a measure, oldest first (reverts included)."""
        with session_scope(self._engine) as session:
            return edit_history(session, measure_key)


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


def reanchor(target: Session | Engine, source_lineage: str, new_text: str) -> ReanchorResult:
    """Move span annotations on ``source_lineage`` onto ``new_text``.

    The writer already does this in the transaction that stores a new
    version; call it directly only to repair a store.
    """
    if isinstance(target, Session):
        return reanchor_annotations(target, lineage=source_lineage, text=new_text)
    with session_scope(target) as session:
        return reanchor_annotations(session, lineage=source_lineage, text=new_text)
