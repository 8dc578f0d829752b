"""One timeline lane: its items indexed by date, painted only where visible.

A lane is one ``QGraphicsItem`` however many events it holds. ``paint`` finds
the visible dates by bisection and merges markers closer than a marker's width
into one cluster, so a frame costs what the screen can show, not what the
lane holds (10,000 separate items took 32–47 ms a frame with all visible).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from lawtracker.domain.catalog import TimelineItem
from lawtracker.domain.enums import Instrument
from lawtracker.gui.labels import iso_date, jurisdiction_name, words
from lawtracker.gui.views.timeline_axis import MIN_DAY_PX
from lawtracker.gui.views.timeline_style import TimelineStyle, diamond

LANE_HEIGHT = 28.0
POINT_Y = 11.0
BAR_TOP, BAR_HEIGHT = 19.0, 6.0
MARKER_HALF = 6.0
#: Markers closer than this many pixels are drawn as one cluster.
CLUSTER_PX = 2 * MARKER_HALF + 2


@dataclass(frozen=True, slots=True)
class FollowUpItem(TimelineItem):
    """An annotation's follow-up date: a point with its own marker and legend entry."""


def point_look(item: TimelineItem) -> str:
    if isinstance(item, FollowUpItem):
        return "follow_up"
    return "derived" if item.derived else "stated"


def day_x(date_ordinal: int) -> float:
    """Scene x of a day: its middle, so a marker sits inside its day at any zoom."""
    return date_ordinal + 0.5


@dataclass
class BarLook:
    """Periods drawn alike, as scene rectangles sorted by start for slicing."""

    rects: list[QRectF] = field(default_factory=list)
    starts: list[float] = field(default_factory=list)
    longest: float = 0.0
    shortest: float = math.inf

    def add(self, x0: float, x1: float) -> None:
        self.rects.append(QRectF(x0, BAR_TOP, x1 - x0, BAR_HEIGHT))
        self.starts.append(x0)
        self.longest = max(self.longest, x1 - x0)
        self.shortest = min(self.shortest, x1 - x0)

    def visible(self, lo_day: float, hi_day: float) -> list[QRectF]:
        """The rectangles that may overlap ``[lo_day, hi_day]``, by slicing (no loop)."""
        first = bisect_left(self.starts, lo_day - self.longest)
        return self.rects[first : bisect_right(self.starts, hi_day)]


