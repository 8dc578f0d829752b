"""Synthetic documents for the benchmarks in many layouts (written here, never copied).

The throughput corpus of ``bench/extraction.py`` and ``bench/ingest.py``: documents in
the shapes real third-party pages have, all invented here (never copied from the
development set or the seeds): law-firm newsletters (headline and paragraph items,
label:value items, numbered items with the citation line after the text, bullet lists),
news items with and without the page store's `` date YYYY-MM-DD`` first line and with
datelines ("ASTANA, March 3 (Agency) –"), UN treaty-body documents (symbol, ``Distr.:
General``, date, ``Original:``), Council of Europe texts (``Resolution NNNN (YYYY)``,
``Doc. NNNNN``, Venice Commission opinions), ministry pages wrapped in web chrome
(menus, "Skip to content", font-size widgets, tickers), Russian news items ("Указ
Президента … от 12 марта 2024 года № УП-45") and Azerbaijani ones ("2023-cü il 12 may
tarixli 345 nömrəli Fərmanı"), hard-wrapped or one paragraph per line. Instruments of
AZ, KZ, UZ, KG, AM, GE and RU carry their countries' number styles (``123-VIQD``,
``45-VI``, ``ZRU-801``, ``PP-120``, ``UP-45``, ``605-N``, ``94-FZ``).

The four seed-shaped families of the first version stay as four of the layouts, and as
``GENERATORS`` for ``bench/gen_corpus.py``: legislative-update newsletters (numbered
items with ``Document:``, ``Date of signing:``, ``Commentary:``), news items, UN
treaty-body follow-up reports and Council of Europe written declarations.

Numbers, dates, names and lengths (0.5-30 KB) vary with the seed, and the same seed
always gives the same bytes. People, firms and agencies are invented.

    python bench/corpus.py OUT_DIR N [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import math
import random
import re
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

MIN_BYTES = 500
MAX_BYTES = 30_000

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
AZ_MONTHS = (
    "yanvar", "fevral", "mart", "aprel", "may", "iyun",
    "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr",
)  # fmt: skip
# The ordinal suffix of a year in Azerbaijani follows the vowel of its last word
# (2022-ci il, 2023-cü il, 2026-cı il, 2019-cu il); right for the 2018-2026 used here.
AZ_YEAR_SUFFIX = {0: "ci", 1: "ci", 2: "ci", 3: "cü", 4: "cü", 5: "ci", 6: "cı", 7: "ci",
                  8: "ci", 9: "cu"}  # fmt: skip
NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty",
)  # fmt: skip
ORDINAL_WORDS = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                 "eighth", "ninth")  # fmt: skip
TENS_WORDS = {30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy"}

FIRST_DAY = dt.date(2019, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)


# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------


def en_date(day: dt.date) -> str:
    """``December 20, 2022``."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def dmy_date(day: dt.date) -> str:
    """``18 November 2025`` (UN and Council of Europe style)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def az_date(day: dt.date) -> str:
    """``20 dekabr 2022-ci il``."""
    return f"{day.day} {AZ_MONTHS[day.month - 1]} {day.year}-{AZ_YEAR_SUFFIX[day.year % 10]} il"


def words(n: int) -> str:
    if n < len(NUMBER_WORDS):
        return NUMBER_WORDS[n]
    if n in TENS_WORDS:
        return TENS_WORDS[n]
    return str(n)


def thousands(n: int, sep: str = ",") -> str:
    return f"{n:,}".replace(",", sep)


def random_day(rng: random.Random, start: dt.date = FIRST_DAY, end: dt.date = LAST_DAY) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def size_of(parts: Sequence[str]) -> int:
    return sum(len(part.encode("utf-8")) for part in parts)


def target_size(rng: random.Random, low: int, high: int) -> int:
    """A length between ``low`` and ``high`` bytes, spread evenly on a log scale."""
    return int(math.exp(rng.uniform(math.log(low), math.log(high))))


_ITEM_LIKE = re.compile(r"^[ \t]?\d{1,2}\.[ \t]")


def hard_wrap(text: str, width: int) -> str:
    """Wrap like text pulled out of a PDF, never starting a line that looks like an item."""
    lines: list[str] = []
    for line in textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False):
        if lines and _ITEM_LIKE.match(line):
            lines[-1] += " " + line
        else:
            lines.append(line)
    return "\n".join(lines)


# --------------------------------------------------------------------------------------
# Legislative-update newsletters
# --------------------------------------------------------------------------------------

# (subject of the act, headline of the item)
NEWSLETTER_TOPICS = (
    ("additional measures related to the improvement of the investment promotion mechanism",
     "Additional measures related to the development of the investment promotion mechanism "
     "were adopted"),
    ('the approval of the "Model Regulation on clusters of micro, small and medium business '
     'entities"',
     "The Model Regulation on clusters of micro, small and medium business entities has been "
     "approved"),
    ("the application of tax incentives in industrial parks and agroparks",
     "Tax incentives for residents of industrial parks and agroparks have been extended"),
    ("the establishment of the Digital Development Fund",
     "A fund supporting digital development projects has been established"),
    ("the regulation of electronic invoices in foreign trade operations",
     "Rules on electronic invoices for exporters and importers have been changed"),
    ("measures to support the export of non-oil products",
     "Export promotion payments for non-oil products have been increased"),
    ("the rules for issuing special permits for renewable energy projects",
     "A special permit regime for renewable energy producers has been introduced"),
    ("additional measures to improve the social protection of low-income families",
     "Targeted social assistance thresholds have been revised"),
    ("the regulation of the activities of payment service providers",
     "New licensing requirements for payment service providers have been adopted"),
    ("the approval of the Rules for the registration of foreign workers",
     "The procedure for registering foreign workers has been simplified"),
    ("measures to develop free economic zones in the liberated territories",
     "Incentives for entrepreneurs operating in the liberated territories have been set"),
    ("the state duty applicable to the compulsory marking of excise goods",
     "Manufacturers and importers of tobacco products are exempt from paying the state duty "
     "for compulsory marking"),
    ("the improvement of the mechanism for the restructuring of problem loans",
     "The mechanism for restructuring problem loans of individuals has been improved"),
    ("the simplification of customs procedures for small and medium businesses",
     "Customs clearance for small and medium businesses has been simplified"),
    ("the minimum monthly wage in the Republic of Azerbaijan",
     "The minimum monthly wage has been increased"),
)  # fmt: skip

CODES = (
    "Tax Code", "Labor Code", "Criminal Code", "Code of Administrative Offenses",
    "Customs Code", "Civil Code", "Land Code", "Migration Code",
)  # fmt: skip
LAWS = (
    '"On State Duties"', '"On Customs Tariff"', '"On Investment Activity"',
    '"On Currency Regulation"', '"On Entrepreneurship"', '"On Social Insurance"',
    '"On Licenses and Permits"', '"On Payment Services and Payment Systems"',
)  # fmt: skip
SUBJECTS = (
    "legal entities and individual entrepreneurs", "residents of industrial parks",
    "SME cluster companies", "exporters of non-oil products", "employers",
    "banks and non-bank credit organizations", "holders of an investment promotion certificate",
    "manufacturers and importers of excise goods", "micro and small business entities",
)  # fmt: skip
NEWSLETTER_BULLETS = (
    "projects to be implemented in industrial districts and agroparks;",
    "projects to be implemented in tourism and recreation zones;",
    "projects to be implemented in other cities and regions, except Baku, Sumgait and Ganja;",
    "strategic investment projects in the directions determined by the President;",
    "a copy of the extract from the state registry confirming the legal entity's registration;",
    "a copy of the certificate on registration of a legal entity as a taxpayer;",
    "the original of the power of attorney confirming the authority of the representative;",
    "financial and economic justification of the project (listed as Appendix No. 2);",
    "a list of at least 10 (ten) micro, small or medium-sized business entities;",
    "documents confirming the absence of overdue tax debts;",
)  # fmt: skip


def _newsletter_sentences(rng: random.Random, word: str, signed: dt.date) -> list[str]:
    """Commentary sentences: amounts in manats, percentages, durations."""
    subject = rng.choice(SUBJECTS)
    code = rng.choice(CODES)
    pct = rng.choice((10, 20, 25, 30, 40, 50, 60, 75))
    years = rng.randint(2, 10)
    low = rng.choice((1, 2, 3, 5))
    high = low + rng.choice((1, 2, 5))
    fine_a = rng.choice((500, 1_000, 2_500, 5_000, 10_000))
    fine_b = fine_a * rng.choice((2, 3, 4))
    threshold = rng.choice((50_000, 100_000, 200_000, 500_000, 1_000_000))
    months = rng.randint(1, 18)
    start = signed + dt.timedelta(days=rng.randint(10, 200))
    candidates = [
        f"According to the {code} of the Republic of Azerbaijan, {subject} pay their "
        f"respective profit and income tax with a {pct} percent reduction for a period of "
        f"{years} years from the date of receipt of the certificate.",
        f"According to the {word}, the minimum investment amount is {low} ({words(low)}) "
        f"million manats for projects implemented in Baku, Sumgayit and Ganja, and {high} "
        f"({words(high)}) million manats for projects implemented in other areas.",
        f"A fine in the amount of {thousands(fine_a)} manats to {thousands(fine_b)} manats is "
        f"applied to officials, and {thousands(fine_b)} manats to {thousands(fine_b * 2)} "
        f"manats to legal entities, for a violation of the new requirements.",
        f"{subject[0].upper()}{subject[1:]} whose annual turnover does not exceed "
        f"{thousands(threshold)} manats are exempt from value added tax for {years} years "
        f"from {en_date(start)}.",
        f"The exemption applies within {months} month{'s' if months > 1 else ''} from the date "
        f"of receiving the notification, and may be extended {words(rng.randint(2, 5))} "
        f"times provided that each extension does not exceed {rng.randint(1, 3)} months.",
        f"The state duty for issuing the certificate is set at "
        f"{rng.choice(('0.07', '5', '20', '40', '110', '250'))} manats, and the certificate "
        f"is issued for {years} years.",
        f"Employers who create at least {rng.choice((5, 10, 20, 50))} new jobs receive a "
        f"subsidy of up to {pct} percent of the salary of each new employee for {months} "
        f"months.",
        f"In a significant amount (that is, in an amount exceeding {thousands(threshold)} "
        f"manats) such acts are punished by a fine of {pct} percent of the value of the object "
        f"of the crime or restriction of freedom for a term of up to {low + 1} years.",
        f"The legal entity in which {pct} ({words(pct)}) percent or more of the shares belong "
        f"directly or indirectly to the state may not apply for the certificate.",
        f"The amount deducted each time the salary is paid cannot exceed {pct} percent of the "
        f"salary, and in other cases stipulated by legislation it cannot exceed "
        f"{min(pct + 30, 70)} percent.",
        f"The application is considered by the relevant agency within {rng.randint(5, 30)} "
        f"working days, and the decision is communicated to the applicant in writing.",
        f"The {word} also approved the list of fields of economic activity, areas and zones "
        f"where the investment is carried out, as well as the volume of the investment "
        f"project.",
    ]
    # every item states at least one amount in manats and one percentage
    money = rng.choice([c for c in candidates if "manat" in c])
    share = rng.choice([c for c in candidates if "percent" in c and c != money])
    others = [c for c in candidates if c not in (money, share)]
    chosen = [money, share, *rng.sample(others, rng.randint(1, 5))]
    rng.shuffle(chosen)
    return chosen


def _newsletter_item(
    rng: random.Random, number: int, issue: dt.date, width: int
) -> tuple[str, str]:
    """One numbered item in English, and the same item in Azerbaijani."""
    subject, headline = rng.choice(NEWSLETTER_TOPICS)
    signed = issue - dt.timedelta(days=rng.randint(3, 60))
    kind = rng.random()
    if kind < 0.6:
        word, az_word, az_dative = "Decree", "Fərman", "Fərmana"
        act_no = str(rng.randint(1_100, 2_900))
        document = (
            f"Decree No. {act_no} of the President of the Republic of Azerbaijan on {subject} "
            f'(the "Decree")'
        )
        az_document = (
            f"Azərbaycan Respublikası Prezidentinin {act_no} nömrəli Fərmanı (“{az_word}”)"
        )
    elif kind < 0.85:
        word, az_word, az_dative = "Law", "Qanun", "Qanuna"
        act_no = f"{rng.randint(300, 1_200)}-{rng.choice(('VIQD', 'VIIQD'))}"
        target = rng.choice((f"the {rng.choice(CODES)}", f"the Law {rng.choice(LAWS)}"))
        document = (
            f"Law No. {act_no} of the Republic of Azerbaijan on Amendments to {target} of the "
            f'Republic of Azerbaijan ("Law")'
        )
        az_document = f"Azərbaycan Respublikasının {act_no} nömrəli Qanunu (“{az_word}”)"
    else:
        word, az_word, az_dative = "Resolution", "Qərar", "Qərara"
        act_no = str(rng.randint(20, 600))
        document = (
            f"Resolution No. {act_no} of the Cabinet of Ministers of the Republic of Azerbaijan "
            f'on {subject} ("Resolution")'
        )
        az_document = (
            f"Azərbaycan Respublikası Nazirlər Kabinetinin {act_no} nömrəli Qərarı (“{az_word}”)"
        )
    in_force = signed + dt.timedelta(days=rng.choice((0, 1, 10, 15, 30, 45, 60, 90, 180)))
    if rng.random() < 0.3:  # often the first day of a month or year
        in_force = dt.date(in_force.year + (in_force.month == 12), in_force.month % 12 + 1, 1)
    tense = "enters" if in_force > issue else "entered"

    sentences = _newsletter_sentences(rng, word, signed)
    split = rng.randint(1, len(sentences))
    paragraphs = [
        hard_wrap(f"Commentary: {' '.join(sentences[:split])}", width),
    ]
    if split < len(sentences):
        paragraphs.append(hard_wrap(" ".join(sentences[split:]), width))
    if rng.random() < 0.5:
        bullets = rng.sample(NEWSLETTER_BULLETS, rng.randint(2, 5))
        paragraphs.append(
            hard_wrap(f"According to the {word}, the following documents are required:", width)
        )
        paragraphs.extend(hard_wrap(f"- {bullet}", width) for bullet in bullets)
    english = "\n\n".join(
        [
            hard_wrap(f"{number}. {headline}", width),
            hard_wrap(f"Document: {document}", width),
            f"Date of signing: {en_date(signed)}",
            *paragraphs,
            f"The {word} {tense} into force on {en_date(in_force)}.",
        ]
    )

    pct = rng.choice((20, 30, 50, 75))
    years = rng.randint(2, 10)
    amount = rng.choice((1, 3, 5, 10))
    az_comment = rng.choice(
        (
            f"{az_dative} əsasən, hüquqi şəxslər və fərdi sahibkarlar mənfəət vergisini {pct} "
            f"faiz güzəştlə {years} il müddətinə ödəyirlər.",
            f"{az_dative} əsasən, minimal investisiya məbləği {amount} milyon manat müəyyən "
            f"edilir və sənəd {years} il müddətinə verilir.",
            f"{az_dative} əsasən, cərimə {thousands(amount * 1_000)} manatdan "
            f"{thousands(amount * 4_000)} manatadək məbləğdə tətbiq edilir.",
        )
    )
    azerbaijani = "\n\n".join(
        [
            hard_wrap(f"{number}. {az_word} qəbul edilib", width),
            hard_wrap(f"Sənəd: {az_document}", width),
            f"İmzalanma tarixi: {az_date(signed)}",
            hard_wrap(f"Şərh: {az_comment}", width),
            f"{az_word} {az_date(in_force)} tarixdən qüvvəyə minir.",
        ]
    )
    return english, azerbaijani


def newsletter(rng: random.Random) -> str:
    issue = random_day(rng, dt.date(2019, 3, 1))
    width = rng.randint(86, 96)
    target = target_size(rng, 1_500, MAX_BYTES)
    bilingual = rng.random() < 0.35
    parts = [
        "Legislative Update Newsletter",
        en_date(issue),
        hard_wrap(
            "Overview of recent changes in the Azerbaijani legislation which could materially "
            "impact your business",
            width,
        ),
        "Tax and Legal Services",
    ]
    az_parts = [
        hard_wrap(
            "Biznes fəaliyyətinizə əhəmiyyətli dərəcədə təsir göstərə biləcək Azərbaycan "
            "qanunvericiliyinə edilən son dəyişikliklərin icmalını Sizin diqqətinizə "
            "çatdırırıq.",
            width,
        ),
        "Vergi və Hüquq Xidmətləri",
    ]
    items: list[str] = []
    az_items: list[str] = []
    for number in range(1, 31):
        english, azerbaijani = _newsletter_item(rng, number, issue, width)
        extra = [english, azerbaijani, *az_parts] if bilingual else [english]
        if items and size_of([*parts, *items, *az_items, *extra]) + 8 * len(items) > target:
            break
        items.append(english)
        az_items.append(azerbaijani)
    body = "\n\n".join([*parts, *items])
    if bilingual:
        body += "\n\n\n\n" + "\n\n".join([*az_parts, *az_items])
    return body + "\n"


# --------------------------------------------------------------------------------------
# News items
# --------------------------------------------------------------------------------------

NEWS_COUNTRIES = (
    "Azerbaijan", "Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Tajikistan", "Georgia",
    "Armenia", "Turkmenistan", "Mongolia",
)  # fmt: skip
AGENCIES = ("Report", "Trend", "Caspian Wire", "Steppe News", "Silk Road Post", "Daily Ledger")
OCCASIONS = (
    "the anniversary of the Constitution", "Independence Day", "Victory Day",
    "the national holiday of Novruz", "the anniversary of independence", "the New Year",
)  # fmt: skip


def _news_headline(rng: random.Random, country: str, agency: str, act: str, total: int) -> str:
    return rng.choice(
        (
            f"{country} begins implementing an {act} today, {agency} informs.",
            f"Parliament of {country} adopts an {act} marking {rng.choice(OCCASIONS)}",
            f"{country}'s {act} to cover over {thousands(total)} people, {agency} reports.",
            f"President of {country} signs an {act} ahead of {rng.choice(OCCASIONS)}",
            f"{country} to release thousands of prisoners under a new {act}, {agency} reports.",
        )
    )


def _news_paragraphs(
    rng: random.Random, country: str, act: str, total: int, published: dt.date
) -> list[str]:
    """The head-count and the duration come first: every item keeps them."""
    released = total // 100 * rng.randint(15, 35)
    reduced = total // 100 * rng.randint(10, 25)
    liberty = total // 100 * rng.randint(20, 35)
    other = total - released - reduced - liberty
    adopted = published - dt.timedelta(days=rng.randint(1, 40))
    duration = rng.choice(
        (
            f"In total, the {act} will take {words(rng.randint(2, 8))} months to implement.",
            f"The courts and the penitentiary service must complete the review of individual "
            f"cases within {rng.choice((10, 15, 30, 45, 60, 90))} days of the entry into force "
            f"of the {act}.",
        )
    )
    optional = [
        "As part of the amnesty, the process of releasing those convicted will be taking place "
        "with the participation of officials, representatives of the civil society and the "
        "media.",
        f"The {act} was initiated by the President of {country}, and Parliament adopted a "
        f"corresponding law based on it on {en_date(adopted)}.",
        f"The {act} provides for exemption from punishment or criminal liability for women, "
        f"individuals over {rng.choice((60, 65))} years of age, those who were minors at the "
        f"time of the crime, persons with disabilities of the first and second groups, and "
        f"others.",
        f"In addition, more than {thousands(rng.randint(2, 30) * 50)} individuals will be "
        f"exempted from criminal liability.",
        f"Furthermore, according to the document, individuals sentenced for crimes that pose "
        f"little public danger will be released or have the unserved portion of their "
        f"sentences reduced by {rng.choice(('one third', 'one half', 'one quarter'))}.",
    ]
    rng.shuffle(optional)
    head_count = (
        f"The {act} is expected to affect a total of over {thousands(total)} individuals: over "
        f"{thousands(released)} convicts will be released from prison, the prison terms of "
        f"over {thousands(reduced)} individuals will be reduced, over {thousands(liberty)} "
        f"convicts will be released from restriction of liberty, and approximately "
        f"{thousands(other)} convicts will be released from other punishments."
    )
    return [head_count, duration, *optional]


def _news_background(rng: random.Random, country: str) -> list[str]:
    year = rng.randint(1991, 2018)
    people = rng.randint(30, 250)
    return [
        f"- In {year}, the authorities of {country} adopted the first amnesty act after "
        f"independence; it covered {thousands(rng.randint(2, 20) * 1_000)} people.",
        f"- According to various estimates, from {people} to {people * 3} people were held in "
        f"pre-trial detention at the time the act was announced.",
        f"- The previous amnesty took {words(rng.randint(2, 6))} months to implement and was "
        f"carried out in {rng.randint(2, 4)} stages.",
        "- Human rights organisations welcomed the decision but called for the release of "
        "journalists and activists as well.",
    ]


def news(rng: random.Random) -> str:
    country = rng.choice(NEWS_COUNTRIES)
    agency = rng.choice(AGENCIES)
    act = rng.choice(("amnesty act", "amnesty law"))
    day = random_day(rng)
    target = target_size(rng, MIN_BYTES, 6_000)
    total = rng.randint(30, 300) * 100
    first = f" date {day.isoformat()} {_news_headline(rng, country, agency, act, total)}"
    head_count, duration, *optional = _news_paragraphs(rng, country, act, total, day)
    if rng.random() < 0.4:
        optional += _news_background(rng, country)
    separator = rng.choice(("\n\n", "\n"))
    kept = [head_count]
    for paragraph in optional:
        size = len(separator.join([first, *kept, duration]).encode("utf-8"))
        if size >= MIN_BYTES and size + len(separator) + len(paragraph.encode("utf-8")) > target:
            break
        # the news item tells the story in order: context first, the figures, then the rest
        kept.insert(0 if paragraph.startswith("As part") else len(kept), paragraph)
    return separator.join([first, *kept, duration])


# --------------------------------------------------------------------------------------
# UN treaty-body follow-up reports
# --------------------------------------------------------------------------------------

# (convention title lines, committee, symbol prefix)
TREATIES = (
    (("Convention against Torture", "and Other Cruel, Inhuman", "or Degrading Treatment",
      "or Punishment"), "Committee against Torture", "CAT"),
    (("International Covenant on", "Civil and Political Rights"), "Human Rights Committee",
     "CCPR"),
    (("International Convention on", "the Elimination of All Forms", "of Racial Discrimination"),
     "Committee on the Elimination of Racial Discrimination", "CERD"),
    (("Convention on the Elimination", "of All Forms of Discrimination", "against Women"),
     "Committee on the Elimination of Discrimination against Women", "CEDAW"),
)  # fmt: skip
STATES = (
    ("Azerbaijan", "AZE"), ("Kazakhstan", "KAZ"), ("Uzbekistan", "UZB"), ("Kyrgyzstan", "KGZ"),
    ("Tajikistan", "TJK"), ("Georgia", "GEO"), ("Armenia", "ARM"), ("Turkmenistan", "TKM"),
    ("the Republic of Moldova", "MDA"), ("Mongolia", "MNG"),
)  # fmt: skip
REPORT_CODES = (
    ("Criminal Procedure Code", (19, 90, 153, 194, 449)),
    ("Criminal Code", (100, 113, 115, 120, 133, 293, 328)),
    ("Code on Execution of Punishments", (10, 61, 81, 90)),
    ("Code of Administrative Offenses", (35, 206, 510, 535)),
    ("Law “On Lawyers and Legal Activities”", (1, 7, 15, 20)),
    ("Law “On Ensuring the Rights and Freedoms of Persons Held in Custody”", (4, 12, 19)),
)  # fmt: skip
RIGHTS = (
    "be informed of the grounds for their detention",
    "have access to a defence attorney from the moment of detention",
    "independently choose a defence attorney or defend themselves",
    "meet privately with their lawyer without limitation on the number of meetings",
    "access free legal assistance at the expense of the state",
    "refuse to testify against themselves or their close relatives",
    "notify a relative of their whereabouts without delay",
    "undergo an independent medical examination upon request",
)  # fmt: skip
RULES = (
    "Internal Disciplinary Rules of Pre-trial Detention Facilities",
    "Rules of Conduct for Police Officers with Detained or Arrested Persons",
    "Rules on the Medical Examination of Persons Admitted to Penitentiary Establishments",
    "Regulations on the Public Committee for Monitoring Places of Detention",
)  # fmt: skip


def _article(rng: random.Random) -> tuple[str, str]:
    code, articles = rng.choice(REPORT_CODES)
    number = str(rng.choice(articles))
    if rng.random() < 0.6:
        number += f".{rng.randint(1, 9)}"
    if rng.random() < 0.3:
        number += f".{rng.randint(1, 12)}"
    return code, number


def _report_paragraph(rng: random.Random, state: str, before: dt.date, *, cite: bool) -> str:
    """A paragraph of the report; with ``cite`` it names an article of a code or law."""
    code, article = _article(rng)
    day = random_day(rng, dt.date(2014, 1, 1), before)
    count = rng.randint(2, 400)
    choices = [
        f"According to Article {article} of the {code} of {state}, a detained person has the "
        f"right to {rng.choice(RIGHTS)}, and the prosecuting authority must explain this right "
        f"immediately after detention.",
        f"On {day.strftime('%d.%m.%Y')}, {count} criminal case{'s' if count > 1 else ''} "
        f"{'were' if count > 1 else 'was'} initiated under Article {article} of the {code}, "
        f"and the investigation of {rng.randint(1, count)} of them has been completed.",
        f"In {MONTHS[day.month - 1]} {day.year}, a new provision was added to the "
        f"“{rng.choice(RULES)}” to ensure that detained persons can {rng.choice(RIGHTS)}.",
        f"According to Part {rng.randint(2, 30)} of the “{rng.choice(RULES)}” approved by the "
        f"decision of the Cabinet of Ministers from {en_date(day)}, persons held in custody "
        f"must be given the opportunity to {rng.choice(RIGHTS)}.",
        f"Since {day.year}, a total of {thousands(rng.randint(50, 9_000))} persons have "
        f"received free legal aid, and {thousands(rng.randint(10, 900))} complaints concerning "
        f"the conduct of officials have been examined.",
        f"Each of the {rng.randint(20, 90)} temporary detention facilities is equipped with "
        f"meeting, investigation and medical rooms, as well as a private space for detainees "
        f"to meet their lawyer confidentially.",
        f"In {day.year}, the Ombudsperson conducted {rng.randint(40, 600)} unannounced visits "
        f"to places of detention, and {rng.randint(1, 40)} officials were subjected to "
        f"disciplinary liability as a result.",
        f"A complaint regarding the refusal may be filed with a higher authority or the court "
        f"within {rng.choice((10, 15, 30))} days, in the manner prescribed by Article "
        f"{article} of the {code}.",
    ]
    first = rng.choice([c for c in choices if "Article" in c] if cite else choices)
    if rng.random() < 0.35:
        return f"{first} {rng.choice([c for c in choices if c != first])}"
    return first


def _report_bullets(rng: random.Random) -> list[str]:
    first = rng.randint(80, 160)
    return [
        f"- {right[0].upper()}{right[1:]} (Article {first}.{rng.randint(1, 9)}.{index});"
        for index, right in enumerate(rng.sample(RIGHTS, rng.randint(3, 6)), start=2)
    ]


def treaty_report(rng: random.Random) -> str:
    convention, committee, prefix = rng.choice(TREATIES)
    state, iso3 = rng.choice(STATES)
    report_no = rng.randint(2, 9)
    symbol = f"{prefix}/C/{iso3}/CO/{report_no}"
    periodic = ORDINAL_WORDS[report_no]
    adopted = random_day(rng, dt.date(2019, 1, 1), dt.date(2024, 6, 30))
    received = adopted + dt.timedelta(days=rng.randint(330, 420))
    distributed = received + dt.timedelta(days=rng.randint(10, 60))
    meeting = rng.randint(1_700, 2_300)
    target = target_size(rng, 3_000, MAX_BYTES)
    recommended = sorted(rng.sample(range(8, 45), rng.randint(2, 5)))
    labels = [f"{n} ({rng.choice('abcd')})" if rng.random() < 0.5 else str(n) for n in recommended]
    languages = rng.choice(
        (
            ("English", "English and French only"),
            ("Russian", "English, French, Russian and Spanish only"),
            ("English", "English, French and Spanish only"),
        )
    )
    head = [
        "\n\n\n\n**" + "\n".join(convention) + "**",
        f"Distr.: General\n{dmy_date(distributed)}",
        f"Original: {languages[0]}\n{languages[1]}",
        committee,
        f"**Information received from {state} on\nfollow-up to the concluding observations\n"
        f"on its {periodic} periodic report***",
        f"[Date received: {dmy_date(received)}]",
        "* The present document is being issued without formal editing.\n\n",
        "I. Introduction",
        f"1. The present document contains information on the implementation of the paragraphs "
        f"{', '.join(labels[:-1])} and {labels[-1]} contained in the recommendations of the "
        f"concluding observations on the {periodic} periodic report of {state}, which was "
        f"adopted by the "
        f"{committee} at its {ordinal(meeting)} meeting, held on {dmy_date(adopted)}.",
        "II. Additional information",
    ]
    body: list[str] = []
    paragraph_no = 2
    sections = list(zip("ABCDEFGH", labels, strict=False))
    limit = min(target, MAX_BYTES - 200)
    share = max(400, (limit - size_of(head)) // len(sections))  # bytes per section, roughly

    def size() -> int:
        return size_of([*head, *body]) + 2 * (len(head) + len(body))

    for number, (letter, label) in enumerate(sections, start=1):
        if body and size() + 400 > limit:
            break
        suffix = f" of the concluding observations ({symbol})" if letter == "A" else ""
        body.append(f"{letter}. Information on the paragraph {label}{suffix}")
        section_end = min(limit, size() + int(share * rng.uniform(0.6, 1.4)))
        if number == len(sections):
            section_end = limit
        first = True
        while first or size() < section_end:
            text = f"{paragraph_no}. {_report_paragraph(rng, state, received, cite=first)}"
            if not first and size() + len(text.encode("utf-8")) + 2 > limit:
                break
            body.append(text)
            paragraph_no += 1
            if first and rng.random() < 0.3:
                body.append(
                    f"{paragraph_no}. The {rng.choice(REPORT_CODES)[0]} stipulates that, from "
                    f"the moment a person is detained, they have the right to:\n"
                    + "\n".join(_report_bullets(rng))
                )
                paragraph_no += 1
            first = False
    return "\n\n".join([*head, *body]) + "\n"


# --------------------------------------------------------------------------------------
# Council of Europe written declarations
# --------------------------------------------------------------------------------------

GROUPS = {
    "ALDE": "Alliance of Liberals and Democrats for Europe",
    "ECPA": "European Conservatives, Patriots and Affiliates",
    "EPP/CD": "Group of the European People's Party",
    "NR": "Representatives not belonging to a Political Group",
    "SOC": "Socialists, Democrats and Greens Group",
    "UEL": "Group of the Unified European Left",
    "EC/DA": "European Conservatives Group and Democratic Alliance",
}
# country: (surnames, given names), combined at random so that no real member is named;
# where surnames are gendered the pools agree (GEORGIEV with Georgi, not with Mariya).
MEMBERS = {
    "Hungary": (("NÉMETH", "KOVÁCS", "SZABÓ", "HORVÁTH", "VARGA"), ("Zsolt", "Katalin", "Péter")),
    "France": (("BERNARD", "DUBOIS", "MOREAU", "FONTAINE"), ("François", "Hélène", "Jérôme")),
    "Türkiye": (("YILMAZ", "KAYA", "ŞAHİN", "ÇELİK", "ÖZTÜRK"), ("Mehmet", "Ayşe", "Zeynep")),
    "Republic of Moldova": (("ROTARU", "CEBAN", "MUNTEANU"), ("Ion", "Natalia", "Andrian")),
    "Serbia": (("JOVANOVIĆ", "PETROVIĆ", "ĐORĐEVIĆ"), ("Vladimir", "Milica", "Dragan")),
    "Croatia": (("HORVAT", "KOVAČEVIĆ", "BABIĆ", "MARIĆ"), ("Mato", "Ivana", "Marko")),
    "Germany": (("MÜLLER", "SCHMIDT", "KÖHLER", "WAGNER"), ("Achim", "Martina", "Jürgen")),
    "United Kingdom": (("SMITH", "JONES", "TAYLOR", "EVANS"), ("Michael", "Sarah", "Fiona")),
    "Estonia": (("TAMM", "SAAR", "SEPP", "MÄGI"), ("Aleksei", "Kristiina", "Tõnis")),
    "Ukraine": (("KOVALENKO", "BONDARENKO", "TKACHENKO"), ("Yuriy", "Olena", "Andriy")),
    "Bulgaria": (("GEORGIEV", "DIMITROV", "PETROV"), ("Georgi", "Dimitar", "Nikolay")),
    "Romania": (("POPESCU", "IONESCU", "STĂNESCU", "ȘERBAN"), ("Cristian-Augustin", "Andreea")),
    "North Macedonia": (("STOJANOVSKI", "TRAJKOVSKI"), ("Nikola", "Goran", "Clement")),
    "Poland": (("NOWAK", "WÓJCIK", "KOWALCZYK", "MAZUR"), ("Agnieszka", "Paweł", "Tomasz")),
    "Italy": (("ROSSI", "RUSSO", "FERRARI", "ESPOSITO"), ("Giulia", "Marco", "Francesca")),
    "Spain": (("GARCÍA", "MARTÍNEZ", "LÓPEZ", "SÁNCHEZ"), ("José", "María", "Lucía")),
    "Sweden": (("ANDERSSON", "JOHANSSON", "LINDQVIST"), ("Åsa", "Björn", "Karin")),
}
DECLARATION_STATES = (
    "Kazakhstan", "Azerbaijan", "Uzbekistan", "Georgia", "Armenia", "Kyrgyzstan",
    "the Republic of Moldova", "Ukraine",
)  # fmt: skip


def _declaration_title(rng: random.Random, state: str) -> str:
    return rng.choice(
        (
            f"Amnesty law in {state} marking {rng.randint(10, 35)} years of the Constitution",
            f"Release of political prisoners in {state}",
            f"Protecting the independence of lawyers in {state}",
            f"Judicial reform in {state}: the next steps",
            f"Ending the detention of journalists in {state}",
        )
    )


def _declaration_paragraphs(rng: random.Random, state: str, day: dt.date) -> list[str]:
    signed = day - dt.timedelta(days=rng.randint(5, 60))
    beneficiaries = rng.randint(20, 300) * 100
    released = beneficiaries // rng.randint(4, 10) // 100 * 100
    start = rng.randint(2020, 2025)
    paragraphs = [
        f"We refer to the Council of Europe Gender Equality Strategy for {start}–{start + 5}, "
        f"which promotes equal access to justice, particularly for women.",
        f"On {dmy_date(signed)}, the President of {state} signed into law an amnesty "
        f"benefitting over {thousands(beneficiaries, ' ')} convicted individuals. Approximately "
        f"{thousands(released, ' ')} will be released, and others will have their sentences "
        f"reduced.",
        "The amnesty applies to those convicted of low- to medium-severity offences, "
        "particularly from vulnerable groups, including women with children, minors, and the "
        "elderly. It excludes those convicted of crimes posing a serious threat to public or "
        "State security.",
        f"We note that {rng.randint(3, 60)} journalists and human rights defenders remain in "
        f"detention, some of them for more than {words(rng.randint(2, 6))} years.",
        f"We commend {state}'s continued efforts in advancing democratic reforms, protecting "
        f"human rights, and liberalising the justice system, and call on the authorities to "
        f"implement the amnesty within {words(rng.randint(2, 6))} months.",
        f"We call on the Committee of Ministers to follow up on the implementation of the "
        f"relevant judgments of the European Court of Human Rights concerning {state}.",
    ]
    return [paragraphs[1], *rng.sample([p for i, p in enumerate(paragraphs) if i != 1], 3)]


def _signatories(rng: random.Random, count: int) -> list[str]:
    people: dict[str, str] = {}  # "SURNAME Given, Country" -> group; one line per person
    countries = list(MEMBERS)
    groups = list(GROUPS)
    while len(people) < count:
        country = rng.choice(countries)
        surnames, given = MEMBERS[country]
        person = f"{rng.choice(surnames)} {rng.choice(given)}, {country}"
        people.setdefault(person, rng.choice(groups))
    return sorted(f"{person}, {group}" for person, group in people.items())


def declaration(rng: random.Random) -> str:
    state = rng.choice(DECLARATION_STATES)
    day = random_day(rng)
    signatories = _signatories(rng, rng.randint(20, 45))
    used_groups = sorted({line.rsplit(", ", 1)[1] for line in signatories})
    footnotes = [f"{group}: {GROUPS[group]}" for group in used_groups]
    parts = [
        f"\n\n\n\n**Doc. {rng.randint(14_000, 16_999)}**",
        dmy_date(day),
        f"## {_declaration_title(rng, state)}",
        f"**Written declaration No. {rng.randint(700, 899)}**",
        "---",
        "This written declaration does not reflect the position of the Assembly; only of those "
        "members that have signed it. It will not be considered further by the Assembly.",
        "---",
        "We, the undersigned, declare the following:",
        *_declaration_paragraphs(rng, state, day),
        "*Signed (see overleaf)*\n\n",
        "*Signed*<sup>1</sup>:",
        "  \n".join(signatories),
        "---",
        f"Total = {len(signatories)}",
        "---",
        "1. " + "  \n".join(footnotes),
    ]
    return "\n\n".join(parts)


# --------------------------------------------------------------------------------------
# Many layouts: the shapes real third-party pages have (written here, never copied)
# --------------------------------------------------------------------------------------

RU_MONTHS = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
WIDE_FIRST_DAY = dt.date(2017, 1, 1)
WIDE_LAST_DAY = dt.date(2026, 6, 30)


@dataclass(frozen=True)
class Country:
    code: str
    name: str  # "Kazakhstan"
    official: str  # "the Republic of Kazakhstan"
    adjective: str
    capital: str
    parliament: str
    government: str
    currency: str  # the word in English prose
    iso_currency: str
    symbol: str  # UN country code
    ru_name: str  # genitive, "Республики Казахстан"
    ru_capital: str


COUNTRIES = (
    Country("AZ", "Azerbaijan", "the Republic of Azerbaijan", "Azerbaijani", "BAKU",
            "Milli Majlis", "Cabinet of Ministers", "manats", "AZN", "AZE",
            "Азербайджанской Республики", "БАКУ"),
    Country("KZ", "Kazakhstan", "the Republic of Kazakhstan", "Kazakh", "ASTANA",
            "Parliament", "Government", "tenge", "KZT", "KAZ",
            "Республики Казахстан", "АСТАНА"),
    Country("UZ", "Uzbekistan", "the Republic of Uzbekistan", "Uzbek", "TASHKENT",
            "Oliy Majlis", "Cabinet of Ministers", "soums", "UZS", "UZB",
            "Республики Узбекистан", "ТАШКЕНТ"),
    Country("KG", "Kyrgyzstan", "the Kyrgyz Republic", "Kyrgyz", "BISHKEK",
            "Jogorku Kenesh", "Cabinet of Ministers", "soms", "KGS", "KGZ",
            "Кыргызской Республики", "БИШКЕК"),
    Country("AM", "Armenia", "the Republic of Armenia", "Armenian", "YEREVAN",
            "National Assembly", "Government", "drams", "AMD", "ARM",
            "Республики Армения", "ЕРЕВАН"),
    Country("GE", "Georgia", "Georgia", "Georgian", "TBILISI",
            "Parliament", "Government", "lari", "GEL", "GEO",
            "Грузии", "ТБИЛИСИ"),
    Country("RU", "Russia", "the Russian Federation", "Russian", "MOSCOW",
            "State Duma", "Government", "rubles", "RUB", "RUS",
            "Российской Федерации", "МОСКВА"),
)  # fmt: skip

ROMAN = ("V", "VI", "VII", "VIII")


@dataclass(frozen=True)
class Act:
    """One invented instrument: how English, Russian and Azerbaijani texts cite it."""

    kind: str  # law, decree, resolution, order, code
    country: Country
    number: str
    ru_number: str
    day: dt.date
    authority: str
    subject: str

    @property
    def name(self) -> str:
        """``law on investment activity``, or the code's own name."""
        return self.subject if self.kind == "code" else f"{self.kind} {self.subject.lower()}"

    @property
    def topic(self) -> str:
        """The subject without its leading "On": ``investment activity``."""
        return self.subject.removeprefix("On ")

    @property
    def word(self) -> str:
        if self.kind == "code":
            return self.subject
        return {
            "law": "Law",
            "decree": "Decree",
            "resolution": "Resolution",
            "order": "Order",
            "code": "Code",
            "decision": "Decision",
        }[self.kind]

    def citation(self, style: int) -> str:
        """The act cited in one of several English styles."""
        c, d = self.country, self.day
        styles = (
            f"{self.word} No. {self.number} of {self.authority} dated {en_date(d)}",
            f"{self.authority} {self.word} No. {self.number} of {dmy_date(d)}",
            f"{self.word} of {c.official} No. {self.number} dated {d:%d.%m.%Y}",
            f"{self.word} {self.number} of {d:%d.%m.%Y}",
            f'{self.word} No. {self.number} "{self.subject}" of {en_date(d)}',
            f"{self.authority} {self.word} dated {dmy_date(d)} No. {self.number}",
        )
        return styles[style % len(styles)]

    def ru_citation(self) -> str:
        ru_word = {
            "law": "Закон",
            "decree": "Указ Президента",
            "resolution": "Постановление",
            "order": "Распоряжение",
            "code": "Кодекс",
            "decision": "Решение",
        }[self.kind]
        d = self.day
        when = f"от {d.day} {RU_MONTHS[d.month - 1]} {d.year} года"
        if self.kind == "law" and self.country.code == "RU":
            return f"Федеральный закон {when} № {self.ru_number}"
        if self.kind == "resolution":
            return f"Постановление Правительства {self.country.ru_name} {when} № {self.ru_number}"
        return f"{ru_word} {self.country.ru_name} {when} № {self.ru_number}"

    def az_citation(self) -> str:
        d = self.day
        when = f"{d.year}-{AZ_YEAR_SUFFIX[d.year % 10]} il {d.day} {AZ_MONTHS[d.month - 1]}"
        who, noun = {
            "law": ("Azərbaycan Respublikasının", "Qanunu"),
            "code": ("Azərbaycan Respublikasının", "Məcəlləsi"),
            "decree": ("Azərbaycan Respublikası Prezidentinin", "Fərmanı"),
            "order": ("Azərbaycan Respublikası Prezidentinin", "Sərəncamı"),
        }.get(self.kind, ("Azərbaycan Respublikası Nazirlər Kabinetinin", "Qərarı"))
        return f"{who} {when} tarixli {self.number} nömrəli {noun}"


