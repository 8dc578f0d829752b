"""The timeline's fixed furniture: lane bands, grid, date axis, lane labels, today line.

Painted in viewport pixels over (background) and under (foreground) the lanes,
so the axis and labels stay put while the scene scrolls.
"""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsView

from lawtracker.gui.views import timeline_axis
from lawtracker.gui.views.timeline_lanes import LANE_HEIGHT, Lane, day_x
from lawtracker.gui.views.timeline_style import TimelineStyle

AXIS_HEIGHT = 30
LABEL_WIDTH = 150
EMPTY_MESSAGE = "No dated events to show"


def _visible_rows(view: QGraphicsView, lanes: list[Lane]) -> range:
    top = view.mapToScene(0, 0).y()
    bottom = top + view.viewport().height()
    first = max(0, math.floor(top / LANE_HEIGHT))
    return range(first, min(len(lanes), math.ceil(bottom / LANE_HEIGHT)))


def paint_background(
    view: QGraphicsView,
    painter: QPainter,
    style: TimelineStyle,
    lanes: list[Lane],
    selected: int | None,
) -> None:
    """Alternate lane bands, the selected measure's lane, and the tick grid."""
    painter.save()
    painter.resetTransform()
    viewport = view.viewport().rect()
    transform = view.viewportTransform()
    painter.fillRect(viewport, style.base)
    for row in _visible_rows(view, lanes):
        band = QRectF(0, row * LANE_HEIGHT + transform.dy(), viewport.width(), LANE_HEIGHT)
        if selected is not None and lanes[row].key == selected:
            painter.fillRect(band, style.selected_band)
        elif row % 2:
            painter.fillRect(band, style.band)
    px_per_day = transform.m11()
    first = view.mapToScene(0, 0).x()
    last = view.mapToScene(viewport.width(), 0).x()
    minor, major = QPen(style.grid, 1), QPen(style.grid_major, 1)
    for tick in timeline_axis.ticks(first, last, px_per_day):
        x = round(tick.day * px_per_day + transform.dx()) + 0.5
        painter.setPen(major if tick.major else minor)
        painter.drawLine(QPointF(x, AXIS_HEIGHT), QPointF(x, viewport.height()))
    painter.restore()


def paint_foreground(
    view: QGraphicsView,
    painter: QPainter,
    style: TimelineStyle,
    lanes: list[Lane],
    today: dt.date,
    selected: int | None,
    lane_title: str,
) -> None:
    """Today line, the date axis, the lane labels and the empty-state message."""
    painter.save()
    painter.resetTransform()
    viewport = view.viewport().rect()
    transform = view.viewportTransform()
    px_per_day, dx = transform.m11(), transform.dx()
    today_x = day_x(today.toordinal()) * px_per_day + dx
    if today_x >= LABEL_WIDTH:
        painter.setPen(QPen(style.today, 1.5))
        painter.drawLine(QPointF(today_x, AXIS_HEIGHT), QPointF(today_x, viewport.height()))
    _paint_axis(view, painter, style, px_per_day, dx, today_x)
    _paint_labels(view, painter, style, lanes, selected, lane_title)
    if not lanes:
        painter.setPen(style.cluster)
        area = viewport.adjusted(LABEL_WIDTH, AXIS_HEIGHT, 0, 0)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter, EMPTY_MESSAGE)
    painter.restore()


def _paint_axis(view, painter, style, px_per_day, dx, today_x) -> None:
    width = view.viewport().width()
    painter.fillRect(QRectF(0, 0, width, AXIS_HEIGHT), style.window)
    painter.setPen(style.border)
    painter.drawLine(QPointF(0, AXIS_HEIGHT - 0.5), QPointF(width, AXIS_HEIGHT - 0.5))
    first = view.mapToScene(LABEL_WIDTH, 0).x()
    last = view.mapToScene(width, 0).x()
    regular = QFont(view.font())
    bold = QFont(regular)
    bold.setBold(True)
    metrics = painter.fontMetrics()
    free_from = LABEL_WIDTH + 2.0
    for tick in timeline_axis.ticks(first - 40 / px_per_day, last, px_per_day):
        x = round(tick.day * px_per_day + dx) + 0.5
        painter.setPen(style.window_text)
        painter.drawLine(
            QPointF(x, AXIS_HEIGHT - (12 if tick.major else 6)), QPointF(x, AXIS_HEIGHT)
        )
        painter.setFont(bold if tick.major else regular)
        label_width = metrics.horizontalAdvance(tick.label) + 8
        if x + 3 >= free_from and x >= LABEL_WIDTH:
            painter.drawText(QPointF(x + 3, AXIS_HEIGHT - 10), tick.label)
            free_from = x + 3 + label_width
    if today_x >= LABEL_WIDTH:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.today)
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(today_x - 5, AXIS_HEIGHT - 7),
                    QPointF(today_x + 5, AXIS_HEIGHT - 7),
                    QPointF(today_x, AXIS_HEIGHT),
                ]
            )
        )


def _paint_labels(view, painter, style, lanes, selected, lane_title) -> None:
    height = view.viewport().height()
    dy = view.viewportTransform().dy()
    painter.fillRect(QRectF(0, 0, LABEL_WIDTH, height), style.window)
    painter.setPen(style.border)
    painter.drawLine(QPointF(LABEL_WIDTH - 0.5, 0), QPointF(LABEL_WIDTH - 0.5, height))
    regular = QFont(view.font())
    bold = QFont(regular)
    bold.setBold(True)
    painter.setFont(bold)
    painter.setPen(style.window_text)
    first_day = view.mapToScene(LABEL_WIDTH, 0).x()
    context = timeline_axis.context_label(first_day, view.viewportTransform().m11())
    corner = QRectF(8, 0, LABEL_WIDTH - 12, AXIS_HEIGHT)
    painter.drawText(corner, Qt.AlignmentFlag.AlignVCenter, lane_title)
    painter.setFont(regular)
    painter.drawText(corner, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, context)
    painter.setClipRect(QRectF(0, AXIS_HEIGHT, LABEL_WIDTH, height))
    metrics = painter.fontMetrics()
    for row in _visible_rows(view, lanes):
        lane = lanes[row]
        rect = QRectF(8, row * LANE_HEIGHT + dy, LABEL_WIDTH - 14, LANE_HEIGHT)
        is_selected = selected is not None and selected in lane.by_measure
        painter.setFont(bold if is_selected else regular)
        text = metrics.elidedText(lane.label, Qt.TextElideMode.ElideRight, int(rect.width()))
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, text)
    painter.setClipping(False)
