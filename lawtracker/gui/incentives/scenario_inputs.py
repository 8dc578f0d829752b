"""Parse and check what the user typed in the scenario form, without Qt.

Errors are returned as sentences for an inline message, never raised: the form
shows them next to the inputs and keeps the Compute button usable.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from lawtracker.domain.rules import LOCATION_LABELS, Location, Scenario

#: The Baku areas Decree No. 1913 excepts from the 5-million threshold, as its text lists them.
#: Used only when the rule file does not list them itself.
BAKU_EXCEPTED_AREAS = (
    "Rasulzade settlement (Binagadi district)",
    "Narimanov district",
    "Nasimi district",
    "Keshla settlement (Nizami district)",
    "Badamdar settlement (Sabail district)",
    "Bibiheybat settlement (Sabail district)",
    "Ahmedli settlement (Khatai district)",
    "Yasamal district",
)

_GROUPING = re.compile(r"[\s,_\u00a0\u202f]")


def parse_decimal(text: str) -> Decimal | None:
    """``"4,000,000"``, ``"4 000 000"`` or ``"4000000.50"`` -> Decimal; ``None`` if not a number."""
    cleaned = _GROUPING.sub("", text.strip())
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


@dataclass
class ScenarioForm:
    """The raw inputs, as typed; kept between openings of the dialog in one session."""

    amount: str = ""
    currency: str = "AZN"
    rate: str = "1"
    location: Location = Location.BAKU
    area: str = ""  # the excepted Baku area, when location is BAKU_EXCEPTED_AREA
    state_share: str = "0"
    participants: str = ""
    strategic: bool = False
    application_date: dt.date = field(default_factory=dt.date.today)

    def location_label(self) -> str:
        label = LOCATION_LABELS[self.location]
        if self.location is Location.BAKU_EXCEPTED_AREA and self.area:
            return f"Baku, {self.area}"
        return label

    def to_scenario(self) -> tuple[Scenario | None, list[str]]:
        """The scenario, or ``None`` and every problem in words."""
        errors = []
        amount = parse_decimal(self.amount)
        if amount is None:
            errors.append("Enter the investment amount as a number, e.g. 4,000,000.")
        elif amount <= 0:
            errors.append("The investment amount must be more than zero.")
        currency = self.currency.strip().upper() or "AZN"
        if not re.fullmatch(r"[A-Z]{3}", currency):
            errors.append("The currency is a three-letter code such as AZN, USD or EUR.")
        rate = Decimal(1)
        if currency != "AZN":
            parsed = parse_decimal(self.rate)
            if parsed is None or parsed <= 0:
                errors.append(f"Enter how many AZN one {currency} is worth (a positive number).")
            else:
                rate = parsed
        share = parse_decimal(self.state_share)
        if share is None or not Decimal(0) <= share <= Decimal(100):
            errors.append("The state share is a percentage from 0 to 100.")
        participants = None
        if self.participants.strip():
            count = parse_decimal(self.participants)
            if count is None or count < 0 or count != count.to_integral_value():
                errors.append("The number of participants is a whole number (or leave it empty).")
            else:
                participants = int(count)
        if errors or amount is None or share is None:
            return None, errors
        scenario = Scenario(
            amount=amount,
            location=self.location,
            state_share=share,
            strategic=self.strategic,
            application_date=self.application_date,
            currency=currency,
            rate=rate,
            participants=participants,
        )
        return scenario, []
