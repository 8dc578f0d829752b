"""The comparison dialog on the real rules engine and the seeded store."""

from __future__ import annotations

import csv
import io
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog

from lawtracker.domain.rules import Location, Outcome, Provenance
from lawtracker.gui.incentives.add_regime_dialog import AddRegimeDialog
from lawtracker.gui.incentives.compare_dialog import CompareIncentivesDialog
from lawtracker.gui.incentives.comparison_model import CLAUSE_ROLE, UNVERIFIED_MARK
from lawtracker.gui.incentives.scenario_inputs import ScenarioForm
from lawtracker.gui.incentives.scenario_panel import CLAUSE_ROLE as REASON_CLAUSE_ROLE
from tests.gui.incentive_helpers import (  # noqa: F401
    CERTIFICATE,
    STRATEGIC,
    fill_scenario,
    regime,
    rules,
    unnamed_controls,
    user_rules_dir,
)

DECREE_1913_ID = 2  # the seeded store's id of az/decree/1913 (checked below, not assumed)


@pytest.fixture
def calls() -> list[tuple]:
    return []


@pytest.fixture
def dialog(qtbot, rules, calls) -> CompareIncentivesDialog:  # noqa: F811
    found = CompareIncentivesDialog(
        None, rules=rules, on_show_clause=lambda *args: calls.append(args), form=ScenarioForm()
    )
    qtbot.addWidget(found)
    found.set_chosen(lambda r: r.id in (CERTIFICATE, STRATEGIC))
    found.show()
    qtbot.waitExposed(found)
    return found


def model_cell(dialog: CompareIncentivesDialog, criterion: str, title: str):
    model = dialog.model
    rows = [model.index(r, 0).data() for r in range(model.rowCount())]
    titles = list(model.comparison().titles)
    return model.index(rows.index(criterion), 1 + titles.index(title))


def test_the_rules_are_verified_against_the_seeded_store(rules) -> None:  # noqa: F811
    assert {r.id for r in rules.regimes()} >= {CERTIFICATE, STRATEGIC}
    assert all(r.verified for r in rules.regimes()), [r.problems for r in rules.regimes()]
    assert rules.measure_of(regime(rules, CERTIFICATE)) == DECREE_1913_ID


def test_ganja_scenario_gives_each_regime_a_verdict_and_the_threshold_is_not_met(
    qtbot, dialog: CompareIncentivesDialog
) -> None:
    fill_scenario(dialog)
    qtbot.mouseClick(dialog.scenario.compute_button, Qt.MouseButton.LeftButton)

    verdicts = dialog.scenario.verdict_rows()
    assert verdicts == {
        "Investment promotion certificate": "not eligible",
        "Strategic investment project": "not eligible",
    }
    tree = dialog.scenario.results
    strategic = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0).startswith("Strategic")
    )
    reasons = {
        strategic.child(i).text(0): strategic.child(i) for i in range(strategic.childCount())
    }
    minimum = reasons["minimum investment"]
    assert minimum.text(1) == "not eligible"
    assert "5,000,000" in minimum.text(2) and "4,000,000" in minimum.text(2)
    assert reasons["state share"].text(1) == "eligible"  # 10% is below the 30% exclusion
    clause = minimum.data(0, REASON_CLAUSE_ROLE)
    assert clause.verified and "5 (five) million manats" in clause.span.text
    # The chart: the strategic threshold for Ganja, against the amount, in words too.
    bars = {bar.label: bar.threshold for bar in dialog.scenario.chart.bars()}
    assert bars["Strategic investment project"] == 5_000_000
    assert dialog.scenario.chart.amount() == 4_000_000
    assert "Strategic investment project: minimum 5,000,000 AZN, not met" in (
        dialog.scenario.chart.summary()
    )


