"""FilterSidebar: controls map to a MeasureFilter and back."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QListWidget, QStyle, QStyleOptionViewItem

from lawtracker.domain.catalog import Facets, MeasureFilter
from lawtracker.domain.enums import Instrument
from lawtracker.gui.views.filter_sidebar import FilterSidebar
from tests.gui.sample_data import facets


@pytest.fixture
def sidebar(qtbot) -> FilterSidebar:
    widget = FilterSidebar()
    qtbot.addWidget(widget)
    widget.set_facets(facets())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _check(qtbot, widget: QListWidget, text: str) -> None:
    """Tick an entry the way a user does: a click on its check box, wherever the style puts it."""
    item = widget.findItems(text, Qt.MatchFlag.MatchExactly)[0]
    option = QStyleOptionViewItem()
    widget.initViewItemOption(option)
    option.rect = widget.visualItemRect(item)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    indicator = widget.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, widget
    )
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=indicator.center())
    assert item.checkState() == Qt.CheckState.Checked


def test_starts_unfiltered(sidebar: FilterSidebar) -> None:
    assert sidebar.current_filter() == MeasureFilter()
    assert sidebar.jurisdiction_list.count() == 3
    assert sidebar.instrument_list.item(2).text() == "Court decision"


def test_checking_a_jurisdiction_emits_the_filter(qtbot, sidebar: FilterSidebar) -> None:
    with qtbot.waitSignal(sidebar.filterChanged) as blocker:
        _check(qtbot, sidebar.jurisdiction_list, "KZ")
    assert blocker.args[0] == MeasureFilter(jurisdictions=frozenset({"KZ"}))


def test_instruments_and_sources_carry_their_values(qtbot, sidebar: FilterSidebar) -> None:
    sidebar.instrument_list.item(2).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(sidebar.filterChanged) as blocker:
        sidebar.source_list.item(1).setCheckState(Qt.CheckState.Checked)
    flt = blocker.args[0]
    assert flt.instruments == frozenset({Instrument.COURT_DECISION})
    assert flt.source_ids == frozenset({2})


def test_year_range_emits_and_stays_ordered(qtbot, sidebar: FilterSidebar) -> None:
    assert sidebar.year_from.text() == "any"
    with qtbot.waitSignal(sidebar.filterChanged) as blocker:
        sidebar.year_from.setValue(2021)
    assert blocker.args[0] == MeasureFilter(year_from=2021)
    sidebar.year_to.setValue(2023)
    emitted: list[MeasureFilter] = []
    sidebar.filterChanged.connect(emitted.append)
    sidebar.year_from.setValue(2024)  # past the end: the end follows, in one emission
    assert emitted == [MeasureFilter(year_from=2024, year_to=2024)]


def test_typing_a_year_emits_once(qtbot, sidebar: FilterSidebar) -> None:
    emitted: list[MeasureFilter] = []
    sidebar.filterChanged.connect(emitted.append)
    sidebar.year_to.selectAll()
    qtbot.keyClicks(sidebar.year_to, "2022")
    qtbot.keyClick(sidebar.year_to, Qt.Key.Key_Return)
    assert [f.year_to for f in emitted] == [2022]


def test_as_of_date_needs_its_checkbox(qtbot, sidebar: FilterSidebar) -> None:
    assert not sidebar.as_of_date.isEnabled()
    sidebar.as_of_date.setDate(QDate(2024, 3, 1))
    with qtbot.waitSignal(sidebar.filterChanged) as blocker:
        sidebar.as_of_check.setChecked(True)
    assert blocker.args[0].as_of == dt.date(2024, 3, 1)
    assert sidebar.as_of_date.isEnabled()


def test_set_filter_round_trips_silently(qtbot, sidebar: FilterSidebar) -> None:
    flt = MeasureFilter(
        jurisdictions=frozenset({"AZ", "GE"}),
        instruments=frozenset({Instrument.LAW}),
        source_ids=frozenset({1}),
        year_from=2020,
        year_to=2022,
        as_of=dt.date(2023, 12, 31),
        query="amnesty",
        since=dt.date(2020, 1, 1),
    )
    with qtbot.assertNotEmitted(sidebar.filterChanged):
        sidebar.set_filter(flt)
    assert sidebar.current_filter() == flt


def test_reset_clears_everything_but_the_query(qtbot, sidebar: FilterSidebar) -> None:
    sidebar.set_filter(MeasureFilter(jurisdictions=frozenset({"AZ"}), year_to=2020, query="tax"))
    with qtbot.waitSignal(sidebar.filterChanged) as blocker:
        qtbot.mouseClick(sidebar.reset_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == MeasureFilter(query="tax")


def test_new_facets_keep_selections_still_offered(sidebar: FilterSidebar) -> None:
    sidebar.set_filter(MeasureFilter(jurisdictions=frozenset({"AZ", "GE"}), year_from=2020))
    sidebar.set_facets(Facets(["AZ", "UZ"], [Instrument.DECREE], [], 2015, 2026))
    assert sidebar.current_filter() == MeasureFilter(
        jurisdictions=frozenset({"AZ"}), year_from=2020
    )


def test_no_dated_measures_disables_the_years(sidebar: FilterSidebar) -> None:
    sidebar.set_facets(Facets([], [], [], None, None))
    assert not sidebar.year_from.isEnabled()
    assert sidebar.current_filter().year_from is None


def test_an_empty_tag_list_gives_way_to_a_hint(sidebar: FilterSidebar) -> None:
    sidebar.set_tags([])
    assert sidebar.tag_list.isHidden() and not sidebar.no_tags_hint.isHidden()
    assert sidebar.no_tags_hint.text() == "No tags yet"
    assert "annotate" in sidebar.no_tags_hint.toolTip()
    sidebar.set_tags(["urgent", "client-a"])
    assert not sidebar.tag_list.isHidden() and sidebar.no_tags_hint.isHidden()
    assert sidebar.tag_list.count() == 2
    sidebar.set_tags([])
    assert sidebar.tag_list.isHidden() and not sidebar.no_tags_hint.isHidden()
