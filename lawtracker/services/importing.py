"""Importing documents on behalf of the window: the pipeline behind a small facade.

The GUI runs ``Importer.run`` on a worker thread; progress and cancellation
are plain callables so the service knows nothing of Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy.engine import Engine

from lawtracker.ingestion.pipeline import (
    CancelCheck,
    FileResult,
    FileStatus,
    IngestReport,
    ProgressCallback,
    expand_paths,
    ingest_paths,
)
from lawtracker.ingestion.readers import FORMATS, supported_suffixes

__all__ = ["FileResult", "FileStatus", "Importer", "IngestReport"]


class Importer:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @staticmethod
    def suffixes() -> list[str]:
        return supported_suffixes()

    @staticmethod
    def file_types() -> list[tuple[str, list[str]]]:
        """(name, suffixes) of each format read, for the file dialog's filters."""
        return [(fmt.name, list(fmt.suffixes)) for fmt in FORMATS]

    @staticmethod
    def files_in(paths: Iterable[Path]) -> list[Path]:
        return expand_paths(paths)

    def run(
        self,
        paths: Iterable[Path],
        *,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> IngestReport:
        return ingest_paths(paths, engine=self._engine, progress=progress, cancel=cancel)
