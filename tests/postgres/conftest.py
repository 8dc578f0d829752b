"""A throwaway PostgreSQL cluster on 127.0.0.1 for the tests that need a server.

It is created in a temporary folder with ``initdb``, started with ``pg_ctl`` on
a free port, and stopped at the end of the session. When the PostgreSQL
server binaries are not installed the tests are skipped with that reason.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def _pg_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres_user(command: list[str]) -> list[str]:
    """initdb refuses to run as root: run the server tools as the postgres user then."""
    if os.geteuid() == 0 and shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    pg_bin = _pg_bin()
    if pg_bin is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    pytest.importorskip("psycopg")
    # Not under pytest's tmp folder: it is private to root, and the server runs as postgres.
    base = Path(tempfile.mkdtemp(prefix="lawtracker-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, user="postgres")
    data = base / "data"
    port = _free_port()

    def run(tool: str, *args: str) -> None:
        subprocess.run(
            _as_postgres_user([str(pg_bin / tool), *args]),
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        )

    run("initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync")
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={base} -c fsync=off"
    )
    run("pg_ctl", "-D", str(data), "-w", "-o", options, "-l", str(base / "log"), "start")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        run("pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)
