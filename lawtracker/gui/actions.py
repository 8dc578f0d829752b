"""The window's actions and menus: every command has a menu entry and most a shortcut."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow

from lawtracker.gui.timeline_pane import LANE_MODE_NAMES, TimelinePane


def _action(
    window: QMainWindow,
    text: str,
    tip: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    *,
    checkable: bool = False,
) -> QAction:
    action = QAction(text, window)
    action.setStatusTip(tip)
    action.setToolTip(tip)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setCheckable(checkable)
    return action


@dataclass
class WindowActions:
    """Every action of the main window, by name (tests trigger them directly)."""

    import_files: QAction
    import_folder: QAction
    export: QAction
    quit: QAction
    find: QAction
    reset_filters: QAction
    show_list: QAction
    show_timeline: QAction
    lane_modes: dict[str, QAction]
    about: QAction
    undo: QAction
    redo: QAction
    annotate: QAction
    annotate_selection: QAction
    edit_field: QAction
    preferences: QAction
    export_annotations: QAction
    import_annotations: QAction
    export_report: QAction

    def annotation_actions(self) -> list[QAction]:
        """The actions that need the annotation service (hidden without it)."""
        return [
            self.annotate,
            self.annotate_selection,
            self.edit_field,
            self.preferences,
            self.export_annotations,
            self.import_annotations,
            self.export_report,
        ]


def build_actions(window: QMainWindow, undo_stack: QUndoStack) -> WindowActions:
    lanes = QActionGroup(window)
    lane_modes = {}
    for mode, name in LANE_MODE_NAMES.items():
        action = _action(window, f"Lanes {name.lower()}", f"One timeline lane per {mode}")
        action.setCheckable(True)
        action.setData(mode)
        lanes.addAction(action)
        lane_modes[mode] = action
    undo = undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence("Ctrl+Z"))
    undo.setStatusTip("Undo the last annotation change")
    redo = undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcut(QKeySequence("Ctrl+Shift+Z"))
    redo.setStatusTip("Redo the annotation change just undone")
    return WindowActions(
        import_files=_action(
            window, "&Import documents…", "Add documents to the database", "Ctrl+O"
        ),
        import_folder=_action(
            window, "Import a &folder…", "Add every document in a folder", "Ctrl+Shift+O"
        ),
        export=_action(
            window, "&Export…", "Save the listed measures as JSON or CSV", "Ctrl+Shift+E"
        ),
        quit=_action(window, "&Quit", "Close lawtracker", "Ctrl+Q"),
        find=_action(window, "&Find…", "Search the measures", QKeySequence.StandardKey.Find),
        reset_filters=_action(window, "&Reset filters", "Show every measure again", "Ctrl+Shift+R"),
        show_list=_action(
            window, "Measure &list", "Show the list and detail", "Ctrl+1", checkable=True
        ),
        show_timeline=_action(window, "&Timeline", "Show the timeline", "Ctrl+2", checkable=True),
        lane_modes=lane_modes,
        about=_action(window, "&About lawtracker", "Version, database and counts"),
        undo=undo,
        redo=redo,
        annotate=_action(
            window, "&Annotate…", "Add a note, tags and a review status to the measure", "Ctrl+E"
        ),
        annotate_selection=_action(
            window,
            "Annotate &selection…",
            "Attach an annotation to the text selected in the detail view",
            "Ctrl+Shift+A",
        ),
        edit_field=_action(
            window, "&Correct a field…", "Fix a title, number, date or quantity read wrongly"
        ),
        preferences=_action(window, "&Preferences…", "Your name on annotations"),
        export_annotations=_action(
            window, "Export a&nnotations…", "Save every annotation to a JSON file"
        ),
        import_annotations=_action(
            window, "Import annotations…", "Merge annotations from a JSON file"
        ),
        export_report=_action(
            window,
            "Export review &report…",
            "A PDF of the listed measures: key dates, quantities, annotations",
        ),
    )


def build_menus(
    window: QMainWindow,
    actions: WindowActions,
    *,
    timeline: TimelinePane,
    docks: list[tuple[QDockWidget, str]],
) -> None:
    """File, Edit, View and Help; dock toggles get ``Ctrl+3``, ``Ctrl+4``…"""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([actions.import_files, actions.import_folder, actions.export])
    file_menu.addSeparator()
    file_menu.addActions(
        [actions.export_annotations, actions.import_annotations, actions.export_report]
    )
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)

    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([actions.undo, actions.redo])
    edit_menu.addSeparator()
    edit_menu.addActions([actions.annotate, actions.annotate_selection, actions.edit_field])
    edit_menu.addSeparator()
    edit_menu.addActions([actions.find, actions.reset_filters])
    edit_menu.addSeparator()
    edit_menu.addAction(actions.preferences)

    view_menu = bar.addMenu("&View")
    view_menu.addActions([actions.show_list, actions.show_timeline])
    for number, (dock, tip) in enumerate(docks, start=3):
        toggle = dock.toggleViewAction()
        toggle.setShortcut(QKeySequence(f"Ctrl+{number}"))
        toggle.setStatusTip(tip)
        view_menu.addAction(toggle)
    view_menu.addSeparator()
    view_menu.addActions(list(actions.lane_modes.values()))
    view_menu.addSeparator()
    view_menu.addActions([timeline.zoom_in_action, timeline.zoom_out_action, timeline.fit_action])
    view_menu.addAction(timeline.today_action)

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(actions.about)
