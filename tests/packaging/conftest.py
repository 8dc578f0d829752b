"""Packaging tests: the slow ones build the real bundle, so they run only when asked.

``LAWTRACKER_TEST_PACKAGING=1`` (or ``./test --packaging``) or ``CI=true`` runs the
tests marked ``packaging``; otherwise they are skipped with that reason.
"""

from __future__ import annotations

import os

import pytest

PACKAGING_ENV = "LAWTRACKER_TEST_PACKAGING"


def packaging_enabled() -> bool:
    return os.environ.get(PACKAGING_ENV) == "1" or os.environ.get("CI", "").lower() == "true"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if packaging_enabled():
        return
    skip = pytest.mark.skip(
        reason=f"builds the installer (about 2 minutes): set {PACKAGING_ENV}=1 "
        "or run ./test --packaging (always on CI)"
    )
    for item in items:
        if item.get_closest_marker("packaging"):
            item.add_marker(skip)
