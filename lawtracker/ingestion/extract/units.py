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


# Written after the number: "50,000 manats", "5 million AZN", "100 US dollars", "4700$".
# The currency words of the region in English, Russian and Azerbaijani; any other
# ISO 4217 code is recognised from :mod:`.currency_codes`.
CURRENCY_AFTER: dict[str, str] = {
    r"manat[^\W\d_]{0,6}|AZN|₼": "AZN",
    r"tenge|tenges|KZT|₸": "KZT",
    r"so['ʻ‘’`]?ums?|so['ʻ‘’`]m|(?-i:sums?)|UZS": "UZS",
    r"somoni|TJS": "TJS",
    r"(?:US\s+)?dollars?|USD|\$": "USD",
    r"euros?|EUR|€": "EUR",
    r"roubles?|rubles?|RUB|₽": "RUB",
    r"GBP|£|pounds\s+sterling": "GBP",
    r"(?:Swiss\s+)?francs?|CHF": "CHF",
    r"lari|GEL": "GEL",
    r"soms?|KGS": "KGS",
    r"drams?|AMD": "AMD",
}
# The same in Cyrillic: matched by a regex of its own, tried only before Cyrillic text.
CURRENCY_AFTER_RU: dict[str, str] = {
    r"манат(?:а|ов|ы)?": "AZN",
    r"тенге|теңге": "KZT",
    r"сум(?:а|ов|ы)?|сўм": "UZS",
    r"сомони": "TJS",
    r"долл\.|доллар(?:а|ов|ы)?(?:\s+США)?": "USD",
    r"евро": "EUR",
    r"руб\.|рубл(?:ей|я|ь)": "RUB",
    r"лари": "GEL",
    r"сом(?:а|ов|ы)?": "KGS",
    r"драм(?:а|ов|ы)?": "AMD",
}
# Written before the number: "$5 million", "AZN 200" (and any ISO 4217 code: "TJS 60").
CURRENCY_BEFORE: dict[str, str] = {
    r"US\$|\$|USD": "USD",
    r"€|EUR": "EUR",
    r"₼|AZN": "AZN",
    r"₸|KZT": "KZT",
    r"£|GBP": "GBP",
    r"₽|RUB": "RUB",
}
# ISO 4217 codes that are also capitalised English words or abbreviations
# ("TOP 10", "ALL 5 members", "PHP 8"): not taken for currencies.
CONFUSABLE_CODES = frozenset(words("ALL TOP CUP MOP SOS PEN MAD BOB ERN PHP XXX XTS"))

# Fines and thresholds counted in indexes rather than money: Kazakhstan's monthly
# calculation index, minimum wages and Uzbekistan/Kyrgyzstan's base amounts.
_MCI = r"MCIs?|monthly\s+calculation\s+ind(?:ex(?:es)?|ices)(?:\s*\((?:MCI|MRP)\))?"
_MMW = (
    r"MMWs?|BCAs?|BRVs?"
    r"|minimum\s+(?:monthly\s+)?(?:wages?|salar(?:y|ies))(?:\s*\((?:MMW|MW)\))?"
)
INDEX_UNITS: dict[str, str] = {
    rf"(?:times\s+(?:the\s+)?)?(?:{_MCI})": "MCI",
    rf"(?:times\s+(?:the\s+)?)?(?:{_MMW})": "MMW",
}
INDEX_UNITS_RU: dict[str, str] = {
    r"МРП|месячн[^\W\d_]*\s+расч[её]тн[^\W\d_]*\s+показател[^\W\d_]*(?:\s*\(МРП\))?": "MCI",
    r"БРВ|МРЗП|МРОТ|МЗП|минимальн[^\W\d_]*\s+(?:размер[^\W\d_]*\s+)?(?:оплаты\s+труда"
    r"|заработн[^\W\d_]*\s+плат[^\W\d_]*)|базов[^\W\d_]*\s+расч[её]тн[^\W\d_]*"
    r"\s+величин[^\W\d_]*": "MMW",
}
PERCENT_AZ = tolerant("faiz") + r"[^\W\d_]{0,8}"

PERCENT_RU = r"процент(?:а|ов)?"

# Business days cannot be added as calendar days: they get a unit of their own.
DURATION_EN: dict[str, str] = {
    "years?": "year",
    "months?": "month",
    "weeks?": "week",
    r"(?:business|working|work|banking)\s+days?": "business_day",
    "(?:calendar\\s+)?days?": "day",
    "hours?": "hour",
}
DURATION_RU: dict[str, str] = {
    r"(?:рабоч|банковск)(?:их|ий|ие)\s+(?:дней|дня|день)": "business_day",
    r"(?:календарн(?:ых|ый|ые)\s+)?(?:дней|дня|день|суток|сутки)": "day",
    r"лет|года?|году": "year",
    r"месяц(?:а|ев|ы)?": "month",
    r"недел[ьиюя]": "week",
    r"час(?:а|ов)?": "hour",
}
# Azerbaijani periods with their case endings ("ildən", "iledek", "aydan").
# Bare "ile"/"ilə" is excluded: it is the word "with".
DURATION_AZ: dict[str, str] = {
    r"il(?:d[aeəs]n|[aeə]d[aeə]k|d[aeə]k|[ıi]n|d[aeəs]|[ıi]k|l[iı]k|d[iı1]r)?": "year",
    r"ay(?:d[aeə]n|[aeə]d[aeə]k|d[aeə]k|[ıi]n|d[aeə]|l[ıi][qg]|d[ıi1]r)?": "month",
    tolerant("həftə") + r"[^\W\d_]{0,5}": "week",
    r"g(?:ü|ii|li|u|i)n[^\W\d_]{0,5}": "day",
    r"saat[^\W\d_]{0,5}": "hour",
}
DURATION_AZ_BUSINESS = tolerant("iş") + r"\s+" + r"g(?:ü|ii|li|u|i)n[^\W\d_]{0,5}"

# People counted in Russian and Azerbaijani ("около 180 человек", "3500 nəfər").
PEOPLE_RU = (
    r"человек(?:а)?|лиц(?:а)?|заключ[её]нн[^\W\d_]*|осужд[её]нн[^\W\d_]*|граждан[^\W\d_]*"
    r"|женщин[^\W\d_]*|мужчин[^\W\d_]*|дет(?:ей|и)|несовершеннолетн[^\W\d_]*"
    r"|иностран(?:ц|н)[^\W\d_]*|военнослужащ[^\W\d_]*|задержанн[^\W\d_]*"
    r"|помилованн[^\W\d_]*|амнистированн[^\W\d_]*|беженц[^\W\d_]*|пострадавш[^\W\d_]*"
    r"|погибш[^\W\d_]*|жител[^\W\d_]*|судей|судьи|работник[^\W\d_]*|сотрудник[^\W\d_]*"
)
PEOPLE_AZ = "|".join(
    [tolerant(stem) + r"[^\W\d_]{0,8}" for stem in words("nəfər məhkum məhbus vətəndaş şəxs")]
    + [stem + r"[^\W\d_]{0,8}" for stem in words("uşaq qadın əcnəbi hərbçi əsir girov")]
)

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
    "combatants militants fighters troops peacekeepers IDPs foreigners foreigner"
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
