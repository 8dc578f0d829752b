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


def private_dir(path: Path, *, claim: bool = True) -> Path:
    """Create ``path`` (and missing parents) 0700; with ``claim``, make ``path`` 0700 too.

    Folders that already existed keep their mode unless claimed: a parent may be
    shared (``~/.local``), and the folder a user chose for ``--db`` is theirs. Our own
    data and log folders are claimed.
    """
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(parents=True, exist_ok=True)
    for folder in missing:
        _chmod(folder, DIR_MODE)
    if claim:
        _chmod(path, DIR_MODE)
    return path


def create_private_file(path: Path) -> bool:
    """Create ``path`` empty and 0600 if it does not exist; True if it was created.

    SQLite gives a database's -wal and -shm the database file's mode, so a store
    created this way keeps all three owner-only whatever the umask.
    """
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    os.close(handle)
    _chmod(path, FILE_MODE)
    return True


def copy_mode(source: Path, target: Path) -> None:
    """Give ``target`` ``source``'s permission bits (a backup is as private as its store)."""
    with contextlib.suppress(OSError):
        target.chmod(source.stat().st_mode & 0o777)


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
