"""The shape of a document before its words: lines, items, clauses, chrome and dateline.

Real input comes in two line disciplines: hard-wrapped text (OCR, flattened PDF, e-mail),
where a single line break is only a space, and web text, where each line is a paragraph
and a line break ends a headline, a label line or a list item. Each block (text between
blank lines) is classified on its own, so that a web page's headline is never glued to
the sentence under it and an OCR paragraph is never cut mid-sentence.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from itertools import pairwise

from lawtracker.domain.enums import DatePrecision
from lawtracker.domain.facts import FoundDate, Span
from lawtracker.ingestion.mentions.grammar import grammar


class LineKind(StrEnum):
    BLANK = "blank"
    CHROME = "chrome"
    HEADING = "heading"
    ITEM = "item"  # a numbered or bulleted list line
    LABEL = "label"  # "Effective date: 1 January 2021"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Line:
    span: Span
    kind: LineKind
    label: str | None = None
    value: Span | None = None


@dataclass(frozen=True, slots=True)
class Dateline:
    """The document's own date, where a header states it, and how sure we are of it."""

    date: dt.date
    precision: DatePrecision
    span: Span
    confidence: float
    cue: str


@dataclass
class Layout:
    lines: list[Line]
    items: list[Span]
    clauses: list[Span]
    dateline: Dateline | None = None
    chrome: list[Span] = field(default_factory=list)
    # The text with the line breaks of hard-wrapped blocks turned into spaces (same length,
    # same offsets): a title wrapped over two lines reads as one.
    flat: str = ""

    def item_at(self, position: int) -> Span:
        index = bisect.bisect_right(self._item_starts, position) - 1
        if index >= 0 and self.items[index].start <= position < self.items[index].end:
            return self.items[index]
        return Span(position, position)

    def line_at(self, position: int) -> Line | None:
        index = bisect.bisect_right(self._line_starts, position) - 1
        if index >= 0 and self.lines[index].span.start <= position <= self.lines[index].span.end:
            return self.lines[index]
        return None

    @cached_property
    def _line_starts(self) -> list[int]:
        return [line.span.start for line in self.lines]

    @cached_property
    def _item_starts(self) -> list[int]:
        return [item.start for item in self.items]

    @cached_property
    def _chrome_mask(self) -> bytearray:
        mask = bytearray(len(self.flat) + 1)
        for span in self.chrome:
            mask[span.start : span.end] = b"\x01" * (span.end - span.start)
        return mask

    def clause_at(self, position: int) -> Span:
        low, high = 0, len(self.clauses)
        while low < high:
            mid = (low + high) // 2
            if self.clauses[mid].end <= position:
                low = mid + 1
            else:
                high = mid
        if low < len(self.clauses) and self.clauses[low].start <= position:
            return self.clauses[low]
        return Span(position, position)

    def is_chrome(self, span: Span) -> bool:
        return bool(self.chrome) and self._chrome_mask[span.start] == 1


_LINE = re.compile(r"[^\n]*\n?")
_BULLET = re.compile(r"^\s*(?:[-•*–·▪●]\s+|\(?[a-z]\)\s*|\(?[ivx]{1,4}\)\s*|\d{1,2}[.)]\s*(?=\D))")
_NUMBERED_HEAD = re.compile(r"^\s*(?:\d{1,2}[.)]|[IVX]{1,4}\.|[A-H]\.)\s*(?=[A-ZА-ЯƏÇŞĞÜÖİ“\"«])")
_LABEL = re.compile(
    r"^\s*(?P<label>[A-ZА-ЯƏÇŞĞÜÖİ][^\W\d_]*(?:[ \t][^\W\d_]+){0,4})[ \t]*:[ \t]+(?=\S)"
)
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|\*\*)")
_END_PUNCT = re.compile(r"[.!?;:,»”\"')]\s*$")
# The punctuation is matched first and the abbreviations checked behind it: trying every
# look-behind at every character was the parser's single largest cost.
_SENTENCE_END = re.compile(
    r"[.!?](?<!\bNo\.)(?<!\bNos\.)(?<!\bArt\.)(?<!\bDoc\.)(?<!\bpara\.)(?<!\bSt\.)"
    r"(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bi\.e\.)(?<!\be\.g\.)(?<!\bст\.)(?<!\bг\.)"
    r"(?<!\bp\.)(?<!\bpp\.)(?<!\bRev\.)(?<!\bAdd\.)(?<!\bCorr\.)(?<!\bCo\.)(?<!\bInc\.)"
    r"(?<!\bLtd\.)(?<!\bEngl\.)(?<!\bOr\.)(?<!\bvs\.)(?<!\bcf\.)(?<!\bart\.)(?<!\bno\.)"
    r"(?<!\b[A-Z]\.)(?=[\"”»)]?\s+[\"“«(]?[A-ZА-ЯƏÇŞĞÜÖİ\d])"
)
# Whitespace runs are entered only at their start ((?<!\s)): inside a run of thousands of
# blanks every position would otherwise rescan the run (a fuzzed input took 18 s).
# Coordinated predicates are clauses of their own: in "enters into force the day after
# publication and applies to relations after 1 January 2025" the date is not the in-force one.
_CLAUSE_BREAK = re.compile(
    r";\s*|(?<!\s)\s+[-–—]\s+(?=[A-ZА-Я])|,?(?<!\s)\s+and\s+(?=(?:will\s+|shall\s+)?(?:appl(?:y|ies)|"
    r"enters?|entered|comes?|came|takes?|took|becomes?|became|provides?|sets?)\b)"
)
# A line ending in a function word runs on into the next one.
_OPEN_ENDING = re.compile(
    r"\b(?:of|the|to|and|or|on|in|for|by|with|from|a|an|at|as|that|и|в|на|о|об|по|с|к|və|ilə)\s*$",
    re.I,
)
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")


