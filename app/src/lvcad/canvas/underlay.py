"""The DXF underlay on the canvas: dimmed, locked, batched and drawn with level of detail.

The architect's plan can hold 100k entities, so it is not one item per entity. The plan is
cut into square tiles on a loose grid, each tile holding a few
:class:`~PySide6.QtGui.QPainterPath` batches per layer sorted by entity size, made from numpy
arrays (:mod:`~lvcad.canvas.outlines`), not entity by entity. One :class:`UnderlayItem`
draws the tiles that meet the visible area through a :class:`~lvcad.canvas.raster.RasterCache`
(pans blit, zooms show the last image scaled until the zoom rests). Level of detail: batches
whose largest entity is under :data:`DETAIL_PIXELS` on screen are skipped, text smaller
than :data:`TEXT_GLYPH_PIXELS` is drawn as one stroke (larger text with the painter's cached
glyphs, not outline paths), and the underlay is drawn without antialiasing, several times
faster for a plan's many thin lines. A layer's visibility or colour is a repaint; nothing is
rebuilt. The underlay is never selectable and takes no mouse buttons; tools still snap to
it through :attr:`UnderlayView.index`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from lvcad.model import BlockDefinition, Color, Entity, Layer, TextEntity, Underlay, Unit
from lvcad_geometry import Transform

from .geometry import Shape, anchor_fractions, entity_shapes, transformed_shapes
from .outlines import Elements, IntArray, Outlines, entity_outlines, text_midlines
from .paths import placement, text_font, text_layout
from .raster import RasterCache
from .spatial import ShapeIndex
from .style import cosmetic_pen, underlay_color

__all__ = [
    "DETAIL_PIXELS",
    "TEXT_GLYPH_PIXELS",
    "UnderlayItem",
    "UnderlaySource",
    "UnderlayView",
    "qtransform",
]

#: Batches whose largest entity is smaller than this on screen are not drawn.
DETAIL_PIXELS = 1.0
#: Text shorter than this on screen is drawn as a stroke through its box, not as letters.
TEXT_GLYPH_PIXELS = 8.0
#: Roughly how many entities share one tile item.
ENTITIES_PER_TILE = 1000
#: At most this many tiles along a side.
MAX_TILES = 32
#: Size classes per tile: entity sizes are binned by powers of this factor.
SIZE_STEP = 4.0
SIZE_CLASSES = 6
#: Drawn below every document entity.
UNDERLAY_Z = -1e9
_IDENTITY = Transform()


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


@dataclass(slots=True)
class LayerStyle:
    """How one underlay layer is drawn; shared by every tile, so a change is one repaint."""

    color: QColor
    pen: QPen
    visible: bool


@dataclass(slots=True)
class _Batch:
    """One path of a tile: the entities of one layer and size class."""

    layer: str
    #: The largest entity's size (stroked outlines) or text height, in scene units.
    size: float
    path: QPainterPath


@dataclass(slots=True)
class _TextBatch(_Batch):
    """Text of one layer and height class: a stroke each, or the text itself when readable."""

    texts: tuple[TextEntity, ...] = ()
    to_scene: QTransform = field(default_factory=QTransform)
    #: Each text's transform from font pixels to the scene and its lines (made once).
    layouts: list[tuple[QTransform, list[tuple[QPointF, str]]]] | None = None

    def draw_text(self, painter: QPainter, color: QColor) -> None:
        """Draw the texts with the painter's text engine (its glyph cache: fast)."""
        if self.layouts is None:
            self.layouts = []
            for text in self.texts:
                place, lines = text_layout(text.text, text.height, *anchor_fractions(text.anchor))
                where = place * placement(*text.position, text.rotation) * self.to_scene
                self.layouts.append((where, lines))
        world = painter.worldTransform()
        painter.save()
        painter.setPen(color)
        painter.setFont(text_font())
        for where, lines in self.layouts:
            painter.setTransform(where * world)
            for point, line in lines:
                painter.drawText(point, line)
        painter.restore()


