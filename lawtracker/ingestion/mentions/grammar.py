"""The instrument-mention grammar, compiled once from ``grammar.toml``.

The words and number shapes live in a data file so that a new jurisdiction's number style
or a new head word is a reviewed data change, not new code. A keyword pre-filter built from
the same data lets a document without any head word skip the expensive patterns.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from lawtracker.domain.enums import Instrument
from lawtracker.ingestion.mentions.prefilter import Anchor, anchor, needs

INTERNATIONAL = "international"
UN_SYMBOL = "un-symbol"


@dataclass(frozen=True)
class HeadRule:
    pattern: re.Pattern[str]
    instrument: Instrument
    strength: float
    lang: str
    jurisdiction: str | None = None
    proper: bool = False  # capitalised, the word alone names an instrument
    backref_only: bool = False  # only ever points back ("the amendments")
    needs: tuple[str, ...] | None = None  # see prefilter.needs
    anchor: Anchor | None = None  # see prefilter.anchor


@dataclass(frozen=True)
class NumberRule:
    pattern: re.Pattern[str]
    jurisdiction: str | None
    instrument: Instrument | None
    generic: bool
    after_head_only: bool
    prefix: re.Pattern[str] | None
    authority: str | None = None
    needs: tuple[str, ...] | None = None  # see prefilter.needs
    anchor: Anchor | None = None  # see prefilter.anchor


@dataclass(frozen=True)
class IssuerRule:
    pattern: re.Pattern[str]
    collegial: bool
    instrument: Instrument | None
    jurisdiction: str | None
    needs: tuple[str, ...] | None = None  # see prefilter.needs


@dataclass(frozen=True)
class RoleRule:
    pattern: re.Pattern[str]
    role: str
    side: str
    near: int
    adjacent: bool = False  # the cue counts only right after a mention ("Law No. 5 on D")
    mention_within: int | None = None  # the cue counts only this close to a mention
    needs: tuple[str, ...] | None = None  # see prefilter.needs
    anchor: Anchor | None = None  # see prefilter.anchor


@dataclass(frozen=True)
class Grammar:
    heads: tuple[HeadRule, ...]
    head_any: re.Pattern[str]
    numbers: tuple[NumberRule, ...]
    issuers: tuple[IssuerRule, ...]
    issuer_any: re.Pattern[str]
    roles: tuple[RoleRule, ...]
    confidence: dict[str, float]
    un_committees: dict[str, str]
    un_committee_types: frozenset[str]
    backref: re.Pattern[str]
    determiner: re.Pattern[str]
    chrome: re.Pattern[str]


def _compile(entry: dict, key: str = "pattern") -> re.Pattern[str]:
    flags = re.MULTILINE if entry.get("case") else re.IGNORECASE | re.MULTILINE
    return re.compile(entry[key], flags)


def _instrument(entry: dict) -> Instrument | None:
    value = entry.get("instrument")
    return Instrument(value) if value else None


def _head_rule(entry: dict) -> HeadRule:
    pattern = re.compile(
        rf"(?<![\w-])(?:{entry['pattern']})(?![\w-])",
        re.MULTILINE if entry.get("case") else re.IGNORECASE | re.MULTILINE,
    )
    return HeadRule(
        pattern,
        Instrument(entry["instrument"]),
        float(entry.get("strength", 0.5)),
        entry.get("lang", "en"),
        entry.get("jurisdiction"),
        bool(entry.get("proper")),
        bool(entry.get("backref_only")),
        needs(pattern),
        anchor(pattern),
    )


def _number_rule(entry: dict) -> NumberRule:
    pattern = _compile(entry)
    return NumberRule(
        pattern,
        entry.get("jurisdiction"),
        _instrument(entry),
        bool(entry.get("generic")),
        bool(entry.get("after_head_only")),
        re.compile(entry["prefix"], re.IGNORECASE) if entry.get("prefix") else None,
        entry.get("authority"),
        needs(pattern),
        anchor(pattern),
    )


def _issuer_rule(entry: dict) -> IssuerRule:
    pattern = _compile(entry)
    return IssuerRule(
        pattern,
        bool(entry["collegial"]),
        _instrument(entry),
        entry.get("jurisdiction"),
        needs(pattern),
    )


def _role_rule(entry: dict) -> RoleRule:
    pattern = re.compile(rf"(?<![\w-])(?:{entry['pattern']})(?![\w])", re.IGNORECASE)
    return RoleRule(
        pattern,
        entry["role"],
        entry["side"],
        int(entry["near"]),
        bool(entry.get("adjacent")),
        entry.get("mention_within"),
        needs(pattern),
        anchor(pattern),
    )


@cache
def grammar() -> Grammar:
    """The compiled grammar (read from the package data on first use)."""
    text = (
        resources.files("lawtracker.ingestion.mentions")
        .joinpath("grammar.toml")
        .read_text(encoding="utf-8")
    )
    data = tomllib.loads(text)
    heads = tuple(_head_rule(h) for h in data["head"])
    head_any = re.compile(
        "|".join(f"(?:{h.pattern.pattern})" for h in heads), re.IGNORECASE | re.MULTILINE
    )
    numbers = tuple(_number_rule(n) for n in data["number"])
    issuers = tuple(_issuer_rule(i) for i in data["issuer"])
    issuer_any = re.compile("|".join(f"(?:{i['pattern']})" for i in data["issuer"]), re.IGNORECASE)
    roles = tuple(_role_rule(r) for r in data["role"])
    return Grammar(
        heads=heads,
        head_any=head_any,
        numbers=numbers,
        issuers=issuers,
        issuer_any=issuer_any,
        roles=roles,
        confidence={k: float(v) for k, v in data["confidence"].items()},
        un_committees=dict(data["un"]["committees"]),
        un_committee_types=frozenset(data["un"]["committee_types"]),
        backref=re.compile(data["backref"]["pattern"], re.IGNORECASE),
        determiner=re.compile(data["backref"]["determiner"], re.IGNORECASE),
        chrome=re.compile(data["chrome"]["pattern"], re.IGNORECASE),
    )
