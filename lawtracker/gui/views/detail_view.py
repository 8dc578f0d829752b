"""One measure in full: its facts, and the source text with every fact marked."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QFont, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lawtracker.domain.annotations import (
    NUMBER,
    TITLE,
    AnchorInput,
    AnchorState,
    AnnotationView,
    EditView,
)
from lawtracker.domain.catalog import MeasureDetail
from lawtracker.domain.enums import Language
from lawtracker.gui.annotations.list_widget import AnnotationList
from lawtracker.gui.colours import blend, turned
from lawtracker.gui.labels import (
    LANGUAGE_NAMES,
    LOW_CONFIDENCE_WARNING,
    ROLE_NAMES,
    jurisdiction_name,
    words,
)
from lawtracker.gui.views.fact_lists import (
    FIELD_ROLE,
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
        annotateRequested(): the Annotate button was pressed.
        annotateSelectionRequested(): "Annotate selection" in the text's context menu.
        fieldEditRequested(str): a field (``domain.annotations`` name, ``""``: any) to correct.
    """

    measureActivated = Signal(int)  # noqa: N815 (Qt naming)
    annotateRequested = Signal()  # noqa: N815
    annotateSelectionRequested = Signal()  # noqa: N815
    fieldEditRequested = Signal(str)  # noqa: N815
    openOriginalRequested = Signal(int)  # noqa: N815 (the source id whose original to open)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Measure detail")
        self._detail: MeasureDetail | None = None
        self._language: Language | None = None
        self._preferred = Language.EN
        self._offsets = OffsetMap("")
        self._search_terms: list[str] = []
        self._annotations: list[AnnotationView] = []
        self._edits: dict[str, EditView] = {}

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
        self.role_label = _plain_label("Role in the document and extraction confidence")

        self.events_table = make_fact_tree("Events", ["Event", "Date", "Basis", "Text", "Label"])
        self.quantities_table = make_fact_tree(
            "Quantities", ["Value", "Unit", "Condition", "Text", "As written"], grouped=True
        )
        self.references_table = make_fact_tree(
            "References", ["Kind", "Reference", "Text", "Normalised"]
        )
        self.links_table = make_fact_tree("Links", ["Relation", "Measure"])
        self.annotation_list = AnnotationList()
        self.annotation_list.spanRequested.connect(self.select_annotation_span)
        self.annotate_button = QPushButton("&Annotate…")
        self.annotate_button.setAccessibleName("Annotate this measure")
        self.annotate_button.setToolTip("Add a note, tags, a review status (Ctrl+E)")
        self.annotate_button.clicked.connect(self.annotateRequested)
        self.edit_field_button = QPushButton("Correct a &field…")
        self.edit_field_button.setAccessibleName("Correct an extracted field")
        self.edit_field_button.setToolTip("Fix a title, number, date or quantity read wrongly")
        self.edit_field_button.clicked.connect(lambda: self.fieldEditRequested.emit(""))
        self.annotate_selection_action = QAction("Annotate &selection…", self)
        self.annotate_selection_action.setStatusTip("Attach an annotation to the selected text")
        self.annotate_selection_action.triggered.connect(self.annotateSelectionRequested)
        self.fact_tabs = QTabWidget()
        self.fact_tabs.setAccessibleName("Facts")
        for tree in (self.events_table, self.quantities_table, self.references_table):
            tree.itemClicked.connect(self._on_fact_item)
            tree.currentItemChanged.connect(self._on_fact_item)
        self.links_table.itemClicked.connect(self._on_link_clicked)
        self.links_table.itemActivated.connect(self._on_link_activated)
        for tree in (self.events_table, self.quantities_table):
            tree.itemDoubleClicked.connect(self._on_fact_double_clicked)

        self.language_switch = QComboBox()
        self.language_switch.setAccessibleName("Text language")
        for language in Language:
            self.language_switch.addItem(LANGUAGE_NAMES[language], language)
        self.language_switch.currentIndexChanged.connect(self._on_language_chosen)
        self.source_label = _plain_label("Source document")
        self.source_label.setWordWrap(False)
        self.open_original_button = QPushButton("Open &original")
        self.open_original_button.setAccessibleName("Open original")
        self.open_original_button.setToolTip(
            "Open the imported file (the copy kept in lawtracker's data folder) "
            "with the system's viewer"
        )
        self.open_original_button.setEnabled(False)
        self.open_original_button.clicked.connect(self._open_original)
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
        self.text_edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text_edit.customContextMenuRequested.connect(self._text_menu)
        self.text_edit.copyAvailable.connect(self.annotate_selection_action.setEnabled)
        self.annotate_selection_action.setEnabled(False)
        for label in (self.title_label, self.meta_label):
            label.installEventFilter(self)
            label.setToolTip("Double-click to correct it")

        self._build_layout()
        self.set_detail(None)

    def _build_layout(self) -> None:
        text_bar = QHBoxLayout()
        text_bar.addWidget(QLabel("Text:"))
        text_bar.addWidget(self.language_switch)
        text_bar.addStretch(1)
        text_bar.addWidget(self.legend)
        source_bar = QHBoxLayout()  # its own row: long file names and the button both fit
        source_bar.addWidget(self.source_label, 1)
        source_bar.addWidget(self.open_original_button)
        text_panel = QWidget()
        text_layout = QVBoxLayout(text_panel)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.addLayout(text_bar)
        text_layout.addLayout(source_bar)
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
        # Title and metadata get the whole width; the buttons have a row of their own,
        # so a long title is not squeezed into a narrow column beside them.
        layout.addWidget(self.title_label)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.role_label)
        layout.addWidget(self.summary_label)
        self._header = QHBoxLayout()
        self._header.addStretch(1)
        self._header.addWidget(self.edit_field_button)
        self._header.addWidget(self.annotate_button)
        layout.addLayout(self._header)
        layout.addWidget(self.splitter, 1)

        self._stack = QStackedWidget()
        self._stack.addWidget(self.empty_label)
        self._stack.addWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addWidget(self._stack)

    # -- public API ------------------------------------------------------------------

    def add_header_button(self, button: QPushButton) -> None:
        """Put a tool's button beside Annotate… (the view stays unaware of the tools)."""
        self._header.insertWidget(1, button)

    def detail(self) -> MeasureDetail | None:
        return self._detail

    def shown_language(self) -> Language | None:
        return self._language

    def set_detail(self, detail: MeasureDetail | None) -> None:
        """Show a measure, or the empty state for ``None``.

        Annotations and edits of another measure are dropped; the owner then calls
        :meth:`set_annotations` with this measure's.
        """
        if detail is None or self._detail is None or detail.key != self._detail.key:
            self._annotations, self._edits = [], {}
            self.annotation_list.set_annotations([])
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
        parts.append(jurisdiction_name(detail.jurisdiction))
        self.meta_label.setText(" · ".join(parts))
        self._show_role(detail)
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
        self._mark_edited()
        several = len(detail.texts) > 1
        self.language_switch.setEnabled(several)
        self.language_switch.setToolTip(
            "" if several else "The text is stored in one language only"
        )
        language = (
            self._preferred if self._preferred in detail.texts else next(iter(detail.texts), None)
        )
        self._show_text(language)

    def _show_role(self, detail: MeasureDetail) -> None:
        """What the document does with the measure; a low extraction confidence says so."""
        text = f"Role: {ROLE_NAMES[detail.role]}"
        if detail.low_confidence:
            text += f" · {LOW_CONFIDENCE_WARNING} (confidence {detail.confidence:.0%})"
        self.role_label.setText(text)
        font = QFont(self.meta_label.font())
        font.setBold(detail.low_confidence)
        self.role_label.setFont(font)
        self.role_label.setToolTip(
            "The extractor is not sure it read this measure right: compare it with the source."
            if detail.low_confidence
            else ""
        )

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

    def set_annotations(
        self, annotations: Sequence[AnnotationView], edits: Sequence[EditView] = ()
    ) -> None:
        """The shown measure's live annotations (listed, spans highlighted) and corrections."""
        self._annotations = [a for a in annotations if not a.deleted]
        self._edits = {e.field: e for e in edits}
        self.annotation_list.set_annotations(self._annotations)
        index = self.fact_tabs.indexOf(self.annotation_list)
        if index >= 0:
            self.fact_tabs.setTabText(index, f"Annotations ({len(self._annotations)})")
        self._mark_edited()
        self._apply_highlights()

    def annotations(self) -> list[AnnotationView]:
        return list(self._annotations)

    def show_annotations_tab(self) -> None:
        self.fact_tabs.setCurrentWidget(self.annotation_list)

    def selection_anchor(self) -> AnchorInput | None:
        """The selected source text as an anchor (offsets in the whole source), if any."""
        if self._detail is None or self._language not in self._detail.texts:
            return None
        cursor = self.text_edit.textCursor()
        if not cursor.hasSelection():
            return None
        source = self._detail.texts[self._language]
        start = self._index_of(cursor.selectionStart())
        end = self._index_of(cursor.selectionEnd())
        quote = source.text[start:end]
        if not quote.strip():
            return None
        return AnchorInput(source.source_id, source.start + start, source.start + end, quote)

    def annotation_spans(self) -> list[tuple[int, int]]:
        """Local spans (in the shown text) of the attached annotations, for highlighting."""
        if self._detail is None or self._language not in self._detail.texts:
            return []
        source = self._detail.texts[self._language]
        spans = []
        for view in self._annotations:
            anchor = view.anchor
            if anchor is None or anchor.state != AnchorState.ATTACHED:
                continue
            if anchor.source_id != source.source_id or anchor.start is None or anchor.end is None:
                continue
            start, end = anchor.start - source.start, anchor.end - source.start
            if 0 <= start < end <= len(source.text):
                spans.append((start, end))
        return spans

    def select_annotation_span(self, annotation_id: int) -> bool:
        """Select and scroll to an annotation's span, switching language if needed."""
        view = next((a for a in self._annotations if a.id == annotation_id), None)
        anchor = view.anchor if view is not None else None
        if self._detail is None or anchor is None or anchor.state != AnchorState.ATTACHED:
            return False
        if anchor.start is None or anchor.end is None:
            return False
        # Both languages may be slices of one source: pick the slice holding the span,
        # the shown language first.
        order = sorted(self._detail.texts.items(), key=lambda item: item[0] != self._language)
        found = next(
            (
                (language, anchor.start - source.start, anchor.end - source.start)
                for language, source in order
                if source.source_id == anchor.source_id
                and 0 <= anchor.start - source.start < anchor.end - source.start <= len(source.text)
            ),
            None,
        )
        if found is None:
            return False
        language, start, end = found
        if language != self._language:
            self.show_language(language)
        cursor = QTextCursor(self.text_edit.document())
        cursor.setPosition(self._offsets(start))
        cursor.setPosition(self._offsets(end), QTextCursor.MoveMode.KeepAnchor)
        self.text_edit.setTextCursor(cursor)
        self.text_edit.centerCursor()
        return True

    # -- internals -------------------------------------------------------------------

    def _index_of(self, position: int) -> int:
        """The Python string index of a document position (inverse of the offset map)."""
        text = self._detail.texts[self._language].text if self._detail and self._language else ""
        positions = _Positions(self._offsets, len(text))
        return min(bisect_left(positions, position), len(text))

    def _mark_edited(self) -> None:
        """Italic and a tooltip on every value a user corrected."""
        detail = self._detail
        if detail is None:
            return

        def tip(field: str) -> str:
            edit = self._edits.get(field)
            original = edit.original if edit is not None and edit.original else "none"
            who = f" ({edit.author})" if edit is not None else ""
            return f"edited by user{who}; extracted value: {original}"

        for label, fields in ((self.title_label, (TITLE,)), (self.meta_label, (NUMBER,))):
            edited = [f for f in fields if f in detail.edited]
            font = QFont(label.font())
            font.setItalic(bool(edited))
            label.setFont(font)
            label.setToolTip(
                "\n".join(tip(f) for f in edited) if edited else "Double-click to correct it"
            )
        for tree in (self.events_table, self.quantities_table):
            for item in _all_items(tree):
                field = item.data(0, FIELD_ROLE)
                if field in detail.edited:
                    font = QFont(item.font(0))
                    font.setItalic(True)
                    for column in range(tree.columnCount()):
                        item.setFont(column, font)
                        item.setToolTip(column, tip(field))

    def _text_menu(self, pos: QPoint) -> None:
        menu = self.text_edit.createStandardContextMenu(pos)
        menu.addSeparator()
        self.annotate_selection_action.setEnabled(self.selection_anchor() is not None)
        menu.addAction(self.annotate_selection_action)
        menu.exec(self.text_edit.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _on_fact_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        field = item.data(0, FIELD_ROLE)
        if field:
            self.fieldEditRequested.emit(str(field))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonDblClick and self._detail is not None:
            if watched is self.title_label:
                self.fieldEditRequested.emit(TITLE)
                return True
            if watched is self.meta_label:
                self.fieldEditRequested.emit(NUMBER)
                return True
        return super().eventFilter(watched, event)

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
            (self.annotation_list, "Annotations", len(self._annotations)),
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
        self.open_original_button.setEnabled(source is not None)
        self._apply_highlights()

    def _open_original(self) -> None:
        detail, language = self._detail, self._language
        source = detail.texts.get(language) if detail is not None and language else None
        if source is not None:
            self.openOriginalRequested.emit(source.source_id)

    def _apply_highlights(self) -> None:
        detail, language = self._detail, self._language
        spans = []
        if detail is not None and language in detail.texts:
            spans = shown_spans(detail, language, self._search_terms)
        palette = self.text_edit.palette()
        document = self.text_edit.document()
        selections = extra_selections(document, self._offsets, spans, palette)
        note_format = annotation_format(palette)
        for start, end in self.annotation_spans():
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(self._offsets(start))
            cursor.setPosition(self._offsets(end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = note_format  # type: ignore[attr-defined]
            selections.append(selection)
        self.text_edit.setExtraSelections(selections)
        text = palette.color(QPalette.ColorRole.Text).name()
        chip = annotation_colour(palette).name()
        self.legend.setText(
            legend_html(palette)
            + f' <span style="background:{chip}; color:{text}">&nbsp;annotation&nbsp;</span>'
        )

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


def annotation_colour(palette: QPalette):
    """The tint of annotated spans: the accent turned away from the fact tints."""
    base = palette.color(QPalette.ColorRole.Base)
    accent = palette.color(QPalette.ColorRole.Highlight)
    strength = 0.5 if base.lightnessF() < 0.5 else 0.32
    return blend(turned(accent, 120), base, strength)


def annotation_format(palette: QPalette) -> QTextCharFormat:
    """Annotated spans: their tint plus a dotted underline, so they read even over a fact tint."""
    fmt = QTextCharFormat()
    fmt.setBackground(annotation_colour(palette))
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    fmt.setUnderlineColor(palette.color(QPalette.ColorRole.Text))
    fmt.setProperty(QTextCharFormat.Property.UserProperty, "annotation")
    return fmt


class _Positions(Sequence[int]):
    """Document positions of every string index, lazily (bisect needs only ``__getitem__``)."""

    def __init__(self, offsets: OffsetMap, length: int) -> None:
        self._offsets = offsets
        self._length = length + 1

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):  # type: ignore[override]
        return self._offsets(index)


def _all_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    items = []
    for row in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(row)
        if top is None:
            continue
        items.append(top)
        items.extend(top.child(i) for i in range(top.childCount()))
    return items
