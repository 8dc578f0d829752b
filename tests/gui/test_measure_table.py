"""MeasureTableModel: the Qt model contract, paging by id, and sorting handed to SQL."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from lawtracker.domain.catalog import MeasureRow, SortColumn
from lawtracker.gui.models.measure_table import (
    COL_IN_FORCE,
    COL_INSTRUMENT,
    COL_NEXT_DATE,
    COL_NUMBER,
    COL_SIGNED,
    COL_SOURCES,
    COL_TITLE,
    MeasureTableModel,
)
from lawtracker.gui.models.roles import MeasureIdRole, SortRole
from tests.gui.sample_data import measure_row


class CountingFetch:
    """A fake ``measure_rows`` that records every call."""

    def __init__(self) -> None:
        self.calls: list[list[int]] = []

    def __call__(self, ids: Sequence[int]) -> list[MeasureRow]:
        self.calls.append(list(ids))
        return [measure_row(i) for i in ids]


@pytest.fixture
def fetch() -> CountingFetch:
    return CountingFetch()


def test_passes_the_qt_model_tester(qtmodeltester, fetch: CountingFetch) -> None:
    model = MeasureTableModel(fetch_rows=fetch, page_size=16)
    model.set_ids(range(1, 60))
    qtmodeltester.check(model)


def test_empty_model_passes_the_tester(qtmodeltester, fetch: CountingFetch) -> None:
    qtmodeltester.check(MeasureTableModel(fetch_rows=fetch))


def test_a_view_over_100k_ids_fetches_only_the_visible_page(qtbot, fetch: CountingFetch) -> None:
    model = MeasureTableModel(fetch_rows=fetch, page_size=256)
    model.set_ids(range(1, 100_001))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    view.viewport().grab()
    assert fetch.calls and all(len(call) <= 256 for call in fetch.calls)
    assert {call[0] for call in fetch.calls} == {1}

    view.scrollTo(model.index(50_000, 0))
    view.viewport().grab()
    assert len({call[0] for call in fetch.calls}) == 2
    assert sum(len(call) for call in fetch.calls) <= 3 * 256


def test_data_is_served_from_the_page_cache(fetch: CountingFetch) -> None:
    model = MeasureTableModel(fetch_rows=fetch, page_size=10, max_pages=2)
    model.set_ids(range(100))
    for _ in range(3):
        for row in range(10):
            model.data(model.index(row, COL_TITLE))
    assert len(fetch.calls) == 1
    model.data(model.index(10, 0))
    model.data(model.index(20, 0))
    model.data(model.index(0, 0))  # page 0 was evicted by the bounded cache
    assert [call[0] for call in fetch.calls] == [0, 10, 20, 0]


def test_display_words_dates_and_unknowns(fetch: CountingFetch) -> None:
    model = MeasureTableModel(fetch_rows=fetch)
    model.set_ids([3, 4])
    display = Qt.ItemDataRole.DisplayRole
    assert model.data(model.index(0, COL_INSTRUMENT), display) == "Court decision"
    assert model.data(model.index(0, COL_SIGNED), display) == "2020-01-04"
    assert model.data(model.index(0, COL_NUMBER), display) == ""
    assert model.data(model.index(0, COL_IN_FORCE), display) == "—"
    tooltip = model.data(model.index(0, COL_IN_FORCE), Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "not stated in the text"
    assert model.data(model.index(1, COL_IN_FORCE), display) == "2021-06-01"
    assert model.data(model.index(1, COL_NEXT_DATE), display) == ""
    assert model.data(model.index(1, COL_SOURCES), SortRole) == 1
    alignment = model.data(model.index(0, COL_SIGNED), Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert model.data(model.index(1, COL_TITLE), MeasureIdRole) == 4


def test_rows_of_deleted_measures_are_blank_not_errors() -> None:
    model = MeasureTableModel(fetch_rows=lambda ids: [measure_row(i) for i in ids if i != 2])
    model.set_ids([1, 2, 3])
    assert model.data(model.index(1, COL_TITLE)) is None
    assert model.data(model.index(1, COL_TITLE), MeasureIdRole) == 2
    assert model.data(model.index(2, COL_TITLE)) == "Measure 3"


@pytest.mark.parametrize(
    ("column", "order", "expected"),
    [
        (COL_TITLE, Qt.SortOrder.AscendingOrder, (SortColumn.TITLE, False)),
        (COL_SIGNED, Qt.SortOrder.DescendingOrder, (SortColumn.SIGNED, True)),
        (COL_SOURCES, Qt.SortOrder.AscendingOrder, (SortColumn.SOURCES, False)),
    ],
)
def test_sort_asks_the_owner(qtbot, fetch, column, order, expected) -> None:
    model = MeasureTableModel(fetch_rows=fetch)
    model.set_ids([1, 2])
    with qtbot.waitSignal(model.sortRequested) as blocker:
        model.sort(column, order)
    assert tuple(blocker.args) == expected
    assert model.sort_indicator() == (column, order)
    assert model.ids() == [1, 2]  # the model never reorders by itself


def test_clicking_a_header_requests_a_sort(qtbot, fetch: CountingFetch) -> None:
    model = MeasureTableModel(fetch_rows=fetch)
    model.set_ids([1, 2, 3])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSortingEnabled(True)
    with qtbot.waitSignal(model.sortRequested) as blocker:
        view.sortByColumn(COL_NEXT_DATE, Qt.SortOrder.DescendingOrder)
    assert blocker.args == [SortColumn.NEXT_DATE, True]


def test_row_of_id_and_id_at(fetch: CountingFetch) -> None:
    model = MeasureTableModel(fetch_rows=fetch)
    model.set_ids([30, 10, 20])
    assert model.row_of_id(20) == 2
    assert model.row_of_id(99) is None
    assert model.id_at(1) == 10
    model.set_ids([20])
    assert model.row_of_id(20) == 0
    assert not fetch.calls


def test_a_new_order_of_the_same_measures_reuses_the_rows_already_read(fetch) -> None:
    model = MeasureTableModel(fetch_rows=fetch, page_size=4)
    model.set_ids([1, 2, 3, 4])
    for row in range(4):
        model.data(model.index(row, COL_TITLE))
    # A sort, filter or search: the same rows in another order, one new.
    model.set_ids([4, 3, 2, 1, 5], keep_rows=True)
    titles = [model.data(model.index(row, COL_TITLE)) for row in range(5)]
    assert titles == ["Measure 4", "Measure 3", "Measure 2", "Measure 1", "Measure 5"]
    assert fetch.calls == [[1, 2, 3, 4], [5]]  # only the row not read yet
    # Without ``keep_rows`` (after an import or an annotation) every row is read again.
    model.set_ids([1, 2])
    model.data(model.index(0, COL_TITLE))
    assert fetch.calls[-1] == [1, 2]


def test_refresh_ids_refetches_one_page_and_signals_the_row(qtbot, fetch) -> None:
    model = MeasureTableModel(fetch_rows=fetch, page_size=4)
    model.set_ids(range(8))
    model.data(model.index(5, 0))
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.refresh_ids([5])
    assert blocker.args[0].row() == 5
    model.data(model.index(5, 0))
    assert [call[0] for call in fetch.calls] == [4, 4]
