"""Amounts, percentages, durations and head-counts, with qualifiers and conditions."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from lawtracker.domain.enums import Qualifier, QuantityKind
from lawtracker.domain.facts import FoundQuantity
from lawtracker.ingestion.extract.quantities import find_quantities

AMOUNT = QuantityKind.AMOUNT
PERCENT = QuantityKind.PERCENT
DURATION = QuantityKind.DURATION
PEOPLE = QuantityKind.PEOPLE
COUNT = QuantityKind.COUNT
AZ_HALF_MARK = " Biznes faaliyyatinize"


def _seed(seeds_dir: Path, prefix: str) -> str:
    return next(seeds_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _one(text: str) -> FoundQuantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


def _summary(text: str) -> list[tuple[str, QuantityKind, float, str, Qualifier]]:
    return [(q.text, q.kind, q.value, q.unit, q.qualifier) for q in find_quantities(text)]


def _check_consistent(text: str, found: list[FoundQuantity]) -> None:
    last_end = 0
    for quantity in found:
        assert text[quantity.span.start : quantity.span.end] == quantity.text
        assert quantity.span.start >= last_end
        last_end = quantity.span.end


def _find(found: list[FoundQuantity], text: str) -> FoundQuantity:
    matches = [q for q in found if q.text == text]
    assert matches, f"{text!r} not in {[q.text for q in found]}"
    return matches[0]


# --- amounts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span_text", "value", "unit"),
    [
        ("a grant of 2 (two) million manats was paid", "2 (two) million manats", 2_000_000, "AZN"),
        ("a fee of 75,000 manats applies", "75,000 manats", 75_000, "AZN"),
        ("the stamp costs 0.05 manat", "0.05 manat", 0.05, "AZN"),
        ("4 (dord) milyon manat ayrilir", "4 (dord) milyon manat", 4_000_000, "AZN"),
        ("30.000 manatdan ibarətdir", "30.000 manatdan", 30_000, "AZN"),
        ("rüsum 0,05 manat təşkil edir", "0,05 manat", 0.05, "AZN"),
        ("a budget of 900 AZN", "900 AZN", 900, "AZN"),
        ("fined 150,000 tenge", "150,000 tenge", 150_000, "KZT"),
        ("paid 40 KZT", "40 KZT", 40, "KZT"),
        ("raised $3 million", "$3 million", 3_000_000, "USD"),
        ("sent 250 US dollars", "250 US dollars", 250, "USD"),
        ("worth 12 USD", "12 USD", 12, "USD"),
        ("costing 8.5 billion euros", "8.5 billion euros", 8_500_000_000, "EUR"),
        ("EUR 600 per month", "EUR 600", 600, "EUR"),
    ],
)
def test_amounts(text: str, span_text: str, value: float, unit: str) -> None:
    quantity = _one(text)
    assert (quantity.text, quantity.kind, quantity.value, quantity.unit) == (
        span_text,
        AMOUNT,
        value,
        unit,
    )


def test_number_word_echo_counts_once_and_disagreement_is_flagged() -> None:
    assert _one("exactly 12 (twelve) million manats").needs_review is False
    flagged = _one("exactly 12 (eleven) million manats")
    assert (flagged.value, flagged.needs_review) == (12_000_000, True)


# --- percentages ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span_text", "value", "qualifier"),
    [
        ("a reduction of 25 percent", "25 percent", 25, Qualifier.EXACT),
        (
            "owning 15 (fifteen) percent or more of",
            "15 (fifteen) percent or more",
            15,
            Qualifier.AT_LEAST,
        ),
        ("a rate of 18% applies", "18%", 18, Qualifier.EXACT),
        ("about 12 per cent of", "about 12 per cent", 12, Qualifier.ABOUT),
        ("dəyərinin 25 faizi həcmində", "25 faizi", 25, Qualifier.EXACT),
        ("35 faiz güzəşt", "35 faiz", 35, Qualifier.EXACT),
    ],
)
def test_percentages(text: str, span_text: str, value: float, qualifier: Qualifier) -> None:
    quantity = _one(text)
    assert (quantity.text, quantity.kind, quantity.value, quantity.unit) == (
        span_text,
        PERCENT,
        value,
        "%",
    )
    assert quantity.qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "span_text"),
    [
        ("a fine of 10 percent to 30 percent of", "10 percent to 30 percent"),
        ("a fine of 10 to 30 percent of", "10 to 30 percent"),
        ("between 10 and 30 percent", "between 10 and 30 percent"),
        ("from 10 to 30 percent", "from 10 to 30 percent"),
        ("10 faizindən 30 faizinədək", "10 faizindən 30 faizinədək"),
        ("10 faizinden otuz faizinedek", "10 faizinden otuz faizinedek"),
    ],
)
def test_percentage_ranges(text: str, span_text: str) -> None:
    quantity = _one(text)
    assert (quantity.text, quantity.kind, quantity.qualifier) == (
        span_text,
        PERCENT,
        Qualifier.RANGE,
    )
    assert (quantity.value, quantity.value_max) == (10, 30)


def test_clean_and_damaged_azerbaijani_ranges() -> None:
    assert _one("10 faizindən 30 faizinədək").needs_review is False
    assert _one("10 faizinden 30 faizinedek").needs_review is True


# --- durations -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span_text", "value", "unit", "qualifier"),
    [
        ("a term of 9 years applies", "9 years", 9, "year", Qualifier.EXACT),
        ("within six months of", "within six months", 6, "month", Qualifier.UP_TO),
        ("for 1 month only", "1 month", 1, "month", Qualifier.EXACT),
        ("for up to three years", "up to three years", 3, "year", Qualifier.UP_TO),
        ("no later than 48 hours", "no later than 48 hours", 48, "hour", Qualifier.UP_TO),
        ("after 2 weeks", "2 weeks", 2, "week", Qualifier.EXACT),
        ("within 10 working days", "within 10 working days", 10, "business_day", Qualifier.UP_TO),
        ("a 5-year plan", "5-year", 5, "year", Qualifier.EXACT),
        ("müddəti 6 il təşkil edir", "6 il", 6, "year", Qualifier.EXACT),
        ("2 ay ərzində", "2 ay", 2, "month", Qualifier.EXACT),
        ("4 ilədək azadlıqdan məhrum", "4 ilədək", 4, "year", Qualifier.UP_TO),
    ],
)
def test_durations(
    text: str, span_text: str, value: float, unit: str, qualifier: Qualifier
) -> None:
    quantity = _one(text)
    assert (quantity.text, quantity.kind, quantity.value, quantity.unit, quantity.qualifier) == (
        span_text,
        DURATION,
        value,
        unit,
        qualifier,
    )


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("for a period of 1 to 3 years", 1, 3),
        ("for 5-7 years", 5, 7),
        ("1 ildən 3 ilədək", 1, 3),
        ("from two to four years", 2, 4),
    ],
)
def test_duration_ranges(text: str, low: float, high: float) -> None:
    quantity = _one(text)
    assert (quantity.kind, quantity.unit, quantity.qualifier) == (DURATION, "year", Qualifier.RANGE)
    assert (quantity.value, quantity.value_max) == (low, high)


def test_azerbaijani_year_ordinals_and_day_suffixes_are_not_durations() -> None:
    assert find_quantities("2021-ci il martın 1-dən qüvvəyə minir") == []


# --- people and counts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span_text", "value", "qualifier"),
    [
        ("over 8,000 prisoners were freed", "over 8,000 prisoners", 8000, Qualifier.MORE_THAN),
        ("approximately 3,500 detainees", "approximately 3,500 detainees", 3500, Qualifier.ABOUT),
        ("more than 600 people", "more than 600 people", 600, Qualifier.MORE_THAN),
        ("some 12 000 pardoned inmates", "some 12 000 pardoned inmates", 12000, Qualifier.ABOUT),
        ("Nearly 1 500 will be released soon", "Nearly 1 500", 1500, Qualifier.ABOUT),
        ("14 were killed in the attack", "14", 14, Qualifier.EXACT),
        ("of whom 40 were women", "40", 40, Qualifier.EXACT),
        ("the 7 accused journalists", "7 accused journalists", 7, Qualifier.EXACT),
        ("at least 25 civilians", "at least 25 civilians", 25, Qualifier.AT_LEAST),
        ("120 prisoners of war", "120 prisoners of war", 120, Qualifier.EXACT),
        ("31 military personnel", "31 military personnel", 31, Qualifier.EXACT),
        ("1 person", "1 person", 1, Qualifier.EXACT),
    ],
)
def test_people(text: str, span_text: str, value: float, qualifier: Qualifier) -> None:
    quantity = _one(text)
    assert (quantity.text, quantity.kind, quantity.value, quantity.unit, quantity.qualifier) == (
        span_text,
        PEOPLE,
        value,
        "person",
        qualifier,
    )


def test_people_counted_inside_a_parenthesis() -> None:
    assert _summary("wounding 40 (including 9 children) in the city") == [
        ("40", PEOPLE, 40, "person", Qualifier.EXACT),
        ("9 children", PEOPLE, 9, "person", Qualifier.EXACT),
    ]


@pytest.mark.parametrize(
    ("text", "span_text", "value", "unit"),
    [
        ("a total of 950 inspections were held", "950 inspections", 950, "inspection"),
        ("412 administrative cases", "412 administrative cases", 412, "case"),
        ("12 pre-trial detention facilities", "12 pre-trial detention facilities", 12, "facility"),
        ("5,210 anti-tank mines", "5,210 anti-tank mines", 5210, "mine"),
        ("1 criminal case", "1 criminal case", 1, "case"),
        ("three new complaints", "three new complaints", 3, "complaint"),
        ("2,548 individual episodes", "2,548 individual episodes", 2548, "episode"),
        ("may be extended 3 times, each", "3 times", 3, "time"),
    ],
)
def test_counts(text: str, span_text: str, value: float, unit: str) -> None:
    quantity = _one(text)
    assert (quantity.text, quantity.kind, quantity.value, quantity.unit) == (
        span_text,
        COUNT,
        value,
        unit,
    )


def test_count_qualified_about() -> None:
    quantity = _one("about 2,000 civil society organizations")
    assert (quantity.unit, quantity.qualifier) == ("organization", Qualifier.ABOUT)


# --- qualifiers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("exceeding 10,000 manats", Qualifier.MORE_THAN),
        ("above 10,000 manats", Qualifier.MORE_THAN),
        ("in excess of 10,000 manats", Qualifier.MORE_THAN),
        ("around 10,000 manats", Qualifier.ABOUT),
        ("not more than 10,000 manats", Qualifier.UP_TO),
        ("not exceeding 10,000 manats", Qualifier.UP_TO),
        ("shall not exceed 10,000 manats", Qualifier.UP_TO),
        ("no more than 10,000 manats", Qualifier.UP_TO),
        ("a maximum of 10,000 manats", Qualifier.UP_TO),
        ("not less than 10,000 manats", Qualifier.AT_LEAST),
        ("a minimum of 10,000 manats", Qualifier.AT_LEAST),
        ("10,000 manats or more", Qualifier.AT_LEAST),
        ("fewer than 10,000 people", Qualifier.LESS_THAN),
        ("below 10,000 manats", Qualifier.LESS_THAN),
        ("ən azı 10 manat", Qualifier.AT_LEAST),
        ("azi 10 il", Qualifier.AT_LEAST),
        ("10.000 manatdan yuxarı", Qualifier.MORE_THAN),
        ("10.000 manatdan artıq olmayan", Qualifier.UP_TO),
        ("10.000 manatadək", Qualifier.UP_TO),
        ("1 aydan çox olmamaq", Qualifier.UP_TO),
        ("20 faizi və daha artıq", Qualifier.AT_LEAST),
    ],
)
def test_qualifiers_are_read_and_kept_in_the_span(text: str, qualifier: Qualifier) -> None:
    quantity = _one(f"The rule: {text}; nothing else.")
    assert quantity.qualifier == qualifier
    assert quantity.text == text  # the qualifier words belong to the span


@pytest.mark.parametrize("text", ["10,000 manats", "10.000 manat", "10 faiz", "3 il"])
def test_no_qualifier_words_means_exact(text: str) -> None:
    assert _one(f"The rule: {text}; nothing else.").qualifier == Qualifier.EXACT


# --- conditions ----------------------------------------------------------------------


def test_condition_before_the_figure_closed_by_a_verb() -> None:
    text = (
        "The minimum capital in relation to banks registered in Ganja, Shaki "
        "and Lankaran (excluding branches) is 10 (ten) million manats, and "
        "2 (two) million manats for credit unions in other regions;"
    )
    first, second = find_quantities(text)
    assert first.value == 10_000_000
    assert first.condition == (
        "in relation to banks registered in Ganja, Shaki and Lankaran (excluding branches)"
    )
    assert second.value == 2_000_000
    assert second.condition == "for credit unions in other regions"


def test_condition_cut_at_a_new_subject() -> None:
    quantity = _one("In case of a repeated breach, the fine is 500 manats.")
    assert quantity.condition == "In case of a repeated breach"


def test_defining_parenthesis_names_the_condition() -> None:
    text = "committed in a large amount (i.e. in an amount exceeding 80,000 manats) is punished"
    quantity = _one(text)
    assert (quantity.qualifier, quantity.condition) == (Qualifier.MORE_THAN, "large amount")
    assert _one("paying the stamp duty (i.e. 0.30 manat) within").condition == "stamp duty"


def test_azerbaijani_postposition_condition() -> None:
    text = "- kənd rayonlarında həyata keçiriləcək layihələrə münasibətdə 2 (iki) milyon manat;"
    quantity = _one(text)
    assert quantity.value == 2_000_000
    assert quantity.condition == "kənd rayonlarında həyata keçiriləcək layihələrə münasibətdə"


def test_condition_after_the_figure_stays_inside_its_parenthesis() -> None:
    assert _one("fees (5 manats for residents of Baku) apply").condition == (
        "for residents of Baku"
    )
    assert _one("a fee of 5 manats for projects (in Baku) that start;").condition == (
        "for projects (in Baku) that start"
    )


def test_two_figures_in_one_sentence_do_not_share_a_condition() -> None:
    text = "In relation to exporters, the rate is 5 percent, and 7 percent otherwise."
    first, second = find_quantities(text)
    assert first.condition == "In relation to exporters"
    assert second.condition is None


def test_no_condition_for_a_plain_figure() -> None:
    assert _one("shall be punished by a fine of 40 percent of the value").condition is None
    assert _one("for a period of 3 years").condition is None


# --- exclusions ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Article 90.7.2 applies",
        "12. The Committee notes",
        "Decree No. 1913 of the President",
        "Law 619-VIQD was adopted",
        "Doc. 16225 lists",
        "at its 2101st meeting",
        "on the 30th anniversary",
        "on 12 March 2021 and in 2022",
        "Part 17 of the Rules",
        "paragraphs 13 (b), 17 (a) and 21",
        "1913 nömrəli Fərman",
        "Total = 23",
        "the fine is 5 times higher",
    ],
)
def test_numbers_that_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize("text", ["", " ", "no numbers", "5", "five", "(ten)", "million manats"])
def test_inputs_without_quantities(text: str) -> None:
    assert find_quantities(text) == []


# --- seeds ---------------------------------------------------------------------------


def test_newsletter_english_quantities(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "001")
    found = find_quantities(text)
    _check_consistent(text, found)
    english = [q for q in found if q.span.end <= text.index(AZ_HALF_MARK)]
    five = next(q for q in english if q.value == 5_000_000)
    assert (five.kind, five.unit, five.text) == (AMOUNT, "AZN", "5 (five) million manats")
    assert five.condition is not None
    for place in ("Baku", "Sumgayit", "Ganja", "Absheron"):
        assert place in five.condition
    three = next(q for q in english if q.value == 3_000_000)
    assert three.unit == "AZN"
    assert three.condition == "for projects to be implemented in other areas"
    duty = next(q for q in english if q.value == 0.07)
    assert (duty.unit, duty.condition) == ("AZN", "state duty")
    significant = next(q for q in english if q.value == 50_000 and q.unit == "AZN")
    assert (significant.qualifier, significant.condition) == (
        Qualifier.MORE_THAN,
        "significant amount",
    )
    assert _find(english, "30 (thirty) percent or more").qualifier == Qualifier.AT_LEAST
    ranges = [q for q in english if q.qualifier == Qualifier.RANGE]
    assert {(q.value, q.value_max, q.unit) for q in ranges} == {
        (40, 60, "%"),
        (2, 4, "year"),
        (3, 5, "year"),
    }
    assert _find(english, "up to two years").qualifier == Qualifier.UP_TO
    assert _find(english, "cannot exceed 20 percent").qualifier == Qualifier.UP_TO
    entities = "at least 10 (ten) micro, small or medium-sized business entities"
    assert _find(english, entities).unit == "entity"
    assert [q.value for q in english if q.unit == "year" and q.qualifier == Qualifier.EXACT] == [
        7,
        3,
        7,
        1,
        2,
        6,
        8,
    ]


def test_newsletter_azerbaijani_quantities(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "001")
    found = find_quantities(text)
    azerbaijani = [q for q in found if q.span.start >= text.index(AZ_HALF_MARK)]
    five = next(q for q in azerbaijani if q.value == 5_000_000)
    assert five.text == "5 (bes) milyon manat"
    assert five.condition is not None
    for place in ("Baki", "Sumqayit", "Gence", "Abseron"):
        assert place in five.condition
    three = next(q for q in azerbaijani if q.value == 3_000_000)
    assert three.condition is not None and "diger arazilarde" in three.condition
    assert next(q for q in azerbaijani if q.value == 0.07).unit == "AZN"
    assert _find(azerbaijani, "50.000 manatdan yuxari").qualifier == Qualifier.MORE_THAN
    assert _find(azerbaijani, "200.000 manatdan artig olmayan").qualifier == Qualifier.UP_TO
    assert _find(azerbaijani, "3 iledek").qualifier == Qualifier.UP_TO
    sixty = _find(azerbaijani, "40 faizinden altmis faizinedek")
    assert (sixty.value, sixty.value_max, sixty.needs_review) == (40, 60, True)
    assert _find(azerbaijani, "2 ilden 4 iladek").value_max == 4
    assert _find(azerbaijani, "30 (otuz) faizi ve daha artiq").qualifier == Qualifier.AT_LEAST
    assert not [q for q in azerbaijani if q.value in (2022, 2023)]  # years, not quantities


def test_treaty_report_quantities(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "003")
    found = find_quantities(text)
    _check_consistent(text, found)
    expected = {
        "2,488 investigations": (COUNT, 2488, "investigation", Qualifier.EXACT),
        "1,388 criminal cases": (COUNT, 1388, "case", Qualifier.EXACT),
        "72 temporary detention facilities": (COUNT, 72, "facility", Qualifier.EXACT),
        "31,964 anti-personnel mines": (COUNT, 31964, "mine", Qualifier.EXACT),
        "about 4,000 non-governmental organizations": (
            COUNT,
            4000,
            "organization",
            Qualifier.ABOUT,
        ),
        "18,850 persons": (PEOPLE, 18850, "person", Qualifier.EXACT),
        "6 children": (PEOPLE, 6, "person", Qualifier.EXACT),
        "no later than 24 hours": (DURATION, 24, "hour", Qualifier.UP_TO),
        "at least 127 people": (PEOPLE, 127, "person", Qualifier.AT_LEAST),
        "414 prisoners of war": (PEOPLE, 414, "person", Qualifier.EXACT),
    }  # fmt: skip
    for span_text, (kind, value, unit, qualifier) in expected.items():
        quantity = _find(found, span_text)
        assert (quantity.kind, quantity.value, quantity.unit, quantity.qualifier) == (
            kind,
            value,
            unit,
            qualifier,
        )
    for not_a_quantity in ("90.7.2", "202006081", "2101", "GEGN", "CAT/C"):
        position = text.index(not_a_quantity)
        assert not [q for q in found if q.span.start <= position < q.span.end]


def test_news_quantities(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "000")
    found = find_quantities(text)
    _check_consistent(text, found)
    # "individuals over 60 years of age" is an age, not a period.
    assert [(q.value, q.unit, q.qualifier) for q in found] == [
        (20000, "person", Qualifier.MORE_THAN),
        (5000, "person", Qualifier.MORE_THAN),
        (3000, "person", Qualifier.MORE_THAN),
        (7000, "person", Qualifier.MORE_THAN),
        (4000, "person", Qualifier.ABOUT),
        (1000, "person", Qualifier.MORE_THAN),
        (4, "month", Qualifier.EXACT),
    ]


def test_declaration_quantities(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "004")
    found = find_quantities(text)
    _check_consistent(text, found)
    # "marking 30 years of the Constitution" is an anniversary, not a period.
    assert _summary(text) == [
        ("over 15 000 convicted individuals", PEOPLE, 15000, "person", Qualifier.MORE_THAN),
        ("Approximately 2 000", PEOPLE, 2000, "person", Qualifier.ABOUT),
    ]


def test_speed_on_the_largest_seed(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "003") + " "  # a new string: nothing cached
    started = time.perf_counter()
    find_quantities(text)
    assert time.perf_counter() - started < 0.1


def test_a_minimum_stated_away_from_the_figure_is_a_floor_shared_by_its_continuation() -> None:
    text = (
        "The minimum capital for banks in the capital is 10 (ten) million manats, "
        "and 4 million manats for banks elsewhere. The maximum fine is 300 manats. "
        "The fee is 20 manats."
    )
    found = {q.value: q.qualifier for q in find_quantities(text)}
    assert found[10_000_000] == Qualifier.AT_LEAST
    assert found[4_000_000] == Qualifier.AT_LEAST
    assert found[300] == Qualifier.UP_TO
    assert found[20] == Qualifier.EXACT
