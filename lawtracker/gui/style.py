"""Application style fixes that keep controls legible under a dark palette.

Qt's Fusion style (the default on most Linux desktops, and what a frozen
build falls back to) outlines a check box with the window colour darkened
by 40%. Under a dark palette that outline is all but the colour of the box
itself, so an unchecked box in the filter lists simply vanishes: a user sees
a list of words and cannot tell they can be ticked. The proxy below draws
check boxes with an outline derived from the text colour instead, only when
the palette is dark and only for Fusion; every other style and palette is
left exactly as the desktop draws it.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

#: Fusion's outline is ``window.darker(140)``: a window colour this much darker than the
#: text gives an outline about half-way between text and base, legible on both.
_OUTLINE_SOURCE_DARKER = 125
_CHECK_PRIMITIVES = (
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
)


def is_dark(palette: QPalette) -> bool:
    """Whether text is lighter than the background it sits on (a dark colour scheme)."""
    return (
        palette.color(QPalette.ColorRole.Text).lightness()
        > palette.color(QPalette.ColorRole.Base).lightness()
    )


class LegibleChecksStyle(QProxyStyle):
    """Fusion with check-box outlines that stay visible on a dark palette."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element in _CHECK_PRIMITIVES and is_dark(option.palette):
            option = type(option)(option)
            palette = QPalette(option.palette)
            outline_source = QColor(palette.color(QPalette.ColorRole.Text)).darker(
                _OUTLINE_SOURCE_DARKER
            )
            palette.setColor(QPalette.ColorRole.Window, outline_source)
            option.palette = palette
        super().drawPrimitive(element, option, painter, widget)


def install_legible_checks(app: QApplication) -> None:
    """Wrap the application's style when it is Fusion (the only style with the flaw)."""
    current = app.style()
    if isinstance(current, LegibleChecksStyle) or current.name().lower() != "fusion":
        return
    base = QStyleFactory.create(current.name())
    if base is not None:
        app.setStyle(LegibleChecksStyle(base))
