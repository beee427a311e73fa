"""Canvas item of a circle entity."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath

from lvcad.model import CircleEntity

from .base import PathItem

__all__ = ["CircleItem"]


class CircleItem(PathItem):
    """A full circle."""

    entity: CircleEntity

    def build_path(self) -> QPainterPath:
        path = QPainterPath()
        radius = self.entity.radius
        path.addEllipse(QPointF(*self.entity.center), radius, radius)
        return path
