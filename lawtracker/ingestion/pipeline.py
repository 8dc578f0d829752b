"""Ingest files into the store: read, recognise, parse, write; one transaction per file.

A bad file never stops a batch: it gets one line naming it and the reason,
and the next file goes in. A readable file in which no measure is found is
kept (stored and searchable like any other) with status KEPT, for a person to
review: third-party documents often discuss measures the parser cannot name
yet, and refusing them would lose them. A file already stored (same sha256) is skipped, so
ingesting twice changes nothing; a changed file becomes a new version.

Every file a folder holds is accounted for: one in a format no reader takes,
or a folder that cannot be listed, is reported as SKIPPED with the reason. The
original of each stored document is kept in the data folder (``storage.originals``);
an e-mail's attachments are read and stored as sources of their own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine

from lawtracker.domain.drafts import ParsedSource
from lawtracker.domain.enums import DatePrecision
from lawtracker.errors import LawtrackerError
from lawtracker.ingestion.parallel import Prepared, prepared_in_order, worker_count
from lawtracker.ingestion.readers import (
    RawDocument,
    attachment_skip_reason,
    is_supported,
    read_bytes,
    read_document,
    unsupported_reason,
)
from lawtracker.storage.db import session_scope
from lawtracker.storage.originals import remove_original, store_original
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
    SKIPPED = "skipped"  # in a folder, but not a document lawtracker reads (or unreadable)


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
    def skipped(self) -> list[FileResult]:
        """Files of an imported folder that were not read, each with the reason."""
        return [r for r in self.results if r.status == FileStatus.SKIPPED]

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
        if self.count(FileStatus.SKIPPED):
            parts.append(f"{self.count(FileStatus.SKIPPED)} skipped")
        read = len(self.results) - self.count(FileStatus.SKIPPED)
        text = f"{read} files: " + ", ".join(parts) + f"; {measures} measures written"
        return text + (" (cancelled)" if self.cancelled else "")


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given plus the supported files inside given folders, each once, in order."""
    return scan_paths(paths)[0]


def scan_paths(paths: Iterable[Path]) -> tuple[list[Path], list[FileResult]]:
    """The files to read, and every file or folder inside given folders that is not read.

    A file given by name is always tried (its reader says what is wrong with it);
    inside a folder, unsupported files and unreadable folders are skipped, each
    with its reason, and hidden files (``.DS_Store``, editors' ``.~lock``) silently.
    """
    seen: set[Path] = set()
    files: list[Path] = []
    skipped: list[FileResult] = []
    for path in paths:
        candidates: Iterable[Path] = _walk(path, skipped) if path.is_dir() else [path]
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in seen:
                seen.add(resolved)
                files.append(candidate)
    return files, skipped


def _walk(folder: Path, skipped: list[FileResult]) -> Iterator[Path]:
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        skipped.append(
            FileResult(folder, FileStatus.SKIPPED, f"folder cannot be read ({exc.strerror or exc})")
        )
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, skipped)
        elif not entry.is_file():
            continue
        elif is_supported(entry.name):
            yield entry
        else:
            reason = unsupported_reason(entry.name, with_supported=False)
            skipped.append(FileResult(entry, FileStatus.SKIPPED, reason))


