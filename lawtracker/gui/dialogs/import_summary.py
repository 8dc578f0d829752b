"""The summary at the end of an import: what was added, and why each failed file failed."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lawtracker.services.importing import FileStatus, IngestReport

_SECTIONS = (
    (FileStatus.FAILED, "Could not be imported"),
    (FileStatus.ADDED, "Added"),
    (FileStatus.NEW_VERSION, "New versions of known documents"),
    (FileStatus.UNCHANGED, "Already in the database"),
)


def headline(report: IngestReport) -> str:
    """One sentence for the top of the dialog and the status bar."""
    files = len(report.results)
    failed = report.count(FileStatus.FAILED)
    measures = sum(len(r.measure_keys) for r in report.results if r.status != FileStatus.FAILED)
    text = f"{files} file{'s' if files != 1 else ''} read, {measures} measures written"
    if failed:
        text += f"; {failed} could not be imported"
    if report.cancelled:
        text += " (cancelled before the end)"
    elif not files:
        text = "No supported document was found (plain text or Markdown)"
    return text + "."


def report_text(report: IngestReport) -> str:
    """Every file under its outcome, failed files first with their reason."""
    blocks = []
    for status, title in _SECTIONS:
        results = [r for r in report.results if r.status == status]
        if results:
            lines = "\n".join(f"  {r.path.name}: {r.message}" for r in results)
            blocks.append(f"{title} ({len(results)}):\n{lines}")
    return "\n\n".join(blocks)


class ImportSummaryDialog(QDialog):
    """Lists each imported file under its outcome; failed files show the reason.

    Args:
        report: what the import did.
    """

    def __init__(self, parent: QWidget | None, report: IngestReport) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import cancelled" if report.cancelled else "Import finished")
        self.setAccessibleName("Import summary")
        self.report = report
        self.headline_label = QLabel(headline(report))
        self.headline_label.setWordWrap(True)
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
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 360)

    def text(self) -> str:
        """Everything the dialog says, for tests and for copying."""
        return f"{self.headline_label.text()}\n\n{self.details.toPlainText()}"
