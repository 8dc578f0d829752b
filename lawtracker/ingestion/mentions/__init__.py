"""The general extraction path: find mentions first, then assemble measures.

It reads any legal text, whatever its layout: the document families (the seeds'
newsletter, news, UN and Council of Europe layouts) only add to what it finds. A readable
text in which it finds nothing still becomes a source, with no measure, for the user to
review: it is never refused.
"""

from __future__ import annotations

import re

from lawtracker.domain.drafts import EventDraft, MeasureDraft, ParsedSource, Provenance
from lawtracker.domain.enums import (
    DatePrecision,
    DocumentFamily,
    EventKind,
    Instrument,
    Language,
    MeasureRole,
)
from lawtracker.domain.facts import Span
from lawtracker.domain.jurisdictions import first_jurisdiction, jurisdiction_counts
from lawtracker.ingestion.families.context import DocumentContext
from lawtracker.ingestion.families.text import guess_language, one_line
from lawtracker.ingestion.mentions.assemble import (
    Group,
    add_deadlines,
    add_references,
    add_relative_in_force,
    attach_dates,
    attach_quantities,
    authorities_from_context,
    decide_roles,
    group_mentions,
    measure_from,
    mention_links,
    merge_citation_lines,
    merge_headlines,
)
from lawtracker.ingestion.mentions.finder import Mention, find_mentions
from lawtracker.ingestion.mentions.grammar import INTERNATIONAL, grammar
from lawtracker.ingestion.mentions.layout import Layout, LineKind, analyse

