"""Word documents (.docx) through python-docx: body paragraphs and tables in order,
headers and footers, and footnotes (read from the package, python-docx has no API).

A password-protected .docx is an OLE container, not a zip: it is named as such,
as is a zip that holds no Word document. Zip members are checked against a
size limit before anything is inflated (a zip bomb stops there).
"""

from __future__ import annotations

import io
import zipfile

from lawtracker.errors import ParseError
from lawtracker.ingestion.formats import Extracted

MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, name: str) -> Extracted:
    if data.startswith(_OLE_MAGIC):
        raise ParseError(
            f"{name}: a password-protected Word file (or an old .doc saved as .docx); "
            "save it as an unprotected .docx and import that"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ParseError(f"{name}: not a Word document (.docx is a zip; this is not)") from None
    with archive:
        if "word/document.xml" not in archive.namelist():
            raise ParseError(f"{name}: a zip file but not a Word document (no word/document.xml)")
        if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
            raise ParseError(
                f"{name}: unpacks to more than {MAX_UNZIPPED_BYTES // 1_048_576} MB "
                "(the limit for one Word document)"
            )
        footnotes = _footnotes(archive)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ParseError(f"{name}: a damaged Word document ({exc})") from None
    blocks: list[str] = []
    seen_heads: set[str] = set()
    for section in document.sections:
        for head in _head_texts(section.header):
            if head not in seen_heads:
                seen_heads.add(head)
                blocks.append(head)
    blocks.extend(_body(document))
    blocks.extend(footnotes)
    for section in document.sections:
        for foot in _head_texts(section.footer):
            if foot not in seen_heads:
                seen_heads.add(foot)
                blocks.append(foot)
    text = "\n\n".join(b for b in blocks if b)
    title = (document.core_properties.title or "").strip() or None
    return Extracted(text + "\n" if text else "", "docx", title=title)


def _body(document: object) -> list[str]:
    from docx.table import Table

    blocks: list[str] = []
    for item in document.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(item, Table):
            blocks.append(_table(item))
        else:
            blocks.append(_clean(item.text))
    return blocks


def _table(table: object) -> str:
    """One line per row, its cells joined with " | " (merged cells once)."""
    lines = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(_clean(p.text) for p in cell.paragraphs if p.text.strip())
            if not cells or cells[-1] != text:
                cells.append(text)
        if any(cells):
            lines.append(" | ".join(cells))
    return "\n".join(lines)


def _head_texts(part: object) -> list[str]:
    if part.is_linked_to_previous:  # type: ignore[attr-defined]  (none of its own)
        return []
    texts = [_clean(p.text) for p in part.paragraphs]  # type: ignore[attr-defined]
    texts += [_table(t) for t in part.tables]  # type: ignore[attr-defined]
    return [t for t in texts if t]


def _footnotes(archive: zipfile.ZipFile) -> list[str]:
    """Footnote texts, numbered as Word shows them (separators skipped)."""
    if "word/footnotes.xml" not in archive.namelist():
        return []
    from lxml import etree

    root = etree.fromstring(archive.read("word/footnotes.xml"))
    notes = []
    for note in root.iter(f"{_W}footnote"):
        if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = _clean("".join(t.text or "" for t in note.iter(f"{_W}t")))
        if text:
            notes.append(f"{len(notes) + 1} {text}")
    return notes


def _clean(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())
