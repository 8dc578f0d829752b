"""Preferences: the name annotations and corrections are saved under."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class PreferencesDialog(QDialog):
    """Edit the author name; empty means "my OS user name" (``default_name``)."""

    def __init__(self, parent: QWidget | None, *, author: str, default_name: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setAccessibleName("Preferences")
        self.author_edit = QLineEdit(author)
        self.author_edit.setAccessibleName("Author name")
        self.author_edit.setPlaceholderText(default_name)
        hint = QLabel(f"Saved with every annotation. Empty: your user name ({default_name}).")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        self.ok_button: QPushButton = ok
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Author:", self.author_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def author(self) -> str:
        return " ".join(self.author_edit.text().split())
