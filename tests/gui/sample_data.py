"""Realistic read-model records for GUI tests and screenshots (no database needed)."""

from __future__ import annotations

import datetime as dt
import random

from lawtracker.domain.catalog import (
    EventView,
    Facets,
    LinkView,
    MeasureDetail,
    MeasureRow,
    QuantityView,
    ReferenceView,
    SourceChoice,
    SourceText,
    TimelineItem,
)
from lawtracker.domain.enums import (
    DatePrecision,
    EventKind,
    Instrument,
    Language,
    LinkKind,
    Qualifier,
    QuantityKind,
    ReferenceKind,
)

EN_PREFIX = "Legislative Update Newsletter\n\nDecember 30, 2022\n\n1. Investment promotion\n\n"
EN_SLICE = (
    "Document: Decree No. 1913 of the President of the Republic of Azerbaijan on Additional "
    "measures related to the improvement of the investment promotion mechanism (the "
    '"Decree")\n\nDate of signing: December 20, 2022\n\n'
    "Commentary: According to the Tax Code, legal entities and individual entrepreneurs pay "
    "their profit and income tax with a 50 percent reduction for a period of 7 years from the "
    "date of receipt of the investment promotion certificate.\n\n"
    "According to the Decree, the certificate is issued for 3 years from January 1, 2023 to "
    "entities whose projects exceed AZN 500 000 in the city of Baku, as provided by "
    'Article 12.1 of the Law "On Investment Activity". The Decree enters into force in '
    "October 2023.\n"
)
EN_SOURCE = EN_PREFIX + EN_SLICE + "\n2. Other news\n\nNothing else this month.\n"
AZ_PREFIX = "Qanunvericilik yenilikləri\n\n"
AZ_SLICE = (
    "Sənəd: İnvestisiyanın təşviqi mexanizminin təkmilləşdirilməsi ilə bağlı əlavə tədbirlər "
    "haqqında Azərbaycan Respublikası Prezidentinin 1913 nömrəli Fərmanı\n\n"
    "İmzalanma tarixi: 20 dekabr 2022\n\n"
    "Vergi Məcəlləsinə əsasən hüquqi şəxslər 7 il müddətinə mənfəət vergisini 50 faiz "
    "endirimlə ödəyirlər.\n"
)
AZ_SOURCE = AZ_PREFIX + AZ_SLICE


