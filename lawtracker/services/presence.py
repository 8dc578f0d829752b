"""Who else has a store open: one small owner-only file per lawtracker process.

SQLite lets several processes share a store (WAL, busy timeout), so nothing is
locked out; but a user with two windows on one store should know, and a restore
must not swap the file under another process. Each process that opens a store
writes ``<store>.open-<pid>`` beside it and removes it on exit. A file whose process
is gone (killed, power loss) is ignored and cleaned up by the next reader. One file
per process, not one shared lock file, so that the first process leaving does not
hide the others.
"""

from __future__ import annotations

import contextlib
import logging
import os
from glob import escape as glob_escape
from pathlib import Path

from lawtracker.private_files import FILE_MODE

log = logging.getLogger(__name__)


class StorePresence:
    """This process's mark beside ``store``; :meth:`others` lists the other live ones."""

    def __init__(self, store: Path, *, pid: int | None = None) -> None:
        self.store = store
        self.pid = pid if pid is not None else os.getpid()
        self.path = store.with_name(f"{store.name}.open-{self.pid}")
        self._held = False

    def acquire(self) -> StorePresence:
        """Write the mark (owner-only); a folder that refuses it only loses the notice."""
        try:
            handle = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
            with os.fdopen(handle, "w", encoding="ascii") as out:
                out.write(f"{self.pid}\n")
            with contextlib.suppress(OSError):
                self.path.chmod(FILE_MODE)
            self._held = True
        except OSError as exc:
            log.info("cannot mark %s as open: %s", self.store, exc.strerror or exc)
        return self

    def release(self) -> None:
        if self._held:
            self._held = False
            with contextlib.suppress(OSError):
                self.path.unlink()

    def others(self) -> list[int]:
        """The ids of the other live processes that have the store open, sorted."""
        found: list[int] = []
        pattern = f"{glob_escape(self.store.name)}.open-*"
        for mark in self.store.parent.glob(pattern):
            pid = _pid_of(mark)
            if pid is None or pid == self.pid:
                continue
            if _alive(pid):
                found.append(pid)
            else:
                with contextlib.suppress(OSError):
                    mark.unlink()  # left by a process that was killed
        return sorted(found)


def shared_notice(others: list[int]) -> str:
    """The status-bar sentence for a store other processes have open ('' for none)."""
    if not others:
        return ""
    who = (
        "another lawtracker process"
        if len(others) == 1
        else f"{len(others)} other lawtracker processes"
    )
    return f"This database is also open in {who}; changes are shared, saves wait their turn"


def _pid_of(mark: Path) -> int | None:
    suffix = mark.name.rpartition(".open-")[2]
    return int(suffix) if suffix.isdigit() else None


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, another user's
    except OSError:
        return False
    return True


def _alive_windows(pid: int) -> bool:
    """On Windows ``os.kill(pid, 0)`` would terminate the process: ask the kernel instead."""
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
