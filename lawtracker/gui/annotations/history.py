"""Every saved version of one annotation, newest first, with "Restore this version"."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lawtracker.domain.annotations import AnnotationVersion
from lawtracker.gui.annotations.texts import STATUS_NAMES, local_time, one_line, render_note
from lawtracker.gui.safe_text import SafeTextBrowser, literal

_VERSION_ROLE = Qt.ItemDataRole.UserRole


class HistoryDialog(QDialog):
    """The versions of an annotation; :attr:`chosen_version` is set when Restore is pressed."""

    def __init__(self, parent: QWidget | None, *, versions: Sequence[AnnotationVersion]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Annotation history")
        self.setAccessibleName("Annotation history")
        self.chosen_version: int | None = None
        self._versions = {v.version: v for v in versions}
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Versions")
        self.tree.setHeaderLabels(["#", "Who", "When (local)", "Action", "Status", "Tags", "Note"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAllColumnsShowFocus(True)
        latest = max(self._versions, default=0)
        for version in sorted(versions, key=lambda v: v.version, reverse=True):
            action = version.action.value + (" (deleted)" if version.deleted else "")
            item = QTreeWidgetItem(
                [
                    str(version.version),
                    version.author,
                    local_time(version.saved_at),
                    action,
                    STATUS_NAMES[version.status],
                    ", ".join(version.tags),
                    one_line(version.note),
                ]
            )
            item.setData(0, _VERSION_ROLE, version.version)
            item.setToolTip(6, literal(version.note))
            item.setToolTip(2, version.saved_at.isoformat() + " (UTC)")
            self.tree.addTopLevelItem(item)
        for column in range(self.tree.columnCount() - 1):
            self.tree.resizeColumnToContents(column)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview = SafeTextBrowser()
        self.preview.setAccessibleName("Note of the selected version")
        self.preview.setOpenLinks(False)
        self.restore_button = QPushButton("&Restore this version")
        self.restore_button.setAccessibleName("Restore the selected version")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        buttons = QDialogButtonBox()
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.tree.currentItemChanged.connect(self._selected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 2)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self._latest = latest
        self.resize(760, 440)
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def select_version(self, version: int) -> bool:
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            if item is not None and item.data(0, _VERSION_ROLE) == version:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _selected(self, item: QTreeWidgetItem | None, *_: object) -> None:
        version = item.data(0, _VERSION_ROLE) if item is not None else None
        shown = self._versions.get(version) if version is not None else None
        render_note(self.preview.document(), shown.note if shown else "")
        # Restoring the latest version would save the same content again.
        self.restore_button.setEnabled(version is not None and version != self._latest)

    def _restore(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.chosen_version = int(item.data(0, _VERSION_ROLE))
            self.accept()