def analyse(text: str, dates: list[FoundDate]) -> Layout:
    """Lines, items (headline plus what follows it), clauses, chrome and the dateline."""
    lines = _lines(text)
    chrome = [line.span for line in lines if line.kind == LineKind.CHROME]
    items = _items(text, lines)
    clauses, wrapped = _clauses(text, lines)
    flat = list(text)
    for block in wrapped:
        for index in range(block.start, block.end):
            if flat[index] == "\n":
                flat[index] = " "
    return Layout(lines, items, clauses, _dateline(text, lines, dates), chrome, "".join(flat))


def _lines(text: str) -> list[Line]:
    chrome_pattern = grammar().chrome
    out: list[Line] = []
    raw = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.end() > m.start()]
    for index, (start, end) in enumerate(raw):
        body = text[start:end].rstrip("\n")
        stripped = body.strip()
        span = Span(start, start + len(body))
        if not stripped:
            out.append(Line(span, LineKind.BLANK))
            continue
        if chrome_pattern.search(stripped) and len(stripped) < 90:
            out.append(Line(span, LineKind.CHROME))
            continue
        label = _LABEL.match(body)
        if label and len(label.group("label")) <= 30 and not body.rstrip().endswith(":"):
            out.append(
                Line(
                    span, LineKind.LABEL, label.group("label"), Span(start + label.end(), span.end)
                )
            )
            continue
        numbered_heading = (
            _NUMBERED_HEAD.match(body) and len(stripped) < 140 and not stripped.endswith((".", ";"))
        )  # "2. The Committee welcomes …." is a numbered paragraph, not a heading
        if _MARKUP.match(body) or numbered_heading:
            out.append(Line(span, LineKind.HEADING))
            continue
        if _BULLET.match(body):
            out.append(Line(span, LineKind.ITEM))
            continue
        following = next(
            (text[s:e].strip() for s, e in raw[index + 1 : index + 6] if text[s:e].strip()), ""
        )
        previous = out[-1] if out else None
        carried_on = (
            previous is not None
            and previous.kind in (LineKind.TEXT, LineKind.LABEL)
            and not _END_PUNCT.search(text[previous.span.start : previous.span.end])
        )
        if not carried_on and _is_headline(stripped, following):
            out.append(Line(span, LineKind.HEADING))
            continue
        out.append(Line(span, LineKind.TEXT))
    return out


def _is_headline(line: str, following: str) -> bool:
    """A short capitalised line without closing punctuation, above a longer text line."""
    if len(line) > 160 or len(line.split()) < 2 or not line[0].isupper():
        return False
    if following[:1].islower() or _OPEN_ENDING.search(line):
        return False  # the sentence carries on: a hard-wrapped line, not a headline
    if len(line) > 70 and len(following) > 50 and not _END_PUNCT.search(line):
        return False  # a long line running into another: a wrapped paragraph
    if line.endswith((".", ",", ";", ":")) and not line.endswith("adopted."):
        return line.endswith(".") and len(following) > 2 * len(line) and len(line) < 110
    return len(following) > len(line) or not following


