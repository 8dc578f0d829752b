"""The crash dialog: a bug was logged; tell the user where, from any thread."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from lawtracker.log import redact


def crash_message(log_file: Path | None) -> str:
    where = (
        f"The details are in the log file:\n{log_file}"
        if log_file
        else ("The details were written to the terminal (the log file could not be opened).")
    )
    return (
        "lawtracker ran into an unexpected problem. Your data is safe: every change is "
        "saved as it happens.\n\n"
        f"{where}\n\nPlease attach it when you report the problem."
    )


class CrashReporter(QObject):
    """Receives bugs from ``log.install_excepthooks`` and shows them on the GUI thread.

    ``report`` may be called from any thread; a queued signal carries the bug to
    the thread this object lives on. Only the first few dialogs are shown, so a bug
    in a paint event cannot bury the user in windows.

    Args:
        log_file: named in the dialog.
        interactive: ``False`` (self-check) writes to stderr instead of showing a dialog.
    """

    _bug = Signal(str, str)
    MAX_DIALOGS = 3

    def __init__(self, *, log_file: Path | None, interactive: bool = True) -> None:
        super().__init__()
        self.log_file = log_file
        self.interactive = interactive
        self.count = 0
        self._bug.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(self, exc: BaseException, text: str) -> None:
        """The ``on_bug`` callback: safe from any thread."""
        self._bug.emit(redact(f"{type(exc).__name__}: {exc}"), redact(text))

    def _show(self, summary: str, details: str) -> None:
        self.count += 1
        if not self.interactive or QApplication.instance() is None:
            print(f"lawtracker: bug: {summary} (see the log)", file=sys.stderr)
            return
        if self.count > self.MAX_DIALOGS:
            return
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("lawtracker: unexpected problem")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(crash_message(self.log_file))
        box.setInformativeText(summary)
        box.setDetailedText(details)
        box.exec()
