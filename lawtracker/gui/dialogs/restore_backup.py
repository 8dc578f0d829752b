"""File ▸ Restore backup…: pick a backup by its date and counts, confirm, restore.

The dialog only chooses; the composition root does the restore (it must close the
window's store first and open the restored one after), through the ``restore``
callback given to :func:`install_restore_action`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lawtracker.services.backups import BackupInfo

_COLUMNS = ("Date", "Kind", "Measures", "Annotations", "File")


class RestoreBackupDialog(QDialog):
    """The backups of the open store, newest first; unreadable ones shown but not choosable."""

    def __init__(self, parent: QWidget | None, backups: list[BackupInfo], store: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore a backup")
        self.backups = backups
        intro = QLabel(
            f"Backups of {store}. The current database is kept aside (renamed, never "
            "deleted) before the chosen backup takes its place."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.table = QTableWidget(len(backups), len(_COLUMNS), self)
        self.table.setHorizontalHeaderLabels(_COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, info in enumerate(backups):
            cells = (
                info.created.astimezone().strftime("%Y-%m-%d %H:%M"),
                info.kind,
                "" if info.measures is None else str(info.measures),
                "" if info.annotations is None else str(info.annotations),
                info.path.name if info.readable else f"{info.path.name}: {info.problem}",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (2, 3):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if not info.readable:
                    item.setFlags(Qt.ItemFlag.NoItemFlags)  # shown, not choosable
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.empty_label = QLabel("There is no backup of this database yet.")
        self.empty_label.setVisible(not backups)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = QPushButton("&Restore…", self)
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._confirm)
        buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(
            lambda: self.restore_button.setEnabled(self.chosen() is not None)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)
        self.resize(760, 360)
        first = next((i for i, info in enumerate(backups) if info.readable), None)
        if first is not None:
            self.table.selectRow(first)

    def chosen(self) -> BackupInfo | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if len(rows) != 1:
            return None
        info = self.backups[rows.pop()]
        return info if info.readable else None

    def _confirm(self) -> None:
        info = self.chosen()
        if info is None:
            return
        when = info.created.astimezone().strftime("%Y-%m-%d %H:%M")
        answer = QMessageBox.question(
            self,
            "Restore this backup?",
            f"Replace the database with the backup of {when} ({info.measures} measures, "
            f"{info.annotations} annotations)? Changes made since then will not be in it; "
            "the current file is kept aside and can be opened with --db.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.accept()


def install_restore_action(
    window: QMainWindow,
    *,
    store: str,
    list_backups: Callable[[], list[BackupInfo]],
    restore: Callable[[BackupInfo], None],
) -> QAction:
    """Add File ▸ Restore backup… (before Quit); ``restore`` does the work once confirmed."""
    action = QAction("Restore &backup…", window)
    action.setStatusTip("Put a backup of the database back in its place")

    def run() -> None:
        dialog = RestoreBackupDialog(window, list_backups(), store)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted and (info := dialog.chosen()):
                restore(info)
        finally:
            dialog.deleteLater()

    action.triggered.connect(run)
    file_menu = next(
        (a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "File"),
        None,
    )
    if file_menu is not None:
        quit_action = next(
            (a for a in file_menu.actions() if a.text().replace("&", "") == "Quit"), None
        )
        if quit_action is not None:
            file_menu.insertAction(quit_action, action)
            file_menu.insertSeparator(quit_action)
        else:
            file_menu.addAction(action)
    return action
