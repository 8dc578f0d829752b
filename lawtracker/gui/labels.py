"""Readable words for the domain's enums and dates, shared by every view.

Plain Python on purpose: the wording is presentation, but it needs no Qt and
is easy to test on its own.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from lawtracker.domain.enums import DatePrecision, Language, MeasureRole, Qualifier

EM_DASH = "—"
NOT_STATED = "not stated in the text"
UNKNOWN_DATE = "unknown (not stated)"
# What a measure without a jurisdiction is: an international body's own text (PACE...).
INTERNATIONAL = "International"
LOW_CONFIDENCE_WARNING = "low confidence: check against the source"

_QUALIFIERS = {
    Qualifier.EXACT: "",
    Qualifier.MORE_THAN: "more than",
    Qualifier.AT_LEAST: "at least",
    Qualifier.ABOUT: "about",
    Qualifier.UP_TO: "up to",
    Qualifier.LESS_THAN: "less than",
    Qualifier.RANGE: "between",
}

LANGUAGE_NAMES = {Language.EN: "English", Language.AZ: "Azerbaijani", Language.RU: "Russian"}
ROLE_NAMES = {
    MeasureRole.PRIMARY: "Primary",
    MeasureRole.REFERENCED: "Referenced",
    MeasureRole.MENTIONED: "Mentioned",
}


def words(value: StrEnum) -> str:
    """``court_decision`` -> ``Court decision``: enum values are snake_case words."""
    return value.value.replace("_", " ").capitalize()


def iso_date(value: dt.date | None, *, missing: str = "") -> str:
    """``YYYY-MM-DD``, the one date format of the app (unambiguous across locales)."""
    return value.isoformat() if value is not None else missing


def jurisdiction_name(code: str | None) -> str:
    """The code as stored, or "International" for a measure of no country."""
    return code if code is not None else INTERNATIONAL


def precise_date(value: dt.date | None, precision: DatePrecision) -> str:
    """A date showing only what the text states: ``2023-10`` for a month, ``2023`` for a year.

    A day and month without a year reads ``25 May (year not stated)``: the
    stored year is a placeholder and must never show.
    """
    if value is None or precision is DatePrecision.UNKNOWN:
        return UNKNOWN_DATE
    if precision is DatePrecision.MONTH_DAY:
        # Month names from a table, not strftime: %B follows the process locale.
        return f"{value.day} {_MONTHS[value.month - 1]} (year not stated)"
    if precision is DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    if precision is DatePrecision.YEAR:
        return f"{value.year:04d}"
    return value.isoformat()


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def number(value: float) -> str:
    """A quantity value with thin grouping, without a spurious ``.0``."""
    value = float(value)
    if value.is_integer():
        return f"{int(value):,}".replace(",", "\u2009")
    return f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", "\u2009")


def quantity_value(value: float, value_max: float | None, qualifier: Qualifier) -> str:
    """``at least 50``, ``3–7``: the value as the text qualifies it."""
    shown = number(value) if value_max is None else f"{number(value)}–{number(value_max)}"
    if qualifier is Qualifier.RANGE and value_max is not None:
        return shown
    prefix = _QUALIFIERS.get(qualifier, "")
    return f"{prefix} {shown}" if prefix else shown


def qualifier_words(qualifier: Qualifier) -> str:
    return _QUALIFIERS.get(qualifier) or "exact"
