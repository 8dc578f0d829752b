"""Indexes for the measure list: title order, next dates, year and expiry filters.

Revision ID: 0004_list_indexes
Revises: 0003_annotations
Create Date: 2026-11-22

Found with ``bench/queries.py`` on 100,000 measures and 300,000 events
(``bench/gen_corpus.py``), where the list sorted or filtered in 0.3-0.9 s:

- ``ix_measure_title_nocase``: the list's default order. On SQLite it is
  ``title COLLATE NOCASE``, so ``ORDER BY title COLLATE NOCASE`` reads the
  index instead of sorting 100,000 titles; SQLAlchemy reflects it as a plain
  index on ``title``, as the model declares it (an expression index such as
  ``lower(title)`` cannot be reflected on SQLite, and Alembic warns about it).
  Other databases get the plain index.
- ``ix_event_date_measure_id``: next dates and year ranges read the events in
  range from the index alone.
- ``ix_event_kind_date_measure_id``: measures expired by a day (``as_of``)
  and due-soon events, from the index alone. Without it, SQLite may answer
  the expiry subquery from ``ix_event_date_measure_id`` and look up the kind
  of every event in the table.

Indexes only: no data changes, and downgrade drops them.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004_list_indexes"
down_revision: str | None = "0003_annotations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE INDEX ix_measure_title_nocase ON measure (title COLLATE NOCASE)")
    else:
        op.create_index("ix_measure_title_nocase", "measure", ["title"], unique=False)
    op.create_index("ix_event_date_measure_id", "event", ["date", "measure_id"], unique=False)
    op.create_index(
        "ix_event_kind_date_measure_id", "event", ["kind", "date", "measure_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_event_kind_date_measure_id", table_name="event")
    op.drop_index("ix_event_date_measure_id", table_name="event")
    op.drop_index("ix_measure_title_nocase", table_name="measure")
