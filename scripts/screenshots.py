"""Regenerate docs/screenshots/list-detail*.png and timeline.png from the real window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUT_DIR]

Runs the self-check's window (a temporary store seeded from ``seeds/``) twice: once in
the default light palette, once in Fusion with a dark palette like a desktop in dark mode,
so that colours hard-coded for one palette show up in review.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from lawtracker.app import build_window  # noqa: E402
from lawtracker.domain.rules import Location  # noqa: E402
from lawtracker.gui.main_window import MainWindow  # noqa: E402
from lawtracker.gui.self_check import run_self_check  # noqa: E402
from lawtracker.gui.settings import WindowSettings  # noqa: E402
from lawtracker.gui.style import install_legible_checks  # noqa: E402
from lawtracker.services.store import open_store  # noqa: E402


def dark_palette() -> QPalette:
    """A dark desktop palette (the offscreen platform ignores the system colour scheme)."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.Highlight: "#2f65ca",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#353535",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#8c8c8c",
        QPalette.ColorRole.Light: "#4a4a4a",
        QPalette.ColorRole.Midlight: "#3d3d3d",
        QPalette.ColorRole.Mid: "#6a6a6a",
        QPalette.ColorRole.Dark: "#8a8a8a",
        QPalette.ColorRole.Shadow: "#111111",
        QPalette.ColorRole.Link: "#7aa7ff",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        palette.setColor(disabled, role, QColor("#7a7a7a"))
    return palette


def shoot(out: Path, suffix: str) -> bool:
    with tempfile.TemporaryDirectory(prefix="lawtracker-shots-") as tmp:
        folder = Path(tmp)
        store = open_store(folder / "shots.sqlite3", seed=True)
        try:
            window = build_window(store, settings=WindowSettings(folder / "settings.ini"))
            passed = run_self_check(window, screenshots=folder, out=sys.stdout)
            for name in ("list-detail", "timeline"):
                (folder / f"{name}.png").replace(out / f"{name}{suffix}.png")
            shoot_comparison(window, out / f"compare-incentives{suffix}.png")
            window.close()
        finally:
            store.dispose()
    return passed


def shoot_comparison(window: MainWindow, path: Path) -> None:
    """The incentive comparison with every regime ticked and a Ganja scenario computed."""
    dialog = window.incentive_tools.open_compare()
    dialog.set_chosen(lambda _regime: True)
    panel = dialog.scenario
    panel.amount_edit.setText("4,000,000")
    panel.set_location(Location.GANJA)
    panel.share_edit.setText("10")
    panel.date_edit.setDate(QDate(2024, 3, 1))
    panel.compute()
    dialog.resize(1280, 900)
    QApplication.processEvents()
    dialog.grab().save(str(path))
    dialog.close()
    print(f"ok    wrote {path}")


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    install_legible_checks(app)  # as lawtracker.app.run does
    ok = shoot(out, "")
    app.setStyle("Fusion")
    install_legible_checks(app)
    app.setPalette(dark_palette())
    ok = shoot(out, "-dark") and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
