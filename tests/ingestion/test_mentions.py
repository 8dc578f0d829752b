"""The general extraction path on small documents written here, one per family of phrasing.

Each document imitates a layout real third-party documents use (web pages with chrome,
label:value items, a citation line closing an item, UN and Council of Europe headers,
Russian and Azerbaijani news, hard-wrapped PDF text) with invented acts, numbers and
dates. Profiles are off: these are the general path's own results.
"""

from __future__ import annotations

import datetime as dt

import pytest

from lawtracker.domain.drafts import MeasureDraft, ParsedSource
from lawtracker.domain.enums import DatePrecision, EventKind, Instrument, MeasureRole
from lawtracker.ingestion.families.context import DocumentContext
from lawtracker.ingestion.mentions import extract
from tests.ingestion.written_docs import (
    CITATION_AFTER,
    COE_RESOLUTION,
    LABELLED,
    RU_DECREE,
    UN_REPORT,
    WEB_PAGE,
)


def parse(text: str) -> ParsedSource:
    return extract(DocumentContext("doc.txt", "0" * 64, text))


def numbered(parsed: ParsedSource, number: str) -> MeasureDraft:
    [measure] = [m for m in parsed.measures if m.number == number]
    return measure


def dates(measure: MeasureDraft, kind: EventKind) -> list[dt.date]:
    return [e.date for e in measure.events if e.kind == kind and e.date is not None]


def test_web_page_chrome_is_never_a_title_and_the_headline_stays_apart() -> None:
    parsed = parse(WEB_PAGE)
    assert parsed.title == "Cabinet approves rules for electronic invoices"
    resolution = numbered(parsed, "77")
    assert resolution.instrument == Instrument.RESOLUTION
    assert resolution.jurisdiction == "AZ"
    assert resolution.authority == "Cabinet of Ministers of the Republic of Azerbaijan"
    assert dates(resolution, EventKind.ADOPTED) == [dt.date(2021, 3, 3)]
    assert resolution.role == MeasureRole.PRIMARY
    assert all("Skip" not in m.title and "Logo" not in m.title for m in parsed.measures)


def test_label_lines_give_the_item_s_act_its_dates() -> None:
    parsed = parse(LABELLED)
    [decision] = [m for m in parsed.measures if m.instrument == Instrument.RESOLUTION]
    assert dates(decision, EventKind.ADOPTED) == [dt.date(2021, 3, 12)]
    assert dates(decision, EventKind.IN_FORCE) == [dt.date(2021, 4, 1)]
    assert "Rules for customs warehouses" in decision.title


def test_a_citation_line_closes_the_item_above_it() -> None:
    parsed = parse(CITATION_AFTER)
    land = numbered(parsed, "ZRU-801")
    assert land.jurisdiction == "UZ"
    assert dates(land, EventKind.SIGNED) == [dt.date(2023, 5, 3)]
    assert dates(land, EventKind.IN_FORCE) == [dt.date(2023, 7, 1)]
    bees = numbered(parsed, "ZRU-805")
    assert "Beekeeping" in bees.title
    assert dates(bees, EventKind.ADOPTED) == [dt.date(2023, 5, 20)]
    assert len([m for m in parsed.measures if m.instrument == Instrument.LAW]) == 2


def test_an_unnumbered_act_with_its_issuer_and_date_counts() -> None:
    parsed = parse(
        "Tax news\n\nA Decision of the Cabinet of Ministers dated 5 June 2020 approved the "
        "procedure for refunding excise duty on exported fuel.\n"
    )
    [decision] = parsed.measures
    assert decision.number is None
    assert decision.instrument == Instrument.RESOLUTION
    assert dates(decision, EventKind.ADOPTED) == [dt.date(2020, 6, 5)]


def test_russian_decree_with_code_number() -> None:
    parsed = parse(RU_DECREE)
    decree = numbered(parsed, "УП-45")
    assert decree.instrument == Instrument.DECREE
    assert decree.jurisdiction == "UZ"
    assert dates(decree, EventKind.SIGNED) == [dt.date(2024, 3, 12)]
    assert dates(decree, EventKind.IN_FORCE) == [dt.date(2024, 4, 1)]
    assert parsed.languages[0].value == "ru"


