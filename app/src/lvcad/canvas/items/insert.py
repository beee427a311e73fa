"""Canvas item of an insert (block reference), drawn from the block's cached paths."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPainterPath
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from lvcad.canvas.blocks import insert_qtransform
from lvcad.canvas.style import cosmetic_pen
from lvcad.model import Insert

from .base import EntityItem

__all__ = ["InsertItem"]


class InsertItem(EntityItem):
    """A block placed, rotated and scaled."""

    entity: Insert
    _stroke = QPainterPath()
    _fill = QPainterPath()

    def rebuild(self) -> None:
        block = self.context.blocks.get(self.entity.block)
        if block is None:
            self._stroke, self._fill = QPainterPath(), QPainterPath()
        else:
            stroke, fill = self.context.block_paths.paths(block.name)
            transform = insert_qtransform(self.entity, block)
            self._stroke, self._fill = transform.map(stroke), transform.map(fill)
        shape = QPainterPath(self._stroke)
        shape.addPath(self._fill)
        self._shape = shape
        x, y = self.entity.position
        self._bounds = (
            self._stroke.boundingRect().united(self._fill.boundingRect()).united(QRectF(x, y, 0, 0))
        )

    def draw(self, painter: QPainter, option: QStyleOptionGraphicsItem, color: QColor) -> None:
        painter.setPen(cosmetic_pen(color, self.PEN_WIDTH))
        painter.setBrush(QColor(0, 0, 0, 0))
        painter.drawPath(self._stroke)
        if not self._fill.isEmpty():
            painter.fillPath(self._fill, color)
