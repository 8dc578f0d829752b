"""Small builders shared by the family parsers: facts to drafts, keys, titles."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

from lawtracker.domain.dates import add_period, can_add
from lawtracker.domain.drafts import EventDraft, Provenance, QuantityDraft, ReferenceDraft
from lawtracker.domain.enums import (
    DatePrecision,
    EventKind,
    Instrument,
    Language,
    QuantityKind,
)
from lawtracker.domain.facts import FoundDate, FoundQuantity, FoundReference
from lawtracker.ingestion.families.context import provenance_of

_INSTRUMENT_WORDS: list[tuple[re.Pattern[str], Instrument]] = [
    (re.compile(r"\bamnesty\b", re.I), Instrument.AMNESTY_ACT),
    (re.compile(r"\bdecree\b|\bfərman|\bferman|\bfarman", re.I), Instrument.DECREE),
    (re.compile(r"\bcode\b", re.I), Instrument.CODE),
    (re.compile(r"\bresolution\b", re.I), Instrument.RESOLUTION),
    (re.compile(r"\border\b", re.I), Instrument.ORDER),
    (re.compile(r"\b(regulation|rules)\b", re.I), Instrument.REGULATION),
    (re.compile(r"\bdeclaration\b", re.I), Instrument.DECLARATION),
    (re.compile(r"\breport\b", re.I), Instrument.REPORT),
    (re.compile(r"\blaw\b|\bqanun", re.I), Instrument.LAW),
]
_COURT = re.compile(r"\bcourt\b|\bchamber", re.I)
_DECISION = re.compile(r"\bdecision\b|\bqərar|\bqerar|\bqarar", re.I)


def instrument_for(name: str, *, issuer: str = "") -> Instrument:
    """The instrument a name like "Decree No. 1913" or "Decision No. 04" denotes."""
    if _DECISION.search(name):
        return Instrument.COURT_DECISION if _COURT.search(issuer or name) else Instrument.RESOLUTION
    for pattern, instrument in _INSTRUMENT_WORDS:
        if pattern.search(name):
            return instrument
    return Instrument.OTHER


# Letters that do not decompose to ASCII: Cyrillic (a simple scholarly transliteration),
# Azerbaijani ə and ı, Armenian Ն/Լ of decision numbers ("16-Ն").
_TRANSLITERATION = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфхцы", "abvgdeziyklmnoprstufhcy", strict=True)),
        "ё": "yo", "ж": "zh", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ь": "", "э": "e",
        "ю": "yu", "я": "ya", "ў": "o", "қ": "q", "ғ": "g", "ҳ": "h", "ә": "a", "ң": "n",
        "ө": "o", "ү": "u", "ұ": "u", "і": "i", "ə": "e", "ı": "i", "ն": "n", "լ": "l",
    }
)  # fmt: skip


def slugify(text: str, *, max_length: int = 60) -> str:
    """A lowercase ASCII slug: keys must survive every filesystem and URL."""
    text = text.lower().translate(_TRANSLITERATION)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "untitled"


def measure_key(jurisdiction: str, instrument: Instrument, ident: str) -> str:
    """The stable key annotations hang on: jurisdiction/instrument/identifier."""
    return f"{jurisdiction.lower()}/{instrument.value}/{slugify(ident)}"


def clean_title(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s*\((?:the\s+)?[“\"'][^)]*[”\"']\)\s*$", "", text)
    return text.strip(" ,;:.-")


def event_from(
    found: FoundDate,
    kind: EventKind,
    *,
    lang: Language = Language.EN,
    label: str | None = None,
) -> EventDraft:
    rule = None
    if found.year_inferred:
        rule = "year not stated: taken from the document's date"
    return EventDraft(
        kind=kind,
        date=found.value,
        precision=found.precision,
        provenance=provenance_of(found, lang),
        rule=rule,
        label=label,
    )


def unknown_event(kind: EventKind, label: str) -> EventDraft:
    """An explicit "the text does not say" for a date role, never a fake date."""
    return EventDraft(
        kind=kind,
        date=None,
        precision=DatePrecision.UNKNOWN,
        provenance=Provenance(None),
        label=label,
    )


def quantity_from(found: FoundQuantity, *, lang: Language = Language.EN) -> QuantityDraft:
    return QuantityDraft(
        kind=found.kind,
        value=found.value,
        unit=found.unit,
        text=found.text,
        provenance=provenance_of(found, lang),
        qualifier=found.qualifier,
        value_max=found.value_max,
        condition=found.condition,
    )


def reference_from(found: FoundReference, *, lang: Language = Language.EN) -> ReferenceDraft:
    return ReferenceDraft(found.kind, found.text, found.normalized, provenance_of(found, lang))


def derived_end(
    start: EventDraft,
    duration: FoundQuantity,
    kind: EventKind,
    *,
    label: str,
    lang: Language = Language.EN,
) -> EventDraft | None:
    """The end of a period that the text states as "<duration> from <start>"."""
    if start.date is None or start.precision != DatePrecision.DAY:
        return None
    if duration.kind != QuantityKind.DURATION or not can_add(duration.unit):
        return None
    if duration.value != int(duration.value):
        return None
    period = add_period(start.date, duration.value, duration.unit)
    return EventDraft(
        kind=kind,
        date=period.end,
        precision=DatePrecision.DAY,
        provenance=provenance_of(duration, lang),
        derived=True,
        rule=period.rule,
        label=label,
    )


def first(items: Iterable[FoundDate]) -> FoundDate | None:
    return next(iter(items), None)


def day_or_better(found: FoundDate) -> bool:
    return found.precision == DatePrecision.DAY


def same_day(a: dt.date | None, b: dt.date | None) -> bool:
    return a is not None and a == b
