"""Amounts, head-counts and durations as third-party newsletters, news and reports write them.

Every sentence here is written for the test, in the style of the English, Russian and
Azerbaijani documents the tracker receives (never copied from one).
"""

from __future__ import annotations

import pytest

from lawtracker.domain.dates import can_add
from lawtracker.domain.enums import Qualifier, QuantityKind
from lawtracker.domain.facts import FoundQuantity
from lawtracker.ingestion.extract.quantities import find_quantities

AMOUNT = QuantityKind.AMOUNT
PERCENT = QuantityKind.PERCENT
DURATION = QuantityKind.DURATION
PEOPLE = QuantityKind.PEOPLE


def _one(text: str) -> FoundQuantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


def _by_text(text: str) -> dict[str, FoundQuantity]:
    return {q.text: q for q in find_quantities(text)}


# --- scale words and digit grouping ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span_text", "value", "unit"),
    [
        ("The fund holds USD 12.4 bln in reserves.", "USD 12.4 bln", 12_400_000_000, "USD"),
        ("Exports reached 7 mln tenge last year.", "7 mln tenge", 7_000_000, "KZT"),
        ("The state will spend $4 million on it.", "$4 million", 4_000_000, "USD"),
        ("The grant is 2.5 thousand manats.", "2.5 thousand manats", 2_500, "AZN"),
        ("Debt stood at 1.2 trn tenge.", "1.2 trn tenge", 1_200_000_000_000, "KZT"),
        ("a budget of 3.1 billion lari", "3.1 billion lari", 3_100_000_000, "GEL"),
        ("Штраф составит 2,5 тыс. тенге.", "2,5 тыс. тенге", 2_500, "KZT"),
        ("Бюджет программы — 40 млн рублей.", "40 млн рублей", 40_000_000, "RUB"),
        ("Выделено 1,2 млрд сомов.", "1,2 млрд сомов", 1_200_000_000, "KGS"),
        ("Fonda 25 milyon manat ayrılıb.", "25 milyon manat", 25_000_000, "AZN"),
        ("Layihəyə 3 milyard manat yönəldilib.", "3 milyard manat", 3_000_000_000, "AZN"),
        ("Kompensasiya 12 min manat olacaq.", "12 min manat", 12_000, "AZN"),
        ("a fine of 25 000 soums", "25 000 soums", 25_000, "UZS"),
        ("a levy of 42,500 drams", "42,500 drams", 42_500, "AMD"),
        ("Пошлина — 2 310 000 сум.", "2 310 000 сум", 2_310_000, "UZS"),
        ("a fine of 412 thousand 75 soums", "412 thousand 75 soums", 412_075, "UZS"),
        (
            "a fine of 2 million 41 thousand 300 soums",
            "2 million 41 thousand 300 soums",
            2_041_300,
            "UZS",
        ),
    ],
)
def test_scaled_and_grouped_amounts(text: str, span_text: str, value: float, unit: str) -> None:
    quantity = _one(text)
    assert (quantity.text, quantity.kind, quantity.value, quantity.unit) == (
        span_text,
        AMOUNT,
        value,
        unit,
    )


def test_a_sentence_end_dot_is_not_part_of_an_abbreviated_scale() -> None:
    quantity = _one("Вложения составили не менее $7 млн. Проект запущен.")
    assert (quantity.text, quantity.value, quantity.unit, quantity.qualifier) == (
        "не менее $7 млн",
        7_000_000,
        "USD",
        Qualifier.AT_LEAST,
    )


def test_a_compound_without_a_unit_after_its_last_group_keeps_the_round_figure() -> None:
    found = find_quantities("The plan funds 5 million 200 companies get.")
    assert [(q.value, q.unit) for q in found] == [(200, "company")]


# --- currencies ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The index rate is TJS 72 this year.", 72, "TJS"),
        ("a subsidy of 900 somoni", 900, "TJS"),
        ("a turnover of 18,000 UZS", 18_000, "UZS"),
        ("the duty is 350 so'm per unit", 350, "UZS"),
        ("the fee is 45 000 сўм", 45_000, "UZS"),
        ("a fine of 5,000 soms", 5_000, "KGS"),
        ("sold for 120 000 рублей", 120_000, "RUB"),
        ("стоимость 300 руб. за единицу", 300, "RUB"),
        ("цена 15 долларов США", 15, "USD"),
        ("взнос 70 евро", 70, "EUR"),
        ("a grant of 150 €", 150, "EUR"),
        ("a salary of about 2300$ a month", 2_300, "USD"),
        ("an allowance of 500 ₼", 500, "AZN"),
        ("a loan of CNY 80,000", 80_000, "CNY"),
        ("a levy of 1,000 TRY", 1_000, "TRY"),
    ],
)
def test_regional_currencies_and_iso_codes(text: str, value: float, unit: str) -> None:
    quantity = _one(text)
    assert (quantity.kind, quantity.value, quantity.unit) == (AMOUNT, value, unit)


