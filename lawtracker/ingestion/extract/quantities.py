"""Amounts, percentages, durations and head-counts, with qualifiers and conditions.

Every number in the text (digits, or English number words) is a candidate;
it becomes a quantity only when a unit follows: a currency, "percent"/"faiz",
a period, a noun for people or things, or a verb only people take ("2 000
will be released"). Numbers inside dates and references, paragraph numbers
and "No. 5"-style numbers are skipped.

Around the figure we read the qualifier ("over", "up to", AZ "-dək"...),
ranges ("40 to 60 percent", AZ "2 ildən 4 ilədək") and the condition the
clause attaches to it (see :mod:`.conditions`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from lawtracker.domain.enums import Qualifier, QuantityKind
from lawtracker.domain.facts import FoundQuantity, Span
from lawtracker.ingestion.extract.azerbaijani import case_suffixes, fold, harmony_a, harmony_i
from lawtracker.ingestion.extract.conditions import condition_for
from lawtracker.ingestion.extract.currency_codes import ISO_4217
from lawtracker.ingestion.extract.dates import find_dates
from lawtracker.ingestion.extract.numbers import (
    AZ_WORD_NUMBER,
    DIGIT_NUMBER,
    EN_SMALL,
    EN_WORD_NUMBER,
    SCALE_WORDS,
    parse_az_words,
    parse_digits,
    parse_en_words,
    parse_words,
    scale_value,
)
from lawtracker.ingestion.extract.references import find_references
from lawtracker.ingestion.extract.units import (
    CONFUSABLE_CODES,
    COUNT_NOUNS,
    CURRENCY_AFTER,
    CURRENCY_AFTER_RU,
    CURRENCY_BEFORE,
    DURATION_AZ,
    DURATION_AZ_BUSINESS,
    DURATION_EN,
    DURATION_RU,
    INDEX_UNITS,
    INDEX_UNITS_RU,
    PEOPLE_AZ,
    PEOPLE_NOUNS,
    PEOPLE_RU,
    PEOPLE_VERBS,
    PERCENT_AZ,
    PERCENT_RU,
    words,
)

DAMAGED_CONFIDENCE = 0.7

_L = r"[^\W\d_]"
_WS = r"(?:[ \t\u00a0]+(?:\n[ \t]*)?|\n[ \t]*)"  # at most one line break

_DIGIT_RUN = re.compile(r"\d+")
_DIGITS_AT = re.compile(rf"{DIGIT_NUMBER}(?![.,:]\d|{_L})", re.VERBOSE)
_EN_WORDS_AT = re.compile(EN_WORD_NUMBER)  # run on lower-cased text
_AZ_WORDS_AT = re.compile(rf"{_WS}(?P<words>{AZ_WORD_NUMBER})", re.IGNORECASE)
_PAREN_WORD = re.compile(r"[ \t]*\([ \t]*(?P<word>[^\W\d_¢][^\d()\n]{0,28}?)[ \t]*\)")
_SCALE = re.compile(
    rf"{_WS}(?P<scale>{SCALE_WORDS})(?!{_L}|{_WS}of\b(?!{_WS}(?:its|their|our|the|these|those|them|whom)\b))",
    re.IGNORECASE,
)

# Every unit word in one alternation, so that a number costs one match; Cyrillic
# units in a second one, tried only where Cyrillic text follows the number.
# Group u<i> is _UNITS[i]: (kind, unit, written in Azerbaijani).
_UNITS: list[tuple[QuantityKind, str, bool]] = [(QuantityKind.PERCENT, "%", False)]
_UNIT_ALTERNATIVES = [r"(?P<u0>%|per\s?cent)"]
_UNIT_ALTERNATIVES_RU: list[str] = []
for _table, _kind, _az, _alternatives in (
    ({PERCENT_AZ: "%"}, QuantityKind.PERCENT, True, _UNIT_ALTERNATIVES),
    (INDEX_UNITS, QuantityKind.AMOUNT, False, _UNIT_ALTERNATIVES),
    (CURRENCY_AFTER, QuantityKind.AMOUNT, False, _UNIT_ALTERNATIVES),
    ({DURATION_AZ_BUSINESS: "business_day"}, QuantityKind.DURATION, True, _UNIT_ALTERNATIVES),
    (DURATION_EN, QuantityKind.DURATION, False, _UNIT_ALTERNATIVES),
    (DURATION_AZ, QuantityKind.DURATION, True, _UNIT_ALTERNATIVES),
    ({PEOPLE_AZ: "person"}, QuantityKind.PEOPLE, True, _UNIT_ALTERNATIVES),
    # Last: any capitalised three-letter word, kept only if it is an ISO 4217 code.
    ({r"(?-i:[A-Z]{3})": ""}, QuantityKind.AMOUNT, False, _UNIT_ALTERNATIVES),
    ({PERCENT_RU: "%"}, QuantityKind.PERCENT, False, _UNIT_ALTERNATIVES_RU),
    (INDEX_UNITS_RU, QuantityKind.AMOUNT, False, _UNIT_ALTERNATIVES_RU),
    (CURRENCY_AFTER_RU, QuantityKind.AMOUNT, False, _UNIT_ALTERNATIVES_RU),
    (DURATION_RU, QuantityKind.DURATION, False, _UNIT_ALTERNATIVES_RU),
    ({PEOPLE_RU: "person"}, QuantityKind.PEOPLE, False, _UNIT_ALTERNATIVES_RU),
):
    for _pattern, _unit in _table.items():
        _alternatives.append(rf"(?P<u{len(_UNITS)}>{_pattern})")
        _UNITS.append((_kind, _unit, _az))
_INDEX_UNIT_NAMES = frozenset(INDEX_UNITS.values())
_UNIT_LATIN = re.compile(
    rf"(?:{_WS}|[ \t]*[-–][ \t]*(?=[a-z])|[ \t]*(?=[%A-Z$€₼₸₽£]))"
    rf"(?:{'|'.join(_UNIT_ALTERNATIVES)})(?!{_L})",
    re.IGNORECASE,
)
_UNIT_CYRILLIC = re.compile(
    rf"{_WS}(?:{'|'.join(_UNIT_ALTERNATIVES_RU)})(?!{_L})",
    re.IGNORECASE,
)


def _unit_at(text: str, pos: int) -> re.Match[str] | None:
    """The unit word right after ``pos``, by the regex of the script that follows."""
    ahead = text[pos : pos + 3].lstrip()
    if ahead and "\u0400" <= ahead[0] <= "\u04ff":
        return _UNIT_CYRILLIC.match(text, pos)
    return _UNIT_LATIN.match(text, pos)


_ISO_BEFORE = re.compile(rf"(?<!{_L})(?P<code>[A-Z]{{3}})[ \t]*$")
_EN_DURATION_AFTER_HYPHEN = re.compile(r"[-–](?:years?|months?|weeks?|days?|hours?)(?![^\W\d_])")
_CURRENCY_BEFORE = re.compile(
    "(?:" + "|".join(f"(?P<{unit}>{p})" for p, unit in CURRENCY_BEFORE.items()) + r")[ \t]*$"
)
_PEOPLE_AT = re.compile(
    r"(?:" + "|".join(n.replace(" ", r"\s+") for n in PEOPLE_NOUNS) + rf")(?!{_L})",
    re.IGNORECASE,
)
_PEOPLE_VERB_AT = re.compile(
    r"\s+(?:(?:will|would|shall|could|may|must)\s+(?:be|have\s+been)|were|was|are|is|have\s+been"
    rf"|has\s+been|had\s+been|to\s+be|being)\s+(?:[a-z]+ly\s+)?(?:{PEOPLE_VERBS})(?!{_L})"
    r"|\s+died\b",
    re.IGNORECASE,
)
_PEOPLE_WORDS = frozenset(n.lower() for n in PEOPLE_NOUNS if " " not in n)
# Singular nouns count only for one ("1 person"): "2,548 individual episodes" are episodes.
_PEOPLE_SINGULARS = frozenset(
    w for w in _PEOPLE_WORDS if not w.endswith("s") and w not in ("people", "children", "personnel")
    and not w.endswith("men")
)  # fmt: skip
_PEOPLE_TAIL = re.compile(r"\s+(?:of\s+war|with\s+disabilities)(?![^\W\d_])", re.IGNORECASE)
_PEOPLE_LEADS = (
    "(", "will", "would", "shall", "could", "may", "must", "were", "was", "are", "is", "have",
    "has", "had", "to", "being", "died", "Will", "Were", "Are",
)  # fmt: skip
_MODIFIER = re.compile(r"[A-Za-z][a-z-]*")
_MULTIPLIER_AFTER = re.compile(
    r"\s+(?:more|less|fewer|higher|lower|larger|smaller|greater|bigger|as|than|the|over)\b",
    re.IGNORECASE,
)
_PEOPLE_COPULA_AT = re.compile(
    rf"\s+(?:were|are|was)\s+(?:{_PEOPLE_AT.pattern}"
    r"|(?:more\s+than\s+|over\s+|under\s+|older\s+than\s+|younger\s+than\s+|aged\s+)?"
    r"\d+[- ]years?[- ]old)",
    re.IGNORECASE,
)
# "17 of those pardoned", "nearly 1 million of its citizens", "5 of them"
_PARTITIVE_AT = re.compile(
    r"[ \t]+of[ \t]+(?:"
    rf"(?P<participle>those[ \t]+(?:{PEOPLE_VERBS}))(?!{_L})|(?P<pronoun>them|whom|those)"
    r"|(?:(?:the|its|their|his|her|our|these|those|all)[ \t]+)?(?:[a-z-]+[ \t]+){0,2}?"
    rf"(?:{_PEOPLE_AT.pattern})"
    rf"|(?:a[ \t]+total[ \t]+of[ \t]+|the[ \t]+)?(?P<whole>\d[\d,. \u00a0]*)[ \t]+"
    rf"(?:[a-z-]+[ \t]+){{0,2}}?(?:{_PEOPLE_AT.pattern})"
    r")",
    re.IGNORECASE,
)
_PEOPLE_CONTEXT = 300
_POPULATION_BEFORE = re.compile(
    r"population[ \t]+of[ \t]+(?:about|some|over|nearly|approximately|around|almost)?[ \t]*$",
    re.IGNORECASE,
)
_INCLUDING_PEOPLE_AT = re.compile(
    rf"[ \t]*\((?:including|incl\.?|of\s+whom|among\s+them)\s+[\d][\d,. ]*\s+"
    rf"(?:[a-z-]+\s+){{0,2}}(?:{_PEOPLE_AT.pattern})",
    re.IGNORECASE,
)
_NOUN_TOKEN = re.compile(r"[ \t]*(?:\n[ \t]*)?(?P<tok>,|[A-Za-z](?:[A-Za-z']|-(?=[A-Za-z]))*)")
_STOP_WORDS = frozenset(
    words(
        "the a an of in on at to for from by with were was are is be been being have has had will "
        "would shall should may might can could must that which who whom whose this these those it "
        "its their his her our not no as than per each every more less times if when where while "
        "after before since until so such there here all both only also including under over "
        "between among within without into onto upon about against during through i e g ie eg "
        "percent manat manats year years month months day days week weeks hour hours"
    )
)
_PLURAL_SUFFIX = re.compile(
    r"[a-z]{3,}(?:tion|sion|ment|ity|ance|ence|ship|ure|ism|ist|ant|ent|ode|ine|ile)s$"
)
_COUNT_SINGULARS = frozenset(COUNT_NOUNS.values())
_SIBILANT_PLURAL = re.compile(r"(?:ch|sh|x|ss|zz)es$")

_QUALIFIER_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:"
    r"(?P<more_than>over|more\s+than|exceeding|above|in\s+excess\s+of|upwards\s+of|greater\s+than)"
    r"|(?P<up_to>up\s+to|not\s+more\s+than|no\s+more\s+than|not\s+exceeding"
    r"|(?:can|could|shall|must|may|does|do|will|should)\s*(?:not|n't)\s+exceed|cannot\s+exceed"
    r"|(?:a\s+)?maximum(?:\s+of)?|at\s+most|n[o0]t?\s+later\s+than|within|[əe]n\s+[çc]ox(?:u)?)"
    r"|(?P<at_least>at\s+least|(?:a\s+)?minimum(?:\s+of)?|not\s+less\s+than|no\s+less\s+than"
    r"|no\s+fewer\s+than|not\s+fewer\s+than|(?:[əe]n\s+)?az[ıi1l])"
    r"|(?P<less_than>less\s+than|fewer\s+than|under|below)"
    r"|(?P<about>approximately|approx\.|about|around|some|nearly|almost|roughly|circa"
    r"|an\s+estimated|estimated|t[əae]xmin[əae]n)"
    r")[ \t]*(?:\n[ \t]*)?$",
    re.IGNORECASE,
)
# Russian, in a regex of its own: "не более" before "более", so that the longer phrase wins.
_QUALIFIER_BEFORE_RU = re.compile(
    r"(?<![^\W\d_])(?:"
    r"(?P<up_to>не\s+более(?:\s+чем)?|не\s+свыше|до|максимум)"
    r"|(?P<at_least>не\s+менее(?:\s+чем)?|как\s+минимум|минимум)"
    r"|(?P<more_than>(?:более|больше)(?:\s+чем)?(?:\s+(?:для|у|на))?|свыше)"
    r"|(?P<less_than>(?:менее|меньше)(?:\s+чем)?)"
    r"|(?P<about>около|почти|примерно|порядка|приблизительно)"
    r")[ \t]*(?:\n[ \t]*)?$",
    re.IGNORECASE,
)
_QUALIFIER_LAST_WORDS = frozenset(
    words(
        "over than exceeding above of to exceed maximum most within çox çoxu cox coxu least "
        "minimum azı azi az1 azl under below approximately approx about around some nearly almost "
        "roughly circa estimated təxminən texminen taxminan "
        "более больше чем для у на свыше до максимум менее меньше минимум около почти примерно "
        "порядка приблизительно"
    )
)
_QUALIFIER_AFTER = re.compile(
    r"(?P<at_least>\s+or\s+(?:more|above|over|greater)|\s+and\s+(?:above|over|more))(?![^\W\d_])"
    r"|(?P<up_to>\s+or\s+(?:less|fewer|below|under))(?![^\W\d_])",
    re.IGNORECASE,
)
_AZ_AFTER = re.compile(
    r"\s+(?:(?P<more>yuxar[ıi1l]|art[ıi1l][qg]|[çc¢]ox)(?P<neg>\s+(?:olmayan|olmama[qg]"
    r"|ola\s+bilm[əaes]z|deyil))?|(?P<less>az)(?![^\W\d_]))"
    r"|\s+v[əae]\s+daha\s+(?P<atleast>art[ıi1l][qg]|[çc¢]ox)",
    re.IGNORECASE,
)
_RANGE_LINK = re.compile(
    r"[ \t]*(?:[-–—]|to(?![^\W\d_])|and(?![^\W\d_])|до(?![^\W\d_]))[ \t]*(?:\n[ \t]*)?"
)
_RANGE_LEAD = re.compile(r"(?<![^\W\d_])(?P<lead>from|between|от|с)[ \t]*$", re.IGNORECASE)
# Ages and anniversaries are written like periods but are not ones.
_AGE_AFTER = re.compile(
    r"[ \t]*(?:[- ]old(?![^\W\d_])|of[ \t]+age|or[ \t]+older|возраста)", re.IGNORECASE
)
_AGE_BEFORE = re.compile(
    r"(?:(?<![^\W\d_])(?:aged|age[ \t]+of|старше|моложе"
    r"|младше|достигш[^\W\d_]*|возраст[^\W\d_]*(?:[ \t]+(?:до|от|свыше|старше))?))"
    r"[ \t]*$",
    re.IGNORECASE,
)
_ANNIVERSARY_BEFORE = re.compile(
    r"(?:mark(?:s|ing|ed)?|celebrat[a-z]*|commemorat[a-z]*|anniversary[ \t]+of)[ \t]+"
    r"(?:the[ \t]+|its[ \t]+)?[^\W\d_]*[ \t]*$",
    re.IGNORECASE,
)
_ANNIVERSARY_AFTER = re.compile(
    r"[ \t]+(?:of[ \t]+(?:(?:the|its|our|their)[ \t]+)?(?:independence|existence|founding"
    r"|foundation|establishment|creation|formation)|независимости|со[ \t]+дня|yubiley)",
    re.IGNORECASE,
)
_YEAR_WORDS = frozenset(words("год года году лет years year il ili ildə"))
_ASIDE = re.compile(r"[ \t]*\([^()\n]{1,80}\)")
_COMPOUND_PART = re.compile(rf"{_WS}(?P<part>\d{{1,3}})(?![\d.,:]\d|{_L})")
_AZ_NUMBER_WORD_AFTER = re.compile(r"\s+n\S{0,3}mr\S{0,3}l", re.IGNORECASE)
_ABLATIVE = re.compile(r"d[aeəs]n$")
_TERMINATIVE = re.compile(r"d[aeə]k$")


@dataclass(slots=True)  # not frozen: frozen dataclasses are slow to build
class _Mention:
    start: int
    end: int
    value: float
    az_words: bool = False
    en_words: bool = False


@dataclass(slots=True)
class _Reading:
    """A number with what follows it: the pieces a quantity is assembled from."""

    mention: _Mention
    value: float
    end: int
    kind: QuantityKind | None = None
    unit: str = ""
    unit_word: str = ""
    az_unit: bool = False
    review: bool = False
    span_end: int | None = None  # people read from a verb: the span stops at the number
    scale: float = 1.0  # "million" and the like
    lead: int | None = None  # start of a leading currency sign
    qualifier: Qualifier | None = None  # set by the reading itself (ends of a split range)


def find_quantities(text: str) -> list[FoundQuantity]:
    """Quantities stated in ``text``, sorted by position and non-overlapping."""
    return list(_find_quantities(text))


@lru_cache(maxsize=8)
def _find_quantities(text: str) -> tuple[FoundQuantity, ...]:
    mentions = _mentions(text, _blocked_spans(text))
    found: list[FoundQuantity] = []
    upper_ends: dict[int, Qualifier] = {}
    i = 0
    while i < len(mentions):
        if found and mentions[i].start < found[-1].span.end:
            i += 1
            continue
        quantity, used = _quantity_at(text, mentions, i, upper_ends)
        if quantity is not None and (not found or quantity.span.start >= found[-1].span.end):
            found.append(quantity)
        i += max(1, used)
    return tuple(_with_conditions(text, found))


# --- numbers -------------------------------------------------------------------


def _blocked_spans(text: str) -> tuple[list[int], list[int]]:
    """Dates and references as merged, sorted intervals: numbers there are not quantities."""
    spans = sorted(
        [(d.span.start, d.span.end) for d in find_dates(text)]
        + [(r.span.start, r.span.end) for r in find_references(text)]
    )
    starts: list[int] = []
    ends: list[int] = []
    for start, end in spans:
        if ends and start < ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


class _Blocked:
    """Dates and references met in text order: numbers inside them are not quantities.

    Callers ask about spans in increasing order of start, so one pointer walks
    the sorted intervals (a merge pass instead of a bisect per number).
    """

    def __init__(self, blocked: tuple[list[int], list[int]]) -> None:
        self.starts, self.ends = blocked
        self.i = 0

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps an interval; ``start`` never decreases."""
        ends, i = self.ends, self.i
        while i < len(ends) and ends[i] <= start:
            i += 1
        self.i = i
        return i < len(ends) and self.starts[i] < end


