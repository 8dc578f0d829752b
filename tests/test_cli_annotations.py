"""``lawtracker annotations export/import`` between two real stores built from the seeds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from lawtracker.__main__ import main
from lawtracker.domain.annotations import AnchorState, ReviewStatus
from lawtracker.domain.catalog import MeasureFilter
from lawtracker.services.annotation_io import SCHEMA
from lawtracker.services.annotations import AnchorInput, AnnotationInput, Annotations
from lawtracker.services.catalog import Catalog
from lawtracker.storage.db import make_engine

DECREE = "az/decree/1913"
OTHER = "az/decree/1905"
QUOTE = "The Decree enters into force on January 1, 2023."


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def stores(seeded_db_template: Path, tmp_path: Path):
    """Two colleagues' stores, each a copy of the seeded template."""
    paths = []
    for name in ("alice", "bob"):
        path = tmp_path / f"{name}.sqlite3"
        shutil.copyfile(seeded_db_template, path)
        paths.append(path)
    engines = [make_engine(p) for p in paths]
    yield paths, engines
    for engine in engines:
        engine.dispose()


def anchored(engine: Engine) -> AnnotationInput:
    catalog = Catalog(engine)
    [measure_id] = catalog.measure_ids(MeasureFilter(query="1913"))
    detail = catalog.measure_detail(measure_id)
    assert detail is not None
    text = next(t for t in detail.texts.values() if QUOTE in t.text)
    start = text.start + text.text.index(QUOTE)
    return AnnotationInput(
        note="Entry into force",
        tags=("dates",),
        status=ReviewStatus.IN_REVIEW,
        anchor=AnchorInput(text.source_id, start, start + len(QUOTE), QUOTE),
    )


def export(capsys, db: Path, out: Path) -> dict:
    code, _, err = run(capsys, "--db", str(db), "annotations", "export", "--out", str(out))
    assert code == 0, err
    return json.loads(out.read_text(encoding="utf-8"))


def import_(capsys, db: Path, file: Path) -> str:
    code, _, err = run(capsys, "--db", str(db), "annotations", "import", str(file))
    assert code == 0, err
    return err


def test_round_trip_between_two_stores_and_importing_twice(capsys, stores, tmp_path: Path) -> None:
    (alice_db, bob_db), (alice_engine, bob_engine) = stores
    alice = Annotations(alice_engine, author="alice")
    first = alice.create(DECREE, anchored(alice_engine))
    alice.update(
        first.id,
        AnnotationInput(
            note="Entry into force, confirmed",
            tags=("dates", "Confirmed"),
            status=ReviewStatus.REVIEWED,
            matter="ACME-7",
            anchor=first.as_input().anchor,
        ),
        expected_version=1,
    )
    gone = alice.create(OTHER, AnnotationInput(note="obsolete"))
    alice.delete(gone.id, expected_version=1)

    document = export(capsys, alice_db, tmp_path / "alice.json")
    assert document["schema"] == SCHEMA
    assert [a["measure_key"] for a in document["annotations"]] == [OTHER, DECREE]
    exported = document["annotations"][1]
    assert exported["version"] == 2 and exported["author"] == "alice"
    assert exported["created_at"].endswith("+00:00")
    assert [h["version"] for h in exported["history"]] == [1, 2]
    assert exported["anchor"]["quote"] == QUOTE

    err = import_(capsys, bob_db, tmp_path / "alice.json")
    assert "2 added" in err
    bob = Annotations(bob_engine, author="bob")
    [copied] = bob.list_for(DECREE)
    original = alice.get(first.id)
    assert copied.uuid == original.uuid
    assert (copied.note, copied.tags, copied.status, copied.matter) == (
        original.note,
        original.tags,
        original.status,
        original.matter,
    )
    assert (copied.version, copied.author, copied.created_at, copied.updated_at) == (
        original.version,
        original.author,
        original.created_at,
        original.updated_at,
    )
    assert copied.anchor is not None and original.anchor is not None
    assert copied.anchor.state == AnchorState.ATTACHED
    assert (copied.anchor.start, copied.anchor.end) == (original.anchor.start, original.anchor.end)
    assert [(v.version, v.note) for v in bob.history(copied.id)] == [
        (v.version, v.note) for v in alice.history(first.id)
    ]
    assert bob.list_for(OTHER) == [] and len(bob.list_for(OTHER, include_deleted=True)) == 1

    before = export(capsys, bob_db, tmp_path / "bob-before.json")["annotations"]
    err = import_(capsys, bob_db, tmp_path / "alice.json")
    assert "0 added, 0 updated, 2 unchanged, 0 conflicting" in err
    after = export(capsys, bob_db, tmp_path / "bob-after.json")["annotations"]
    assert after == before

    # Bob's own export going back to Alice changes nothing either.
    err = import_(capsys, alice_db, tmp_path / "bob-after.json")
    assert "2 unchanged" in err


