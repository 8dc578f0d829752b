"""The fact lists of the detail view: events, quantities, references, links.

Small lists (tens of rows per measure), so ``QTreeWidget`` items are the right
tool; each fact row carries its :class:`FactSpan` for the source-text jump.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QHeaderView, QStyle, QTreeWidget, QTreeWidgetItem

from lawtracker.domain.annotations import event_field, quantity_fields
from lawtracker.domain.catalog import EventView, LinkView, QuantityView, ReferenceView
from lawtracker.domain.enums import LinkKind
from lawtracker.gui.labels import precise_date, qualifier_words, quantity_value, words
from lawtracker.gui.views.text_spans import FactSpan, span_of

SPAN_ROLE = Qt.ItemDataRole.UserRole + 10
LINK_ROLE = Qt.ItemDataRole.UserRole + 11
#: The user-editable field a row shows (see ``domain.annotations``), for "Edit field…".
FIELD_ROLE = Qt.ItemDataRole.UserRole + 12

_INCOMING = {
    LinkKind.AMENDS: "amended by",
    LinkKind.CITES: "cited by",
    LinkKind.REPORTS_ON: "reported on by",
    LinkKind.IMPLEMENTS: "implemented by",
}


def make_fact_tree(name: str, headers: list[str], *, grouped: bool = False) -> QTreeWidget:
    """A read-only, row-selecting list with an accessible name."""
    tree = QTreeWidget()
    tree.setObjectName(name.lower().replace(" ", "_"))
    tree.setAccessibleName(name)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(grouped)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setAllColumnsShowFocus(True)
    tree.setSelectionMode(QTreeWidget.SelectionMode.SingleSelection)
    tree.header().setStretchLastSection(True)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return tree


def _fit_columns(tree: QTreeWidget) -> None:
    """Size all but the last column to their contents (the lists are short)."""
    for column in range(tree.columnCount() - 1):
        tree.resizeColumnToContents(column)


def _row(values: Iterable[str], span: FactSpan | None) -> QTreeWidgetItem:
    item = QTreeWidgetItem([*values])
    item.setData(0, SPAN_ROLE, span)
    if span is not None:
        where = f"Click to show it in the {span.lang.value.upper()} text"
        for column in range(item.columnCount()):
            item.setToolTip(column, item.toolTip(column) or where)
    return item


def fill_events(tree: QTreeWidget, events: Iterable[EventView]) -> None:
    """Events by date, unknown dates last; derived ones italic with their rule as tooltip."""
    tree.clear()
    warning = tree.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    ordered = sorted(events, key=lambda e: (e.date is None, e.date or 0, e.kind.value))
    for event in ordered:
        basis = "derived" if event.derived else "stated"
        if event.needs_review:
            basis += " · needs review"
        item = _row(
            [
                words(event.kind),
                precise_date(event.date, event.precision),
                basis,
                event.lang.value.upper(),
                event.label or "",
            ],
            span_of("event", event),
        )
        item.setData(0, FIELD_ROLE, event_field(event.kind))
        if event.derived:
            font = QFont(item.font(0))
            font.setItalic(True)
            for column in range(3):
                item.setFont(column, font)
            item.setToolTip(2, f"Derived: {event.rule or 'rule not recorded'}")
        if event.needs_review:
            item.setIcon(2, warning)
            item.setToolTip(
                2, f"{item.toolTip(2)}\nNeeds review (confidence {event.confidence:.0%})"
            )
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        tree.addTopLevelItem(item)
    _fit_columns(tree)


def fill_quantities(tree: QTreeWidget, quantities: Iterable[QuantityView]) -> None:
    """Quantities under one heading per kind, in text order within a kind."""
    tree.clear()
    quantities = list(quantities)
    field_names = {
        id(q): name for q, name in zip(quantities, quantity_fields(quantities), strict=True)
    }
    ordered = sorted(quantities, key=lambda q: (q.kind.value, q.start or 0))
    for kind, group in groupby(ordered, key=lambda q: q.kind):
        members = list(group)
        heading = QTreeWidgetItem([f"{words(kind)} ({len(members)})"])
        heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = QFont(heading.font(0))
        font.setBold(True)
        heading.setFont(0, font)
        tree.addTopLevelItem(heading)
        heading.setFirstColumnSpanned(True)
        for quantity in members:
            item = _row(
                [
                    quantity_value(quantity.value, quantity.value_max, quantity.qualifier),
                    quantity.unit,
                    quantity.condition or "",
                    quantity.lang.value.upper(),
                    quantity.text,
                ],
                span_of("quantity", quantity),
            )
            item.setData(0, FIELD_ROLE, field_names[id(quantity)])
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, f"Qualifier: {qualifier_words(quantity.qualifier)}")
            if quantity.needs_review:
                item.setIcon(
                    0, tree.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
                )
            heading.addChild(item)
    tree.expandAll()
    _fit_columns(tree)


def fill_references(tree: QTreeWidget, references: Iterable[ReferenceView]) -> None:
    tree.clear()
    for reference in sorted(references, key=lambda r: (r.start is None, r.start or 0)):
        item = _row(
            [
                words(reference.kind),
                reference.text,
                reference.lang.value.upper(),
                reference.normalized,
            ],
            span_of("reference", reference),
        )
        tree.addTopLevelItem(item)
    _fit_columns(tree)


def fill_links(tree: QTreeWidget, links: Iterable[LinkView]) -> None:
    """Links in both directions; those to a stored measure look and act like hyperlinks."""
    tree.clear()
    link_colour = tree.palette().color(QPalette.ColorRole.Link)
    for link in sorted(links, key=lambda k: (not k.outgoing, k.kind.value, k.other_title)):
        relation = words(link.kind).lower() if link.outgoing else _INCOMING[link.kind]
        target = link.other_title + (f" ({link.other_key})" if link.other_key else "")
        item = QTreeWidgetItem([relation, target])
        item.setData(0, LINK_ROLE, link.other_id)
        if link.other_id is not None:
            font = QFont(item.font(1))
            font.setUnderline(True)
            item.setFont(1, font)
            item.setForeground(1, link_colour)
            item.setToolTip(1, "Open this measure")
        else:
            item.setToolTip(1, "This measure is not in the store")
        tree.addTopLevelItem(item)
    _fit_columns(tree)
