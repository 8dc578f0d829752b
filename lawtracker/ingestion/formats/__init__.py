"""One reader per document format, each turning bytes into text plus what the format adds.

Readers take bytes, not paths, so that an e-mail's attachments are read exactly
like files. ``lawtracker.ingestion.readers`` picks the reader by suffix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lawtracker.ingestion.formats.layout import PageLayout


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file carried inside another (an e-mail's attachment), read as its own source."""

    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a reader found: the text, and what the format itself says about the document."""

    text: str
    encoding: str = ""
    title: str | None = None
    date: dt.date | None = None
    layout: PageLayout | None = None
    attachments: tuple[Attachment, ...] = ()
    # (start, end) of text read by OCR: its facts need review however clean it looks.
    ocr_regions: tuple[tuple[int, int], ...] = ()


__all__ = ["Attachment", "Extracted", "PageLayout"]
