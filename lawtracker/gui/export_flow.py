"""File ▸ Export…: the measures in the list, as JSON or CSV, written on the worker."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from lawtracker.errors import UserFacingError, log_safe
from lawtracker.gui.workers import SerialWorker
from lawtracker.private_files import write_private_text

log = logging.getLogger(__name__)

#: ``exporter(format, measure_ids) -> text``; format is ``"json"`` or ``"csv"``.
Exporter = Callable[[str, Sequence[int]], str]

JSON_FILTER = "JSON, every fact (*.json)"
CSV_FILTER = "CSV, one row per measure (*.csv)"


def export_format(path: Path, chosen_filter: str) -> str:
    """The format the user meant: the file's suffix wins over the chosen filter."""
    if path.suffix.lower() in (".json", ".csv"):
        return path.suffix.lower().lstrip(".")
    return "csv" if chosen_filter == CSV_FILTER else "json"


class ExportFlow(QObject):
    """Asks where to write, then exports on the worker and reports in the status bar.

    Signals:
        message(str): a line for the status bar.
    """

    message = Signal(str)

    def __init__(self, window: QWidget, *, exporter: Exporter, worker: SerialWorker) -> None:
        super().__init__(window)
        self._window = window
        self._exporter = exporter
        self._worker = worker

    def run(self, ids: Sequence[int], start_dir: str) -> bool:
        suggested = str(Path(start_dir or Path.home()) / "lawtracker-export.json")
        name, chosen = QFileDialog.getSaveFileName(
            self._window,
            f"Export {len(ids):,} measures",
            suggested,
            f"{JSON_FILTER};;{CSV_FILTER}",
        )
        if not name:
            return False
        path = Path(name)
        fmt = export_format(path, chosen)
        if not path.suffix:
            path = path.with_suffix(f".{fmt}")
        exporter, chosen_ids = self._exporter, list(ids)

        def job(_progress: object) -> Path:
            text = exporter(fmt, chosen_ids)
            try:
                write_private_text(path, text if text.endswith("\n") else text + "\n")
            except OSError as exc:
                raise UserFacingError(f"Cannot write {path}: {exc.strerror or exc}") from exc
            return path

        self.message.emit(f"Exporting {len(chosen_ids):,} measures to {path}…")
        self._worker.submit(
            job,
            on_success=lambda written: self.message.emit(
                f"Exported {len(chosen_ids):,} measures to {written}"
            ),
            on_failure=self._failed,
        )
        return True

    def _failed(self, exc: BaseException, _details: str) -> None:
        if not isinstance(exc, UserFacingError):
            raise exc
        log.warning("export failed: %s", log_safe(exc))
        self.message.emit("Export failed")
        QMessageBox.warning(self._window, "Export failed", str(exc))
