"""Properties every extractor keeps on any input: no exception, sane spans, fast enough."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawtracker.domain.facts import FoundDate, FoundQuantity, FoundReference, Span
from lawtracker.ingestion.extract.dates import find_dates
from lawtracker.ingestion.extract.quantities import find_quantities
from lawtracker.ingestion.extract.references import find_references
from lawtracker.ingestion.normalize import normalize_ocr, ocr_damage_score

# Pieces that put the extractors' patterns in play, mixed with separators.
_PIECES = [
    "0", "1", "5", "12", "30", "2022", "2O22", "l0", "1,388", "50.000", "0,07", "15 000",
    "December", "May", "Sept.", "dekabr", "yanvarın", "yanvarin", "2023-cü il", "2022-ci ilds",
    "1-dən", "-ci", "manats", "manat", "AZN", "$", "€", "percent", "%", "faizinden", "faizinedek",
    "years", "il", "ilden", "iledek", "ay", "people", "convicts", "children", "cases", "mines",
    "million", "milyon", "(five)", "(bes)", "five", "twenty-one", "over", "up to", "at least",
    "azi", "to", "and", "between", "from", "or more", "Article", "Articles", "of the Criminal Code",
    "Law", "No.", "Decree", "Decision", "case", "nömrəli", "ndémrali", "Qanunu", "maddələrinə",
    "CAT/C/AZE/CO/5", "GEGN.2/2023/CRP.140", "Doc.", "(i.e.", ")", "(", "in relation to", "for",
    "is", "münasibətdə", " ", " ", "\n", "\n\n", "-", "–", "-\n", ".", ",", ";", ":", "/", "¢",
    "©", "“", "”", "\u00a0", "\u00ad", "ﬁ", "İ", "ə", "ü",
]  # fmt: skip
legal_like = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=300), legal_like)
PROPERTY_SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

Found = FoundDate | FoundQuantity | FoundReference


def _check_spans(text: str, found: list[Found]) -> None:
    last_end = 0
    for fact in found:
        assert 0 <= fact.span.start <= fact.span.end <= len(text)
        assert fact.span.start >= last_end, "sorted and non-overlapping"
        assert text[fact.span.start : fact.span.end] == fact.text
        assert 0.0 < fact.confidence <= 1.0
        last_end = fact.span.end


@PROPERTY_SETTINGS
@given(any_text, st.one_of(st.none(), st.integers(min_value=1, max_value=9999)))
def test_find_dates_never_raises_and_keeps_spans(text: str, default_year: int | None) -> None:
    found = find_dates(text, default_year=default_year)
    _check_spans(text, found)
    for date in found:
        assert date.year_inferred <= (default_year is not None)


@PROPERTY_SETTINGS
@given(any_text)
def test_find_quantities_never_raises_and_keeps_spans(text: str) -> None:
    found = find_quantities(text)
    _check_spans(text, found)
    for quantity in found:
        assert quantity.value_max is None or quantity.value_max >= 0
        assert quantity.unit


@PROPERTY_SETTINGS
@given(any_text)
def test_find_references_never_raises_and_keeps_spans(text: str) -> None:
    found = find_references(text)
    _check_spans(text, found)
    assert all(ref.normalized for ref in found)


@PROPERTY_SETTINGS
@given(any_text, st.data())
def test_normalize_maps_every_span_into_the_original(text: str, data: st.DataObject) -> None:
    norm = normalize_ocr(text)
    assert norm.original == text
    size = len(norm.text)
    start = data.draw(st.integers(min_value=0, max_value=size))
    end = data.draw(st.integers(min_value=start, max_value=size))
    span = norm.original_span(start, end)
    assert 0 <= span.start <= span.end <= len(text)
    if not norm.changed(start, end):
        assert text[span.start : span.end] == norm.text[start:end]
    if norm.edit_count == 0:
        assert norm.text == text
        assert norm.original_span(0, size) == Span(0, len(text))


@PROPERTY_SETTINGS
@given(any_text)
def test_extractors_on_normalised_text_map_back(text: str) -> None:
    norm = normalize_ocr(text)
    for fact in [*find_dates(norm.text), *find_quantities(norm.text), *find_references(norm.text)]:
        span = norm.original_span(fact.span.start, fact.span.end)
        assert 0 <= span.start <= span.end <= len(text)


@PROPERTY_SETTINGS
@given(any_text)
def test_damage_score_is_a_share(text: str) -> None:
    assert 0.0 <= ocr_damage_score(text) <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        " " * 20000,
        "1 " * 8000,
        "Article " * 3000,
        "a-\n" * 5000,
        "December " * 3000 + "2020",
        "1, " * 6000 + "May 2020",
        "Law No. " * 3000,
        "A/" * 8000,
        "(" * 8000 + "i.e. 5 manats",
        "over " * 5000 + "5 percent",
        "maddə " * 4000,
        "1 nömrəli " * 3000,
        "abc" * 10000,
    ],
)
def test_adversarial_inputs_stay_fast(text: str) -> None:
    started = time.perf_counter()
    normalize_ocr(text)
    ocr_damage_score(text)
    find_dates(text, default_year=2020)
    find_quantities(text)
    find_references(text)
    assert time.perf_counter() - started < 2.0
