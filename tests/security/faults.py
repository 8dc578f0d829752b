"""Real SQLite failures on demand, root or not: a full disk, a read-only store, a lock.

``PRAGMA max_page_count`` caps the file at its current size (SQLITE_FULL on the next
new page) and ``PRAGMA query_only`` refuses every write (SQLITE_READONLY): both work
when the tests run as root, where a chmod denies nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine

from lawtracker.log import setup_logging, teardown_logging

CANARY_DOC = "CANARYDOC7f3a"
CANARY_NOTE = "CANARYNOTE91be"

FULL = "PRAGMA max_page_count=1"  # SQLite raises it to the current page count
READ_ONLY = "PRAGMA query_only=ON"


class Fault:
    """A pragma applied to every new connection of ``engine`` while :attr:`on` is set.

    Turning it off disposes the pool, so the next operation gets healthy connections.
    """

    def __init__(self, engine: Engine, pragma: str, *, on: bool = True) -> None:
        self.engine = engine
        self.pragma = pragma
        self.on = False
        event.listen(engine, "connect", self._apply)
        if on:
            self.switch(True)

    def switch(self, on: bool) -> None:
        self.on = on
        self.engine.dispose()

    def _apply(self, dbapi_connection, _record) -> None:
        if self.on:
            dbapi_connection.execute(self.pragma)


def canary_document(folder: Path, name: str = "canary.txt") -> Path:
    """A decree-like document that carries the canary in its title and its text."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    body = (
        f"Decree No. 77 of the President of the Republic of Azerbaijan on {CANARY_DOC} "
        "dated 1 March 2024.\n\n"
        f"The Decree on {CANARY_DOC} enters into force on 1 April 2024. " * 80
    )
    path.write_text(body, encoding="utf-8")
    return path


@contextmanager
def captured_log() -> Iterator[Path]:
    """lawtracker's real rotating log file (in the test's data dir), at DEBUG, closed after."""
    path = setup_logging(verbose=True)
    assert path is not None
    try:
        yield path
    finally:
        teardown_logging()


def assert_no_canary(log_file: Path) -> str:
    """The log's text, after checking neither canary is in it."""
    text = log_file.read_text(encoding="utf-8")
    assert CANARY_DOC not in text, text
    assert CANARY_NOTE not in text, text
    return text
