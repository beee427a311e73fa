"""Picking entities, Qt-free: by a click, by a window or by a crossing box.

A click picks an entity whose outline is within the pick tolerance; devices and text are
picked anywhere inside their outline too. A *window* (dragged left to right) takes the
entities entirely inside it; a *crossing* box (right to left) also takes those it touches.

Example
-------
>>> from lvcad_geometry import Line
>>> from lvcad.model import LineEntity, Unit
>>> wall = LineEntity(geometry=Line((0, 0), (10, 0)))
>>> pick_distance(wall, Vec2(5, 0.5), Unit.INCH, {})
0.5
>>> in_window(wall, BBox(-1, -1, 11, 1), Unit.INCH, {})
True
>>> (
...     in_window(wall, BBox(2, -1, 20, 1), Unit.INCH, {}),
...     crosses(wall, BBox(2, -1, 20, 1), Unit.INCH, {}),
... )
(False, True)
"""

from __future__ import annotations

from collections.abc import Mapping

from lvcad.canvas.geometry import Shape, device_radius, entity_bbox, entity_shapes, text_box
from lvcad.model import BlockDefinition, Device, Entity, TextEntity, Unit
from lvcad_geometry import BBox, Line, Polyline, Vec2
from lvcad_geometry.intersect import intersect
from lvcad_geometry.nearest import distance_to

__all__ = ["crosses", "in_window", "pick_distance"]


def _inside_polygon(polygon: Polyline, point: Vec2) -> bool:
    """Even-odd test against the polygon's vertices (text boxes are straight-sided)."""
    xs, ys = polygon.x.tolist(), polygon.y.tolist()
    inside = False
    j = len(xs) - 1
    for i in range(len(xs)):
        if (ys[i] > point.y) != (ys[j] > point.y):
            x_cross = xs[i] + (point.y - ys[i]) * (xs[j] - xs[i]) / (ys[j] - ys[i])
            if point.x < x_cross:
                inside = not inside
        j = i
    return inside


def pick_distance(
    entity: Entity, point: Vec2, unit: Unit, blocks: Mapping[str, BlockDefinition]
) -> float:
    """How far ``point`` is from ``entity`` for picking (0 inside a device or text)."""
    if isinstance(entity, Device):
        return max(0.0, entity.position.distance(point) - device_radius(unit))
    if isinstance(entity, TextEntity) and _inside_polygon(text_box(entity), point):
        return 0.0
    shapes = entity_shapes(entity, unit, blocks)
    if not shapes:
        return float("inf")
    return min(distance_to(shape, point) for shape in shapes)


def in_window(
    entity: Entity, window: BBox, unit: Unit, blocks: Mapping[str, BlockDefinition]
) -> bool:
    """True when ``entity`` lies entirely inside ``window``."""
    box = entity_bbox(entity, unit, blocks)
    return (
        box is not None
        and window.contains((box.min_x, box.min_y))
        and window.contains((box.max_x, box.max_y))
    )


def _touches(shape: Shape, window: BBox, outline: Polyline) -> bool:
    if not shape.bbox.intersects(window):
        return False
    if isinstance(shape, Polyline):
        if window.contains((float(shape.x[0]), float(shape.y[0]))):
            return True
    elif window.contains(shape.start if isinstance(shape, Line) else shape.start_point):
        return True
    return bool(intersect(shape, outline))


def crosses(
    entity: Entity, window: BBox, unit: Unit, blocks: Mapping[str, BlockDefinition]
) -> bool:
    """True when ``entity`` is inside ``window`` or touches its border."""
    if in_window(entity, window, unit, blocks):
        return True
    outline = Polyline(
        [
            (window.min_x, window.min_y),
            (window.max_x, window.min_y),
            (window.max_x, window.max_y),
            (window.min_x, window.max_y),
        ],
        closed=True,
    )
    if (
        isinstance(entity, Device | TextEntity)
        and pick_distance(entity, window.center, unit, blocks) == 0.0
    ):
        return True
    return any(_touches(shape, window, outline) for shape in entity_shapes(entity, unit, blocks))
