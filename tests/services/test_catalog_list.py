"""The measure list on a real seeded store: every sort order, the filters, annotation columns.

Orders are checked against a plain-Python reference built from the rows the
catalog returns, so a faster query that changed the order would fail here.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from lawtracker.domain.annotations import ReviewStatus
from lawtracker.domain.catalog import MeasureFilter, MeasureRow, SortColumn
from lawtracker.domain.enums import EventKind
from lawtracker.services.annotations import AnnotationInput, Annotations
from lawtracker.services.catalog import Catalog
from lawtracker.services.catalog_list import STATUS_ORDER
from lawtracker.storage.db import session_scope
from lawtracker.storage.tables import Event, Measure

TODAY = dt.date(2022, 12, 1)  # before the seeds' 2022-2023 dates, so next dates exist
DECREE = "az/decree/1913"
OTHER = "az/decree/1905"
LAW = "az/law/619-viqd"
MEDIA = "az/law/on-media"


def ticking_clock(start: dt.datetime) -> Callable[[], dt.datetime]:
    counter = itertools.count()
    return lambda: start + dt.timedelta(minutes=next(counter))


@pytest.fixture
def catalog(seeded_engine: Engine) -> Catalog:
    return Catalog(seeded_engine)


@pytest.fixture
def notes(seeded_engine: Engine) -> Annotations:
    return Annotations(
        seeded_engine, author="alice", clock=ticking_clock(dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    )


@pytest.fixture
def annotated(notes: Annotations) -> Annotations:
    """DECREE reviewed (after an older in-review note), OTHER needing follow-up, LAW unreviewed
    but tagged, MEDIA with only a deleted annotation."""
    notes.create(
        DECREE,
        AnnotationInput(
            status=ReviewStatus.IN_REVIEW, tags=("Tax",), follow_up=dt.date(2026, 6, 1)
        ),
    )
    notes.create(
        DECREE,
        AnnotationInput(
            status=ReviewStatus.REVIEWED, tags=("customs", "tax"), follow_up=dt.date(2026, 4, 1)
        ),
    )
    notes.create(
        OTHER,
        AnnotationInput(status=ReviewStatus.NEEDS_FOLLOW_UP, follow_up=dt.date(2026, 5, 1)),
    )
    notes.create(LAW, AnnotationInput(tags=("Investment",)))
    gone = notes.create(
        MEDIA,
        AnnotationInput(
            status=ReviewStatus.REVIEWED, tags=("media",), follow_up=dt.date(2026, 1, 1)
        ),
    )
    notes.delete(gone.id, expected_version=gone.version)
    return notes


def all_rows(catalog: Catalog) -> dict[str, MeasureRow]:
    ids = catalog.measure_ids(MeasureFilter(), today=TODAY)
    return {row.key: row for row in catalog.measure_rows(ids, today=TODAY)}


def keys(catalog: Catalog, flt: MeasureFilter, sort=SortColumn.TITLE, desc=False) -> list[str]:
    ids = catalog.measure_ids(flt, sort, desc, today=TODAY)
    return [row.key for row in catalog.measure_rows(ids, today=TODAY)]


def ascii_lower(text: str) -> str:
    """What SQLite's NOCASE folds: ASCII letters only."""
    return "".join(c.lower() if c.isascii() else c for c in text)


SORT_KEYS: dict[SortColumn, Callable[[MeasureRow], object]] = {
    SortColumn.TITLE: lambda r: ascii_lower(r.title),
    SortColumn.NUMBER: lambda r: r.number,
    SortColumn.INSTRUMENT: lambda r: r.instrument.value,
    SortColumn.JURISDICTION: lambda r: r.jurisdiction,
    SortColumn.SIGNED: lambda r: r.signed,
    SortColumn.IN_FORCE: lambda r: r.in_force,
    SortColumn.NEXT_DATE: lambda r: r.next_date,
    SortColumn.SOURCES: lambda r: r.source_count,
    SortColumn.STATUS: lambda r: STATUS_ORDER.index(r.review_status),
    SortColumn.TAGS: lambda r: min((t.casefold() for t in r.tags), default=None),
    SortColumn.FOLLOW_UP: lambda r: r.follow_up,
}


def reference_order(rows: list[MeasureRow], sort: SortColumn, desc: bool) -> list[str]:
    """Values ascending (or descending) with ties by id the same way, missing values last."""
    key = SORT_KEYS[sort]
    present = sorted((r for r in rows if key(r) is not None), key=lambda r: (key(r), r.id))
    missing = sorted((r for r in rows if key(r) is None), key=lambda r: r.id)
    if desc:
        present.reverse()
        missing.reverse()
    return [r.key for r in present + missing]


def test_sort_keys_cover_every_column() -> None:
    assert set(SORT_KEYS) == set(SortColumn)


