"""Background work off the GUI thread: one serial worker, results back on the GUI thread.

Jobs run one after another on a single ``QThread`` (two imports never write at
once); their success, failure and progress callbacks always run on the thread
that owns the worker, so they may touch widgets (Anki's ``taskman`` pattern).
"""

from __future__ import annotations

import functools
import itertools
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)

#: Called by a job with whatever it wants to report (``done, total, name`` for imports).
Progress = Callable[..., None]
#: A job: receives a progress callable, returns a result for ``on_success``.
Job = Callable[[Progress], Any]


@dataclass
class _Callbacks:
    on_success: Callable[[Any], None]
    on_failure: Callable[[BaseException, str], None] | None
    on_progress: Progress | None


def _stop_thread(thread: QThread, *_: object) -> None:
    if shiboken6.isValid(thread) and thread.isRunning():
        thread.quit()
        thread.wait()


class _Runner(QObject):
    """Lives on the worker thread and runs each job it is handed."""

    succeeded = Signal(int, object)
    failed = Signal(int, object, str)
    progressed = Signal(int, object)

    @Slot(int, object)
    def run(self, job_id: int, job: Job) -> None:
        def progress(*args: object) -> None:
            self.progressed.emit(job_id, args)

        try:
            result = job(progress)
        except BaseException as exc:  # handed to the GUI thread, which decides
            self.failed.emit(job_id, exc, traceback.format_exc())
            return
        self.succeeded.emit(job_id, result)


class SerialWorker(QObject):
    """Runs jobs one at a time on its own thread; callbacks run on the owner's thread.

    A failure without ``on_failure`` is re-raised on the owner's thread, so a bug
    reaches ``sys.excepthook`` (the crash dialog) instead of vanishing.

    Args:
        name: the thread's name, for the log.
    """

    _submit = Signal(int, object)

    def __init__(self, parent: QObject | None = None, *, name: str = "worker") -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Callbacks] = {}
        self._thread = QThread()
        self._thread.setObjectName(f"lawtracker-{name}")
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._submit.connect(self._runner.run)
        self._runner.succeeded.connect(self._on_succeeded)
        self._runner.failed.connect(self._on_failed)
        self._runner.progressed.connect(self._on_progressed)
        self._thread.start()
        # Stop the thread even if the owner is deleted without shutdown(): Qt aborts
        # the process when a running QThread is destroyed.
        self.destroyed.connect(functools.partial(_stop_thread, self._thread))

    def submit(
        self,
        job: Job,
        *,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException, str], None] | None = None,
        on_progress: Progress | None = None,
    ) -> int:
        """Queue ``job``; returns its id. Jobs run in submission order."""
        if not self._thread.isRunning():
            raise RuntimeError("the worker has been shut down")
        job_id = next(self._ids)
        self._pending[job_id] = _Callbacks(on_success, on_failure, on_progress)
        self._submit.emit(job_id, job)
        return job_id

    def busy(self) -> bool:
        return bool(self._pending)

    def accepting(self) -> bool:
        """False once shut down: late timers of a closing window must not submit."""
        return self._thread.isRunning()

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Finish the running job (callers cancel it first), then stop the thread."""
        self._pending.clear()
        self._thread.quit()
        if not self._thread.wait(timeout_ms):
            log.error("worker thread %s did not stop in time", self._thread.objectName())

    @Slot(int, object)
    def _on_succeeded(self, job_id: int, result: object) -> None:
        callbacks = self._pending.pop(job_id, None)
        if callbacks is not None:
            callbacks.on_success(result)

    @Slot(int, object, str)
    def _on_failed(self, job_id: int, exc: BaseException, text: str) -> None:
        callbacks = self._pending.pop(job_id, None)
        if callbacks is None:
            log.error("a cancelled background job failed:\n%s", text)
            return
        if callbacks.on_failure is None:
            raise exc
        callbacks.on_failure(exc, text)

    @Slot(int, object)
    def _on_progressed(self, job_id: int, args: tuple[object, ...]) -> None:
        callbacks = self._pending.get(job_id)
        if callbacks is not None and callbacks.on_progress is not None:
            callbacks.on_progress(*args)