@dataclass
class Lane:
    """The items of one lane, points and intervals kept apart and sorted by date."""

    key: str | int
    label: str
    points: list[TimelineItem] = field(default_factory=list)
    bars: list[TimelineItem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.index()

    def index(self) -> None:
        """Sort and build the bisection keys; call after changing ``points`` or ``bars``."""
        self.points.sort(key=lambda i: i.start)
        self.bars.sort(key=lambda i: i.start)
        self.point_x = [day_x(i.start.toordinal()) for i in self.points]
        self.point_looks = [(point_look(i), i.instrument) for i in self.points]
        self.bar_x0 = [float(i.start.toordinal()) for i in self.bars]
        self.bar_x1 = [float((i.end or i.start).toordinal() + 1) for i in self.bars]
        pairs = zip(self.bar_x0, self.bar_x1, strict=True)
        self.max_bar_days = max((b - a for a, b in pairs), default=0.0)
        # run_end[i]: last index of the run of points sharing point i's instrument, so a
        # cluster [i, j) is single-coloured iff run_end[i] >= j - 1, in O(1).
        self.run_end = [0] * len(self.points)
        for i in range(len(self.points) - 1, -1, -1):
            same = i + 1 < len(self.points) and (
                self.points[i + 1].instrument == self.points[i].instrument
            )
            self.run_end[i] = self.run_end[i + 1] if same else i
        self.bar_looks: dict[tuple[Instrument, bool], BarLook] = defaultdict(BarLook)
        for x0, x1, item in zip(self.bar_x0, self.bar_x1, self.bars, strict=True):
            self.bar_looks[(item.instrument, item.derived)].add(x0, x1)
        self.by_measure: dict[int, list[TimelineItem]] = defaultdict(list)
        for item in self.points + self.bars:
            self.by_measure[item.measure_id].append(item)

    def first_day(self) -> float:
        days = self.point_x[:1] + self.bar_x0[:1]
        return min(days) if days else math.inf

    def last_day(self) -> float:
        days = self.point_x[-1:] + self.bar_x1
        return max(days) if days else -math.inf

    def points_near(self, day: float, tolerance_days: float) -> list[TimelineItem]:
        lo = bisect_left(self.point_x, day - tolerance_days)
        hi = bisect_right(self.point_x, day + tolerance_days)
        return sorted(self.points[lo:hi], key=lambda i: abs(day_x(i.start.toordinal()) - day))

    def bars_over(self, day: float, lo_day: float | None = None) -> list[int]:
        """Indexes of the bars overlapping ``[lo_day, day]`` (a single day by default)."""
        lo_day = day if lo_day is None else lo_day
        first = bisect_left(self.bar_x0, lo_day - self.max_bar_days)
        last = bisect_right(self.bar_x0, day)
        return [i for i in range(first, last) if self.bar_x1[i] >= lo_day]


def build_lanes(items: list[TimelineItem], mode: str) -> list[Lane]:
    """One lane per jurisdiction (alphabetical) or per measure (by first date)."""
    groups: dict[str | int, list[TimelineItem]] = defaultdict(list)
    for item in items:
        key = jurisdiction_name(item.jurisdiction) if mode == "jurisdiction" else item.measure_id
        groups[key].append(item)
    lanes = []
    for key, members in groups.items():
        label = members[0].measure_title if isinstance(key, int) else f"{key} ({len(members)})"
        points = [i for i in members if i.end is None]
        lanes.append(Lane(key, label, points, [i for i in members if i.end is not None]))
    if mode == "jurisdiction":
        lanes.sort(key=lambda lane: str(lane.key))
    else:
        lanes.sort(key=lambda lane: (lane.first_day(), lane.label))
    return lanes


def describe(item: TimelineItem) -> str:
    """Tooltip text: title, kind and date(s), instrument, and the rule of a derived date."""
    when = iso_date(item.start) + (f" to {iso_date(item.end)}" if item.end else "")
    kind = "Follow-up" if isinstance(item, FollowUpItem) else words(item.kind)
    lines = [item.measure_title, f"{kind}: {when}", words(item.instrument)]
    if item.derived:
        lines.append(f"Derived: {item.label or 'rule not recorded'}")
    elif item.label:
        lines.append(item.label)
    return "\n".join(lines)


def anchor_of(lanes: list[Lane], item: TimelineItem) -> QPointF:
    """The scene point at the middle of ``item``'s marker or bar."""
    for row, lane in enumerate(lanes):
        if item in lane.points or item in lane.bars:
            start, top = item.start.toordinal(), row * LANE_HEIGHT
            if item.end is None:
                return QPointF(day_x(start), top + POINT_Y)
            middle = (start + item.end.toordinal() + 1) / 2
            return QPointF(middle, top + BAR_TOP + BAR_HEIGHT / 2)
    raise KeyError(item)


def hit(lanes: list[Lane], scene: QPointF, px_per_day: float) -> list[TimelineItem]:
    """Items under a scene point, nearest first; bars first in the bars' band."""
    row = int(scene.y() // LANE_HEIGHT)
    if not 0 <= row < len(lanes):
        return []
    lane = lanes[row]
    bars = [lane.bars[i] for i in lane.bars_over(scene.x())]
    points = lane.points_near(scene.x(), CLUSTER_PX / px_per_day)
    in_bar_band = scene.y() - row * LANE_HEIGHT >= BAR_TOP - 2
    return bars + points if in_bar_band else points + bars


def tooltip_text(items: list[TimelineItem], px_per_day: float) -> str:
    """The nearest item described; a cluster says how many it hides while zoomed out."""
    if len(items) > 1 and px_per_day < MIN_DAY_PX:
        days = sorted(i.start for i in items)
        head = f"{len(items)} events, {iso_date(days[0])} to {iso_date(days[-1])}"
        return f"{head} (zoom in to tell them apart)\n\n{describe(items[0])}"
    return describe(items[0])


class LaneItem(QGraphicsItem):
    """Paints one :class:`Lane`, only over the visible dates: bars in scene units, markers blitted.

    Args:
        lane: the items to paint.
        width_days: ``(first, last)`` scene x of the whole timeline (the bounds).
        state: returns ``(style, selected measure id)`` at paint time.
    """

    def __init__(
        self,
        lane: Lane,
        width_days: tuple[float, float],
        state: Callable[[], tuple[TimelineStyle, int | None]],
    ) -> None:
        super().__init__()
        self.lane = lane
        self._bounds = QRectF(width_days[0], 0, width_days[1] - width_days[0], LANE_HEIGHT)
        self._state = state
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        style, selected = self._state()
        transform = painter.worldTransform()
        px_per_day, dx, dy = transform.m11(), transform.dx(), transform.dy()
        exposed = option.exposedRect  # type: ignore[attr-defined]
        pad = CLUSTER_PX / px_per_day
        days = (exposed.left() - pad, exposed.right() + pad)
        self._paint_bars(painter, style, days)
        painter.save()
        painter.resetTransform()
        ratio = painter.device().devicePixelRatio()
        self._paint_points(painter, style, days, px_per_day, dx, dy, ratio)
        if selected is not None and selected in self.lane.by_measure:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint_selected(painter, style, selected, px_per_day, dx, dy)
        painter.restore()

    def _paint_bars(self, painter: QPainter, style: TimelineStyle, days: tuple) -> None:
        """Periods in scene units, sliced to the visible dates: no per-bar Python work.

        Solid bars get an outline only when some would be under 2 px wide, where a
        fill alone may vanish; stroking costs more than filling.
        """
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        px_per_day = painter.worldTransform().m11()
        for (instrument, derived), look in self.lane.bar_looks.items():
            rects = look.visible(*days)
            if not rects:
                continue
            colour = style.colour(instrument)
            if derived:
                pen = QPen(colour, 0, Qt.PenStyle.DashLine)
                pen.setCosmetic(True)
                painter.setPen(pen)
            elif look.shortest * px_per_day < 2:
                painter.setPen(QPen(colour, 0))
            else:
                painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.base if derived else colour)
            painter.drawRects(rects)

    def _paint_points(self, painter, style, days, px_per_day, dx, dy, ratio) -> None:
        """One marker per occupied bucket of ``CLUSTER_PX`` pixels.

        Buckets are anchored to the scene, not the screen, so clusters do not
        shift while panning; cost is bounded by the buckets on screen.
        """
        lane, xs, looks, cy = self.lane, self.lane.point_x, self.lane.point_looks, dy + POINT_Y
        draw, marker = painter.drawPixmap, style.marker  # hot loop: skip attribute lookups
        i, end = bisect_left(xs, days[0]), bisect_right(xs, days[1])
        bucket_days = CLUSTER_PX / px_per_day
        while i < end:
            x_day = xs[i]
            j = bisect_left(xs, (x_day // bucket_days + 1) * bucket_days, i + 1, end)
            if j == i + 1:
                pixmap, half = marker(*looks[i], MARKER_HALF, ratio)
            else:
                one_colour = lane.run_end[i] >= j - 1
                radius = int(min(MARKER_HALF + 1 + math.log2(j - i), LANE_HEIGHT / 2 - 3))
                instrument = lane.points[i].instrument if one_colour else None
                pixmap, half = marker("cluster", instrument, radius, ratio)
                x_day = (x_day + xs[j - 1]) / 2
            # Whole pixels: a pixmap blitted at a fraction of a pixel is resampled.
            draw(round(x_day * px_per_day + dx - half), round(cy - half), pixmap)
            i = j

    def _paint_selected(self, painter, style, measure_id, px_per_day, dx, dy) -> None:
        painter.setPen(QPen(style.highlight, 2.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for item in self.lane.by_measure[measure_id]:
            x0 = item.start.toordinal() * px_per_day + dx
            if item.end is None:
                painter.drawPolygon(diamond(x0 + px_per_day / 2, dy + POINT_Y, MARKER_HALF + 3))
            else:
                width = max(2.0, (item.end.toordinal() + 1 - item.start.toordinal()) * px_per_day)
                painter.drawRect(QRectF(x0 - 2, dy + BAR_TOP - 2, width + 4, BAR_HEIGHT + 4))
