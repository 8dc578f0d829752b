"""The imported originals, kept in the data folder by content so the user's copy may go.

``originals/ab/cdef….pdf``: the first two hex digits of the sha256 name a
folder, the rest and the original suffix the file. Files are 0600 in 0700
folders (they may be confidential) and written atomically: a file with the
right name is always whole. A PDF's page layout is kept beside it as
``….layout.json``. Same content, same file: importing twice stores once.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from lawtracker.paths import data_dir

LAYOUT_SUFFIX = ".layout.json"


def originals_dir() -> Path:
    return data_dir() / "originals"


def original_path(sha256: str, suffix: str, root: Path | None = None) -> Path:
    root = root if root is not None else originals_dir()
    return root / sha256[:2] / (sha256[2:] + suffix.lower())


def find_original(sha256: str, root: Path | None = None) -> Path | None:
    """The stored original of this content, whatever its suffix, if it was kept."""
    folder = (root if root is not None else originals_dir()) / sha256[:2]
    if not sha256 or not folder.is_dir():
        return None
    for path in sorted(folder.glob(sha256[2:] + ".*")):
        if not path.name.endswith(LAYOUT_SUFFIX):
            return path
    return None


def find_layout(sha256: str, root: Path | None = None) -> Path | None:
    path = original_path(sha256, LAYOUT_SUFFIX, root)
    return path if path.is_file() else None


def store_original(
    sha256: str,
    suffix: str,
    data: bytes,
    *,
    layout_json: str | None = None,
    root: Path | None = None,
) -> Path:
    """Write the original (and its layout) unless already there; return its path."""
    path = original_path(sha256, suffix, root)
    _private_dir(path.parent)
    if not path.exists():
        _write_atomic(path, data)
    if layout_json is not None:
        layout = original_path(sha256, LAYOUT_SUFFIX, root)
        if not layout.exists():
            _write_atomic(layout, layout_json.encode("utf-8"))
    return path


def remove_original(sha256: str, root: Path | None = None) -> None:
    """Remove a stored original and its layout (an import that did not go through)."""
    for path in (find_original(sha256, root), find_layout(sha256, root)):
        if path is not None:
            path.unlink(missing_ok=True)


def originals_size(root: Path | None = None) -> int:
    """Bytes the stored originals take (for Help ▸ About)."""
    root = root if root is not None else originals_dir()
    if not root.is_dir():
        return 0
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def _private_dir(folder: Path) -> None:
    for directory in (folder.parent, folder):
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(directory, 0o700)


def _write_atomic(path: Path, data: bytes) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
