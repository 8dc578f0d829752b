"""Reading and parsing in worker processes while the importing process writes.

Parsing a document costs more CPU than storing it, and SQLite takes one writer: so for a
large batch the files are read and parsed by a pool of processes, in order, a few ahead of
the writer, and each is still stored in its own transaction by the caller. A small batch
is not worth starting processes for (each imports the parser, about half a second).

Workers are started with ``spawn``: forking a process that runs Qt threads is unsafe, and
spawn is what Windows and macOS do anyway (a frozen app calls ``freeze_support``).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lawtracker.domain.drafts import ParsedSource
from lawtracker.errors import LawtrackerError
from lawtracker.ingestion.readers import RawDocument, read_document

# Below this many files the batch is parsed in the importing process.
PARALLEL_MIN_FILES = 24
MAX_WORKERS = 4
WORKERS_VARIABLE = "LAWTRACKER_PARSE_WORKERS"


@dataclass
class Prepared:
    """One file read and (unless already stored) parsed, or the reason it could not be."""

    path: Path
    raw: RawDocument | None = None
    parsed: ParsedSource | None = None
    error: LawtrackerError | None = None
    bug: str | None = None  # the class name of an unexpected exception, to report


def worker_count(files: int) -> int:
    """How many processes to parse ``files`` files with; 0 means in this process."""
    configured = os.environ.get(WORKERS_VARIABLE)
    if configured is not None:
        try:
            wanted = max(0, int(configured))
        except ValueError:
            wanted = 0
        return wanted if files > 1 else 0
    if files < PARALLEL_MIN_FILES:
        return 0
    cores = os.cpu_count() or 1
    return 0 if cores < 2 else min(MAX_WORKERS, cores)


def prepare(path: Path, known: frozenset[str]) -> Prepared:
    """Read ``path`` and parse it unless its bytes are already stored (runs in a worker)."""
    from lawtracker.ingestion.families import parse_document
    from lawtracker.ingestion.families.context import DocumentContext

    try:
        raw = read_document(path)
    except LawtrackerError as exc:
        return Prepared(path, error=exc)
    except Exception as exc:  # a reader bug: reported by name, the batch goes on
        return Prepared(path, bug=type(exc).__name__)
    if raw.sha256 in known:
        return Prepared(path, raw=raw)
    try:
        parsed = parse_document(
            DocumentContext(path.name, raw.sha256, raw.text, ocr_regions=raw.ocr_regions)
        )
    except LawtrackerError as exc:
        return Prepared(path, raw=raw, error=exc)
    except Exception as exc:
        return Prepared(path, raw=raw, bug=type(exc).__name__)
    return Prepared(path, raw=raw, parsed=parsed)


def prepared_in_order(
    files: list[Path],
    known: frozenset[str],
    *,
    workers: int,
    cancel: Callable[[], bool] | None = None,
) -> Iterator[Prepared]:
    """Each file prepared by ``workers`` processes, yielded in the order of ``files``.

    At most two files a worker are in flight, so a cancel stops the work within a few
    documents and memory stays bounded whatever the batch size.
    """
    context = multiprocessing.get_context("spawn")
    ahead = 2 * workers
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque[Future[Prepared]] = deque()
        queue = iter(files)
        try:
            for path in queue:
                pending.append(pool.submit(prepare, path, known))
                if len(pending) >= ahead:
                    break
            while pending:
                if cancel is not None and cancel():
                    return
                done = pending.popleft()
                next_path = next(queue, None)
                if next_path is not None:
                    pending.append(pool.submit(prepare, next_path, known))
                yield done.result()
        finally:
            for future in pending:
                future.cancel()
