"""The strict scorer of ``bench/extraction.py``: a lawtracker JSON export against a truth file.

Pure functions over plain dicts (the export as ``lawtracker.services.export`` writes it,
the truth as the development set's ``truth.json`` holds it); nothing here reads files or
imports lawtracker, so it scores an export of any version of the code, including the old
one (jurisdiction ``"XX"`` for "none", no ``role`` field).

Matching follows the development set's reference scorer (``score.py`` beside
``truth.json``), reimplemented here: within one file, greedily in truth order, a true
measure takes the first unused exported measure whose number agrees (lower-cased, only
letters and digits, either containing the other); an unnumbered true measure takes the
first one sharing a date (a partial true date matches by prefix, ``--MM-DD`` by month
and day), failing that the first one of a compatible instrument kind whose title holds
at least half of the true title's content words. Measures with role ``mentioned_only``
are not scored; they are matched afterwards, on what is left, only so that an export
of one of them is not counted as a false positive.

The figures that follow (numbers, dates by role, invented dates, jurisdiction,
authority, amounts, chrome titles) are stricter than the reference scorer's.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

Measure = dict[str, Any]

SCORED_ROLES = ("primary", "referenced")
DATE_ROLES = ("signed", "adopted", "published", "in_force")
# The exported event kinds that satisfy a true date of each role: the README accepts a
# citation date under either signed or adopted.
ROLE_KINDS = {
    "signed": ("signed", "adopted"),
    "adopted": ("signed", "adopted"),
    "published": ("published",),
    "in_force": ("in_force",),
}
# The old export wrote "XX" where the text names no country; the truth writes null.
NO_JURISDICTION = {None, "", "XX"}
# The export's role for a measure the truth calls "mentioned_only".
EXPORT_ROLES = {"mentioned": "mentioned_only"}

# --------------------------------------------------------------------------------------
# The reference scorer's rules
# --------------------------------------------------------------------------------------

_STOP_WORDS = "a an the of on and or for to in by with at from its their this that as under into"
STOP = frozenset(f"{_STOP_WORDS} be is are was were no".split(" "))
KIND_GROUPS = (
    frozenset({"law", "code", "amnesty_act", "act", "bill"}),
    frozenset({"decree", "order", "resolution", "decision", "regulation"}),
    frozenset({"report", "statement", "declaration", "other"}),
    frozenset({"court_decision", "decision"}),
)


def norm_number(number: str | None) -> str:
    """Lower-cased, letters and digits only: ``"No. 45-VI"`` -> ``"no45vi"``."""
    return re.sub(r"[^0-9a-z]+", "", (number or "").lower())


def numbers_agree(truth: str | None, exported: str | None) -> bool:
    t, e = norm_number(truth), norm_number(exported)
    return bool(t and e and (t in e or e in t))


def same_date(truth: str | None, exported: str | None) -> bool:
    """The reference rule: a partial true date matches by prefix, ``--MM-DD`` by month-day."""
    if not truth or not exported:
        return False
    if truth.startswith("--"):
        return exported[-6:] == truth[-6:]
    return exported.startswith(truth)


def title_words(text: str | None) -> set[str]:
    return {
        w for w in re.findall(r"[0-9a-z]+", (text or "").lower()) if w not in STOP and len(w) > 2
    }


def kinds_compatible(a: str | None, b: str | None) -> bool:
    a, b = (a or "other").lower(), (b or "other").lower()
    return a == b or any(a in group and b in group for group in KIND_GROUPS)


def title_match(truth: Measure, exported: Measure) -> bool:
    wanted = title_words(truth.get("title"))
    if not wanted or not kinds_compatible(truth.get("instrument"), exported.get("instrument")):
        return False
    return len(wanted & title_words(exported.get("title"))) >= 0.5 * len(wanted)


def true_dates(measure: Measure) -> set[str]:
    """Every date a true measure carries, the ``other`` ones included."""
    dates = measure.get("dates") or {}
    found = {value for key, value in dates.items() if key != "other" and value}
    found |= {o.get("date") for o in dates.get("other") or [] if o.get("date")}
    return found


# --------------------------------------------------------------------------------------
# Reading the export
# --------------------------------------------------------------------------------------


def base_name(path: str) -> str:
    return path.replace("\\", "/").split("/")[-1]


def source_files(measure: Measure) -> list[str]:
    files = []
    for source in measure.get("sources") or []:
        name = source if isinstance(source, str) else (source or {}).get("file", "")
        files.append(base_name(name or ""))
    return files


def measures_of_file(export: dict[str, Any], file_name: str) -> list[Measure]:
    """The exported measures read from ``file_name``, in export order."""
    name = base_name(file_name)
    return [m for m in export.get("measures") or [] if name in source_files(m)]


def event_date(event: dict[str, Any]) -> str | None:
    """The date an event states, cut to its precision: ``2020``, ``2020-05``, ``--05-25``."""
    value = event.get("date")
    if not value:
        return None
    precision = event.get("precision") or "day"
    if value.startswith("--") or precision == "month_day":
        return "--" + value[-5:]
    if precision == "year":
        return value[:4]
    if precision == "month":
        return value[:7]
    return value


def exported_dates(measure: Measure) -> list[str]:
    """Every date of an exported measure as the reference scorer reads them (full text)."""
    return [e.get("date") or "" for e in measure.get("events") or []]


def date_in_truth(exported: str, truth: Iterable[str]) -> bool:
    """Whether an exported date (cut to its precision) is one the truth states.

    A partial true date covers the dates that start with it, ``--MM-DD`` any date on that
    month and day; an exported date with less precision is covered by the true dates it
    starts (an exported year 2020 is not invented when the truth has 2020-05-01).
    """
    for t in truth:
        if not t:
            continue
        if t.startswith("--") or exported.startswith("--"):
            if len(exported) >= 6 and len(t) >= 6 and exported[-6:] == t[-6:]:
                return True
            continue
        if exported.startswith(t) or t.startswith(exported):
            return True
    return False


def export_role(measure: Measure) -> str | None:
    role = measure.get("role")
    return EXPORT_ROLES.get(role, role) if role else None


def jurisdiction_of(value: str | None) -> str | None:
    return None if value in NO_JURISDICTION else value


# --------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------


def _match_one(truth: Measure, candidates: Sequence[Measure], used: set[int]) -> Measure | None:
    number = norm_number(truth.get("number"))
    dates = true_dates(truth)
    for measure in candidates:
        if id(measure) in used:
            continue
        if number:
            if numbers_agree(truth.get("number"), measure.get("number")):
                return measure
        elif any(same_date(t, e) for t in dates for e in exported_dates(measure)):
            return measure
    if number:
        return None
    return next((m for m in candidates if id(m) not in used and title_match(truth, m)), None)


@dataclass
class FileMatch:
    """One file's matching: scored true measures with their export (or None), and the rest."""

    file: str
    pairs: list[tuple[Measure, Measure | None]]
    mentioned: list[tuple[Measure, Measure | None]]
    unmatched_exports: list[Measure]

    @property
    def matched(self) -> list[tuple[Measure, Measure]]:
        return [(t, e) for t, e in self.pairs if e is not None]

    @property
    def misses(self) -> list[Measure]:
        return [t for t, e in self.pairs if e is None]


