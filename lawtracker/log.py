"""Logging: one rotating file in the log directory, warnings on stderr, crash hooks.

Every module logs through ``logging.getLogger(__name__)``, so records are named after
the area they come from (``lawtracker.ingestion.pipeline``...). This module only
decides where records go. It imports no Qt: the GUI passes a callback to
``install_excepthooks`` to show its crash dialog.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from lawtracker import paths
from lawtracker.private_files import make_private, private_dir

LOG_FILE_NAME = "lawtracker.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FILE_FORMAT = "%(asctime)s %(levelname)-8s %(name)s [%(threadName)s] %(message)s"
STDERR_FORMAT = "lawtracker: %(levelname)s: %(name)s: %(message)s"

#: Receives the exception and its formatted traceback. It may be called from any
#: thread: a GUI callback must hand the work to the main thread (a queued signal).
BugCallback = Callable[[BaseException, str], None]

# Handlers we add carry this attribute, so a second setup replaces them instead of
# doubling every line, and never touches handlers that pytest or a host installed.
_OURS = "_lawtracker_handler"

log = logging.getLogger(__name__)
crash_log = logging.getLogger("lawtracker.crash")

# SQLAlchemy's exception text ends with the statement's values on a line of its own
# ("[parameters: ('the document text', ...)]"): a document's or a note's text.
# Engines are built with hide_parameters=True; this is the second line of defence
# for any other engine or library that formats values the same way.
_SQL_PARAMETERS = re.compile(r"\[parameters: [^\n]*")
_HIDDEN = "[parameters hidden]"


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose every file (the current one and each rotation) is 0600."""

    def _open(self):  # type: ignore[no-untyped-def]  (the stdlib's signature)
        stream = super()._open()
        make_private(Path(self.baseFilename))
        return stream


def redact(text: str) -> str:
    """``text`` without SQL statement values (documents and notes never reach a log)."""
    return _SQL_PARAMETERS.sub(_HIDDEN, text)


class RedactingFormatter(logging.Formatter):
    """Formats records, tracebacks included, then removes SQL statement values."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def setup_logging(*, verbose: bool = False, to_file: bool = True) -> Path | None:
    """Send lawtracker's records to a rotating file and warnings to stderr.

    Args:
        verbose: also show INFO on stderr, and keep DEBUG records in the file.
        to_file: add the rotating file handler (1 MB x 5) in ``paths.log_dir()``.

    Returns:
        The log file's path, or ``None`` without a file (``to_file=False``, or the
        directory cannot be written: then a warning says so and stderr still works).

    Calling it again reconfigures (after ``--data-dir`` changed, say) rather than
    adding handlers twice.
    """
    teardown_logging()
    root = logging.getLogger()
    # Third-party libraries stay at WARNING: SQLAlchemy, for one, logs every statement
    # as soon as its logger is enabled for INFO.
    root.setLevel(logging.WARNING)
    logging.getLogger("lawtracker").setLevel(logging.DEBUG if verbose else logging.INFO)

    stderr_handler = logging.StreamHandler(sys.stderr)
    stderr_handler.setLevel(logging.INFO if verbose else logging.WARNING)
    stderr_handler.setFormatter(RedactingFormatter(STDERR_FORMAT))
    _add(root, stderr_handler)

    if not to_file:
        return None
    log_path = paths.log_dir() / LOG_FILE_NAME
    try:
        private_dir(log_path.parent)
        file_handler = PrivateRotatingFileHandler(
            log_path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError as exc:
        log.warning("cannot write the log file %s (%s); logging to stderr only", log_path, exc)
        return None
    file_handler.setLevel(logging.DEBUG)
    file_handler.setFormatter(RedactingFormatter(FILE_FORMAT))
    _add(root, file_handler)
    log.info("logging to %s", log_path)
    return log_path


def teardown_logging() -> None:
    """Remove and close the handlers ``setup_logging`` added (tests, shutdown)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _OURS, False):
            root.removeHandler(handler)
            handler.close()


def _add(logger: logging.Logger, handler: logging.Handler) -> None:
    setattr(handler, _OURS, True)
    logger.addHandler(handler)


def install_excepthooks(on_bug: BugCallback | None) -> None:
    """Log every uncaught exception, on any thread, then call ``on_bug``.

    An exception reaching these hooks is a bug by definition: known failures are
    ``errors.UserFacingError`` and are handled where they happen. ``on_bug`` receives
    the exception and its formatted traceback (for a crash dialog); it may run on a
    worker thread. Ctrl+C keeps Python's default behaviour, and a failing ``on_bug``
    is logged rather than raised.
    """

    def report(exc: BaseException, tb: TracebackType | None, where: str) -> None:
        text = redact("".join(traceback.format_exception(type(exc), exc, tb)))
        crash_log.critical("uncaught exception in %s:\n%s", where, text.rstrip())
        if on_bug is None:
            return
        try:
            on_bug(exc, text)
        except Exception:
            crash_log.exception("the crash handler itself failed")

    def sys_hook(
        exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report(exc, tb, "the main thread")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if issubclass(args.exc_type, SystemExit):
            return  # like threading's default hook: SystemExit just ends the thread
        exc = args.exc_value if args.exc_value is not None else args.exc_type()
        name = args.thread.name if args.thread is not None else "an unknown thread"
        report(exc, args.exc_traceback, f"thread {name!r}")

    sys.excepthook = sys_hook
    threading.excepthook = thread_hook
