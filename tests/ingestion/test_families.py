"""Each document family on small hand-written documents (not copies of the seeds)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lawtracker.domain.drafts import MeasureDraft, ParsedSource
from lawtracker.domain.enums import (
    DocumentFamily,
    EventKind,
    Instrument,
    LinkKind,
    QuantityKind,
)
from lawtracker.ingestion.families import parse_document, recognise
from lawtracker.ingestion.families.context import DocumentContext

NEWSLETTER = """Legal Alert

March 3, 2024

1. New rules on electronic invoices were approved

Document: Decree No. 2050 of the President of the Republic of Kazakhstan on electronic invoicing

Date of signing: February 14, 2024

Commentary: Taxpayers with a turnover above 100,000 tenge must issue electronic invoices
within 5 days. The Decree enters into force on April 1, 2024.

2. Fines for late filing were increased

Document: Law No. 77-VII of the Republic of Kazakhstan on amendments to the Tax Code of
the Republic of Kazakhstan

Date of signing: January 9, 2024

Commentary: The fine is 10 percent of the unpaid tax. Registration is open for 2 years
from March 1, 2024.
"""

NEWS = """ date 2024-05-10 Georgia begins implementing a pardon decree today, Agency informs.

The decree was signed by the President on May 2. About 300 prisoners will be released.

The decree will take two months to implement.
"""

REPORT = """Committee on the Elimination of Racial Discrimination

Distr.: General
3 March 2024

**Information received from Georgia on follow-up to the concluding observations**

[Date received: 1 February 2024]

1. The concluding observations (CERD/C/GEO/CO/9) were adopted by the Committee on 5 May 2022.

2. Adopted on 12 June 2023 the "Law on Equality" of Georgia strengthens protections.

3. Article 12 of the Criminal Code was amended and 45 complaints were investigated.

4. Training was given to 120 judges.

5. The Government remains committed to the Convention.
"""

DECLARATION = """**Doc. 20001**

2 February 2026

## Protecting journalists in Georgia

**Written declaration No. 900**

We, the undersigned, declare the following:

On 1 December 2025, the Parliament adopted the "Law on Broadcasting" of Georgia.

*Signed*:

SMITH John, United Kingdom, EPP/CD
DOE Jane, France, ALDE
ROE Max, Germany, NR

---

