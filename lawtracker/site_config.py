"""An administrator's settings file, ``lawtracker.toml``: which database every user opens.

IT departments point each installation at the firm's database server without
touching the command line::

    # /etc/lawtracker/lawtracker.toml (or %PROGRAMDATA%\\lawtracker\\lawtracker.toml)
    database_url = "postgresql+psycopg://lawtracker@db.example.internal/lawtracker"

The first file found wins: ``$LAWTRACKER_CONFIG`` (when set, the only one read),
then ``lawtracker.toml`` in the user's data folder, then the machine-wide file.
``--db`` on the command line beats them all. docs/INSTALL.md documents it.
"""

from __future__ import annotations

import os
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from platformdirs import PlatformDirs

from lawtracker import paths
from lawtracker.errors import UserFacingError

CONFIG_ENV = "LAWTRACKER_CONFIG"
FILE_NAME = "lawtracker.toml"
_KNOWN_KEYS = frozenset({"database_url"})


@dataclass(frozen=True)
class SiteConfig:
    """What the settings file says; ``source`` is ``None`` when no file was found."""

    database_url: str | None = None
    source: Path | None = None


def machine_config_path() -> Path:
    """The machine-wide file: /etc/lawtracker on Linux, ProgramData, /Library elsewhere."""
    if sys.platform.startswith("linux"):
        return Path("/etc/lawtracker") / FILE_NAME
    return Path(PlatformDirs(paths.APP_NAME, appauthor=False).site_config_dir) / FILE_NAME


def candidate_paths() -> list[Path]:
    explicit = os.environ.get(CONFIG_ENV)
    if explicit:
        return [Path(explicit).expanduser()]
    return [paths.data_dir() / FILE_NAME, machine_config_path()]


def load() -> SiteConfig:
    """Read the first settings file that exists; a broken one is a clear error, not a crash."""
    for path in candidate_paths():
        if not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise UserFacingError(f"Cannot read the settings file {path}: {exc}") from exc
        unknown = sorted(set(data) - _KNOWN_KEYS)
        if unknown:
            raise UserFacingError(
                f"The settings file {path} has unknown keys: {', '.join(unknown)} "
                f"(known: {', '.join(sorted(_KNOWN_KEYS))})"
            )
        url = data.get("database_url")
        if url is not None and (not isinstance(url, str) or not url.strip()):
            raise UserFacingError(f"database_url in {path} must be a non-empty string")
        return SiteConfig(database_url=url.strip() if url else None, source=path)
    return SiteConfig()
