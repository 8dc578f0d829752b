"""End to end: the Tools menu on a real main window, and a clause shown in its detail view."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from lawtracker.app import build_window
from lawtracker.gui.incentives import IncentiveTools, install_tools_menu
from lawtracker.gui.main_window import MainWindow
from lawtracker.gui.settings import WindowSettings
from lawtracker.services.store import open_store
from tests.gui.incentive_helpers import (  # noqa: F401
    CERTIFICATE,
    STRATEGIC,
    fill_scenario,
    rules,
    user_rules_dir,
)
from tests.gui.test_main_window import (  # noqa: F401
    DECREE,
    WindowFactory,
    click_row,
    make_window,
    settings_path,
)


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:  # noqa: F811
    return make_window()


@pytest.fixture
def tools(window: MainWindow, rules) -> IncentiveTools:  # noqa: F811
    return install_tools_menu(window, rules_service_factory=lambda: rules)


def selected_text(window: MainWindow) -> str:
    # QTextCursor reports line breaks as U+2029 (paragraph separator).
    return window.detail.text_edit.textCursor().selectedText().replace("\u2029", "\n")


def test_tools_menu_sits_before_help(window: MainWindow, tools: IncentiveTools) -> None:
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus.index("&Tools") == menus.index("&Help") - 1
    assert [a.text() for a in tools.menu.actions()] == ["&Compare incentives…", "C&alculators…"]
    assert tools.compare_action.shortcut().toString() == "Ctrl+Shift+I"


def test_clicking_a_cell_selects_the_clause_in_the_detail_view(
    qtbot, window: MainWindow, tools: IncentiveTools
) -> None:
    tools.compare_action.trigger()
    dialog = tools.compare_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.set_chosen(lambda r: r.id in (CERTIFICATE, STRATEGIC))
    model = dialog.model
    criteria = [model.index(r, 0).data() for r in range(model.rowCount())]
    column = 1 + list(model.comparison().titles).index("Strategic investment project")
    cell = model.index(criteria.index("minimum investment by area"), column)
    rect = dialog.table.visualRect(cell)
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    detail = window.detail.detail()
    assert detail is not None and detail.key == DECREE
    clause = dialog.last_clause[1]
    assert selected_text(window) == clause.span.text
    assert "5 (five) million manats" in selected_text(window)


def test_a_reason_clause_is_shown_too(qtbot, window: MainWindow, tools: IncentiveTools) -> None:
    dialog = tools.open_compare()
    dialog.set_chosen(lambda r: r.id in (CERTIFICATE, STRATEGIC))
    fill_scenario(dialog)
    assert dialog.scenario.compute()
    top = dialog.scenario.results.topLevelItem(0)
    item = next(top.child(i) for i in range(top.childCount()) if top.child(i).text(0) == "location")
    dialog.scenario.results.itemClicked.emit(item, 0)
    assert selected_text(window) == dialog.last_clause[1].span.text
    assert selected_text(window).startswith("projects to be implemented in industrial districts")


def test_calculator_clause_is_shown_in_the_window(
    qtbot, window: MainWindow, tools: IncentiveTools
) -> None:
    tools.calculators_action.trigger()
    page = tools.calculators_dialog.page("money_transfer")
    page.inputs.amount.setText("50000")
    page.compute()
    qtbot.mouseClick(page.show_clause_button, Qt.MouseButton.LeftButton)
    assert window.detail.detail().number == "619-VIQD"
    assert selected_text(window) == page.result.clause.span.text


def test_the_detail_button_preticks_the_measure_regimes(
    qtbot, window: MainWindow, tools: IncentiveTools
) -> None:
    click_row(qtbot, window, DECREE)
    button = tools.compare_button(window)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    chosen = {r.id for r in tools.compare_dialog.chosen()}
    assert chosen == {CERTIFICATE, STRATEGIC}  # both rest on Decree No. 1913, SME cluster does not
    # The scenario typed in one opening is there in the next (session memory).
    fill_scenario(tools.compare_dialog, amount="777")
    tools.compare_dialog.scenario.compute()
    again = tools.open_compare()
    assert again.scenario.amount_edit.text() == "777"


def test_the_composed_window_has_the_tools_and_the_detail_button(
    qtbot,
    seeded_db: Path,
    settings_path: Path,  # noqa: F811
) -> None:
    """``app.build_window`` (what ``lawtracker`` runs) wires the Tools menu and the button."""
    store = open_store(seeded_db, seed=False)
    try:
        window = build_window(store, settings=WindowSettings(settings_path))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        menus = [a.text() for a in window.menuBar().actions()]
        assert "&Tools" in menus
        tools = window.incentive_tools
        assert tools is not None
        click_row(qtbot, window, DECREE)
        button = next(
            b for b in window.detail.findChildren(QPushButton) if b.text() == "Compare &incentives…"
        )
        assert button.isVisible()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        dialog = tools.compare_dialog
        assert dialog is not None and dialog.isVisible()
        assert {r.id for r in dialog.chosen()} == {CERTIFICATE, STRATEGIC}
        dialog.close()
        window.close()
    finally:
        store.dispose()
