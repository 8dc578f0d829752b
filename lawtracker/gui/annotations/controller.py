"""The window's annotation use cases: dialogs in, service calls out, undo commands on the stack.

The dialog modules are imported by the methods that open them: the window does
not need them to start (issue 3's start-up budget).

Saves are synchronous on the GUI thread: each is one small transaction, and an
undo command must have finished before the next one is pushed. A conflict
with another instance's save opens :class:`ConflictDialog`; nothing is
overwritten or dropped without the user choosing it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from lawtracker.domain.annotations import (
    AnchorInput,
    AnnotationConflict,
    AnnotationView,
    EditView,
)
from lawtracker.domain.catalog import MeasureDetail
from lawtracker.errors import UserFacingError
from lawtracker.gui.annotations.commands import (
    CreateAnnotation,
    DeleteAnnotation,
    EditAnnotation,
    Hooks,
    VersionBook,
)
from lawtracker.gui.dialogs.save_failure import report_failure
from lawtracker.gui.settings import WindowSettings
from lawtracker.services.annotation_io import ImportReport
from lawtracker.services.annotations import Annotations, default_author

JSON_FILTER = "Annotations (*.json)"
PDF_FILTER = "PDF (*.pdf)"
REPORT_TITLE = "lawtracker review report"


@dataclass(frozen=True)
class AnnotationFiles:
    """Annotation export/import on the store (``services.annotation_io`` bound to the engine)."""

    export_to: Callable[[Path], int]
    import_from: Callable[[Path], ImportReport]


class AnnotationController(QObject):
    """Opens the annotation dialogs for the window and records every save on ``undo_stack``.

    Args:
        window: parent of the dialogs.
        service: the annotation service (saves under ``service.author``).
        settings: where the author name is kept.
        files: export/import of annotation files; ``None`` hides those menu entries.
        undo_stack: the window's undo stack (Edit ▸ Undo); a private one if ``None``.

    Signals:
        changed(str): annotations or edits of this measure key changed (refresh it).
        storeChanged(): many measures may have changed (after an import).
        message(str): a status-bar line.
    """

    changed = Signal(str)
    storeChanged = Signal()  # noqa: N815 (Qt naming)
    message = Signal(str)

    def __init__(
        self,
        window: QWidget,
        *,
        service: Annotations,
        settings: WindowSettings,
        files: AnnotationFiles | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.service = service
        self.settings = settings
        self.files = files
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self._shown: dict[int, AnnotationView] = {}
        self.hooks = Hooks(service, VersionBook(), self._changed, self._undo_failed)
        saved_author = settings.author()
        if saved_author:
            service.author = saved_author

    # -- reading for the detail view ---------------------------------------------------

    def annotations_for(self, measure_key: str) -> list[AnnotationView]:
        """Live annotations of a measure; remembered as "what the user saw" for deletes."""
        views = self.service.list_for(measure_key)
        self._shown = {v.id: v for v in views}
        return views

    def edits_for(self, measure_key: str) -> list[EditView]:
        return self.service.edits_for(measure_key)

    def known_tags(self) -> list[str]:
        return self.service.all_tags()

    # -- annotate, edit, delete ----------------------------------------------------------

    def annotate(self, detail: MeasureDetail, anchor: AnchorInput | None = None) -> bool:
        """Open the dialog for a new annotation (on a text span if ``anchor``); True if saved."""
        from lawtracker.gui.annotations.dialog import AnnotateDialog

        dialog = AnnotateDialog(
            self.window,
            measure_title=detail.title,
            known_tags=self.known_tags(),
            anchor=anchor,
            save=lambda data: self.service.create(detail.key, data),
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.saved is None:
            return False
        self._push(CreateAnnotation(self.hooks, dialog.saved))
        self.message.emit("Annotation saved")
        return True

    def edit(self, annotation_id: int, *, measure_title: str | None = None) -> bool:
        """Reopen the dialog on an annotation; the version read now is what the save expects."""
        try:
            before = self._shown.get(annotation_id) or self.service.get(annotation_id)
        except UserFacingError as exc:
            self._error("Cannot open the annotation", exc)
            return False
        from lawtracker.gui.annotations.dialog import AnnotateDialog

        dialog = AnnotateDialog(
            self.window,
            measure_title=measure_title or before.measure_key,
            known_tags=self.known_tags(),
            initial=before.as_input(),
            save=lambda data: self.service.update(
                annotation_id, data, expected_version=before.version
            ),
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        if dialog.conflict is not None:
            return self._resolve(dialog.conflict)
        self._push(EditAnnotation(self.hooks, before.as_input(), dialog.saved))
        self.message.emit("Annotation saved")
        return True

    def delete(self, annotation_id: int) -> bool:
        """Delete the annotation as the user last saw it (undoable)."""
        try:
            shown = self._shown.get(annotation_id) or self.service.get(annotation_id)
            saved = self.service.delete(annotation_id, expected_version=shown.version)
        except AnnotationConflict as conflict:
            return self._resolve(conflict)
        except UserFacingError as exc:
            self._error("Cannot delete the annotation", exc)
            return False
        self._push(DeleteAnnotation(self.hooks, saved))
        self.message.emit("Annotation deleted (Edit ▸ Undo brings it back)")
        return True

    def history(self, annotation_id: int) -> bool:
        """Show every version; restoring one saves it as the newest version (undoable)."""
        try:
            current = self.service.get(annotation_id)
            versions = self.service.history(annotation_id)
        except UserFacingError as exc:
            self._error("Cannot read the history", exc)
            return False
        from lawtracker.gui.annotations.history import HistoryDialog

        dialog = HistoryDialog(self.window, versions=versions)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen_version is None:
            return False
        try:
            saved = self.service.restore_version(
                annotation_id, dialog.chosen_version, expected_version=current.version
            )
        except AnnotationConflict as conflict:
            return self._resolve(conflict)
        except UserFacingError as exc:
            self._error("Cannot restore that version", exc)
            return False
        self._push(
            EditAnnotation(
                self.hooks,
                current.as_input(),
                saved,
                text=f"Restore version {dialog.chosen_version}",
            )
        )
        return True

    def _resolve(self, conflict: AnnotationConflict) -> bool:
        """Ask "keep both or overwrite" until it is saved, cancelled or fails."""
        from lawtracker.gui.annotations.conflict import Choice, ConflictDialog

        while True:
            dialog = ConflictDialog(self.window, conflict=conflict)
            dialog.exec()
            try:
                if dialog.choice == Choice.KEEP_BOTH:
                    saved = self.service.keep_both(conflict)
                    if conflict.mine is not None:
                        self._push(CreateAnnotation(self.hooks, saved))
                    self._changed(conflict.theirs.measure_key)
                    return True
                if dialog.choice == Choice.OVERWRITE:
                    saved = self.service.overwrite(conflict)
                    before = conflict.theirs.as_input()
                    self._push(
                        EditAnnotation(
                            self.hooks,
                            before,
                            saved,
                        )
                        if not saved.deleted
                        else DeleteAnnotation(self.hooks, saved)
                    )
                    return True
                self._changed(conflict.theirs.measure_key)  # show theirs
                return False
            except AnnotationConflict as again:
                conflict = again
            except UserFacingError as exc:
                self._error("Cannot save the annotation", exc)
                return False

    # -- corrections of extracted fields --------------------------------------------------

    def edit_field(self, detail: MeasureDetail, field: str | None = None) -> bool:
        """Correct (or revert) one extracted field of ``detail``."""
        originals = {e.field: e.original for e in self.service.edits_for(detail.key)}
        from lawtracker.gui.annotations.field_edit import FieldEditDialog, editable_fields

        def save(name: str, value: str | None) -> None:
            if value is None:
                self.service.revert_field(detail.key, name)
            else:
                self.service.edit_field(detail.key, name, value)

        dialog = FieldEditDialog(
            self.window, fields=editable_fields(detail, originals), initial=field, save=save
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        chosen = dialog.field()
        self.message.emit(f"{chosen.label}: {'reverted' if dialog.reverted else 'corrected'}")
        self._changed(detail.key)
        return True

    # -- preferences, files, report -----------------------------------------------------------

    def preferences(self) -> bool:
        from lawtracker.gui.annotations.preferences import PreferencesDialog

        dialog = PreferencesDialog(
            self.window, author=self.settings.author(), default_name=default_author()
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        name = dialog.author()
        self.settings.set_author(name)
        self.settings.sync()
        self.service.author = name or default_author()
        self.message.emit(f"Annotations are now saved as {self.service.author}")
        return True

    def export_annotations(self, start_dir: str) -> bool:
        if self.files is None:
            return False
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            "Export annotations",
            str(Path(start_dir or Path.home()) / "lawtracker-annotations.json"),
            JSON_FILTER,
        )
        if not name:
            return False
        path = Path(name) if Path(name).suffix else Path(name).with_suffix(".json")
        try:
            count = self.files.export_to(path)
        except UserFacingError as exc:
            self._error("Cannot export the annotations", exc)
            return False
        self.message.emit(f"Exported {count:,} annotations to {path}")
        return True

    def import_annotations(self, start_dir: str) -> bool:
        if self.files is None:
            return False
        name, _ = QFileDialog.getOpenFileName(
            self.window, "Import annotations", start_dir or str(Path.home()), JSON_FILTER
        )
        if not name:
            return False
        try:
            report = self.files.import_from(Path(name))
        except UserFacingError as exc:
            self._error("Cannot import the annotations", exc)
            return False
        # Imported versions are not in this session's undo history; earlier commands
        # would expect versions that moved on.
        self.undo_stack.clear()
        self.storeChanged.emit()
        self.message.emit(f"Imported annotations: {report.summary()}")
        return True

    def export_report(
        self,
        measure_ids: Sequence[int],
        detail_for: Callable[[int], MeasureDetail | None],
        start_dir: str,
    ) -> Path | None:
        """Write the review report of these measures to a PDF the user chooses."""
        from lawtracker.gui.annotations.report import ReportEntry, report_html, write_pdf

        name, _ = QFileDialog.getSaveFileName(
            self.window,
            f"Review report of {len(measure_ids):,} measures",
            str(Path(start_dir or Path.home()) / "lawtracker-review.pdf"),
            PDF_FILTER,
        )
        if not name:
            return None
        path = Path(name) if Path(name).suffix else Path(name).with_suffix(".pdf")
        entries = []
        for measure_id in measure_ids:
            detail = detail_for(measure_id)
            if detail is not None:
                entries.append(ReportEntry(detail, self.service.list_for(detail.key)))
        body = report_html(entries, title=REPORT_TITLE, generated=dt.datetime.now(dt.UTC))
        try:
            write_pdf(path, body, title=REPORT_TITLE)
        except OSError as exc:
            failure = UserFacingError(f"Cannot write {path}: {exc.strerror or exc}")
            self._error("Cannot write the report", failure)
            return None
        except UserFacingError as exc:
            self._error("Cannot write the report", exc)
            return None
        self.message.emit(f"Review report of {len(entries):,} measures saved to {path}")
        return path

    # -- internals ---------------------------------------------------------------------------

    def _push(self, command: CreateAnnotation | EditAnnotation | DeleteAnnotation) -> None:
        self.undo_stack.push(command)  # its first redo is a no-op: the save is done
        self._changed(command.measure_key)

    def _changed(self, measure_key: str) -> None:
        self.changed.emit(measure_key)

    def _undo_failed(self, exc: UserFacingError) -> None:
        self._error("Cannot undo or redo that", exc)
        self.storeChanged.emit()

    def _error(self, title: str, exc: UserFacingError) -> None:
        report_failure(self.window, title, exc)
