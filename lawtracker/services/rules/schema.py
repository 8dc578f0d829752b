"""The rule-file schema: check a parsed TOML table, then build a ``Regime`` from it.

Rule files are data a user may write, so every key is checked (type, required,
unknown keys refused) and all problems are reported at once with their path.
Building takes a ``resolve`` callable that turns each quote into a ``Clause``:
the loader passes one that looks the quote up in the ingested source text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from lawtracker.domain.rules import (
    Benefit,
    Clause,
    Fact,
    Location,
    LocationRule,
    MeasureRef,
    MinInvestment,
    Provenance,
    Regime,
    Requirement,
    StateShareLimit,
    Tier,
    Window,
)

SCHEMA_ID = "lawtracker.rule/1"
KINDS = (
    "incentive",
    "money_transfer",
    "salary_withholding",
    "never_convicted",
    "tobacco_exemption",
    "amnesty_window",
)
UNITS = ("year", "month", "week", "day")
SCENARIO_FLAGS = ("strategic", "official", "law_provides")

# key -> (type, required). Types: str, int, number, date, bool, locations, amounts, table, tables.
_Spec = dict[str, tuple[str, bool]]
_QUOTE: _Spec = {"quote": ("str", True)}
SECTIONS: dict[str, _Spec] = {
    "measure": {
        "number": ("str", False),
        "key": ("str", False),
        "jurisdiction": ("str", True),
        "label": ("str", True),
    },
    "applicants": {"text": ("str", True), **_QUOTE},
    "window": {
        "start": ("date", True),
        "amount": ("int", True),
        "unit": ("str", True),
        **_QUOTE,
    },
    "state_share": {"percent": ("number", True), **_QUOTE},
    "location": {
        "eligible": ("locations", True),
        "unclear": ("locations", False),
        "alternative": ("str", False),
        "alternative_quote": ("str", False),
        **_QUOTE,
    },
    "min_investment": {
        "amounts": ("amounts", True),
        "default": ("number", False),
        "default_quote": ("str", False),
        "unclear": ("locations", False),
        "unclear_note": ("str", False),
        "excepted_areas": ("strs", False),
        **_QUOTE,
    },
    "requirements": {
        "id": ("str", True),
        "label": ("str", True),
        "flag": ("str", False),
        "minimum": ("int", False),
        **_QUOTE,
    },
    "benefits": {
        "id": ("str", True),
        "label": ("str", True),
        "rate_percent": ("number", False),
        "years": ("int", False),
        "starts_from": ("str", True),
        **_QUOTE,
    },
    "tiers": {
        "id": ("str", True),
        "label": ("str", True),
        "above": ("number", False),
        "up_to": ("number", False),
        "percent_min": ("number", False),
        "percent_max": ("number", False),
        "years": ("int", False),
        "months": ("int", False),
        "penalty": ("str", False),
        "when": ("str", False),
        "penalty_quote": ("str", False),
        **_QUOTE,
    },
    "in_force": {"text": ("str", True), "date": ("date", False), **_QUOTE},
    "extensions": {"limit": ("int", True), "months_each": ("int", True), **_QUOTE},
}
TOP: _Spec = {
    "schema": ("str", True),
    "id": ("str", True),
    "version": ("int", True),
    "title": ("str", True),
    "kind": ("str", True),
    "lang": ("str", False),
    "measure": ("table", True),
    "applicants": ("table", False),
    "window": ("table", False),
    "state_share": ("table", False),
    "location": ("table", False),
    "min_investment": ("table", False),
    "requirements": ("tables", False),
    "benefits": ("tables", False),
    "tiers": ("tables", False),
    "in_force": ("table", False),
    "extensions": ("table", False),
}
_LOCATIONS = {loc.value for loc in Location}


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    if isinstance(value, str):
        try:
            Decimal(value)
        except InvalidOperation:
            return False
        return True
    return False


def _type_error(kind: str, value: Any) -> str | None:
    """A description of what was expected when ``value`` is not of ``kind``, else None."""
    ok = {
        "str": lambda v: isinstance(v, str) and v.strip() != "",
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": _is_number,
        "date": lambda v: isinstance(v, dt.date) and not isinstance(v, dt.datetime),
        "bool": lambda v: isinstance(v, bool),
        "strs": lambda v: isinstance(v, list) and all(isinstance(s, str) for s in v),
        "locations": lambda v: isinstance(v, list) and all(s in _LOCATIONS for s in v),
        "amounts": lambda v: (
            isinstance(v, dict) and all(k in _LOCATIONS and _is_number(n) for k, n in v.items())
        ),
        "table": lambda v: isinstance(v, dict),
        "tables": lambda v: isinstance(v, list) and all(isinstance(t, dict) for t in v),
    }[kind]
    if ok(value):
        return None
    expected = {
        "str": "a non-empty string",
        "int": "an integer",
        "number": "a number",
        "date": "a date (YYYY-MM-DD, unquoted)",
        "bool": "true or false",
        "strs": "a list of strings",
        "locations": f"a list of locations ({', '.join(sorted(_LOCATIONS))})",
        "amounts": "a table of location = amount",
        "table": "a table",
        "tables": "an array of tables",
    }[kind]
    return f"expected {expected}, got {value!r}"


def _check(table: Mapping[str, Any], spec: _Spec, path: str) -> list[str]:
    errors: list[str] = []
    for key in table:
        if key not in spec:
            errors.append(f"{path}{key}: unknown key")
    for key, (kind, required) in spec.items():
        if key not in table:
            if required:
                errors.append(f"{path}{key}: missing")
            continue
        problem = _type_error(kind, table[key])
        if problem:
            errors.append(f"{path}{key}: {problem}")
    return errors


def validate(data: Mapping[str, Any]) -> list[str]:
    """Every problem with a parsed rule file, as ``path: message`` lines (empty when valid)."""
    errors = _check(data, TOP, "")
    if errors:
        return errors
    if data["schema"] != SCHEMA_ID:
        errors.append(f"schema: expected {SCHEMA_ID!r}, got {data['schema']!r}")
    if data["kind"] not in KINDS:
        errors.append(f"kind: expected one of {', '.join(KINDS)}, got {data['kind']!r}")
    if data["version"] < 1:
        errors.append("version: must be 1 or more")
    for name, spec in SECTIONS.items():
        if name not in data:
            continue
        if TOP[name][0] == "tables":
            for i, item in enumerate(data[name]):
                errors += _check(item, spec, f"{name}[{i}].")
        else:
            errors += _check(data[name], spec, f"{name}.")
    if errors:
        return errors
    measure = data["measure"]
    if "number" not in measure and "key" not in measure:
        errors.append("measure: give a document number or a store key")
    if "window" in data and data["window"]["unit"] not in UNITS:
        errors.append(f"window.unit: expected one of {', '.join(UNITS)}")
    for i, req in enumerate(data.get("requirements", [])):
        if ("flag" in req) == ("minimum" in req):
            errors.append(f"requirements[{i}]: give exactly one of flag or minimum")
        if "flag" in req and req["flag"] not in SCENARIO_FLAGS:
            errors.append(f"requirements[{i}].flag: expected one of {', '.join(SCENARIO_FLAGS)}")
    for i, tier in enumerate(data.get("tiers", [])):
        if "when" in tier and tier["when"] not in SCENARIO_FLAGS:
            errors.append(f"tiers[{i}].when: expected one of {', '.join(SCENARIO_FLAGS)}")
    share = data.get("state_share")
    if share is not None and not 0 < Decimal(str(share["percent"])) <= 100:
        errors.append("state_share.percent: must be above 0 and at most 100")
    ids = [t["id"] for t in data.get("tiers", [])]
    if len(ids) != len(set(ids)):
        errors.append("tiers: ids must be unique")
    return errors


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def build_regime(
    data: Mapping[str, Any],
    *,
    resolve: Callable[[str], Clause],
    provenance: Provenance,
    path: str,
    problems: tuple[str, ...] = (),
) -> Regime:
    """A ``Regime`` from a table ``validate`` accepted; ``resolve`` turns quotes into clauses."""
    m = data["measure"]
    measure = MeasureRef(m.get("number"), m.get("key"), m["jurisdiction"].upper(), m["label"])

    def fact(name: str) -> Fact | None:
        t = data.get(name)
        return Fact(t["text"], resolve(t["quote"]), t.get("date")) if t else None

    def optional(quote: str | None) -> Clause | None:
        return resolve(quote) if quote else None

    w = data.get("window")
    s = data.get("state_share")
    loc = data.get("location")
    mi = data.get("min_investment")
    ext = data.get("extensions")
    return Regime(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        kind=data["kind"],
        measure=measure,
        provenance=provenance,
        path=path,
        applicants=fact("applicants"),
        window=Window(w["start"], w["amount"], w["unit"], resolve(w["quote"])) if w else None,
        state_share=StateShareLimit(Decimal(str(s["percent"])), resolve(s["quote"])) if s else None,
        location=LocationRule(
            eligible=frozenset(Location(x) for x in loc["eligible"]),
            unclear=frozenset(Location(x) for x in loc.get("unclear", [])),
            clause=resolve(loc["quote"]),
            alternative=loc.get("alternative"),
            alternative_clause=optional(loc.get("alternative_quote")),
        )
        if loc
        else None,
        min_investment=MinInvestment(
            amounts={Location(k): Decimal(str(v)) for k, v in mi["amounts"].items()},
            default=_dec(mi.get("default")),
            unclear=frozenset(Location(x) for x in mi.get("unclear", [])),
            clause=resolve(mi["quote"]),
            default_clause=optional(mi.get("default_quote")),
            unclear_note=mi.get("unclear_note", ""),
            excepted_areas=tuple(resolve(a) for a in mi.get("excepted_areas", [])),
        )
        if mi
        else None,
        requirements=tuple(
            Requirement(r["id"], r["label"], resolve(r["quote"]), r.get("flag"), r.get("minimum"))
            for r in data.get("requirements", [])
        ),
        benefits=tuple(
            Benefit(
                b["id"],
                b["label"],
                _dec(b.get("rate_percent")),
                b.get("years"),
                b["starts_from"],
                resolve(b["quote"]),
            )
            for b in data.get("benefits", [])
        ),
        tiers=tuple(
            Tier(
                id=t["id"],
                label=t["label"],
                clause=resolve(t["quote"]),
                above=_dec(t.get("above")),
                up_to=_dec(t.get("up_to")),
                percent_min=_dec(t.get("percent_min")),
                percent_max=_dec(t.get("percent_max")),
                years=t.get("years"),
                months=t.get("months"),
                penalty=t.get("penalty", ""),
                when=t.get("when"),
                penalty_clause=optional(t.get("penalty_quote")),
            )
            for t in data.get("tiers", [])
        ),
        in_force=fact("in_force"),
        extension_limit=ext["limit"] if ext else None,
        extension_months=ext["months_each"] if ext else None,
        extension_clause=resolve(ext["quote"]) if ext else None,
        problems=problems,
    )
