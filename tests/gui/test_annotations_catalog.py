"""The list columns and sidebar filters for annotations, end to end through the catalog.

These need the catalog's SQL for ``MeasureRow.review_status/tags/annotation_count/
follow_up`` and ``MeasureFilter.review_statuses/tags/annotated/follow_up_by``
(services/catalog.py, another change); until it lands they fail on purpose.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from lawtracker.domain.annotations import AnnotationInput
from lawtracker.domain.enums import ReviewStatus
from lawtracker.gui.main_window import MainWindow
from lawtracker.gui.models.measure_table import (
    COL_ANNOTATIONS,
    COL_FOLLOW_UP,
    COL_STATUS,
    COL_TAGS,
)

from .annotation_helpers import decree_id, open_window, show_decree


@pytest.fixture
def window(qtbot, seeded_engine, seeded_db: Path, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, seeded_engine, seeded_db, tmp_path / "settings.ini")


def annotate_decree(window: MainWindow) -> None:
    detail = show_decree(window)
    assert window.annotations is not None
    window.annotations.create(
        detail.key,
        AnnotationInput(
            note="n",
            tags=("tax",),
            status=ReviewStatus.REVIEWED,
            follow_up=dt.date(2025, 12, 1),
        ),
    )
    window._annotations_changed(detail.key)


def test_list_shows_review_status_tags_follow_up_and_count(window: MainWindow) -> None:
    annotate_decree(window)
    row = window.model.row_of_id(decree_id(window))
    assert row is not None

    def cell(column: int) -> str:
        return window.model.index(row, column).data(Qt.ItemDataRole.DisplayRole)

    assert cell(COL_STATUS) == "Reviewed"
    assert cell(COL_TAGS) == "tax"
    assert cell(COL_FOLLOW_UP) == "2025-12-01"
    assert cell(COL_ANNOTATIONS) == "1"


def test_sidebar_review_filters_narrow_the_list(window: MainWindow) -> None:
    annotate_decree(window)
    decree = decree_id(window)
    sidebar = window.sidebar
    reviewed = next(
        sidebar.status_list.item(i)
        for i in range(sidebar.status_list.count())
        if sidebar.status_list.item(i).text() == "Reviewed"
    )
    reviewed.setCheckState(Qt.CheckState.Checked)
    assert window.model.ids() == [decree]
    reviewed.setCheckState(Qt.CheckState.Unchecked)

    sidebar.annotated_combo.setCurrentIndex(sidebar.annotated_combo.findText("With annotations"))
    assert window.model.ids() == [decree]
    sidebar.annotated_combo.setCurrentIndex(0)

    sidebar.follow_up_check.setChecked(True)
    sidebar.follow_up_date.setDate(dt.date(2025, 12, 10))
    assert window.model.ids() == [decree]
    sidebar.follow_up_date.setDate(dt.date(2025, 11, 30))
    assert window.model.ids() == []
