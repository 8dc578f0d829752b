"""Numbers as legal texts write them: digits with any grouping, or words.

Shared by the quantity and date extractors. English and Azerbaijani number
words are kept apart (:data:`EN_WORD_NUMBER`, :data:`AZ_WORD_NUMBER`) because
"on" is ten in Azerbaijani and a preposition in English.
"""

from __future__ import annotations

import re

from lawtracker.ingestion.extract.azerbaijani import fold, tolerant

EN_SMALL: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
EN_SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "mln": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "bln": 1_000_000_000,
    "trillion": 10**12,
    "trn": 10**12,
}
AZ_SMALL: dict[str, int] = {
    "bir": 1,
    "iki": 2,
    "üç": 3,
    "dörd": 4,
    "beş": 5,
    "altı": 6,
    "yeddi": 7,
    "səkkiz": 8,
    "doqquz": 9,
    "on": 10,
    "iyirmi": 20,
    "otuz": 30,
    "qırx": 40,
    "əlli": 50,
    "altmış": 60,
    "yetmiş": 70,
    "səksən": 80,
    "doxsan": 90,
}
AZ_SCALES: dict[str, int] = {"yüz": 100, "min": 1_000, "milyon": 1_000_000, "milyard": 10**9}

_WORD_END = r"(?![^\W\d_])"


def _alternation(words: list[str], *, tolerate: bool) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(tolerant(w) if tolerate else re.escape(w) for w in ordered)


_EN_SMALL_RE = _alternation(list(EN_SMALL), tolerate=False)
_EN_ANY_RE = _alternation([*EN_SMALL, "hundred", "thousand", "million", "billion"], tolerate=False)
_AZ_SMALL_RE = _alternation(list(AZ_SMALL), tolerate=True)
_AZ_ANY_RE = _alternation([*AZ_SMALL, *AZ_SCALES], tolerate=True)

EN_WORD_NUMBER = (
    rf"(?<![^\W\d_])(?:{_EN_SMALL_RE})(?:(?:[ \t]+|-)(?:and[ \t]+)?(?:{_EN_ANY_RE}){_WORD_END})*"
    rf"{_WORD_END}"
)
"""A number in English words ("four", "twenty-five", "two hundred and ten")."""

AZ_WORD_NUMBER = (
    rf"(?<![^\W\d_])(?:{_AZ_SMALL_RE})(?:[ \t]+(?:{_AZ_ANY_RE}){_WORD_END})*{_WORD_END}"
)
"""A number in Azerbaijani words, OCR-tolerant ("beş", "bes", "altmis", "iki yüz")."""

DIGIT_NUMBER = r"""
(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?          # 1,388  1,087,226.50
  |\d{1,3}(?:\.\d{3})+(?:,\d+)?          # 50.000 (Azerbaijani/European grouping)
  |\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d) # 15 000
  |\d+(?:[.,]\d+)?                        # 20  0.07  0,07
)"""
"""Digits with thousands separators or a decimal part (verbose regex source)."""

SCALE_WORDS = (
    r"(?:hundred|thousand|million|mln|mn|billion|bln|bn|trillion|trn|milyon|milyard|trilyon|min"
    r"|тыс\.|тысяч[аи]?|(?:млн|млрд|трлн)(?:\.(?=[ \t]*(?-i:[a-zа-яё$€₼₸₽(])))?"
    r"|миллион(?:а|ов)?|миллиард(?:а|ов)?"
    r"|триллион(?:а|ов)?)"
)
"""Scale words after a number, in English, Azerbaijani and Russian ("5 млн", "1,5 тыс.").

"min" is Azerbaijani for thousand ("10 min nəfər"); "mn" and "mln" are the
abbreviations of newsletters ("USD 2.5 mn")."""

# Russian scale words by stem, so that every case form and abbreviation is covered.
_RU_SCALES = (("тыс", 1_000), ("млн", 10**6), ("миллион", 10**6), ("млрд", 10**9))
_RU_SCALES += (("миллиард", 10**9), ("трлн", 10**12), ("триллион", 10**12))

_AZ_TOKENS = [(re.compile(tolerant(w) + "$", re.IGNORECASE), v) for w, v in AZ_SMALL.items()]
_AZ_SCALE_TOKENS = [(re.compile(tolerant(w) + "$", re.IGNORECASE), v) for w, v in AZ_SCALES.items()]


def parse_digits(text: str) -> float | None:
    """The value of a :data:`DIGIT_NUMBER` match; ``None`` if it is not one.

    A group of exactly three digits after a comma, dot or space is a
    thousands group; otherwise the separator is a decimal point
    ("0,07" is seven hundredths, "50.000" fifty thousand).
    """
    text = text.strip().replace("\u00a0", " ").replace("\u202f", " ")
    try:
        if text.isdigit():
            return float(text)
        if _COMMA_GROUPS.fullmatch(text):
            return float(text.replace(",", ""))
        if _DOT_GROUPS.fullmatch(text) and not text.startswith("0."):
            return float(text.replace(".", "").replace(",", "."))
        if _SPACE_GROUPS.fullmatch(text):
            return float(text.replace(" ", ""))
        if _DECIMAL.fullmatch(text):
            return float(text.replace(",", "."))
    except ValueError:
        return None
    return None


_COMMA_GROUPS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DOT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_SPACE_GROUPS = re.compile(r"\d{1,3}(?: \d{3})+")
_DECIMAL = re.compile(r"\d+(?:[.,]\d+)?")


def _combine(values: list[tuple[int, bool]]) -> float | None:
    """Fold word values into one number; ``bool`` marks a scale word."""
    total = 0
    current = 0
    for value, is_scale in values:
        if not is_scale:
            current += value
        elif value == 100:
            current = (current or 1) * 100
        else:
            total += (current or 1) * value
            current = 0
    result = total + current
    return float(result) if values else None


def parse_en_words(text: str) -> float | None:
    """Value of English number words; ``None`` unless the whole text is a number."""
    words = re.split(r"[\s-]+", text.strip().lower())
    values: list[tuple[int, bool]] = []
    for word in words:
        if word == "and":
            continue
        if word in EN_SMALL:
            values.append((EN_SMALL[word], False))
        elif word in EN_SCALES:
            values.append((EN_SCALES[word], True))
        else:
            return None
    return _combine(values)


def parse_az_words(text: str) -> float | None:
    """Value of (possibly OCR-damaged) Azerbaijani number words, else ``None``."""
    values: list[tuple[int, bool]] = []
    for word in text.split():
        folded = fold(word)
        small = next((v for pattern, v in _AZ_TOKENS if pattern.match(folded)), None)
        if small is not None:
            values.append((small, False))
            continue
        scale = next((v for pattern, v in _AZ_SCALE_TOKENS if pattern.match(folded)), None)
        if scale is None:
            return None
        values.append((scale, True))
    return _combine(values)


def parse_words(text: str) -> float | None:
    """English or Azerbaijani number words."""
    value = parse_en_words(text)
    return value if value is not None else parse_az_words(text)


def scale_value(word: str) -> int:
    """Multiplier of a :data:`SCALE_WORDS` match."""
    word = fold(word).rstrip(".")
    if word in EN_SCALES:
        return EN_SCALES[word]
    if word == "mn":
        return 1_000_000
    for stem, value in _RU_SCALES:
        if word.startswith(stem):
            return value
    return {"milyon": 1_000_000, "milyard": 10**9, "trilyon": 10**12, "min": 1_000}.get(word, 1)
