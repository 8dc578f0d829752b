"""The measure list as a Qt table model that pages rows in by id.

It holds only the ordered ids (sorted and filtered in SQL by the owner) and
fetches :class:`MeasureRow` pages on demand, so 100,000 measures cost a list of
ints, not 100,000 Python rows; a proxy sorting that many rows took seconds.
Formatted rows are cached by measure id, not by position, so a new sort, filter
or search that leaves the rows themselves unchanged re-uses them (see
:meth:`MeasureTableModel.set_ids`).
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from lawtracker.domain.catalog import MeasureRow, SortColumn
from lawtracker.gui.labels import EM_DASH, NOT_STATED, iso_date, jurisdiction_name, words
from lawtracker.gui.models.roles import MeasureIdRole, SortRole

COL_TITLE, COL_NUMBER, COL_INSTRUMENT, COL_JURISDICTION = 0, 1, 2, 3
COL_SIGNED, COL_IN_FORCE, COL_NEXT_DATE, COL_SOURCES = 4, 5, 6, 7
COL_STATUS, COL_TAGS, COL_FOLLOW_UP, COL_ANNOTATIONS = 8, 9, 10, 11

# ``None``: the catalog cannot sort by that column (clicking its header does nothing).
COLUMNS: dict[int, tuple[SortColumn | None, str]] = {
    COL_TITLE: (SortColumn.TITLE, "Title"),
    COL_NUMBER: (SortColumn.NUMBER, "Number"),
    COL_INSTRUMENT: (SortColumn.INSTRUMENT, "Instrument"),
    COL_JURISDICTION: (SortColumn.JURISDICTION, "Jurisdiction"),
    COL_SIGNED: (SortColumn.SIGNED, "Signed"),
    COL_IN_FORCE: (SortColumn.IN_FORCE, "In force"),
    COL_NEXT_DATE: (SortColumn.NEXT_DATE, "Next date"),
    COL_SOURCES: (SortColumn.SOURCES, "Sources"),
    COL_STATUS: (SortColumn.STATUS, "Review"),
    COL_TAGS: (SortColumn.TAGS, "Tags"),
    COL_FOLLOW_UP: (SortColumn.FOLLOW_UP, "Follow-up"),
    COL_ANNOTATIONS: (None, "Notes"),
}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT_ALIGNED = {
    COL_NUMBER,
    COL_SIGNED,
    COL_IN_FORCE,
    COL_NEXT_DATE,
    COL_SOURCES,
    COL_FOLLOW_UP,
    COL_ANNOTATIONS,
}

Index = QModelIndex | QPersistentModelIndex
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_LINE_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.FontRole,
    SortRole,
)


@functools.cache
def _italic() -> QFont:
    """Made on first use: a QFont needs the QGuiApplication to exist."""
    font = QFont()
    font.setItalic(True)
    return font


# The list columns a user correction of a field shows in (see domain.annotations).
_EDITED_COLUMNS = {
    "title": COL_TITLE,
    "number": COL_NUMBER,
    "event:signed": COL_SIGNED,
    "event:in_force": COL_IN_FORCE,
}


def _edited_columns(edited: frozenset[str]) -> frozenset[int]:
    return frozenset(_EDITED_COLUMNS[f] for f in edited if f in _EDITED_COLUMNS)


class _Line:
    """One row's cells, formatted once when its page arrives, so ``data()`` is a lookup."""

    __slots__ = ("display", "italic", "sort", "tooltip")

    def __init__(self, row: MeasureRow) -> None:
        self.sort: tuple[Any, ...] = (
            row.title,
            row.number,
            row.instrument.value,
            jurisdiction_name(row.jurisdiction),
            row.signed,
            row.in_force,
            row.next_date,
            row.source_count,
            row.review_status.value,
            ", ".join(row.tags).casefold(),
            row.follow_up,
            row.annotation_count,
        )
        tags = ", ".join(row.tags)
        self.display: tuple[str, ...] = (
            row.title,
            row.number or "",
            words(row.instrument),
            jurisdiction_name(row.jurisdiction),
            iso_date(row.signed, missing=EM_DASH),
            iso_date(row.in_force, missing=EM_DASH),
            iso_date(row.next_date),
            str(row.source_count),
            words(row.review_status),
            tags,
            iso_date(row.follow_up),
            str(row.annotation_count) if row.annotation_count else "",
        )
        self.tooltip: tuple[str | None, ...] = (
            row.title,
            None,
            None,
            None,
            NOT_STATED if row.signed is None else None,
            NOT_STATED if row.in_force is None else None,
            None,
            None,
            None,
            tags or None,
            None,
            None,
        )
        self.italic = _edited_columns(row.edited)


