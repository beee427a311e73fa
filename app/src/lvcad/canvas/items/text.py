"""Canvas item of a text entity: glyph outlines filled, upright in the y-up drawing."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from lvcad.canvas.geometry import anchor_fractions
from lvcad.canvas.paths import placed, text_path
from lvcad.model import TextEntity

from .base import EntityItem

__all__ = ["TextItem"]


class TextItem(EntityItem):
    """Text, ``height`` document units tall, rotated about its anchor point."""

    entity: TextEntity
    _path = QPainterPath()
    _bounds = QRectF()

    def rebuild(self) -> None:
        text = self.entity
        glyphs = text_path(text.text, text.height, *anchor_fractions(text.anchor))
        self._path = placed(glyphs, *text.position, text.rotation)
        self._bounds = self._path.boundingRect()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._path

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        painter.fillPath(self._path, self.color(option))
