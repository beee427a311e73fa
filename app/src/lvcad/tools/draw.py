"""Drawing tools: line and polyline (with arc segments).

Line: click (or type) points; every segment is its own line entity and undo step. Options:
``U`` undoes the last segment, ``C`` closes back to the first point. Polyline: click
vertices; ``A`` switches to arc segments (each tangent to the one before), ``L`` back to
straight ones, ``U`` removes the last vertex, ``C`` closes; Enter, a right click or a double
click makes the polyline (one undo step).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from lvcad.canvas.geometry import Shape
from lvcad.commands import AddEntities
from lvcad.model import LineEntity, PolylineEntity
from lvcad_geometry import Line, Polyline, Vec2
from lvcad_geometry.bulge import bulge_to_arc

from .base import Tool, ToolEvent

if TYPE_CHECKING:
    from .manager import ToolManager

__all__ = ["LineTool", "PolylineTool", "tangent_bulge"]


def tangent_bulge(start: Vec2, end: Vec2, tangent: Vec2) -> float:
    """The bulge of the arc from ``start`` to ``end`` that leaves ``start`` along ``tangent``.

    Example
    -------
    >>> round(tangent_bulge(Vec2(0, 0), Vec2(2, 0), Vec2(0, 1)), 12)  # a half circle, clockwise
    -1.0
    """
    chord = end - start
    if chord.length == 0.0 or tangent.length == 0.0:
        return 0.0
    turn = math.atan2(tangent.cross(chord), tangent.dot(chord))
    return math.tan(turn / 2.0)


class LineTool(Tool):
    """Draw line segments."""

    name = "Line"

    def __init__(self, manager: ToolManager) -> None:
        super().__init__(manager)
        self.first: Vec2 | None = None
        self.made: list[str] = []

    def start(self) -> None:
        self.prompt("first point")

    def point_input(self, point: Vec2, event: ToolEvent | None) -> bool:
        if self.last_point is None:
            self.first = self.last_point = point
            self.prompt("next point, or U (undo), C (close), Enter to finish")
            return True
        if point.isclose(self.last_point):
            self.manager.message("the two points are the same: pick another point")
            return True
        entity = LineEntity(layer=self.manager.current_layer, geometry=Line(self.last_point, point))
        if self.manager.execute(AddEntities([entity])):
            self.made.append(entity.id)
            self.last_point = point
        return True

    def distance_input(self, distance: float) -> bool:
        if self.last_point is None:
            return False
        target = self.toward_cursor(self.last_point, distance)
        return target is not None and self.point_input(target, None)

    def keyword(self, word: str) -> bool:
        if word in ("U", "UNDO") and self.made:
            self.made.pop()
            self.manager.undo()
            entity = self.manager.document.get(self.made[-1]) if self.made else None
            self.last_point = entity.geometry.end if isinstance(entity, LineEntity) else self.first
            return True
        if word in ("C", "CLOSE") and self.first is not None and len(self.made) >= 2:
            self.point_input(self.first, None)
            self.finish()
            return True
        return False

    def preview(self, cursor: Vec2) -> None:
        if self.last_point is not None and not cursor.isclose(self.last_point):
            self.manager.show_preview([Line(self.last_point, cursor)])


class PolylineTool(Tool):
    """Draw one polyline of straight and arc segments."""

    name = "Polyline"

    def __init__(self, manager: ToolManager) -> None:
        super().__init__(manager)
        self.vertices: list[Vec2] = []
        self.bulges: list[float] = []
        self.arc_mode = False

    def start(self) -> None:
        self.prompt("first point")

    def _ask(self) -> None:
        mode = "L (lines)" if self.arc_mode else "A (arcs)"
        self.prompt(f"next point, or {mode}, U (undo), C (close), Enter to finish")

    def _tangent(self) -> Vec2:
        if len(self.vertices) < 2:
            return Vec2(1.0, 0.0)
        start, end, bulge = self.vertices[-2], self.vertices[-1], self.bulges[-1]
        chord = end - start
        return chord.rotated(2.0 * math.atan(bulge)) if bulge else chord

    def _bulge_to(self, point: Vec2) -> float:
        return tangent_bulge(self.vertices[-1], point, self._tangent()) if self.arc_mode else 0.0

    def point_input(self, point: Vec2, event: ToolEvent | None) -> bool:
        if self.vertices and point.isclose(self.vertices[-1]):
            return True
        if self.vertices:
            self.bulges.append(self._bulge_to(point))
        self.vertices.append(point)
        self.last_point = point
        self._ask()
        return True

    def distance_input(self, distance: float) -> bool:
        if self.last_point is None:
            return False
        target = self.toward_cursor(self.last_point, distance)
        return target is not None and self.point_input(target, None)

    def keyword(self, word: str) -> bool:
        if word in ("A", "ARC"):
            self.arc_mode = True
        elif word in ("L", "LINE"):
            self.arc_mode = False
        elif word in ("U", "UNDO") and self.vertices:
            self.vertices.pop()
            if self.bulges:
                self.bulges.pop()
            self.last_point = self.vertices[-1] if self.vertices else None
        elif word in ("C", "CLOSE") and len(self.vertices) >= 2:
            self._make(closed=True)
            return True
        else:
            return False
        self._ask()
        return True

    def double_click(self, event: ToolEvent) -> bool:
        self.finish()
        return True

    def finish(self) -> None:
        if len(self.vertices) >= 2:
            self._make(closed=False)
        else:
            self.manager.done(self)

    def cancel(self) -> None:
        self.vertices.clear()
        self.bulges.clear()
        self.last_point = None
        super().cancel()

    def _make(self, *, closed: bool) -> None:
        bulges = [*self.bulges, self._bulge_to(self.vertices[0]) if closed else 0.0]
        geometry = Polyline(self.vertices, bulges=bulges, closed=closed)
        entity = PolylineEntity(layer=self.manager.current_layer, geometry=geometry)
        self.vertices, self.bulges = [], []
        self.manager.execute(AddEntities([entity]))
        self.manager.done(self)

    def preview(self, cursor: Vec2) -> None:
        shapes: list[Shape] = []
        if len(self.vertices) >= 2:
            shapes.append(Polyline(self.vertices, bulges=[*self.bulges, 0.0]))
        if self.vertices and not cursor.isclose(self.vertices[-1]):
            bulge = self._bulge_to(cursor)
            start = self.vertices[-1]
            shapes.append(bulge_to_arc(start, cursor, bulge) if bulge else Line(start, cursor))
        self.manager.show_preview(shapes)
