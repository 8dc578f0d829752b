"""Item data roles the lawtracker models answer beyond Qt's own."""

from __future__ import annotations

from PySide6.QtCore import Qt

#: The measure's database id (``int``), so views and the window never parse display text.
MeasureIdRole: int = Qt.ItemDataRole.UserRole + 1
#: The native value of a cell (date, int, str), for comparisons; ``None`` sorts first.
SortRole: int = Qt.ItemDataRole.UserRole + 2