def test_clicking_a_reason_passes_its_clause_span(qtbot, dialog, calls) -> None:
    fill_scenario(dialog)
    assert dialog.scenario.compute()
    tree = dialog.scenario.results
    top = tree.topLevelItem(0)
    item = next(
        top.child(i) for i in range(top.childCount()) if top.child(i).text(0) == "state share"
    )
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    span = item.data(0, REASON_CLAUSE_ROLE).span
    assert calls == [(DECREE_1913_ID, span.source_id, span.start, span.end)]


def test_strategic_project_meets_the_threshold_with_enough_money(dialog) -> None:
    fill_scenario(dialog, amount="5 000 000", strategic=True)
    assert dialog.scenario.compute()
    assert dialog.scenario.outcome_of(STRATEGIC) is Outcome.ELIGIBLE
    assert dialog.scenario.outcome_of(CERTIFICATE) is Outcome.ELIGIBLE  # via the strategic route
    benefits = [
        dialog.scenario.results.topLevelItem(0).child(i)
        for i in range(dialog.scenario.results.topLevelItem(0).childCount())
    ]
    ends = [b.text(2) for b in benefits if b.text(1) == "benefit"]
    assert any(text.startswith("ends 2031-03-01") for text in ends), ends


def test_other_currency_is_converted_at_the_typed_rate(dialog) -> None:
    fill_scenario(dialog, amount="2,000,000", currency="USD", rate="1.7", strategic=True)
    assert dialog.scenario.rate_edit.isEnabled()
    assert dialog.scenario.compute()
    assert dialog.scenario.report().scenario.amount_azn == Decimal("3400000.0")
    assert dialog.scenario.chart.amount() == 3_400_000
    # 3.4 million AZN: below 5 million in Ganja, whatever the dollar figure looks like.
    assert dialog.scenario.outcome_of(STRATEGIC) is Outcome.NOT_ELIGIBLE


def test_wrong_inputs_give_inline_messages_not_exceptions(dialog) -> None:
    fill_scenario(dialog, amount="four million", share="130", currency="USD", rate="")
    assert not dialog.scenario.compute()
    message = dialog.scenario.error_label.text()
    assert dialog.scenario.error_label.isVisible()
    assert "investment amount as a number" in message
    assert "state share is a percentage" in message
    assert "AZN one USD is worth" in message
    fill_scenario(dialog)
    assert dialog.scenario.compute()
    assert not dialog.scenario.error_label.isVisible()


def test_excepted_baku_areas_are_listed_and_unclear(dialog) -> None:
    combo = dialog.scenario.location_combo
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert "Baku, Yasamal district (excepted)" in texts
    assert {"Sumgait", "Ganja", "Absheron", "Tourism and recreation zone"} <= set(texts)
    combo.setCurrentIndex(texts.index("Baku, Yasamal district (excepted)"))
    fill_scenario(dialog, amount="3,500,000", strategic=True)
    combo.setCurrentIndex(texts.index("Baku, Yasamal district (excepted)"))
    assert dialog.scenario.compute()
    assert dialog.scenario.report().scenario.location is Location.BAKU_EXCEPTED_AREA
    assert dialog.scenario.outcome_of(STRATEGIC) is Outcome.UNCLEAR
    assert "Yasamal" in dialog.scenario.report().location_label


def test_differing_rows_stand_out_from_the_palette_and_cells_carry_clauses(
    qtbot, dialog, calls
) -> None:
    model = dialog.model
    titles = list(model.comparison().titles)
    assert titles == ["Investment promotion certificate", "Strategic investment project"]
    criteria = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert criteria == [
        "eligible applicants",
        "exclusions",
        "locations",
        "minimum investment by area",
        "benefits (rate, duration)",
        "application window",
        "entry into force",
    ]
    differs = model_cell(dialog, "minimum investment by area", "Strategic investment project")
    same = model_cell(dialog, "exclusions", "Strategic investment project")
    assert "Ganja 5,000,000 AZN" in differs.data().splitlines()
    font: QFont = differs.data(Qt.ItemDataRole.FontRole)
    assert font.bold() and same.data(Qt.ItemDataRole.FontRole) is None
    background: QColor = differs.data(Qt.ItemDataRole.BackgroundRole)
    assert background is not None and same.data(Qt.ItemDataRole.BackgroundRole) is None
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    assert background != base
    clause = differs.data(CLAUSE_ROLE)
    assert clause.quote in differs.data(Qt.ItemDataRole.ToolTipRole).replace("\n", " ") or (
        clause.span.text in differs.data(Qt.ItemDataRole.ToolTipRole)
    )
    rect = dialog.table.visualRect(differs)
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert calls == [(DECREE_1913_ID, clause.span.source_id, clause.span.start, clause.span.end)]


