"""Transient canvas items drawn over the drawing: snap marker, tool preview, selection box.

None of them is part of the document: they are skipped by picking, extents and export.
The snap marker keeps its size on screen at every zoom.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from lvcad_geometry import Vec2

from .geometry import Shape
from .paths import shapes_path
from .style import (
    CROSSING_COLOR,
    PREVIEW_COLOR,
    SNAP_COLOR,
    WINDOW_COLOR,
    cosmetic_pen,
)

__all__ = ["OVERLAY_Z", "OverlayItem", "PreviewItem", "SelectionBoxItem", "SnapMarkerItem"]

#: Above every document entity.
OVERLAY_Z = 1e12
_MARKER_PIXELS = 7.0


class OverlayItem:
    """Mixin marking transient items (not part of the document)."""


def _marker_path(kind: str) -> QPainterPath:
    s = _MARKER_PIXELS
    path = QPainterPath()
    if kind == "endpoint":
        path.addRect(QRectF(-s, -s, 2 * s, 2 * s))
    elif kind == "midpoint":
        path.addPolygon(QPolygonF([QPointF(-s, s), QPointF(s, s), QPointF(0, -s), QPointF(-s, s)]))
    elif kind == "center":
        path.addEllipse(QPointF(0, 0), s, s)
    elif kind == "intersection":
        path.moveTo(-s, -s)
        path.lineTo(s, s)
        path.moveTo(-s, s)
        path.lineTo(s, -s)
    elif kind == "perpendicular":
        path.moveTo(-s, -s)
        path.lineTo(-s, s)
        path.lineTo(s, s)
        path.moveTo(-s, 0)
        path.lineTo(0, 0)
        path.lineTo(0, s)
    elif kind == "insertion":
        path.addRect(QRectF(-s, -s, 2 * s, 2 * s))
        path.moveTo(-s, 0)
        path.lineTo(s, 0)
        path.moveTo(0, -s)
        path.lineTo(0, s)
    else:  # nearest: an hourglass
        path.addPolygon(
            QPolygonF(
                [QPointF(-s, -s), QPointF(s, -s), QPointF(-s, s), QPointF(s, s), QPointF(-s, -s)]
            )
        )
    return path


class SnapMarkerItem(OverlayItem, QGraphicsItem):
    """The object-snap marker: a symbol per snap kind, a fixed size on screen."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(OVERLAY_Z + 1)
        self.kind = ""
        self._path = QPainterPath()
        self.hide()

    def show_at(self, point: Vec2, kind: str) -> None:
        """Show the marker of ``kind`` at ``point``."""
        if kind != self.kind:
            self.prepareGeometryChange()
            self.kind = kind
            self._path = _marker_path(kind)
        self.setPos(point.x, point.y)
        self.show()

    def boundingRect(self) -> QRectF:
        margin = _MARKER_PIXELS + 2.0
        return QRectF(-margin, -margin, 2 * margin, 2 * margin)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        painter.setPen(cosmetic_pen(SNAP_COLOR, 2.0))
        painter.setBrush(QColor(0, 0, 0, 0))
        painter.drawPath(self._path)


class PreviewItem(OverlayItem, QGraphicsPathItem):
    """What the active tool would make (rubber band), drawn dashed."""

    def __init__(self) -> None:
        super().__init__()
        self.setPen(cosmetic_pen(PREVIEW_COLOR, 1.5, Qt.PenStyle.DashLine))
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(OVERLAY_Z)
        self.shapes: tuple[Shape, ...] = ()

    def set_shapes(self, shapes: Iterable[Shape]) -> None:
        """Show ``shapes`` (an empty iterable hides the preview)."""
        #: The shapes shown.
        self.shapes = tuple(shapes)
        self.setPath(shapes_path(self.shapes))


class SelectionBoxItem(OverlayItem, QGraphicsRectItem):
    """The selection rectangle: blue and solid for a window, green and dashed for crossing."""

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(OVERLAY_Z)
        self.hide()

    def show_box(self, corner1: Vec2, corner2: Vec2, *, crossing: bool) -> None:
        """Show the box between two corners in the window or crossing style."""
        color = CROSSING_COLOR if crossing else WINDOW_COLOR
        style = Qt.PenStyle.DashLine if crossing else Qt.PenStyle.SolidLine
        self.setPen(cosmetic_pen(color, 1.0, style))
        fill = QColor(color)
        fill.setAlpha(30)
        self.setBrush(fill)
        rect = QRectF(QPointF(*corner1), QPointF(*corner2)).normalized()
        self.setRect(rect)
        self.show()
