"""The words that make a number a quantity: currencies, percent, periods, people, things.

Both the quantity extractor (to read them) and the date extractor (so that
"2000 manats" or "1988 individuals" is not taken for a year) use these.
"""

from __future__ import annotations

import re

from lawtracker.ingestion.extract.azerbaijani import tolerant


def words(text: str) -> tuple[str, ...]:
    """A word list written as one string, to keep vocabularies readable."""
    return tuple(text.split())


# Written after the number: "50,000 manats", "5 million AZN", "100 US dollars".
CURRENCY_AFTER: dict[str, str] = {
    r"manat[^\W\d_]{0,6}": "AZN",
    r"AZN": "AZN",
    r"tenge|tenges|KZT": "KZT",
    r"(?:US\s+)?dollars?|USD": "USD",
    r"euros?|EUR": "EUR",
    r"roubles?|rubles?|RUB": "RUB",
    r"GBP|pounds\s+sterling": "GBP",
    r"(?:Swiss\s+)?francs?|CHF": "CHF",
    r"lari|GEL": "GEL",
    r"drams?|AMD": "AMD",
}
# Written before the number: "$5 million", "AZN 200".
CURRENCY_BEFORE: dict[str, str] = {
    r"US\$|\$|USD": "USD",
    r"€|EUR": "EUR",
    r"₼|AZN": "AZN",
    r"₸|KZT": "KZT",
    r"£|GBP": "GBP",
    r"₽|RUB": "RUB",
}
PERCENT_AZ = tolerant("faiz") + r"[^\W\d_]{0,8}"

DURATION_EN: dict[str, str] = {
    "years?": "year",
    "months?": "month",
    "weeks?": "week",
    "(?:calendar\\s+|working\\s+|business\\s+)?days?": "day",
    "hours?": "hour",
}
# Azerbaijani periods with their case endings ("ildən", "iledek", "aydan").
# Bare "ile"/"ilə" is excluded: it is the word "with".
DURATION_AZ: dict[str, str] = {
    r"il(?:d[aeəs]n|[aeə]d[aeə]k|d[aeə]k|[ıi]n|d[aeəs]|[ıi]k|l[iı]k)?": "year",
    r"ay(?:d[aeə]n|[aeə]d[aeə]k|d[aeə]k|[ıi]n|d[aeə]|l[ıi][qg])?": "month",
    tolerant("həftə") + r"[^\W\d_]{0,5}": "week",
    r"g(?:ü|ii|li|u|i)n[^\W\d_]{0,5}": "day",
    r"saat[^\W\d_]{0,5}": "hour",
}

# Nouns for people. Phrases are tried before single words.
PEOPLE_PHRASES: tuple[str, ...] = (
    "military personnel",
    "prisoners of war",
    "prisoner of war",
    "persons with disabilities",
    "police officers",
    "convicted persons",
)
PEOPLE_WORDS: tuple[str, ...] = words(
    "individuals individual persons person people convicts convict prisoners prisoner "
    "civilians civilian children child boys boy girls girl men man women woman hostages "
    "hostage detainees detainee beneficiaries beneficiary members member journalists "
    "journalist lawyers lawyer defendants defendant victims victim servicemen serviceman "
    "servicewomen soldiers soldier personnel signatories signatory refugees refugee "
    "migrants minors minor citizens citizen residents nationals inmates suspects suspect "
    "employees employee workers officials official officers judges deputies students "
    "pensioners patients adults participants applicants activists protesters volunteers "
    "combatants militants fighters troops peacekeepers IDPs"
)
PEOPLE_NOUNS: tuple[str, ...] = PEOPLE_PHRASES + PEOPLE_WORDS
PEOPLE_VERBS = (
    r"released|killed|injured|wounded|detained|arrested|convicted|sentenced|pardoned|freed"
    r"|exempted|amnestied|evacuated|displaced|deported|executed|tortured|abducted|kidnapped"
    r"|rescued|repatriated|hospitali[sz]ed|missing|dead|affected|imprisoned|taken\s+hostage"
)

# Countable things: plural -> singular. Plurals with a regular suffix are also
# accepted (see quantities.singular), this list covers the rest.
COUNT_NOUNS: dict[str, str] = {
    word + "s": word
    for word in words(
        "case episode mine organization investigation complaint application appeal decision "
        "judgment law decree article project company entity enterprise document certificate "
        "visit meeting session report request petition incident attack crime offence offense "
        "violation proceeding trial hearing charge warrant sentence region district city "
        "village settlement country state institution court prison school hospital house "
        "building unit vehicle weapon missile shell bomb grave body ordnance facility "
        "establishment measure amendment provision recommendation act agreement treaty "
        "contract license licence permit shipment object site zone park cluster fine penalty "
        "point bed cell room"
    )
}
COUNT_NOUNS.update(
    {
        "cities": "city",
        "facilities": "facility",
        "companies": "company",
        "entities": "entity",
        "countries": "country",
        "bodies": "body",
        "penalties": "penalty",
        "properties": "property",
        "parties": "party",
        "authorities": "authority",
        "municipalities": "municipality",
        "ordnance": "ordnance",
        "offences": "offence",
        "premises": "premises",
    }
)

SCALE_OR_UNIT_WORDS = (
    r"(?:%|per\s?cent|(?:" + tolerant("faiz") + r"|manat)[^\W\d_]*|AZN|USD|EUR|KZT|tenge|dollars?"
    r"|euros?"
    r"|hundred|thousand|million|billion|milyon|milyard|years?|months?|weeks?|days?|hours?"
    r"|km|kg|" + "|".join(n.replace(" ", r"\s+") for n in PEOPLE_NOUNS) + r")(?![^\W\d_])"
)
FOLLOWED_BY_UNIT = re.compile(r"\s*(?:" + SCALE_OR_UNIT_WORDS + ")", re.IGNORECASE)
"""Matches right after a number when a unit word follows it."""
