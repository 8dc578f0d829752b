"""Repaint cost of the timeline with 10,000 items, offscreen at 1400x800.

Run: .venv/bin/python bench/timeline.py (offscreen unless QT_QPA_PLATFORM says otherwise)
Prints median and p95 milliseconds of ``viewport().grab()`` (one full repaint)
for fit-all, zoomed-in and panning: twelve jurisdiction lanes, every item in one
lane (a firm that follows one country), and one lane per measure. Budget: 16 ms.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication, QScrollBar

from lawtracker.domain.catalog import TimelineItem
from lawtracker.domain.enums import EventKind, Instrument
from lawtracker.gui.views.timeline_view import TimelineView

JURISDICTIONS = ["AZ", "KZ", "GE", "AM", "UZ", "KG", "TJ", "TM", "UA", "MD", "TR", "RS"]
KINDS = [EventKind.SIGNED, EventKind.PUBLISHED, EventKind.IN_FORCE, EventKind.ADOPTED]


def synthetic_items(count: int, *, seed: int = 1) -> list[TimelineItem]:
    """``count`` items of ``count // 4`` measures over 2000-2026; a tenth are periods."""
    rng = random.Random(seed)
    instruments = list(Instrument)
    first = dt.date(2000, 1, 1).toordinal()
    items = []
    for index in range(count):
        measure_id = index // 4 + 1
        day = dt.date.fromordinal(first + rng.randrange(27 * 365))
        period = index % 10 == 0
        items.append(
            TimelineItem(
                measure_id=measure_id,
                measure_title=f"Measure {measure_id}",
                instrument=instruments[rng.randrange(len(instruments))],
                jurisdiction=JURISDICTIONS[measure_id % len(JURISDICTIONS)],
                kind=EventKind.WINDOW_START if period else KINDS[index % len(KINDS)],
                start=day,
                end=day + dt.timedelta(days=rng.randrange(30, 1500)) if period else None,
                derived=index % 7 == 3,
                label="",
            )
        )
    return items


def frame_times(
    app: QApplication, view: TimelineView, frames: int, step: Callable[[], None] | None = None
) -> list[float]:
    for _ in range(3):  # warm up: marker pixmaps are rendered on first use
        view.viewport().grab()
    times = []
    for _ in range(frames):
        if step is not None:
            step()
        app.processEvents()
        started = time.perf_counter()
        view.viewport().grab()
        times.append((time.perf_counter() - started) * 1000)
    return times


def scroller(bar: QScrollBar, pixels: int) -> Callable[[], None]:
    return lambda: bar.setValue(bar.value() + pixels)


def report(name: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(f"{name:38s} median {statistics.median(times):6.2f} ms   p95 {p95:6.2f} ms")


def main() -> None:
    app = QApplication([])
    view = TimelineView(today=dt.date(2025, 6, 1))
    view.resize(1400, 800)
    view.show()
    items = synthetic_items(10_000)
    started = time.perf_counter()
    view.set_items(items)
    print(f"set_items(10,000): {(time.perf_counter() - started) * 1000:.1f} ms")
    one_country = [replace(item, jurisdiction="AZ") for item in items]
    for mode, shown in (("jurisdiction", items), ("one lane", one_country), ("measure", items)):
        view.set_items(shown)
        view.set_lane_mode("measure" if mode == "measure" else "jurisdiction")
        view.fit_all()
        report(f"{mode}: fit all", frame_times(app, view, 40))
        for _ in range(9):
            view.zoom_in()
        view.go_to_today()
        report(f"{mode}: zoomed in ({view.tick_unit()})", frame_times(app, view, 40))
        panning = scroller(view.horizontalScrollBar(), 37)
        report(f"{mode}: panning", frame_times(app, view, 60, panning))
        view.fit_all()
        scrolling = scroller(view.verticalScrollBar(), 53)
        report(f"{mode}: fit all, scrolling lanes", frame_times(app, view, 60, scrolling))


if __name__ == "__main__":
    main()
