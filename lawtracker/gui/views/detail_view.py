"""One measure in full: its facts, and the source text with every fact marked."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lawtracker.domain.catalog import MeasureDetail
from lawtracker.domain.enums import Language
from lawtracker.gui.labels import LANGUAGE_NAMES, words
from lawtracker.gui.views.fact_lists import (
    LINK_ROLE,
    SPAN_ROLE,
    fill_events,
    fill_links,
    fill_quantities,
    fill_references,
    make_fact_tree,
)
from lawtracker.gui.views.text_spans import (
    FactSpan,
    OffsetMap,
    extra_selections,
    legend_html,
    local_span,
    shown_spans,
)

EMPTY_MESSAGE = "Select a measure to see its facts and source text"


def _plain_label(name: str) -> QLabel:
    """A label that never interprets document text as HTML."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    return label


class MeasureDetailView(QWidget):
    """Header, fact lists and the highlighted source text of one :class:`MeasureDetail`.

    Clicking a fact selects its span in the text (switching language if the
    fact was read in the other one). Only facts of the shown language are marked.

    Signals:
        measureActivated(int): a link to another stored measure was clicked.
    """

    measureActivated = Signal(int)  # noqa: N815 (Qt naming)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Measure detail")
        self._detail: MeasureDetail | None = None
        self._language: Language | None = None
        self._preferred = Language.EN
        self._offsets = OffsetMap("")
        self._search_terms: list[str] = []

        self.empty_label = QLabel(EMPTY_MESSAGE)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.title_label = _plain_label("Measure title")
        title_font = QFont(self.title_label.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        self.title_label.setFont(title_font)
        self.meta_label = _plain_label("Instrument, number, authority and jurisdiction")
        self.summary_label = _plain_label("Summary")

        self.events_table = make_fact_tree("Events", ["Event", "Date", "Basis", "Text", "Label"])
        self.quantities_table = make_fact_tree(
            "Quantities", ["Value", "Unit", "Condition", "Text", "As written"], grouped=True
        )
        self.references_table = make_fact_tree(
            "References", ["Kind", "Reference", "Text", "Normalised"]
        )
        self.links_table = make_fact_tree("Links", ["Relation", "Measure"])
        self.fact_tabs = QTabWidget()
        self.fact_tabs.setAccessibleName("Facts")
        for tree in (self.events_table, self.quantities_table, self.references_table):
            tree.itemClicked.connect(self._on_fact_item)
            tree.currentItemChanged.connect(self._on_fact_item)
        self.links_table.itemClicked.connect(self._on_link_clicked)
        self.links_table.itemActivated.connect(self._on_link_activated)

        self.language_switch = QComboBox()
        self.language_switch.setAccessibleName("Text language")
        for language in (Language.EN, Language.AZ):
            self.language_switch.addItem(LANGUAGE_NAMES[language], language)
        self.language_switch.currentIndexChanged.connect(self._on_language_chosen)
        self.source_label = _plain_label("Source document")
        self.source_label.setWordWrap(False)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setAccessibleName("Highlight colours")
        self.text_edit = QPlainTextEdit()
        self.text_edit.setReadOnly(True)
        self.text_edit.setUndoRedoEnabled(False)
        self.text_edit.setAccessibleName("Source text")
        self.text_edit.setPlaceholderText("No source text is stored for this measure.")
        self.text_edit.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )

        self._build_layout()
        self.set_detail(None)

    def _build_layout(self) -> None:
        text_bar = QHBoxLayout()
        text_bar.addWidget(QLabel("Text:"))
        text_bar.addWidget(self.language_switch)
        text_bar.addWidget(self.source_label, 1)
        text_bar.addWidget(self.legend)
        text_panel = QWidget()
        text_layout = QVBoxLayout(text_panel)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.addLayout(text_bar)
        text_layout.addWidget(self.text_edit)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.fact_tabs)
        self.splitter.addWidget(text_panel)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([280, 420])

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.splitter, 1)

        self._stack = QStackedWidget()
        self._stack.addWidget(self.empty_label)
        self._stack.addWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addWidget(self._stack)

    # -- public API ------------------------------------------------------------------

    def detail(self) -> MeasureDetail | None:
        return self._detail

    def shown_language(self) -> Language | None:
        return self._language

    def set_detail(self, detail: MeasureDetail | None) -> None:
        """Show a measure, or the empty state for ``None``."""
        self._detail = detail
        self._stack.setCurrentIndex(0 if detail is None else 1)
        if detail is None:
            self._language = None
            self.text_edit.clear()
            return
        self.title_label.setText(detail.title)
        parts = [words(detail.instrument)]
        parts += [f"No. {detail.number}"] if detail.number else []
        parts += [detail.authority] if detail.authority else []
        parts.append(detail.jurisdiction)
        self.meta_label.setText(" · ".join(parts))
        summary = detail.summary if detail.summary and detail.summary != detail.title else ""
        self.summary_label.setText(summary)
        self.summary_label.setVisible(bool(summary))
        # Refilling moves the current item; that is not the user picking a fact.
        blockers = [QSignalBlocker(tree) for tree in self._trees()]
        fill_events(self.events_table, detail.events)
        fill_quantities(self.quantities_table, detail.quantities)
        fill_references(self.references_table, detail.references)
        fill_links(self.links_table, detail.links)
        for blocker in blockers:
            blocker.unblock()
        self._fill_tabs(detail)
        has_both = Language.EN in detail.texts and Language.AZ in detail.texts
        self.language_switch.setEnabled(has_both)
        self.language_switch.setToolTip(
            "" if has_both else "The text is stored in one language only"
        )
        language = (
            self._preferred if self._preferred in detail.texts else next(iter(detail.texts), None)
        )
        self._show_text(language)

    def show_language(self, language: Language) -> bool:
        """Show the text in ``language`` if this measure has it."""
        if self._detail is None or language not in self._detail.texts:
            return False
        self._preferred = language
        self._show_text(language)
        return True

    def set_search_terms(self, terms: list[str]) -> None:
        """Mark these words (case-insensitive, as word prefixes) in the source text."""
        self._search_terms = list(terms)
        self._apply_highlights()

    def select_span(self, span: FactSpan) -> bool:
        """Select and scroll to a fact's span; ``False`` if it is not in the stored text."""
        if self._detail is None or span.lang not in self._detail.texts:
            return False
        if span.lang != self._language:
            self.show_language(span.lang)
        local = local_span(span, self._detail.texts[span.lang])
        if local is None:
            return False
        cursor = QTextCursor(self.text_edit.document())
        cursor.setPosition(self._offsets(local[0]))
        cursor.setPosition(self._offsets(local[1]), QTextCursor.MoveMode.KeepAnchor)
        self.text_edit.setTextCursor(cursor)
        self.text_edit.centerCursor()
        return True

    # -- internals -------------------------------------------------------------------

    def _trees(self) -> tuple[QTreeWidget, ...]:
        return self.events_table, self.quantities_table, self.references_table, self.links_table

    def _fill_tabs(self, detail: MeasureDetail) -> None:
        current = self.fact_tabs.currentIndex()
        self.fact_tabs.clear()
        for tree, name, count in (
            (self.events_table, "Events", len(detail.events)),
            (self.quantities_table, "Quantities", len(detail.quantities)),
            (self.references_table, "References", len(detail.references)),
            (self.links_table, "Links", len(detail.links)),
        ):
            self.fact_tabs.addTab(tree, f"{name} ({count})")
        self.fact_tabs.setCurrentIndex(max(current, 0))

    def _show_text(self, language: Language | None) -> None:
        self._language = language
        index = self.language_switch.findData(language) if language else -1
        self.language_switch.blockSignals(True)
        self.language_switch.setCurrentIndex(max(index, 0))
        self.language_switch.blockSignals(False)
        source = self._detail.texts.get(language) if self._detail and language else None
        text = source.text if source else ""
        self._offsets = OffsetMap(text)
        self.text_edit.setPlainText(text)
        self.source_label.setText(f"from {source.source_name}" if source else "")
        self.source_label.setToolTip(source.source_name if source else "")
        self._apply_highlights()

    def _apply_highlights(self) -> None:
        detail, language = self._detail, self._language
        spans = []
        if detail is not None and language in detail.texts:
            spans = shown_spans(detail, language, self._search_terms)
        palette = self.text_edit.palette()
        document = self.text_edit.document()
        self.text_edit.setExtraSelections(extra_selections(document, self._offsets, spans, palette))
        self.legend.setText(legend_html(palette))

    def _on_language_chosen(self, index: int) -> None:
        language = self.language_switch.itemData(index)
        if language is not None:
            self.show_language(Language(language))

    def _on_fact_item(self, item: QTreeWidgetItem | None, *_: object) -> None:
        span = item.data(0, SPAN_ROLE) if item is not None else None
        if isinstance(span, FactSpan):
            self.select_span(span)

    def _on_link_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        # Styles that activate on single click already emit itemActivated for this click.
        style = self.links_table.style()
        hint = style.StyleHint.SH_ItemView_ActivateItemOnSingleClick
        if not style.styleHint(hint, None, self.links_table):
            self._on_link_activated(item)

    def _on_link_activated(self, item: QTreeWidgetItem, *_: object) -> None:
        other_id = item.data(0, LINK_ROLE)
        if other_id is not None:
            self.measureActivated.emit(int(other_id))

    def changeEvent(self, event: QEvent) -> None:
        """Re-derive highlight and link colours when the palette changes (dark mode)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._detail is not None:
            self.set_detail(self._detail)