def test_azerbaijani_date_before_the_number() -> None:
    parsed = parse(
        "Xəbərlər\n\nAzərbaycan Respublikasının 2021-ci il 14 may tarixli 301-VIQD nömrəli "
        "Qanunu ilə Vergi Məcəlləsinə dəyişikliklər edilib.\n"
    )
    law = numbered(parsed, "301-VIQD")
    assert law.instrument == Instrument.LAW
    assert law.jurisdiction == "AZ"
    assert dates(law, EventKind.ADOPTED) == [dt.date(2021, 5, 14)]


def test_a_un_document_is_itself_a_measure_and_cites_others() -> None:
    parsed = parse(UN_REPORT)
    report = numbered(parsed, "CAT/C/GEO/CO/4")
    assert report.role == MeasureRole.PRIMARY
    assert report.jurisdiction == "GE"
    assert report.authority == "Committee against Torture"
    assert report.title == "Concluding observations on the fourth periodic report of Georgia"
    assert dates(report, EventKind.PUBLISHED) == [dt.date(2024, 6, 3)]
    assert dates(report, EventKind.ADOPTED) == [dt.date(2024, 5, 20)]
    state_report = numbered(parsed, "CAT/C/GEO/4")
    assert state_report.role == MeasureRole.REFERENCED
    assert state_report.authority == "Georgia (State party)"
    [law] = [m for m in parsed.measures if m.instrument == Instrument.LAW]
    assert law.jurisdiction == "GE"
    assert law.role == MeasureRole.REFERENCED
    assert dates(law, EventKind.ADOPTED) == [dt.date(2023, 4, 4)]


def test_a_council_of_europe_text_belongs_to_no_state() -> None:
    parsed = parse(COE_RESOLUTION)
    resolution = numbered(parsed, "2600 (2025)")
    assert resolution.jurisdiction is None
    assert resolution.authority == "Parliamentary Assembly of the Council of Europe"
    assert dates(resolution, EventKind.ADOPTED) == [dt.date(2025, 10, 12)]
    assert resolution.key.startswith("int/")


def test_two_laws_in_one_item_each_keep_their_own_fines() -> None:
    parsed = parse(
        "Fines raised\n\nLaw No. 45-VI raises the fine for late filing to 100 MCI. "
        "Law No. 46-VI sets a fine of 250 MCI for unregistered cash registers.\n"
    )
    first, second = numbered(parsed, "45-VI"), numbered(parsed, "46-VI")
    assert first.jurisdiction == second.jurisdiction == "KZ"
    assert [q.value for q in first.quantities if q.unit == "MCI"] == [100]
    assert [q.value for q in second.quantities if q.unit == "MCI"] == [250]


def test_a_year_less_date_stays_month_day_without_a_dateline() -> None:
    parsed = parse(
        "By order of the President, 41 convicts were pardoned. The pardon order was signed "
        "on May 25.\n"
    )
    [order] = parsed.measures
    [signed] = [e for e in order.events if e.kind == EventKind.SIGNED]
    assert signed.precision == DatePrecision.MONTH_DAY
    assert (signed.date.month, signed.date.day) == (5, 25)


def test_a_year_less_date_takes_the_dateline_year_and_asks_for_review() -> None:
    parsed = parse(
        "14:20 / 24.05.2024\n\nPardon order signed\n\nThe President signed a pardon order on "
        "May 25 releasing 41 convicts.\n"
    )
    [order] = parsed.measures
    [signed] = [e for e in order.events if e.kind == EventKind.SIGNED]
    assert signed.date == dt.date(2024, 5, 25)
    assert signed.provenance.needs_review and signed.provenance.confidence < 1
    assert signed.rule is not None and "dateline" in signed.rule


def test_a_treaty_between_states_has_no_jurisdiction() -> None:
    parsed = parse(
        "Ratification\n\nOn 10 March 2022 the President signed the Law on ratification. The "
        "Agreement between Georgia and Armenia on Road Transport was signed on 2 June 2021.\n"
    )
    [agreement] = [m for m in parsed.measures if m.instrument == Instrument.OTHER]
    assert agreement.jurisdiction is None
    assert dates(agreement, EventKind.SIGNED) == [dt.date(2021, 6, 2)]


