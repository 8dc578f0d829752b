"""Calendar dates in English and (OCR-damaged) Azerbaijani legal prose.

Candidates are recognised with precompiled regexes and turned into dates with
``datetime.date`` (English month names through ``dateutil``'s parser tables),
so an impossible date such as 30 February is dropped instead of guessed.

Every date holds a digit, so the text is scanned once for digit runs and the
patterns are tried, anchored, around each run: the most specific first (a
full day/month/year, then month and year, then a bare year). What one
pattern consumed is not read again, so results never overlap.

Azerbaijani words are matched through OCR damage (``yanvarin`` for
``yanvarın``, ``2023-cl il`` for ``2023-cü il``); a date whose words are not
spelled canonically comes back with confidence 0.7 and ``needs_review``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateutil.parser import parserinfo

from lawtracker.domain.enums import DatePrecision
from lawtracker.domain.facts import FoundDate, Span
from lawtracker.ingestion.extract.azerbaijani import (
    case_suffixes,
    fold,
    is_canonical,
    number_case_suffixes,
    ordinal_suffixes,
    tolerant,
)
from lawtracker.ingestion.extract.units import FOLLOWED_BY_UNIT, words

DAMAGED_CONFIDENCE = 0.7
BARE_YEAR_MIN, BARE_YEAR_MAX = 1800, 2100

_PARSER_INFO = parserinfo()

_EN_MONTHS = words(
    "January February March April May June July August September October November December Jan "
    "Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
)
_AZ_MONTHS = words("yanvar fevral mart aprel may iyun iyul avqust sentyabr oktyabr noyabr dekabr")
_AZ_MONTH_PATTERNS = [
    (re.compile(tolerant(name), re.IGNORECASE), name, number)
    for number, name in enumerate(_AZ_MONTHS, start=1)
]

_W = r"[^\W\d_]"
_EN_MONTH = (
    "(?:"
    + "|".join(
        f"(?:{m}|{m.upper()})" + (r"\.?" if len(m) <= 4 and m != "May" else "")
        for m in sorted(_EN_MONTHS, key=len, reverse=True)
    )
    + rf")(?!{_W})"
)
# Azerbaijani month stems with a case ending ("yanvarın", damaged "yanvarin").
_AZ_SUFFIX = r"(?:[ıiIl1uü]{1,2}n(?:d[aeəos98]n?)?|d[aeəos98]n?|[aeə]?d[aeəos98]k|[aeəıiIl1uü])?"
_AZ_MONTH = (
    "(?i:(?:"
    + "|".join(tolerant(m) for m in sorted(_AZ_MONTHS, key=len, reverse=True))
    + rf"){_AZ_SUFFIX})(?!{_W})"
)
_MONTH = f"(?:{_EN_MONTH}|{_AZ_MONTH})"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"[12]\d{3}(?!\d)"
# "2022-ci il", damaged "2023-cl il", "2022-ci ilds"
_AZ_YEAR_TAIL = rf"[ \t]?-[ \t]?n?[cç¢](?:ii|li|{_W}){{1,2}}(?!{_W})(?:\s+il{_W}{{0,4}}(?!{_W}))?"
_YEAR_ANY = rf"{_YEAR}(?:{_AZ_YEAR_TAIL})?"
_SEP = r"\s*(?:[-–—]|\bto\b|\band\b|&|,)\s*"
_START = r"(?<![\w.,/-])"

# Lists of days are bounded ({0,6}): unbounded repetition made "1, 1, 1, ..."
# quadratic, since every digit run starts a fresh attempt.
_MDY = re.compile(
    rf"(?<!\w){_EN_MONTH}\s+{_DAY}(?:{_SEP}(?:{_EN_MONTH}\s+)?{_DAY}){{0,6}}(?:\s*,\s*|\s+){_YEAR}"
)
_MD = re.compile(
    rf"(?<!\w){_EN_MONTH}\s+{_DAY}(?:{_SEP}(?:{_EN_MONTH}\s+)?{_DAY}){{0,6}}(?![\d:.]\d)"
)
_DMY = re.compile(
    rf"{_START}{_DAY}(?:{_SEP}{_DAY}){{0,6}}\s+(?:of\s+)?{_MONTH}"
    rf"(?:{_SEP}{_DAY}(?:{_SEP}{_DAY}){{0,6}}\s+(?:of\s+)?{_MONTH}){{0,3}}\s*,?\s+{_YEAR_ANY}"
)
_DM = re.compile(rf"{_START}{_DAY}(?:{_SEP}{_DAY}){{0,6}}\s+(?:of\s+)?{_EN_MONTH}(?!\s*,?\s*\d)")
_MY = re.compile(rf"(?<!\w){_MONTH}\s*,?\s+{_YEAR_ANY}")
_ISO = re.compile(r"(?<![\w/.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w-]|\.\d)")
_DOTTED = re.compile(r"(?<![\w.,/-])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\w]|\.\d)")
_AZ_YMD = re.compile(
    rf"{_START}(?P<y>\d{{4}})[ \t]?-[ \t]?(?P<ys>n?[cç¢](?:ii|li|{_W}){{1,2}})\s+"
    rf"(?P<il>il{_W}{{0,4}})\s+(?P<mon>{_AZ_MONTH})(?:\s+(?P<ay>ay{_W}{{0,4}}))?"
    rf"(?:\s+(?P<d>\d{{1,2}})(?:[ \t]?-[ \t]?(?P<ds>{_W}{{1,4}}))?)?(?![\d.,]\d)"
)
_YEAR_RANGE = re.compile(
    r"(?<![\w./\-–—:#№])(?<!\d[,.])(1[89]\d\d|20\d\d|2100)\s?[-–—]\s?(1[89]\d\d|20\d\d|2100)(?![\w/]|[.,]\d)"
)
_BARE_YEAR = re.compile(
    rf"(?<![\w./\-–—:#№])(?<!\d[,.])(?P<y>1[89]\d\d|20\d\d|2100)(?![\w/]|[.,]\d|\s?[-–—]\s?\d)"
    rf"(?P<az>{_AZ_YEAR_TAIL})?"
)
_NOT_A_YEAR_BEFORE = re.compile(
    r"(?:\bNos?|\bNr|\bnumbers?|\bArticles?|\bArt|\bParts?|\bparagraphs?|\bparas?|\bDoc"
    r"|\bpages?|\bpp?|§|\bChapter|\bSection|\bRule|\bAppendix|\bAnnex|\bcase|\bitem"
    r"|\bresolution|\bdecree|\bdecision|\blaw|\bcode|=)\.?\s*$",
    re.IGNORECASE,
)
_NUMBER_WORD_AFTER = re.compile(r"\s*n\S{0,3}mr\S{0,3}l", re.IGNORECASE)  # "1913 nömrəli"
_HYPHEN_CODE_AFTER = re.compile(r"[-–]\w")
_AZ_YEAR_TAIL_PARTS = re.compile(rf"\s?-\s?(n?[cç¢]\S*?)(?:\s+(il{_W}*))?$")
_DIGITS = re.compile(r"\d+")
_WORD_BEFORE = re.compile(rf"(?<![\w.])({_W}+\.?)[ \t]*(?:\n[ \t]*)?,?[ \t]*$")
_TOKEN = re.compile(rf"(?P<month>{_MONTH})|(?P<num>\d+)(?:st|nd|rd|th)?")


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    dates: tuple[FoundDate, ...]


def find_dates(text: str, *, default_year: int | None = None) -> list[FoundDate]:
    """Dates stated in ``text``, sorted by position and non-overlapping.

    ``default_year`` completes "December 20" (``year_inferred`` is then set);
    without it such partial dates are skipped.
    """
    return list(_find_dates(text, default_year))


@lru_cache(maxsize=8)
def _find_dates(text: str, default_year: int | None) -> tuple[FoundDate, ...]:
    # Every date holds a digit: anchor on digit runs instead of scanning the
    # whole text once per pattern (each full scan costs about 1 ms per 30 KB).
    chosen: list[FoundDate] = []
    last_end = 0
    for run in _DIGITS.finditer(text):
        if run.start() < last_end:
            continue
        candidate = _candidate_at(text, run.start(), run.end(), last_end, default_year)
        if candidate is not None:
            chosen.extend(candidate.dates)
            last_end = candidate.end
    return tuple(chosen)


def _candidate_at(
    text: str, start: int, end: int, last_end: int, default_year: int | None
) -> _Candidate | None:
    """The first pattern that reads a date around the digits ``text[start:end]``.

    A recognised but impossible date (30 February) yields an empty candidate
    so that its year is not reported on its own either.
    """
    digits = end - start
    if digits not in (1, 2, 4):
        return None
    word = _WORD_BEFORE.search(text, max(last_end, start - 24), start)
    if word is not None:
        month_start = word.start(1)
        patterns = ((_MDY, True), (_MD, True)) if digits < 4 else ((_MY, None),)
        for pattern, month_first in patterns:
            if pattern is _MD and default_year is None:
                continue
            if match := pattern.match(text, month_start):
                year = default_year if pattern is _MD else None
                return _from_match(text, match, month_first, year)
    if digits < 4:
        if match := _DOTTED.match(text, start):
            return _numeric(text, match, day_first=True)
        if match := _DMY.match(text, start):
            return _from_match(text, match, False, None)
        if default_year is not None and (match := _DM.match(text, start)):
            return _from_match(text, match, False, default_year)
        return None
    if match := _AZ_YMD.match(text, start):
        return _azerbaijani(text, match)
    if match := _ISO.match(text, start):
        return _numeric(text, match, day_first=False)
    if match := _YEAR_RANGE.match(text, start):
        return _year_range(text, match)
    if match := _BARE_YEAR.match(text, start):
        return _bare_year(text, match)
    return None


# --- helpers -----------------------------------------------------------------


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _found(
    text: str,
    start: int,
    end: int,
    value: dt.date,
    precision: DatePrecision,
    *,
    damaged: bool = False,
    inferred: bool = False,
) -> FoundDate:
    return FoundDate(
        span=Span(start, end),
        text=text[start:end],
        value=value,
        precision=precision,
        confidence=DAMAGED_CONFIDENCE if damaged else 1.0,
        needs_review=damaged,
        year_inferred=inferred,
    )


def _month_number(token: str) -> tuple[int, bool] | None:
    """Month number of an English or Azerbaijani month token, and whether it was damaged."""
    english = _PARSER_INFO.month(token.rstrip("."))
    if english is not None and token[:1].isupper():
        return english, False
    folded = fold(token)
    for pattern, name, number in _AZ_MONTH_PATTERNS:
        stem = pattern.match(token)
        if stem is None:
            continue
        suffix = folded[len(stem.group()) :]
        clean = is_canonical(stem.group(), name) and suffix in case_suffixes(name)
        return number, not clean
    return None


def _az_year_damaged(tail: str, year: int) -> bool:
    """Whether "-ci il" after ``year`` is misspelled (wrong or OCR-damaged suffix)."""
    match = _AZ_YEAR_TAIL_PARTS.match(tail.strip())
    if match is None:
        return True
    suffix_ok = fold(match.group(1)) in ordinal_suffixes(year)
    il = match.group(2)
    il_ok = il is None or fold(il) in {"il" + s for s in case_suffixes("il")}
    return not (suffix_ok and il_ok)


# --- readers of one match ----------------------------------------------------


def _from_match(
    text: str, match: re.Match[str], month_first: bool | None, default_year: int | None
) -> _Candidate:
    """A candidate from a month-name pattern; ``month_first`` ``None`` means month + year."""
    if month_first is None:
        dates = _month_year(text, match)
    else:
        dates = _group_dates(text, match.start(), match.end(), month_first, default_year)
    return _Candidate(match.start(), match.end(), dates)


def _group_dates(
    text: str, start: int, end: int, month_first: bool, default_year: int | None
) -> tuple[FoundDate, ...]:
    """Split "October 27, 28 and November 7, 2020" into one date per day."""
    tokens = list(_TOKEN.finditer(text, start, end))
    year = default_year
    year_damaged = False
    if default_year is None:
        year_token = next((t for t in reversed(tokens) if t.group("num")), None)
        if year_token is None or len(year_token.group("num")) != 4:
            return ()
        year = int(year_token.group("num"))
        tail = text[year_token.end() : end]
        year_damaged = bool(tail.strip()) and _az_year_damaged(tail, year)
        tokens = [t for t in tokens if t is not year_token]
    if year is None:
        return ()
    # (day, day token, month, month token or None, damaged)
    items: list[tuple[int, re.Match[str], int, re.Match[str] | None, bool]] = []
    pending: list[re.Match[str]] = []
    month: tuple[int, bool] | None = None
    month_token: re.Match[str] | None = None
    for token in tokens:
        if token.group("month"):
            month = _month_number(token.group("month"))
            if month is None:
                return ()
            month_token = token
            if not month_first:
                items.extend((int(p.group("num")), p, month[0], None, month[1]) for p in pending)
                if pending:
                    last = items[-1]
                    items[-1] = (last[0], last[1], last[2], token, last[4])
                pending = []
        elif month_first:
            if month is None:
                return ()
            stated = month_token if month_token and month_token.end() <= token.start() else None
            items.append((int(token.group("num")), token, month[0], stated, month[1]))
            month_token = None
        else:
            pending.append(token)
    if pending or not items:
        return ()
    return _items_to_dates(text, items, year, year_damaged, end, default_year is not None)


def _items_to_dates(
    text: str,
    items: list[tuple[int, re.Match[str], int, re.Match[str] | None, bool]],
    year: int,
    year_damaged: bool,
    group_end: int,
    inferred: bool,
) -> tuple[FoundDate, ...]:
    found: list[FoundDate] = []
    last_month = items[-1][2]
    for i, (day, day_token, month, month_token, damaged) in enumerate(items):
        # A range running into the new year: "28 December - 3 January 2024".
        item_year = year - 1 if month > last_month else year
        value = _make_date(item_year, month, day)
        if value is None:
            return ()
        begin = min(day_token.start(), month_token.start() if month_token else day_token.start())
        finish = max(day_token.end(), month_token.end() if month_token else day_token.end())
        if i == len(items) - 1:
            finish = group_end
        found.append(
            _found(
                text,
                begin,
                finish,
                value,
                DatePrecision.DAY,
                damaged=damaged or (year_damaged and i == len(items) - 1),
                inferred=inferred,
            )
        )
    return tuple(found)


def _month_year(text: str, match: re.Match[str]) -> tuple[FoundDate, ...]:
    tokens = list(_TOKEN.finditer(text, match.start(), match.end()))
    if len(tokens) != 2 or not tokens[0].group("month"):
        return ()
    month = _month_number(tokens[0].group("month"))
    if month is None:
        return ()
    year = int(tokens[1].group("num"))
    tail = text[tokens[1].end() : match.end()]
    damaged = month[1] or (bool(tail.strip()) and _az_year_damaged(tail, year))
    value = _make_date(year, month[0], 1)
    if value is None:
        return ()
    return (_found(text, match.start(), match.end(), value, DatePrecision.MONTH, damaged=damaged),)


def _numeric(text: str, match: re.Match[str], *, day_first: bool) -> _Candidate:
    """ISO dates (2025-12-21) and day-first dotted dates (05.07.2021)."""
    first, second, third = (int(g) for g in match.groups())
    value = _make_date(third, second, first) if day_first else _make_date(first, second, third)
    dates = (_found(text, match.start(), match.end(), value, DatePrecision.DAY),) if value else ()
    return _Candidate(match.start(), match.end(), dates)


def _azerbaijani(text: str, match: re.Match[str]) -> _Candidate:
    """ "2023-cü il yanvarın 1-dən" and its OCR-damaged spellings."""
    year = int(match.group("y"))
    month = _month_number(match.group("mon"))
    if month is None:
        return _Candidate(match.start(), match.end(), ())
    damaged = month[1] or _az_year_damaged(f"-{match.group('ys')} {match.group('il')}", year)
    ay = match.group("ay")
    if ay and fold(ay) not in {"ay" + s for s in case_suffixes("ay")}:
        damaged = True
    if match.group("d") is None:
        value = _make_date(year, month[0], 1)
        precision = DatePrecision.MONTH
    else:
        day = int(match.group("d"))
        value = _make_date(year, month[0], day)
        precision = DatePrecision.DAY
        suffix = match.group("ds")
        if suffix and fold(suffix) not in number_case_suffixes(day):
            damaged = True
    dates = (
        (_found(text, match.start(), match.end(), value, precision, damaged=damaged),)
        if value
        else ()
    )
    return _Candidate(match.start(), match.end(), dates)


def _year_range(text: str, match: re.Match[str]) -> _Candidate | None:
    """ "2024–2029": two years."""
    first, second = int(match.group(1)), int(match.group(2))
    if first >= second or _is_not_a_year(text, match.start(), match.end()):
        return None
    dates = (
        _found(text, match.start(1), match.end(1), dt.date(first, 1, 1), DatePrecision.YEAR),
        _found(text, match.start(2), match.end(2), dt.date(second, 1, 1), DatePrecision.YEAR),
    )
    return _Candidate(match.start(), match.end(), dates)


def _bare_year(text: str, match: re.Match[str]) -> _Candidate | None:
    """A year on its own ("in 2024", "2023-cü ildə"), unless it is a number or a code."""
    year = int(match.group("y"))
    if not BARE_YEAR_MIN <= year <= BARE_YEAR_MAX:
        return None
    if _is_not_a_year(text, match.start(), match.end()):
        return None
    tail = match.group("az")
    damaged = bool(tail) and _az_year_damaged(tail, year)
    found = _found(
        text, match.start(), match.end(), dt.date(year, 1, 1), DatePrecision.YEAR, damaged=damaged
    )
    return _Candidate(match.start(), match.end(), (found,))


def _is_not_a_year(text: str, start: int, end: int) -> bool:
    """A four-digit number that is a document number, an amount or a code, not a year."""
    if _NOT_A_YEAR_BEFORE.search(text, max(0, start - 16), start):
        return True
    if FOLLOWED_BY_UNIT.match(text, end) or _NUMBER_WORD_AFTER.match(text, end):
        return True
    # "2022-VIQD": a hyphenated code, unless an Azerbaijani ordinal was consumed
    return bool(_HYPHEN_CODE_AFTER.match(text, end))
