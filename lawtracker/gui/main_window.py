"""The main window: filters, search, the measure list, its detail and the timeline.

One selection is shared: a row, a timeline item, a link in the detail or a
due-soon entry all lead to :meth:`MainWindow.select_measure`. Lists are sorted
and filtered in SQL by the catalog; the window only keeps ids.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMainWindow, QMenu, QSplitter, QWidget

from lawtracker.domain.catalog import MeasureFilter, SortColumn, TimelineItem
from lawtracker.domain.enums import EventKind
from lawtracker.gui import window_layout
from lawtracker.gui.actions import build_actions, build_menus
from lawtracker.gui.annotations.controller import AnnotationController, AnnotationFiles
from lawtracker.gui.catalog_port import CatalogPort
from lawtracker.gui.dialogs.about import about_box
from lawtracker.gui.due_soon import DueSoonPanel, due_notice
from lawtracker.gui.export_flow import Exporter, ExportFlow
from lawtracker.gui.import_flow import ImporterPort, ImportFlow
from lawtracker.gui.measure_list import MeasureListPane
from lawtracker.gui.models.measure_table import MeasureTableModel
from lawtracker.gui.search_bar import SearchField, search_words
from lawtracker.gui.settings import WindowSettings
from lawtracker.gui.timeline_pane import MAX_TIMELINE_MEASURES, TimelinePane
from lawtracker.gui.views.detail_view import MeasureDetailView
from lawtracker.gui.views.filter_sidebar import FilterSidebar
from lawtracker.gui.views.timeline_lanes import FollowUpItem
from lawtracker.gui.workers import SerialWorker
from lawtracker.services.annotations import Annotations
from lawtracker.services.importing import IngestReport

if TYPE_CHECKING:
    from lawtracker.gui.incentives import IncentiveTools


class _AfterFirstPaint(QObject):
    """Calls ``callback`` from the event loop once ``widget`` has painted for the first time."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Queued: the rest of this paint (the list, the detail) finishes first. The
            # widget as context: a window deleted meanwhile cancels the call.
            QTimer.singleShot(0, watched, self._callback)
        return False


