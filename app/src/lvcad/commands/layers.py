"""Commands on layers: add one, change its colour, visibility or lock.

Example
-------
>>> from lvcad.model import Color, Document, Layer
>>> doc = Document()
>>> AddLayer(Layer("FA-WIRE", Color(255, 0, 255))).redo(doc)
>>> hide = SetLayer(doc.layers["FA-WIRE"], visible=False)
>>> hide.text
"Hide layer 'FA-WIRE'"
>>> hide.redo(doc)
>>> doc.layers["FA-WIRE"].visible
False
"""

from __future__ import annotations

import dataclasses

from lvcad.model import Color, Document, Layer

from .base import Command, CommandError

__all__ = ["AddLayer", "SetLayer"]


class AddLayer(Command):
    """Add a new layer (last in the list)."""

    def __init__(self, layer: Layer) -> None:
        self.layer = layer
        super().__init__(f"Add layer {layer.name!r}")

    def perform(self, document: Document) -> None:
        document.add_layer(self.layer)


class SetLayer(Command):
    """Change a layer's colour, visibility or lock (the arguments left ``None`` stay)."""

    def __init__(
        self,
        layer: Layer,
        *,
        color: Color | None = None,
        visible: bool | None = None,
        locked: bool | None = None,
    ) -> None:
        changes: dict[str, object] = {}
        if color is not None:
            changes["color"] = color
        if visible is not None:
            changes["visible"] = visible
        if locked is not None:
            changes["locked"] = locked
        if not changes:
            raise CommandError("nothing to change on the layer")
        self.name = layer.name
        self.changes = changes
        super().__init__(_describe(layer.name, changes))

    def perform(self, document: Document) -> None:
        current = document.layers.get(self.name)
        if current is None:
            raise CommandError(f"there is no layer {self.name!r}")
        document.replace_layer(dataclasses.replace(current, **self.changes))  # type: ignore[arg-type]


def _describe(name: str, changes: dict[str, object]) -> str:
    if list(changes) == ["visible"]:
        return f"{'Show' if changes['visible'] else 'Hide'} layer {name!r}"
    if list(changes) == ["locked"]:
        return f"{'Lock' if changes['locked'] else 'Unlock'} layer {name!r}"
    if list(changes) == ["color"]:
        return f"Change colour of layer {name!r}"
    return f"Change layer {name!r}"
