"""Computed dates that say how they were rounded and whether the day is a working day.

Periods are added by ``lawtracker.domain.dates.add_period`` (dateutil, which
clamps 31 January + 1 month to the month's last day, and says so); the result
is then checked against weekends and the jurisdiction's public holidays from
the offline ``holidays`` package.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from lawtracker.domain.dates import add_period
from lawtracker.domain.rules import DateFlags

SUPPORTED_JURISDICTIONS = ("AZ", "KZ")


@lru_cache(maxsize=64)
def _calendar(jurisdiction: str, year: int) -> holidays.HolidayBase | None:
    if jurisdiction not in SUPPORTED_JURISDICTIONS:
        return None
    return holidays.country_holidays(jurisdiction, years=[year])


def flag_date(
    day: dt.date, jurisdiction: str, *, rule: str = "", clamped: bool = False
) -> DateFlags:
    """``day`` with its weekend and public-holiday flags for ``jurisdiction`` (AZ, KZ)."""
    calendar = _calendar(jurisdiction.upper(), day.year)
    holiday = calendar.get(day) if calendar is not None else None
    return DateFlags(
        date=day,
        rule=rule or day.isoformat(),
        clamped=clamped,
        weekend=day.weekday() >= 5,
        holiday=str(holiday) if holiday else None,
    )


def add_and_flag(start: dt.date, amount: int, unit: str, jurisdiction: str) -> DateFlags:
    """``start + amount unit`` with the rounding rule applied and non-working-day flags."""
    period = add_period(start, amount, unit)
    return flag_date(period.end, jurisdiction, rule=period.rule, clamped=period.clamped)


def describe(flags: DateFlags) -> str:
    """One line: the rule, then a warning when the date is not a working day."""
    text = flags.rule
    if flags.holiday:
        text += f"; {flags.date.isoformat()} is a public holiday ({flags.holiday})"
    elif flags.weekend:
        text += f"; {flags.date.isoformat()} is a {flags.date:%A}"
    return text
