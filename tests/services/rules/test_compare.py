"""The comparison table marks differing criteria, keeps clauses, and exports to CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from lawtracker.domain.rules import Location, Scenario
from lawtracker.services.rules import compare, evaluate_all, to_csv


def test_rows_per_criterion_with_differing_cells_marked(book) -> None:
    regimes = [book.get("az-investment-promotion-certificate"), book.get("az-sme-cluster-company")]
    table = compare(regimes)
    rows = {r.criterion: r for r in table.rows}
    assert list(rows) == [
        "eligible applicants",
        "exclusions",
        "locations",
        "minimum investment by area",
        "benefits (rate, duration)",
        "application window",
        "entry into force",
    ]
    assert rows["entry into force"].differs
    assert [c.text for c in rows["entry into force"].cells] == ["2023-01-01", "2022-12-15"]
    assert rows["exclusions"].cells[0].clause.verified
    assert rows["exclusions"].cells[1].clause is None
    assert not rows["minimum investment by area"].differs  # neither has one
    same = compare([regimes[0], regimes[0]])
    assert not any(r.differs for r in same.rows)


def test_csv_holds_comparison_scenario_and_reasons(book) -> None:
    scenario = Scenario(Decimal(4000000), Location.GANJA, Decimal(10), True, dt.date(2024, 3, 1))
    verdicts = evaluate_all(book, scenario)
    text = to_csv(compare(book.incentives()), scenario=scenario, verdicts=verdicts)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["section", "criterion", "differs"]
    assert ["scenario", "location", "ganja"] in rows
    reasons = [r for r in rows if r and r[0] == "reason"]
    assert any(
        r[1] == "az-strategic-investment-project"
        and r[2] == "not_eligible"
        and "5 (five) million manats" in r[5]
        and "001_be6e844fb81b9f94.txt:" in r[5]
        for r in reasons
    )
