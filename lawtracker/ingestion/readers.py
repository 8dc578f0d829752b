"""Turn a file on disk into text, or say clearly why it cannot be read.

The reader is chosen by file suffix from ``FORMATS``; each format lives in its
own module under ``lawtracker.ingestion.formats`` and reads bytes, so an
e-mail's attachments go through :func:`read_bytes` exactly like files. Every
format has a size limit a user can be told (``size_limits``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lawtracker.errors import ParseError
from lawtracker.ingestion.formats import Attachment, Extracted, PageLayout
from lawtracker.ingestion.formats.eml import read_eml
from lawtracker.ingestion.formats.ocr import read_image
from lawtracker.ingestion.formats.pdf import read_pdf
from lawtracker.ingestion.formats.text import read_text
from lawtracker.ingestion.formats.web import read_html
from lawtracker.ingestion.formats.word import read_docx

_MB = 1024 * 1024
MAX_FILE_BYTES = 10 * _MB  # plain text and web pages


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    read: Callable[[bytes, str], Extracted]
    max_bytes: int


FORMATS: tuple[Format, ...] = (
    Format("Text", (".txt", ".md", ".markdown", ".text"), read_text, MAX_FILE_BYTES),
    Format("PDF", (".pdf",), read_pdf, 200 * _MB),
    Format("Word", (".docx",), read_docx, 50 * _MB),
    Format("Web page", (".html", ".htm"), read_html, MAX_FILE_BYTES),
    Format("E-mail", (".eml",), read_eml, 50 * _MB),
    # Read by OCR (Tesseract); a TIFF may hold many pages.
    Format("Image", (".png", ".jpg", ".jpeg", ".tif", ".tiff"), read_image, 50 * _MB),
)
_BY_SUFFIX = {suffix: fmt for fmt in FORMATS for suffix in fmt.suffixes}


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A read document: its text, the bytes it came from, and what its format told."""

    path: Path
    text: str
    sha256: str
    encoding: str
    data: bytes = b""
    title: str | None = None
    date: object = None  # datetime.date of an e-mail's Date header
    layout: PageLayout | None = None
    attachments: tuple[Attachment, ...] = ()
    ocr_regions: tuple[tuple[int, int], ...] = ()  # text read by OCR: its facts need review

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()


def supported_suffixes() -> list[str]:
    return sorted(_BY_SUFFIX)


def is_supported(name: str) -> bool:
    return Path(name).suffix.lower() in _BY_SUFFIX


def size_limits() -> dict[str, int]:
    """Format name → the largest file of it that is read, in bytes."""
    return {fmt.name: fmt.max_bytes for fmt in FORMATS}


def unsupported_reason(name: str, *, with_supported: bool = True) -> str:
    reason = f"unsupported file type '{Path(name).suffix or 'none'}'"
    if not with_supported:
        return reason
    return f"{reason} (supported: {', '.join(supported_suffixes())})"


# An e-mail's images are logos, signatures and photos far more often than scans of a
# text: they are listed as not read rather than sent through OCR.
_NOT_READ_AS_ATTACHMENT = frozenset((".png", ".jpg", ".jpeg", ".tif", ".tiff"))


def attachment_skip_reason(name: str) -> str | None:
    """Why an e-mail's attachment ``name`` is not read, or None when it is."""
    if not is_supported(name):
        return unsupported_reason(name, with_supported=False)
    if Path(name).suffix.lower() in _NOT_READ_AS_ATTACHMENT:
        return "an image in an e-mail is not read by OCR (import it on its own to read it)"
    return None


def read_document(path: Path) -> RawDocument:
    """Read one file; raise ``ParseError`` naming the file and the reason."""
    if not path.is_file():
        raise ParseError(f"{path.name}: not a file")
    if not is_supported(path.name):
        raise ParseError(f"{path.name}: {unsupported_reason(path.name)}")
    _check_size(path.name, path.stat().st_size)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"{path.name}: cannot be read ({exc.strerror or exc})") from exc
    return read_bytes(path, data)


def read_bytes(path: Path, data: bytes) -> RawDocument:
    """Read ``data`` as the format ``path``'s suffix names (a file or an attachment)."""
    if not is_supported(path.name):
        raise ParseError(f"{path.name}: {unsupported_reason(path.name)}")
    _check_size(path.name, len(data))
    extracted = _BY_SUFFIX[path.suffix.lower()].read(data, path.name)
    if not extracted.text.strip() and not extracted.attachments:
        raise ParseError(f"{path.name}: contains only white space")
    return RawDocument(
        path,
        extracted.text,
        hashlib.sha256(data).hexdigest(),
        extracted.encoding,
        data,
        extracted.title,
        extracted.date,
        extracted.layout,
        extracted.attachments,
        extracted.ocr_regions,
    )


def _check_size(name: str, size: int) -> None:
    if size == 0:
        raise ParseError(f"{name}: the file is empty")
    limit = _BY_SUFFIX[Path(name).suffix.lower()]
    if size > limit.max_bytes:
        raise ParseError(
            f"{name}: {size / _MB:.0f} MB is larger than the "
            f"{limit.max_bytes // _MB} MB limit for one {limit.name.lower()} document"
        )
