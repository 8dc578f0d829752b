"""What the bundle leaves out: Qt modules, libraries and plugins lawtracker never loads.

lawtracker uses QtCore, QtGui and QtWidgets only (tests/packaging checks that
against the source), draws its charts with QPainter and opens no network
connections. Everything here was measured to be unused by the self-check of the
frozen app; the ICU libraries stay (QtCore needs them).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable

#: Python modules PyInstaller must not follow into the bundle.
EXCLUDED_MODULES = [
    "tkinter",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickTest",
    "PySide6.QtSql",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtTest",
    "PySide6.QtUiTools",
    "PySide6.QtSvg",
    "PySide6.QtSvgWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    # Test tools some libraries import optionally; never needed at run time.
    "hypothesis",
    "pytest",
    "_pytest",
    # Test-only: the tests write .docx files with python-docx; the app reads them with
    # the standard library (ingestion/formats/word.py). Together ~10 MB if they got in.
    "docx",
    "lxml",
    # Python's own OpenSSL bindings, with the system's libssl and libcrypto (5.6 MB), a
    # second copy of what psycopg's libpq carries for PostgreSQL's TLS. An offline app
    # needs no TLS from Python (asyncio, http.client and urllib take ssl as optional),
    # and hashlib falls back to the hashes built into libpython (md5, sha1, sha2, sha3,
    # blake2) without _hashlib. Not available then: hashlib.scrypt, a fast pbkdf2_hmac;
    # tests/packaging/test_packaging_files.py fails if lawtracker starts using them.
    "ssl",
    "_ssl",
    "_hashlib",
]

# Qt libraries (any platform's file naming) that only excluded modules or plugins use.
_UNUSED_QT_LIBS = (
    "Qml",
    "Quick",
    "Network",
    "Sql",
    "Pdf",
    "VirtualKeyboard",
    "Designer",
    "Help",
    "Test",
    "UiTools",
    "Svg",
    "PrintSupport",
    "Concurrent",
    "OpenGLWidgets",
    "ShaderTools",
    "WaylandCompositor",
    "LanguageServer",
    # Wayland and EGLFS platform support: only the xcb platform is shipped (XWayland
    # runs it on Wayland desktops).
    "Wayland",
    "WlShell",
    "EglFS",
    "EglFs",
)
_QT_LIB = re.compile(r"(?:^|[/\\])(?:lib)?Qt6?(?P<name>[A-Za-z]+)(?:\.so[.\d]*|\.dll|\.dylib)?$")
_QT_FRAMEWORK = re.compile(r"[/\\]Qt(?P<name>[A-Za-z]+)\.framework[/\\]")

# Plugin folders (below .../PySide6/Qt/plugins/) that serve nothing the app does.
_UNUSED_PLUGIN_DIRS = frozenset(
    {
        "designer",
        "qmltooling",
        "qmllint",
        "qmlls",
        "sqldrivers",
        "tls",
        "networkinformation",
        "egldeviceintegrations",
        "vectorimageformats",
        "wayland-decoration-client",
        "wayland-graphics-integration-client",
        "wayland-graphics-integration-server",
        "wayland-shell-integration",
        "printsupport",
        "position",
        "multimedia",
        "webview",
        "renderers",
        "sceneparsers",
        "geometryloaders",
        "virtualkeyboard",
        "assetimporters",
        "generic",  # evdev/tuio input for embedded devices (tuio needs QtNetwork)
    }
)
# Platform plugins kept: a desktop window on each OS, plus offscreen/minimal for headless runs.
_KEPT_PLATFORMS = ("qxcb", "qoffscreen", "qminimal.", "qwindows", "qcocoa")
# Image formats: PNG is built into QtGui; keep the common raster formats and icons.
_KEPT_IMAGE_FORMATS = ("qjpeg", "qico", "qgif")
_PLUGIN = re.compile(r"[/\\]plugins[/\\](?P<dir>[^/\\]+)[/\\](?P<file>[^/\\]+)$")


def _plugin_kept(folder: str, file: str) -> bool:
    if folder in _UNUSED_PLUGIN_DIRS:
        return False
    if folder == "platforms":
        return any(name in file for name in _KEPT_PLATFORMS)
    if folder == "imageformats":
        return any(name in file for name in _KEPT_IMAGE_FORMATS)
    if folder == "platformthemes":
        # GTK3's theme plugin drags in GTK, cairo and pango; the portal one gives
        # native file dialogs on GNOME and KDE without them.
        return "gtk3" not in file
    # The SVG icon engine needs QtSvg; our icons are PNG.
    return folder != "iconengines"


def keep_binary(dest_name: str) -> bool:
    """Whether a shared library or plugin (its path inside the bundle) is shipped."""
    plugin = _PLUGIN.search(dest_name)
    if plugin and not _plugin_kept(plugin["dir"], plugin["file"]):
        return False
    library = _QT_LIB.search(dest_name) or _QT_FRAMEWORK.search(dest_name)
    return not (library and library["name"].startswith(_UNUSED_QT_LIBS))


def keep_data(dest_name: str) -> bool:
    """Whether a data file is shipped: not Qt translations, QML, or links to dropped libraries."""
    unused = ("/translations/", "\\translations\\", "/qml/", "\\qml\\", "/metatypes/")
    # PyInstaller lists its top-level links to Qt libraries (libQt6Svg.so.6 ->
    # PySide6/Qt/lib/...) among the data: drop them with their targets.
    return not any(part in dest_name for part in unused) and keep_binary(dest_name)


def prune_unneeded(
    binaries: list[tuple[str, str, str]], needed_by: Callable[[str], set[str]]
) -> list[tuple[str, str, str]]:
    """Drop libraries that no kept binary links any more.

    PyInstaller collects the dependencies of every plugin before :func:`keep_binary`
    drops the plugin (the GTK theme brings cairo, pango and friends), and Qt libraries
    its PySide6 hooks assume (libQt6OpenGL, which nothing kept links); this removes
    them, repeating until nothing changes. ``needed_by(source_path)`` returns the
    sonames a binary links (ELF ``NEEDED``). Candidates are the ``lib*.so*`` files at
    the bundle's top level and Qt's own libraries (``PySide6/Qt/lib``, loaded only
    through ``NEEDED``; plugins, which Qt opens itself, never are), and never
    libpython (the bootloader loads it).
    """

    def candidate(dest: str) -> bool:
        folder, _, name = dest.replace("\\", "/").rpartition("/")
        return (
            folder in ("", "PySide6/Qt/lib")
            and name.startswith("lib")
            and ".so" in name
            and not name.startswith("libpython")
        )

    kept = list(binaries)
    while True:
        needed = set().union(*(needed_by(source) for _, source, _ in kept))
        pruned = [
            entry
            for entry in kept
            if not candidate(entry[0]) or entry[0].rpartition("/")[2] in needed
        ]
        if len(pruned) == len(kept):
            return kept
        kept = pruned


def without_dangling_links(
    datas: list[tuple[str, str, str]], binaries: list[tuple[str, str, str]]
) -> list[tuple[str, str, str]]:
    """Drop PyInstaller's top-level links (``SYMLINK`` entries) to pruned libraries."""
    shipped = {dest for dest, _, _ in binaries} | {dest for dest, _, _ in datas}
    return [entry for entry in datas if entry[2] != "SYMLINK" or entry[1] in shipped]


def elf_needed(path: str) -> set[str]:
    """The sonames an ELF file links, read with ``objdump -p`` (binutils)."""
    result = subprocess.run(["objdump", "-p", path], capture_output=True, text=True, check=False)
    return {
        line.split()[1] for line in result.stdout.splitlines() if line.strip().startswith("NEEDED")
    }
