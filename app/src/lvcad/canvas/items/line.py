"""Canvas item of a line entity."""

from __future__ import annotations

from PySide6.QtGui import QPainterPath

from lvcad.model import LineEntity

from .base import PathItem

__all__ = ["LineItem"]


class LineItem(PathItem):
    """A straight line segment."""

    entity: LineEntity

    def build_path(self) -> QPainterPath:
        path = QPainterPath()
        start, end = self.entity.geometry
        path.moveTo(*start)
        path.lineTo(*end)
        return path
