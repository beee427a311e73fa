"""Layers: named groups of entities with a colour, a visibility and a lock."""

from __future__ import annotations

from dataclasses import dataclass

from .checks import check_name, check_type
from .color import WHITE, Color

__all__ = ["DEFAULT_LAYER", "Layer"]

#: The layer every document has (as in DXF); it cannot be removed.
DEFAULT_LAYER = "0"


@dataclass(frozen=True, slots=True)
class Layer:
    """A layer. ``locked`` layers are shown but the editor's tools do not pick them.

    Example
    -------
    >>> Layer("FA-SMOKE", Color(255, 0, 0))
    Layer(name='FA-SMOKE', color=Color(r=255, g=0, b=0), visible=True, locked=False)
    """

    name: str
    color: Color = WHITE
    visible: bool = True
    locked: bool = False

    def __post_init__(self) -> None:
        check_name(self.name, "a layer name")
        check_type(self.color, Color, f"layer {self.name!r}: the colour")
        self.color.check()
        check_type(self.visible, bool, f"layer {self.name!r}: visible")
        check_type(self.locked, bool, f"layer {self.name!r}: locked")