ACT_SUBJECTS = (
    "On amendments to the Tax Code", "On investment activity", "On state duties",
    "On the protection of personal data", "On public procurement", "On currency regulation",
    "On special economic zones", "On amnesty in connection with Independence Day",
    "On measures to support small and medium-sized businesses", "On licensing",
    "On the minimum wage for 2024", "On electronic commerce", "On the labour market",
    "On renewable energy sources", "On the procedure for issuing residence permits",
    "On the state budget", "On public-private partnership", "On the Ombudsman",
    "On mass media", "On non-governmental organisations", "On notaries",
    "On administrative procedures", "On customs regulation", "On the digital economy",
)  # fmt: skip

PROSE = (
    "The document is aimed at improving the business environment and reducing the "
    "administrative burden on entrepreneurs.",
    "Taxpayers are advised to review their internal procedures in light of the changes.",
    "The new rules apply to contracts concluded after the date of entry into force.",
    "Transitional provisions allow existing licence holders to continue operating until "
    "their licences expire.",
    "The authorised body shall approve the implementing regulations within three months.",
    "Our team will continue to monitor the developments and keep you informed.",
    "The amendments also clarify the procedure for appealing decisions of the tax authorities.",
    "Companies that fail to comply may be held liable under the Code of Administrative "
    "Offences.",
    "The draft was discussed with the business community before its adoption.",
    "Please do not hesitate to contact us should you have any questions.",
    "The changes are expected to affect both residents and non-residents.",
    "A public register of beneficial owners will be maintained by the registration authority.",
    "Reporting forms will be published on the official website of the ministry.",
    "This publication is for information purposes only and does not constitute legal advice.",
)  # fmt: skip
RU_PROSE = (
    "Документ направлен на улучшение делового климата и снижение административной нагрузки.",
    "Новые правила распространяются на договоры, заключённые после вступления закона в силу.",
    "Уполномоченному органу поручено в трёхмесячный срок утвердить порядок применения.",
    "По данным ведомства, изменения затронут более 12 тыс. предпринимателей.",
    "Ранее сообщалось, что проект документа обсуждался с представителями бизнеса.",
    "Штраф за нарушение составит от 10 до 50 базовых расчётных величин.",
    "Действие документа распространяется также на иностранных инвесторов.",
)  # fmt: skip
AZ_PROSE = (
    "Sənəd sahibkarlıq mühitinin yaxşılaşdırılmasına yönəlib.",
    "Yeni qaydalar qüvvəyə mindikdən sonra bağlanan müqavilələrə şamil edilir.",
    "Nazirlər Kabineti üç ay müddətində qərar layihəsini hazırlayıb təqdim etməlidir.",
    "Qərarın icrasına nəzarət İqtisadiyyat Nazirliyinə həvalə olunub.",
    "Dəyişikliklər 5 min manatdan artıq dövriyyəsi olan şəxslərə aiddir.",
)  # fmt: skip
AGENCIES = (
    "Trend",
    "Kazinform",
    "UzDaily",
    "24.kg",
    "Armenpress",
    "Interpressnews",
    "Interfax",
    "Report",
    "Daryo",
)
FIRMS = (
    "Caspian Legal Partners",
    "Steppe & Co. Law Office",
    "Silk Road Advisory",
    "Ararat Tax Consulting",
    "Tian Shan Legal",
    "Kura Partners LLP",
)


