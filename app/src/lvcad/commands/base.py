"""The undoable command: one user operation, kept as the change records it made.

A :class:`Command` makes its change the first time :meth:`~Command.redo` runs, by calling
the document's mutation methods in :meth:`~Command.perform`; the document's change records
are captured as it goes. Undo applies their inverses in reverse order and a later redo
applies the records again, so the command logic is testable without any widget. A command
whose change fails part-way is rolled back and the error re-raised: the document is left as
it was.

Example
-------
>>> from lvcad_geometry import Line
>>> from lvcad.model import Document, LineEntity
>>> from lvcad.commands import AddEntities
>>> doc = Document()
>>> command = AddEntities([LineEntity(id="a", geometry=Line((0, 0), (1, 0)))])
>>> command.redo(doc)
>>> command.undo(doc)
>>> len(doc), command.text
(0, 'Add line')
>>> command.redo(doc)
>>> "a" in doc
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from lvcad.model import Change, Document

__all__ = ["Command", "CommandError", "record_changes"]


class CommandError(ValueError):
    """A command cannot run in the document's current state (e.g. nothing to move)."""


def record_changes(document: Document, action: Callable[[], None]) -> list[Change]:
    """Run ``action`` and return the change records it made ``document`` emit.

    If ``action`` raises, the changes it made so far are undone before the error propagates.
    """
    records: list[Change] = []
    subscription = document.subscribe(records.append)
    try:
        action()
    except BaseException:
        subscription.unsubscribe()
        for record in reversed(records):
            document.apply(record.inverse())
        raise
    subscription.unsubscribe()
    return records


class Command:
    """Base class of the editor's undoable commands.

    Subclasses implement :meth:`perform`. ``text`` is what the Edit menu shows after
    "Undo"/"Redo". Commands with the same non-negative :attr:`merge_id` may combine with the
    next one through :meth:`merge` (e.g. several keyboard nudges become one undo step).
    """

    #: Commands of one kind that may merge share this id; -1 never merges.
    merge_id: ClassVar[int] = -1

    def __init__(self, text: str) -> None:
        self.text = text
        self._records: list[Change] | None = None

    @property
    def records(self) -> tuple[Change, ...]:
        """The change records the command made (empty before its first :meth:`redo`)."""
        return tuple(self._records or ())

    @property
    def done(self) -> bool:
        """True once the command has run at least once."""
        return self._records is not None

    def perform(self, document: Document) -> None:
        """Make the change with ``document``'s mutation methods (first run only)."""
        raise NotImplementedError

    def redo(self, document: Document) -> None:
        """Make (the first time) or remake the change."""
        if self._records is None:
            self._records = record_changes(document, lambda: self.perform(document))
            return
        applied: list[Change] = []
        try:
            for record in self._records:
                applied.append(document.apply(record))
        except BaseException:
            for record in reversed(applied):
                document.apply(record.inverse())
            raise

    def undo(self, document: Document) -> None:
        """Take the change back."""
        for record in reversed(self._records or ()):
            document.apply(record.inverse())

    def merge(self, other: Command) -> bool:
        """Absorb ``other`` (made right after this one) if both allow it; True when merged.

        The default merges commands of the same class and :attr:`merge_id` when
        :meth:`can_merge` agrees; the merged command undoes both.
        """
        if (
            self.merge_id < 0
            or type(other) is not type(self)
            or other.merge_id != self.merge_id
            or not self.can_merge(other)
            or self._records is None
        ):
            return False
        self._records.extend(other.records)
        return True

    def can_merge(self, other: Command) -> bool:
        """Whether ``other`` continues this command (subclasses that merge override this)."""
        return False

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.text!r}>"
