"""The offset tool: a parallel copy of a line, arc, circle, polyline or wire.

Type the distance (or click two points; Enter keeps the last one), pick an entity, then
click the side: the copy goes on the same layer, on the clicked side. The tool repeats
with the same distance until Enter or Esc.
"""

from __future__ import annotations

import dataclasses
import math
from typing import TYPE_CHECKING

from lvcad.canvas.geometry import Shape
from lvcad.commands import AddEntities
from lvcad.model import CircleEntity, Entity, Wire, new_id
from lvcad_geometry import Arc, Line, Polyline, Vec2, offset_polyline
from lvcad_geometry.errors import GeometryError
from lvcad_geometry.nearest import nearest_on_polyline

from .base import Tool, ToolEvent
from .reshape import EDITABLE, entity_geometry, with_geometry

if TYPE_CHECKING:
    from .manager import ToolManager

__all__ = ["OffsetTool", "offset_shapes", "side_of"]


def side_of(shape: Shape, point: Vec2) -> float:
    """Positive when ``point`` is left of ``shape``'s direction of travel (outside a circle
    counts as left of a counter-clockwise arc), negative right, 0 on it.

    Example
    -------
    >>> side_of(Line((0, 0), (10, 0)), Vec2(5, 2)), side_of(Line((0, 0), (10, 0)), Vec2(5, -2))
    (1.0, -1.0)
    """
    if isinstance(shape, Arc):
        outside = point.distance(shape.center) - shape.radius
        return math.copysign(1.0, -outside * shape.sweep) if outside else 0.0
    polyline = Polyline([shape.start, shape.end]) if isinstance(shape, Line) else shape
    nearest = nearest_on_polyline(polyline, point)
    segment = polyline.segment(nearest.segment_index)
    if isinstance(segment, Arc):
        return side_of(segment, point)
    cross = (segment.end - segment.start).cross(point - nearest.point)
    return math.copysign(1.0, cross) if cross else 0.0


def offset_shapes(shape: Shape, distance: float) -> list[Shape]:
    """``shape`` offset by ``distance`` to its left (negative: right); arcs stay exact arcs.

    Example
    -------
    >>> offset_shapes(Line((0, 0), (10, 0)), -2.0)
    [Line(start=Vec2(x=0.0, y=-2.0), end=Vec2(x=10.0, y=-2.0))]
    >>> offset_shapes(Arc((0, 0), 5.0, 0.0, math.pi), 2.0)[0].radius  # left of a CCW arc: in
    3.0
    """
    if isinstance(shape, Arc):
        radius = shape.radius - distance * math.copysign(1.0, shape.sweep)
        if radius <= 0.0:
            return []
        return [Arc(shape.center, radius, shape.start_angle, shape.sweep)]
    if isinstance(shape, Line):
        along = (shape.end - shape.start).normalized()
        shift = Vec2(-along.y, along.x) * distance  # the left normal, without rounding
        return [Line(shape.start + shift, shape.end + shift)]
    return list(offset_polyline(shape, distance))


class OffsetTool(Tool):
    """Offset entities by a distance, to the clicked side."""

    name = "Offset"

    def __init__(self, manager: ToolManager) -> None:
        super().__init__(manager)
        self.distance: float | None = manager.remembered.get("offset")
        self.entity: Entity | None = None
        self._asking_distance = True

    def start(self) -> None:
        last = f" <{self.distance:g}>" if self.distance is not None else ""
        self.prompt(f"offset distance, or click two points{last}")

    def _ask_entity(self) -> None:
        self._asking_distance = False
        self.last_point = None
        self.entity = None
        self.prompt("pick the object to offset (Enter to finish)")

    def distance_input(self, distance: float) -> bool:
        if distance <= 0.0:
            self.manager.message("the offset distance must be greater than zero")
            return True
        self.distance = self.manager.remembered["offset"] = distance
        self._ask_entity()
        return True

    def point_input(self, point: Vec2, event: ToolEvent | None) -> bool:
        if self._asking_distance:
            if self.last_point is None:
                self.last_point = point
                self.prompt("second point of the distance")
                return True
            return self.distance_input(point.distance(self.last_point))
        cursor = event.cursor if event is not None else point
        if self.entity is None:
            pixel_size = event.pixel_size if event is not None else self.manager.pixel_size()
            picked = self.manager.pick(cursor, pixel_size)
            if not isinstance(picked, EDITABLE):
                self.manager.message("pick a line, arc, circle, polyline or wire")
                return True
            self.entity = picked
            self.prompt("click the side to offset to")
            return True
        self._offset(cursor)
        return True

    def finish(self) -> None:
        if self._asking_distance and self.last_point is None and self.distance is not None:
            self._ask_entity()  # Enter keeps the last distance
            return
        self.manager.done(self)

    def _offset(self, side: Vec2) -> None:
        assert self.entity is not None
        assert self.distance is not None
        shape = entity_geometry(self.entity)
        assert shape is not None
        sign = side_of(shape, side)
        if sign == 0.0:
            self.manager.message("click beside the object, not on it")
            return
        try:
            shapes = offset_shapes(shape, sign * self.distance)
        except GeometryError as error:
            self.manager.message(str(error))
            self._ask_entity()
            return
        if not shapes:
            self.manager.message(f"nothing is left of the {self.entity.kind} at that distance")
            self._ask_entity()
            return
        copies = [self._copy(piece) for piece in shapes]
        self.manager.execute(AddEntities(copies, text=f"Offset {self.entity.kind}"))
        self._ask_entity()

    def _copy(self, piece: Shape) -> Entity:
        assert self.entity is not None
        if isinstance(self.entity, CircleEntity) and isinstance(piece, Arc):
            return dataclasses.replace(self.entity, id=new_id(), radius=piece.radius)
        if isinstance(self.entity, Wire) and isinstance(piece, Polyline):
            # a parallel run on the same circuit, not connected to the original's devices
            return dataclasses.replace(self.entity, id=new_id(), path=piece, devices=())
        return with_geometry(self.entity, piece, entity_id=new_id())

    def preview(self, cursor: Vec2) -> None:
        if self._asking_distance and self.last_point is not None:
            self.manager.show_preview([Line(self.last_point, cursor)])
            return
        if self.entity is None or self.distance is None:
            return
        shape = entity_geometry(self.entity)
        if shape is None or not (sign := side_of(shape, cursor)):
            return
        try:
            self.manager.show_preview(offset_shapes(shape, sign * self.distance))
        except GeometryError:
            self.manager.clear_preview()
