"""Add a regime, or a new version of one for a newer decree, as a user rule file.

The file is prefilled (the chosen regime with its version raised, or a blank
regime) and checked against the rule schema as the user types; problems are
listed inline. Saved files carry "manual" provenance and their quotes are
verified against the stored sources like the bundled ones.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lawtracker.domain.rules import Regime
from lawtracker.errors import UserFacingError
from lawtracker.gui.incentives.port import RulesPort

NEW = "A new regime"


class AddRegimeDialog(QDialog):
    """Edit a rule file; Save stays disabled until the schema accepts it.

    Args:
        rules: the engine port (template, check and save).
        base: the regime to start a new version from (``None``: a new regime).

    Attributes:
        added: the stored regime after a successful save.
    """

    def __init__(
        self, parent: QWidget | None = None, *, rules: RulesPort, base: Regime | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a regime or a new version")
        self.setAccessibleName("Add a regime or a new version")
        self.rules = rules
        self.added: Regime | None = None
        self.base_combo = QComboBox()
        self.base_combo.setAccessibleName("Start from")
        self.base_combo.addItem(NEW, None)
        latest: dict[str, Regime] = {}
        for regime in rules.regimes():
            latest.setdefault(regime.id, regime)
        for regime in latest.values():
            self.base_combo.addItem(f"A new version of {regime.title} (v{regime.version})", regime)
        if base is not None:
            index = self.base_combo.findText(base.title, Qt.MatchFlag.MatchContains)
            self.base_combo.setCurrentIndex(max(index, 0))
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Rule file")
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.problems_label = QLabel()
        self.problems_label.setAccessibleName("Rule file problems")
        self.problems_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problems_label.setWordWrap(True)
        bold = QFont(self.problems_label.font())
        bold.setBold(True)
        self.problems_label.setFont(bold)
        help_label = QLabel(
            "Change the figures and the quotes (copied from the newer decree's text as stored). "
            "A quote that is not found in the source leaves the regime marked unverified."
        )
        help_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save the regime")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName("Cancel")

        form = QFormLayout()
        start_label = QLabel("&Start from:")
        start_label.setBuddy(self.base_combo)
        form.addRow(start_label, self.base_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(help_label)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.buttons)
        self.base_combo.currentIndexChanged.connect(self._base_changed)
        self.editor.textChanged.connect(self.validate)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._base_changed()
        self.resize(760, 620)

    def _base_changed(self, *_: object) -> None:
        self.editor.setPlainText(self.rules.regime_template(self.base_combo.currentData()))

    def validate(self) -> bool:
        problems = self.rules.check_regime(self.editor.toPlainText())
        self.problems_label.setText("\n".join(f"⚠ {p}" for p in problems[:8]))
        self.problems_label.setVisible(bool(problems))
        self.save_button.setEnabled(not problems)
        return not problems

    def save(self) -> None:
        if not self.validate():
            return
        try:
            self.added = self.rules.add_regime(self.editor.toPlainText())
        except UserFacingError as exc:
            self.problems_label.setText(f"⚠ {exc}")
            self.problems_label.show()
            return
        self.accept()


def run_add_regime(parent: QWidget, rules: RulesPort, *, base: Regime | None) -> Regime | None:
    dialog = AddRegimeDialog(parent, rules=rules, base=base)
    dialog.exec()
    return dialog.added
