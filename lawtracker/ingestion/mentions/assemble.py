"""Mentions, dates and figures assembled into measures.

Mentions group into one measure when they share a number, or a head word and a title;
back-references join what they point at. Each date takes its role from its own clause
and goes to the mention that cue governs; each figure goes to the measure whose clause
(else item) states it. Nothing is dropped for low confidence: it is kept and flagged.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from lawtracker.domain.drafts import EventDraft, LinkDraft, MeasureDraft, Provenance
from lawtracker.domain.enums import (
    DatePrecision,
    EventKind,
    Instrument,
    Language,
    LinkKind,
    MeasureRole,
    QuantityKind,
)
from lawtracker.domain.facts import FoundDate, Span
from lawtracker.ingestion.families.context import DocumentContext
from lawtracker.ingestion.families.drafting import (
    derived_end,
    event_from,
    measure_key,
    quantity_from,
    reference_from,
    slugify,
)
from lawtracker.ingestion.families.text import one_line
from lawtracker.ingestion.mentions.finder import Mention
from lawtracker.ingestion.mentions.grammar import INTERNATIONAL, grammar
from lawtracker.ingestion.mentions.layout import Layout, LineKind
from lawtracker.ingestion.mentions.prefilter import fold
from lawtracker.ingestion.mentions.roles import (
    STRONG_ROLES,
    Cue,
    CueMatch,
    clause_cues,
    cue_for,
    event_kind,
    is_conditional,
    mentions_near,
)

# "By Government Decision No. 605-N, amendments were made …": the act that acts.
_ACTING = re.compile(r"(?:^|[.\n]\s*)(?:By|Under|With)\s+(?:the\s+|a\s+)?$")
# "Government Decision No. 1201-N amended Decision No. 772-N": the subject of the verb.
_ACTS_ON = re.compile(
    r"\s*,?\s*(?:has\s+|have\s+)?(?:amended|amends|introduced|introduces|approved|approves|"
    r"established|establishes|abolished|abolishes|repealed|repeals|sets\s+out|set\s+out)\b",
    re.I,
)
_REFERENCING = re.compile(
    r"(?:amend\w*|amending|amendments?|changes|additions|addenda|supplement\w*|made|introduced)\s+"
    r"(?:(?:were|was|have\s+been)\s+(?:made|introduced)\s+)?(?:to|in|into)\s+(?:the\s+)?$"
    r"|(?:implementation|application)\s+of\s+(?:the\s+)?$|(?:under|pursuant\s+to|in\s+accordance\s+with|"
    r"based\s+on|according\s+to|ratif\w*(?:\s+of)?|repeal\w*|replac\w*|abolish\w*|invalidat\w*)\s+"
    r"(?:the\s+)?$|(?:amended|amends|amend)\s+(?:the\s+)?$",
    re.I,
)
_ADJACENT_CONTEXT = 30


@dataclass
class Group:
    """The mentions that name one measure, and what the text says of it."""

    mentions: list[Mention]
    events: list[EventDraft] = field(default_factory=list)
    strong: int = 0
    referenced_votes: int = 0
    own_document: bool = False
    quantities: list = field(default_factory=list)
    first: int = 0

    @property
    def lead(self) -> Mention:
        return max(
            self.mentions,
            key=lambda m: (bool(m.number), bool(m.title), bool(m.issuer), -m.span.start),
        )


def group_mentions(mentions: list[Mention]) -> tuple[list[Group], dict[int, Group]]:
    """Groups in order of first mention, and each mention's group by ``id``."""
    groups: list[Group] = []
    by_number: dict[str, Group] = {}
    by_title: dict[tuple[Instrument, str], Group] = {}
    by_name: dict[tuple[Instrument, str], Group] = {}
    of: dict[int, Group] = {}
    for mention in mentions:
        if mention.backref:
            continue  # joined below, once every full mention has its group
        key_number = _norm(mention.number) if mention.number else None
        key_title = (mention.instrument, _title_key(mention.title)) if mention.title else None
        key_name = _name_key(mention) if not (key_number or key_title) else None
        group = by_number.get(key_number) if key_number else None
        if group is None and key_title and not key_number:
            group = by_title.get(key_title)
        if group is None and key_name:
            group = by_name.get(key_name)
        if group is None:
            group = Group([], first=mention.span.start)
            groups.append(group)
        group.mentions.append(mention)
        of[id(mention)] = group
        if key_number:
            by_number.setdefault(key_number, group)
        if key_title:
            by_title.setdefault(key_title, group)
        if key_name:
            by_name.setdefault(key_name, group)
    for mention in mentions:
        if mention.backref and mention.antecedent is not None and id(mention.antecedent) in of:
            group = of[id(mention.antecedent)]
            group.mentions.append(mention)
            of[id(mention)] = group
    return groups, of