Total = 3
"""

GENERIC = (
    "Memo to clients.\n\n"
    "The Resolution No. 12 of the Cabinet of Ministers was adopted on 5 June 2023.\n"
)


def parse(text: str, name: str = "doc.txt") -> ParsedSource:
    return parse_document(DocumentContext(name, "0" * 64, text))


def only(measures: list[MeasureDraft], **fields) -> MeasureDraft:
    found = [m for m in measures if all(getattr(m, k) == v for k, v in fields.items())]
    assert len(found) == 1, [m.key for m in measures]
    return found[0]


def event_dates(measure: MeasureDraft, kind: EventKind) -> list[dt.date | None]:
    return [e.date for e in measure.events if e.kind == kind]


@pytest.mark.parametrize(
    ("text", "family"),
    [
        (NEWSLETTER, DocumentFamily.NEWSLETTER),
        (NEWS, DocumentFamily.NEWS),
        (REPORT, DocumentFamily.TREATY_BODY_REPORT),
        (DECLARATION, DocumentFamily.WRITTEN_DECLARATION),
        (GENERIC, DocumentFamily.GENERIC),
    ],
)
def test_recognised_by_content(text: str, family: DocumentFamily) -> None:
    assert recognise(text).kind == family


def test_seed_families_are_recognised_by_content_not_name(seeds_dir: Path) -> None:
    families = {
        recognise(path.read_text(encoding="utf-8")).kind for path in sorted(seeds_dir.glob("*.txt"))
    }
    assert families == {
        DocumentFamily.NEWS,
        DocumentFamily.NEWSLETTER,
        DocumentFamily.TREATY_BODY_REPORT,
        DocumentFamily.WRITTEN_DECLARATION,
    }


def test_newsletter_items_become_measures() -> None:
    parsed = parse(NEWSLETTER)
    decree = only(parsed.measures, instrument=Instrument.DECREE)
    assert decree.number == "2050" and decree.jurisdiction == "KZ"
    assert decree.authority == "President of the Republic of Kazakhstan"
    assert event_dates(decree, EventKind.SIGNED) == [dt.date(2024, 2, 14)]
    assert event_dates(decree, EventKind.IN_FORCE) == [dt.date(2024, 4, 1)]
    assert any(q.unit == "KZT" and q.value == 100_000 for q in decree.quantities)
    law = only(parsed.measures, instrument=Instrument.LAW)
    assert law.number == "77-VII"
    assert event_dates(law, EventKind.IN_FORCE) == [None]
    assert [link.kind for link in law.links] == [LinkKind.AMENDS]
    assert law.links[0].target_key == "kz/code/tax-code"
    [end] = [e for e in law.events if e.kind == EventKind.WINDOW_END]
    assert end.date == dt.date(2026, 3, 1) and end.derived


def test_news_item_implementation_period() -> None:
    parsed = parse(NEWS)
    [measure] = parsed.measures
    assert measure.instrument == Instrument.DECREE
    assert measure.jurisdiction == "GE"
    assert parsed.publisher == "Agency"
    assert event_dates(measure, EventKind.IMPLEMENTATION_START) == [dt.date(2024, 5, 10)]
    assert event_dates(measure, EventKind.IMPLEMENTATION_END) == [dt.date(2024, 7, 10)]
    context = [e for e in measure.events if e.kind == EventKind.OTHER]
    assert [e.date for e in context] == [dt.date(2024, 5, 2)]
    assert context[0].rule and "year" in context[0].rule
    assert any(q.kind == QuantityKind.PEOPLE and q.value == 300 for q in measure.quantities)


def test_treaty_body_report() -> None:
    parsed = parse(REPORT)
    [report] = [m for m in parsed.measures if m.title.startswith("Information received")]
    assert report.jurisdiction == "GE"
    assert event_dates(report, EventKind.ISSUED) == [dt.date(2024, 3, 3)]
    assert event_dates(report, EventKind.RECEIVED) == [dt.date(2024, 2, 1)]
    assert event_dates(report, EventKind.ADOPTED) == [dt.date(2022, 5, 5)]
    assert any(link.kind == LinkKind.REPORTS_ON for link in report.links)
    law = only(parsed.measures, instrument=Instrument.LAW)
    assert law.title == "Law on Equality"
    assert event_dates(law, EventKind.ADOPTED) == [dt.date(2023, 6, 12)]
    assert any(link.kind == LinkKind.CITES and link.target_key == law.key for link in report.links)
    # The profile names the observations it follows up (its REPORTS_ON link): the general
    # path does not add them a second time.
    assert not [m for m in parsed.measures if m.number == "CERD/C/GEO/CO/9"]


def test_written_declaration() -> None:
    parsed = parse(DECLARATION)
    declaration = only(parsed.measures, instrument=Instrument.DECLARATION)
    assert declaration.number == "900"
    assert event_dates(declaration, EventKind.ISSUED) == [dt.date(2026, 2, 2)]
    [signatories] = [q for q in declaration.quantities if q.kind == QuantityKind.PEOPLE]
    assert signatories.value == 3 and signatories.condition == "signatories"
    law = only(parsed.measures, instrument=Instrument.LAW)
    assert event_dates(law, EventKind.ADOPTED) == [dt.date(2025, 12, 1)]


def test_generic_fallback_keeps_dated_instruments() -> None:
    parsed = parse(GENERIC)
    [resolution] = parsed.measures
    assert resolution.instrument == Instrument.RESOLUTION
    assert resolution.number == "12"
    assert event_dates(resolution, EventKind.ADOPTED) == [dt.date(2023, 6, 5)]


def test_readable_text_without_measures_is_kept_with_none() -> None:
    parsed = parse("Notes from the offsite. Coffee was good.\n")
    assert parsed.measures == []
    assert parsed.title == "Notes from the offsite. Coffee was good."