def _items(text: str, lines: list[Line]) -> list[Span]:
    """A new item starts at a heading, or at a label line after non-label lines."""
    starts: list[int] = [0]
    previous = LineKind.BLANK
    blank_since = False
    for line in lines:
        if line.kind == LineKind.HEADING or (
            line.kind == LineKind.LABEL and previous not in (LineKind.LABEL, LineKind.BLANK)
        ):
            starts.append(line.span.start)
        if (
            line.kind == LineKind.LABEL
            and previous == LineKind.BLANK
            and starts[-1] != line.span.start
        ):
            # "Legal Act: …" after a blank line and a text block: a new label group.
            before = [
                ln for ln in lines if ln.span.end <= line.span.start and ln.kind != LineKind.BLANK
            ]
            if before and before[-1].kind != LineKind.LABEL:
                starts.append(line.span.start)
        if line.kind == LineKind.TEXT and previous == LineKind.LABEL and not blank_since:
            continue  # a label's value wrapped onto the next line
        blank_since = line.kind == LineKind.BLANK
        if line.kind != LineKind.BLANK:
            previous = line.kind
    starts = sorted(set(starts))
    bounds = [*starts[1:], len(text)]
    return [Span(s, e) for s, e in zip(starts, bounds, strict=True) if e > s]


def _hard_wrapped(text: str, block: list[Line]) -> bool:
    """Most lines end without punctuation and the next one carries on in lower case."""
    if len(block) < 2:
        return False
    carried = 0
    for line, nxt in pairwise(block):
        body = text[line.span.start : line.span.end].rstrip()
        head = text[nxt.span.start : nxt.span.end].lstrip()
        if (
            body
            and not _END_PUNCT.search(body)
            and (head[:1].islower() or _OPEN_ENDING.search(body))
        ):
            carried += 1
        elif body and len(body) > 45 and not _END_PUNCT.search(body) and head[:1].isalpha():
            carried += 0.5
    return carried >= max(1, 0.3 * (len(block) - 1))


def _clauses(text: str, lines: list[Line]) -> tuple[list[Span], list[Span]]:
    """Clauses: sentence ends, semicolons and dashes; line breaks too unless hard-wrapped.
    Also returns the hard-wrapped blocks."""
    segments: list[Span] = []
    wrapped: list[Span] = []
    block: list[Line] = []

    def flush() -> None:
        if not block:
            return
        if _hard_wrapped(text, block) and all(
            ln.kind in (LineKind.TEXT, LineKind.ITEM) for ln in block[1:]
        ):
            segments.append(Span(block[0].span.start, block[-1].span.end))
            wrapped.append(segments[-1])
        else:
            segments.extend(ln.span for ln in block)
        block.clear()

    for line in lines:
        if line.kind in (LineKind.BLANK, LineKind.CHROME):
            flush()
            continue
        if line.kind in (LineKind.HEADING, LineKind.LABEL, LineKind.ITEM) and block:
            flush()
        block.append(line)
    flush()
    clauses: list[Span] = []
    for segment in segments:
        start = segment.start
        chunk = text[segment.start : segment.end]
        cuts = sorted(
            {m.end() for m in _SENTENCE_END.finditer(chunk)}
            | {m.end() for m in _CLAUSE_BREAK.finditer(chunk)}
        )
        for cut in [*cuts, len(chunk)]:
            end = segment.start + cut
            if end > start:
                clauses.append(Span(start, end))
            start = end
    return clauses, wrapped


_DATELINE_CUES: tuple[tuple[re.Pattern[str], str, float], ...] = (
    (re.compile(r"\A\s*date\s+$"), "page date", 0.8),
    (re.compile(r"Distr\.:\s*\w+\s*$"), "Distr.", 0.95),
    (
        re.compile(r"(?:Strasbourg|Geneva|Vienna|Warsaw|Brussels),?\s*$", re.I),
        "place and date",
        0.9,
    ),
    (re.compile(r"\|\s*$"), "header line", 0.9),
    (re.compile(r"[A-Z]{3,}(?:/[\w.]+){2,}\s*$"), "after the symbol", 0.9),
    (re.compile(r"\.\s*$"), "header sentence", 0.8),
)


def _dateline(text: str, lines: list[Line], dates: list[FoundDate]) -> Dateline | None:
    """The header date: after "Distr.:", a place, a symbol, a crawler prefix, or alone on a line."""
    head_end = min(len(text), 600)
    for found in dates:
        if found.span.start >= head_end:
            break
        if found.precision != DatePrecision.DAY or found.year_inferred:
            continue
        line = next(
            (ln for ln in lines if ln.span.start <= found.span.start < ln.span.end + 1), None
        )
        if line is None:
            continue
        before = text[max(0, found.span.start - 80) : found.span.start]
        line_text = text[line.span.start : line.span.end]
        for pattern, cue, confidence in _DATELINE_CUES:
            if pattern.search(before):
                return Dateline(found.value, found.precision, found.span, confidence, cue)
        rest = (
            line_text[: found.span.start - line.span.start]
            + line_text[found.span.end - line.span.start :]
        ).strip(" ,/|-–")
        if not rest or _TIME.search(rest):
            confidence = 0.85 if _TIME.search(rest) else 0.6
            return Dateline(found.value, found.precision, found.span, confidence, "date line")
    return None