@pytest.mark.parametrize("text", ["TOP 10 reforms of the year", "ALL 5 members voted", "5 ABC"])
def test_capitalised_words_that_are_not_iso_codes_are_not_currencies(text: str) -> None:
    assert [q for q in find_quantities(text) if q.kind == AMOUNT] == []


def test_a_conversion_into_another_currency_is_an_amount_of_its_own() -> None:
    found = _by_text(
        "The threshold is 9,000 manats (about 5300$); the cap is 12 000 tenge, "
        "equivalent to approximately USD 25."
    )
    assert found["9,000 manats"].value == 9_000
    assert (found["about 5300$"].value, found["about 5300$"].unit) == (5_300, "USD")
    assert found["about 5300$"].qualifier == Qualifier.ABOUT
    assert (found["approximately USD 25"].value, found["approximately USD 25"].unit) == (
        25,
        "USD",
    )


# --- index units -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span_text", "value", "unit"),
    [
        ("a fine of 40 times the MCI", "40 times the MCI", 40, "MCI"),
        ("a fine of 15 MCI", "15 MCI", 15, "MCI"),
        (
            "up to 6,000 monthly calculation indices (MCI)",
            "up to 6,000 monthly calculation indices (MCI)",
            6_000,
            "MCI",
        ),
        ("штраф в размере 25 МРП", "25 МРП", 25, "MCI"),
        ("штраф 30 месячных расчетных показателей", "30 месячных расчетных показателей", 30, "MCI"),
        ("a fine of 20 minimum wages", "20 minimum wages", 20, "MMW"),
        ("4 times the minimum monthly wage", "4 times the minimum monthly wage", 4, "MMW"),
        ("штраф до 10 БРВ", "до 10 БРВ", 10, "MMW"),
        ("штраф 7 МРЗП", "7 МРЗП", 7, "MMW"),
        ("a fine of 10 times the minimum wage", "10 times the minimum wage", 10, "MMW"),
    ],
)
def test_index_units(text: str, span_text: str, value: float, unit: str) -> None:
    quantity = _one(text)
    assert (quantity.text, quantity.kind, quantity.value, quantity.unit) == (
        span_text,
        AMOUNT,
        value,
        unit,
    )


def test_index_fines_with_their_money_equivalents_in_brackets() -> None:
    text = (
        "a fine on citizens from two (540 thousand 80 soums) to four (1 million 80 thousand "
        "160 soums) times MMW, and on officials from six to nine times MMW"
    )
    found = [(q.text, q.value, q.value_max, q.unit, q.qualifier) for q in find_quantities(text)]
    assert found == [
        ("two", 2, None, "MMW", Qualifier.AT_LEAST),
        ("540 thousand 80 soums", 540_080, None, "UZS", Qualifier.EXACT),
        ("four", 4, None, "MMW", Qualifier.UP_TO),
        ("1 million 80 thousand 160 soums", 1_080_160, None, "UZS", Qualifier.EXACT),
        ("from six to nine times MMW", 6, 9, "MMW", Qualifier.RANGE),
    ]


# --- head-counts -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span_text", "value", "qualifier"),
    [
        ("about 240 people were freed", "about 240 people", 240, Qualifier.ABOUT),
        ("Около 320 человек получат свободу.", "Около 320 человек", 320, Qualifier.ABOUT),
        ("амнистия коснется 2,5 тыс. лиц", "2,5 тыс. лиц", 2_500, Qualifier.EXACT),
        (
            "более 7 тысяч осуждённых выйдут на свободу",
            "более 7 тысяч осуждённых",
            7_000,
            Qualifier.MORE_THAN,
        ),
        (
            "срок сократят более чем для 4 тыс. заключенных",
            "более чем для 4 тыс. заключенных",
            4_000,
            Qualifier.MORE_THAN,
        ),
        ("свыше 90 несовершеннолетних", "свыше 90 несовершеннолетних", 90, Qualifier.MORE_THAN),
        ("Aktdan 4200 nəfər faydalanacaq.", "4200 nəfər", 4_200, Qualifier.EXACT),
        ("Akt 12 min nəfərə şamil olunacaq.", "12 min nəfərə", 12_000, Qualifier.EXACT),
        ("Sərəncamla 117 məhkum əfv edilib.", "117 məhkum", 117, Qualifier.EXACT),
        ("təxminən 600 nəfər azad olunacaq", "təxminən 600 nəfər", 600, Qualifier.ABOUT),
        ("nearly 2 million of its residents fled", "nearly 2 million of its residents", 2e6,
         Qualifier.ABOUT),
        ("12 of the convicts are minors", "12 of the convicts", 12, Qualifier.EXACT),
        ("14 of those amnestied are women", "14 of those amnestied", 14, Qualifier.EXACT),
        ("there are 6 foreigners among them", "6 foreigners", 6, Qualifier.EXACT),
        ("and three people- from probation", "three people", 3, Qualifier.EXACT),
    ],
)  # fmt: skip
def test_head_counts(text: str, span_text: str, value: float, qualifier: Qualifier) -> None:
    quantity = _one(text)
    assert (quantity.text, quantity.kind, quantity.value, quantity.unit, quantity.qualifier) == (
        span_text,
        PEOPLE,
        value,
        "person",
        qualifier,
    )


