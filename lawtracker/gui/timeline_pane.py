"""The timeline pane: a toolbar of zoom and lane controls over the timeline view.

Timeline items are read on a background reader so the window never waits for
them, and only the first :data:`MAX_TIMELINE_MEASURES` measures of the list are
drawn: a few thousand lanes of dates are already more than anyone reads, and the
view stays within a frame budget (PLATFORM-NOTES: 10,000 items all visible cost
32–47 ms a frame).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lawtracker.domain.catalog import TimelineItem
from lawtracker.gui.views.timeline_view import TimelineView
from lawtracker.gui.workers import SerialWorker

MAX_TIMELINE_MEASURES = 2_500
#: How long a request waits before its dates are read. The read runs on the reader
#: thread but holds the GIL while it builds items; started at once, it competed with
#: the list's repaint after a sort, filter or search. A burst of requests (typing,
#: quick sorts) now reads once, after the list has painted.
LOAD_DELAY_MS = 50
LANE_MODE_NAMES = {"jurisdiction": "By jurisdiction", "measure": "By measure"}

LoadItems = Callable[[Sequence[int] | None], list[TimelineItem]]


def _action(parent: QWidget, text: str, tip: str, *keys: QKeySequence | str) -> QAction:
    action = QAction(text, parent)
    action.setToolTip(f"{tip} ({QKeySequence(keys[0]).toString()})" if keys else tip)
    action.setShortcuts([QKeySequence(k) for k in keys])
    return action


class TimelinePane(QWidget):
    """Zoom, fit, today and lane controls, a notice line, and the :class:`TimelineView`.

    Args:
        load_items: reads the items of some measures (all when ``None``); runs on ``reader``.
        reader: the worker that runs ``load_items`` off the GUI thread.
        today: the date of the today line.

    Signals:
        loaded(): the items of the latest request are shown.
        laneModeChanged(str): the user switched lanes.
    """

    loaded = Signal()
    laneModeChanged = Signal(str)  # noqa: N815 (Qt naming)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        load_items: LoadItems,
        reader: SerialWorker,
        today: dt.date,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Timeline pane")
        self._load_items = load_items
        self._reader = reader
        self._generation = 0
        self._wanted: tuple[list[int] | None, int] | None = None
        self._loading = False
        self._held = False
        self._load_timer = QTimer(self)
        self._load_timer.setSingleShot(True)
        self._load_timer.setInterval(LOAD_DELAY_MS)
        self._load_timer.timeout.connect(self._load)

        self.view = TimelineView(today=today)
        self.zoom_in_action = _action(self, "Zoom in", "Zoom the timeline in", "Ctrl+=", "Ctrl++")
        self.zoom_out_action = _action(self, "Zoom out", "Zoom the timeline out", "Ctrl+-")
        self.fit_action = _action(self, "Fit all", "Show every date", "Ctrl+0")
        self.today_action = _action(self, "Today", "Scroll to today", "Ctrl+T")
        self.zoom_in_action.triggered.connect(self.view.zoom_in)
        self.zoom_out_action.triggered.connect(self.view.zoom_out)
        self.fit_action.triggered.connect(self.view.fit_all)
        self.today_action.triggered.connect(self.view.go_to_today)

        self.lane_switch = QComboBox()
        self.lane_switch.setAccessibleName("Timeline lanes")
        for mode, name in LANE_MODE_NAMES.items():
            self.lane_switch.addItem(name, mode)
        self.lane_switch.currentIndexChanged.connect(self._lane_chosen)
        self.notice = QLabel()
        self.notice.setAccessibleName("Timeline notice")
        self.notice.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)

        bar = QHBoxLayout()
        lanes_label = QLabel("&Lanes:")
        lanes_label.setBuddy(self.lane_switch)
        bar.addWidget(lanes_label)
        bar.addWidget(self.lane_switch)
        for action in (self.zoom_in_action, self.zoom_out_action, self.fit_action):
            bar.addWidget(self._button(action))
        bar.addWidget(self._button(self.today_action))
        bar.addSpacing(12)
        bar.addWidget(self.notice, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    @staticmethod
    def _button(action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setAccessibleName(action.text())
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    # -- public API ------------------------------------------------------------------

    def show_measures(self, ids: Sequence[int] | None, shown: int) -> None:
        """Draw these measures' dates (``None``: every measure, ``shown`` of them).

        The read waits until the pane is visible: a hidden timeline costs nothing.
        """
        capped = None if ids is None else list(ids[:MAX_TIMELINE_MEASURES])
        self._wanted = (capped, shown)
        self._generation += 1
        if self.isVisible():
            self._load_timer.start()

    def is_loading(self) -> bool:
        return self._loading or self._wanted is not None

    def hold(self, held: bool) -> None:
        """Keep requests waiting (``True``) until released: the window holds them while it
        starts, so that reading dates does not compete with its first paint."""
        self._held = held
        if not held and self.isVisible():
            self._load_timer.start()

    def set_lane_mode(self, mode: str) -> None:
        index = self.lane_switch.findData(mode)
        if index >= 0:
            self.lane_switch.setCurrentIndex(index)
        self.view.set_lane_mode(mode)

    # -- loading ---------------------------------------------------------------------

    def _load(self) -> None:
        if self._held or self._wanted is None or not self._reader.accepting():
            return
        ids, shown = self._wanted
        self._wanted = None
        generation = self._generation
        self._loading = True
        self.notice.setText("Loading dates…")
        load = self._load_items
        self._reader.submit(
            lambda _progress: load(ids),
            on_success=lambda items: self._loaded(generation, items, ids, shown),
        )

    def _loaded(
        self, generation: int, items: list[TimelineItem], ids: list[int] | None, shown: int
    ) -> None:
        if generation != self._generation:
            return  # a newer request is on its way; drawing this one would flicker
        self._loading = False
        first_time = not self.view.lanes()
        self.view.set_items(items)
        if first_time:
            self.view.fit_all()
        drawn = shown if ids is None else len(ids)
        self.notice.setText(
            f"Showing the first {drawn:,} of {shown:,} measures, in list order: "
            "narrow the filters to see the others."
            if drawn < shown
            else ""
        )
        self.notice.setToolTip(self.notice.text())
        self.loaded.emit()

    def _lane_chosen(self, index: int) -> None:
        mode = self.lane_switch.itemData(index)
        if mode and mode != self.view.lane_mode():
            self.view.set_lane_mode(mode)
            self.laneModeChanged.emit(mode)

    def showEvent(self, event: QShowEvent) -> None:
        """Load once shown, after the first frame: the window paints before the dates arrive."""
        super().showEvent(event)
        self._load_timer.start()
