"""Colours of the timeline, derived from the palette, and its legend strip.

Instruments keep a fixed hue so a consultant learns them, but lightness and
saturation follow the palette, so the markers read on light and dark themes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QWidget

from lawtracker.domain.enums import Instrument
from lawtracker.gui.colours import blend
from lawtracker.gui.labels import words

_HUES = {  # about 30 degrees apart, so neighbours in the legend stay distinguishable
    Instrument.DECREE: 215,
    Instrument.LAW: 30,
    Instrument.COURT_DECISION: 125,
    Instrument.AMNESTY_ACT: 350,
    Instrument.RESOLUTION: 275,
    Instrument.ORDER: 185,
    Instrument.REGULATION: 55,
    Instrument.REPORT: 315,
    Instrument.DECLARATION: 90,
    Instrument.STATEMENT: 245,
    Instrument.CODE: 155,
}


class TimelineStyle:
    """Every colour the timeline paints with, computed once per palette."""

    def __init__(self, palette: QPalette) -> None:
        role = QPalette.ColorRole
        self.base = palette.color(role.Base)
        self.dark = self.base.lightnessF() < 0.5
        self.text = palette.color(role.Text)
        self.window = palette.color(role.Window)
        self.window_text = palette.color(role.WindowText)
        self.band = palette.color(role.AlternateBase)
        self.grid = blend(self.text, self.base, 0.10)
        self.grid_major = blend(self.text, self.base, 0.22)
        self.border = palette.color(role.Mid)
        self.highlight = palette.color(role.Highlight)
        self.selected_band = blend(self.highlight, self.base, 0.22)
        self.cluster = blend(self.text, self.base, 0.55)
        lightness = 170 if self.dark else 110
        self.today = QColor.fromHsl(0, 200, lightness)
        self._instruments = {
            instrument: QColor.fromHsl(hue, 165 if self.dark else 175, lightness)
            for instrument, hue in _HUES.items()
        }
        self._other = blend(self.text, self.base, 0.65)
        self.follow_up = self.highlight
        self._markers: dict[tuple, tuple[QPixmap, float]] = {}

    def colour(self, instrument: Instrument | None) -> QColor:
        """An instrument's colour; ``None`` is the neutral colour of mixed clusters."""
        if instrument is None:
            return self.cluster
        return self._instruments.get(instrument, self._other)

    def marker(
        self, kind: str, instrument: Instrument | None, half: int, ratio: float
    ) -> tuple[QPixmap, float]:
        """A pre-rendered marker and its half size: blitting beats drawing thousands a frame.

        ``kind`` is ``"stated"`` (filled diamond), ``"derived"`` (dotted outline),
        ``"cluster"`` (disc) or ``"follow_up"`` (a flag in the highlight colour).
        """
        key = (kind, instrument, half, ratio)
        cached = self._markers.get(key)
        if cached is None:
            side = 2 * half + 3
            pixmap = QPixmap(round(side * ratio), round(side * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            colour, centre = self.colour(instrument), side / 2
            if kind == "derived":
                painter.setPen(QPen(colour, 1.4, Qt.PenStyle.DotLine))
                painter.setBrush(self.base)
            else:
                painter.setPen(QPen(self.base, 1.0))
                painter.setBrush(colour)
            if kind == "follow_up":
                painter.setPen(QPen(self.text, 1.2))
                painter.setBrush(self.follow_up)
                painter.drawPolygon(flag(centre, centre, half))
            elif kind == "cluster":
                painter.drawEllipse(QPointF(centre, centre), half, half)
            else:
                painter.drawPolygon(diamond(centre, centre, half))
            painter.end()
            cached = self._markers[key] = (pixmap, centre)
        return cached


def diamond(x: float, y: float, half: float) -> QPolygonF:
    return QPolygonF(
        [QPointF(x, y - half), QPointF(x + half, y), QPointF(x, y + half), QPointF(x - half, y)]
    )


def flag(x: float, y: float, half: float) -> QPolygonF:
    """A downward triangle, like a pin: unlike any event marker."""
    return QPolygonF(
        [QPointF(x - half, y - half), QPointF(x + half, y - half), QPointF(x, y + half)]
    )


class TimelineLegend(QWidget):
    """A strip under the plot naming the instrument colours and the marker shapes."""

    _SYMBOLS = ("stated", "derived", "several events", "period", "today", "follow-up")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Timeline legend")
        self._style = TimelineStyle(self.palette())
        self._instruments: list[Instrument] = []

    def set_style(self, style: TimelineStyle) -> None:
        self._style = style
        self.update()

    def set_instruments(self, instruments: Sequence[Instrument]) -> None:
        self._instruments = list(instruments)
        self.updateGeometry()
        self.update()

    def _entries(self) -> list[tuple[str, str, Instrument | None]]:
        entries: list[tuple[str, str, Instrument | None]] = [
            ("swatch", words(i), i) for i in self._instruments
        ]
        return entries + [(symbol, symbol, None) for symbol in self._SYMBOLS]

    def _layout(self, width: int) -> list[tuple[QRectF, str, str, Instrument | None]]:
        """Entries flowed into rows that fit ``width``."""
        metrics = self.fontMetrics()
        line = metrics.height() + 6
        x, y, placed = 6.0, 4.0, []
        for kind, text, instrument in self._entries():
            entry_width = 22 + metrics.horizontalAdvance(text) + 14
            if x + entry_width > width and x > 6:
                x, y = 6.0, y + line
            placed.append((QRectF(x, y, entry_width, line), kind, text, instrument))
            x += entry_width
        return placed

    def height_for(self, width: int) -> int:
        placed = self._layout(width)
        return int(placed[-1][0].bottom() + 4) if placed else 0

    def sizeHint(self) -> QSize:
        return QSize(400, self.height_for(max(self.width(), 400)))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        style = self._style
        painter.fillRect(self.rect(), style.window)
        painter.setPen(style.border)
        painter.drawLine(0, 0, self.width(), 0)
        for rect, kind, text, instrument in self._layout(self.width()):
            cx, cy = rect.left() + 9, rect.center().y()
            colour = style.colour(instrument) if instrument is not None else style.window_text
            painter.setPen(QPen(colour, 1.4))
            painter.setBrush(colour)
            if kind == "derived":
                painter.setPen(QPen(colour, 1.4, Qt.PenStyle.DotLine))
                painter.setBrush(style.base)
            if kind in ("swatch", "stated", "derived"):
                painter.drawPolygon(diamond(cx, cy, 5))
            elif kind == "several events":
                painter.setBrush(style.cluster)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawEllipse(QPointF(cx, cy), 5, 5)
            elif kind == "follow-up":
                painter.setPen(QPen(style.text, 1.2))
                painter.setBrush(style.follow_up)
                painter.drawPolygon(flag(cx, cy, 5))
            elif kind == "period":
                painter.drawRect(QRectF(cx - 8, cy - 3, 16, 6))
            else:
                painter.setPen(QPen(style.today, 2))
                painter.drawLine(QPointF(cx, cy - 7), QPointF(cx, cy + 7))
            painter.setPen(style.window_text)
            painter.drawText(rect.adjusted(22, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, text)
        painter.end()
