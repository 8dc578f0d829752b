"""Build the bundle and the installers; ``packaging/build TARGET`` runs this in the build venv.

Every step is a function so tests and ``bench/package.py`` can reuse them. The
version comes from ``lawtracker/__init__.py`` and nowhere else.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
BUILD = ROOT / "build"
DIST = ROOT / "dist"
BUNDLE_PARENT = BUILD / "bundle"
APP_ID = "org.lawtracker.LawTracker"
INSTALL_PREFIX = "/opt/lawtracker"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

#: System libraries the bundle loads but does not carry (PLATFORM-NOTES.md, "Packaging"):
#: OpenGL/EGL, X11/xcb for a window, D-Bus, fontconfig, GLib, xkbcommon, a font; and
#: Tesseract with the languages lawtracker reads, for scanned PDFs and images (OCR).
DEB_DEPENDS = (
    "libc6",
    "libgl1",
    "libegl1",
    "libx11-6",
    "libx11-xcb1",
    "libdbus-1-3",
    "libfontconfig1",
    "libfreetype6",
    "libglib2.0-0",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
    "libxcb-render-util0",
    "libxcb-image0",
    "fonts-dejavu-core | fonts-liberation2 | fonts-freefont-ttf",
    "tesseract-ocr",
    "tesseract-ocr-eng",
    "tesseract-ocr-rus",
    "tesseract-ocr-aze",
    "tesseract-ocr-kaz",
    "tesseract-ocr-uzb",
)


def project_version() -> str:
    """``__version__`` from lawtracker/__init__.py, parsed rather than imported."""
    tree = ast.parse((ROOT / "lawtracker" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__version__":
            return str(ast.literal_eval(node.value))
    raise SystemExit("no __version__ in lawtracker/__init__.py")


def say(text: str) -> None:
    print(f"[package] {text}", flush=True)


def bundle_dir() -> Path:
    return BUNDLE_PARENT / "lawtracker"


def build_bundle() -> Path:
    """Run PyInstaller on packaging/lawtracker.spec; the one-folder bundle's path."""
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            f"--distpath={BUNDLE_PARENT}",
            f"--workpath={BUILD / 'pyinstaller'}",
            str(PACKAGING / "lawtracker.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    say(
        f"bundle {bundle_dir()} ({dir_size(bundle_dir()) / 1e6:.1f} MB) in "
        f"{time.monotonic() - started:.0f} s"
    )
    return bundle_dir()


