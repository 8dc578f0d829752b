"""Alembic environment: run by ``lawtracker.storage.migrate``, never through alembic.ini.

The caller passes an open connection in ``config.attributes["connection"]``
and owns its transaction, so a failed upgrade rolls back as a whole.
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import lawtracker.storage.tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from lawtracker.storage.migrate import include_name

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_offline() -> None:
    """Emit SQL to stdout (``--sql``) for review; batch mode matches what SQLite would run."""
    url = config.get_main_option("sqlalchemy.url") or "sqlite://"
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=url.startswith("sqlite"),
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations through lawtracker.storage.migrate, not alembic")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