def test_a_part_of_a_whole_is_two_head_counts() -> None:
    found = find_quantities("The act frees 2,115 of 9,870 inmates held in the colonies.")
    assert [(q.text, q.kind, q.value) for q in found] == [
        ("2,115", PEOPLE, 2_115),
        ("9,870 inmates", PEOPLE, 9_870),
    ]


def test_a_population_figure_is_a_head_count() -> None:
    found = find_quantities("It covers 1,240 detainees out of a prison population of 11,302.")
    assert [(q.text, q.kind, q.value) for q in found] == [
        ("1,240 detainees", PEOPLE, 1_240),
        ("11,302", PEOPLE, 11_302),
    ]


def test_of_them_counts_people_only_after_people() -> None:
    people = find_quantities("The court heard 40 detainees; 9 of them were released.")
    assert [(q.text, q.kind) for q in people][-1] == ("9 of them", PEOPLE)
    things = find_quantities("The parliament passed the laws in May; 9 of them were vetoed.")
    assert [q for q in things if q.kind == PEOPLE] == []


def test_an_age_after_a_head_count_stays_out() -> None:
    found = find_quantities("Of those pardoned, 31 are more than 65-years-old.")
    assert [(q.text, q.kind, q.value) for q in found] == [("31", PEOPLE, 31)]


# --- not durations ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "persons over 65 years of age are exempt",
        "a defendant aged 17 years",
        "children under 14 years old",
        "women older than 58 years",
        "лица старше 65 лет освобождаются",
        "лица в возрасте до 16 лет",
        "marking 25 years of independence",
        "the state celebrates 25 years of its founding",
        "25 years of independence were marked",
        "к 25-летию Конституции",
        "müstəqilliyin 25 illiyi münasibətilə",
        "Закон принят в 2011 году.",
        "65 yaşdan yuxarı şəxslər",
    ],
)
def test_ages_anniversaries_and_calendar_years_are_not_durations(text: str) -> None:
    assert [q for q in find_quantities(text) if q.kind == DURATION] == []


def test_a_threshold_on_the_age_of_things_is_still_a_duration() -> None:
    quantity = _one("The levy doubles for cars older than 12 years.")
    assert (quantity.kind, quantity.value, quantity.unit) == (DURATION, 12, "year")


def test_a_sentence_of_years_of_imprisonment_is_a_duration() -> None:
    quantity = _one("sentenced to 8 years of imprisonment")
    assert (quantity.kind, quantity.value, quantity.unit) == (DURATION, 8, "year")


# --- business days and Russian periods --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("within 15 business days", 15, "business_day"),
        ("within eight working days", 8, "business_day"),
        ("в течение 10 рабочих дней", 10, "business_day"),
        ("5 iş günü ərzində", 5, "business_day"),
        ("within 20 calendar days", 20, "day"),
        ("в течение 30 календарных дней", 30, "day"),
        ("на срок до 3 лет", 3, "year"),
        ("в течение 6 месяцев", 6, "month"),
        ("Aktın icra müddəti 5 aydır.", 5, "month"),
    ],
)
def test_periods(text: str, value: float, unit: str) -> None:
    quantity = _one(text)
    assert (quantity.kind, quantity.value, quantity.unit) == (DURATION, value, unit)


def test_business_days_are_not_added_as_calendar_days() -> None:
    assert not can_add("business_day")


def test_a_russian_range_of_years() -> None:
    quantity = _one("лишение свободы от 2 до 5 лет")
    assert (quantity.value, quantity.value_max, quantity.unit, quantity.qualifier) == (
        2,
        5,
        "year",
        Qualifier.RANGE,
    )


# --- percentages -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a rate of 14%", 14),
        ("a rate of 14 %", 14),
        ("a rate of 14 percent", 14),
        ("a rate of 14 per cent", 14),
        ("ставка 14 процентов", 14),
        ("ставка 7,5 процента", 7.5),
        ("dərəcə 14 faiz təşkil edir", 14),
    ],
)
def test_percentages(text: str, value: float) -> None:
    quantity = _one(text)
    assert (quantity.kind, quantity.value, quantity.unit) == (PERCENT, value, "%")
