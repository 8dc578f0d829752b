"""The window's persistent settings: one typed object over an INI file in the data dir.

Every key lives here, so the window never scatters ``QSettings`` strings, and
tests point the whole thing at a temporary file. Window geometry and dock state
are keyed by the Qt version: a state saved by another Qt may not restore cleanly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, qVersion

from lawtracker import paths
from lawtracker.domain.catalog import MeasureFilter, SortColumn
from lawtracker.domain.enums import Instrument, ReviewStatus
from lawtracker.private_files import create_private_file, make_private, private_dir

log = logging.getLogger(__name__)

SETTINGS_FILE_NAME = "settings.ini"
DEFAULT_DUE_DAYS = 30
#: Daily backups kept beside the store (``[backups] keep=`` in settings.ini; 0: none).
DEFAULT_BACKUPS_KEPT = 7


def default_settings_path() -> Path:
    return paths.data_dir() / SETTINGS_FILE_NAME


def filter_to_json(flt: MeasureFilter) -> str:
    """The filter as JSON: sets as sorted lists, dates as ISO strings."""
    return json.dumps(
        {
            # null is "international" (a measure without a jurisdiction).
            "jurisdictions": sorted(flt.jurisdictions, key=lambda j: (j is None, j or "")),
            "instruments": sorted(i.value for i in flt.instruments),
            "source_ids": sorted(flt.source_ids),
            "year_from": flt.year_from,
            "year_to": flt.year_to,
            "since": flt.since.isoformat() if flt.since else None,
            "until": flt.until.isoformat() if flt.until else None,
            "query": flt.query,
            "as_of": flt.as_of.isoformat() if flt.as_of else None,
            "review_statuses": sorted(s.value for s in flt.review_statuses),
            "tags": sorted(flt.tags),
            "annotated": flt.annotated,
            "follow_up_by": flt.follow_up_by.isoformat() if flt.follow_up_by else None,
        }
    )


def filter_from_json(text: str) -> MeasureFilter:
    """Read :func:`filter_to_json`'s output; anything unreadable gives the empty filter."""
    try:
        data = json.loads(text)

        def day(key: str) -> dt.date | None:
            return dt.date.fromisoformat(data[key]) if data.get(key) else None

        return MeasureFilter(
            jurisdictions=frozenset(
                None if j is None else str(j) for j in data.get("jurisdictions", [])
            ),
            instruments=frozenset(Instrument(i) for i in data.get("instruments", [])),
            source_ids=frozenset(int(i) for i in data.get("source_ids", [])),
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            since=day("since"),
            until=day("until"),
            query=str(data.get("query") or ""),
            as_of=day("as_of"),
            review_statuses=frozenset(ReviewStatus(s) for s in data.get("review_statuses", [])),
            tags=frozenset(str(t) for t in data.get("tags", [])),
            annotated=data.get("annotated") if data.get("annotated") in (True, False) else None,
            follow_up_by=day("follow_up_by"),
        )
    except (ValueError, TypeError, AttributeError, KeyError) as exc:
        # Not the text: a saved filter holds the user's last search.
        log.warning("ignoring an unreadable saved filter (%s)", type(exc).__name__)
        return MeasureFilter()


@dataclasses.dataclass
class ViewState:
    """What the user arranged, besides Qt's own opaque states."""

    filter: MeasureFilter = dataclasses.field(default_factory=MeasureFilter)
    sort: SortColumn = SortColumn.TITLE
    descending: bool = False
    list_visible: bool = True
    timeline_visible: bool = True
    lane_mode: str = "jurisdiction"
    due_days: int = DEFAULT_DUE_DAYS
    last_import_dir: str = ""


class WindowSettings:
    """Typed access to the window's settings file.

    Args:
        path: the INI file; ``None`` means ``settings.ini`` in ``paths.data_dir()``.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_settings_path()
        try:
            private_dir(self.path.parent, claim=False)
            # It holds the last search and folders: owner-only, and Qt keeps the mode
            # of an existing file when it rewrites it.
            create_private_file(self.path)
        except OSError as exc:
            log.warning("cannot create %s: %s; settings will not persist", self.path.parent, exc)
        self._qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    # -- opaque Qt states ------------------------------------------------------------------

    def qt_state(self, name: str, *, per_qt_version: bool = False) -> QByteArray | None:
        """A ``saveState()``/``saveGeometry()`` blob saved under ``name``, if any."""
        value = self._qsettings.value(self._state_key(name, per_qt_version))
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_qt_state(self, name: str, value: QByteArray, *, per_qt_version: bool = False) -> None:
        self._qsettings.setValue(self._state_key(name, per_qt_version), value)

    @staticmethod
    def _state_key(name: str, per_qt_version: bool) -> str:
        return f"state/{name}-qt{qVersion()}" if per_qt_version else f"state/{name}"

    # -- the typed part ------------------------------------------------------------------

    def view_state(self) -> ViewState:
        state = ViewState()
        state.filter = filter_from_json(self._str("view/filter", filter_to_json(state.filter)))
        try:
            state.sort = SortColumn(self._str("view/sort", state.sort.value))
        except ValueError:
            state.sort = SortColumn.TITLE
        state.descending = self._bool("view/descending", state.descending)
        state.list_visible = self._bool("view/list_visible", state.list_visible)
        state.timeline_visible = self._bool("view/timeline_visible", state.timeline_visible)
        if not (state.list_visible or state.timeline_visible):
            state.list_visible = True
        lane_mode = self._str("view/lane_mode", state.lane_mode)
        state.lane_mode = lane_mode if lane_mode in ("jurisdiction", "measure") else "jurisdiction"
        state.due_days = self._int("view/due_days", state.due_days)
        state.last_import_dir = self._str("import/last_dir", "")
        return state

    def set_view_state(self, state: ViewState) -> None:
        values: dict[str, Any] = {
            "view/filter": filter_to_json(state.filter),
            "view/sort": state.sort.value,
            "view/descending": state.descending,
            "view/list_visible": state.list_visible,
            "view/timeline_visible": state.timeline_visible,
            "view/lane_mode": state.lane_mode,
            "view/due_days": state.due_days,
            "import/last_dir": state.last_import_dir,
        }
        for key, value in values.items():
            self._qsettings.setValue(key, value)

    # -- who saves annotations ------------------------------------------------------------

    def author(self) -> str:
        """The name annotations are saved under; empty means the OS user name."""
        return self._str("annotations/author", "").strip()

    def set_author(self, name: str) -> None:
        self._qsettings.setValue("annotations/author", " ".join(name.split()))

    # -- backups ---------------------------------------------------------------------------

    def backups_kept(self) -> int:
        """How many daily backups to keep: a user with a big store may want fewer."""
        return max(0, min(self._int("backups/keep", DEFAULT_BACKUPS_KEPT), 366))

    def set_backups_kept(self, count: int) -> None:
        self._qsettings.setValue("backups/keep", max(0, count))

    def sync(self) -> None:
        self._qsettings.sync()
        make_private(self.path)
        if self._qsettings.status() != QSettings.Status.NoError:
            log.warning("could not write the settings file %s", self.path)

    # -- INI values come back as strings: read them defensively ---------------------------

    def _str(self, key: str, default: str) -> str:
        value = self._qsettings.value(key, default)
        return value if isinstance(value, str) else default

    def _bool(self, key: str, default: bool) -> bool:
        value = self._qsettings.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    def _int(self, key: str, default: int) -> int:
        try:
            return int(self._qsettings.value(key, default))
        except (TypeError, ValueError):
            return default