def _mentions(text: str, blocked: tuple[list[int], list[int]]) -> list[_Mention]:
    """Numbers in digits and in English words, in text order, outside ``blocked``.

    Found from cheap scans (digit runs; ``str.find`` of number words in a
    lower-cased copy) rather than one big case-insensitive regex, which
    costs several milliseconds per 30 KB.
    """
    mentions = []
    consumed = 0
    inside = _Blocked(blocked)
    for run in _DIGIT_RUN.finditer(text):
        start = run.start()
        if start < consumed or _glued_before(text, start):
            consumed = max(consumed, run.end())
            continue
        match = _DIGITS_AT.match(text, start)
        if match is None:
            consumed = run.end()
            continue
        consumed = match.end()
        if inside.overlaps(start, consumed):
            continue  # still consumed: its digits do not start numbers of their own
        value = parse_digits(match.group())
        if value is not None:
            mentions.append(_Mention(start, match.end(), value))
    inside = _Blocked(blocked)
    mentions.extend(m for m in _word_mentions(text) if not inside.overlaps(m.start, m.end))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _glued_before(text: str, start: int) -> bool:
    """Digits that continue a code or a number ("CRP.140", "1,388", "VIQD-5")."""
    if start == 0:
        return False
    prev = text[start - 1]
    if prev.isalnum() or prev in "_.,/:":
        return True
    return prev in "-–" and start >= 2 and text[start - 2].isalpha()