def match_file(file_name: str, truth_measures: Sequence[Measure], exports: Sequence[Measure]):
    """Greedy matching in truth order, scored roles first, ``mentioned_only`` after."""
    used: set[int] = set()
    pairs: list[tuple[Measure, Measure | None]] = []
    for truth in truth_measures:
        if truth.get("role") == "mentioned_only":
            continue
        match = _match_one(truth, exports, used)
        if match is not None:
            used.add(id(match))
        pairs.append((truth, match))
    mentioned: list[tuple[Measure, Measure | None]] = []
    for truth in truth_measures:
        if truth.get("role") != "mentioned_only":
            continue
        match = _match_one(truth, exports, used)
        if match is not None:
            used.add(id(match))
        mentioned.append((truth, match))
    rest = [m for m in exports if id(m) not in used]
    return FileMatch(base_name(file_name), pairs, mentioned, rest)


# --------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------


@dataclass
class Ratio:
    num: int = 0
    den: int = 0

    def add(self, ok: bool) -> None:
        self.den += 1
        self.num += bool(ok)

    @property
    def share(self) -> float | None:
        return self.num / self.den if self.den else None

    def text(self) -> str:
        share = self.share
        return f"{self.num}/{self.den}" + (f" ({100 * share:.0f}%)" if share is not None else "")


CHROME_PATTERNS = tuple(
    re.compile(p, re.I)
    for p in (
        r"\bskip to\b",
        r"\blogo\b",
        r"\bbackground image\b",
        r"\bfont size\b",
        r"\b(?:main )?menu\b",
        r"\bsearch\b.*\b(?:site|submit)\b",
        r"\b(?:home|contacts?|about us|sitemap|log ?in|sign in)\s*[|/>»]",
        r"\bversion for the visually impaired\b|\bверсия для слабовидящих\b",
        r"\bview(?:s|ed)?\s*:?\s*\d",
        r"\bпросмотр",
        r"\b(?:usd|eur|rub|мрот|курс)\b[^a-z]*\d[\d\s.,]*\s*(?:сум|soum|tenge|manat|тенге)",
        r"^\W*(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}"
        r"|\d{1,2}\s+\w+\s+\d{4}|\w+\s+\d{1,2},?\s+\d{4}|\d{1,2}:\d{2})\W*$",
        r"^\W*date \d{4}-\d{2}-\d{2}\W*$",
    )
)


