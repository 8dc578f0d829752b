"""Full-text search: FTS5 tables for measures and sources (SQLite only).

Revision ID: 0002_fulltext
Revises: 0001_core
Create Date: 2026-11-22

Other dialects get nothing here: ``lawtracker.storage.search`` falls back to
LIKE there. The tables are filled from existing rows so that an upgraded file
is searchable at once. ``rowid`` equals the measure/source id so that
re-indexing one row is a rowid lookup, not a scan of the UNINDEXED id column.

The ``_fold`` SQL must fold exactly like ``lawtracker.storage.search.fold``
did when this revision was written (Azerbaijani ə and ı to e and i, which
``remove_diacritics`` does not treat as accents). If that fold changes, a new
revision must rebuild both tables.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002_fulltext"
down_revision: str | None = "0001_core"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TOKENIZE = "tokenize='unicode61 remove_diacritics 2'"


def _fold(expression: str) -> str:
    return f"replace(replace(replace({expression}, 'ə', 'e'), 'Ə', 'E'), 'ı', 'i')"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        "CREATE VIRTUAL TABLE measure_fts USING fts5("
        f"measure_id UNINDEXED, title, number, body, {_TOKENIZE})"
    )
    op.execute(
        f"CREATE VIRTUAL TABLE source_fts USING fts5(source_id UNINDEXED, title, body, {_TOKENIZE})"
    )
    op.execute(
        "INSERT INTO source_fts(rowid, source_id, title, body) "
        f"SELECT id, id, {_fold('title')}, {_fold('text')} FROM source WHERE superseded = 0"
    )
    # The body is what storage.writer indexes: the summary, then the measure's
    # own slices of its sources (Python slices and SQLite substr both count
    # code points; substr is 1-based).
    slices = (
        "SELECT group_concat(substr(s.text, t.span_start + 1, t.span_end - t.span_start), "
        "char(10)) FROM measure_text AS t JOIN source AS s ON s.id = t.source_id "
        "WHERE t.measure_id = m.id"
    )
    body = (
        "CASE WHEN coalesce(m.summary, '') = '' THEN '' ELSE m.summary || char(10) END"
        f" || coalesce(({slices}), '')"
    )
    op.execute(
        "INSERT INTO measure_fts(rowid, measure_id, title, number, body) "
        f"SELECT m.id, m.id, {_fold('m.title')}, {_fold('m.number')}, {_fold(body)} "
        "FROM measure AS m"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE IF EXISTS source_fts")
    op.execute("DROP TABLE IF EXISTS measure_fts")
