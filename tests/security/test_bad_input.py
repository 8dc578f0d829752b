"""Bad input to the command line ends in one line and the documented status, no traceback."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from lawtracker.__main__ import main

from .faults import canary_document
from .test_storage_failures import needs_non_root


@pytest.mark.parametrize("option", ["--query=--", "--jurisdiction=--"])
def test_an_option_given_only_dashes_is_a_usage_error(capsys, seeded_db: Path, option) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--db", str(seeded_db), "list", option])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "needs a value" in err and "Traceback" not in err


def test_a_query_after_a_double_dash_separator_is_not_refused(capsys, seeded_db: Path) -> None:
    assert main(["--db", str(seeded_db), "list", "--query", "tobacco"]) == 0
    assert "622" in capsys.readouterr().out


def test_a_name_too_long_fails_alone(capsys, seeded_db: Path, tmp_path: Path) -> None:
    too_long = tmp_path / ("a" * 300)  # stat() fails with ENAMETOOLONG, as root too
    good = canary_document(tmp_path / "in")
    code = main(["--db", str(seeded_db), "ingest", str(too_long), str(good)])
    out = capsys.readouterr().out
    assert code == 1
    assert "cannot be read (File name too long)" in out
    assert "added  canary.txt" in out and "Traceback" not in out


@needs_non_root
def test_a_path_in_an_unreadable_folder_fails_alone(capsys, seeded_db: Path, tmp_path: Path):
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "doc.txt").write_text("x")
    good = canary_document(tmp_path / "in")
    closed.chmod(0)
    try:
        code = main(["--db", str(seeded_db), "ingest", str(closed / "doc.txt"), str(good)])
    finally:
        closed.chmod(stat.S_IRWXU)
    out = capsys.readouterr().out
    assert code == 1
    assert "Permission denied" in out and "added  canary.txt" in out


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes and SIGPIPE")
@pytest.mark.parametrize("reader", ["head -n 0", "head -n 1"])
def test_list_into_a_closed_pipe_is_quiet(seeded_db: Path, tmp_path: Path, reader: str) -> None:
    """``head -n 0`` closes the pipe before lawtracker has started: a sure SIGPIPE case."""
    command = (
        f"set -o pipefail; {sys.executable} -m lawtracker --data-dir {tmp_path / 'd'} "
        f"--db {seeded_db} list | {reader}"
    )
    result = subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONWARNINGS": ""},
    )
    assert result.stdout.count("\n") == int(reader[-1])
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr
    assert result.returncode in ((141,) if reader == "head -n 0" else (0, 141))
