"""Calculators for the quantified rules, at both sides of every boundary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from lawtracker.services.rules import (
    RuleBook,
    add_and_flag,
    amnesty_window,
    money_transfer,
    never_convicted,
    salary_withholding,
    tobacco_exemption,
)


@pytest.fixture(scope="module")
def transfer(book: RuleBook):
    return book.get("az-illegal-money-transfer")


@pytest.mark.parametrize(
    ("amount", "tier"),
    [
        ("0.01", "administrative"),
        ("50000", "administrative"),
        ("50000.01", "criminal_significant"),
        ("200000", "criminal_significant"),
        ("200000.01", "criminal_large_or_official"),
        ("500000", "criminal_large_or_official"),
        ("500000.01", "criminal_especially_large"),
    ],
)
def test_money_transfer_tiers(transfer, amount: str, tier: str) -> None:
    result = money_transfer(transfer, Decimal(amount))
    assert result.outcome == tier
    assert result.clause.verified


def test_money_transfer_fine_ranges_and_clauses(transfer) -> None:
    admin = money_transfer(transfer, Decimal("50000"))
    assert (admin.amount_min, admin.amount_max) == (Decimal("20000.00"), Decimal("30000.00"))
    assert "up to 50,000 manats" in admin.clause.quote
    crime = money_transfer(transfer, Decimal("50000.01"))
    assert crime.amount_min == crime.amount_max == Decimal("20000.00")  # 20000.004 rounded
    assert "exceeding 50,000 manats, but not more than 200,000" in crime.clause.quote
    assert any("0.01 AZN, half up" in n for n in crime.notes)
    top = money_transfer(transfer, Decimal("1000000"))
    assert "3 to 5 years" in top.summary and "500,000 manats" in top.clause.quote


def test_an_official_raises_a_small_amount_but_not_above_the_top(transfer) -> None:
    assert money_transfer(transfer, Decimal(1000), official=True).outcome == (
        "criminal_large_or_official"
    )
    assert money_transfer(transfer, Decimal("600000"), official=True).outcome == (
        "criminal_especially_large"
    )


def test_salary_withholding_caps(book: RuleBook) -> None:
    rule = book.get("az-salary-withholding")
    general = salary_withholding(rule, Decimal(1000), withheld=Decimal(200))
    assert general.amount_max == Decimal("200.00") and general.outcome == "within_cap"
    assert "more than 20 percent" in general.clause.quote
    over = salary_withholding(rule, Decimal(1000), withheld=Decimal("200.01"))
    assert over.outcome == "exceeds_cap"
    special = salary_withholding(rule, Decimal(1000), withheld=Decimal(500), law_provides=True)
    assert special.amount_max == Decimal("500.00") and special.outcome == "within_cap"
    assert "cannot exceed 50 percent" in special.clause.quote


@pytest.mark.parametrize(
    ("gravity", "completed", "expected", "clamped"),
    [
        ("no_great_public_danger", dt.date(2020, 2, 29), dt.date(2021, 2, 28), True),
        ("less_grave", dt.date(2020, 2, 29), dt.date(2022, 2, 28), True),
        ("grave", dt.date(2020, 2, 29), dt.date(2026, 2, 28), True),
        ("especially_grave", dt.date(2020, 2, 29), dt.date(2028, 2, 29), False),
        ("no_great_public_danger", dt.date(2023, 2, 28), dt.date(2024, 2, 28), False),
        ("grave", dt.date(2022, 3, 1), dt.date(2028, 3, 1), False),
    ],
)
def test_never_convicted_dates_across_leap_days(book, gravity, completed, expected, clamped):
    result = never_convicted(book.get("az-legal-entity-never-convicted"), completed, gravity)
    assert result.date.date == expected
    assert result.date.clamped is clamped
    assert ("clamped" in result.notes[0]) is clamped
    years = {"no_great_public_danger": 1, "less_grave": 2, "grave": 6, "especially_grave": 8}
    assert result.clause.quote.startswith(f"after {years[gravity]} year")


def test_tobacco_five_extensions_allowed_and_a_sixth_refused(book) -> None:
    rule = book.get("az-tobacco-marking-duty-exemption")
    five = tobacco_exemption(rule, dt.date(2023, 1, 15), 5)
    assert five.outcome == "allowed" and five.date.date == dt.date(2023, 7, 15)
    assert "5 times" in five.clause.quote
    six = tobacco_exemption(rule, dt.date(2023, 1, 15), 6)
    assert six.outcome == "refused" and six.date is None
    assert "5 times" in six.clause.quote


def test_tobacco_month_end_clamping_is_stated(book) -> None:
    rule = book.get("az-tobacco-marking-duty-exemption")
    base = tobacco_exemption(rule, dt.date(2023, 1, 31), 0)
    assert base.date.date == dt.date(2023, 2, 28) and base.date.clamped
    assert "clamped to the month's last day" in base.notes[0]
    assert "within 1 month" in base.clause.quote
    two = tobacco_exemption(rule, dt.date(2023, 1, 31), 1)
    assert two.date.date == dt.date(2023, 3, 31)
    # One extension at a time from the clamped 28 February would give 28 March: say so.
    assert any("2023-03-28" in n for n in two.notes)


def test_amnesty_window(book) -> None:
    rule = book.get("az-amnesty-2025")
    assert amnesty_window(rule).date.date == dt.date(2026, 4, 21)
    assert amnesty_window(rule, dt.date(2026, 4, 20)).outcome == "inside"
    assert amnesty_window(rule, dt.date(2026, 4, 21)).outcome == "unclear"
    assert amnesty_window(rule, dt.date(2026, 4, 22)).outcome == "outside"
    assert amnesty_window(rule, dt.date(2025, 12, 20)).outcome == "outside"
    assert "four months" in amnesty_window(rule).clause.quote


def test_weekends_and_holidays_are_flagged() -> None:
    new_year = add_and_flag(dt.date(2025, 1, 1), 1, "year", "AZ")
    assert new_year.holiday and new_year.non_working
    saturday = add_and_flag(dt.date(2031, 2, 1), 1, "month", "AZ")  # 2031-03-01
    assert saturday.weekend and saturday.holiday is None
    kz = add_and_flag(dt.date(2025, 12, 16), 0, "day", "KZ")  # Independence Day
    assert kz.holiday is not None
    workday = add_and_flag(dt.date(2026, 4, 20), 1, "day", "AZ")  # Tuesday
    assert not workday.non_working
