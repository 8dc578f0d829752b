"""Annotations on a real seeded store: saving, history, tags, filters, conflicts, user edits."""

from __future__ import annotations

import datetime as dt
import getpass
import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from lawtracker.domain.annotations import (
    AnchorState,
    ReviewStatus,
    VersionAction,
    event_field,
    quantity_fields,
)
from lawtracker.domain.catalog import MeasureFilter
from lawtracker.domain.enums import EventKind
from lawtracker.services.annotations import (
    AnchorInput,
    AnnotationConflict,
    AnnotationError,
    AnnotationInput,
    AnnotationNotFoundError,
    Annotations,
    InvalidEditError,
)
from lawtracker.services.catalog import Catalog
from lawtracker.storage.db import make_engine, session_scope
from lawtracker.storage.tables import Annotation, AnnotationVersionRow

DECREE = "az/decree/1913"
OTHER = "az/decree/1905"


def ticking_clock(start: dt.datetime) -> Callable[[], dt.datetime]:
    """A clock one minute later at every call, so that every save has its own time."""
    counter = itertools.count()
    return lambda: start + dt.timedelta(minutes=next(counter))


@pytest.fixture
def notes(seeded_engine: Engine) -> Annotations:
    return Annotations(
        seeded_engine,
        author="alice",
        clock=ticking_clock(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)),
    )


def decree_text(engine: Engine):
    catalog = Catalog(engine)
    [measure_id] = catalog.measure_ids(MeasureFilter(query="1913"))
    detail = catalog.measure_detail(measure_id)
    assert detail is not None and detail.number == "1913"
    return detail, next(iter(detail.texts.values()))


def test_create_edit_delete_restore_keeps_every_version(notes: Annotations) -> None:
    created = notes.create(
        DECREE,
        AnnotationInput(note="Check **thresholds**", tags=("tax", "investment")),
    )
    assert (created.version, created.author, created.status) == (1, "alice", "unreviewed")
    assert created.created_at == dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)
    assert created.anchor is None and created.anchor_state == AnchorState.NONE

    edited = notes.update(
        created.id,
        AnnotationInput(
            note="Thresholds confirmed with the client",
            tags=("tax",),
            status=ReviewStatus.REVIEWED,
            matter="ACME-2026-014",
            follow_up=dt.date(2026, 4, 1),
        ),
        expected_version=1,
    )
    assert edited.version == 2
    assert edited.created_at == created.created_at
    assert edited.updated_at > created.updated_at
    assert (edited.status, edited.matter, edited.follow_up) == (
        ReviewStatus.REVIEWED,
        "ACME-2026-014",
        dt.date(2026, 4, 1),
    )

    deleted = notes.delete(created.id, expected_version=2)
    assert deleted.deleted and deleted.version == 3
    assert notes.list_for(DECREE) == []
    assert [a.id for a in notes.list_for(DECREE, include_deleted=True)] == [created.id]

    back = notes.undelete(created.id, expected_version=3)
    assert not back.deleted and back.version == 4 and back.note == edited.note

    restored = notes.restore_version(created.id, 1, expected_version=4)
    assert restored.version == 5
    assert (restored.note, restored.tags, restored.status) == (
        "Check **thresholds**",
        ("investment", "tax"),
        ReviewStatus.UNREVIEWED,
    )

    history = notes.history(created.id)
    assert [(v.version, v.action) for v in history] == [
        (1, VersionAction.CREATE),
        (2, VersionAction.EDIT),
        (3, VersionAction.DELETE),
        (4, VersionAction.RESTORE),
        (5, VersionAction.RESTORE),
    ]
    assert history[1].note == "Thresholds confirmed with the client"
    assert history[1].matter == "ACME-2026-014"
    assert history[2].deleted and not history[3].deleted
    assert all(v.author == "alice" for v in history)
    assert [v.saved_at.minute for v in history] == [0, 1, 2, 3, 4]


def test_undo_redo_sequence_through_the_service(notes: Annotations) -> None:
    """What the GUI's QUndoCommands will call: every step is a version, nothing is lost."""
    created = notes.create(DECREE, AnnotationInput(note="first"))
    undone = notes.delete(created.id, expected_version=created.version)  # undo create
    redone = notes.undelete(created.id, expected_version=undone.version)  # redo create
    edited = notes.update(
        created.id, AnnotationInput(note="second"), expected_version=redone.version
    )
    before = notes.restore_version(created.id, 1, expected_version=edited.version)  # undo edit
    assert before.note == "first"
    after = notes.restore_version(created.id, edited.version, expected_version=before.version)
    assert after.note == "second"
    assert [v.note for v in notes.history(created.id)] == [
        "first",
        "first",
        "first",
        "second",
        "first",
        "second",
    ]


