"""The calculators dialog on the real rule files and the seeded store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt

from lawtracker.gui.incentives.calculators_dialog import CalculatorsDialog
from tests.gui.incentive_helpers import rules, unnamed_controls, user_rules_dir  # noqa: F401


@pytest.fixture
def calls() -> list[tuple]:
    return []


@pytest.fixture
def dialog(qtbot, rules, calls) -> CalculatorsDialog:  # noqa: F811
    found = CalculatorsDialog(None, rules=rules, on_show_clause=lambda *a: calls.append(a))
    qtbot.addWidget(found)
    found.show()
    qtbot.waitExposed(found)
    return found


def compute(qtbot, page) -> None:
    qtbot.mouseClick(page.compute_button, Qt.MouseButton.LeftButton)


def test_one_page_per_quantified_rule(dialog: CalculatorsDialog) -> None:
    titles = [dialog.page_list.item(i).text() for i in range(dialog.page_list.count())]
    assert titles == [
        "Money-transfer liability",
        "Salary withholding cap",
        "Legal entity: never convicted from",
        "Tobacco marking duty exemption",
        "Amnesty implementation window",
        "Certificate and benefit end dates",
    ]
    assert unnamed_controls(dialog) == []


def test_money_transfer_boundary_50000(qtbot, dialog: CalculatorsDialog, calls) -> None:
    page = dialog.page("money_transfer")
    page.inputs.amount.setText("50,000")
    compute(qtbot, page)
    assert page.result.outcome == "administrative"
    assert page.summary_label.text().startswith("Administrative offence")
    assert "20,000–30,000 AZN" in page.summary_label.text()  # 40% to 60% of 50,000
    page.inputs.amount.setText("50000.01")
    qtbot.keyClick(page.inputs.amount, Qt.Key.Key_Return)  # Enter computes too
    assert page.result.outcome == "criminal_significant"
    assert page.summary_label.text().startswith("Crime in a significant amount")
    assert "exceeding 50,000 manats" in page.clause_label.text()
    assert page.show_clause_button.isEnabled()
    qtbot.mouseClick(page.show_clause_button, Qt.MouseButton.LeftButton)
    span = page.result.clause.span
    assert len(calls) == 1 and calls[0][1:] == (span.source_id, span.start, span.end)
    assert isinstance(calls[0][0], int)  # the stored measure of Law No. 619-VIQD


def test_an_official_raises_the_tier(qtbot, dialog: CalculatorsDialog) -> None:
    page = dialog.page("money_transfer")
    page.inputs.amount.setText("10000")
    page.inputs.flag.setChecked(True)
    compute(qtbot, page)
    assert page.result.outcome == "criminal_large_or_official"


def test_wrong_amounts_are_reported_inline(qtbot, dialog: CalculatorsDialog) -> None:
    page = dialog.page("money_transfer")
    for text in ("", "abc", "-5", "0"):
        page.inputs.amount.setText(text)
        compute(qtbot, page)
        assert page.error_label.isVisible()
        assert "amount above zero" in page.error_label.text()
    page.inputs.amount.setText("1")
    compute(qtbot, page)
    assert not page.error_label.isVisible()


def test_salary_withholding_caps(qtbot, dialog: CalculatorsDialog) -> None:
    page = dialog.page("salary_withholding")
    page.inputs.amount.setText("1000")
    page.inputs.second_amount.setText("250")
    compute(qtbot, page)
    assert page.result.amount_max == 200 and page.result.outcome == "exceeds_cap"
    page.inputs.flag.setChecked(True)
    compute(qtbot, page)
    assert page.result.amount_max == 500 and page.result.outcome == "within_cap"


def test_never_convicted_dates_by_gravity(qtbot, dialog: CalculatorsDialog) -> None:
    page = dialog.page("never_convicted")
    page.inputs.gravity.setCurrentIndex(page.inputs.gravity.findData("grave"))
    page.inputs.date.setDate(QDate(2020, 2, 29))
    compute(qtbot, page)
    # 29 February + 6 years does not exist: the engine clamps and says so.
    assert page.result.date.date.isoformat() == "2026-02-28"
    assert "clamped" in page.notes_label.text()
    assert "2026-02-28" in page.summary_label.text()


def test_tobacco_five_extensions_allowed_a_sixth_refused(qtbot, dialog) -> None:
    page = dialog.page("tobacco_exemption")
    page.inputs.date.setDate(QDate(2024, 1, 10))
    page.inputs.count.setValue(5)
    compute(qtbot, page)
    assert page.result.outcome == "allowed"
    assert page.result.date.date.isoformat() == "2024-07-10"  # 1 month + 5 × 1 month
    page.inputs.count.setValue(6)
    compute(qtbot, page)
    assert page.result.outcome == "refused"
    assert "not allowed" in page.summary_label.text()


def test_amnesty_window_and_benefit_end_dates(qtbot, dialog) -> None:
    page = dialog.page("amnesty_window")
    compute(qtbot, page)
    assert page.result.date.date.isoformat() == "2026-04-21"  # four months from 21 December
    page.inputs.use_date.setChecked(True)
    page.inputs.date.setDate(QDate(2026, 4, 21))
    compute(qtbot, page)
    assert page.result.outcome == "unclear"  # the last day: the text does not say
    page = dialog.page("benefit_end")
    page.inputs.date.setDate(QDate(2024, 3, 1))
    compute(qtbot, page)
    assert "ends 2031-03-01" in page.summary_label.text()
    assert "7 years from the date of receipt" in page.clause_label.text()
