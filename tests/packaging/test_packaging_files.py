"""The packaging sources, checked without building: filters, icons, metadata, version."""

from __future__ import annotations

import configparser
import re
import struct
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lawtracker import __version__

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
sys.path.insert(0, str(PACKAGING))

import builder  # noqa: E402
import bundle_filter  # noqa: E402


def test_version_has_one_source() -> None:
    """The builder, pyproject.toml and the package agree on the version."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert builder.project_version() == __version__ == pyproject["project"]["version"]


def test_the_bundle_keeps_every_qt_module_the_source_imports() -> None:
    used = set()
    for file in (REPO / "lawtracker").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.(Qt\w+)", file.read_text(encoding="utf-8")))
    assert used, "expected lawtracker to import some Qt modules"
    excluded = {m.removeprefix("PySide6.") for m in bundle_filter.EXCLUDED_MODULES}
    assert not used & excluded, f"the bundle would lack {sorted(used & excluded)}"


def test_test_only_packages_stay_out_of_the_app_and_the_bundle() -> None:
    """python-docx (and lxml under it) only write test files: not a runtime dependency,
    never imported by lawtracker, and excluded should a build environment have them."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = " ".join(project["dependencies"]).lower()
    assert "python-docx" not in runtime and "lxml" not in runtime
    assert any(d.startswith("python-docx") for d in project["optional-dependencies"]["test"])
    for file in (REPO / "lawtracker").rglob("*.py"):
        source = file.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(?:import|from) (?:docx|lxml)\b", source, re.M), file
    assert {"docx", "lxml"} <= set(bundle_filter.EXCLUDED_MODULES)


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6DBus.so.6", True),  # the xcb platform plugin links it
        ("PySide6/Qt/lib/libicui18n.so.73", True),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6/Qt/lib/libQt6Network.so.6", False),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", False),
        ("PySide6\\Qt6Qml.dll", False),
        ("PySide6\\Qt6Gui.dll", True),
        ("PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick", False),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/platforms/libqminimalegl.so", False),
        ("PySide6/Qt/lib/libQt6WaylandClient.so.6", False),
        ("PySide6/Qt/plugins/generic/libqtuiotouchplugin.so", False),
        ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", True),
        ("libpython3.11.so.1.0", True),
    ],
)
def test_bundle_filter(name: str, kept: bool) -> None:
    assert bundle_filter.keep_binary(name) is kept


def test_qt_translations_and_qml_are_dropped_but_our_data_is_kept() -> None:
    assert not bundle_filter.keep_data("PySide6/Qt/translations/qtbase_de.qm")
    assert bundle_filter.keep_data("resources/icons/lawtracker.png")
    assert bundle_filter.keep_data("lawtracker/storage/migrations/versions/0001_core.py")
    # PyInstaller's top-level link to a dropped library would dangle.
    assert not bundle_filter.keep_data("libQt6Svg.so.6")
    assert bundle_filter.keep_data("libQt6Core.so.6")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_icon_pngs_have_their_named_sizes() -> None:
    for size in builder.ICON_SIZES:
        png = (PACKAGING / "icons" / f"lawtracker-{size}.png").read_bytes()
        assert _png_size(png) == (size, size)
    assert (REPO / "resources" / "icons" / "lawtracker.png").read_bytes() == (
        PACKAGING / "icons" / "lawtracker-256.png"
    ).read_bytes()