_NAME_NOISE = re.compile(r"\b(?:new|the|a|an|this|нов\w*)\b", re.I)


def _name_key(mention: Mention) -> tuple[Instrument, str] | None:
    """Unnumbered, untitled mentions with the same several-word name ("Tax Code") are one."""
    if mention.head_text is None:
        return None
    words = _NAME_NOISE.sub(" ", mention.head_text).split()
    if len(words) < 2 and mention.instrument != Instrument.CODE and not mention.proper:
        return None
    return mention.instrument, _norm(" ".join(words))


def merge_headlines(layout: Layout, groups: list[Group], of: dict[int, Group]) -> None:
    """A headline's bare "Organic Law" is the act the story then names in full: its group
    joins the first later group of the same head words."""
    for group in list(groups):
        lead = group.lead
        if lead.number or lead.title or not lead.head_text:
            continue
        line = layout.line_at(lead.span.start)
        if line is None or line.kind != LineKind.HEADING:
            continue
        name = _norm(_NAME_NOISE.sub(" ", lead.head_text))
        later = next(
            (
                g
                for g in groups
                if g is not group
                and g.first > group.first
                and g.lead.instrument == lead.instrument
                and g.lead.head_text
                and _norm(_NAME_NOISE.sub(" ", g.lead.head_text)) == name
            ),
            None,
        )
        if later is None:
            continue
        for mention in group.mentions:
            of[id(mention)] = later
        later.mentions.extend(group.mentions)
        later.first = min(later.first, group.first)
        groups.remove(group)


def merge_citation_lines(
    text: str, layout: Layout, groups: list[Group], of: dict[int, Group]
) -> None:
    """A line that is only a citation ("Law No. ZRU-785 of 26 July 2022") closes the item
    above it: the unnumbered mention nearest above, of a compatible kind, is that measure."""
    previous_end = 0
    for line in layout.lines:
        body = text[line.span.start : line.span.end].strip()
        if not body or len(body) > 90 or not _CITATION_LINE.match(body):
            continue  # (the cheap test first: most lines are not citations)
        inside = [
            g
            for g in groups
            if g.lead.number
            and any(
                line.span.start <= m.span.start < line.span.end and m.number for m in g.mentions
            )
        ]
        if len(inside) != 1:
            continue
        cited = inside[0]
        candidates = [
            g
            for g in groups
            if g is not cited
            and not g.lead.number
            and not g.own_document
            and any(previous_end <= m.span.start < line.span.start for m in g.mentions)
            and _compatible(g.lead.instrument, cited.lead.instrument)
        ]
        previous_end = line.span.end
        if not candidates:
            continue
        same_kind = [g for g in candidates if g.lead.instrument == cited.lead.instrument]
        subject = max(same_kind or candidates, key=lambda g: g.first)
        for mention in subject.mentions:
            of[id(mention)] = cited
        cited.mentions.extend(subject.mentions)
        cited.first = min(cited.first, subject.first)
        groups.remove(subject)


_CITATION_LINE = re.compile(
    r"^[\[(]?(?:[A-ZА-Я][\w-]*\s+){0,3}(?:No\.?|№)\s?\S+(?:\s+(?:of|dated|от)\s+[^\n]{4,30})?[\])]?\.?$"
)
_KIND_FAMILIES = (
    {Instrument.LAW, Instrument.CODE, Instrument.AMNESTY_ACT},
    {Instrument.RESOLUTION, Instrument.DECREE, Instrument.ORDER, Instrument.REGULATION},
)


def _compatible(a: Instrument, b: Instrument) -> bool:
    return a == b or any(a in f and b in f for f in _KIND_FAMILIES)


_TITLE_TAIL = re.compile(
    r"\s+(?:as\s+amended|of\s+the\s+(?:Republic|Kyrgyz|Russian)|adopted|dated|of\s+\d).*$|\[\d+\]",
    re.I,
)


def _title_key(title: str) -> str:
    """ "Law on NGOs[2]", "Law on NGOs as amended in 2009", "Law on NGOs of the Republic of
    Azerbaijan": one law."""
    return _norm(_TITLE_TAIL.sub("", title))


def _norm(text: str | None) -> str:
    return re.sub(r"[^0-9a-zа-яəöüğışç]+", "", (text or "").lower())


