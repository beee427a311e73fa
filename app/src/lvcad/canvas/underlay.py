"""The DXF underlay on the canvas: dimmed, locked, batched and drawn with level of detail.

The architect's plan can hold 100k entities, so it is not one item per entity. Its shapes
are grouped per layer into square tiles; each tile is one item holding a few
:class:`~PySide6.QtGui.QPainterPath` batches sorted by entity size, cached in device
coordinates so panning blits pixmaps. At a given zoom, batches whose largest entity is
under :data:`DETAIL_PIXELS` on screen are skipped. Underlay items are never selectable and
take no mouse buttons; tools still snap to the underlay through :attr:`UnderlayView.index`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Protocol

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPixmapCache, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from lvcad.model import BlockDefinition, Color, Entity, Layer, TextEntity, Underlay, Unit
from lvcad_geometry import BBox, Transform

from .geometry import Shape, anchor_fractions, entity_shapes, transformed_shapes
from .paths import add_shape, placed, text_path
from .spatial import ShapeIndex
from .style import cosmetic_pen, underlay_color

__all__ = ["DETAIL_PIXELS", "UnderlaySource", "UnderlayTileItem", "UnderlayView", "qtransform"]

#: Batches whose largest entity is smaller than this on screen are not drawn.
DETAIL_PIXELS = 1.0
#: Roughly how many entities share one tile item.
ENTITIES_PER_TILE = 2000
#: Size classes per tile: entity sizes are binned by powers of this factor.
SIZE_STEP = 4.0
SIZE_CLASSES = 6
#: Drawn below every document entity.
UNDERLAY_Z = -1e9
#: Tiles cache device pixmaps in Qt's shared QPixmapCache (10 MB by default). The visible
#: tiles of a 100k-entity plan need ~85 MB at zoom-extents; with a smaller cache every
#: frame repaints every tile (measured: a pan 474 ms instead of 23 ms).
PIXMAP_CACHE_KIB = 256 * 1024


class UnderlaySource(Protocol):
    """The content of an underlay DXF in its own coordinates (``lvcad.io.UnderlayDrawing``)."""

    @property
    def entities(self) -> Sequence[Entity]:
        """The entities (no devices or wires)."""
        ...

    @property
    def layers(self) -> Mapping[str, Layer]:
        """The DXF's layers by name (colours, visibility)."""
        ...

    @property
    def blocks(self) -> Mapping[str, BlockDefinition]:
        """The block definitions its inserts place."""
        ...


class UnderlayTileItem(QGraphicsItem):
    """Part of one underlay layer: stroked and filled batches, largest entities first."""

    def __init__(
        self,
        color: QColor,
        strokes: list[tuple[float, QPainterPath]],
        fills: list[tuple[float, QPainterPath]],
    ) -> None:
        super().__init__()
        self._pen = cosmetic_pen(color, 1.0)
        self._color = color
        self._strokes = sorted(strokes, key=lambda batch: -batch[0])
        self._fills = sorted(fills, key=lambda batch: -batch[0])
        bounds = QRectF()
        for _, path in (*self._strokes, *self._fills):
            bounds = bounds.united(path.boundingRect())
        self._bounds = bounds
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(UNDERLAY_Z)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def batches_drawn(self, pixels_per_unit: float) -> int:
        """How many batches are drawn at a zoom of ``pixels_per_unit`` (level of detail)."""
        return sum(
            1
            for size, _ in (*self._strokes, *self._fills)
            if size * pixels_per_unit >= DETAIL_PIXELS
        )

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        scale = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setPen(self._pen)
        painter.setBrush(QColor(0, 0, 0, 0))
        for size, path in self._strokes:
            if size * scale < DETAIL_PIXELS:
                break
            painter.drawPath(path)
        for size, path in self._fills:
            if size * scale < DETAIL_PIXELS:
                break
            painter.fillPath(path, self._color)


def _size_class(size: float, extent: float) -> int:
    if size <= 0.0 or extent <= 0.0:
        return SIZE_CLASSES - 1
    return min(SIZE_CLASSES - 1, max(0, int(math.log(extent / size, SIZE_STEP))))


