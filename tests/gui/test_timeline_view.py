"""TimelineView: zoom-dependent ticks, clicks on items, lanes and selection."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt

from lawtracker.domain.catalog import TimelineItem
from lawtracker.domain.enums import EventKind, Instrument
from lawtracker.gui.timeline_pane import LOAD_DELAY_MS, TimelinePane
from lawtracker.gui.views import timeline_axis
from lawtracker.gui.views.timeline_view import TimelineView
from lawtracker.gui.workers import SerialWorker
from tests.gui.sample_data import timeline_items

TODAY = dt.date(2025, 6, 1)


def _item(measure_id: int, day: dt.date, *, end: dt.date | None = None, **kw) -> TimelineItem:
    return TimelineItem(
        measure_id=measure_id,
        measure_title=f"Measure {measure_id}",
        instrument=kw.get("instrument", Instrument.DECREE),
        jurisdiction=kw.get("jurisdiction", "AZ"),
        kind=kw.get("kind", EventKind.SIGNED),
        start=day,
        end=end,
        derived=kw.get("derived", False),
        label=kw.get("label", ""),
    )


@pytest.fixture
def view(qtbot) -> TimelineView:
    widget = TimelineView(today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1000, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_zooming_in_refines_ticks_from_years_to_months_to_days(view: TimelineView) -> None:
    view.set_items(timeline_items(300))
    view.fit_all()
    units = [view.tick_unit()]
    for _ in range(40):
        view.zoom_in()
        if view.tick_unit() != units[-1]:
            units.append(view.tick_unit())
    assert units == ["year", "month", "day"]
    for _ in range(40):
        view.zoom_out()
    assert view.tick_unit() == "year"


def test_keys_zoom_and_fit(qtbot, view: TimelineView) -> None:
    view.set_items(timeline_items(50))
    view.fit_all()
    fitted = view.px_per_day()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.px_per_day() == pytest.approx(fitted * 1.5)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.px_per_day() < fitted
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.px_per_day() == pytest.approx(fitted)


def test_ctrl_wheel_zooms_around_the_pointer(qtbot, view: TimelineView) -> None:
    view.set_items(timeline_items(50))
    view.fit_all()
    before = view.px_per_day()
    pos = QPoint(600, 100)
    day = view.mapToScene(pos).x()
    _wheel(view, pos, 120, Qt.KeyboardModifier.ControlModifier)
    assert view.px_per_day() > before
    assert view.mapToScene(pos).x() == pytest.approx(day, abs=1 / view.px_per_day())


def _wheel(view: TimelineView, pos: QPoint, delta: int, modifiers) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    event = QWheelEvent(
        QPointF(pos),
        QPointF(view.viewport().mapToGlobal(pos)),
        QPoint(0, 0),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)


def test_fit_all_shows_every_item(view: TimelineView) -> None:
    items = timeline_items(200)
    view.set_items(items)
    view.fit_all()
    left, right = view.visible_days()
    assert left <= min(i.start.toordinal() for i in items)
    assert right >= max((i.end or i.start).toordinal() for i in items)


def test_clicking_an_item_emits_its_measure(qtbot, view: TimelineView) -> None:
    target = _item(42, dt.date(2023, 5, 10), jurisdiction="KZ")
    others = [_item(7, dt.date(2021, 1, 4)), _item(8, dt.date(2024, 9, 1), jurisdiction="GE")]
    view.set_items([*others, target])
    view.fit_all()
    pos = view.mapFromScene(view.item_scene_pos(target))
    with qtbot.waitSignal(view.measureClicked) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [42]
    assert view.selected_measure() == 42


def test_clicking_an_interval_bar_emits_its_measure(qtbot, view: TimelineView) -> None:
    bar = _item(5, dt.date(2022, 1, 1), end=dt.date(2023, 1, 1), kind=EventKind.WINDOW_START)
    view.set_items([bar, _item(6, dt.date(2020, 1, 1))])
    view.fit_all()
    pos = view.mapFromScene(view.item_scene_pos(bar))
    with qtbot.waitSignal(view.measureClicked) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [5]


def test_clicking_empty_space_emits_nothing(qtbot, view: TimelineView) -> None:
    view.set_items([_item(1, dt.date(2020, 1, 1)), _item(2, dt.date(2024, 1, 1))])
    view.fit_all()
    with qtbot.assertNotEmitted(view.measureClicked):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(600, 400))


def test_lane_modes(view: TimelineView) -> None:
    items = [
        _item(1, dt.date(2020, 1, 1), jurisdiction="KZ"),
        _item(1, dt.date(2020, 6, 1), jurisdiction="KZ"),
        _item(2, dt.date(2019, 1, 1), jurisdiction="AZ"),
        _item(3, dt.date(2021, 1, 1), jurisdiction="AZ"),
    ]
    view.set_items(items)
    assert [lane.key for lane in view.lanes()] == ["AZ", "KZ"]
    view.set_lane_mode("measure")
    assert [lane.key for lane in view.lanes()] == [2, 1, 3]  # by first date
    with pytest.raises(ValueError, match="lane mode"):
        view.set_lane_mode("country")


def test_selecting_a_measure_brings_it_into_view(view: TimelineView) -> None:
    items = [_item(i, dt.date(2000, 1, 1) + dt.timedelta(days=90 * i)) for i in range(1, 80)]
    view.set_items(items)
    view.set_lane_mode("measure")
    view.fit_all()
    for _ in range(8):
        view.zoom_in()
    view.set_selected_measure(75)
    pos = view.mapFromScene(view.item_scene_pos(items[74]))
    assert view.viewport().rect().contains(pos)
    assert view.items_at(pos)[0].measure_id == 75


def test_tooltip_describes_derived_items(view: TimelineView) -> None:
    derived = _item(3, dt.date(2026, 1, 1), derived=True, label="2023-01-01 + 3 years")
    view.set_items([derived, _item(4, dt.date(2020, 1, 1))])
    view.fit_all()
    text = view._tooltip(view.mapFromScene(view.item_scene_pos(derived)))
    assert "Measure 3" in text and "2026-01-01" in text
    assert "Derived: 2023-01-01 + 3 years" in text


def test_empty_and_huge_timelines_paint(view: TimelineView) -> None:
    view.fit_all()
    assert not view.viewport().grab().isNull()
    view.set_items(timeline_items(10_000))
    view.fit_all()
    assert not view.viewport().grab().isNull()


@pytest.mark.parametrize(
    ("px_per_day", "unit", "first_label"),
    [(0.1, "year", "2020"), (3.0, "month", "2020"), (40.0, "day", "Jan 2020")],
)
def test_ticks_per_unit(px_per_day: float, unit: str, first_label: str) -> None:
    first = dt.date(2020, 1, 1).toordinal()
    ticks = timeline_axis.ticks(first, first + 40, px_per_day)
    assert timeline_axis.tick_unit(px_per_day) == unit
    assert ticks[0].label == first_label and ticks[0].major


def test_day_ticks_leave_room_for_the_next_month() -> None:
    first = dt.date(2023, 2, 1).toordinal()
    labels = [t.label for t in timeline_axis.ticks(first, first + 40, 12.0 * 2)]
    assert "Mar 2023" in labels and "29" not in labels


def test_the_pane_reads_a_burst_of_requests_once_and_not_while_held(qtbot) -> None:
    """Dates are read after a short delay (the list repaints first), once per burst."""
    reads: list[list[int] | None] = []
    reader = SerialWorker(name="test-reader")
    pane = TimelinePane(load_items=lambda ids: reads.append(ids) or [], reader=reader, today=TODAY)
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitExposed(pane)
    try:
        for ids in ([1], [1, 2], [1, 2, 3]):  # typing, or quick sorts
            pane.show_measures(ids, len(ids))
        assert reads == [] and pane.is_loading()
        qtbot.waitUntil(lambda: not pane.is_loading())
        assert reads == [[1, 2, 3]]

        pane.hold(True)  # the window holds the reads until its first paint
        pane.show_measures([4], 1)
        qtbot.wait(3 * LOAD_DELAY_MS)
        assert reads == [[1, 2, 3]] and pane.is_loading()
        pane.hold(False)
        qtbot.waitUntil(lambda: not pane.is_loading())
        assert reads == [[1, 2, 3], [4]]
    finally:
        reader.shutdown()
