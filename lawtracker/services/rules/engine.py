"""Evaluate an investment scenario against incentive regimes, reason by reason.

Each condition of a regime gives one ``Reason`` with the clause it rests on.
The verdict is ``not_eligible`` if any reason is, else ``unclear`` if any
reason is (the text does not settle the case: the engine shows the clause
and does not guess), else ``eligible``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from lawtracker.domain.rules import (
    LOCATION_LABELS,
    BenefitResult,
    Clause,
    Location,
    Outcome,
    Reason,
    Regime,
    Scenario,
    ThresholdPoint,
    Verdict,
)
from lawtracker.errors import UserFacingError
from lawtracker.services.rules.dates import add_and_flag
from lawtracker.services.rules.loading import RuleBook


def money(value: Decimal) -> str:
    """``5000000`` -> ``5,000,000``; cents only when there are any."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def combine(outcomes: Iterable[Outcome]) -> Outcome:
    found = set(outcomes)
    if Outcome.NOT_ELIGIBLE in found:
        return Outcome.NOT_ELIGIBLE
    if Outcome.UNCLEAR in found:
        return Outcome.UNCLEAR
    return Outcome.ELIGIBLE


def check_scenario(scenario: Scenario) -> None:
    """Refuse inputs no law could be applied to, with a message a user can act on."""
    if scenario.amount < 0:
        raise UserFacingError("the investment amount cannot be negative")
    if not Decimal(0) <= scenario.state_share <= Decimal(100):
        raise UserFacingError("the state share must be between 0 and 100 percent")
    if scenario.currency.upper() != "AZN" and scenario.rate <= 0:
        raise UserFacingError(f"give a positive AZN rate for {scenario.currency}")
    if scenario.participants is not None and scenario.participants < 0:
        raise UserFacingError("the number of participants cannot be negative")


def _window(regime: Regime, scenario: Scenario) -> Reason | None:
    w = regime.window
    if w is None:
        return None
    end = add_and_flag(w.start, w.amount, w.unit, regime.measure.jurisdiction).date
    day = scenario.application_date
    span = f"{w.start.isoformat()} to {end.isoformat()} ({w.amount} {w.unit}s from the start)"
    if w.start <= day < end:
        return Reason("application window", Outcome.ELIGIBLE, f"{day} is within {span}", w.clause)
    if day == end:
        return Reason(
            "application window",
            Outcome.UNCLEAR,
            f"{day} is the last day of {span}: the text does not say whether that day counts",
            w.clause,
        )
    return Reason("application window", Outcome.NOT_ELIGIBLE, f"{day} is outside {span}", w.clause)


def _state_share(regime: Regime, scenario: Scenario) -> Reason | None:
    s = regime.state_share
    if s is None:
        return None
    share = scenario.state_share
    if share >= s.percent:
        return Reason(
            "state share",
            Outcome.NOT_ELIGIBLE,
            f"a state share of {share}% is {s.percent}% or more: excluded",
            s.clause,
        )
    return Reason(
        "state share",
        Outcome.ELIGIBLE,
        f"a state share of {share}% is below {s.percent}%",
        s.clause,
    )


def _location(regime: Regime, scenario: Scenario, book: RuleBook | None) -> list[Reason]:
    rule = regime.location
    if rule is None:
        return []
    where = LOCATION_LABELS[scenario.location]
    if scenario.location in rule.eligible:
        return [
            Reason("location", Outcome.ELIGIBLE, f"{where} is a qualifying location", rule.clause)
        ]
    if scenario.location in rule.unclear:
        return [
            Reason("location", Outcome.UNCLEAR, f"the text does not settle {where}", rule.clause)
        ]
    reasons = [
        Reason("location", Outcome.NOT_ELIGIBLE, f"{where} is not a listed location", rule.clause)
    ]
    if rule.alternative is None:
        return reasons
    alt_clause = rule.alternative_clause or rule.clause
    if book is None or rule.alternative not in book.versions:
        reasons[0] = Reason(
            "location",
            Outcome.UNCLEAR,
            f"{where} is not a listed location; the alternative rule {rule.alternative!r} "
            "is not loaded, so it cannot be checked",
            alt_clause,
        )
        return reasons
    alternative = evaluate(book.get(rule.alternative), scenario, book=book)
    if alternative.outcome is Outcome.NOT_ELIGIBLE:
        reasons.append(
            Reason(
                "alternative route",
                Outcome.NOT_ELIGIBLE,
                f"nor does it qualify as {alternative.title.lower()}",
                alt_clause,
            )
        )
        return reasons + [r for r in alternative.reasons if r.outcome is not Outcome.ELIGIBLE]
    # The listed locations fail, but the alternative route decides: replace the failure.
    verdict_text = (
        "qualifies" if alternative.outcome is Outcome.ELIGIBLE else "may qualify (unclear)"
    )
    return [
        Reason(
            "location",
            alternative.outcome,
            f"{where} is not a listed location, but the project {verdict_text} as "
            f"{alternative.title.lower()}",
            alt_clause,
        ),
        *[r for r in alternative.reasons if r.outcome is not Outcome.ELIGIBLE],
    ]


