"""OCR of scanned pages and images through the ``tesseract`` command (Tesseract 4/5).

The command line, not a Python binding: Tesseract is a system package on Linux (the
.deb declares it) and a separate install on Windows and macOS, so the app only needs it
on PATH and adds no Python dependency. Images go to ``tesseract`` as bytes on stdin;
PDF pages are rendered by PDFium to an 8-bit grey PGM written here (no Pillow). The TSV
output gives a box per word, turned into ``pdf_order`` lines so that OCR text has the
same reading order and page offsets as a PDF's text layer.

Everything here raises ``ParseError`` with one line a user can act on.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from lawtracker.errors import ParseError
from lawtracker.ingestion.formats import Extracted
from lawtracker.ingestion.formats.pdf_order import Line, Page, layout_text

# Tesseract's language data for the languages lawtracker reads, in order of preference;
# every one installed is used (all five cost about 15% more time than English alone).
LANGUAGES = ("eng", "rus", "aze", "kaz", "uzb")
MAX_OCR_PAGES = 100  # pages of one PDF read by OCR (about 0.5 s a page on one core)
PAGE_TIMEOUT = 120.0  # seconds for one page before the document is refused
RENDER_DPI = 200  # what Tesseract reads best at, for text of 8 pt and up
_MAX_PIXELS = 40_000_000  # a rendered page larger than this is rendered at a lower scale
MAX_WORKERS = 4
# On Windows a console program started from the GUI would flash a console window.
_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)

INSTALL_HINT = (
    "install Tesseract OCR (Debian/Ubuntu: sudo apt-get install tesseract-ocr "
    "tesseract-ocr-eng tesseract-ocr-rus tesseract-ocr-aze tesseract-ocr-kaz "
    "tesseract-ocr-uzb; Windows and macOS: see docs/INSTALL.md), then import again"
)


# Where the usual installers put it: an app started from Finder or the Start menu does
# not see the PATH a shell profile sets.
_USUAL_PLACES = {
    "darwin": ("/opt/homebrew/bin", "/usr/local/bin", "/opt/local/bin"),
    "win32": (r"C:\Program Files\Tesseract-OCR", r"C:\Program Files (x86)\Tesseract-OCR"),
}


def tesseract_path() -> str | None:
    """The ``tesseract`` executable, looked up each time (it can be installed later)."""
    found = shutil.which("tesseract")
    if found is None and sys.platform in _USUAL_PLACES:
        found = shutil.which("tesseract", path=os.pathsep.join(_USUAL_PLACES[sys.platform]))
    return found


@functools.cache
def installed_languages(executable: str) -> tuple[str, ...]:
    """The languages of ``LANGUAGES`` whose data ``executable`` has (asked once a process)."""
    try:
        listed = subprocess.run(
            [executable, "--list-langs"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
            creationflags=_NO_WINDOW,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ()
    have = {line.strip() for line in (listed.stdout + listed.stderr).splitlines()}
    return tuple(lang for lang in LANGUAGES if lang in have)


def _command(name: str, *, dpi: int | None) -> list[str]:
    executable = tesseract_path()
    if executable is None:
        raise ParseError(f"{name}: reading a scan needs Tesseract OCR, not found: {INSTALL_HINT}")
    languages = installed_languages(executable)
    if not languages:
        raise ParseError(
            f"{name}: Tesseract has no language data for English, Russian, Azerbaijani, "
            f"Kazakh or Uzbek: {INSTALL_HINT}"
        )
    command = [executable, "-", "-", "-l", "+".join(languages)]
    if dpi is not None:
        command += ["--dpi", str(dpi)]
    return [*command, "tsv"]


def _run(command: list[str], image: bytes, name: str, where: str) -> str:
    # One thread per Tesseract process: its OpenMP threads make a page slower, not faster.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            command,
            input=image,
            capture_output=True,
            timeout=PAGE_TIMEOUT,
            env=env,
            check=False,
            creationflags=_NO_WINDOW,
        )
    except subprocess.TimeoutExpired:
        raise ParseError(
            f"{name}: OCR of {where} took longer than {PAGE_TIMEOUT:.0f} s; "
            "split the document or import a smaller scan"
        ) from None
    except OSError as exc:
        raise ParseError(
            f"{name}: Tesseract OCR could not be started ({exc}): {INSTALL_HINT}"
        ) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ParseError(
            f"{name}: OCR could not read {where} ({detail[-1] if detail else 'no reason given'})"
        )
    return done.stdout.decode("utf-8", "replace")


def tsv_pages(tsv: str, scale: float = 1.0) -> list[Page]:
    """Tesseract's TSV as pages of lines; pixel boxes divided by ``scale`` (pixels a point)."""
    sizes: dict[int, tuple[float, float]] = {}
    words: dict[int, dict[tuple[int, int, int], list[tuple[str, int, int, int, int]]]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or not cells[0].isdigit():
            continue
        level, page = int(cells[0]), int(cells[1])
        left, top, width, height = (int(v) for v in cells[6:10])
        if level == 1:
            sizes[page] = (width / scale, height / scale)
        elif level == 5 and cells[11].strip():
            key = (int(cells[2]), int(cells[3]), int(cells[4]))
            words.setdefault(page, {}).setdefault(key, []).append(
                (cells[11].strip(), left, top, left + width, top + height)
            )
    pages = []
    for number, (width, height) in sorted(sizes.items()):
        lines = [
            Line(
                " ".join(w[0] for w in found),
                min(w[1] for w in found) / scale,
                min(w[2] for w in found) / scale,
                max(w[3] for w in found) / scale,
                max(w[4] for w in found) / scale,
            )
            for found in words.get(number, {}).values()
        ]
        pages.append(Page(width, height, lines))
    return pages


def read_image(data: bytes, name: str) -> Extracted:
    """An image file (PNG, JPEG, TIFF, every page of a multi-page TIFF) read by OCR."""
    tsv = _run(_command(name, dpi=None), data, name, "the image")
    pages = tsv_pages(tsv)
    text, layout = layout_text(pages)
    if not text.strip():
        raise ParseError(f"{name}: OCR found no text in the image")
    return Extracted(text, "ocr", layout=layout, ocr_regions=((0, len(text)),))


def pgm(width: int, height: int, stride: int, pixels: bytes) -> bytes:
    """An 8-bit grey bitmap (rows ``stride`` bytes apart) as a binary PGM Tesseract reads."""
    if stride != width:
        pixels = b"".join(pixels[r * stride : r * stride + width] for r in range(height))
    return b"P5\n%d %d\n255\n" % (width, height) + pixels


def render_scale(width: float, height: float) -> float:
    """Pixels a point for a page of ``width`` x ``height`` points: ``RENDER_DPI``, less if huge."""
    scale = RENDER_DPI / 72
    area = width * height * scale * scale
    if area > _MAX_PIXELS:
        scale *= (_MAX_PIXELS / area) ** 0.5
    return scale


def ocr_pages(
    name: str, rendered: Iterable[tuple[int, float, bytes]], workers: int | None = None
) -> dict[int, Page]:
    """Page index → its OCR'd page, for ``(index, scale, pgm)`` rendered lazily in order.

    Pages are read by a few Tesseract processes at once; at most ``workers`` rendered
    pages are held, so memory stays bounded on a long scan.
    """
    command = _command(name, dpi=RENDER_DPI)
    count = workers or max(1, min(MAX_WORKERS, os.cpu_count() or 1))
    result: dict[int, Page] = {}

    def one(item: tuple[int, float, bytes]) -> tuple[int, Page]:
        index, scale, image = item
        pages = tsv_pages(_run(command, image, name, f"page {index + 1}"), scale)
        return index, pages[0] if pages else Page(0, 0, [])

    with ThreadPoolExecutor(max_workers=count) as pool:
        batch: list[tuple[int, float, bytes]] = []
        for item in rendered:
            batch.append(item)
            if len(batch) == count:
                result.update(pool.map(one, batch))
                batch = []
        result.update(pool.map(one, batch))
    return result
