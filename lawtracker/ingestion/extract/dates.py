"""Calendar dates in English, Russian and (OCR-damaged) Azerbaijani legal prose.

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

Numeric dates are day first (05.01.2021, 28/03/2023), the region's convention.
A day and month without a year ("On May 25", "25 мая", "mayın 28-dən") takes
the caller's ``default_year`` (then ``year_inferred``, confidence 0.9 and
``needs_review``); without one it comes back with precision ``MONTH_DAY`` and
the placeholder year :data:`~lawtracker.domain.dates.NO_YEAR`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateutil.parser import parserinfo

from lawtracker.domain.dates import NO_YEAR
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
from lawtracker.ingestion.extract.russian import RU_MONTH, RU_YEAR_TAIL, russian_month
from lawtracker.ingestion.extract.units import FOLLOWED_BY_UNIT, words

DAMAGED_CONFIDENCE = 0.7
INFERRED_YEAR_CONFIDENCE = 0.9
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
_AZ_STEMS = "|".join(tolerant(m) for m in sorted(_AZ_MONTHS, key=len, reverse=True))
_AZ_MONTH = rf"(?i:(?:{_AZ_STEMS}){_AZ_SUFFIX})(?!{_W})"
# A month before its day takes the genitive ("mayın 28-dən", "noyabrın 30-u"); requiring
# the ending keeps the English modal out ("the Committee may 2 ...").
_AZ_MONTH_GENITIVE = rf"(?i:(?:{_AZ_STEMS})[ıiIl1uü]{{1,2}}n)(?!{_W})"
_MONTH = f"(?:{_EN_MONTH}|{_AZ_MONTH}|{RU_MONTH})"
_DAY_NUM = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"[12]\d{3}(?!\d)"
# "2022-ci il", damaged "2023-cl il", "2022-ci ilds"
_AZ_YEAR_TAIL = rf"[ \t]?-[ \t]?n?[cç¢](?:ii|li|{_W}){{1,2}}(?!{_W})(?:\s+il{_W}{{0,4}}(?!{_W}))?"
_YEAR_ANY = rf"{_YEAR}(?:{_AZ_YEAR_TAIL}|{RU_YEAR_TAIL})?"
_SEP = r"\s*(?:[-–—]|\bto\b|\band\b|&|,|\bи\b|\bпо\b|\bv[əe]\b)\s*"
_START = r"(?<![\w.,/-])"
# Year-less dates stay on one line: "in December\n8. The Committee" is a numbered paragraph.
_HSPACE = r"[ \t\u00a0]+"
_AND = r"\s*(?:\band\b|&|\bи\b|\bv[əe]\b)\s*"
_THROUGH = r"\s*(?:[-–—]|\bto\b|\bпо\b)\s*"

# Lists of days are bounded ({0,6}): unbounded repetition made "1, 1, 1, ..."
# quadratic, since every digit run starts a fresh attempt.
_MDY = rf"{_EN_MONTH}\s+{_DAY}(?:{_SEP}(?:{_EN_MONTH}\s+)?{_DAY}){{0,6}}(?:\s*,\s*|\s+){_YEAR}"
# Without a year a comma list must end in "and": "On May 25, 15 convicts" is one date.
_MD = (
    rf"{_EN_MONTH}{_HSPACE}{_DAY}"
    rf"(?:(?:\s*,\s*(?:{_EN_MONTH}\s+)?{_DAY}){{0,5}}{_AND}(?:{_EN_MONTH}\s+)?{_DAY}"
    rf"|{_THROUGH}(?:{_EN_MONTH}\s+)?{_DAY})?(?![\d:.]\d)"
)
# "mayın 28-dən", "noyabrın 30-u"
_AZ_MD = (
    rf"(?P<mon>{_AZ_MONTH_GENITIVE}){_HSPACE}(?P<d>{_DAY_NUM})"
    rf"(?:[ \t]?-[ \t]?(?P<ds>{_W}{{1,4}}))?(?![\d.,]\d)"
)
# The month-first forms in one pattern, tried in this order: one attempt per digit run.
_MONTH_FIRST = re.compile(rf"(?<!\w)(?:(?P<mdy>{_MDY})|(?P<md>{_MD})|{_AZ_MD})")
# Day first, the year optional: one attempt reads both "5 May 2020" and "5 May".
_DMY = re.compile(
    rf"{_START}{_DAY}(?:{_SEP}{_DAY}){{0,6}}\s+(?:of\s+)?{_MONTH}"
    rf"(?:{_SEP}{_DAY}(?:{_SEP}{_DAY}){{0,6}}\s+(?:of\s+)?{_MONTH}){{0,3}}"
    rf"(?P<year>\s*,?\s+{_YEAR_ANY})?"
)
_YEAR_AFTER = re.compile(r"\s*,?\s*\d{4}")
_MY = re.compile(rf"(?<!\w){_MONTH}\s*,?\s+{_YEAR_ANY}")
_ISO = re.compile(r"(?<![\w/.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w-]|\.\d)")
_DOTTED = re.compile(
    rf"(?<![\w.,/-])(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}})(?![\w]|\.\d)(?:{RU_YEAR_TAIL})?"
)
_SLASHED = re.compile(
    rf"(?<![\w.,/-])(\d{{1,2}})/(\d{{1,2}})/(\d{{4}})(?![\w/]|\.\d)(?:{RU_YEAR_TAIL})?"
)
_AZ_YEAR_IL = (
    rf"(?P<y>\d{{4}})[ \t]?-[ \t]?(?P<ys>n?[cç¢](?:ii|li|{_W}){{1,2}})\s+(?P<il>il{_W}{{0,4}})"
)
_AZ_YMD = re.compile(
    rf"{_START}{_AZ_YEAR_IL}\s+(?P<mon>{_AZ_MONTH})(?:\s+(?P<ay>ay{_W}{{0,4}}))?"
    rf"(?:\s+(?P<d>\d{{1,2}})(?:[ \t]?-[ \t]?(?P<ds>{_W}{{1,4}}))?)?(?![\d.,]\d)"
)
# "2018-ci il 30 noyabr tarixli": year, then day and month.
_AZ_YDM = re.compile(rf"{_START}{_AZ_YEAR_IL},?\s+(?P<d>{_DAY_NUM})\s+(?P<mon>{_AZ_MONTH})")
_YEAR_RANGE = re.compile(
    r"(?<![\w./\-–—:#№])(?<!\d[,.])(1[89]\d\d|20\d\d|2100)\s?[-–—]\s?(1[89]\d\d|20\d\d|2100)(?![\w/]|[.,]\d)"
)
_BARE_YEAR = re.compile(
    rf"(?<![\w./\-–—:#№])(?<!\d[,.])(?P<y>1[89]\d\d|20\d\d|2100)(?![\w/]|[.,]\d|\s?[-–—]\s?\d)"
    rf"(?:(?P<az>{_AZ_YEAR_TAIL})|{RU_YEAR_TAIL})?"
)
_NOT_A_YEAR_BEFORE = re.compile(
    r"(?:\bNos?|\bNr|\bnumbers?|\bArticles?|\bArt|\bParts?|\bparagraphs?|\bparas?|\bDoc"
    r"|\bpages?|\bpp?|§|\bChapter|\bSection|\bRule|\bAppendix|\bAnnex|\bcase|\bitem"
    r"|\bresolution|\bdecree|\bdecision|\blaw|\bcode|=|\bст|\bстат[ьи]\w*|\bп|\bпп|\bпункт\w*"
    r"|\bч|\bчаст[ьи]\w*|\bномер\w*)\.?\s*$",
    re.IGNORECASE,
)
_NUMBER_BEFORE = re.compile(r"(?:\bNos?|\bNr|\bnumbers?|№|\bномер\w*)\.?\s*$", re.IGNORECASE)
_VERSION_BEFORE = re.compile(
    r"(?:\bversions?|\bver|\bv|\brelease|\brel|\bbuild|\brev|\bверси\w*)\.?\s*$", re.IGNORECASE
)
_RU_YEAR_TAIL_ONLY = re.compile(RU_YEAR_TAIL)
_AZ_LETTERS = re.compile("[əƏıİğĞşŞçÇöÖüÜ]")
_BARE_MAY = re.compile(r"(?<!\w)may(?!\w)")
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

    ``default_year`` completes "December 20" (``year_inferred`` is then set,
    with confidence 0.9 and ``needs_review``); without it such a date comes back
    with precision ``MONTH_DAY`` and the placeholder year ``NO_YEAR``.
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
        if digits == 4:
            if match := _MY.match(text, month_start):
                return _Candidate(match.start(), match.end(), _month_year(text, match))
        else:
            if match := _MONTH_FIRST.match(text, month_start):
                if match.group("mdy"):
                    return _from_match(text, match, month_first=True)
                if not match.group("md"):
                    return _az_month_day(text, match, default_year)
                if candidate := _year_less(text, match, True, default_year):
                    return candidate
    if digits < 4:
        after = text[end : end + 1]
        if after == "." and (match := _DOTTED.match(text, start)):
            return _numeric(text, match, day_first=True)
        if after == "/" and (match := _SLASHED.match(text, start)):
            return _numeric(text, match, day_first=True)
        if match := _DMY.match(text, start):
            if match.group("year"):
                return _from_match(text, match, month_first=False)
            return _year_less(text, match, False, default_year)
        return None
    if "-" in text[end : end + 2]:  # "2018-ci il", "2021-01-05"
        if match := _AZ_YDM.match(text, start):
            return _azerbaijani(text, match)
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
    confidence = DAMAGED_CONFIDENCE if damaged else 1.0
    if inferred:  # the year is the caller's guess: a person should confirm it
        confidence = min(confidence, INFERRED_YEAR_CONFIDENCE)
    return FoundDate(
        span=Span(start, end),
        text=text[start:end],
        value=value,
        precision=precision,
        confidence=confidence,
        needs_review=damaged or inferred,
        year_inferred=inferred,
    )


def _month_number(token: str) -> tuple[int, bool] | None:
    """Month number of an English, Russian or Azerbaijani month token; whether it was damaged."""
    english = _PARSER_INFO.month(token.rstrip("."))
    if english is not None and token[:1].isupper():
        return english, False
    if (russian := russian_month(token)) is not None:
        return russian, False
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


def _year_tail_damaged(tail: str, year: int) -> bool:
    """Whether the words after a year ("-ci il", "года") are misspelled."""
    if not tail.strip() or _RU_YEAR_TAIL_ONLY.fullmatch(tail):
        return False
    return _az_year_damaged(tail, year)


def _is_modal_may(text: str, match: re.Match[str]) -> bool:
    """Lower-case "may" read as the Azerbaijani month in English prose ("those 25 may apply").

    Azerbaijani writes the month in lower case, English the modal verb: the
    phrase is taken as a date only when Azerbaijani letters are close by.
    """
    if _BARE_MAY.search(text, match.start(), match.end()) is None:
        return False
    window = text[max(0, match.start() - 160) : match.end() + 160]
    return _AZ_LETTERS.search(window) is None


# --- readers of one match ----------------------------------------------------


def _from_match(text: str, match: re.Match[str], *, month_first: bool) -> _Candidate:
    """A candidate from a day-month-year pattern (one date per listed day)."""
    dates = _group_dates(text, match.start(), match.end(), month_first, None)
    return _Candidate(match.start(), match.end(), dates)


def _year_less(
    text: str, match: re.Match[str], month_first: bool, default_year: int | None
) -> _Candidate | None:
    """ "On May 25", "25 мая", "28 may": a day and month whose year the phrase does not give.

    ``None`` when the phrase is more likely a count ("March 3 people") or the
    English modal verb; an empty candidate when the numbers are articles
    ("Articles 3, 25 May"), so that "25 May" is not read on its own either.
    """
    start, end = match.start(), match.end()
    if FOLLOWED_BY_UNIT.match(text, end) or _is_modal_may(text, match):
        return None
    if not month_first:
        if "\n" in match.group() or _YEAR_AFTER.match(text, end):
            return None  # "item\n25\nMay": a layout break, not a date
        if _NOT_A_YEAR_BEFORE.search(text, max(0, start - 16), start):
            return _Candidate(start, end, ())
    dates = _group_dates(
        text, start, end, month_first, NO_YEAR if default_year is None else default_year
    )
    return _Candidate(start, end, dates)


def _group_dates(
    text: str, start: int, end: int, month_first: bool, given_year: int | None
) -> tuple[FoundDate, ...]:
    """Split "October 27, 28 and November 7, 2020" into one date per day.

    ``given_year`` is the year of a phrase that states none: the caller's
    default year, or ``NO_YEAR`` for a month-day date. ``None`` reads the year
    from the phrase.
    """
    tokens = list(_TOKEN.finditer(text, start, end))
    year_damaged = False
    if given_year is None:
        year_token = next((t for t in reversed(tokens) if t.group("num")), None)
        if year_token is None or len(year_token.group("num")) != 4:
            return ()
        year = int(year_token.group("num"))
        year_damaged = _year_tail_damaged(text[year_token.end() : end], year)
        tokens = [t for t in tokens if t is not year_token]
    else:
        year = given_year
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
    return _items_to_dates(text, items, year, year_damaged, end, given_year)


def _items_to_dates(
    text: str,
    items: list[tuple[int, re.Match[str], int, re.Match[str] | None, bool]],
    year: int,
    year_damaged: bool,
    group_end: int,
    given_year: int | None,
) -> tuple[FoundDate, ...]:
    found: list[FoundDate] = []
    last_month = items[-1][2]
    month_day = given_year == NO_YEAR
    precision = DatePrecision.MONTH_DAY if month_day else DatePrecision.DAY
    for i, (day, day_token, month, month_token, damaged) in enumerate(items):
        # A range running into the new year: "28 December - 3 January 2024".
        item_year = year - 1 if month > last_month and not month_day else year
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
                precision,
                damaged=damaged or (year_damaged and i == len(items) - 1),
                inferred=given_year is not None and not month_day,
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
    damaged = month[1] or _year_tail_damaged(text[tokens[1].end() : match.end()], year)
    value = _make_date(year, month[0], 1)
    if value is None:
        return ()
    return (_found(text, match.start(), match.end(), value, DatePrecision.MONTH, damaged=damaged),)


def _numeric(text: str, match: re.Match[str], *, day_first: bool) -> _Candidate:
    """ISO dates (2025-12-21) and day-first dotted or slashed dates (05.07.2021, 28/03/2023).

    A version ("version 1.2.2020"), a year outside the plausible range, or a
    numbered document ("No. 12/03/2020") is not a date.
    """
    first, second, third = (int(g) for g in match.groups())
    year, month, day = (third, second, first) if day_first else (first, second, third)
    before = max(0, match.start() - 16)
    if (
        not BARE_YEAR_MIN <= year <= BARE_YEAR_MAX
        or _VERSION_BEFORE.search(text, before, match.start())
        or ("/" in match.group() and _NUMBER_BEFORE.search(text, before, match.start()))
    ):
        return _Candidate(match.start(), match.end(), ())
    value = _make_date(year, month, day)
    dates = (_found(text, match.start(), match.end(), value, DatePrecision.DAY),) if value else ()
    return _Candidate(match.start(), match.end(), dates)


def _azerbaijani(text: str, match: re.Match[str]) -> _Candidate:
    """ "2023-cü il yanvarın 1-dən", "2018-ci il 30 noyabr" and their OCR-damaged spellings."""
    groups = match.groupdict()
    year = int(match.group("y"))
    month = _month_number(match.group("mon"))
    if month is None:
        return _Candidate(match.start(), match.end(), ())
    damaged = month[1] or _az_year_damaged(f"-{match.group('ys')} {match.group('il')}", year)
    ay = groups.get("ay")
    if ay and fold(ay) not in {"ay" + s for s in case_suffixes("ay")}:
        damaged = True
    if match.group("d") is None:
        value = _make_date(year, month[0], 1)
        precision = DatePrecision.MONTH
    else:
        day = int(match.group("d"))
        value = _make_date(year, month[0], day)
        precision = DatePrecision.DAY
        suffix = groups.get("ds")
        if suffix and fold(suffix) not in number_case_suffixes(day):
            damaged = True
    dates = (
        (_found(text, match.start(), match.end(), value, precision, damaged=damaged),)
        if value
        else ()
    )
    return _Candidate(match.start(), match.end(), dates)


def _az_month_day(text: str, match: re.Match[str], default_year: int | None) -> _Candidate:
    """ "mayın 28-dən", "noyabrın 30-u": a genitive month and its day, no year."""
    month = _month_number(match.group("mon"))
    day = int(match.group("d"))
    if month is None:
        return _Candidate(match.start(), match.end(), ())
    damaged = month[1]
    suffix = match.group("ds")
    if suffix and fold(suffix) not in number_case_suffixes(day):
        damaged = True
    inferred = default_year is not None
    value = _make_date(NO_YEAR if default_year is None else default_year, month[0], day)
    precision = DatePrecision.DAY if inferred else DatePrecision.MONTH_DAY
    dates = (
        (
            _found(
                text,
                match.start(),
                match.end(),
                value,
                precision,
                damaged=damaged,
                inferred=inferred,
            ),
        )
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