def test_dark_palette_keeps_the_emphasis_dark(qtbot, dialog) -> None:
    app = QApplication.instance()
    original = app.palette()
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Base, QColor(30, 30, 30))
    dark.setColor(QPalette.ColorRole.Text, QColor(230, 230, 230))
    dark.setColor(QPalette.ColorRole.Window, QColor(45, 45, 45))
    dark.setColor(QPalette.ColorRole.Highlight, QColor(42, 130, 218))
    app.setPalette(dark)
    QApplication.processEvents()  # deliver the palette change to the widgets
    try:
        cell = model_cell(dialog, "minimum investment by area", "Strategic investment project")
        background = cell.data(Qt.ItemDataRole.BackgroundRole)
        assert background.lightnessF() < 0.5  # a tint of the dark base, not a light fill
        fill_scenario(dialog)
        assert dialog.scenario.compute()
        image = dialog.scenario.chart.grab().toImage()
        assert QColor(image.pixel(2, 2)) == QColor(30, 30, 30)
    finally:
        app.setPalette(original)


def _unverified_rule(rules) -> str:  # noqa: F811
    text = rules.regime_template(regime(rules, STRATEGIC))
    return text.replace("5 (five) million manats", "7 (seven) million manats").replace(
        "ganja = 5000000", "ganja = 7000000"
    )


def test_unverified_rules_are_marked_and_never_linked(qtbot, rules, calls) -> None:  # noqa: F811
    added = rules.add_regime(_unverified_rule(rules))
    assert added.provenance is Provenance.MANUAL and added.version == 2
    assert not added.verified
    dialog = CompareIncentivesDialog(None, rules=rules, on_show_clause=lambda *a: calls.append(a))
    qtbot.addWidget(dialog)
    dialog.set_chosen(lambda r: r.id == STRATEGIC)  # both versions
    labels = [
        item.text() for item in dialog.regime_items() if item.checkState() == Qt.CheckState.Checked
    ]
    assert len(labels) == 2
    assert any("v2 (manual" in t and UNVERIFIED_MARK in t for t in labels)
    assert any("v1 (bundled" in t and UNVERIFIED_MARK not in t for t in labels)
    headers = [dialog.model.header_title(c) for c in range(1, 3)]
    assert sum(UNVERIFIED_MARK in h for h in headers) == 1
    column = 1 + [UNVERIFIED_MARK in h for h in headers].index(True)
    row = [dialog.model.index(r, 0).data() for r in range(7)].index("minimum investment by area")
    cell = dialog.model.index(row, column)
    assert UNVERIFIED_MARK in cell.data()
    assert cell.data(Qt.ItemDataRole.ToolTipRole).startswith("Unverified")
    assert dialog.model.index(row, 0).data(Qt.ItemDataRole.FontRole).bold()  # 5M vs 7M differ
    dialog.table.clicked.emit(cell)
    assert calls == []
    assert "Unverified" in dialog.status_label.text()
    fill_scenario(dialog, amount="6,000,000", strategic=True)
    assert dialog.scenario.compute()
    tops = [dialog.scenario.results.topLevelItem(i).text(0) for i in range(2)]
    assert sum(UNVERIFIED_MARK in t for t in tops) == 1