def test_hard_wrapped_text_reads_a_title_across_lines() -> None:
    parsed = parse(
        "The opinion examines the amendments adopted by the Parliament of the Republic of\n"
        "Armenia on 12 March 2019 to the Law on Public\n"
        "Associations, which entered into force on 2 April 2019.\n"
    )
    [law] = [m for m in parsed.measures if m.instrument == Instrument.LAW]
    assert "Public Associations" in law.title
    assert law.jurisdiction == "AM"


def test_background_dates_are_not_events_of_a_measure() -> None:
    parsed = parse(
        "Amnesty declared\n\nThe Parliament adopted the Amnesty Act on 2 December 2024. The "
        "country became independent on 21 September 1991, and the war ended in 1994.\n"
    )
    [act] = parsed.measures
    assert act.instrument == Instrument.AMNESTY_ACT
    stated = {e.date for e in act.events if e.date is not None}
    assert stated == {dt.date(2024, 12, 2)}


@pytest.mark.parametrize(
    "text",
    [
        "In accordance with the law, the order of the day was approved.",
        "The committee may 2 times a year review its rules.",
        "Price list: 12 653 сум, 14 822 сум.",
    ],
)
def test_common_words_alone_make_no_measure(text: str) -> None:
    assert parse(text).measures == []


def test_in_force_upon_publication_is_derived_from_a_stated_publication_date() -> None:
    parsed = parse(
        "Parliament amends the Water Code\n\n"
        'On 14 February 2022, the Law of Georgia "On Amendments to the Water Code of Georgia" '
        "was published on the website of the Legislative Herald.\n"
        "The Law became effective upon its publication.\n"
    )
    [law] = [m for m in parsed.measures if m.events]
    assert dates(law, EventKind.PUBLISHED) == [dt.date(2022, 2, 14)]
    [in_force] = [e for e in law.events if e.kind == EventKind.IN_FORCE]
    assert in_force.date == dt.date(2022, 2, 14) and in_force.derived
    assert in_force.rule is not None and "publication" in in_force.rule


def test_a_relative_rule_without_a_publication_date_invents_nothing() -> None:
    parsed = parse(
        "Government decisions\n\nBy Government Decision No. 512-N, the procedure was changed. "
        "This decision enters into force the day after its official publication.\n"
    )
    decision = numbered(parsed, "512-N")
    assert [e for e in decision.events if e.date is not None] == []


def test_a_deadline_counted_from_entry_into_force_is_derived_with_its_rule() -> None:
    parsed = parse(
        "New rules for notaries\n\nResolution No. 215 of the Cabinet of Ministers enters into "
        "force on 31 January 2024. Notaries shall register within 1 month from the date of its "
        "entry into force.\n"
    )
    resolution = numbered(parsed, "215")
    [deadline] = [e for e in resolution.events if e.kind == EventKind.WINDOW_END]
    assert deadline.derived
    assert deadline.date == dt.date(2024, 2, 29)  # 31 January + 1 month, clamped
    assert deadline.rule is not None and "2024-01-31" in deadline.rule


def test_russian_and_azerbaijani_acts_are_titled_as_cited_with_their_issuer() -> None:
    russian = parse(
        "Новости\n\nПостановление Правительства Республики Казахстан от 12 марта 2024 года "
        "№ 150 «Об утверждении Правил субсидирования» вступает в силу с 1 апреля 2024 года.\n"
    )
    resolution = numbered(russian, "150")
    assert resolution.title.startswith("Постановление Правительства Республики Казахстан")
    assert resolution.authority is not None and resolution.authority.startswith("Правительства")
    assert dates(resolution, EventKind.IN_FORCE) == [dt.date(2024, 4, 1)]
    azerbaijani = parse(
        "Xəbər\n\nAzərbaycan Respublikası Prezidentinin 2024-cü il 5 aprel tarixli 210 nömrəli "
        "Fərmanı ilə Qaydalar təsdiq edilib.\n"
    )
    decree = numbered(azerbaijani, "210")
    assert decree.instrument == Instrument.DECREE
    assert decree.title == (
        "Azərbaycan Respublikası Prezidentinin 2024-cü il 5 aprel tarixli 210 nömrəli Fərmanı"
    )
    assert dates(decree, EventKind.SIGNED) == [dt.date(2024, 4, 5)]


