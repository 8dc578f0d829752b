"""Tell the user why a save failed, and log only the failure's kind.

The message box shows the error's sentence; the log gets its class and SQLite
code, because a message may quote what the user typed.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from lawtracker.errors import UserFacingError, log_safe
from lawtracker.gui.safe_text import literal

log = logging.getLogger(__name__)


def report_failure(parent: QWidget | None, title: str, exc: UserFacingError) -> None:
    """A warning box titled ``title`` with ``exc``'s sentence, as plain text."""
    log.info("%s: %s", title, log_safe(exc))
    QMessageBox.warning(parent, title, literal(str(exc)))  # it may name a file or quote text