class MainWindow(QMainWindow):
    """The window consultants work in.

    Args:
        catalog: the read side of the store (``services.catalog.Catalog``).
        importer: ingests documents (``services.importing.Importer``); ``None`` hides import.
        settings: where the layout, filters and sort persist.
        store_location: the database shown in the status bar and About.
        exporter: ``exporter(format, ids) -> text``; ``None`` hides export.
        today: the date for "next date", due soon and the today line (tests pin it).
        annotations: the annotation service; ``None`` hides annotating.
        annotation_files: annotation export/import; ``None`` hides those entries.

    Signals:
        startupFinished(): what the first paint does not need (the sidebar's facets
            and tags, the due dates) is filled in and the timeline may read; see
            :meth:`finish_startup`.
    """

    startupFinished = Signal()  # noqa: N815 (Qt naming)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        catalog: CatalogPort,
        importer: ImporterPort | None,
        settings: WindowSettings,
        store_location: str,
        exporter: Exporter | None = None,
        today: dt.date | None = None,
        annotations: Annotations | None = None,
        annotation_files: AnnotationFiles | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("lawtracker")
        self.setAccessibleName("lawtracker")
        self.catalog = catalog
        self.settings = settings
        self.store_location = store_location
        self.today = today or dt.date.today()
        self.state = settings.view_state()
        self.filter = self.state.filter
        self.total = 0
        self.current_id: int | None = None
        self._notices: list[str] = []
        self._closed = False
        self._startup_pending = True
        self._facets_loaded = False
        self._tags_loaded = False
        self.writer = SerialWorker(self, name="writer")
        self.reader = SerialWorker(self, name="reader")
        self.annotations = annotations
        #: The Tools menu's incentive dialogs, installed by the composition root.
        self.incentive_tools: IncentiveTools | None = None
        self.undo_stack = QUndoStack(self)
        self.annotation_controller = (
            AnnotationController(
                self,
                service=annotations,
                settings=settings,
                files=annotation_files,
                undo_stack=self.undo_stack,
            )
            if annotations is not None
            else None
        )

        self.sidebar = FilterSidebar()
        self.search = SearchField()
        self.model = MeasureTableModel(
            self, fetch_rows=lambda ids: catalog.measure_rows(ids, today=self.today)
        )
        self.list_pane = MeasureListPane(self.model)
        self.detail = MeasureDetailView()
        self.timeline_pane = TimelinePane(
            load_items=self._timeline_items, reader=self.reader, today=self.today
        )
        self.timeline_pane.hold(True)  # until finish_startup
        self.due_panel = DueSoonPanel(days=self.state.due_days)
        self.workspace = QSplitter(Qt.Orientation.Horizontal)
        self.workspace.setObjectName("workspace")
        self.workspace.addWidget(self.list_pane)
        self.workspace.addWidget(self.detail)
        self.central = QSplitter(Qt.Orientation.Vertical)
        self.central.setObjectName("central")
        self.central.addWidget(self.workspace)
        self.central.addWidget(self.timeline_pane)
        self.setCentralWidget(self.central)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Measures shown")
        self.db_label = QLabel()
        self.db_label.setAccessibleName("Database in use")
        self.filters_dock, self.due_dock = window_layout.arrange(self)

        self.actions = build_actions(self, self.undo_stack)
        docks = [(self.filters_dock, "Show the filters"), (self.due_dock, "Show upcoming dates")]
        build_menus(self, self.actions, timeline=self.timeline_pane, docks=docks)
        window_layout.add_toolbar(self)
        self.import_flow = (
            ImportFlow(self, importer=importer, worker=self.writer) if importer else None
        )
        self.export_flow = (
            ExportFlow(self, exporter=exporter, worker=self.writer) if exporter else None
        )
        self._connect()
        window_layout.restore(self)
        # Start-up shows the list first: the facets, tags and due dates (and the
        # first ORM query's mapper set-up, about 80 ms) wait until it has painted.
        self.total = self.catalog.counts().measures
        self.refresh_list()
        _AfterFirstPaint(self, self.finish_startup)

    # -- wiring ------------------------------------------------------------------------

    def _connect(self) -> None:
        a = self.actions
        table = self.list_pane.table
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.sidebar.filterChanged.connect(self._sidebar_changed)
        self.search.searchChanged.connect(self._search_changed)
        self.detail.measureActivated.connect(self.select_measure)
        self.timeline_pane.view.measureClicked.connect(self.select_measure)
        self.timeline_pane.laneModeChanged.connect(self._lane_mode_changed)
        self.timeline_pane.loaded.connect(self._timeline_loaded)
        self.due_panel.measureActivated.connect(self.select_measure)
        self.due_panel.daysChanged.connect(lambda _days: self.refresh_due())
        self.list_pane.importRequested.connect(a.import_files.trigger)
        self.detail.openOriginalRequested.connect(self.open_original)
        self.setAcceptDrops(True)
        self.list_pane.resetRequested.connect(self.reset_filters)
        a.import_files.triggered.connect(lambda: self._import(folder=False))
        a.import_folder.triggered.connect(lambda: self._import(folder=True))
        a.export.triggered.connect(self._export)
        a.quit.triggered.connect(self.close)
        a.find.triggered.connect(self.focus_search)
        a.reset_filters.triggered.connect(self.reset_filters)
        a.show_list.toggled.connect(lambda on: self.show_panes(list_pane=on))
        a.show_timeline.toggled.connect(lambda on: self.show_panes(timeline=on))
        for mode, action in a.lane_modes.items():
            action.triggered.connect(lambda _checked, m=mode: self.timeline_pane.set_lane_mode(m))
        a.about.triggered.connect(
            lambda: about_box(self, self.catalog.counts(), self.store_location).exec()
        )
        for action in (a.import_files, a.import_folder):
            action.setVisible(self.import_flow is not None)
        a.export.setVisible(self.export_flow is not None)
        if self.import_flow is not None:
            self.import_flow.finished.connect(self._import_finished)
        if self.export_flow is not None:
            self.export_flow.message.connect(self.statusBar().showMessage)
        self._connect_annotations()

    def _connect_annotations(self) -> None:
        a, controller, detail = self.actions, self.annotation_controller, self.detail
        for action in a.annotation_actions():
            action.setVisible(controller is not None)
        for widget in (detail.annotate_button, detail.edit_field_button):
            widget.setVisible(controller is not None)
        detail.annotation_list.setEnabled(controller is not None)
        if controller is None:
            detail.annotate_selection_action.setVisible(False)
            return
        files = controller.files is not None
        a.export_annotations.setVisible(files)
        a.import_annotations.setVisible(files)
        a.annotate.triggered.connect(self.annotate)
        a.annotate_selection.triggered.connect(self.annotate_selection)
        a.edit_field.triggered.connect(lambda: self.edit_field(None))
        a.preferences.triggered.connect(controller.preferences)
        a.export_annotations.triggered.connect(
            lambda: controller.export_annotations(self.state.last_import_dir)
        )
        a.import_annotations.triggered.connect(
            lambda: controller.import_annotations(self.state.last_import_dir)
        )
        a.export_report.triggered.connect(self.export_report)
        detail.annotateRequested.connect(self.annotate)
        detail.annotateSelectionRequested.connect(self.annotate_selection)
        detail.fieldEditRequested.connect(lambda field: self.edit_field(field or None))
        listing = detail.annotation_list
        listing.addRequested.connect(self.annotate)
        listing.editRequested.connect(self._edit_annotation)
        listing.deleteRequested.connect(controller.delete)
        listing.historyRequested.connect(controller.history)
        controller.changed.connect(self._annotations_changed)
        controller.storeChanged.connect(self._annotation_store_changed)
        controller.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        table = self.list_pane.table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._list_menu)

    # -- start-up ------------------------------------------------------------------------

    def load_facets(self) -> None:
        """Offer the store's jurisdictions, instruments, sources and years in the sidebar."""
        self.sidebar.set_facets(self.catalog.facets())
        self._facets_loaded = True

    def load_tags(self) -> None:
        """Offer the annotation tags in use in the sidebar (nothing without annotations)."""
        if self.annotation_controller is not None:
            self.sidebar.set_tags(self.annotation_controller.known_tags())
            self._tags_loaded = True

    def finish_startup(self) -> None:
        """Fill in what the window defers until its first paint; later calls do nothing.

        Runs by itself from the event loop once the window has painted; call it
        to have the sidebar and the due dates filled at once.
        """
        if not self._startup_pending or self._closed:
            return
        self._startup_pending = False
        if not self._facets_loaded:
            self.load_facets()
        if not self._tags_loaded:
            self.load_tags()
        self.refresh_due()
        self.timeline_pane.hold(False)
        self.startupFinished.emit()

    def startup_pending(self) -> bool:
        return self._startup_pending

    # -- refreshing ----------------------------------------------------------------------

    def refresh_all(self) -> None:
        """Re-read everything from the store, facets included (after an import)."""
        self.load_facets()
        self.refresh_data()

    def refresh_data(self) -> None:
        """Re-read the total, the list and the due dates."""
        self.total = self.catalog.counts().measures
        self.refresh_list()
        self.refresh_due()

    def refresh_list(self, *, keep_rows: bool = False) -> None:
        """Re-query the ids for the filter and sort, keep the selection if it is still listed.

        ``keep_rows``: only the filter, search or sort changed, not the measures, so
        the list keeps the rows it has already read.
        """
        ids = self.catalog.measure_ids(
            self.filter, self.state.sort, self.state.descending, today=self.today
        )
        self.model.set_ids(ids, keep_rows=keep_rows)
        if ids:
            self.list_pane.show_table()
        else:
            self.list_pane.show_empty(store_is_empty=self.total == 0)
        self.count_label.setText(f"{len(ids):,} / {self.total:,} measures")
        if self.current_id is not None and self.model.row_of_id(self.current_id) is not None:
            self._select_row(self.current_id)
        everything = self.filter == MeasureFilter() and len(ids) <= MAX_TIMELINE_MEASURES
        self.timeline_pane.show_measures(None if everything else ids, len(ids))

    def refresh_due(self) -> int:
        items = self.catalog.due_soon(today=self.today, days=self.due_panel.days())
        self.due_panel.set_items(items, self.today)
        return len(items)

    # -- selection -----------------------------------------------------------------------

    def select_measure(self, measure_id: int) -> bool:
        """Select a measure everywhere; ``False`` (and a status line) if the list hides it."""
        if self._select_row(measure_id):
            return True
        self._show_measure(measure_id)
        self.list_pane.table.clearSelection()
        title = self.detail.detail().title if self.detail.detail() else f"#{measure_id}"
        self.statusBar().showMessage(
            f"“{title}” is not in the list: the filters or the search hide it "
            "(Edit ▸ Reset filters shows it)",
            10_000,
        )
        return False

    def _select_row(self, measure_id: int) -> bool:
        row = self.model.row_of_id(measure_id)
        if row is None:
            return False
        table = self.list_pane.table
        index = self.model.index(row, 0)
        table.setCurrentIndex(index)  # selects the row too (single row selection)
        table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        if self.current_id != measure_id or self.detail.detail() is None:
            self._show_measure(measure_id)
        else:
            self.timeline_pane.view.set_selected_measure(measure_id)  # bring it into view
        return True

    def _selection_changed(self, *_: object) -> None:
        # Selection, not the current index: focus alone makes a row current unselected.
        rows = self.list_pane.table.selectionModel().selectedRows()
        if rows:
            measure_id = self.model.id_at(rows[0].row())
            if measure_id != self.current_id or self.detail.detail() is None:
                self._show_measure(measure_id)

    def _show_measure(self, measure_id: int) -> None:
        self.current_id = measure_id
        detail = self.catalog.measure_detail(measure_id)
        self.detail.set_detail(detail)
        if detail is not None and self.annotation_controller is not None:
            controller = self.annotation_controller
            self.detail.set_annotations(
                controller.annotations_for(detail.key), controller.edits_for(detail.key)
            )
        self.detail.set_search_terms(search_words(self.filter.query))
        self.timeline_pane.view.set_selected_measure(measure_id)

    # -- filters, search, sort -------------------------------------------------------------

    def _sidebar_changed(self, flt: MeasureFilter) -> None:
        self.filter = dataclasses.replace(flt, query=self.filter.query)
        self.refresh_list(keep_rows=True)

    def _search_changed(self, text: str) -> None:
        self.filter = dataclasses.replace(self.filter, query=text)
        self.refresh_list(keep_rows=True)
        self.detail.set_search_terms(search_words(text))

    def sort_requested(self, column: SortColumn, descending: bool) -> None:
        self.state.sort, self.state.descending = column, descending
        self.refresh_list(keep_rows=True)

    def reset_filters(self) -> None:
        self.search.set_query_quietly("")
        self.filter = MeasureFilter()
        self.sidebar.set_filter(self.filter)
        self.detail.set_search_terms([])
        self.refresh_list(keep_rows=True)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- panes -----------------------------------------------------------------------------

    def show_panes(self, *, list_pane: bool | None = None, timeline: bool | None = None) -> None:
        """Show or hide the list+detail and the timeline; one of them always stays."""
        list_on = self.workspace.isVisibleTo(self) if list_pane is None else list_pane
        timeline_on = self.timeline_pane.isVisibleTo(self) if timeline is None else timeline
        if not (list_on or timeline_on):
            list_on, timeline_on = list_pane is None, timeline is None
        self.workspace.setVisible(list_on)
        self.timeline_pane.setVisible(timeline_on)
        for action, on in (
            (self.actions.show_list, list_on),
            (self.actions.show_timeline, timeline_on),
        ):
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)

    def _timeline_loaded(self) -> None:
        if self.current_id is not None:
            self.timeline_pane.view.set_selected_measure(self.current_id)

    def _lane_mode_changed(self, mode: str) -> None:
        self.actions.lane_modes[mode].setChecked(True)
        self._timeline_loaded()  # the selected measure moved to another lane

    # -- import and export -------------------------------------------------------------------

    def _import(self, *, folder: bool) -> None:
        flow = self.import_flow
        if flow is None or flow.busy():
            return
        start = self.state.last_import_dir or str(Path.home())
        paths = flow.choose_folder(start) if folder else flow.choose_files(start)
        if not paths:
            return
        self.state.last_import_dir = str(paths[0] if folder else paths[0].parent)
        for action in (self.actions.import_files, self.actions.import_folder):
            action.setEnabled(False)
        flow.start(paths)

    # -- documents dropped on the window, and their originals --------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.import_flow is not None and _local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _local_paths(event.mimeData())
        if paths and self.import_dropped(paths):
            event.acceptProposedAction()

    def import_dropped(self, paths: list[Path]) -> bool:
        """Import dropped files and folders as File ▸ Import would; ``False`` if busy."""
        flow = self.import_flow
        if flow is None or flow.busy():
            return False
        for action in (self.actions.import_files, self.actions.import_folder):
            action.setEnabled(False)
        return flow.start(paths)

    def open_original(self, source_id: int) -> bool:
        """Open a source's stored original with the system's viewer."""
        finder = getattr(self.catalog, "original_file", None)
        path = finder(source_id) if finder is not None else None
        if path is None:
            self.statusBar().showMessage(
                "The original of this document was not kept (imported before lawtracker "
                "kept originals): import the file again to keep it",
                15_000,
            )
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _import_finished(self, report: IngestReport) -> None:
        for action in (self.actions.import_files, self.actions.import_folder):
            action.setEnabled(True)
        self.refresh_all()
        self.statusBar().showMessage(ImportFlow.status_line(report), 15_000)

    def _export(self) -> None:
        if self.export_flow is not None:
            self.export_flow.run(self.model.ids(), self.state.last_import_dir)

    # -- annotations ---------------------------------------------------------------------------

    def annotate(self) -> bool:
        """Annotate the selected measure (Ctrl+E); ``False`` if none is shown or on cancel."""
        detail = self.detail.detail()
        if self.annotation_controller is None or detail is None:
            self.statusBar().showMessage("Select a measure to annotate it", 5_000)
            return False
        return self.annotation_controller.annotate(detail)

    def annotate_selection(self) -> bool:
        """Annotate the text selected in the detail view's source text."""
        detail, anchor = self.detail.detail(), self.detail.selection_anchor()
        if self.annotation_controller is None or detail is None or anchor is None:
            self.statusBar().showMessage("Select some source text to annotate it", 5_000)
            return False
        return self.annotation_controller.annotate(detail, anchor)

    def edit_field(self, field: str | None) -> bool:
        detail = self.detail.detail()
        if self.annotation_controller is None or detail is None:
            return False
        return self.annotation_controller.edit_field(detail, field)

    def export_report(self) -> bool:
        if self.annotation_controller is None:
            return False
        path = self.annotation_controller.export_report(
            self.model.ids(), self.catalog.measure_detail, self.state.last_import_dir
        )
        return path is not None

    def _edit_annotation(self, annotation_id: int) -> None:
        detail = self.detail.detail()
        if self.annotation_controller is not None:
            self.annotation_controller.edit(
                annotation_id, measure_title=detail.title if detail else None
            )

    def _annotations_changed(self, measure_key: str) -> None:
        """Re-read what an annotation save changes: the detail, the list row, tags, timeline."""
        self.load_tags()
        self.refresh_list()
        shown = self.detail.detail()
        if self.current_id is not None and shown is not None and shown.key == measure_key:
            self._show_measure(self.current_id)

    def _annotation_store_changed(self) -> None:
        self._annotations_changed(self.detail.detail().key if self.detail.detail() else "")

    def _list_menu(self, pos: QPoint) -> None:
        table = self.list_pane.table
        index = table.indexAt(pos)
        if not index.isValid():
            return
        self.select_measure(self.model.id_at(index.row()))
        menu = QMenu(table)
        menu.addAction(self.actions.annotate)
        menu.addAction(self.actions.edit_field)
        menu.exec(table.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _timeline_items(self, ids: Sequence[int] | None) -> list[TimelineItem]:
        """The catalog's dates plus annotation follow-ups (runs on the reader thread)."""
        items = self.catalog.timeline_items(ids)
        if self.annotations is None:
            return items
        wanted = None if ids is None else set(ids)
        follow_ups = [
            f
            for f in self.annotations.follow_ups_between(dt.date.min, dt.date.max)
            if f.measure_id is not None and (wanted is None or f.measure_id in wanted)
        ]
        if not follow_ups:
            return items
        known = {i.measure_id: i for i in items}
        missing = sorted({f.measure_id for f in follow_ups} - set(known))  # type: ignore[misc]
        rows = {r.id: r for r in self.catalog.measure_rows(missing, today=self.today)}
        for f in follow_ups:
            source = known.get(f.measure_id) or rows.get(f.measure_id)  # type: ignore[arg-type]
            if source is None:
                continue
            label = "Follow-up: " + (" ".join(f.note.split())[:80] or f.status.value)
            items.append(
                FollowUpItem(
                    measure_id=f.measure_id,  # type: ignore[arg-type]
                    measure_title=f.measure_title or getattr(source, "title", ""),
                    instrument=source.instrument,
                    jurisdiction=source.jurisdiction,
                    kind=EventKind.OTHER,
                    start=f.date,
                    end=None,
                    derived=False,
                    label=label,
                )
            )
        return items

    # -- notices and closing -----------------------------------------------------------------

    def add_startup_notice(self, text: str) -> None:
        """Start-up news for the status bar (due dates, a database backup)."""
        self._notices.append(text)
        self.statusBar().showMessage(" · ".join(self._notices))

    def startup_due_notice(self) -> str:
        self.finish_startup()  # the due dates are read after the first paint
        return due_notice(self.due_panel.tree.topLevelItemCount(), self.due_panel.days())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed:
            self._closed = True
            if self.import_flow is not None and self.import_flow.busy():
                self.import_flow.cancel()
            window_layout.save(self)
            self.writer.shutdown()
            self.reader.shutdown()
        super().closeEvent(event)


def _local_paths(mime: QMimeData) -> list[Path]:
    """The local files and folders of a drag (web links and the like are not imported)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
