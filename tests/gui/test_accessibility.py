"""Keyboard and screen-reader reach: every control in the window can be found and named."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QLabel,
    QMainWindow,
    QScrollBar,
    QTabBar,
    QWidget,
)

from lawtracker.gui.main_window import MainWindow
from tests.gui.test_main_window import WindowFactory, make_window, settings_path  # noqa: F401


@pytest.fixture
def main_window(make_window: WindowFactory) -> MainWindow:  # noqa: F811
    return make_window()


def _labelled_by_buddy(window: MainWindow) -> set[int]:
    return {id(label.buddy()) for label in window.findChildren(QLabel) if label.buddy()}


def _focusable_controls(window: MainWindow) -> list[QWidget]:
    """Visible widgets a Tab press can reach, without the parts Qt builds inside others."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or isinstance(widget, QScrollBar):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget:
            continue
        # QMainWindow makes the tab bar of tabified docks itself; its tabs carry the titles.
        if isinstance(widget, QTabBar) and isinstance(parent, QMainWindow):
            continue
        found.append(widget)
    return found


def test_every_focusable_control_has_an_accessible_name(main_window: MainWindow) -> None:
    window = main_window
    buddies = _labelled_by_buddy(window)
    controls = _focusable_controls(window)
    assert len(controls) > 10
    unnamed = [
        f"{type(w).__name__} in {type(w.parentWidget()).__name__} {w.parentWidget().objectName()!r}"
        for w in controls
        if not w.accessibleName() and id(w) not in buddies and not getattr(w, "text", str)()
    ]
    assert unnamed == []


def test_every_menu_action_has_text_and_the_main_ones_have_shortcuts(
    main_window: MainWindow,
) -> None:
    window = main_window
    actions = [a for menu in window.menuBar().actions() for a in menu.menu().actions()]
    named = [a for a in actions if not a.isSeparator()]
    assert all(a.text().strip() for a in named)
    shortcuts = {a.text().replace("&", ""): a.shortcut().toString() for a in named}
    assert shortcuts.get("Quit") == "Ctrl+Q"
    assert any(
        text.startswith("Import documents") and key == "Ctrl+O" for text, key in shortcuts.items()
    )
    assert any(text.startswith("Find") and key == "Ctrl+F" for text, key in shortcuts.items())
