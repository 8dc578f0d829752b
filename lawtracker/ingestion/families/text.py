"""Plain-text helpers for the family parsers: sentences, paragraphs, language."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lawtracker.domain.enums import Language
from lawtracker.domain.facts import Span

# A full stop ends a sentence unless it closes a common abbreviation
# ("No. 1913", "i.e.", "Art.", "Doc.") or sits inside a number ("90.7.2").
# The pattern starts by consuming the one character every alternative starts
# with, which lets the regex engine skip to those characters quickly; each
# alternative then checks which character it was with a look-behind (so the
# abbreviation look-behinds end in "." for it). A leading look-ahead instead
# was 2.5x slower, and no hint at all 10x slower.
_SENTENCE_END = re.compile(
    r"[.!?\n;]"
    r"(?:(?<=[.!?])(?<!\bNo.)(?<!\bi\.e.)(?<!\be\.g.)(?<!\bArt.)(?<!\bDoc.)(?<!\bDistr.)(?<!\bSt.)"
    r"(?<!\bpara.)(?=\s+[\"“(\[A-ZƏÇŞĞÜÖİ\-•*]|\s*$)"
    r"|(?<=\n)\s*\n|(?<=;)\s*\n)"
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

# The look-aheads name the letters the words start with, so that the
# alternation is tried only there (about twice as fast; same matches).
_AZ_MARKERS = re.compile(
    r"\b(?=[vihteoüugrmnqəad])"
    r"(va|v[əe]|il[əe]|haqq[ıi]nda|hagq[gi]?[ıi]nda|tarixi|edilm[əa]si|olunub|edilib|"
    r"il[dt][əeas]|[üu]zr[əa]|g[öo]r[əea]|Respublikas[ıi]n?[ıi]?n?|m[əa]c[əa]ll[əe]|"
    r"n[öoé]mr[əa]li|q[üu]vv[əe]y[əe]|[əa]sas[əa]n|d[əa]yi[şs]iklik)\b",
    re.IGNORECASE,
)
_EN_MARKERS = re.compile(
    r"\b(?=[toaifwsh])(the|of|and|to|in|is|are|for|with|that|which|shall|has|have)\b",
    re.IGNORECASE,
)


def sentences(text: str, region: Span | None = None) -> Iterator[Span]:
    """Sentence spans inside ``region`` (the whole text by default), stripped."""
    start = region.start if region else 0
    stop = region.end if region else len(text)
    pos = start
    for match in _SENTENCE_END.finditer(text, start, stop):
        end = match.start() + (1 if text[match.start()] in ".!?;" else 0)
        span = _strip(text, pos, end)
        if span:
            yield span
        pos = match.end()
    span = _strip(text, pos, stop)
    if span:
        yield span


def sentence_at(text: str, pos: int, region: Span | None = None) -> Span:
    for span in sentences(text, region):
        if span.start <= pos < span.end:
            return span
    return Span(pos, pos)


def paragraphs(text: str, region: Span | None = None) -> Iterator[Span]:
    start = region.start if region else 0
    stop = region.end if region else len(text)
    pos = start
    for match in _PARAGRAPH_BREAK.finditer(text, start, stop):
        span = _strip(text, pos, match.start())
        if span:
            yield span
        pos = match.end()
    span = _strip(text, pos, stop)
    if span:
        yield span


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def guess_language(text: str) -> Language:
    """English or Azerbaijani, by counting function words of each."""
    az = len(_AZ_MARKERS.findall(text))
    en = len(_EN_MARKERS.findall(text))
    return Language.AZ if az > en else Language.EN


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
