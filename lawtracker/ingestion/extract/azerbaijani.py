"""Azerbaijani spelling helpers: OCR-tolerant patterns and vowel-harmony checks.

OCR of Azerbaijani loses its own letters (``ə`` read as ``a``/``e``/``s``/``8``,
``ü`` as ``ii``/``li``...). Extractors match words through :func:`tolerant`
patterns, then ask :func:`is_canonical` / the harmony helpers whether the text
was spelled right; a match that needed tolerance is flagged for review.
"""

from __future__ import annotations

import re
import unicodedata

# What OCR made of each Azerbaijani letter in the documents we receive.
_VARIANTS: dict[str, str] = {
    "ə": "(?:[əaeos98é@]|Ə)",
    "ı": "[ıiIl1]",
    "i": "[iıIl1İ]",
    "ü": "(?:ü|ii|li|lü|[uiü])",
    "u": "(?:[uü]|ii)",
    "ö": "[öo6é0]",
    "o": "[oö0]",
    "ç": "[çc¢]",
    "c": "[cç¢]",
    "ş": "[şs]",
    "s": "[sş]",
    "ğ": "[ğg]",
    "g": "[gğq]",
    "q": "[qg]",
    "e": "[eəa]",
    "a": "[aəe]",
}

_FRONT = frozenset("eəiöü")
_VOWELS = frozenset("aıoueəiöü")


def fold(text: str) -> str:
    """Lower-case the way Azerbaijani does, so canonical comparisons are exact."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("İ", "i").replace("I", "ı").lower().replace("i̇", "i")


def tolerant(word: str) -> str:
    """A regex source matching ``word`` through the usual OCR damage (case-insensitive)."""
    return "".join(_VARIANTS.get(ch, re.escape(ch)) for ch in word.lower())


def is_canonical(found: str, *canonical: str) -> bool:
    """True when ``found`` is spelled exactly as one of ``canonical`` (ignoring case)."""
    folded = fold(found)
    folded_alt = found.lower()  # "I" may stand for "i" in headings
    return any(fold(c) in (folded, folded_alt) for c in canonical)


def last_vowel(word: str) -> str:
    for ch in reversed(fold(word)):
        if ch in _VOWELS:
            return ch
    return "ə"


def harmony_a(word: str) -> str:
    """Two-way suffix vowel: ``a`` after back vowels, ``ə`` after front ones."""
    return "ə" if last_vowel(word) in _FRONT else "a"


def harmony_i(word: str) -> str:
    """Four-way suffix vowel: ``ı``/``i``/``u``/``ü``."""
    return {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "ə": "i", "i": "i"}.get(
        last_vowel(word), "ü"
    )


_UNITS = ("", "bir", "iki", "üç", "dörd", "beş", "altı", "yeddi", "səkkiz", "doqquz")
_TENS = ("", "on", "iyirmi", "otuz", "qırx", "əlli", "altmış", "yetmiş", "səksən", "doxsan")


def spoken_last_word(number: int) -> str:
    """The last word of ``number`` read aloud: suffixes harmonise with it."""
    if number == 0:
        return "sıfır"
    if number % 10:
        return _UNITS[number % 10]
    if number % 100:
        return _TENS[(number // 10) % 10]
    if number % 1000:
        return "yüz"
    if number % 1_000_000:
        return "min"
    return "milyon"


def ordinal_suffixes(number: int) -> tuple[str, ...]:
    """Canonical ordinal suffixes after digits: ``2022-ci``, ``2023-cü``, ``6-cı``."""
    vowel = harmony_i(spoken_last_word(number))
    forms = ["c" + vowel]
    if spoken_last_word(number)[-1] in _VOWELS:
        forms.append("nc" + vowel)
    return tuple(forms)


def case_suffixes(word: str) -> tuple[str, ...]:
    """Canonical case endings after ``word`` (or a number read as ``word``).

    Covers what dates and periods use: genitive, locative, ablative, dative,
    terminative and accusative, with and without a buffer consonant.
    """
    a = harmony_a(word)
    i = harmony_i(word)
    vowel_end = fold(word)[-1:] in _VOWELS
    forms = {"", f"d{a}", f"d{a}n", "dək", f"{a}dək"}
    if vowel_end:
        forms |= {f"n{i}n", f"y{a}", f"n{a}", f"s{i}", f"n{i}", f"y{a}dək"}
    else:
        forms |= {f"{i}n", a, i, f"{i}nd{a}", f"{i}nd{a}n"}
    return tuple(sorted(forms))


def number_case_suffixes(number: int) -> tuple[str, ...]:
    """Case endings written after digits (``1-dən``, ``6-dan``, ``10-a``)."""
    return case_suffixes(spoken_last_word(number))
