"""Someone else saved the annotation first: show both sides, keep both or overwrite."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lawtracker.domain.annotations import AnnotationConflict, AnnotationInput, AnnotationView
from lawtracker.gui.annotations.texts import STATUS_NAMES, local_time


class Choice(StrEnum):
    KEEP_BOTH = "keep_both"
    OVERWRITE = "overwrite"
    CANCEL = "cancel"


def describe(data: AnnotationInput | AnnotationView | None, *, deleted: bool = False) -> str:
    """Plain text of one side of the conflict."""
    if data is None:
        return "(you deleted it)"
    if deleted:
        return "(deleted)\n\n" + describe(data)
    lines = [f"Status: {STATUS_NAMES[data.status]}"]
    if data.tags:
        lines.append("Tags: " + ", ".join(data.tags))
    if data.matter:
        lines.append(f"Matter: {data.matter}")
    if data.follow_up:
        lines.append(f"Follow up: {data.follow_up.isoformat()}")
    return "\n".join(lines) + "\n\n" + data.note


class ConflictDialog(QDialog):
    """Both versions side by side; :attr:`choice` says what the user picked.

    Nothing is lost either way: "Keep both" saves yours as a new annotation,
    "Overwrite" saves yours over theirs (theirs stays in the history).
    """

    def __init__(self, parent: QWidget | None, *, conflict: AnnotationConflict) -> None:
        super().__init__(parent)
        self.setWindowTitle("The annotation was changed elsewhere")
        self.setAccessibleName("Annotation conflict")
        self.conflict = conflict
        self.choice = Choice.CANCEL
        theirs = conflict.theirs
        message = QLabel(f"{conflict} Choose what to keep; the other version stays in the history.")
        message.setTextFormat(Qt.TextFormat.PlainText)
        message.setWordWrap(True)
        self.mine_text = self._box("Your version", describe(conflict.mine))
        self.theirs_text = self._box("Their version", describe(theirs, deleted=theirs.deleted))
        grid = QGridLayout()
        grid.addWidget(QLabel("Yours:"), 0, 0)
        grid.addWidget(QLabel(f"Theirs ({theirs.author}, {local_time(theirs.updated_at)}):"), 0, 1)
        grid.addWidget(self.mine_text, 1, 0)
        grid.addWidget(self.theirs_text, 1, 1)
        self.keep_both_button = QPushButton("&Keep both")
        self.keep_both_button.setAccessibleName("Keep both versions")
        self.keep_both_button.setToolTip("Save yours as a new annotation beside theirs")
        self.overwrite_button = QPushButton("&Overwrite theirs")
        self.overwrite_button.setAccessibleName("Overwrite their version")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel: do not save mine")
        if conflict.mine is None:  # a deletion: there is nothing of mine to keep beside theirs
            self.keep_both_button.setText("&Keep theirs")
            self.keep_both_button.setToolTip("Do not delete it")
        self.keep_both_button.clicked.connect(lambda: self._choose(Choice.KEEP_BOTH))
        self.overwrite_button.clicked.connect(lambda: self._choose(Choice.OVERWRITE))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QGridLayout()
        buttons.addWidget(self.keep_both_button, 0, 0)
        buttons.addWidget(self.overwrite_button, 0, 1)
        buttons.addWidget(self.cancel_button, 0, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addLayout(grid, 1)
        layout.addLayout(buttons)
        self.keep_both_button.setDefault(True)
        self.resize(640, 360)

    @staticmethod
    def _box(name: str, text: str) -> QPlainTextEdit:
        box = QPlainTextEdit(text)
        box.setReadOnly(True)
        box.setAccessibleName(name)
        return box

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()
