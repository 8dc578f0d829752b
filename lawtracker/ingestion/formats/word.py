"""Word documents (.docx) read with the standard library: body paragraphs and tables in
order, headers and footers, footnotes and the title.

A .docx is a zip of XML parts, so ``zipfile`` and ``pyexpat`` are enough; python-docx
and lxml would add about 10 MB to the installed bundle. Parts are found the way Word
finds them (through the package's relationships), Strict Open XML included.

Untrusted input: a password-protected .docx is an OLE container, not a zip, and is
named as such, as is a zip that holds no Word document. Zip members are checked
against a size limit before anything is inflated (a zip bomb stops there), and
``zipfile`` never inflates a member past its declared size. Word never writes a DTD,
so a part that declares one is refused before any entity is declared or expanded
(no entity expansion bombs, no external entities; the defusedxml rules).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from urllib.parse import unquote
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

from lawtracker.errors import ParseError
from lawtracker.ingestion.formats import Extracted

MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_W_URI = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Strict Open XML names the same elements in other namespaces: read them as transitional.
_STRICT = {
    "http://purl.oclc.org/ooxml/wordprocessingml/main": _W_URI,
    "http://purl.oclc.org/ooxml/officeDocument/relationships": _R_URI,
}
_W = "{" + _W_URI + "}"
_R_ID = "{" + _R_URI + "}id"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"

_P, _TBL, _TR, _TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_R, _T = _W + "r", _W + "t"
_SDT, _SDT_CONTENT, _CUSTOM_XML = _W + "sdt", _W + "sdtContent", _W + "customXml"
# Inside a run: what stands for text (w:br is handled apart, by its type).
_RUN_TEXT = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
# Inside a paragraph: elements whose runs show as text (deleted and moved-away runs do not).
_INLINE_WRAPPERS = frozenset(
    _W + tag
    for tag in ("hyperlink", "ins", "moveTo", "smartTag", "fldSimple", "customXml", "bdo", "dir")
)
_NOTE_SEPARATORS = ("separator", "continuationSeparator", "continuationNotice")


class _DtdRefusedError(Exception):
    """A part declares a DTD: never written by Word, the way in for entity attacks."""


def read_docx(data: bytes, name: str) -> Extracted:
    if data.startswith(_OLE_MAGIC):
        raise ParseError(
            f"{name}: a password-protected Word file (or an old .doc saved as .docx); "
            "save it as an unprotected .docx and import that"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise ParseError(f"{name}: not a Word document (.docx is a zip; this is not)") from None
    with archive:
        try:
            return _read_package(_Package(archive), name)
        except _DtdRefusedError:
            raise ParseError(
                f"{name}: refused: it declares a DTD, which Word documents never contain"
            ) from None
        except (
            expat.ExpatError,
            KeyError,
            ValueError,
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            NotImplementedError,  # an unsupported compression method
            RuntimeError,  # an encrypted zip member; RecursionError on absurd nesting
        ) as exc:
            raise ParseError(f"{name}: a damaged Word document ({exc})") from None


class _Package:
    """The zip's parts and relationships (Open Packaging Conventions)."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names = set(archive.namelist())

    def unpacked_size(self) -> int:
        return sum(info.file_size for info in self.archive.infolist())

    def xml(self, part: str) -> Element:
        with self.archive.open(part) as member:
            return _parse_xml(member.read(MAX_UNZIPPED_BYTES + 1))

    def related(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type's last word, target part) of ``part`` ("" = the package)."""
        folder, file = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{file}.rels")
        if rels not in self.names:
            return {}
        found = {}
        for rel in self.xml(rels).iter(_REL):
            target, kind = rel.get("Target", ""), rel.get("Type", "")
            if rel.get("TargetMode") == "External" or not target:
                continue
            target = unquote(target)
            if target.startswith("/"):
                path = target.lstrip("/")
            else:
                path = posixpath.normpath(posixpath.join(folder, target))
            found[rel.get("Id", "")] = (kind.rsplit("/", 1)[-1], path)
        return found

    def first_of(self, part: str, kind: str, fallback: str) -> str | None:
        """The first part of relationship type ``kind``, else ``fallback`` if it exists."""
        for found_kind, target in self.related(part).values():
            if found_kind == kind and target in self.names:
                return target
        return fallback if fallback in self.names else None


def _read_package(package: _Package, name: str) -> Extracted:
    main = package.first_of("", "officeDocument", "word/document.xml")
    if main is None:
        raise ParseError(f"{name}: a zip file but not a Word document (no word/document.xml)")
    if package.unpacked_size() > MAX_UNZIPPED_BYTES:
        raise ParseError(
            f"{name}: unpacks to more than {MAX_UNZIPPED_BYTES // 1_048_576} MB "
            "(the limit for one Word document)"
        )
    root = package.xml(main)
    body = root.find(_W + "body")
    if root.tag != _W + "document" or body is None:
        raise ParseError(f"{name}: a zip file but not a Word document (no document body)")
    related = package.related(main)
    heads, feet = _running_parts(body, related)
    blocks: list[str] = []
    seen_heads: set[str] = set()
    for part in heads:
        blocks.extend(_new_texts(package, part, seen_heads))
    blocks.extend(_blocks(body))
    footnotes = package.first_of(main, "footnotes", "word/footnotes.xml")
    if footnotes:
        blocks.extend(_footnotes(package.xml(footnotes)))
    for part in feet:
        blocks.extend(_new_texts(package, part, seen_heads))
    text = "\n\n".join(b for b in blocks if b)
    return Extracted(text + "\n" if text else "", "docx", title=_title(package))


def _running_parts(
    body: Element, related: dict[str, tuple[str, str]]
) -> tuple[list[str], list[str]]:
    """Each section's own default header and footer parts, sections in document order.

    A section without a default header (or footer) of its own shows the previous
    one's, which is already listed.
    """
    sections = [p.find(f"{_W}pPr/{_W}sectPr") for p in body.iterfind(_P)]
    sections.append(body.find(_W + "sectPr"))
    found: tuple[list[str], list[str]] = ([], [])
    for section in sections:
        if section is None:
            continue
        for kind, parts in zip(("header", "footer"), found, strict=True):
            for reference in section.iterfind(f"{_W}{kind}Reference"):
                if reference.get(_W + "type", "default") != "default":
                    continue
                target = related.get(reference.get(_R_ID, ""))
                if target and target[0] == kind:
                    parts.append(target[1])
    return found


def _new_texts(package: _Package, part: str, seen: set[str]) -> list[str]:
    """The blocks of a header or footer part not shown already (repeated running heads)."""
    if part not in package.names:
        return []
    texts = []
    for text in _blocks(package.xml(part)):
        if text and text not in seen:
            seen.add(text)
            texts.append(text)
    return texts


def _blocks(container: Element) -> Iterator[str]:
    """The paragraphs and tables of a body, header, footer or cell, in document order."""
    for child in _unwrapped(container):
        if child.tag == _P:
            yield _clean(_paragraph_text(child))
        elif child.tag == _TBL:
            yield _table(child)


def _unwrapped(container: Element) -> Iterator[Element]:
    """Children, with content controls and custom XML replaced by what they hold."""
    for child in container:
        if child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _unwrapped(content)
        elif child.tag == _CUSTOM_XML:
            yield from _unwrapped(child)
        else:
            yield child


def _paragraph_text(paragraph: Element) -> str:
    """What Word shows of a paragraph's runs (field codes, deletions and drawings left out)."""
    parts: list[str] = []
    for child in paragraph:
        if child.tag == _R:
            for item in child:
                if item.tag == _T:
                    parts.append(item.text or "")
                elif item.tag == _W + "br":
                    parts.append("\n")
                elif item.tag in _RUN_TEXT:
                    parts.append(_RUN_TEXT[item.tag])
        elif child.tag in _INLINE_WRAPPERS:
            parts.append(_paragraph_text(child))
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                parts.append(_paragraph_text(content))
    return "".join(parts)


def _table(table: Element) -> str:
    """One line per row, its cells joined with " | " (merged cells once).

    A cell continuing a vertical merge reads as the cell it continues, so each row
    line stands on its own.
    """
    lines = []
    merged_above: dict[int, str] = {}  # layout-grid column → text of the cell there
    for row in _unwrapped(table):
        if row.tag != _TR:
            continue
        before = row.find(f"{_W}trPr/{_W}gridBefore")
        column = _int(before.get(_W + "val") if before is not None else None, 0)
        cells: list[str] = []
        for cell in _unwrapped(row):
            if cell.tag != _TC:
                continue
            span = cell.find(f"{_W}tcPr/{_W}gridSpan")
            width = max(1, _int(span.get(_W + "val") if span is not None else None, 1))
            merge = cell.find(f"{_W}tcPr/{_W}vMerge")
            if merge is not None and merge.get(_W + "val", "continue") != "restart":
                text = merged_above.get(column, "")
            else:
                text = " ".join(_clean(block) for block in _blocks(cell) if block.strip())
            for spanned in range(column, column + width):
                merged_above[spanned] = text
            column += width
            if not cells or cells[-1] != text:
                cells.append(text)
        if any(cells):
            lines.append(" | ".join(cells))
    return "\n".join(lines)


def _footnotes(root: Element) -> list[str]:
    """Footnote texts, numbered as Word shows them (separators skipped)."""
    notes = []
    for note in root.iter(_W + "footnote"):
        if note.get(_W + "type") in _NOTE_SEPARATORS:
            continue
        text = _clean(" ".join(_paragraph_text(p) for p in note.iter(_P)))
        if text:
            notes.append(f"{len(notes) + 1} {text}")
    return notes


def _title(package: _Package) -> str | None:
    core = package.first_of("", "core-properties", "docProps/core.xml")
    if core is None:
        return None
    title = package.xml(core).find(_DC_TITLE)
    if title is None:
        return None
    return (title.text or "").strip() or None


def _parse_xml(data: bytes) -> Element:
    """One XML part as an element tree, read by expat with every DTD refused.

    ``xml.etree`` itself expands internal entities (expat only limits their growth)
    and has no switch to forbid DTDs, hence expat's handlers here: a DOCTYPE stops
    the parse before any declaration in it is read; parameter entities and
    external entities are never loaded.
    """
    builder = TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    names: dict[str, str] = {}

    def fix(raw: str) -> str:
        name = names.get(raw)
        if name is None:
            uri, separator, local = raw.rpartition("}")
            name = names[raw] = f"{{{_STRICT.get(uri, uri)}}}{local}" if separator else raw
        return name

    def start(tag: str, attributes: dict[str, str]) -> None:
        builder.start(fix(tag), {fix(key): value for key, value in attributes.items()})

    def refuse(*_: object) -> None:
        raise _DtdRefusedError

    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end(fix(tag))
    parser.CharacterDataHandler = builder.data
    parser.buffer_text = True
    parser.Parse(data, True)
    return builder.close()


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _clean(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())
