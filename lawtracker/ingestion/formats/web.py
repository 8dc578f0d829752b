"""Saved web pages: the main text without menus, cookie banners, share bars and footers.

The standard library's parser with a small chrome filter (measured against
selectolax and trafilatura on the test pages: same main text, no dependency).
Text inside ``<article>`` (else ``<main>``, else the whole body) is kept, less
elements that are chrome by tag (nav, header, footer, aside, form...) or by
their id, class or ARIA role. Block elements become lines, with a blank line
after paragraphs and headings, so a paragraph stays one line as in the text files.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from lawtracker.ingestion.formats import Extracted


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SKIP_TAGS = _words(
    "script style noscript template svg nav header footer aside form button iframe select "
    "textarea head"
)
_VOID = _words("area base br col embed hr img input link meta source track wbr")
_PARAGRAPH = _words("p h1 h2 h3 h4 h5 h6 blockquote pre table ul ol dl figure")
_LINE = _words("div li tr dt dd section article main br address figcaption caption")
_CELL = frozenset(("td", "th"))
_CHROME = re.compile(
    r"(^|[\s_-])(cookie|consent|gdpr|banner|breadcrumbs?|menu|navbar|nav|navigation|share|"
    r"sharing|social|related|sidebar|footer|site-header|masthead|top-bar|topbar|subscribe|"
    r"login|signup|newsletter-form|advert|ads?|promo|skip-link|skip|toolbar|pagination|"
    r"comments?|tags?)($|[\s_-])",
    re.IGNORECASE,
)
_CHROME_ROLES = _words("navigation banner contentinfo complementary search dialog")


class _MainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip: list[str] = []  # open tags of the skipped subtree, innermost last
        self.scope: list[str] = []  # open article/main tags
        self.parts: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self.title = ""
        self.h1 = ""
        self._in_title = False
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if self.skip:
            if tag not in _VOID:
                self.skip.append(tag)
            return
        if tag in _VOID:
            if tag in ("br", "hr"):
                self._emit("\n")
            return
        if tag in _SKIP_TAGS or _is_chrome(dict(attrs)):
            self.skip.append(tag)
            return
        if tag in ("article", "main"):
            self.scope.append(tag)
        if tag == "h1" or (tag == "h2" and not self.h1):
            self._in_h1 = True
            self.h1 = "" if tag == "h1" else self.h1
        self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag in ("h1", "h2"):
            self._in_h1 = False
        self._break(tag)
        if tag in ("article", "main") and tag in self.scope:
            while self.scope and self.scope.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self.skip:
            return
        if self._in_h1:
            self.h1 += data
        self._emit(data)

    def _break(self, tag: str) -> None:
        if tag in _PARAGRAPH:
            self._emit("\n\n")
        elif tag in _LINE:
            self._emit("\n")
        elif tag in _CELL:
            self._emit(" | ")

    def _emit(self, text: str) -> None:
        self.parts["body"].append(text)
        for scope in set(self.scope):
            self.parts[scope].append(text)


def _is_chrome(attrs: dict[str, str | None]) -> bool:
    if (attrs.get("role") or "").lower() in _CHROME_ROLES:
        return True
    if attrs.get("aria-hidden") == "true" or "hidden" in attrs:
        return True
    names = f"{attrs.get('id') or ''} {attrs.get('class') or ''}"
    return bool(_CHROME.search(names))


def html_to_text(html: str) -> tuple[str, str | None]:
    """The page's main text and title: its ``<h1>``, else first ``<h2>``, else ``<title>``."""
    parser = _MainText()
    parser.feed(html)
    parser.close()
    for scope in ("article", "main", "body"):
        text = _tidy("".join(parser.parts[scope]))
        if text:
            break
    title = " ".join((parser.h1 or parser.title).split()) or None
    return text, title


def _tidy(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [
        line.strip(" |") if line.startswith(" |") or line.endswith("| ") else line for line in lines
    ]
    joined = "\n".join(lines)
    joined = re.sub(r"\n{3,}", "\n\n", joined).strip()
    return joined + "\n" if joined else ""


def read_html(data: bytes, name: str) -> Extracted:
    from lawtracker.ingestion.formats.text import decode

    charset = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.IGNORECASE)
    html, encoding = None, ""
    if charset:
        try:
            html, encoding = (
                data.decode(charset.group(1).decode("ascii")),
                charset.group(1).decode(),
            )
        except (LookupError, UnicodeDecodeError):
            html = None
    if html is None:
        html, encoding = decode(data, name)
    text, title = html_to_text(html)
    return Extracted(text, encoding.lower(), title=title)
