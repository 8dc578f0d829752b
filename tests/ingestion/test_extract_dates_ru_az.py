"""Russian dates, Azerbaijani case forms, numeric dates and dates without a year.

Every sentence here is written for the test, in the style of the documents we
receive, with invented numbers and names.
"""

from __future__ import annotations

import datetime as dt

import pytest

from lawtracker.domain.dates import NO_YEAR
from lawtracker.domain.enums import DatePrecision
from lawtracker.ingestion.extract.dates import find_dates

D = dt.date
DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR
MONTH_DAY = DatePrecision.MONTH_DAY


def _values(text: str, **kwargs: int) -> list[tuple[str, dt.date, DatePrecision]]:
    return [(d.text, d.value, d.precision) for d in find_dates(text, **kwargs)]


def _md(month: int, day: int) -> dt.date:
    return D(NO_YEAR, month, day)


# --- Russian -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Постановление от 14 апреля 2016 года № 52",
            [("14 апреля 2016 года", D(2016, 4, 14), DAY)],
        ),
        ("приказ от 3 октября 2011 г. № 7", [("3 октября 2011 г.", D(2011, 10, 3), DAY)]),
        ("Сенат одобрил закон 9 февраля 2004 года.", [("9 февраля 2004 года", D(2004, 2, 9), DAY)]),
        ("Экономика 5 августа 2020", [("5 августа 2020", D(2020, 8, 5), DAY)]),
        ("ДЕКАБРЯ: 1 декабря 2019 г", [("1 декабря 2019 г", D(2019, 12, 1), DAY)]),
        ("вступает в силу в январе 2026 года", [("январе 2026 года", D(2026, 1, 1), MONTH)]),
        ("Март 2019 г.", [("Март 2019 г.", D(2019, 3, 1), MONTH)]),
        ("в мае 2021 года", [("мае 2021 года", D(2021, 5, 1), MONTH)]),
        ("Кодекс об ответственности – в 2015 году;", [("2015 году", D(2015, 1, 1), YEAR)]),
        ("2016 год объявлен Годом экологии", [("2016 год", D(2016, 1, 1), YEAR)]),
        ("к 2030-му году", [("2030-му году", D(2030, 1, 1), YEAR)]),
        ("решение от 03.06.2015 г. № 4", [("03.06.2015 г.", D(2015, 6, 3), DAY)]),
    ],
)
def test_russian_forms(text: str, expected: list[tuple[str, dt.date, DatePrecision]]) -> None:
    assert _values(text) == expected


def test_russian_list_of_days_shares_month_and_year() -> None:
    found = find_dates("на заседаниях, состоявшихся 4 и 5 декабря 2018 года, Комитет")
    assert [(d.text, d.value, d.precision) for d in found] == [
        ("4", D(2018, 12, 4), DAY),
        ("5 декабря 2018 года", D(2018, 12, 5), DAY),
    ]


def test_russian_ranges() -> None:
    assert [d.value for d in find_dates("в период с 1 по 15 июля 2020 года")] == [
        D(2020, 7, 1),
        D(2020, 7, 15),
    ]
    assert [d.value for d in find_dates("с 1 января по 31 марта 2021 г.")] == [
        D(2021, 1, 1),
        D(2021, 3, 31),
    ]


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [
        ("АСТАНА. 7 марта. Агентство сообщает", _md(3, 7), "7 марта"),
        ("закон вступает в силу с 1 сентября", _md(9, 1), "1 сентября"),
        ("праздник отмечается 25 мая", _md(5, 25), "25 мая"),
    ],
)
def test_russian_day_and_month_without_year(text: str, value: dt.date, span: str) -> None:
    (found,) = find_dates(text)
    assert (found.text, found.value, found.precision) == (span, value, MONTH_DAY)


# --- Azerbaijani -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [
        (
            "2019-cu il 12 oktyabr tarixli 123-VIQ nömrəli Qanun",
            D(2019, 10, 12),
            "2019-cu il 12 oktyabr",
        ),
        ("2019-cu il, 12 oktyabr tarixində", D(2019, 10, 12), "2019-cu il, 12 oktyabr"),
        ("9 oktyabr 2019-cu il tarixli fərman", D(2019, 10, 9), "9 oktyabr 2019-cu il"),
        ("14 Mart 2023", D(2023, 3, 14), "14 Mart 2023"),
        ("2021-ci il sentyabrın 15-də qəbul edilib", D(2021, 9, 15), "2021-ci il sentyabrın 15-də"),
    ],
)
def test_azerbaijani_full_dates(text: str, value: dt.date, span: str) -> None:
    (found,) = find_dates(text)
    assert (found.text, found.value, found.precision) == (span, value, DAY)
    assert found.confidence == 1.0 and not found.needs_review


