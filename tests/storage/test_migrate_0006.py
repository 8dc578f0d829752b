"""Revision 0006 on a store made by the lawtracker before it (git revision 6748112).

The old store is built by the old code itself, in a subprocess over ``git archive``
of that revision: its migrations (up to 0005), its extractor writing ``XX`` for a
text of no country, its annotations service. Then today's code upgrades it.
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from contextlib import closing
from pathlib import Path

import pytest

from lawtracker.domain.catalog import MeasureFilter
from lawtracker.services.annotations import Annotations
from lawtracker.services.catalog import Catalog
from lawtracker.storage.db import make_engine, session_scope
from lawtracker.storage.migrate import (
    current_revision,
    head_revision,
    schema_differences,
    upgrade_to_head,
)
from lawtracker.storage.search import search_measure_ids

REPO_ROOT = Path(__file__).resolve().parents[2]
OLD_REVISION = "6748112"
SEEDS = REPO_ROOT / "seeds"

# Run by the old code: a store at its head (0005), the seeds plus a PACE declaration
# with every country name removed (the old extractor files it under "XX"), annotations
# with history on seed measures and on an XX measure, and a user edit.
_BUILD_OLD_STORE = r"""
import json, re, sys
from pathlib import Path
from lawtracker.domain.annotations import AnnotationInput
from lawtracker.domain.enums import ReviewStatus
from lawtracker.domain.jurisdictions import _NAMES
from lawtracker.ingestion.pipeline import ingest_paths
from lawtracker.services.annotations import Annotations
from lawtracker.storage.db import make_engine
from lawtracker.storage.migrate import upgrade_to_head

db, seeds, work = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
text = (seeds / "004_3e24798ba003c5d8.txt").read_text(encoding="utf-8")
for name in sorted(_NAMES, key=len, reverse=True):
    text = re.sub(re.escape(name), "the member State", text, flags=re.I)
(work / "pace_no_country.txt").write_text(text, encoding="utf-8")
engine = make_engine(db)
revision = upgrade_to_head(engine).to_revision
report = ingest_paths([seeds, work / "pace_no_country.txt"], engine=engine)
assert not report.failed, report.summary()
notes = Annotations(engine, author="old version")
keys = [row[0] for row in engine.connect().exec_driver_sql(
    "SELECT key FROM measure ORDER BY key").all()]
xx = [k for k in keys if k.startswith("xx/")]
chosen = ["az/decree/1913", "az/law/619-viqd", "kz/amnesty_act/2025-06-23", *xx]
for key in chosen:
    first = notes.create(key, AnnotationInput(note=f"note on {key}", tags=("client-a",)))
    notes.update(first.id, AnnotationInput(
        note=f"note on {key}, checked", tags=("client-a", "urgent"),
        status=ReviewStatus.REVIEWED), expected_version=first.version)