def _span(source: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = source.index(needle, start + 1)
    return start, start + len(needle)


def _event(
    ident: int,
    kind: EventKind,
    date: dt.date | None,
    needle: str | None,
    *,
    precision: DatePrecision = DatePrecision.DAY,
    derived: bool = False,
    rule: str | None = None,
    needs_review: bool = False,
    lang: Language = Language.EN,
) -> EventView:
    source = EN_SOURCE if lang is Language.EN else AZ_SOURCE
    start, end = _span(source, needle) if needle else (None, None)
    return EventView(
        id=ident,
        kind=kind,
        date=date,
        precision=precision,
        derived=derived,
        rule=rule,
        label=None,
        source_id=1 if lang is Language.EN else 2,
        start=start,
        end=end,
        confidence=0.55 if needs_review else 0.95,
        needs_review=needs_review,
        lang=lang,
    )


def _quantity(
    ident: int,
    kind: QuantityKind,
    value: float,
    unit: str,
    needle: str,
    *,
    qualifier: Qualifier = Qualifier.EXACT,
    condition: str | None = None,
    lang: Language = Language.EN,
) -> QuantityView:
    source = EN_SOURCE if lang is Language.EN else AZ_SOURCE
    start, end = _span(source, needle)
    return QuantityView(
        id=ident,
        kind=kind,
        value=value,
        value_max=None,
        unit=unit,
        qualifier=qualifier,
        condition=condition,
        text=needle,
        source_id=1 if lang is Language.EN else 2,
        start=start,
        end=end,
        confidence=0.9,
        needs_review=False,
        lang=lang,
    )


def decree_detail(*, with_azerbaijani: bool = True) -> MeasureDetail:
    """Decree No. 1913 (investment promotion) with facts in both languages."""
    texts = {
        Language.EN: SourceText(
            Language.EN,
            1,
            "newsletter-2022-12-30.pdf",
            len(EN_PREFIX),
            len(EN_PREFIX) + len(EN_SLICE),
            EN_SLICE,
        )
    }
    if with_azerbaijani:
        texts[Language.AZ] = SourceText(
            Language.AZ,
            2,
            "bülleten-2022-12-30.pdf",
            len(AZ_PREFIX),
            len(AZ_PREFIX) + len(AZ_SLICE),
            AZ_SLICE,
        )
    ref_start, ref_end = _span(EN_SOURCE, "Article 12.1")
    return MeasureDetail(
        id=7,
        key="az-decree-1913",
        title="Additional measures related to the improvement of the investment promotion "
        "mechanism",
        instrument=Instrument.DECREE,
        number="1913",
        jurisdiction="AZ",
        authority="President of the Republic of Azerbaijan",
        summary=None,
        events=[
            _event(1, EventKind.SIGNED, dt.date(2022, 12, 20), "December 20, 2022"),
            _event(2, EventKind.SIGNED, dt.date(2022, 12, 20), "20 dekabr 2022", lang=Language.AZ),
            _event(3, EventKind.WINDOW_START, dt.date(2023, 1, 1), "January 1, 2023"),
            _event(
                4,
                EventKind.WINDOW_END,
                dt.date(2026, 1, 1),
                None,
                derived=True,
                rule="2023-01-01 + 3 years = 2026-01-01",
            ),
            _event(
                5,
                EventKind.IN_FORCE,
                dt.date(2023, 10, 1),
                "October 2023",
                precision=DatePrecision.MONTH,
                needs_review=True,
            ),
            _event(6, EventKind.PUBLISHED, None, None, precision=DatePrecision.UNKNOWN),
        ],
        quantities=[
            _quantity(
                1,
                QuantityKind.PERCENT,
                50,
                "percent",
                "50 percent",
                condition="profit and income tax",
            ),
            _quantity(2, QuantityKind.DURATION, 7, "year", "7 years"),
            _quantity(3, QuantityKind.DURATION, 3, "year", "3 years"),
            _quantity(
                4,
                QuantityKind.AMOUNT,
                500_000,
                "AZN",
                "AZN 500 000",
                qualifier=Qualifier.MORE_THAN,
                condition="projects in Baku",
            ),
            _quantity(5, QuantityKind.PERCENT, 50, "percent", "50 faiz", lang=Language.AZ),
        ],
        references=[
            ReferenceView(
                1,
                ReferenceKind.ARTICLE,
                "Article 12.1",
                "art. 12.1",
                1,
                ref_start,
                ref_end,
                Language.EN,
            ),
            ReferenceView(
                2,
                ReferenceKind.LAW,
                'Law "On Investment Activity"',
                "law:investment-activity",
                1,
                *_span(EN_SOURCE, 'Law "On Investment'),
                Language.EN,
            ),
        ],
        links=[
            LinkView(LinkKind.AMENDS, True, "az-decree-1800", "Investment promotion mechanism", 11),
            LinkView(LinkKind.CITES, False, None, "Newsletter commentary (not stored)", None),
            LinkView(LinkKind.IMPLEMENTS, False, "az-order-55", "Ministry of Economy Order 55", 12),
        ],
        texts=texts,
        source_names=["newsletter-2022-12-30.pdf"],
    )


def measure_row(measure_id: int) -> MeasureRow:
    """A deterministic list row for any id (cheap, for paging tests)."""
    instruments = list(Instrument)
    return MeasureRow(
        id=measure_id,
        key=f"m-{measure_id}",
        title=f"Measure {measure_id}",
        number=str(measure_id) if measure_id % 3 else None,
        instrument=instruments[measure_id % len(instruments)],
        jurisdiction=("AZ", "KZ", "GE")[measure_id % 3],
        signed=dt.date(2020, 1, 1) + dt.timedelta(days=measure_id % 1500),
        in_force=None if measure_id % 2 else dt.date(2021, 6, 1),
        next_date=None,
        source_count=1 + measure_id % 4,
    )


def facets() -> Facets:
    return Facets(
        jurisdictions=["AZ", "GE", "KZ"],
        instruments=[Instrument.DECREE, Instrument.LAW, Instrument.COURT_DECISION],
        sources=[SourceChoice(1, "newsletter-2022-12-30.pdf"), SourceChoice(2, "cat-report.md")],
        year_min=2019,
        year_max=2025,
    )


def timeline_items(count: int, *, seed: int = 7) -> list[TimelineItem]:
    """``count`` synthetic items over 2015-2026: a tenth are intervals, a seventh derived."""
    rng = random.Random(seed)
    jurisdictions = ["AZ", "KZ", "GE", "AM", "UZ", "KG", "TJ", "TM", "UA", "MD", "TR", "RS"]
    instruments = list(Instrument)
    kinds = [EventKind.SIGNED, EventKind.PUBLISHED, EventKind.IN_FORCE, EventKind.ADOPTED]
    first = dt.date(2015, 1, 1).toordinal()
    items = []
    for index in range(count):
        measure_id = index // 4 + 1
        day = dt.date.fromordinal(first + rng.randrange(4000))
        interval = index % 10 == 0
        items.append(
            TimelineItem(
                measure_id=measure_id,
                measure_title=f"Measure {measure_id}",
                instrument=instruments[rng.randrange(len(instruments))],
                jurisdiction=jurisdictions[(measure_id * 7) % len(jurisdictions)],
                kind=EventKind.WINDOW_START if interval else kinds[index % len(kinds)],
                start=day,
                end=day + dt.timedelta(days=rng.randrange(30, 900)) if interval else None,
                derived=index % 7 == 3,
                label="window" if interval else "",
            )
        )
    return items
