"""What the seeds must yield, read from the JSON export of a store the real pipeline built."""

from __future__ import annotations

from typing import Any

import pytest

Measure = dict[str, Any]


def find(
    export: dict, *, number: str | None = None, key: str | None = None, **fields: str
) -> Measure:
    matches = [
        m
        for m in export["measures"]
        if (number is None or m["number"] == number)
        and (key is None or m["key"] == key)
        and all(m[name] == value for name, value in fields.items())
    ]
    assert len(matches) == 1, (
        f"expected one measure for {number or key} {fields}, got {len(matches)}"
    )
    return matches[0]


def dates(measure: Measure, kind: str) -> list[str | None]:
    return [e["date"] for e in measure["events"] if e["kind"] == kind]


def values(measure: Measure, kind: str, unit: str | None = None) -> list[float]:
    return sorted(
        q["value"]
        for q in measure["quantities"]
        if q["kind"] == kind and (unit is None or q["unit"] == unit)
    )


def quantity(measure: Measure, kind: str, value: float, unit: str | None = None) -> dict:
    found = [
        q
        for q in measure["quantities"]
        if q["kind"] == kind and q["value"] == value and (unit is None or q["unit"] == unit)
    ]
    assert found, f"no {kind} {value} {unit or ''} in {measure['key']}: {values(measure, kind)}"
    return found[0]


def test_decree_1913(seed_export: dict) -> None:
    decree = find(seed_export, number="1913", instrument="decree")
    assert decree["jurisdiction"] == "AZ"
    assert "President" in (decree["authority"] or "")
    assert dates(decree, "signed") == ["2022-12-20"]
    assert dates(decree, "in_force") == ["2023-01-01"]
    five = quantity(decree, "amount", 5_000_000, "AZN")
    assert five["qualifier"] == "at_least"
    three = quantity(decree, "amount", 3_000_000, "AZN")
    assert all(place in five["condition"] for place in ("Baku", "Sumgayit", "Ganja", "Absheron"))
    assert "other areas" in three["condition"]
    assert quantity(decree, "percent", 30)["qualifier"] == "at_least"
    quantity(decree, "percent", 50)
    assert 7 in values(decree, "duration")
    assert dates(decree, "window_start") == ["2023-01-01"]
    [window_end] = [e for e in decree["events"] if e["kind"] == "window_end"]
    assert window_end["date"] == "2026-01-01"
    assert window_end["derived"] is True
    assert "3 years" in window_end["rule"]
    assert "1913" in decree["text"]["az"]
    assert "Decree No. 1913" in decree["text"]["en"]


def test_decree_1905(seed_export: dict) -> None:
    decree = find(seed_export, number="1905", instrument="decree")
    assert dates(decree, "signed") == ["2022-12-15"]
    assert dates(decree, "in_force") == ["2022-12-15"]
    assert 7 in values(decree, "duration")
    ten = [q for q in decree["quantities"] if q["value"] == 10 and q["kind"] in ("people", "count")]
    assert ten and ten[0]["qualifier"] == "at_least"
    assert "1905" in decree["text"]["az"]


@pytest.mark.parametrize("number", ["619-VIQD", "620-VIQD"])
def test_money_transfer_laws_are_separate_measures(seed_export: dict, number: str) -> None:
    law = find(seed_export, number=number, instrument="law")
    assert dates(law, "signed") == ["2022-11-05"]
    assert dates(law, "in_force") == ["2022-12-07"]
    assert {50_000, 200_000, 500_000} <= set(values(law, "amount", "AZN"))
    ranges = [q for q in law["quantities"] if q["kind"] == "percent" and q["value_max"] == 60]
    assert ranges and ranges[0]["value"] == 40
    assert "az" in law["text"]


def test_supreme_court_decision(seed_export: dict) -> None:
    decision = find(seed_export, number="03/2022")
    assert decision["instrument"] == "court_decision"
    assert "Supreme Court" in decision["authority"]
    assert dates(decision, "adopted") == ["2022-12-14"]
    assert {20, 50} <= set(values(decision, "percent"))
    assert any(
        "176.1" in r["normalized"] and "176.3" in r["normalized"] for r in decision["references"]
    )
    [in_force] = [e for e in decision["events"] if e["kind"] == "in_force"]
    assert in_force["date"] is None and in_force["precision"] == "unknown"


def test_tobacco_duty_law(seed_export: dict) -> None:
    law = find(seed_export, number="622-VIQD")
    assert dates(law, "signed") == ["2022-11-05"]
    assert dates(law, "in_force") == ["2022-12-06"]
    assert quantity(law, "amount", 0.07, "AZN")
    month = [q for q in law["quantities"] if q["kind"] == "duration" and q["unit"] == "month"]
    assert month and month[0]["value"] == 1
    assert any(q["value"] == 5 for q in law["quantities"] if q["kind"] == "count")


