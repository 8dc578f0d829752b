"""Incentive verdicts at every boundary the decrees draw, with the clause behind each reason."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from lawtracker.domain.rules import Location, Outcome, Scenario
from lawtracker.errors import UserFacingError
from lawtracker.services.rules import RuleBook, evaluate, evaluate_all

CERT = "az-investment-promotion-certificate"
STRATEGIC = "az-strategic-investment-project"
SME = "az-sme-cluster-company"
INSIDE = dt.date(2024, 3, 1)


def scenario(
    amount: str = "1000000",
    location: Location = Location.OTHER_REGION,
    *,
    share: str = "0",
    strategic: bool = False,
    day: dt.date = INSIDE,
    **extra,
) -> Scenario:
    return Scenario(Decimal(amount), location, Decimal(share), strategic, day, **extra)


def verdict(book: RuleBook, regime_id: str, s: Scenario):
    return evaluate(book.get(regime_id), s, book=book)


def reason(v, criterion: str):
    return next(r for r in v.reasons if r.criterion == criterion)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("5000000", Outcome.ELIGIBLE), ("4999999.99", Outcome.NOT_ELIGIBLE)],
)
@pytest.mark.parametrize(
    "location", [Location.BAKU, Location.SUMGAIT, Location.GANJA, Location.ABSHERON]
)
def test_five_million_in_baku_sumgait_ganja_absheron(book, amount, expected, location) -> None:
    s = scenario(amount, location, strategic=True)
    v = verdict(book, STRATEGIC, s)
    assert v.outcome is expected
    r = reason(v, "minimum investment")
    assert "5,000,000 AZN" in r.message
    assert "5 (five) million manats" in r.clause.quote and r.clause.verified
    # The certificate follows the strategic route for these locations.
    assert verdict(book, CERT, s).outcome is expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("3000000", Outcome.ELIGIBLE), ("2999999.99", Outcome.NOT_ELIGIBLE)],
)
@pytest.mark.parametrize("location", [Location.OTHER_REGION, Location.LIBERATED_TERRITORIES])
def test_three_million_elsewhere(book, amount, expected, location) -> None:
    v = verdict(book, STRATEGIC, scenario(amount, location, strategic=True))
    assert v.outcome is expected
    assert "3 (three) million manats" in reason(v, "minimum investment").clause.quote


def test_excepted_baku_areas_are_unclear_with_the_clause(book) -> None:
    for amount in ("2000000", "4000000", "9000000"):
        s = scenario(amount, Location.BAKU_EXCEPTED_AREA, strategic=True)
        v = verdict(book, STRATEGIC, s)
        assert v.outcome is Outcome.UNCLEAR
        r = reason(v, "minimum investment")
        assert r.outcome is Outcome.UNCLEAR
        assert "Yasamal district" in r.clause.quote and r.clause.verified
        assert verdict(book, CERT, s).outcome is Outcome.UNCLEAR
    point = next(t for t in v.thresholds if t.location is Location.BAKU_EXCEPTED_AREA)
    assert point.unclear and point.minimum is None


def test_thresholds_for_a_chart(book) -> None:
    v = verdict(book, STRATEGIC, scenario(strategic=True))
    figures = {t.location: t.minimum for t in v.thresholds}
    assert figures[Location.BAKU] == Decimal(5000000)
    assert figures[Location.OTHER_REGION] == Decimal(3000000)
    assert len(v.thresholds) == len(Location)


@pytest.mark.parametrize(
    ("share", "expected"), [("30", Outcome.NOT_ELIGIBLE), ("29.99", Outcome.ELIGIBLE)]
)
def test_state_share_of_thirty_percent_excludes(book, share, expected) -> None:
    v = verdict(book, CERT, scenario(share=share))
    assert v.outcome is expected
    r = reason(v, "state share")
    assert r.outcome is expected and "30 (thirty) percent or more" in r.clause.quote


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2022, 12, 31), Outcome.NOT_ELIGIBLE),
        (dt.date(2023, 1, 1), Outcome.ELIGIBLE),
        (dt.date(2025, 12, 31), Outcome.ELIGIBLE),
        (dt.date(2026, 1, 1), Outcome.UNCLEAR),  # the window's last day: does it count?
        (dt.date(2026, 1, 2), Outcome.NOT_ELIGIBLE),
    ],
)
def test_certificate_window(book, day, expected) -> None:
    v = verdict(book, CERT, scenario(day=day))
    assert v.outcome is expected
    assert "3 years from January 1, 2023" in reason(v, "application window").clause.quote


def test_listed_locations_need_no_strategic_route(book) -> None:
    for location in (
        Location.INDUSTRIAL_DISTRICT_OR_AGROPARK,
        Location.TOURISM_RECREATION_ZONE,
        Location.OTHER_REGION,
    ):
        assert verdict(book, CERT, scenario("1", location)).outcome is Outcome.ELIGIBLE


def test_baku_without_strategic_direction_is_not_eligible(book) -> None:
    v = verdict(book, CERT, scenario("9000000", Location.BAKU))
    assert v.outcome is Outcome.NOT_ELIGIBLE
    assert reason(v, "strategic direction").outcome is Outcome.NOT_ELIGIBLE
    assert v.benefits == ()


def test_benefit_end_dates_are_computed_with_their_rule(book) -> None:
    v = verdict(book, CERT, scenario(day=dt.date(2024, 2, 29)))
    tax = next(b for b in v.benefits if b.benefit.id == "profit_income_tax")
    assert tax.end.date == dt.date(2031, 2, 28) and tax.end.clamped
    assert "clamped" in tax.end.rule
    assert "7 years from the date of receipt" in tax.benefit.clause.quote
    land = next(b for b in v.benefits if b.benefit.id == "land_property_tax")
    assert land.end is None and "no duration" in land.note


def test_other_currency_is_converted_at_the_typed_rate(book) -> None:
    s = scenario("2941176.48", Location.GANJA, strategic=True, currency="USD", rate=Decimal("1.7"))
    assert s.amount_azn == Decimal("5000000.016")
    assert verdict(book, STRATEGIC, s).outcome is Outcome.ELIGIBLE
    s = scenario("2941176.47", Location.GANJA, strategic=True, currency="USD", rate=Decimal("1.7"))
    assert verdict(book, STRATEGIC, s).outcome is Outcome.NOT_ELIGIBLE


def test_sme_cluster_participants(book) -> None:
    assert verdict(book, SME, scenario(participants=10)).outcome is Outcome.ELIGIBLE
    assert verdict(book, SME, scenario(participants=9)).outcome is Outcome.NOT_ELIGIBLE
    v = verdict(book, SME, scenario())
    assert v.outcome is Outcome.UNCLEAR
    assert all(b.end.date == dt.date(2031, 3, 1) for b in v.benefits)


def test_evaluate_all_and_bad_inputs(book) -> None:
    verdicts = evaluate_all(book, scenario())
    assert {v.regime_id for v in verdicts} == {CERT, STRATEGIC, SME}
    with pytest.raises(UserFacingError, match="state share"):
        evaluate_all(book, scenario(share="101"))
    with pytest.raises(UserFacingError, match="rate"):
        evaluate_all(book, scenario(currency="USD", rate=Decimal(0)))
    with pytest.raises(UserFacingError, match="calculator"):
        evaluate(book.get("az-salary-withholding"), scenario())