def _number(rng: random.Random, country: Country, kind: str, day: dt.date) -> tuple[str, str]:
    """An instrument number in the country's style, in Latin and in Cyrillic letters."""
    n = rng.randint(1, 999)
    roman = rng.choice(ROMAN)
    if country.code == "AZ":
        if kind in ("law", "code"):
            suffix = rng.choice(("VIQD", "VIQ", "VIIQD", "VIIQ", "VQD"))
            return f"{n}-{suffix}", f"{n}-{suffix}"
        return str(rng.randint(10, 2500)), str(n)
    if country.code == "KZ":
        if kind in ("law", "code"):
            return f"{n}-{roman}", f"{n}-{roman}"
        return str(rng.randint(1, 1200)), str(n)
    if country.code == "UZ":
        prefix, ru = {
            "law": ("ZRU", "ЗРУ"),
            "code": ("ZRU", "ЗРУ"),
            "decree": ("UP", "УП"),
            "resolution": ("PP", "ПП"),
            "order": ("R", "Р"),
            "decision": ("PQ", "ПК"),
        }[kind]
        number = rng.randint(1, 999) if prefix != "PP" else rng.randint(1, 5200)
        return f"{prefix}-{number}", f"{ru}-{number}"
    if country.code == "KG":
        return str(rng.randint(1, 250)), str(n)
    if country.code == "AM":
        if kind in ("law", "code"):
            return f"HO-{n}-N", f"ЗР-{n}-Н"
        letter = rng.choice(("N", "L", "A"))
        ru = {"N": "Н", "L": "Л", "A": "А"}[letter]
        return f"{rng.randint(1, 2100)}-{letter}", f"{n}-{ru}"
    if country.code == "GE":
        if kind in ("law", "code"):
            return f"{rng.randint(100, 4999)}-IIs", f"{n}-IIс"
        return str(n), str(n)
    if kind in ("law", "code"):
        return f"{n}-FZ", f"{n}-ФЗ"
    return str(rng.randint(1, 2400)), str(n)


