"""Ingest files into the store: read, recognise, parse, write; one transaction per file.

A bad file never stops a batch: it gets one line naming it and the reason,
and the next file goes in. A readable file in which no measure is found is
kept (stored and searchable like any other) with status KEPT, for a person to
review: third-party documents often discuss measures the parser cannot name
yet, and refusing them would lose them. A file already stored (same sha256) is skipped, so
ingesting twice changes nothing; a changed file becomes a new version.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine

from lawtracker.errors import LawtrackerError
from lawtracker.ingestion.readers import read_document, supported_suffixes
from lawtracker.storage.db import session_scope
from lawtracker.storage.tables import Source

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]


class FileStatus(StrEnum):
    ADDED = "added"
    NEW_VERSION = "new version"
    UNCHANGED = "unchanged"
    KEPT = "kept"  # stored and searchable, but no measure was found in it
    FAILED = "failed"


KEPT_MESSAGE = "kept, no measure found: review it"


@dataclass(frozen=True)
class FileResult:
    path: Path
    status: FileStatus
    message: str
    family: str | None = None
    measure_keys: tuple[str, ...] = ()

    def line(self) -> str:
        return f"{self.status.value:>11}  {self.path.name}: {self.message}"


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)
    cancelled: bool = False

    def count(self, status: FileStatus) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == FileStatus.FAILED]

    @property
    def kept(self) -> list[FileResult]:
        """Files stored without any measure: a person should look at them."""
        return [r for r in self.results if r.status == FileStatus.KEPT]

    def summary(self) -> str:
        parts = [
            f"{self.count(s)} {s.value}"
            for s in (
                FileStatus.ADDED,
                FileStatus.NEW_VERSION,
                FileStatus.UNCHANGED,
                FileStatus.KEPT,
                FileStatus.FAILED,
            )
        ]
        measures = sum(len(r.measure_keys) for r in self.results if r.status != FileStatus.FAILED)
        text = f"{len(self.results)} files: " + ", ".join(parts) + f"; {measures} measures written"
        return text + (" (cancelled)" if self.cancelled else "")


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given plus the supported files inside given folders, each once, in order."""
    suffixes = set(supported_suffixes())
    seen: set[Path] = set()
    files: list[Path] = []
    for path in paths:
        candidates: Iterator[Path]
        if path.is_dir():
            candidates = (
                p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in suffixes
            )
        else:
            candidates = iter([path])
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in seen:
                seen.add(resolved)
                files.append(candidate)
    return files


def ingest_paths(
    paths: Iterable[Path],
    *,
    engine: Engine,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> IngestReport:
    files = expand_paths(paths)
    report = IngestReport()
    known = known_hashes(engine)
    for index, path in enumerate(files):
        if cancel is not None and cancel():
            report.cancelled = True
            break
        if progress is not None:
            progress(index, len(files), path.name)
        report.results.append(ingest_file(path, engine=engine, known=known))
    if progress is not None and not report.cancelled:
        progress(len(files), len(files), "")
    return report


def known_hashes(engine: Engine) -> set[str]:
    """Hashes of every stored document version, read once per batch."""
    with session_scope(engine) as session:
        return set(session.execute(select(Source.sha256)).scalars())


def ingest_file(path: Path, *, engine: Engine, known: set[str] | None = None) -> FileResult:
    """Ingest one file in its own transaction; ``known`` (hashes) is updated when given."""
    # The parsers compile a few hundred regular expressions on import (about 0.15 s):
    # imported here, not at the top, so that opening the window does not pay for them.
    from lawtracker.ingestion.families import parse_document
    from lawtracker.ingestion.families.context import DocumentContext
    from lawtracker.storage.writer import store_parsed_source

    known = known if known is not None else known_hashes(engine)
    try:
        raw = read_document(path)
        if raw.sha256 in known:
            return FileResult(path, FileStatus.UNCHANGED, "already in the store")
        ctx = DocumentContext(path.name, raw.sha256, raw.text)
        parsed = parse_document(ctx)
        with session_scope(engine) as session:
            stored = store_parsed_source(session, parsed)
        known.add(raw.sha256)
    except LawtrackerError as exc:
        log.info("refused %s: %s", path, exc)
        return FileResult(path, FileStatus.FAILED, _reason(exc, path))
    except Exception as exc:
        log.exception("bug while ingesting %s", path)
        return FileResult(
            path, FileStatus.FAILED, f"internal error ({type(exc).__name__}); details in the log"
        )
    if not parsed.measures:
        message = KEPT_MESSAGE + (f" (version {stored.version})" if stored.version > 1 else "")
        return FileResult(path, FileStatus.KEPT, message, parsed.family.value)
    status = FileStatus.NEW_VERSION if stored.version > 1 else FileStatus.ADDED
    keys = tuple(stored.added_keys + stored.updated_keys)
    message = (
        f"{parsed.family.value}, {len(keys)} measures"
        + (f" ({len(stored.added_keys)} new)" if stored.updated_keys else "")
        + (f", version {stored.version}" if stored.version > 1 else "")
    )
    return FileResult(path, status, message, parsed.family.value, keys)


def _reason(exc: Exception, path: Path) -> str:
    text = str(exc)
    prefix = f"{path.name}: "
    return text[len(prefix) :] if text.startswith(prefix) else text
