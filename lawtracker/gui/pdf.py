"""Writing our own HTML to an A4 PDF with Qt (no extra dependency): reports and comparisons."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

from lawtracker.errors import UserFacingError
from lawtracker.gui.safe_text import SafeTextDocument
from lawtracker.private_files import make_private


def write_html_pdf(path: Path, html: str, *, title: str) -> None:
    """Lay ``html`` (built by us, escaped) out on A4 portrait pages and write it to ``path``.

    Raises ``UserFacingError`` when no file came out (an unwritable folder, a full disk):
    QPdfWriter itself reports nothing.
    """
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("lawtracker")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    # Our HTML escapes every text it quotes; the document also refuses every resource.
    document = SafeTextDocument()
    document.setHtml(html)
    document.setPageSize(QSizeF(writer.width(), writer.height()))
    document.print_(writer)
    del writer  # the file is finished when the writer goes away
    make_private(path)  # a report quotes documents and notes
    if not path.exists() or path.stat().st_size == 0:
        raise UserFacingError(f"Could not write the report to {path}.")
