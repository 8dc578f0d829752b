"""Importing documents from the window: choose, ingest on the worker, report.

The window stays usable while files are read: the progress dialog is not
modal, its Cancel stops after the current file, and the summary names every
file that failed with its reason.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from lawtracker.errors import UserFacingError
from lawtracker.gui.dialogs.import_summary import ImportSummaryDialog, headline
from lawtracker.gui.safe_text import literal
from lawtracker.gui.workers import SerialWorker
from lawtracker.services.importing import IngestReport

log = logging.getLogger(__name__)


class ImporterPort(Protocol):
    """What the window needs of ``services.importing.Importer``."""

    def suffixes(self) -> list[str]: ...

    def run(
        self,
        paths: Iterable[Path],
        *,
        progress: Callable[[int, int, str], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> IngestReport: ...


def file_filter(suffixes: list[str], types: list[tuple[str, list[str]]] | None = None) -> str:
    """ "All documents" first, then one filter per format (``types``), then all files."""
    filters = [f"All documents ({' '.join(f'*{s}' for s in suffixes)})"]
    for name, type_suffixes in types or []:
        filters.append(f"{name} ({' '.join(f'*{s}' for s in type_suffixes)})")
    return ";;".join([*filters, "All files (*)"])


class ImportFlow(QObject):
    """Runs one import at a time on ``worker`` and reports on it.

    Args:
        window: parent of the dialogs.
        importer: the ingestion service.
        worker: the serial worker writes run on.

    Signals:
        finished(object): the :class:`IngestReport`, after the summary is shown.
        started(): an import began (the window disables the import actions).
    """

    finished = Signal(object)
    started = Signal()

    def __init__(self, window: QWidget, *, importer: ImporterPort, worker: SerialWorker) -> None:
        super().__init__(window)
        self._window = window
        self._importer = importer
        self._worker = worker
        self._cancel = threading.Event()
        self.progress_dialog: QProgressDialog | None = None
        self.summary_dialog: ImportSummaryDialog | None = None
        self._busy = False

    def busy(self) -> bool:
        return self._busy

    # -- choosing ----------------------------------------------------------------------

    def choose_files(self, start_dir: str) -> list[Path]:
        types = getattr(self._importer, "file_types", None)  # test doubles may lack it
        filters = file_filter(self._importer.suffixes(), types() if types else None)
        names, _ = QFileDialog.getOpenFileNames(
            self._window, "Import documents", start_dir, filters
        )
        return [Path(name) for name in names]

    def choose_folder(self, start_dir: str) -> list[Path]:
        folder = QFileDialog.getExistingDirectory(
            self._window, "Import every document in a folder", start_dir
        )
        return [Path(folder)] if folder else []

    # -- running -----------------------------------------------------------------------

    def start(self, paths: list[Path]) -> bool:
        """Import ``paths`` (files or folders) in the background; ``False`` if one is running."""
        if self._busy or not paths:
            return False
        self._busy = True
        self._cancel.clear()
        dialog = QProgressDialog("Looking for documents…", "Cancel", 0, 0, self._window)
        dialog.setWindowTitle("Importing documents")
        dialog.setAccessibleName("Import progress")
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        dialog.show()
        self.progress_dialog = dialog
        importer, cancel = self._importer, self._cancel
        self._worker.submit(
            lambda progress: importer.run(paths, progress=progress, cancel=cancel.is_set),
            on_success=self._succeeded,
            on_failure=self._failed,
            on_progress=self._progressed,
        )
        self.started.emit()
        return True

    def cancel(self) -> None:
        """Stop after the file being read (a file is imported whole or not at all)."""
        self._cancel.set()
        if self.progress_dialog is not None:
            self.progress_dialog.setLabelText("Cancelling after the current file…")

    def _progressed(self, done: int, total: int, name: str) -> None:
        dialog = self.progress_dialog
        if dialog is None or self._cancel.is_set():
            return
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)
        dialog.setLabelText(f"Reading {name} ({done + 1} of {total})" if name else "Finishing…")

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect(self.cancel)
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        self._busy = False

    def _succeeded(self, report: IngestReport) -> None:
        self._close_progress()
        log.info("import: %s", report.summary())
        self.summary_dialog = ImportSummaryDialog(self._window, report)
        self.summary_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.summary_dialog.destroyed.connect(self._forget_summary)
        self.summary_dialog.open()
        self.finished.emit(report)

    def _forget_summary(self) -> None:
        self.summary_dialog = None

    def _failed(self, exc: BaseException, details: str) -> None:
        self._close_progress()
        if not isinstance(exc, UserFacingError):
            raise exc  # a bug: the excepthook logs it and shows the crash dialog
        log.warning("import failed: %s", exc)
        QMessageBox.warning(self._window, "Import failed", literal(str(exc)))
        self.finished.emit(IngestReport())

    @staticmethod
    def status_line(report: IngestReport) -> str:
        return f"Import: {headline(report)}"
