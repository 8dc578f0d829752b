"""Side-by-side comparison of regimes per criterion, and CSV export with a scenario's verdicts.

Each cell carries the clause it was read from; a row is marked ``differs``
when the regimes' values are not all the same, so a table can highlight it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence

from lawtracker.domain.rules import (
    LOCATION_LABELS,
    Clause,
    Comparison,
    ComparisonCell,
    ComparisonRow,
    Location,
    Regime,
    Scenario,
    Verdict,
)
from lawtracker.services.rules.dates import add_and_flag
from lawtracker.services.rules.engine import clause_dict, money

_NONE = ComparisonCell("—", None)


def _applicants(r: Regime) -> ComparisonCell:
    return ComparisonCell(r.applicants.text, r.applicants.clause) if r.applicants else _NONE


def _exclusions(r: Regime) -> ComparisonCell:
    s = r.state_share
    if s is None:
        return _NONE
    return ComparisonCell(f"state share (direct or indirect) of {s.percent}% or more", s.clause)


def _locations(r: Regime) -> ComparisonCell:
    loc = r.location
    if loc is None:
        return ComparisonCell("any", None) if r.kind == "incentive" else _NONE
    names = "; ".join(_places(loc.eligible))
    if loc.alternative:
        names += f"\nelsewhere only via {loc.alternative}"
    return ComparisonCell(names, loc.clause)


def _places(locations: Iterable[Location]) -> list[str]:
    """Place names in the order the form lists them (the enum's), not codes.

    Some names hold a comma ("Baku, an excepted settlement or district"): callers
    join them with semicolons.
    """
    wanted = set(locations)
    return [LOCATION_LABELS[loc] for loc in Location if loc in wanted]


def _minimum(r: Regime) -> ComparisonCell:
    mi = r.min_investment
    if mi is None:
        return _NONE
    parts = [f"{LOCATION_LABELS[loc]} {money(v)} AZN" for loc, v in mi.amounts.items()]
    if mi.default is not None:
        parts.append(f"elsewhere {money(mi.default)} AZN")
    if mi.unclear:
        parts.append("unclear: " + "; ".join(_places(mi.unclear)))
    return ComparisonCell("\n".join(parts), mi.clause)


def _benefits(r: Regime) -> ComparisonCell:
    if not r.benefits:
        return _NONE
    parts = []
    for b in r.benefits:
        rate = f"{b.rate_percent}%" if b.rate_percent is not None else "rate not given"
        years = f"{b.years} years from {b.starts_from}" if b.years else "duration not given"
        parts.append(f"{b.label} ({rate}, {years})")
    return ComparisonCell("; ".join(parts), r.benefits[0].clause)


def _window(r: Regime) -> ComparisonCell:
    w = r.window
    if w is None:
        return _NONE
    end = add_and_flag(w.start, w.amount, w.unit, r.measure.jurisdiction).date
    return ComparisonCell(
        f"{w.start.isoformat()} for {w.amount} {w.unit}s (to {end.isoformat()})", w.clause
    )


def _in_force(r: Regime) -> ComparisonCell:
    f = r.in_force
    if f is None:
        return _NONE
    return ComparisonCell(f.date.isoformat() if f.date else f.text, f.clause)


CRITERIA: tuple[tuple[str, Callable[[Regime], ComparisonCell]], ...] = (
    ("eligible applicants", _applicants),
    ("exclusions", _exclusions),
    ("locations", _locations),
    ("minimum investment by area", _minimum),
    ("benefits (rate, duration)", _benefits),
    ("application window", _window),
    ("entry into force", _in_force),
)


def compare(regimes: Sequence[Regime]) -> Comparison:
    """One row per criterion, one cell per regime; ``differs`` when the cells' texts differ."""
    rows = []
    for name, read in CRITERIA:
        cells = tuple(read(r) for r in regimes)
        rows.append(ComparisonRow(name, cells, len({c.text for c in cells}) > 1))
    return Comparison(
        regime_ids=tuple(r.id for r in regimes),
        titles=tuple(r.title for r in regimes),
        rows=tuple(rows),
    )


def _quote(clause: Clause | None) -> str:
    if clause is None:
        return ""
    where = clause_dict(clause)
    state = "" if clause.verified else " [UNVERIFIED]"
    place = f"{where['source']}:{where['start']}-{where['end']}" if clause.verified else "not found"
    return f"{clause.quote} ({place}){state}"


def to_csv(
    comparison: Comparison,
    *,
    scenario: Scenario | None = None,
    verdicts: Sequence[Verdict] = (),
) -> str:
    """The comparison table, then (if given) the scenario and each verdict's reasons, as CSV."""
    buffer = io.StringIO()
    w = csv.writer(buffer, lineterminator="\n")
    w.writerow(["section", "criterion", "differs", *comparison.regime_ids])
    for row in comparison.rows:
        w.writerow(
            ["comparison", row.criterion, "yes" if row.differs else "no"]
            + [c.text for c in row.cells]
        )
        w.writerow(["clause", row.criterion, ""] + [_quote(c.clause) for c in row.cells])
    if scenario is not None:
        w.writerow([])
        w.writerow(["scenario", "field", "value"])
        for key, value in (
            ("amount", f"{scenario.amount} {scenario.currency}"),
            ("rate", str(scenario.rate)),
            ("amount_azn", str(scenario.amount_azn)),
            ("location", scenario.location.value),
            ("state_share", f"{scenario.state_share}%"),
            ("strategic", "yes" if scenario.strategic else "no"),
            ("application_date", scenario.application_date.isoformat()),
            ("participants", "" if scenario.participants is None else str(scenario.participants)),
        ):
            w.writerow(["scenario", key, value])
    if verdicts:
        w.writerow([])
        w.writerow(["verdict", "regime", "outcome", "criterion", "reason", "clause"])
        for v in verdicts:
            w.writerow(["verdict", v.regime_id, v.outcome.value, "", "; ".join(v.warnings), ""])
            for reason in v.reasons:
                w.writerow(
                    [
                        "reason",
                        v.regime_id,
                        reason.outcome.value,
                        reason.criterion,
                        reason.message,
                        _quote(reason.clause),
                    ]
                )
            for b in v.benefits:
                end = b.end.date.isoformat() if b.end else ""
                w.writerow(
                    ["benefit", v.regime_id, end, b.benefit.id, b.note, _quote(b.benefit.clause)]
                )
    return buffer.getvalue()


def threshold_rows(regime: Regime) -> list[tuple[Location, str]]:
    """Minimum investment per location as text, for a table beside the chart."""
    mi = regime.min_investment
    if mi is None:
        return []
    rows = []
    for loc in Location:
        if loc in mi.unclear:
            rows.append((loc, "unclear"))
        else:
            value = mi.amounts.get(loc, mi.default)
            rows.append((loc, f"{money(value)} AZN" if value is not None else "none"))
    return rows
