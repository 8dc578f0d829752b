"""Readable words and dates shared by the views."""

from __future__ import annotations

import datetime as dt

import pytest

from lawtracker.domain.enums import DatePrecision, EventKind, Instrument, Qualifier
from lawtracker.gui.labels import number, precise_date, quantity_value, words

DAY = dt.date(2023, 10, 5)


def test_words() -> None:
    assert words(Instrument.COURT_DECISION) == "Court decision"
    assert words(EventKind.IN_FORCE) == "In force"


@pytest.mark.parametrize(
    ("value", "precision", "shown"),
    [
        (DAY, DatePrecision.DAY, "2023-10-05"),
        (DAY, DatePrecision.MONTH, "2023-10"),
        (DAY, DatePrecision.YEAR, "2023"),
        (None, DatePrecision.UNKNOWN, "unknown (not stated)"),
        (None, DatePrecision.DAY, "unknown (not stated)"),
    ],
)
def test_precise_date(value, precision, shown) -> None:
    assert precise_date(value, precision) == shown


def test_quantities() -> None:
    assert number(500000.0) == "500\u2009000"
    assert number(2.50) == "2.5"
    assert number(7) == "7"
    assert quantity_value(50.0, None, Qualifier.AT_LEAST) == "at least 50"
    assert quantity_value(3.0, 7.0, Qualifier.RANGE) == "3–7"
    assert quantity_value(15000.0, None, Qualifier.EXACT) == "15\u2009000"
