"""Annotating in the real window over a real seeded store: dialog, list, undo/redo, history."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QMessageBox

from lawtracker.domain.annotations import AnnotationInput, VersionAction
from lawtracker.domain.enums import ReviewStatus
from lawtracker.gui.annotations.dialog import AnnotateDialog
from lawtracker.gui.annotations.history import HistoryDialog
from lawtracker.gui.annotations.preferences import PreferencesDialog
from lawtracker.gui.annotations.texts import local_time
from lawtracker.gui.main_window import MainWindow
from lawtracker.gui.settings import WindowSettings

from .annotation_helpers import decree_id, fill_dialog, open_window, show_decree


@pytest.fixture
def window(qtbot, seeded_engine, seeded_db: Path, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, seeded_engine, seeded_db, tmp_path / "settings.ini")


@pytest.fixture(autouse=True)
def _no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A message box would block; record it instead (a test that expects none checks this)."""
    shown: list[str] = []

    def warning(_parent, title, text, *args, **kwargs):
        shown.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


def notes_of(window: MainWindow) -> list[str]:
    detail = window.detail.detail()
    assert detail is not None and window.annotations is not None
    return sorted(a.note for a in window.annotations.list_for(detail.key))


def test_create_edit_delete_with_undo_and_redo(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch, _no_message_boxes: list[str]
) -> None:
    show_decree(window)
    seen: list[AnnotateDialog] = []

    def first(dialog: AnnotateDialog) -> None:
        assert not dialog.ok_button.isEnabled()  # nothing entered yet
        qtbot.keyClicks(dialog.note_edit, "Check **the** guarantee")
        dialog.tags_edit.setText("tax, incentives")
        dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(ReviewStatus.IN_REVIEW))
        dialog.matter_edit.setText("ACME-14")
        assert dialog.ok_button.isEnabled()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    fill_dialog(monkeypatch, first, seen)
    window.actions.annotate.trigger()  # Ctrl+E
    assert window.actions.annotate.shortcut().toString() == "Ctrl+E"
    assert notes_of(window) == ["Check **the** guarantee"]
    listing = window.detail.annotation_list
    assert listing.tree.topLevelItemCount() == 1
    row = listing.tree.topLevelItem(0)
    assert row is not None
    [saved] = window.annotations.list_for(window.detail.detail().key)  # type: ignore[union-attr]
    assert row.text(1) == "alice"
    assert row.text(2) == local_time(saved.updated_at)  # shown in local time
    assert saved.updated_at.utcoffset().total_seconds() == 0  # stored in UTC
    assert saved.tags == ("incentives", "tax") and saved.matter == "ACME-14"
    assert saved.status == ReviewStatus.IN_REVIEW
    # The preview renders the Markdown.
    assert seen[0].preview.toPlainText() == "Check the guarantee"

    # Edit through the list's Edit button.
    def second(dialog: AnnotateDialog) -> None:
        assert dialog.note_edit.toPlainText() == "Check **the** guarantee"
        dialog.note_edit.setPlainText("Guarantee checked")
        dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(ReviewStatus.REVIEWED))
        dialog.ok_button.click()

    fill_dialog(monkeypatch, second)
    listing.tree.setCurrentItem(listing.tree.topLevelItem(0))
    listing.edit_button.click()
    assert notes_of(window) == ["Guarantee checked"]

    listing.tree.setCurrentItem(listing.tree.topLevelItem(0))
    listing.delete_button.click()
    assert notes_of(window) == []
    assert listing.tree.topLevelItemCount() == 0

    undo, redo = window.actions.undo, window.actions.redo
    assert undo.shortcut().toString() == "Ctrl+Z" and redo.shortcut().toString() == "Ctrl+Shift+Z"
    undo.trigger()  # the delete
    assert notes_of(window) == ["Guarantee checked"]
    assert listing.tree.topLevelItemCount() == 1
    undo.trigger()  # the edit
    assert notes_of(window) == ["Check **the** guarantee"]
    undo.trigger()  # the create
    assert notes_of(window) == []
    assert not undo.isEnabled()
    redo.trigger()
    assert notes_of(window) == ["Check **the** guarantee"]
    redo.trigger()
    assert notes_of(window) == ["Guarantee checked"]
    redo.trigger()
    assert notes_of(window) == []
    history = window.annotations.history(saved.id)  # type: ignore[union-attr]
    assert [v.action for v in history][:3] == [
        VersionAction.CREATE,
        VersionAction.EDIT,
        VersionAction.DELETE,
    ]
    assert len(history) == 9  # every undo and redo is a saved version too
    assert _no_message_boxes == []


