"""Scanned PDFs and images go in through Tesseract, and what OCR read is marked for review.

The scans are made here: text drawn large on a white QImage (about 150 dpi), saved as
a PNG and embedded as a picture in a PDF with no text layer. The same measure must come
out of both, with every fact at a confidence below 1 asking for review.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lawtracker.ingestion import readers
from lawtracker.ingestion.formats import ocr
from lawtracker.ingestion.formats import pdf as pdf_format
from lawtracker.ingestion.formats.layout import PageLayout
from lawtracker.ingestion.pipeline import FileStatus, ingest_paths
from lawtracker.storage.db import make_engine, session_scope
from lawtracker.storage.migrate import upgrade_to_head
from lawtracker.storage.originals import find_layout, originals_dir
from lawtracker.storage.tables import Event, Measure, MeasureSource, Source

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="tesseract is not on PATH (scripts/bootstrap.sh test installs it)",
)

SENTENCE = [
    "Resolution No. 77 of the Cabinet of Ministers of the",
    "Republic of Azerbaijan dated March 3, 2021 approves",
    "the Rules on the State Register of Legal Acts.",
]
DPI = 150
A4_PIXELS = (int(8.27 * DPI), int(11.69 * DPI))


def scan_image(lines: list[str]):
    """A white A4 page at ``DPI`` with ``lines`` in black 28 px type, as a QImage."""
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    image = QImage(*A4_PIXELS, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    font = QFont("DejaVu Sans")
    font.setPixelSize(28)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    for index, line in enumerate(lines):
        painter.drawText(100, 200 + index * 50, line)
    painter.end()
    return image


def write_png(path: Path, lines: list[str]) -> Path:
    assert scan_image(lines).save(str(path), "PNG")
    return path


def write_scanned_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF whose pages are only pictures of text (no text layer), as a scanner writes."""
    from PySide6.QtCore import QMarginsF, QRectF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    painter = QPainter(writer)
    for index, lines in enumerate(pages):
        if index:
            writer.newPage()
        painter.drawImage(QRectF(0, 0, writer.width(), writer.height()), scan_image(lines))
    painter.end()
    del writer
    return path


@pytest.fixture
def engine(tmp_path: Path):
    engine = make_engine(tmp_path / "store.sqlite3")
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


def refused(engine, path: Path) -> str:
    """The one line the import gives ``path``, after checking nothing was kept of it."""
    (result,) = ingest_paths([path], engine=engine).results
    assert result.status == FileStatus.FAILED, result
    assert "\n" not in result.line() and path.name in result.line()
    with session_scope(engine) as session:
        assert session.execute(select(func.count()).select_from(Source)).scalar_one() == 0
    assert not originals_dir().exists() or not any(originals_dir().rglob("*.*"))
    return result.message


def stored_measure(engine) -> tuple[Measure, list[Event], Source]:
    with session_scope(engine) as session:
        measure = session.execute(select(Measure).where(Measure.number == "77")).scalar_one()
        events = list(
            session.execute(select(Event).where(Event.measure_id == measure.id)).scalars()
        )
        source = session.execute(
            select(Source)
            .join(MeasureSource, MeasureSource.source_id == Source.id)
            .where(MeasureSource.measure_id == measure.id)
        ).scalar_one()
        session.expunge_all()
    return measure, events, source


@needs_tesseract
@pytest.mark.parametrize("kind", ["pdf", "png"])
def test_scan_yields_the_measure_marked_for_review(engine, tmp_path: Path, qapp, kind) -> None:
    if kind == "pdf":
        path = write_scanned_pdf(tmp_path / "resolution.pdf", [SENTENCE])
    else:
        path = write_png(tmp_path / "resolution.png", SENTENCE)
    started = time.perf_counter()
    (result,) = ingest_paths([path], engine=engine).results
    assert time.perf_counter() - started < 10
    assert result.status == FileStatus.ADDED, result
    measure, events, source = stored_measure(engine)
    assert measure.instrument == "resolution", measure
    assert measure.jurisdiction == "AZ"
    assert events and all(str(e.date) == "2021-03-03" for e in events), events
    assert all(e.confidence < 1 and e.needs_review for e in events)
    assert measure.confidence < 1
    assert source.ocr_damaged
    stored = find_layout(source.sha256)
    assert stored is not None
    layout = PageLayout.from_json(stored.read_text(encoding="utf-8"))
    (page,) = layout.pages
    boxes = layout.boxes_for(0, len("Resolution"))
    assert page.lines and boxes and boxes[0][0] == 0
    x0, top, _, bottom = boxes[0][1]
    if kind == "pdf":  # points on the A4 page: the text was drawn at 100, 200 px (150 dpi)
        assert abs(x0 - 100 * 72 / DPI) < 6 and 0 < top < 200 * 72 / DPI < bottom + 6


