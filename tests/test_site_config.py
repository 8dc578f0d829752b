"""lawtracker.toml: the administrator's file that points every user at one database."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from lawtracker import paths, site_config
from lawtracker.errors import UserFacingError

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _no_machine_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _private_data_dir: Path
) -> Iterator[None]:
    """Never read this machine's /etc/lawtracker, nor a data dir another test chose."""
    monkeypatch.setattr(site_config, "machine_config_path", lambda: tmp_path / "etc" / "x.toml")
    monkeypatch.delenv(site_config.CONFIG_ENV, raising=False)
    paths.set_data_dir(_private_data_dir)
    yield
    paths.set_data_dir(None)


def test_no_file_means_no_setting(_private_data_dir: Path) -> None:
    assert site_config.load() == site_config.SiteConfig()


def test_user_file_beats_machine_file(
    _private_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    machine = tmp_path / "etc" / "lawtracker.toml"
    machine.parent.mkdir()
    machine.write_text('database_url = "postgresql+psycopg://db/firm"\n', encoding="utf-8")
    monkeypatch.setattr(site_config, "machine_config_path", lambda: machine)
    assert site_config.load().database_url == "postgresql+psycopg://db/firm"
    assert site_config.load().source == machine

    _private_data_dir.mkdir(parents=True)
    user = _private_data_dir / "lawtracker.toml"
    user.write_text('database_url = "/srv/mine.sqlite3"\n', encoding="utf-8")
    assert site_config.load() == site_config.SiteConfig("/srv/mine.sqlite3", user)


def test_env_variable_names_the_only_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(site_config.CONFIG_ENV, str(tmp_path / "missing.toml"))
    assert site_config.load().database_url is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("database_url = ", "Cannot read the settings file"),
        ('databse_url = "x"\n', "unknown keys: databse_url"),
        ("database_url = 3\n", "must be a non-empty string"),
        ('database_url = " "\n', "must be a non-empty string"),
    ],
)
def test_broken_file_is_a_clear_error(
    text: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "lawtracker.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv(site_config.CONFIG_ENV, str(path))
    with pytest.raises(UserFacingError, match=message) as info:
        site_config.load()
    assert str(path) in str(info.value)


def _lawtracker(tmp_path: Path, config: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "LAWTRACKER_DATA_DIR": str(tmp_path / "data"),
        site_config.CONFIG_ENV: str(config),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [sys.executable, "-m", "lawtracker", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env=env,
        check=False,
    )


def test_the_command_line_opens_the_configured_database(tmp_path: Path, seeded_db: Path) -> None:
    config = tmp_path / "lawtracker.toml"
    config.write_text(f'database_url = "{seeded_db.as_posix()}"\n', encoding="utf-8")
    listed = _lawtracker(tmp_path, config, "list", "--query", "decree")
    assert listed.returncode == 0, listed.stderr
    assert "1913" in listed.stdout  # the seeded store, not an empty default one
    assert not (tmp_path / "data" / "lawtracker.sqlite3").exists()

    empty = tmp_path / "other.sqlite3"
    overridden = _lawtracker(tmp_path, config, "--db", str(empty), "list")
    assert overridden.returncode == 0, overridden.stderr
    assert overridden.stdout == "" and empty.exists()  # --db beats the file


def test_a_broken_file_stops_the_command_line_with_its_name(tmp_path: Path) -> None:
    config = tmp_path / "lawtracker.toml"
    config.write_text("database_url = [", encoding="utf-8")
    result = _lawtracker(tmp_path, config, "list")
    assert result.returncode == 2
    assert str(config) in result.stderr and "Traceback" not in result.stderr
