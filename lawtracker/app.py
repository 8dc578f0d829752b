"""The composition root: Qt application, crash hooks, store, services, main window.

Everything is built here and passed down as keyword arguments; no widget looks
anything up globally. Known failures (a database from a newer version, a locked
file) end with a clear message and exit status 2; anything else is a bug and
reaches the crash dialog through the excepthooks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from lawtracker import __version__, paths
from lawtracker.errors import UserFacingError
from lawtracker.gui.annotations.controller import AnnotationFiles
from lawtracker.gui.dialogs.crash import CrashReporter
from lawtracker.gui.incentives import install_tools_menu
from lawtracker.gui.main_window import MainWindow
from lawtracker.gui.safe_text import install_plain_tooltips
from lawtracker.gui.self_check import run_self_check
from lawtracker.gui.settings import WindowSettings
from lawtracker.gui.style import install_legible_checks
from lawtracker.log import LOG_FILE_NAME, install_excepthooks
from lawtracker.private_files import restrict_umask
from lawtracker.services.annotation_io import import_annotations_file, write_annotations_file
from lawtracker.services.annotations import Annotations
from lawtracker.services.catalog import Catalog
from lawtracker.services.export import export_csv, export_json
from lawtracker.services.importing import Importer
from lawtracker.services.store import OpenedStore, open_store

if TYPE_CHECKING:
    from lawtracker.gui.incentives.engine_adapter import RulesAdapter

log = logging.getLogger(__name__)

HEADLESS_PLATFORMS = ("offscreen", "minimal")
#: Set (to anything) to quit once the window has painted, printing its status line:
#: how bench/package.py times a cold start and tests/packaging checks an upgrade.
EXIT_AFTER_PAINT_ENV = "LAWTRACKER_EXIT_AFTER_PAINT"
#: The desktop entry's id, so docks and Wayland match the window to its menu entry.
DESKTOP_ID = "org.lawtracker.LawTracker"


def run(args: argparse.Namespace) -> int:
    """Open the window (or run the self-check); the process exit status."""
    restrict_umask()  # also when started without __main__ (the frozen build's hooks)
    if args.self_check:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("lawtracker")
    app.setApplicationName("lawtracker")
    app.setApplicationDisplayName("lawtracker")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_ID)
    install_legible_checks(app)
    install_plain_tooltips(app)  # document and note text in tooltips is never HTML
    icon = paths.resources_dir() / "icons" / "lawtracker.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    reporter = CrashReporter(
        log_file=paths.log_dir() / LOG_FILE_NAME, interactive=not args.self_check
    )
    install_excepthooks(reporter.report)
    if args.self_check:
        return _self_check(args.screenshots, reporter)
    return _open_window(app, args.db)


def _open_window(app: QApplication, target: str | None) -> int:
    try:
        store = open_store(target)
    except UserFacingError as exc:
        return startup_error(str(exc), interactive=True)
    try:
        window = build_window(store, settings=WindowSettings())
        if store.migration.backup_path is not None:
            window.add_startup_notice(
                f"Database upgraded; the old file is saved at {store.migration.backup_path}"
            )
        show_window(window)
        if os.environ.get(EXIT_AFTER_PAINT_ENV):
            _quit_after_first_paint(app, window)
        return app.exec()
    finally:
        store.dispose()


def freeze_startup_objects() -> None:
    """Keep what start-up built (Qt wrappers, SQLAlchemy and SQLModel classes, about
    116,000 objects) out of later full garbage collections.

    Python runs a full collection whenever enough new long-lived objects pile up (each
    timeline load makes thousands): 120-200 ms each over everything start-up left,
    often in the middle of a sort or a search (bench/gui.py counted 59 in one run).
    Frozen, a full collection looks only at what came later: 10-60 ms.
    """
    gc.freeze()


def show_window(window: MainWindow) -> None:
    """Show the window; once it has painted and finished starting, say what is due and
    freeze the start-up objects."""
    window.startupFinished.connect(lambda: window.add_startup_notice(window.startup_due_notice()))
    window.startupFinished.connect(freeze_startup_objects)
    window.show()


class _FirstPaint(QObject):
    """Quits the application after the watched widget's first paint event."""

    def __init__(self, app: QApplication, window: MainWindow) -> None:
        super().__init__(window)
        self._app = app
        self._window = window
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._seen and event.type() == QEvent.Type.Paint:
            self._seen = True
            QTimer.singleShot(0, self._finish)
        return False

    def _finish(self) -> None:
        print(f"painted: {self._window.statusBar().currentMessage()}", flush=True)
        self._window.close()
        self._app.quit()


def _quit_after_first_paint(app: QApplication, window: MainWindow) -> None:
    window.installEventFilter(_FirstPaint(app, window))


def build_window(
    store: OpenedStore, *, settings: WindowSettings, today: dt.date | None = None
) -> MainWindow:
    """The main window over an opened store, with the real services."""
    engine = store.engine

    def exporter(fmt: str, ids: Sequence[int]) -> str:
        return export_json(engine, ids) if fmt == "json" else export_csv(engine, ids)

    window = MainWindow(
        None,
        catalog=Catalog(engine),
        importer=Importer(engine),
        settings=settings,
        store_location=store.location,
        exporter=exporter,
        today=today,
        annotations=Annotations(engine),
        annotation_files=AnnotationFiles(
            export_to=lambda path: write_annotations_file(engine, path),
            import_from=lambda path: import_annotations_file(engine, path),
        ),
    )
    catalog = Catalog(engine)

    def rules_service() -> RulesAdapter:
        # Imported on first use of the Tools menu: the rules engine (holidays, rule
        # files) is not needed to show the window.
        from lawtracker.gui.incentives.engine_adapter import RulesAdapter
        from lawtracker.services.rules import RuleBook

        return RulesAdapter(load_book=lambda: RuleBook.load(engine), catalog=catalog)

    tools = install_tools_menu(window, rules_service_factory=rules_service)
    window.detail.add_header_button(tools.compare_button(window.detail))
    window.incentive_tools = tools
    return window


def startup_error(message: str, *, interactive: bool) -> int:
    """Say why lawtracker cannot start: on stderr always, in a dialog when someone can see it."""
    print(f"lawtracker: {message}", file=sys.stderr)
    if interactive and QGuiApplication.platformName() not in HEADLESS_PLATFORMS:
        QMessageBox.critical(None, "lawtracker cannot start", message)
    return 2


def _self_check(screenshots: Path | None, reporter: CrashReporter) -> int:
    """Run the window on a throwaway seeded store; 0 only if every check passed."""
    with tempfile.TemporaryDirectory(
        prefix="lawtracker-self-check-", ignore_cleanup_errors=True
    ) as tmp:
        folder = Path(tmp)
        try:
            store = open_store(folder / "self-check.sqlite3", seed=True)
        except UserFacingError as exc:
            return startup_error(str(exc), interactive=False)
        try:
            seeded = store.seeded.summary() if store.seeded else "no seeds found"
            print(f"seeded a temporary store: {seeded}", flush=True)
            window = build_window(store, settings=WindowSettings(folder / "settings.ini"))
            passed = run_self_check(
                window, screenshots=screenshots.resolve() if screenshots else None, out=sys.stdout
            )
            window.close()
            window.deleteLater()
        finally:
            store.dispose()
    QApplication.processEvents()  # deliver any queued crash report before judging
    if reporter.count:
        print(f"FAIL  {reporter.count} unexpected error(s), see the log", flush=True)
    passed = passed and reporter.count == 0
    print("self-check passed" if passed else "self-check FAILED", flush=True)
    return 0 if passed else 1
