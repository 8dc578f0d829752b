"""Reading order of a PDF's text lines: columns, repeated headers/footers, paragraphs.

Pure geometry on lines (text plus box, points, origin top left), so that it is
tested without a PDF. Lines run top to bottom within a column, the left column
before the right; a line repeated at the top or bottom of most pages (a running
header, "Page 3 of 9") is dropped; wrapped lines are joined into one paragraph
per line of text, paragraphs separated by a blank line, as in the plain-text files.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from dataclasses import dataclass

from lawtracker.ingestion.formats.layout import LineBox, PageBoxes, PageLayout


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Page:
    width: float
    height: float
    lines: list[Line]


_MIN_GUTTER = 8.0
_SHORT_HEAD = 40  # a running head this short may differ in its numbers only
_EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be running heads
_SENTENCE_END = re.compile(r"[.!?:;\"”»)]$")


def layout_text(pages: list[Page]) -> tuple[str, PageLayout]:
    """Join the pages' lines into text in reading order, with where each line came from."""
    running = _running_heads(pages)
    parts: list[str] = []
    offset = 0
    layout = PageLayout()
    previous: Line | None = None
    for page in pages:
        lines = [ln for ln in page.lines if _head_key(ln) not in running or not _at_edge(ln, page)]
        boxes = PageBoxes(offset, page.width, page.height)
        layout.pages.append(boxes)
        pitch = _typical_pitch(lines)
        for column_start, line in _ordered(lines, page.width):
            if previous is not None:
                sep = _separator(previous, line, pitch, new_column=column_start)
                parts.append(sep)
                offset += len(sep)
            if not boxes.lines:
                boxes.offset = offset
            text = line.text
            parts.append(text)
            boxes.lines.append(
                LineBox(offset, offset + len(text), (line.x0, line.top, line.x1, line.bottom))
            )
            offset += len(text)
            previous = line
        if not boxes.lines:
            boxes.offset = offset
    return "".join(parts) + ("\n" if parts else ""), layout


def _separator(previous: Line, line: Line, pitch: float, *, new_column: bool) -> str:
    """ " " inside a paragraph, a blank line between paragraphs, "\n" after a hyphen."""
    ends_sentence = bool(_SENTENCE_END.search(previous.text))
    if new_column:
        continues = not ends_sentence and line.text[:1].islower()
        return " " if continues else "\n\n"
    gap = line.bottom - previous.bottom
    if gap > 1.45 * pitch or gap < 0:
        return "\n\n"
    if previous.text.endswith("-") and line.text[:1].islower():
        return "\n"  # the OCR normaliser joins hyphenated words and keeps compounds
    return " "


def _typical_pitch(lines: list[Line]) -> float:
    """The usual distance between baselines of consecutive lines (the line spacing)."""
    pitches = [
        b.bottom - a.bottom
        for a, b in itertools.pairwise(lines)
        if 0 < b.bottom - a.bottom < 4 * max(a.bottom - a.top, 1.0)
    ]
    if not pitches:
        heights = [ln.bottom - ln.top for ln in lines] or [12.0]
        return 1.2 * statistics.median(heights)
    return min(statistics.median(pitches), min(pitches) * 1.3)


def _ordered(lines: list[Line], width: float) -> list[tuple[bool, Line]]:
    """Lines in reading order, each flagged when it starts a new column or page."""
    gutter = _gutter(lines, width)
    if gutter is None:
        ordered = sorted(lines, key=lambda ln: (round(ln.top, 0), ln.x0))
        return [(i == 0, ln) for i, ln in enumerate(ordered)]
    spanning = sorted((ln for ln in lines if ln.x0 < gutter < ln.x1), key=lambda ln: ln.top)
    result: list[tuple[bool, Line]] = []
    bounds = [-math.inf, *(ln.top for ln in spanning), math.inf]
    for band, (low, high) in enumerate(itertools.pairwise(bounds)):
        if band:
            result.append((True, spanning[band - 1]))
        for side in (lambda ln: ln.x1 <= gutter, lambda ln: ln.x0 >= gutter):
            column = sorted(
                (ln for ln in lines if side(ln) and low <= ln.top < high), key=lambda ln: ln.top
            )
            result.extend((i == 0, ln) for i, ln in enumerate(column))
    return result


def _gutter(lines: list[Line], width: float) -> float | None:
    """The x of a vertical gap between two columns, if the page has two."""
    if len(lines) < 4:
        return None
    best: tuple[int, float] | None = None
    x = 0.3 * width
    while x <= 0.7 * width:
        crossing = sum(1 for ln in lines if ln.x0 - _MIN_GUTTER / 2 < x < ln.x1 + _MIN_GUTTER / 2)
        if best is None or crossing < best[0]:
            best = (crossing, x)
        x += 2.0
    assert best is not None
    crossing, x = best
    left = sum(1 for ln in lines if ln.x1 <= x)
    right = sum(1 for ln in lines if ln.x0 >= x)
    if left and right and crossing <= min(0.25 * len(lines), (left + right) / 2):
        return x
    return None


def _head_key(line: Line) -> tuple[str, int]:
    """Text and height on the page; numbers count as one only in short lines ("Page 3")."""
    text = " ".join(line.text.lower().split())
    if len(text) <= _SHORT_HEAD:
        text = re.sub(r"\d+", "#", text)
    return text, round(line.top / 8)


def _at_edge(line: Line, page: Page) -> bool:
    ordered = sorted(page.lines, key=lambda ln: ln.top)
    return line in ordered[:_EDGE_LINES] or line in ordered[-_EDGE_LINES:]


def _running_heads(pages: list[Page]) -> set[tuple[str, int]]:
    """Texts at the top or bottom of most pages (at least two): running headers and footers."""
    if len(pages) < 2:
        return set()
    counts: dict[tuple[str, int], int] = {}
    for page in pages:
        ordered = sorted(page.lines, key=lambda ln: ln.top)
        edge = ordered[:_EDGE_LINES] + ordered[-_EDGE_LINES:]
        for key in {_head_key(ln) for ln in edge}:
            counts[key] = counts.get(key, 0) + 1
    needed = max(2, math.ceil(0.6 * len(pages)))
    return {key for key, n in counts.items() if n >= needed and key[0].strip()}
