"""Help ▸ About: version, database location and what the database holds."""

from __future__ import annotations

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from lawtracker import __version__
from lawtracker.domain.catalog import StoreCounts


def about_text(counts: StoreCounts, location: str) -> str:
    return (
        f"lawtracker {__version__}\n"
        "Tracks legal measures found in legislative newsletters, news and reports, offline.\n\n"
        f"Database: {location}\n"
        f"Measures: {counts.measures:,}\n"
        f"Documents: {counts.sources:,}\n"
        f"Dated events: {counts.events:,}\n\n"
        f"Qt {qVersion()}"
    )


def about_box(parent: QWidget | None, counts: StoreCounts, location: str) -> QMessageBox:
    """The About box, built but not shown (plain text: a path is never markup)."""
    box = QMessageBox(parent)
    box.setWindowTitle("About lawtracker")
    box.setIcon(QMessageBox.Icon.Information)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(about_text(counts, location))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box
