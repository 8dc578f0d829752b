"""MeasureDetailView: facts jump to their span, languages switch, links navigate."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from lawtracker.domain.enums import Language
from lawtracker.gui.views.detail_view import EMPTY_MESSAGE, MeasureDetailView
from lawtracker.gui.views.fact_lists import SPAN_ROLE
from lawtracker.gui.views.text_spans import OffsetMap, search_pattern, search_spans
from tests.gui.sample_data import AZ_SLICE, EN_SLICE, decree_detail


@pytest.fixture
def view(qtbot) -> MeasureDetailView:
    widget = MeasureDetailView()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    found = []
    for top in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(top)
        found += [item] + [item.child(c) for c in range(item.childCount())]
    return found


def _row_with_text(tree: QTreeWidget, text: str) -> QTreeWidgetItem:
    return next(i for i in _items(tree) if text in [i.text(c) for c in range(i.columnCount())])


def _click(qtbot, tree: QTreeWidget, item: QTreeWidgetItem) -> None:
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_empty_state_until_a_measure_is_set(view: MeasureDetailView) -> None:
    assert view.empty_label.isVisible()
    assert view.empty_label.text() == EMPTY_MESSAGE
    view.set_detail(decree_detail())
    assert not view.empty_label.isVisible()
    assert view.title_label.text().startswith("Additional measures")
    assert "Decree · No. 1913" in view.meta_label.text()
    view.set_detail(None)
    assert view.empty_label.isVisible()


def test_clicking_a_quantity_selects_its_span(qtbot, view: MeasureDetailView) -> None:
    detail = decree_detail()
    view.set_detail(detail)
    view.fact_tabs.setCurrentWidget(view.quantities_table)
    quantity = next(q for q in detail.quantities if q.text == "AZN 500 000")
    _click(qtbot, view.quantities_table, _row_with_text(view.quantities_table, "AZN 500 000"))
    cursor = view.text_edit.textCursor()
    shown = detail.texts[Language.EN]
    assert cursor.selectionStart() == quantity.start - shown.start
    assert cursor.selectedText() == "AZN 500 000"


def test_clicking_an_event_of_the_other_language_switches_text(qtbot, view) -> None:
    view.set_detail(decree_detail())
    assert view.shown_language() is Language.EN
    _click(qtbot, view.events_table, _row_with_text(view.events_table, "AZ"))
    assert view.shown_language() is Language.AZ
    assert view.text_edit.textCursor().selectedText() == "20 dekabr 2022"


def test_facts_without_a_span_do_nothing(qtbot, view: MeasureDetailView) -> None:
    view.set_detail(decree_detail())
    derived = _row_with_text(view.events_table, "derived")
    assert derived.data(0, SPAN_ROLE) is None
    _click(qtbot, view.events_table, derived)
    assert not view.text_edit.textCursor().hasSelection()


def test_language_switch_changes_the_text(view: MeasureDetailView) -> None:
    view.set_detail(decree_detail())
    assert view.language_switch.isEnabled()
    assert view.text_edit.toPlainText() == EN_SLICE
    view.language_switch.setCurrentIndex(view.language_switch.findData(Language.AZ))
    assert view.shown_language() is Language.AZ
    assert view.text_edit.toPlainText().startswith(AZ_SLICE[:20])


def test_language_switch_is_disabled_with_one_language(view: MeasureDetailView) -> None:
    view.set_detail(decree_detail(with_azerbaijani=False))
    assert not view.language_switch.isEnabled()
    assert view.shown_language() is Language.EN


def test_only_facts_of_the_shown_language_are_highlighted(view: MeasureDetailView) -> None:
    view.set_detail(decree_detail())
    english = {s.cursor.selectedText() for s in view.text_edit.extraSelections()}
    assert {"December 20, 2022", "AZN 500 000", "Article 12.1"} <= english
    assert "50 faiz" not in english
    view.show_language(Language.AZ)
    azerbaijani = {s.cursor.selectedText() for s in view.text_edit.extraSelections()}
    assert azerbaijani == {"20 dekabr 2022", "50 faiz"}


def test_search_terms_are_marked_case_insensitively(view: MeasureDetailView) -> None:
    view.set_detail(decree_detail())
    before = len(view.text_edit.extraSelections())
    view.set_search_terms(["INVESTMENT"])
    marked = [s.cursor.selectedText() for s in view.text_edit.extraSelections()]
    assert len(marked) == before + 3
    assert marked.count("investment") == 2 and "Investment" in marked
    view.set_search_terms([])
    assert len(view.text_edit.extraSelections()) == before


def test_links_to_stored_measures_emit_their_id(qtbot, view: MeasureDetailView) -> None:
    view.set_detail(decree_detail())
    view.fact_tabs.setCurrentWidget(view.links_table)
    target = _row_with_text(view.links_table, "Investment promotion mechanism (az-decree-1800)")
    with qtbot.waitSignal(view.measureActivated) as blocker:
        _click(qtbot, view.links_table, target)
    assert blocker.args == [11]
    assert _row_with_text(view.links_table, "implemented by")


def test_links_without_a_stored_measure_stay_silent(qtbot, view: MeasureDetailView) -> None:
    view.set_detail(decree_detail())
    view.fact_tabs.setCurrentWidget(view.links_table)
    dangling = _row_with_text(view.links_table, "cited by")
    with qtbot.assertNotEmitted(view.measureActivated):
        _click(qtbot, view.links_table, dangling)


def test_document_text_is_never_rendered_as_html(view: MeasureDetailView) -> None:
    detail = decree_detail(with_azerbaijani=False)
    hostile = "<b>bold</b> <img src='x'>"
    text = dataclasses.replace(detail.texts[Language.EN], text=hostile, end=10**6)
    view.set_detail(dataclasses.replace(detail, title=hostile, texts={Language.EN: text}))
    assert view.title_label.textFormat() == Qt.TextFormat.PlainText
    assert view.text_edit.toPlainText() == hostile


def test_offsets_account_for_crlf_and_astral_characters() -> None:
    text = "a\r\nb😀c"
    offsets = OffsetMap(text)
    assert [offsets(i) for i in range(len(text) + 1)] == [0, 1, 1, 2, 3, 5, 6]
    assert OffsetMap("plain")(3) == 3


def test_search_pattern_skips_operators_and_matches_word_prefixes() -> None:
    pattern = search_pattern(['"amnest*"', "OR", "x"])
    assert pattern is not None
    assert search_spans("Amnesty; the amnesties; preamnesty", pattern) == [(0, 6), (13, 19)]
    assert search_pattern(["AND", ""]) is None