def thresholds(regime: Regime) -> tuple[ThresholdPoint, ...]:
    """The minimum investment for every location (for a chart); empty if the regime has none."""
    mi = regime.min_investment
    if mi is None:
        return ()
    return tuple(
        ThresholdPoint(loc, None, True)
        if loc in mi.unclear
        else ThresholdPoint(loc, mi.amounts.get(loc, mi.default), False)
        for loc in Location
    )


def _min_investment(regime: Regime, scenario: Scenario) -> Reason | None:
    mi = regime.min_investment
    if mi is None:
        return None
    amount = scenario.amount_azn
    loc = scenario.location
    place = LOCATION_LABELS[loc]
    if loc in mi.unclear:
        note = mi.unclear_note if loc is Location.BAKU_EXCEPTED_AREA else ""
        note = note or f"the clause does not say which minimum applies to {place}"
        return Reason("minimum investment", Outcome.UNCLEAR, note, mi.clause)
    minimum = mi.amounts.get(loc, mi.default)
    clause = mi.clause if loc in mi.amounts else (mi.default_clause or mi.clause)
    if minimum is None:
        return Reason(
            "minimum investment",
            Outcome.UNCLEAR,
            f"the rule gives no minimum for {place}",
            mi.clause,
        )
    if amount >= minimum:
        return Reason(
            "minimum investment",
            Outcome.ELIGIBLE,
            f"{money(amount)} AZN meets the {money(minimum)} AZN minimum for {place}",
            clause,
        )
    return Reason(
        "minimum investment",
        Outcome.NOT_ELIGIBLE,
        f"{money(amount)} AZN is below the {money(minimum)} AZN minimum for {place}",
        clause,
    )


def _requirements(regime: Regime, scenario: Scenario) -> list[Reason]:
    reasons = []
    for req in regime.requirements:
        if req.flag is not None:
            met = bool(getattr(scenario, req.flag, False))
            outcome = Outcome.ELIGIBLE if met else Outcome.NOT_ELIGIBLE
            text = f"{req.label}: {'yes' if met else 'no'}"
        elif scenario.participants is None:
            outcome, text = Outcome.UNCLEAR, f"{req.label}: not given"
        else:
            ok = scenario.participants >= (req.minimum or 0)
            outcome = Outcome.ELIGIBLE if ok else Outcome.NOT_ELIGIBLE
            text = f"{req.label}: {scenario.participants} given, {req.minimum} needed"
        reasons.append(Reason(req.id.replace("_", " "), outcome, text, req.clause))
    return reasons


def _benefits(regime: Regime, scenario: Scenario) -> tuple[BenefitResult, ...]:
    results = []
    for benefit in regime.benefits:
        if benefit.years is None:
            results.append(
                BenefitResult(benefit, None, "the text gives no duration: no end date computed")
            )
            continue
        end = add_and_flag(
            scenario.application_date, benefit.years, "year", regime.measure.jurisdiction
        )
        note = (
            f"counted from {benefit.starts_from}, taken as the application date "
            f"{scenario.application_date.isoformat()}: {end.rule}"
        )
        results.append(BenefitResult(benefit, end, note))
    return tuple(results)


def evaluate(regime: Regime, scenario: Scenario, *, book: RuleBook | None = None) -> Verdict:
    """The verdict of one incentive regime on a scenario; ``book`` resolves alternative routes."""
    if regime.kind != "incentive":
        raise UserFacingError(f"{regime.id} is a {regime.kind} rule: use its calculator")
    check_scenario(scenario)
    reasons: list[Reason] = []
    for reason in (_window(regime, scenario), _state_share(regime, scenario)):
        if reason is not None:
            reasons.append(reason)
    reasons += _location(regime, scenario, book)
    minimum = _min_investment(regime, scenario)
    if minimum is not None:
        reasons.append(minimum)
    reasons += _requirements(regime, scenario)
    # An alternative route repeats shared conditions (window, state share): show each once.
    reasons = list({(r.criterion, r.outcome, r.message): r for r in reasons}.values())
    outcome = combine(r.outcome for r in reasons)
    warnings = tuple(regime.problems)
    unverified = [r.clause for r in reasons if not r.clause.verified]
    if unverified or not regime.verified:
        warnings += ("this rule is unverified: a quote it rests on is not in the source text",)
    return Verdict(
        regime_id=regime.id,
        title=regime.title,
        outcome=outcome,
        reasons=tuple(reasons),
        benefits=_benefits(regime, scenario) if outcome is not Outcome.NOT_ELIGIBLE else (),
        thresholds=thresholds(regime),
        amount_azn=scenario.amount_azn,
        verified=regime.verified,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def evaluate_all(book: RuleBook, scenario: Scenario) -> list[Verdict]:
    """Verdicts of every incentive regime in ``book``."""
    return [evaluate(regime, scenario, book=book) for regime in book.incentives()]


def clause_dict(clause: Clause) -> dict[str, object]:
    """A clause as JSON-ready data (source id, name, span, quote, verified)."""
    span = clause.span
    return {
        "quote": clause.quote,
        "verified": clause.verified,
        "source_id": span.source_id if span else None,
        "source": span.source_name if span else None,
        "start": span.start if span else None,
        "end": span.end if span else None,
        "text": span.text if span else None,
    }
