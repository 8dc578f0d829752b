"""Plain values for quantified rules: regimes, clauses, scenarios and verdicts.

A rule is data read from a TOML file; every element it holds carries the
``Clause`` it rests on, so a verdict can always show the words of the law
behind each reason. Nothing here knows about TOML, SQL or Qt.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from decimal import Decimal


class Outcome(enum.StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    UNCLEAR = "unclear"


#: An outcome in words, for people (the enum values are the export contract).
OUTCOME_WORDS: dict[Outcome, str] = {
    Outcome.ELIGIBLE: "eligible",
    Outcome.NOT_ELIGIBLE: "not eligible",
    Outcome.UNCLEAR: "unclear",
}


class Location(enum.StrEnum):
    """Where an investment project is carried out, as the decrees distinguish places."""

    BAKU = "baku"
    BAKU_EXCEPTED_AREA = "baku_excepted_area"
    SUMGAIT = "sumgait"
    GANJA = "ganja"
    ABSHERON = "absheron"
    LIBERATED_TERRITORIES = "liberated_territories"
    OTHER_REGION = "other_region"
    INDUSTRIAL_DISTRICT_OR_AGROPARK = "industrial_district_or_agropark"
    TOURISM_RECREATION_ZONE = "tourism_recreation_zone"


#: How the places read in a form, a verdict and a report (the decree's own wording).
LOCATION_LABELS: dict[Location, str] = {
    Location.BAKU: "Baku (outside the excepted settlements and districts)",
    Location.BAKU_EXCEPTED_AREA: "Baku, an excepted settlement or district",
    Location.SUMGAIT: "Sumgait",
    Location.GANJA: "Ganja",
    Location.ABSHERON: "Absheron",
    Location.LIBERATED_TERRITORIES: "Territories liberated from occupation",
    Location.OTHER_REGION: "Another city or region",
    Location.INDUSTRIAL_DISTRICT_OR_AGROPARK: "Industrial district or agropark",
    Location.TOURISM_RECREATION_ZONE: "Tourism and recreation zone",
}


class Provenance(enum.StrEnum):
    BUNDLED = "bundled"  # shipped in resources/rules/
    MANUAL = "manual"  # written by a user, kept in the data dir


@dataclass(frozen=True, slots=True)
class Span:
    """Where a quote was found: ``source.text[start:end]`` is ``text``."""

    source_id: int
    source_name: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Clause:
    """The words a rule element rests on; ``span`` is None when they are not in the source."""

    quote: str
    span: Span | None = None
    lang: str = "en"

    @property
    def verified(self) -> bool:
        return self.span is not None


@dataclass(frozen=True, slots=True)
class MeasureRef:
    """The measure a regime implements: by document number, or by store key."""

    number: str | None
    key: str | None
    jurisdiction: str
    label: str


@dataclass(frozen=True, slots=True)
class Window:
    """An application window ``[start, start + amount unit)``."""

    start: dt.date
    amount: int
    unit: str
    clause: Clause


@dataclass(frozen=True, slots=True)
class StateShareLimit:
    """Applicants with ``percent`` or more state share (direct or indirect) are excluded."""

    percent: Decimal
    clause: Clause


@dataclass(frozen=True, slots=True)
class LocationRule:
    """Which locations qualify; others fail unless ``alternative`` (a regime id) is met."""

    eligible: frozenset[Location]
    unclear: frozenset[Location]
    clause: Clause
    alternative: str | None = None
    alternative_clause: Clause | None = None


@dataclass(frozen=True, slots=True)
class MinInvestment:
    """Minimum amounts per location; ``unclear`` locations the text excepts without a figure."""

    amounts: dict[Location, Decimal]
    default: Decimal | None
    unclear: frozenset[Location]
    clause: Clause
    default_clause: Clause | None = None
    unclear_note: str = ""
    excepted_areas: tuple[Clause, ...] = ()


@dataclass(frozen=True, slots=True)
class Requirement:
    """A yes/no condition (``flag``) or a minimum count (``minimum``) the scenario must meet."""

    id: str
    label: str
    clause: Clause
    flag: str | None = None
    minimum: int | None = None


@dataclass(frozen=True, slots=True)
class Benefit:
    id: str
    label: str
    rate_percent: Decimal | None
    years: int | None
    starts_from: str
    clause: Clause


@dataclass(frozen=True, slots=True)
class Fact:
    """A dated or textual fact shown in comparisons (e.g. entry into force)."""

    text: str
    clause: Clause
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Tier:
    """One band of a tiered rule: ``above < amount <= up_to`` (or a named case)."""

    id: str
    label: str
    clause: Clause
    above: Decimal | None = None
    up_to: Decimal | None = None
    percent_min: Decimal | None = None
    percent_max: Decimal | None = None
    years: int | None = None
    months: int | None = None
    penalty: str = ""
    when: str | None = None  # a scenario flag that also selects this tier
    penalty_clause: Clause | None = None


@dataclass(frozen=True, slots=True)
class Regime:
    """One rule file: an incentive regime or a quantified rule, with its clauses found."""

    id: str
    version: int
    title: str
    kind: str  # "incentive" or a calculator name
    measure: MeasureRef
    provenance: Provenance
    path: str
    applicants: Fact | None = None
    window: Window | None = None
    state_share: StateShareLimit | None = None
    location: LocationRule | None = None
    min_investment: MinInvestment | None = None
    requirements: tuple[Requirement, ...] = ()
    benefits: tuple[Benefit, ...] = ()
    tiers: tuple[Tier, ...] = ()
    in_force: Fact | None = None
    extension_limit: int | None = None
    extension_months: int | None = None
    extension_clause: Clause | None = None
    problems: tuple[str, ...] = ()

    def clauses(self) -> list[Clause]:
        found: list[Clause] = []
        for item in (self.applicants, self.window, self.state_share, self.location):
            if item is not None:
                found.append(item.clause)
        if self.location is not None and self.location.alternative_clause is not None:
            found.append(self.location.alternative_clause)
        if self.min_investment is not None:
            found.append(self.min_investment.clause)
            if self.min_investment.default_clause is not None:
                found.append(self.min_investment.default_clause)
            found += self.min_investment.excepted_areas
        found += [r.clause for r in self.requirements]
        found += [b.clause for b in self.benefits]
        for tier in self.tiers:
            found.append(tier.clause)
            if tier.penalty_clause is not None:
                found.append(tier.penalty_clause)
        if self.in_force is not None:
            found.append(self.in_force.clause)
        if self.extension_clause is not None:
            found.append(self.extension_clause)
        return found

    @property
    def verified(self) -> bool:
        """True only when the measure was found and every quote is in its text."""
        return not self.problems and all(c.verified for c in self.clauses())


@dataclass(frozen=True, slots=True)
class Scenario:
    """What the user types: the amount is converted to AZN at ``rate`` when not in AZN."""

    amount: Decimal
    location: Location
    state_share: Decimal
    strategic: bool
    application_date: dt.date
    currency: str = "AZN"
    rate: Decimal = Decimal(1)
    participants: int | None = None

    @property
    def amount_azn(self) -> Decimal:
        return self.amount if self.currency.upper() == "AZN" else self.amount * self.rate


@dataclass(frozen=True, slots=True)
class DateFlags:
    """A computed date, how it was computed, and whether it falls on a non-working day."""

    date: dt.date
    rule: str
    clamped: bool
    weekend: bool
    holiday: str | None

    @property
    def non_working(self) -> bool:
        return self.weekend or self.holiday is not None


@dataclass(frozen=True, slots=True)
class Reason:
    criterion: str
    outcome: Outcome
    message: str
    clause: Clause


@dataclass(frozen=True, slots=True)
class BenefitResult:
    benefit: Benefit
    end: DateFlags | None
    note: str


@dataclass(frozen=True, slots=True)
class ThresholdPoint:
    """Minimum investment for one location (None: no minimum applies or the text is unclear)."""

    location: Location
    minimum: Decimal | None
    unclear: bool


@dataclass(frozen=True, slots=True)
class Verdict:
    regime_id: str
    title: str
    outcome: Outcome
    reasons: tuple[Reason, ...]
    benefits: tuple[BenefitResult, ...] = ()
    thresholds: tuple[ThresholdPoint, ...] = ()
    amount_azn: Decimal | None = None
    verified: bool = True
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CalculationResult:
    """What a calculator found: a tier, a range or a date, with the clause and any rounding."""

    rule_id: str
    title: str
    outcome: str
    summary: str
    clause: Clause
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    date: DateFlags | None = None
    notes: tuple[str, ...] = ()
    verified: bool = True
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ComparisonCell:
    text: str
    clause: Clause | None


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    criterion: str
    cells: tuple[ComparisonCell, ...]
    differs: bool


@dataclass(frozen=True, slots=True)
class Comparison:
    regime_ids: tuple[str, ...]
    titles: tuple[str, ...]
    rows: tuple[ComparisonRow, ...]
