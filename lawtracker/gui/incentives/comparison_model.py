"""The side-by-side comparison as a table model: one row per criterion, one column per regime.

Rows whose values differ stand out with a bold font and a highlight-derived
background (from the palette, so dark themes keep their contrast). Every cell
carries its clause under :data:`CLAUSE_ROLE`; cells whose quote was not found in
the source say "unverified" in their text, never only in a colour.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from lawtracker.domain.rules import Clause, Comparison, ComparisonCell, Regime
from lawtracker.gui.colours import blend

CLAUSE_ROLE = Qt.ItemDataRole.UserRole + 1
DIFFERS_ROLE = Qt.ItemDataRole.UserRole + 2
UNVERIFIED_MARK = "⚠ unverified"
COL_CRITERION = 0

Index = QModelIndex | QPersistentModelIndex


def display_titles(regimes: Sequence[Regime]) -> list[str]:
    """Regime titles, with version and provenance when two chosen regimes share a title."""
    counts = Counter(r.title for r in regimes)
    return [
        f"{r.title} (v{r.version}, {r.provenance.value})" if counts[r.title] > 1 else r.title
        for r in regimes
    ]


def cell_text(cell: ComparisonCell) -> str:
    """The cell as shown and exported: a missing quote is said in words."""
    text = cell.text or "—"
    if cell.clause is not None and not cell.clause.verified:
        return f"{text} [{UNVERIFIED_MARK}]"
    return text


def clause_tooltip(clause: Clause | None) -> str:
    if clause is None:
        return "No clause: the rule file does not state this criterion"
    if clause.span is None:
        return f"Unverified: this quote was not found in the source text.\n“{clause.quote}”"
    where = f"{clause.span.source_name}, characters {clause.span.start}–{clause.span.end}"
    return f"“{clause.span.text}”\n— {where} (click to show it in the source)"


class ComparisonModel(QAbstractTableModel):
    """A :class:`Comparison` from the rules service, read-only."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._comparison = Comparison((), (), ())
        self._verified: tuple[bool, ...] = ()

    def set_comparison(self, comparison: Comparison, verified: tuple[bool, ...] = ()) -> None:
        """Show ``comparison``; ``verified[i]`` is False for a regime with any unverified quote."""
        self.beginResetModel()
        self._comparison = comparison
        self._verified = verified or tuple(True for _ in comparison.titles)
        self.endResetModel()

    def comparison(self) -> Comparison:
        return self._comparison

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._comparison.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self._comparison.titles)

    def header_title(self, column: int) -> str:
        if column == COL_CRITERION:
            return "Criterion"
        title = self._comparison.titles[column - 1]
        return title if self._verified[column - 1] else f"{title} [{UNVERIFIED_MARK}]"

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.header_title(section)
        tip = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole
        if tip and section > 0 and not self._verified[section - 1]:
            return "Some quotes of this regime were not found in its source: not trusted"
        return None

    def cell(self, row: int, column: int) -> ComparisonCell | None:
        if column == COL_CRITERION:
            return None
        return self._comparison.rows[row].cells[column - 1]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._comparison.rows[index.row()]
        cell = self.cell(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return row.criterion if cell is None else cell_text(cell)
        if role == Qt.ItemDataRole.ToolTipRole:
            if cell is None:
                return f"{row.criterion}: the regimes differ" if row.differs else row.criterion
            return clause_tooltip(cell.clause)
        if role == CLAUSE_ROLE:
            return cell.clause if cell is not None else None
        if role == DIFFERS_ROLE:
            return row.differs
        if role == Qt.ItemDataRole.FontRole and (row.differs or cell is None):
            font = QFont(QApplication.font())
            font.setBold(True)
            if cell is not None and cell.clause is not None and not cell.clause.verified:
                font.setItalic(True)
            return font
        unverified = cell is not None and cell.clause is not None and not cell.clause.verified
        if role == Qt.ItemDataRole.FontRole and unverified:
            font = QFont(QApplication.font())
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and row.differs:
            palette = QApplication.palette()
            base = palette.color(QPalette.ColorRole.Base)
            strength = 0.4 if base.lightnessF() < 0.5 else 0.22
            return blend(palette.color(QPalette.ColorRole.Highlight), base, strength)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and row.differs:
            return "differs between regimes"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
