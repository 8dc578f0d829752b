"""A bar chart of each regime's minimum investment for a location against the scenario amount.

Painted with ``QPainter`` (QtCharts is not in PySide6-Essentials). Colours come
from the palette so the chart reads the same in light and dark themes, and every
bar also says "met"/"not met" in words: colour is never the only signal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from lawtracker.gui.colours import blend

EMPTY_MESSAGE = "Choose regimes and compute a scenario to see the thresholds"
Y_TITLE = "Minimum investment (AZN)"
X_TITLE = "Regime"


@dataclass(frozen=True, slots=True)
class ChartBar:
    """One regime: its threshold for the chosen location (``None``: no minimum applies)."""

    label: str
    threshold: float | None
    note: str = "no minimum"  # said instead of a bar when there is no threshold


def nice_step(span: float, ticks: int = 5) -> float:
    """A round tick step (1, 2 or 5 × 10ⁿ) giving about ``ticks`` intervals over ``span``."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def short_amount(value: float) -> str:
    """``5000000`` -> ``5M``: axis labels must fit in a narrow gutter."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            text = f"{value / size:.2f}".rstrip("0").rstrip(".")
            return f"{text}{suffix}"
    return f"{value:g}"


class ThresholdChart(QWidget):
    """Bars: each regime's threshold; a dashed line: the scenario's amount (both in AZN)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Threshold chart")
        self.setAccessibleDescription("Each regime's minimum investment against the amount")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._bars: list[ChartBar] = []
        self._amount: float | None = None
        self._location = ""

    def set_data(self, bars: list[ChartBar], amount: float | None, location: str = "") -> None:
        self._bars = list(bars)
        self._amount = amount
        self._location = location
        self.setAccessibleDescription(self.summary())
        self.update()

    def bars(self) -> list[ChartBar]:
        return list(self._bars)

    def amount(self) -> float | None:
        return self._amount

    def summary(self) -> str:
        """The chart in words, for screen readers and the tooltip."""
        if not self._bars or self._amount is None:
            return EMPTY_MESSAGE
        parts = [f"Amount {self._amount:,.2f} AZN in {self._location or 'the chosen location'}"]
        for bar in self._bars:
            if bar.threshold is None:
                parts.append(f"{bar.label}: {bar.note}")
            else:
                verdict = "met" if self._amount >= bar.threshold else "not met"
                parts.append(f"{bar.label}: minimum {bar.threshold:,.0f} AZN, {verdict}")
        return "; ".join(parts)

    def sizeHint(self) -> QSize:
        return QSize(480, 260)

    def minimumSizeHint(self) -> QSize:
        return QSize(280, 180)

    # -- painting --------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        painter.fillRect(self.rect(), base)
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        if not self._bars or self._amount is None:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, EMPTY_MESSAGE)
            return
        top = max([*self._thresholds(), self._amount, 1.0])
        step = nice_step(top * 1.1)
        top = step * math.ceil(top * 1.1 / step)
        gutter = metrics.horizontalAdvance("000.00M") + line + 10
        # Room below the plot: three lines of bar labels and the axis title.
        plot = QRectF(gutter, line * 1.5, self.width() - gutter - 12, self.height() - line * 6.5)
        if plot.width() < 40 or plot.height() < 40:
            return

        def y_of(value: float) -> float:
            return plot.bottom() - value / top * plot.height()

        grid = blend(text, base, 0.15)
        painter.setPen(QPen(grid, 1))
        value = 0.0
        while value <= top + step / 2:
            y = y_of(value)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            painter.drawText(
                QRectF(line + 2, y - line / 2, gutter - line - 8, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                short_amount(value),
            )
            painter.setPen(QPen(grid, 1))
            value += step
        self._paint_bars(painter, plot, y_of, line)
        self._paint_amount(painter, plot, y_of(self._amount))
        # Axes and their titles.
        painter.setPen(QPen(text, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        painter.drawText(
            QRectF(plot.left(), self.height() - line - 2, plot.width(), line),
            Qt.AlignmentFlag.AlignCenter,
            f"{X_TITLE} (location: {self._location})" if self._location else X_TITLE,
        )
        painter.save()
        painter.translate(2, plot.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRectF(-plot.height() / 2, 0, plot.height(), line),
            Qt.AlignmentFlag.AlignCenter,
            Y_TITLE,
        )
        painter.restore()

    def _thresholds(self) -> list[float]:
        return [bar.threshold for bar in self._bars if bar.threshold is not None]

    def _paint_bars(self, painter: QPainter, plot: QRectF, y_of, line: int) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        accent = palette.color(QPalette.ColorRole.Highlight)
        slot = plot.width() / len(self._bars)
        width = min(slot * 0.6, 120)
        metrics = QFontMetrics(self.font())
        for index, bar in enumerate(self._bars):
            centre = plot.left() + slot * (index + 0.5)
            painter.setPen(text)
            painter.drawText(
                QRectF(centre - slot / 2 + 2, plot.bottom() + 2, slot - 4, line * 3),
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                bar.label,
            )
            if bar.threshold is None:
                painter.drawText(
                    QRectF(centre - slot / 2, plot.bottom() - line - 4, slot, line),
                    Qt.AlignmentFlag.AlignCenter,
                    metrics.elidedText(bar.note, Qt.TextElideMode.ElideRight, int(slot - 4)),
                )
                continue
            met = self._amount is not None and self._amount >= bar.threshold
            top = y_of(bar.threshold)
            rect = QRectF(centre - width / 2, top, width, plot.bottom() - top)
            fill = blend(accent, base, 0.75 if met else 0.35)
            painter.fillRect(rect, fill)
            painter.setPen(QPen(accent, 1.5))
            painter.drawRect(rect)
            painter.setPen(text)
            caption = f"{short_amount(bar.threshold)} · {'met' if met else 'not met'}"
            painter.drawText(
                QRectF(centre - slot / 2, top - line - 2, slot, line),
                Qt.AlignmentFlag.AlignCenter,
                metrics.elidedText(caption, Qt.TextElideMode.ElideRight, int(slot - 4)),
            )

    def _paint_amount(self, painter: QPainter, plot: QRectF, y: float) -> None:
        text = self.palette().color(QPalette.ColorRole.Text)
        pen = QPen(text, 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        assert self._amount is not None
        caption = f"amount {short_amount(self._amount)}"
        metrics = QFontMetrics(self.font())
        width = metrics.horizontalAdvance(caption) + 8
        box = QRectF(plot.right() - width, y - metrics.height() - 2, width, metrics.height())
        painter.fillRect(box, self.palette().color(QPalette.ColorRole.Base))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, caption)
