"""What a figure applies to, read from the clause around it.

Three shapes, tried in this order:

1. a figure inside a defining parenthesis: "in a significant amount (i.e. in
   an amount exceeding 50,000 manats)" -> "significant amount";
2. a phrase right after the figure: "3 million manats for projects in other
   areas" -> "for projects in other areas";
3. a phrase before it, closed by a verb or an Azerbaijani postposition:
   "amount in relation to projects in Baku is 5 million" -> "in relation to
   projects in Baku"; "... layihələrə münasibətdə 5 milyon" -> the clause up
   to "münasibətdə".

The clause ends at ";", ":", a sentence end, a blank line or ", and/but/or";
it also starts after the previous figure, so two figures in one sentence do
not share a condition.
"""

from __future__ import annotations

import re

from lawtracker.ingestion.extract.units import words

MAX_LOOKBEHIND = 400
MAX_CONDITION = 600

_STARTER = (
    r"(?:in\s+relation\s+to|in\s+(?:the\s+)?cases?\s+(?:of|where|when)|in\s+respect\s+of"
    r"|with\s+(?:respect|regard)\s+to|for|within|where|when|if|provided\s+that"
    r"|applicable\s+to|regarding|concerning)"
)
# No look-behind up front: it would slow the scan at every character.
_STARTER_BEFORE = re.compile(rf"{_STARTER}(?![^\W\d_])", re.IGNORECASE)
_STARTER_AFTER = re.compile(rf"[ \t\n]*,?[ \t\n]*(?={_STARTER}(?![^\W\d_]))", re.IGNORECASE)
_LINK_VERB_END = re.compile(
    r"\s*,?\s*(?:is|are|was|were|(?:shall|will|must|should|would)\s+be|amounts?\s+to|equals?"
    r"|constitutes?|makes?|stands\s+at|totals?|reach(?:es)?|:)\s*$",
    re.IGNORECASE,
)
_LINK_LAST_WORDS = frozenset(
    words("is are was were be to equal equals constitute constitutes make makes at total totals")
    + words("reach reaches")
)
_NEW_SUBJECT = re.compile(r",\s+(?=(?:the|a|an|it|this|such|they|its|their)\b)", re.IGNORECASE)
_CLAUSE_END_AFTER = re.compile(
    r"[;:]|\n[ \t]*\n|(?<=[a-z\)\]\"'”]{2})\.(?=\s|$)|,\s+(?:and|but|or|while|whereas)\b"
)
_DEFINING_PAREN = re.compile(
    r"\(\s*(?:i\.\s?e\.?|that\s+is|namely|y[eəa]ni|ya['’]?ni)(?![^\W\d_])", re.IGNORECASE
)
_AZ_POSTPOSITION_END = re.compile(
    r"(?P<post>m(?:ü|ii|li|u|i)nas[iı]b[əaeos98]td[əaeos98]|(?:ü|ii|li|u|i)[çc¢](?:ü|ii|li|u|i)n"
    r"|hal[ıi]nda|hallarda)(?:\s+is[əaeos98])?\s*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
_EN_STOP = frozenset(words("in a an the of for with by at on from to"))
_LEADING_JUNK = re.compile(r"^[\s,;\-–•*]*(?:(?:and|or|but|v[əae]|ve)\s+)?", re.IGNORECASE)


def condition_for(text: str, start: int, end: int, previous_end: int = 0) -> str | None:
    """The condition attached to the figure at ``text[start:end]``, or ``None``."""
    clause_start = _clause_start(text, start, previous_end)
    return (
        _defining_parenthesis(text, start)
        or _phrase_after(text, end)
        or _phrase_before(text, clause_start, start)
        or _az_postposition(text, clause_start, start)
    )


def _clean(text: str) -> str | None:
    text = _LEADING_JUNK.sub("", " ".join(text.split())).strip(" ,;:-")
    if len(text) < 3:
        return None
    if len(text) > MAX_CONDITION:
        text = text[:MAX_CONDITION].rsplit(" ", 1)[0]
    return text


def _clause_start(text: str, start: int, previous_end: int) -> int:
    """Where the clause holding ``start`` begins (``str.rfind`` keeps this cheap)."""
    window_start = max(previous_end, start - MAX_LOOKBEHIND, 0)
    best = window_start
    for mark in (";", ":", "\n\n", "\n- ", "\n-\t", "\n• "):
        found = text.rfind(mark, window_start, start)
        if found != -1:
            best = max(best, found + len(mark))
    position = start
    while True:
        position = text.rfind(".", best, position)
        if position == -1:
            return best
        if _is_sentence_end(text, position):
            return max(best, position + 1)


def _is_sentence_end(text: str, dot: int) -> bool:
    after = text[dot + 1 : dot + 3]
    if not after[:1].isspace():
        return False
    before = text[max(0, dot - 2) : dot]
    if len(before) == 2 and ((before.isalpha() and before.islower()) or before[-1] in ")]\"'”"):
        return True
    return before[-1:].isdigit() and after[1:2].isupper()


def _defining_parenthesis(text: str, start: int) -> str | None:
    """ "in a significant amount (i.e. ... 50,000 manats)" -> "significant amount"."""
    window_start = max(0, start - 300)
    opening = text.rfind("(", window_start, start)
    if opening == -1 or ")" in text[opening:start]:
        return None
    if not _DEFINING_PAREN.match(text, opening):
        return None
    words = _WORD.findall(text[max(0, opening - 80) : opening])[-4:]
    stops = [i for i, w in enumerate(words) if w.lower() in _EN_STOP]
    chosen = words[stops[-1] + 1 :] if stops else words[-2:]
    return _clean(" ".join(chosen)) if chosen else None


def _phrase_after(text: str, end: int) -> str | None:
    """ "3 million manats for projects in other areas;" -> "for projects in other areas"."""
    lead = _STARTER_AFTER.match(text, end)
    if lead is None:
        return None
    phrase_start = lead.end()
    stop = _CLAUSE_END_AFTER.search(text, phrase_start, phrase_start + MAX_CONDITION)
    phrase_end = stop.start() if stop else min(len(text), phrase_start + MAX_CONDITION)
    return _clean(_before_unopened_paren(text[phrase_start:phrase_end]))


def _before_unopened_paren(phrase: str) -> str:
    """Cut at a ")" the phrase did not open: the figure sat inside a parenthesis."""
    depth = 0
    for i, ch in enumerate(phrase):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return phrase[:i]
    return phrase


def _phrase_before(text: str, clause_start: int, start: int) -> str | None:
    """ "amount in relation to projects in X is 5 million" -> "in relation to projects in X"."""
    before = text[clause_start:start]
    last_word = before.rstrip().rsplit(None, 1)[-1:]
    closed = bool(last_word) and (
        last_word[0].lower() in _LINK_LAST_WORDS or last_word[0].endswith(":")
    )
    if not closed and not _NEW_SUBJECT.search(before):
        return None  # cheap test: nothing could close a phrase before the figure
    for starter in _STARTER_BEFORE.finditer(before):
        if starter.start() and before[starter.start() - 1].isalpha():
            continue  # "therefore", "platform": not a word of its own
        phrase = before[starter.start() :]
        subject = _NEW_SUBJECT.search(phrase)
        if subject:
            return _clean(phrase[: subject.start()])
        link = _LINK_VERB_END.search(phrase)
        if link:
            return _clean(phrase[: link.start()])
    return None


def _az_postposition(text: str, clause_start: int, start: int) -> str | None:
    """ "Bakıda ... layihələrə münasibətdə 5 milyon manat" -> the clause up to "münasibətdə"."""
    tail_start = max(clause_start, start - 40)
    match = _AZ_POSTPOSITION_END.search(text, tail_start, start)
    if match is None:
        return None
    return _clean(text[clause_start : match.end("post")])
