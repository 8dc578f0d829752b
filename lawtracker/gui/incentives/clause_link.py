"""Open a rule's clause in the main window: select its measure, then select the span.

A clause is ``[start, end)`` in a *source*; a measure's text is a slice of that
source in one language, so the language is the one whose slice holds the span.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from lawtracker.gui.views.text_spans import FactSpan

if TYPE_CHECKING:
    from lawtracker.gui.main_window import MainWindow

#: ``on_show_clause(measure key or id, source_id, start, end)``.
ShowClause = Callable[[str | int | None, int, int, int], bool | None]


def show_clause_in_window(
    window: MainWindow, measure: str | int | None, source_id: int, start: int, end: int
) -> bool:
    """Select ``measure`` (a key like ``az/decree/1913`` or an id) and the span in its text.

    ``False`` (with a status line) when the measure is unknown or its stored text
    does not hold the span (a manual rule with no source, say).
    """
    measure_id = measure if isinstance(measure, int) else None
    if isinstance(measure, str):
        measure_id = window.catalog.measure_id_for_key(measure)
    if measure_id is None:
        window.statusBar().showMessage(f"No stored measure {measure!r} holds this clause", 10_000)
        return False
    window.select_measure(measure_id)
    detail = window.detail.detail()
    if detail is None:
        return False
    for language, text in detail.texts.items():
        inside = text.start <= start and end <= text.start + len(text.text)
        if text.source_id == source_id and inside:
            window.detail.select_span(FactSpan("clause", start, end, language, source_id))
            window.detail.text_edit.setFocus()
            return True
    window.statusBar().showMessage(
        f"The clause ({start}–{end} in source #{source_id}) is outside the text of "
        f"“{detail.title}”",
        10_000,
    )
    return False
