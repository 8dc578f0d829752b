"""The measure list pane: the table, or an empty state that says what to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lawtracker.gui.models.measure_table import (
    COL_INSTRUMENT,
    COL_JURISDICTION,
    COL_SOURCES,
    COL_TITLE,
    MeasureTableModel,
)

NO_MEASURES = "No measures yet — File ▸ Import documents… (Ctrl+O)"
NO_MATCH = "No measure matches the filters — Reset filters"

# The widest typical content of the narrow columns; the title takes the rest.
_SAMPLES = {COL_INSTRUMENT: "Court decision", COL_JURISDICTION: "AZ", COL_SOURCES: "00"}
_DATE_SAMPLE = "0000-00-00"
#: The title column's first width, in average characters (the user may resize it).
TITLE_WIDTH_CHARS = 38


class MeasureListPane(QStackedWidget):
    """The sortable measure table over a :class:`MeasureTableModel`, with its empty states.

    Signals:
        importRequested(): the empty store's button was pressed.
        resetRequested(): the "nothing matches" button was pressed.
    """

    importRequested = Signal()  # noqa: N815 (Qt naming)
    resetRequested = Signal()  # noqa: N815 (Qt naming)

    def __init__(self, model: MeasureTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Measure list")
        self.table = QTableView()
        self.table.setAccessibleName("Measures")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.verticalHeader().hide()
        # Rows of one height: no per-row size query, so 100,000 rows cost nothing to lay out.
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setSortIndicatorShown(True)
        header.setMinimumSectionSize(40)
        metrics = self.table.fontMetrics()
        for column in range(model.columnCount()):
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            sample = _SAMPLES.get(column, _DATE_SAMPLE)
            # Room for the text, the cell margins and the sort arrow.
            width = max(metrics.horizontalAdvance(title), metrics.horizontalAdvance(sample))
            header.resizeSection(column, min(width, 140) + 18)
        # A stretched title would get only what the other columns leave (70 px in a
        # split window): give it a readable width and let the last column take the rest.
        header.resizeSection(COL_TITLE, TITLE_WIDTH_CHARS * metrics.averageCharWidth())
        header.setStretchLastSection(True)

        self.empty_label = QLabel()
        self.empty_label.setAccessibleName("Empty list")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        font = QFont(self.empty_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.empty_label.setFont(font)
        self.empty_button = QPushButton()
        self.empty_button.clicked.connect(self._empty_action)
        empty = QWidget()
        layout = QVBoxLayout(empty)
        layout.addStretch(1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

        self.addWidget(self.table)
        self.addWidget(empty)
        self._empty_kind = ""

    def show_table(self) -> None:
        self.setCurrentIndex(0)

    def show_empty(self, *, store_is_empty: bool) -> None:
        """Say why the list is empty and offer the one action that fills it."""
        self._empty_kind = "import" if store_is_empty else "reset"
        self.empty_label.setText(NO_MEASURES if store_is_empty else NO_MATCH)
        self.empty_button.setText("Import documents…" if store_is_empty else "Reset filters")
        self.empty_button.setAccessibleName(self.empty_button.text())
        self.setCurrentIndex(1)

    def is_empty_shown(self) -> bool:
        return self.currentIndex() == 1

    def _empty_action(self) -> None:
        if self._empty_kind == "import":
            self.importRequested.emit()
        else:
            self.resetRequested.emit()
