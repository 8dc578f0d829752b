"""Dates in English and (OCR-damaged) Azerbaijani text (Russian: test_extract_dates_ru_az)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from lawtracker.domain.dates import NO_YEAR
from lawtracker.domain.enums import DatePrecision
from lawtracker.domain.facts import FoundDate
from lawtracker.ingestion.extract.dates import find_dates

D = dt.date
DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR
MONTH_DAY = DatePrecision.MONTH_DAY
AZ_HALF_MARK = " Biznes faaliyyatinize"


def _seed(seeds_dir: Path, prefix: str) -> str:
    return next(seeds_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _values(text: str, **kwargs: int) -> list[tuple[str, dt.date, DatePrecision]]:
    return [(d.text, d.value, d.precision) for d in find_dates(text, **kwargs)]


def _check_consistent(text: str, found: list[FoundDate]) -> None:
    last_end = 0
    for date in found:
        assert text[date.span.start : date.span.end] == date.text
        assert date.span.start >= last_end
        last_end = date.span.end


# --- English -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It was signed on March 3, 2021 in Baku.", [("March 3, 2021", D(2021, 3, 3), DAY)]),
        ("Adopted 14 February 2019.", [("14 February 2019", D(2019, 2, 14), DAY)]),
        ("logged 2024-06-30 at noon", [("2024-06-30", D(2024, 6, 30), DAY)]),
        ("opened on 03.04.2019.", [("03.04.2019", D(2019, 4, 3), DAY)]),  # day first
        ("In August 2018 the board met.", [("August 2018", D(2018, 8, 1), MONTH)]),
        ("from June, 1995 onwards", [("June, 1995", D(1995, 6, 1), MONTH)]),
        ("Reforms since 1997 continued.", [("1997", D(1997, 1, 1), YEAR)]),
        ("[Date received: 2 May 2022]", [("2 May 2022", D(2022, 5, 2), DAY)]),
        ("Distr.: General\n7 March 2024", [("7 March 2024", D(2024, 3, 7), DAY)]),
        ("on the 5th of May 2020", [("5th of May 2020", D(2020, 5, 5), DAY)]),
        ("Sept. 9, 2001", [("Sept. 9, 2001", D(2001, 9, 9), DAY)]),
    ],
)
def test_english_forms(text: str, expected: list[tuple[str, dt.date, DatePrecision]]) -> None:
    assert _values(text) == expected


def test_month_first_range_gives_both_endpoints() -> None:
    found = find_dates("The talks of July 8-9, 2021 ended.")
    assert [(d.text, d.value) for d in found] == [
        ("July 8", D(2021, 7, 8)),
        ("9, 2021", D(2021, 7, 9)),
    ]


def test_day_first_range_gives_both_endpoints_only() -> None:
    found = find_dates("The session ran 11–14 March 2022.")
    assert [d.value for d in found] == [D(2022, 3, 11), D(2022, 3, 14)]


def test_range_across_new_year() -> None:
    found = find_dates("from 30 December – 2 January 2020")
    assert [d.value for d in found] == [D(2019, 12, 30), D(2020, 1, 2)]


def test_between_two_full_dates() -> None:
    found = find_dates("between March 1, 2019 and June 30, 2019 the office")
    assert [d.value for d in found] == [D(2019, 3, 1), D(2019, 6, 30)]


def test_list_of_days_shares_month_and_year() -> None:
    found = find_dates("Hearings took place on May 4, 6 and June 2, 2017.")
    assert [d.value for d in found] == [D(2017, 5, 4), D(2017, 5, 6), D(2017, 6, 2)]
    assert [d.text for d in found] == ["May 4", "6", "June 2, 2017"]


def test_day_and_month_take_the_default_year_or_stay_month_day() -> None:
    text = "The ceasefire began on March 20 and held."
    (found,) = find_dates(text)
    assert (found.text, found.value, found.precision) == ("March 20", D(NO_YEAR, 3, 20), MONTH_DAY)
    assert not found.year_inferred
    (found,) = find_dates(text, default_year=2020)
    assert (found.text, found.value, found.year_inferred) == ("March 20", D(2020, 3, 20), True)
    assert (found.precision, found.confidence, found.needs_review) == (DAY, 0.9, True)
    (found,) = find_dates("Delivered on 22 April.", default_year=2019)
    assert found.value == D(2019, 4, 22) and found.year_inferred


def test_stated_year_is_not_inferred() -> None:
    (found,) = find_dates("on March 20, 2018", default_year=2020)
    assert found.value == D(2018, 3, 20)
    assert not found.year_inferred


@pytest.mark.parametrize(
    "text",
    [
        "symbol GEGN.2/2019/CRP.7 and Decision No. 03/2015",
        "Decree No. 1999 of the President",
        "the 2101st meeting",
        "a fine of 2000 manats",
        "1995 individuals were released",
        "Law 2020-IVQ amended",
        "criminal case No. 202006081",
        "over 3,000 convicts",
    ],
)
def test_numbers_that_are_not_years(text: str) -> None:
    assert find_dates(text) == []


def test_year_range_gives_two_years() -> None:
    assert _values("the strategy for 2021–2025 sets") == [
        ("2021", D(2021, 1, 1), YEAR),
        ("2025", D(2025, 1, 1), YEAR),
    ]


@pytest.mark.parametrize("text", ["February 30, 2021", "31.04.2020", "2021-13-01", "31 April 2021"])
def test_impossible_dates_are_skipped_silently(text: str) -> None:
    assert find_dates(text) == []


def test_lowercase_english_may_is_not_a_month() -> None:
    assert find_dates("The court may 5 times adjourn.", default_year=2020) == []


# --- Azerbaijani -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "span_text"),
    [
        ("qərar 12 mart 2021-ci il tarixində", D(2021, 3, 12), "12 mart 2021-ci il"),
        ("Qanun 3 sentyabr 2019-cu ildə qəbul edilib", D(2019, 9, 3), "3 sentyabr 2019-cu ildə"),
        ("2023-cü il iyulun 1-dən tətbiq edilir", D(2023, 7, 1), "2023-cü il iyulun 1-dən"),
        ("2026-cı il fevralın 6-dan", D(2026, 2, 6), "2026-cı il fevralın 6-dan"),
    ],
)
def test_clean_azerbaijani(text: str, value: dt.date, span_text: str) -> None:
    (found,) = find_dates(text)
    assert (found.value, found.text, found.precision) == (value, span_text, DAY)
    assert found.confidence == 1.0
    assert not found.needs_review


@pytest.mark.parametrize(
    ("text", "value", "span_text"),
    [
        ("2021-cl il yanvarin 1-den qiivvaya minir", D(2021, 1, 1), "2021-cl il yanvarin 1-den"),
        ("2021-cu il yanvarin 1-dan", D(2021, 1, 1), "2021-cu il yanvarin 1-dan"),
        ("9 oktyabr 2020-ci ilds imzalanib", D(2020, 10, 9), "9 oktyabr 2020-ci ilds"),
        ("4 avgust 2018-ci il", D(2018, 8, 4), "4 avgust 2018-ci il"),
    ],
)
def test_damaged_azerbaijani_is_flagged(text: str, value: dt.date, span_text: str) -> None:
    (found,) = find_dates(text)
    assert (found.value, found.text) == (value, span_text)
    assert found.confidence < 1.0
    assert found.needs_review


def test_azerbaijani_year_alone() -> None:
    (found,) = find_dates("2019-cu ildə başlanıb")
    assert (found.value, found.precision, found.needs_review) == (D(2019, 1, 1), YEAR, False)


def test_azerbaijani_day_suffix_is_not_a_count() -> None:
    assert [d.value for d in find_dates("2020-ci il martın 5-dək")] == [D(2020, 3, 5)]


@pytest.mark.parametrize("text", ["", "   ", "no dates here", "12345", "2/3", "May"])
def test_inputs_without_dates(text: str) -> None:
    assert find_dates(text) == []


# --- seeds -----------------------------------------------------------------------


def test_newsletter_dates_in_both_languages(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "001")
    found = find_dates(text)
    _check_consistent(text, found)
    split = text.index(AZ_HALF_MARK)
    english = [d for d in found if d.span.end <= split]
    azerbaijani = [d for d in found if d.span.start >= split]
    for value in (D(2022, 12, 20), D(2022, 12, 15), D(2022, 11, 5), D(2022, 12, 7)):
        assert value in {d.value for d in english}
        assert value in {d.value for d in azerbaijani}
    assert {d.text for d in english} >= {"December 20, 2022", "November 5, 2022"}
    assert {d.text for d in azerbaijani} >= {"20 dekabr 2022-ci il", "05 noyabr 2022-ci il"}
    assert all(d.confidence == 1.0 for d in english)
    # "2023-cl il yanvarin 1-den" read through OCR damage: found, but to be checked
    in_force = [d for d in azerbaijani if d.value == D(2023, 1, 1)]
    assert len(in_force) == 2
    assert all(d.needs_review and d.confidence < 1 for d in in_force)
    assert any(d.text.startswith("2023-cl il") for d in in_force)
    assert any(d.text == "7 dekabr 2022-ci ilds" and d.needs_review for d in azerbaijani)


def test_treaty_report_dates(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "003")
    found = find_dates(text)
    _check_consistent(text, found)
    by_text = {d.text: d for d in found}
    assert by_text["12 December 2025"].value == D(2025, 12, 12)
    assert by_text["18 November 2025"].value == D(2025, 11, 18)
    assert by_text["6 May 2024"].value == D(2024, 5, 6)
    assert by_text["October 2023"].precision == MONTH
    assert by_text["January 1992"].value == D(1992, 1, 1)
    assert by_text["September, 1988"].precision == MONTH
    assert by_text["05.07.2021"].value == D(2021, 7, 5)
    assert by_text["28.12.2020"].value == D(2020, 12, 28)
    assert [d.value for d in found if d.value.month in (10, 11) and d.value.year == 2020][:3] == [
        D(2020, 10, 17),
        D(2020, 10, 27),
        D(2020, 10, 28),
    ]
    symbol = text.index("GEGN.2/2023/CRP.140")
    assert not [d for d in found if symbol <= d.span.start < symbol + 20]
    assert "2101" not in " ".join(d.text for d in found)


def test_news_dates(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "000")
    found = find_dates(text)
    _check_consistent(text, found)
    assert [d.value for d in found] == [D(2025, 12, 21), D(2023, 9, 19), D(2023, 9, 20)]


def test_news_partial_dates_take_the_default_year(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "002")
    found = find_dates(text, default_year=2023)
    _check_consistent(text, found)
    inferred = {d.value for d in found if d.year_inferred}
    assert {D(2023, 9, 20), D(2023, 9, 22), D(2023, 9, 21)} <= inferred
    assert {d.value for d in found if d.precision == YEAR} == {D(1991, 1, 1), D(1994, 1, 1)}


def test_declaration_dates(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "004")
    found = find_dates(text)
    _check_consistent(text, found)
    assert [(d.value, d.precision) for d in found] == [
        (D(2025, 7, 10), DAY),
        (D(2024, 1, 1), YEAR),
        (D(2029, 1, 1), YEAR),
        (D(2025, 6, 23), DAY),
    ]


def test_speed_on_the_largest_seed(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "003") + " "  # a new string: no cached answer
    started = time.perf_counter()
    find_dates(text)
    assert time.perf_counter() - started < 0.1