def test_an_order_names_its_minister_and_a_court_decides() -> None:
    order = numbered(
        parse(
            "Tax alert\n\nOrder of the Minister of Finance of the Republic of Kazakhstan No. 45 "
            "dated 12 March 2024 approved new forms of VAT returns.\n"
        ),
        "45",
    )
    assert order.instrument == Instrument.ORDER
    assert order.authority == "Minister of Finance of the Republic of Kazakhstan"
    assert dates(order, EventKind.SIGNED) == [dt.date(2024, 3, 12)]
    decision = numbered(
        parse(
            "Court news\n\nThe Constitutional Court of Uzbekistan, by Decision No. 7 of 3 May "
            "2023, found Article 12 of the Law on Banks unconstitutional.\n"
        ),
        "7",
    )
    assert decision.instrument == Instrument.COURT_DECISION
    assert decision.authority == "Constitutional Court of Uzbekistan"


def test_a_text_that_names_no_country_takes_the_one_its_money_names() -> None:
    parsed = parse(
        "President signs new Customs Code\n\nThe President has signed a new Customs Code. "
        "Fines for late declarations rise to 50 MCI.\n"
    )
    [code] = parsed.measures
    assert code.jurisdiction == "KZ"


def test_an_unattributed_opinion_in_a_venice_commission_text_belongs_to_no_state() -> None:
    parsed = parse(
        "Strasbourg, 9 March 2021 CDL-AD(2021)005 Opinion on the Law on Elections of Armenia\n"
        "The Commission recalls its Opinion on the Electoral Code of Armenia, adopted in "
        "October 2019. The Law of the Republic of Armenia on Elections was adopted on "
        "4 February 2021.\n"
    )
    own = numbered(parsed, "CDL-AD(2021)005")
    assert own.jurisdiction is None
    [law] = [m for m in parsed.measures if m.instrument == Instrument.LAW]
    assert law.jurisdiction == "AM"
    assert all(m.jurisdiction is None for m in parsed.measures if m.instrument == Instrument.REPORT)


def test_named_plans_with_their_years_and_a_possessive_country() -> None:
    parsed = parse(
        "United Nations\n\nCAT/C/MDA/FCO/4\n\nDistr.: General\n2 April 2024\n\n"
        "1. Moldova’s Prison Reform Strategy was extended. The State party also adopted "
        "the 2023 Action Plan for the Implementation of Probation Policy.\n"
    )
    # The dated plan is a measure; the strategy, named without a date, is a link from the
    # report (named in passing, not a row of its own).
    [dated] = [m for m in parsed.measures if m.instrument == Instrument.OTHER]
    assert "Action Plan" in dated.title and dated.jurisdiction == "MD"
    report = numbered(parsed, "CAT/C/MDA/FCO/4")
    assert any("Prison Reform Strategy" in link.target_label for link in report.links)
    assert [(e.date.year, e.precision) for e in dated.events if e.date] == [
        (2023, DatePrecision.YEAR)
    ]


def test_a_label_names_an_act_even_without_a_head_word() -> None:
    parsed = parse(
        "Legal updates\n\nLegal act: List of enterprises transferred to the Investment Holding\n\n"
        "Authority: President of the Republic of Azerbaijan\n\nEffective date: 6 November 2020\n\n"
        "The list names twelve companies.\n"
    )
    [act] = parsed.measures
    assert act.title == "List of enterprises transferred to the Investment Holding"
    assert act.authority == "President of the Republic of Azerbaijan"
    assert dates(act, EventKind.IN_FORCE) == [dt.date(2020, 11, 6)]


def test_long_blank_runs_parse_and_keep_their_measure() -> None:
    """Whitespace runs found by fuzzing once made clause and citation patterns rescan
    the run at every position (seconds per document); the result must not change."""
    blanks = " " * 40_000
    parsed = parse(f"Decree{blanks}\n\nDecree No. 12 of the President dated 5 May 2020{blanks}.\n")
    decree = numbered(parsed, "12")
    assert dates(decree, EventKind.SIGNED) == [dt.date(2020, 5, 5)]
