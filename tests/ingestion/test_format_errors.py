"""Bad input in each format: one clear line naming the file, and nothing stored."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lawtracker.ingestion import readers
from lawtracker.ingestion.formats import pdf as pdf_format
from lawtracker.ingestion.pipeline import FileStatus, ingest_paths
from lawtracker.storage.db import make_engine, session_scope
from lawtracker.storage.migrate import upgrade_to_head
from lawtracker.storage.originals import originals_dir
from lawtracker.storage.tables import Source
from tests.ingestion.format_docs import write_docx, write_pdf


@pytest.fixture
def engine(tmp_path: Path):
    engine = make_engine(tmp_path / "store.sqlite3")
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


def refused(engine, path: Path) -> str:
    """The one line the import gives ``path``, after checking nothing was kept of it."""
    report = ingest_paths([path], engine=engine)
    (result,) = report.results
    assert result.status == FileStatus.FAILED, result
    assert "\n" not in result.line() and path.name in result.line()
    with session_scope(engine) as session:
        assert session.execute(select(func.count()).select_from(Source)).scalar_one() == 0
    assert not originals_dir().exists() or not any(originals_dir().rglob("*.*"))
    return result.message


def encrypted_pdf(path: Path, qapp) -> Path:
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(path.with_name("plain.pdf"))
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    with path.open("wb") as out:
        writer.write(out)
    return path


def test_password_protected_pdf(engine, tmp_path: Path, qapp) -> None:
    message = refused(engine, encrypted_pdf(tmp_path / "locked.pdf", qapp))
    assert "password-protected" in message


def test_corrupt_pdf(engine, tmp_path: Path, qapp) -> None:
    whole = write_pdf(tmp_path / "whole.pdf").read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(whole[: len(whole) // 3])
    assert "not a readable PDF" in refused(engine, broken)
    fake = tmp_path / "fake.pdf"
    fake.write_text("this is not a PDF at all\n")
    assert "not a readable PDF" in refused(engine, fake)


def test_pdf_over_the_page_limit(engine, tmp_path: Path, qapp, monkeypatch) -> None:
    monkeypatch.setattr(pdf_format, "MAX_PAGES", 3)
    path = write_pdf(tmp_path / "bomb.pdf", "One.\\n\\nTwo.\\n\\nThree.\\n\\nFour.", pages=4)
    assert "4 pages is more than the 3-page limit" in refused(engine, path)


def test_pdf_over_the_size_limit(engine, tmp_path: Path, qapp, monkeypatch) -> None:
    fmt = readers._BY_SUFFIX[".pdf"]
    monkeypatch.setitem(readers._BY_SUFFIX, ".pdf", dataclasses.replace(fmt, max_bytes=1000))
    path = write_pdf(tmp_path / "big.pdf")
    assert "limit for one pdf document" in refused(engine, path)


def test_pdf_without_a_text_layer(engine, tmp_path: Path, qapp) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter, QPdfWriter

    path = tmp_path / "scan.pdf"
    writer = QPdfWriter(str(path))
    painter = QPainter(writer)
    painter.fillRect(QRectF(100, 100, 2000, 800), 0)
    painter.end()
    del writer
    assert "no text layer" in refused(engine, path)


def test_password_protected_docx(engine, tmp_path: Path) -> None:
    # Word saves a protected document as an OLE compound file (this magic), not a zip.
    path = tmp_path / "locked.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"EncryptedPackage")
    assert "password-protected" in refused(engine, path)


def test_zip_that_is_not_a_docx(engine, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    path = tmp_path / "archive.docx"
    path.write_bytes(buffer.getvalue())
    assert "not a Word document" in refused(engine, path)
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"PK\x03\x04 but then nothing")
    assert "not a Word document" in refused(engine, junk)


def test_docx_that_unpacks_too_large(engine, tmp_path: Path, monkeypatch) -> None:
    from lawtracker.ingestion.formats import word

    monkeypatch.setattr(word, "MAX_UNZIPPED_BYTES", 1000)
    path = write_docx(tmp_path / "bomb.docx")
    assert "unpacks to more than" in refused(engine, path)


def test_docx_declaring_a_dtd(engine, tmp_path: Path) -> None:
    # Word never writes a DTD; one here is an entity-expansion ("billion laughs") or
    # external-entity attempt, refused before any entity is read.
    path = write_docx(tmp_path / "laughs.docx")
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    dtd = b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    document = parts["word/document.xml"]
    declaration_end = document.index(b"?>") + 2
    parts["word/document.xml"] = document[:declaration_end] + dtd + document[declaration_end:]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert "declares a DTD" in refused(engine, path)


def test_an_eml_that_is_not_an_email(engine, tmp_path: Path) -> None:
    path = tmp_path / "notes.eml"
    path.write_text("just some notes\nwith no headers\n")
    assert "not an e-mail" in refused(engine, path)


def test_a_web_page_with_no_text(engine, tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav>Home | News</nav><script>x()</script></body></html>")
    assert "only white space" in refused(engine, path)
