"""Instrument mentions: a head word, a number, an issuer, a quoted or "On …" title.

A mention is found from either end: a number whose shape says "instrument" (``ZRU-767``,
``94-FZ``, ``CAT/C/UZB/CO/5``) looks back for its head word; a head word looks forward for
a number, an issuer and a title. An unnumbered head counts when something names it (a
quoted title, "of the Republic of X", an issuer, a capitalised name such as "Tax Code"),
not when it is a bare common noun ("in accordance with the law").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from lawtracker.domain.enums import Instrument
from lawtracker.domain.facts import Span
from lawtracker.domain.jurisdictions import country_name, jurisdiction_in, un_iso3_to_iso2
from lawtracker.ingestion.mentions.grammar import (
    INTERNATIONAL,
    UN_SYMBOL,
    HeadRule,
    IssuerRule,
    grammar,
)
from lawtracker.ingestion.mentions.layout import Layout, LineKind
from lawtracker.ingestion.mentions.prefilter import finditer, fold, may_match


@dataclass
class Mention:
    span: Span
    instrument: Instrument
    strength: float
    head: Span | None = None
    number: str | None = None
    number_span: Span | None = None
    jurisdiction: str | None = None  # INTERNATIONAL for an international body's text
    issuer: str | None = None
    issuer_after: bool = False  # "Resolution … of the Cabinet" (not "the President signed …")
    collegial: bool | None = None
    title: str | None = None  # quoted or "On …" title
    draft: bool = False
    enacted: bool = False  # "the President signed a law …": the text reports its enactment
    backref: bool = False
    head_text: str | None = None
    proper: bool = False  # a head that names one instrument by itself ("Constitution")
    antecedent: Mention | None = field(default=None, repr=False)


# A sentence end or a paragraph break limits how far a number looks for its head word.
_WINDOW_BREAK = re.compile(
    r"(?<!\bNo)(?<!\bNos)(?<!\bArt)(?<!\bDoc)(?<!\bpara)(?<!\bp)(?<!\bSt)\.\s+(?=[A-ZА-Я])|;|\n\s*\n"
)
_FOOTNOTE = re.compile(r"\[\d{1,3}\]|(?<=[a-z])\d{1,2}(?=\s|$)")
_DEFINED_TERM = re.compile(
    r"(?:the\s+)?(?:new\s+)?(?:law|code|decree|rules|regulations?|resolution|decision|order|"
    r"document|amendments|act|system|program(?:me)?|strategy|concept|agreement|convention|"
    r"protocol|certificate|ministry|committee|list|bill)s?",
    re.I,
)
_SUMMARY_RECORD = re.compile(r"/SR[./]")
_QUOTE_OPEN = "\"“«„'‘"
_QUOTED = re.compile(r"[\"“«„‘](?P<title>[^\"“”«»„\n]{3,220}?)[\"”»“’]")
_ON_TITLE = re.compile(
    r"\s*(?:,\s*)?(?P<title>(?:[Oo]n|[Aa]bout|[Оо]б?|[Оо] )\s+(?:the\s+)?"
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b)"
    r"[A-ZА-ЯƏÇŞĞÜÖİ][^.;:\n()]{2,160}?)"
    r"(?=\s*(?:\(|,|;|\.|:|\n|\s+(?:No\.?|№|dated|of\s+\d|from|which|that|was|were|has|have|"
    r"is|are|will|came|entered|enters|adopted|signed|approved|came|by|on\s+\d)\b)|$)"
)
_OF_COUNTRY = re.compile(
    r"\s*of\s+(?:the\s+)?(?:Republic\s+of\s+[A-Z]\w+|Kyrgyz\s+Republic|Russian\s+Federation|RK\b|RF\b|RA\b|Georgia|[A-Z]\w+stan|Armenia|Azerbaijan|Ukraine|Belarus)",
)
_CAPITAL_NAME_BEFORE = re.compile(r"(?:[A-ZА-ЯƏ][\w-]+\s+){1,4}$")
_NOT_INSTRUMENT_BEFORE = re.compile(
    r"(?:Annex|Appendix|Article|Art\.|Paragraph|para\.|Item|Clause|Part|Chapter|Section|Case|"
    r"Application|Protocol|Page|p\.|Table|Form|Box|Room|Tel|Fax|Footnote|статья|статьи|пункт|"
    r"part|article|paragraph|item|annex|chapter)\s*$",
    re.I,
)
_ISSUER_BEFORE_HEAD = re.compile(
    r"(?P<adj>Presidential|Governmental|Ministerial|Cabinet|Government|Parliamentary)\s+$", re.I
)
_ENACTED_BEFORE = re.compile(
    r"\b(?:signed|issued|adopted|approved|passed|enacted|introduced|published|accepts|accepted|"
    r"подписал\w*|принял\w*|утвердил\w*|издал\w*|imzalayıb|imzalad\w*|q[əe]bul\s+edib)\s+"
    r"(?:(?:a|an|the|into\s+law\s+an?)\s+)?(?:new\s+)?(?:[\w-]+\s+)?$",
    re.I,
)
_DATED_AFTER = re.compile(
    r"(?:\s+of\s+the\s+[^.;\n]{3,90}?)?,?\s+(?:dated|от|of\s+(?=\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-ZА-Я]))"
    r"|\s*,?\s*(?:adopted|signed|approved)\s+(?:on|in)\s+\d",
    re.I,
)
_ISSUER_OF_ADJECTIVE = {
    "presidential": "President",
    "governmental": "Government",
    "government": "Government",
    "cabinet": "Cabinet of Ministers",
    "ministerial": "Ministry",
    "parliamentary": "Parliament",
}
_HEAD_MODIFIER = re.compile(r"(Presidential|Government|Governmental|Cabinet|Ministerial)\s", re.I)
_MODIFIER_BEFORE = re.compile(
    r"\b(Presidential|Government|Governmental|Cabinet|Ministerial)\s+$", re.I
)
_BETWEEN_PARTIES = re.compile(
    r"\s+(?:between|among)\s+(?:the\s+)?(?:Government\s+of\s+)?(?:the\s+)?[A-ZА-Я]", re.I
)
_ACT_LABEL = re.compile(
    r"^[ \t]*(?:Legal\s+act|Act|Document|Instrument|Title|Normative\s+act)[ \t]*:[ \t]*$",
    re.I | re.M,
)
_BY_ACT = re.compile(r"\b(?:by|under|with)\s+(?:an?\s+)?$", re.I)
_NAMED_PURPOSE = re.compile(r"\s+(?:for|on)\s+(?:the\s+)?[A-Z]\w+")
_YEARS_AFTER = re.compile(
    r"\s+(?:for\s+(?:the\s+)?(?:period\s+)?|of\s+)?(?:[12]\d{3}\s*[-–]\s*[12]\d{3}|[12]\d{3})\b"
)
_YEAR_BEFORE = re.compile(r"\b(?:[12]\d{3}\s*[-–]\s*)?[12]\d{3}\s+(?:[A-Z][\w-]*\s+){0,4}$")
_POSSESSIVE_COUNTRY = re.compile(
    r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)['’]s\s+(?:[A-Za-z][\w-]*\s+){0,4}$"
)
_ENACTED_AFTER = re.compile(
    r"[”\"»’]?\s*(?:\([^()\n]{1,30}\)\s*)?(?:,\s*)?(?:which\s+)?(?:was\s+|were\s+|has\s+been\s+)?"
    r"(?:adopted|approved|signed|passed|enacted)\s+by\b",
    re.I,
)
_WEAK_HEADS = frozenset(
    {Instrument.ORDER, Instrument.REGULATION, Instrument.OTHER, Instrument.REPORT}
)
_GENERIC_WORDS = re.compile(
    r"^(?:laws?|legislation|acts?|orders?|rules|regulations?|decisions?|reports?|opinion|plan|"
    r"programme|program|concept|strategy|agreements?|protocols?|conventions?|declaration|code)$",
    re.I,
)


def find_mentions(text: str, layout: Layout, *, lang: str) -> list[Mention]:
    """Every instrument mention, in text order; back-references linked to what they name.

    Head words are taken in text order, longest first at one place, and a head inside
    the span of an accepted mention (its quoted or "On …" title) is part of that title.
    """
    g = grammar()
    folded = fold(text)
    heads = _Heads(text, folded)
    taken = bytearray(len(text) + 1)
    numbered = _numbered(text, folded, layout, heads, taken)
    named: list[Mention] = []
    for start, end, rule in heads.all:
        if rule.lang not in (lang, "en") and lang != "mixed":
            continue
        span = Span(start, end)
        if _covered(taken, span) or layout.is_chrome(span):
            continue
        mention = _named(text, folded, layout, rule, span)
        if mention is None:
            continue
        if mention.number_span is not None and _covered(taken, mention.number_span):
            continue  # that number already has its own head word
        named.append(mention)
        _cover(taken, mention.span if not mention.backref else span)
    named.extend(_labelled_acts(text, layout, [*numbered, *named]))
    mentions = sorted([*numbered, *named], key=lambda m: m.span.start)
    del g
    return _link_backrefs(text, layout, mentions)


_ACT_LABEL_NAME = re.compile(
    r"(?:Legal\s+act|Act|Document|Instrument|Normative\s+act|Title|Документ|Акт|Sənəd)$", re.I
)


def _labelled_acts(text: str, layout: Layout, found: list[Mention]) -> list[Mention]:
    """ "Legal Act: List of state-owned companies …": the label says an act is named,
    even when its value holds no head word; the value is its title."""
    acts: list[Mention] = []
    for line in layout.lines:
        if line.kind != LineKind.LABEL or line.value is None or not line.label:
            continue
        if not _ACT_LABEL_NAME.match(line.label.strip()):
            continue
        value = line.value
        if any(value.start <= m.span.start < value.end for m in found):
            continue
        title = re.sub(r"\s+", " ", text[value.start : value.end]).strip(" .;")
        if len(title) < 8:
            continue
        acts.append(
            Mention(
                span=value,
                instrument=Instrument.OTHER,
                strength=0.7,
                head=None,
                title=title[:200],
            )
        )
    return acts


class _Heads:
    """Every head-word match in a text, found once, in text order (longest first)."""

    def __init__(self, text: str, folded: str) -> None:
        found = [
            (m.start(), m.end(), rule)
            for rule in grammar().heads
            if may_match(rule.needs, folded)
            for m in finditer(rule.pattern, rule.anchor, text, folded)
        ]
        found.sort(key=lambda h: (h[0], -h[1]))
        self.all = found
        self.starts = [h[0] for h in found]

    def between(self, start: int, end: int) -> list[tuple[int, int, HeadRule]]:
        low = bisect.bisect_left(self.starts, start)
        high = bisect.bisect_left(self.starts, end)
        return [h for h in self.all[low:high] if h[1] <= end]


def _covered(mask: bytearray, span: Span) -> bool:
    return mask.find(1, span.start, max(span.end, span.start + 1)) != -1


def _cover(mask: bytearray, span: Span) -> None:
    mask[span.start : span.end] = b"\x01" * (span.end - span.start)


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _numbered(
    text: str, folded: str, layout: Layout, heads: _Heads, used: bytearray
) -> list[Mention]:
    """Mentions anchored on a number: code-shaped ones stand alone, generic ones need a head."""
    g = grammar()
    found: list[Mention] = []
    for rule in g.numbers:
        if rule.after_head_only or not may_match(rule.needs, folded):
            continue  # after-head numbers are read when a head word is found
        group = "num" if "num" in rule.pattern.groupindex else 0
        for match in finditer(rule.pattern, rule.anchor, text, folded):
            start, end = match.span(group)
            if _covered(used, Span(start, end)) or layout.is_chrome(Span(start, end)):
                continue
            number = text[start:end]
            if rule.prefix is not None:
                number = rule.prefix.sub("", number, count=1)
            number = re.sub(r"\s+", " ", number).strip().rstrip(".")
            if not re.search(r"\d", number) or _SUMMARY_RECORD.search(number):
                continue
            head = _head_before(text, heads, match.start(), 150)
            if head is not None and _covered(used, head[1]):
                head = None
            if rule.generic and head is None:
                head = _head_after(heads, match.end(), 40)  # "432 nömrəli Qərar"
            if rule.generic and (
                head is None
                or _NOT_INSTRUMENT_BEFORE.search(text[max(0, match.start() - 14) : match.start()])
            ):
                continue
            head_rule, head_span = head if head else (None, None)
            instrument = (
                rule.instrument
                if rule.instrument is not None
                and (head_rule is None or head_rule.instrument == Instrument.OTHER)
                else head_rule.instrument
                if head_rule is not None
                else Instrument.OTHER
            )
            if rule.instrument == Instrument.REPORT and rule.jurisdiction == UN_SYMBOL:
                instrument = Instrument.REPORT
            jurisdiction = rule.jurisdiction
            authority = rule.authority
            if jurisdiction == UN_SYMBOL:
                jurisdiction = _un_jurisdiction(number)
                authority = un_author(number, jurisdiction)
            span_start = min(match.start(), head_span.start) if head_span else match.start()
            span_end = max(match.end(), head_span.end) if head_span else match.end()
            mention = Mention(
                span=Span(span_start, span_end),
                instrument=instrument,
                strength=0.95,
                head=head_span,
                number=number,
                number_span=Span(start, end),
                jurisdiction=jurisdiction,
            )
            _describe(text, folded, mention)
            if authority and (
                mention.issuer is None or jurisdiction == INTERNATIONAL or "/" in number
            ):
                mention.issuer, mention.collegial = authority, True
            found.append(mention)
            _cover(used, Span(start, end))
            if head_span:
                _cover(used, head_span)
    return found


def un_author(symbol: str, jurisdiction: str | None) -> str | None:
    """The committee for its own document types, else the State party."""
    g = grammar()
    parts = symbol.split("/")
    body = "/".join(parts[:2]) if parts[0] == "E" else parts[0]
    committee = g.un_committees.get(body)
    kinds = {p.split(".")[0] for p in parts[2:]}
    if kinds & g.un_committee_types and "Add" not in symbol:
        return committee
    if jurisdiction and jurisdiction != INTERNATIONAL:
        return f"{country_name(jurisdiction)} (State party)"
    return committee


def _un_jurisdiction(symbol: str) -> str | None:
    for part in symbol.split("/"):
        code = un_iso3_to_iso2(part)
        if code:
            return code
    return INTERNATIONAL


def _head_before(
    text: str, heads: _Heads, position: int, reach: int
) -> tuple[HeadRule, Span] | None:
    """The nearest head word before a number, in its sentence, outside quoted titles."""
    window_start = max(0, position - reach)
    window = text[window_start:position]
    cut = max((m.end() for m in _WINDOW_BREAK.finditer(window)), default=-1)
    if cut >= 0:
        window_start += cut
        window = text[window_start:position]
    candidates = heads.between(window_start, position)
    if not candidates:
        return None
    quoted = [
        Span(window_start + q.start(), window_start + q.end()) for q in _QUOTED.finditer(window)
    ]
    best: tuple[HeadRule, Span] | None = None
    for start, end, rule in candidates:
        if any(q.start <= start < q.end for q in quoted):
            continue  # "Tax Code" inside the quoted title of a law
        if best is None or start > best[1].start or (start == best[1].start and end > best[1].end):
            best = (rule, Span(start, end))
    return best


def _head_after(heads: _Heads, position: int, reach: int) -> tuple[HeadRule, Span] | None:
    candidates = heads.between(position, position + reach)
    if not candidates:
        return None
    start, end, rule = candidates[0]
    return rule, Span(start, end)


def _named(text: str, folded: str, layout: Layout, rule: HeadRule, span: Span) -> Mention | None:
    """An unnumbered head word that something names, or a back-reference."""
    before = text[max(0, span.start - 40) : span.start]
    after = text[span.end : span.end + 260]
    word = text[span.start : span.end]
    g = grammar()
    number = _number_after_head(after)
    backref = g.backref.search(text[max(0, span.start - 12) : span.end + 1])
    mention = Mention(
        span=span,
        instrument=rule.instrument,
        strength=rule.strength,
        head=span,
        jurisdiction=rule.jurisdiction,
    )
    if number is not None:
        mention.number = number[0]
        mention.number_span = Span(span.end + number[1], span.end + number[2])
        mention.span = Span(span.start, mention.number_span.end)
        mention.strength = 0.9
    mention.draft = bool(re.search(r"draft|bill|законопроект", word, re.I))
    mention.head_text = word
    mention.proper = rule.proper
    _describe(text, folded, mention)
    evidence = 0.0
    if mention.number:
        evidence += 1
    if mention.title:
        evidence += 0.8
    if mention.issuer:
        evidence += 0.7 if mention.issuer_after else 0.5
    if _BETWEEN_PARTIES.match(after):
        evidence += 0.8  # "Agreement between Georgia and Armenia"
        mention.jurisdiction = INTERNATIONAL
    if mention.issuer_after and _BY_ACT.search(before):
        evidence += 0.4  # "By order of the President"
    if _ACT_LABEL.search(text[max(0, span.start - 30) : span.start]):
        evidence += 0.8  # "Legal act: Decision of …"
    if _OF_COUNTRY.match(after):
        evidence += 0.6
    if _ISSUER_BEFORE_HEAD.search(before):
        evidence += 0.6
        adjective = _ISSUER_BEFORE_HEAD.search(before).group("adj")
        mention.issuer = mention.issuer or _ISSUER_OF_ADJECTIVE.get(adjective.lower(), adjective)
    if word[:1].isupper() and rule.lang == "en" and rule.instrument not in _WEAK_HEADS:
        evidence += 0.3
    if rule.proper:
        evidence += 0.8
    if _DATED_AFTER.match(after):
        evidence += 0.6
    if (
        word[:1].isupper()
        and _CAPITAL_NAME_BEFORE.search(before)
        and rule.instrument in _WEAK_HEADS
    ):
        evidence += 0.4  # "Police Reform Strategy", "National Action Plan"
    if word[:1].isupper() and rule.instrument in _WEAK_HEADS and _NAMED_PURPOSE.match(after):
        evidence += 0.4  # "Concept for the Development of …", "Strategy on Gender Equality"
    if _YEARS_AFTER.match(after) or _YEAR_BEFORE.search(before):
        evidence += 0.4  # "Strategy 2024-2026", "Plan for 2020–2025", "the 2025 Strategy"
    possessive = _POSSESSIVE_COUNTRY.search(before)
    if possessive and jurisdiction_in(possessive.group(1)):
        evidence += 0.5  # "Armenia’s Police Reform Strategy", "Georgia's Tax Code"
        mention.jurisdiction = mention.jurisdiction or jurisdiction_in(possessive.group(1))
    if _ENACTED_BEFORE.search(before):
        evidence += 0.7
        mention.enacted = True
    if _ENACTED_AFTER.match(text, mention.span.end, mention.span.end + 120):
        evidence += 0.5  # "the “Law on …” (AFEZ Law) adopted by the Parliament"
        mention.enacted = True
    if _CAPITAL_NAME_BEFORE.search(before) and rule.instrument in (Instrument.CODE, Instrument.LAW):
        evidence += 0.4
    if rule.lang != "en":
        evidence += 0.3
    weak = (_GENERIC_WORDS.match(word) and evidence < 0.9) or evidence < 0.8
    if rule.backref_only:
        if not g.determiner.search(before + " "):
            return None
        mention.backref, mention.number, mention.title = True, None, None
        return mention
    if backref and weak and not mention.number and not mention.title:
        mention.backref = True
        return mention
    if weak and not (mention.number or mention.title):
        if g.determiner.search(before) or (rule.lang != "en" and word[:1].islower()):
            mention.backref = True  # "the decree", "этого закона": what was named before
            return mention
        return None
    mention.strength = min(1.0, rule.strength * 0.6 + evidence * 0.3)
    return mention


def _number_after_head(after: str) -> tuple[str, int, int] | None:
    """ "No. 432", "№ 45", " 114", "(No. 5)" right after a head word."""
    match = re.match(
        r"(?:\s+of\s+the\s+[^.;,\n]{3,80}?)??\s*\(?(?:No\.?|Nos\.?|№|N|Nr\.?)\s?"
        r"(?P<num>[A-ZА-Я]{0,4}-?\d[\w/]*(?:-[\wՆԼ]+)?)",
        after,
    )
    if match is None:
        match = re.match(
            r"\s(?P<num>\d{2,5}(?:-[A-ZА-ЯՆԼ]{1,4})?)(?![\w.,/%]|\s*(?:percent|per\s+cent|years?|months?|days?|%))",
            after,
        )
    if match is None:
        return None
    return match.group("num").rstrip(".,"), match.start("num"), match.end("num")


def _describe(text: str, folded: str, mention: Mention) -> None:
    """Fill issuer, title and jurisdiction from the words right around the mention."""
    end = mention.span.end
    after = text[end : end + 260]
    before = text[max(0, mention.span.start - 120) : mention.span.start]
    issuer = _issuer_near(text, folded, mention)
    if issuer is None and mention.head is not None:
        modifier = _HEAD_MODIFIER.match(text, mention.head.start) or _MODIFIER_BEFORE.search(
            text, max(0, mention.head.start - 16), mention.head.start
        )
        if modifier:
            mention.issuer = _ISSUER_OF_ADJECTIVE[modifier.group(1).lower()]
            mention.collegial = mention.issuer != "President"
    if issuer is not None:
        rule, name = issuer
        mention.issuer = name
        mention.collegial = rule.collegial
        if rule.jurisdiction is not None and mention.jurisdiction is None:
            mention.jurisdiction = rule.jurisdiction  # an international body, or a parliament
        if rule.instrument == Instrument.COURT_DECISION and mention.instrument in (
            Instrument.RESOLUTION,
            Instrument.OTHER,
        ):
            mention.instrument = Instrument.COURT_DECISION  # a court's decision or ruling
        if mention.instrument == Instrument.OTHER and mention.head is None and rule.instrument:
            mention.instrument = rule.instrument
    found_title = _title_after(after)
    title = found_title[0] if found_title else None
    if found_title and found_title[1] <= 200:
        # The mention runs to the end of its title: "Law No. 94-FZ “On …”, dated D".
        mention.span = Span(mention.span.start, end + found_title[1])
    if title is None:
        quoted = re.search(
            r"[\"“«„‘](?P<title>[^\"“”«»„\n]{3,220}?)[\"”»“’]\s*(?:\([^)]{0,60}\)\s*)?(?:has|have|was|were)\s+(?:been\s+)?(?:adopted|approved)\s+by\s*$",
            before,
        )
        if quoted:
            title = quoted.group("title")
    if title is None and mention.head is not None and mention.number_span is not None:
        # "Указ «О мерах …» от 12 марта 2024 года № УП-45": the title stands inside
        inner = _QUOTED.search(text, mention.head.end, mention.number_span.start)
        if inner:
            title = inner.group("title")
    if title:
        title = _FOOTNOTE.sub("", title).strip(" ,.")
        if _DEFINED_TERM.fullmatch(title):
            title = ""  # (the "Code"), ("Rules"): a defined short name, not a title
        mention.title = title or None
    if mention.jurisdiction is None:
        country = _OF_COUNTRY.match(after) or re.match(
            r"(?:\s+of\s+the\s+[^.;\n]{3,60}?)?\s+of\s+(?:the\s+)?(?P<c>[A-Z][\w ]{3,30})", after
        )
        if country:
            mention.jurisdiction = jurisdiction_in(country.group(0))


_TITLE_LEAD = (
    r"(?:\s+(?:No\.?|№)\s?\S+)?(?:\s+of\s+the\s+[^\"“«.;\n]{3,90}?)?"
    r"(?:\s+(?:dated|of|from|от)\s+[^\"“«;\n]{6,30}?)?"
    r"(?:\s+(?:on|about)\s+(?:the\s+)?(?:approval|adoption|introduction|amendment)\s+of\s+(?:the\s+)?)?"
    r"\s*(?:,\s*)?"
)
_LEAD_THEN_QUOTE = re.compile(_TITLE_LEAD + r"(?=[\"“«„‘])")
_LEAD_PLAIN = re.compile(r"(?:\s+(?:No\.?|№)\s?\S+)?\s*(?:,\s*)?")


def _title_after(after: str) -> tuple[str, int] | None:
    """A quoted title, or an "On …" title, within a few words after the head, and where
    it ends (relative to ``after``)."""
    lead = _LEAD_THEN_QUOTE.match(after)
    if lead:
        quoted = _QUOTED.match(after, lead.end())
        if quoted:
            return quoted.group("title"), quoted.end()
    lead = _LEAD_PLAIN.match(after)
    offset = lead.end() if lead else 0
    on = _ON_TITLE.match(after[offset:])
    if on:
        return on.group("title"), offset + on.end("title")
    return None


def _issuer_near(text: str, folded: str, mention: Mention) -> tuple[IssuerRule, str] | None:
    """ "of the Cabinet of Ministers …" after the head, or "the President … signed" before it."""
    g = grammar()
    after = text[mention.span.end : mention.span.end + 140]
    before = text[max(0, mention.span.start - 100) : mention.span.start]
    if mention.head is not None and mention.number_span is not None:
        # "Order of the Minister of Finance … No. 45": the issuer stands inside the mention
        inner = text[mention.head.end : mention.number_span.start]
        lead = re.match(r"\s+(?:of\s+(?:the\s+)?)?(?=[A-ZА-ЯЁ])", inner)
        if lead:
            for rule in g.issuers:
                match = rule.pattern.match(inner, lead.end())
                if match:
                    mention.issuer_after = True
                    return rule, _with_country(inner, match)
    lead = re.match(
        r"\s*(?:No\.?\s*\S+\s*)?(?:of|by|issued\s+by|adopted\s+by)\s+(?:the\s+)?", after
    )
    if lead:
        for rule in g.issuers:
            match = rule.pattern.match(after, lead.end())
            if match:
                mention.issuer_after = True
                return rule, _with_country(after, match)
    genitive = _GENITIVE_AFTER.match(after)
    if genitive:  # Russian "Постановление Правительства …": the issuer in the genitive
        for rule in g.issuers:
            match = rule.pattern.match(after, genitive.end())
            if match:
                mention.issuer_after = True
                return rule, _with_country(after, match)
    cut = max(before.rfind(". "), before.rfind(";"), before.rfind("\n"))
    before = before[cut + 1 :]
    folded_before = folded[mention.span.start - len(before) : mention.span.start]
    best: tuple[int, IssuerRule, str] | None = None
    for rule in g.issuers:
        if not may_match(rule.needs, folded_before):
            continue
        for match in rule.pattern.finditer(before):
            between = before[match.end() :]
            named = _with_country(before, match)
            between = (
                before[match.start() + len(named) :]
                if before[match.start() :].startswith(named)
                else between
            )
            if not (
                _ADJACENT.fullmatch(between)
                or _ACTED.match(between)
                or _BY_ITS.fullmatch(between)
                or _AZ_DATED_NUMBERED.fullmatch(between)
            ):
                continue
            if best is None or match.start() > best[0]:
                best = (match.start(), rule, named)
    if best is not None:
        return best[1], best[2]
    return None


# Nothing, a possessive or a quote between an issuer and the act's head word; an
# abbreviation in brackets too ("Milli Məclisin (MM) qərarı").
_ADJACENT = re.compile(r"[\s'’s\"“«‘]{0,4}(?:\([^()\n]{1,12}\)\s*)?")
_ACTED = re.compile(
    r"(?:\s+[A-ZА-ЯЁ][\w-]+|\s+Республики|\s+Respublikası){0,4}\s+(?:has\s+|have\s+|had\s+)?(?:also\s+)?(?:signed|issued|adopted|approved|"
    r"passed|enacted|accepts|accepted|подписал\w*|принял\w*|утвердил\w*|издал\w*)"
    r"(?:\s+into\s+law)?(?:,[^.;,]{0,40},)?\s+(?:(?:a|an|the)\s+)?(?:new\s+)?(?:[\w-]+\s+){0,4}?"
    r"(?:(?:to|of|on)\s+(?:the\s+)?)?$",
    re.I,
)


# Russian puts the issuer right after the act, in the genitive.
_GENITIVE_AFTER = re.compile(r"\s+(?=[А-ЯЁ])")
# Azerbaijani: "Prezidentinin 2024-cü il 5 aprel tarixli 210 nömrəli Fərmanı".
_AZ_DATED_NUMBERED = re.compile(
    r"\s+(?:\d{4}\s*-\s*\w{1,3}\s+il\s+\d{1,2}\s+\w+\s+tarixli\s+)?"
    r"(?:\d[\w/-]*\s+n[öo]mr[əe]li\s+)?",
    re.I,
)
# "The Board of the Central Bank, by Decision No. 16 of …, abolished …"
_BY_ITS = re.compile(r"\s*,\s*(?:by|with|under|in)\s+(?:its\s+|an?\s+)?", re.I)


def _with_country(text: str, match: re.Match[str]) -> str:
    tail = _OF_COUNTRY.match(text, match.end())
    end = tail.end() if tail else match.end()
    return re.sub(r"\s+", " ", text[match.start() : end]).strip()


_ANY_KIND_BACKREF = re.compile(r"document|act|amendments|changes", re.I)


_BACKREF_FAMILIES = (
    frozenset({Instrument.LAW, Instrument.CODE, Instrument.AMNESTY_ACT}),
    frozenset({Instrument.RESOLUTION, Instrument.DECREE, Instrument.ORDER}),
)


def _link_backrefs(text: str, layout: Layout, mentions: list[Mention]) -> list[Mention]:
    """A back-reference points at the latest full mention of its own kind ("the Law": the
    latest law, not the Criminal Code a law amends), else of a related kind."""
    for index, mention in enumerate(mentions):
        if not mention.backref:
            continue
        word = text[mention.span.start : mention.span.end]
        earlier = [m for m in mentions[:index] if not m.backref]
        if _ANY_KIND_BACKREF.search(word):
            numbered = [m for m in earlier if m.number]
            if not numbered:
                # "The amendments will come into force …" above the item's closing citation
                # line ("[Federal Law No. 94-FZ …]"): the numbered act that follows.
                numbered = [
                    m
                    for m in mentions[index + 1 :]
                    if m.number and not m.backref and m.span.start - mention.span.end < 2000
                ][:1]
            # "the amendments", "the document": the numbered act, not the code it amends
            mention.antecedent = (numbered or earlier or [None])[-1]
            continue
        same = [m for m in earlier if m.instrument == mention.instrument]
        if same:
            mention.antecedent = same[-1]
            continue
        family = next((f for f in _BACKREF_FAMILIES if mention.instrument in f), frozenset())
        related = [m for m in earlier if m.instrument in family]
        if related:
            mention.antecedent = related[-1]
    return mentions
