"""Shared fixtures for the incentive dialogs: the real rules engine on the seeded store."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QScrollBar, QWidget

from lawtracker.domain.rules import Location, Regime
from lawtracker.gui.incentives.compare_dialog import CompareIncentivesDialog
from lawtracker.gui.incentives.engine_adapter import RulesAdapter
from lawtracker.services.catalog import Catalog
from lawtracker.services.rules import RuleBook

CERTIFICATE = "az-investment-promotion-certificate"
STRATEGIC = "az-strategic-investment-project"


@pytest.fixture
def user_rules_dir(tmp_path: Path) -> Path:
    return tmp_path / "user-rules"


@pytest.fixture
def rules(seeded_engine, user_rules_dir: Path) -> RulesAdapter:
    """The real engine: bundled rule files, quotes verified against the seeded store."""
    return RulesAdapter(
        load_book=lambda: RuleBook.load(seeded_engine, user_dir=user_rules_dir),
        catalog=Catalog(seeded_engine),
        user_dir=user_rules_dir,
    )


def regime(rules: RulesAdapter, regime_id: str) -> Regime:
    return rules.book.get(regime_id)


def fill_scenario(
    dialog: CompareIncentivesDialog,
    *,
    amount: str = "4,000,000",
    location: Location = Location.GANJA,
    share: str = "10",
    day: QDate | None = None,
    currency: str = "AZN",
    rate: str = "1",
    strategic: bool = False,
) -> None:
    panel = dialog.scenario
    panel.amount_edit.setText(amount)
    panel.currency_combo.setCurrentText(currency)
    panel.rate_edit.setText(rate)
    panel.set_location(location)
    panel.share_edit.setText(share)
    panel.strategic_check.setChecked(strategic)
    panel.date_edit.setDate(day or QDate(2024, 3, 1))


def unnamed_controls(root: QWidget) -> list[str]:
    """Focusable, visible controls with neither an accessible name, a buddy label nor text."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or isinstance(widget, QScrollBar):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget:
            continue
        text = getattr(widget, "text", None)
        if widget.accessibleName() or id(widget) in buddies or (callable(text) and text()):
            continue
        missing.append(f"{type(widget).__name__} in {type(parent).__name__}")
    return missing