def make_act(
    rng: random.Random, country: Country | None = None, kind: str | None = None,
    day: dt.date | None = None,
) -> Act:  # fmt: skip
    country = country or rng.choice(COUNTRIES)
    kind = kind or rng.choice(("law", "law", "decree", "resolution", "resolution", "order", "code"))
    day = day or random_day(rng, WIDE_FIRST_DAY, WIDE_LAST_DAY)
    number, ru_number = _number(rng, country, kind, day)
    authority = {
        "law": f"the {country.parliament}",
        "code": f"the {country.parliament}",
        "decree": f"the President of {country.official}",
        "order": f"the President of {country.official}",
        "resolution": f"the {country.government} of {country.official}",
        "decision": f"the {country.government} of {country.official}",
    }[kind]
    subject = rng.choice(ACT_SUBJECTS)
    if kind == "code":
        subject = rng.choice(CODES)
    return Act(kind, country, number, ru_number, day, authority, subject)


def _amount_sentence(rng: random.Random, act: Act) -> str:
    value = rng.choice((150, 500, 2_500, 10_000, 75_000, 1_200_000, 30_000_000))
    shares = rng.choice((5, 12, 15, 20, 50))
    c = act.country
    options = (
        f"The fine for legal entities is increased to {thousands(value)} {c.currency}.",
        f"The minimum investment threshold is set at {c.iso_currency} {thousands(value)}.",
        f"Investors contributing at least USD {thousands(value)} may apply for a residence "
        f"permit for a period of {rng.randint(2, 10)} years.",
        f"The reduced rate of {shares}% applies to income not exceeding {thousands(value)} "
        f"{c.currency}.",
        f"About {thousands(rng.randint(120, 9_000))} people are expected to benefit within "
        f"{rng.randint(2, 18)} months.",
    )
    return rng.choice(options)


