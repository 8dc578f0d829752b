"""Check boxes stay visible under a dark palette (Fusion draws their outline near-black)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyleFactory, QStyleOptionButton

from lawtracker.gui.style import LegibleChecksStyle, install_legible_checks, is_dark

DARK = {"Window": "#2b2b2b", "Base": "#1e1e1e", "Text": "#e6e6e6", "WindowText": "#e6e6e6"}
LIGHT = {"Window": "#efefef", "Base": "#ffffff", "Text": "#000000", "WindowText": "#000000"}
BOX = QRect(4, 4, 14, 14)


def palette_of(colours: dict[str, str]) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    return palette


def render_unchecked_box(style: QStyle, colours: dict[str, str]) -> QImage:
    image = QImage(22, 22, QImage.Format.Format_ARGB32)
    image.fill(QColor(colours["Base"]))
    option = QStyleOptionButton()
    option.rect = BOX
    option.palette = palette_of(colours)
    option.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Off
    painter = QPainter(image)
    style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorCheckBox, option, painter)
    painter.end()
    return image


def outline_contrast(image: QImage, base: str) -> int:
    """The largest lightness difference from the base colour along the box's top edge."""
    background = QColor(base).lightness()
    return max(
        abs(image.pixelColor(x, BOX.top()).lightness() - background)
        for x in range(BOX.left() + 2, BOX.right() - 1)
    )


@pytest.fixture
def fusion(qapp: QApplication) -> QStyle:
    style = QStyleFactory.create("Fusion")
    assert style is not None
    return style


def test_plain_fusion_box_all_but_vanishes_on_a_dark_palette(fusion: QStyle) -> None:
    assert outline_contrast(render_unchecked_box(fusion, DARK), DARK["Base"]) < 25


def test_legible_style_outlines_the_box_on_a_dark_palette(fusion: QStyle) -> None:
    style = LegibleChecksStyle(fusion)
    assert outline_contrast(render_unchecked_box(style, DARK), DARK["Base"]) > 80


def test_light_palette_is_drawn_exactly_as_fusion_draws_it(fusion: QStyle) -> None:
    plain = render_unchecked_box(fusion, LIGHT)
    proxied = render_unchecked_box(LegibleChecksStyle(QStyleFactory.create("Fusion")), LIGHT)
    assert plain == proxied


def test_dark_means_text_lighter_than_base() -> None:
    assert is_dark(palette_of(DARK))
    assert not is_dark(palette_of(LIGHT))


def test_only_fusion_is_wrapped(qapp: QApplication) -> None:
    original = qapp.style().name()
    try:
        qapp.setStyle("Windows")
        install_legible_checks(qapp)
        assert not isinstance(qapp.style(), LegibleChecksStyle)
        qapp.setStyle("Fusion")
        install_legible_checks(qapp)
        install_legible_checks(qapp)
        assert isinstance(qapp.style(), LegibleChecksStyle)
        assert qapp.style().baseStyle().name().lower() == "fusion"
    finally:
        qapp.setStyle(original)