def test_adding_a_new_version_from_the_dialog_stores_it_as_manual(
    qtbot,
    rules,  # noqa: F811
    user_rules_dir: Path,  # noqa: F811
) -> None:
    def add(parent, port):
        editor = AddRegimeDialog(parent, rules=port, base=regime(port, CERTIFICATE))
        qtbot.addWidget(editor)
        assert "version = 2" in editor.editor.toPlainText()
        editor.editor.setPlainText(editor.editor.toPlainText().replace("title = ", "titel = "))
        assert not editor.save_button.isEnabled()
        assert "title" in editor.problems_label.text()
        editor.editor.setPlainText(
            port.regime_template(regime(port, CERTIFICATE)).replace("percent = 30", "percent = 25")
        )
        assert editor.save_button.isEnabled(), editor.problems_label.text()
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        return editor.added

    dialog = CompareIncentivesDialog(None, rules=rules, add_regime_dialog=add)
    qtbot.addWidget(dialog)
    dialog.set_chosen(lambda r: r.id == CERTIFICATE)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert list(user_rules_dir.glob("*.toml")) == [
        user_rules_dir / "az-investment-promotion-certificate-v2.toml"
    ]
    chosen = dialog.chosen()
    assert [(r.version, r.provenance) for r in chosen] == [
        (2, Provenance.MANUAL),
        (1, Provenance.BUNDLED),
    ]
    assert list(dialog.model.comparison().titles) == [
        "Investment promotion certificate (v2, manual)",
        "Investment promotion certificate (v1, bundled)",
    ]
    exclusions = model_cell(dialog, "exclusions", "Investment promotion certificate (v2, manual)")
    assert exclusions.data(Qt.ItemDataRole.FontRole).bold()  # 25% against 30%
    fill_scenario(dialog, share="27", location=Location.OTHER_REGION)
    assert dialog.scenario.compute()
    outcomes = [v.outcome for v in dialog.scenario.verdicts()]
    assert outcomes == [Outcome.NOT_ELIGIBLE, Outcome.ELIGIBLE]  # 27% >= 25% only in v2
    assert dialog.scenario.verdict_rows() == {
        "Investment promotion certificate (v2, manual)": "not eligible",
        "Investment promotion certificate (v1, bundled)": "eligible",
    }


