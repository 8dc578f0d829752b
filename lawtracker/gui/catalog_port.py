"""What the GUI needs from the catalog service, as a typing Protocol.

The composition root passes a ``lawtracker.services.catalog.Catalog``; tests
may pass the same real service on a temporary database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from lawtracker.domain.catalog import (
    DueItem,
    Facets,
    MeasureDetail,
    MeasureFilter,
    MeasureRow,
    SortColumn,
    StoreCounts,
    TimelineItem,
)


class CatalogPort(Protocol):
    def measure_ids(
        self, flt: MeasureFilter, sort: SortColumn, descending: bool, *, today: dt.date
    ) -> list[int]:
        """Ids of the measures the filter admits, in display order (sorted in SQL)."""

    def measure_rows(self, ids: Sequence[int], *, today: dt.date) -> list[MeasureRow]:
        """The list rows for ``ids``, in the order given (one query per page)."""

    def measure_detail(self, measure_id: int) -> MeasureDetail | None: ...

    def timeline_items(self, measure_ids: Sequence[int] | None) -> list[TimelineItem]:
        """Points and intervals for these measures (all measures when ``None``)."""

    def facets(self) -> Facets: ...

    def due_soon(self, *, today: dt.date, days: int) -> list[DueItem]: ...

    def counts(self) -> StoreCounts: ...

    def measure_id_for_key(self, key: str) -> int | None: ...

    def original_file(self, source_id: int) -> Path | None:
        """The stored copy of a source's file, for "Open original" (``None``: not kept)."""