class _Tile:
    """One square of the underlay, every layer: stroked batches, largest entities first."""

    def __init__(
        self,
        styles: Mapping[str, LayerStyle],
        bounds: QRectF,
        strokes: list[_Batch],
        texts: list[_TextBatch],
    ) -> None:
        self._styles = styles
        self.strokes = sorted(strokes, key=lambda batch: -batch.size)
        self.texts = sorted(texts, key=lambda batch: -batch.size)
        self.bounds = bounds

    def batches_drawn(self, pixels_per_unit: float) -> int:
        """How many batches are drawn at a zoom of ``pixels_per_unit`` (level of detail)."""
        return sum(
            1
            for batch in (*self.strokes, *self.texts)
            if batch.size * pixels_per_unit >= DETAIL_PIXELS and self._styles[batch.layer].visible
        )

    def draw(self, painter: QPainter, scale: float) -> None:
        """Draw the batches big enough at ``scale`` pixels per unit."""
        for batch in self.strokes:
            if batch.size * scale < DETAIL_PIXELS:
                break
            style = self._styles[batch.layer]
            if style.visible:
                painter.setPen(style.pen)
                painter.drawPath(batch.path)
        for text in self.texts:
            pixels = text.size * scale
            if pixels < DETAIL_PIXELS:
                break
            style = self._styles[text.layer]
            if not style.visible:
                continue
            if pixels < TEXT_GLYPH_PIXELS:
                painter.setPen(style.pen)
                painter.drawPath(text.path)
            else:
                text.draw_text(painter, style.color)


