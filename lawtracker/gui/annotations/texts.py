"""Wording and safe rendering shared by the annotation widgets (notes are user text)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QTextDocument

from lawtracker.domain.enums import ReviewStatus

STATUS_NAMES = {
    ReviewStatus.UNREVIEWED: "Unreviewed",
    ReviewStatus.IN_REVIEW: "In review",
    ReviewStatus.REVIEWED: "Reviewed",
    ReviewStatus.NEEDS_FOLLOW_UP: "Needs follow-up",
}

#: Markdown without any HTML: a note pasted from a web page cannot inject markup.
MARKDOWN_FEATURES = QTextDocument.MarkdownFeature.MarkdownNoHTML


def render_note(document: QTextDocument, note: str) -> None:
    """Show ``note`` as Markdown with raw HTML disabled (shown as text, never interpreted)."""
    document.setMarkdown(note, MARKDOWN_FEATURES)


def local_time(value: dt.datetime) -> str:
    """A stored UTC time in the user's local time zone, to the minute."""
    aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return aware.astimezone().strftime("%Y-%m-%d %H:%M")


def one_line(text: str, limit: int = 80) -> str:
    """The first line of a note, shortened for a list cell."""
    first = " ".join(text.split())
    return first if len(first) <= limit else first[: limit - 1] + "…"