def _paragraph(rng: random.Random, act: Act, k: int = 3) -> str:
    parts = [_amount_sentence(rng, act), *rng.sample(PROSE, k)]
    rng.shuffle(parts)
    return " ".join(parts)


def _in_force(rng: random.Random, act: Act) -> tuple[dt.date, str]:
    day = act.day + dt.timedelta(days=rng.choice((1, 10, 30, 60, 90, 180)))
    if rng.random() < 0.4:
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return day, en_date(day)


def _grow(
    rng: random.Random,
    head: list[str],
    item: Callable[[int], str],
    tail: list[str],
    sep: str = "\n\n",
) -> str:
    """``head``, then items until the document reaches a drawn size, then ``tail``."""
    goal = target_size(rng, MIN_BYTES + 200, MAX_BYTES - 1_500)
    parts = list(head)
    index = 0
    while size_of(parts) + size_of(tail) < goal or index == 0:
        index += 1
        parts.append(item(index))
    return sep.join(parts + tail) + "\n"


def _wrap(rng: random.Random, text: str) -> str:
    """One paragraph per line, or hard-wrapped like text pulled out of a PDF."""
    if rng.random() < 0.5:
        return text
    width = rng.randint(60, 100)
    return "\n".join(hard_wrap(line, width) if len(line) > width else line
                     for line in text.split("\n"))  # fmt: skip


