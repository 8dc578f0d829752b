"""PDF with a text layer, through PDFium (pypdfium2): text in reading order plus line boxes.

PDFium gives characters with boxes and its own line breaks; ``pdf_order``
turns those lines into text. A page with (almost) no text but an image on it
is a scan: it is rendered and read by OCR (``ocr.py``), and its text is
recorded as OCR text so that its facts are reviewed.
"""

from __future__ import annotations

from collections.abc import Iterator

from lawtracker.errors import ParseError
from lawtracker.ingestion.formats import Extracted, ocr
from lawtracker.ingestion.formats.layout import PageLayout
from lawtracker.ingestion.formats.pdf_order import Line, Page, layout_text

MAX_PAGES = 500
_SCAN_MAX_CHARS = 16  # a page with an image and fewer letters than this is a scan
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
        read = [_read_page(document, index) for index in range(count)]
        scans = [index for index, (_, scanned) in enumerate(read) if scanned]
        if len(scans) > ocr.MAX_OCR_PAGES:
            raise ParseError(
                f"{name}: {len(scans)} scanned pages is more than the "
                f"{ocr.MAX_OCR_PAGES}-page limit for OCR of one PDF; split it and import the parts"
            )
        pages = [page for page, _ in read]
        if scans:
            for index, found in ocr.ocr_pages(name, _rendered(document, scans)).items():
                pages[index] = Page(pages[index].width, pages[index].height, found.lines)
    except pdfium.PdfiumError as exc:
        raise ParseError(f"{name}: a page of the PDF cannot be read ({exc})") from None
    finally:
        document.close()
    text, layout = layout_text(pages)
    if not text.strip():
        if scans:
            raise ParseError(f"{name}: OCR found no text on the scanned pages of the PDF")
        raise ParseError(f"{name}: the PDF has no text layer and no scanned page to read")
    return Extracted(text, "pdf", layout=layout, ocr_regions=_regions(layout, scans, len(text)))


def _read_page(document: object, index: int) -> tuple[Page, bool]:
    """The page's text lines, and whether it is a scan to OCR instead."""
    import pypdfium2.raw as pdfium_c

    page = document[index]  # type: ignore[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            lines = _lines(textpage, height)
        finally:
            textpage.close()
        letters = sum(len(line.text.replace(" ", "")) for line in lines)
        scanned = letters < _SCAN_MAX_CHARS and any(
            True for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))
        )
    finally:
        page.close()
    return Page(width, height, lines), scanned


def _rendered(document: object, indexes: list[int]) -> Iterator[tuple[int, float, bytes]]:
    """Each scanned page rendered to grey pixels, one at a time (PDFium is not thread-safe)."""
    for index in indexes:
        page = document[index]  # type: ignore[index]
        try:
            scale = ocr.render_scale(*page.get_size())
            bitmap = page.render(scale=scale, grayscale=True)
            image = ocr.pgm(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
            bitmap.close()
        finally:
            page.close()
        yield index, scale, image


def _regions(layout: PageLayout, scans: list[int], length: int) -> tuple[tuple[int, int], ...]:
    """The text ranges of the scanned pages (a page runs to where the next one starts)."""
    pages = layout.pages
    regions = []
    for index in scans:
        end = pages[index + 1].offset if index + 1 < len(pages) else length
        if end > pages[index].offset:
            regions.append((pages[index].offset, end))
    return tuple(regions)


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
