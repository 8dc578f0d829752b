"""Untrusted text (documents, notes, titles) shown by Qt as text, never as live HTML.

Qt treats a tooltip, a label or an item's text as rich text when it merely looks
like HTML, and a rich-text document fetches every ``<img src>`` and Markdown image
it contains. A document or a note could thus make the window read a local file
(``file:///…``) or show markup nobody wrote. Everything here keeps such text inert.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QUrl
from PySide6.QtGui import QHelpEvent, QImage, Qt, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QTextBrowser, QToolTip, QWidget

#: How :func:`literal` starts its output: already safe, never escaped twice.
_LITERAL_MARK = "<p style='white-space:pre-wrap'>"


def literal(text: str) -> str:
    """``text`` for a tooltip or message box that shows its characters literally.

    Qt renders a tooltip as rich text when ``Qt.mightBeRichText`` says it looks like
    HTML. Such text is escaped and wrapped in ``<p>`` (so Qt still takes the rich-text
    path, and the escaped characters come out as typed, line breaks kept); text that
    does not look like HTML is shown as plain text already and is returned unchanged.
    """
    if not looks_like_markup(text):
        return text
    return _LITERAL_MARK + html.escape(text, quote=False) + "</p>"


def looks_like_markup(text: str) -> bool:
    """True when Qt would render ``text`` as rich text (and it is not already :func:`literal`)."""
    return bool(text) and Qt.mightBeRichText(text) and not text.startswith(_LITERAL_MARK)


class PlainToolTips(QObject):
    """An application-wide guard: every tooltip that looks like HTML is shown literally.

    Widgets and item views (``ToolTipRole``) get their tooltips from documents, file
    names and notes in many places; Qt renders any of them as rich text when it looks
    like HTML, loading ``<img src="file:///…">``. Filtering the ``ToolTip`` event at the
    application covers them all, including widgets written later. Views that show
    their own tooltips (the timeline) pass their text through :func:`literal`.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(watched, QWidget):
            return False
        assert isinstance(event, QHelpEvent)
        text = _tooltip_of(watched, event)
        if text is None or not looks_like_markup(text):
            return False
        QToolTip.showText(event.globalPos(), literal(text), watched)
        return True


def _tooltip_of(widget: QWidget, event: QHelpEvent) -> str | None:
    view = widget.parentWidget()
    if isinstance(view, QAbstractItemView) and widget is view.viewport():
        index = view.indexAt(event.pos())
        value = index.data(Qt.ItemDataRole.ToolTipRole) if index.isValid() else None
        return value if isinstance(value, str) else None
    return widget.toolTip() or None


def install_plain_tooltips(app: QCoreApplication) -> PlainToolTips:
    """Install :class:`PlainToolTips` on ``app`` once; the installed filter."""
    existing = app.findChild(PlainToolTips)
    if existing is not None:
        return existing
    guard = PlainToolTips(app)
    app.installEventFilter(guard)
    return guard


class SafeTextDocument(QTextDocument):
    """A document that loads no resource: a note's or a document's ``![x](file:///…)``
    or ``<img src=…>`` would otherwise make the window read a local file."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: URLs something asked for (and did not get): tests check it stays refused.
        self.refused: list[QUrl] = []

    def loadResource(self, type: int, name: QUrl) -> Any:
        self.refused.append(QUrl(name))
        return _refused(type)


def _refused(kind: int) -> Any:
    """What a refused resource becomes: for an image, a blank pixel, not nothing.

    Given nothing, Qt's image handler falls back to reading the file itself
    (``QImage.load`` on the URL's path), which is exactly what must not happen.
    """
    if kind == QTextDocument.ResourceType.ImageResource.value or kind == (
        QTextDocument.ResourceType.ImageResource
    ):
        blank = QImage(1, 1, QImage.Format.Format_ARGB32)
        blank.fill(0)
        return blank
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
        return _refused(type)
