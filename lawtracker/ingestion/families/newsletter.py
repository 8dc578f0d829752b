"""Legislative-update newsletters: numbered items with Document / Date of signing / Commentary.

An item may name several instruments ("Law No. 619-VIQD ... and Law 620-VIQD
..."); each becomes its own measure sharing the item's facts. A second run of
items numbered from 1 again is the same newsletter in another language: each
of its items is linked to the English item with the same number (checked
against the document numbers where the damaged text still shows them).
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import re
from dataclasses import dataclass, field

from lawtracker.domain.drafts import EventDraft, LinkDraft, MeasureDraft, ParsedSource, Provenance
from lawtracker.domain.enums import (
    DatePrecision,
    DocumentFamily,
    EventKind,
    Instrument,
    Language,
    LinkKind,
    ReferenceKind,
)
from lawtracker.domain.facts import FoundDate, FoundReference, Span
from lawtracker.domain.jurisdictions import first_jurisdiction
from lawtracker.ingestion.families.context import DocumentContext
from lawtracker.ingestion.families.drafting import (
    clean_title,
    event_from,
    instrument_for,
    measure_key,
    quantity_from,
    reference_from,
    unknown_event,
)
from lawtracker.ingestion.families.periods import period_events
from lawtracker.ingestion.families.text import guess_language, one_line, paragraphs

log = logging.getLogger(__name__)

_ITEM = re.compile(r"^[ \t]?(\d{1,2})\.[ \t]+(?=\S)", re.MULTILINE)
_FIELD_LABELS: dict[str, re.Pattern[str]] = {
    "document": re.compile(
        r"^[ \t]*(?:Documents?|S\w{1,3}n\w{1,2}d(?:l\w{1,2}r)?)[ \t]*:", re.MULTILINE
    ),
    "signing": re.compile(
        r"^[ \t]*(?:Date of signing|[İIi]mzalanma tarixi)[ \t]*:", re.MULTILINE | re.IGNORECASE
    ),
    "commentary": re.compile(r"^[ \t]*(?:Commentary|S\w{0,3}rh)[ \t]*:", re.MULTILINE),
}
# The look-ahead names the first letters, so the alternation runs only there.
_IN_FORCE_EN = re.compile(
    r"\b(?=[ect])(?:(?:enter(?:s|ed)?|come[s]?|came)\s+into\s+(?:force|effect)|takes?\s+effect)",
    re.I,
)
_IN_FORCE_AZ = re.compile(r"\bq\w{0,3}vv\w{0,3}\s+min", re.I)
_AMENDS = re.compile(r"\bamendments?\s+to\s+the\s+(?P<target>.+)$", re.I | re.S)
_QUOTED = re.compile(r"[“\"]([^”\"]{3,120})[”\"]")
_OF_JURISDICTION = re.compile(r"\s+of\s+the\s+Republic\s+of\s+\w+\s*$", re.I)
_AUTHORITY_END = re.compile(r"\s+(?:on|dated)\s|\s[“\"(]|$", re.I)

_INSTRUMENT_REF_KINDS = (ReferenceKind.LAW, ReferenceKind.DECISION)


@dataclass
class _Item:
    number: int
    span: Span
    heading: Span
    lang: Language
    fields: dict[str, Span] = field(default_factory=dict)


def score(text: str) -> float:
    head = text[:20000]
    # Only presence counts: search() stops at the first hit, and most texts
    # lack a "Document:" label, which spares the other scans.
    if (
        _FIELD_LABELS["document"].search(head)
        and (_FIELD_LABELS["signing"].search(head) or _FIELD_LABELS["commentary"].search(head))
        and _ITEM.search(head)
    ):
        return 0.9
    return 0.0


def parse(ctx: DocumentContext) -> ParsedSource:
    text = ctx.text
    sections = _split_sections(text)
    for items in sections[1:]:
        if items:
            ctx.mark_if_damaged(Span(items[0].span.start, items[-1].span.end))
    title_line = next(paragraphs(text), Span(0, 0))
    header = Span(0, sections[0][0].span.start if sections and sections[0] else len(text))
    header_dates = [d for d in ctx.dates_in(header) if d.precision == DatePrecision.DAY]
    parsed = ParsedSource(
        file_name=ctx.file_name,
        sha256=ctx.sha256,
        family=DocumentFamily.NEWSLETTER,
        text=text,
        title=one_line(text[title_line.start : title_line.end].splitlines()[0]) or ctx.file_name,
        date=header_dates[0].value if header_dates else None,
        date_precision=DatePrecision.DAY if header_dates else DatePrecision.UNKNOWN,
        ocr_damaged=ctx.ocr_damaged,
    )
    languages: list[Language] = []
    primary: dict[int, list[MeasureDraft]] = {}
    for items in sections:
        if not items:
            continue
        lang = items[0].lang
        if lang not in languages:
            languages.append(lang)
        for item in items:
            if not primary.get(item.number) and lang == (languages[0]):
                primary[item.number] = _item_measures(ctx, item)
            elif item.number in primary:
                _link_twin(ctx, item, primary[item.number])
    parsed.languages = languages
    parsed.measures = [m for measures in primary.values() for m in measures]
    return parsed


def _split_sections(text: str) -> list[list[_Item]]:
    """Items grouped into runs; a number that does not increase starts a new run."""
    starts = list(_ITEM.finditer(text))
    sections: list[list[_Item]] = []
    previous = 0
    for i, match in enumerate(starts):
        number = int(match.group(1))
        if number <= previous or not sections:
            sections.append([])
        previous = number
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        span = Span(match.start(), end)
        labels = _labels(text, span)
        fields = _fields(labels, span)
        first_label = labels[0][0] if labels else end
        heading = Span(match.end(), max(match.end(), first_label))
        lang = guess_language(text[span.start : span.end])
        sections[-1].append(_Item(number, span, heading, lang, fields))
    for section, following in itertools.pairwise(sections):
        _trim_foreign_tail(text, section[-1], following[0].lang)
    return [s for s in sections if any(item.fields for item in s)]


def _trim_foreign_tail(text: str, item: _Item, foreign: Language) -> None:
    """End the last item of a run before trailing paragraphs in the next run's language."""
    kept_end = item.span.start
    for para in paragraphs(text, item.span):
        if para.start > item.heading.end and guess_language(text[para.start : para.end]) == foreign:
            break
        kept_end = para.end
    item.span = Span(item.span.start, max(kept_end, item.heading.end))


