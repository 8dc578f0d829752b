"""A covering index for the list's filters on measure columns.

Revision ID: 0005_list_filter_index
Revises: 0004_list_indexes
Create Date: 2026-11-22

Found with ``bench/queries.py`` on 100,000 measures and 300,000 events
(``bench/gen_corpus.py``). The list now sorts by reading one index in order and
probes a set of filtered ids (``lawtracker.services.catalog_list``); building
that set for "in force as of a day" or "jurisdiction + instrument" looked up
each measure's row for its dates or instrument (0.3-0.5 s). With every
filtered measure column in ``ix_measure_list_filter`` the set comes from that
index alone (jurisdiction first: the filter used most, and the most selective
prefix). The other single-column indexes stay: each is the order of a column.

Index only: no data changes, and downgrade drops it.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005_list_filter_index"
down_revision: str | None = "0004_list_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_measure_list_filter",
        "measure",
        ["jurisdiction", "instrument", "signed_on", "in_force_on"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_measure_list_filter", table_name="measure")
