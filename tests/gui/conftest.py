"""GUI test fixtures: real widgets on the offscreen platform."""

from __future__ import annotations

from pathlib import Path

import pytest

_HERE = Path(__file__).parent

# The offscreen platform warns when a top-level window with a layout is shown;
# it is not a fault of the widget under test.
_OFFSCREEN_NOISE = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in Path(item.path).parents:
            item.add_marker(_OFFSCREEN_NOISE)
