"""A raster cache of an item's drawing in one view: blitted while panning, shown scaled while
zooming and drawn again, sharp, once the zoom rests.

A plan with 100k entities takes a few hundred milliseconds to draw on a busy machine, most
of it filling pixels, so no frame that draws it can keep up with a wheel. The cache holds an
image of the visible part and a margin at the zoom it was drawn at: a pan inside the margin
is a copy, a zoom shows the image (or the overview image of the whole drawing, kept from the
lowest zoom drawn) scaled to the new zoom at once and asks for a sharp drawing
:data:`REFINE_MS` later; zooming again before then postpones it. Painting into anything but
a view (export) draws the vectors directly.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QTransform
from PySide6.QtWidgets import QWidget

__all__ = ["MARGIN", "REFINE_MS", "RasterCache"]

#: Extra width drawn around the visible part on each side, as a fraction of the view.
MARGIN = 0.1
#: How long the zoom must rest before the drawing is made sharp again.
REFINE_MS = 120
#: Zooms that differ by less than this ratio count as the same.
SAME_ZOOM = 1e-9

#: Draws the content that meets a scene rectangle at a zoom (pixels per unit), through the
#: painter's transform.
Draw = Callable[[QPainter, QRectF, float], None]


@dataclass(frozen=True, slots=True)
class _Raster:
    image: QImage
    #: Pixels per scene unit it was drawn at.
    scale: float
    #: The scene point at the image's top-left corner.
    anchor: QPointF
    #: The scene area it shows.
    area: QRectF

    def placed(self, world: QTransform) -> QRectF:
        """Where the image goes on the device under ``world``."""
        ratio = abs(world.m11()) / self.scale
        size = QSizeF(self.image.deviceIndependentSize()) * ratio
        return QRectF(world.map(self.anchor), size)


class RasterCache:
    """The images of one item's drawing for the view it is painted in."""

    def __init__(self, bounds: QRectF, draw: Draw, repaint: Callable[[], None]) -> None:
        self._bounds = bounds
        self._draw = draw
        self._widget: QWidget | None = None
        self._current: _Raster | None = None
        self._overview: _Raster | None = None
        self._refining = False
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFINE_MS)
        self._timer.timeout.connect(self._refine)
        self._repaint = repaint

    def clear(self) -> None:
        """Forget the images (the drawing changed)."""
        self._current = self._overview = None
        self._timer.stop()

    @property
    def refine_pending(self) -> bool:
        """Whether a scaled image is shown and a sharp drawing is due."""
        return self._timer.isActive()

    def refine_now(self) -> None:
        """Make the pending sharp drawing happen at the next paint (without waiting)."""
        self._timer.stop()
        self._refine()

    def _refine(self) -> None:
        self._refining = True
        self._repaint()

    def kib(self) -> int:
        """Memory held by the images, in KiB."""
        images = {id(r.image): r.image for r in (self._current, self._overview) if r is not None}
        return sum(image.sizeInBytes() for image in images.values()) // 1024

    def paint(self, painter: QPainter, exposed: QRectF, widget: QWidget | None) -> None:
        """Paint the drawing into ``painter`` (``exposed``: the scene area to paint)."""
        world = painter.worldTransform()
        scale = abs(world.m11())
        simple = world.type().value <= QTransform.TransformationType.TxScale.value
        if widget is None or not simple or scale == 0.0 or abs(world.m22()) != scale:
            self._draw(painter, exposed & self._bounds, scale)
            return
        if widget is not self._widget:
            self.clear()
            self._widget = widget
        inverse, _ = world.inverted()
        visible = inverse.mapRect(QRectF(widget.rect())) & self._bounds
        if visible.isEmpty():
            return
        covering = [r for r in (self._current, self._overview) if r and r.area.contains(visible)]
        for raster in covering:
            if _same(raster.scale, scale):
                self._blit(painter, world, raster)
                return
        if not self._refining:
            stale = covering
            if stale:
                self._blit(painter, world, max(stale, key=lambda raster: raster.scale))
                self._timer.start()
                return
        self._refining = False
        self._timer.stop()
        margin = MARGIN * max(widget.width(), widget.height()) / scale
        area = visible.adjusted(-margin, -margin, margin, margin) & self._bounds
        self._current = self._render(world, area, scale, widget.devicePixelRatioF())
        if self._current.area.contains(self._bounds) and (
            self._overview is None or self._overview.scale >= scale
        ):
            self._overview = self._current
        self._blit(painter, world, self._current)

    def _render(self, world: QTransform, area: QRectF, scale: float, ratio: float) -> _Raster:
        device = world.mapRect(area)
        left, top = math.floor(device.left()), math.floor(device.top())
        width = max(1, math.ceil(device.right()) - left)
        height = max(1, math.ceil(device.bottom()) - top)
        image = QImage(
            math.ceil(width * ratio),
            math.ceil(height * ratio),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        try:
            painter.setTransform(world * QTransform.fromTranslate(-left, -top))
            self._draw(painter, area, scale)
        finally:
            painter.end()
        inverse, _ = world.inverted()
        covered = inverse.mapRect(QRectF(left, top, width, height))
        return _Raster(image, scale, inverse.map(QPointF(left, top)), covered)

    @staticmethod
    def _blit(painter: QPainter, world: QTransform, raster: _Raster) -> None:
        target = raster.placed(world)
        painter.save()
        painter.resetTransform()
        if _same(raster.scale, abs(world.m11())):
            painter.drawImage(QPointF(round(target.left()), round(target.top())), raster.image)
        else:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.drawImage(target, raster.image)
        painter.restore()


def _same(scale: float, other: float) -> bool:
    return abs(scale - other) <= SAME_ZOOM * max(scale, other)
