"""Untrusted text (documents, notes, titles) shown by Qt as text, never as live HTML.

Qt treats a tooltip, a label or an item's text as rich text when it merely looks
like HTML, and a rich-text document fetches every ``<img src>`` and Markdown image
it contains. A document or a note could thus make the window read a local file
(``file:///…``) or show markup nobody wrote. Everything here keeps such text inert.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import Qt, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget


def plain_tip(text: str) -> str:
    """``text`` as a tooltip that shows its characters literally.

    Qt renders a tooltip as rich text when ``Qt.mightBeRichText`` says it looks like
    HTML. Such text is escaped and wrapped in ``<p>`` (so Qt still takes the rich-text
    path, and the escaped characters come out as typed, line breaks kept); text that
    does not look like HTML is shown as plain text already and is returned unchanged.
    """
    if not Qt.mightBeRichText(text):
        return text
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"


class SafeTextDocument(QTextDocument):
    """A document that loads no resource: a note's or a document's ``![x](file:///…)``
    or ``<img src=…>`` would otherwise make the window read a local file."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: URLs something asked for (and did not get): tests check it stays refused.
        self.refused: list[QUrl] = []

    def loadResource(self, type: int, name: QUrl) -> Any:
        self.refused.append(QUrl(name))
        return None


class SafeTextBrowser(QTextBrowser):
    """A read-only rich-text view that follows no link and loads no image or file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocument(SafeTextDocument(self))
        self.setOpenLinks(False)  # no navigation: a click is the caller's signal
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])

    @property
    def refused(self) -> list[QUrl]:
        document = self.document()
        return document.refused if isinstance(document, SafeTextDocument) else []

    def loadResource(self, type: int, name: QUrl) -> Any:
        self.refused.append(QUrl(name))
        return None