# Only where a number word starts matters, so "sixteen" and "sixty" need no
# scan of their own: every place they start, "six" starts too.
_EN_SCAN_WORDS = [w for w in EN_SMALL if not any(w != v and w.startswith(v) for v in EN_SMALL)]


def _word_mentions(text: str) -> list[_Mention]:
    # "İ" is the one letter that lower() turns into two characters; a dotless
    # "ı" keeps offsets aligned and, like "İ", is a letter that starts no
    # English number word (str.translate() to lower ASCII only is much slower).
    lowered = text.replace("İ", "ı").lower()
    starts = set()
    for word in _EN_SCAN_WORDS:
        position = lowered.find(word)
        while position != -1:
            if position == 0 or not lowered[position - 1].isalpha():
                starts.add(position)
            position = lowered.find(word, position + 1)
    mentions = []
    consumed = 0
    for start in sorted(starts):
        if start < consumed:
            continue
        match = _EN_WORDS_AT.match(lowered, start)
        if match is None:
            continue
        consumed = match.end()
        value = parse_en_words(match.group())
        if value is not None:
            mentions.append(_Mention(start, match.end(), value, en_words=True))
    return mentions


_NOT_A_QUANTITY_WORDS = frozenset(
    words(
        "no nos nr number article articles art part parts paragraph paragraphs para paras chapter "
        "section appendix annex item point clause subparagraph page pages p pp rule protocol doc "
        "case"
    )
)