notes.edit_field("az/decree/1913", "title", "Decree 1913 (title corrected by hand)")
engine.dispose()
print(json.dumps({"revision": revision, "keys": keys, "annotated": chosen, "xx": xx}))
"""


def _old_tree(folder: Path) -> Path:
    """The ``lawtracker`` package as it was at :data:`OLD_REVISION`."""
    if shutil.which("git") is None:
        pytest.skip("git is needed to build a store with the previous version")
    archive = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "archive", OLD_REVISION, "lawtracker"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        pytest.skip(f"revision {OLD_REVISION} is not in this checkout")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return folder


@pytest.fixture(scope="session")
def old_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A store written by the previous version (built once), and what the builder did."""
    root = tmp_path_factory.mktemp("old-version")
    code = _old_tree(root / "code")
    work = root / "work"
    work.mkdir()
    db = root / "old.sqlite3"
    done = subprocess.run(
        [sys.executable, "-c", _BUILD_OLD_STORE, str(db), str(SEEDS), str(work)],
        cwd=root,
        env={"PYTHONPATH": str(code), "LAWTRACKER_DATA_DIR": str(root / "data"), "PATH": ""},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    built = json.loads(done.stdout.strip().splitlines()[-1])
    with closing(sqlite3.connect(db)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db, built


def _rows(path: Path, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql).fetchall()


_ANNOTATIONS = (
    "SELECT uuid, measure_key, version, note, status, author FROM annotation ORDER BY uuid"
)
_VERSIONS = "SELECT annotation_id, version, note, tags, status FROM annotation_version ORDER BY id"


@pytest.fixture
def upgraded(old_store: tuple[Path, dict], tmp_path: Path) -> tuple[Path, dict, object]:
    """A private copy of the old store, upgraded by today's code."""
    source, built = old_store
    path = tmp_path / "lawtracker.sqlite3"
    shutil.copyfile(source, path)
    before = {
        "annotations": _rows(path, _ANNOTATIONS),
        "versions": _rows(path, _VERSIONS),
        "tags": _rows(path, "SELECT * FROM annotation_tag ORDER BY annotation_id, folded"),
        "edits": _rows(path, "SELECT measure_key, field, value FROM user_edit"),
        "measures": _rows(path, "SELECT id, key, jurisdiction FROM measure ORDER BY id"),
    }
    engine = make_engine(path)
    outcome = upgrade_to_head(engine)
    engine.dispose()
    return path, {**built, "before": before}, outcome


def test_the_old_store_is_at_0005_with_xx_measures(old_store: tuple[Path, dict]) -> None:
    path, built = old_store
    assert built["revision"] == "0005_list_filter_index"
    assert built["xx"], "the old extractor should have written XX for the PACE text"
    assert _rows(path, "SELECT count(*) FROM annotation") == [(len(built["annotated"]),)]


def test_upgrade_backs_up_the_old_file_first(upgraded) -> None:
    _path, built, outcome = upgraded
    assert outcome.from_revision == "0005_list_filter_index"
    assert outcome.to_revision == head_revision() == "0006_measure_role_aliases"
    backup = outcome.backup_path
    assert backup is not None and backup.name.startswith(
        "lawtracker.sqlite3.backup-0005_list_filter_index-"
    )
    # The backup is the old store, whole: old revision, XX rows, every annotation.
    assert _rows(backup, "SELECT version_num FROM alembic_version") == [("0005_list_filter_index",)]
    assert (
        _rows(backup, "SELECT id, key, jurisdiction FROM measure ORDER BY id")
        == (built["before"]["measures"])
    )
    assert _rows(backup, _ANNOTATIONS) == built["before"]["annotations"]


def test_upgrade_keeps_every_annotation_version_tag_and_edit(upgraded) -> None:
    path, built, _ = upgraded
    before = built["before"]
    assert _rows(path, _ANNOTATIONS) == before["annotations"]
    assert _rows(path, _VERSIONS) == before["versions"]
    assert (
        _rows(path, "SELECT * FROM annotation_tag ORDER BY annotation_id, folded")
        == (before["tags"])
    )
    assert _rows(path, "SELECT measure_key, field, value FROM user_edit") == before["edits"]
    # And today's services read them on the measures they were made on.
    engine = make_engine(path)
    try:
        notes = Annotations(engine, author="new version")
        catalog = Catalog(engine)
        for key in built["annotated"]:
            (view,) = notes.list_for(key)
            assert view.note == f"note on {key}, checked"
            assert set(view.tags) == {"client-a", "urgent"}
            assert catalog.measure_id_for_key(key) is not None
        decree = catalog.measure_detail(catalog.measure_id_for_key("az/decree/1913"))
        assert decree.title == "Decree 1913 (title corrected by hand)"
    finally:
        engine.dispose()


def test_upgrade_turns_xx_into_null_and_fills_role_and_confidence(upgraded) -> None:
    path, built, _ = upgraded
    ids_before = [(i, key) for i, key, _ in built["before"]["measures"]]
    assert _rows(path, "SELECT id, key FROM measure ORDER BY id") == ids_before
    assert _rows(path, "SELECT count(*) FROM measure WHERE jurisdiction = 'XX'") == [(0,)]
    nulls = {key for (key,) in _rows(path, "SELECT key FROM measure WHERE jurisdiction IS NULL")}
    assert nulls == set(built["xx"])
    assert _rows(path, "SELECT DISTINCT role, confidence FROM measure") == [("primary", 1.0)]
    assert _rows(path, "SELECT count(*) FROM measure_key_alias") == [(0,)]
    engine = make_engine(path)
    try:
        catalog = Catalog(engine)
        assert None in catalog.facets().jurisdictions
        international = catalog.measure_ids(MeasureFilter(jurisdictions=frozenset({None})))
        keys = {row.key for row in catalog.measure_rows(international)}
        assert keys == set(built["xx"])
    finally:
        engine.dispose()


def test_upgraded_schema_matches_a_new_store_and_stays_searchable(upgraded) -> None:
    path, _, _ = upgraded
    engine = make_engine(path)
    try:
        assert current_revision(engine) == head_revision()
        assert schema_differences(engine) == []
        with session_scope(engine) as session:
            assert search_measure_ids(session, "1913")
            assert search_measure_ids(session, "tobacco")
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    finally:
        engine.dispose()
    # Batch mode copied the table: the list's case-insensitive title index is back as 0004
    # made it, and the list's filter index is there.
    indexes = dict(_rows(path, "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'measure'"))
    assert "COLLATE NOCASE" in indexes["ix_measure_title_nocase"]
    assert "ix_measure_list_filter" in indexes
