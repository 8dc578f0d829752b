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
    "kyrgyz": "KG",
    "kirghiz": "KG",
    "uzbek": "UZ",
    "tajik": "TJ",
    "georgian": "GE",
    "turkmen": "TM",
    "russian": "RU",
    "ukrainian": "UA",
    "belarusian": "BY",
    "azərbaycan respublikası": "AZ",
    "qazaxıstan": "KZ",
    "özbəkistan": "UZ",
    "qırğızıstan": "KG",
    "gürcüstan": "GE",
    "ermənistan": "AM",
    "rusiya": "RU",
    "азербайджан": "AZ",
    "казахстан": "KZ",
    "узбекистан": "UZ",
    "кыргызстан": "KG",
    "киргизия": "KG",
    "киргизстан": "KG",
    "таджикистан": "TJ",
    "туркменистан": "TM",
    "армения": "AM",
    "грузия": "GE",
    "россия": "RU",
    "российской федерации": "RU",
    "украина": "UA",
    "беларусь": "BY",
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
# Russian and Azerbaijani names take case endings ("Казахстана", "Azərbaycanın"): a stem
# match is enough.
_PATTERN = re.compile(
    rf"\b(?=[{_FIRST_LETTERS}])("
    + "|".join(sorted((re.escape(n) for n in _NAMES), key=len, reverse=True))
    + r")(?:[аеуыо]|ом|ой|ии|ию|ия|[ıiuü]n|[ıiuü]n[ıiuü]n|[dt][aə]n?|[aəıiuü])?\b",
    re.IGNORECASE,
)

# ISO 3166 alpha-3 codes as UN document symbols use them (CAT/C/AZE/CO/5).
_ALPHA3 = {
    "AZE": "AZ",
    "KAZ": "KZ",
    "UZB": "UZ",
    "KGZ": "KG",
    "TJK": "TJ",
    "TKM": "TM",
    "ARM": "AM",
    "GEO": "GE",
    "RUS": "RU",
    "UKR": "UA",
    "BLR": "BY",
    "MDA": "MD",
    "TUR": "TR",
    "IRN": "IR",
    "HUN": "HU",
    "FRA": "FR",
    "DEU": "DE",
    "GBR": "GB",
    "SRB": "RS",
    "HRV": "HR",
    "ROU": "RO",
    "BGR": "BG",
    "EST": "EE",
    "MKD": "MK",
    "MNG": "MN",
    "AFG": "AF",
    "CHN": "CN",
}


def iso_code(name: str) -> str | None:
    """The ISO code for a country name or adjective, if known."""
    return _NAMES.get(name.strip().lower())


def un_iso3_to_iso2(code: str) -> str | None:
    """The alpha-2 code for an alpha-3 code inside a UN document symbol, if known."""
    return _ALPHA3.get(code.upper()) if len(code) == 3 and code.isalpha() else None


def jurisdiction_in(text: str) -> str | None:
    """The country a phrase such as "of the Republic of Azerbaijan" or "Kyrgyz" names."""
    return first_jurisdiction(text)


def jurisdiction_counts(text: str, *, head: int = 0) -> dict[str, int]:
    """How often each country is named: the document prior for unattributed mentions.

    A mention within the first ``head`` characters counts twice (a title or a dateline
    names the document's country)."""
    counts: dict[str, int] = {}
    for match in _PATTERN.finditer(text):
        code = _NAMES[match.group(1).lower()]
        counts[code] = counts.get(code, 0) + (2 if match.start() < head else 1)
    return counts


def first_jurisdiction(text: str) -> str | None:
    """ISO code of the first country the text names, if any."""
    match = _PATTERN.search(text)
    return _NAMES[match.group(1).lower()] if match else None


# Adjectives and local spellings are in the gazetteer for finding countries, not for naming
# them.
_ADJECTIVES = frozenset(
    [
        "azerbaijani",
        "kazakh",
        "armenian",
        "kyrgyz",
        "kirghiz",
        "uzbek",
        "tajik",
        "georgian",
        "turkmen",
        "russian",
        "ukrainian",
        "belarusian",
        "rusiya",
        "azerbaycan",
        "azarbaycan",
    ]
)


def country_name(code: str) -> str:
    """A display name for an ISO code (the first English gazetteer spelling, capitalised)."""
    for name, iso in _NAMES.items():
        if iso == code and name.isascii() and name not in _ADJECTIVES:
            return name.title()
    return code