def attach_dates(
    ctx: DocumentContext,
    layout: Layout,
    mentions: list[Mention],
    of: dict[int, Group],
    fallback: Group | None,
) -> None:
    """Each date to the measure its clause's cue governs (or to its neighbour, as context)."""
    text = ctx.text
    real = [m for m in mentions if id(m) in of]
    spans = [m.span for m in real]
    per_clause: dict[Span, tuple[list[CueMatch], list[Span]]] = {}
    folded = fold(text)
    for found in ctx.dates:
        if layout.is_chrome(found.span) or found.precision == DatePrecision.UNKNOWN:
            continue
        if layout.dateline is not None and found.span == layout.dateline.span:
            continue
        clause = layout.clause_at(found.span.start)
        in_clause = [m for m in real if clause.start <= m.span.start < clause.end]
        if clause not in per_clause:
            per_clause[clause] = (clause_cues(text, clause, folded), mentions_near(clause, spans))
        cues, near_spans = per_clause[clause]
        cue = cue_for(text, clause, found.span, near_spans, cues)
        if (
            cue is not None
            and found.precision == DatePrecision.YEAR
            and not _close(cue.span, found.span, in_clause)
        ):
            cue = None  # "… since he took office in 2016": a bare year far from its act
        target: Group | None = None
        labelled = _label_cue(text, layout, found.span)
        if labelled is not None:
            # "Date of signing: 20 December 2022": the label gives the role, the item the act.
            cue = labelled
            item = layout.item_at(found.span.start)
            earlier = [m for m in real if m.span.start < found.span.start]
            target = (
                _first_in(real, item, of) or fallback or (of[id(earlier[-1])] if earlier else None)
            )
        if target is None and cue is not None and cue.role in STRONG_ROLES | {"dated", "deadline"}:
            target = _governed(in_clause, cue.span, found.span, of)
            if (
                target is None
                and cue.role in STRONG_ROLES
                and fallback is not None
                and fallback.own_document
                and _OWN_WORDS.search(text, clause.start, clause.end)
            ):
                target = fallback
            if target is None and cue.role in STRONG_ROLES:
                item = layout.item_at(found.span.start)
                before = [m for m in real if item.start <= m.span.start < found.span.start]
                target = of[id(before[-1])] if before else _first_in(real, item, of) or fallback
        if target is None:
            near = [
                m
                for m in in_clause
                if 0 <= found.span.start - m.span.end <= _ADJACENT_CONTEXT
                or 0 <= m.span.start - found.span.end <= 2  # "the 2025 Strategy"
            ]
            if not near:
                continue
            target = of[id(near[-1])]
            cue = None
        targets = [target]
        plural = _PLURAL_BACKREF.search(text, clause.start, clause.end)
        if plural is not None and cue is not None:
            # "Both Laws entered into force on D": every law of the item.
            item = layout.item_at(found.span.start)
            kind = _PLURAL_KINDS.get(plural.group(1).lower()[:4])
            same = [
                of[id(m)]
                for m in real
                if item.start <= m.span.start < item.end and m.number and m.instrument == kind
            ]
            targets = list({id(g): g for g in same}.values()) or targets
        for one in targets:
            _add_event(ctx, text, clause, found, cue, one)


# Words by which a report, an opinion or a resolution speaks of itself.
_OWN_WORDS = re.compile(
    r"\b(?:present|this|these|following)\s+(?:concluding|report|opinion|text|document|reply|"
    r"resolution|recommendation|declaration|list|observations)|\bText\s+adopted|\b(?:Committee|"
    r"Assembly|Commission|Ministers)\b|настоящ\w+|Комитет\w*|\bwritten\s+replies\b",
    re.I,
)
_PLURAL_BACKREF = re.compile(
    r"\b(?:both|these|the|all|the\s+two|the\s+three)\s+(laws|decrees|decisions|resolutions|orders|codes)\b",
    re.I,
)
_PLURAL_KINDS = {
    "laws": Instrument.LAW,
    "decr": Instrument.DECREE,
    "deci": Instrument.RESOLUTION,
    "reso": Instrument.RESOLUTION,
    "orde": Instrument.ORDER,
    "code": Instrument.CODE,
}


def _add_event(
    ctx: DocumentContext, text: str, clause: Span, found: FoundDate, cue: Cue | None, target: Group
) -> None:
    """The event a date means for ``target``, once per kind and date."""
    mention = target.lead
    if cue is None:
        kind, label = EventKind.OTHER, "date stated with the measure"
    else:
        kind = event_kind(cue.role, mention.instrument, mention.collegial)
        label = one_line(text[cue.span.start : cue.span.end]).lower()
        if kind == EventKind.IN_FORCE and is_conditional(text, clause):
            label += " (planned or conditional)"
    if kind in (
        EventKind.SIGNED,
        EventKind.ADOPTED,
        EventKind.IN_FORCE,
        EventKind.PUBLISHED,
    ) and (found.precision == DatePrecision.MONTH_DAY):
        label += " (year not stated)"
    event = event_from(found, kind, lang=ctx_lang(ctx), label=label)
    if found.year_inferred:
        event = EventDraft(
            kind=event.kind,
            date=event.date,
            precision=event.precision,
            provenance=Provenance(
                event.provenance.span,
                event.provenance.lang,
                min(0.8, event.provenance.confidence),
                True,
            ),
            rule="year not stated: taken from the document's dateline",
            label=event.label,
        )
    if not any(e.kind == event.kind and e.date == event.date for e in target.events):
        target.events.append(event)
    if cue is not None and cue.role in STRONG_ROLES | {"dated"}:
        target.strong += 1


