"""A large synthetic measure store, built fast, for the list/search/timeline benchmarks.

Ingesting 100,000 measures through the real pipeline would take many minutes, so this
writes the rows the pipeline would write (``storage.writer``) directly, in one
transaction: measures with titles, numbers and instruments in the seeds' styles across a
dozen jurisdictions; events 1995-2030 (signing, entry into force - some unknown -,
windows and implementation periods whose ends are derived by a rule, other dates);
quantities, references and links; a few hundred sources (texts from ``bench/corpus.py``)
with each measure's ``measure_text`` slice; both FTS5 indexes filled with the documents
``storage.writer`` would index, folded by ``storage.search.fold``; and the denormalised
``signed_on``/``in_force_on``/``source_count`` columns computed from those rows.
About 5% of measures get consultants' annotations (``ANNOTATED_SHARE``: statuses, tags,
follow-up dates, a few deleted, each with its version row) so that the list's annotation
filters and sorts are measured too. The same seed gives the same store.

    python bench/gen_corpus.py OUT.sqlite3 [--measures N] [--events-per-measure F] [--seed S]
"""

from __future__ import annotations

import argparse
import bisect
import calendar
import datetime as dt
import gc
import hashlib
import importlib.util
import itertools
import json
import multiprocessing
import random
import re
import sys
import time
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty
from types import ModuleType
from typing import Any, TypeVar
from uuid import UUID

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as a script: make ``lawtracker`` importable
    sys.path.insert(0, str(REPO_ROOT))

from sqlalchemy import Table  # noqa: E402
from sqlalchemy.engine import Connection  # noqa: E402

from lawtracker.domain.annotations import VersionAction  # noqa: E402
from lawtracker.domain.enums import (  # noqa: E402
    DocumentFamily,
    EventKind,
    Instrument,
    LinkKind,
    Qualifier,
    QuantityKind,
    ReferenceKind,
    ReviewStatus,
)
from lawtracker.storage.db import make_engine  # noqa: E402
from lawtracker.storage.migrate import upgrade_to_head  # noqa: E402
from lawtracker.storage.search import fold  # noqa: E402
from lawtracker.storage.tables import (  # noqa: E402
    FTS_TABLES,
    Annotation,
    AnnotationTag,
    AnnotationVersionRow,
    Event,
    Measure,
    MeasureLink,
    MeasureSource,
    MeasureText,
    Quantity,
    Reference,
    Source,
)

T = TypeVar("T")

FIRST_DAY = dt.date(1995, 1, 1)
LAST_DAY = dt.date(2030, 12, 31)
ANCHOR_LAST = dt.date(2026, 6, 30)  # signing dates stop here; later dates are in force/ends
CHUNK = 10_000  # measures per batch from the generator to the writer
PARALLEL_FROM = 20_000  # measures from which generating in a second process pays off
MEASURES_PER_SOURCE = 250  # 100,000 measures -> 400 sources ("a few hundred")
SLICE_CHARS = (300, 1_500)  # a measure's own text in its source, before paragraph rounding
QUANTITIES_PER_MEASURE = 1.2
REFERENCES_PER_MEASURE = 0.8
LINKS_PER_MEASURE = 0.4
SECOND_SOURCE_SHARE = 0.12
UNKNOWN_IN_FORCE_SHARE = 0.15
POOL_SIZE = 2_048  # distinct quantity/reference texts drawn from
ANNOTATED_SHARE = 0.05  # measures with annotations; 1-3 each, some deleted
FOLLOW_UP_SHARE = 0.4  # annotations with a follow-up date (2024-2028)
DELETED_SHARE = 0.05
ANNOTATION_TAGS = (
    "tax", "customs", "investment", "Energy", "procurement", "licensing", "pension",
    "criminal", "amnesty", "client A", "client B", "urgent",
)  # fmt: skip

