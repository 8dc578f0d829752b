"""Full-text search on a real migrated SQLite file: words, numbers, prefixes, Azerbaijani."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine
from sqlmodel import Session

from lawtracker.storage.db import session_scope
from lawtracker.storage.search import (
    _like_search_ids,
    index_measure,
    index_source,
    search_measure_ids,
    to_fts_query,
    unindex_measure,
    unindex_source,
)
from lawtracker.storage.tables import Measure, MeasureSource, Source

# (title, number, body) of the measures, ids 1..5 in this order.
MEASURES = [
    ("Decree on the customs tariff", "1913", "Import duties on grain are lowered."),
    (
        "Law on investment promotion",
        "619-VIQD",
        "Azərbaycan Respublikasının investisiya təşviqi haqqında qərarı",
    ),
    ("Resolution on taxes", "03/2022", "VAT refunds for exporters."),
    ("Free economic zone act", None, "Establishes a zone."),
    ("Order on statistics", "a_b", "Customs data are published monthly."),
]
# A source citing measure 4 only: its words find measure 4 through measure_source.
SOURCE_TEXT = "The Şəki free zone opened; residents pay no customs duties on equipment."

NASTY = [
    "",
    " ",
    '"',
    '""',
    "'",
    "NEAR(",
    "NEAR(a b, 2)",
    "*",
    "a*",
    "AND OR NOT",
    "AND",
    ")",
    "(",
    ":",
    "title:customs",
    "^",
    "^customs",
    "-customs",
    "+",
    "{title number}: x",
    '" OR 1=1 --',
    "'; DROP TABLE measure; --",
    "%",
    "_",
    "\\",
    "\x00",
    "\u0301",
    "a\u0301",
    "🙂",
    "\ue000",
    "x" * 5000,
    " ".join(["word"] * 500),
]


@pytest.fixture
def indexed(migrated_engine: Engine) -> Engine:
    with session_scope(migrated_engine) as session:
        for position, (title, number, body) in enumerate(MEASURES, start=1):
            session.add(
                Measure(
                    id=position,
                    key=f"m{position}",
                    title=title,
                    number=number,
                    instrument="decree",
                    jurisdiction="AZ",
                )
            )
            session.flush()
            index_measure(session, measure_id=position, title=title, number=number, body=body)
        session.add(
            Source(
                id=1,
                file_name="s.txt",
                lineage="s.txt",
                sha256="0" * 64,
                family="news",
                title="Zone news",
                text=SOURCE_TEXT,
            )
        )
        session.flush()
        session.add(MeasureSource(measure_id=4, source_id=1))
        index_source(session, source_id=1, title="Zone news", body=SOURCE_TEXT)
    return migrated_engine


def _search(engine: Engine, query: str, **kwargs: int) -> list[int]:
    with session_scope(engine) as session:
        return search_measure_ids(session, query, **kwargs)


def _like(engine: Engine, query: str) -> list[int]:
    with session_scope(engine) as session:
        return _like_search_ids(session, query, limit=None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("customs tariff", '"customs" AND "tariff"*'),
        ("619-VIQD", '"619 VIQD"*'),
        ("03/2022 taxes", '"03 2022" AND "taxes"*'),
        ("AND OR NOT", '"AND" AND "OR" AND "NOT"*'),
        ('say "hi"', '"say" AND "hi"'),  # under MIN_PREFIX_LETTERS: the whole word
        ("i", '"i"'),
        ("in", '"in"'),
        ("inv", '"inv"*'),
        ("619-V", '"619 V"*'),  # letters of the whole last term count
        ("NEAR(a", '"NEAR a"*'),
        ("qərarı", '"qerari"*'),
        ('" * ) : ^', None),
        ("", None),
    ],
)
def test_to_fts_query(text: str, expected: str | None) -> None:
    assert to_fts_query(text) == expected


def test_short_last_term_matches_whole_words_only(indexed: Engine) -> None:
    # "on" is a word of four titles, so "o" and "on" narrow nothing by prefix.
    assert _search(indexed, "o") == []
    assert sorted(_search(indexed, "on")) == [1, 2, 3, 5]
    assert _search(indexed, "zo") == []
    assert _search(indexed, "zon") == [4]


def test_finds_by_title_word(indexed: Engine) -> None:
    assert _search(indexed, "tariff") == [1]
    assert _search(indexed, "STATISTICS") == [5]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("1913", [1]), ("619-VIQD", [2]), ("619 viqd", [2]), ("03/2022", [3]), ("619", [2])],
)
def test_finds_by_number(indexed: Engine, query: str, expected: list[int]) -> None:
    assert _search(indexed, query) == expected


def test_narrows_while_typing(indexed: Engine) -> None:
    for typed in ("inv", "inve", "invest", "investm", "investment"):
        assert _search(indexed, typed) == [2], typed
    assert _search(indexed, "investment prom") == [2]
    assert _search(indexed, "investment z") == []


@pytest.mark.parametrize(
    "query",
    ["qərarı", "qerari", "QƏRARI", "Azərbaycan", "azerbaycan", "təşviqi", "tesviqi"],
)
def test_finds_azerbaijani_with_and_without_diacritics(indexed: Engine, query: str) -> None:
    assert _search(indexed, query) == [2]


def test_source_hits_count_only_without_direct_hits(indexed: Engine) -> None:
    assert _search(indexed, "seki") == [4]
    assert _search(indexed, "Şəki") == [4]
    # "customs": 1 in its title, 5 in its body; 4 only through its source, so not listed.
    assert _search(indexed, "customs") == [1, 5]
    assert _search(indexed, "customs", limit=1) == [1]
    assert _search(indexed, "customs", limit=0) == []


def test_reindex_replaces_and_unindex_removes(indexed: Engine) -> None:
    with session_scope(indexed) as session:
        index_measure(session, measure_id=1, title="Decree on wheat", number="1913", body="")
    assert _search(indexed, "tariff") == []
    assert _search(indexed, "wheat") == [1]
    with session_scope(indexed) as session:
        unindex_measure(session, measure_id=1)
        unindex_source(session, source_id=1)
    assert _search(indexed, "wheat") == []
    assert _search(indexed, "customs") == [5]


def test_ids_of_deleted_measures_are_not_returned(indexed: Engine) -> None:
    with session_scope(indexed) as session:
        session.delete(session.get(Measure, 1))
    assert _search(indexed, "tariff") == []


@pytest.mark.parametrize("query", NASTY)
def test_nasty_input_never_raises(indexed: Engine, query: str) -> None:
    assert isinstance(_search(indexed, query), list)
    assert isinstance(_like(indexed, query), list)


# The engine is only read, so sharing one across examples is safe.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(query=st.text())
def test_any_text_never_raises(indexed: Engine, query: str) -> None:
    with Session(indexed) as session:
        assert isinstance(search_measure_ids(session, query), list)
        assert isinstance(_like_search_ids(session, query, limit=None), list)


def test_like_fallback_finds_titles_numbers_and_sources(indexed: Engine) -> None:
    assert _like(indexed, "TARIFF") == [1]
    assert _like(indexed, '"619-VIQD",') == [2]
    assert _like(indexed, "03/2022") == [3]
    # Own title/number hits first, then measures found only through a source.
    assert _like(indexed, "customs") == [1, 4]
    assert _like(indexed, "equipment") == [4]


def test_like_fallback_treats_wildcards_literally(indexed: Engine) -> None:
    assert _like(indexed, "a_b") == [5]
    assert _like(indexed, "1_13") == []
    assert _like(indexed, "19%3") == []
