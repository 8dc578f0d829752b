"""Cited articles, laws, decisions, cases and document symbols."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from lawtracker.domain.enums import ReferenceKind
from lawtracker.domain.facts import FoundReference
from lawtracker.ingestion.extract.references import find_references

ARTICLE = ReferenceKind.ARTICLE
LAW = ReferenceKind.LAW
DECISION = ReferenceKind.DECISION
CASE = ReferenceKind.CASE
SYMBOL = ReferenceKind.DOCUMENT_SYMBOL
AZ_HALF_MARK = " Biznes faaliyyatinize"


def _seed(seeds_dir: Path, prefix: str) -> str:
    return next(seeds_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _refs(text: str) -> list[tuple[str, ReferenceKind, str]]:
    return [(r.text, r.kind, r.normalized) for r in find_references(text)]


def _check_consistent(text: str, found: list[FoundReference]) -> None:
    last_end = 0
    for ref in found:
        assert text[ref.span.start : ref.span.end] == ref.text
        assert ref.span.start >= last_end
        last_end = ref.span.end


# --- articles ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("as set out in Article 12.4.1.", [("Article 12.4.1", ARTICLE, "Article 12.4.1")]),
        ("(Article 7.2.) The court", [("Article 7.2", ARTICLE, "Article 7.2")]),
        ("see Articles 45.1-45.4 below", [("Articles 45.1-45.4", ARTICLE, "Articles 45.1–45.4")]),
        ("see Articles 8–11.", [("Articles 8–11", ARTICLE, "Articles 8–11")]),
        (
            "under Article 188 of the Penal Code the",
            [("Article 188 of the Penal Code", ARTICLE, "Penal Code, Article 188")],
        ),
        (
            "Article 4 of the Code of Administrative Offences applies",
            [
                (
                    "Article 4 of the Code of Administrative Offences",
                    ARTICLE,
                    "Code of Administrative Offences, Article 4",
                )
            ],
        ),
        (
            "Part II of Article 9 of the Law \u201cOn Courts and Judges\u201d, which",
            [
                (
                    "Part II of Article 9 of the Law \u201cOn Courts and Judges\u201d",
                    ARTICLE,
                    'Law "On Courts and Judges", Article 9, Part II',
                )
            ],
        ),
        ("Article 3 of the aforementioned Law", [("Article 3", ARTICLE, "Article 3")]),
    ],
)
def test_articles(text: str, expected: list[tuple[str, ReferenceKind, str]]) -> None:
    assert _refs(text) == expected


def test_list_of_articles_gives_one_reference_each() -> None:
    text = "charged under Articles 120, 126.2 and 127 of the Criminal Code."
    assert [(r.text, r.normalized) for r in find_references(text)] == [
        ("Articles 120", "Criminal Code, Article 120"),
        ("126.2", "Criminal Code, Article 126.2"),
        ("127 of the Criminal Code", "Criminal Code, Article 127"),
    ]


def test_article_number_stops_before_a_date() -> None:
    text = "initiated under Article 115.4 on 28.12.2020."
    assert _refs(text) == [("Article 115.4", ARTICLE, "Article 115.4")]


@pytest.mark.parametrize(
    ("text", "span_text", "normalized", "damaged"),
    [
        (
            "Məcəllənin 57.1-57.3-cü maddələrinə əsasən",
            "57.1-57.3-cü maddələrinə",
            "Articles 57.1–57.3",
            False,
        ),
        (
            "Məcəllənin 57.1-57.3-ci maddalerina asasan",
            "57.1-57.3-ci maddalerina",
            "Articles 57.1–57.3",
            True,
        ),
        ("Məcəllənin 12-ci maddəsinə görə", "12-ci maddəsinə", "Article 12", False),
    ],
)
def test_azerbaijani_articles(text: str, span_text: str, normalized: str, damaged: bool) -> None:
    (ref,) = find_references(text)
    assert (ref.text, ref.kind, ref.normalized) == (span_text, ARTICLE, normalized)
    assert ref.needs_review is damaged
    assert (ref.confidence < 1) is damaged


# --- laws, decisions, cases, symbols -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("by Law No. 88-VIQ of the Republic", [("Law No. 88-VIQ", LAW, "Law No. 88-VIQ")]),
        ("and Law 89-VIQ on", [("Law 89-VIQ", LAW, "Law No. 89-VIQ")]),
        ("Decree No. 2045 of the President", [("Decree No. 2045", LAW, "Decree No. 2045")]),
        ("By Decision No. 07 of the Plenum", [("Decision No. 07", DECISION, "Decision No. 07")]),
        (
            "Decision No. 11/2021 dated",
            [("Decision No. 11/2021", DECISION, "Decision No. 11/2021")],
        ),
        ("the Resolution No. 5 of", [("Resolution No. 5", DECISION, "Resolution No. 5")]),
        (
            "merged into criminal case No. 301900042 by",
            [("criminal case No. 301900042", CASE, "Case No. 301900042")],
        ),
        (
            "Application no. 12345/06 was lodged",
            [("Application no. 12345/06", CASE, "Application No. 12345/06")],
        ),
    ],
)
def test_numbered_instruments(text: str, expected: list[tuple[str, ReferenceKind, str]]) -> None:
    assert _refs(text) == expected


def test_law_without_a_coded_number_is_not_a_reference() -> None:
    assert find_references("the Law 5 times amended and Decree 2020") == []


@pytest.mark.parametrize(
    ("text", "symbol"),
    [
        ("observations (CCPR/C/GEO/CO/5) noted", "CCPR/C/GEO/CO/5"),
        ("report A/HRC/52/L.10.", "A/HRC/52/L.10"),
        ("paper E/CN.4/2005/12 cites", "E/CN.4/2005/12"),
        ("the (STAT.3/2019/INF.22) paper", "STAT.3/2019/INF.22"),
    ],
)
def test_un_document_symbols(text: str, symbol: str) -> None:
    assert _refs(text) == [(symbol, SYMBOL, symbol)]


@pytest.mark.parametrize("text", ["EPP/CD group", "his/her lawyer", "and/or", "1/2/3", "a/b/c"])
def test_slashes_that_are_not_symbols(text: str) -> None:
    assert find_references(text) == []


def test_assembly_documents() -> None:
    assert _refs("**Doc. 15001** and Written declaration No. 700") == [
        ("Doc. 15001", SYMBOL, "Doc. 15001"),
        ("Written declaration No. 700", SYMBOL, "Written declaration No. 700"),
    ]


@pytest.mark.parametrize(
    ("text", "normalized", "kind", "damaged"),
    [
        ("Respublikasının 712-VIQ nömrəli Qanunu", "Law No. 712-VIQ", LAW, False),
        ("Respublikasinin 712-VIQ ndémrali Qanunu", "Law No. 712-VIQ", LAW, True),
        ("Prezidentinin 2201 nömrəli Fərmanı", "Decree No. 2201", LAW, False),
        ("Prezidentinin 2201 némrali Fermani", "Decree No. 2201", LAW, True),
        ("Nazirlər Kabinetinin 44 nömrəli Qərarı", "Decision No. 44", DECISION, False),
        (
            "05/2020 nömrəli 3 mart 2020-ci il tarixli Qərardadı",
            "Decision No. 05/2020",
            DECISION,
            False,
        ),
    ],
)
def test_azerbaijani_numbered_instruments(
    text: str, normalized: str, kind: ReferenceKind, damaged: bool
) -> None:
    (ref,) = find_references(text)
    assert (ref.normalized, ref.kind, ref.needs_review) == (normalized, kind, damaged)
    assert text[ref.span.start : ref.span.end] == ref.text


def test_numbered_appendix_is_not_an_instrument() -> None:
    assert find_references("(Əsasnamədə 4 nömrəli əlavə kimi nəzərdə tutulub) ilə") == []


@pytest.mark.parametrize("text", ["", "   ", "no citations", "Article", "No. 5", "123-ci"])
def test_inputs_without_references(text: str) -> None:
    assert find_references(text) == []


# --- seeds ---------------------------------------------------------------------------


def test_newsletter_references(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "001")
    found = find_references(text)
    _check_consistent(text, found)
    split = text.index(AZ_HALF_MARK)
    english = [(r.kind, r.normalized) for r in found if r.span.end <= split]
    assert english == [
        (LAW, "Decree No. 1913"),
        (LAW, "Decree No. 1905"),
        (LAW, "Law No. 619-VIQD"),
        (LAW, "Law No. 620-VIQD"),
        (DECISION, "Decision No. 03/2022"),
        (ARTICLE, "Labor Code, Articles 176.1–176.3"),
        (LAW, "Law No. 622-VIQD"),
        (LAW, "Law No. 641-VIQD"),
    ]
    azerbaijani = [r for r in found if r.span.start >= split]
    assert {r.normalized for r in azerbaijani} == {
        "Decree No. 1913",
        "Decree No. 1905",
        "Law No. 619-VIQD",
        "Law No. 620-VIQD",
        "Law No. 622-VIQD",
        "Decision No. 03/2022",
        "Articles 176.1–176.3",
    }
    assert all(r.needs_review and r.confidence < 1 for r in azerbaijani)
    assert all(r.confidence == 1 for r in found if r.span.end <= split)


def test_treaty_report_references(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "003")
    found = find_references(text)
    _check_consistent(text, found)
    normalized = [r.normalized for r in found]
    for expected in (
        "Article 90.7.2",
        "Article 90.7.10",
        "Article 153.1.4",
        "Articles 19.1–19.3",
        "Criminal Code, Article 293",
        "Criminal Procedure Code, Article 153",
        "Code on Execution of Punishments, Article 81",
        'Law "On Lawyers and Legal Activities", Article 1, Part III',
        "Article 100.1",
        "Article 100.2",
        "Decision No. 04",
        "Case No. 202006081",
        "CAT/C/AZE/CO/5",
        "GEGN.2/2023/CRP.140",
    ):
        assert expected in normalized, expected
    assert normalized.count("CAT/C/AZE/CO/5") == 2
    assert normalized.count("Case No. 202006081") == 2
    assert "Article 153.1.4" in [r.text for r in found]  # trailing dot not kept
    assert {"Article 100", "Article 102", "Article 103", "Article 105"} <= set(normalized)


def test_declaration_references(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "004")
    assert _refs(text) == [
        ("Doc. 16225", SYMBOL, "Doc. 16225"),
        ("Written declaration No. 817", SYMBOL, "Written declaration No. 817"),
    ]


def test_news_has_no_references(seeds_dir: Path) -> None:
    assert find_references(_seed(seeds_dir, "000")) == []
    assert find_references(_seed(seeds_dir, "002")) == []


def test_speed_on_the_largest_seed(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "003") + " "
    started = time.perf_counter()
    find_references(text)
    assert time.perf_counter() - started < 0.1


def test_english_references_survive_a_dotted_capital_i_elsewhere() -> None:
    """ "İ" lowercases to two characters; the keyword scan must still find English refs."""
    text = "Document: Resolution No. 542 of the Cabinet.\n\nİmzalanma tarixi: 12 iyun 2023-cü il"
    found = find_references(text)
    assert [r.normalized for r in found][:1] == ["Resolution No. 542"]
    assert text[found[0].span.start : found[0].span.end] == "Resolution No. 542"