_UPON_PUBLICATION = re.compile(
    r"(?:effective|(?:enter(?:s|ed)?|come(?:s)?|came)\s+into\s+force|takes?\s+effect|"
    r"вступа\w*\s+в\s+силу|вступил\w*\s+в\s+силу)\s+"
    r"(?P<when>(?:up)?on\s+(?:the\s+(?:date|day)\s+of\s+)?|from\s+the\s+(?:date|day)\s+of\s+|"
    r"(?:on\s+)?the\s+(?:day|date)\s+(?:after|following)\s+|со\s+дня\s+|"
    r"по\s+истечении\s+десяти\s+дней\s+после\s+(?:дня\s+)?)"
    r"(?:its\s+|his\s+|their\s+|его\s+)?(?:official\s+|официального\s+)?(?:publication|опубликования)",
    re.I,
)


def add_relative_in_force(text: str, layout: Layout, groups: list[Group]) -> None:
    """ "Effective upon its publication" with a stated publication date gives the in-force
    date, derived and with its rule; "the day after" adds a day. Without a publication
    date the rule stays words: no date is invented."""
    for group in groups:
        published = next(
            (
                e
                for e in group.events
                if e.kind == EventKind.PUBLISHED and e.precision == DatePrecision.DAY and e.date
            ),
            None,
        )
        if published is None or any(e.kind == EventKind.IN_FORCE for e in group.events):
            continue
        items = {layout.item_at(m.span.start) for m in group.mentions}
        for item in sorted(items, key=lambda i: i.start):
            match = _UPON_PUBLICATION.search(text, item.start, item.end)
            if match is None:
                continue
            after = bool(re.search(r"after|following|истечении", match.group("when"), re.I))
            date = published.date + dt.timedelta(days=1 if after else 0)
            rule = (
                f"in force {'the day after' if after else 'upon'} publication: "
                f"{published.date.isoformat()}{' + 1 day' if after else ''}"
            )
            group.events.append(
                EventDraft(
                    kind=EventKind.IN_FORCE,
                    date=date,
                    precision=DatePrecision.DAY,
                    provenance=Provenance(Span(match.start(), match.end()), Language.EN),
                    derived=True,
                    rule=rule,
                    label="in force by its publication rule",
                )
            )
            break


_RELATIVE_TO_IN_FORCE = re.compile(
    r"\b(?:within|no\s+later\s+than|not\s+later\s+than|during|в\s+течение)\s+"
    r"(?P<span>[^.;\n]{1,30}?)\s+(?:from|after|of|following|со\s+дня|после)\s+"
    r"(?:the\s+)?(?:date\s+of\s+|day\s+of\s+)?(?:its\s+|the\s+|this\s+\w+['’]s\s+)?"
    r"(?:entry\s+into\s+force|entering\s+into\s+force|вступления\s+в\s+силу)",
    re.I,
)


def add_deadlines(ctx: DocumentContext, layout: Layout, groups: list[Group]) -> None:
    """ "Within 3 months of its entry into force" with a stated in-force date: a deadline,
    derived, with the arithmetic as its rule (a month-end clamp is spelled out)."""
    text = ctx.text
    for group in groups:
        in_force = next(
            (
                e
                for e in group.events
                if e.kind == EventKind.IN_FORCE and e.precision == DatePrecision.DAY and e.date
            ),
            None,
        )
        if in_force is None:
            continue
        items = {layout.item_at(m.span.start) for m in group.mentions}
        for item in sorted(items, key=lambda i: i.start):
            for match in _RELATIVE_TO_IN_FORCE.finditer(text, item.start, item.end):
                period = next(
                    (
                        q
                        for q in ctx.quantities_in(Span(match.start(), match.end()))
                        if q.kind == QuantityKind.DURATION
                    ),
                    None,
                )
                if period is None:
                    continue
                end = derived_end(
                    in_force, period, EventKind.WINDOW_END, label="deadline after entry into force"
                )
                if end is not None and end not in group.events:
                    group.events.append(end)


