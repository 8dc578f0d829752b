"""Where lawtracker keeps its files, and where its bundled resources are.

One module decides every path so that tests and smoke runs can redirect all
of them with ``--data-dir`` (or ``LAWTRACKER_DATA_DIR``) and never touch a
user's real data.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "lawtracker"
DATA_DIR_ENV = "LAWTRACKER_DATA_DIR"

_override: Path | None = None


def set_data_dir(path: Path | None) -> None:
    """Redirect data, logs and settings below ``path`` (``None`` restores the default)."""
    global _override
    _override = Path(path).expanduser().resolve() if path is not None else None


def data_dir() -> Path:
    if _override is not None:
        return _override
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return Path(PlatformDirs(APP_NAME, appauthor=False).user_data_dir)


def log_dir() -> Path:
    if _override is not None or os.environ.get(DATA_DIR_ENV):
        return data_dir() / "logs"
    return Path(PlatformDirs(APP_NAME, appauthor=False).user_log_dir)


def user_rules_dir() -> Path:
    """A user's own rule files (regimes and new versions), next to the database."""
    return data_dir() / "rules"


def default_database_path() -> Path:
    return data_dir() / "lawtracker.sqlite3"


def install_root() -> Path:
    """The folder holding ``resources/`` and ``seeds/``: the bundle when frozen, else the repo."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return install_root() / "resources"


def bundled_seeds_dir() -> Path:
    return install_root() / "seeds"