def ingest_paths(
    paths: Iterable[Path],
    *,
    engine: Engine,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> IngestReport:
    files, skipped = scan_paths(paths)
    report = IngestReport()
    known = known_hashes(engine)
    workers = worker_count(len(files))
    if workers:
        prepared = prepared_in_order(files, frozenset(known), workers=workers, cancel=cancel)
        handled = 0
        try:
            for index, ready in enumerate(prepared):
                if progress is not None:
                    progress(index, len(files), ready.path.name)
                report.results.extend(_store_prepared(ready, engine=engine, known=known))
                handled += 1
        except BrokenProcessPool:
            # A worker could not start or died (a script without a main guard, memory):
            # the rest of the batch is parsed here, nothing is lost.
            log.warning("import workers stopped; parsing the rest in this process")
            for index, path in enumerate(files[handled:], start=handled):
                if cancel is not None and cancel():
                    break
                if progress is not None:
                    progress(index, len(files), path.name)
                report.results.extend(ingest_document(path, engine=engine, known=known))
                handled += 1
        report.cancelled = handled < len(files)
    else:
        for index, path in enumerate(files):
            if cancel is not None and cancel():
                report.cancelled = True
                break
            if progress is not None:
                progress(index, len(files), path.name)
            report.results.extend(ingest_document(path, engine=engine, known=known))
    report.results.extend(skipped)
    if progress is not None and not report.cancelled:
        progress(len(files), len(files), "")
    return report


def known_hashes(engine: Engine) -> set[str]:
    """Hashes of every stored document version, read once per batch."""
    with session_scope(engine) as session:
        return set(session.execute(select(Source.sha256)).scalars())


def _store_prepared(ready: Prepared, *, engine: Engine, known: set[str]) -> list[FileResult]:
    """Store what a worker read and parsed, as ``ingest_document`` would have."""
    path = ready.path
    if ready.raw is None or (ready.parsed is None and ready.raw.sha256 not in known):
        if ready.bug is not None:
            log.error("bug while ingesting %s: %s", path, ready.bug)
            message = f"internal error ({ready.bug}); details in the log"
            return [FileResult(path, FileStatus.FAILED, message)]
        error = ready.error or LawtrackerError("could not be read")
        log.info("refused %s: %s", path, error)
        return [FileResult(path, FileStatus.FAILED, _reason(error, path))]
    results = [ingest_file(path, engine=engine, known=known, raw=ready.raw, parsed=ready.parsed)]
    return results + _ingest_attachments(path, ready.raw, engine=engine, known=known)


def ingest_document(path: Path, *, engine: Engine, known: set[str]) -> list[FileResult]:
    """One file's result, then one per attachment of an e-mail (each its own source)."""
    try:
        raw = read_document(path)
    except LawtrackerError as exc:
        log.info("refused %s: %s", path, exc)
        return [FileResult(path, FileStatus.FAILED, _reason(exc, path))]
    results = [ingest_file(path, engine=engine, known=known, raw=raw)]
    return results + _ingest_attachments(path, raw, engine=engine, known=known)


def _ingest_attachments(
    path: Path, raw: RawDocument, *, engine: Engine, known: set[str]
) -> list[FileResult]:
    results: list[FileResult] = []
    for attachment in raw.attachments:
        shown = path.parent / f"{path.name} ▸ {attachment.name}"
        reason = attachment_skip_reason(attachment.name)
        if reason is not None:
            reason = f"attachment not read: {reason}"
            results.append(FileResult(shown, FileStatus.SKIPPED, reason))
            continue
        try:
            inner = read_bytes(Path(attachment.name), attachment.data)
        except LawtrackerError as exc:
            reason = _reason(exc, Path(attachment.name))
            results.append(FileResult(shown, FileStatus.FAILED, reason))
            continue
        results.append(ingest_file(shown, engine=engine, known=known, raw=inner, carrier=path.name))
    return results


def ingest_file(
    path: Path,
    *,
    engine: Engine,
    known: set[str] | None = None,
    raw: RawDocument | None = None,
    carrier: str | None = None,
    parsed: ParsedSource | None = None,
) -> FileResult:
    """Ingest one file in its own transaction; ``known`` (hashes) is updated when given.

    ``raw`` is the file already read (or an attachment, then ``carrier`` names the
    e-mail it came in, recorded as the source's publisher when it has none).
    """
    # The parsers compile a few hundred regular expressions on import (about 0.15 s):
    # imported here, not at the top, so that opening the window does not pay for them.
    from lawtracker.ingestion.families import parse_document
    from lawtracker.ingestion.families.context import DocumentContext
    from lawtracker.storage.writer import store_parsed_source

    known = known if known is not None else known_hashes(engine)
    stored_original = False
    try:
        raw = raw if raw is not None else read_document(path)
        if raw.sha256 in known:
            return FileResult(path, FileStatus.UNCHANGED, "already in the store")
        if parsed is None:  # not parsed ahead by a worker process
            parsed = parse_document(
                DocumentContext(path.name, raw.sha256, raw.text, ocr_regions=raw.ocr_regions)
            )
        _apply_format_facts(parsed, raw, carrier)
        with session_scope(engine) as session:
            stored = store_parsed_source(session, parsed)
            # Inside the transaction: a copy that cannot be written leaves no source behind.
            layout = raw.layout.to_json() if raw.layout is not None else None
            store_original(raw.sha256, raw.suffix, raw.data, layout_json=layout)
            stored_original = True
        known.add(raw.sha256)
    except LawtrackerError as exc:
        if stored_original and raw is not None:
            remove_original(raw.sha256)  # the transaction rolled back: nothing half-written
        log.info("refused %s: %s", path, exc)
        return FileResult(path, FileStatus.FAILED, _reason(exc, path))
    except Exception as exc:
        if stored_original and raw is not None:
            remove_original(raw.sha256)
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


def _apply_format_facts(parsed: ParsedSource, raw: RawDocument, carrier: str | None) -> None:
    """What the format states outright beats a guess from the text: an e-mail's Subject
    and Date; an attachment records the e-mail it came in."""
    if raw.title and raw.suffix == ".eml":
        parsed.title = raw.title
    if raw.date is not None and parsed.date is None:
        parsed.date = raw.date  # type: ignore[assignment]
        parsed.date_precision = DatePrecision.DAY
    if carrier is not None and not parsed.publisher:
        parsed.publisher = f"attached to the e-mail {carrier}"


def _reason(exc: Exception, path: Path) -> str:
    text = str(exc)
    prefix = f"{path.name}: "
    return text[len(prefix) :] if text.startswith(prefix) else text