# (code, country name, the state as a law names it, weight): Azerbaijan dominates, as in
# the seeds; its neighbours and the region follow.
JURISDICTIONS: tuple[tuple[str, str, str, int], ...] = (
    ("AZ", "Azerbaijan", "the Republic of Azerbaijan", 40),
    ("KZ", "Kazakhstan", "the Republic of Kazakhstan", 12),
    ("UZ", "Uzbekistan", "the Republic of Uzbekistan", 10),
    ("GE", "Georgia", "Georgia", 9),
    ("KG", "Kyrgyzstan", "the Kyrgyz Republic", 6),
    ("AM", "Armenia", "the Republic of Armenia", 6),
    ("TR", "Türkiye", "the Republic of Türkiye", 6),
    ("UA", "Ukraine", "Ukraine", 4),
    ("MD", "Moldova", "the Republic of Moldova", 3),
    ("TJ", "Tajikistan", "the Republic of Tajikistan", 2),
    ("TM", "Turkmenistan", "Turkmenistan", 1),
    ("RS", "Serbia", "the Republic of Serbia", 1),
)
# Codes are a fixed set per jurisdiction (created first); the rest follow these weights.
INSTRUMENT_WEIGHTS: dict[Instrument, float] = {
    Instrument.DECREE: 25,
    Instrument.LAW: 22,
    Instrument.RESOLUTION: 10,
    Instrument.ORDER: 7,
    Instrument.REGULATION: 6,
    Instrument.COURT_DECISION: 8,
    Instrument.AMNESTY_ACT: 1.5,
    Instrument.REPORT: 5,
    Instrument.DECLARATION: 3,
    Instrument.STATEMENT: 8,
    Instrument.OTHER: 4.5,
}
CODES = (
    "Tax Code", "Labor Code", "Criminal Code", "Code of Administrative Offenses",
    "Customs Code", "Civil Code", "Land Code", "Migration Code", "Criminal Procedure Code",
    "Code on Execution of Punishments",
)  # fmt: skip
LAWS = (
    "On State Duties", "On Customs Tariff", "On Investment Activity", "On Currency Regulation",
    "On Entrepreneurship", "On Social Insurance", "On Licenses and Permits", "On Media",
    "On Payment Services and Payment Systems", "On Lawyers and Legal Activities",
    "On Ensuring the Rights and Freedoms of Persons Held in Custody", "On Public Procurement",
    "On Personal Data", "On Electronic Signature and Electronic Document", "On Banks",
    "On Non-Governmental Organizations", "On Freedom of Assembly", "On Citizenship",
)  # fmt: skip
AREAS = (
    "investment promotion mechanism", "industrial parks and agroparks", "free economic zones",
    "electronic invoices in foreign trade", "renewable energy projects",
    "social protection of low-income families", "payment service providers",
    "registration of foreign workers", "restructuring of problem loans", "customs procedures",
    "minimum monthly wage", "compulsory marking of excise goods", "public procurement",
    "state support to agriculture", "digital development fund", "mortgage lending",
    "tourism and recreation zones", "micro, small and medium business entities",
    "protection of personal data", "civil service", "pension provision", "water supply",
    "road safety", "penitentiary service", "legal aid", "notarial activity", "state property",
    "export of non-oil products", "insurance activity", "higher education", "healthcare",
    "environmental protection", "labour migration", "housing construction",
    "energy efficiency", "telecommunications", "liberated territories", "state statistics",
)  # fmt: skip
DECREE_SUBJECTS = (
    "additional measures related to the improvement of the {area}",
    "measures to develop the {area}",
    'the approval of the "Model Regulation on {area}"',
    "the improvement of the management of the {area}",
    'the application of the Law "{law}"',
    "amendments to some decrees in connection with the {area}",
    "the establishment of the State Agency for {area}",
    "the State Programme on the {area} for {year}-{year2}",
)  # fmt: skip
LAW_SUBJECTS = (
    "on amendments to the {code}",
    'on Amendments to the Law of {state} "{law}"',
    'on amendments to the {code} and the Law "{law}"',
    '"{law}"',
    "on the ratification of the Agreement on {area}",
)  # fmt: skip
COURT_SUBJECTS = (
    '"On the application of the legislation regarding {topic}"',
    "on the interpretation of Article {article} of the {code}",
    "on the compliance of Article {article} of the {code} with the Constitution",
    '"On the judicial practice in cases concerning {topic}"',
)  # fmt: skip
COURT_TOPICS = (
    "the possible limits of withholding the debtor's salary without acceptance",
    "the recovery of damages caused by unlawful detention", "the protection of consumer rights",
    "disputes arising from loan agreements", "the calculation of penalties for late payment",
    "the enforcement of arbitral awards", "the eviction of tenants", "labour disputes",
    "the division of jointly acquired property", "the restriction of freedom of movement",
)  # fmt: skip
OCCASIONS = (
    "the anniversary of the Constitution", "Independence Day", "Victory Day",
    "the national holiday of Novruz", "the anniversary of independence", "the New Year",
)  # fmt: skip
STATEMENT_HEADLINES = (
    "{country} provides amnesty to those who lay down their arms",
    "{country} begins implementing an amnesty act",
    "{country} announces a reform of the {area}",
    "Government of {country} presents a draft law on the {area}",
    "{country} to release thousands of prisoners under a new amnesty law",
    "Parliament of {country} debates changes to the {code}",
)  # fmt: skip
OTHER_TITLES = (
    "Memorandum of understanding on the {area}",
    "Concept of the development of the {area} until {year2}",
    "Action plan on the {area} for {year}-{year2}",
    "Joint communiqué on the {area}",
)  # fmt: skip
SUMMARIES = (
    "{tail} has been approved",
    "Changes concerning {tail} were adopted",
    "The procedure related to {tail} has been simplified",
    "New requirements regarding {tail} have been introduced",
)  # fmt: skip
MINISTRIES = (
    "Justice", "Finance", "Economy", "Internal Affairs", "Labour and Social Protection",
    "Digital Development and Transport", "Energy", "Health", "Education", "Agriculture",
)  # fmt: skip
COURTS = (
    "Civil and Commercial Chambers of the Supreme Court", "Plenum of the Supreme Court",
    "Constitutional Court", "Court of Appeal",
)  # fmt: skip
TREATIES = (
    ("Convention against Torture", "CAT"),
    ("International Covenant on Civil and Political Rights", "CCPR"),
    ("Convention on the Elimination of All Forms of Discrimination against Women", "CEDAW"),
    ("International Convention on the Elimination of All Forms of Racial Discrimination", "CERD"),
)  # fmt: skip
ORDINALS = ("initial", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
ISO3 = {"AZ": "AZE", "KZ": "KAZ", "UZ": "UZB", "GE": "GEO", "KG": "KGZ", "AM": "ARM",
        "TR": "TUR", "UA": "UKR", "MD": "MDA", "TJ": "TJK", "TM": "TKM", "RS": "SRB"}  # fmt: skip
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")

# Event kinds in the order an instrument's text gives them; a measure with k events takes
# the first k (then "other" events), so most have a signing and an entry-into-force date.
E = EventKind
EVENT_SEQUENCES: dict[Instrument, tuple[EventKind, ...]] = {
    Instrument.DECREE: (E.SIGNED, E.IN_FORCE, E.WINDOW_START, E.WINDOW_END, E.PUBLISHED),
    Instrument.LAW: (E.SIGNED, E.IN_FORCE, E.PUBLISHED, E.ADOPTED, E.EXPIRES),
    Instrument.CODE: (E.ADOPTED, E.SIGNED, E.IN_FORCE, E.PUBLISHED),
    Instrument.COURT_DECISION: (E.ADOPTED, E.IN_FORCE, E.PUBLISHED),
    Instrument.AMNESTY_ACT: (E.SIGNED, E.IMPLEMENTATION_START, E.IMPLEMENTATION_END, E.IN_FORCE),
    Instrument.RESOLUTION: (E.ADOPTED, E.IN_FORCE, E.WINDOW_START, E.WINDOW_END),
    Instrument.ORDER: (E.SIGNED, E.IN_FORCE, E.EXPIRES),
    Instrument.REGULATION: (E.ADOPTED, E.IN_FORCE, E.IMPLEMENTATION_START, E.IMPLEMENTATION_END),
    Instrument.REPORT: (E.ISSUED, E.RECEIVED, E.ADOPTED),
    Instrument.DECLARATION: (E.ISSUED,),
    Instrument.STATEMENT: (E.ISSUED,),
    Instrument.OTHER: (E.ISSUED, E.SIGNED),
}
_PERIOD_STARTS = (E.WINDOW_START, E.IMPLEMENTATION_START)
OTHER_LABELS = (
    "The amnesty act provides for exemption from punishment or criminal liability for indivi…",
    "According to him, some militants have said they will resist despite the ceasefire agr…",
    "The armed conflict ended with the signing of the protocol on armistice and ceasefire…",
    "The Decree also approved the minimum amount related to the fields of economic activit…",
    "amended (cited)",
    "approved (cited)",
    "meeting held",
)  # fmt: skip

# bench/corpus.py family name -> the family the store records; newsletters twice as often
_FAMILIES = {
    "newsletter": DocumentFamily.NEWSLETTER,
    "news": DocumentFamily.NEWS,
    "treaty_report": DocumentFamily.TREATY_BODY_REPORT,
    "declaration": DocumentFamily.WRITTEN_DECLARATION,
}
_FAMILY_DRAW = ("newsletter", "newsletter", "news", "treaty_report", "declaration")
_PUBLISHERS = {
    DocumentFamily.TREATY_BODY_REPORT: "Committee against Torture",
    DocumentFamily.WRITTEN_DECLARATION: "Parliamentary Assembly of the Council of Europe",
    DocumentFamily.NEWS: "Report",
}
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}
_DATE_PATTERNS = (
    (re.compile(r"\A date (\d{4})-(\d{2})-(\d{2})"), "ymd"),
    (re.compile(r"Distr\.: General\n(\d{1,2}) ([A-Z][a-z]+) (\d{4})"), "dmy"),
    (re.compile(r"\*\*Doc\. \d+\*\*\s+(\d{1,2}) ([A-Z][a-z]+) (\d{4})"), "dmy"),
    (re.compile(r"\A[^\n]*\n\n([A-Z][a-z]+) (\d{1,2}), (\d{4})"), "mdy"),
)

