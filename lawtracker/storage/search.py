"""Full-text search over measures and their sources: FTS5 on SQLite, LIKE elsewhere.

The FTS5 tables (revision ``0002_fulltext``) use ``rowid`` = measure/source id
so replacing one document is a rowid lookup. Indexed text and queries both go
through :func:`fold`, because ``remove_diacritics`` leaves the Azerbaijani
letters ə and ı alone, and users type "qerar" for "qərar".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, case, exists, func, literal_column, or_, table, text
from sqlmodel import Session, col, select

from lawtracker.storage.tables import Measure, MeasureSource, Source

# Weights per column, in table order: bm25(measure_fts, measure_id, title, number, body).
_MEASURE_WEIGHTS = "0.0, 10.0, 5.0, 1.0"
_SOURCE_WEIGHTS = "0.0, 5.0, 1.0"
# A search box never needs more; it bounds the work a pasted novel can cause.
MAX_TOKENS = 32
# The last term is a prefix only from this many letters on. "i*" expands to every word
# starting with i (99% of 100,000 measures, 0.8 s in FTS5 alone); "i" or "in" as typed
# match that word only, and the list narrows by prefix from the third letter.
MIN_PREFIX_LETTERS = 3
_LIKE_ESCAPE = "\\"

# The join on measure drops ids whose measure was deleted without unindexing.
_DIRECT_HITS = text(
    "SELECT measure_fts.rowid FROM measure_fts JOIN measure ON measure.id = measure_fts.rowid "
    "WHERE measure_fts MATCH :query "
    f"ORDER BY bm25(measure_fts, {_MEASURE_WEIGHTS}), measure_fts.rowid LIMIT :limit"
)
# bm25() is not allowed under GROUP BY: score the matches in a materialized CTE first.
_SOURCE_HITS = text(
    "WITH hits AS MATERIALIZED ("
    f"SELECT rowid AS source_id, bm25(source_fts, {_SOURCE_WEIGHTS}) AS score "
    "FROM source_fts WHERE source_fts MATCH :query) "
    "SELECT ms.measure_id FROM hits JOIN measure_source AS ms ON ms.source_id = hits.source_id "
    "GROUP BY ms.measure_id ORDER BY min(hits.score), ms.measure_id LIMIT :limit"
)

# Counts documents, deleted measures not yet unindexed included: an estimate for a plan.
_COUNT_DIRECT_HITS = text("SELECT count(*) FROM measure_fts WHERE measure_fts MATCH :query")


def fold(value: str) -> str:
    """Fold letters FTS5 does not treat as accented (must match revision 0002's SQL).

    Three ``str.replace`` calls, not ``str.translate``: on mixed Azerbaijani/English
    text they are about 20x faster (translate takes a slow path for non-Latin-1 tables).
    """
    return value.replace("ə", "e").replace("Ə", "E").replace("ı", "i")


# -- indexing ---------------------------------------------------------------------------


def index_measure(
    session: Session, *, measure_id: int, title: str, number: str | None, body: str
) -> None:
    """Replace the measure's search document (a no-op where there is no FTS5)."""
    if not _has_fts(session):
        return
    unindex_measure(session, measure_id=measure_id)
    session.connection().execute(
        text(
            "INSERT INTO measure_fts(rowid, measure_id, title, number, body) "
            "VALUES (:id, :id, :title, :number, :body)"
        ),
        {
            "id": measure_id,
            "title": fold(title),
            "number": fold(number) if number is not None else None,
            "body": fold(body),
        },
    )


def index_measures(session: Session, documents: list[tuple[int, str, str | None, str]]) -> None:
    """Replace many measures' search documents ``(id, title, number, body)`` at once."""
    if not documents or not _has_fts(session):
        return
    connection = session.connection()
    ids = [{"id": doc[0]} for doc in documents]
    connection.execute(text("DELETE FROM measure_fts WHERE rowid = :id"), ids)
    connection.execute(
        text(
            "INSERT INTO measure_fts(rowid, measure_id, title, number, body) "
            "VALUES (:id, :id, :title, :number, :body)"
        ),
        [
            {
                "id": measure_id,
                "title": fold(title),
                "number": fold(number) if number is not None else None,
                "body": fold(body),
            }
            for measure_id, title, number, body in documents
        ],
    )


def unindex_measure(session: Session, *, measure_id: int) -> None:
    if _has_fts(session):
        session.connection().execute(
            text("DELETE FROM measure_fts WHERE rowid = :id"), {"id": measure_id}
        )


def index_source(session: Session, *, source_id: int, title: str, body: str) -> None:
    """Replace the source's search document (a no-op where there is no FTS5)."""
    if not _has_fts(session):
        return
    unindex_source(session, source_id=source_id)
    session.connection().execute(
        text(
            "INSERT INTO source_fts(rowid, source_id, title, body) VALUES (:id, :id, :title, :body)"
        ),
        {"id": source_id, "title": fold(title), "body": fold(body)},
    )


def unindex_source(session: Session, *, source_id: int) -> None:
    if _has_fts(session):
        session.connection().execute(
            text("DELETE FROM source_fts WHERE rowid = :id"), {"id": source_id}
        )


# -- queries ----------------------------------------------------------------------------


def search_terms(user_text: str) -> list[list[str]]:
    """Split user text into terms: the word parts of each whitespace chunk, at most MAX_TOKENS.

    A part is a run of letters, digits or private-use characters (what FTS5's
    unicode61 tokenizer keeps), with combining marks attached. So
    ``619-VIQD`` gives one term ``["619", "VIQD"]`` and ``NEAR(`` gives ``["NEAR"]``.
    """
    terms = [parts for chunk in user_text.split() if (parts := _word_parts(chunk))]
    return terms[:MAX_TOKENS]


def _word_parts(chunk: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    for char in chunk:
        category = unicodedata.category(char)
        # A combining mark belongs to the letter before it, as in FTS5.
        if category[0] in "LN" or category == "Co" or (category == "Mn" and current):
            current.append(char)
        elif current:
            parts.append("".join(current))
            current = []
    if current:
        parts.append("".join(current))
    return parts


def to_fts_query(user_text: str) -> str | None:
    """A safe FTS5 MATCH expression for ``user_text``, or ``None`` when it has no words.

    Every term is a quoted string (so ``AND``, ``NEAR(``, ``*`` or ``:`` are
    just words), compound terms are phrases, terms are ANDed and the last one
    is a prefix so results narrow as the user types, once it has
    ``MIN_PREFIX_LETTERS`` letters (a shorter one matches that whole word).
    """
    terms = search_terms(fold(user_text))
    if not terms:
        return None
    quoted = [_quote(" ".join(parts)) for parts in terms]
    if sum(len(part) for part in terms[-1]) >= MIN_PREFIX_LETTERS:
        quoted[-1] += "*"
    return " AND ".join(quoted)


def search_measure_ids(session: Session, user_text: str, *, limit: int | None = None) -> list[int]:
    """Ids of measures matching ``user_text``, best first.

    Direct hits on a measure's own text, ranked by bm25 with the title
    weighted above the number and the body. Only when no measure matches
    directly do the measures of matching sources count: a newsletter holds
    many measures, and a word in one item must not bring up all of them.
    """
    if limit is not None and limit <= 0:
        return []
    if not _has_fts(session):
        return _like_search_ids(session, user_text, limit=limit)
    query = to_fts_query(user_text)
    if query is None:
        return []
    params = {"query": query, "limit": -1 if limit is None else limit}
    connection = session.connection()
    ids = list(connection.execute(_DIRECT_HITS, params).scalars())
    if not ids:
        ids = list(dict.fromkeys(connection.execute(_SOURCE_HITS, params).scalars()))
    return ids if limit is None else ids[:limit]


def search_source_ids(session: Session, user_text: str) -> list[int]:
    """Ids of the current document versions matching ``user_text``, best first.

    Every stored document is indexed, including one in which no measure was found
    (kept for review): this finds it by its words. SQLite with FTS5 only; elsewhere
    the result is empty.
    """
    query = to_fts_query(user_text)
    if query is None or not _has_fts(session):
        return []
    rows = session.connection().execute(
        text(
            "SELECT rowid FROM source_fts WHERE source_fts MATCH :query "
            f"ORDER BY bm25(source_fts, {_SOURCE_WEIGHTS})"
        ),
        {"query": query},
    )
    return list(rows.scalars())


@dataclass(frozen=True, slots=True)
class MeasureMatch:
    """The measures a search finds, as a subquery of ids (or a list without FTS5).

    ``count`` is how many there are (FTS5 counts a MATCH without reading documents),
    so that the caller can choose a plan: fetch a few hits by id, or scan its sort
    index and probe many.
    """

    ids: Select[Any] | list[int]
    count: int


def measure_match(session: Session, user_text: str) -> MeasureMatch | None:
    """The measures :func:`search_measure_ids` finds, unranked, for ``id IN (…)``.

    For the list, which orders hits by its own sort column: without bm25 the
    FTS5 query only reads doclists (0.06 s instead of 0.3 s for 34,000 hits of
    "investment" at 100,000 measures), and the ids never travel through Python.
    ``None`` when the text has no words or nothing matches.
    """
    if not _has_fts(session):
        ids = _like_search_ids(session, user_text, limit=None)
        return MeasureMatch(ids, len(ids)) if ids else None
    query = to_fts_query(user_text)
    if query is None:
        return None
    connection = session.connection()
    count = connection.execute(_COUNT_DIRECT_HITS, {"query": query}).scalar_one()
    if count:
        return MeasureMatch(_fts_rowids("measure_fts", query), count)
    sources = _fts_rowids("source_fts", query)
    ids = select(col(MeasureSource.measure_id)).where(col(MeasureSource.source_id).in_(sources))
    count = connection.execute(select(func.count()).select_from(ids.subquery())).scalar_one()
    return MeasureMatch(ids, count) if count else None


def _fts_rowids(fts_table: str, query: str) -> Select[Any]:
    return (
        select(literal_column("rowid"))
        .select_from(table(fts_table))
        .where(text(f"{fts_table} MATCH :fts_query").bindparams(fts_query=query))
    )


def _like_search_ids(session: Session, user_text: str, *, limit: int | None) -> list[int]:
    """The fallback without FTS5: every term must occur in the title, number or a source.

    Measures matching every term on their own title or number come first.
    """
    patterns = [_like_pattern(chunk) for chunk in _like_chunks(user_text)]
    if not patterns:
        return []
    title, number = col(Measure.title), col(Measure.number)
    on_measure = [
        or_(title.ilike(p, escape=_LIKE_ESCAPE), number.ilike(p, escape=_LIKE_ESCAPE))
        for p in patterns
    ]
    in_a_source = [
        exists().where(
            col(MeasureSource.measure_id) == col(Measure.id),
            col(MeasureSource.source_id) == col(Source.id),
            col(Source.superseded).is_(False),
            col(Source.text).ilike(p, escape=_LIKE_ESCAPE),
        )
        for p in patterns
    ]
    statement = (
        select(col(Measure.id))
        .where(*(or_(m, s) for m, s in zip(on_measure, in_a_source, strict=True)))
        .order_by(case((and_(*on_measure), 0), else_=1), col(Measure.id))
    )
    if limit is not None:
        statement = statement.limit(limit)
    return [measure_id for measure_id in session.exec(statement) if measure_id is not None]


def _like_chunks(user_text: str) -> list[str]:
    """Whitespace chunks trimmed of non-word characters at both ends (``"619-VIQD",``)."""
    chunks = []
    for chunk in user_text.split():
        parts = _word_parts(chunk)
        if parts:
            start = chunk.find(parts[0])
            chunks.append(chunk[start : chunk.rfind(parts[-1]) + len(parts[-1])])
    return chunks[:MAX_TOKENS]


def _like_pattern(value: str) -> str:
    for char in (_LIKE_ESCAPE, "%", "_"):
        value = value.replace(char, _LIKE_ESCAPE + char)
    return f"%{value}%"


def _quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _has_fts(session: Session) -> bool:
    """FTS5 exists only on SQLite (revision 0002 creates nothing elsewhere)."""
    return session.get_bind().dialect.name == "sqlite"
