"""Tools ▸ Compare incentives…: regimes side by side, a scenario, and exports.

The dialog only talks to a :class:`RulesPort`; a clicked cell or reason calls
``on_show_clause(measure, source_id, start, end)`` so the main window can show
the words of the law behind it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lawtracker.domain.catalog import MeasureDetail
from lawtracker.domain.rules import Clause, Provenance, Regime
from lawtracker.errors import UserFacingError
from lawtracker.gui.incentives.calculators_dialog import no_default_buttons
from lawtracker.gui.incentives.clause_link import ShowClause
from lawtracker.gui.incentives.comparison_model import (
    CLAUSE_ROLE,
    UNVERIFIED_MARK,
    ComparisonModel,
    display_titles,
)
from lawtracker.gui.incentives.port import RulesPort
from lawtracker.gui.incentives.report import write_csv, write_pdf
from lawtracker.gui.incentives.scenario_inputs import BAKU_EXCEPTED_AREAS, ScenarioForm
from lawtracker.gui.incentives.scenario_panel import ScenarioPanel

log = logging.getLogger(__name__)

REGIME_ROLE = Qt.ItemDataRole.UserRole + 1
CSV_FILTER = "CSV table (*.csv)"
PDF_FILTER = "PDF document (*.pdf)"
HINT = (
    "Tick two or more regimes (or versions). Bold, tinted rows differ; click a cell to see "
    "its clause in the source. “unverified” marks a quote not found in the source."
)


def regime_label(regime: Regime) -> str:
    origin = "manual" if regime.provenance is Provenance.MANUAL else "bundled"
    text = f"{regime.title} — v{regime.version} ({origin}, {regime.measure.label})"
    return text if regime.verified else f"{text} [{UNVERIFIED_MARK}]"


def matches_measure(regime: Regime, detail: MeasureDetail) -> bool:
    ref = regime.measure
    if ref.key:
        return ref.key == detail.key
    same_number = (ref.number or "").upper() == (detail.number or "").upper()
    return same_number and ref.jurisdiction.upper() == detail.jurisdiction.upper()


class CompareIncentivesDialog(QDialog):
    """Pick regimes, compare them criterion by criterion, run a scenario, export.

    Args:
        rules: the engine behind :class:`RulesPort` (``engine_adapter.RulesAdapter``).
        on_show_clause: ``(measure key or id, source_id, start, end)``; ``None`` disables links.
        form: the session's last scenario inputs (kept and updated in place).
        for_measure: pre-tick the regimes resting on this measure (the detail view's button).
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        rules: RulesPort,
        on_show_clause: ShowClause | None = None,
        form: ScenarioForm | None = None,
        for_measure: MeasureDetail | None = None,
        add_regime_dialog: Callable[[QWidget, RulesPort], Regime | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare incentives")
        self.setAccessibleName("Compare incentives")
        self.rules = rules
        self.on_show_clause = on_show_clause
        self._add_regime_dialog = add_regime_dialog
        self.last_clause: tuple[Regime, Clause] | None = None

        self.regime_list = QListWidget()
        self.regime_list.setAccessibleName("Regimes to compare")
        self.regime_list.setToolTip("Tick the regimes or versions to compare (Space ticks)")
        self.regime_list.setWordWrap(True)
        self.regime_list.setMinimumWidth(220)
        self.add_button = QPushButton("&Add regime or version…")
        self.add_button.setAccessibleName("Add a regime or a new version")
        self.hint_label = QLabel(HINT)
        self.hint_label.setWordWrap(True)
        self.model = ComparisonModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Comparison by criterion")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(120)
        self.table.horizontalHeader().sectionResized.connect(
            lambda *_: self.table.resizeRowsToContents()
        )
        self.scenario = ScenarioPanel(
            evaluate=rules.evaluate,
            threshold=rules.threshold,
            form=form or ScenarioForm(),
            excepted_areas=self._excepted_areas(),
        )
        self.export_csv_button = QPushButton("Export &CSV…")
        self.export_csv_button.setAccessibleName("Export the comparison and scenario as CSV")
        self.export_pdf_button = QPushButton("Export &PDF…")
        self.export_pdf_button.setAccessibleName("Export the comparison and scenario as PDF")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName("Close")
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # names source files
        self.status_label.setAccessibleName("Status")
        self.status_label.setWordWrap(True)

        self._build_layout()
        self._fill_regimes(for_measure)
        self.regime_list.itemChanged.connect(lambda _item: self.refresh())
        self.table.clicked.connect(self._cell_activated)
        self.table.activated.connect(self._cell_activated)
        self.scenario.clauseActivated.connect(self.show_clause)
        self.add_button.clicked.connect(self.add_regime)
        self.export_csv_button.clicked.connect(lambda: self.export("csv"))
        self.export_pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.buttons.rejected.connect(self.reject)
        no_default_buttons(self)
        self.refresh()
        self.resize(1280, 900)

    def _build_layout(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel("&Regimes:")
        label.setBuddy(self.regime_list)
        left_layout.addWidget(label)
        left_layout.addWidget(self.regime_list, 1)
        left_layout.addWidget(self.add_button)
        right = QSplitter(Qt.Orientation.Vertical)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.hint_label)
        table_layout.addWidget(self.table, 1)
        right.addWidget(table_box)
        right.addWidget(self.scenario)
        right.setStretchFactor(0, 4)
        right.setStretchFactor(1, 5)
        right.setChildrenCollapsible(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 1050])
        splitter.setChildrenCollapsible(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.export_csv_button)
        bottom.addWidget(self.export_pdf_button)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    def _excepted_areas(self) -> tuple[str, ...]:
        for regime in self.rules.regimes():
            areas = self.rules.excepted_areas(regime)
            if areas:
                return tuple(areas)
        return BAKU_EXCEPTED_AREAS

    def _fill_regimes(
        self, for_measure: MeasureDetail | None, tick: set[tuple] | None = None
    ) -> None:
        self.regime_list.blockSignals(True)
        self.regime_list.clear()
        regimes = self.rules.regimes()
        if tick is None:
            chosen = [r for r in regimes if for_measure and matches_measure(r, for_measure)]
            tick = {(r.id, r.version, r.provenance) for r in chosen or regimes[:2]}
        for regime in regimes:
            item = QListWidgetItem(regime_label(regime))
            item.setData(REGIME_ROLE, regime)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            key = (regime.id, regime.version, regime.provenance)
            item.setCheckState(Qt.CheckState.Checked if key in tick else Qt.CheckState.Unchecked)
            if not regime.verified:
                item.setToolTip("\n".join(["Not trusted: ", *regime.problems]))
            self.regime_list.addItem(item)
        self.regime_list.blockSignals(False)

    # -- choosing and comparing ------------------------------------------------------------

    def regime_items(self) -> list[QListWidgetItem]:
        return [self.regime_list.item(i) for i in range(self.regime_list.count())]

    def chosen(self) -> list[Regime]:
        return [
            item.data(REGIME_ROLE)
            for item in self.regime_items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def set_chosen(self, predicate: Callable[[Regime], bool]) -> None:
        """Tick exactly the regimes ``predicate`` accepts (tests and the detail button)."""
        self.regime_list.blockSignals(True)
        for item in self.regime_items():
            on = predicate(item.data(REGIME_ROLE))
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.regime_list.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        regimes = self.chosen()
        if regimes:
            comparison = self.rules.compare(regimes)
            # Two versions of one regime share a title: the headers and exports must not.
            comparison = replace(comparison, titles=tuple(display_titles(regimes)))
            self.model.set_comparison(comparison, tuple(r.verified for r in regimes))
        else:
            self.model.set_comparison(self.rules.compare([]))
        self.table.resizeRowsToContents()
        few = len(regimes) < 2
        self.hint_label.setText(
            "⚠ Tick at least two regimes (or versions) to compare them." if few else HINT
        )
        self.scenario.set_regimes(regimes)

    # -- clauses ---------------------------------------------------------------------------

    def _cell_activated(self, index: QModelIndex) -> None:
        clause = index.data(CLAUSE_ROLE)
        if isinstance(clause, Clause) and index.column() > 0:
            self.show_clause(self.chosen()[index.column() - 1], clause)

    def show_clause(self, regime: Regime, clause: Clause) -> bool:
        """Ask the main window to show ``clause``; say why not when it has no span."""
        self.last_clause = (regime, clause)
        if clause.span is None:
            self.status_label.setText(
                f"⚠ Unverified: “{clause.quote[:120]}” was not found in the source text."
            )
            return False
        if self.on_show_clause is None:
            return False
        span = clause.span
        measure = self.rules.measure_of(regime)
        self.status_label.setText(f"Showing {span.source_name}, {span.start}–{span.end}")
        self.on_show_clause(measure, span.source_id, span.start, span.end)
        return True

    # -- adding regimes ----------------------------------------------------------------------

    def add_regime(self) -> Regime | None:
        if self._add_regime_dialog is None:
            from lawtracker.gui.incentives.add_regime_dialog import run_add_regime

            added = run_add_regime(self, self.rules, base=self._current_regime())
        else:
            added = self._add_regime_dialog(self, self.rules)
        if added is None:
            return None
        ticked = {(r.id, r.version, r.provenance) for r in self.chosen()}
        ticked.add((added.id, added.version, added.provenance))
        self._fill_regimes(None, ticked)
        self.refresh()
        self.status_label.setText(f"Added {regime_label(added)}")
        return added

    def _current_regime(self) -> Regime | None:
        item = self.regime_list.currentItem()
        return item.data(REGIME_ROLE) if item is not None else (self.chosen() or [None])[0]

    # -- export ----------------------------------------------------------------------------

    def export(self, fmt: str) -> Path | None:
        """Ask for a file and write the comparison and the last scenario to it."""
        chosen_filter = CSV_FILTER if fmt == "csv" else PDF_FILTER
        name, _ = QFileDialog.getSaveFileName(
            self, f"Export the comparison as {fmt.upper()}", f"incentives.{fmt}", chosen_filter
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != f".{fmt}":
            path = path.with_suffix(f".{fmt}")
        comparison = self.model.comparison()
        report = self.scenario.report()
        try:
            if fmt == "csv":
                write_csv(path, comparison, report)
            else:
                write_pdf(path, comparison, report)
        except OSError as exc:
            log.warning("incentive export failed: %s", exc)
            QMessageBox.warning(self, "Export failed", f"Cannot write {path}: {exc}")
            return None
        if fmt == "pdf" and not path.exists():
            raise UserFacingError(f"The PDF writer produced no file at {path}")
        self.status_label.setText(f"Exported to {path}")
        return path