def _labels(text: str, item: Span) -> list[tuple[int, int, str]]:
    """Start, end and name of each field label in ``item``, in text order."""
    found: list[tuple[int, int, str]] = []
    for name, pattern in _FIELD_LABELS.items():
        match = pattern.search(text, item.start, item.end)
        if match:
            found.append((match.start(), match.end(), name))
    found.sort()
    return found


def _fields(labels: list[tuple[int, int, str]], item: Span) -> dict[str, Span]:
    """Each field's value: from its label to the next label or the item's end."""
    fields = {}
    for i, (_, value_start, name) in enumerate(labels):
        value_end = labels[i + 1][0] if i + 1 < len(labels) else item.end
        fields[name] = Span(value_start, value_end)
    return fields


def _instrument_refs(ctx: DocumentContext, document: Span) -> list[FoundReference]:
    """The numbered instruments an item's Document field names, in order.

    A numbered reference starts a new instrument only at the start of the
    field or after "and"/a comma; others (e.g. "amendments to Law No. 5")
    are what the instrument is about.
    """
    refs = [r for r in ctx.references_in(document) if r.kind in _INSTRUMENT_REF_KINDS]
    heads: list[FoundReference] = []
    for ref in refs:
        before = ctx.text[document.start : ref.span.start]
        if not before.strip() or re.search(r"(?:\band|,)\s*$", before):
            heads.append(ref)
    return heads


def _item_measures(ctx: DocumentContext, item: _Item) -> list[MeasureDraft]:
    document = item.fields.get("document")
    if document is None:
        return []
    heads = _instrument_refs(ctx, document)
    measures = []
    for i, ref in enumerate(heads):
        segment_end = heads[i + 1].span.start if i + 1 < len(heads) else document.end
        measures.append(_measure(ctx, item, ref, Span(ref.span.start, segment_end)))
    if not measures:
        return []
    shared_events = _in_force_events(ctx, item, _IN_FORCE_EN, Language.EN)
    quantities = [quantity_from(q) for q in ctx.quantities_in(item.span)]
    head_spans = {h.span for h in heads}
    references = [
        reference_from(r) for r in ctx.references_in(item.span) if r.span not in head_spans
    ]
    periods = period_events(ctx, item.span, Language.EN)
    for measure in measures:
        measure.events.extend(shared_events)
        measure.events.extend(periods)
        measure.quantities.extend(quantities)
        measure.references.extend(references)
        measure.links.extend(_cited_codes(references, measure))
        measure.texts[Language.EN] = item.span
        measure.summary = one_line(ctx.slice(item.heading))
    return measures


