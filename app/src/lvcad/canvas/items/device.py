"""Canvas item of a device: its symbol (circle, square or panel box), abbreviation and label.

Symbols are drawn at a real size (:func:`~lvcad.canvas.geometry.device_radius`), filled
white so wires end at their outline, in the layer colour. Detectors and speakers are circles,
pull stations, horn/strobes and modules squares, the panel a wide box.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPainterPath
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from lvcad.canvas.geometry import device_radius
from lvcad.canvas.paths import placed, text_path
from lvcad.canvas.style import BACKGROUND, cosmetic_pen
from lvcad.model import Device

from .base import EntityItem

__all__ = ["DeviceItem", "symbol_outline"]

_SQUARE = {"manual_pull_station", "horn_strobe", "monitor_module", "control_module"}
_PANEL = {"fire_alarm_control_panel"}
#: Below this many screen pixels of radius only a dot is drawn (level of detail).
_DETAIL_PIXELS = 3.0


def symbol_outline(device_type: str, radius: float) -> QPainterPath:
    """The symbol outline of ``device_type`` centred on the origin, unrotated."""
    path = QPainterPath()
    if device_type in _PANEL:
        path.addRect(QRectF(-2.0 * radius, -radius, 4.0 * radius, 2.0 * radius))
    elif device_type in _SQUARE:
        path.addRect(QRectF(-radius, -radius, 2.0 * radius, 2.0 * radius))
    else:
        path.addEllipse(QPointF(0.0, 0.0), radius, radius)
    return path


class DeviceItem(EntityItem):
    """A placed device."""

    entity: Device
    PEN_WIDTH = 1.5
    _glyphs = QPainterPath()

    def abbreviation(self) -> str:
        """The type's abbreviation from the catalog (``SD``, ``HS`` …)."""
        device_type = self.context.catalog.get(self.entity.device_type)
        if device_type is not None:
            return device_type.abbreviation
        return "".join(word[:1] for word in self.entity.device_type.split("_")).upper() or "?"

    def rebuild(self) -> None:
        device = self.entity
        radius = device_radius(self.context.unit)
        x, y = device.position
        self._radius = radius
        self._shape = placed(symbol_outline(device.device_type, radius), x, y, device.rotation)
        glyphs = placed(text_path(self.abbreviation(), radius * 0.55, 0.5, 0.5), x, y, 0.0)
        if device.label:
            label = text_path(device.label, radius * 0.6, 0.5, 1.0)
            glyphs.addPath(placed(label, x, y - radius * 1.25, 0.0))
        self._glyphs = glyphs
        self._bounds = self._shape.boundingRect().united(glyphs.boundingRect())

    def draw(self, painter: QPainter, option: QStyleOptionGraphicsItem, color: QColor) -> None:
        detail = option.levelOfDetailFromTransform(painter.worldTransform()) * self._radius
        width = self.PEN_WIDTH * (2.0 if self.highlighted(option) else 1.0)
        painter.setPen(cosmetic_pen(color, width))
        if detail < _DETAIL_PIXELS:
            painter.setBrush(color)
            painter.drawPath(self._shape)
            return
        painter.setBrush(BACKGROUND)
        painter.drawPath(self._shape)
        painter.setBrush(QColor(0, 0, 0, 0))
        painter.fillPath(self._glyphs, color)
