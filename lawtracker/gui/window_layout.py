"""Arranging the main window's docks, toolbar and status bar, and persisting them.

Kept apart from ``main_window`` so the window's module reads as behaviour,
this one as layout: what goes where, and what is saved between runs.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QScrollArea, QSizePolicy, QToolBar, QWidget

from lawtracker.gui.models.measure_table import COLUMNS

if TYPE_CHECKING:
    from lawtracker.gui.main_window import MainWindow

DEFAULT_SIZE = (1440, 900)
SIDEBAR_WIDTH = 250


def _dock(window: MainWindow, title: str, name: str, widget: QWidget) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)  # saveState() finds docks by object name
    dock.setAccessibleName(title)
    dock.setWidget(widget)
    dock.setAllowedAreas(
        Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
    )
    return dock


def arrange(window: MainWindow) -> tuple[QDockWidget, QDockWidget]:
    """Put the sidebar and the due-soon panel in docks, and fill the status bar."""
    scroll = QScrollArea()
    scroll.setWidget(window.sidebar)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setAccessibleName("Filters")
    filters = _dock(window, "Filters", "filtersDock", scroll)
    due = _dock(window, "Due soon", "dueSoonDock", window.due_panel)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, filters)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, due)
    window.tabifyDockWidget(filters, due)
    filters.raise_()
    window.resizeDocks([filters], [SIDEBAR_WIDTH], Qt.Orientation.Horizontal)

    window.workspace.setChildrenCollapsible(False)
    window.workspace.setStretchFactor(0, 3)
    window.workspace.setStretchFactor(1, 2)
    window.central.setChildrenCollapsible(False)
    window.central.setStretchFactor(0, 3)
    window.central.setStretchFactor(1, 2)

    status = window.statusBar()
    window.db_label.setText(f"Database: {window.store_location}")
    window.db_label.setToolTip(window.store_location)
    window.db_label.setTextFormat(Qt.TextFormat.PlainText)
    window.db_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    window.db_label.setMinimumWidth(120)
    window.db_label.setMaximumWidth(520)
    status.addPermanentWidget(window.count_label)
    status.addPermanentWidget(window.db_label, 1)
    return filters, due


def add_toolbar(window: MainWindow) -> None:
    bar = QToolBar("Main toolbar", window)
    bar.setObjectName("mainToolBar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    bar.addAction(window.actions.import_files)
    bar.addAction(window.actions.export)
    bar.addSeparator()
    label = QLabel("&Search: ")
    label.setBuddy(window.search)
    bar.addWidget(label)
    window.search.setMinimumWidth(320)
    window.search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    bar.addWidget(window.search)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)


def restore(window: MainWindow) -> None:
    """Bring back the last run's layout, filter and sort, then turn sorting on."""
    settings, state = window.settings, window.state
    geometry = settings.qt_state("geometry", per_qt_version=True)
    if geometry is None or not window.restoreGeometry(geometry):
        window.resize(*DEFAULT_SIZE)
    layout = settings.qt_state("window", per_qt_version=True)
    if layout is not None:
        window.restoreState(layout)
    for name, splitter in (("workspace", window.workspace), ("central", window.central)):
        saved = settings.qt_state(name)
        if saved is None or not splitter.restoreState(saved):
            splitter.setSizes([650, 350] if name == "workspace" else [560, 340])
    header = window.list_pane.table.horizontalHeader()
    saved_header = settings.qt_state("header")
    if saved_header is not None:
        header.restoreState(saved_header)
    column = next(c for c, (sort, _name) in COLUMNS.items() if sort == state.sort)
    order = Qt.SortOrder.DescendingOrder if state.descending else Qt.SortOrder.AscendingOrder
    header.setSortIndicator(column, order)
    # Enabling sorting makes the model emit sortRequested at once; the window
    # queries once, after everything is restored, so connect afterwards.
    window.list_pane.table.setSortingEnabled(True)
    window.model.sortRequested.connect(window.sort_requested)

    window.show_panes(list_pane=state.list_visible, timeline=state.timeline_visible)
    window.timeline_pane.set_lane_mode(state.lane_mode)
    window.actions.lane_modes[state.lane_mode].setChecked(True)
    # A saved filter naming jurisdictions, instruments, sources, years or tags keeps
    # only the values still on offer, so those are read first. Otherwise the window
    # reads them after its first paint (MainWindow.finish_startup).
    saved = state.filter
    years = saved.year_from is not None or saved.year_to is not None
    if saved.jurisdictions or saved.instruments or saved.source_ids or years:
        window.load_facets()
    if saved.tags:
        window.load_tags()
    window.sidebar.set_filter(state.filter)
    window.filter = dataclasses.replace(window.sidebar.current_filter(), query=state.filter.query)
    window.search.set_query_quietly(state.filter.query)


def save(window: MainWindow) -> None:
    settings, state = window.settings, window.state
    settings.set_qt_state("geometry", window.saveGeometry(), per_qt_version=True)
    settings.set_qt_state("window", window.saveState(), per_qt_version=True)
    settings.set_qt_state("workspace", window.workspace.saveState())
    settings.set_qt_state("central", window.central.saveState())
    settings.set_qt_state("header", window.list_pane.table.horizontalHeader().saveState())
    state.filter = window.filter
    state.list_visible = window.workspace.isVisibleTo(window)
    state.timeline_visible = window.timeline_pane.isVisibleTo(window)
    state.lane_mode = window.timeline_pane.view.lane_mode()
    state.due_days = window.due_panel.days()
    settings.set_view_state(state)
    settings.sync()
