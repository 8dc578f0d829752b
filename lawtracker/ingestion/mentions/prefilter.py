"""Which grammar patterns can match a text at all, from the literal words they need.

Most documents contain only a few of the grammar's instrument words and number shapes,
yet every pattern used to be run over every whole text (a third of the parsing time).
:func:`needs` reads from a pattern's syntax tree the strings of which every match holds
at least one ("decree" or "ukaz" for ``(?<![\\w-])(?:decrees?|ukaz)``); a pattern none of
whose strings occurs in the text is skipped. The test is exact, never a guess: strings
and text are compared case-folded the way ``re.IGNORECASE`` compares characters, and a
pattern whose needs cannot be read is always run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import product

try:  # CPython's own regex parser and IGNORECASE equivalences (3.11+)
    from re import _casefix, _parser
    from re._constants import (
        ASSERT,
        ASSERT_NOT,
        AT,
        ATOMIC_GROUP,
        BRANCH,
        IN,
        LITERAL,
        MAX_REPEAT,
        MIN_REPEAT,
        POSSESSIVE_REPEAT,
        SUBPATTERN,
    )
except ImportError:  # another interpreter: no pre-filter, every pattern runs
    _parser = None  # type: ignore[assignment]
    _casefix = None  # type: ignore[assignment]

_MAX_STRINGS = 256  # cap on the strings one pattern piece may spell out
_MAX_CLASS = 8  # a character class of at most this many letters spells out its letters


def _fold_table() -> dict[int, int]:
    """Characters ``re.IGNORECASE`` treats as one (``ı`` and ``i``, ``ſ`` and ``s``, ``ς``
    and ``σ``) beyond what ``str.lower`` merges: each to the smallest of its class."""
    table: dict[int, int] = {}
    if _casefix is not None:
        for code, others in _casefix._EXTRA_CASES.items():
            least = min(code, *others)
            if least != code:
                table[code] = least
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """``text`` with characters that match each other case-insensitively made equal.

    ``re`` lower-cases one character at a time (simple case mapping); ``str.lower`` does
    the same for every character but ``İ`` (it becomes two), hence the replace first.
    """
    return text.replace("İ", "i").lower().translate(_FOLD)


def needs(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Folded strings one of which every match of ``pattern`` contains; ``None`` if unknown."""
    if _parser is None:
        return None
    try:
        found = _required(_parser.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # any surprise from a private API: the pattern simply always runs
        return None
    if not found or "" in found:
        return None
    # "law" already tells whether "laws" may occur: keep the shortest strings.
    kept = sorted(set(found), key=len)
    return tuple(s for i, s in enumerate(kept) if not any(k in s for k in kept[:i]))


def may_match(needed: tuple[str, ...] | None, folded: str) -> bool:
    """Whether a pattern with these needs can match the text whose fold is ``folded``."""
    return needed is None or any(s in folded for s in needed)


def _exact(items: Iterable) -> set[str] | None:
    """Every string a sequence of pattern items can match, when they are few; else None.
    Zero-width items (anchors, look-arounds) match the empty string."""
    strings = {""}
    for op, av in items:
        one = _exact_item(op, av)
        if one is None:
            return None
        strings = {a + b for a, b in product(strings, one)}
        if len(strings) > _MAX_STRINGS:
            return None
    return strings


def _exact_item(op, av) -> set[str] | None:
    if op is LITERAL:
        return {fold(chr(av))}
    if op is IN:
        if len(av) > _MAX_CLASS or any(o is not LITERAL for o, _ in av):
            return None
        return {fold(chr(a)) for _, a in av}
    if op is SUBPATTERN:
        return _exact(av[3].data)
    if op is ATOMIC_GROUP:
        return _exact(av.data)
    if op is BRANCH:
        strings: set[str] = set()
        for alternative in av[1]:
            one = _exact(alternative.data)
            if one is None:
                return None
            strings |= one
        return strings if len(strings) <= _MAX_STRINGS else None
    if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
        low, high, body = av
        if high > 3:
            return None
        one = _exact(body.data)
        if one is None:
            return None
        strings = set()
        for count in range(low, high + 1):
            strings |= {"".join(p) for p in product(one, repeat=count)}
        return strings if len(strings) <= _MAX_STRINGS else None
    if op in (AT, ASSERT, ASSERT_NOT):
        return {""}
    return None


def _required(items: list) -> set[str] | None:
    """Strings one of which every match of the sequence contains: the best of its runs of
    spelled-out items and of what its other items require."""
    candidates: list[set[str]] = []
    run: set[str] = {""}
    for op, av in items:
        one = _exact_item(op, av)
        if one is not None and len(run) * len(one) <= _MAX_STRINGS:
            run = {a + b for a, b in product(run, one)}
            continue
        candidates.append(run)
        run = one if one is not None else {""}
        if one is None:
            inner = _required_item(op, av)
            if inner:
                candidates.append(inner)
    candidates.append(run)
    usable = [c for c in candidates if c and "" not in c]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(map(len, c)), -len(c)))


def _required_item(op, av) -> set[str] | None:
    if op is SUBPATTERN:
        return _required(av[3].data)
    if op is ATOMIC_GROUP:
        return _required(av.data)
    if op is BRANCH:
        strings: set[str] = set()
        for alternative in av[1]:
            one = _required(alternative.data)
            if one is None:
                return None
            strings |= one
        return strings
    if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) and av[0] >= 1:
        return _required(av[2].data)
    return None