def _month_issue(rng: random.Random) -> dt.date:
    return random_day(rng, dt.date(2018, 1, 1), WIDE_LAST_DAY)


def newsletter_headlines(rng: random.Random) -> str:
    """A law-firm newsletter: a headline per item, then a paragraph citing the act."""
    issue = _month_issue(rng)
    country = rng.choice(COUNTRIES)
    firm = rng.choice(FIRMS)
    head = [
        f"{firm} | {country.name} Legal Update",
        f"{MONTHS[issue.month - 1]} {issue.year}",
        "In this issue:",
    ]

    def item(_: int) -> str:
        act = make_act(rng, country, day=issue - dt.timedelta(days=rng.randint(2, 90)))
        headline = rng.choice(
            (
                f"New rules on {act.topic.lower()}",
                f"Amendments: {act.name} adopted",
                f"{act.name[0].upper()}{act.name[1:]} signed",
            )
        )
        body = (
            f"On {en_date(act.day)}, {act.authority} adopted "
            f"{act.citation(rng.randrange(6))} ({act.subject}). {_paragraph(rng, act)}"
        )
        if rng.random() < 0.6:
            _, when = _in_force(rng, act)
            body += f" The {act.word} enters into force on {when}."
        return f"{headline}\n{body}"

    return _wrap(rng, _grow(rng, head, item, [rng.choice(PROSE)]))


