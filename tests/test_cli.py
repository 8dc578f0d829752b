"""The command line, run in-process and as a real subprocess, on real files."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lawtracker.__main__ import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cli.sqlite3")


def test_ingest_list_show(capsys, db: str, seeds_dir: Path) -> None:
    code, out, _ = run(capsys, "--db", db, "ingest", str(seeds_dir))
    assert code == 0
    assert out.count("added") >= 5
    assert "5 files" in out

    code, out, _ = run(capsys, "--db", db, "list", "--jurisdiction", "kz")
    assert code == 0
    keys = [line.split("\t")[0] for line in out.splitlines()]
    assert keys and all(key.startswith("kz/") for key in keys)

    code, out, _ = run(capsys, "--db", db, "list", "--instrument", "decree", "--sort", "signed")
    keys = [line.split("\t")[0] for line in out.splitlines()]
    assert keys == ["az/decree/1905", "az/decree/1913"]

    code, out, _ = run(capsys, "--db", db, "list", "--query", "tobacco")
    assert [line.split("\t")[0] for line in out.splitlines()] == ["az/law/622-viqd"]

    code, out, _ = run(capsys, "--db", db, "list", "--since", "2025-01-01", "--until", "2025-12-31")
    assert "az/decree/1913" not in out and "kz/amnesty_act/2025-06-23" in out

    code, out, _ = run(capsys, "--db", db, "show", "az/decree/1913")
    assert code == 0
    assert "2022-12-20" in out and "2026-01-01" in out and "derived" in out


def test_show_unknown_key_is_a_clear_error(capsys, db: str) -> None:
    code, _, err = run(capsys, "--db", db, "show", "xx/law/none")
    assert code == 2
    assert "no measure with key" in err and "Traceback" not in err


def test_export_json_and_csv(capsys, db: str, seeds_dir: Path, tmp_path: Path) -> None:
    run(capsys, "--db", db, "ingest", str(seeds_dir))
    target = tmp_path / "out.json"
    code, _, _ = run(capsys, "--db", db, "export", "--format", "json", "--out", str(target))
    assert code == 0
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["schema"] == "lawtracker.export/1"
    assert {s["file"] for s in document["sources"]} == {p.name for p in seeds_dir.glob("*.txt")}
    numbers = {m["number"] for m in document["measures"]}
    assert {"619-VIQD", "620-VIQD", "1913", "1905"} <= numbers
    code, out, _ = run(capsys, "--db", db, "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(document["measures"])
    decree = next(r for r in rows if r["key"] == "az/decree/1913")
    assert decree["signed"] == "2022-12-20" and decree["in_force"] == "2023-01-01"


def test_ingest_reports_bad_file_and_exits_1(capsys, db: str, tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    code, out, err = run(capsys, "--db", db, "ingest", str(bad), str(tmp_path / "missing.txt"))
    assert code == 1
    assert "empty.txt: the file is empty" in out
    assert "missing.txt: no such file or folder" in out
    assert "Traceback" not in out + err


def test_ingest_of_a_file_without_measures_keeps_it_and_exits_0(
    capsys, db: str, tmp_path: Path
) -> None:
    doc = tmp_path / "minutes.txt"
    doc.write_text("Minutes of the lunch meeting. We ate soup.\n", encoding="utf-8")
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")

    code, out, _ = run(capsys, "--db", db, "ingest", str(doc))
    assert code == 0
    assert "kept  minutes.txt: kept, no measure found: review it" in out
    assert "1 kept" in out

    code, out, _ = run(capsys, "--db", db, "ingest", str(doc.with_name("m2.txt")), str(bad))
    assert code == 1  # a real failure still fails the run


def test_list_and_show_name_international_bodies_and_yearless_dates(
    capsys, db: str, seeds_dir: Path
) -> None:
    from lawtracker.storage.db import make_engine
    from lawtracker.storage.migrate import upgrade_to_head
    from tests.storage.draft_samples import LAW_KEY, PACE_KEY, pace_source, store

    run(capsys, "--db", db, "ingest", str(seeds_dir / "002_5dfe202e0503871d.txt"))
    engine = make_engine(db)
    upgrade_to_head(engine)
    store(engine, pace_source())
    engine.dispose()

    code, out, _ = run(capsys, "--db", db, "list", "--jurisdiction", "international")
    assert code == 0
    listed = [line.split("\t")[:2] for line in out.splitlines()]
    assert [PACE_KEY, "International"] in listed
    assert {where for _, where in listed} == {"International"}
    code, out, _ = run(capsys, "--db", db, "list")
    assert f"{LAW_KEY}\tAZ\t" in out

    code, out, _ = run(capsys, "--db", db, "show", PACE_KEY)
    assert code == 0
    assert "jurisdiction: International" in out
    assert "role: primary   confidence: 0.45   low confidence: check against the source" in out
    code, out, _ = run(capsys, "--db", db, "show", LAW_KEY)
    assert "--05-25 (year not stated)" in out and "0004" not in out
    assert "role: referenced" in out


def test_console_entry_point_runs_as_a_subprocess(tmp_path: Path, seeds_dir: Path) -> None:
    env = {**os.environ, "LAWTRACKER_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "lawtracker",
            "--db",
            str(tmp_path / "p.sqlite3"),
            "ingest",
            str(seeds_dir / "000_f55403e203a6c89f.txt"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "added" in done.stdout and "news" in done.stdout
