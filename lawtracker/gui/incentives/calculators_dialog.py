"""Tools ▸ Calculators…: one page per quantified rule, inputs in, tier/range/date out.

Each page knows which inputs its rule kind reads; the figures come from the rule
files through the engine. Wrong inputs give an inline message, never an
exception, and every result shows the clause it rests on (a link to the source).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lawtracker.domain.rules import CalculationResult, Clause, Regime
from lawtracker.errors import UserFacingError
from lawtracker.gui.incentives.clause_link import ShowClause
from lawtracker.gui.incentives.comparison_model import UNVERIFIED_MARK, clause_tooltip
from lawtracker.gui.incentives.port import CalculatorInputs, RulesPort
from lawtracker.gui.incentives.scenario_inputs import parse_decimal

#: Page titles per rule kind (the order of the page list).
KIND_TITLES = {
    "money_transfer": "Money-transfer liability",
    "salary_withholding": "Salary withholding cap",
    "never_convicted": "Legal entity: never convicted from",
    "tobacco_exemption": "Tobacco marking duty exemption",
    "amnesty_window": "Amnesty implementation window",
    "benefit_end": "Certificate and benefit end dates",
}
BENEFIT_END = "benefit_end"


def no_default_buttons(dialog: QDialog) -> None:
    """Enter in an input computes (``returnPressed``); it must not also press Close or Add."""
    for button in dialog.findChildren(QPushButton):
        button.setAutoDefault(False)
        button.setDefault(False)


def _plain(name: str) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    return label


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(name)
    edit.setDate(QDate.currentDate())
    return edit


@dataclass
class _Inputs:
    amount: QLineEdit | None = None
    second_amount: QLineEdit | None = None
    date: QDateEdit | None = None
    use_date: QCheckBox | None = None
    gravity: QComboBox | None = None
    count: QSpinBox | None = None
    flag: QCheckBox | None = None
    flag_name: str = ""


class CalculatorPage(QWidget):
    """The inputs a rule kind reads, a Compute button, the result and its clause.

    Args:
        regime: the rule (for ``benefit_end``: the incentive whose benefits end).
        calculate: ``calculate(regime, inputs) -> CalculationResult`` (the engine).
        on_clause: called with the result's clause when "Show in source" is pressed.
    """

    def __init__(
        self,
        regime: Regime,
        *,
        calculate: Callable[[Regime, CalculatorInputs], CalculationResult],
        on_clause: Callable[[Regime, Clause], object],
        kind: str | None = None,
    ) -> None:
        super().__init__()
        self.regime = regime
        self.kind = kind or regime.kind
        self._calculate = calculate
        self._on_clause = on_clause
        self.result: CalculationResult | None = None
        self.setAccessibleName(KIND_TITLES.get(self.kind, regime.title))

        self.title_label = _plain("Rule")
        bold = QFont(self.title_label.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.title_label.setFont(bold)
        trust = "" if regime.verified else f"  [{UNVERIFIED_MARK}]"
        self.title_label.setText(f"{regime.title} — {regime.measure.label}{trust}")
        self.inputs = _Inputs()
        form = QFormLayout()
        self._build_inputs(form)
        self.compute_button = QPushButton("&Compute")
        self.compute_button.setAccessibleName(f"Compute {self.accessibleName()}")
        self.error_label = _plain("Input problems")
        self.error_label.setFont(bold)
        self.error_label.hide()
        self.summary_label = _plain("Result")
        self.summary_label.setFont(bold)
        self.notes_label = _plain("How it was computed")
        self.clause_label = _plain("Clause")
        self.clause_label.setFrameShape(QLabel.Shape.StyledPanel)
        self.clause_label.setMargin(6)
        self.show_clause_button = QPushButton("Show in &source")
        self.show_clause_button.setAccessibleName("Show the clause in the source")
        self.show_clause_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.error_label, 1)
        row.addWidget(self.compute_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.notes_label)
        clause_row = QHBoxLayout()
        clause_row.addWidget(self.clause_label, 1)
        clause_row.addWidget(self.show_clause_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(clause_row)
        layout.addStretch(1)
        self.compute_button.clicked.connect(self.compute)
        self.show_clause_button.clicked.connect(self._show_clause)

    def _line(self, form: QFormLayout, text: str, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.returnPressed.connect(self.compute)
        label = QLabel(text)
        label.setBuddy(edit)
        form.addRow(label, edit)
        return edit

    def _labelled(self, form: QFormLayout, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        form.addRow(label, widget)

    def _build_inputs(self, form: QFormLayout) -> None:
        i, kind = self.inputs, self.kind
        if kind == "money_transfer":
            i.amount = self._line(form, "&Amount (AZN):", "Amount transferred", "e.g. 50,000")
            i.flag = QCheckBox("By an &official using their position")
            i.flag.setAccessibleName("By an official using their position")
            i.flag_name = "official"
            form.addRow(i.flag)
        elif kind == "salary_withholding":
            i.amount = self._line(form, "&Salary payment:", "Salary payment", "e.g. 1,000")
            i.second_amount = self._line(
                form, "&Withheld (optional):", "Amount withheld", "leave empty for the cap only"
            )
            i.flag = QCheckBox("The &law provides for a higher limit in this case")
            i.flag.setAccessibleName("The law provides for a higher limit")
            i.flag_name = "law_provides"
            form.addRow(i.flag)
        elif kind == "never_convicted":
            i.gravity = QComboBox()
            i.gravity.setAccessibleName("Gravity of the crime")
            for tier in self.regime.tiers:
                i.gravity.addItem(tier.label, tier.id)
            self._labelled(form, "&Gravity:", i.gravity)
            i.date = _date_edit("Day the measure was completed")
            self._labelled(form, "Measure &completed on:", i.date)
        elif kind == "tobacco_exemption":
            i.date = _date_edit("Notice date")
            self._labelled(form, "&Notice date:", i.date)
            i.count = QSpinBox()
            i.count.setRange(0, 20)
            i.count.setAccessibleName("Number of extensions")
            self._labelled(form, "&Extensions:", i.count)
        elif kind == "amnesty_window":
            i.use_date = QCheckBox("&Check a date against the window")
            i.use_date.setAccessibleName("Check a date against the window")
            form.addRow(i.use_date)
            i.date = _date_edit("Date to check")
            i.date.setEnabled(False)
            i.use_date.toggled.connect(i.date.setEnabled)
            self._labelled(form, "&Date:", i.date)
        elif kind == BENEFIT_END:
            i.date = _date_edit("Certificate received on")
            self._labelled(form, "Certificate &received on:", i.date)

    def read_inputs(self) -> tuple[CalculatorInputs | None, list[str]]:
        i, errors = self.inputs, []
        amount = second = None
        if i.amount is not None:
            amount = parse_decimal(i.amount.text())
            if amount is None or amount <= 0:
                errors.append("Enter an amount above zero, e.g. 50,000 or 50000.01.")
        if i.second_amount is not None and i.second_amount.text().strip():
            second = parse_decimal(i.second_amount.text())
            if second is None or second < 0:
                errors.append("The amount withheld is a number of zero or more.")
        if errors:
            return None, errors
        date = None
        if i.date is not None and (i.use_date is None or i.use_date.isChecked()):
            date = i.date.date().toPython()
        flags = frozenset({i.flag_name} if i.flag is not None and i.flag.isChecked() else ())
        return (
            CalculatorInputs(
                amount=amount,
                second_amount=second,
                date=date,
                gravity=i.gravity.currentData() if i.gravity is not None else None,
                count=i.count.value() if i.count is not None else None,
                flags=flags,
            ),
            [],
        )

    def compute(self) -> CalculationResult | None:
        inputs, errors = self.read_inputs()
        if inputs is not None:
            try:
                self.result = self._calculate(self.regime, inputs)
            except UserFacingError as exc:
                errors = [str(exc)]
        if errors or inputs is None:
            self.error_label.setText("\n".join(f"⚠ {e}" for e in errors))
            self.error_label.show()
            return None
        self.error_label.hide()
        self._show(self.result)
        return self.result

    def _show(self, result: CalculationResult | None) -> None:
        if result is None:
            return
        trust = "" if result.verified and result.clause.verified else f" [{UNVERIFIED_MARK}]"
        self.summary_label.setText(result.summary + trust)
        lines = [f"• {note}" for note in result.notes]
        if result.date is not None and result.date.non_working:
            lines.append("• ⚠ the date is not a working day")
        self.notes_label.setText("\n".join(lines))
        clause = result.clause
        where = (
            f"{clause.span.source_name}, characters {clause.span.start}–{clause.span.end}"
            if clause.span
            else f"{UNVERIFIED_MARK}: not found in the source"
        )
        self.clause_label.setText(f"“{clause.quote}”\n— {where}")
        self.clause_label.setToolTip(clause_tooltip(clause))
        self.show_clause_button.setEnabled(clause.span is not None)

    def _show_clause(self) -> None:
        if self.result is not None:
            self._on_clause(self.regime, self.result.clause)


class CalculatorsDialog(QDialog):
    """A page list on the left, the chosen calculator on the right.

    Args:
        rules: the engine behind :class:`RulesPort`.
        on_show_clause: ``(measure key or id, source_id, start, end)``; ``None`` disables it.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        rules: RulesPort,
        on_show_clause: ShowClause | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Calculators")
        self.setAccessibleName("Calculators")
        self.rules = rules
        self.on_show_clause = on_show_clause
        self.last_clause: tuple[Regime, Clause] | None = None
        self.page_list = QListWidget()
        self.page_list.setAccessibleName("Calculators")
        self.stack = QStackedWidget()
        self.pages: dict[str, CalculatorPage] = {}
        regimes = {r.kind: r for r in reversed(rules.calculators())}
        incentives = [r for r in rules.regimes() if any(b.years for b in r.benefits)]
        if incentives:
            regimes[BENEFIT_END] = incentives[0]
        for kind, title in KIND_TITLES.items():
            if kind not in regimes:
                continue
            page = CalculatorPage(
                regimes[kind], calculate=rules.calculate, on_clause=self.show_clause, kind=kind
            )
            self.pages[kind] = page
            self.page_list.addItem(title)
            self.stack.addWidget(page)
        self.page_list.setMaximumWidth(
            self.page_list.sizeHintForColumn(0) + 2 * self.page_list.frameWidth() + 24
        )
        self.page_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.page_list.setCurrentRow(0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName("Close")
        self.buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.page_list)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        no_default_buttons(self)
        self.resize(900, 520)

    def page(self, kind: str) -> CalculatorPage:
        """The page of a rule kind, made current (tests and keyboard users alike)."""
        page = self.pages[kind]
        self.page_list.setCurrentRow(self.stack.indexOf(page))
        return page

    def show_clause(self, regime: Regime, clause: Clause) -> bool:
        self.last_clause = (regime, clause)
        if clause.span is None or self.on_show_clause is None:
            return False
        span = clause.span
        self.on_show_clause(self.rules.measure_of(regime), span.source_id, span.start, span.end)
        return True
