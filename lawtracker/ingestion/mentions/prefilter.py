"""Where grammar patterns can match a text, from the literal words they need.

Most documents contain only a few of the grammar's instrument words and number shapes,
yet every pattern used to be run over every whole text, trying each position (a third of
the parsing time). A pattern's syntax tree tells which strings every match holds ("decree"
or "ukaz" for ``(?<![\\w-])(?:decrees?|ukaz)``) and how far into the match they start:

* :func:`needs`: a pattern none of whose strings occurs in the text is skipped;
* :func:`anchor` and :func:`finditer`: the pattern is tried only just before the places
  where its strings occur, and finds the very matches ``pattern.finditer`` finds.

Nothing is a guess: strings and text are compared case-folded the way ``re.IGNORECASE``
compares characters (as written for case-sensitive patterns), and a pattern whose
strings cannot be read is run the ordinary way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
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
        MAXREPEAT,
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
_FOLDED = re.compile(f"[{''.join(re.escape(chr(c)) for c in sorted(_FOLD))}]" if _FOLD else "(?!)")


def fold(text: str) -> str:
    """``text`` with characters that match each other case-insensitively made equal.

    ``re`` lower-cases one character at a time (simple case mapping); ``str.lower`` does
    the same for every character but ``İ`` (it becomes two), hence the replace first.
    """
    lowered = text.replace("İ", "i").lower()
    # Only the rare characters of _FOLD need a look-up: translate() looks up every one
    # (0.2 ms for a 7 KB text, against 0.02 ms this way).
    return _FOLDED.sub(lambda m: chr(_FOLD[ord(m.group())]), lowered)


Read = tuple[set[str], float]  # strings one of which a match holds, and how far in at most


@dataclass(frozen=True, slots=True)
class Anchor:
    """Every match holds one of ``strings`` starting at most ``reach`` characters in."""

    strings: tuple[str, ...]
    reach: int
    folded: bool  # compare with the folded text (the pattern ignores case somewhere)


def needs(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Folded strings one of which every match of ``pattern`` contains; ``None`` if unknown."""
    reads = _reads(pattern, fold)
    if not reads:
        return None
    strings, _ = max(reads, key=lambda r: (min(map(len, r[0])), -len(r[0])))
    return _shortest(strings, prefixes_only=False)


def anchor(pattern: re.Pattern[str]) -> Anchor | None:
    """Where in its matches ``pattern``'s strings stand, when that is a bounded distance."""
    folded = _ignores_case(pattern)
    reads = [r for r in _reads(pattern, fold if folded else _as_written) if r[1] < math.inf]
    if not reads:
        return None
    strings, reach = max(reads, key=lambda r: (min(map(len, r[0])), -r[1], -len(r[0])))
    return Anchor(_shortest(strings, prefixes_only=True), int(reach), folded)


def may_match(needed: tuple[str, ...] | None, folded: str) -> bool:
    """Whether a pattern with these needs can match the text whose fold is ``folded``."""
    return needed is None or any(s in folded for s in needed)


# Trying a pattern at one place costs about as much as letting the engine scan 40
# characters: beyond that many tries, the ordinary scan is cheaper.
_TRIES_PER_SCAN = 1 / 40