def test_ok_is_disabled_until_valid_and_cancel_saves_nothing(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    show_decree(window)

    def cancel(dialog: AnnotateDialog) -> None:
        assert not dialog.ok_button.isEnabled()
        assert dialog.error_label.text()
        dialog.note_edit.setPlainText("   ")
        assert not dialog.ok_button.isEnabled()  # blank is not a note
        dialog.status_combo.setCurrentIndex(
            dialog.status_combo.findData(ReviewStatus.NEEDS_FOLLOW_UP)
        )
        assert dialog.ok_button.isEnabled()  # a status alone is worth saving
        dialog.cancel_button.click()

    fill_dialog(monkeypatch, cancel)
    assert window.annotate() is False
    assert notes_of(window) == []


# The completer's popup asks the offscreen platform for things it cannot do.
@pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing|propagateSizeHints)")
def test_tags_autocomplete_from_tags_already_used(window: MainWindow, qtbot) -> None:
    detail = show_decree(window)
    assert window.annotations is not None
    window.annotations.create(detail.key, AnnotationInput(note="a", tags=("tax-incentive",)))
    window.annotations.create(detail.key, AnnotationInput(note="b", tags=("tourism",)))
    dialog = AnnotateDialog(
        window, measure_title=detail.title, known_tags=window.annotations.all_tags()
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit = dialog.tags_edit
    qtbot.keyClicks(edit, "urgent, TA")
    completer = edit.tag_completer
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "tax-incentive"
    assert completer.popup().isVisible()
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert edit.text() == "urgent, tax-incentive, "
    assert dialog.value().tags == ("tax-incentive", "urgent")
    qtbot.keyClicks(edit, "zz")
    assert completer.completionCount() == 0
    dialog.close()


def test_note_preview_never_interprets_html(window: MainWindow, qtbot) -> None:
    detail = show_decree(window)
    dialog = AnnotateDialog(window, measure_title=detail.title)
    qtbot.addWidget(dialog)
    dialog.note_edit.setPlainText('<b>raw</b> <img src="http://example.invalid/x.png"> *ok*')
    document = dialog.preview.document()
    assert document.toPlainText() == '<b>raw</b> <img src="http://example.invalid/x.png"> ok'
    html = document.toHtml()
    assert "&lt;b&gt;raw&lt;/b&gt;" in html and "<img" not in html


def test_history_lists_versions_and_restores_one(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    detail = show_decree(window)
    service = window.annotations
    assert service is not None
    first = service.create(detail.key, AnnotationInput(note="first", tags=("a",)))
    service.update(first.id, AnnotationInput(note="second"), expected_version=1)
    window.select_measure(decree_id(window))
    window._show_measure(decree_id(window))  # re-read what another path saved
    listing = window.detail.annotation_list
    assert listing.select(first.id)
    shown: list[HistoryDialog] = []

    def restore_first(dialog: HistoryDialog) -> int:
        shown.append(dialog)
        tree = dialog.tree
        rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        assert [(r.text(0), r.text(1), r.text(3)) for r in rows if r] == [
            ("2", "alice", "edit"),
            ("1", "alice", "create"),
        ]
        assert not dialog.restore_button.isEnabled()  # the latest is what is saved now
        assert dialog.select_version(1)
        assert dialog.preview.toPlainText() == "first"
        dialog.restore_button.click()
        return dialog.result()

    monkeypatch.setattr(HistoryDialog, "exec", restore_first)
    listing.history_button.click()
    assert shown
    restored = service.get(first.id)
    assert (restored.note, restored.tags, restored.version) == ("first", ("a",), 3)
    window.actions.undo.trigger()
    assert service.get(first.id).note == "second"


def test_preferences_change_the_author_and_persist(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    detail = show_decree(window)

    def rename(dialog: PreferencesDialog) -> int:
        dialog.author_edit.setText("  Carol   Jones ")
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(PreferencesDialog, "exec", rename)
    window.actions.preferences.trigger()
    assert WindowSettings(tmp_path / "settings.ini").author() == "Carol Jones"

    def save(dialog: AnnotateDialog) -> None:
        dialog.note_edit.setPlainText("by Carol")
        dialog.ok_button.click()

    fill_dialog(monkeypatch, save)
    window.actions.annotate.trigger()
    assert window.annotations is not None
    [saved] = window.annotations.list_for(detail.key)
    assert saved.author == "Carol Jones"
    assert window.detail.annotation_list.tree.topLevelItem(0).text(1) == "Carol Jones"  # type: ignore[union-attr]


def test_list_context_menu_and_detail_button_offer_annotate(window: MainWindow) -> None:
    show_decree(window)
    assert window.detail.annotate_button.isVisible()
    assert window.list_pane.table.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    texts = [a.text() for a in edit_menu.actions()]
    assert {"&Undo", "&Redo", "&Annotate…", "Annotate &selection…"} <= set(texts)


def test_an_edited_field_is_shown_italic_with_the_extracted_value(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lawtracker.gui.annotations.field_edit import FieldEditDialog

    detail = show_decree(window)
    extracted = detail.title

    def correct(dialog: FieldEditDialog) -> int:
        assert dialog.field().name == "title"
        dialog.value_edit.setText("")
        assert not dialog.ok_button.isEnabled()  # a title cannot be empty
        dialog.value_edit.setText("Investment decree (corrected)")
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(FieldEditDialog, "exec", correct)
    window.detail.fieldEditRequested.emit("title")  # as a double-click on the title does
    label = window.detail.title_label
    assert label.text() == "Investment decree (corrected)"
    assert label.font().italic()
    assert label.toolTip() == f"edited by user (alice); extracted value: {extracted}"
    row = window.model.row_of_id(decree_id(window))
    assert row is not None
    index = window.model.index(row, 0)
    assert index.data() == "Investment decree (corrected)"
    font = index.data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()

    def revert(dialog: FieldEditDialog) -> int:
        assert dialog.revert_button.isEnabled()
        dialog.revert_button.click()
        return dialog.result()

    monkeypatch.setattr(FieldEditDialog, "exec", revert)
    window.actions.edit_field.trigger()  # opens on the first field: the title
    assert label.text() == extracted and not label.font().italic()


def test_sidebar_maps_review_controls_to_the_filter(window: MainWindow) -> None:
    """The GUI half of the review filters; the catalog's half is in test_annotations_catalog."""
    import datetime as dt

    from lawtracker.gui.settings import filter_from_json, filter_to_json

    detail = show_decree(window)
    assert window.annotations is not None
    sidebar = window.sidebar
    window.finish_startup()
    assert sidebar.tag_list.isHidden() and not sidebar.no_tags_hint.isHidden()  # no tags yet
    window.annotations.create(detail.key, AnnotationInput(note="n", tags=("tax",)))
    window._annotations_changed(detail.key)
    assert [sidebar.tag_list.item(i).text() for i in range(sidebar.tag_list.count())] == ["tax"]
    assert not sidebar.tag_list.isHidden() and sidebar.no_tags_hint.isHidden()
    with_signal = []
    sidebar.filterChanged.connect(with_signal.append)
    sidebar.tag_list.item(0).setCheckState(Qt.CheckState.Checked)
    sidebar.status_list.item(3).setCheckState(Qt.CheckState.Checked)
    sidebar.annotated_combo.setCurrentIndex(1)
    sidebar.follow_up_check.setChecked(True)
    sidebar.follow_up_date.setDate(dt.date(2026, 1, 31))
    flt = with_signal[-1]
    assert flt.tags == frozenset({"tax"})
    assert flt.review_statuses == frozenset({ReviewStatus.NEEDS_FOLLOW_UP})
    assert flt.annotated is True
    assert flt.follow_up_by == dt.date(2026, 1, 31)
    assert window.filter.tags == frozenset({"tax"})  # the window queries with it
    assert filter_from_json(filter_to_json(flt)) == flt  # and it persists
    sidebar.reset()
    assert with_signal[-1].tags == frozenset() and with_signal[-1].annotated is None