def test_a_newer_version_fast_forwards(capsys, stores, tmp_path: Path) -> None:
    (alice_db, bob_db), (alice_engine, bob_engine) = stores
    alice = Annotations(alice_engine, author="alice")
    saved = alice.create(DECREE, AnnotationInput(note="v1"))
    export(capsys, alice_db, tmp_path / "v1.json")
    import_(capsys, bob_db, tmp_path / "v1.json")

    alice.update(saved.id, AnnotationInput(note="v2"), expected_version=1)
    alice.update(saved.id, AnnotationInput(note="v3"), expected_version=2)
    export(capsys, alice_db, tmp_path / "v3.json")
    assert "1 updated" in import_(capsys, bob_db, tmp_path / "v3.json")

    bob = Annotations(bob_engine, author="bob")
    [current] = bob.list_for(DECREE)
    assert (current.note, current.version) == ("v3", 3)
    assert [v.note for v in bob.history(current.id)] == ["v1", "v2", "v3"]
    # The older file again: nothing goes backwards.
    assert "1 unchanged" in import_(capsys, bob_db, tmp_path / "v1.json")
    assert bob.get(current.id).note == "v3"


def test_a_conflicting_import_keeps_both_versions(capsys, stores, tmp_path: Path) -> None:
    (alice_db, bob_db), (alice_engine, bob_engine) = stores
    alice = Annotations(alice_engine, author="alice")
    bob = Annotations(bob_engine, author="bob")
    saved = alice.create(DECREE, AnnotationInput(note="shared draft", tags=("x",)))
    export(capsys, alice_db, tmp_path / "shared.json")
    import_(capsys, bob_db, tmp_path / "shared.json")

    # Both edit the same annotation from version 1.
    alice.update(saved.id, AnnotationInput(note="alice's reading"), expected_version=1)
    [bobs] = bob.list_for(DECREE)
    bob.update(bobs.id, AnnotationInput(note="bob's reading"), expected_version=1)

    export(capsys, alice_db, tmp_path / "alice.json")
    err = import_(capsys, bob_db, tmp_path / "alice.json")
    assert "1 conflicting (both versions kept)" in err
    kept = {a.note: a for a in bob.list_for(DECREE)}
    assert set(kept) == {"bob's reading", "alice's reading"}
    assert kept["bob's reading"].uuid == saved.uuid and kept["bob's reading"].version == 2
    assert kept["alice's reading"].conflict_of == saved.uuid
    assert kept["alice's reading"].author == "alice"
    assert [v.note for v in bob.history(kept["alice's reading"].id)] == [
        "shared draft",
        "alice's reading",
    ]

    # Importing the same conflicting file again adds nothing.
    err = import_(capsys, bob_db, tmp_path / "alice.json")
    assert "0 added" in err and "0 conflicting" in err
    assert len(bob.list_for(DECREE)) == 2

    # Bob sends his store back: Alice gets Bob's reading beside hers, and hers only once.
    export(capsys, bob_db, tmp_path / "bob.json")
    err = import_(capsys, alice_db, tmp_path / "bob.json")
    assert "1 conflicting (both versions kept)" in err
    assert sorted(a.note for a in alice.list_for(DECREE)) == ["alice's reading", "bob's reading"]
    # And from then on the two stores agree: nothing more moves either way.
    export(capsys, alice_db, tmp_path / "alice-2.json")
    assert "0 added, 0 updated, 2 unchanged, 0 conflicting" in import_(
        capsys, bob_db, tmp_path / "alice-2.json"
    )
    assert "0 added, 0 updated, 2 unchanged, 0 conflicting" in import_(
        capsys, alice_db, tmp_path / "bob.json"
    )


def test_bad_files_are_clear_errors_and_change_nothing(capsys, stores, tmp_path: Path) -> None:
    (_alice_db, bob_db), (_alice_engine, bob_engine) = stores
    not_json = tmp_path / "notes.json"
    not_json.write_text("{ nope", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(bob_db), "annotations", "import", str(not_json))
    assert code == 2 and "is not JSON" in err and "Traceback" not in err

    wrong = tmp_path / "export.json"
    wrong.write_text(json.dumps({"schema": "lawtracker.export/1", "measures": []}))
    code, _, err = run(capsys, "--db", str(bob_db), "annotations", "import", str(wrong))
    assert code == 2 and "not a lawtracker annotations export" in err

    half_bad = tmp_path / "half.json"
    good = {
        "uuid": "0b7c3a52-8f0e-4d0e-9a0b-2f3c1d9e6a01",
        "measure_key": DECREE,
        "version": 1,
        "author": "carol",
        "created_at": "2026-01-01T00:00:00+00:00",
        "updated_at": "2026-01-01T00:00:00+00:00",
        "note": "fine",
    }
    half_bad.write_text(
        json.dumps({"schema": SCHEMA, "annotations": [good, {**good, "uuid": "nope"}]})
    )
    code, _, err = run(capsys, "--db", str(bob_db), "annotations", "import", str(half_bad))
    assert code == 2 and "annotation #2 is malformed" in err
    assert Annotations(bob_engine, author="bob").all_annotations() == []

    code, _, err = run(capsys, "--db", str(bob_db), "annotations", "import", str(tmp_path / "x"))
    assert code == 2 and "Cannot read" in err
