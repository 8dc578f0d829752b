"""Where a PDF's text sits on its pages, so that a span of the text maps to rectangles.

Kept small and serialisable (JSON next to the stored original): per page the
offset where its text starts, its size in points, and per text line the range
of the joined text it became and its box (points, origin top left).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class LineBox:
    start: int
    end: int
    box: Box


@dataclass(slots=True)
class PageBoxes:
    offset: int
    width: float
    height: float
    lines: list[LineBox] = field(default_factory=list)


@dataclass(slots=True)
class PageLayout:
    pages: list[PageBoxes] = field(default_factory=list)

    def page_of(self, offset: int) -> int:
        """The 0-based page whose text holds ``offset`` (the last page starting at or before it)."""
        found = 0
        for index, page in enumerate(self.pages):
            if page.offset <= offset:
                found = index
        return found

    def boxes_for(self, start: int, end: int) -> list[tuple[int, Box]]:
        """(page, box) of every line overlapping the text span ``start``..``end``.

        A box is narrowed to the span by the share of the line's characters it
        covers: exact for fixed-width fonts, close enough to find the words otherwise.
        """
        found: list[tuple[int, Box]] = []
        for index, page in enumerate(self.pages):
            for line in page.lines:
                lo, hi = max(start, line.start), min(end, line.end)
                if lo >= hi:
                    continue
                x0, y0, x1, y1 = line.box
                length = max(line.end - line.start, 1)
                width = x1 - x0
                found.append(
                    (
                        index,
                        (
                            x0 + width * (lo - line.start) / length,
                            y0,
                            x0 + width * (hi - line.start) / length,
                            y1,
                        ),
                    )
                )
        return found

    def to_json(self) -> str:
        return json.dumps(
            {
                "pages": [
                    {
                        "offset": p.offset,
                        "size": [round(p.width, 1), round(p.height, 1)],
                        "lines": [
                            [ln.start, ln.end, *(round(v, 1) for v in ln.box)] for ln in p.lines
                        ],
                    }
                    for p in self.pages
                ]
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> PageLayout:
        data = json.loads(text)
        return cls(
            [
                PageBoxes(
                    page["offset"],
                    page["size"][0],
                    page["size"][1],
                    [LineBox(ln[0], ln[1], (ln[2], ln[3], ln[4], ln[5])) for ln in page["lines"]],
                )
                for page in data["pages"]
            ]
        )
