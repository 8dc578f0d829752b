"""Documents written here in every supported format from one text (no binaries committed).

``LEGAL_UPDATE`` is an invented legal update; each ``write_*`` helper puts it (or any
text of blank-line-separated paragraphs) into a file of one format, so that tests can
compare what each format yields with the plain-text import.
"""

# ruff: noqa: E501 (the legal update keeps one paragraph per line, as consultants' files do)

from __future__ import annotations

from pathlib import Path

LEGAL_UPDATE = """Cabinet approves rules for electronic invoices

The "Rules for issuing electronic invoices" have been approved by Resolution No. 77 of the Cabinet of Ministers of the Republic of Azerbaijan dated March 3, 2021. The Rules set out how taxpayers issue, send and keep electronic invoices, and which data each invoice must carry.

The Rules enter into force on April 1, 2021.
"""


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def write_txt(path: Path, text: str = LEGAL_UPDATE) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def write_pdf(
    path: Path,
    text: str = LEGAL_UPDATE,
    *,
    columns: int = 1,
    header: str | None = None,
    footer: str | None = None,
    pages: int = 1,
) -> Path:
    """A text-layer PDF drawn with Qt: paragraphs word-wrapped in one or two columns.

    The paragraphs are shared out over ``pages`` pages and their ``columns`` columns in
    order; ``header``/``footer`` are drawn on every page, ``{page}`` replaced by its number.
    """
    from PySide6.QtCore import QMarginsF, QRectF, Qt
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setResolution(72)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Point,
        )
    )
    painter = QPainter(writer)
    font = QFont("DejaVu Sans")
    font.setPixelSize(10)
    painter.setFont(font)
    width, height = 595.0, 842.0
    margin, gap = 50.0, 30.0
    column_width = (width - 2 * margin - gap * (columns - 1)) / columns
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    items = paragraphs(text)
    slots = pages * columns
    per_slot = -(-len(items) // slots)
    for page in range(pages):
        if page:
            writer.newPage()
        if header:
            painter.drawText(QRectF(margin, 20, 400, 14), 0, header.format(page=page + 1))
        if footer:
            painter.drawText(QRectF(margin, height - 30, 400, 14), 0, footer.format(page=page + 1))
        for column in range(columns):
            x = margin + column * (column_width + gap)
            y = 60.0
            slot = page * columns + column
            for paragraph in items[slot * per_slot : (slot + 1) * per_slot]:
                bound = painter.boundingRect(QRectF(x, y, column_width, 1000), flags, paragraph)
                painter.drawText(QRectF(x, y, column_width, bound.height()), flags, paragraph)
                y += bound.height() + 12
    painter.end()
    return path


def write_docx(
    path: Path,
    text: str = LEGAL_UPDATE,
    *,
    table: list[list[str]] | None = None,
    header: str | None = None,
    footer: str | None = None,
) -> Path:
    import docx

    document = docx.Document()
    for paragraph in paragraphs(text):
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    document.save(str(path))
    return path


def html_page(text: str = LEGAL_UPDATE) -> str:
    """A saved law-firm newsletter page: menus, a cookie banner and a footer around it."""
    items = paragraphs(text)
    body = "\n".join(f"      <p>{p}</p>" for p in items[1:])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{items[0]} | Example Law Firm</title>
<style>body {{ font-family: sans-serif; }}</style>
<script>window.dataLayer = [];</script></head>
<body>
  <div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience.
    <button>Accept all cookies</button></div>
  <header class="site-header"><a href="/">Example Law Firm</a>
    <nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/people">People</a></li>
    <li><a href="/insights">Insights</a></li><li><a href="/contact">Contact</a></li></ul></nav>
  </header>
  <div class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/insights">Insights</a></div>
  <main><article>
      <h1>{items[0]}</h1>
{body}
      <div class="share">Share on LinkedIn | Share on X</div>
  </article>
  <aside class="sidebar"><h3>Related insights</h3><ul><li><a href="/a">Tax changes 2020</a></li></ul>
  </aside></main>
  <footer><p>© 2021 Example Law Firm. All rights reserved.</p>
    <p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>
</body></html>
"""


def news_page(text: str = LEGAL_UPDATE) -> str:
    """A news site's page: no <main>, div soup, a menu, related stories and a footer."""
    items = paragraphs(text)
    body = "\n".join(f"<p>{p}</p>" for p in items[1:])
    return f"""<html><head><title>News</title></head><body>
<div class="top-bar">Subscribe | Log in | EN RU AZ</div>
<div class="menu"><a href="/">Politics</a> <a href="/">Economy</a> <a href="/">Society</a></div>
<div class="cookie-notice">This site uses cookies. <a href="/cookies">Learn more</a></div>
<div class="content"><div class="post">
<div class="post-title"><h2>{items[0]}</h2></div>
<div class="post-date">03.03.2021 14:20</div>
<div class="post-body">{body}</div>
</div></div>
<div class="related"><h4>Read also</h4><ul><li><a href="/x">Parliament adjourns</a></li>
<li><a href="/y">Weather: rain expected</a></li></ul></div>
<div id="footer">Copyright News Agency 2021. Contacts: info@example.org</div>
</body></html>
"""


def write_html(path: Path, text: str = LEGAL_UPDATE, *, news: bool = False) -> Path:
    path.write_text(news_page(text) if news else html_page(text), encoding="utf-8")
    return path


def write_eml(
    path: Path,
    text: str = LEGAL_UPDATE,
    *,
    html: bool = False,
    attachments: list[tuple[str, str, bytes]] = (),  # type: ignore[assignment]
) -> Path:
    """An e-mail as a mail client saves it: headers, a body, attachments (name, MIME type, bytes)."""
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "Example Law Firm <updates@example.org>"
    message["To"] = "consultant@example.org"
    message["Subject"] = "Legal update: electronic invoices"
    message["Date"] = "Wed, 10 Mar 2021 09:30:00 +0400"
    if html:
        message.set_content(html_page(text), subtype="html")
    else:
        message.set_content(text)
    for name, mime, data in attachments:
        maintype, subtype = mime.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    path.write_bytes(bytes(message))
    return path


SECOND_UPDATE = """Amendments to the Labour Code

The Law No. 345-VIIQD of the Republic of Azerbaijan dated May 18, 2021 amends the Labour Code.

The Law enters into force on June 1, 2021.
"""
