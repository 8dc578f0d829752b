"""The threshold chart's arithmetic and its painting in both palettes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from lawtracker.gui.incentives.threshold_chart import (
    EMPTY_MESSAGE,
    ChartBar,
    ThresholdChart,
    nice_step,
    short_amount,
)


@pytest.mark.parametrize(
    ("span", "step"), [(5_500_000, 2_000_000), (1_100_000, 500_000), (10, 2), (0, 1)]
)
def test_nice_steps(span: float, step: float) -> None:
    assert nice_step(span) == step


def test_short_amounts() -> None:
    assert [short_amount(v) for v in (0, 950, 50_000, 3_400_000, 5e9)] == [
        "0",
        "950",
        "50k",
        "3.4M",
        "5B",
    ]


def test_chart_paints_bars_from_the_palette(qtbot) -> None:
    chart = ThresholdChart()
    qtbot.addWidget(chart)
    chart.resize(480, 300)
    assert chart.summary() == EMPTY_MESSAGE
    palette = QPalette(chart.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor(20, 20, 20))
    palette.setColor(QPalette.ColorRole.Text, QColor(240, 240, 240))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(0, 120, 215))
    chart.setPalette(palette)
    chart.set_data([ChartBar("A", 5_000_000), ChartBar("B", None)], 4_000_000, "Ganja")
    image = chart.grab().toImage()
    assert QColor(image.pixel(3, 3)) == QColor(20, 20, 20)
    colours = {QColor(image.pixel(x, y)).name() for x in range(0, 480, 4) for y in range(0, 300, 4)}
    assert len(colours) > 3  # grid, bar fill, text: something was drawn on the dark base
    assert chart.summary() == (
        "Amount 4,000,000.00 AZN in Ganja; A: minimum 5,000,000 AZN, not met; B: no minimum"
    )