@pytest.mark.usefixtures("annotated")
@pytest.mark.parametrize("desc", [False, True])
@pytest.mark.parametrize("sort", list(SortColumn))
def test_every_sort_matches_the_reference_order(
    catalog: Catalog, sort: SortColumn, desc: bool
) -> None:
    rows = list(all_rows(catalog).values())
    assert len(rows) == 16
    # The sort must not be trivial on the seeds: some keys differ (every seed measure has
    # one source, so that order is all ties, broken by id).
    assert len({repr(SORT_KEYS[sort](r)) for r in rows}) > (0 if sort is SortColumn.SOURCES else 1)
    assert keys(catalog, MeasureFilter(), sort, desc) == reference_order(rows, sort, desc)


@pytest.mark.usefixtures("annotated")
@pytest.mark.parametrize("sort", list(SortColumn))
def test_sorts_keep_filters(catalog: Catalog, sort: SortColumn) -> None:
    flt = MeasureFilter(jurisdictions=frozenset({"AZ"}), annotated=True)
    rows = [r for r in all_rows(catalog).values() if r.key in {DECREE, OTHER, LAW}]
    for desc in (False, True):
        assert keys(catalog, flt, sort, desc) == reference_order(rows, sort, desc)


@pytest.mark.usefixtures("annotated")
@pytest.mark.parametrize("desc", [False, True])
@pytest.mark.parametrize(
    "sort", [SortColumn.NEXT_DATE, SortColumn.STATUS, SortColumn.TAGS, SortColumn.FOLLOW_UP]
)
@pytest.mark.parametrize(
    "flt",
    [
        MeasureFilter(jurisdictions=frozenset({"AZ"})),  # a test of measure columns
        MeasureFilter(since=dt.date(2020, 1, 1)),  # a test of ids against the events
    ],
    ids=["by-column", "by-id-set"],
)
def test_keyed_sorts_under_a_filter_put_the_unkeyed_rest_in_id_order(
    catalog: Catalog, sort: SortColumn, desc: bool, flt: MeasureFilter
) -> None:
    """The measures without a key (most of them) follow in id order, read in SQL order."""
    wanted = set(keys(catalog, flt))
    rows = [r for r in all_rows(catalog).values() if r.key in wanted]

    def keyed(row: MeasureRow) -> bool:  # no annotation sorts as unreviewed
        if sort is SortColumn.STATUS:
            return row.review_status is not ReviewStatus.UNREVIEWED
        return SORT_KEYS[sort](row) is not None

    # Both parts are present: some filtered measures have a key, some do not.
    assert 0 < sum(map(keyed, rows)) < len(rows)
    assert keys(catalog, flt, sort, desc) == reference_order(rows, sort, desc)


def test_unannotated_rows_are_unreviewed_without_tags(catalog: Catalog) -> None:
    for row in all_rows(catalog).values():
        assert row.review_status is ReviewStatus.UNREVIEWED
        assert (row.tags, row.annotation_count, row.follow_up) == ((), 0, None)


@pytest.mark.usefixtures("annotated")
def test_row_annotation_columns(catalog: Catalog) -> None:
    rows = all_rows(catalog)
    decree = rows[DECREE]
    # The latest saved live annotation decides; tags are the union, one spelling each.
    assert decree.review_status is ReviewStatus.REVIEWED
    assert decree.tags == ("customs", "Tax")
    assert decree.annotation_count == 2
    assert decree.follow_up == dt.date(2026, 4, 1)
    assert rows[OTHER].review_status is ReviewStatus.NEEDS_FOLLOW_UP
    assert (rows[LAW].review_status, rows[LAW].tags) == (ReviewStatus.UNREVIEWED, ("Investment",))
    # Only a deleted annotation: as if none.
    media = rows[MEDIA]
    assert (media.review_status, media.tags, media.annotation_count, media.follow_up) == (
        ReviewStatus.UNREVIEWED,
        (),
        0,
        None,
    )


def test_status_follows_edits_and_deletions(catalog: Catalog, notes: Annotations) -> None:
    first = notes.create(DECREE, AnnotationInput(status=ReviewStatus.REVIEWED))
    second = notes.create(DECREE, AnnotationInput(status=ReviewStatus.IN_REVIEW))
    assert all_rows(catalog)[DECREE].review_status is ReviewStatus.IN_REVIEW
    # Saving the first again makes it the most recent.
    first = notes.update(
        first.id, AnnotationInput(status=ReviewStatus.NEEDS_FOLLOW_UP), expected_version=1
    )
    assert all_rows(catalog)[DECREE].review_status is ReviewStatus.NEEDS_FOLLOW_UP
    by_status = MeasureFilter(review_statuses=frozenset({ReviewStatus.IN_REVIEW}))
    assert keys(catalog, by_status) == []
    notes.delete(first.id, expected_version=first.version)
    assert all_rows(catalog)[DECREE].review_status is ReviewStatus.IN_REVIEW
    assert keys(catalog, by_status) == [DECREE]
    notes.delete(second.id, expected_version=second.version)
    assert keys(catalog, by_status) == []
    assert DECREE in keys(catalog, MeasureFilter(annotated=False))