def _label_cue(text: str, layout: Layout, date: Span) -> Cue | None:
    """The role a label line gives the date that is its value."""
    line = layout.line_at(date.start)
    if line is None or line.kind != LineKind.LABEL or line.value is None:
        return None
    if not (line.value.start <= date.start and date.end <= line.value.end + 1):
        return None
    label_span = Span(line.span.start, line.value.start)
    for rule in grammar().roles:
        if rule.role in ("dated", "deadline"):
            continue
        match = rule.pattern.search(text, label_span.start, label_span.end)
        if match:
            return Cue(rule.role, Span(match.start(), match.end()))
    label = text[label_span.start : label_span.end]
    if re.search(r"publication|опубликовани", label, re.I):
        return Cue("published", label_span)  # "Source and date of publication:"
    if re.search(r"date", label, re.I):
        return Cue("dated", label_span)
    return None


def ctx_lang(ctx: DocumentContext) -> Language:
    return getattr(ctx, "language", Language.EN)


def _close(cue: Span, date: Span, mentions: list[Mention]) -> bool:
    """A cue or a mention right next to a bare year, which alone says little."""
    gap = date.start - cue.end if cue.end <= date.start else cue.start - date.end
    return gap <= 20 or any(
        -30 <= date.start - m.span.end <= 30 or -30 <= m.span.start - date.end <= 30
        for m in mentions
    )


def _governed(
    in_clause: list[Mention], cue: Span, date: Span, of: dict[int, Group]
) -> Group | None:
    """The mention a cue speaks of: "X … dated D" looks back, "On D, … signed X" looks on."""
    if not in_clause:
        return None
    holding = [m for m in in_clause if m.span.start < cue.start < m.span.end]
    if holding:  # "Law “On …” dated D, No. 114": the cue sits inside the mention
        return of[id(holding[-1])]
    if cue.end <= date.start:  # cue then date: "adopted on D", "No. 5 of D"
        before = [m for m in in_clause if m.span.end <= cue.start + 1]
        after = [m for m in in_clause if m.span.start >= date.end]
        if before:
            return of[id(max(before, key=lambda m: m.span.end))]
        if after:
            return of[id(after[0])]
    else:  # date then cue: "On D, the President signed X"
        after = [m for m in in_clause if m.span.start >= cue.start]
        before = [m for m in in_clause if m.span.end <= date.start]
        if after:
            return of[id(after[0])]
        if before:
            return of[id(before[-1])]
    return of[
        id(
            min(
                in_clause,
                key=lambda m: min(abs(m.span.start - cue.end), abs(cue.start - m.span.end)),
            )
        )
    ]


def _first_in(mentions: list[Mention], item: Span, of: dict[int, Group]) -> Group | None:
    inside = [m for m in mentions if item.start <= m.span.start < item.end]
    return of[id(inside[0])] if inside else None


def attach_quantities(
    ctx: DocumentContext,
    layout: Layout,
    mentions: list[Mention],
    of: dict[int, Group],
    roles: dict[int, MeasureRole],
    fallback: Group | None,
) -> None:
    """A figure belongs to the measure its clause names (a primary one first), else to the
    primary measure of its item, else to the document's subject."""
    real = [m for m in mentions if id(m) in of]

    def primary(m: Mention) -> bool:
        return roles.get(id(of[id(m)])) == MeasureRole.PRIMARY

    for quantity in ctx.quantities:
        if layout.is_chrome(quantity.span):
            continue
        clause = layout.clause_at(quantity.span.start)
        item = layout.item_at(quantity.span.start)
        in_clause = [m for m in real if clause.start <= m.span.start < clause.end]
        in_item = [m for m in real if item.start <= m.span.start < item.end]
        before = [m for m in in_item if m.span.start <= quantity.span.start]
        target = None
        if in_clause:
            chosen = [m for m in in_clause if primary(m)] or in_clause
            prior = [m for m in chosen if m.span.start <= quantity.span.start]
            target = of[id(prior[-1] if prior else chosen[0])]
        elif any(primary(m) for m in before):
            target = of[id([m for m in before if primary(m)][-1])]
        elif any(primary(m) for m in in_item):
            target = of[id(next(m for m in in_item if primary(m)))]
        else:
            target = fallback or (of[id(before[-1])] if before else None)
        if target is not None:
            target.quantities.append(quantity)


_AUTHORITY_LABEL = re.compile(
    r"^\s*(?:Authority|Issuing\s+authority|Issued\s+by|Adopted\s+by|Issuer|Body|Орган|"
    r"Принят\w*|Издан\w*|Orqan)\s*$",
    re.I,
)


