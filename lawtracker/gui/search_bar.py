"""The search field: full-text search that narrows the list as the user types."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

DEBOUNCE_MS = 200


def search_words(query: str) -> list[str]:
    """The words to mark in the detail text: the query's words, quotes and operators aside."""
    return [word for word in query.replace('"', " ").split() if word]


class SearchField(QLineEdit):
    """A line edit that reports its text once typing pauses.

    One query per keystroke would make each letter wait for the database;
    :data:`DEBOUNCE_MS` of quiet is short enough to feel live. Enter searches at
    once, Escape clears.

    Signals:
        searchChanged(str): the text to search for (after the pause, Enter or Escape).
    """

    searchChanged = Signal(str)  # noqa: N815 (Qt naming)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Search measures")
        self.setPlaceholderText("Search titles, numbers and texts (Ctrl+F)")
        self.setClearButtonEnabled(True)
        self._last = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(self._timer.start)
        self.returnPressed.connect(self.flush)

    def flush(self) -> None:
        """Report the current text now (the debounce timer calls this too)."""
        self._timer.stop()
        text = self.text().strip()
        if text != self._last:
            self._last = text
            self.searchChanged.emit(text)

    def set_query_quietly(self, text: str) -> None:
        """Show ``text`` (restored from settings) without emitting ``searchChanged``."""
        with QSignalBlocker(self):
            self.setText(text)
        self._last = text.strip()

    def pending(self) -> bool:
        return self._timer.isActive()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.flush()
            return
        super().keyPressEvent(event)