def _measure(ctx: DocumentContext, item: _Item, ref: FoundReference, segment: Span) -> MeasureDraft:
    text = ctx.text
    rest = text[ref.span.end : segment.end]
    rest = re.sub(r"\s+and\s*$", "", rest.rstrip(), flags=re.S)
    dated = [d for d in ctx.dates_in(Span(ref.span.end, segment.end)) if _is_dated(text, d)]
    if dated:
        rest = text[dated[0].span.end : ref.span.end + len(rest)]
    authority = None
    issuer_match = re.match(r"\s+of\s+the\s+", rest)
    if issuer_match:
        tail = rest[issuer_match.end() :]
        end = _AUTHORITY_END.search(tail)
        issuer = one_line(tail[: end.start() if end else len(tail)])
        rest = tail[end.start() if end else len(tail) :]
        if not re.fullmatch(r"Republic of \w+", issuer, re.I):
            authority = issuer
    subject = clean_title(rest)
    jurisdiction = first_jurisdiction(text[segment.start : segment.end]) or "XX"
    instrument = instrument_for(ref.normalized, issuer=authority or "")
    number = re.sub(r"^\D*?No\.?\s*|^\w+\s+", "", ref.normalized, count=1)
    title = f"{ref.normalized} {subject}".strip() if subject else ref.normalized
    measure = MeasureDraft(
        key=measure_key(jurisdiction, instrument, number),
        title=title,
        instrument=instrument,
        jurisdiction=jurisdiction,
        number=number,
        authority=authority,
        title_span=segment,
    )
    signing = item.fields.get("signing")
    signed = (
        [d for d in ctx.dates_in(signing) if d.precision == DatePrecision.DAY] if signing else []
    )
    if signed:
        measure.events.append(event_from(signed[0], EventKind.SIGNED, label="date of signing"))
    elif dated:
        kind = (
            EventKind.ADOPTED
            if instrument in (Instrument.COURT_DECISION, Instrument.RESOLUTION)
            else EventKind.SIGNED
        )
        measure.events.append(event_from(dated[0], kind, label="dated"))
    amended = _AMENDS.search(subject)
    if amended:
        measure.links.append(_amends_link(amended.group("target"), jurisdiction, segment))
    return measure


def _is_dated(text: str, found: FoundDate) -> bool:
    return bool(re.search(r"\bdated\s*$", text[max(0, found.span.start - 12) : found.span.start]))


def _amends_link(target: str, jurisdiction: str, segment: Span) -> LinkDraft:
    target = clean_title(target)
    quoted = _QUOTED.search(target)
    name = quoted.group(1) if quoted else _OF_JURISDICTION.sub("", target)
    instrument = instrument_for(target)
    if instrument == Instrument.OTHER:
        return LinkDraft(LinkKind.AMENDS, target, None, Provenance(segment))
    return LinkDraft(
        LinkKind.AMENDS,
        one_line(target),
        measure_key(jurisdiction, instrument, name),
        Provenance(segment),
    )


def _cited_codes(references: list, measure: MeasureDraft) -> list[LinkDraft]:
    """A reference like "Labor Code, Articles 176.1–176.3" makes the measure cite that code."""
    links = []
    seen = {link.target_key for link in measure.links}
    for ref in references:
        if ref.kind != ReferenceKind.ARTICLE or "," not in ref.normalized:
            continue
        code = ref.normalized.split(",", 1)[0].strip()
        if instrument_for(code) != Instrument.CODE:
            continue
        key = measure_key(measure.jurisdiction, Instrument.CODE, code)
        if key not in seen:
            seen.add(key)
            links.append(LinkDraft(LinkKind.CITES, code, key, ref.provenance))
    return links


def _in_force_events(
    ctx: DocumentContext, item: _Item, pattern: re.Pattern[str], lang: Language
) -> list[EventDraft]:
    """Entry into force from its own sentence, or an explicit unknown."""
    for sentence in ctx.sentences_in(item.span):
        if not pattern.search(ctx.slice(sentence)):
            continue
        days = [d for d in ctx.dates_in(sentence) if d.precision == DatePrecision.DAY]
        if days:
            return [event_from(days[0], EventKind.IN_FORCE, lang=lang, label="entry into force")]
    return [unknown_event(EventKind.IN_FORCE, "entry into force not stated in the text")]


def _link_twin(ctx: DocumentContext, item: _Item, measures: list[MeasureDraft]) -> None:
    """Attach an item in the second language to its English twin and cross-check dates."""
    if not measures:
        return
    document = item.fields.get("document")
    numbers = {
        re.sub(r"^\D*?No\.?\s*", "", r.normalized)
        for r in (ctx.references_in(document) if document else [])
        if r.kind in _INSTRUMENT_REF_KINDS
    }
    if numbers and not numbers & {m.number for m in measures}:
        log.info("item %s in %s does not match its twin by number", item.number, item.lang)
        return
    signing = item.fields.get("signing")
    signed = (
        [d for d in ctx.dates_in(signing) if d.precision == DatePrecision.DAY] if signing else []
    )
    in_force = _in_force_events(ctx, item, _IN_FORCE_AZ, item.lang)
    for measure in measures:
        measure.texts[item.lang] = item.span
        if signed:
            twin = event_from(signed[0], EventKind.SIGNED, lang=item.lang, label="date of signing")
            _merge_twin_event(measure, twin)
        if in_force[0].date is not None:
            _merge_twin_event(measure, in_force[0])


def _merge_twin_event(measure: MeasureDraft, twin: EventDraft) -> None:
    """Fill a date role the English text lacks; flag it when the two texts disagree."""
    for i, event in enumerate(measure.events):
        if event.kind != twin.kind:
            continue
        if event.date is None:
            measure.events[i] = dataclasses.replace(
                twin, label=f"{twin.label} (from {twin.provenance.lang} text)"
            )
        elif event.date != twin.date:
            measure.events[i] = dataclasses.replace(
                event,
                provenance=dataclasses.replace(event.provenance, needs_review=True),
                rule=f"the {twin.provenance.lang} text gives {twin.date}",
            )
        return
    measure.events.append(twin)
