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
from lawtracker.errors import (
    DatabaseTooNewError,
    StorageError,
    StoreBusyError,
    StoreFullError,
    StoreReadOnlyError,
    UserFacingError,
)
from lawtracker.gui.annotations.controller import AnnotationFiles
from lawtracker.gui.dialogs.crash import CrashReporter
from lawtracker.gui.dialogs.restore_backup import install_restore_action
from lawtracker.gui.dialogs.save_failure import report_failure
from lawtracker.gui.incentives import install_tools_menu
from lawtracker.gui.main_window import MainWindow
from lawtracker.gui.safe_text import install_plain_tooltips, literal
from lawtracker.gui.self_check import run_self_check
from lawtracker.gui.settings import WindowSettings
from lawtracker.gui.style import install_legible_checks
from lawtracker.log import LOG_FILE_NAME, install_excepthooks
from lawtracker.private_files import restrict_umask
from lawtracker.services.annotation_io import import_annotations_file, write_annotations_file
from lawtracker.services.annotations import Annotations
from lawtracker.services.backups import (
    BackupInfo,
    list_backups,
    newest_readable_backup,
    restore_backup,
)
from lawtracker.services.catalog import Catalog
from lawtracker.services.export import export_csv, export_json
from lawtracker.services.importing import Importer
from lawtracker.services.presence import StorePresence, shared_notice
from lawtracker.services.store import OpenedStore, open_store, store_file

if TYPE_CHECKING:
    from lawtracker.gui.incentives.engine_adapter import RulesAdapter

log = logging.getLogger(__name__)

HEADLESS_PLATFORMS = ("offscreen", "minimal")
#: Set (to anything) to quit once the window has painted, printing its status line:
#: how bench/package.py times a cold start and tests/packaging checks an upgrade.
EXIT_AFTER_PAINT_ENV = "LAWTRACKER_EXIT_AFTER_PAINT"
#: The desktop entry's id, so docks and Wayland match the window to its menu entry.
DESKTOP_ID = "org.lawtracker.LawTracker"
#: How often the window looks for other lawtracker processes on its store.
PRESENCE_POLL_MS = 15_000
#: Start-up failures a backup cannot cure: a newer schema, a full disk, a read-only
#: file, a lock held by another process. The others (damaged, not a lawtracker
#: database, unreadable) are offered the newest backup.
_NOT_CURED_BY_A_BACKUP = (DatabaseTooNewError, StoreBusyError, StoreFullError, StoreReadOnlyError)


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
    settings = WindowSettings()
    try:
        store = open_store(target, daily_backups=settings.backups_kept())
    except UserFacingError as exc:
        restored = offer_newest_backup(target, exc, daily_backups=settings.backups_kept())
        if restored is None:
            return startup_error(str(exc), interactive=True)
        store = restored
    host = WindowHost(app, store, target=target, settings=settings)
    try:
        if store.migration.backup_path is not None:
            host.window.add_startup_notice(
                f"Database upgraded; the old file is saved at {store.migration.backup_path}"
            )
        show_window(host.window)
        if os.environ.get(EXIT_AFTER_PAINT_ENV):
            _quit_after_first_paint(app, host.window)
        return app.exec()
    finally:
        host.store.dispose()