def test_several_annotations_per_measure_in_creation_order(notes: Annotations) -> None:
    first = notes.create(DECREE, AnnotationInput(note="one"))
    second = notes.create(DECREE, AnnotationInput(note="two"))
    notes.create(OTHER, AnnotationInput(note="elsewhere"))
    assert [a.id for a in notes.list_for(DECREE)] == [first.id, second.id]
    assert first.uuid != second.uuid


def test_author_defaults_to_the_os_user_and_can_change(seeded_engine: Engine) -> None:
    notes = Annotations(seeded_engine)
    assert notes.author == getpass.getuser()
    notes.author = "  Bob   Smith "
    saved = notes.create(DECREE, AnnotationInput(note="x"))
    assert saved.author == "Bob Smith"
    with pytest.raises(AnnotationError):
        notes.author = "   "


def test_times_are_stored_in_utc(seeded_engine: Engine) -> None:
    baku = dt.timezone(dt.timedelta(hours=4))
    notes = Annotations(
        seeded_engine, author="a", clock=lambda: dt.datetime(2026, 3, 1, 13, 30, tzinfo=baku)
    )
    saved = notes.create(DECREE, AnnotationInput(note="x"))
    assert saved.created_at == dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
    assert saved.created_at.utcoffset() == dt.timedelta(0)
    with seeded_engine.connect() as connection:
        raw = connection.exec_driver_sql("SELECT created_at FROM annotation").scalar()
    assert str(raw).startswith("2026-03-01 09:30:00")


def test_tags_are_normalised_and_offered_for_autocompletion(notes: Annotations) -> None:
    notes.create(DECREE, AnnotationInput(note="a", tags=("Tax  incentives", "tax incentives ", "")))
    notes.create(OTHER, AnnotationInput(note="b", tags=("Tax incentives", "SME")))
    gone = notes.create(OTHER, AnnotationInput(note="c", tags=("obsolete",)))
    notes.delete(gone.id, expected_version=1)

    [first] = notes.list_for(DECREE)
    assert first.tags == ("Tax incentives",)
    assert notes.all_tags() == ["SME", "Tax incentives"]
    assert notes.all_tags("ta") == ["Tax incentives"]
    assert notes.all_tags("obs") == []  # tags of deleted annotations are not offered
    assert notes.tag_counts() == {"Tax incentives": 2, "SME": 1}
    assert notes.keys_with_tag("TAX INCENTIVES") == {DECREE, OTHER}
    assert notes.keys_with_tag("sme") == {OTHER}
    assert notes.keys_with_tag("obsolete") == set()


