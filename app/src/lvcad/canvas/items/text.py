"""Canvas item of a text entity: glyph outlines filled, upright in the y-up drawing."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from lvcad.canvas.geometry import anchor_fractions
from lvcad.canvas.paths import placed, text_path
from lvcad.model import TextEntity

from .base import EntityItem

__all__ = ["TextItem"]


class TextItem(EntityItem):
    """Text, ``height`` document units tall, rotated about its anchor point."""

    entity: TextEntity

    def rebuild(self) -> None:
        text = self.entity
        glyphs = text_path(text.text, text.height, *anchor_fractions(text.anchor))
        self._shape = placed(glyphs, *text.position, text.rotation)
        self._bounds = self._shape.boundingRect()

    def draw(self, painter: QPainter, option: QStyleOptionGraphicsItem, color: QColor) -> None:
        painter.fillPath(self._shape, color)
