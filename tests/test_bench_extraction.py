"""bench/extraction_score.py on hand-made truth and exports; bench/extraction.py end to end.

The hand-made measures below are invented; nothing of the development set is copied here
(its texts and truth stay outside the repository).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SCORE_PY = REPO / "bench" / "extraction_score.py"
EXTRACTION_PY = REPO / "bench" / "extraction.py"
DEVSET = REPO.parent / "shared" / "devset"


@pytest.fixture(scope="module")
def es() -> Iterator[ModuleType]:
    """bench/ is scripts, not a package: load extraction_score.py from its path."""
    spec = importlib.util.spec_from_file_location("bench_extraction_score", SCORE_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


def truth_measure(title: str, **fields: Any) -> dict[str, Any]:
    dates = {"signed": None, "adopted": None, "published": None, "in_force": None, "other": []}
    dates.update(fields.pop("dates", {}))
    return {
        "title": title,
        "role": fields.pop("role", "primary"),
        "instrument": fields.pop("instrument", "law"),
        "number": fields.pop("number", None),
        "jurisdiction": fields.pop("jurisdiction", "KZ"),
        "authority": fields.pop("authority", None),
        "dates": dates,
        "amounts": fields.pop("amounts", []),
        **fields,
    }


def event(kind: str, date: str | None, **fields: Any) -> dict[str, Any]:
    return {"kind": kind, "date": date, "precision": "day", "derived": False, **fields}


def exported(title: str, file: str = "a.txt", **fields: Any) -> dict[str, Any]:
    return {
        "key": fields.pop("key", title),
        "title": title,
        "instrument": fields.pop("instrument", "law"),
        "number": fields.pop("number", None),
        "jurisdiction": fields.pop("jurisdiction", "KZ"),
        "authority": fields.pop("authority", None),
        "events": fields.pop("events", []),
        "quantities": fields.pop("quantities", []),
        "sources": [file],
        **fields,
    }


def truth_doc(*measures: dict[str, Any], file: str = "a.txt") -> dict[str, Any]:
    return {"file": f"docs/{file}", "measures": list(measures)}


def export_of(*measures: dict[str, Any]) -> dict[str, Any]:
    return {"schema": "lawtracker.export/1", "sources": [], "measures": list(measures)}


# --------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------


def test_numbers_match_by_containment_after_normalising(es: ModuleType):
    truth = [truth_measure("Law on lemons", number="45-VI")]
    other = exported("Law on pears", number="No. 46-VI")
    same = exported("Law on something else", number="No. 45-VI")

    fm = es.match_file("a.txt", truth, [other, same])

    assert fm.matched == [(truth[0], same)]
    assert fm.unmatched_exports == [other]
    scores = es.score(export_of(other, same), [truth_doc(*truth)])
    assert (scores.numbers_exact.num, scores.numbers_exact.den) == (0, 1), "No. is not the number"
    assert es.numbers_exact("45-VI", " 45-VI ") and not es.numbers_exact("45-VI", "45-V")


def test_a_numbered_truth_is_never_matched_by_date_or_title(es: ModuleType):
    truth = [truth_measure("Law on lemons", number="77", dates={"adopted": "2021-03-04"})]
    export = exported("Law on lemons", events=[event("adopted", "2021-03-04")])
    assert es.match_file("a.txt", truth, [export]).misses == truth


def test_unnumbered_truth_matches_by_shared_date_partial_and_month_day(es: ModuleType):
    by_month = truth_measure("Decree on pardons", instrument="decree", dates={"signed": "2022-12"})
    by_day = truth_measure(
        "Order on pardons",
        instrument="order",
        dates={"other": [{"label": "signed (no year)", "date": "--05-25"}]},
    )
    first = exported("Something", instrument="report", events=[event("signed", "2022-12-06")])
    second = exported("Else", events=[event("other", "2019-05-25")])

    fm = es.match_file("a.txt", [by_month, by_day], [second, first])

    assert fm.matched == [(by_month, first), (by_day, second)]


def test_title_match_needs_half_the_words_and_compatible_kinds(es: ModuleType):
    truth = [truth_measure("Strategy for water supply development", instrument="other")]
    report = exported("Water supply development plan", instrument="report")
    law = exported("Water supply development law", instrument="law")

    assert es.match_file("a.txt", truth, [law]).misses == truth
    assert es.match_file("a.txt", truth, [law, report]).matched == [(truth[0], report)]
    assert not es.title_match(truth[0], exported("Development of roads", instrument="other"))


def test_matching_is_greedy_in_truth_order(es: ModuleType):
    a = truth_measure("Law A", number="12")
    b = truth_measure("Law B", number="123")
    only = exported("Law", number="123")
    fm = es.match_file("a.txt", [a, b], [only])
    assert fm.matched == [(a, only)] and fm.misses == [b]


def test_mentioned_only_is_not_scored_nor_a_false_positive(es: ModuleType):
    primary = truth_measure("Law on lemons", number="1-VI")
    named = truth_measure("Plan on citrus growing", role="mentioned_only", instrument="other")
    exports = [
        exported("Law on lemons", number="1-VI", role="primary"),
        exported("Citrus growing plan", instrument="other", role="mentioned"),
        exported("Skip to content", instrument="other"),
    ]
    scores = es.score(export_of(*exports), [truth_doc(primary, named)])

    assert (scores.recall.num, scores.recall.den) == (1, 1)
    assert (scores.precision.num, scores.precision.den) == (2, 3)
    assert (scores.role.num, scores.role.den) == (1, 1)
    assert scores.chrome_titles == ["a.txt: 'Skip to content'"]


def test_exports_of_other_files_are_ignored(es: ModuleType):
    truth = [truth_measure("Law on lemons", number="1")]
    scores = es.score(export_of(exported("Law", file="b.txt", number="1")), [truth_doc(*truth)])
    assert scores.recall.num == 0 and scores.precision.den == 0


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------


def test_signed_and_adopted_are_interchangeable_published_and_in_force_are_not(es: ModuleType):
    truth = truth_measure(
        "Law on lemons",
        number="5",
        dates={"adopted": "2020-01-02", "published": "2020-01-09", "in_force": "2020-02-01"},
    )
    export = exported(
        "Law",
        number="5",
        events=[
            event("signed", "2020-01-02"),
            event("in_force", "2020-01-09"),
            event("published", "2020-02-01"),
        ],
    )
    scores = es.score(export_of(export), [truth_doc(truth)])
    assert scores.dates["adopted"].num == 1
    assert scores.dates["published"].num == 0 and scores.dates["in_force"].num == 0
    assert scores.dates["signed"].den == 0


def test_invented_dates_are_those_nowhere_in_the_files_truth(es: ModuleType):
    lemons = truth_measure(
        "Law on lemons",
        number="5",
        dates={"adopted": "2020-01-02", "other": [{"label": "deadline", "date": "2021"}]},
    )
    pears = truth_measure(
        "Law on pears", number="6", dates={"other": [{"label": "x", "date": "--07-14"}]}
    )
    export = exported(
        "Law",
        number="5",
        events=[
            event("adopted", "2020-01-02"),
            event("other", "2021-06-30"),  # inside the partial true date 2021
            event("other", "2019-07-14"),  # on the month-day of another measure's date
            event("other", "2004-07-14", precision="month_day"),  # a date without a year
            event("other", "2022-01-01", precision="year"),  # a year the truth does not have
            event("in_force", "2020-03-01", derived=True),  # computed: not checked
            event("in_force", None, precision="unknown"),
            event("published", "2020-01-03"),
        ],
    )
    scores = es.score(export_of(export), [truth_doc(lemons, pears)])

    assert scores.checked_dates == 6
    assert scores.invented_dates == [
        "a.txt: 'Law on lemons' (5): other 2022",
        "a.txt: 'Law on lemons' (5): published 2020-01-03",
    ]


def test_event_dates_are_cut_to_their_precision(es: ModuleType):
    assert es.event_date({"date": "2020-05-01", "precision": "month"}) == "2020-05"
    assert es.event_date({"date": "2020-01-01", "precision": "year"}) == "2020"
    assert es.event_date({"date": "0004-05-25", "precision": "month_day"}) == "--05-25"
    assert es.event_date({"date": "--05-25", "precision": "day"}) == "--05-25"
    assert es.event_date({"date": None, "precision": "unknown"}) is None
    assert es.event_date({"date": "2020-05-01"}) == "2020-05-01", "old exports: day"


# --------------------------------------------------------------------------------------
# Jurisdiction, authority, amounts
# --------------------------------------------------------------------------------------


def test_jurisdiction_null_matches_null_and_the_old_xx(es: ModuleType):
    truth = [
        truth_measure("Resolution 1", number="1", instrument="resolution", jurisdiction=None),
        truth_measure("Resolution 2", number="2", instrument="resolution", jurisdiction=None),
        truth_measure("Resolution 3", number="3", instrument="resolution", jurisdiction=None),
        truth_measure("Law 4", number="4", jurisdiction="AZ"),
    ]
    exports = [
        exported("R1", number="1", instrument="resolution", jurisdiction=None),
        exported("R2", number="2", instrument="resolution", jurisdiction="XX"),
        exported("R3", number="3", instrument="resolution", jurisdiction="FR"),
        exported("L4", number="4", jurisdiction=None),
    ]
    scores = es.score(export_of(*exports), [truth_doc(*truth)])
    assert (scores.jurisdiction.num, scores.jurisdiction.den) == (2, 4)


def test_authority_is_loose_either_way_round(es: ModuleType):
    assert es.authority_right("the Cabinet of Ministers", "Cabinet of Ministers of Azerbaijan")
    assert es.authority_right("President of the Republic of Lemonia", "the President")
    assert not es.authority_right("Parliament", "President")
    assert not es.authority_right("Parliament", None)
    assert es.authority_right("Милли Меджлис", "милли меджлис Азербайджана")
    assert es.authority_right("Senate (adopted); President Lemon (signed)", "President Lemon")
    assert es.authority_right("Commission for Democracy (Lemon Commission)", "Lemon Commission")
    assert not es.authority_right("President (signed)", "signed")


def test_amounts_exact_and_wrong_scale(es: ModuleType):
    truth = truth_measure(
        "Law on fees",
        number="9",
        amounts=[
            {"value": 8000, "currency": "AZN", "as_written": "8000 manat"},
            {"value": 4700, "currency": "USD", "as_written": "4700$", "equivalent": True},
            {"value": 1500000, "currency": "UZS", "as_written": "1.5 million soums"},
        ],
    )
    export = exported(
        "Law",
        number="9",
        quantities=[
            {"kind": "amount", "value": 8000, "value_max": None, "unit": "AZN"},
            {"kind": "amount", "value": 1.5, "value_max": None, "unit": "UZS"},
            {"kind": "people", "value": 4700, "value_max": None, "unit": "person"},
        ],
    )
    scores = es.score(export_of(export), [truth_doc(truth)])
    assert (scores.amounts.num, scores.amounts.den) == (1, 3), "a head-count is not an amount"
    assert scores.wrong_scale == ["a.txt: 'Law on fees' (9): '1.5 million soums' -> 1.5"]
    assert es.wrong_scale(50, [5000.0]) == 5000.0
    assert es.wrong_scale(50, [75.0, 50.0]) is None


def test_chrome_titles(es: ModuleType):
    for title in ("Skip to main content", "Logo Assembly Logo Hemicycle", "background image",
                  "A A A Font size", "12.03.2024", "March 3, 2024", "Main menu"):  # fmt: skip
        assert es.chrome_title(title), title
    for title in ("Law on the state budget for 2024", "Resolution 2456 (2022)", "Tax Code"):
        assert not es.chrome_title(title), title


# --------------------------------------------------------------------------------------
# End to end
# --------------------------------------------------------------------------------------

FIGURE_LINES = (
    "files refused (status failed):",
    "files kept without a measure:",
    "measure recall (primary+referenced):",
    "recall, primary measures:",
    "precision (exports matching a truth measure):",
    "numbers exact:",
    "signed dates right:",
    "adopted dates right:",
    "published dates right:",
    "in_force dates right:",
    "invented dates",
    "jurisdiction right:",
    "authority right (loose):",
    "amounts found with exact value:",
    "amounts found with a wrong scale:",
    "web-chrome titles:",
    "recall with LAWTRACKER_PROFILES=off:",
    "turning profiles off costs:",
    "parsing, one core:",
    "end-to-end import (fresh store):",
    "parsing costs x floor",
)


def test_the_benchmark_prints_every_figure_on_the_development_set(tmp_path: Path):
    if not (DEVSET / "truth.json").is_file():
        pytest.skip(f"development set not found at {DEVSET}: it is kept outside the repository")
    out = tmp_path / "figures.json"
    done = subprocess.run(
        [
            *(sys.executable, str(EXTRACTION_PY), "--devset", str(DEVSET), "--no-profiles"),
            *("--speed-docs", "14", "--json", str(out)),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    for label in FIGURE_LINES:
        assert any(line.startswith(label) for line in done.stdout.splitlines()), label
    assert "reference scorer (score.py):" in done.stdout
    assert "measures " in done.stdout, "the reference scorer's summary line"
    figures = json.loads(out.read_text(encoding="utf-8"))
    truth = json.loads((DEVSET / "truth.json").read_text(encoding="utf-8"))
    assert figures["quality"]["files"] == len(truth)
    scored = sum(m["role"] != "mentioned_only" for doc in truth for m in doc["measures"])
    assert figures["quality"]["recall"]["den"] == scored
    assert figures["speed"]["documents"] == 14