class UnderlayItem(QGraphicsItem):
    """The whole underlay as one item: its tiles, drawn through a :class:`RasterCache`."""

    def __init__(self, tiles: list[_Tile]) -> None:
        super().__init__()
        self.tiles = tiles
        bounds = QRectF()
        for tile in tiles:
            bounds = bounds.united(tile.bounds)
        self._bounds = bounds
        self.cache = RasterCache(bounds, self.draw, self.update)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setZValue(UNDERLAY_Z)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def batches_drawn(self, pixels_per_unit: float) -> int:
        """How many batches are drawn at a zoom of ``pixels_per_unit`` (level of detail)."""
        return sum(tile.batches_drawn(pixels_per_unit) for tile in self.tiles)

    def refresh(self) -> None:
        """Draw again (a layer's visibility or colour changed)."""
        self.cache.clear()
        self.update()

    def draw(self, painter: QPainter, area: QRectF, scale: float) -> None:
        """Draw the tiles that meet ``area`` (scene coordinates) at ``scale`` pixels per unit."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for tile in self.tiles:
            if tile.bounds.intersects(area):
                tile.draw(painter, scale)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        self.cache.paint(painter, option.exposedRect, widget)


def _size_classes(sizes: np.ndarray, extent: float) -> IntArray:
    """The size class of each size: 0 for the largest (about the plan's extent) up."""
    with np.errstate(divide="ignore", invalid="ignore"):
        steps = np.floor(np.log(extent / sizes) / math.log(SIZE_STEP))
    steps = np.where(np.isfinite(steps) & (sizes > 0.0), steps, SIZE_CLASSES - 1)
    return np.clip(steps, 0, SIZE_CLASSES - 1).astype(np.int64)


@dataclass(slots=True)
class _Layout:
    """Where each entity goes: its tile and the batch key (tile, text?, layer, size class)."""

    keys: IntArray
    tiles: IntArray
    sizes: np.ndarray


class UnderlayView:
    """The items and snap index built from an :class:`UnderlaySource` and the underlay settings."""

    def __init__(self, drawing: UnderlaySource, underlay: Underlay) -> None:
        self.items: list[UnderlayItem] = []
        self._drawing = drawing
        self._transform = underlay.transform
        entities = drawing.entities
        self._entities = entities
        self._layer_names = sorted({entity.layer for entity in entities})
        codes = {name: code for code, name in enumerate(self._layer_names)}
        self._layer_of = np.array([codes[entity.layer] for entity in entities], dtype=np.int64)
        self.styles = {name: self._style(name, underlay) for name in self._layer_names}
        outlines, owner = entity_outlines(entities, drawing.blocks)
        elements = outlines.elements()
        if underlay.transform != _IDENTITY:
            elements = elements.transformed(underlay.transform)
        texts = [entity for entity in entities if isinstance(entity, TextEntity)]
        text_rows = np.array(
            [row for row, entity in enumerate(entities) if isinstance(entity, TextEntity)],
            dtype=np.int64,
        )
        midlines = self._midlines(texts)
        boxes = self._entity_boxes(len(entities), elements, owner, midlines, text_rows)
        self._boxes = boxes
        self._shaped = np.zeros(len(entities), dtype=bool)
        self._shaped[owner] = True
        #: Shapes by box, for object snap (text is not snapped to).
        self.index = self._index()
        if len(owner) or len(text_rows):
            layout = self._layout(boxes, owner, text_rows, texts)
            tiles = self._tiles(layout, elements, owner, midlines, text_rows, texts)
            self.items = [UnderlayItem(tiles)]
        for item in self.items:
            item.setVisible(underlay.visible)

    # ------------------------------------------------------------------ layers and states

    def _style(self, name: str, underlay: Underlay) -> LayerStyle:
        layer = self._drawing.layers.get(name)
        color = underlay_color(layer.color if layer is not None else Color(255, 255, 255))
        return LayerStyle(color, cosmetic_pen(color, 1.0), self._shown(name, underlay))

    def _shown(self, name: str, underlay: Underlay) -> bool:
        layer = self._drawing.layers.get(name)
        return underlay.layer_state(name).visible and (layer is None or layer.visible)

    def can_show(self, underlay: Underlay) -> bool:
        """Whether ``underlay``'s settings can be applied without building the view again."""
        return underlay.transform == self._transform

    def apply(self, underlay: Underlay) -> None:
        """Follow changed layer states and visibility: repaint only the tiles concerned."""
        changed = set()
        for name, style in self.styles.items():
            shown = self._shown(name, underlay)
            if shown != style.visible:
                style.visible = shown
                changed.add(name)
        for item in self.items:
            item.setVisible(underlay.visible)
            if changed:
                item.refresh()
        if changed:
            self.index = self._index()

    def _index(self) -> ShapeIndex:
        hidden = [code for code, name in enumerate(self._layer_names)
                  if not self.styles[name].visible]  # fmt: skip
        rows = np.flatnonzero(self._shaped & ~np.isin(self._layer_of, hidden))
        entities, transform, blocks = self._entities, self._transform, self._drawing.blocks

        def shapes_of(row: int) -> list[Shape]:
            entity = entities[int(rows[row])]
            return transformed_shapes(entity_shapes(entity, Unit.MILLIMETRE, blocks), transform)

        return ShapeIndex.lazy(self._boxes[rows], shapes_of)

    # ------------------------------------------------------------------------- geometry

    def _midlines(self, texts: list[TextEntity]) -> Elements:
        if not texts:
            return Outlines.from_arrays(np.empty(0), np.empty(0), np.empty(0),
                                        counts=np.empty(0, np.int64),
                                        closed=np.empty(0, bool)).elements()  # fmt: skip
        x, y = text_midlines(texts)
        n = len(texts)
        outlines = Outlines.from_arrays(
            x, y, np.zeros(2 * n), counts=np.full(n, 2), closed=np.zeros(n, bool)
        )
        elements = outlines.elements()
        return elements.transformed(self._transform) if self._transform != _IDENTITY else elements

    @staticmethod
    def _entity_boxes(
        count: int, elements: Elements, owner: IntArray, midlines: Elements, text_rows: IntArray
    ) -> np.ndarray:
        """Each entity's box (NaN for an entity that draws nothing)."""
        boxes = np.full((count, 4), np.nan)
        outline_boxes = elements.boxes()
        if len(owner):
            lows = np.full((count, 2), np.inf)
            highs = np.full((count, 2), -np.inf)
            np.minimum.at(lows, owner, outline_boxes[:, :2])
            np.maximum.at(highs, owner, outline_boxes[:, 2:])
            drawn = np.isfinite(lows[:, 0])
            boxes[drawn, :2], boxes[drawn, 2:] = lows[drawn], highs[drawn]
        if len(text_rows):
            boxes[text_rows] = midlines.boxes()
        return boxes

    def _layout(
        self, boxes: np.ndarray, owner: IntArray, text_rows: IntArray, texts: list[TextEntity]
    ) -> _Layout:
        drawn = np.isfinite(boxes[:, 0])
        low = boxes[drawn, :2].min(axis=0)
        high = boxes[drawn, 2:].max(axis=0)
        extent = float(max(*(high - low), 1e-9))
        tiles = max(1, min(MAX_TILES, round(math.sqrt(int(drawn.sum()) / ENTITIES_PER_TILE))))
        tile_size = extent / tiles
        sizes = np.nan_to_num(np.maximum(boxes[:, 2] - boxes[:, 0], boxes[:, 3] - boxes[:, 1]))
        # A loose grid per level: an entity larger than a tile goes to the level whose tiles
        # are at least its size, so no tile reaches far beyond its square (fewer and smaller
        # cache pixmaps, fewer tiles painted for a part of the plan).
        with np.errstate(divide="ignore"):
            level = np.ceil(np.log2(np.maximum(sizes, 1e-300) / tile_size))
        level = np.clip(level, 0, math.ceil(math.log2(tiles)) + 1).astype(np.int64)
        cell = tile_size * np.exp2(level)
        centers = np.nan_to_num((boxes[:, :2] + boxes[:, 2:]) / 2.0)
        column = np.clip(((centers[:, 0] - low[0]) / cell).astype(np.int64), 0, tiles - 1)
        row = np.clip(((centers[:, 1] - low[1]) / cell).astype(np.int64), 0, tiles - 1)
        tile = (level * tiles + row) * tiles + column
        if texts:
            scale = math.sqrt(abs(self._transform.determinant))
            sizes[text_rows] = [text.height * scale for text in texts]
        is_text = np.zeros(len(boxes), dtype=np.int64)
        is_text[text_rows] = 1
        layers = len(self._layer_names)
        keys = ((tile * 2 + is_text) * layers + self._layer_of) * SIZE_CLASSES + _size_classes(
            sizes, extent
        )
        return _Layout(keys, tile, sizes)

    def _tiles(
        self,
        layout: _Layout,
        elements: Elements,
        owner: IntArray,
        midlines: Elements,
        text_rows: IntArray,
        texts: list[TextEntity],
    ) -> list[_Tile]:
        strokes: dict[int, list[_Batch]] = {}
        labels: dict[int, list[_TextBatch]] = {}
        bounds: dict[int, QRectF] = {}
        to_scene = qtransform(self._transform)
        for rows, batch_elements, text_batch in (
            (owner, elements, False),
            (text_rows, midlines, True),
        ):
            if not len(rows):
                continue
            keys = layout.keys[rows]
            order = np.argsort(keys, kind="stable")
            ordered = batch_elements.reordered(order)
            sorted_keys = keys[order]
            cuts = np.flatnonzero(np.diff(sorted_keys)) + 1
            firsts = np.concatenate(([0], cuts))
            stops = np.append(cuts, len(sorted_keys))
            outline_boxes = ordered.boxes()
            # per batch: its box and its largest entity, in one reduction each
            low_x, low_y = (np.minimum.reduceat(outline_boxes[:, i], firsts) for i in (0, 1))
            high_x, high_y = (np.maximum.reduceat(outline_boxes[:, i], firsts) for i in (2, 3))
            sizes = np.maximum.reduceat(layout.sizes[rows[order]], firsts)
            heads = rows[order[firsts]]
            for k, (first, stop) in enumerate(zip(firsts.tolist(), stops.tolist(), strict=True)):
                head = int(heads[k])
                tile = int(layout.tiles[head])
                layer = self._entities[head].layer
                size = float(sizes[k])
                path = ordered.path(int(ordered.start[first]), int(ordered.start[stop]))
                rect = QRectF(low_x[k], low_y[k], high_x[k] - low_x[k], high_y[k] - low_y[k])
                if text_batch:
                    chosen = tuple(texts[i] for i in order[first:stop].tolist())
                    labels.setdefault(tile, []).append(
                        _TextBatch(layer, size, path, chosen, to_scene)
                    )
                    # glyphs reach a little beyond the stroke through the middle
                    rect = rect.adjusted(-size, -size, size, size)
                else:
                    strokes.setdefault(tile, []).append(_Batch(layer, size, path))
                bounds[tile] = bounds[tile].united(rect) if tile in bounds else rect
        return [
            _Tile(self.styles, bounds[tile], strokes.get(tile, []), labels.get(tile, []))
            for tile in sorted(bounds)
        ]


def qtransform(transform: Transform) -> QTransform:
    """The :class:`~PySide6.QtGui.QTransform` of an affine ``transform``."""
    a, b, c, d, e, f = transform
    return QTransform(a, d, b, e, c, f)
