"""Map fact spans onto a ``QPlainTextEdit`` and colour them from the palette.

Spans are Python ``str`` offsets; ``QTextDocument`` counts UTF-16 units and
turns ``\\r\\n`` into one paragraph break, so offsets are converted, not reused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from lawtracker.domain.catalog import (
    EventView,
    MeasureDetail,
    QuantityView,
    ReferenceView,
    SourceText,
)
from lawtracker.domain.enums import Language
from lawtracker.gui.colours import blend, turned

_FTS_OPERATORS = {"AND", "OR", "NOT", "NEAR"}
MAX_SEARCH_MATCHES = 2000


@dataclass(frozen=True, slots=True)
class FactSpan:
    """Where a fact was read: ``[start, end)`` in source ``source_id``, in ``lang``."""

    kind: str
    start: int
    end: int
    lang: Language
    source_id: int | None


def span_of(kind: str, fact: EventView | QuantityView | ReferenceView) -> FactSpan | None:
    if fact.start is None or fact.end is None or fact.end <= fact.start:
        return None
    return FactSpan(kind, fact.start, fact.end, fact.lang, fact.source_id)


def local_span(span: FactSpan, source: SourceText) -> tuple[int, int] | None:
    """The span relative to the shown slice, if it lies inside it (and inside its text)."""
    if span.source_id is not None and span.source_id != source.source_id:
        return None
    if span.start < source.start or span.end > min(source.end, source.start + len(source.text)):
        return None
    return span.start - source.start, span.end - source.start


def shown_spans(
    detail: MeasureDetail, language: Language, terms: Iterable[str]
) -> list[tuple[str, tuple[int, int]]]:
    """``(kind, local span)`` of the facts read in ``language``, then of the search matches."""
    source = detail.texts[language]
    facts = [("event", f) for f in detail.events]
    facts += [("quantity", f) for f in detail.quantities]
    facts += [("reference", f) for f in detail.references]
    found = []
    for kind, fact in facts:
        span = span_of(kind, fact)
        local = local_span(span, source) if span is not None and span.lang == language else None
        if local is not None:
            found.append((kind, local))
    matches = search_spans(source.text, search_pattern(terms))
    return found + [("search", match) for match in matches]


def extra_selections(
    document: QTextDocument,
    offsets: OffsetMap,
    spans: Iterable[tuple[str, tuple[int, int]]],
    palette: QPalette,
) -> list[QTextEdit.ExtraSelection]:
    formats = {kind: highlight_format(kind, palette) for kind in highlight_colours(palette)}
    selections = []
    for kind, (start, end) in spans:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(document)
        cursor.setPosition(offsets(start))
        cursor.setPosition(offsets(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor  # type: ignore[attr-defined]
        selection.format = formats[kind]  # type: ignore[attr-defined]
        selections.append(selection)
    return selections


def legend_html(palette: QPalette) -> str:
    """Colour chips naming each highlight (our own markup: no document text in it)."""
    colours = highlight_colours(palette)
    text = palette.color(QPalette.ColorRole.Text).name()
    return " ".join(
        f'<span style="background:{colours[k].name()}; color:{text}">&nbsp;{k}&nbsp;</span>'
        for k in ("event", "quantity", "reference", "search")
    )


class OffsetMap:
    """Python string indices of ``text`` -> positions in a document holding it."""

    def __init__(self, text: str) -> None:
        self._table: list[int] | None = None
        if "\r" not in text and len(text.encode("utf-16-le")) == 2 * len(text):
            return
        table, position = [], 0
        for index, char in enumerate(text):
            table.append(position)
            crlf = char == "\r" and text[index + 1 : index + 2] == "\n"
            position += 0 if crlf else 2 if ord(char) > 0xFFFF else 1
        table.append(position)
        self._table = table

    def __call__(self, index: int) -> int:
        return index if self._table is None else self._table[index]


def highlight_colours(palette: QPalette) -> dict[str, QColor]:
    """Background tints for each fact kind and search matches, from the current palette.

    Tints are stronger on a dark base, where a faint tint is invisible.
    """
    base = palette.color(QPalette.ColorRole.Base)
    accent = palette.color(QPalette.ColorRole.Highlight)
    strength = 0.45 if base.lightnessF() < 0.5 else 0.28
    return {
        "event": blend(accent, base, strength),
        "quantity": blend(turned(accent, -90), base, strength),
        "reference": blend(palette.color(QPalette.ColorRole.Text), base, strength / 2),
        "search": blend(turned(accent, 180), base, strength + 0.15),
    }


def highlight_format(kind: str, palette: QPalette) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(highlight_colours(palette)[kind])
    if kind == "search":
        fmt.setFontUnderline(True)
        fmt.setUnderlineColor(palette.color(QPalette.ColorRole.Text))
    return fmt


def search_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """Case-insensitive word-prefix matches of the search terms (FTS operators skipped)."""
    cleaned = []
    for term in terms:
        word = term.strip().strip('"*()')
        if len(word) >= 2 and word not in _FTS_OPERATORS:
            cleaned.append(re.escape(word))
    if not cleaned:
        return None
    cleaned.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(cleaned) + ")", re.IGNORECASE)


def search_spans(text: str, pattern: re.Pattern[str] | None) -> list[tuple[int, int]]:
    if pattern is None:
        return []
    spans = []
    for match in pattern.finditer(text):
        spans.append(match.span())
        if len(spans) >= MAX_SEARCH_MATCHES:
            break
    return spans
