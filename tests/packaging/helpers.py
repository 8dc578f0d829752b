"""Shared by the packaging tests."""

from __future__ import annotations

from pathlib import Path


def database_at_previous_head(path: Path) -> str:
    """A store made by the previous release: migrated to the revision before head."""
    from alembic import command
    from sqlalchemy import create_engine

    from lawtracker.storage import migrate

    previous = migrate._known_revisions()[migrate.head_revision()]
    assert isinstance(previous, str)
    engine = create_engine(f"sqlite:///{path}")
    try:
        config = migrate._alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, previous)
    finally:
        engine.dispose()
    return previous