def authorities_from_context(text: str, layout: Layout, groups: list[Group]) -> None:
    """Where no mention says who issued an act: an "Authority:" label line of its item, or
    the one issuer the document names for the same head word ("Government Decision No. 605-N
    … amends Decision No. 1755-N": the Government's too)."""
    for line in layout.lines:
        if line.kind != LineKind.LABEL or line.value is None or not line.label:
            continue
        if not _AUTHORITY_LABEL.match(line.label):
            continue
        value = one_line(text[line.value.start : line.value.end]).strip(" .;")
        item = layout.item_at(line.span.start)
        for group in groups:
            if any(item.start <= m.span.start < item.end for m in group.mentions):
                if not any(m.issuer for m in group.mentions) and value:
                    group.lead.issuer = value
                break
    issuers: dict[str, set[str]] = {}
    for group in groups:
        for mention in group.mentions:
            word = _head_word(text, mention)
            if word and mention.issuer:
                issuers.setdefault(word, set()).add(mention.issuer)
    for group in groups:
        if any(m.issuer for m in group.mentions):
            continue
        if group.lead.instrument not in (
            Instrument.RESOLUTION,
            Instrument.DECREE,
            Instrument.ORDER,
        ):
            continue
        named = issuers.get(_head_word(text, group.lead) or "", set())
        if len(named) == 1:
            group.lead.issuer = next(iter(named))


def _head_word(text: str, mention: Mention) -> str | None:
    if mention.head is None:
        return None
    words = re.findall(r"[^\W\d_]+", text[mention.head.start : mention.head.end])
    return words[-1].lower().rstrip("s") if words else None


def decide_roles(text: str, layout: Layout, groups: list[Group]) -> dict[int, MeasureRole]:
    """Primary: the text is about it; referenced: cited with a number or date; else mentioned.

    An act whose dates all lie years before the document's own date is cited, not news.
    """
    old_before = None
    if layout.dateline is not None and layout.dateline.confidence >= 0.7:
        old_before = layout.dateline.date.replace(year=layout.dateline.date.year - 3)
    roles: dict[int, MeasureRole] = {}
    document_is_instrument = any(g.own_document for g in groups)
    headings = [line.span for line in layout.lines if line.kind == LineKind.HEADING]
    for group in groups:
        lead = group.lead
        referenced = 0
        for mention in group.mentions:
            before = text[max(0, mention.span.start - 45) : mention.span.start]
            if _REFERENCING.search(before):
                referenced += 1
        in_heading = any(
            span.start <= m.span.start < span.end for m in group.mentions for span in headings
        )
        if group.own_document:
            role = MeasureRole.PRIMARY
        elif document_is_instrument:
            # A report or resolution is about itself: what it cites, it references.
            role = (
                MeasureRole.REFERENCED if (lead.number or group.events) else MeasureRole.MENTIONED
            )
        elif (
            referenced
            and referenced == len([m for m in group.mentions if not m.backref])
            and not in_heading
        ):
            role = (
                MeasureRole.REFERENCED if (lead.number or group.events) else MeasureRole.MENTIONED
            )
        elif (
            old_before is not None
            and not in_heading
            and group.events
            and all(e.date is not None and e.date < old_before for e in group.events)
        ):
            role = MeasureRole.REFERENCED
        elif (
            group.strong
            or in_heading
            or any(
                _ACTING.search(text, max(0, m.span.start - 12), m.span.start)
                for m in group.mentions
            )
            or any(_ACTS_ON.match(text, m.span.end) for m in group.mentions)
            or any(m.enacted for m in group.mentions)
            or (lead.number and len(group.mentions) > 1)
        ):
            role = MeasureRole.PRIMARY
        elif lead.number or any(e.date for e in group.events):
            role = MeasureRole.REFERENCED
        else:
            role = MeasureRole.MENTIONED
        roles[id(group)] = role
    if groups and not any(r == MeasureRole.PRIMARY for r in roles.values()):
        subject = max(groups, key=lambda g: (len(g.mentions), -g.first))
        roles[id(subject)] = MeasureRole.PRIMARY
    return roles


def confidence_of(group: Group, role: MeasureRole) -> float:
    """A score from the measure's features, with the weights of ``grammar.toml``."""
    weights = grammar().confidence
    lead = group.lead
    score = weights["base"] + weights["strength"] * lead.strength
    features = {
        "number": bool(lead.number),
        "dated_role": bool(group.strong),
        "issuer": bool(lead.issuer),
        "title": bool(lead.title),
        "named_twice": len(group.mentions) > 1,
        "mentioned_only": role == MeasureRole.MENTIONED,
    }
    score += sum(weights[name] for name, present in features.items() if present)
    if group.own_document:
        score = max(score, weights["own_document"])
    return round(min(score, 1.0), 2)