def _skip(text: str, mention: _Mention) -> bool:
    return (
        not mention.en_words
        and not mention.az_words
        and _skip_digits(text, mention.start, mention.end)
    )


def _skip_digits(text: str, start: int, end: int) -> bool:
    """Numbers that name things rather than count them."""
    before = text[max(0, start - 16) : start].rstrip(" \t")
    if before.endswith(("№", "#", "§")):
        return True
    last_word = before.rstrip(".").rsplit(None, 1)[-1:] or [""]
    if last_word[0].strip("([").lower() in _NOT_A_QUANTITY_WORDS:
        return True
    line_start = not before.strip(" \t") or before.endswith("\n")
    if line_start and text.startswith(".", end) and not text[end + 1 : end + 2].isdigit():
        return True  # "12. The number..." paragraph number
    if _AZ_NUMBER_WORD_AFTER.match(text, end):
        return True
    if text[end : end + 1] in ("-", "–") and text[end + 1 : end + 2].isalpha():
        return not _EN_DURATION_AFTER_HYPHEN.match(text, end)  # "5-year" is fine
    return False


# --- reading one quantity ----------------------------------------------------------


def _read_number(text: str, mention: _Mention) -> _Reading:
    """The number with its "(five)" echo and scale word ("million")."""
    reading = _Reading(mention, mention.value, mention.end)
    paren = (
        _PAREN_WORD.match(text, reading.end) if "(" in text[mention.end : mention.end + 3] else None
    )
    if paren and not mention.en_words and not mention.az_words:
        echoed = parse_words(paren.group("word"))
        if echoed is not None:
            reading.review = echoed != mention.value
            reading.end = paren.end()
    scale = _SCALE.match(text, reading.end)
    if scale:
        reading.scale = scale_value(scale.group("scale"))
        reading.value *= reading.scale
        reading.end = scale.end()
        if not mention.en_words and not mention.az_words:
            _read_compound(text, reading)
    return reading


