"""What an entity looks like as plain geometry, Qt-free: for picking, snapping and extents.

Every entity becomes a list of :mod:`lvcad_geometry` shapes (:class:`~lvcad_geometry.Line`,
:class:`~lvcad_geometry.Arc`, :class:`~lvcad_geometry.Polyline`) in document coordinates:
devices are their symbol circle, text its box, an insert the transformed entities of its
block. The canvas items draw the same shapes, so what is picked is what is seen.

Example
-------
>>> from lvcad.model import DeviceCatalog, Unit
>>> device = DeviceCatalog.builtin().new_device("smoke_detector", (100, 50))
>>> [circle] = entity_shapes(device, Unit.INCH, {})
>>> circle.center, circle.radius
(Vec2(x=100.0, y=50.0), 6.0)
>>> entity_bbox(device, Unit.INCH, {})
BBox(min_x=94.0, min_y=44.0, max_x=106.0, max_y=56.0)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TypeAlias

from lvcad.model import (
    ArcEntity,
    BlockDefinition,
    CircleEntity,
    Device,
    Entity,
    Insert,
    LineEntity,
    PolylineEntity,
    TextAnchor,
    TextEntity,
    Unit,
    Wire,
)
from lvcad_geometry import Arc, BBox, Line, Polyline, Transform, Vec2
from lvcad_geometry.errors import GeometryError

__all__ = [
    "DEVICE_RADIUS_INCHES",
    "Shape",
    "device_radius",
    "entity_bbox",
    "entity_shapes",
    "insert_transform",
    "shapes_bbox",
    "snap_points",
    "text_box",
    "transformed_shapes",
]

#: One drawable piece of an entity.
Shape: TypeAlias = Line | Arc | Polyline

#: Radius of a device symbol, in inches on the real floor (a 12-inch symbol).
DEVICE_RADIUS_INCHES = 6.0
#: Average character width of drawing text, as a fraction of its height.
CHARACTER_WIDTH = 0.6
#: Nesting depth beyond which block references are not followed (the model forbids cycles).
MAX_BLOCK_DEPTH = 16

_ANCHOR_X = {"left": 0.0, "center": 0.5, "right": 1.0}
_ANCHOR_Y = {"baseline": 0.0, "bottom": 0.2, "middle": 0.5, "top": 1.0}


def device_radius(unit: Unit) -> float:
    """Radius of device symbols in ``unit`` (the same real size in every unit)."""
    return Unit.INCH.convert(DEVICE_RADIUS_INCHES, unit)


def anchor_fractions(anchor: TextAnchor) -> tuple[float, float]:
    """Where the anchor sits in the text box: x from left (0) to right (1), y from base up.

    The y fraction is of the text height (``bottom`` is slightly below the baseline).
    """
    vertical, horizontal = anchor.value.split("_")
    return _ANCHOR_X[horizontal], _ANCHOR_Y[vertical]


def text_box(text: TextEntity) -> Polyline:
    """The approximate outline of ``text`` (closed, rotated with it)."""
    lines = text.text.split("\n")
    width = max(1, max(len(line) for line in lines)) * CHARACTER_WIDTH * text.height
    line_count = len(lines)
    height = text.height * (1.0 + 1.5 * (line_count - 1))
    fx, fy = anchor_fractions(text.anchor)
    left = -fx * width
    top = text.height * (1.0 - fy) if line_count == 1 else (1.0 - fy) * height
    bottom = top - height
    corners = [(left, bottom), (left + width, bottom), (left + width, top), (left, top)]
    turn = Transform.translation(*text.position) @ Transform.rotation(text.rotation)
    return Polyline([turn.apply_point(corner) for corner in corners], closed=True)


def insert_transform(insert: Insert, base_point: Vec2) -> Transform:
    """Block coordinates → drawing coordinates for ``insert``."""
    return (
        Transform.translation(*insert.position)
        @ Transform.rotation(insert.rotation)
        @ Transform.scaling(insert.scale_x, insert.scale_y)
        @ Transform.translation(-base_point.x, -base_point.y)
    )


_IDENTITY = Transform()


def transformed_shapes(shapes: Iterable[Shape], transform: Transform) -> list[Shape]:
    """``shapes`` mapped through ``transform`` (arcs under a non-uniform scale become chords)."""
    if transform == _IDENTITY:  # the common underlay case: the DXF is in the drawing's unit
        return list(shapes)
    result: list[Shape] = []
    for shape in shapes:
        try:
            result.append(transform.apply(shape))
        except GeometryError:  # an arc under a non-uniform scale: keep its chord
            if isinstance(shape, Arc):
                result.append(transform.apply(Line(shape.start_point, shape.end_point)))
            elif isinstance(shape, Polyline):
                result.append(transform.apply(Polyline(shape.xy, closed=shape.closed)))
    return result


def entity_shapes(
    entity: Entity, unit: Unit, blocks: Mapping[str, BlockDefinition], *, _depth: int = 0
) -> list[Shape]:
    """The shapes that draw ``entity``, in document coordinates."""
    if isinstance(entity, LineEntity | ArcEntity | PolylineEntity):
        return [entity.geometry]
    if isinstance(entity, CircleEntity):
        return [entity.arc]
    if isinstance(entity, Wire):
        return [entity.path]
    if isinstance(entity, Device):
        return [Arc(entity.position, device_radius(unit), 0.0, 2.0 * math.pi)]
    if isinstance(entity, TextEntity):
        return [text_box(entity)]
    if isinstance(entity, Insert):
        block = blocks.get(entity.block)
        if block is None or _depth > MAX_BLOCK_DEPTH:
            return []
        inner = [
            shape
            for child in block.entities
            for shape in entity_shapes(child, unit, blocks, _depth=_depth + 1)
        ]
        return transformed_shapes(inner, insert_transform(entity, block.base_point))
    raise TypeError(f"not a drawing entity: {entity!r}")


def snap_points(entity: Entity) -> list[Vec2]:
    """Insertion points of ``entity`` (devices, text, inserts); other entities have none."""
    if isinstance(entity, Device | TextEntity | Insert):
        return [entity.position]
    return []


def shapes_bbox(shapes: Iterable[Shape]) -> BBox | None:
    """The bounding box of ``shapes``, or ``None`` when there are none."""
    box: BBox | None = None
    for shape in shapes:
        box = shape.bbox if box is None else box.union(shape.bbox)
    return box


def entity_bbox(entity: Entity, unit: Unit, blocks: Mapping[str, BlockDefinition]) -> BBox | None:
    """The bounding box of ``entity`` as drawn (``None`` for an insert of an empty block)."""
    box = shapes_bbox(entity_shapes(entity, unit, blocks))
    if isinstance(entity, Insert):
        point = BBox(*entity.position, *entity.position)
        box = point if box is None else box.union(point)
    return box
