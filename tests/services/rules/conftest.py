"""A rule book loaded once per module from the seeded store (read only)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def book(seeded_db_template: Path, tmp_path_factory: pytest.TempPathFactory):
    from lawtracker.services.rules import RuleBook
    from lawtracker.storage.db import make_engine

    engine = make_engine(seeded_db_template)
    try:
        # An empty user folder: the user's real rules never leak into a test.
        yield RuleBook.load(engine, user_dir=tmp_path_factory.mktemp("no-user-rules"))
    finally:
        engine.dispose()