def finditer(
    pattern: re.Pattern[str], where: Anchor | None, text: str, folded: str
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, found by trying the pattern only where
    its anchor strings allow a match to start (``folded`` is ``fold(text)``)."""
    if where is None:
        yield from pattern.finditer(text)
        return
    hay = folded if where.folded else text
    if sum(hay.count(s) for s in where.strings) * (where.reach + 1) > len(text) * _TRIES_PER_SCAN:
        yield from pattern.finditer(text)
        return
    starts: set[int] = set()
    for string in where.strings:
        at = hay.find(string)
        while at >= 0:
            starts.update(range(max(0, at - where.reach), at + 1))
            at = hay.find(string, at + 1)
    # A match holds an anchor string, so it is never empty and starts at one of these
    # places; trying them in order, past the previous match, is what finditer does.
    end = 0
    for start in sorted(starts):
        if start < end:
            continue
        match = pattern.match(text, start)
        if match is not None:
            end = match.end()
            yield match


def _reads(pattern: re.Pattern[str], char: Callable[[str], str]) -> list[Read]:
    if _parser is None:
        return []
    try:
        return _Reader(char).sequence(_parser.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # any surprise from a private API: the pattern simply runs as usual
        return []


def _as_written(char: str) -> str:
    return char


def _ignores_case(pattern: re.Pattern[str]) -> bool:
    """Whether any part of the pattern ignores case (a flag, or an inline ``(?i…)``)."""
    scoped = re.search(r"\(\?[a-zA-Z-]*i", pattern.pattern) is not None
    return bool(pattern.flags & re.IGNORECASE) or scoped


def _shortest(strings: set[str], *, prefixes_only: bool) -> tuple[str, ...]:
    """Without the strings that hold (or start with) a shorter one: "law" finds "laws"."""
    kept = sorted(strings, key=lambda s: (len(s), s))
    return tuple(
        s
        for i, s in enumerate(kept)
        if not any(s.startswith(k) if prefixes_only else k in s for k in kept[:i])
    )


class _Reader:
    """Reads a parsed pattern: what its pieces spell, and the strings its matches need."""

    def __init__(self, char: Callable[[str], str]) -> None:
        self.char = char

    def sequence(self, items: list) -> list[Read]:
        """Each way to tell a match of ``items``: a run of spelled-out items, or what one
        other item needs, with the widest stretch of the match that can stand before it."""
        reads: list[Read] = []
        run: set[str] = {""}
        run_at = before = 0.0
        for op, av in items:
            one = self.exact(op, av)
            if one is not None and len(run) * len(one) <= _MAX_STRINGS:
                run = {a + b for a, b in product(run, one)}
            else:
                reads.append((run, run_at))
                run, run_at = (one, before) if one is not None else ({""}, before + _width(op, av))
                if one is None:
                    reads.extend((r, before + at) for r, at in self.item(op, av))
            before += _width(op, av)
            if run == {""}:
                run_at = before
        reads.append((run, run_at))
        starts = self.starts(items)
        if starts:
            reads.append((starts, 0))
        return [(r, at) for r, at in reads if r and "" not in r]

    def starts(self, items: list) -> set[str] | None:
        """Strings one of which every match of ``items`` starts with, if known."""
        run: set[str] = {""}
        for index, (op, av) in enumerate(items):
            one = self.exact(op, av)
            if one is not None and len(run) * len(one) <= _MAX_STRINGS:
                run = {a + b for a, b in product(run, one)}
                continue
            if run != {""}:
                return run if "" not in run else None
            first = self.item_starts(op, av)
            if first is None or "" in first:
                return None
            if _least_width(op, av) > 0:
                return first
            rest = self.starts(items[index + 1 :])  # the item may match nothing
            return first | rest if rest is not None else None
        return run if "" not in run else None

    def item_starts(self, op, av) -> set[str] | None:
        if op is SUBPATTERN:
            return self.starts(av[3].data)
        if op is ATOMIC_GROUP:
            return self.starts(av.data)
        if op is BRANCH:
            strings: set[str] = set()
            for alternative in av[1]:
                one = self.starts(alternative.data)
                if one is None:
                    return None
                strings |= one
            return strings
        if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
            return self.starts(av[2].data)
        return None

    def item(self, op, av) -> list[Read]:
        if op is SUBPATTERN:
            return self.sequence(av[3].data)
        if op is ATOMIC_GROUP:
            return self.sequence(av.data)
        if op is BRANCH:  # one read per alternative: the nearest one, and the longest one
            alternatives = [self.sequence(alternative.data) for alternative in av[1]]
            reads = []
            for bounded in (True, False):
                best = [self.best(a, bounded=bounded) for a in alternatives]
                if all(b is not None for b in best):
                    reads.append((set().union(*(b[0] for b in best)), max(b[1] for b in best)))
            return reads
        if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) and av[0] >= 1:
            return self.sequence(av[2].data)
        return []

    @staticmethod
    def best(reads: list[Read], *, bounded: bool) -> Read | None:
        if bounded:
            reads = [r for r in reads if r[1] < math.inf]
        return max(reads, key=lambda r: (min(map(len, r[0])), -r[1]), default=None)

    def exact(self, op, av) -> set[str] | None:
        """Every string the item can match, when they are few; else None. Zero-width
        items (anchors, look-arounds) match the empty string."""
        if op is LITERAL:
            return {self.char(chr(av))}
        if op is IN:
            if len(av) > _MAX_CLASS or any(o is not LITERAL for o, _ in av):
                return None
            return {self.char(chr(a)) for _, a in av}
        if op is SUBPATTERN:
            return self.spelled(av[3].data)
        if op is ATOMIC_GROUP:
            return self.spelled(av.data)
        if op is BRANCH:
            strings: set[str] = set()
            for alternative in av[1]:
                one = self.spelled(alternative.data)
                if one is None:
                    return None
                strings |= one
            return strings if len(strings) <= _MAX_STRINGS else None
        if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
            low, high, body = av
            one = self.spelled(body.data) if high <= 3 else None
            if one is None:
                return None
            strings = set()
            for count in range(low, high + 1):
                strings |= {"".join(p) for p in product(one, repeat=count)}
            return strings if len(strings) <= _MAX_STRINGS else None
        if op in (AT, ASSERT, ASSERT_NOT):
            return {""}
        return None

    def spelled(self, items: list) -> set[str] | None:
        strings = {""}
        for op, av in items:
            one = self.exact(op, av)
            if one is None:
                return None
            strings = {a + b for a, b in product(strings, one)}
            if len(strings) > _MAX_STRINGS:
                return None
        return strings


def _width(op, av) -> float:
    """The most characters an item can match (``math.inf`` when unbounded or unknown)."""
    if op in (LITERAL, IN):
        return 1
    if op in (AT, ASSERT, ASSERT_NOT):
        return 0
    if op is SUBPATTERN:
        return _widths(av[3].data)
    if op is ATOMIC_GROUP:
        return _widths(av.data)
    if op is BRANCH:
        return max(_widths(alternative.data) for alternative in av[1])
    if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
        one = _widths(av[2].data)
        return one if one == 0 else (math.inf if av[1] >= MAXREPEAT else av[1] * one)
    return math.inf


def _least_width(op, av) -> float:
    """The fewest characters an item can match (0 when unsure)."""
    if op in (LITERAL, IN):
        return 1
    if op is SUBPATTERN:
        return sum(_least_width(o, a) for o, a in av[3].data)
    if op is BRANCH:
        return min(sum(_least_width(o, a) for o, a in alt.data) for alt in av[1])
    if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
        return av[0] * sum(_least_width(o, a) for o, a in av[2].data)
    return 0


def _widths(items: list) -> float:
    return sum(_width(op, av) for op, av in items)
