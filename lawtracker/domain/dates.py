"""Date arithmetic that says how it rounded.

Periods are added with ``dateutil.relativedelta``, which clamps to the end of
a short month (31 January + 1 month = 28/29 February). The result carries a
human sentence saying so, because a consultant must be able to check it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

# The placeholder year of a MONTH_DAY date ("On May 25", no year anywhere): a leap year,
# so that 29 February is representable; never shown, exported or put on a timeline.
NO_YEAR = 4


def month_day_text(value: dt.date) -> str:
    """ISO 8601's reduced form for a day and month without a year: ``--MM-DD``."""
    return f"--{value.month:02d}-{value.day:02d}"


_UNITS = {"year": "years", "month": "months", "week": "weeks", "day": "days"}


@dataclass(frozen=True, slots=True)
class PeriodEnd:
    start: dt.date
    end: dt.date
    amount: float
    unit: str
    clamped: bool
    rule: str


def _delta(amount: float, unit: str) -> relativedelta:
    if unit not in _UNITS:
        raise ValueError(f"cannot add a period in '{unit}'")
    whole = int(amount)
    if whole != amount:
        raise ValueError(f"cannot add a fractional period of {amount} {unit}s")
    return relativedelta(**{_UNITS[unit]: whole})


def add_period(start: dt.date, amount: float, unit: str) -> PeriodEnd:
    """``start`` plus ``amount`` ``unit``s, with the rule that produced the date."""
    delta = _delta(amount, unit)
    end = start + delta
    clamped = unit in ("year", "month") and end.day != start.day
    plural = "" if amount == 1 else "s"
    rule = f"{start.isoformat()} + {int(amount)} {unit}{plural} = {end.isoformat()}"
    if clamped:
        rule += f" (day {start.day} does not exist in {end:%B %Y}: clamped to the month's last day)"
    return PeriodEnd(start, end, amount, unit, clamped, rule)


def can_add(unit: str) -> bool:
    return unit in _UNITS