def offer_newest_backup(
    target: str | None, exc: UserFacingError, *, daily_backups: int = 0
) -> OpenedStore | None:
    """When the store cannot be opened, offer its newest readable backup instead.

    On a desktop the user is asked (the damaged file is kept aside, never deleted);
    without one the error names the backup. None: nothing was restored.
    """
    path = store_file(target)
    if (
        not isinstance(exc, StorageError)
        or isinstance(exc, _NOT_CURED_BY_A_BACKUP)
        or path is None
        or not path.exists()
    ):
        return None
    backup = newest_readable_backup(path)
    if backup is None:
        return None
    when = backup.created.astimezone().strftime("%Y-%m-%d %H:%M")
    if QGuiApplication.platformName() in HEADLESS_PLATFORMS:
        print(f"lawtracker: the newest backup, of {when}, is {backup.path}", file=sys.stderr)
        return None
    answer = QMessageBox.question(
        None,
        "lawtracker cannot open the database",
        literal(
            f"{exc}\n\nRestore the newest backup, of {when} ({backup.measures} measures, "
            f"{backup.annotations} annotations)? The current file is kept aside, renamed."
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        aside = restore_backup(path, backup.path, in_use_by=StorePresence(path).others)
        store = open_store(target, daily_backups=daily_backups)
    except UserFacingError as again:
        startup_error(str(again), interactive=True)
        return None
    log.warning("started from the backup %s; the unreadable file is at %s", backup.path, aside)
    store.restored_from = backup.path
    store.kept_aside = aside
    return store


class WindowHost(QObject):
    """The window and the store under it, so that a restore can swap both.

    A restored store is a different file: every service holds the old engine. The
    clean way is the way start-up does it: close the window (which saves its layout
    and stops its workers), dispose the engine, put the backup in place, open the
    store and build a new window. When the restored file cannot be opened, the user
    is told to restart rather than left with a half-built window.
    """

    def __init__(
        self,
        app: QApplication,
        store: OpenedStore,
        *,
        target: str | None,
        settings: WindowSettings,
        today: dt.date | None = None,
    ) -> None:
        super().__init__()
        self.app = app
        self.store = store
        self.target = target
        self.settings = settings
        self.today = today
        self._others: list[int] = []
        self.window = self._build()

    def _build(self) -> MainWindow:
        window = build_window(self.store, settings=self.settings, today=self.today)
        path = self.store.path
        if path is not None:
            install_restore_action(
                window,
                store=self.store.location,
                list_backups=lambda: list_backups(path),
                restore=self.restore,
            )
        if self.store.restored_from is not None:
            window.add_startup_notice(
                f"Restored the backup {self.store.restored_from.name}; the previous file "
                f"is at {self.store.kept_aside}"
            )
        self._others = self.store.others()
        if self._others:
            window.add_startup_notice(shared_notice(self._others))
        timer = QTimer(window)
        timer.setInterval(PRESENCE_POLL_MS)
        timer.timeout.connect(self.check_shared)
        timer.start()
        return window

    def check_shared(self) -> None:
        """Say so when another lawtracker opens (or leaves) this store."""
        others = self.store.others()
        if others != self._others:
            self._others = others
            text = shared_notice(others) or "This database is no longer open elsewhere"
            self.window.statusBar().showMessage(text, 30_000)

    def restore(self, backup: BackupInfo) -> None:
        """Put ``backup`` in place of the store and reopen the window on it."""
        path = self.store.path
        assert path is not None
        others = self.store.others()
        if others:
            report_failure(
                self.window,
                "Cannot restore the backup",
                StorageError(
                    f"Another lawtracker (process {', '.join(map(str, others))}) has this "
                    "database open. Close it, then restore the backup."
                ),
            )
            return
        old = self.window
        geometry = old.saveGeometry()
        quit_on_close = self.app.quitOnLastWindowClosed()
        self.app.setQuitOnLastWindowClosed(False)
        try:
            old.close()
            self.store.engine.dispose()
            try:
                aside = restore_backup(path, backup.path, in_use_by=self.store.others)
            except StorageError as exc:
                self.window = self._build()  # nothing changed: the same store again
                self._show(geometry)
                report_failure(self.window, "Cannot restore the backup", exc)
                return
            self.store.dispose()
            try:
                self.store = open_store(self.target)
            except UserFacingError as exc:
                QMessageBox.critical(
                    None,
                    "Restart lawtracker",
                    literal(
                        f"The backup was restored, but opening it failed: {exc}\n\n"
                        f"The previous file is at {aside}. Restart lawtracker."
                    ),
                )
                self.app.quit()
                return
            self.window = self._build()
            self._show(geometry)
            self.window.add_startup_notice(
                f"Restored the backup of {backup.created.astimezone():%Y-%m-%d %H:%M}; "
                f"the previous file is at {aside}"
            )
        finally:
            old.deleteLater()
            self.app.setQuitOnLastWindowClosed(quit_on_close)

    def _show(self, geometry: object) -> None:
        self.window.restoreGeometry(geometry)  # type: ignore[arg-type]
        self.window.show()


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
