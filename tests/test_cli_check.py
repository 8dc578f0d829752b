"""``lawtracker check ...`` on a seeded store: text and ``--json`` output, exit codes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from lawtracker.__main__ import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def check(capsys, db: Path, *argv: str) -> tuple[int, dict | list, str]:
    code, out, err = run(capsys, "--db", str(db), "check", *argv, "--json")
    return code, json.loads(out), err


def test_incentive_json_has_verdicts_reasons_and_clause_spans(capsys, seeded_db: Path) -> None:
    code, doc, err = check(
        capsys,
        seeded_db,
        "incentive",
        "--amount",
        "4000000",
        "--location",
        "ganja",
        "--state-share",
        "10",
        "--strategic",
        "--date",
        "2024-03-01",
    )
    assert code == 0, err
    verdicts = {v["regime"]: v for v in doc["verdicts"]}
    strategic = verdicts["az-strategic-investment-project"]
    assert strategic["outcome"] == "not_eligible" and strategic["verified"]
    minimum = next(r for r in strategic["reasons"] if r["criterion"] == "minimum investment")
    clause = minimum["clause"]
    assert clause["verified"] and clause["source"] == "001_be6e844fb81b9f94.txt"
    assert clause["end"] > clause["start"] and "5 (five) million" in clause["text"]
    thresholds = {t["location"]: t for t in strategic["thresholds"]}
    assert thresholds["ganja"]["minimum"] == "5000000"
    assert thresholds["baku_excepted_area"]["unclear"] is True
    assert verdicts["az-investment-promotion-certificate"]["outcome"] == "not_eligible"


def test_incentive_currency_conversion_and_csv(capsys, seeded_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "check.csv"
    code, doc, _ = check(
        capsys,
        seeded_db,
        "incentive",
        "--amount",
        "2000000",
        "--currency",
        "USD",
        "--rate",
        "1.7",
        "--location",
        "other_region",
        "--strategic",
        "--date",
        "2025-12-31",
        "--csv",
        str(target),
    )
    assert code == 0
    assert doc["scenario"]["amount_azn"] == "3400000.0"
    outcomes = {v["regime"]: v["outcome"] for v in doc["verdicts"]}
    assert outcomes["az-strategic-investment-project"] == "eligible"
    profit = next(b for b in doc["verdicts"][0]["benefits"] if b["id"] == "profit_income_tax")
    assert profit["end"]["date"] == "2032-12-31"
    rows = list(csv.reader(target.read_text(encoding="utf-8").splitlines()))
    assert ["scenario", "amount_azn", "3400000.0"] in rows


def test_incentive_needs_a_rate_for_another_currency(capsys, seeded_db: Path) -> None:
    code, _, err = run(
        capsys,
        "--db",
        str(seeded_db),
        "check",
        "incentive",
        "--amount",
        "1",
        "--location",
        "ganja",
        "--currency",
        "EUR",
    )
    assert code == 2 and "--rate" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("amount", "tier"),
    [
        ("50000", "administrative"),
        ("50000.01", "criminal_significant"),
        ("200000", "criminal_significant"),
        ("500000", "criminal_large_or_official"),
    ],
)
def test_money_transfer(capsys, seeded_db: Path, amount: str, tier: str) -> None:
    code, doc, _ = check(capsys, seeded_db, "money-transfer", "--amount", amount)
    assert code == 0 and doc["outcome"] == tier and doc["clause"]["verified"]


def test_other_calculators(capsys, seeded_db: Path) -> None:
    _, doc, _ = check(
        capsys, seeded_db, "salary-withholding", "--salary", "1000", "--withhold", "250"
    )
    assert doc["outcome"] == "exceeds_cap" and doc["amount_max"] == "200.00"
    _, doc, _ = check(
        capsys, seeded_db, "never-convicted", "--completed", "2020-02-29", "--gravity", "grave"
    )
    assert doc["date"]["date"] == "2026-02-28" and doc["date"]["clamped"]
    assert doc["date"]["weekend"] is True
    _, doc, _ = check(capsys, seeded_db, "amnesty-window", "--date", "2026-01-10")
    assert doc["outcome"] == "inside" and doc["date"]["date"] == "2026-04-21"


def test_tobacco_sixth_extension_exits_1(capsys, seeded_db: Path) -> None:
    code, doc, _ = check(
        capsys, seeded_db, "tobacco-exemption", "--notice", "2023-01-31", "--extensions", "5"
    )
    assert code == 0 and doc["outcome"] == "allowed" and doc["date"]["date"] == "2023-07-31"
    code, doc, _ = check(
        capsys, seeded_db, "tobacco-exemption", "--notice", "2023-01-31", "--extensions", "6"
    )
    assert code == 1 and doc["outcome"] == "refused"


def test_text_output_shows_clauses_and_unclear(capsys, seeded_db: Path) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        str(seeded_db),
        "check",
        "incentive",
        "--amount",
        "6000000",
        "--location",
        "baku_excepted_area",
        "--strategic",
        "--date",
        "2024-01-10",
    )
    assert code == 0
    assert "Strategic investment project: UNCLEAR" in out
    assert "clause (001_be6e844fb81b9f94.txt [" in out and "Yasamal district" in out


def test_rules_listing_reports_an_unverified_user_rule(
    capsys, seeded_db: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    (data / "rules").mkdir(parents=True)
    (data / "rules" / "mine.toml").write_text(
        """schema = "lawtracker.rule/1"
id = "my-regime"
version = 1
title = "Mine"
kind = "incentive"
[measure]
number = "1905"
jurisdiction = "AZ"
label = "Decree No. 1905"
[applicants]
text = "anyone"
quote = "words the decree never used"
""",
        encoding="utf-8",
    )
    code, out, err = run(
        capsys, "--db", str(seeded_db), "--data-dir", str(data), "check", "rules", "--json"
    )
    assert code == 0
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["my-regime"]["verified"] is False and rows["my-regime"]["provenance"] == "manual"
    assert rows["az-sme-cluster-company"]["verified"] is True
    assert "quote not found" in err


def test_incentive_text_speaks_in_words_not_codes(capsys, seeded_db: Path) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        str(seeded_db),
        "check",
        "incentive",
        "--amount",
        "4000000",
        "--location",
        "baku",
        "--date",
        "2024-06-01",
    )
    assert code == 0
    assert "Investment promotion certificate: NOT ELIGIBLE" in out
    assert "Baku (outside the excepted settlements and districts) is not a listed location" in out
    assert "  - strategic direction: not eligible: " in out
    assert "5,000,000 AZN minimum for Baku (outside the excepted" in out
    for code_word in ("not_eligible", "NOT_ELIGIBLE", "strategic_direction", "baku "):
        assert code_word not in out
