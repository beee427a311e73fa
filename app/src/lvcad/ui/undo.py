"""The undo stack: :mod:`lvcad.commands` wrapped in ``QUndoCommand`` on a ``QUndoStack``.

:meth:`UndoStack.run` makes the change first (so an error reaches the caller as a Python
exception, not a message from inside Qt) and then pushes the command, whose first
``redo()`` Qt calls is skipped. Commands that merge (keyboard nudges, edits of one field)
merge through ``QUndoCommand.mergeWith``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from lvcad.commands import Command, CommandError
from lvcad.errors import handle_error
from lvcad.model import Document
from lvcad.model.errors import ModelError
from lvcad_geometry.errors import GeometryError

__all__ = ["QtCommand", "UndoStack"]

log = logging.getLogger(__name__)

#: The errors that mean "this change does not fit" (shown to the user, nothing changed).
COMMAND_ERRORS = (CommandError, ModelError, GeometryError)


class QtCommand(QUndoCommand):
    """A :class:`~lvcad.commands.Command` on a document, as a ``QUndoCommand``."""

    def __init__(self, command: Command, document: Document) -> None:
        super().__init__(command.text)
        self.command = command
        self.document = document
        self._skip_redo = command.done

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self.command.redo(self.document)

    def undo(self) -> None:
        self.command.undo(self.document)

    def id(self) -> int:
        return self.command.merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, QtCommand) or other.document is not self.document:
            return False
        merged = self.command.merge(other.command)
        if merged:
            self.setText(self.command.text)
        return merged


class UndoStack(QUndoStack):
    """A ``QUndoStack`` that runs :class:`~lvcad.commands.Command` objects on a document."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        #: Called with a message when a command is refused (set by the main window).
        self.on_error: Callable[[str], None] = lambda message: None
        #: Called with each command just before it runs (the autosave of risky ones).
        self.before_run: Callable[[Command], None] = lambda command: None

    def set_document(self, document: Document) -> None:
        """Edit another document: the history is cleared and marked clean."""
        self.clear()
        self.document = document
        self.setClean()

    def run(self, command: Command) -> bool:
        """Make ``command``'s change and push it; False (nothing changed) if it is refused.

        An unexpected error is handled by the error boundary (the command has rolled its
        change back, so the document is as it was). Each command is a breadcrumb in error
        reports (not a traced transaction: see ``telemetry.operation_transaction``).
        """
        log.info("Command: %s", command.text)
        self.before_run(command)
        try:
            command.redo(self.document)
        except COMMAND_ERRORS as error:
            self.on_error(f"{command.text}: {error}")
            return False
        except Exception as error:
            handle_error(error, f"apply “{command.text}”")
            return False
        if not command.records:
            return False
        self.push(QtCommand(command, self.document))
        return True
