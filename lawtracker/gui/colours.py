"""Colour arithmetic on palette colours, so views derive tints instead of hard-coding them."""

from __future__ import annotations

from PySide6.QtGui import QColor


def blend(a: QColor, b: QColor, amount: float) -> QColor:
    """``amount`` of ``a`` over ``b``: a tint of the base that keeps text readable."""
    return QColor.fromRgbF(
        a.redF() * amount + b.redF() * (1 - amount),
        a.greenF() * amount + b.greenF() * (1 - amount),
        a.blueF() * amount + b.blueF() * (1 - amount),
    )


def turned(colour: QColor, degrees: int) -> QColor:
    """The colour with its hue turned, keeping the theme's tone (lightness)."""
    hue = max(colour.hsvHue(), 0)
    return QColor.fromHsv((hue + degrees) % 360, max(colour.hsvSaturation(), 120), colour.value())
