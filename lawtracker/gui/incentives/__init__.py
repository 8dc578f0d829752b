"""Incentive tools: compare regimes, run a scenario, calculators, user regimes, exports.

The lead wires it with one call (see :func:`install_tools_menu`); everything
else is reached through the Tools menu and the detail view's button. The dialog
modules are imported when a dialog first opens, not with the window.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from lawtracker.gui.incentives.clause_link import ShowClause, show_clause_in_window

if TYPE_CHECKING:
    from lawtracker.gui.incentives.calculators_dialog import CalculatorsDialog
    from lawtracker.gui.incentives.compare_dialog import CompareIncentivesDialog
    from lawtracker.gui.incentives.port import RulesPort
    from lawtracker.gui.incentives.scenario_inputs import ScenarioForm
    from lawtracker.gui.main_window import MainWindow

__all__ = [
    "CalculatorsDialog",
    "CompareIncentivesDialog",
    "IncentiveTools",
    "install_tools_menu",
    "show_clause_in_window",
]


def __getattr__(name: str) -> Any:
    """The dialog classes, imported on first use: the window does not need them to start."""
    if name == "CalculatorsDialog":
        from lawtracker.gui.incentives.calculators_dialog import CalculatorsDialog

        return CalculatorsDialog
    if name == "CompareIncentivesDialog":
        from lawtracker.gui.incentives.compare_dialog import CompareIncentivesDialog

        return CompareIncentivesDialog
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class IncentiveTools:
    """The Tools menu's two commands and the session's memory of the scenario inputs.

    The rules are loaded on first use (it reads every rule file and checks every
    quote against the store), then kept: one adapter per window.
    """

    def __init__(
        self,
        window: QWidget,
        *,
        rules_service_factory: Callable[[], RulesPort],
        on_show_clause: ShowClause | None,
    ) -> None:
        self.window = window
        self._factory = rules_service_factory
        self._rules: RulesPort | None = None
        self.on_show_clause = on_show_clause
        self._form: ScenarioForm | None = None
        self.compare_dialog: CompareIncentivesDialog | None = None
        self.calculators_dialog: CalculatorsDialog | None = None
        self.compare_action = QAction("&Compare incentives…", window)
        self.compare_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.compare_action.setStatusTip("Compare incentive regimes and test a scenario")
        self.calculators_action = QAction("C&alculators…", window)
        self.calculators_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.calculators_action.setStatusTip("Liability tiers, caps and dates from the rules")
        self.compare_action.triggered.connect(lambda: self.open_compare())
        self.calculators_action.triggered.connect(lambda: self.open_calculators())

    @property
    def form(self) -> ScenarioForm:
        """The scenario inputs both dialogs share for the session (made on first use)."""
        if self._form is None:
            from lawtracker.gui.incentives.scenario_inputs import ScenarioForm

            self._form = ScenarioForm()
        return self._form

    def rules(self) -> RulesPort:
        if self._rules is None:
            self._rules = self._factory()
        return self._rules

    def open_compare(self, *, for_current_measure: bool = False) -> CompareIncentivesDialog:
        """Open (non-modal, so clause links can drive the window) the comparison dialog."""
        from lawtracker.gui.incentives.compare_dialog import CompareIncentivesDialog

        detail = None
        if for_current_measure and hasattr(self.window, "detail"):
            detail = self.window.detail.detail()
        if self.compare_dialog is not None:
            self.compare_dialog.close()
            self.compare_dialog.deleteLater()
        self.compare_dialog = CompareIncentivesDialog(
            self.window,
            rules=self.rules(),
            on_show_clause=self.on_show_clause,
            form=self.form,
            for_measure=detail,
        )
        self.compare_dialog.show()
        return self.compare_dialog

    def open_calculators(self) -> CalculatorsDialog:
        from lawtracker.gui.incentives.calculators_dialog import CalculatorsDialog

        if self.calculators_dialog is None:
            self.calculators_dialog = CalculatorsDialog(
                self.window, rules=self.rules(), on_show_clause=self.on_show_clause
            )
        self.calculators_dialog.show()
        self.calculators_dialog.activateWindow()
        return self.calculators_dialog

    def compare_button(self, parent: QWidget | None = None) -> QPushButton:
        """A "Compare incentives…" button for the detail view: pre-ticks that measure's regimes."""
        button = QPushButton("Compare &incentives…", parent)
        button.setAccessibleName("Compare the incentives of this measure")
        button.setToolTip("Compare the incentive regimes resting on this measure")
        button.clicked.connect(lambda: self.open_compare(for_current_measure=True))
        return button


def install_tools_menu(
    window: MainWindow,
    *,
    rules_service_factory: Callable[[], RulesPort],
    on_show_clause: ShowClause | None = None,
) -> IncentiveTools:
    """Add Tools ▸ Compare incentives… / Calculators… to ``window``'s menu bar (before Help).

    ``on_show_clause`` defaults to :func:`show_clause_in_window` on ``window``.
    """
    show = on_show_clause or partial(show_clause_in_window, window)
    tools = IncentiveTools(window, rules_service_factory=rules_service_factory, on_show_clause=show)
    bar = window.menuBar()
    menu = QMenu("&Tools", bar)
    menu.addActions([tools.compare_action, tools.calculators_action])
    help_menu = next(
        (a for a in bar.actions() if a.menu() is not None and a.text().replace("&", "") == "Help"),
        None,
    )
    if help_menu is not None:
        bar.insertMenu(help_menu, menu)
    else:
        bar.addMenu(menu)
    tools.menu = menu
    return tools