def test_never_convicted_law(seed_export: dict) -> None:
    law = find(seed_export, number="641-VIQD")
    assert dates(law, "signed") == ["2022-11-29"]
    assert dates(law, "in_force") == ["2022-12-21"]
    assert {1, 2, 6, 8} <= set(values(law, "duration"))


def test_azerbaijan_amnesty_2025(seed_export: dict) -> None:
    act = find(seed_export, key="az/amnesty_act/2025-12-21")
    assert act["instrument"] == "amnesty_act"
    assert dates(act, "implementation_start") == ["2025-12-21"]
    [end] = [e for e in act["events"] if e["kind"] == "implementation_end"]
    assert end["date"] == "2026-04-21" and end["derived"]
    people = {(q["value"], q["qualifier"]) for q in act["quantities"] if q["kind"] == "people"}
    for expected in [
        (20_000, "more_than"),
        (5_000, "more_than"),
        (3_000, "more_than"),
        (7_000, "more_than"),
        (4_000, "about"),
        (1_000, "more_than"),
    ]:
        assert expected in people


def test_azerbaijan_amnesty_statement_2023(seed_export: dict) -> None:
    statement = find(seed_export, key="az/statement/2023-09-22")
    assert dates(statement, "issued") == ["2023-09-22"]
    context = set(dates(statement, "other"))
    assert {"2023-09-19", "2023-09-20", "2023-09-21"} <= context


def test_kazakhstan_amnesty_law(seed_export: dict) -> None:
    law = find(seed_export, jurisdiction="KZ", instrument="amnesty_act")
    assert dates(law, "signed") == ["2025-06-23"]
    people = {(q["value"], q["qualifier"]) for q in law["quantities"] if q["kind"] == "people"}
    assert (15_000, "more_than") in people
    assert (2_000, "about") in people


def test_pace_written_declaration(seed_export: dict) -> None:
    declaration = find(seed_export, instrument="declaration")
    assert declaration["number"] == "817"
    assert dates(declaration, "issued") == ["2025-07-10"]
    assert quantity(declaration, "people", 23)["condition"] == "signatories"
    assert any("16225" in r["normalized"] for r in declaration["references"])
    kz_law = find(seed_export, jurisdiction="KZ", instrument="amnesty_act")
    assert any(
        link["kind"] == "cites" and link["key"] == kz_law["key"] for link in declaration["links"]
    )


def test_cat_follow_up_report(seed_export: dict) -> None:
    report = find(seed_export, instrument="report")
    assert report["jurisdiction"] == "AZ"
    assert dates(report, "received") == ["2025-11-18"]
    assert dates(report, "issued") == ["2025-12-12"]
    assert "2024-05-06" in dates(report, "adopted")
    normalized = {r["normalized"] for r in report["references"]}
    for article in ("90.7.2", "90.7.5", "90.7.10", "153", "194"):
        assert any(article in n for n in normalized), article
    assert "CAT/C/AZE/CO/5" in normalized
    assert any(
        link["kind"] == "reports_on" and "CAT/C/AZE/CO/5" in link["title"]
        for link in report["links"]
    )
    stats = {(q["value"], q["kind"]) for q in report["quantities"]}
    assert (2488, "count") in stats
    assert (18_850, "people") in stats


def test_measures_cited_by_the_report(seed_export: dict) -> None:
    media = [
        m for m in seed_export["measures"] if "Media" in m["title"] and m["instrument"] == "law"
    ]
    assert len(media) == 1
    assert dates(media[0], "adopted") == ["2021-12-30"]
    decision = find(seed_export, number="04")
    assert dates(decision, "adopted") == ["2023-12-26"]
    assert "General Prosecutor" in decision["authority"]
    report = find(seed_export, instrument="report")
    cited = {link["key"] for link in report["links"] if link["kind"] == "cites"}
    assert {media[0]["key"], decision["key"]} <= cited
    assert any(
        link["kind"] == "cites" and link["direction"] == "incoming" and link["key"] == report["key"]
        for link in media[0]["links"]
    )


def test_amendment_links(seed_export: dict) -> None:
    law = find(seed_export, number="619-VIQD")
    amends = [link for link in law["links"] if link["kind"] == "amends"]
    assert amends and "Criminal Code" in amends[0]["title"]
    administrative = find(seed_export, number="620-VIQD")
    assert any(
        "Administrative" in link["title"]
        for link in administrative["links"]
        if link["kind"] == "amends"
    )


def test_azerbaijani_facts_are_flagged_for_review(seed_export: dict) -> None:
    az_facts = [
        fact
        for m in seed_export["measures"]
        for fact in m["events"] + m["quantities"]
        if fact["lang"] == "az"
    ]
    assert all(f["confidence"] < 1 and f["needs_review"] for f in az_facts)


def test_signing_date_never_taken_from_commentary(seed_export: dict) -> None:
    for measure in seed_export["measures"]:
        for event in measure["events"]:
            if event["kind"] == "signed" and event["span"]:
                assert event["label"] in ("date of signing", "signed (cited)", "dated"), event
