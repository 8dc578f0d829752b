"""Find a rule's quote in a source text, ignoring differences in whitespace.

The newsletter seed has hard line breaks and double spaces, so a quote typed
on one line must still match; the span returned is in the source's own
offsets so the GUI can highlight the exact characters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lawtracker.domain.rules import Span

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class SearchText:
    """A piece of a source to search: ``text`` is ``source.text[offset:offset + len(text)]``."""

    source_id: int
    source_name: str
    offset: int
    text: str


def normalize(text: str) -> str:
    """Collapse every run of whitespace to one space and trim the ends."""
    return _SPACE.sub(" ", text).strip()


def _folded(text: str) -> tuple[str, list[int]]:
    """The text with whitespace runs collapsed, and each kept character's original index."""
    chars: list[str] = []
    index: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space and chars:
                chars.append(" ")
                index.append(i)
            in_space = True
            continue
        in_space = False
        chars.append(ch)
        index.append(i)
    return "".join(chars), index


def find_quote(quote: str, texts: Sequence[SearchText]) -> Span | None:
    """The first place ``quote`` occurs in ``texts`` (in order), or None."""
    needle = normalize(quote)
    if not needle:
        return None
    for piece in texts:
        folded, index = _folded(piece.text)
        at = folded.find(needle)
        if at < 0:
            continue
        start = index[at]
        end = index[at + len(needle) - 1] + 1
        return Span(
            source_id=piece.source_id,
            source_name=piece.source_name,
            start=piece.offset + start,
            end=piece.offset + end,
            text=piece.text[start:end],
        )
    return None
