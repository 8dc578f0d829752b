"""Document families: each recognises its kind of text by content and parses it.

Recognition never looks at file names: each family scores the text and the
highest score wins; the generic fallback always scores a little.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lawtracker.domain.drafts import ParsedSource
from lawtracker.domain.enums import DocumentFamily
from lawtracker.ingestion.families import declaration, generic, news, newsletter, treaty_report
from lawtracker.ingestion.families.context import DocumentContext


@dataclass(frozen=True)
class Family:
    kind: DocumentFamily
    score: Callable[[str], float]
    parse: Callable[[DocumentContext], ParsedSource]


FAMILIES: tuple[Family, ...] = (
    Family(DocumentFamily.NEWS, news.score, news.parse),
    Family(DocumentFamily.NEWSLETTER, newsletter.score, newsletter.parse),
    Family(DocumentFamily.TREATY_BODY_REPORT, treaty_report.score, treaty_report.parse),
    Family(DocumentFamily.WRITTEN_DECLARATION, declaration.score, declaration.parse),
    Family(DocumentFamily.GENERIC, generic.score, generic.parse),
)


def recognise(text: str) -> Family:
    """The family whose recogniser is most confident about ``text``."""
    return max(FAMILIES, key=lambda family: family.score(text))


def parse_document(ctx: DocumentContext) -> ParsedSource:
    return recognise(ctx.text).parse(ctx)