def test_ico_container_indexes_its_png_images() -> None:
    data = (PACKAGING / "icons" / "lawtracker.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1) and count >= 4
    sizes = set()
    for i in range(count):
        w, h, _, _, planes, bpp, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        png = data[offset : offset + length]
        assert _png_size(png) == (w or 256, h or 256)
        assert (planes, bpp) == (1, 32)
        sizes.add(w or 256)
    assert {16, 32, 48, 256} <= sizes


def test_icns_container_holds_png_elements() -> None:
    data = (PACKAGING / "icons" / "lawtracker.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    offset, seen = 8, {}
    while offset < len(data):
        kind, length = (
            data[offset : offset + 4],
            struct.unpack(">I", data[offset + 4 : offset + 8])[0],
        )
        seen[kind] = _png_size(data[offset + 8 : offset + length])[0]
        offset += length
    assert offset == len(data)
    assert seen[b"ic07"] == 128 and seen[b"ic10"] == 1024 and seen[b"icp4"] == 16


def test_desktop_entry_and_appstream_metadata_agree() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "linux" / f"{builder.APP_ID}.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Icon"] == builder.APP_ID
    assert section["Exec"].startswith("@EXEC@")
    assert section["Categories"].endswith(";")
    metainfo = ET.parse(PACKAGING / "linux" / f"{builder.APP_ID}.metainfo.xml").getroot()
    assert metainfo.findtext("id") == builder.APP_ID
    assert metainfo.findtext("launchable") == f"{builder.APP_ID}.desktop"


def test_deb_control_template_has_every_field_filled_by_the_builder() -> None:
    template = (PACKAGING / "linux" / "control.in").read_text(encoding="utf-8")
    placeholders = set(re.findall(r"@(\w+)@", template))
    assert placeholders == {"VERSION", "ARCH", "SIZE", "DEPENDS"}
    for lib in ("libgl1", "libegl1", "libxcb-cursor0", "libxkbcommon-x11-0", "libfontconfig1"):
        assert lib in builder.DEB_DEPENDS


def test_libraries_only_a_dropped_plugin_needed_are_pruned() -> None:
    links = {
        "/src/libqxcb.so": {"libQt6Gui.so.6", "libxcb1.so.1"},
        "/src/libxcb1.so.1": set(),
        "/src/libcairo.so.2": {"libpixman-1.so.0"},  # the GTK theme's, plugin gone
        "/src/libpixman-1.so.0": set(),
        "/src/libpython3.11.so.1.0": set(),  # the bootloader's: never pruned
    }
    binaries = [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("libxcb1.so.1", "/src/libxcb1.so.1", "BINARY"),
        ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),
        ("libpixman-1.so.0", "/src/libpixman-1.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
    ]
    kept = bundle_filter.prune_unneeded(binaries, lambda source: links[source])
    assert [dest for dest, _, _ in kept] == [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "libxcb1.so.1",
        "libpython3.11.so.1.0",
    ]


def test_qt_libraries_nothing_links_are_pruned_with_their_links() -> None:
    links = {
        "/src/QtGui.abi3.so": {"libQt6Gui.so.6"},
        "/src/libQt6Gui.so.6": set(),
        "/src/libQt6OpenGL.so.6": {"libQt6Gui.so.6"},  # PyInstaller's hook brings it
        "/src/libqxcb.so": {"libQt6XcbQpa.so.6"},
        "/src/libQt6XcbQpa.so.6": {"libQt6Gui.so.6"},
    }
    binaries = [
        ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6OpenGL.so.6", "/src/libQt6OpenGL.so.6", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6", "BINARY"),
    ]
    kept = bundle_filter.prune_unneeded(binaries, lambda source: links[source])
    assert "PySide6/Qt/lib/libQt6OpenGL.so.6" not in {dest for dest, _, _ in kept}
    assert len(kept) == 4  # the plugin and what it links stay
    datas = [
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libQt6OpenGL.so.6", "PySide6/Qt/lib/libQt6OpenGL.so.6", "SYMLINK"),
        ("resources/icons/lawtracker.png", "/src/lawtracker.png", "DATA"),
    ]
    assert [dest for dest, _, _ in bundle_filter.without_dangling_links(datas, kept)] == [
        "libQt6Gui.so.6",
        "resources/icons/lawtracker.png",
    ]


def test_the_source_needs_no_openssl_from_python() -> None:
    """The bundle leaves out ssl and _hashlib (bundle_filter.EXCLUDED_MODULES): Python's
    TLS and the OpenSSL-only hashing functions would fail in the frozen app."""
    assert {"ssl", "_ssl", "_hashlib"} <= set(bundle_filter.EXCLUDED_MODULES)
    openssl_only = re.compile(
        r"^\s*(?:import|from) (?:ssl|_ssl|_hashlib)\b"
        r"|\b(?:pbkdf2_hmac|scrypt|ripemd160|sha512_256)\b"
        r"|\bhashlib\.new\(",
        re.M,
    )
    for file in (REPO / "lawtracker").rglob("*.py"):
        found = openssl_only.search(file.read_text(encoding="utf-8"))
        assert found is None, (
            f"{file.relative_to(REPO)} uses {found[0].strip()!r}, which needs OpenSSL: "
            "take ssl/_hashlib out of packaging/bundle_filter.py's EXCLUDED_MODULES"
        )


def test_every_data_file_of_the_package_is_declared_and_so_bundled() -> None:
    """The spec bundles pyproject.toml's package-data; a data file left out of it would be
    missing from the frozen app (grammar.toml once was: every import failed there)."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["lawtracker"]
    package = REPO / "lawtracker"
    declared = {file for pattern in patterns for file in package.glob(pattern)}
    data = {
        file
        for file in package.rglob("*")
        if file.is_file() and file.suffix not in (".py", ".pyc") and "__pycache__" not in file.parts
    }
    assert data <= declared, sorted(str(f.relative_to(REPO)) for f in data - declared)
    assert (package / "ingestion" / "mentions" / "grammar.toml") in declared
