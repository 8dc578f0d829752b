"""The role a date plays, read from the cue words of its own clause.

"Dated/of <date>" is resolved by who acted: one person issuing signs, a collegial body
adopts (and a law's or a resolution's citation date counts as its adoption). A date with
no cue keeps no role: it is attached as context only when it sits right next to a mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawtracker.domain.enums import EventKind, Instrument
from lawtracker.domain.facts import Span
from lawtracker.ingestion.mentions.grammar import RoleRule, grammar
from lawtracker.ingestion.mentions.prefilter import finditer, fold, may_match

STRONG_ROLES = frozenset({"signed", "adopted", "published", "in_force", "issued", "received"})

_DATED_NEEDS_MENTION_WITHIN = 60
_SIGNING_INSTRUMENTS = frozenset({Instrument.DECREE, Instrument.ORDER})
_ADOPTING_INSTRUMENTS = frozenset(
    {
        Instrument.LAW,
        Instrument.CODE,
        Instrument.RESOLUTION,
        Instrument.AMNESTY_ACT,
        Instrument.REGULATION,
    }
)
_CONDITIONAL = re.compile(
    r"\b(?:if|unless|planned|expected|would|proposed|draft|bill|предполага\w*|планиру\w*)\b", re.I
)


@dataclass(frozen=True, slots=True)
class Cue:
    role: str
    span: Span


CueMatch = tuple[int, RoleRule, int, int]  # rank, rule, start, end


def clause_cues(text: str, clause: Span, folded: str | None = None) -> list[CueMatch]:
    """Every role cue in a clause, by rule order: a clause holding several dates is
    scanned once (``cue_for`` takes the list). ``folded`` is ``prefilter.fold(text)``."""
    body = text[clause.start : clause.end]
    folded_body = folded[clause.start : clause.end] if folded is not None else fold(body)
    return [
        (rank, rule, clause.start + match.start(), clause.start + match.end())
        for rank, rule in enumerate(grammar().roles)
        if may_match(rule.needs, folded_body)
        for match in finditer(rule.pattern, rule.anchor, body, folded_body)
    ]


def mentions_near(clause: Span, mentions: list[Span]) -> list[Span]:
    """The mentions a cue of ``clause`` may be measured against (the others are too far
    from every cue for any rule), so that each cue tests a few mentions, not all."""
    reach = max(_DATED_NEEDS_MENTION_WITHIN, 40, *(r.mention_within or 0 for r in grammar().roles))
    return [m for m in mentions if m.end >= clause.start - reach and m.start <= clause.end + reach]


def cue_for(
    text: str,
    clause: Span,
    date: Span,
    mentions: list[Span],
    cues: list[CueMatch] | None = None,
) -> Cue | None:
    """The nearest role cue in the date's clause, on the side the cue's rule allows.

    ``cues`` is ``clause_cues(text, clause)`` when the caller keeps it for the clause.
    """
    if cues is None:
        cues = clause_cues(text, clause)
    # "On 5 January 2021, the Organic Law … was published": a date that opens its clause
    # belongs to the clause's verb, however long the subject between them.
    opening = _OPENING_DATE.fullmatch(text, clause.start, date.start) is not None
    best: tuple[int, int, Cue] | None = None
    for rank, rule, start, end in cues:
        if end <= date.start:
            if rule.side == "after":
                continue
            distance = date.start - end
        elif start >= date.end:
            if rule.side == "before":
                continue
            distance = start - date.end
        else:
            continue
        if distance > rule.near and not (
            opening and start >= date.end and rule.role in STRONG_ROLES
        ):
            continue
        if rule.role == "dated" and not any(
            0 <= start - m.end <= _DATED_NEEDS_MENTION_WITHIN
            or 0 <= m.start - end <= 40
            or m.start < start < m.end
            for m in mentions
        ):
            continue
        if rule.adjacent and not any(
            0 <= start - m.end <= 3 and m.end > clause.start for m in mentions
        ):
            continue
        if rule.mention_within is not None and not any(
            0 <= m.start - end <= rule.mention_within or 0 <= start - m.end <= rule.mention_within
            for m in mentions
        ):
            continue
        generic = 1 if rule.role in ("dated", "deadline") else 0
        if rule.role == "dated" and any(
            0 <= start - m.end <= 3 or (rule.side == "after" and 0 <= m.start - end <= 40)
            for m in mentions
        ):
            generic, distance = 0, -1  # "No. 5 of <date>": the citation's own date
        key = (distance + 40 * generic, rank)
        if best is None or key < best[:2]:
            best = (*key, Cue(rule.role, Span(start, end)))
    return best[2] if best else None


_OPENING_DATE = re.compile(r"\s*[-–•*]?\s*(?:On|on|В|в|С|с|As\s+of|Since)?\s*")


def event_kind(role: str, instrument: Instrument, collegial: bool | None) -> EventKind:
    """The event a cue's role means for an instrument and its issuer."""
    if role == "dated":
        if collegial is True or (collegial is None and instrument in _ADOPTING_INSTRUMENTS):
            return EventKind.ADOPTED
        if collegial is False or instrument in _SIGNING_INSTRUMENTS:
            return EventKind.SIGNED
        return EventKind.ADOPTED
    if role == "issued":
        return (
            EventKind.SIGNED
            if instrument in _SIGNING_INSTRUMENTS or collegial is False
            else EventKind.ISSUED
        )
    return {
        "signed": EventKind.SIGNED,
        "adopted": EventKind.ADOPTED,
        "published": EventKind.PUBLISHED,
        "in_force": EventKind.IN_FORCE,
        "received": EventKind.RECEIVED,
        "deadline": EventKind.WINDOW_END,
    }.get(role, EventKind.OTHER)


def is_conditional(text: str, clause: Span) -> bool:
    """A planned or conditional date ("is expected to enter into force on …")."""
    return bool(_CONDITIONAL.search(text[clause.start : clause.end]))
