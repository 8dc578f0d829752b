"""Plain text in the encodings consultants' files come in: UTF-8, UTF-16/32, Windows-1251."""

from __future__ import annotations

import codecs

from lawtracker.errors import ParseError
from lawtracker.ingestion.formats import Extracted

_SNIFF_BYTES = 8192
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_text(data: bytes, name: str) -> Extracted:
    text, encoding = decode(data, name)
    return Extracted(text.replace("\r\n", "\n").replace("\r", "\n"), encoding)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode by BOM, else UTF-16 without BOM, UTF-8, Windows-1251 (Cyrillic), Latin-1.

    cp1251 comes before latin-1 because legal texts from the region are often
    Cyrillic; a text that is none of these is refused as binary.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.removesuffix("-sig")
            except UnicodeDecodeError:
                raise ParseError(f"{name}: starts as {encoding} text but is not") from None
    sniff = data[:_SNIFF_BYTES]
    if b"\x00" in sniff:
        encoding = _utf16_without_bom(sniff)
        if encoding:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                text = ""
            if text and _mostly_printable(text):
                return text, encoding
        raise ParseError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1251", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _mostly_printable(text):
            return text, encoding
    raise ParseError(f"{name}: not a text file in UTF-8, UTF-16, Windows-1251 or Latin-1")


def _utf16_without_bom(sniff: bytes) -> str | None:
    """UTF-16 of mostly Latin or Cyrillic text has a zero (or 0x04) in every other byte."""
    even, odd = sniff[0::2], sniff[1::2]
    if len(odd) < 2:
        return None
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    return None


def _mostly_printable(text: str) -> bool:
    sample = text[:_SNIFF_BYTES]
    if not sample:
        return True
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return control / len(sample) < 0.01