def test_azerbaijani_list_with_ve() -> None:
    found = find_dates("12 və 13 oktyabr 2019-cu il tarixlərində")
    assert [d.value for d in found] == [D(2019, 10, 12), D(2019, 10, 13)]


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [
        ("Sabah 14 may – Respublika günü münasibətilə", _md(5, 14), "14 may"),
        ("Qərar 14 mayda qüvvəyə minəcək", _md(5, 14), "14 mayda"),
        ("Qanun iyunun 15-dən qüvvəyə minir", _md(6, 15), "iyunun 15-dən"),
        ("oktyabrın 12-si bayram günüdür", _md(10, 12), "oktyabrın 12-si"),
    ],
)
def test_azerbaijani_day_and_month_without_year(text: str, value: dt.date, span: str) -> None:
    (found,) = find_dates(text)
    assert (found.text, found.value, found.precision) == (span, value, MONTH_DAY)
    assert found.confidence == 1.0 and not found.needs_review


def test_azerbaijani_month_day_through_ocr_damage_is_flagged() -> None:
    (found,) = find_dates("Qanun iyunun 15-den qiivvaya minir")
    assert (found.value, found.precision, found.needs_review) == (_md(6, 15), MONTH_DAY, True)
    assert found.confidence < 1.0


# --- numeric ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [
        ("Decision No. 7-Ն of 14/02/2022 abolished", D(2022, 2, 14), "14/02/2022"),
        ("List of Issues : Kazakhstan. 12/10/2001.", D(2001, 10, 12), "12/10/2001"),
        ("dated 05.01.2021", D(2021, 1, 5), "05.01.2021"),
        ("published 2019-04-07", D(2019, 4, 7), "2019-04-07"),
        ("от 12.5.2020", D(2020, 5, 12), "12.5.2020"),
    ],
)
def test_numeric_dates_are_day_first(text: str, value: dt.date, span: str) -> None:
    (found,) = find_dates(text)
    assert (found.text, found.value, found.precision) == (span, value, DAY)


@pytest.mark.parametrize(
    "text",
    [
        "12/25/2020",  # month first: not this region's convention
        "31/04/2021",
        "29.02.2021",
        "Article 90.7.2 of the Code",
        "a fine of 1.500.000 manat",
        "version 1.2.2020 released",
        "build 3.10.2021",
        "Decision No. 12/03/2020",
        "at 12.10.1450",
    ],
)
def test_numbers_that_are_not_numeric_dates(text: str) -> None:
    assert find_dates(text) == []


# --- dates without a year ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On March 25, the President signed a decree", [("March 25", _md(3, 25))]),
        ("Independence Day on November 12, the agency said.", [("November 12", _md(11, 12))]),
        ("last year on 21 November, Law No 12 was signed", [("21 November", _md(11, 21))]),
        ("On May 25, 15 convicts were released", [("May 25", _md(5, 25))]),
        ("leap day: 29 February", [("29 February", _md(2, 29))]),
        ("February 29 is the deadline", [("February 29", _md(2, 29))]),
        (
            "hearings on May 4, 6 and 8",
            [("May 4", _md(5, 4)), ("6", _md(5, 6)), ("8", _md(5, 8))],
        ),
        (
            "from 28 December to 3 January",
            [("28 December", _md(12, 28)), ("3 January", _md(1, 3))],
        ),
    ],
)
def test_month_day_without_a_default_year(text: str, expected: list[tuple[str, dt.date]]) -> None:
    found = find_dates(text)
    assert [(d.text, d.value) for d in found] == expected
    assert all(d.precision == MONTH_DAY and not d.year_inferred for d in found)


def test_default_year_fills_the_year_and_asks_for_review() -> None:
    (found,) = find_dates("Qanun iyunun 15-dən qüvvəyə minir", default_year=2022)
    assert (found.value, found.precision, found.year_inferred) == (D(2022, 6, 15), DAY, True)
    assert (found.confidence, found.needs_review) == (0.9, True)
    (found,) = find_dates("праздник 25 мая", default_year=2021)
    assert (found.value, found.year_inferred, found.confidence) == (D(2021, 5, 25), True, 0.9)
    # a range into the new year: the default year is the later one
    first, second = find_dates("from 28 December to 3 January", default_year=2021)
    assert (first.value, second.value) == (D(2020, 12, 28), D(2021, 1, 3))
    # an impossible day in the default year is dropped
    assert find_dates("leap day: 29 February", default_year=2021) == []


@pytest.mark.parametrize(
    "text",
    [
        "the Committee may 2 times adjourn",
        "Article 25 may be amended",
        "Articles 3, 4 May apply",
        "Those 25 may apply to the case",
        "In March 3 people were detained",
        "adopted in December\n8. The Committee notes",
        "paragraph 12 March",
        "статья 25 мая",
    ],
)
def test_what_only_looks_like_a_day_and_month(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "on May 4 and June 7, 2019",
        "12 и 13 ноября 2019 года",
        "from 30 November to 2 December 2020",
        "2018-ci il noyabrın 30-da",
    ],
)
def test_day_and_month_inside_a_full_date_are_not_month_day(text: str) -> None:
    found = find_dates(text)
    assert found
    assert all(d.precision == DAY for d in found)
