"""Annotations against the store's life: re-ingestion, a second instance, files, the report."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from lawtracker.domain.annotations import AnchorState, AnnotationInput, VersionAction
from lawtracker.gui.annotations.conflict import ConflictDialog
from lawtracker.gui.annotations.dialog import AnnotateDialog
from lawtracker.gui.annotations.field_edit import FieldEditDialog
from lawtracker.gui.main_window import MainWindow
from lawtracker.gui.views.timeline_lanes import FollowUpItem
from lawtracker.services.annotations import Annotations
from lawtracker.storage.db import make_engine

from .annotation_helpers import (
    BEFORE,
    IN_FORCE,
    INSERTED,
    annotation_highlights,
    decree_id,
    fill_dialog,
    ingest_changed_copy,
    open_window,
    select_text,
    show_decree,
)


@pytest.fixture
def window(qtbot, seeded_engine, seeded_db: Path, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, seeded_engine, seeded_db, tmp_path / "settings.ini")


@pytest.fixture(autouse=True)
def _no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def record(_parent, title, text, *args, **kwargs):
        shown.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", record)
    return shown


def test_span_annotation_is_highlighted_and_follows_a_new_version(
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    seeded_engine,
    seeds_dir: Path,
    tmp_path: Path,
) -> None:
    show_decree(window)
    select_text(window, IN_FORCE)
    anchor = window.detail.selection_anchor()
    assert anchor is not None and anchor.quote == IN_FORCE
    seen: list[AnnotateDialog] = []

    def save(dialog: AnnotateDialog) -> None:
        assert IN_FORCE in dialog.quote_label.text()
        dialog.note_edit.setPlainText("Is 1 January right?")
        dialog.ok_button.click()

    fill_dialog(monkeypatch, save, seen)
    window.actions.annotate_selection.trigger()
    assert seen
    assert window.annotations is not None
    detail = window.detail.detail()
    assert detail is not None
    [saved] = window.annotations.list_for(detail.key)
    assert saved.anchor is not None and saved.anchor.state == AnchorState.ATTACHED
    assert annotation_highlights(window) == [IN_FORCE]
    first_start = saved.anchor.start
    assert first_start is not None

    ingest_changed_copy(
        tmp_path / "v2", seeds_dir, seeded_engine, lambda t: t.replace(BEFORE, INSERTED + BEFORE)
    )
    window.refresh_all()
    window.select_measure(decree_id(window))
    moved = window.annotations.get(saved.id)
    assert moved.anchor is not None and moved.anchor.state == AnchorState.ATTACHED
    assert moved.anchor.start == first_start + len(INSERTED)
    assert moved.anchor.source_id != saved.anchor.source_id
    assert annotation_highlights(window) == [IN_FORCE]
    # Choosing the annotation in the list selects its span in the new text.
    listing = window.detail.annotation_list
    listing.tree.setCurrentItem(None)
    listing.tree.setCurrentItem(listing.tree.topLevelItem(0))
    assert window.detail.text_edit.textCursor().selectedText() == IN_FORCE


def test_a_corrected_date_survives_reingestion(
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    seeded_engine,
    seeds_dir: Path,
    tmp_path: Path,
) -> None:
    detail = show_decree(window)
    event_items = [
        window.detail.events_table.topLevelItem(i)
        for i in range(window.detail.events_table.topLevelItemCount())
    ]
    in_force = next(i for i in event_items if i is not None and i.text(0) == "In force")
    extracted = in_force.text(1)

    def correct(dialog: FieldEditDialog) -> int:
        assert dialog.field().name == "event:in_force"
        assert dialog.value_edit.text() == extracted
        dialog.value_edit.setText("2023-02-01")
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(FieldEditDialog, "exec", correct)
    window.detail.events_table.itemDoubleClicked.emit(in_force, 1)

    def check_edited() -> None:
        tree = window.detail.events_table
        items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        row = next(i for i in items if i is not None and i.text(0) == "In force")
        assert row.text(1) == "2023-02-01"
        assert row.font(1).italic()
        assert row.toolTip(1) == f"edited by user (alice); extracted value: {extracted}"

    check_edited()
    ingest_changed_copy(
        tmp_path / "v2", seeds_dir, seeded_engine, lambda t: t.replace(BEFORE, INSERTED + BEFORE)
    )
    window.refresh_all()
    window.select_measure(decree_id(window))
    again = window.detail.detail()
    assert again is not None and again.key == detail.key
    check_edited()


def _second_instance(seeded_db: Path) -> Annotations:
    return Annotations(make_engine(seeded_db), author="bob")


@pytest.mark.parametrize("choice", ["keep_both", "overwrite"])
def test_a_conflicting_save_from_another_instance_offers_keep_both_or_overwrite(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, seeded_db: Path, choice: str
) -> None:
    detail = show_decree(window)
    assert window.annotations is not None
    mine = window.annotations.create(detail.key, AnnotationInput(note="original"))
    window.select_measure(decree_id(window))
    window._show_measure(decree_id(window))
    bob = _second_instance(seeded_db)
    conflicts: list[ConflictDialog] = []

    def edit_while_bob_saves(dialog: AnnotateDialog) -> None:
        bob.update(mine.id, AnnotationInput(note="bob's note"), expected_version=mine.version)
        dialog.note_edit.setPlainText("alice's note")
        dialog.ok_button.click()

    def answer(dialog: ConflictDialog) -> int:
        conflicts.append(dialog)
        assert "bob's note" in dialog.theirs_text.toPlainText()
        assert "alice's note" in dialog.mine_text.toPlainText()
        button = dialog.keep_both_button if choice == "keep_both" else dialog.overwrite_button
        button.click()
        return dialog.result()

    fill_dialog(monkeypatch, edit_while_bob_saves)
    monkeypatch.setattr(ConflictDialog, "exec", answer)
    assert window.annotations is not None
    window._edit_annotation(mine.id)
    assert len(conflicts) == 1
    notes = sorted(a.note for a in window.annotations.list_for(detail.key))
    if choice == "keep_both":
        assert notes == ["alice's note", "bob's note"]
        copy = next(a for a in window.annotations.list_for(detail.key) if a.id != mine.id)
        assert copy.conflict_of == mine.uuid
    else:
        assert notes == ["alice's note"]
        history = window.annotations.history(mine.id)
        assert [(v.author, v.note) for v in history] == [
            ("alice", "original"),
            ("bob", "bob's note"),
            ("alice", "alice's note"),
        ]
    assert (
        sorted(
            window.detail.annotation_list.tree.topLevelItem(i).text(5)  # type: ignore[union-attr]
            for i in range(window.detail.annotation_list.tree.topLevelItemCount())
        )
        == notes
    )
    bob_engine = bob._engine
    bob_engine.dispose()


def test_deleting_what_another_instance_changed_asks_first(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, seeded_db: Path
) -> None:
    detail = show_decree(window)
    assert window.annotations is not None
    mine = window.annotations.create(detail.key, AnnotationInput(note="original"))
    window._show_measure(decree_id(window))
    bob = _second_instance(seeded_db)
    bob.update(mine.id, AnnotationInput(note="bob's note"), expected_version=1)

    def keep_theirs(dialog: ConflictDialog) -> int:
        assert dialog.conflict.action == VersionAction.DELETE
        dialog.keep_both_button.click()  # "Keep theirs"
        return dialog.result()

    monkeypatch.setattr(ConflictDialog, "exec", keep_theirs)
    window.detail.annotation_list.select(mine.id)
    window.detail.annotation_list.delete_button.click()
    [kept] = window.annotations.list_for(detail.key)
    assert kept.note == "bob's note" and not kept.deleted
    bob._engine.dispose()


def test_export_and_import_annotations_through_the_file_menu(
    window: MainWindow,
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
    seeded_db_template: Path,
    tmp_path: Path,
) -> None:
    detail = show_decree(window)
    assert window.annotations is not None
    window.annotations.create(
        detail.key, AnnotationInput(note="travels with the file", tags=("export",))
    )
    target = tmp_path / "out" / "notes"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Annotations (*.json)")
    )
    window.actions.export_annotations.trigger()
    written = target.with_suffix(".json")
    document = json.loads(written.read_text(encoding="utf-8"))
    assert [a["note"] for a in document["annotations"]] == ["travels with the file"]

    other_db = tmp_path / "other.sqlite3"
    shutil.copyfile(seeded_db_template, other_db)
    other_engine = make_engine(other_db)
    try:
        other = open_window(qtbot, other_engine, other_db, tmp_path / "other.ini", author="bob")
        monkeypatch.setattr(
            QFileDialog, "getOpenFileName", lambda *a, **k: (str(written), "Annotations (*.json)")
        )
        other.actions.import_annotations.trigger()
        assert "1 added" in other.statusBar().currentMessage()
        show_decree(other)
        assert other.annotations is not None
        [imported] = other.annotations.list_for(detail.key)
        assert (imported.note, imported.tags, imported.author) == (
            "travels with the file",
            ("export",),
            "alice",
        )
        assert other.detail.annotation_list.tree.topLevelItemCount() == 1
        other.close()
    finally:
        other_engine.dispose()


def test_review_report_pdf_contains_the_notes(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pypdf = pytest.importorskip("pypdf")
    detail = show_decree(window)
    assert window.annotations is not None
    window.annotations.create(
        detail.key,
        AnnotationInput(note="Confirm the <guarantee> & the deadline", tags=("tax",)),
    )
    target = tmp_path / "review"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    window.actions.export_report.trigger()
    pdf = target.with_suffix(".pdf")
    reader = pypdf.PdfReader(str(pdf))
    # NFKC: the PDF's text layer spells "fi" with the ligature glyph's code point.
    pages = (unicodedata.normalize("NFKC", page.extract_text() or "") for page in reader.pages)
    text = " ".join(" ".join(page.split()) for page in pages)
    assert "Confirm the <guarantee> & the deadline" in text
    assert " ".join(detail.title.split())[:30] in text
    assert "Key dates" in text


def test_follow_up_dates_are_their_own_timeline_markers(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    show_decree(window)

    def save(dialog: AnnotateDialog) -> None:
        dialog.note_edit.setPlainText("Call the ministry")
        dialog.follow_up_check.setChecked(True)
        dialog.follow_up_date.setDate(dt.date(2026, 1, 15))
        dialog.ok_button.click()

    fill_dialog(monkeypatch, save)
    window.actions.annotate.trigger()
    qtbot.waitUntil(lambda: not window.timeline_pane.is_loading())
    lanes = window.timeline_pane.view.lanes()
    follow_ups = [i for lane in lanes for i in lane.points if isinstance(i, FollowUpItem)]
    assert [(i.start, i.measure_id) for i in follow_ups] == [
        (dt.date(2026, 1, 15), decree_id(window))
    ]
    assert "follow_up" in [look for lane in lanes for look, _ in lane.point_looks]
    assert "follow-up" in window.timeline_pane.view.legend._SYMBOLS
