"""The annotations of the shown measure, beside its facts: who, when (local), status, note."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lawtracker.domain.annotations import AnchorState, AnnotationView
from lawtracker.gui.annotations.texts import STATUS_NAMES, local_time, one_line
from lawtracker.gui.safe_text import literal

ANNOTATION_ROLE = Qt.ItemDataRole.UserRole + 20


class AnnotationList(QWidget):
    """A list with Annotate, Edit, Delete and History buttons.

    Signals:
        addRequested(): annotate the measure.
        editRequested(int), deleteRequested(int), historyRequested(int): by annotation id.
        spanRequested(int): show the annotated span of this annotation.
    """

    addRequested = Signal()  # noqa: N815 (Qt naming)
    editRequested = Signal(int)  # noqa: N815
    deleteRequested = Signal(int)  # noqa: N815
    historyRequested = Signal(int)  # noqa: N815
    spanRequested = Signal(int)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Annotations")
        self.tree = QTreeWidget()
        self.tree.setObjectName("annotations")
        self.tree.setAccessibleName("Annotations of this measure")
        self.tree.setHeaderLabels(["Status", "Author", "Saved", "Tags", "Follow-up", "Note"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.add_button = QPushButton("&Annotate…")
        self.add_button.setAccessibleName("Annotate this measure")
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setAccessibleName("Edit the selected annotation")
        self.delete_button = QPushButton("&Delete")
        self.delete_button.setAccessibleName("Delete the selected annotation")
        self.history_button = QPushButton("&History…")
        self.history_button.setAccessibleName("Versions of the selected annotation")
        bar = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button, self.history_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)
        self.add_button.clicked.connect(self.addRequested)
        self.edit_button.clicked.connect(lambda: self._emit(self.editRequested))
        self.delete_button.clicked.connect(lambda: self._emit(self.deleteRequested))
        self.history_button.clicked.connect(lambda: self._emit(self.historyRequested))
        self.tree.itemDoubleClicked.connect(lambda *_: self._emit(self.editRequested))
        self.tree.currentItemChanged.connect(self._current_changed)
        self._current_changed(None)

    def set_annotations(self, annotations: Sequence[AnnotationView]) -> None:
        """Show these (newest first), keeping the selected one selected."""
        keep = self.selected_id()
        self.tree.clear()
        for view in sorted(annotations, key=lambda v: (v.updated_at, v.id), reverse=True):
            note = one_line(view.note) or "(no note)"
            if view.anchor is not None:
                quote = one_line(view.anchor.quote, 40)
                where = "" if view.anchor_state == AnchorState.ATTACHED else " (text not found)"
                note = f"“{quote}”{where} — {note}"
            item = QTreeWidgetItem(
                [
                    STATUS_NAMES[view.status],
                    view.author,
                    local_time(view.updated_at),
                    ", ".join(view.tags),
                    view.follow_up.isoformat() if view.follow_up else "",
                    note,
                ]
            )
            item.setData(0, ANNOTATION_ROLE, view.id)
            item.setToolTip(5, literal(view.note))
            item.setToolTip(2, f"Saved {view.updated_at.isoformat()} UTC, version {view.version}")
            self.tree.addTopLevelItem(item)
            if view.id == keep:
                self.tree.setCurrentItem(item)
        for column in range(self.tree.columnCount() - 1):
            self.tree.resizeColumnToContents(column)
        self._current_changed(self.tree.currentItem())

    def ids(self) -> list[int]:
        return [
            int(self.tree.topLevelItem(row).data(0, ANNOTATION_ROLE))  # type: ignore[union-attr]
            for row in range(self.tree.topLevelItemCount())
        ]

    def selected_id(self) -> int | None:
        item = self.tree.currentItem()
        return int(item.data(0, ANNOTATION_ROLE)) if item is not None else None

    def select(self, annotation_id: int) -> bool:
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            if item is not None and item.data(0, ANNOTATION_ROLE) == annotation_id:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _emit(self, signal) -> None:
        selected = self.selected_id()
        if selected is not None:
            signal.emit(selected)

    def _current_changed(self, item: QTreeWidgetItem | None, *_: object) -> None:
        for button in (self.edit_button, self.delete_button, self.history_button):
            button.setEnabled(item is not None)
        if item is not None:
            self.spanRequested.emit(int(item.data(0, ANNOTATION_ROLE)))