def title_of(text: str, layout: Layout, group: Group) -> str:
    """A readable name: the heading that names it, else head, number, issuer and title."""
    lead = group.lead
    if not lead.number:
        for line in layout.lines:
            if line.kind == LineKind.HEADING and line.span.start <= lead.span.start < line.span.end:
                heading = _STRIP_NUMBERING.sub("", one_line(text[line.span.start : line.span.end]))
                if 8 <= len(heading) <= 160:
                    return heading.strip(" *#")
    if lead.head is None and lead.title:
        return lead.title  # an act a label names by its title alone
    head = one_line(text[lead.head.start : lead.head.end]) if lead.head else ""
    if _NATIVE_SCRIPT.search(head) and not (lead.number and "/" in lead.number):
        return _cited_as_written(text, layout, lead)
    if lead.head and head[:1].isupper():
        name = _NAME_BEFORE.search(text, max(0, lead.head.start - 60), lead.head.start)
        if name:  # "Prison Reform Strategy", not "Strategy"
            head = one_line(name.group(0)) + " " + head
    head = head[:1].upper() + head[1:]
    if not head:
        head = lead.instrument.value.replace("_", " ").capitalize()
    parts = [head]
    country = _OF_COUNTRY_AFTER.match(text, lead.head.end) if lead.head and lead.proper else None
    if country:
        head += " " + one_line(country.group(0).strip())
    if lead.number and lead.number not in head:
        plain = (
            re.match(r"(?:Doc\.|No\.|№)", lead.number) or "/" in lead.number or "(" in lead.number
        )
        parts.append(lead.number if plain else f"No. {lead.number}")
    if lead.issuer and lead.issuer_after and lead.issuer.lower() not in head.lower():
        parts.append(
            ("of the " if not re.match(r"(?i)the\b", lead.issuer) else "of ") + lead.issuer
        )
    titled = next((m for m in [lead, *group.mentions] if m.title and not m.backref), None)
    if titled is not None:
        title = titled.title or ""
        parts.append(f"“{title}”" if not re.match(r"(?i)(on|of|about|об?)\b", title) else title)
    elif not lead.number:
        for mention in [lead, *group.mentions]:
            tail = None if mention.backref else _tail(text, layout, mention)
            if tail:
                parts.append(tail)
                break
    return one_line(" ".join(parts))[:240]


_OF_COUNTRY_AFTER = re.compile(
    r"\s+of\s+(?:the\s+)?(?:Republic\s+of\s+[A-Z]\w+|Kyrgyz\s+Republic|Russian\s+Federation|"
    r"[A-Z]\w+stan|Armenia|Azerbaijan|Georgia|Ukraine|Belarus|Moldova)"
)
# Russian and Azerbaijani acts are titled as the text cites them, not with English glue.
_NATIVE_SCRIPT = re.compile(r"[А-Яа-яЁёƏəıİŞşĞğ]")


def _cited_as_written(text: str, layout: Layout, lead: Mention) -> str:
    """ "Постановление Правительства … № 150 «Об утверждении …»", "Azərbaycan Respublikası
    Prezidentinin 2024-cü il 5 aprel tarixli 210 nömrəli Fərmanı": the citation itself,
    from the issuer before it (when one stands there) to the end of its title."""
    clause = layout.clause_at(lead.span.start)
    start = lead.span.start
    before = text[clause.start : lead.span.start]
    if lead.issuer and not lead.issuer_after and len(before) <= 80 and not _VERB.search(before):
        start = clause.start  # the issuer in the genitive belongs to the citation
    end = lead.span.end
    while tail := _CITATION_TAIL.match(text, end, min(len(text), end + 220)):
        if tail.end() == end:
            break
        end = tail.end()  # "Закона от 29 марта 2017 года № 5 «О …»", "… о внесении …"
    title = one_line(text[start:end]).strip(" ,;:–-")
    title = title[:1].upper() + title[1:]
    return title if len(title) <= 200 else title[:199].rstrip() + "…"


_VERB = re.compile(r"подписал|принял|утвердил|издал|imzala|q[əe]bul|t[əe]sdiq|signed|adopted", re.I)
_NAME_BEFORE = re.compile(
    r"(?<![\w'’])(?:(?!The\b|A\b|An\b|On\b|In\b|By\b)[A-Z][\w-]+\s+(?:(?:and|of|for)\s+)?){1,4}$"
)
_CITATION_TAIL = re.compile(
    r"\s*(?:от\s+\d{1,2}\s+\w+\s+\d{4}\s*(?:года|г\.)?|№\s*[\w/-]+|«[^»\n]{1,200}»|"
    r"о\s+[^,;.«»\n]{3,120}|haqq[ıi]nda)"
)
_STRIP_NUMBERING = re.compile(r"^\s*(?:\d{1,2}[.)]|[IVX]{1,4}\.|[A-H]\.|#+|\*\*)\s*")
_TAIL_START = re.compile(
    r"\s*(?:\d{1,2}\s+)?(?P<tail>(?:[a-z]+ing|on|for|to|about|establishing|introducing|amending|approving|"
    r"об?|о|по|haqq[ıi]nda)\b[^.;:\n]{3,110})",
    re.I,
)


