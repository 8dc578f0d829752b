"""The real rules engine behind :class:`RulesPort`: a ``RuleBook`` plus the catalog.

The composition root builds it (it owns the database engine); the dialogs only
see the port. Adding a user regime writes a rule file and reloads the book so
the new version's quotes are verified like the bundled ones.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

from lawtracker.domain.catalog import MeasureFilter, SortColumn
from lawtracker.domain.rules import (
    CalculationResult,
    Comparison,
    Location,
    Provenance,
    Regime,
    Scenario,
    Verdict,
)
from lawtracker.errors import UserFacingError
from lawtracker.gui.catalog_port import CatalogPort
from lawtracker.gui.incentives.port import CalculatorInputs
from lawtracker.services import rules as svc
from lawtracker.services.rules import RuleBook, RuleFileError

NEW_REGIME_TEMPLATE = """schema = "lawtracker.rule/1"
id = "my-regime"
version = 1
title = "My regime"
kind = "incentive"

[measure]
number = "1913"
jurisdiction = "AZ"
label = "Decree No. 1913"

[state_share]
percent = 30
quote = "30 (thirty) percent or more of their shares"

[in_force]
text = "1 January 2023"
date = 2023-01-01
quote = "The Decree enters into force on January 1, 2023."
"""


class RulesAdapter:
    """:class:`RulesPort` over ``lawtracker.services.rules``.

    Args:
        load_book: loads every rule file (bundled and the user's) with quotes verified.
        catalog: finds the stored measure a regime's clauses are in.
        user_dir: where user rule files go (``None``: the data directory's ``rules/``).
    """

    def __init__(
        self,
        *,
        load_book: Callable[[], RuleBook],
        catalog: CatalogPort,
        user_dir: Path | None = None,
    ) -> None:
        self._load_book = load_book
        self._catalog = catalog
        self._user_dir = user_dir
        self.book = load_book()
        self._measures: dict[tuple[str | None, str | None, str], int | str | None] = {}

    # -- regimes ---------------------------------------------------------------------------

    def regimes(self) -> list[Regime]:
        """Every version of every incentive regime, newest first within a regime."""
        found = []
        for regime in self.book.incentives():
            found += self.book.history(regime.id)
        return found

    def calculators(self) -> list[Regime]:
        return [r for r in self.book.regimes if r.kind != "incentive"]

    def compare(self, regimes: Sequence[Regime]) -> Comparison:
        return svc.compare(regimes)

    def evaluate(self, regime: Regime, scenario: Scenario) -> Verdict:
        return svc.evaluate(regime, scenario, book=self.book)

    def threshold(self, regime: Regime, location: Location) -> Decimal | None:
        for point in svc.thresholds(regime):
            if point.location is location:
                return point.minimum
        return None

    def excepted_areas(self, regime: Regime) -> tuple[str, ...]:
        mi = regime.min_investment
        return tuple(clause.quote for clause in mi.excepted_areas) if mi is not None else ()

    # -- calculators -------------------------------------------------------------------------

    def calculate(self, regime: Regime, inputs: CalculatorInputs) -> CalculationResult:
        kind = regime.kind
        if kind == "money_transfer":
            return svc.money_transfer(
                regime, _need(inputs.amount), official="official" in inputs.flags
            )
        if kind == "salary_withholding":
            return svc.salary_withholding(
                regime,
                _need(inputs.amount),
                withheld=inputs.second_amount,
                law_provides="law_provides" in inputs.flags,
            )
        if kind == "never_convicted":
            return svc.never_convicted(
                regime, _need(inputs.date), inputs.gravity or regime.tiers[0].id
            )
        if kind == "tobacco_exemption":
            return svc.tobacco_exemption(regime, _need(inputs.date), inputs.count or 0)
        if kind == "amnesty_window":
            return svc.amnesty_window(regime, inputs.date)
        if kind == "incentive":
            return benefit_end_dates(regime, _need(inputs.date))
        raise UserFacingError(f"no calculator for {kind} rules")

    # -- user regimes ------------------------------------------------------------------------

    def regime_template(self, base: Regime | None) -> str:
        if base is None or not base.path or not Path(base.path).is_file():
            return NEW_REGIME_TEMPLATE
        text = Path(base.path).read_text(encoding="utf-8")
        newest = max(r.version for r in self.book.history(base.id))
        bumped, count = re.subn(r"(?m)^version\s*=\s*\d+", f"version = {newest + 1}", text, count=1)
        return bumped if count else text

    def check_regime(self, text: str) -> list[str]:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            return [f"not valid TOML: {exc}"]
        return svc.validate(data)

    def add_regime(self, text: str) -> Regime:
        problems = self.check_regime(text)
        if problems:
            raise RuleFileError("(new rule)", problems)
        data = tomllib.loads(text)
        svc.save_user_rule(text, directory=self._user_dir)
        self.book = self._load_book()
        for regime in self.book.history(data["id"]):
            if regime.version == data["version"] and regime.provenance is Provenance.MANUAL:
                return regime
        raise UserFacingError(
            f"the rule {data['id']} v{data['version']} was saved but not loaded: "
            "is the user rules folder the one the book reads?"
        )

    # -- clauses -----------------------------------------------------------------------------

    def measure_of(self, regime: Regime) -> int | str | None:
        """The measure key (as the rule names it) or the id of the measure with its number."""
        ref = regime.measure
        if ref.key:
            return ref.key
        cache_key = (ref.key, ref.number, ref.jurisdiction)
        if cache_key not in self._measures:
            self._measures[cache_key] = self._find_by_number(ref.number, ref.jurisdiction)
        return self._measures[cache_key]

    def _find_by_number(self, number: str | None, jurisdiction: str) -> int | None:
        if not number:
            return None
        today = dt.date.today()
        flt = MeasureFilter(query=f'"{number}"', jurisdictions=frozenset({jurisdiction}))
        ids = self._catalog.measure_ids(flt, SortColumn.TITLE, False, today=today)
        for row in self._catalog.measure_rows(ids, today=today):
            if (row.number or "").upper() == number.upper():
                return row.id
        return None


def _need(value):
    if value is None:
        raise UserFacingError("fill in every input of this calculator")
    return value


def benefit_end_dates(regime: Regime, received: dt.date) -> CalculationResult:
    """When each time-limited benefit of an incentive ends, counted from the certificate date."""
    timed = [b for b in regime.benefits if b.years]
    if not timed:
        raise UserFacingError(f"{regime.title} has no benefit with a duration")
    ends = [
        (b, svc.add_and_flag(received, b.years or 0, "year", regime.measure.jurisdiction))
        for b in timed
    ]
    first_benefit, first_end = ends[0]
    summary = "; ".join(f"{b.label}: ends {end.date.isoformat()}" for b, end in ends)
    return CalculationResult(
        rule_id=regime.id,
        title=regime.title,
        outcome="dates",
        summary=summary,
        clause=first_benefit.clause,
        date=first_end,
        notes=tuple(svc.describe(end) for _b, end in ends),
        verified=regime.verified,
    )
