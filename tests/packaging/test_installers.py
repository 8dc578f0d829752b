"""Build the Linux installers for real, then run what they install.

Marked ``packaging``: skipped unless ``LAWTRACKER_TEST_PACKAGING=1`` or ``CI=true``
(see conftest.py). The .deb test also needs root and dpkg; it installs the package
on this machine, upgrades it with a newer one and removes it again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "packaging"))

import builder  # noqa: E402

from tests.packaging.helpers import database_at_previous_head  # noqa: E402

pytestmark = [pytest.mark.packaging, pytest.mark.slow, pytest.mark.timeout(1500)]

BUNDLE_BUDGET_MB = 150
DEB_BUDGET_MB = 60
INSTALLED_PATHS = (
    Path(builder.INSTALL_PREFIX),
    Path("/usr/bin/lawtracker"),
    Path(f"/usr/share/applications/{builder.APP_ID}.desktop"),
    Path(f"/usr/share/metainfo/{builder.APP_ID}.metainfo.xml"),
    Path(f"/usr/share/icons/hicolor/256x256/apps/{builder.APP_ID}.png"),
)


@pytest.fixture(scope="module")
def linux_build() -> dict[str, Path]:
    """``packaging/build linux``, run once for the module: bundle, .deb and .tar.gz."""
    result = subprocess.run(
        [str(REPO / "packaging" / "build"), "linux"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    version = builder.project_version()
    return {
        "bundle": builder.bundle_dir(),
        "deb": builder.DIST / f"lawtracker_{version}_{builder.deb_architecture()}.deb",
        "tarball": builder.DIST / f"lawtracker-{version}-linux-{os.uname().machine}.tar.gz",
    }


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAWTRACKER_")}
    return {**env, "QT_QPA_PLATFORM": "offscreen", **extra}


def _run(exe: Path | str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), *args], capture_output=True, text=True, timeout=180, env=_env(**env)
    )


def _self_check_passes(exe: Path | str, data_dir: Path) -> None:
    result = _run(exe, "--self-check", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-check passed" in result.stdout
    assert "Traceback" not in result.stderr and "bug:" not in result.stderr, result.stderr
    # The frozen app logs where paths.log_dir() says, like the source does.
    assert (data_dir / "logs" / "lawtracker.log").is_file()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_sizes_are_within_budget(linux_build: dict[str, Path]) -> None:
    bundle_mb = builder.dir_size(linux_build["bundle"]) / 1e6
    deb_mb = linux_build["deb"].stat().st_size / 1e6
    assert bundle_mb < BUNDLE_BUDGET_MB, f"bundle {bundle_mb:.1f} MB"
    assert deb_mb < DEB_BUDGET_MB, f".deb {deb_mb:.1f} MB"


def test_portable_tarball_runs_its_self_check(linux_build: dict[str, Path], tmp_path: Path) -> None:
    with tarfile.open(linux_build["tarball"]) as archive:
        archive.extractall(tmp_path / "unpacked", filter="tar")
    (top,) = (tmp_path / "unpacked").iterdir()
    assert (top / "_internal" / "resources" / "icons" / "lawtracker.png").is_file()
    assert (top / "_internal" / "seeds").is_dir()
    _self_check_passes(top / "lawtracker", tmp_path / "data")


def test_frozen_cli_ingests_a_pdf_and_a_word_file(
    linux_build: dict[str, Path], tmp_path: Path, qapp
) -> None:
    """The bundled readers work: PDFium's library for the PDF, the stdlib reader for .docx."""
    from tests.ingestion.format_docs import SECOND_UPDATE, write_docx, write_pdf

    internal = linux_build["bundle"] / "_internal"
    assert (internal / "pypdfium2_raw").is_dir()
    for test_only in ("docx", "lxml"):  # python-docx is a test dependency only
        assert not (internal / test_only).exists(), f"{test_only} is in the bundle"
    pdf = write_pdf(tmp_path / "update.pdf")
    docx = write_docx(tmp_path / "memo.docx", SECOND_UPDATE)
    data = str(tmp_path / "data")
    exe = linux_build["bundle"] / "lawtracker"

    ingest = _run(exe, "--data-dir", data, "ingest", str(pdf), str(docx))
    assert ingest.returncode == 0, ingest.stdout + ingest.stderr
    assert "added  update.pdf: " in ingest.stdout and "added  memo.docx: " in ingest.stdout
    assert "Traceback" not in ingest.stderr, ingest.stderr
    listing = _run(exe, "--data-dir", data, "list")
    assert listing.returncode == 0, listing.stdout + listing.stderr
    keys = {line.split("\t")[0] for line in listing.stdout.splitlines()}
    assert {"az/resolution/77", "az/law/345-viiqd"} <= keys, listing.stdout


