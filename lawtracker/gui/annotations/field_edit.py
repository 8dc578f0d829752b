"""Correct one extracted field of a measure (title, number, a date, a quantity).

The service validates and stores the value; this dialog only collects it and
shows what extraction said, so the user knows what "Revert" brings back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lawtracker.domain.annotations import (
    AUTHORITY,
    NUMBER,
    TITLE,
    InvalidEditError,
    event_field,
    quantity_fields,
    validate_edit,
)
from lawtracker.domain.catalog import MeasureDetail
from lawtracker.errors import UserFacingError
from lawtracker.gui.dialogs.save_failure import report_failure
from lawtracker.gui.labels import number, words


@dataclass(frozen=True, slots=True)
class EditableField:
    """One field the user may correct, with its shown value and whether it is edited."""

    name: str
    label: str
    value: str
    edited: bool
    original: str | None = None


def editable_fields(
    detail: MeasureDetail, originals: dict[str, str | None] | None = None
) -> list[EditableField]:
    """The fields of ``detail`` a user can correct, with what is shown now.

    ``originals`` maps edited field names to the extracted value at the time of the edit.
    """
    originals = originals or {}

    def make(name: str, label: str, value: str) -> EditableField:
        return EditableField(name, label, value, name in detail.edited, originals.get(name))

    fields = [
        make(TITLE, "Title", detail.title),
        make(NUMBER, "Number", detail.number or ""),
        make(AUTHORITY, "Authority", detail.authority or ""),
    ]
    seen: set[str] = set()
    for event in detail.events:
        name = event_field(event.kind)
        if name not in seen:
            seen.add(name)
            shown = event.date.isoformat() if event.date else ""
            fields.append(make(name, f"Date: {words(event.kind).lower()}", shown))
    for name, quantity in zip(quantity_fields(detail.quantities), detail.quantities, strict=True):
        label = f"Quantity: {quantity.text} ({quantity.unit})"
        fields.append(make(name, label, number(quantity.value)))
    return fields


class FieldEditDialog(QDialog):
    """Pick a field, type the right value; or revert an edited one to the extracted value.

    After ``exec``: :attr:`reverted` is True for "Revert", else :meth:`value` is the new value.

    Args:
        save: ``save(field name, value)`` (``None`` to revert) on OK or Revert; when the
            store refuses, the dialog says why and stays open with the typed value.
    """

    def __init__(
        self,
        parent: QWidget | None,
        *,
        fields: Sequence[EditableField],
        initial: str | None = None,
        save: Callable[[str, str | None], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle("Correct an extracted field")
        self.setAccessibleName("Correct a field")
        self._fields = list(fields)
        self.reverted = False
        self.field_combo = QComboBox()
        self.field_combo.setAccessibleName("Field")
        for field in self._fields:
            self.field_combo.addItem(
                field.label + (" (edited)" if field.edited else ""), field.name
            )
        self.value_edit = QLineEdit()
        self.value_edit.setAccessibleName("Correct value")
        self.original_label = QLabel()
        self.original_label.setTextFormat(Qt.TextFormat.PlainText)
        self.original_label.setWordWrap(True)
        self.original_label.setAccessibleName("Extracted value")
        self.original_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.error_label = QLabel()
        self.error_label.setAccessibleName("Why the value cannot be saved")
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert ok is not None and cancel is not None
        self.ok_button: QPushButton = ok
        self.cancel_button: QPushButton = cancel
        self.ok_button.setText("Save")
        self.revert_button = QPushButton("&Revert to extracted")
        self.revert_button.setAccessibleName("Revert to the extracted value")
        buttons.addButton(self.revert_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.revert_button.clicked.connect(self._revert)
        form = QFormLayout()
        form.addRow("&Field:", self.field_combo)
        form.addRow("&Value:", self.value_edit)
        form.addRow("", self.original_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.field_combo.currentIndexChanged.connect(self._field_chosen)
        self.value_edit.textChanged.connect(self._validate)
        index = self.field_combo.findData(initial) if initial else 0
        self.field_combo.setCurrentIndex(max(index, 0))
        self._field_chosen(self.field_combo.currentIndex())
        self.resize(520, 180)

    def field(self) -> EditableField:
        return self._fields[self.field_combo.currentIndex()]

    def value(self) -> str:
        return self.value_edit.text().strip()

    def _field_chosen(self, _index: int) -> None:
        field = self.field()
        self.value_edit.setText(field.value)
        self.value_edit.selectAll()
        if field.edited:
            self.original_label.setText(
                f"Edited by a user; extracted value: {field.original or '—'}"
            )
        else:
            self.original_label.setText("Extracted from the source text.")
        self.revert_button.setEnabled(field.edited)
        self._validate()

    def _validate(self, *_: object) -> None:
        try:
            validate_edit(self.field().name, self.value())
            problem = ""
        except InvalidEditError as exc:
            problem = str(exc)
        self.error_label.setText(problem)
        self.ok_button.setEnabled(not problem)

    def accept(self) -> None:
        """Save first when given ``save``; close only once the store has the change."""
        if self._save is not None:
            try:
                self._save(self.field().name, None if self.reverted else self.value())
            except UserFacingError as exc:
                self.reverted = False
                self.error_label.setText(str(exc))
                report_failure(self, "Cannot save the correction", exc)
                return
        super().accept()

    def _revert(self) -> None:
        self.reverted = True
        self.accept()
