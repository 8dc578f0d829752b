"""Turn a file on disk into text, or say clearly why it cannot be read.

Readers are chosen by file suffix; each returns the decoded text. Only plain
text and Markdown exist today; PDF or DOCX readers plug into ``READERS``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lawtracker.errors import ParseError

MAX_FILE_BYTES = 10 * 1024 * 1024
_BINARY_SNIFF_BYTES = 8192


@dataclass(frozen=True, slots=True)
class RawDocument:
    path: Path
    text: str
    sha256: str
    encoding: str


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    """Decode as UTF-8, else Windows-1251 (Cyrillic), else Latin-1.

    cp1251 is tried before latin-1 because legal texts from the region are
    often Cyrillic; a text that is valid in neither is treated as binary.
    """
    if b"\x00" in data[:_BINARY_SNIFF_BYTES]:
        raise ParseError(f"{path.name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1251", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _mostly_printable(text):
            return text, encoding
    raise ParseError(f"{path.name}: not a text file in UTF-8, Windows-1251 or Latin-1")


def _mostly_printable(text: str) -> bool:
    sample = text[:_BINARY_SNIFF_BYTES]
    if not sample:
        return True
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return control / len(sample) < 0.01


def read_text_file(path: Path) -> str:
    data = path.read_bytes()
    return _decode(data, path)[0]


READERS: dict[str, Callable[[Path], str]] = {
    ".txt": read_text_file,
    ".md": read_text_file,
    ".markdown": read_text_file,
    ".text": read_text_file,
}


def supported_suffixes() -> list[str]:
    return sorted(READERS)


def read_document(path: Path) -> RawDocument:
    """Read one file; raise ``ParseError`` naming the file and the reason."""
    if not path.is_file():
        raise ParseError(f"{path.name}: not a file")
    if path.suffix.lower() not in READERS:
        raise ParseError(
            f"{path.name}: unsupported file type '{path.suffix or 'none'}' "
            f"(supported: {', '.join(supported_suffixes())})"
        )
    size = path.stat().st_size
    if size == 0:
        raise ParseError(f"{path.name}: the file is empty")
    if size > MAX_FILE_BYTES:
        raise ParseError(
            f"{path.name}: {size / 1_048_576:.0f} MB is larger than the "
            f"{MAX_FILE_BYTES // 1_048_576} MB limit for one document"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"{path.name}: cannot be read ({exc.strerror or exc})") from exc
    text, encoding = _decode(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ParseError(f"{path.name}: contains only white space")
    return RawDocument(path, text, hashlib.sha256(data).hexdigest(), encoding)