def newsletter_labels(rng: random.Random) -> str:
    """Label:value items: Legal act, Authority, Date of adoption, Effective date."""
    issue = _month_issue(rng)
    head = [f"Legal acts digest No. {rng.randint(1, 60)}", f"Issued: {issue:%d.%m.%Y}"]

    def item(index: int) -> str:
        act = make_act(rng)
        force, _ = _in_force(rng, act)
        date_label = rng.choice(("Date of adoption", "Enactment Date", "Date of signing"))
        lines = [
            f"{index}. {act.subject}",
            f"Legal act: {act.word} No. {act.number}",
            f"Authority: {act.authority.removeprefix('the ')}",
            f"{date_label}: {rng.choice((en_date(act.day), f'{act.day:%d.%m.%Y}'))}",
            f"Effective date: {rng.choice((en_date(force), f'{force:%d.%m.%Y}'))}",
            f"Summary: {_paragraph(rng, act, 2)}",
        ]
        return "\n".join(lines)

    return _grow(rng, head, item, [])


def newsletter_citation_after(rng: random.Random) -> str:
    """Numbered items, each followed by its citation line in parentheses or brackets."""
    issue = _month_issue(rng)
    country = rng.choice(COUNTRIES)
    head = [
        f"{country.name.upper()} NEWSLETTER",
        f"{MONTHS[issue.month - 1]} {issue.year}",
        f"Review of legislation of {country.official}",
    ]

    def item(index: int) -> str:
        act = make_act(rng, country)
        text = f"{index}. The rules on {act.topic.lower()} have been changed. " + _paragraph(
            rng, act
        )
        cite = act.citation(rng.randrange(6))
        line = rng.choice((f"({cite})", f"[{cite}]", f"Source: {cite}"))
        return f"{text}\n{line}"

    return _wrap(rng, _grow(rng, head, item, [rng.choice(PROSE)]))


def newsletter_bullets(rng: random.Random) -> str:
    """A bullet list of acts, each bullet one citation and a short clause."""
    issue = _month_issue(rng)
    head = [f"Tax and legal alert {issue:%m/%Y}", "The following acts were adopted this month:"]
    bullet = rng.choice(("-", "•", "*", "–"))

    def item(_: int) -> str:
        act = make_act(rng)
        clause = rng.choice(PROSE).lower().rstrip(".")
        return f"{bullet} {act.citation(rng.randrange(6))}: {clause};"

    return _grow(rng, head, item, [rng.choice(PROSE)], sep="\n")


def news_item(rng: random.Random) -> str:
    """A news item, with or without the page store's `` date YYYY-MM-DD`` first line."""
    act = make_act(rng)
    c = act.country
    published = act.day + dt.timedelta(days=rng.randint(0, 5))
    agency = rng.choice(AGENCIES)
    headline = rng.choice(
        (
            f"{c.name} adopts {act.name}",
            f"President signs {act.name}",
            f"New {act.word.lower()} to take effect in {c.name}",
        )
    )
    first = f" date {published.isoformat()} {headline}" if rng.random() < 0.5 else headline
    style = rng.randrange(3)
    if style == 0:
        lead = (
            f"{c.capital}, {MONTHS[published.month - 1]} {published.day} ({agency}) – "
            f"{act.authority[0].upper()}{act.authority[1:]} has adopted "
            f"{act.citation(rng.randrange(6))}."
        )
    elif style == 1:
        lead = (
            f"{c.capital.title()}, {dmy_date(published)} / {agency} / The "
            f"{act.word.lower()} No. {act.number} {act.subject} was signed on "
            f"{en_date(act.day)}."
        )
    else:
        lead = (
            f'The {act.word.lower()} "{act.subject}" ({act.number}) was published on '
            f"{en_date(published)}, {agency} reports."
        )
    head = [first, lead]

    def item(_: int) -> str:
        return _paragraph(rng, act, rng.randint(1, 3))

    return _wrap(rng, _grow(rng, head, item, [f"Views: {rng.randint(30, 90_000)}"]))


UN_BODIES = (
    ("CCPR", "International Covenant on Civil and Political Rights", "Human Rights Committee"),
    ("CAT", "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or "
     "Punishment", "Committee against Torture"),
    ("CEDAW", "Convention on the Elimination of All Forms of Discrimination against Women",
     "Committee on the Elimination of Discrimination against Women"),
    ("CERD", "International Convention on the Elimination of All Forms of Racial "
     "Discrimination", "Committee on the Elimination of Racial Discrimination"),
    ("E/C.12", "International Covenant on Economic, Social and Cultural Rights",
     "Committee on Economic, Social and Cultural Rights"),
)  # fmt: skip


def un_document(rng: random.Random) -> str:
    """A UN treaty-body document: symbol, Distr., date, Original, then numbered paragraphs."""
    prefix, convention, committee = rng.choice(UN_BODIES)
    country = rng.choice(COUNTRIES)
    report = rng.randint(2, 7)
    issued = random_day(rng, WIDE_FIRST_DAY, WIDE_LAST_DAY)
    kind = rng.choice(("CO", "LOI", "FCO"))
    symbol = f"{prefix}/C/{country.symbol}/{kind}/{report}".replace("E/C.12/C/", "E/C.12/")
    title = {
        "CO": f"Concluding observations on the {ORDINAL_WORDS[report]} periodic report "
        f"of {country.name}",
        "LOI": f"List of issues in relation to the {ORDINAL_WORDS[report]} periodic report "
        f"of {country.name}",
        "FCO": f"Information received from {country.name} on follow-up to the concluding "
        f"observations",
    }[kind]
    head = [
        "\n".join(
            (
                f"United Nations{' ' * rng.randint(4, 40)}{symbol}",
                convention,
                "Distr.: General",
                dmy_date(issued),
                "",
                rng.choice(
                    (
                        "Original: English",
                        "Original: Russian\nEnglish, French, Russian and Spanish only",
                    )
                ),
            )
        ),
        committee,
        f"{title}*",
    ]
    meeting = issued - dt.timedelta(days=rng.randint(10, 40))

    def item(index: int) -> str:
        if index == 1:
            return (
                f"1. The Committee considered the {ORDINAL_WORDS[report]} periodic report "
                f"of {country.name} at its {rng.randint(1000, 4100)}th meeting, held on "
                f"{dmy_date(meeting)}, and adopted the present concluding observations on "
                f"{dmy_date(meeting + dt.timedelta(days=rng.randint(3, 14)))}."
            )
        act = make_act(rng, country, day=random_day(rng, WIDE_FIRST_DAY, meeting))
        text = rng.choice(
            (
                f"The Committee welcomes the adoption of {act.citation(rng.randrange(6))}.",
                f"The Committee notes with appreciation {act.citation(rng.randrange(6))} "
                f"({act.subject}).",
                f"The Committee is concerned that {act.word.lower()} No. {act.number} has not "
                f"been fully implemented in practice.",
                f"The State party should ensure that the National Strategy for "
                f"{meeting.year}–{meeting.year + rng.randint(3, 6)} is adequately funded.",
            )
        )
        return f"{index}. {text} {rng.choice(PROSE)}"

    return _wrap(
        rng,
        _grow(
            rng,
            head,
            item,
            [f"* Adopted by the Committee at its {rng.randint(60, 140)}th session."],
        ),
    )


