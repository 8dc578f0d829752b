"""Measures of international bodies, measure role and confidence, key aliases.

Revision ID: 0006_measure_role_aliases
Revises: 0005_list_filter_index
Create Date: 2026-11-23

The rebuilt extractor reads third-party documents:

- ``measure.jurisdiction`` becomes nullable: NULL is an international body's
  own text (PACE, Venice Commission, Committee of Ministers). Earlier versions
  wrote the made-up code ``XX`` for those; such rows become NULL.
- ``measure.role`` (primary / referenced / mentioned, default primary) and
  ``measure.confidence`` (0-1, default 1.0): existing rows were all written as
  a document's own measures, read with full confidence.
- ``measure_key_alias``: keys a measure was stored under by earlier extractor
  versions, so that user work (annotations, edits, by key) follows a renamed
  measure. No foreign key, like the other user-work tables.

SQLite cannot drop a NOT NULL in place: batch mode copies ``measure`` (ids,
hence the FTS rowids and every reference, are kept; ``storage.migrate`` turns
foreign keys off meanwhile). Batch mode would recreate
``ix_measure_title_nocase`` as a plain index on ``title`` (it reflects the
``COLLATE NOCASE`` expression index that way, see 0004), so it is dropped first
and created again as 0004 did. Event precision ``month_day`` needs no schema
change: precision is free text.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_measure_role_aliases"
down_revision: str | None = "0005_list_filter_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The code lawtracker up to 0005 wrote for an international body's own texts.
_OLD_INTERNATIONAL = "XX"


def _create_title_nocase_index() -> None:
    """As 0004 made it: ``COLLATE NOCASE`` on SQLite, a plain index elsewhere."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE INDEX ix_measure_title_nocase ON measure (title COLLATE NOCASE)")
    else:
        op.create_index("ix_measure_title_nocase", "measure", ["title"], unique=False)


def upgrade() -> None:
    op.drop_index("ix_measure_title_nocase", table_name="measure")
    with op.batch_alter_table("measure") as batch:
        batch.alter_column("jurisdiction", existing_type=sa.String(), nullable=True)
        batch.add_column(sa.Column("role", sa.String(), nullable=False, server_default="primary"))
        batch.add_column(
            sa.Column("confidence", sa.Float(), nullable=False, server_default=sa.text("1.0"))
        )
    _create_title_nocase_index()
    op.execute(
        sa.text("UPDATE measure SET jurisdiction = NULL WHERE jurisdiction = :old").bindparams(
            old=_OLD_INTERNATIONAL
        )
    )

    op.create_table(
        "measure_key_alias",
        sa.Column("alias", sa.String(), nullable=False),
        sa.Column("measure_key", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("alias", name=op.f("pk_measure_key_alias")),
    )
    op.create_index(
        op.f("ix_measure_key_alias_measure_key"),
        "measure_key_alias",
        ["measure_key"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_table("measure_key_alias")
    op.execute(
        sa.text("UPDATE measure SET jurisdiction = :old WHERE jurisdiction IS NULL").bindparams(
            old=_OLD_INTERNATIONAL
        )
    )
    op.drop_index("ix_measure_title_nocase", table_name="measure")
    with op.batch_alter_table("measure") as batch:
        batch.drop_column("confidence")
        batch.drop_column("role")
        batch.alter_column("jurisdiction", existing_type=sa.String(), nullable=False)
    _create_title_nocase_index()
