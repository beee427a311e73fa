"""Canvas item of a wire: its path, drawn a little heavier than drawing lines."""

from __future__ import annotations

from lvcad.model import Wire

from .base import PathItem

__all__ = ["WireItem"]


class WireItem(PathItem):
    """A wire run between devices."""

    entity: Wire
    PEN_WIDTH = 2.0
