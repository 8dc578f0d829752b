"""Undo commands for annotation create, edit and delete, calling the service.

The first save happens before the command is pushed (so a conflict can be
resolved in a dialog first); the command's first ``redo`` therefore does
nothing. Every later undo/redo passes the version this session last saw of
that annotation (kept in one :class:`VersionBook` shared by all commands,
since undoing one command moves the version the others expect), so it never
silently overwrites another instance's save: on a conflict it reports the
error and the command becomes obsolete (it drops off the stack).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from lawtracker.domain.annotations import AnnotationInput, AnnotationView
from lawtracker.errors import UserFacingError
from lawtracker.services.annotations import Annotations

#: Called after every undo/redo with the measure key it changed.
Changed = Callable[[str], None]
#: Called with a user-facing error when an undo/redo cannot be done.
Failed = Callable[[UserFacingError], None]


class VersionBook:
    """The version of each annotation this session last saved or saw."""

    def __init__(self) -> None:
        self._versions: dict[int, int] = {}

    def saw(self, view: AnnotationView) -> None:
        self._versions[view.id] = view.version

    def get(self, annotation_id: int) -> int | None:
        return self._versions.get(annotation_id)


class Hooks:
    """What every command needs besides its data: the service and the callbacks."""

    def __init__(
        self, service: Annotations, book: VersionBook, changed: Changed, failed: Failed
    ) -> None:
        self.service = service
        self.book = book
        self.changed = changed
        self.failed = failed


class _AnnotationCommand(QUndoCommand):
    """Shared bookkeeping: which annotation, its version, the callbacks."""

    def __init__(self, text: str, hooks: Hooks, saved: AnnotationView) -> None:
        super().__init__(text)
        self.hooks = hooks
        self.service = hooks.service
        self.annotation_id = saved.id
        self.measure_key = saved.measure_key
        hooks.book.saw(saved)
        self._first = True

    @property
    def version(self) -> int | None:
        return self.hooks.book.get(self.annotation_id)

    def redo(self) -> None:
        if self._first:
            self._first = False  # the dialog already saved it
            return
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, step: Callable[[], AnnotationView]) -> None:
        try:
            view = step()
        except UserFacingError as exc:
            self.setObsolete(True)
            self.hooks.failed(exc)
            return
        self.hooks.book.saw(view)
        self.hooks.changed(self.measure_key)

    def _do(self) -> AnnotationView:
        raise NotImplementedError

    def _undo(self) -> AnnotationView:
        raise NotImplementedError


class CreateAnnotation(_AnnotationCommand):
    """Undo deletes the new annotation; redo brings it back."""

    def __init__(self, hooks: Hooks, saved: AnnotationView) -> None:
        super().__init__("Add annotation", hooks, saved)

    def _do(self) -> AnnotationView:
        return self.service.undelete(self.annotation_id, expected_version=self.version)

    def _undo(self) -> AnnotationView:
        return self.service.delete(self.annotation_id, expected_version=self.version or 0)


class EditAnnotation(_AnnotationCommand):
    """Undo saves the fields from before the edit; redo saves the edited fields again."""

    def __init__(
        self,
        hooks: Hooks,
        before: AnnotationInput,
        saved: AnnotationView,
        *,
        text: str = "Edit annotation",
    ) -> None:
        super().__init__(text, hooks, saved)
        self.before = before
        self.after = saved.as_input()

    def _do(self) -> AnnotationView:
        return self.service.update(
            self.annotation_id, self.after, expected_version=self.version or 0
        )

    def _undo(self) -> AnnotationView:
        return self.service.update(
            self.annotation_id, self.before, expected_version=self.version or 0
        )


class DeleteAnnotation(_AnnotationCommand):
    """Undo brings the annotation back as it was; redo deletes it again."""

    def __init__(self, hooks: Hooks, saved: AnnotationView) -> None:
        super().__init__("Delete annotation", hooks, saved)

    def _do(self) -> AnnotationView:
        return self.service.delete(self.annotation_id, expected_version=self.version or 0)

    def _undo(self) -> AnnotationView:
        return self.service.undelete(self.annotation_id, expected_version=self.version)
