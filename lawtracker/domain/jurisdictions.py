"""Country names as they appear in legal texts, mapped to ISO 3166-1 alpha-2 codes.

A gazetteer, not a rule: extend it when documents from a new country arrive.
Adjectives ("Azerbaijani", "Kazakh") are included because news items often use them.
"""

from __future__ import annotations

import re

_NAMES: dict[str, str] = {
    "azerbaijan": "AZ",
    "azerbaijani": "AZ",
    "azərbaycan": "AZ",
    "azerbaycan": "AZ",
    "azarbaycan": "AZ",
    "kazakhstan": "KZ",
    "kazakh": "KZ",
    "armenia": "AM",
    "armenian": "AM",
    "georgia": "GE",
    "uzbekistan": "UZ",
    "kyrgyzstan": "KG",
    "kyrgyz republic": "KG",
    "tajikistan": "TJ",
    "turkmenistan": "TM",
    "russia": "RU",
    "russian federation": "RU",
    "ukraine": "UA",
    "belarus": "BY",
    "moldova": "MD",
    "republic of moldova": "MD",
    "türkiye": "TR",
    "turkey": "TR",
    "iran": "IR",
    "hungary": "HU",
    "france": "FR",
    "germany": "DE",
    "united kingdom": "GB",
    "serbia": "RS",
    "croatia": "HR",
    "romania": "RO",
    "bulgaria": "BG",
    "estonia": "EE",
    "north macedonia": "MK",
}

# The look-ahead on the names' first letters lets the regex engine skip most word
# starts without trying every alternative: about half the search time on long texts.
_FIRST_LETTERS = re.escape("".join(sorted({name[0] for name in _NAMES})))
_PATTERN = re.compile(
    rf"\b(?=[{_FIRST_LETTERS}])("
    + "|".join(sorted((re.escape(n) for n in _NAMES), key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


def iso_code(name: str) -> str | None:
    """The ISO code for a country name or adjective, if known."""
    return _NAMES.get(name.strip().lower())


def first_jurisdiction(text: str) -> str | None:
    """ISO code of the first country the text names, if any."""
    match = _PATTERN.search(text)
    return _NAMES[match.group(1).lower()] if match else None


def country_name(code: str) -> str:
    """A display name for an ISO code (the first gazetteer spelling, capitalised)."""
    for name, iso in _NAMES.items():
        if iso == code and not name.endswith(("i", "ian", "kh")):
            return name.title()
    return code