def dir_size(folder: Path) -> int:
    """Bytes of every file below ``folder`` (links not followed)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def deb_architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], check=True, capture_output=True, text=True
    ).stdout.strip()


def _copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, symlinks=True)
    for path in [target, *target.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            executable = path.stat().st_mode & 0o111
            path.chmod(0o755 if executable else 0o644)


def _install_desktop_files(root: Path, *, exec_path: str) -> None:
    """Desktop entry, AppStream metadata and the icon theme PNGs below ``root``/usr/share."""
    share = root / "usr" / "share"
    desktop = (PACKAGING / "linux" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    (share / "applications").mkdir(parents=True)
    (share / "applications" / f"{APP_ID}.desktop").write_text(
        desktop.replace("@EXEC@", exec_path), encoding="utf-8"
    )
    (share / "metainfo").mkdir(parents=True)
    metainfo = (PACKAGING / "linux" / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    (share / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(
        metainfo.replace("@VERSION@", project_version()), encoding="utf-8"
    )
    icons = PACKAGING / "icons"
    for size in ICON_SIZES:
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copyfile(icons / f"lawtracker-{size}.png", folder / f"{APP_ID}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copyfile(icons / "lawtracker.svg", scalable / f"{APP_ID}.svg")
    for path in share.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)


def build_deb(bundle: Path, *, version: str | None = None, compression: str = "xz") -> Path:
    """The .deb: the bundle under /opt/lawtracker, /usr/bin/lawtracker, menu entry, icons."""
    version = version or project_version()
    arch = deb_architecture()
    stage = BUILD / "deb" / "root"
    shutil.rmtree(stage.parent, ignore_errors=True)
    _copy_tree(bundle, stage / INSTALL_PREFIX.lstrip("/"))
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / "lawtracker").symlink_to(f"{INSTALL_PREFIX}/lawtracker")
    _install_desktop_files(stage, exec_path="lawtracker")
    control_dir = stage / "DEBIAN"
    control_dir.mkdir()
    installed_kb = dir_size(stage) // 1024
    control = (PACKAGING / "linux" / "control.in").read_text(encoding="utf-8")
    control = (
        control.replace("@VERSION@", version)
        .replace("@ARCH@", arch)
        .replace("@SIZE@", str(installed_kb))
        .replace("@DEPENDS@", ", ".join(DEB_DEPENDS))
    )
    (control_dir / "control").write_text(control, encoding="utf-8")
    for script in ("postinst", "postrm"):
        target = control_dir / script
        shutil.copyfile(PACKAGING / "linux" / script, target)
        target.chmod(0o755)
    for path in [stage, *stage.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    DIST.mkdir(exist_ok=True)
    deb = DIST / f"lawtracker_{version}_{arch}.deb"
    deb.unlink(missing_ok=True)
    subprocess.run(
        ["dpkg-deb", "--build", "--root-owner-group", f"-Z{compression}", str(stage), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(stage.parent, ignore_errors=True)
    say(f"deb {deb} ({deb.stat().st_size / 1e6:.1f} MB)")
    return deb


def build_tarball(bundle: Path) -> Path:
    """A portable .tar.gz: unpack anywhere, run ``lawtracker/lawtracker``."""
    version = project_version()
    machine = os.uname().machine
    DIST.mkdir(exist_ok=True)
    tarball = DIST / f"lawtracker-{version}-linux-{machine}.tar.gz"
    top = f"lawtracker-{version}"
    extras = {
        "lawtracker.svg": PACKAGING / "icons" / "lawtracker.svg",
        "lawtracker.png": PACKAGING / "icons" / "lawtracker-256.png",
        "INSTALL.md": ROOT / "docs" / "INSTALL.md",
    }
    with tarfile.open(tarball, "w:gz", compresslevel=6) as archive:
        archive.add(bundle, arcname=top)
        for name, source in extras.items():
            if source.exists():
                archive.add(source, arcname=f"{top}/{name}")
    say(f"tarball {tarball} ({tarball.stat().st_size / 1e6:.1f} MB)")
    return tarball


def build_macos(bundle_parent: Path) -> Path:
    """A .dmg around lawtracker.app (the spec's BUNDLE step made it); macOS only."""
    app = bundle_parent / "lawtracker.app"
    DIST.mkdir(exist_ok=True)
    dmg = DIST / f"lawtracker-{project_version()}-macos.dmg"
    dmg.unlink(missing_ok=True)
    stage = BUILD / "dmg"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    subprocess.run(["ditto", str(app), str(stage / "lawtracker.app")], check=True)
    (stage / "Applications").symlink_to("/Applications")
    subprocess.run(
        [
            "hdiutil",
            "create",
            "-volname",
            "lawtracker",
            "-srcfolder",
            str(stage),
            "-ov",
            "-format",
            "UDZO",
            str(dmg),
        ],
        check=True,
    )
    say(f"dmg {dmg} ({dmg.stat().st_size / 1e6:.1f} MB)")
    return dmg


def build_windows(bundle: Path) -> Path:
    """The Inno Setup installer (needs ISCC.exe on PATH or in its default folder)."""
    iscc = shutil.which("iscc") or r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe"
    DIST.mkdir(exist_ok=True)
    subprocess.run(
        [
            iscc,
            f"/DAppVersion={project_version()}",
            f"/DBundleDir={bundle}",
            f"/DOutputDir={DIST}",
            f"/DRepoRoot={ROOT}",
            str(PACKAGING / "windows" / "lawtracker.iss"),
        ],
        check=True,
    )
    setup = DIST / f"lawtracker-{project_version()}-setup.exe"
    say(f"installer {setup}")
    return setup


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="packaging/build")
    parser.add_argument("target", choices=("linux", "windows", "macos", "bundle", "icons"))
    args = parser.parse_args(argv)
    if args.target == "icons":
        subprocess.run([sys.executable, str(PACKAGING / "make_icons.py")], check=True)
        return 0
    bundle = build_bundle()
    if args.target == "linux":
        build_deb(bundle)
        build_tarball(bundle)
    elif args.target == "windows":
        build_windows(bundle)
    elif args.target == "macos":
        build_macos(BUNDLE_PARENT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
