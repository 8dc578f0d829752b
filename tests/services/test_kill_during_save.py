"""``kill -9`` in the middle of saving annotations loses nothing that was confirmed.

A real child process saves annotations in a loop through the service and
prints each id once ``create``/``update`` has returned; it is killed with
SIGKILL while it works. The file must then pass ``PRAGMA integrity_check``
and hold every confirmed save.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from lawtracker.storage.db import make_engine
from lawtracker.storage.migrate import upgrade_to_head

CHILD = """
import sys
from lawtracker.services.annotations import AnnotationInput, Annotations
from lawtracker.storage.db import make_engine

notes = Annotations(make_engine(sys.argv[1]), author="worker")
print("ready", flush=True)
n = 0
while True:
    n += 1
    saved = notes.create("az/decree/1913", AnnotationInput(note=f"note {n}", tags=(f"t{n % 7}",)))
    saved = notes.update(saved.id, AnnotationInput(note=f"note {n} edited"), expected_version=1)
    print(saved.id, saved.version, flush=True)
"""

CONFIRMED_BEFORE_KILL = 40


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("delay", [0.0, 0.003])
def test_sigkill_mid_save_keeps_every_confirmed_save(seeded_db: Path, delay: float) -> None:
    engine = make_engine(seeded_db)
    upgrade_to_head(engine)  # already at head: no child ever migrates
    engine.dispose()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(seeded_db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    confirmed: dict[int, int] = {}
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", (
            child.stderr.read() if child.stderr else ""
        )
        while len(confirmed) < CONFIRMED_BEFORE_KILL:
            line = child.stdout.readline()
            assert line, f"child died: {child.stderr.read() if child.stderr else ''}"
            annotation_id, version = map(int, line.split())
            confirmed[annotation_id] = version
        time.sleep(delay)  # land somewhere inside the next save
        child.send_signal(signal.SIGKILL)
        # Lines printed before the kill landed are confirmed saves too.
        for line in child.stdout.read().splitlines():
            if line.strip():
                annotation_id, version = map(int, line.split())
                confirmed[annotation_id] = version
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
        if child.stdout:
            child.stdout.close()
        if child.stderr:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    with closing(sqlite3.connect(seeded_db)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = dict(
            connection.execute(
                "SELECT id, version FROM annotation WHERE measure_key = 'az/decree/1913'"
            ).fetchall()
        )
        versions = connection.execute(
            "SELECT annotation_id, count(*) FROM annotation_version GROUP BY annotation_id"
        ).fetchall()
    missing = {i: v for i, v in confirmed.items() if stored.get(i, 0) < v}
    assert not missing, f"confirmed saves lost: {missing}"
    assert len(confirmed) >= CONFIRMED_BEFORE_KILL
    # Every stored annotation has exactly as many history rows as its version says.
    assert {i: n for i, n in versions} == stored