def chrome_title(title: str | None) -> bool:
    """A title that looks like site chrome: navigation, widgets, tickers, a bare date."""
    text = (title or "").strip()
    if not text:
        return False
    return any(p.search(text) for p in CHROME_PATTERNS)


def numbers_exact(truth: str | None, exported: str | None) -> bool:
    def ws(s: str | None) -> str:
        return " ".join((s or "").split())

    return bool(truth) and ws(truth) == ws(exported)


def content_words(text: str | None) -> set[str]:
    """Unicode words of an authority, lower-cased, without stop words and short words."""
    return {w for w in re.findall(r"\w+", (text or "").casefold()) if w not in STOP and len(w) > 2}


def authority_names(truth: str | None) -> list[str]:
    """The names a true authority gives: parts split at ``;``, notes in brackets dropped.

    ``"Jogorku Kenesh (adopted); President X (signed)"`` gives ``Jogorku Kenesh`` and
    ``President X``; a bracket of two or more content words is a name of its own
    (``"European Commission for Democracy through Law (Venice Commission)"``).
    """
    names = []
    for part in (truth or "").split(";"):
        brackets = re.findall(r"\(([^)]*)\)", part)
        names.append(re.sub(r"\([^)]*\)", " ", part))
        names.extend(b for b in brackets if len(content_words(b)) >= 2)
    return [n for n in names if content_words(n)]


def authority_right(truth: str | None, exported: str | None) -> bool:
    """Loose: one side's content words all appear on the other side, for any true name."""
    e = content_words(exported)
    if not e:
        return False
    return any(t <= e or e <= t for t in map(content_words, authority_names(truth)))


def amount_values(measure: Measure) -> list[float]:
    values = []
    for q in measure.get("quantities") or []:
        if q.get("kind", "amount") != "amount":
            continue
        for key in ("value", "value_max"):
            v = q.get(key)
            if isinstance(v, int | float) and not isinstance(v, bool):
                values.append(float(v))
    return values


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a))


def wrong_scale(truth: float, exported: Iterable[float]) -> float | None:
    """An exported value that is the true value times 10**k, k != 0 (k up to 12)."""
    if truth == 0:
        return None
    for value in exported:
        if value == 0 or (value > 0) != (truth > 0):
            continue
        k = math.log10(value / truth)
        if abs(k - round(k)) < 1e-9 and round(k) != 0 and abs(k) <= 12:
            return value
    return None


@dataclass
class FileScore:
    file: str
    truth_measures: int
    matched: int
    exported: int
    false_positives: int
    misses: list[str] = field(default_factory=list)


@dataclass
class Scores:
    recall: Ratio = field(default_factory=Ratio)
    recall_primary: Ratio = field(default_factory=Ratio)
    recall_referenced: Ratio = field(default_factory=Ratio)
    precision: Ratio = field(default_factory=Ratio)
    numbers_exact: Ratio = field(default_factory=Ratio)
    dates: dict[str, Ratio] = field(default_factory=lambda: {r: Ratio() for r in DATE_ROLES})
    invented_dates: list[str] = field(default_factory=list)
    checked_dates: int = 0
    jurisdiction: Ratio = field(default_factory=Ratio)
    authority: Ratio = field(default_factory=Ratio)
    role: Ratio = field(default_factory=Ratio)
    amounts: Ratio = field(default_factory=Ratio)
    wrong_scale: list[str] = field(default_factory=list)
    chrome_titles: list[str] = field(default_factory=list)
    files: list[FileScore] = field(default_factory=list)
    details: dict[str, list[str]] = field(default_factory=dict)

    def note(self, kind: str, line: str) -> None:
        self.details.setdefault(kind, []).append(line)

    def figures(self) -> dict[str, Any]:
        def r(ratio: Ratio) -> dict[str, Any]:
            return {"num": ratio.num, "den": ratio.den, "share": ratio.share}

        return {
            "recall": r(self.recall),
            "recall_primary": r(self.recall_primary),
            "recall_referenced": r(self.recall_referenced),
            "precision": r(self.precision),
            "numbers_exact": r(self.numbers_exact),
            "dates": {role: r(ratio) for role, ratio in self.dates.items()},
            "invented_dates": {"count": len(self.invented_dates), "of": self.checked_dates},
            "jurisdiction": r(self.jurisdiction),
            "authority": r(self.authority),
            "role": r(self.role),
            "amounts": r(self.amounts),
            "amounts_wrong_scale": len(self.wrong_scale),
            "chrome_titles": len(self.chrome_titles),
        }