def _read_compound(text: str, reading: _Reading) -> None:
    """ "1 million 13 thousand 650 soums": digit groups under falling scale words.

    A last group without a scale word joins only when a unit follows it, so
    that "5 million 200 companies" stays five million.
    """
    last = reading.scale
    while last > 1:
        part = _COMPOUND_PART.match(text, reading.end)
        if part is None:
            return
        value = int(part.group("part"))
        scale = _SCALE.match(text, part.end())
        if scale is not None:
            factor = scale_value(scale.group("scale"))
            if factor >= last or value * factor >= last:
                return
            reading.value += value * factor
            reading.end = scale.end()
            last = factor
            continue
        unit = _unit_at(text, part.end())
        if value < min(last, 1000) and unit is not None and unit.lastgroup:
            kind = _UNITS[int(unit.lastgroup[1:])][0]
            if kind in (QuantityKind.AMOUNT, QuantityKind.PEOPLE):
                reading.value += value
                reading.end = part.end()
        return


def _read_unit(text: str, reading: _Reading) -> _Reading:
    """Attach the unit that follows the number, if any."""
    match = _unit_at(text, reading.end)
    if match is not None and match.lastgroup:
        kind, unit, az = _UNITS[int(match.lastgroup[1:])]
        if (az and reading.mention.en_words) or (not az and reading.mention.az_words):
            return reading
        written = match.group(match.lastgroup)
        if not unit:  # a capitalised word: a currency only if ISO 4217 has it
            if written not in ISO_4217 or written in CONFUSABLE_CODES:
                return _read_noun(text, reading)
            unit = written
        if kind == QuantityKind.DURATION and _not_a_period(text, reading, match.end(), written):
            return reading
        reading = _with_unit(reading, match.end(), kind, unit, written)
        word = reading.unit_word.lower()
        reading.az_unit = az or (word.startswith("manat") and word != "manats")
        return reading
    if not reading.mention.az_words:
        return _read_noun(text, reading)
    return reading


def _not_a_period(text: str, reading: _Reading, end: int, word: str) -> bool:
    """Ages ("over 60 years of age", "старше 60 лет"), anniversaries ("marking 30 years of
    independence") and years of the calendar ("в 2007 году") are written like periods."""
    if _AGE_AFTER.match(text, end) or _ANNIVERSARY_AFTER.match(text, end):
        return True
    start = reading.mention.start
    if 1800 <= reading.value <= 2200 and fold(word) in _YEAR_WORDS:
        return True  # a calendar year the date extractor did not take
    before = text[max(0, start - 40) : start]
    if _AGE_BEFORE.search(before) or _ANNIVERSARY_BEFORE.search(before):
        return True
    head = before.rstrip().lower().rsplit(None, 3)[-3:]
    if head[-1:] == ["than"]:
        head = head[:-1]  # "older than", "younger than"
    return (
        len(head) >= 2
        and head[-1] in ("over", "under", "above", "below", "older", "younger")
        and head[-2] in _PEOPLE_WORDS
    )  # "men over 60 years", "women older than 55 years": ages of people