def _schema_and_revision(path: Path) -> tuple[list[tuple[str, str]], str]:
    with sqlite3.connect(path) as connection:
        schema = connection.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return schema, revision


def test_frozen_app_upgrades_an_older_database_after_a_backup(
    linux_build: dict[str, Path], tmp_path: Path
) -> None:
    from lawtracker.storage import migrate

    db = tmp_path / "data" / "lawtracker.sqlite3"
    db.parent.mkdir()
    previous = database_at_previous_head(db)
    before = _schema_and_revision(db)

    result = _run(
        linux_build["bundle"] / "lawtracker",
        "--data-dir",
        str(tmp_path / "data"),
        LAWTRACKER_EXIT_AFTER_PAINT="1",
    )
    assert result.returncode == 0, result.stdout + result.stderr

    (backup,) = db.parent.glob(f"lawtracker.sqlite3.backup-{previous}-*")
    assert _schema_and_revision(backup) == before  # the old database, as it was
    assert "Database upgraded; the old file is saved at" in result.stdout
    assert str(backup) in result.stdout  # ...and the status bar says where
    with sqlite3.connect(db) as connection:
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    assert revision == migrate.head_revision()


def _dpkg_installed(package: str) -> bool:
    status = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True
    ).stdout
    return status.endswith(" installed")


def _install_declared_dependencies(deb: Path) -> None:
    """What ``apt-get install ./lawtracker.deb`` would pull in: the .deb's ``Depends``.

    ``dpkg -i`` does not resolve dependencies; an IT department's machine has them from
    apt, and this machine may lack the xcb libraries that only a real window needs.
    """
    depends = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Depends"], check=True, capture_output=True, text=True
    ).stdout
    names = [part.split("|")[0].split("(")[0].strip() for part in depends.split(",")]
    missing = [name for name in names if name and not _dpkg_installed(name)]
    if not missing:
        return
    command = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(command, capture_output=True, env=env).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], check=True, capture_output=True, env=env)
        result = subprocess.run(command, capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


def _dpkg_install(deb: Path) -> None:
    result = subprocess.run(["dpkg", "-i", str(deb)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0 or shutil.which("dpkg") is None,
    reason="installing a .deb needs root and dpkg",
)
def test_deb_installs_upgrades_and_removes_cleanly(
    linux_build: dict[str, Path], tmp_path: Path
) -> None:
    if _dpkg_installed("lawtracker") or any(p.exists() or p.is_symlink() for p in INSTALLED_PATHS):
        pytest.skip("lawtracker is already installed on this machine; not touching it")
    data = tmp_path / "data"
    try:
        _install_declared_dependencies(linux_build["deb"])
        _dpkg_install(linux_build["deb"])
        for path in INSTALLED_PATHS:
            assert path.exists(), path
        assert os.readlink("/usr/bin/lawtracker") == f"{builder.INSTALL_PREFIX}/lawtracker"
        _self_check_passes("/usr/bin/lawtracker", tmp_path / "self-check-data")

        # A first real start creates the user's store (seeded) and settings.
        first = _run(
            "/usr/bin/lawtracker", "--data-dir", str(data), LAWTRACKER_EXIT_AFTER_PAINT="1"
        )
        assert first.returncode == 0, first.stdout + first.stderr
        user_db = data / "lawtracker.sqlite3"
        assert user_db.is_file() and (data / "settings.ini").is_file()
        kept = {p: _sha256(p) for p in (user_db, data / "settings.ini")}

        # A newer package installs over the old one and leaves the user's files alone.
        newer = builder.build_deb(
            linux_build["bundle"], version=f"{builder.project_version()}+1", compression="gzip"
        )
        _dpkg_install(newer)
        version = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "lawtracker"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        assert version == f"{builder.project_version()}+1"
        assert {p: _sha256(p) for p in kept} == kept
        again = _run(
            "/usr/bin/lawtracker", "--data-dir", str(data), LAWTRACKER_EXIT_AFTER_PAINT="1"
        )
        assert again.returncode == 0, again.stdout + again.stderr
        assert "painted:" in again.stdout
        newer.unlink()
    finally:
        subprocess.run(["dpkg", "-r", "lawtracker"], capture_output=True)

    assert not _dpkg_installed("lawtracker")
    for path in INSTALLED_PATHS:
        assert not (path.exists() or path.is_symlink()), f"{path} left behind"
    assert (data / "lawtracker.sqlite3").is_file()  # the user's data stays
    subprocess.run(["dpkg", "-P", "lawtracker"], capture_output=True)  # forget it entirely
