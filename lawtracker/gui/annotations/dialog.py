"""The "Annotate…" dialog: a note, tags, a review status, a matter and a follow-up date.

Built in code with its buttons as attributes (tests press them); OK stays
disabled until :meth:`AnnotateDialog.validate` passes. The note preview is
Markdown with HTML disabled, so pasted markup shows as text. Given a ``save``
callable, the dialog saves on OK and stays open with the text when the store
refuses the save (a full disk, a read-only file): the note is never lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QDate, QStringListModel, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lawtracker.domain.annotations import (
    AnchorInput,
    AnnotationConflict,
    AnnotationInput,
    normalise_tags,
)
from lawtracker.domain.enums import ReviewStatus
from lawtracker.errors import UserFacingError
from lawtracker.gui.annotations.texts import STATUS_NAMES, render_note
from lawtracker.gui.dialogs.save_failure import report_failure
from lawtracker.gui.safe_text import SafeTextBrowser


def split_tags(text: str) -> tuple[str, ...]:
    """Comma-separated tags as typed, normalised as the service stores them."""
    return normalise_tags(text.split(","))


class TagEdit(QLineEdit):
    """Comma-separated tags; the completer offers known tags for the tag being typed."""

    def __init__(self, known: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Tags")
        self.setPlaceholderText("tags, separated by commas")
        # Parented, so that Python's collector does not take the model from the completer.
        self.tag_model = QStringListModel(list(known), self)
        self.tag_completer = QCompleter(self.tag_model, self)
        self.tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tag_completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.tag_completer.setWidget(self)
        self.tag_completer.activated.connect(self.insert_completion)
        self.textEdited.connect(self._offer)

    def current_prefix(self) -> str:
        """The tag being typed: the text after the last comma."""
        return self.text().rsplit(",", 1)[-1].strip()

    def _offer(self, _text: str) -> None:
        prefix = self.current_prefix()
        if not prefix:
            self.tag_completer.popup().hide()
            return
        self.tag_completer.setCompletionPrefix(prefix)
        if self.tag_completer.completionCount():
            self.tag_completer.complete()
        else:
            self.tag_completer.popup().hide()

    def insert_completion(self, tag: str) -> None:
        """Replace the tag being typed by ``tag`` (earlier tags stay)."""
        head = self.text().rsplit(",", 1)[0] if "," in self.text() else ""
        parts = [*split_tags(head), tag] if head else [tag]
        self.setText(", ".join(parts) + ", ")


class AnnotateDialog(QDialog):
    """Edit one annotation of ``measure_title``.

    Args:
        measure_title: shown in the title bar and heading.
        known_tags: tags used anywhere in the store, for completion.
        initial: the annotation being edited (``None`` for a new one).
        anchor: the text span a new annotation is attached to, if any.
        save: called with :meth:`value` on OK; its result is kept in :attr:`saved`. A
            :class:`UserFacingError` keeps the dialog open (after a message box); an
            :class:`AnnotationConflict` closes it with :attr:`conflict` set.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        measure_title: str,
        known_tags: Sequence[str] = (),
        initial: AnnotationInput | None = None,
        anchor: AnchorInput | None = None,
        save: Callable[[AnnotationInput], Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.saved: Any = None
        self.conflict: AnnotationConflict | None = None
        self.setWindowTitle(("Edit annotation" if initial else "Annotate") + " — " + measure_title)
        self.setAccessibleName("Annotation")
        self._anchor = anchor if anchor is not None else (initial.anchor if initial else None)

        heading = QLabel(measure_title)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        heading.setAccessibleName("Measure")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.quote_label = QLabel()
        self.quote_label.setTextFormat(Qt.TextFormat.PlainText)
        self.quote_label.setWordWrap(True)
        self.quote_label.setAccessibleName("Annotated text")
        self.quote_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        if self._anchor is not None:
            quote = " ".join(self._anchor.quote.split())
            self.quote_label.setText(f"On the text: “{quote[:300]}”")
        self.quote_label.setVisible(self._anchor is not None)

        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setPlaceholderText("Note (plain text or Markdown)")
        self.note_edit.setTabChangesFocus(True)
        self.preview = SafeTextBrowser()
        self.preview.setAccessibleName("Note preview")
        self.preview.setOpenLinks(False)  # no navigation, no network: a preview only
        self.preview.setOpenExternalLinks(False)
        self.tags_edit = TagEdit(known_tags)
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Review status")
        for status, name in STATUS_NAMES.items():
            self.status_combo.addItem(name, status)
        self.matter_edit = QLineEdit()
        self.matter_edit.setAccessibleName("Client or matter reference")
        self.matter_edit.setPlaceholderText("e.g. ACME-2025-014")
        self.follow_up_check = QCheckBox("Follow up on")
        self.follow_up_check.setAccessibleName("Set a follow-up date")
        self.follow_up_date = QDateEdit()
        self.follow_up_date.setAccessibleName("Follow-up date")
        self.follow_up_date.setDisplayFormat("yyyy-MM-dd")
        self.follow_up_date.setCalendarPopup(True)
        self.follow_up_date.setDate(QDate.currentDate().addDays(14))
        self.follow_up_date.setEnabled(False)
        self.error_label = QLabel()
        self.error_label.setAccessibleName("Why the annotation cannot be saved")
        self.error_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.error_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert ok is not None and cancel is not None
        self.ok_button: QPushButton = ok
        self.cancel_button: QPushButton = cancel
        self.ok_button.setText("Save")
        self.ok_button.setAccessibleName("Save the annotation")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        notes = QSplitter(Qt.Orientation.Horizontal)
        notes.addWidget(self.note_edit)
        notes.addWidget(self.preview)
        notes.setChildrenCollapsible(False)
        form = QFormLayout()
        form.addRow("&Tags:", self.tags_edit)
        form.addRow("&Review status:", self.status_combo)
        form.addRow("&Matter:", self.matter_edit)
        follow = QHBoxLayout()
        follow.addWidget(self.follow_up_check)
        follow.addWidget(self.follow_up_date)
        follow.addStretch(1)
        form.addRow("", follow)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.quote_label)
        note_label = QLabel("&Note (Markdown allowed; preview on the right):")
        note_label.setBuddy(self.note_edit)
        layout.addWidget(note_label)
        layout.addWidget(notes, 1)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(680, 480)

        if initial is not None:
            self.set_value(initial)
        self.note_edit.textChanged.connect(self._changed)
        self.tags_edit.textChanged.connect(self._changed)
        self.status_combo.currentIndexChanged.connect(self._changed)
        self.matter_edit.textChanged.connect(self._changed)
        self.follow_up_check.toggled.connect(self.follow_up_date.setEnabled)
        self.follow_up_check.toggled.connect(self._changed)
        self._changed()
        self.note_edit.setFocus()

    # -- values --------------------------------------------------------------------------

    def set_value(self, data: AnnotationInput) -> None:
        self.note_edit.setPlainText(data.note)
        self.tags_edit.setText(", ".join(data.tags))
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(data.status), 0))
        self.matter_edit.setText(data.matter or "")
        self.follow_up_check.setChecked(data.follow_up is not None)
        self.follow_up_date.setEnabled(data.follow_up is not None)
        if data.follow_up is not None:
            day = data.follow_up
            self.follow_up_date.setDate(QDate(day.year, day.month, day.day))

    def value(self) -> AnnotationInput:
        """What the user entered, with the span (if any) it is attached to."""
        follow_up: dt.date | None = None
        if self.follow_up_check.isChecked():
            follow_up = self.follow_up_date.date().toPython()  # type: ignore[assignment]
        return AnnotationInput(
            note=self.note_edit.toPlainText().strip(),
            tags=split_tags(self.tags_edit.text()),
            status=ReviewStatus(self.status_combo.currentData()),
            matter=self.matter_edit.text().strip() or None,
            follow_up=follow_up,
            anchor=self._anchor,
        )

    def validate(self) -> str:
        """Why the annotation cannot be saved yet; empty when it can."""
        data = self.value()
        empty = not (data.note or data.tags or data.matter or data.follow_up)
        if empty and data.status == ReviewStatus.UNREVIEWED:
            return "Write a note, add a tag or a matter, set a status or a follow-up date."
        if len(data.note) > 100_000:
            return "The note is too long (100,000 characters at most)."
        return ""

    def accept(self) -> None:
        """Save first when given ``save``: close only once the store has the annotation."""
        if self._save is not None:
            try:
                self.saved = self._save(self.value())
            except AnnotationConflict as conflict:
                self.conflict = conflict  # the caller asks "keep both or overwrite"
            except UserFacingError as exc:
                self.error_label.setText(str(exc))
                report_failure(self, "Cannot save the annotation", exc)
                return
        super().accept()

    def _changed(self, *_: object) -> None:
        render_note(self.preview.document(), self.note_edit.toPlainText())
        problem = self.validate()
        self.error_label.setText(problem)
        self.ok_button.setEnabled(not problem)