def coe_text(rng: random.Random) -> str:
    """A Council of Europe text: PACE resolution or recommendation, or a Venice opinion."""
    adopted = random_day(rng, WIDE_FIRST_DAY, WIDE_LAST_DAY)
    country = rng.choice(COUNTRIES)
    doc = rng.randint(14_000, 16_200)
    if rng.random() < 0.65:
        word = rng.choice(("Resolution", "Recommendation"))
        number = rng.randint(1800, 2560) if word == "Resolution" else rng.randint(1800, 2260)
        head = [
            f"{word} {number} ({adopted.year})" + (rng.choice(("", "\nProvisional version"))),
            f"The functioning of democratic institutions in {country.name}",
            f"Parliamentary Assembly\nOrigin - Assembly debate on {dmy_date(adopted)} "
            f"({ordinal(rng.randint(1, 12))} sitting) (see Doc. {doc}, report of the Monitoring "
            f"Committee). Text adopted by the Assembly on {dmy_date(adopted)}.",
        ]
    else:
        number = rng.randint(900, 1200)
        head = [
            f"Strasbourg, {dmy_date(adopted)}\nCDL-AD({adopted.year}){rng.randint(1, 45):03d}\n"
            f"Opinion No. {number}/{adopted.year}",
            "EUROPEAN COMMISSION FOR DEMOCRACY THROUGH LAW\n(VENICE COMMISSION)",
            f"{country.adjective.upper()}\nOPINION ON THE DRAFT LAW "
            f"{rng.choice(ACT_SUBJECTS).upper()}",
        ]

    def item(index: int) -> str:
        act = make_act(rng, country, day=random_day(rng, WIDE_FIRST_DAY, adopted))
        text = rng.choice(
            (
                f"The Assembly takes note of {act.citation(rng.randrange(6))}.",
                f"The amendments introduced by {act.citation(rng.randrange(6))} raise concerns as "
                f"to their compatibility with Article {rng.randint(8, 14)} of the Convention.",
                f"It recalls its Resolution {rng.randint(1500, 2400)} ({rng.randint(2005, 2021)}) "
                f"and Doc. {rng.randint(11_000, 15_999)}.",
            )
        )
        return f"{index}. {text} {rng.choice(PROSE)}"

    return _wrap(rng, _grow(rng, head, item, []))


CHROME_LINES = (
    "Skip to content", "Skip to main content", "Version for the visually impaired",
    "A A A Font size", "Font size: A- A A+", "Home | About | Activities | Documents | Press "
    "center | Contacts", "Menu", "Search", "EN | RU", "Logo Ministry Logo",
    "background image", "Log in", "Sitemap", "Subscribe to news",
)  # fmt: skip


def ministry_page(rng: random.Random) -> str:
    """A ministry page: web chrome lines, a ticker, a page date, then the act."""
    country = rng.choice(COUNTRIES)
    act = make_act(rng, country)
    posted = act.day + dt.timedelta(days=rng.randint(0, 20))
    chrome = rng.sample(CHROME_LINES, rng.randint(3, 7))
    ticker = (
        f"USD {rng.randint(1, 12_800)}.{rng.randint(0, 99):02d} | "
        f"EUR {rng.randint(1, 13_900)}.{rng.randint(0, 99):02d}"
    )
    minister = rng.choice(("Economy", "Finance", "Justice", "Labour and Social Protection"))
    head = [
        "\n".join(
            [
                *chrome,
                ticker,
                f"Ministry of {minister} of {country.official}",
                "Home > Documents > Legal acts",
                rng.choice(
                    (
                        f"{posted:%d.%m.%Y}",
                        dmy_date(posted),
                        f"{posted:%d.%m.%Y %H:%M}".replace("00:00", "10:30"),
                    )
                ),
            ]
        ),
        f"{act.citation(rng.randrange(6))} {act.subject}",
    ]

    def item(_: int) -> str:
        return _paragraph(rng, act, 2)

    tail = [
        f"Views: {rng.randint(10, 5000)}",
        "Share: Facebook Telegram X",
        f"© {posted.year} Ministry of {minister}. All rights reserved.",
    ]
    return _grow(rng, head, item, ["\n".join(tail)])


def ru_news(rng: random.Random) -> str:
    """A Russian news item citing an act ``от 12 марта 2024 года № УП-45``."""
    country = rng.choice(COUNTRIES)
    act = make_act(rng, country)
    published = act.day + dt.timedelta(days=rng.randint(0, 4))
    headline = rng.choice(
        (
            f"Подписан новый закон о {rng.choice(('налогах', 'лицензировании', 'инвестициях'))}",
            "Объявлена амнистия",
            "Изменены правила выдачи видов на жительство",
        )
    )
    first = f" date {published.isoformat()} {headline}" if rng.random() < 0.4 else headline
    lead = (
        f"{country.ru_capital}, {published.day} {RU_MONTHS[published.month - 1]} — "
        f"{act.ru_citation()} вступает в силу со дня официального опубликования."
    )
    head = [first, lead]
    ticker = f"МРОТ {thousands(rng.randint(900_000, 1_300_000), ' ')} сум"

    def item(_: int) -> str:
        return " ".join(rng.sample(RU_PROSE, rng.randint(2, 4)))

    return _grow(
        rng,
        [ticker, *head] if rng.random() < 0.3 else head,
        item,
        [f"Просмотров: {rng.randint(100, 50_000)}"],
    )


def az_news(rng: random.Random) -> str:
    """An Azerbaijani item: ``2023-cü il 12 may tarixli 345 nömrəli Fərmanı``."""
    az = COUNTRIES[0]
    act = make_act(rng, az, kind=rng.choice(("decree", "law", "resolution", "order")))
    published = act.day + dt.timedelta(days=rng.randint(0, 6))
    head = [
        rng.choice(
            (
                "Prezident fərman imzalayıb",
                "Yeni qanun qüvvəyə minib",
                "Nazirlər Kabineti qərar qəbul edib",
            )
        ),
        f"{published.day} {AZ_MONTHS[published.month - 1].capitalize()} {published.year}",
        f"{act.az_citation()} ilə {rng.choice(('vergi güzəştləri', 'dövlət rüsumu', 'amnistiya'))} "
        f"haqqında yeni qaydalar təsdiq edilib.",
    ]

    def item(_: int) -> str:
        return " ".join(rng.sample(AZ_PROSE, rng.randint(2, 4)))

    return _grow(rng, head, item, [])


LAYOUTS: dict[str, Callable[[random.Random], str]] = {
    "newsletter_headlines": newsletter_headlines,
    "newsletter_labels": newsletter_labels,
    "newsletter_citation_after": newsletter_citation_after,
    "newsletter_bullets": newsletter_bullets,
    "news_item": news_item,
    "un_document": un_document,
    "coe_text": coe_text,
    "ministry_page": ministry_page,
    "ru_news": ru_news,
    "az_news": az_news,
    # the four seed-shaped families (GENERATORS, also used by bench/gen_corpus.py)
    "seed_newsletter": newsletter,
    "seed_news": news,
    "seed_treaty_report": treaty_report,
    "seed_declaration": declaration,
}


# --------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------

GENERATORS: dict[str, Callable[[random.Random], str]] = {
    "newsletter": newsletter,
    "news": news,
    "treaty_report": treaty_report,
    "declaration": declaration,
}


def _fit(text: str) -> str:
    """Keep a document inside MIN_BYTES..MAX_BYTES without breaking its shape much."""
    data = text.encode("utf-8")
    if len(data) > MAX_BYTES:
        cut = data[:MAX_BYTES].decode("utf-8", errors="ignore")
        text = cut[: cut.rfind("\n\n")] + "\n"
    return text


def make_corpus(out_dir: Path, n: int, *, seed: int = 1) -> list[Path]:
    """Write ``n`` synthetic documents into ``out_dir`` and return their paths.

    The layouts take turns in an order shuffled by ``seed``, so any ``len(LAYOUTS)``
    consecutive documents include each layout once. File names carry a content hash,
    never the layout (recognition must work from content). Existing files are left alone.
    """
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    order = list(LAYOUTS)
    written: list[Path] = []
    for index in range(n):
        if index % len(order) == 0:
            rng.shuffle(order)
        text = _fit(LAYOUTS[order[index % len(order)]](rng))
        data = text.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()[:16]
        path = out_dir / f"{index:05d}_{digest}.txt"
        path.write_bytes(data)
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must be 0 or more")
    paths = make_corpus(args.out_dir, args.n, seed=args.seed)
    total = sum(path.stat().st_size for path in paths)
    print(f"wrote {len(paths)} documents ({total / 1_000_000:.1f} MB) to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