@pytest.mark.usefixtures("annotated")
def test_review_status_filter(catalog: Catalog) -> None:
    everyone = set(all_rows(catalog))

    def having(*statuses: ReviewStatus) -> set[str]:
        return set(keys(catalog, MeasureFilter(review_statuses=frozenset(statuses))))

    assert having(ReviewStatus.REVIEWED) == {DECREE}
    assert having(ReviewStatus.NEEDS_FOLLOW_UP, ReviewStatus.IN_REVIEW) == {OTHER}
    # Unreviewed: LAW's note says so, and every measure without a live note counts.
    assert having(ReviewStatus.UNREVIEWED) == everyone - {DECREE, OTHER}
    assert having(ReviewStatus.UNREVIEWED, ReviewStatus.REVIEWED) == everyone - {OTHER}


@pytest.mark.usefixtures("annotated")
def test_tag_filter_matches_any_tag_ignoring_case_and_deleted_notes(catalog: Catalog) -> None:
    def tagged(*tags: str) -> set[str]:
        return set(keys(catalog, MeasureFilter(tags=frozenset(tags))))

    assert tagged("TAX") == {DECREE}
    assert tagged("investment", "customs") == {DECREE, LAW}
    assert tagged("media") == set()  # only on a deleted annotation
    assert tagged("nothing") == set()


@pytest.mark.usefixtures("annotated")
def test_annotated_and_follow_up_filters(catalog: Catalog) -> None:
    everyone = set(all_rows(catalog))
    with_notes = set(keys(catalog, MeasureFilter(annotated=True)))
    assert with_notes == {DECREE, OTHER, LAW}
    assert set(keys(catalog, MeasureFilter(annotated=False))) == everyone - with_notes

    def due_by(day: dt.date) -> list[str]:
        return keys(catalog, MeasureFilter(follow_up_by=day), SortColumn.FOLLOW_UP)

    assert due_by(dt.date(2026, 3, 31)) == []  # MEDIA's 2026-01-01 is on a deleted note
    assert due_by(dt.date(2026, 4, 1)) == [DECREE]  # on the day counts
    assert due_by(dt.date(2026, 5, 1)) == [DECREE, OTHER]
    combined = MeasureFilter(follow_up_by=dt.date(2026, 12, 31), tags=frozenset({"customs"}))
    assert keys(catalog, combined) == [DECREE]


def test_status_sort_puts_unannotated_with_unreviewed(
    catalog: Catalog, annotated: Annotations
) -> None:
    order = keys(catalog, MeasureFilter(), SortColumn.STATUS)
    assert order[-2:] == [DECREE, OTHER]  # reviewed, then needs follow-up
    descending = keys(catalog, MeasureFilter(), SortColumn.STATUS, True)
    assert descending[:2] == [OTHER, DECREE]
    assert set(descending[2:]) == set(order[:-2])


def event_dates(engine: Engine) -> dict[str, list[tuple[str, dt.date | None]]]:
    with session_scope(engine) as session:
        rows = session.execute(
            select(Measure.key, Event.kind, Event.date).join(Event, Event.measure_id == Measure.id)
        ).all()
    dates: dict[str, list[tuple[str, dt.date | None]]] = {}
    for key, kind, date in rows:
        dates.setdefault(key, []).append((kind, date))
    return dates


@pytest.mark.parametrize(
    ("since", "until"),
    [(dt.date(2022, 12, 1), None), (None, dt.date(2022, 12, 10)), (dt.date(2023, 1, 1), None)],
)
def test_date_range_filter(
    catalog: Catalog, seeded_engine: Engine, since: dt.date | None, until: dt.date | None
) -> None:
    dates = event_dates(seeded_engine)
    expected = {
        key
        for key, events in dates.items()
        if any(
            d is not None and (since is None or d >= since) and (until is None or d <= until)
            for _, d in events
        )
    }
    assert expected  # the seeds have dated events on both sides
    assert set(keys(catalog, MeasureFilter(since=since, until=until))) == expected


@pytest.mark.parametrize("day", [dt.date(2022, 12, 10), dt.date(2023, 6, 1), dt.date(2030, 1, 1)])
def test_as_of_filter(catalog: Catalog, seeded_engine: Engine, day: dt.date) -> None:
    dates = event_dates(seeded_engine)
    expected = set()
    for row in all_rows(catalog).values():
        started = row.in_force or row.signed
        expired = any(
            k == EventKind.EXPIRES.value and d is not None and d <= day
            for k, d in dates.get(row.key, [])
        )
        if started and started <= day and (row.signed is None or row.signed <= day) and not expired:
            expected.add(row.key)
    assert set(keys(catalog, MeasureFilter(as_of=day))) == expected


def test_search_filter_keeps_the_sort_order(catalog: Catalog) -> None:
    found = keys(catalog, MeasureFilter(query="viqd"), SortColumn.NUMBER)
    assert found == sorted(found, key=lambda k: all_rows(catalog)[k].number or "")
    assert len(found) >= 4
    assert keys(catalog, MeasureFilter(query="viqd", jurisdictions=frozenset({"KZ"}))) == []
    assert keys(catalog, MeasureFilter(query="zzzzqqq")) == []
    assert keys(catalog, MeasureFilter(query="*")) == []
