"""The timeline: measures' dates on lanes, with a date axis that follows the zoom."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QShowEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QToolTip, QWidget

from lawtracker.domain.catalog import TimelineItem
from lawtracker.gui.safe_text import literal
from lawtracker.gui.views import timeline_axis
from lawtracker.gui.views.timeline_lanes import (
    CLUSTER_PX,
    LANE_HEIGHT,
    Lane,
    LaneItem,
    anchor_of,
    build_lanes,
    day_x,
    hit,
    tooltip_text,
)
from lawtracker.gui.views.timeline_paint import (
    AXIS_HEIGHT,
    LABEL_WIDTH,
    paint_background,
    paint_foreground,
)
from lawtracker.gui.views.timeline_style import TimelineLegend, TimelineStyle

MIN_PX_PER_DAY, MAX_PX_PER_DAY = 0.01, 240.0
ZOOM_STEP = 1.5
LANE_MODES = ("jurisdiction", "measure")


class TimelineView(QGraphicsView):
    """Events as diamonds and periods as bars, one lane per jurisdiction or measure.

    Zoom: wheel or Ctrl+wheel, ``+``/``-``; ``0`` fits all, ``T`` goes to today.
    Pan: drag, Shift+wheel (lanes), horizontal wheel. Only x is scaled: the
    view's ``m11`` is pixels per day, lanes keep their height.

    Args:
        today: the date of the today line (tests and screenshots pin it).

    Signals:
        measureClicked(int): an item (or a measure lane's label) was clicked.
    """

    measureClicked = Signal(int)  # noqa: N815 (Qt naming)

    def __init__(self, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Timeline")
        self._today = today or dt.date.today()
        self._items: list[TimelineItem] = []
        self._lanes: list[Lane] = []
        self._lane_mode = "jurisdiction"
        self._selected: int | None = None
        self._press: QPoint | None = None
        self._shown_once = False
        self._style = TimelineStyle(self.palette())
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # The axis and the lane labels stay put while the scene scrolls under them,
        # so every frame repaints the whole viewport instead of blitting.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.legend = TimelineLegend(self)
        self.setTransform(QTransform.fromScale(1.0, 1.0))
        self._rebuild()

    # -- public API ------------------------------------------------------------------

    def set_items(self, items: list[TimelineItem]) -> None:
        """Show these items; the zoom stays, call :meth:`fit_all` to frame them."""
        self._items = list(items)
        self._rebuild()

    def set_lane_mode(self, mode: str) -> None:
        """``"jurisdiction"`` (one lane per country) or ``"measure"`` (one per measure)."""
        if mode not in LANE_MODES:
            raise ValueError(f"unknown lane mode {mode!r}; expected one of {LANE_MODES}")
        if mode != self._lane_mode:
            self._lane_mode = mode
            self._rebuild()

    def lane_mode(self) -> str:
        return self._lane_mode

    def lanes(self) -> list[Lane]:
        return list(self._lanes)

    def px_per_day(self) -> float:
        return self.transform().m11()

    def tick_unit(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``: what the axis ticks at this zoom."""
        return timeline_axis.tick_unit(self.px_per_day())

    def visible_days(self) -> tuple[float, float]:
        """Scene x (day ordinals) at the left and right of the plot area."""
        left = self.mapToScene(QPoint(LABEL_WIDTH, 0)).x()
        return left, self.mapToScene(QPoint(self.viewport().width(), 0)).x()

    def zoom_in(self) -> None:
        self._zoom(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(1 / ZOOM_STEP)

    def fit_all(self) -> None:
        """Frame every item horizontally and scroll back to the first lane."""
        first = min((lane.first_day() for lane in self._lanes), default=None)
        last = max((lane.last_day() for lane in self._lanes), default=None)
        if first is None or last is None:
            first = last = float(self._today.toordinal())
        if last - first < 60:
            first, last = first - 30, last + 30
        plot = max(self.viewport().width() - LABEL_WIDTH - 2 * CLUSTER_PX, 50)
        self._set_scale(plot / (last - first))
        self._scroll_to_day((first + last) / 2)
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())

    def go_to_today(self) -> None:
        self._scroll_to_day(day_x(self._today.toordinal()))

    def set_today(self, today: dt.date) -> None:
        self._today = today
        self.viewport().update()

    def set_selected_measure(self, measure_id: int | None) -> None:
        """Ring this measure's items and bring them into view if none is visible."""
        self._selected = measure_id
        if measure_id is not None:
            self._reveal(measure_id)
        self.viewport().update()

    def selected_measure(self) -> int | None:
        return self._selected

    def item_scene_pos(self, item: TimelineItem) -> QPointF:
        """Where ``item`` is drawn, in scene coordinates (tests click there)."""
        return anchor_of(self._lanes, item)

    def items_at(self, pos: QPoint) -> list[TimelineItem]:
        """Items under a viewport position, nearest first."""
        if pos.x() < LABEL_WIDTH or pos.y() < AXIS_HEIGHT:
            return []
        return hit(self._lanes, self.mapToScene(pos), self.px_per_day())

    # -- building --------------------------------------------------------------------

    def _rebuild(self) -> None:
        self._scene.clear()
        lanes = self._lanes = build_lanes(self._items, self._lane_mode)
        first = min((lane.first_day() for lane in lanes), default=self._today.toordinal())
        last = max((lane.last_day() for lane in lanes), default=self._today.toordinal())
        pad = max(5 * 365.0, last - first)
        bounds = (first - pad, last + pad)
        for row, lane in enumerate(lanes):
            item = LaneItem(lane, bounds, self._paint_state)
            item.setPos(0, row * LANE_HEIGHT)
            self._scene.addItem(item)
        height = max(len(lanes) * LANE_HEIGHT, LANE_HEIGHT)
        self._scene.setSceneRect(QRectF(bounds[0], -AXIS_HEIGHT, bounds[1] - bounds[0], height))
        counts = Counter(item.instrument for item in self._items)
        self.legend.set_instruments([i for i, _ in counts.most_common()])
        self._place_legend()
        self.viewport().update()

    def _paint_state(self) -> tuple[TimelineStyle, int | None]:
        return self._style, self._selected

    # -- zoom and scroll -------------------------------------------------------------

    def _set_scale(self, px_per_day: float) -> None:
        px_per_day = min(max(px_per_day, MIN_PX_PER_DAY), MAX_PX_PER_DAY)
        self.setTransform(QTransform.fromScale(px_per_day, 1.0))

    def _zoom(self, factor: float, anchor: QPoint | None = None) -> None:
        """Scale x by ``factor`` keeping the day under ``anchor`` (default: the centre) put."""
        if anchor is None:
            anchor = QPoint((LABEL_WIDTH + self.viewport().width()) // 2, 0)
        day = self.mapToScene(anchor).x()
        self._set_scale(self.px_per_day() * factor)
        moved = self.mapFromScene(QPointF(day, 0)).x() - anchor.x()
        bar = self.horizontalScrollBar()
        bar.setValue(bar.value() + moved)
        self.viewport().update()

    def _scroll_to_day(self, day: float) -> None:
        """Put ``day`` in the middle of the plot area (right of the lane labels)."""
        middle = (LABEL_WIDTH + self.viewport().width()) // 2
        moved = self.mapFromScene(QPointF(day, 0)).x() - middle
        bar = self.horizontalScrollBar()
        bar.setValue(bar.value() + moved)

    def _reveal(self, measure_id: int) -> None:
        for row, lane in enumerate(self._lanes):
            items = lane.by_measure.get(measure_id)
            if not items:
                continue
            top = row * LANE_HEIGHT
            self.ensureVisible(QRectF(self.visible_days()[0], top, 1, LANE_HEIGHT), 0, AXIS_HEIGHT)
            left, right = self.visible_days()
            if not any(left <= day_x(i.start.toordinal()) <= right for i in items):
                self._scroll_to_day(day_x(items[0].start.toordinal()))
            return

    # -- events ----------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier or delta.x():
            bar = self.verticalScrollBar() if delta.y() else self.horizontalScrollBar()
            bar.setValue(bar.value() - (delta.y() or delta.x()) // 2)
        elif delta.y():
            self._zoom(ZOOM_STEP ** (delta.y() / 240), event.position().toPoint())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif key == Qt.Key.Key_0:
            self.fit_all()
        elif key == Qt.Key.Key_T:
            self.go_to_today()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pos, press, self._press = event.position().toPoint(), self._press, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        event.accept()  # the view handles left clicks and drags itself
        if (pos - press).manhattanLength() >= 4:  # a drag that panned, not a click
            return
        measure_id = self._measure_at(pos)
        if measure_id is not None:
            self.set_selected_measure(measure_id)
            self.measureClicked.emit(measure_id)

    def _measure_at(self, pos: QPoint) -> int | None:
        items = self.items_at(pos)
        if items:
            return items[0].measure_id
        row = int(self.mapToScene(pos).y() // LANE_HEIGHT)
        on_label = pos.x() < LABEL_WIDTH and pos.y() >= AXIS_HEIGHT
        if on_label and self._lane_mode == "measure" and 0 <= row < len(self._lanes):
            return int(self._lanes[row].key)
        return None

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()  # type: ignore[attr-defined]
            text = self._tooltip(pos)
            if text:
                # Measure titles come from documents: never rendered as HTML.
                QToolTip.showText(event.globalPos(), literal(text), self.viewport())  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def _tooltip(self, pos: QPoint) -> str:
        items = self.items_at(pos)
        if items:
            return tooltip_text(items, self.px_per_day())
        row = int(self.mapToScene(pos).y() // LANE_HEIGHT)
        on_label = pos.x() < LABEL_WIDTH and pos.y() >= AXIS_HEIGHT
        return self._lanes[row].label if on_label and 0 <= row < len(self._lanes) else ""

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._style = TimelineStyle(self.palette())
            self.legend.set_style(self._style)
            self.viewport().update()

    def showEvent(self, event: QShowEvent) -> None:
        """Frame the items the first time there is a viewport size to frame them in."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.fit_all()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_legend()

    def _place_legend(self) -> None:
        """The legend sits in a bottom viewport margin, so it never hides an item."""
        width = self.width() - 2 * self.frameWidth()
        height = self.legend.height_for(width)
        if self.viewportMargins().bottom() != height:
            self.setViewportMargins(0, 0, 0, height)
        viewport = self.viewport().geometry()
        self.legend.setGeometry(viewport.left(), viewport.bottom() + 1, viewport.width(), height)

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        paint_background(self, painter, self._style, self._lanes, self._selected)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        title = "Jurisdiction" if self._lane_mode == "jurisdiction" else "Measure"
        paint_foreground(
            self, painter, self._style, self._lanes, self._today, self._selected, title
        )