def _title(measure: Measure) -> str:
    number = measure.get("number")
    return f"{measure.get('title')!r}" + (f" ({number})" if number else "")


def score(export: dict[str, Any], truth: Sequence[dict[str, Any]]) -> Scores:
    """Every figure of the strict benchmark for ``export`` against ``truth``."""
    scores = Scores()
    matched_exports: set[int] = set()
    seen_exports: dict[int, Measure] = {}
    for doc in truth:
        name = base_name(doc["file"])
        exports = measures_of_file(export, name)
        for m in exports:
            seen_exports[id(m)] = m
        fm = match_file(name, doc.get("measures") or [], exports)
        matched_exports |= {id(e) for _, e in fm.matched}
        matched_exports |= {id(e) for _, e in fm.mentioned if e is not None}
        file_truth_dates = set().union(*(true_dates(t) for t in doc.get("measures") or []))
        for t, e in fm.pairs:
            ok = e is not None
            scores.recall.add(ok)
            if t.get("role") == "primary":
                scores.recall_primary.add(ok)
            else:
                scores.recall_referenced.add(ok)
            if not ok:
                scores.note("miss", f"{name}: {t.get('role')} {_title(t)}")
        file_score = FileScore(
            name,
            len(fm.pairs),
            len(fm.matched),
            len(exports),
            len(fm.unmatched_exports),
            [f"{t.get('role')} {_title(t)}" for t in fm.misses],
        )
        scores.files.append(file_score)
        for t, e in fm.matched:
            _score_pair(scores, name, t, e, file_truth_dates)
    exported_all = list(seen_exports.values())
    for m in exported_all:
        ok = id(m) in matched_exports
        scores.precision.add(ok)
        if not ok:
            scores.note("false positive", f"{', '.join(source_files(m))}: {_title(m)}")
        if chrome_title(m.get("title")):
            scores.chrome_titles.append(f"{', '.join(source_files(m))}: {m.get('title')!r}")
    return scores


def _score_pair(
    scores: Scores, name: str, t: Measure, e: Measure, file_truth_dates: set[str]
) -> None:
    label = f"{name}: {_title(t)}"
    if t.get("number"):
        ok = numbers_exact(t.get("number"), e.get("number"))
        scores.numbers_exact.add(ok)
        if not ok:
            scores.note("number", f"{label}: exported {e.get('number')!r}")
    events = [ev for ev in e.get("events") or [] if ev.get("date")]
    true = t.get("dates") or {}
    for role in DATE_ROLES:
        want = true.get(role)
        if not want:
            continue
        kinds = ROLE_KINDS[role]
        got = [event_date(ev) for ev in events if ev.get("kind") in kinds]
        ok = want in got
        scores.dates[role].add(ok)
        if not ok:
            scores.note("date", f"{label}: {role} {want}, exported {got or 'none'}")
    for ev in events:
        if ev.get("derived"):
            continue
        value = event_date(ev)
        if value is None:
            continue
        scores.checked_dates += 1
        if not date_in_truth(value, file_truth_dates):
            scores.invented_dates.append(f"{label}: {ev.get('kind')} {value}")
    want_j, got_j = t.get("jurisdiction"), jurisdiction_of(e.get("jurisdiction"))
    scores.jurisdiction.add(want_j == got_j)
    if want_j != got_j:
        scores.note("jurisdiction", f"{label}: {want_j} != exported {e.get('jurisdiction')!r}")
    if t.get("authority"):
        ok = authority_right(t.get("authority"), e.get("authority"))
        scores.authority.add(ok)
        if not ok:
            scores.note(
                "authority", f"{label}: {t.get('authority')!r} != exported {e.get('authority')!r}"
            )
    ok = export_role(e) == t.get("role")
    scores.role.add(ok)
    if not ok:
        scores.note("role", f"{label}: {t.get('role')} != exported {e.get('role')!r}")
    values = amount_values(e)
    for amount in t.get("amounts") or []:
        try:
            want = float(amount["value"])
        except (TypeError, ValueError, KeyError):
            continue
        ok = any(same_value(want, v) for v in values)
        scores.amounts.add(ok)
        if ok:
            continue
        scaled = wrong_scale(want, values)
        if scaled is not None:
            scores.wrong_scale.append(f"{label}: {amount.get('as_written')!r} -> {scaled:g}")
        scores.note("amount", f"{label}: {amount.get('as_written')!r} ({want:g}) not found")
