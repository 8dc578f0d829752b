"""Document and note text is shown as text: no markup consumed, no resource loaded.

A note and a document title carry ``<img src="file:///…">`` and ``<b>x</b>``; every
tooltip and label that shows them must show those characters, and nothing may make
Qt read the referenced file (a real PNG here, so that loading it would be visible).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QUrl
from PySide6.QtGui import QColor, QHelpEvent, QImage, Qt, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTextBrowser, QToolTip, QWidget

from lawtracker.domain.annotations import AnnotationInput
from lawtracker.domain.catalog import TimelineItem
from lawtracker.domain.enums import EventKind, Instrument
from lawtracker.gui.annotations.dialog import AnnotateDialog
from lawtracker.gui.annotations.history import HistoryDialog
from lawtracker.gui.annotations.texts import render_note
from lawtracker.gui.main_window import MainWindow
from lawtracker.gui.safe_text import (
    SafeTextBrowser,
    install_plain_tooltips,
    literal,
    looks_like_markup,
)
from lawtracker.gui.views.timeline_view import TimelineView

from .annotation_helpers import open_window, show_decree

BOLD = "<b>x</b>"
# Showing a tooltip asks the offscreen platform to raise its window.
shows_tooltips = pytest.mark.qt_log_ignore(
    r"This plugin does not support raise\(\)", r"This plugin does not support propagateSizeHints"
)
SHOTS = Path("/tmp/lawtracker-shots")


@pytest.fixture
def secret_png(tmp_path: Path) -> QUrl:
    """A real local image: a renderer that loads resources would read it."""
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    path = tmp_path / "secret.png"
    assert image.save(str(path))
    return QUrl.fromLocalFile(str(path))


def hostile(url: QUrl) -> str:
    return (
        f'{BOLD} <img src="{url.toString()}"> ![x]({url.toString()}) <img src="file:///etc/passwd">'
    )


@pytest.fixture
def window(qtbot, seeded_engine, seeded_db: Path, tmp_path: Path) -> MainWindow:
    install_plain_tooltips(QApplication.instance())  # as app.run does
    return open_window(qtbot, seeded_engine, seeded_db, tmp_path / "settings.ini")


def tooltip_shown(widget: QWidget, pos: QPoint) -> str:
    """Send the real ToolTip event to ``widget`` at ``pos``; the text Qt then shows."""
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, widget.mapToGlobal(pos))
    QApplication.sendEvent(widget, event)
    return QToolTip.text()


def assert_literal(shown: str, raw: str) -> None:
    """Qt shows ``shown`` as rich text; rendered, it must read exactly ``raw``."""
    assert shown, "no tooltip was shown"
    assert rendered(shown) == raw
    assert "<img" not in shown and "<b>" not in shown


def test_the_markdown_preview_loads_no_image(qtbot, secret_png: QUrl) -> None:
    note = hostile(secret_png)
    plain = QTextBrowser()  # what we had: Qt fetches the image on layout
    qtbot.addWidget(plain)
    render_note(plain.document(), note)
    plain.document().size()  # lays out
    assert plain.document().resource(QTextDocument.ResourceType.ImageResource, secret_png)

    dialog = AnnotateDialog(None, measure_title=BOLD)
    qtbot.addWidget(dialog)
    dialog.note_edit.setPlainText(note)
    dialog.show()
    qtbot.waitExposed(dialog)
    document = dialog.preview.document()
    document.size()
    assert isinstance(dialog.preview, SafeTextBrowser)
    loaded = document.resource(QTextDocument.ResourceType.ImageResource, secret_png)
    assert loaded.size().width() == 1  # the blank pixel, not the 8x8 secret
    assert secret_png in dialog.preview.refused  # asked for, and refused
    assert "<b>x</b>" in document.toPlainText()  # raw HTML stays text
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "annotate-hostile-note.png"))


def test_history_preview_loads_no_image(qtbot, seeded_engine, secret_png: QUrl) -> None:
    from lawtracker.services.annotations import Annotations

    service = Annotations(seeded_engine, author="a")
    saved = service.create("az/decree/1913", AnnotationInput(note=hostile(secret_png)))
    dialog = HistoryDialog(None, versions=service.history(saved.id))
    qtbot.addWidget(dialog)
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    dialog.preview.document().size()
    resource = dialog.preview.document().resource(
        QTextDocument.ResourceType.ImageResource, secret_png
    )
    assert resource.size().width() == 1  # the blank pixel, not the 8x8 secret


@shows_tooltips
def test_window_shows_hostile_title_and_note_literally(
    window: MainWindow, qtbot, secret_png: QUrl, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    detail = show_decree(window)
    title = hostile(secret_png)
    assert window.annotations is not None
    window.annotations.edit_field(detail.key, "title", title)
    window.annotations.create(detail.key, AnnotationInput(note=title))
    window._annotations_changed(detail.key)  # as after a save in the window
    window.select_measure(detail.id)

    # Labels: every label showing the text shows it as plain text.
    labels = [w for w in window.findChildren(QLabel) if "<img" in w.text()]
    assert labels, "the title is shown somewhere"
    for label in labels:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.accessibleName()

    # The list's title tooltip.
    table = window.list_pane.table
    row = window.model.row_of_id(detail.id)
    assert row is not None
    index = window.model.index(row, 0)
    table.scrollTo(index)
    assert_literal(tooltip_shown(table.viewport(), table.visualRect(index).center()), title)

    # The annotation list's note tooltip.
    tree = window.detail.annotation_list.tree
    item = tree.topLevelItem(0)
    assert item is not None
    rect = tree.visualItemRect(item)
    pos = QPoint(tree.header().sectionPosition(5) + 5, rect.center().y())
    assert_literal(tooltip_shown(tree.viewport(), pos), title)
    QToolTip.hideText()


@shows_tooltips
def test_timeline_tooltip_is_literal(qtbot, secret_png: QUrl) -> None:
    view = TimelineView(today=dt.date(2025, 6, 1))
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    title = hostile(secret_png)
    item = TimelineItem(
        measure_id=1,
        measure_title=title,
        instrument=Instrument.DECREE,
        jurisdiction="AZ",
        kind=EventKind.SIGNED,
        start=dt.date(2024, 3, 1),
        end=None,
        derived=False,
        label="",
    )
    view.set_items([item])
    view.fit_all()
    pos = view.mapFromScene(view.item_scene_pos(item))
    shown = tooltip_shown(view.viewport(), pos)
    assert title in rendered(shown)
    assert "<img" not in shown
    QToolTip.hideText()


def rendered(shown: str) -> str:
    """What Qt displays for a tooltip text: rich text rendered, plain text as is."""
    document = QTextDocument()
    if Qt.mightBeRichText(shown):
        document.setHtml(shown)
    else:
        document.setPlainText(shown)
    return document.toPlainText()


def test_literal_is_idempotent_and_leaves_plain_text_alone() -> None:
    assert literal("a plain note, 5 > 3") == "a plain note, 5 > 3"
    once = literal(BOLD)
    assert looks_like_markup(BOLD) and not looks_like_markup(once)
    assert literal(once) == once


@shows_tooltips
def test_any_widget_tooltip_with_markup_is_shown_literally(qtbot) -> None:
    install_plain_tooltips(QApplication.instance())
    widget = QLabel("hover me")
    widget.setToolTip(BOLD)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    assert_literal(tooltip_shown(widget, QPoint(2, 2)), BOLD)
    QToolTip.hideText()
