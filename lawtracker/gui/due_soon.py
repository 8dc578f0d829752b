"""The due-soon panel: dates coming up in the next N days, nearest first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lawtracker.domain.catalog import DueItem
from lawtracker.gui.labels import iso_date

_MEASURE_ROLE = Qt.ItemDataRole.UserRole


def due_notice(count: int, days: int) -> str:
    """The start-up line for the status bar."""
    dates = "1 date" if count == 1 else f"{count} dates"
    horizon = "the next day" if days == 1 else f"the next {days} days"
    return f"{dates} due in {horizon}"


def _when(days: int) -> str:
    return {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")


class DueSoonPanel(QWidget):
    """A list of upcoming dates with a horizon spin box; activating a row opens its measure.

    Signals:
        measureActivated(int): a row was double-clicked or Enter pressed on it.
        daysChanged(int): the user changed the horizon; the owner re-queries.
    """

    measureActivated = Signal(int)  # noqa: N815 (Qt naming)
    daysChanged = Signal(int)  # noqa: N815 (Qt naming)

    def __init__(self, parent: QWidget | None = None, *, days: int = 30) -> None:
        super().__init__(parent)
        self.setAccessibleName("Due soon")
        self.days_box = QSpinBox()
        self.days_box.setAccessibleName("Days ahead")
        self.days_box.setRange(1, 3650)
        self.days_box.setSuffix(" days")
        self.days_box.setValue(days)
        self.days_box.setKeyboardTracking(False)
        self.days_box.valueChanged.connect(self.daysChanged)

        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Upcoming dates")
        self.tree.setHeaderLabels(["Date", "Event", "Measure"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.tree.itemActivated.connect(self._activated)

        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        form = QFormLayout()
        form.addRow("Show the next", self.days_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label)

    def days(self) -> int:
        return self.days_box.value()

    def set_items(self, items: Sequence[DueItem], today: dt.date) -> None:
        self.tree.clear()
        for item in items:
            row = QTreeWidgetItem([iso_date(item.date), item.label, item.measure_title])
            row.setData(0, _MEASURE_ROLE, item.measure_id)
            when = _when((item.date - today).days)
            derived = " (derived by a rule)" if item.derived else ""
            row.setToolTip(0, when)
            row.setToolTip(1, f"{item.label}{derived}")
            row.setToolTip(2, item.measure_title)
            self.tree.addTopLevelItem(row)
        self.empty_label.setText("" if items else f"Nothing due in the next {self.days()} days.")
        self.empty_label.setVisible(not items)

    def measure_at(self, row: int) -> int | None:
        item = self.tree.topLevelItem(row)
        return None if item is None else int(item.data(0, _MEASURE_ROLE))

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.measureActivated.emit(int(item.data(0, _MEASURE_ROLE)))