@needs_tesseract
def test_text_pages_and_scanned_pages_in_one_pdf(tmp_path: Path, qapp) -> None:
    """Only the scanned page is read by OCR, and only its text is marked as OCR text."""
    from tests.ingestion.format_docs import write_pdf

    text_pdf = write_pdf(tmp_path / "text.pdf", "The Law on Notaries was amended.")
    scan_pdf = write_scanned_pdf(tmp_path / "scan.pdf", [SENTENCE])
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    for part in (text_pdf, scan_pdf):
        source = pdfium.PdfDocument(part)
        merged.import_pages(source)
    out = tmp_path / "mixed.pdf"
    merged.save(out)
    raw = readers.read_document(out)
    assert raw.text.startswith("The Law on Notaries was amended.")
    ((start, end),) = raw.ocr_regions
    assert start > 0 and end == len(raw.text)
    assert "Resolution No. 77" in raw.text[start:end]


def test_tsv_lines_in_points() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "1\t1\t0\t0\t0\t0\t0\t0\t200\t400\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t20\t40\t40\t10\t96\tLaw\n"
        "5\t1\t1\t1\t1\t2\t70\t42\t20\t10\t95\tNo.\n"
        "5\t1\t1\t1\t1\t3\t96\t42\t20\t10\t95\t \n"
    )
    (page,) = ocr.tsv_pages(tsv, scale=2.0)
    assert (page.width, page.height) == (100, 200)
    (line,) = page.lines
    assert (line.text, line.x0, line.top, line.x1, line.bottom) == ("Law No.", 10, 20, 45, 26)


def test_pgm_drops_row_padding() -> None:
    assert ocr.pgm(2, 2, 4, b"ab..cd..") == b"P5\n2 2\n255\nabcd"


def test_tesseract_missing(engine, tmp_path: Path, qapp, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    path = write_png(tmp_path / "scan.png", SENTENCE)
    message = refused(engine, path)
    assert "install Tesseract" in message and "not found" in message
    pdf = write_scanned_pdf(tmp_path / "scan.pdf", [SENTENCE])
    assert "install Tesseract" in refused(engine, pdf)


@needs_tesseract
def test_blank_image_has_no_text(engine, tmp_path: Path, qapp) -> None:
    path = write_png(tmp_path / "blank.png", [])
    assert "OCR found no text in the image" in refused(engine, path)


@needs_tesseract
def test_blank_scanned_pdf(engine, tmp_path: Path, qapp) -> None:
    path = write_scanned_pdf(tmp_path / "blank.pdf", [[]])
    assert "OCR found no text" in refused(engine, path)


def test_too_many_scanned_pages(engine, tmp_path: Path, qapp, monkeypatch) -> None:
    monkeypatch.setattr(ocr, "MAX_OCR_PAGES", 2)
    path = write_scanned_pdf(tmp_path / "long.pdf", [["One"], ["Two"], ["Three"]])
    message = refused(engine, path)
    assert "3 scanned pages is more than the 2-page limit for OCR" in message


@needs_tesseract
def test_page_timeout(engine, tmp_path: Path, qapp, monkeypatch) -> None:
    monkeypatch.setattr(ocr, "PAGE_TIMEOUT", 0.001)
    path = write_scanned_pdf(tmp_path / "slow.pdf", [SENTENCE])
    assert "OCR of page 1 took longer than" in refused(engine, path)


def test_images_are_a_supported_type_with_a_limit() -> None:
    for suffix in (".png", ".jpg", ".jpeg", ".tif", ".tiff"):
        assert readers.is_supported(f"scan{suffix}")
    assert readers.size_limits()["Image"] == 50 * 1024 * 1024
    assert pdf_format.MAX_PAGES >= ocr.MAX_OCR_PAGES