def test_filters_status_follow_ups_and_summaries(notes: Annotations) -> None:
    notes.create(
        DECREE,
        AnnotationInput(
            note="follow up with the ministry",
            status=ReviewStatus.NEEDS_FOLLOW_UP,
            follow_up=dt.date(2026, 5, 10),
            tags=("ministry",),
        ),
    )
    notes.create(DECREE, AnnotationInput(note="read", status=ReviewStatus.REVIEWED))
    notes.create(OTHER, AnnotationInput(note="later", follow_up=dt.date(2026, 9, 1)))

    assert notes.measure_keys_with_annotations() == {DECREE, OTHER}
    assert notes.keys_with_status(ReviewStatus.NEEDS_FOLLOW_UP) == {DECREE}
    assert notes.keys_with_status(ReviewStatus.UNREVIEWED) == {OTHER}
    assert notes.status_counts() == {
        ReviewStatus.NEEDS_FOLLOW_UP: 1,
        ReviewStatus.REVIEWED: 1,
        ReviewStatus.UNREVIEWED: 1,
    }

    due = notes.follow_ups_between(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert [(f.measure_key, f.date, f.status) for f in due] == [
        (DECREE, dt.date(2026, 5, 10), ReviewStatus.NEEDS_FOLLOW_UP)
    ]
    assert due[0].measure_id is not None and "1913" in (due[0].measure_title or "")

    summary = notes.summaries([DECREE, OTHER, "az/law/none"])
    assert set(summary) == {DECREE, OTHER}
    assert summary[DECREE].count == 2
    assert summary[DECREE].statuses == {ReviewStatus.NEEDS_FOLLOW_UP, ReviewStatus.REVIEWED}
    assert summary[DECREE].latest_status == ReviewStatus.REVIEWED
    assert summary[DECREE].tags == ("ministry",)
    assert summary[DECREE].next_follow_up == dt.date(2026, 5, 10)


def test_span_annotation_is_attached_to_the_selected_text(
    notes: Annotations, seeded_engine: Engine
) -> None:
    detail, text = decree_text(seeded_engine)
    quote = "The Decree enters into force on January 1, 2023."
    at = text.start + text.text.index(quote)
    saved = notes.create(
        detail.key,
        AnnotationInput(
            note="date", anchor=AnchorInput(text.source_id, at, at + len(quote), quote)
        ),
    )
    assert saved.anchor is not None
    assert (saved.anchor.start, saved.anchor.end, saved.anchor.state) == (
        at,
        at + len(quote),
        AnchorState.ATTACHED,
    )
    assert saved.anchor.source_id == text.source_id

    # Resubmitting what the view shows keeps the anchor as it is.
    again = notes.update(saved.id, saved.as_input(), expected_version=1)
    assert again.anchor == saved.anchor

    with pytest.raises(AnnotationError, match="select it again"):
        notes.create(
            detail.key,
            AnnotationInput(note="bad", anchor=AnchorInput(text.source_id, at, at + 5, "nonsense")),
        )


def test_unknown_ids_and_keys_are_clear_errors(notes: Annotations) -> None:
    with pytest.raises(AnnotationNotFoundError):
        notes.update(999, AnnotationInput(note="x"), expected_version=1)
    with pytest.raises(AnnotationNotFoundError):
        notes.history(999)
    with pytest.raises(AnnotationNotFoundError):
        notes.restore_version(999, 1)
    with pytest.raises(AnnotationError, match="No measure"):
        notes.create("xx/law/none", AnnotationInput(note="x"))


# -- two app instances on one file -------------------------------------------------------------


@pytest.fixture
def two_instances(seeded_db: Path):
    """Two engines on the same file, as two running lawtrackers would have."""
    first, second = make_engine(seeded_db), make_engine(seeded_db)
    yield Annotations(first, author="alice"), Annotations(second, author="bob")
    first.dispose()
    second.dispose()


def test_second_save_detects_the_conflict_and_loses_nothing(two_instances) -> None:
    alice, bob = two_instances
    created = alice.create(DECREE, AnnotationInput(note="draft"))
    opened_by_alice = alice.get(created.id)
    opened_by_bob = bob.get(created.id)

    bob.update(opened_by_bob.id, AnnotationInput(note="bob's view"), expected_version=1)
    with pytest.raises(AnnotationConflict) as caught:
        alice.update(opened_by_alice.id, AnnotationInput(note="alice's view"), expected_version=1)
    conflict = caught.value
    assert conflict.theirs.note == "bob's view" and conflict.theirs.version == 2
    assert conflict.theirs.author == "bob"
    assert conflict.mine is not None and conflict.mine.note == "alice's view"
    assert conflict.expected_version == 1
    assert "bob" in str(conflict)
    # The refused save wrote nothing.
    assert [v.note for v in alice.history(created.id)] == ["draft", "bob's view"]


def test_keep_both_adds_mine_beside_theirs(two_instances) -> None:
    alice, bob = two_instances
    created = alice.create(DECREE, AnnotationInput(note="draft"))
    bob.update(created.id, AnnotationInput(note="bob's view"), expected_version=1)
    with pytest.raises(AnnotationConflict) as caught:
        alice.update(created.id, AnnotationInput(note="alice's view"), expected_version=1)

    kept = alice.keep_both(caught.value)
    assert kept.id != created.id and kept.conflict_of == created.uuid
    assert kept.author == "alice"
    notes = sorted(a.note for a in bob.list_for(DECREE))
    assert notes == ["alice's view", "bob's view"]


def test_overwrite_saves_mine_and_keeps_theirs_in_history(two_instances) -> None:
    alice, bob = two_instances
    created = alice.create(DECREE, AnnotationInput(note="draft"))
    bob.update(created.id, AnnotationInput(note="bob's view"), expected_version=1)
    with pytest.raises(AnnotationConflict) as caught:
        alice.update(created.id, AnnotationInput(note="alice's view"), expected_version=1)

    saved = alice.overwrite(caught.value)
    assert (saved.note, saved.version, saved.author) == ("alice's view", 3, "alice")
    assert [(v.note, v.author) for v in bob.history(created.id)] == [
        ("draft", "alice"),
        ("bob's view", "bob"),
        ("alice's view", "alice"),
    ]
    assert len(bob.list_for(DECREE)) == 1


def test_editing_an_annotation_deleted_elsewhere_is_a_conflict(two_instances) -> None:
    alice, bob = two_instances
    created = alice.create(DECREE, AnnotationInput(note="draft"))
    bob.delete(created.id, expected_version=1)
    with pytest.raises(AnnotationConflict) as caught:
        alice.update(created.id, AnnotationInput(note="more"), expected_version=1)
    assert caught.value.theirs.deleted
    revived = alice.overwrite(caught.value)
    assert not revived.deleted and revived.note == "more"

    # A deletion that lost the race can be retried or dropped; both sides stay in history.
    bob_view = bob.get(created.id)
    alice.update(created.id, AnnotationInput(note="even more"), expected_version=bob_view.version)
    with pytest.raises(AnnotationConflict) as lost:
        bob.delete(created.id, expected_version=bob_view.version)
    assert lost.value.mine is None
    assert bob.keep_both(lost.value).note == "even more"
    assert bob.overwrite(lost.value).deleted
    assert [v.action for v in bob.history(created.id)] == [
        VersionAction.CREATE,
        VersionAction.DELETE,
        VersionAction.EDIT,
        VersionAction.EDIT,
        VersionAction.DELETE,
    ]


def test_each_save_is_one_transaction(notes: Annotations, seeded_engine: Engine) -> None:
    """A save failing at its last statement leaves nothing of its earlier ones."""
    created = notes.create(DECREE, AnnotationInput(note="a", tags=("x",)))
    with seeded_engine.begin() as connection:
        # The version row is written after the annotation row and its tags.
        connection.exec_driver_sql(
            "CREATE TRIGGER refuse_boom BEFORE INSERT ON annotation_version "
            "WHEN NEW.note = 'boom' BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    with pytest.raises(Exception, match="refused"):
        notes.update(created.id, AnnotationInput(note="boom", tags=("y",)), expected_version=1)
    with session_scope(seeded_engine) as session:
        versions = session.execute(
            select(func.count()).select_from(AnnotationVersionRow)
        ).scalar_one()
        current = session.get(Annotation, created.id)
        assert current is not None
        assert (versions, current.version, current.note) == (1, 1, "a")
    assert notes.get(created.id).tags == ("x",)
    # The store is still writable afterwards: the failed save released its lock.
    assert notes.update(created.id, AnnotationInput(note="b"), expected_version=1).version == 2


# -- user edits ---------------------------------------------------------------------------------


def test_user_edits_overlay_the_catalog_and_can_be_reverted(
    notes: Annotations, seeded_engine: Engine
) -> None:
    catalog = Catalog(seeded_engine)
    detail, _ = decree_text(seeded_engine)
    original_title = detail.title
    amount = next(q for q in detail.quantities if q.value == 5_000_000)
    amount_field = quantity_fields(detail.quantities)[detail.quantities.index(amount)]

    edit = notes.edit_field(DECREE, "title", "  Investment promotion decree ")
    assert (edit.value, edit.original, edit.author) == (
        "Investment promotion decree",
        original_title,
        "alice",
    )
    notes.edit_field(DECREE, event_field(EventKind.IN_FORCE), "2023-02-01")
    notes.edit_field(DECREE, amount_field, "6 000 000")

    shown = catalog.measure_detail(detail.id)
    assert shown is not None
    assert shown.title == "Investment promotion decree"
    assert shown.edited == {"title", "event:in_force", amount_field}
    assert [e.date for e in shown.events if e.kind == EventKind.IN_FORCE] == [dt.date(2023, 2, 1)]
    assert [q.value for q in shown.quantities if q.id == amount.id] == [6_000_000]
    [row] = catalog.measure_rows([detail.id])
    assert row.title == "Investment promotion decree"
    assert row.in_force == dt.date(2023, 2, 1)
    assert "title" in row.edited

    notes.revert_field(DECREE, "title")
    shown = catalog.measure_detail(detail.id)
    assert shown is not None and shown.title == original_title and "title" not in shown.edited
    assert [e.field for e in notes.edits_for(DECREE)] == sorted(["event:in_force", amount_field])
    assert [e.value for e in notes.edit_history(DECREE) if e.field == "title"] == [
        "Investment promotion decree",
        None,
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "   ", "empty"),
        ("event:in_force", "1 Jan 2023", "YYYY-MM-DD"),
        ("event:birthday", "2023-01-01", "Unknown date kind"),
        ("quantity:deadbeef0000", "12", "not in this measure"),
        ("quantity:deadbeef0000", "twelve", "Not a number"),
        ("summary", "x", "cannot be edited"),
    ],
)
def test_invalid_user_edits_are_refused(
    notes: Annotations, field: str, value: str, message: str
) -> None:
    with pytest.raises(InvalidEditError, match=message):
        notes.edit_field(DECREE, field, value)
    assert notes.edits_for(DECREE) == []