def _with_unit(reading: _Reading, end: int, kind: QuantityKind, unit: str, word: str) -> _Reading:
    reading.end = end
    reading.kind = kind
    reading.unit = unit
    reading.unit_word = word
    return reading


def _read_noun(text: str, reading: _Reading) -> _Reading:
    """People or things named after the number, with up to four modifiers in between.

    "72 temporary detention facilities", "10 micro, small or medium-sized
    business entities", "414 prisoners of war". Word by word with set
    look-ups: a regex over all nouns at every word costs too much.
    """
    pos = reading.end
    if not text[pos : pos + 1].isspace():
        return _read_people_without_noun(text, reading)
    if text.startswith("of", pos + 1) and _read_partitive(text, reading):
        return reading
    modifiers = 0
    for _ in range(10):
        token = _NOUN_TOKEN.match(text, pos)
        if token is None:
            break
        word = token.group("tok")
        lower = word.lower()
        if lower in _PEOPLE_WORDS and (lower not in _PEOPLE_SINGULARS or reading.value == 1):
            tail = _PEOPLE_TAIL.match(text, token.end())
            end = tail.end() if tail else token.end()
            return _with_unit(reading, end, QuantityKind.PEOPLE, "person", "")
        if word == "," or lower in ("or", "and"):
            if modifiers == 0:
                break
            pos = token.end()
            continue
        if lower in ("times", "time") and modifiers == 0:
            if _MULTIPLIER_AFTER.match(text, token.end()):
                break  # "5 times higher" multiplies, it does not count
            return _with_unit(reading, token.end(), QuantityKind.COUNT, "time", "")
        noun = _count_noun(lower, reading.value)
        if noun:
            return _with_unit(reading, token.end(), QuantityKind.COUNT, noun, "")
        if lower in _STOP_WORDS or modifiers >= 4 or not _MODIFIER.fullmatch(word):
            break
        modifiers += 1
        pos = token.end()
    return _read_people_without_noun(text, reading)


def _read_partitive(text: str, reading: _Reading) -> bool:
    """ "17 of those pardoned", "5 of its citizens", "3,470 of 14,435 prisoners".

    "of them"/"of whom" count people only where people were just named.
    """
    match = _PARTITIVE_AT.match(text, reading.end)
    if match is None:
        return False
    if match.group("pronoun"):
        window = text[max(0, reading.mention.start - _PEOPLE_CONTEXT) : reading.mention.start]
        if not _PEOPLE_AT.search(window):
            return False
    reading.kind = QuantityKind.PEOPLE
    reading.unit = "person"
    if match.group("whole"):
        reading.span_end = reading.end  # the whole is a head-count of its own
    else:
        reading.end = match.end()
    return True


def _count_noun(word: str, value: float) -> str | None:
    if word in COUNT_NOUNS:
        return COUNT_NOUNS[word]
    if value == 1 and word in _COUNT_SINGULARS:
        return word
    if _PLURAL_SUFFIX.fullmatch(word):
        return singular(word)
    return None


def singular(noun: str) -> str:
    """English singular of a regular plural ("facilities" -> "facility")."""
    if noun in COUNT_NOUNS:
        return COUNT_NOUNS[noun]
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if _SIBILANT_PLURAL.search(noun):
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith("ss"):
        return noun[:-1]
    return noun


def _read_people_without_noun(text: str, reading: _Reading) -> _Reading:
    """ "2 000 will be released", "623 were men", "26 (including 6 children)"."""
    pos = reading.end
    start = reading.mention.start
    if "population" in text[max(0, start - 36) : start] and _POPULATION_BEFORE.search(
        text, max(0, start - 36), start
    ):
        return _with_unit(reading, pos, QuantityKind.PEOPLE, "person", "")
    following = text[pos : pos + 8].lstrip()
    if not following.startswith(_PEOPLE_LEADS):
        return reading  # cheap test before three regexes
    for pattern in (_PEOPLE_VERB_AT, _PEOPLE_COPULA_AT, _INCLUDING_PEOPLE_AT):
        if pattern.match(text, pos):
            reading.kind = QuantityKind.PEOPLE
            reading.unit = "person"
            reading.span_end = pos
            return reading
    return reading


def _quantity_at(
    text: str, mentions: list[_Mention], i: int, upper_ends: dict[int, Qualifier]
) -> tuple[FoundQuantity | None, int]:
    """The quantity starting with mention ``i`` and how many mentions it used.

    ``upper_ends`` carries, from the lower end of a range split by asides
    ("from three (608 thousand soums) to five (...) times MMW"), the
    qualifier of its upper end, met later.
    """
    first = _read_unit(text, _read_number(text, mentions[i]))
    second = _range_partner(text, mentions, i, first)
    if first.kind is None and second is None:
        _currency_before(text, first)
    if first.kind is None and second is None and text.startswith("(", first.end + 1):
        _index_after_aside(text, mentions, i, first, upper_ends)
    if first.kind is not None and mentions[i].start in upper_ends:
        first.qualifier = upper_ends.pop(mentions[i].start)
    if (first.kind is None and second is None) or _skip(text, mentions[i]):
        return None, 1  # the "No. 5"-style test runs only for would-be quantities
    if second is not None:
        return _range_quantity(text, first, second), 2
    return _single_quantity(text, first), 1


