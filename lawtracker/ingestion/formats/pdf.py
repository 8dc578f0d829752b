"""PDF with a text layer, through PDFium (pypdfium2): text in reading order plus line boxes.

PDFium gives characters with boxes and its own line breaks; ``pdf_order``
turns those lines into text. A PDF without any text (a scan) is refused
with a clear line until OCR reads it.
"""

from __future__ import annotations

from lawtracker.errors import ParseError
from lawtracker.ingestion.formats import Extracted
from lawtracker.ingestion.formats.pdf_order import Line, Page, layout_text

MAX_PAGES = 500
_WORD_GAP = 3.0  # a gap wider than this many line heights splits a PDFium line (columns)


def read_pdf(data: bytes, name: str) -> Extracted:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ParseError(
                f"{name}: the PDF is password-protected; save an unprotected copy and import that"
            ) from None
        raise ParseError(f"{name}: not a readable PDF (damaged or not a PDF)") from None
    try:
        count = len(document)
        if count > MAX_PAGES:
            raise ParseError(
                f"{name}: {count} pages is more than the {MAX_PAGES}-page limit for one PDF"
            )
        pages = [_read_page(document, index) for index in range(count)]
    except pdfium.PdfiumError as exc:
        raise ParseError(f"{name}: a page of the PDF cannot be read ({exc})") from None
    finally:
        document.close()
    text, layout = layout_text(pages)
    if not text.strip():
        raise ParseError(
            f"{name}: the PDF has no text layer (a scan?): lawtracker cannot read scans yet"
        )
    return Extracted(text, "pdf", layout=layout)


def _read_page(document: object, index: int) -> Page:
    page = document[index]  # type: ignore[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            lines = _lines(textpage, height)
        finally:
            textpage.close()
    finally:
        page.close()
    return Page(width, height, lines)


def _lines(textpage: object, height: float) -> list[Line]:
    """PDFium's lines (split at its generated line breaks and at wide gaps), boxes top-left."""
    count = textpage.count_chars()  # type: ignore[attr-defined]
    text = textpage.get_text_range(0, count)  # type: ignore[attr-defined]
    lines: list[Line] = []
    chars: list[tuple[str, tuple[float, float, float, float]]] = []

    def flush() -> None:
        glyphs = [(ch, box) for ch, box in chars if not ch.isspace()]
        if glyphs:
            words = "".join(ch for ch, _ in chars).strip()
            x0 = min(b[0] for _, b in glyphs)
            x1 = max(b[2] for _, b in glyphs)
            bottom = min(b[1] for _, b in glyphs)
            top = max(b[3] for _, b in glyphs)
            lines.append(Line(" ".join(words.split()), x0, height - top, x1, height - bottom))
        chars.clear()

    for index, ch in enumerate(text[:count]):
        if ch in "\r\n":
            flush()
            continue
        box = textpage.get_charbox(index)  # type: ignore[attr-defined]
        if chars and not ch.isspace():
            last = next((b for c, b in reversed(chars) if not c.isspace()), None)
            size = max(box[3] - box[1], 1.0)
            if last is not None and box[0] - last[2] > _WORD_GAP * size * 2:
                flush()
        chars.append((ch, box))
    flush()
    return lines
