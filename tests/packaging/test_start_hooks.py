"""The start-up behaviour the installers rely on, run from source (fast, always on)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.packaging.helpers import database_at_previous_head

REPO = Path(__file__).resolve().parents[2]


def _start(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAWTRACKER_")}
    env.update(QT_QPA_PLATFORM="offscreen", LAWTRACKER_EXIT_AFTER_PAINT="1")
    return subprocess.run(
        [sys.executable, "-m", "lawtracker", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=REPO,
        env=env,
        check=False,
    )


def test_exit_after_paint_reports_the_upgrade_in_the_status_bar(tmp_path: Path) -> None:
    from lawtracker.storage import migrate

    data = tmp_path / "data"
    data.mkdir()
    previous = database_at_previous_head(data / "lawtracker.sqlite3")

    result = _start(data)

    assert result.returncode == 0, result.stdout + result.stderr
    (backup,) = data.glob(f"lawtracker.sqlite3.backup-{previous}-*")
    painted = [line for line in result.stdout.splitlines() if line.startswith("painted: ")]
    assert painted == [painted[0]]
    assert f"Database upgraded; the old file is saved at {backup}" in painted[0]
    with sqlite3.connect(data / "lawtracker.sqlite3") as connection:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert revision == migrate.head_revision()

    again = _start(data)  # at head now: no second backup, no upgrade notice
    assert again.returncode == 0, again.stderr
    assert "Database upgraded" not in again.stdout and "painted: " in again.stdout
    assert len(list(data.glob("lawtracker.sqlite3.backup-*"))) == 1
