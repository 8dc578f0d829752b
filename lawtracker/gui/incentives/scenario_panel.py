"""The scenario form and, per regime, its verdict, reasons, benefit end dates and a chart.

Inputs are checked by :class:`ScenarioForm` and problems shown inline; the
evaluation itself is the engine's. Every reason row carries its clause, so a
click (or Enter) opens it in the source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lawtracker.domain.rules import Clause, Location, Outcome, Regime, Scenario, Verdict
from lawtracker.gui.incentives.comparison_model import (
    UNVERIFIED_MARK,
    clause_tooltip,
    display_titles,
)
from lawtracker.gui.incentives.report import OUTCOME_WORDS, ScenarioReport, benefit_end_text
from lawtracker.gui.incentives.scenario_inputs import (
    BAKU_EXCEPTED_AREAS,
    LOCATION_LABELS,
    ScenarioForm,
)
from lawtracker.gui.incentives.threshold_chart import ChartBar, ThresholdChart

CLAUSE_ROLE = Qt.ItemDataRole.UserRole + 1
REGIME_ROLE = Qt.ItemDataRole.UserRole + 2
TITLE_ROLE = Qt.ItemDataRole.UserRole + 3
CURRENCIES = ("AZN", "USD", "EUR", "GBP", "TRY", "RUB")


def _named(widget: QWidget, name: str, tip: str = "") -> QWidget:
    widget.setAccessibleName(name)
    if tip:
        widget.setToolTip(tip)
    return widget


class ScenarioPanel(QWidget):
    """Scenario inputs above the verdicts and the threshold chart.

    Args:
        evaluate: ``evaluate(regime, scenario) -> Verdict`` (the engine).
        threshold: ``threshold(regime, location) -> Decimal | None`` for the chart.
        form: the inputs to start from (the session's last ones).

    Signals:
        clauseActivated(object, object): ``(regime, clause)`` of a clicked reason or benefit.
        computed(): a scenario was evaluated (the results and ``report()`` are fresh).
    """

    clauseActivated = Signal(object, object)  # noqa: N815
    computed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        evaluate: Callable[[Regime, Scenario], Verdict],
        threshold: Callable[[Regime, Location], object],
        form: ScenarioForm,
        excepted_areas: Sequence[str] = BAKU_EXCEPTED_AREAS,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Scenario")
        self._evaluate = evaluate
        self._threshold = threshold
        self.form = form
        self._regimes: list[Regime] = []
        self._report: ScenarioReport | None = None

        self.amount_edit = _named(QLineEdit(form.amount), "Investment amount")
        self.amount_edit.setPlaceholderText("e.g. 4,000,000")
        self.currency_combo = _named(QComboBox(), "Currency")
        self.currency_combo.setEditable(True)
        self.currency_combo.addItems(CURRENCIES)
        self.currency_combo.setCurrentText(form.currency)
        self.rate_edit = _named(
            QLineEdit(form.rate), "Exchange rate", "AZN for one unit of the currency (you type it)"
        )
        self.location_combo = _named(QComboBox(), "Location")
        policy = QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        self.location_combo.setSizeAdjustPolicy(policy)
        self.location_combo.setMinimumContentsLength(28)
        for location in Location:
            if location is Location.BAKU_EXCEPTED_AREA:
                for area in excepted_areas:
                    self.location_combo.addItem(f"Baku, {area} (excepted)", (location, area))
            else:
                self.location_combo.addItem(LOCATION_LABELS[location], (location, ""))
        self._select_location(form.location, form.area)
        self.share_edit = _named(
            QLineEdit(form.state_share), "State share percent", "Direct or indirect state share"
        )
        self.participants_edit = _named(
            QLineEdit(form.participants),
            "Number of participants",
            "Only cluster regimes ask for it; leave empty if it does not apply",
        )
        self.participants_edit.setPlaceholderText("optional (SME cluster participants)")
        self.strategic_check = _named(
            QCheckBox("In a direction determined by the President (strategic)"),
            "Strategic direction",
        )
        self.strategic_check.setChecked(form.strategic)
        self.date_edit = _named(QDateEdit(), "Application date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setDate(QDate(form.application_date))
        self.compute_button = _named(QPushButton("&Compute"), "Compute the scenario")
        self.error_label = QLabel()
        self.error_label.setAccessibleName("Scenario input problems")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        bold = QFont(self.error_label.font())
        bold.setBold(True)
        self.error_label.setFont(bold)
        self.error_label.hide()

        self.results = QTreeWidget()
        self.results.setAccessibleName("Verdicts")
        self.results.setHeaderLabels(["Regime / criterion", "Verdict", "Reason or end date"])
        self.results.setColumnWidth(0, 270)
        self.results.setColumnWidth(1, 95)
        self.results.setWordWrap(True)
        self.results.setUniformRowHeights(False)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.chart = ThresholdChart()

        self._build_layout()
        self.currency_combo.currentTextChanged.connect(self._currency_changed)
        self._currency_changed(self.currency_combo.currentText())
        self.compute_button.clicked.connect(self.compute)
        # Enter in any text input computes (the dialogs have no default button).
        for edit in (self.amount_edit, self.rate_edit, self.share_edit, self.participants_edit):
            edit.returnPressed.connect(self.compute)
        self.results.itemClicked.connect(self._item_activated)
        self.results.itemActivated.connect(self._item_activated)

    def _build_layout(self) -> None:
        form = QFormLayout()
        money = QHBoxLayout()
        money.addWidget(self.amount_edit, 2)
        money.addWidget(self.currency_combo)
        rate_label = QLabel("&Rate (AZN each):")
        rate_label.setBuddy(self.rate_edit)
        money.addWidget(rate_label)
        money.addWidget(self.rate_edit, 1)
        amount_label = QLabel("&Investment:")
        amount_label.setBuddy(self.amount_edit)
        form.addRow(amount_label, money)
        for text, widget in (
            ("&Location:", self.location_combo),
            ("State &share (%):", self.share_edit),
            ("&Participants:", self.participants_edit),
            ("", self.strategic_check),
            ("Application &date:", self.date_edit),
        ):
            if text:
                label = QLabel(text)
                label.setBuddy(widget)
                form.addRow(label, widget)
            else:
                form.addRow(widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error_label, 1)
        buttons.addWidget(self.compute_button, 0, Qt.AlignmentFlag.AlignTop)
        inputs = QWidget()
        inputs_layout = QVBoxLayout(inputs)
        inputs_layout.setContentsMargins(0, 0, 0, 0)
        inputs_layout.addLayout(form)
        inputs_layout.addLayout(buttons)
        inputs_layout.addStretch(1)
        # Inputs beside the chart, verdicts below at full width: reasons are long sentences.
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(inputs)
        top.addWidget(self.chart)
        top.setStretchFactor(0, 1)
        top.setStretchFactor(1, 1)
        top.setChildrenCollapsible(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.results)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)

    # -- inputs ----------------------------------------------------------------------------

    def _select_location(self, location: Location, area: str) -> None:
        for index in range(self.location_combo.count()):
            loc, item_area = self.location_combo.itemData(index)
            if loc is location and (
                location is not Location.BAKU_EXCEPTED_AREA or not area or item_area == area
            ):
                self.location_combo.setCurrentIndex(index)
                return

    def set_location(self, location: Location, area: str = "") -> None:
        self._select_location(location, area)

    def _currency_changed(self, text: str) -> None:
        foreign = text.strip().upper() not in ("", "AZN")
        self.rate_edit.setEnabled(foreign)

    def read_form(self) -> ScenarioForm:
        """The inputs as typed, stored back into the session's form."""
        location, area = self.location_combo.currentData()
        form = self.form
        form.amount = self.amount_edit.text()
        form.currency = self.currency_combo.currentText()
        form.rate = self.rate_edit.text()
        form.location, form.area = location, area
        form.state_share = self.share_edit.text()
        form.participants = self.participants_edit.text()
        form.strategic = self.strategic_check.isChecked()
        form.application_date = self.date_edit.date().toPython()
        return form

    # -- results ---------------------------------------------------------------------------

    def set_regimes(self, regimes: Sequence[Regime]) -> None:
        self._regimes = list(regimes)
        if self._report is not None:
            self.compute()

    def report(self) -> ScenarioReport | None:
        return self._report

    def verdicts(self) -> list[Verdict]:
        return list(self._report.verdicts) if self._report else []

    def compute(self) -> bool:
        """Evaluate every chosen regime; ``False`` with inline messages if an input is wrong."""
        form = self.read_form()
        scenario, errors = form.to_scenario()
        if not self._regimes:
            errors.append("Tick at least one regime above.")
        if scenario is None or errors:
            self.error_label.setText("\n".join(f"⚠ {e}" for e in errors))
            self.error_label.show()
            return False
        self.error_label.hide()
        titles = display_titles(self._regimes)
        verdicts = tuple(
            replace(self._evaluate(r, scenario), title=title)
            for r, title in zip(self._regimes, titles, strict=True)
        )
        self._report = ScenarioReport(scenario, form.location_label(), verdicts)
        self._fill(verdicts)
        bars = []
        for regime, title in zip(self._regimes, titles, strict=True):
            minimum = self._threshold(regime, scenario.location)
            rule = regime.location
            listed = rule is None or scenario.location in rule.eligible | rule.unclear
            note = "no minimum" if listed else "not a listed location"
            bars.append(ChartBar(title, float(minimum) if minimum is not None else None, note))
        self.chart.set_data(bars, float(scenario.amount_azn), form.location_label())
        self.computed.emit()
        return True

    def _fill(self, verdicts: Sequence[Verdict]) -> None:
        self.results.clear()
        bold = QFont(self.results.font())
        bold.setBold(True)
        for regime, verdict in zip(self._regimes, verdicts, strict=True):
            trust = "" if verdict.verified and regime.verified else f" [{UNVERIFIED_MARK}]"
            top = QTreeWidgetItem([f"{verdict.title}{trust}", OUTCOME_WORDS[verdict.outcome], ""])
            top.setData(0, REGIME_ROLE, regime)
            top.setData(0, TITLE_ROLE, verdict.title)
            for column in range(3):
                top.setFont(column, bold)
            if trust:
                top.setToolTip(0, "Some quotes of this regime were not found: not trusted")
            for warning in verdict.warnings:
                item = QTreeWidgetItem(["warning", "", warning])
                item.setToolTip(2, warning)
                top.addChild(item)
            for reason in verdict.reasons:
                marker = "" if reason.clause.verified else f" [{UNVERIFIED_MARK}]"
                item = QTreeWidgetItem(
                    [reason.criterion, OUTCOME_WORDS[reason.outcome], reason.message + marker]
                )
                self._attach(item, regime, reason.clause)
                top.addChild(item)
            for index, result in enumerate(verdict.benefits):
                end, note = benefit_end_text(verdict, index)
                text = f"ends {end}" + (f" ({note})" if note else "")
                item = QTreeWidgetItem([result.benefit.label, "benefit", text])
                self._attach(item, regime, result.benefit.clause)
                top.addChild(item)
            self.results.addTopLevelItem(top)
            top.setExpanded(True)

    @staticmethod
    def _attach(item: QTreeWidgetItem, regime: Regime, clause: Clause) -> None:
        item.setData(0, CLAUSE_ROLE, clause)
        item.setData(0, REGIME_ROLE, regime)
        tip = clause_tooltip(clause)
        for column in range(3):
            item.setToolTip(column, tip)
        item.setToolTip(2, f"{item.text(2)}\n\n{tip}")

    def verdict_rows(self) -> dict[str, str]:
        """``{regime title: verdict words}`` as the tree shows them (tests read this)."""
        found = {}
        for index in range(self.results.topLevelItemCount()):
            item = self.results.topLevelItem(index)
            found[item.data(0, TITLE_ROLE)] = item.text(1)
        return found

    def outcome_of(self, regime_id: str) -> Outcome | None:
        for verdict in self.verdicts():
            if verdict.regime_id == regime_id:
                return verdict.outcome
        return None

    def _item_activated(self, item: QTreeWidgetItem, *_: object) -> None:
        clause = item.data(0, CLAUSE_ROLE)
        if isinstance(clause, Clause):
            self.clauseActivated.emit(item.data(0, REGIME_ROLE), clause)


def today() -> dt.date:
    return dt.date.today()