def test_exports_write_csv_and_pdf_with_the_regimes(
    qtbot, dialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pypdf = pytest.importorskip("pypdf")
    fill_scenario(dialog)
    assert dialog.scenario.compute()
    target = {"path": ""}
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (target["path"], ""))
    target["path"] = str(tmp_path / "out.csv")
    qtbot.mouseClick(dialog.export_csv_button, Qt.MouseButton.LeftButton)
    rows = list(csv.reader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8"))))
    assert rows[0][:4] == ["section", "regime", "criterion", "value"]
    minimum = [
        r
        for r in rows
        if r[0] == "comparison"
        and r[1] == "Strategic investment project"
        and r[2] == "minimum investment by area"
    ]
    assert len(minimum) == 1 and minimum[0][9] == "yes" and "5 (five) million" in minimum[0][5]
    verdicts = {r[1]: r[3] for r in rows if r[0] == "verdict"}
    assert verdicts == {
        "Investment promotion certificate": "not eligible",
        "Strategic investment project": "not eligible",
    }
    assert [c for c in rows if c[0] == "scenario"][1][:4] == ["scenario", "", "Location", "Ganja"]

    target["path"] = str(tmp_path / "out")  # no suffix: the format's is added
    qtbot.mouseClick(dialog.export_pdf_button, Qt.MouseButton.LeftButton)
    pdf = tmp_path / "out.pdf"
    assert pdf.exists()
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    text = " ".join(unicodedata.normalize("NFKC", text).split())  # the font ligates "fi"
    assert "Investment promotion certificate" in text
    assert "Strategic investment project" in text
    assert "not eligible" in text
    assert "Ganja 5,000,000 AZN" in text  # places in words, not location codes


def test_report_cells_keep_one_place_a_line_and_escape_markup() -> None:
    from lawtracker.gui.incentives.report import _lines_html

    assert _lines_html("Ganja <5M>\nSumgait & co") == "Ganja &lt;5M&gt;<br/>Sumgait &amp; co"


def test_pdf_escapes_markup_in_rule_text(qapp, tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    from lawtracker.domain.rules import Comparison, ComparisonCell, ComparisonRow
    from lawtracker.gui.incentives.report import report_html, write_pdf

    comparison = Comparison(
        ("x",),
        ("<b>Regime & Co</b>",),
        (ComparisonRow("<i>c</i>", (ComparisonCell("<x>", None),), False),),
    )
    html_text = report_html(comparison, None)
    assert "&lt;b&gt;Regime &amp; Co&lt;/b&gt;" in html_text and "<x>" not in html_text
    write_pdf(tmp_path / "e.pdf", comparison, None)
    text = " ".join(pypdf.PdfReader(tmp_path / "e.pdf").pages[0].extract_text().split())
    assert "<b>Regime & Co</b>" in text and "<x>" in text  # shown as text, not markup


def test_every_control_is_named_and_reachable(qtbot, dialog) -> None:
    assert unnamed_controls(dialog) == []
    dialog.scenario.amount_edit.setFocus()
    qtbot.keyClicks(dialog.scenario.amount_edit, "4000000")
    fill_scenario(dialog)
    qtbot.keyClick(dialog.scenario.amount_edit, Qt.Key.Key_Return)  # Enter computes
    assert dialog.scenario.verdict_rows()


def test_fewer_than_two_regimes_asks_for_more(dialog) -> None:
    dialog.set_chosen(lambda r: r.id == CERTIFICATE)
    assert dialog.hint_label.text().startswith("⚠ Tick at least two")
    assert dialog.model.columnCount() == 2
    dialog.set_chosen(lambda r: False)
    assert dialog.model.rowCount() == 7 and dialog.model.columnCount() == 1
    assert not dialog.scenario.compute()
    assert "Tick at least one regime" in dialog.scenario.error_label.text()


def test_scenario_inputs_are_remembered_between_openings(qtbot, rules) -> None:  # noqa: F811
    form = ScenarioForm()
    first = CompareIncentivesDialog(None, rules=rules, form=form)
    qtbot.addWidget(first)
    fill_scenario(first, amount="1,234,567", location=Location.SUMGAIT, day=QDate(2024, 5, 6))
    assert first.scenario.compute()
    first.close()
    second = CompareIncentivesDialog(None, rules=rules, form=form)
    qtbot.addWidget(second)
    assert second.scenario.amount_edit.text() == "1,234,567"
    assert second.scenario.location_combo.currentText() == "Sumgait"
    assert second.scenario.date_edit.date() == QDate(2024, 5, 6)


def test_benefit_end_dates_carry_the_engine_rule_and_weekend_flag(dialog) -> None:
    # 2 March 2024 + 7 years = Sunday 2 March 2031.
    fill_scenario(dialog, amount="5,000,000", strategic=True, day=QDate(2024, 3, 2))
    assert dialog.scenario.compute()
    top = dialog.scenario.results.topLevelItem(0)
    ends = [
        top.child(i).text(2) for i in range(top.childCount()) if top.child(i).text(1) == "benefit"
    ]
    assert ends[0].startswith("ends 2031-03-02")
    assert "2024-03-02 + 7 years = 2031-03-02" in ends[0] and "falls on a weekend" in ends[0]
    assert "duration" in ends[1]  # the land and property exemption has no duration in the text


def test_chart_says_why_a_regime_has_no_bar(dialog) -> None:
    fill_scenario(dialog)
    assert dialog.scenario.compute()
    notes = {bar.label: bar.note for bar in dialog.scenario.chart.bars()}
    assert notes["Investment promotion certificate"] == "not a listed location"
    assert "Investment promotion certificate: not a listed location" in (
        dialog.scenario.chart.summary()
    )