def _index_unit_at(text: str, pos: int) -> str | None:
    match = _unit_at(text, pos)
    if match is None or not match.lastgroup:
        return None
    unit = _UNITS[int(match.lastgroup[1:])][1]
    return unit if unit in _INDEX_UNIT_NAMES else None


def _index_after_aside(
    text: str, mentions: list[_Mention], i: int, reading: _Reading, upper_ends: dict[int, Qualifier]
) -> None:
    """ "five (1 million 13 thousand 650 soums) times MMW": the index unit after the
    money equivalent in brackets. The figure's span stops at the number, so that the
    bracketed amount is found on its own; a range around asides becomes two figures."""
    aside = _ASIDE.match(text, reading.end)
    if aside is None:
        return
    unit = _index_unit_at(text, aside.end())
    if unit is None:
        link = _RANGE_LINK.match(text, aside.end())
        if link is None or link.group().strip() in ("", "and"):
            return
        j = i + 1
        while j < len(mentions) and mentions[j].start < link.end():
            j += 1
        if j == len(mentions) or mentions[j].start != link.end():
            return
        other = _read_number(text, mentions[j])
        other_aside = _ASIDE.match(text, other.end)
        unit = _index_unit_at(text, other_aside.end() if other_aside else other.end)
        if unit is None:
            return
        upper_ends[mentions[j].start] = Qualifier.UP_TO
        reading.qualifier = Qualifier.AT_LEAST
    reading.kind = QuantityKind.AMOUNT
    reading.unit = unit
    reading.span_end = reading.end


def _range_partner(text: str, mentions: list[_Mention], i: int, first: _Reading) -> _Reading | None:
    """The upper end of "40 to 60 percent" or Azerbaijani "2 ildən 4 ilədək"."""
    if first.az_unit and first.unit_word and _ABLATIVE.search(fold(first.unit_word)):
        az_next = _AZ_WORDS_AT.match(text, first.end)
        value = parse_az_words(az_next.group("words")) if az_next else None
        if az_next and value is not None:
            mention = _Mention(az_next.start("words"), az_next.end(), value, az_words=True)
        elif i + 1 < len(mentions) and text[first.end : mentions[i + 1].start].isspace():
            mention = mentions[i + 1]
        else:
            return None
        second = _read_unit(text, _read_number(text, mention))
        if (
            second.kind == first.kind
            and second.unit == first.unit
            and _TERMINATIVE.search(fold(second.unit_word))
        ):
            return second
        return None
    if first.span_end is not None:
        return None
    link = _RANGE_LINK.match(text, first.end)
    if link is None or i + 1 >= len(mentions) or mentions[i + 1].start != link.end():
        return None
    if link.group().strip() in ("and", "до") and not _RANGE_LEAD.search(
        text, max(0, first.mention.start - 12), first.mention.start
    ):
        return None
    if _skip(text, mentions[i + 1]):
        return None
    second = _read_unit(text, _read_number(text, mentions[i + 1]))
    if second.kind is None or second.span_end is not None:
        return None
    if first.kind is not None and (first.kind, first.unit) != (second.kind, second.unit):
        return None
    return second


def _qualifier_before(text: str, start: int) -> tuple[Qualifier, int]:
    last = text[max(0, start - 16) : start].rsplit(None, 1)[-1:]
    if not last or last[0].lower().rstrip(".").lstrip("([") not in _QUALIFIER_LAST_WORDS:
        return Qualifier.EXACT, start  # cheap test before the regex
    word = last[0].lstrip("([")
    pattern = _QUALIFIER_BEFORE_RU if "\u0400" <= word[:1] <= "\u04ff" else _QUALIFIER_BEFORE
    match = pattern.search(text, max(0, start - 40), start)
    if match is None:
        return Qualifier.EXACT, start
    kind = match.lastgroup or "exact"
    return Qualifier(kind), match.start()


def _currency_before(text: str, reading: _Reading) -> None:
    """A currency written before the number ("$5 million", "AZN 200") becomes the unit."""
    start = reading.mention.start
    if not start or text[start - 1].isalpha() or text[start - 1] == "\n":
        return  # cheap test: most numbers follow a plain word
    match = _CURRENCY_BEFORE.search(text, max(0, start - 5), start)
    if match and match.lastgroup:
        reading.kind = QuantityKind.AMOUNT
        reading.unit = match.lastgroup
        reading.lead = match.start()
        return
    code = _ISO_BEFORE.search(text, max(0, start - 6), start)
    if code and code.group("code") in ISO_4217 and code.group("code") not in CONFUSABLE_CODES:
        reading.kind = QuantityKind.AMOUNT
        reading.unit = code.group("code")
        reading.lead = code.start()


def _single_quantity(text: str, reading: _Reading) -> FoundQuantity | None:
    if reading.kind is None:
        return None
    start = reading.lead if reading.lead is not None else reading.mention.start
    qualifier, start = _qualifier_before(text, start)
    if reading.qualifier is not None and qualifier == Qualifier.EXACT:
        qualifier = reading.qualifier
    end = reading.end if reading.span_end is None else reading.span_end
    if reading.span_end is None:
        after = _QUALIFIER_AFTER.match(text, end)
        if after:
            qualifier = Qualifier.AT_LEAST if after.lastgroup == "at_least" else Qualifier.UP_TO
            end = after.end()
        elif reading.az_unit or reading.kind == QuantityKind.DURATION:
            qualifier, end = _az_qualifier(text, reading, qualifier, end)
    return _make(text, start, end, reading, qualifier)


