"""What the incentive dialogs need from the rules engine, as a typing Protocol.

``lawtracker.gui.incentives.engine_adapter.RulesAdapter`` implements it over the
real ``lawtracker.services.rules`` service; the dialogs only see this shape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from lawtracker.domain.rules import (
    CalculationResult,
    Comparison,
    Location,
    Regime,
    Scenario,
    Verdict,
)


@dataclass(frozen=True, slots=True)
class CalculatorInputs:
    """Everything a calculator page may ask for; each calculator reads what it needs."""

    amount: Decimal | None = None
    second_amount: Decimal | None = None
    date: dt.date | None = None
    gravity: str | None = None
    count: int | None = None
    flags: frozenset[str] = frozenset()


class RulesPort(Protocol):
    def regimes(self) -> list[Regime]:
        """Incentive regimes, every version, bundled and manual."""

    def calculators(self) -> list[Regime]:
        """Quantified rules that have a calculator page."""

    def compare(self, regimes: Sequence[Regime]) -> Comparison: ...

    def evaluate(self, regime: Regime, scenario: Scenario) -> Verdict: ...

    def threshold(self, regime: Regime, location: Location) -> Decimal | None:
        """The regime's minimum investment for ``location`` (``None``: none applies)."""

    def calculate(self, regime: Regime, inputs: CalculatorInputs) -> CalculationResult: ...

    def regime_template(self, base: Regime | None) -> str:
        """Rule-file text to start from: ``base`` as its next version, or a blank regime."""

    def check_regime(self, text: str) -> list[str]:
        """Every problem of a rule-file text, in words (empty: it can be saved)."""

    def add_regime(self, text: str) -> Regime:
        """Store a user rule file with "manual" provenance; ``UserFacingError`` if invalid."""

    def measure_of(self, regime: Regime) -> str | int | None:
        """The stored measure (key or id) whose text holds the regime's clauses."""

    def excepted_areas(self, regime: Regime) -> tuple[str, ...]:
        """The Baku settlements and districts the regime's text excepts, if it lists them."""