class UnderlayView:
    """The items and snap index built from an :class:`UnderlaySource` and the underlay settings."""

    def __init__(self, drawing: UnderlaySource, underlay: Underlay) -> None:
        self.items: list[UnderlayTileItem] = []
        shapes: list[Shape] = []
        boxes: list[BBox] = []
        pieces: list[tuple[str, list[Shape], TextEntity | None]] = []
        transform = underlay.transform
        shown: dict[str, bool] = {}
        for entity in drawing.entities:
            visible = shown.get(entity.layer)
            if visible is None:
                layer = drawing.layers.get(entity.layer)
                visible = underlay.layer_state(entity.layer).visible and (
                    layer is None or layer.visible
                )
                shown[entity.layer] = visible
            if not visible:
                continue
            if isinstance(entity, TextEntity):
                pieces.append((entity.layer, [], entity))
                continue
            found = transformed_shapes(
                entity_shapes(entity, Unit.MILLIMETRE, drawing.blocks), transform
            )
            pieces.append((entity.layer, found, None))
            shapes.extend(found)
        boxes = [shape.bbox for shape in shapes]
        #: Shapes by box, for object snap (text is not snapped to).
        self.index = ShapeIndex(shapes, boxes)
        if underlay.visible and pieces:
            self.items = self._tiles(pieces, drawing, transform, boxes)
            if QPixmapCache.cacheLimit() < PIXMAP_CACHE_KIB:
                QPixmapCache.setCacheLimit(PIXMAP_CACHE_KIB)

    def _tiles(
        self,
        pieces: list[tuple[str, list[Shape], TextEntity | None]],
        drawing: UnderlaySource,
        transform: Transform,
        boxes: list[BBox],
    ) -> list[UnderlayTileItem]:
        text_boxes = []
        for _, _, text in pieces:
            if text is not None:
                point = transform.apply_point(text.position)
                text_boxes.append(BBox(*point, *point))
        every = boxes + text_boxes
        if not every:
            return []
        extent_box = every[0]
        for box in every[1:]:
            extent_box = extent_box.union(box)
        extent = max(extent_box.width, extent_box.height, 1e-9)
        tiles = max(1, min(16, round(math.sqrt(len(pieces) / ENTITIES_PER_TILE))))
        tile_size = extent / tiles
        scale = math.sqrt(abs(transform.determinant))
        batches: dict[tuple[str, int, int, int, bool], QPainterPath] = defaultdict(QPainterPath)
        sizes: dict[tuple[str, int, int, int, bool], float] = defaultdict(float)
        to_drawing = qtransform(transform)
        for layer, found, text in pieces:
            if text is not None:
                point = transform.apply_point(text.position)
                size = text.height * scale * max(1, len(text.text))
                glyphs = text_path(text.text, text.height, *anchor_fractions(text.anchor))
                path_piece = to_drawing.map(placed(glyphs, *text.position, text.rotation))
                center, fill = point, True
            else:
                box = found[0].bbox
                for shape in found[1:]:
                    box = box.union(shape.bbox)
                size = max(box.width, box.height)
                center, fill = box.center, False
                path_piece = None
            column = min(tiles - 1, max(0, int((center.x - extent_box.min_x) / tile_size)))
            row = min(tiles - 1, max(0, int((center.y - extent_box.min_y) / tile_size)))
            key = (layer, column, row, _size_class(size, extent), fill)
            if path_piece is None:
                for shape in found:
                    add_shape(batches[key], shape)
            else:
                batches[key].addPath(path_piece)
            sizes[key] = max(sizes[key], size)
        grouped: dict[tuple[str, int, int], tuple[list, list]] = defaultdict(lambda: ([], []))
        for key, path in batches.items():
            layer, column, row, _, fill = key
            grouped[(layer, column, row)][1 if fill else 0].append((sizes[key], path))
        items = []
        for (layer, _, _), (strokes, fills) in grouped.items():
            color = drawing.layers[layer].color if layer in drawing.layers else Color(255, 255, 255)
            items.append(UnderlayTileItem(underlay_color(color), strokes, fills))
        return items


def qtransform(transform: Transform) -> QTransform:
    """The :class:`~PySide6.QtGui.QTransform` of an affine ``transform``."""
    a, b, c, d, e, f = transform
    return QTransform(a, d, b, e, c, f)
