"""Autosaving one open document into the recovery session, without Qt.

An :class:`Autosaver` watches the document it tracks (its change records) and writes an
autosave copy only when the document changed since the last copy and has unsaved changes.
The editor calls :meth:`Autosaver.autosave` on a timer (every
:data:`DEFAULT_INTERVAL_SECONDS` unless set otherwise) and before risky operations
(:func:`is_risky`); saving the document or closing it removes the copy.

The copy is the ``.lvcad`` format itself (:func:`lvcad.io.document_to_bytes`) written with
:func:`lvcad.io.atomic.write_atomically`, in the session folder, never next to the user's
file.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from pathlib import Path

from lvcad.commands import (
    AddEntities,
    Command,
    CopyEntities,
    DeleteEntities,
    EditEntities,
    ReshapeEntities,
    SetUnderlay,
    TransformEntities,
)
from lvcad.io import document_to_bytes
from lvcad.model import Change, Document, Subscription

from .session import Session

__all__ = ["DEFAULT_INTERVAL_SECONDS", "RISKY_ENTITY_COUNT", "Autosaver", "is_risky"]

log = logging.getLogger(__name__)

#: How often the editor autosaves a changed document, unless the settings say otherwise.
DEFAULT_INTERVAL_SECONDS = 60
#: A command changing at least this many entities gets an autosave first.
RISKY_ENTITY_COUNT = 500


def is_risky(command: Command) -> bool:
    """Whether the document is worth autosaving before ``command`` runs: attaching or
    removing an underlay (a DXF read), or a change to :data:`RISKY_ENTITY_COUNT` or more
    entities at once (a select-all move, copy, delete or a big trim)."""
    if isinstance(command, SetUnderlay):
        return True
    if isinstance(command, TransformEntities | CopyEntities | DeleteEntities):
        count = len(command.ids)
    elif isinstance(command, AddEntities | EditEntities):
        count = len(command.entities)
    elif isinstance(command, ReshapeEntities):
        count = len(command.replaced) + len(command.added) + len(command.removed)
    else:
        return False
    return count >= RISKY_ENTITY_COUNT


class Autosaver:
    """Autosave copies of the document open in one editor window.

    ``on_error`` is told (once per failure streak) when a copy cannot be written; the
    editor shows it in the status bar. Autosave never raises into the editor.
    """

    def __init__(
        self, session: Session, on_error: Callable[[str], None] = lambda message: None
    ) -> None:
        self.session = session
        self.on_error = on_error
        self.key = ""
        self.document: Document | None = None
        #: The document changed since the last autosave copy (and is not saved).
        self.pending = False
        self._subscription: Subscription[Change] | None = None
        self._failing = False

    def track(self, document: Document, *, name: str, path: Path | None, modified: bool) -> None:
        """Autosave ``document`` from now on (the previous one is closed, its copy deleted).

        ``modified``: the document already differs from its file (an import, a recovered
        document), so the next :meth:`autosave` writes a copy without waiting for a change.
        """
        self.close()
        self.key = secrets.token_hex(6)
        self.document = document
        self._subscription = document.subscribe(self._changed)
        self.pending = modified
        self.session.register(self.key, name=name, path=path)

    def _changed(self, _change: Change) -> None:
        self.pending = True

    def autosave(self) -> bool:
        """Write a copy if the document changed since the last one; True when written."""
        if not self.pending or self.document is None:
            return False
        try:
            data = document_to_bytes(self.document)
            self.session.write_autosave(self.key, data)
        except (OSError, ValueError, TypeError, OverflowError, RecursionError) as error:
            log.warning("autosave failed: %s", error, exc_info=error)
            if not self._failing:
                self._failing = True
                self.on_error(f"Autosave failed ({error}); save your work with Save As.")
            return False
        self._failing = False
        self.pending = False
        log.debug("autosaved to %s", self.session.autosave_path(self.key))
        return True

    def saved(self, *, name: str, path: Path | None) -> None:
        """The document now equals its file (saved, or changes undone): drop the copy."""
        if self.document is None:
            return
        self.pending = False
        self.session.register(self.key, name=name, path=path)
        self.session.remove_autosave(self.key)

    def close(self) -> None:
        """The document was closed cleanly: stop watching it and delete its copy."""
        if self._subscription is not None:
            self._subscription.unsubscribe()
            self._subscription = None
        if self.document is not None:
            self.session.unregister(self.key)
        self.document = None
        self.pending = False