def _az_qualifier(
    text: str, reading: _Reading, qualifier: Qualifier, end: int
) -> tuple[Qualifier, int]:
    word = fold(reading.unit_word)
    if not word:
        return qualifier, end
    if _TERMINATIVE.search(word):
        return Qualifier.UP_TO, end
    after = _AZ_AFTER.match(text, end)
    if after is None:
        return qualifier, end
    if after.group("atleast"):
        return Qualifier.AT_LEAST, after.end()
    if not _ABLATIVE.search(word):
        return qualifier, end
    if after.group("less"):
        return Qualifier.LESS_THAN, after.end()
    if after.group("neg"):
        return Qualifier.UP_TO, after.end()
    return Qualifier.MORE_THAN, after.end()


def _range_quantity(text: str, first: _Reading, second: _Reading) -> FoundQuantity | None:
    low = first.value
    if first.scale == 1.0 and first.kind is None:
        low *= second.scale  # "5 to 10 million": the scale covers both ends
    start = first.mention.start
    lead = _RANGE_LEAD.search(text, max(0, start - 12), start)
    if lead:
        start = lead.start("lead")
    reading = replace(second, value=low, review=first.review or second.review)
    quantity = _make(text, start, second.end, reading, Qualifier.RANGE)
    if quantity is None:
        return None
    return replace(quantity, value_max=second.value)


def _make(
    text: str, start: int, end: int, reading: _Reading, qualifier: Qualifier
) -> FoundQuantity | None:
    if reading.kind is None or end <= start:
        return None
    review = reading.review or (
        reading.az_unit
        and reading.kind != QuantityKind.PEOPLE
        and not _canonical_az_unit(reading.unit_word.split()[-1])
    )
    return FoundQuantity(
        span=Span(start, end),
        text=text[start:end],
        kind=reading.kind,
        value=reading.value,
        unit=reading.unit,
        qualifier=qualifier,
        confidence=DAMAGED_CONFIDENCE if review else 1.0,
        needs_review=review,
    )


_AZ_UNIT_STEMS = ("faiz", "manat", "il", "ay", "gün", "həftə", "saat")


def _canonical_az_unit(word: str) -> bool:
    """Whether an Azerbaijani unit word is spelled right ("faizinədək", not "faizinedek")."""
    folded = fold(word)
    for stem in _AZ_UNIT_STEMS:
        if folded.startswith(stem):
            suffix = folded[len(stem) :]
            i, a = harmony_i(stem), harmony_a(stem)
            possessive = {f"{i}", f"{i}n{a}", f"{i}n{a}dək", f"{i}nd{a}n", f"{i}nd{a}", f"{i}n{i}n"}
            return suffix in set(case_suffixes(stem)) | possessive | {f"d{i}r"}
    return False


_CLAUSE_START = re.compile(r";|\.\s|:\s*\n|\n\s*[-•]\s")
_THRESHOLD_WORD = re.compile(
    r"\b(?P<at_least>minimum|minimal)\b|\b(?P<up_to>maximum|maximal)\b", re.I
)
_STATED_AS = re.compile(r"\b(?:is|are|shall\s+be|amounts?\s+to|of)\s*$", re.I)
_ELLIPSIS = re.compile(r"^\s*,?\s*(?:and|or)\s*$", re.I)


def _threshold_qualifier(
    text: str, quantity: FoundQuantity, previous: FoundQuantity | None, previous_end: int
) -> Qualifier | None:
    """ "The minimum amount ... is 5 million" states a floor though no word touches the figure.

    A figure that continues the clause ("..., and 3 million for ...") shares the
    previous figure's threshold.
    """
    if quantity.qualifier != Qualifier.EXACT or quantity.kind not in _THRESHOLD_KINDS:
        return None
    between = text[previous_end : quantity.span.start]
    if previous is not None and previous.kind == quantity.kind and _ELLIPSIS.match(between):
        return previous.qualifier if previous.qualifier in _THRESHOLD_QUALIFIERS else None
    boundaries = list(_CLAUSE_START.finditer(text, previous_end, quantity.span.start))
    clause = text[boundaries[-1].end() if boundaries else previous_end : quantity.span.start]
    word = _THRESHOLD_WORD.search(clause)
    if word is None or not _STATED_AS.search(clause):
        return None
    return Qualifier.AT_LEAST if word.lastgroup == "at_least" else Qualifier.UP_TO


_THRESHOLD_KINDS = (QuantityKind.AMOUNT, QuantityKind.PERCENT)
_THRESHOLD_QUALIFIERS = (Qualifier.AT_LEAST, Qualifier.UP_TO)


def _with_conditions(text: str, found: list[FoundQuantity]) -> list[FoundQuantity]:
    result: list[FoundQuantity] = []
    previous_end = 0
    for quantity in found:
        condition = condition_for(text, quantity.span.start, quantity.span.end, previous_end)
        threshold = _threshold_qualifier(
            text, quantity, result[-1] if result else None, previous_end
        )
        changes: dict[str, object] = {}
        if condition:
            changes["condition"] = condition
        if threshold:
            changes["qualifier"] = threshold
        result.append(replace(quantity, **changes) if changes else quantity)
        previous_end = quantity.span.end
    return result