class MeasureTableModel(QAbstractTableModel):
    """Measures in the owner's order, their rows fetched a page at a time.

    Args:
        fetch_rows: returns the rows for some ids (any order; missing ids are
            measures deleted meanwhile and show as blank lines).
        page_size: ids per fetch; one page is one SQL query.
        max_pages: how many pages of rows the cache holds (least recently used
            rows are dropped first).

    Signals:
        sortRequested(SortColumn, bool): the user asked for a sort (``True`` =
            descending); the owner re-queries ids in SQL and calls :meth:`set_ids`.
    """

    sortRequested = Signal(object, bool)  # noqa: N815 (Qt naming)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        fetch_rows: Callable[[Sequence[int]], list[MeasureRow]],
        page_size: int = 256,
        max_pages: int = 64,
    ) -> None:
        super().__init__(parent)
        self._fetch_rows = fetch_rows
        self._page_size = page_size
        self._max_lines = page_size * max_pages
        self._ids: list[int] = []
        # Formatted rows by measure id, least recently used first; ``None``: the
        # measure was not found (deleted meanwhile), shown as a blank line.
        self._lines: OrderedDict[int, _Line | None] = OrderedDict()
        self._rows_by_id: dict[int, int] | None = None
        self._sort_column = COL_TITLE
        self._sort_order = Qt.SortOrder.AscendingOrder

    # -- contents ------------------------------------------------------------------

    def set_ids(self, ids: Iterable[int], *, keep_rows: bool = False) -> None:
        """Show these measures in this order.

        Cached rows are dropped (they may be stale) unless ``keep_rows``: the
        owner says only the order or the selection of measures changed (a sort,
        a filter, a search), so rows already fetched are shown again without SQL.
        """
        self.beginResetModel()
        self._ids = list(ids)
        if not keep_rows:
            self._lines.clear()
        self._rows_by_id = None
        self.endResetModel()

    def refresh_ids(self, ids: Iterable[int]) -> None:
        """Re-fetch these measures' rows (after an edit) without resetting the view."""
        for measure_id in ids:
            row = self.row_of_id(measure_id)
            if row is None:
                self._lines.pop(measure_id, None)
                continue
            first = row - row % self._page_size
            for page_id in self._ids[first : first + self._page_size]:
                self._lines.pop(page_id, None)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of_id(self, measure_id: int) -> int | None:
        """The row showing ``measure_id``; the lookup table is built on first use."""
        if self._rows_by_id is None:
            self._rows_by_id = {mid: row for row, mid in enumerate(self._ids)}
        return self._rows_by_id.get(measure_id)

    def sort_indicator(self) -> tuple[int, Qt.SortOrder]:
        """The column and order last requested, to restore the header's indicator."""
        return self._sort_column, self._sort_order

    # -- Qt model interface --------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == MeasureIdRole:
            return self._ids[row]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in _RIGHT_ALIGNED else _LEFT
        if role not in _LINE_ROLES:
            return None
        line = self._line(row)
        if line is None:
            return None
        if role == Qt.ItemDataRole.FontRole:
            return _italic() if column in line.italic else None
        if role == Qt.ItemDataRole.DisplayRole:
            return line.display[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.tooltip[column]
        return line.sort[column]

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or section not in COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in _RIGHT_ALIGNED else _LEFT
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask the owner to sort; sorting 100,000 rows here would freeze the GUI."""
        if column not in COLUMNS or COLUMNS[column][0] is None:
            return
        self._sort_column, self._sort_order = column, order
        self.sortRequested.emit(COLUMNS[column][0], order == Qt.SortOrder.DescendingOrder)

    # -- paging --------------------------------------------------------------------

    def _line(self, row: int) -> _Line | None:
        measure_id = self._ids[row]
        try:
            line = self._lines[measure_id]
        except KeyError:
            return self._load_page(row)[measure_id]
        self._lines.move_to_end(measure_id)
        return line

    def _load_page(self, row: int) -> OrderedDict[int, _Line | None]:
        """Fetch the rows not cached yet on ``row``'s page (one query), then trim the cache."""
        first = row - row % self._page_size
        lines = self._lines
        missing = [i for i in self._ids[first : first + self._page_size] if i not in lines]
        by_id = {r.id: r for r in self._fetch_rows(missing)}
        for measure_id in missing:
            found = by_id.get(measure_id)
            lines[measure_id] = None if found is None else _Line(found)
        # Keep the page just fetched even when the cache is smaller than a page.
        while len(lines) > max(self._max_lines, len(missing)):
            lines.popitem(last=False)
        return lines
