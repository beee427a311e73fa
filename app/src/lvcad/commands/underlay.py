"""The command that attaches, replaces or detaches the document's DXF underlay.

Example
-------
>>> from lvcad.model import Document, Underlay
>>> doc = Document()
>>> attach = SetUnderlay(Underlay("/plans/level-1.dxf"))
>>> attach.text
'Attach underlay level-1.dxf'
>>> attach.redo(doc)
>>> doc.underlay.source
'/plans/level-1.dxf'
>>> attach.undo(doc)
>>> doc.underlay is None
True
"""

from __future__ import annotations

from pathlib import PurePath

from lvcad.model import Document, Underlay

from .base import Command

__all__ = ["SetUnderlay"]


class SetUnderlay(Command):
    """Make ``underlay`` the document's underlay (``None``: detach it)."""

    def __init__(self, underlay: Underlay | None) -> None:
        self.underlay = underlay
        name = PurePath(underlay.source).name if underlay is not None else ""
        super().__init__(f"Attach underlay {name}" if underlay is not None else "Detach underlay")

    def perform(self, document: Document) -> None:
        document.set_underlay(self.underlay)
