"""A corpus of hostile and broken documents, generated on demand (never committed).

Each entry is one kind of input an attacker or an unlucky user could hand the
importer: broken encodings, markup bombs, files whose suffix lies, numbers and
dates no parser expects, names no file system should have. ``bench/fuzz.py`` starts
from the same kinds.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

DECREE = "Decree No. 1913 of the President of the Republic of Azerbaijan dated 1 March 2024."
MB = 1024 * 1024


def _zip(files: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx(body: str) -> bytes:
    """A minimal Word file around ``body`` (already XML)."""
    return _zip(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"/>',
            "word/document.xml": '<?xml version="1.0" encoding="UTF-8"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
            f'main"><w:body>{body}</w:body></w:document>',
        }
    )


def _para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _eml(body: bytes, headers: str = "") -> bytes:
    head = (
        "From: a@example.org\r\nTo: b@example.org\r\nSubject: Newsletter\r\n"
        "Date: Mon, 1 Apr 2024 10:00:00 +0000\r\n" + headers
    )
    return head.encode("ascii") + b"\r\n" + body


def _billion_laughs() -> str:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )


def _random_bytes(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


#: name -> bytes. Names are unique; every suffix is one lawtracker reads.
KINDS: dict[str, Callable[[], bytes]] = {
    # -- text encodings -------------------------------------------------------------
    "empty.txt": lambda: b"",
    "only-nul.txt": lambda: b"\0" * 4096,
    "nul-inside.txt": lambda: f"{DECREE}\0\0 enters into force\0 on 1 April 2024.".encode(),
    "invalid-utf8.txt": lambda: DECREE.encode() + b" \xff\xfe\xfa\xc3\x28 \xa0\xa1",
    "utf16-le-no-bom.txt": lambda: (DECREE * 20).encode("utf-16-le"),
    "utf16-be-no-bom.txt": lambda: (DECREE * 20).encode("utf-16-be"),
    "utf16-bom.txt": lambda: (DECREE * 5).encode("utf-16"),
    "utf32.txt": lambda: (DECREE * 5).encode("utf-32"),
    "utf8-bom-only.text": lambda: b"\xef\xbb\xbf",
    "cp1251.txt": lambda: "Указ Президента № 150 от 1 марта 2024 года.".encode("cp1251"),
    "surrogate-bytes.txt": lambda: b"Decree No. \xed\xa0\x80\xed\xb0\x80 of 2024",
    "overlong-utf8.txt": lambda: b"Decree No. \xc0\xaf\xe0\x80\xaf 5 of 1 May 2024",
    "random-bytes.txt": lambda: _random_bytes(64 * 1024, 1),
    # -- shapes of text ---------------------------------------------------------------
    "ten-mb-one-line.txt": lambda: b"Decree No. 7 " + b"a" * (10 * MB - 2000),
    "over-the-limit.txt": lambda: b"x" * (10 * MB + 1),
    "only-whitespace.txt": lambda: b" \t " * 100_000,
    "only-newlines.md": lambda: b"\n" * 200_000,
    "cr-only-lines.txt": lambda: (DECREE + "\r").encode() * 500,
    "many-paragraphs.txt": lambda: "\n\n".join(
        f"Decree No. {i} dated {1 + i % 28} May 2024." for i in range(3000)
    ).encode(),
    "long-words.txt": lambda: ("Decree" * 50_000 + " No. 5").encode(),
    # -- numbers and dates nobody expects ---------------------------------------------
    "huge-number.txt": lambda: f"Law No. {'1' * 5000} of 1 May 2024.".encode(),
    "huge-amount.txt": lambda: f"A grant of {'9' * 4000} AZN and 1e99999 manat.".encode(),
    "impossible-dates.txt": lambda: (
        b"Decree No. 5 dated 2025-13-45. In force 31 February 2024, 0000-00-00, "
        b"9999-99-99, 32.13.2024, 1 January 0001 and 31 December 99999."
    ),
    "news-dateline.txt": lambda: b"BAKU, 2025-13-01 (news) The Cabinet adopted Decision No. 5.",
    "no-repeated.txt": lambda: ("No. " * 10_000).encode(),
    "numero-repeated.txt": lambda: ("№ " * 10_000 + "Law ").encode(),
    "arabic-digits.txt": lambda: "Decree No. ١٢٣ of ٢٠٢٤-٠٥-٠١".encode(),
    "math-digits.txt": lambda: "Decree No. 𝟏𝟐𝟑 dated 𝟏 May 𝟐𝟎𝟐𝟒 😀".encode(),
    # -- characters that fool the eye ---------------------------------------------------
    "rtl-override.txt": lambda: f"\u202e{DECREE}\u202c قانون رقم ٥ חוק מס' 7".encode(),
    "zero-width.txt": lambda: (
        "De\u200bcree\u200d No.\u2060 1913\ufeff of 1 Mar\u200c 2024".encode()
    ),
    "control-chars.txt": lambda: ("".join(map(chr, range(1, 32))) + DECREE).encode() * 50,
    "combining-marks.txt": lambda: ("D" + "\u0301" * 5000 + "ecree No. 5").encode(),
    "sql-and-format.txt": lambda: (
        b"Decree No. 1'); DROP TABLE measure;-- dated 1 May 2024 %s%n{0.__class__}"
    ),
    "markdown-image.md": lambda: b"# Law No. 5\n\n![x](file:///etc/passwd) <img src=x>",
    # -- web pages ----------------------------------------------------------------------
    "deep-nesting.html": lambda: ("<div>" * 100_000 + DECREE + "</div>" * 100_000).encode(),
    "unclosed-tags.html": lambda: ("<p><b><i><table><tr><td>" * 20_000).encode(),
    "long-title.html": lambda: f"<title>{'Decree ' * 100_000}</title><p>{DECREE}".encode(),
    "hostile-markup.html": lambda: (
        "<html><head><script>alert(1)</script><style>*{}</style></head><body>"
        '<img src="file:///etc/passwd"><iframe src="http://example.org"></iframe>'
        f"<p onclick=x>{DECREE}</p><!-- unclosed comment"
    ).encode(),
    "bad-entities.html": lambda: (
        "&#x110000; &#0; &#xD800; &bogus; " + "&amp;" * 50_000 + DECREE
    ).encode(),
    "utf16-declared.html": lambda: (f'<meta charset="utf-16"><p>{DECREE}</p>').encode(),
    "binary.htm": lambda: _random_bytes(32 * 1024, 2),
    "empty.html": lambda: b"",
    # -- files whose suffix lies ------------------------------------------------------
    "text-named.pdf": lambda: DECREE.encode(),
    "empty.pdf": lambda: b"",
    "truncated.pdf": lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R",
    "pdf-header-garbage.pdf": lambda: b"%PDF-1.4\n" + _random_bytes(16 * 1024, 3),
    "zip-named.docx": lambda: _zip({"readme.txt": DECREE}),
    "text-named.docx": lambda: DECREE.encode(),
    "empty-zip.docx": lambda: _zip({}),
    "bad-xml.docx": lambda: _zip({"word/document.xml": "<w:document><w:body><w:p>"}),
    "entity-bomb.docx": lambda: _zip({"word/document.xml": _billion_laughs()}),
    "deep-xml.docx": lambda: _docx("<w:p>" * 50_000 + "x" + "</w:p>" * 50_000),
    "zip-bomb.docx": lambda: _docx(_para(" " * (60 * MB))),
    "long-title.docx": lambda: _docx(_para("Decree " * 50_000) + _para(DECREE)),
    "text-named.png": lambda: DECREE.encode(),
    "empty.jpg": lambda: b"",
    "truncated.tif": lambda: b"II*\0\x08\0\0\0",
    # -- e-mail -------------------------------------------------------------------------
    "empty.eml": lambda: b"",
    "garbage.eml": lambda: _random_bytes(8 * 1024, 4),
    "unknown-charset.eml": lambda: _eml(
        DECREE.encode(), "Content-Type: text/plain; charset=x-no-such-charset\r\n"
    ),
    "broken-base64.eml": lambda: _eml(
        b"!!!not base64!!!", "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n"
    ),
    "hostile-attachment.eml": lambda: _eml(
        b"--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--b\r\n"
        b"Content-Type: application/pdf\r\n"
        b'Content-Disposition: attachment; filename="../../../etc/passwd.pdf"\r\n\r\n'
        b"not a pdf\r\n--b--\r\n",
        'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n',
    ),
    "endless-multipart.eml": lambda: _eml(
        b"--b\r\n" * 20_000, 'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n'
    ),
    # -- names ----------------------------------------------------------------------------
    "new\nline 'quote' \"dq\" $(x) ;&|<>*? ünï 文件.txt": lambda: f"{DECREE} (named)".encode(),
    "-starts-with-dash.txt": lambda: f"{DECREE} (dash)".encode(),
    ("n" * 240) + ".txt": lambda: f"{DECREE} (long name)".encode(),
    "UPPER.TXT": lambda: f"{DECREE} (upper)".encode(),
    "duplicate-of-nul-inside.txt": lambda: KINDS["nul-inside.txt"](),
}


def write_corpus(folder: Path) -> list[Path]:
    """Write every kind into ``folder``; the files, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in KINDS.items():
        path = folder / name
        path.write_bytes(make())
        written.append(path)
    return written
