"""The summary at the end of an import: what was added, and why each failed file failed.

Files kept without any measure (stored and searchable, but nothing recognised
in them) are listed apart, with a button to open each for review: a person
has to decide what they are.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lawtracker.services.importing import FileStatus, IngestReport

_SECTIONS = (
    (FileStatus.FAILED, "Could not be imported"),
    (FileStatus.KEPT, "Kept without a measure (searchable; review them)"),
    (FileStatus.ADDED, "Added"),
    (FileStatus.NEW_VERSION, "New versions of known documents"),
    (FileStatus.UNCHANGED, "Already in the database"),
    (FileStatus.SKIPPED, "Skipped (not a document lawtracker reads)"),
)


def headline(report: IngestReport) -> str:
    """One sentence for the top of the dialog and the status bar."""
    skipped = report.count(FileStatus.SKIPPED)
    files = len(report.results) - skipped
    failed = report.count(FileStatus.FAILED)
    kept = report.count(FileStatus.KEPT)
    measures = sum(len(r.measure_keys) for r in report.results if r.status != FileStatus.FAILED)
    text = f"{files} file{'s' if files != 1 else ''} read, {measures} measures written"
    if kept:
        text += f"; {kept} kept with no measure found, to review"
    if failed:
        text += f"; {failed} could not be imported"
    if skipped:
        text += f"; {skipped} skipped (listed below with the reason)"
    if report.cancelled:
        text += " (cancelled before the end)"
    elif not files:
        text = "No supported document was found (text, PDF, Word, web page or e-mail)" + (
            f"; {skipped} skipped (listed below with the reason)" if skipped else ""
        )
    return text + "."


def report_text(report: IngestReport) -> str:
    """Every file under its outcome, failed files first with their reason, skipped last."""
    blocks = []
    for status, title in _SECTIONS:
        results = [r for r in report.results if r.status == status]
        if results:
            lines = "\n".join(f"  {r.path.name}: {r.message}" for r in results)
            blocks.append(f"{title} ({len(results)}):\n{lines}")
    return "\n\n".join(blocks)


_PATH_ROLE = Qt.ItemDataRole.UserRole


class ImportSummaryDialog(QDialog):
    """Lists each imported file under its outcome; failed files show the reason.

    Kept files also get a list of their own, from which the user opens one to
    review it (double-click or "Open file").

    Args:
        report: what the import did.

    Signals:
        openRequested(object): the user opened this kept file (a ``Path``), which
            ``opener`` (by default the system's viewer) was given.
    """

    openRequested = Signal(object)  # noqa: N815 (Qt naming)

    def __init__(self, parent: QWidget | None, report: IngestReport) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import cancelled" if report.cancelled else "Import finished")
        self.setAccessibleName("Import summary")
        self.report = report
        self.headline_label = QLabel(headline(report))
        self.headline_label.setTextFormat(Qt.TextFormat.PlainText)
        self.headline_label.setWordWrap(True)
        self.kept_list = QListWidget()
        self.kept_list.setAccessibleName("Files kept without a measure")
        for result in report.kept:
            item = QListWidgetItem(f"{result.path.name}: {result.message}")
            item.setData(_PATH_ROLE, str(result.path))
            item.setToolTip(str(result.path))
            self.kept_list.addItem(item)
        if self.kept_list.count():
            self.kept_list.setCurrentRow(0)
        self.kept_list.itemActivated.connect(lambda item: self._open(item))
        self.open_button = QPushButton("&Open file")
        self.open_button.setToolTip("Open the selected file to see what it is about")
        self.open_button.clicked.connect(lambda: self._open(self.kept_list.currentItem()))
        self.opener: Callable[[Path], object] = _open_with_system
        self.kept_box = QWidget()
        kept_layout = QVBoxLayout(self.kept_box)
        kept_layout.setContentsMargins(0, 0, 0, 0)
        kept_title = QLabel(
            "No measure was found in these files. They are stored and searchable; "
            "open each to decide what it is:"
        )
        kept_title.setWordWrap(True)
        kept_layout.addWidget(kept_title)
        row = QHBoxLayout()
        row.addWidget(self.kept_list, 1)
        row.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        kept_layout.addLayout(row)
        self.kept_list.setMaximumHeight(120)
        self.kept_box.setVisible(bool(report.kept))
        self.details = QPlainTextEdit(report_text(report))
        self.details.setAccessibleName("Imported files")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline_label)
        layout.addWidget(self.kept_box)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 360)

    def text(self) -> str:
        """Everything the dialog says, for tests and for copying."""
        return f"{self.headline_label.text()}\n\n{self.details.toPlainText()}"

    def kept_paths(self) -> list[Path]:
        """The kept files, in the order listed."""
        return [
            Path(self.kept_list.item(row).data(_PATH_ROLE)) for row in range(self.kept_list.count())
        ]

    def _open(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            path = Path(item.data(_PATH_ROLE))
            self.opener(path)
            self.openRequested.emit(path)


def _open_with_system(path: Path) -> bool:
    """The platform's viewer for the file: the app itself shows no whole documents."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
