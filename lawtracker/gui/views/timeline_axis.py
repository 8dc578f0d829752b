"""Where the timeline's date ticks go at a given zoom (plain Python, no Qt).

Days are proleptic Gregorian ordinals (``date.toordinal()``), the timeline's
x unit, so the view's horizontal scale is simply pixels per day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Below this many pixels per month, months are too crowded to tick: years it is.
MIN_MONTH_PX = 28.0
#: Below this many pixels per day, days are too crowded: months it is.
MIN_DAY_PX = 14.0
MIN_LABEL_PX = 56.0
FIRST_DAY = dt.date(1, 1, 1).toordinal()
LAST_DAY = dt.date(9998, 12, 31).toordinal()  # room for "next month" arithmetic


@dataclass(frozen=True, slots=True)
class Tick:
    day: int
    label: str
    major: bool


def tick_unit(px_per_day: float) -> str:
    """``"year"``, ``"month"`` or ``"day"``: the finest unit that is not crowded."""
    if px_per_day * 30.44 < MIN_MONTH_PX:
        return "year"
    if px_per_day < MIN_DAY_PX:
        return "month"
    return "day"


def _step(choices: tuple[int, ...], unit_px: float) -> int:
    """The smallest step whose labels are at least ``MIN_LABEL_PX`` apart."""
    return next((s for s in choices if s * unit_px >= MIN_LABEL_PX), choices[-1])


def ticks(first_day: float, last_day: float, px_per_day: float) -> list[Tick]:
    """Ticks covering ``[first_day, last_day]``; majors start a year (or a month, for days)."""
    first = dt.date.fromordinal(int(max(FIRST_DAY, min(first_day, LAST_DAY))))
    last = dt.date.fromordinal(int(max(FIRST_DAY, min(last_day, LAST_DAY))))
    unit = tick_unit(px_per_day)
    if unit == "year":
        step = _step((1, 2, 5, 10, 20, 50, 100, 200, 500, 1000), 365.25 * px_per_day)
        start = max(1, first.year - first.year % step)
        return [
            Tick(dt.date(year, 1, 1).toordinal(), str(year), year % (step * 5) == 0)
            for year in range(start, last.year + 1, step)
        ]
    if unit == "month":
        step = _step((1, 2, 3, 6), 30.44 * px_per_day)
        result = []
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            if (month - 1) % step == 0:
                label = str(year) if month == 1 else MONTHS[month - 1]
                result.append(Tick(dt.date(year, month, 1).toordinal(), label, month == 1))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return result
    step = _step((1, 2, 5, 10), px_per_day)
    result = []
    for day in range(first.toordinal(), last.toordinal() + 1):
        date = dt.date.fromordinal(day)
        if date.day == 1:
            result.append(Tick(day, f"{MONTHS[date.month - 1]} {date.year}", True))
        elif (date.day - 1) % step == 0 and _days_left(date) >= step * 0.6:
            result.append(Tick(day, str(date.day), False))
    return result


def _days_left(date: dt.date) -> int:
    """Days from ``date`` to the next month's first day, whose label must not collide."""
    following = (date.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following.toordinal() - date.toordinal()


def context_label(first_day: float, px_per_day: float) -> str:
    """What the ticks alone do not say at the left edge: the month or the year."""
    date = dt.date.fromordinal(int(max(FIRST_DAY, min(first_day, LAST_DAY))))
    unit = tick_unit(px_per_day)
    if unit == "day":
        return f"{MONTHS[date.month - 1]} {date.year}"
    if unit == "month":
        return str(date.year)
    return ""
