"""Document families: profiles that add what a known layout states to the general path.

Every document goes through the general extractor (:mod:`lawtracker.ingestion.mentions`).
A family whose recogniser is sure of a layout (the seeds' newsletter, news item, UN
follow-up report and written declaration) then parses it as well, and its measures come
first: they keep their keys and facts, and the general path adds the measures the family
did not name. Recognition never looks at file names. ``LAWTRACKER_PROFILES=off`` turns the
profiles off (the benchmark uses it to show the general path carries the load).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass

from lawtracker.domain.drafts import MeasureDraft, ParsedSource
from lawtracker.domain.enums import DocumentFamily, MeasureRole
from lawtracker.errors import ParseError
from lawtracker.ingestion.families import declaration, generic, news, newsletter, treaty_report
from lawtracker.ingestion.families.context import DocumentContext

PROFILE_THRESHOLD = 0.85


@dataclass(frozen=True)
class Family:
    kind: DocumentFamily
    score: Callable[[str], float]
    parse: Callable[[DocumentContext], ParsedSource]


FAMILIES: tuple[Family, ...] = (
    Family(DocumentFamily.NEWS, news.score, news.parse),
    Family(DocumentFamily.NEWSLETTER, newsletter.score, newsletter.parse),
    Family(DocumentFamily.TREATY_BODY_REPORT, treaty_report.score, treaty_report.parse),
    Family(DocumentFamily.WRITTEN_DECLARATION, declaration.score, declaration.parse),
    Family(DocumentFamily.GENERIC, generic.score, generic.parse),
)


def recognise(text: str) -> Family:
    """The family whose recogniser is most confident about ``text``."""
    return max(FAMILIES, key=lambda family: family.score(text))


def profiles_enabled() -> bool:
    return os.environ.get("LAWTRACKER_PROFILES", "on").lower() not in ("off", "0", "no")


def parse_document(ctx: DocumentContext) -> ParsedSource:
    """The general path's measures, with a sure family profile's measures first."""
    from lawtracker.ingestion.mentions import extract

    profiled = _profile(ctx) if profiles_enabled() else None
    general_ctx = _fresh_context(ctx) if profiled else ctx
    general = extract(general_ctx)
    if profiled is None:
        return general
    _take_own_number(profiled.measures, general.measures)
    profiled.measures = merge_measures(profiled.measures, general.measures)
    return profiled


def _take_own_number(first: list[MeasureDraft], more: list[MeasureDraft]) -> None:
    """The profile's document measure takes the symbol the general path read in the header
    ("CAT/C/ARM/FCO/5") when the profile found none; its key stays as it is."""
    if not first or first[0].number:
        return
    own = next(
        (m for m in more if m.role == MeasureRole.PRIMARY and m.number and "/" in m.number), None
    )
    if own is not None and own.instrument == first[0].instrument:
        first[0].number = own.number


def _fresh_context(ctx: DocumentContext) -> DocumentContext:
    """A new context for the general path, with the facts the profile read that the general
    path would read the same: no year taken from a dateline, no region marked damaged.
    (Reading them again cost a fifth of the time of a profiled document.)"""
    fresh = DocumentContext(ctx.file_name, ctx.sha256, ctx.text, ocr_regions=ctx.ocr_regions)
    cached = ctx.__dict__
    if "normalized" in cached:
        fresh.__dict__["normalized"] = cached["normalized"]
    if not cached.get("damaged_regions"):
        names = ["quantities", "references"] + (["dates"] if ctx.default_year is None else [])
        for name in names:
            if name in cached:
                fresh.__dict__[name] = list(cached[name])
    return fresh


def _profile(ctx: DocumentContext) -> ParsedSource | None:
    family = recognise(ctx.text)
    if family.kind == DocumentFamily.GENERIC or family.score(ctx.text) < PROFILE_THRESHOLD:
        return None
    try:
        parsed = family.parse(ctx)
    except (ParseError, ValueError):
        return None
    return parsed if parsed.measures else None


def merge_measures(first: list[MeasureDraft], more: list[MeasureDraft]) -> list[MeasureDraft]:
    """``first`` as it is, plus each measure of ``more`` that is numbered or cited with a date
    and that it does not name.

    A profile already describes its document's subjects; what the general path adds is the
    numbered instruments the profile's layout rules do not look for (a cited UN symbol, a
    law number in the commentary). Its unnumbered guesses would only repeat the profile's.
    """
    merged = list(first)
    known = {_norm(m.number) for m in first if m.number}
    # What the profile cites (a reference or a link) it has chosen not to make a measure of:
    # the seeds' results stay as they are.
    known |= {_norm(r.normalized) for m in first for r in m.references}
    known |= {_norm(m.key.rsplit("/", 1)[-1]) for m in first}
    keys = {m.key for m in first}
    dated = {(m.instrument, e.date) for m in first for e in m.events if e.date}
    titles = " ".join(_norm(m.title) for m in first)
    for measure in more:
        if measure.role == MeasureRole.MENTIONED:
            continue
        dated_citation = measure.role == MeasureRole.REFERENCED and any(
            e.date for e in measure.events
        )
        if not (measure.number or dated_citation):
            continue
        if measure.key in keys or (measure.number and _norm(measure.number) in known):
            continue
        if not measure.number and (
            any((measure.instrument, e.date) in dated for e in measure.events if e.date)
            or _norm(measure.key.rsplit("/", 1)[-1]) in titles
        ):
            continue  # the profile's own measure, named another way
        merged.append(measure)
        keys.add(measure.key)
    return merged


def _norm(number: str | None) -> str:
    return re.sub(r"[^0-9a-z]+", "", (number or "").lower())