DATELINE_YEAR_CONFIDENCE = 0.7
_HEADER_REACH = 700
_ALWAYS_HEADER = 120
_NUMBERED_PARAGRAPH = re.compile(r"\s*\d{1,3}\s?[.-]\s?\S")
_OWN_TITLE = re.compile(
    r"^[ \t*#]*(?P<title>(?:Concluding\s+observations|List\s+of\s+issues|Replies\s+of|Reply\s+to\s+"
    r"Recommendation|Information\s+received\s+from|Opinion\s+on|Follow-up\s+report|"
    r"(?:Initial|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Combined)[\w\s,-]{0,40}periodic\s+report|"
    r"Заключительные\s+замечания|Перечень\s+вопросов|Ответы)[^\n]{0,220})",
    re.I | re.M,
)
# str.translate tables that drop the letters of a script: their length difference counts
# them at C speed (findall over 6,000 characters cost more than the language was worth).
_CYRILLIC_LETTERS = dict.fromkeys([*range(0x410, 0x450), 0x401, 0x451])
_LATIN_LETTERS = dict.fromkeys(
    map(ord, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZəƏçÇşŞğĞüÜöÖıİ")
)
_AZERBAIJANI_LETTER = re.compile(r"[əƏıİğĞşŞ]")
_REPLY = re.compile(r"\breply\b", re.I)


def detect_language(text: str) -> Language:
    """Russian by script; Azerbaijani or English by function words (only when letters of
    the Azerbaijani alphabet occur at all: counting words costs more than this check)."""
    sample = text[:6000]
    cyrillic = len(sample) - len(sample.translate(_CYRILLIC_LETTERS))
    if cyrillic and cyrillic > 0.4 * (
        cyrillic + len(sample) - len(sample.translate(_LATIN_LETTERS))
    ):
        return Language.RU
    if not _AZERBAIJANI_LETTER.search(sample):
        return Language.EN
    return guess_language(sample)


def extract(
    ctx: DocumentContext, *, family: DocumentFamily = DocumentFamily.GENERIC
) -> ParsedSource:
    """Measures of any legal text, with a role and a confidence each."""
    text = ctx.text
    language = detect_language(text)
    ctx.language = language  # type: ignore[attr-defined]
    layout = analyse(text, ctx.dates)
    if (
        layout.dateline is not None
        and layout.dateline.confidence >= DATELINE_YEAR_CONFIDENCE
        and ctx.default_year is None
        and any(d.precision == DatePrecision.MONTH_DAY for d in ctx.dates)
    ):
        ctx.default_year = layout.dateline.date.year
        ctx.__dict__.pop("dates", None)
        ctx.__dict__.pop("_date_starts", None)
        layout = analyse(text, ctx.dates)
    lang_key = {Language.RU: "ru", Language.AZ: "az"}.get(language, "en")
    mentions = [
        m for m in find_mentions(layout.flat, layout, lang=lang_key) if not _in_chrome(layout, m)
    ]
    own = _own_document(text, layout, mentions)
    groups, of = group_mentions(mentions)
    merge_citation_lines(text, layout, groups, of)
    merge_headlines(layout, groups, of)
    own_group: Group | None = None
    if own is not None:
        own_group = of.get(id(own))
        if own_group is None:
            own_group = Group([own], first=own.span.start)
            groups.insert(0, own_group)
            of[id(own)] = own_group
        own_group.own_document = True
        _merge_own_title_mentions(text, groups, of, own_group)
        if own_group.lead.issuer is None:
            own_group.lead.issuer = _header_author(text)
        _merge_header_numbers(layout, groups, of, own_group)
        if layout.dateline is not None:
            own_group.events.append(
                EventDraft(
                    kind=EventKind.PUBLISHED,
                    date=layout.dateline.date,
                    precision=layout.dateline.precision,
                    provenance=Provenance(
                        layout.dateline.span,
                        language,
                        layout.dateline.confidence,
                        layout.dateline.confidence < 0.9,
                    ),
                    label=f"document date ({layout.dateline.cue})",
                )
            )
    fallback = own_group or (groups[0] if len(groups) == 1 else None)
    attach_dates(ctx, layout, mentions, of, fallback)
    add_relative_in_force(text, layout, groups)
    add_deadlines(ctx, layout, groups)
    authorities_from_context(text, layout, groups)
    roles = decide_roles(text, layout, groups)
    subject = fallback or next((g for g in groups if roles[id(g)] == MeasureRole.PRIMARY), None)
    attach_quantities(ctx, layout, mentions, of, roles, subject)
    prior = _prior_jurisdiction(text, own, ctx)
    built: list[tuple[MeasureDraft, Group]] = []
    mentioned: list[MeasureDraft] = []
    for group in groups:
        role = roles[id(group)]
        title = _own_title(text) if group is own_group else None
        measure = measure_from(
            ctx,
            layout,
            group,
            role,
            prior=prior,
            international_text=own is not None and own.jurisdiction == INTERNATIONAL,
            title=title,
        )
        if group is own_group and own is not None and own.jurisdiction == INTERNATIONAL:
            measure.jurisdiction = None
        if role == MeasureRole.MENTIONED:
            # Named in passing, with no number or date of its own: a link from the measure
            # the text is about, not a row of its own in the list.
            mentioned.append(measure)
            continue
        built.append((measure, group))
    measures = [m for m, _ in built]
    primary = next((m for m in measures if m.role == MeasureRole.PRIMARY), None)
    if primary is not None:
        mention_links(primary, mentioned)
    add_references(ctx, built, layout)
    return ParsedSource(
        file_name=ctx.file_name,
        sha256=ctx.sha256,
        family=family,
        text=text,
        title=_source_title(text, layout),
        date=layout.dateline.date if layout.dateline else None,
        date_precision=layout.dateline.precision if layout.dateline else DatePrecision.UNKNOWN,
        languages=[language],
        ocr_damaged=ctx.ocr_damaged,
        measures=_unique_keys(measures),
    )


def _in_chrome(layout: Layout, mention: Mention) -> bool:
    return layout.is_chrome(mention.span)


def _subject(groups: list[Group]) -> Group | None:
    return max(groups, key=lambda g: (len(g.mentions), -g.first)) if groups else None


def _own_document(text: str, layout: Layout, mentions: list[Mention]) -> Mention | None:
    """The document's own symbol or number, from its header; or its own title line."""
    header_end = _header_end(text, layout)
    for mention in mentions:
        if mention.span.start >= header_end:
            break
        if (
            mention.number
            and mention.jurisdiction is not None
            and ("/" in mention.number or mention.jurisdiction == INTERNATIONAL)
        ):
            if re.search(
                r"\(\s*(?:see\s+)?$", text[max(0, mention.span.start - 8) : mention.span.start]
            ):
                continue
            if mention.number.startswith("Doc.") and _REPLY.search(
                text[max(0, mention.span.start - 60) : mention.span.start]
            ):
                mention.instrument = Instrument.OTHER
            return mention
    title = _OWN_TITLE.search(text, 0, min(len(text), 1500))
    if title is None:
        return None
    words = title.group("title")
    instrument = Instrument.REPORT
    span = Span(title.start("title"), title.end("title"))
    country = first_jurisdiction(words)
    return Mention(
        span=span, instrument=instrument, strength=0.8, head=span, jurisdiction=country, title=None
    )


def _merge_own_title_mentions(
    text: str, groups: list[Group], of: dict[int, Group], own: Group
) -> None:
    """ "… adopted the present concluding observations", "Комитет принял настоящие
    заключительные замечания": the document speaking of itself by its title's words."""
    title = _own_title(text)
    if not title:
        return
    folded_title = title.lower()
    for group in list(groups):
        lead = group.lead
        if group is own or lead.number or lead.title or not lead.head_text:
            continue
        if lead.instrument != own.lead.instrument:
            continue
        if lead.head_text.lower() not in folded_title:
            continue
        for mention in group.mentions:
            of[id(mention)] = own
        own.mentions.extend(group.mentions)
        groups.remove(group)


def _header_author(text: str) -> str | None:
    """The international body a document's header names (its author), if any."""
    for rule in grammar().issuers:
        if rule.jurisdiction != INTERNATIONAL:
            continue
        match = rule.pattern.search(text, 0, min(len(text), 1500))
        if match:
            return one_line(match.group(0))
    return None


def _header_end(text: str, layout: Layout) -> int:
    """Where the header block ends: the first numbered paragraph or running-text line."""
    for line in layout.lines:
        body = text[line.span.start : line.span.end]
        if line.span.start > 0 and (
            _NUMBERED_PARAGRAPH.match(body)
            or (line.kind == LineKind.TEXT and line.span.end - line.span.start > 160)
        ):
            return max(min(line.span.start, _HEADER_REACH), _ALWAYS_HEADER)
    return min(len(text), _HEADER_REACH)


def _merge_header_numbers(
    layout: Layout, groups: list[Group], of: dict[int, Group], own: Group
) -> None:
    """ "Written declaration No. 455 | Doc. 12383": two numbers of one document, one measure."""
    lead = own.lead
    line = next(
        (ln for ln in layout.lines if ln.span.start <= lead.span.start < ln.span.end + 1), None
    )
    if line is None:
        return
    for group in list(groups):
        if group is own:
            continue
        if (
            all(line.span.start <= m.span.start < line.span.end for m in group.mentions)
            and group.lead.number
        ):
            own.mentions.extend(group.mentions)
            for mention in group.mentions:
                of[id(mention)] = own
                mention.number = None
            groups.remove(group)


def _own_title(text: str) -> str | None:
    match = _OWN_TITLE.search(text, 0, min(len(text), 1500))
    return one_line(match.group("title")).strip(" *") if match else None


# Money and index units that only one country uses: a text that names no country but
# counts in tenge or monthly calculation indexes is about Kazakhstan.
_UNIT_COUNTRY = {
    "KZT": "KZ", "MCI": "KZ", "UZS": "UZ", "MMW": "UZ", "AZN": "AZ", "GEL": "GE",
    "AMD": "AM", "KGS": "KG", "TJS": "TJ", "RUB": "RU",
}  # fmt: skip


def _prior_jurisdiction(
    text: str, own: Mention | None, ctx: DocumentContext | None = None
) -> str | None:
    """A UN text's State party; for an international body's own text, "international"
    (its own opinions and reports belong to no State, the acts it cites keep theirs);
    else the country named most (the start counts twice), else the one its money names."""
    if own is not None and own.jurisdiction not in (None, INTERNATIONAL):
        return own.jurisdiction
    counts = jurisdiction_counts(text, head=400)
    if counts:
        best = max(counts.items(), key=lambda item: item[1])[0]
        return best
    if own is not None and own.jurisdiction == INTERNATIONAL:
        return INTERNATIONAL
    if ctx is not None:
        units = {_UNIT_COUNTRY[q.unit] for q in ctx.quantities if q.unit in _UNIT_COUNTRY}
        if len(units) == 1:
            return units.pop()
    return None


def _source_title(text: str, layout: Layout) -> str:
    """The first line of real content: never site chrome, a bare date or a symbol."""
    for line in layout.lines:
        if line.kind in (LineKind.BLANK, LineKind.CHROME):
            continue
        words = one_line(text[line.span.start : line.span.end]).strip(" *#")
        if len(words) < 12 or not re.search(r"[^\W\d_]{3}", words):
            continue
        if (
            layout.dateline
            and line.span.start <= layout.dateline.span.start < line.span.end
            and len(words) < 40
        ):
            continue
        return words[:200]
    return "untitled document"


def _unique_keys(measures: list[MeasureDraft]) -> list[MeasureDraft]:
    """Two groups may still meet on one key (same title twice): keep the first, merge facts."""
    out: dict[str, MeasureDraft] = {}
    for measure in measures:
        existing = out.get(measure.key)
        if existing is None:
            out[measure.key] = measure
            continue
        existing.events.extend(e for e in measure.events if e not in existing.events)
        existing.quantities.extend(measure.quantities)
    return list(out.values())
