"""Every format consultants receive goes in and yields what the same text does as .txt.

Inputs are written here (Qt's QPdfWriter, python-docx, hand-written HTML and
e-mail), ingested through the real pipeline into a real SQLite store each.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from lawtracker.ingestion.pipeline import FileStatus, ingest_paths
from lawtracker.storage.db import make_engine, session_scope
from lawtracker.storage.migrate import upgrade_to_head
from lawtracker.storage.originals import find_layout, find_original
from lawtracker.storage.tables import Event, Measure, MeasureSource, Source
from tests.ingestion.format_docs import (
    LEGAL_UPDATE,
    SECOND_UPDATE,
    write_docx,
    write_eml,
    write_html,
    write_pdf,
    write_txt,
)


def new_store(path: Path):
    engine = make_engine(path)
    upgrade_to_head(engine)
    return engine


def facts(engine) -> tuple[set[str], set[tuple[str, str, str]]]:
    """Measure keys and (key, event kind, date) of a store."""
    with session_scope(engine) as session:
        keys = set(session.execute(select(Measure.key)).scalars())
        events = {
            (key, kind, str(date))
            for key, kind, date in session.execute(
                select(Measure.key, Event.kind, Event.date).join(
                    Event, Event.measure_id == Measure.id
                )
            )
        }
    return keys, events


def ingest_one(path: Path, store: Path):
    engine = new_store(store)
    report = ingest_paths([path], engine=engine)
    return engine, report


@pytest.fixture(scope="module")
def txt_facts(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("txt")
    engine, report = ingest_one(write_txt(folder / "update.txt"), folder / "store.sqlite3")
    assert report.results[0].status == FileStatus.ADDED, report.summary()
    found = facts(engine)
    engine.dispose()
    assert "az/resolution/77" in " ".join(found[0]), found
    return found


WRITERS = {
    "pdf": lambda path: write_pdf(path),
    "two-column pdf with running heads": lambda path: write_pdf(
        path,
        columns=2,
        pages=2,
        header="Example Law Firm — Legal update",
        footer="Page {page} of 2",
    ),
    "docx": lambda path: write_docx(path),
    "docx with table, header and footer": lambda path: write_docx(
        path,
        table=[["Act", "Date"], ["Resolution No. 77", "3 March 2021"]],
        header="Example Law Firm",
        footer="Confidential",
    ),
    "html newsletter page": lambda path: write_html(path),
    "html news page": lambda path: write_html(path, news=True),
    "eml": lambda path: write_eml(path),
    "eml with html body": lambda path: write_eml(path, html=True),
    "utf-16 txt": lambda path: (path.write_text(LEGAL_UPDATE, encoding="utf-16"), path)[1],
    "utf-16-le txt without bom": lambda path: (
        path.write_bytes(LEGAL_UPDATE.encode("utf-16-le")) and path
    ),
}
SUFFIX = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "eml": ".eml", "txt": ".txt"}


@pytest.mark.parametrize("kind", list(WRITERS))
def test_each_format_yields_the_measures_of_the_plain_text(
    kind: str, txt_facts, tmp_path: Path, qapp
) -> None:
    suffix = next(SUFFIX[word] for word in kind.split() if word in SUFFIX)
    path = WRITERS[kind](tmp_path / f"update{suffix}")
    engine, report = ingest_one(path, tmp_path / "store.sqlite3")
    try:
        assert [r.status for r in report.results] == [FileStatus.ADDED], report.summary()
        assert facts(engine) == txt_facts
        with session_scope(engine) as session:
            sha, title = session.execute(select(Source.sha256, Source.title)).one()
        stored = find_original(sha)
        assert stored is not None and stored.read_bytes() == path.read_bytes()
        assert stored.suffix == suffix
        assert stored.stat().st_mode & 0o777 == 0o600
        assert stored.parent.stat().st_mode & 0o777 == 0o700
        if suffix == ".eml":
            assert title == "Legal update: electronic invoices"
        for chrome in ("cookie", "Privacy", "Read also", "Page 1", "Example Law Firm —"):
            assert chrome.lower() not in _text(engine).lower()
    finally:
        engine.dispose()


def _text(engine) -> str:
    with session_scope(engine) as session:
        return session.execute(select(Source.text)).scalar_one()


def test_a_pdf_keeps_page_offsets_and_line_boxes(tmp_path: Path, qapp) -> None:
    from lawtracker.ingestion.formats import PageLayout

    path = write_pdf(tmp_path / "update.pdf", columns=2, pages=2, footer="Page {page} of 2")
    engine, _ = ingest_one(path, tmp_path / "store.sqlite3")
    with session_scope(engine) as session:
        sha, text = session.execute(select(Source.sha256, Source.text)).one()
    engine.dispose()
    layout_file = find_layout(sha)
    assert layout_file is not None
    layout = PageLayout.from_json(layout_file.read_text())
    assert len(layout.pages) == 2
    start = text.index("April 1, 2021")
    (page, (x0, y0, x1, y1)), *_ = layout.boxes_for(start, start + len("April 1, 2021"))
    assert page == layout.page_of(start)
    # The date sits in a column of the page: inside the page, left of its right edge.
    width, height = layout.pages[page].width, layout.pages[page].height
    assert 0 < x0 < x1 < width and 0 < y0 < y1 < height
    assert layout.pages[1].offset > layout.pages[0].offset
    for page_boxes in layout.pages:
        for line in page_boxes.lines:
            assert text[line.start : line.end].strip()


def test_a_200_page_pdf_goes_in(tmp_path: Path, qapp) -> None:
    body = "\n\n".join(
        f"Item {n}. The Ministry of Finance published guidance note {n} on invoices."
        for n in range(1, 801)
    )
    path = write_pdf(tmp_path / "long.pdf", LEGAL_UPDATE + "\n\n" + body, pages=200)
    engine, report = ingest_one(path, tmp_path / "store.sqlite3")
    text = _text(engine)
    engine.dispose()
    assert report.results[0].status == FileStatus.ADDED, report.summary()
    assert "Item 1. The Ministry" in text and "guidance note 800 on invoices." in text


def test_an_email_s_attachments_become_sources_linked_to_it(tmp_path: Path, qapp) -> None:
    memo = write_docx(tmp_path / "memo.docx", SECOND_UPDATE).read_bytes()
    path = write_eml(
        tmp_path / "update.eml",
        attachments=[
            (
                "memo.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                memo,
            ),
            ("logo.png", "image/png", b"\x89PNG\r\n\x1a\nnot really"),
        ],
    )
    engine, report = ingest_one(path, tmp_path / "store.sqlite3")
    statuses = {r.path.name: r.status for r in report.results}
    assert statuses == {
        "update.eml": FileStatus.ADDED,
        "update.eml ▸ memo.docx": FileStatus.ADDED,
        "update.eml ▸ logo.png": FileStatus.SKIPPED,
    }, report.summary()
    with session_scope(engine) as session:
        rows = dict(session.execute(select(Source.file_name, Source.publisher)).all())
        memo_keys = set(
            session.execute(
                select(Measure.key)
                .join(MeasureSource, MeasureSource.measure_id == Measure.id)
                .join(Source, Source.id == MeasureSource.source_id)
                .where(Source.file_name == "update.eml ▸ memo.docx")
            ).scalars()
        )
    engine.dispose()
    assert rows["update.eml ▸ memo.docx"] == "attached to the e-mail update.eml"
    assert any("345" in key for key in memo_keys), memo_keys
    assert "logo.png" in report.summary() or "1 skipped" in report.summary()


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{_W_NS}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r>
<w:t xml:space="preserve"> See the Tax Code, Article 71.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def _add_footnotes(path: Path) -> Path:
    """The same .docx with a footnotes part, related as Word relates it (python-docx cannot)."""
    import zipfile

    rel = (
        '<Relationship Id="rIdNotes" Target="footnotes.xml" Type="http://schemas.openxmlformats'
        '.org/officeDocument/2006/relationships/footnotes"/></Relationships>'
    )
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    rels = "word/_rels/document.xml.rels"
    parts[rels] = parts[rels].replace(b"</Relationships>", rel.encode())
    parts["word/footnotes.xml"] = FOOTNOTES_XML.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_a_docx_reads_as_word_shows_it(tmp_path: Path) -> None:
    """Heads, body paragraphs, table rows (cells joined by " | "), footnotes, footers."""
    import docx

    from lawtracker.ingestion.formats.word import read_docx
    from tests.ingestion.format_docs import paragraphs

    document = docx.Document()
    document.core_properties.title = "Electronic invoices"
    for paragraph in paragraphs(LEGAL_UPDATE):
        document.add_paragraph(paragraph)
    grid = document.add_table(rows=3, cols=3)
    for r, row in enumerate(
        [["Act", "Date", "Note"], ["Resolution No. 77", "3 March 2021", "new"]]
    ):
        for c, cell in enumerate(row):
            grid.cell(r, c).text = cell
    grid.cell(0, 1).merge(grid.cell(0, 2))  # one header cell over two columns
    grid.cell(1, 0).merge(grid.cell(2, 0))  # a cell over two rows reads in both
    grid.cell(2, 1).text = "1 April 2021"
    document.sections[0].header.paragraphs[0].text = "Example Law Firm"
    document.sections[0].footer.paragraphs[0].text = "Confidential"
    document.save(str(tmp_path / "memo.docx"))
    extracted = read_docx(_add_footnotes(tmp_path / "memo.docx").read_bytes(), "memo.docx")

    assert extracted.title == "Electronic invoices"
    assert extracted.text.split("\n\n") == [
        "Example Law Firm",
        *paragraphs(LEGAL_UPDATE),
        "Act | Date Note\n"
        "Resolution No. 77 | 3 March 2021 | new\n"
        "Resolution No. 77 | 1 April 2021 | ",
        "1 See the Tax Code, Article 71.",
        "Confidential\n",
    ]