# Columns written, per table. Everything is stored as SQLAlchemy would store it on SQLite:
# dates as ISO text, booleans as 0/1 (checked by tests/test_bench_gen_corpus.py).
_FACT = ("measure_id", "source_id", "span_start", "span_end", "lang", "confidence",
         "needs_review")  # fmt: skip
COLUMNS: dict[Any, tuple[str, ...]] = {
    Source: (
        "id", "file_name", "lineage", "version", "superseded", "sha256", "family", "title",
        "publisher", "date", "date_precision", "languages", "ocr_damaged", "text",
        "ingested_at",
    ),
    Measure: (
        "id", "key", "title", "instrument", "number", "jurisdiction", "authority", "summary",
        "signed_on", "in_force_on", "source_count", "created_at", "updated_at", "role",
        "confidence",
    ),
    MeasureSource: ("measure_id", "source_id"),
    MeasureText: ("id", "measure_id", "source_id", "lang", "span_start", "span_end"),
    Event: (*_FACT, "kind", "date", "precision", "derived", "rule", "label"),
    Quantity: (*_FACT, "kind", "value", "value_max", "unit", "qualifier", "condition", "text"),
    Reference: (*_FACT, "kind", "text", "normalized"),
    MeasureLink: (
        "from_measure_id", "kind", "target_key", "target_label", "source_id", "span_start",
        "span_end",
    ),
}  # fmt: skip

COUNT_NAMES = {
    Source: "sources",
    Measure: "measures",
    MeasureSource: "measure_sources",
    MeasureText: "measure_texts",
    Event: "events",
    Quantity: "quantities",
    Reference: "references",
    MeasureLink: "links",
}

_FIRST_ORD = FIRST_DAY.toordinal()
_LAST_ORD = LAST_DAY.toordinal()
# ISO text of every day in range: events are computed on ordinals and stored as this text.
_ISO = [dt.date.fromordinal(o).isoformat() for o in range(_FIRST_ORD, _LAST_ORD + 1)]


def _iso(ordinal: int) -> str:
    return _ISO[min(max(ordinal, _FIRST_ORD), _LAST_ORD) - _FIRST_ORD]


def _clip(ordinal: int) -> int:
    return min(max(ordinal, _FIRST_ORD), _LAST_ORD)


def _fold(value: str) -> str:
    """``search.fold``, skipped for ASCII text (it has nothing to fold, and is most text)."""
    return value if value.isascii() else fold(value)


