"""Newer versions of a source keep annotations and user edits, and move span anchors.

The real pipeline ingests changed copies of the newsletter seed (same file
name, so the same lineage) into a store built from the seeds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from lawtracker.domain.annotations import AnchorState, quantity_fields
from lawtracker.domain.catalog import MeasureDetail, MeasureFilter
from lawtracker.ingestion.pipeline import FileStatus, ingest_paths
from lawtracker.services.annotations import AnchorInput, AnnotationInput, Annotations
from lawtracker.services.catalog import Catalog
from lawtracker.storage.db import session_scope
from lawtracker.storage.tables import Source

NEWSLETTER = "001_be6e844fb81b9f94.txt"
IN_FORCE = "The Decree enters into force on January 1, 2023."
# A selection across a line break; the next version reflows that line.
CERTIFICATE = "legal entities and\nindividual entrepreneurs for 3 years"
REFLOWED = "legal entities and individual\nentrepreneurs for 3 years"
INSERTED = (
    "Editor's note: the figures below were confirmed with the Ministry of Economy\n"
    "after the first edition of this newsletter.\n\n"
)
BEFORE = "According to the Decree, the investment promotion certificate"


def decree_1913(catalog: Catalog) -> MeasureDetail:
    """Found by its number through the catalog, as a user would."""
    matches = [
        row
        for row in catalog.measure_rows(catalog.measure_ids(MeasureFilter(query="1913")))
        if row.number == "1913"
    ]
    assert len(matches) == 1
    detail = catalog.measure_detail(matches[0].id)
    assert detail is not None
    return detail


def source_text(engine: Engine, source_id: int) -> str:
    with session_scope(engine) as session:
        source = session.get(Source, source_id)
        assert source is not None
        return source.text


def ingest_changed_copy(folder: Path, seeds_dir: Path, engine: Engine, change) -> None:
    folder.mkdir()
    original = (seeds_dir / NEWSLETTER).read_text(encoding="utf-8")
    changed = change(original)
    assert changed != original
    (folder / NEWSLETTER).write_text(changed, encoding="utf-8")
    report = ingest_paths([folder], engine=engine)
    assert [r.status for r in report.results] == [FileStatus.NEW_VERSION], report.summary()


def anchor_on(detail: MeasureDetail, quote: str) -> AnchorInput:
    """What the detail view hands over when the user selects ``quote``."""
    text = next(t for t in detail.texts.values() if quote in t.text)
    start = text.start + text.text.index(quote)
    return AnchorInput(text.source_id, start, start + len(quote), quote)


def test_reingestion_keeps_annotations_edits_and_moves_spans(
    seeded_engine: Engine, seeds_dir: Path, tmp_path: Path
) -> None:
    catalog = Catalog(seeded_engine)
    notes = Annotations(seeded_engine, author="alice")
    decree = decree_1913(catalog)
    first_source = next(iter(decree.texts.values())).source_id

    general = notes.create(decree.key, AnnotationInput(note="Whole decree", tags=("tax",)))
    in_force = notes.create(
        decree.key, AnnotationInput(note="Check the date", anchor=anchor_on(decree, IN_FORCE))
    )
    certificate = notes.create(
        decree.key, AnnotationInput(note="3 years only", anchor=anchor_on(decree, CERTIFICATE))
    )
    notes.edit_field(decree.key, "title", "Investment promotion decree (edited)")
    amount = next(q for q in decree.quantities if q.value == 5_000_000)
    amount_field = quantity_fields(decree.quantities)[decree.quantities.index(amount)]
    notes.edit_field(decree.key, amount_field, "5500000")
    assert in_force.anchor is not None and in_force.anchor.start is not None

    # Version 2: a paragraph inserted before the quotes, and one quote's line reflowed.
    ingest_changed_copy(
        tmp_path / "v2",
        seeds_dir,
        seeded_engine,
        lambda text: text.replace(BEFORE, INSERTED + BEFORE).replace(CERTIFICATE, REFLOWED),
    )
    decree = decree_1913(catalog)
    source_v2 = next(iter(decree.texts.values())).source_id
    assert source_v2 != first_source
    text_v2 = source_text(seeded_engine, source_v2)

    assert [a.id for a in notes.list_for(decree.key)] == [general.id, in_force.id, certificate.id]
    moved = notes.get(in_force.id)
    assert moved.anchor is not None
    assert moved.anchor.state == AnchorState.ATTACHED
    assert moved.anchor.source_id == source_v2
    assert moved.anchor.start == in_force.anchor.start + len(INSERTED)
    assert text_v2[moved.anchor.start : moved.anchor.end] == IN_FORCE
    assert moved.version == in_force.version  # re-anchoring is not a user's save

    reflowed = notes.get(certificate.id)
    assert reflowed.anchor is not None and reflowed.anchor.state == AnchorState.ATTACHED
    assert text_v2[reflowed.anchor.start : reflowed.anchor.end] == REFLOWED
    assert reflowed.anchor.quote == CERTIFICATE  # what the user selected stays on record

    assert decree.title == "Investment promotion decree (edited)"
    assert "title" in decree.edited and amount_field in decree.edited
    assert [q.value for q in decree.quantities if q.text == amount.text] == [5_500_000]
    [row] = catalog.measure_rows([decree.id])
    assert row.title == "Investment promotion decree (edited)" and "title" in row.edited

    # Version 3: the quoted sentence is gone.
    ingest_changed_copy(
        tmp_path / "v3",
        seeds_dir,
        seeded_engine,
        lambda text: text.replace(IN_FORCE, ""),
    )
    decree = decree_1913(catalog)
    kept = notes.get(in_force.id)
    assert not kept.deleted and kept.note == "Check the date"
    assert kept.anchor is not None
    assert kept.anchor.state == AnchorState.DETACHED
    assert (kept.anchor.start, kept.anchor.end) == (None, None)
    assert kept.anchor.quote == IN_FORCE
    assert len(notes.list_for(decree.key)) == 3
    assert notes.get(certificate.id).anchor_state == AnchorState.ATTACHED
    assert decree.title == "Investment promotion decree (edited)"

    # Editing the detached annotation keeps its anchor (detached) rather than dropping it.
    edited = notes.update(kept.id, kept.as_input(), expected_version=kept.version)
    assert edited.anchor is not None and edited.anchor.state == AnchorState.DETACHED
    assert edited.anchor.quote == IN_FORCE


def test_a_quote_that_comes_back_is_attached_again(
    seeded_engine: Engine, seeds_dir: Path, tmp_path: Path
) -> None:
    catalog = Catalog(seeded_engine)
    notes = Annotations(seeded_engine, author="alice")
    decree = decree_1913(catalog)
    saved = notes.create(decree.key, AnnotationInput(note="n", anchor=anchor_on(decree, IN_FORCE)))
    ingest_changed_copy(
        tmp_path / "gone", seeds_dir, seeded_engine, lambda t: t.replace(IN_FORCE, "")
    )
    assert notes.get(saved.id).anchor_state == AnchorState.DETACHED
    ingest_changed_copy(
        tmp_path / "back",
        seeds_dir,
        seeded_engine,
        lambda t: t.replace(BEFORE, INSERTED + BEFORE),
    )
    back = notes.get(saved.id)
    assert back.anchor is not None and back.anchor.state == AnchorState.ATTACHED
    assert back.anchor.source_id is not None
    text = source_text(seeded_engine, back.anchor.source_id)
    assert text[back.anchor.start : back.anchor.end] == IN_FORCE


@pytest.mark.parametrize("deleted", [False, True])
def test_a_stale_selection_is_placed_in_the_current_version(
    seeded_engine: Engine, seeds_dir: Path, tmp_path: Path, deleted: bool
) -> None:
    """The view loaded before a re-ingestion; its offsets are in the superseded text."""
    catalog = Catalog(seeded_engine)
    notes = Annotations(seeded_engine, author="alice")
    stale = decree_1913(catalog)
    if deleted:
        gone = notes.create(stale.key, AnnotationInput(note="n", anchor=anchor_on(stale, IN_FORCE)))
        notes.delete(gone.id, expected_version=1)
    ingest_changed_copy(
        tmp_path / "v2", seeds_dir, seeded_engine, lambda t: t.replace(BEFORE, INSERTED + BEFORE)
    )
    saved = notes.create(stale.key, AnnotationInput(note="late", anchor=anchor_on(stale, IN_FORCE)))
    assert saved.anchor is not None and saved.anchor.state == AnchorState.ATTACHED
    current = decree_1913(catalog)
    assert saved.anchor.source_id == next(iter(current.texts.values())).source_id
    text = source_text(seeded_engine, saved.anchor.source_id)
    assert text[saved.anchor.start : saved.anchor.end] == IN_FORCE
    if deleted:
        # Deleted annotations move too, so that undoing the deletion finds its text.
        restored = notes.undelete(gone.id)
        assert restored.anchor == saved.anchor
