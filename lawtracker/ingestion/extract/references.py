"""Cited articles, laws, decisions, cases and document symbols.

``normalized`` is a canonical spelling used to de-duplicate and link:
"Article 90.7.2", "Criminal Code, Article 293", "Articles 176.1–176.3",
"Law No. 619-VIQD", "Decree No. 1913", "Decision No. 03/2022",
"Case No. 202006081", "CAT/C/AZE/CO/5".

A list of articles ("Articles 100, 102 and 105") gives one reference per
article; the first carries the word "Articles" in its span, the others only
their number. A range ("Articles 176.1-176.3") is one reference.

Patterns are tried only where a cheap trigger (a keyword, "nömrəli", "maddə",
a slash) occurs, so the text is scanned a few times in total.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from lawtracker.domain.enums import ReferenceKind
from lawtracker.domain.facts import FoundReference, Span
from lawtracker.ingestion.extract.azerbaijani import (
    fold,
    harmony_a,
    harmony_i,
    is_canonical,
    ordinal_suffixes,
    tolerant,
)
from lawtracker.ingestion.extract.units import words

DAMAGED_CONFIDENCE = 0.7

_WS = r"[ \t]*(?:\n[ \t]*)?"
_NUM = r"\d+(?:\.\d+)*"
_DOC_NUMBER = r"\d[\w]*(?:[-/.]\w+)*"

_INSTRUMENT_HEAD = r"(?:Code|Constitution|Convention|Charter|Covenant|Protocol|Law|Act|Statute)"
_INSTRUMENT = (
    rf"(?P<inst>(?:[A-Z][a-z]+(?:-[A-Za-z]+)?{_WS}){{0,4}}{_INSTRUMENT_HEAD}"
    rf"(?:{_WS}(?:on|of){_WS}(?!the\b)[A-Z][a-z]+(?:{_WS}(?:(?:of|on|and){_WS})?[A-Z][a-z]+)*)?"
    rf"(?:{_WS}[\"“][^\"“”\n]{{2,150}}[\"”])?)(?![\w-])"
)
_ARTICLE = re.compile(
    rf"(?P<part>(?:Part|Paragraph|Clause|Item|Subparagraph)\s+(?P<partno>[IVXLC]+|{_NUM})"
    rf"\s+of\s+)?(?P<word>Articles?|Art\.|articles?)\s+"
    rf"(?P<list>{_NUM}(?:\s*[-–]\s*{_NUM})?(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_NUM}"
    rf"(?:\s*[-–]\s*{_NUM})?){{0,40}})(?!\.?\d)"
    rf"(?:\s+of\s+the\s+{_INSTRUMENT})?"
)
_LIST_ITEM = re.compile(rf"{_NUM}(?:\s*[-–]\s*{_NUM})?")
_INSTRUMENT_NO = re.compile(
    rf"(?P<word>(?i:law|decree|order|ordinance|act|regulation|edict|decision|resolution|ruling"
    rf"|judge?ment))\s+(?P<no>No\.?|Nos\.?|Number|№|#)?\s*(?P<num>{_DOC_NUMBER})(?<![.-])"
)
_CASE = re.compile(
    rf"(?P<word>(?i:(?:criminal|civil|administrative)\s+)?(?i:case|application))\s+"
    rf"(?:No\.?|no\.|Number|number|№)\s*(?P<num>{_DOC_NUMBER})"
)
_DOC = re.compile(
    rf"(?P<word>Doc\.|Document|Written\s+declaration|Written\s+question)\s+(?:No\.?\s*)?"
    rf"(?P<num>{_DOC_NUMBER})"
)
# Searched in a lower-cased copy; the patterns themselves check the case.
_TRIGGER_WORDS = words(
    "part paragraph clause item subparagraph article art. law decree order ordinance act "
    "regulation edict decision resolution ruling judgment judgement criminal civil administrative "
    "case application doc. document written"
)
_LAW_WORDS = {
    "law": "Law",
    "decree": "Decree",
    "order": "Order",
    "ordinance": "Ordinance",
    "act": "Act",
    "regulation": "Regulation",
    "edict": "Edict",
    "decision": "Decision",
    "resolution": "Resolution",
    "ruling": "Ruling",
    "judgment": "Judgment",
    "judgement": "Judgment",
}
_DECISION_WORDS = frozenset({"Decision", "Resolution", "Ruling", "Judgment"})

# UN document symbols: CAT/C/AZE/CO/5, GEGN.2/2023/CRP.140, A/HRC/52/L.1
_SYMBOL = re.compile(
    r"(?<![\w/.])[A-Z][A-Z]{0,9}(?:\.\d+)?(?:/(?:[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)){2,}(?![\w/])"
)
_SYMBOL_START = re.compile(r"[A-Z][A-Za-z0-9.]*$")
_SLASHED_RUN = re.compile(r"[/A-Za-z0-9.]+")

# Azerbaijani: "176.1-176.3-cü maddələrinə", "619-VIQD nömrəli Qanunu"
_AZ_ARTICLE = re.compile(
    rf"(?<![\w.])(?P<first>{_NUM})(?:[ \t]?[-–][ \t]?(?P<last>{_NUM}))?[ \t]?-[ \t]?"
    rf"(?P<ord>n?[cç¢](?:ii|li|[^\W\d_]){{1,2}})\s+(?P<word>(?i:{tolerant('maddə')})[^\W\d_]*)"
)
_AZ_ARTICLE_BEFORE = re.compile(rf"(?<![\w.]){_NUM}(?:[ \t]?[-–][ \t]?{_NUM})?[ \t]?-[^\s]*\s+$")
_AZ_MADDE = re.compile(r"(?i:m[aəe]dd)")
_AZ_NUMBERED = re.compile(
    rf"(?<![\w./-])(?P<num>{_DOC_NUMBER})\s+(?P<nom>n[^\s\d]{{0,3}}mr[^\s\d]{{0,3}}l[iı1l])\s+"
    rf"(?:[^\s,;.()\"“”]+\s+){{0,6}}?(?P<word>(?i:{tolerant('qanun')}|{tolerant('fərman')}"
    rf"|{tolerant('sərəncam')}|{tolerant('qərardad')}|{tolerant('qərar')}|{tolerant('qətnamə')})"
    rf"[^\W\d_]*)"
)
_AZ_NUMBERED_BEFORE = re.compile(rf"(?<![\w./-]){_DOC_NUMBER}\s+$")
_AZ_NOMRELI = re.compile(r"(?i:mr[^\s\d]{0,3}l[iı1l])")
_AZ_INSTRUMENTS = {
    "qanun": ("Law", ReferenceKind.LAW),
    "fərman": ("Decree", ReferenceKind.LAW),
    "sərəncam": ("Order", ReferenceKind.LAW),
    "qərardad": ("Decision", ReferenceKind.DECISION),
    "qərar": ("Decision", ReferenceKind.DECISION),
    "qətnamə": ("Resolution", ReferenceKind.DECISION),
}
_AZ_INSTRUMENT_PATTERNS = [
    (re.compile(tolerant(stem), re.IGNORECASE), stem, names)
    for stem, names in _AZ_INSTRUMENTS.items()
]


def find_references(text: str) -> list[FoundReference]:
    """References cited in ``text``, sorted by position and non-overlapping."""
    return list(_find_references(text))


@lru_cache(maxsize=8)
def _find_references(text: str) -> tuple[FoundReference, ...]:
    found: list[FoundReference] = []
    for finder in (_english, _symbols, _az_articles, _az_numbered):
        found.extend(finder(text))
    found.sort(key=lambda r: (r.span.start, -r.span.end))
    result: list[FoundReference] = []
    last_end = 0
    for ref in found:
        if ref.span.start >= last_end:
            result.append(ref)
            last_end = ref.span.end
    return tuple(result)


def _ref(
    text: str,
    start: int,
    end: int,
    kind: ReferenceKind,
    normalized: str,
    *,
    damaged: bool = False,
) -> FoundReference:
    return FoundReference(
        span=Span(start, end),
        text=text[start:end],
        kind=kind,
        normalized=normalized,
        confidence=DAMAGED_CONFIDENCE if damaged else 1.0,
        needs_review=damaged,
    )


def _one_line(text: str) -> str:
    return " ".join(text.replace("“", '"').replace("”", '"').split())


def _dash(text: str) -> str:
    return re.sub(r"\s*[-–]\s*", "–", text)


# --- English -----------------------------------------------------------------


def _trigger_positions(text: str) -> list[tuple[int, str]]:
    """Where a keyword starts a word: ``str.find`` is far cheaper than a regex scan."""
    # "İ".lower() is two characters, which would shift every offset after it.
    lowered = text.replace("İ", "I").lower()
    if len(lowered) != len(text):
        lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    positions = {}
    for word in _TRIGGER_WORDS:
        position = lowered.find(word)
        while position != -1:
            if position == 0 or not lowered[position - 1].isalnum():
                positions[position] = word
            position = lowered.find(word, position + 1)
    return sorted(positions.items())


def _english(text: str) -> Iterator[FoundReference]:
    last_end = 0
    for position, word in _trigger_positions(text):
        if position < last_end:
            continue
        for reader in _READERS.get(word.lower(), (_numbered_instrument,)):
            refs = reader(text, position)
            if refs:
                yield from refs
                last_end = refs[-1].span.end
                break


def _readers() -> dict[str, tuple[Callable[[str, int], list[FoundReference]], ...]]:
    """Which patterns a keyword can start; law words fall back to numbered instruments."""
    readers: dict[str, tuple[Callable[[str, int], list[FoundReference]], ...]] = {}
    for word in words("part paragraph clause item subparagraph article art."):
        readers[word] = (_article,)
    for word in words("criminal civil administrative case application"):
        readers[word] = (_case,)
    for word in words("doc. document written"):
        readers[word] = (_document,)
    return readers


def _article(text: str, start: int) -> list[FoundReference]:
    match = _ARTICLE.match(text, start)
    if match is None:
        return []
    instrument = match.group("inst")
    if instrument is not None:
        instrument = _one_line(instrument)
        if " " not in instrument and instrument != "Constitution":
            instrument = None  # "of the Law": which law is not said here
    part = f", Part {match.group('partno')}" if match.group("part") else ""
    prefix = f"{instrument}, " if instrument else ""
    items = list(_LIST_ITEM.finditer(text, match.start("list"), match.end("list")))
    if len(items) == 1:
        item = items[0].group()
        word = "Articles" if re.search(r"[-–]", item) else "Article"
        normalized = f"{prefix}{word} {_dash(item)}{part}"
        return [_ref(text, match.start(), match.end(), ReferenceKind.ARTICLE, normalized)]
    refs = []
    for i, item in enumerate(items):
        begin = match.start() if i == 0 else item.start()
        end = match.end() if i == len(items) - 1 else item.end()
        word = "Articles" if re.search(r"[-–]", item.group()) else "Article"
        normalized = f"{prefix}{word} {_dash(item.group())}{part if i == 0 else ''}"
        refs.append(_ref(text, begin, end, ReferenceKind.ARTICLE, normalized))
    return refs


def _numbered_instrument(text: str, start: int) -> list[FoundReference]:
    match = _INSTRUMENT_NO.match(text, start, start + 200)  # bounded: blank runs backtrack
    if match is None:
        return []
    word = _LAW_WORDS[match.group("word").lower()]
    number = match.group("num")
    if match.group("no") is None and not re.search(r"\d[-/]?[A-Z]", number):
        return []  # "Law 620-VIQD" is a number; "Law 5" is too vague to cite
    kind = ReferenceKind.DECISION if word in _DECISION_WORDS else ReferenceKind.LAW
    return [_ref(text, match.start(), match.end(), kind, f"{word} No. {number}")]


def _case(text: str, start: int) -> list[FoundReference]:
    match = _CASE.match(text, start)
    if match is None:
        return []
    word = "Application" if "applic" in match.group("word").lower() else "Case"
    normalized = f"{word} No. {match.group('num')}"
    return [_ref(text, match.start(), match.end(), ReferenceKind.CASE, normalized)]


def _document(text: str, start: int) -> list[FoundReference]:
    match = _DOC.match(text, start)
    if match is None:
        return []
    word = _one_line(match.group("word"))
    word = "Doc." if word.startswith("Doc") else word[0].upper() + word[1:].lower()
    normalized = (
        f"Doc. {match.group('num')}" if word == "Doc." else f"{word} No. {match.group('num')}"
    )
    return [_ref(text, match.start(), match.end(), ReferenceKind.DOCUMENT_SYMBOL, normalized)]


def _symbols(text: str) -> Iterator[FoundReference]:
    """UN-style symbols, found from their slashes (cheaper than scanning capitals)."""
    position = text.find("/")
    while position != -1:
        head = _SYMBOL_START.search(text, max(0, position - 12), position)
        match = _SYMBOL.match(text, head.start()) if head else None
        if match:
            yield _ref(
                text, match.start(), match.end(), ReferenceKind.DOCUMENT_SYMBOL, match.group()
            )
            position = text.find("/", match.end())
        else:  # skip the rest of this slashed run: one attempt per run keeps it linear
            run = _SLASHED_RUN.match(text, position)
            position = text.find("/", run.end() if run else position + 1)


# --- Azerbaijani -------------------------------------------------------------


def _az_articles(text: str) -> Iterator[FoundReference]:
    """ "176.1-176.3-cü maddələrinə" (damaged "-ci maddalerina") -> "Articles 176.1–176.3"."""
    last_end = 0
    for trigger in _AZ_MADDE.finditer(text):
        head = _AZ_ARTICLE_BEFORE.search(text, max(last_end, trigger.start() - 40), trigger.start())
        match = _AZ_ARTICLE.match(text, head.start()) if head else None
        if match is None or match.start("word") != trigger.start():
            continue
        first, last = match.group("first"), match.group("last")
        normalized = f"Articles {first}–{last}" if last else f"Article {first}"
        final = int((last or first).rsplit(".", 1)[-1])
        clean = fold(match.group("ord")) in ordinal_suffixes(final) and _canonical_madde(
            match.group("word")
        )
        last_end = match.end()
        yield _ref(
            text, match.start(), match.end(), ReferenceKind.ARTICLE, normalized, damaged=not clean
        )


def _canonical_madde(word: str) -> bool:
    return bool(re.fullmatch(r"maddə(?:si|ləri)?(?:nə|nin|ndə|ndən|yə|də|dən|n)?", fold(word)))


def _az_numbered(text: str) -> Iterator[FoundReference]:
    """ "619-VIQD nömrəli Qanunu" -> "Law No. 619-VIQD" (also with a date in between)."""
    last_end = 0
    for trigger in _AZ_NOMRELI.finditer(text):
        window = max(0, trigger.start() - 8)
        nom_start = max(
            text.rfind(" ", window, trigger.start()), text.rfind("\n", window, trigger.start())
        )
        if nom_start == -1:
            continue
        nom_start += 1
        head = _AZ_NUMBERED_BEFORE.search(text, max(last_end, nom_start - 30), nom_start)
        match = _AZ_NUMBERED.match(text, head.start()) if head else None
        if match is None or match.start("nom") > trigger.start():
            continue
        word = match.group("word")
        for pattern, stem, (name, kind) in _AZ_INSTRUMENT_PATTERNS:
            stem_match = pattern.match(word)
            if stem_match is None:
                continue
            suffix = fold(word)[len(stem_match.group()) :]
            clean = (
                is_canonical(match.group("nom"), "nömrəli")
                and is_canonical(stem_match.group(), stem)
                and _canonical_possessive(stem, suffix)
            )
            last_end = match.end()
            yield _ref(
                text,
                match.start(),
                match.end(),
                kind,
                f"{name} No. {match.group('num')}",
                damaged=not clean,
            )
            break


def _canonical_possessive(stem: str, suffix: str) -> bool:
    """ "Qanunu", "Fərmanı", "Qanununda", "Qərarla": endings a cited instrument takes."""
    i, a = harmony_i(stem), harmony_a(stem)
    return bool(re.fullmatch(rf"(?:{i}(?:n(?:{a}|d{a}|d{a}n|{i}n))?|l{a}|d{a}|{i}n)?", suffix))


_READERS = _readers()
