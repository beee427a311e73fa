"""Block definitions as cached paths, for drawing inserts (block references).

A block's entities become two paths in block coordinates: lines to stroke and text glyphs
to fill. Nested inserts are drawn from the nested block's cached paths. The cache is
cleared when a block changes.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtGui import QPainterPath, QTransform

from lvcad.model import BlockDefinition, Insert, TextEntity, Unit

from .geometry import MAX_BLOCK_DEPTH, anchor_fractions, entity_shapes
from .paths import add_shape, placed, text_path

__all__ = ["BlockPaths", "insert_qtransform"]


def insert_qtransform(insert: Insert, block: BlockDefinition) -> QTransform:
    """Block coordinates → drawing coordinates for ``insert`` (as in the geometry module)."""
    transform = QTransform()
    transform.translate(*insert.position)
    transform.rotateRadians(insert.rotation)
    transform.scale(insert.scale_x, insert.scale_y)
    transform.translate(-block.base_point.x, -block.base_point.y)
    return transform


class BlockPaths:
    """Stroke and fill paths of each block, built on first use."""

    def __init__(self, blocks: Mapping[str, BlockDefinition], unit: Unit) -> None:
        self._blocks = blocks
        self._unit = unit
        self._cache: dict[str, tuple[QPainterPath, QPainterPath]] = {}

    def clear(self) -> None:
        """Forget every cached path (after a block changed)."""
        self._cache.clear()

    def paths(self, name: str, depth: int = 0) -> tuple[QPainterPath, QPainterPath]:
        """``(stroke, fill)`` of block ``name`` in block coordinates (empty when undefined)."""
        cached = self._cache.get(name)
        if cached is not None:
            return cached
        stroke, fill = QPainterPath(), QPainterPath()
        block = self._blocks.get(name)
        if block is not None and depth <= MAX_BLOCK_DEPTH:
            for entity in block.entities:
                if isinstance(entity, TextEntity):
                    glyphs = text_path(entity.text, entity.height, *anchor_fractions(entity.anchor))
                    fill.addPath(placed(glyphs, *entity.position, entity.rotation))
                elif isinstance(entity, Insert):
                    inner = self._blocks.get(entity.block)
                    if inner is None:
                        continue
                    inner_stroke, inner_fill = self.paths(entity.block, depth + 1)
                    transform = insert_qtransform(entity, inner)
                    stroke.addPath(transform.map(inner_stroke))
                    fill.addPath(transform.map(inner_fill))
                else:
                    for shape in entity_shapes(entity, self._unit, self._blocks):
                        add_shape(stroke, shape)
        self._cache[name] = (stroke, fill)
        return stroke, fill
