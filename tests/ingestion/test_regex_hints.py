"""Speed-ups to patterns and scans must not change what they find.

Each hinted pattern (a first-character look-ahead or consumed class) is
compared with its plain form on arbitrary and legal-looking text.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawtracker.domain import jurisdictions
from lawtracker.ingestion.extract import quantities
from lawtracker.ingestion.extract.numbers import EN_SMALL
from lawtracker.ingestion.families import citations, newsletter, text

_PIECES = [
    "No", "No.", "i.e.", "e.g.", "Art.", "Doc.", "Distr.", "St.", "para.", ".", "!", "?", ";",
    "\n", "\n\n", " ", "\t", "A", "a", "x", "“", "(", "[", "-", "•", "1", "Ə", "İ", "ı", "ſ",
    "The", "the", "OF", "and", "is", "ın", "va", "və", "ilə", "haqqında", "Respublikasının",
    "üzrə", "signed", "Entered", "into", "force", "effect", "takes", "came", "amended", "to",
    "adopted", "dated", "passed", "SUPPLEMENTED", "by", "_", "9", "Azerbaijan", "KAZAKHSTAN",
    "Republic of Moldova", "azerbaijani",
]  # fmt: skip
legal_like = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)
any_text = st.one_of(st.text(max_size=200), legal_like)
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_PLAIN_SENTENCE_END = re.compile(
    r"(?=[.!?\n;])"
    r"(?:(?<!\bNo)(?<!\bi\.e)(?<!\be\.g)(?<!\bArt)(?<!\bDoc)(?<!\bDistr)(?<!\bSt)(?<!\bpara)"
    r"[.!?](?=\s+[\"“(\[A-ZƏÇŞĞÜÖİ\-•*]|\s*$)|\n\s*\n|;\s*\n)"
)


def _without_hint(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern with its ``(?=[...])`` first-letter hint removed."""
    return re.compile(re.sub(r"\(\?=\[[^\]]+\]\)", "", pattern.pattern, count=1), pattern.flags)


def _spans(pattern: re.Pattern[str], value: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(value)]


@SETTINGS
@given(any_text)
def test_sentence_ends_match_the_plain_pattern(value: str) -> None:
    assert _spans(text._SENTENCE_END, value) == _spans(_PLAIN_SENTENCE_END, value)


@SETTINGS
@given(any_text)
def test_first_letter_hints_change_no_match(value: str) -> None:
    hinted = (text._EN_MARKERS, text._AZ_MARKERS, newsletter._IN_FORCE_EN, jurisdictions._PATTERN)
    for pattern in hinted:
        plain = _without_hint(pattern)
        assert plain.pattern != pattern.pattern
        assert _spans(pattern, value) == _spans(plain, value)


@SETTINGS
@given(any_text)
def test_verb_prefilter_misses_no_verb(value: str) -> None:
    if any(pattern.search(value) for pattern, _, _ in citations._VERBS):
        assert citations._ANY_VERB.search(value)


def test_every_number_word_starts_with_a_scanned_word() -> None:
    for word in EN_SMALL:
        assert any(word.startswith(scanned) for scanned in quantities._EN_SCAN_WORDS)


def test_word_numbers_keep_offsets_after_dotted_capital_i() -> None:
    value = "İİ five people; NİNE cases; SEVEN days"
    found = [(m.start, m.end, m.value) for m in quantities._word_mentions(value)]
    assert found == [(3, 7, 5.0), (28, 33, 7.0)]


@SETTINGS
@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=8),
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=12),
)
def test_blocked_walk_agrees_with_overlap(
    intervals: list[tuple[int, int]], spans: list[tuple[int, int]]
) -> None:
    merged: list[list[int]] = []
    for start, length in sorted(intervals):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], start + length)
        else:
            merged.append([start, start + length])
    walk = quantities._Blocked(([s for s, _ in merged], [e for _, e in merged]))
    for start, length in sorted(spans):
        end = start + length
        expected = any(s < end and start < e for s, e in merged)
        assert walk.overlaps(start, end) == expected
