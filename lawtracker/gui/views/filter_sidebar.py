"""The filter sidebar: what the measure list and the timeline show."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lawtracker.domain.catalog import Facets, MeasureFilter
from lawtracker.domain.enums import Instrument, ReviewStatus
from lawtracker.gui.labels import jurisdiction_name, words

ANY = "any"
STATUS_WORDS = {
    ReviewStatus.UNREVIEWED: "Unreviewed",
    ReviewStatus.IN_REVIEW: "In review",
    ReviewStatus.REVIEWED: "Reviewed",
    ReviewStatus.NEEDS_FOLLOW_UP: "Needs follow-up",
}
ANNOTATED_CHOICES = (("Any", None), ("With annotations", True), ("Without annotations", False))
_VALUE_ROLE = Qt.ItemDataRole.UserRole


def _checklist(name: str) -> QListWidget:
    widget = QListWidget()
    widget.setAccessibleName(name)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    widget.setUniformItemSizes(True)
    return widget


def _fill(widget: QListWidget, entries: Iterable[tuple[str, object]], checked: set) -> None:
    """Replace the entries, keeping the given values checked; sized to show up to 8 rows."""
    widget.clear()
    for text, value in entries:
        item = QListWidgetItem(text)
        item.setData(_VALUE_ROLE, value)
        item.setToolTip(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if value in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)
    rows = min(max(widget.count(), 1), 8)
    widget.setFixedHeight(rows * widget.sizeHintForRow(0) + 2 * widget.frameWidth() + 2)


def _checked(widget: QListWidget) -> set:
    return {
        widget.item(row).data(_VALUE_ROLE)
        for row in range(widget.count())
        if widget.item(row).checkState() == Qt.CheckState.Checked
    }


class FilterSidebar(QWidget):
    """Checklists, a year range and an "as of" date, built from the store's :class:`Facets`.

    Nothing checked in a list means "any". The filter's ``query``, ``since``
    and ``until`` are not edited here: they are kept from :meth:`set_filter`.

    Signals:
        filterChanged(MeasureFilter): the user changed a control (not emitted by
            :meth:`set_filter` or :meth:`set_facets`, which the owner calls itself).
    """

    filterChanged = Signal(object)  # noqa: N815 (Qt naming)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Filters")
        self._base = MeasureFilter()
        self._quiet = False

        self.jurisdiction_list = _checklist("Jurisdictions")
        self.instrument_list = _checklist("Instruments")
        self.source_list = _checklist("Source documents")
        self.year_from = QSpinBox()
        self.year_to = QSpinBox()
        for box, name in ((self.year_from, "From year"), (self.year_to, "To year")):
            box.setAccessibleName(name)
            box.setSpecialValueText(ANY)
            box.setAlignment(Qt.AlignmentFlag.AlignRight)
            box.setKeyboardTracking(False)  # one signal per entered year, not per digit
        self.as_of_check = QCheckBox("As of")
        self.as_of_check.setAccessibleName("Show the state as of a date")
        self.as_of_check.setToolTip("Show measures as they stood on this date")
        self.as_of_date = QDateEdit()
        self.as_of_date.setAccessibleName("As-of date")
        self.as_of_date.setDisplayFormat("yyyy-MM-dd")
        self.as_of_date.setCalendarPopup(True)
        self.as_of_date.setDate(QDate.currentDate())
        self.as_of_date.setEnabled(False)
        self.status_list = _checklist("Review status")
        _fill(self.status_list, ((name, s) for s, name in STATUS_WORDS.items()), set())
        self.tag_list = _checklist("Tags")
        # One short line: a wrapped label makes the sidebar taller than the dock and
        # brings in a scroll bar. The tooltip says where tags come from.
        self.no_tags_hint = QLabel("No tags yet")
        self.no_tags_hint.setToolTip(
            "The tags you give measures when you annotate them (Annotate…) appear here."
        )
        self.no_tags_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.annotated_combo = QComboBox()
        self.annotated_combo.setAccessibleName("Has annotations")
        self.annotated_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.annotated_combo.setMinimumContentsLength(10)
        for text, value in ANNOTATED_CHOICES:
            self.annotated_combo.addItem(text, value)
        self.follow_up_check = QCheckBox("Follow-up due by")
        self.follow_up_check.setAccessibleName("Only measures with a follow-up due")
        self.follow_up_check.setToolTip("Measures with a follow-up date on or before this day")
        self.follow_up_date = QDateEdit()
        self.follow_up_date.setAccessibleName("Follow-up due date")
        self.follow_up_date.setDisplayFormat("yyyy-MM-dd")
        self.follow_up_date.setCalendarPopup(True)
        self.follow_up_date.setDate(QDate.currentDate())
        self.follow_up_date.setEnabled(False)
        self.reset_button = QPushButton("Reset filters")
        self.reset_button.setAccessibleName("Reset filters")

        self._build_layout()
        self._set_year_range(None, None)
        for widget in (
            self.jurisdiction_list,
            self.instrument_list,
            self.source_list,
            self.status_list,
            self.tag_list,
        ):
            widget.itemChanged.connect(self._changed)
        self.annotated_combo.currentIndexChanged.connect(self._changed)
        self.follow_up_check.toggled.connect(self._follow_up_toggled)
        self.follow_up_date.dateChanged.connect(self._changed)
        self.year_from.valueChanged.connect(self._year_from_changed)
        self.year_to.valueChanged.connect(self._year_to_changed)
        self.as_of_check.toggled.connect(self._as_of_toggled)
        self.as_of_date.dateChanged.connect(self._changed)
        self.reset_button.clicked.connect(self.reset)

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        for title, widget in (
            ("Jurisdiction", self.jurisdiction_list),
            ("Instrument", self.instrument_list),
            ("Source document", self.source_list),
        ):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            inner.addWidget(widget)
            layout.addWidget(box)
        years = QGroupBox("Years")
        form = QFormLayout(years)
        form.addRow("From", self.year_from)
        form.addRow("To", self.year_to)
        layout.addWidget(years)
        as_of = QGroupBox("Point in time")
        form = QFormLayout(as_of)
        form.addRow(self.as_of_check, self.as_of_date)
        layout.addWidget(as_of)
        review = QGroupBox("Review")
        inner = QVBoxLayout(review)
        inner.addWidget(self.status_list)
        notes = QFormLayout()
        notes.addRow("Notes", self.annotated_combo)
        inner.addLayout(notes)
        # The check and its date on their own lines keep the sidebar narrow (250 px).
        inner.addWidget(self.follow_up_check)
        inner.addWidget(self.follow_up_date)
        layout.addWidget(review)
        tags = QGroupBox("Tags")
        inner = QVBoxLayout(tags)
        inner.addWidget(self.tag_list)
        inner.addWidget(self.no_tags_hint)
        self._show_tag_hint()
        layout.addWidget(tags)
        layout.addWidget(self.reset_button)
        layout.addStretch(1)

    # -- public API ------------------------------------------------------------------

    def set_facets(self, facets: Facets) -> None:
        """Offer these values; selections still on offer stay checked."""
        current = self.current_filter()
        self._quiet = True
        try:
            _fill(
                self.jurisdiction_list,
                ((jurisdiction_name(j), j) for j in facets.jurisdictions),
                set(current.jurisdictions),
            )
            _fill(
                self.instrument_list,
                ((words(i), Instrument(i)) for i in facets.instruments),
                set(current.instruments),
            )
            _fill(
                self.source_list, ((s.name, s.id) for s in facets.sources), set(current.source_ids)
            )
            self._set_year_range(facets.year_min, facets.year_max)
            self._set_year(self.year_from, current.year_from)
            self._set_year(self.year_to, current.year_to)
        finally:
            self._quiet = False

    def set_tags(self, tags: Iterable[str]) -> None:
        """Offer these annotation tags; checked ones still on offer stay checked."""
        current = self.current_filter()
        self._quiet = True
        try:
            offered = sorted(set(tags) | set(current.tags), key=str.casefold)
            _fill(self.tag_list, ((t, t) for t in offered), set(current.tags))
        finally:
            self._quiet = False
        self._show_tag_hint()

    def _show_tag_hint(self) -> None:
        """An empty tag list would be a bare sliver: say what will fill it instead."""
        empty = self.tag_list.count() == 0
        self.tag_list.setHidden(empty)
        self.no_tags_hint.setHidden(not empty)

    def set_filter(self, flt: MeasureFilter) -> None:
        """Show ``flt`` (restoring settings); values not on offer are dropped."""
        self._quiet = True
        try:
            self._base = flt
            for widget, values in (
                (self.jurisdiction_list, flt.jurisdictions),
                (self.instrument_list, flt.instruments),
                (self.source_list, flt.source_ids),
                (self.status_list, flt.review_statuses),
                (self.tag_list, flt.tags),
            ):
                for row in range(widget.count()):
                    item = widget.item(row)
                    on = item.data(_VALUE_ROLE) in values
                    item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self._set_year(self.year_from, flt.year_from)
            self._set_year(self.year_to, flt.year_to)
            self.as_of_check.setChecked(flt.as_of is not None)
            self.as_of_date.setEnabled(flt.as_of is not None)
            if flt.as_of is not None:
                self.as_of_date.setDate(QDate(flt.as_of.year, flt.as_of.month, flt.as_of.day))
            index = next(
                i for i, (_t, value) in enumerate(ANNOTATED_CHOICES) if value is flt.annotated
            )
            self.annotated_combo.setCurrentIndex(index)
            due = flt.follow_up_by
            self.follow_up_check.setChecked(due is not None)
            self.follow_up_date.setEnabled(due is not None)
            if due is not None:
                self.follow_up_date.setDate(QDate(due.year, due.month, due.day))
        finally:
            self._quiet = False

    def current_filter(self) -> MeasureFilter:
        as_of: dt.date | None = None
        if self.as_of_check.isChecked():
            as_of = self.as_of_date.date().toPython()  # type: ignore[assignment]
        follow_up_by: dt.date | None = None
        if self.follow_up_check.isChecked():
            follow_up_by = self.follow_up_date.date().toPython()  # type: ignore[assignment]
        return dataclasses.replace(
            self._base,
            jurisdictions=frozenset(_checked(self.jurisdiction_list)),
            # Qt hands item data back as plain ``str``; the filter promises Instrument.
            instruments=frozenset(Instrument(i) for i in _checked(self.instrument_list)),
            source_ids=frozenset(_checked(self.source_list)),
            year_from=self._year(self.year_from),
            year_to=self._year(self.year_to),
            as_of=as_of,
            review_statuses=frozenset(ReviewStatus(v) for v in _checked(self.status_list)),
            tags=frozenset(str(t) for t in _checked(self.tag_list)),
            annotated=self.annotated_combo.currentData(),
            follow_up_by=follow_up_by,
        )

    def reset(self) -> None:
        """Clear every control this sidebar owns, then emit once."""
        self.set_filter(dataclasses.replace(MeasureFilter(), query=self._base.query))
        self.filterChanged.emit(self.current_filter())

    # -- internals -------------------------------------------------------------------

    def _set_year_range(self, first: int | None, last: int | None) -> None:
        """Years offered; the minimum minus one is the "any" sentinel of both boxes."""
        known = first is not None and last is not None
        this_year = dt.date.today().year
        for box in (self.year_from, self.year_to):
            box.setRange((first or this_year) - 1, last or this_year)
            box.setEnabled(known)
            box.setToolTip("" if known else "No dated measures in the store yet")

    @staticmethod
    def _set_year(box: QSpinBox, year: int | None) -> None:
        if year is not None and not box.minimum() < year <= box.maximum():
            box.setRange(min(box.minimum(), year - 1), max(box.maximum(), year))
        box.setValue(box.minimum() if year is None else year)

    @staticmethod
    def _year(box: QSpinBox) -> int | None:
        return None if box.value() == box.minimum() else box.value()

    def _year_from_changed(self, value: int) -> None:
        to = self._year(self.year_to)
        if self._year(self.year_from) is not None and to is not None and value > to:
            self._set_silently(self.year_to, value)  # keep the range ordered
        self._changed()

    def _year_to_changed(self, value: int) -> None:
        start = self._year(self.year_from)
        if self._year(self.year_to) is not None and start is not None and value < start:
            self._set_silently(self.year_from, value)
        self._changed()

    @staticmethod
    def _set_silently(box: QSpinBox, value: int) -> None:
        """Move the other bound without a second ``filterChanged``."""
        box.blockSignals(True)
        box.setValue(value)
        box.blockSignals(False)

    def _as_of_toggled(self, on: bool) -> None:
        self.as_of_date.setEnabled(on)
        self._changed()

    def _follow_up_toggled(self, on: bool) -> None:
        self.follow_up_date.setEnabled(on)
        self._changed()

    def _changed(self, *_: object) -> None:
        if not self._quiet:
            self.filterChanged.emit(self.current_filter())
