"""Rule files: the schema, quote verification against the seeded store, user versions."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from lawtracker.domain.rules import Provenance
from lawtracker.services.rules import (
    RuleBook,
    RuleFileError,
    bundled_rules_dir,
    read_rule_file,
    save_user_rule,
)
from lawtracker.services.rules.quotes import normalize
from lawtracker.storage.db import session_scope
from lawtracker.storage.tables import Source

EXPECTED = {
    "az-investment-promotion-certificate",
    "az-strategic-investment-project",
    "az-sme-cluster-company",
    "az-illegal-money-transfer",
    "az-salary-withholding",
    "az-legal-entity-never-convicted",
    "az-tobacco-marking-duty-exemption",
    "az-amnesty-2025",
}

RULE = """
schema = "lawtracker.rule/1"
id = "{id}"
version = {version}
title = "A test regime"
kind = "incentive"

[measure]
number = "1913"
jurisdiction = "AZ"
label = "Decree No. 1913"

[state_share]
percent = 30
quote = "{quote}"
"""
GOOD_QUOTE = "30 (thirty) percent or more of their shares"


def test_every_bundled_rule_verifies_and_spans_are_exact(book: RuleBook, seeded_engine) -> None:
    assert {r.id for r in book.regimes} == EXPECTED
    assert book.problems == []
    with session_scope(seeded_engine) as session:
        texts = {s.id: s.text for s in session.execute(select(Source)).scalars()}
    for regime in book.regimes:
        assert regime.verified, (regime.id, regime.problems)
        assert regime.provenance is Provenance.BUNDLED
        for clause in regime.clauses():
            span = clause.span
            assert span is not None
            assert texts[span.source_id][span.start : span.end] == span.text
            assert normalize(span.text) == clause.quote


def test_excepted_baku_areas_are_listed_from_the_decree(book: RuleBook) -> None:
    areas = book.get("az-strategic-investment-project").min_investment.excepted_areas
    assert areas[0].quote == "Rasulzade settlement of Binagadi district"
    assert len(areas) == 6 and all(a.verified for a in areas)


def test_a_quote_not_in_the_source_is_reported_and_unverified(
    seeded_engine, tmp_path: Path
) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "bad.toml").write_text(
        RULE.format(id="test-bad", version=1, quote="50 (fifty) percent or more of their shares"),
        encoding="utf-8",
    )
    book = RuleBook.load(seeded_engine, user_dir=user)
    regime = book.get("test-bad")
    assert not regime.verified
    assert regime.state_share.clause.span is None
    assert regime in book.unverified()
    assert any("quote not found" in p.message and "fifty" in p.message for p in book.problems)
    assert all(r.verified for r in book.regimes if r.id != "test-bad")


def test_a_measure_not_in_the_store_leaves_the_rule_unverified(
    seeded_engine, tmp_path: Path
) -> None:
    user = tmp_path / "user"
    user.mkdir()
    text = RULE.format(id="test-missing", version=1, quote=GOOD_QUOTE).replace('"1913"', '"9999"')
    (user / "missing.toml").write_text(text, encoding="utf-8")
    book = RuleBook.load(seeded_engine, user_dir=user)
    assert not book.get("test-missing").verified
    assert any("not in the store" in p.message for p in book.problems)


def test_schema_errors_are_all_reported_with_paths(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(
        RULE.format(id="x", version=1, quote=GOOD_QUOTE).replace("percent = 30", "percent = 'lots'")
        + '\nsurprise = 1\n[location]\neligible = ["moon"]\n',
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as caught:
        read_rule_file(path)
    problems = "\n".join(caught.value.problems)
    assert "surprise: unknown key" in problems
    path.write_text(
        RULE.format(id="x", version=1, quote=GOOD_QUOTE).replace("percent = 30", "percent = 'lots'")
        + '\n[location]\neligible = ["moon"]\n',
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as caught:
        read_rule_file(path)
    problems = "\n".join(caught.value.problems)
    assert "state_share.percent: expected a number" in problems
    assert "location.eligible: expected a list of locations" in problems
    assert "location.quote: missing" in problems


def test_invalid_file_is_a_load_problem_not_a_crash(seeded_engine, tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "nonsense.toml").write_text("id = [unclosed", encoding="utf-8")
    book = RuleBook.load(seeded_engine, user_dir=user)
    assert any("not valid TOML" in p.message for p in book.problems)
    assert {r.id for r in book.regimes} == EXPECTED


def test_user_version_wins_and_is_manual(seeded_engine, tmp_path: Path) -> None:
    user = tmp_path / "user"
    base = (bundled_rules_dir() / "az-investment-promotion-certificate.toml").read_text("utf-8")
    newer = base.replace("version = 1", "version = 2").replace("percent = 30", "percent = 25")
    saved = save_user_rule(newer, directory=user)
    assert saved.name == "az-investment-promotion-certificate-v2.toml"
    with pytest.raises(RuleFileError, match="already exist"):
        save_user_rule(newer, directory=user)
    with pytest.raises(RuleFileError, match="kind"):
        save_user_rule(newer.replace('kind = "incentive"', 'kind = "lottery"'), directory=user)
    book = RuleBook.load(seeded_engine, user_dir=user)
    current = book.get("az-investment-promotion-certificate")
    assert current.version == 2 and current.provenance is Provenance.MANUAL
    assert str(current.state_share.percent) == "25"
    # The user changed a number, not a quote, so the rule still verifies; the old one is kept.
    assert current.verified
    assert [r.version for r in book.history("az-investment-promotion-certificate")] == [2, 1]


def test_default_user_dir_is_under_the_data_dir(_private_data_dir: Path) -> None:
    from lawtracker.services.rules import user_rules_dir

    assert user_rules_dir() == _private_data_dir / "rules"