def _tail(text: str, layout: Layout, mention: Mention) -> str | None:
    """What an unnamed act does: "decree pardoning 402 convicts on the occasion of …"."""
    clause = layout.clause_at(mention.span.start)
    after = text[mention.span.end : min(clause.end, mention.span.end + 140)]
    match = _TAIL_START.match(after)
    if not match:
        return None
    tail = match.group("tail")
    cut = re.search(r",\s+(?:the|which|as|and|according|сообщает|передаёт)\b|\s+-{1,2}\s", tail)
    return one_line(tail[: cut.start()] if cut else tail).rstrip(" ,")


def measure_from(
    ctx: DocumentContext,
    layout: Layout,
    group: Group,
    role: MeasureRole,
    *,
    prior: str | None,
    international_text: bool = False,
    title: str | None = None,
) -> MeasureDraft:
    text = ctx.text
    lead = group.lead
    jurisdiction = lead.jurisdiction or next(
        (m.jurisdiction for m in group.mentions if m.jurisdiction), None
    )
    if jurisdiction is None:
        if international_text and lead.instrument in _BODY_OWN_KINDS:
            jurisdiction = None  # an unattributed opinion in a Venice Commission text is its own
        else:
            jurisdiction = None if prior == INTERNATIONAL else prior
    if jurisdiction == INTERNATIONAL:
        jurisdiction = None
    title = title or title_of(text, layout, group)
    ident = lead.number or (slugify(lead.title) if lead.title else None)
    if ident is None:
        dated = next((e for e in group.events if e.date and e.kind != EventKind.OTHER), None)
        issuer = slugify(lead.issuer or "", max_length=30)
        ident = "-".join(
            p
            for p in (
                issuer,
                dated.date.isoformat() if dated and dated.date else "",
                slugify(title, max_length=40),
            )
            if p
        )
    lang = ctx_lang(ctx)
    measure = MeasureDraft(
        key=measure_key(_key_prefix(jurisdiction, lead, group), lead.instrument, ident),
        title=title,
        instrument=lead.instrument,
        jurisdiction=jurisdiction,
        number=lead.number,
        authority=lead.issuer or next((m.issuer for m in group.mentions if m.issuer), None),
        summary=None,
        texts={lang: _text_span(ctx, group)},
        title_span=lead.span,
        role=role,
        confidence=confidence_of(group, role),
    )
    measure.events.extend(
        sorted(group.events, key=lambda e: e.provenance.span.start if e.provenance.span else 0)
    )
    seen: set[tuple] = set()
    for quantity in group.quantities:
        key = (quantity.kind, quantity.value, quantity.unit)
        if key in seen:
            continue
        seen.add(key)
        measure.quantities.append(quantity_from(quantity, lang=lang))
    return measure


def _key_prefix(jurisdiction: str | None, lead: Mention, group: Group) -> str:
    """ "int" for an international body's text or a treaty, "xx" for a country not named."""
    if jurisdiction:
        return jurisdiction
    international = any(m.jurisdiction == INTERNATIONAL for m in group.mentions)
    return "int" if international or group.own_document else "xx"


_BODY_OWN_KINDS = frozenset({Instrument.REPORT, Instrument.RESOLUTION, Instrument.DECLARATION})


def _text_span(ctx: DocumentContext, group: Group) -> Span:
    start = min(m.span.start for m in group.mentions)
    clause_end = max(m.span.end for m in group.mentions)
    line_end = ctx.text.find("\n\n", clause_end)
    end = min(len(ctx.text), line_end if line_end >= 0 else len(ctx.text), clause_end + 600)
    return Span(start, max(end, clause_end))


def add_references(
    ctx: DocumentContext, measures: list[tuple[MeasureDraft, Group]], layout: Layout
) -> None:
    """Cited articles go to the measure of their item; the rest to the first primary."""
    if not measures:
        return
    for found in ctx.references:
        if layout.is_chrome(found.span):
            continue
        item = layout.item_at(found.span.start)
        owner = next(
            (
                m
                for m, g in measures
                if any(item.start <= x.span.start < item.end for x in g.mentions)
            ),
            measures[0][0],
        )
        owner.references.append(reference_from(found, lang=ctx_lang(ctx)))


def mention_links(primary: MeasureDraft, others: list[MeasureDraft]) -> None:
    for other in others:
        if other.key == primary.key:
            continue
        kind = LinkKind.CITES
        primary.links.append(LinkDraft(kind, other.title, other.key, Provenance(other.title_span)))


def first_date(found: list[FoundDate]) -> FoundDate | None:
    return found[0] if found else None
