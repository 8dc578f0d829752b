"""The store works on PostgreSQL too (``--db postgresql://...``): migrate, ingest, list, search."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawtracker.__main__ import main

pytestmark = pytest.mark.postgres


def test_cli_round_trip_on_postgres(
    postgres_url: str, seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", postgres_url, "ingest", str(seeds_dir)]) == 0
    assert "5 added" in capsys.readouterr().out
    assert main(["--db", postgres_url, "ingest", str(seeds_dir)]) == 0
    assert "5 unchanged" in capsys.readouterr().out
    assert main(["--db", postgres_url, "list", "--instrument", "decree", "--sort", "signed"]) == 0
    keys = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert keys == ["az/decree/1905", "az/decree/1913"]
    assert main(["--db", postgres_url, "list", "--query", "tobacco"]) == 0
    assert "az/law/622-viqd" in capsys.readouterr().out
    assert main(["--db", postgres_url, "show", "az/decree/1913"]) == 0
    assert "2026-01-01" in capsys.readouterr().out
