"""Owner-only files: what lawtracker writes holds documents, notes and searches.

Folders are created 0700 and files 0600 on POSIX whatever the umask, and the
process umask is 0o077 from start-up (set by the composition root). Both, because
a library (SQLite's -wal/-shm, Qt's PDF writer) may create files with its own
mode: callers chmod what they know was created. On Windows the modes mean little
and the per-user profile folders already keep other users out; chmod is harmless.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

PRIVATE_UMASK = 0o077
FILE_MODE = 0o600
DIR_MODE = 0o700


def restrict_umask() -> int:
    """Make every file this process creates from now on owner-only; the old umask."""
    return os.umask(PRIVATE_UMASK)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) and make ``path`` itself 0700.

    Parents that already existed keep their mode: they may be shared (``~/.local``).
    """
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(parents=True, exist_ok=True)
    for folder in missing:
        _chmod(folder, DIR_MODE)
    _chmod(path, DIR_MODE)
    return path


def make_private(*paths: Path) -> None:
    """chmod 0600 each of ``paths`` that exists (a store's -wal and -shm may not)."""
    for path in paths:
        if path.exists():
            _chmod(path, FILE_MODE)


def write_private_text(
    path: Path, text: str, *, encoding: str = "utf-8", newline: str | None = None
) -> None:
    """Write ``text`` to ``path`` whole or not at all, 0600 from the first byte.

    The text goes to a temporary file in the same folder (created 0600 by
    ``mkstemp``), which then replaces ``path``: a reader never sees half an export.
    """
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".partial"
    )
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline=newline) as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _chmod(path, FILE_MODE)


def _chmod(path: Path, mode: int) -> None:
    # Not ours to change (a mounted or shared folder): the umask still applies.
    with contextlib.suppress(OSError):
        path.chmod(mode)