class _Rand(random.Random):
    """``random.Random`` plus draws that cost a quarter of ``randint``/``choice`` (~1 µs here).

    A million draws for 100,000 measures make this the difference of several seconds.
    """

    def below(self, n: int) -> int:
        return int(self.random() * n)

    def between(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def count(self, mean: float) -> int:
        """0, 1, 2... with the given mean (geometric: mostly 0-2, now and then more)."""
        p = mean / (1 + mean)
        n = 0
        while self.random() < p:
            n += 1
        return n


def _weighted(weights: dict[T, int]) -> tuple[T, ...]:
    """Items repeated by weight, so one uniform ``pick`` is a weighted draw."""
    return tuple(item for item, weight in weights.items() for _ in range(weight))


_STATUS_DRAW = _weighted(
    {
        ReviewStatus.UNREVIEWED: 2,
        ReviewStatus.IN_REVIEW: 3,
        ReviewStatus.REVIEWED: 4,
        ReviewStatus.NEEDS_FOLLOW_UP: 2,
    }
)


@dataclass
class _SourceDoc:
    """A generated source text and the paragraphs measure slices are cut from."""

    id: int
    text: str
    folded: str
    family: DocumentFamily
    title: str
    date: dt.date | None
    en_paragraphs: list[tuple[int, int]]
    az_paragraphs: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _Rows:
    """Row tuples per table, in ``COLUMNS`` order, plus the ``measure_fts`` documents."""

    tables: dict[Any, list[tuple[Any, ...]]] = field(
        default_factory=lambda: {table: [] for table in COLUMNS}
    )
    measure_fts: list[tuple[int, int, str, str | None, str]] = field(default_factory=list)


# --------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------


def _load_corpus() -> ModuleType:
    """bench/ holds scripts, not a package: load the document generator from its path."""
    path = Path(__file__).resolve().parent / "corpus.py"
    spec = importlib.util.spec_from_file_location("bench_corpus_for_store", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the paragraphs in ``text[start:end]``; lines when it has few."""
    spans: list[tuple[int, int]] = []
    for separator in ("\n\n", "\n"):
        spans = []
        offset = start
        for chunk in text[start:end].split(separator):
            stripped = chunk.strip()
            if stripped:
                lead = chunk.index(stripped[0])
                spans.append((offset + lead, offset + lead + len(stripped)))
            offset += len(chunk) + len(separator)
        if len(spans) >= 3:
            break
    return spans or [(start, end)]


def _source_date(text: str) -> dt.date | None:
    for pattern, style in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            a, b, c = match.groups()
            if style == "ymd":
                return dt.date(int(a), int(b), int(c))
            if style == "dmy":
                return dt.date(int(c), _MONTHS[b], int(a))
            return dt.date(int(c), _MONTHS[a], int(b))
    return None


def _source_title(family: DocumentFamily, text: str) -> str:
    """What the pipeline takes as the title: headline, report title or declaration title."""
    if family is DocumentFamily.NEWS:
        line = text.split("\n", 1)[0]
        return re.sub(r"^ date \S+ ", "", line).rstrip(".").split(", ")[0]
    if family is DocumentFamily.TREATY_BODY_REPORT:
        match = re.search(r"\*\*(Information received[^*]+)\*\*", text)
        return " ".join(match.group(1).split()) if match else "Information received"
    if family is DocumentFamily.WRITTEN_DECLARATION:
        number = re.search(r"\*\*(Written declaration No\. \d+)\*\*", text)
        heading = re.search(r"^## (.+)$", text, re.M)
        return ": ".join(m.group(1) for m in (number, heading) if m) or "Written declaration"
    return text.split("\n", 1)[0].strip()


def _make_sources(rng: _Rand, count: int) -> list[_SourceDoc]:
    """``count`` documents of the four seed families, newsletters the most common."""
    corpus = _load_corpus()
    sources = []
    for index in range(count):
        name = rng.pick(_FAMILY_DRAW)
        text = corpus._fit(corpus.GENERATORS[name](rng))
        family = _FAMILIES[name]
        split = text.find("\n\n\n\nBiznes")  # where a bilingual newsletter turns Azerbaijani
        sources.append(
            _SourceDoc(
                id=index + 1,
                text=text,
                folded=fold(text),
                family=family,
                title=_source_title(family, text),
                date=_source_date(text),
                en_paragraphs=_paragraphs(text, 0, split if split > 0 else len(text)),
                az_paragraphs=_paragraphs(text, split + 4, len(text)) if split > 0 else [],
            )
        )
    return sources


def _source_rows(sources: Sequence[_SourceDoc], rng: _Rand, now: str) -> list[tuple[Any, ...]]:
    """Current sources, plus older versions of a few, superseded (they keep no facts)."""
    rows = []
    older = set(rng.sample(range(len(sources)), max(1, len(sources) // 30)))
    for index, source in enumerate(sources):
        digest = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
        name = f"{index:05d}_{digest[:16]}.txt"
        date = source.date.isoformat() if source.date else None
        rows.append(
            (source.id, name, name, 2 if index in older else 1, 0, digest, source.family.value,
             source.title, _PUBLISHERS.get(source.family), date, "day" if date else "unknown",
             "en,az" if source.az_paragraphs else "en", 0, source.text, now)
        )  # fmt: skip
    for number, index in enumerate(sorted(older), start=len(sources) + 1):
        current = rows[index]
        text = source_text = current[13].rstrip()
        text = text[: text.rfind("\n")].rstrip() if "\n" in text else text + " (draft)"
        assert text != source_text
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        rows.append((number, *current[1:3], 1, 1, digest, *current[6:13], text, now))
    return rows


# --------------------------------------------------------------------------------------
# Measures
# --------------------------------------------------------------------------------------


class _Namer:
    """Numbers, keys and titles in the seeds' styles; keys unique, numbers unique per kind."""

    def __init__(self, rng: _Rand) -> None:
        self.rng = rng
        self.counters: dict[tuple[str, str], itertools.count[int]] = {}
        self.keys: set[str] = set()

    def _next(self, jur: str, scope: str, start: int) -> int:
        counter = self.counters.setdefault((jur, scope), itertools.count(start))
        value = next(counter)
        for _ in range(self.rng.below(3)):  # numbering has gaps
            next(counter)
        return value

    def number(self, jur: str, instrument: Instrument, year: int) -> str | None:
        """``1913``, ``619-VIQD``, ``03/2022``, ``ZRU-512``... or ``None`` (reports, news)."""
        rng = self.rng
        convocation = ROMAN[min(9, (year - 1995) // 5 + 1)]
        if instrument is Instrument.DECREE:
            n = self._next(jur, "decree", rng.between(100, 900))
            return f"PF-{n}" if jur == "UZ" else str(n)
        if instrument is Instrument.LAW:
            n = self._next(jur, f"law-{convocation}", rng.between(1, 300))
            styles = {
                "AZ": f"{n}-{convocation}QD",
                "KZ": f"{n}-{convocation} ZRK",
                "UZ": f"ZRU-{n}",
                "GE": f"{n}-{convocation}მს",
                "AM": f"ՀՕ-{n}-Ն",
                "UA": f"{n}-{convocation}",
            }
            return styles.get(jur, str(n))
        if instrument is Instrument.COURT_DECISION:
            return f"{self._next(jur, f'court-{year}', 1):02d}/{year}"
        if instrument in (Instrument.RESOLUTION, Instrument.ORDER):
            return str(self._next(jur, instrument.value, rng.between(1, 60)))
        if instrument is Instrument.DECLARATION:
            return str(self._next("", "declaration", 400))
        return None

    def key(self, jur: str, instrument: Instrument, stem: str) -> str:
        slug = re.sub(r"[^\w]+", "-", stem.lower()).strip("-")
        key = f"{jur.lower()}/{instrument.value}/{slug}"
        candidate, suffix = key, 2
        while candidate in self.keys:
            candidate = f"{key}-{suffix}"
            suffix += 1
        self.keys.add(candidate)
        return candidate

    def title(self, jur_index: int, instrument: Instrument, number: str | None, year: int) -> str:
        rng = self.rng
        _, country, state, _ = JURISDICTIONS[jur_index]
        words = {
            "area": rng.pick(AREAS),
            "law": rng.pick(LAWS),
            "code": rng.pick(CODES),
            "state": state,
            "country": country,
            "year": year,
            "year2": year + rng.between(3, 10),
            "topic": rng.pick(COURT_TOPICS),
            "article": f"{rng.between(1, 350)}.{rng.between(1, 9)}",
        }
        if instrument is Instrument.DECREE:
            return f"Decree No. {number} on {rng.pick(DECREE_SUBJECTS).format(**words)}"
        if instrument is Instrument.LAW:
            return f"Law No. {number} {rng.pick(LAW_SUBJECTS).format(**words)}"
        if instrument is Instrument.COURT_DECISION:
            return f"Decision No. {number} {rng.pick(COURT_SUBJECTS).format(**words)}"
        if instrument is Instrument.RESOLUTION:
            subject = rng.pick(DECREE_SUBJECTS).format(**words)
            return f"Resolution No. {number} of the Cabinet of Ministers on {subject}"
        if instrument is Instrument.ORDER:
            subject = rng.pick(DECREE_SUBJECTS).format(**words)
            return f"Order No. {number} of the Ministry of {rng.pick(MINISTRIES)} on {subject}"
        area = words["area"]
        if instrument is Instrument.REGULATION:
            return rng.pick(
                (
                    f"Regulation on the {area}",
                    f"Rules for the registration of {area}",
                    f"Internal Disciplinary Rules of the {area}",
                )
            )
        if instrument is Instrument.AMNESTY_ACT:
            return rng.pick(
                (
                    f"{country} amnesty law",
                    f"Amnesty act on the occasion of {rng.pick(OCCASIONS)}",
                    f"Act on amnesty in connection with the {rng.between(10, 35)}th anniversary "
                    f"of the independence of {state}",
                )
            )
        if instrument is Instrument.REPORT:
            nth = rng.pick(ORDINALS)
            return rng.pick(
                (
                    f"Information received from {country} on follow-up to the concluding "
                    f"observations on its {nth} periodic report",
                    f"{nth.capitalize()} periodic report submitted by {country} under the "
                    f"{rng.pick(TREATIES)[0]}",
                )
            )
        if instrument is Instrument.DECLARATION:
            topic = rng.pick((f"Amnesty law in {country}", f"Political prisoners in {country}"))
            return f"Written declaration No. {number}: {topic}"
        if instrument is Instrument.STATEMENT:
            return rng.pick(STATEMENT_HEADLINES).format(**words)
        return rng.pick(OTHER_TITLES).format(**words)


def _authority(rng: _Rand, instrument: Instrument, state: str) -> str | None:
    if instrument in (Instrument.DECREE, Instrument.AMNESTY_ACT):
        return f"President of {state}"
    if instrument in (Instrument.LAW, Instrument.CODE):
        return f"Parliament of {state}" if rng.random() < 0.5 else None
    if instrument is Instrument.COURT_DECISION:
        return f"{rng.pick(COURTS)} of {state}"
    if instrument in (Instrument.RESOLUTION, Instrument.REGULATION):
        return "Cabinet of Ministers"
    if instrument is Instrument.ORDER:
        return f"Ministry of {rng.pick(MINISTRIES)}"
    if instrument is Instrument.REPORT:
        return "Committee against Torture"
    if instrument is Instrument.DECLARATION:
        return "Parliamentary Assembly of the Council of Europe"
    return None


def _summary(rng: _Rand, title: str) -> str | None:
    """A newsletter-style headline; a tenth of measures have none."""
    if rng.random() < 0.1:
        return None
    tail = title.split(" on ", 1)[1] if " on " in title else title
    summary = rng.pick(SUMMARIES).format(tail=tail)
    return summary[0].upper() + summary[1:]


def _event_counts(rng: _Rand, measures: int, total: int) -> list[int]:
    """Per-measure event counts summing to exactly ``total`` (at least one each if possible)."""
    base = 1 if total >= measures else 0
    counts = [base] * measures
    for index in rng.choices(range(measures), k=total - base * measures):
        counts[index] += 1
    return counts


def _add_months(ordinal: int, months: int) -> int:
    day = dt.date.fromordinal(ordinal)
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1])).toordinal()


def _period_end(rng: _Rand, begin: int, months: Sequence[int]) -> tuple[int, int]:
    """``begin`` plus one of ``months`` that stays inside the corpus' date range."""
    fitting = [m for m in months if _add_months(begin, m) <= _LAST_ORD] or [min(months)]
    chosen = rng.pick(fitting)
    return _clip(_add_months(begin, chosen)), chosen


_OTHER_PRECISIONS = _weighted({"day": 8, "month": 1, "year": 1})
_IN_FORCE_DELAYS = (0, 1, 10, 15, 30, 60, 90, 180)


def _events(
    rng: _Rand, instrument: Instrument, anchor: int, count: int
) -> list[tuple[str, int | None, str, int, str | None, str]]:
    """``count`` events ``(kind, day ordinal, precision, derived, rule, label)``."""
    sequence = list(EVENT_SEQUENCES[instrument][:count])
    if sequence and sequence[-1] in _PERIOD_STARTS:
        sequence[-1] = E.PUBLISHED  # a window that opens and never closes looks truncated
    sequence += [E.OTHER] * (count - len(sequence))
    in_force = _clip(anchor + rng.pick(_IN_FORCE_DELAYS))
    if rng.random() < 0.3:  # often the first day of a month
        next_month = dt.date.fromordinal(_add_months(in_force, 1))
        in_force = _clip(next_month.replace(day=1).toordinal())
    events = []
    start = in_force
    for kind in sequence:
        day: int | None
        precision, derived, rule = "day", 0, None
        if kind is E.SIGNED:
            day, label = anchor, "date of signing"
        elif kind is E.IN_FORCE:
            if rng.random() < UNKNOWN_IN_FORCE_SHARE:
                day, precision, label = None, "unknown", "entry into force not stated"
            else:
                day, label = in_force, "entry into force"
        elif kind is E.ADOPTED:
            day, label = _clip(anchor - rng.between(0, 30)), "adopted"
        elif kind is E.ISSUED:
            day, label = anchor, "document issued"
        elif kind is E.RECEIVED:
            day, label = _clip(anchor - rng.between(10, 60)), "received"
        elif kind is E.PUBLISHED:
            day, label = _clip(anchor + rng.between(1, 20)), "published"
        elif kind in _PERIOD_STARTS:
            start = day = _clip(in_force + rng.pick((0, 0, 30, 90, 365)))
            label = "window opens" if kind is E.WINDOW_START else "implementation begins"
        elif kind is E.WINDOW_END:
            day, months = _period_end(rng, start, (12, 24, 36, 60))
            derived, label = 1, "window closes"
            years = months // 12
            rule = f"{_iso(start)} + {years} year{'s' if years > 1 else ''} = {_iso(day)}"
        elif kind is E.IMPLEMENTATION_END:
            day, months = _period_end(rng, start, (2, 3, 4, 6, 12))
            derived, label = 1, "implementation ends"
            rule = f"{_iso(start)} + {months} months = {_iso(day)}"
        elif kind is E.EXPIRES:
            day, label = _clip(_add_months(anchor, rng.pick((12, 24, 36, 60, 120)))), "expires"
        else:
            day = rng.between(_FIRST_ORD, _LAST_ORD)
            precision = rng.pick(_OTHER_PRECISIONS)
            if precision != "day":
                date = dt.date.fromordinal(day)
                date = date.replace(day=1) if precision == "month" else date.replace(1, 1, 1)
                day = date.toordinal()
            label = rng.pick(OTHER_LABELS)
        events.append((kind.value, day, precision, derived, rule, label))
    return events


_CURRENCY_WORDS = {"AZN": "manats", "KZT": "tenge", "UZS": "soums", "USD": "US dollars",
                   "EUR": "euros"}  # fmt: skip


def _quantity_pool(rng: _Rand) -> list[tuple[Any, ...]]:
    """``(kind, value, value_max, unit, qualifier, condition, text)`` variants in seed styles."""
    kinds = _weighted(dict(zip(QuantityKind, (4, 3, 3, 2, 1), strict=True)))
    qualifiers = _weighted(dict(zip(Qualifier, (10, 3, 2, 2, 2, 1, 1), strict=True)))
    pool = []
    for _ in range(POOL_SIZE):
        kind, qualifier = rng.pick(kinds), rng.pick(qualifiers)
        condition = None
        if kind is QuantityKind.AMOUNT:
            value = rng.pick((0.07, 5.0, 20.0, 500.0, 1e3, 5e3, 5e4, 2e5, 5e6))
            unit = rng.pick(("AZN", "AZN", "AZN", "KZT", "UZS", "USD", "EUR"))
            text = f"{value:,.2f}".rstrip("0").rstrip(".") + " " + _CURRENCY_WORDS[unit]
            if rng.random() < 0.2:
                condition = "for projects to be implemented in Baku, Sumgayit and Ganja cities"
        elif kind is QuantityKind.PERCENT:
            value = float(rng.pick((10, 20, 25, 30, 40, 50, 60, 75)))
            unit, text = "%", f"{value:g} percent"
        elif kind is QuantityKind.DURATION:
            value, unit = float(rng.between(1, 12)), rng.pick(("day", "month", "year"))
            text = f"{value:g} {unit}s"
        elif kind is QuantityKind.PEOPLE:
            value = float(rng.between(1, 300) * 100)
            unit, text = "person", f"over {value:,.0f} individuals"
        else:
            value = float(rng.between(2, 90))
            unit, text = "item", f"{value:g} facilities"
        value_max = value * rng.pick((2, 3, 4)) if qualifier is Qualifier.RANGE else None
        pool.append((kind.value, value, value_max, unit, qualifier.value, condition, text))
    return pool


def _reference_pool(rng: _Rand, jur: str) -> list[tuple[str, str, str]]:
    """``(kind, text, normalized)`` variants as the reference extractor writes them."""
    kinds = _weighted(dict(zip(ReferenceKind, (8, 3, 2, 1, 1, 1), strict=True)))
    pool = []
    for _ in range(POOL_SIZE // 4):
        kind = rng.pick(kinds)
        if kind is ReferenceKind.ARTICLE:
            code, article = rng.pick(CODES), f"{rng.between(1, 350)}.{rng.between(1, 9)}"
            text, normalized = f"Article {article} of the {code}", f"{code}, Article {article}"
        elif kind is ReferenceKind.LAW:
            law = rng.pick(LAWS)
            text, normalized = f'the Law "{law}"', f'Law "{law}"'
        elif kind is ReferenceKind.DECISION:
            text = normalized = f"Decision No. {rng.between(1, 90):02d}"
        elif kind is ReferenceKind.CASE:
            text = normalized = f"Case No. 2-{rng.between(100, 9999)}/{rng.between(2005, 2025)}"
        elif kind is ReferenceKind.DOCUMENT_SYMBOL:
            prefix = rng.pick(TREATIES)[1]
            text = normalized = f"{prefix}/C/{ISO3[jur]}/CO/{rng.between(2, 8)}"
        else:
            text = normalized = f"Appendix No. {rng.between(1, 5)}"
        pool.append((kind.value, text, normalized))
    return pool


def _slice(
    rng: _Rand, paragraphs: Sequence[tuple[int, int]], low: int, high: int
) -> tuple[int, int]:
    """Whole paragraphs from a random one on, until about ``low..high`` characters."""
    first = rng.below(len(paragraphs))
    start = paragraphs[first][0]
    goal = start + rng.between(low, high)
    last = first
    while last + 1 < len(paragraphs) and paragraphs[last][1] < goal:
        last += 1
    return start, paragraphs[last][1]


def _measure_chunks(
    rng: _Rand, measures: int, events_total: int, sources: Sequence[_SourceDoc], now: str
) -> Iterator[_Rows]:
    """Every row the writer would store for ``measures`` measures, ``CHUNK`` at a time.

    The denormalised columns are computed from the generated events and sources.
    """
    namer = _Namer(rng)
    quantity_pool = _quantity_pool(rng)
    reference_pools = {jur: _reference_pool(rng, jur) for jur, *_ in JURISDICTIONS}
    # every jurisdiction's codes first (laws amend them), then the weighted mix
    codes = [(j, code) for j in range(len(JURISDICTIONS)) for code in CODES]
    codes = codes[: min(len(codes), measures // 20)]
    plan: list[tuple[int, Instrument, str | None]] = [(j, Instrument.CODE, c) for j, c in codes]
    others = measures - len(plan)
    kinds = rng.choices(list(INSTRUMENT_WEIGHTS), list(INSTRUMENT_WEIGHTS.values()), k=others)
    jurs = rng.choices(range(len(JURISDICTIONS)), [j[3] for j in JURISDICTIONS], k=others)
    plan += [(j, kind, None) for j, kind in zip(jurs, kinds, strict=True)]
    event_counts = _event_counts(rng, measures, events_total)
    # sources with more text are cited by more measures
    cumulative = list(itertools.accumulate(len(s.text) for s in sources))
    span = ANCHOR_LAST.toordinal() - _FIRST_ORD
    code_keys: dict[tuple[str, str], tuple[str, str]] = {}
    targets: list[tuple[str, str]] = []  # (key, title) of earlier measures, for links
    text_id = 0

    rows = _Rows()
    for index, (jur_index, instrument, code) in enumerate(plan):
        if index and index % CHUNK == 0:
            yield rows
            rows = _Rows()
        t = rows.tables  # short: the row tuples below are long
        measure_id = index + 1
        jur, _, state, _ = JURISDICTIONS[jur_index]
        # more measures in recent years, as in any legislation database
        anchor = _FIRST_ORD + int(span * rng.random() ** 0.6)
        year = int(_ISO[anchor - _FIRST_ORD][:4])
        number = namer.number(jur, instrument, year)
        if code is not None:
            title = f"{code} of {state}"
            key = namer.key(jur, instrument, code)
            code_keys[(jur, code)] = (key, title)
        else:
            title = namer.title(jur_index, instrument, number, year)
            key = namer.key(jur, instrument, number or _ISO[anchor - _FIRST_ORD])
        summary = _summary(rng, title)

        # sources: one, sometimes two or three; the first holds the measure's own text
        linked = [sources[bisect.bisect_right(cumulative, rng.below(cumulative[-1]))]]
        if rng.random() < SECOND_SOURCE_SHARE:
            for _ in range(2 if rng.random() < 0.15 else 1):
                other = sources[bisect.bisect_right(cumulative, rng.below(cumulative[-1]))]
                if other not in linked:
                    linked.append(other)
        primary = linked[0]
        own_start, own_end = _slice(rng, primary.en_paragraphs, *SLICE_CHARS)
        slices = [(primary, "en", own_start, own_end)]
        if primary.az_paragraphs and jur == "AZ" and rng.random() < 0.6:
            slices.append((primary, "az", *_slice(rng, primary.az_paragraphs, *SLICE_CHARS)))
        for source in linked[1:]:
            slices.append((source, "en", *_slice(rng, source.en_paragraphs, 100, 400)))
        for source in linked:
            t[MeasureSource].append((measure_id, source.id))
        for source, lang, start, end in slices:
            text_id += 1
            t[MeasureText].append((text_id, measure_id, source.id, lang, start, end))
        span_room = max(1, own_end - own_start - 40)

        signed_on: int | None = None
        in_force_on: int | None = None
        for kind, day, precision, derived, rule, label in _events(
            rng, instrument, anchor, event_counts[index]
        ):
            if day is None:
                t[Event].append((measure_id, primary.id, None, None, "en", 0.5, 0, kind, None,
                                 precision, derived, rule, label))  # fmt: skip
                continue
            if kind == "signed" and (signed_on is None or day < signed_on):
                signed_on = day
            elif kind == "in_force" and (in_force_on is None or day < in_force_on):
                in_force_on = day
            at = own_start + rng.below(span_room)
            t[Event].append((measure_id, primary.id, at, at + rng.between(8, 40), "en", 1.0, 0,
                             kind, _iso(day), precision, derived, rule, label))  # fmt: skip
        for _ in range(rng.count(QUANTITIES_PER_MEASURE)):
            at = own_start + rng.below(span_room)
            t[Quantity].append((measure_id, primary.id, at, at + rng.between(6, 30), "en", 1.0,
                                0, *rng.pick(quantity_pool)))  # fmt: skip
        for _ in range(rng.count(REFERENCES_PER_MEASURE)):
            at = own_start + rng.below(span_room)
            t[Reference].append((measure_id, primary.id, at, at + rng.between(10, 40), "en", 1.0,
                                 0, *rng.pick(reference_pools[jur])))  # fmt: skip
        if targets and rng.random() < LINKS_PER_MEASURE:
            at = own_start + rng.below(span_room)
            link = _link(rng, instrument, jur, targets, code_keys)
            t[MeasureLink].append((measure_id, *link, primary.id, at, at + rng.between(20, 120)))
        targets.append((key, title))

        t[Measure].append(
            (measure_id, key, title, instrument.value, number, jur,
             _authority(rng, instrument, state), summary,
             _iso(signed_on) if signed_on else None, _iso(in_force_on) if in_force_on else None,
             len(linked), now, now, "primary", 1.0)
        )  # fmt: skip
        # The search document, as storage.writer._reindex_measure builds it.
        body = "\n".join(source.folded[start:end] for source, _, start, end in slices)
        if summary:
            body = f"{_fold(summary)}\n{body}"
        folded_number = _fold(number) if number else None
        rows.measure_fts.append((measure_id, measure_id, _fold(title), folded_number, body))
    yield rows


def _link(
    rng: _Rand,
    instrument: Instrument,
    jur: str,
    targets: Sequence[tuple[str, str]],
    code_keys: dict[tuple[str, str], tuple[str, str]],
) -> tuple[str, str | None, str]:
    """Laws amend codes of their jurisdiction; others cite earlier measures or a symbol."""
    if instrument is Instrument.LAW and code_keys and rng.random() < 0.7:
        code = rng.pick(CODES)
        key, title = code_keys.get((jur, code), (f"{jur.lower()}/code/{code.lower()}", code))
        return LinkKind.AMENDS.value, key, title
    if instrument is Instrument.REPORT:
        return LinkKind.REPORTS_ON.value, None, f"CAT/C/{ISO3[jur]}/CO/{rng.between(2, 8)}"
    key, title = rng.pick(targets)
    kind = LinkKind.IMPLEMENTS if instrument is Instrument.DECREE else LinkKind.CITES
    return kind.value, key, title


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------


def _insert_sql(table: Table, columns: Sequence[str]) -> str:
    """The INSERT for exactly ``columns``, checked against the table's schema.

    Core's ``insert(Table)`` would add every Python-side default and run SQLAlchemy's
    per-row parameter processing; this is the same statement for rows already in storage
    form, about twice as fast through ``executemany``.
    """
    unknown = set(columns) - set(table.c.keys())
    required = {c.name for c in table.c if not c.nullable and not c.primary_key}
    if unknown or required - set(columns):
        raise RuntimeError(
            f"{table.name}: unknown columns {sorted(unknown)}, "
            f"missing {sorted(required - set(columns))}"
        )
    names = ", ".join(columns)
    return f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' * len(columns))})"


@contextmanager
def _indexes_deferred(connection: Connection, tables: Sequence[Table]) -> Iterator[None]:
    """Drop the tables' secondary indexes and recreate them afterwards, from their own SQL.

    Building an index once over sorted keys beats updating it row by row in random order.
    """
    names = ", ".join(f"'{t.name}'" for t in tables)
    indexes = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master "
        f"WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({names})"
    ).all()
    for name, _ in indexes:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        connection.exec_driver_sql(sql)


def _begin_fts(connection: Connection, source_documents: Sequence[tuple[Any, ...]]) -> None:
    """Index the sources; automatic merging stays off until ``_finish_fts``.

    One merge of the whole index at the end costs less than the incremental merges
    FTS5 would run while 100,000 documents arrive.
    """
    for table in FTS_TABLES:
        connection.exec_driver_sql(f"INSERT INTO {table}({table}, rank) VALUES ('automerge', 0)")
    connection.exec_driver_sql(
        "INSERT INTO source_fts(rowid, source_id, title, body) VALUES (?, ?, ?, ?)",
        list(source_documents),
    )


def _finish_fts(connection: Connection) -> None:
    """Merge each index into one segment and restore the default merge setting."""
    for table in FTS_TABLES:
        connection.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        connection.exec_driver_sql(f"INSERT INTO {table}({table}, rank) VALUES ('automerge', 4)")


def _write_chunk(connection: Connection, rows: _Rows) -> dict[Any, int]:
    """Insert one chunk's rows, and its measures' search documents as the writer would."""
    for table, columns in COLUMNS.items():
        if rows.tables[table]:
            connection.exec_driver_sql(_insert_sql(table.__table__, columns), rows.tables[table])
    if rows.measure_fts:
        connection.exec_driver_sql(
            "INSERT INTO measure_fts(rowid, measure_id, title, number, body) "
            "VALUES (?, ?, ?, ?, ?)",
            rows.measure_fts,
        )
    return {table: len(table_rows) for table, table_rows in rows.tables.items()}


def _generate(seed: int, measures: int, events_total: int, now: str) -> Iterator[Any]:
    """What to write, in order: source rows and documents, then chunks of measure rows."""
    rng = _Rand(seed)
    sources = _make_sources(rng, max(5, measures // MEASURES_PER_SOURCE))
    first = _Rows()
    first.tables[Source] = _source_rows(sources, rng, now)
    yield first, [(s.id, s.id, _fold(s.title), s.folded) for s in sources]
    yield from _measure_chunks(rng, measures, events_total, sources, now)


def _write_annotations(connection: Connection, seed: int, now: dt.datetime) -> int:
    """Annotations on ``ANNOTATED_SHARE`` of the measures, as ``services.annotations`` saves them.

    Their own random stream (from ``seed``), so adding them changed no other row. Save
    times are distinct and before ``now``, so "the most recently saved" is well defined.
    """
    rng = random.Random(seed * 7_919 + 1)
    keys = [key for (key,) in connection.exec_driver_sql("SELECT key FROM measure ORDER BY id")]
    chosen = sorted(rng.sample(range(len(keys)), round(len(keys) * ANNOTATED_SHARE)))
    stamp = "%Y-%m-%d %H:%M:%S.%f"
    annotations, tags, versions = [], [], []
    annotation_id = 0
    for index in chosen:
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
            annotation_id += 1
            saved = (now - dt.timedelta(minutes=annotation_id * 7)).strftime(stamp)
            status = rng.choice(_STATUS_DRAW).value
            follow_up = (
                dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(5 * 365))
                if rng.random() < FOLLOW_UP_SHARE
                else None
            )
            picked = sorted(set(rng.sample(ANNOTATION_TAGS, rng.choice((0, 1, 1, 2, 3)))))
            deleted = int(rng.random() < DELETED_SHARE)
            note = (
                f"Generated note {annotation_id}: check the {rng.choice(ANNOTATION_TAGS)} impact."
            )
            uuid = str(UUID(int=rng.getrandbits(128), version=4))
            iso = follow_up.isoformat() if follow_up else None
            annotations.append(
                (annotation_id, uuid, 1, "bench", saved, saved, keys[index], note, status, iso,
                 deleted, "none")
            )  # fmt: skip
            tags += [(annotation_id, tag.casefold(), tag) for tag in picked]
            versions.append(
                (annotation_id, 1, VersionAction.CREATE.value, "bench", saved, keys[index], note,
                 json.dumps(picked), status, iso, deleted, "none")
            )  # fmt: skip
    connection.exec_driver_sql(
        _insert_sql(
            Annotation.__table__,
            ("id", "uuid", "version", "author", "created_at", "updated_at", "measure_key",
             "note", "status", "follow_up", "deleted", "anchor_state"),
        ),
        annotations,
    )  # fmt: skip
    connection.exec_driver_sql(
        _insert_sql(AnnotationTag.__table__, ("annotation_id", "folded", "tag")), tags
    )
    connection.exec_driver_sql(
        _insert_sql(
            AnnotationVersionRow.__table__,
            ("annotation_id", "version", "action", "author", "saved_at", "measure_key", "note",
             "tags", "status", "follow_up", "deleted", "anchor_state"),
        ),
        versions,
    )  # fmt: skip
    return len(annotations)


def _produce(queue: Any, *args: Any) -> None:
    """Worker process: put each item of ``_generate`` on the queue, then a final marker."""
    try:
        with _gc_paused():
            for item in _generate(*args):
                queue.put(("item", item))
        queue.put(("done", None))
    except BaseException:
        queue.put(("error", traceback.format_exc()))


@contextmanager
def _generated(parallel: bool, *args: Any) -> Iterator[Iterator[Any]]:
    """``_generate(*args)``, in a forked worker when ``parallel`` (the writer runs meanwhile).

    The worker is forked before the parent opens the database, so it holds no connection.
    """
    if not parallel or "fork" not in multiprocessing.get_all_start_methods():
        yield _generate(*args)
        return
    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=3)  # a few chunks ahead at most: bounded memory
    worker = context.Process(target=_produce, args=(queue, *args), daemon=True)
    worker.start()

    def items() -> Iterator[Any]:
        while True:
            try:
                kind, payload = queue.get(timeout=1.0)
            except Empty:
                if not worker.is_alive():
                    raise RuntimeError(f"generator process died ({worker.exitcode})") from None
                continue
            if kind == "done":
                return
            if kind == "error":
                raise RuntimeError(f"generator process failed:\n{payload}")
            yield payload

    try:
        yield items()
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join()


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Millions of young tuples would trigger full collections that find nothing to free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_store(
    path: Path,
    *,
    measures: int = 100_000,
    events_per_measure: float = 3.0,
    seed: int = 7,
    parallel: bool | None = None,
) -> dict[str, Any]:
    """Create the store ``path`` migrated to head and fill it; return counts and seconds.

    ``path`` must not exist yet (or be empty): the build is one transaction on a new
    file. ``parallel`` generates rows in a second process while this one writes (default:
    from ``PARALLEL_FROM`` measures); the store is the same either way.
    """
    started = time.perf_counter()
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        raise FileExistsError(f"{path} exists: build_store writes a new store")
    if measures < 1 or events_per_measure < 0:
        raise ValueError("measures must be 1 or more and events_per_measure 0 or more")
    if parallel is None:
        parallel = measures >= PARALLEL_FROM
    # SQLAlchemy's storage form of DateTime on SQLite (naive text, UTC here)
    started_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    now = started_at.strftime("%Y-%m-%d %H:%M:%S.000000")
    counts = dict.fromkeys(COLUMNS, 0)
    timings: dict[str, float] = {}
    events_total = round(measures * events_per_measure)
    with (
        _gc_paused(),
        _generated(parallel, seed, measures, events_total, now) as items,
    ):
        engine = make_engine(path)
        try:
            upgrade_to_head(engine)
            timings["migrate_s"] = time.perf_counter() - started
            with engine.connect() as connection:
                # A new file nobody reads yet: crash safety mid-build buys nothing. Foreign
                # keys are checked once at the end instead of per row.
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                connection.exec_driver_sql("PRAGMA synchronous=OFF")
                connection.exec_driver_sql("PRAGMA cache_size=-262144")  # 256 MB
                mark = time.perf_counter()
                with _indexes_deferred(connection, [t.__table__ for t in COLUMNS]):
                    sources, source_documents = next(items)
                    _write_chunk(connection, sources)
                    counts[Source] = len(sources.tables[Source])
                    _begin_fts(connection, source_documents)
                    for rows in items:
                        for table, count in _write_chunk(connection, rows).items():
                            counts[table] += count
                    timings["generate_insert_s"] = time.perf_counter() - mark
                    mark = time.perf_counter()
                timings["index_s"] = time.perf_counter() - mark
                mark = time.perf_counter()
                _finish_fts(connection)
                timings["fts_optimize_s"] = time.perf_counter() - mark
                mark = time.perf_counter()
                annotations = _write_annotations(connection, seed, started_at)
                timings["annotations_s"] = time.perf_counter() - mark
                mark = time.perf_counter()
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise RuntimeError(f"{len(broken)} dangling references, first {broken[0]}")
                connection.commit()
                # No ANALYZE/optimize: the app never runs them, so plans here must match
                # what a user's store (without sqlite_stat1) gets.
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                timings["check_commit_s"] = time.perf_counter() - mark
        finally:
            engine.dispose()
    result: dict[str, Any] = {COUNT_NAMES[table]: count for table, count in counts.items()}
    result["annotations"] = annotations
    result |= {name: round(seconds, 2) for name, seconds in timings.items()}
    result["parallel"] = parallel
    result["build_s"] = round(time.perf_counter() - started, 2)
    result["size_mb"] = round(path.stat().st_size / 1_000_000, 1)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the SQLite file to create")
    parser.add_argument("--measures", type=int, default=100_000)
    parser.add_argument("--events-per-measure", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    try:
        result = build_store(
            args.out,
            measures=args.measures,
            events_per_measure=args.events_per_measure,
            seed=args.seed,
        )
    except (FileExistsError, ValueError) as exc:
        parser.error(str(exc))
    for name, value in result.items():
        print(f"{name:>16}: {value:,}" if isinstance(value, int) else f"{name:>16}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
