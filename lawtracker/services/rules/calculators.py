"""One calculator per quantified rule: inputs in, a tier, range or date out, with its clause.

The figures (bands, percentages, periods, extension limits) come from the rule
file, not from this code; the code only knows how each kind of rule is read.
Money is ``Decimal``, rounded to the qaépik (0.01) half-up, and the rounding is
stated in the result's notes.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from lawtracker.domain.dates import add_period
from lawtracker.domain.rules import CalculationResult, Regime, Tier
from lawtracker.errors import UserFacingError
from lawtracker.services.rules.dates import add_and_flag, describe, flag_date
from lawtracker.services.rules.engine import money

CENT = Decimal("0.01")
ROUNDING_NOTE = "amounts rounded to 0.01 AZN, half up"
GRAVITIES = ("no_great_public_danger", "less_grave", "grave", "especially_grave")


def _percent_of(amount: Decimal, percent: Decimal) -> Decimal:
    return (amount * percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def _need(regime: Regime, kind: str) -> None:
    if regime.kind != kind:
        raise UserFacingError(f"{regime.id} is a {regime.kind} rule, not {kind}")


def _tier(regime: Regime, tier_id: str) -> Tier:
    for tier in regime.tiers:
        if tier.id == tier_id:
            return tier
    raise UserFacingError(f"{regime.id} has no tier {tier_id!r}")


def _in_band(tier: Tier, amount: Decimal) -> bool:
    above = tier.above is None or amount > tier.above
    below = tier.up_to is None or amount <= tier.up_to
    return above and below


def money_transfer(regime: Regime, amount: Decimal, *, official: bool = False) -> CalculationResult:
    """The liability tier for an illegal transfer of ``amount`` AZN, and the fine range.

    Bands are ``above < amount <= up_to``. A tier with ``when = "official"``
    also applies to an official using their position, whatever the amount,
    unless a higher band applies by amount.
    """
    _need(regime, "money_transfer")
    if amount <= 0:
        raise UserFacingError("the amount must be more than 0 AZN")
    by_amount = [t for t in regime.tiers if _in_band(t, amount)]
    if not by_amount:
        raise UserFacingError(f"no tier of {regime.id} covers {money(amount)} AZN")
    tier = by_amount[0]
    notes = [ROUNDING_NOTE, f"band: {_band(tier)}"]
    if official:
        order = [t.id for t in regime.tiers]
        flagged = [t for t in regime.tiers if t.when == "official"]
        if flagged and order.index(flagged[0].id) > order.index(tier.id):
            notes.append(
                f"{money(amount)} AZN alone is {tier.label.lower()}; an official "
                f"using their position raises it"
            )
            tier = flagged[0]
    low = _percent_of(amount, tier.percent_min) if tier.percent_min is not None else None
    high = _percent_of(amount, tier.percent_max) if tier.percent_max is not None else None
    fine = f"; fine {money(low)}–{money(high)} AZN" if low is not None and high is not None else ""
    if low is not None and low == high:
        fine = f"; fine {money(low)} AZN"
    clause = tier.penalty_clause or tier.clause
    return CalculationResult(
        rule_id=regime.id,
        title=regime.title,
        outcome=tier.id,
        summary=f"{tier.label}: {tier.penalty}{fine}",
        clause=tier.clause,
        amount_min=low,
        amount_max=high,
        notes=tuple(notes),
        verified=regime.verified,
        extra={"penalty_quote": clause.quote, "liability": tier.id.split("_")[0]},
    )


def _band(tier: Tier) -> str:
    low = f"more than {money(tier.above)}" if tier.above is not None else "any amount"
    high = f" up to and including {money(tier.up_to)}" if tier.up_to is not None else ""
    return f"{low}{high} AZN"


def salary_withholding(
    regime: Regime,
    salary: Decimal,
    *,
    withheld: Decimal | None = None,
    law_provides: bool = False,
) -> CalculationResult:
    """The most that may be withheld without acceptance from one ``salary`` payment."""
    _need(regime, "salary_withholding")
    if salary <= 0:
        raise UserFacingError("the salary must be more than 0")
    special = [t for t in regime.tiers if t.when == "law_provides"]
    general = next(t for t in regime.tiers if t.when is None)
    tier = special[0] if law_provides and special else general
    percent = tier.percent_max or Decimal(0)
    cap = _percent_of(salary, percent)
    outcome = f"cap_{percent}"
    summary = f"{tier.label}: at most {percent}% of {money(salary)} = {money(cap)}"
    if withheld is not None:
        within = withheld <= cap
        outcome = "within_cap" if within else "exceeds_cap"
        summary += f"; withholding {money(withheld)} is " + (
            "within the cap" if within else f"above the cap by {money(withheld - cap)}"
        )
    return CalculationResult(
        rule_id=regime.id,
        title=regime.title,
        outcome=outcome,
        summary=summary,
        clause=tier.clause,
        amount_max=cap,
        notes=(ROUNDING_NOTE, "the cap applies to each salary payment"),
        verified=regime.verified,
    )


def never_convicted(regime: Regime, completed: dt.date, gravity: str) -> CalculationResult:
    """The date from which a legal entity counts as never convicted, by crime ``gravity``."""
    _need(regime, "never_convicted")
    tier = _tier(regime, gravity)
    if tier.years is None:
        raise UserFacingError(f"{regime.id}: tier {gravity} has no period")
    end = add_and_flag(completed, tier.years, "year", regime.measure.jurisdiction)
    return CalculationResult(
        rule_id=regime.id,
        title=regime.title,
        outcome=tier.id,
        summary=f"{tier.label}: treated as never convicted after {end.date.isoformat()}",
        clause=tier.clause,
        date=end,
        notes=(
            describe(end),
            "the text says 'after N years have passed' from the day the measure was "
            "completed; it does not say whether that day itself counts",
        ),
        verified=regime.verified,
    )


def tobacco_exemption(regime: Regime, notice: dt.date, extensions: int = 0) -> CalculationResult:
    """The latest end of the duty exemption: base period plus ``extensions`` of the maximum each.

    More extensions than the rule allows is refused (``outcome == "refused"``),
    not clipped: the user asked for something the law does not permit.
    """
    _need(regime, "tobacco_exemption")
    base = regime.tiers[0]
    limit = regime.extension_limit or 0
    each = regime.extension_months or 0
    clause = regime.extension_clause or base.clause
    if extensions < 0:
        raise UserFacingError("the number of extensions cannot be negative")
    if extensions > limit:
        return CalculationResult(
            rule_id=regime.id,
            title=regime.title,
            outcome="refused",
            summary=f"extension {extensions} is not allowed: at most {limit} extensions",
            clause=clause,
            notes=(f"allowed: up to {limit} extensions of at most {each} month each",),
            verified=regime.verified,
        )
    months = (base.months or 0) + extensions * each
    end = add_and_flag(notice, months, "month", regime.measure.jurisdiction)
    stepwise = notice
    for step in [base.months or 0] + [each] * extensions:
        stepwise = add_period(stepwise, step, "month").end
    notes = [describe(end), "each extension is at most one month; a shorter one ends earlier"]
    if stepwise != end.date:
        notes.append(
            f"counted one extension at a time from a clamped month end, the period would end "
            f"on {stepwise.isoformat()}: the text does not say which count applies"
        )
    return CalculationResult(
        rule_id=regime.id,
        title=regime.title,
        outcome="allowed",
        summary=(
            f"exempt until {end.date.isoformat()} at the latest ({base.months} month + "
            f"{extensions} extension(s) of at most {each} month)"
        ),
        clause=clause if extensions else base.clause,
        date=end,
        notes=tuple(notes),
        verified=regime.verified,
    )


def amnesty_window(regime: Regime, on: dt.date | None = None) -> CalculationResult:
    """The implementation window's end, and where ``on`` falls relative to it."""
    _need(regime, "amnesty_window")
    window = regime.window
    if window is None:
        raise UserFacingError(f"{regime.id} has no window")
    end = add_and_flag(window.start, window.amount, window.unit, regime.measure.jurisdiction)
    start = flag_date(window.start, regime.measure.jurisdiction)
    outcome, summary = "window", f"from {window.start.isoformat()} to {end.date.isoformat()}"
    if on is not None:
        if window.start <= on < end.date:
            outcome = "inside"
        elif on == end.date:
            outcome = "unclear"
            summary += "; the date is the last day: the text does not say whether it counts"
        else:
            outcome = "outside"
        summary = f"{on.isoformat()} is {outcome}: " + summary
    return CalculationResult(
        rule_id=regime.id,
        title=regime.title,
        outcome=outcome,
        summary=summary,
        clause=window.clause,
        date=end,
        notes=(describe(end), f"start {describe(start)}"),
        verified=regime.verified,
    )
