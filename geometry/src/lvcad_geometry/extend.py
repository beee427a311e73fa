"""EXTEND as in AutoCAD: lengthen an entity to the nearest boundary beyond one of its ends.

A line is lengthened along its direction; an arc along its circle; an open polyline by its
first or last segment (straight or arc). The boundaries are bounded lines, arcs and
polylines (AutoCAD's default edge mode): the extension must actually reach one. A boundary
exactly at the end does not count (the entity already ends there), so the end moves to the
next boundary beyond it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Literal, TypeAlias

import numpy as np

from ._intersect_batch import segment_scale, segment_table
from .arc import TAU, Arc, normalize_angle
from .errors import DegenerateGeometryError, GeometryError, NoIntersectionError
from .intersect import Entity, _Chain, _on_arc, intersect_arcs, intersect_line_arc
from .line import Line
from .nearest import _nearest_with_param
from .polyline import Polyline, Segment
from .tolerance import ABS_TOL, REL_TOL
from .trim import _boundary_list, _lengths
from .vec import PointLike, Vec2

__all__ = ["End", "extend"]

#: Which end of an entity to extend.
End: TypeAlias = Literal["start", "end"]

#: Boundaries with more segments than this get a vectorised pre-selection of candidates.
SCALAR_MAX_SEGMENTS = 16


def _format(point: Vec2) -> str:
    return f"({point.x:.12g}, {point.y:.12g})"


def _line_hits(line: Line, segment: Segment, rel_tol: float, abs_tol: float) -> list[Vec2]:
    """Where the infinite line through ``line`` meets the bounded ``segment``.

    A segment lying along the line gives both its end points; an end of the segment within
    the tolerance of the line is a point where they meet (for an arc too: a nearly flat arc
    nearly along the line meets its circle only well beyond that end).
    """
    p, (dx, dy) = line.start, line.direction
    length = math.hypot(dx, dy)
    tol = abs_tol + rel_tol * max(segment_scale(line), segment_scale(segment))
    if isinstance(segment, Arc):
        points = intersect_line_arc(line, segment, infinite=True, rel_tol=rel_tol, abs_tol=abs_tol)
        for end in (segment.start_point, segment.end_point):
            side = (dx * (end.y - p.y) - dy * (end.x - p.x)) / length
            if abs(side) <= tol and all(end.distance(q) > tol for q in points):
                points.append(end)
        return points
    if segment.length <= tol:
        return []
    a, b = segment
    side_a = (dx * (a.y - p.y) - dy * (a.x - p.x)) / length
    side_b = (dx * (b.y - p.y) - dy * (b.x - p.x)) / length
    if abs(side_a) <= tol and abs(side_b) <= tol:
        return [a, b]
    if (side_a > tol and side_b > tol) or (side_a < -tol and side_b < -tol):
        return []
    if abs(side_a) <= tol or abs(side_b) <= tol:
        return [a if abs(side_a) <= abs(side_b) else b]
    u = side_a / (side_a - side_b)
    return [a.lerp(b, u)]


def _circle_hits(arc: Arc, segment: Segment, rel_tol: float, abs_tol: float) -> list[Vec2]:
    """Where the whole circle of ``arc`` meets the bounded ``segment``.

    An arc on the same circle gives its end points.
    """
    if isinstance(segment, Line):
        return intersect_line_arc(segment, arc, full_circle=True, rel_tol=rel_tol, abs_tol=abs_tol)
    tol = abs_tol + rel_tol * max(segment_scale(arc), segment_scale(segment))
    same_circle = (
        arc.center.distance(segment.center) <= tol and abs(arc.radius - segment.radius) <= tol
    )
    if same_circle:
        return [] if segment.is_full_circle else [segment.start_point, segment.end_point]
    points = intersect_arcs(arc, segment, full_circles=True, rel_tol=rel_tol, abs_tol=abs_tol)
    return [p for p in points if _on_arc(segment, p, tol)]


def _candidates(chain: _Chain, carrier: Line | Arc, rel_tol: float, abs_tol: float) -> list[int]:
    """Indices of the boundary segments that may meet ``carrier``'s line or circle.

    Small boundaries: all of them. Big ones: a vectorised test of each segment's box
    against the infinite line (corners on both sides) or the circle (box neither wholly
    inside nor wholly outside it).
    """
    if chain.count <= SCALAR_MAX_SEGMENTS:
        return list(range(chain.count))
    x0, y0, x1, y1 = segment_table(chain.entity, rel_tol, abs_tol).boxes
    tol = abs_tol + rel_tol * segment_scale(carrier)
    corners_x = (x0, x1, x1, x0)
    corners_y = (y0, y0, y1, y1)
    if isinstance(carrier, Line):
        p, (dx, dy) = carrier.start, carrier.direction
        length = math.hypot(dx, dy)
        sides = [
            (dx * (cy - p.y) - dy * (cx - p.x)) / length
            for cx, cy in zip(corners_x, corners_y, strict=True)
        ]
        low = np.minimum.reduce(sides)
        high = np.maximum.reduce(sides)
        keep = (low <= tol) & (high >= -tol)
    else:
        c, r = carrier.center, carrier.radius
        near_x = np.clip(c.x, x0, x1) - c.x
        near_y = np.clip(c.y, y0, y1) - c.y
        far = np.maximum.reduce(
            [np.hypot(cx - c.x, cy - c.y) for cx, cy in zip(corners_x, corners_y, strict=True)]
        )
        keep = (np.hypot(near_x, near_y) <= r + tol) & (far >= r - tol)
    return [int(i) for i in np.flatnonzero(keep)]


def _extended_line(
    line: Line, end: End, walls: list[Entity], rel_tol: float, abs_tol: float, name: str = "line"
) -> Line:
    d = line.direction
    length_sq = d.dot(d)
    tol = abs_tol + rel_tol * segment_scale(line)
    if math.sqrt(length_sq) <= tol:
        raise DegenerateGeometryError(f"cannot extend a zero-length line at {line.start}")
    t_tol = tol / math.sqrt(length_sq)
    best: float | None = None
    for wall in walls:
        chain = _Chain(wall)
        for index in _candidates(chain, line, rel_tol, abs_tol):
            for point in _line_hits(line, chain.segment(index), rel_tol, abs_tol):
                t = (point - line.start).dot(d) / length_sq
                # How far past the chosen end, in units of the line's length.
                ahead = t - 1.0 if end == "end" else -t
                if ahead > t_tol and (best is None or ahead < best):
                    best = ahead
    if best is None:
        raise NoIntersectionError(
            f"cannot extend the {name} from its {end} point "
            f"{_format(line.start if end == 'start' else line.end)}: no boundary lies ahead of it;"
            " pick a boundary its extension reaches"
        )
    if end == "end":
        return Line(line.start, line.point_at(1.0 + best))
    return Line(line.point_at(-best), line.end)


def _extended_arc(
    arc: Arc, end: End, walls: list[Entity], rel_tol: float, abs_tol: float, name: str = "arc"
) -> Arc:
    if arc.is_full_circle:
        raise GeometryError("cannot extend a full circle: it has no ends")
    tol = abs_tol + rel_tol * segment_scale(arc)
    angle_tol = tol / arc.radius
    sign = 1.0 if arc.sweep > 0.0 else -1.0
    room = TAU - abs(arc.sweep)  # beyond that the arc would overlap itself
    best: float | None = None
    for wall in walls:
        chain = _Chain(wall)
        for index in _candidates(chain, arc, rel_tol, abs_tol):
            for point in _circle_hits(arc, chain.segment(index), rel_tol, abs_tol):
                angle = math.atan2(point.y - arc.center.y, point.x - arc.center.x)
                if end == "end":
                    ahead = normalize_angle(sign * (angle - arc.end_angle))
                else:
                    ahead = normalize_angle(sign * (arc.start_angle - angle))
                if angle_tol < ahead < room - angle_tol and (best is None or ahead < best):
                    best = ahead
    if best is None:
        where = arc.start_point if end == "start" else arc.end_point
        raise NoIntersectionError(
            f"cannot extend the {name} from its {end} point {_format(where)}: no boundary lies on"
            " its circle ahead of it; pick a boundary its extension reaches"
        )
    if end == "end":
        return Arc(arc.center, arc.radius, arc.start_angle, arc.sweep + sign * best)
    return Arc(arc.center, arc.radius, arc.start_angle - sign * best, arc.sweep + sign * best)


def _extended_polyline(
    polyline: Polyline, end: End, walls: list[Entity], rel_tol: float, abs_tol: float
) -> Polyline:
    if polyline.closed:
        raise GeometryError("cannot extend a closed polyline: it has no ends")
    index = 0 if end == "start" else polyline.segment_count - 1
    name = f"polyline's {'first' if end == 'start' else 'last'} segment"
    segment = polyline.segment(index)
    x, y, bulges = polyline.x.copy(), polyline.y.copy(), polyline.bulges.copy()
    vertex = 0 if end == "start" else len(polyline) - 1
    if isinstance(segment, Line):
        if segment.is_degenerate(rel_tol=rel_tol, abs_tol=abs_tol):
            raise DegenerateGeometryError(
                f"cannot extend the polyline from its {end}: its {end} segment has zero length "
                "(duplicate vertices); remove them first"
            )
        longer = _extended_line(segment, end, walls, rel_tol, abs_tol, name)
        moved = longer.start if end == "start" else longer.end
    else:
        longer_arc = _extended_arc(segment, end, walls, rel_tol, abs_tol, name)
        moved = longer_arc.start_point if end == "start" else longer_arc.end_point
        bulges[index] = math.tan(longer_arc.sweep / 4.0)
    x[vertex], y[vertex] = moved
    return Polyline.from_arrays(x, y, bulges)


def _picked_end(entity: Entity, end: End | None, pick: PointLike | None) -> End:
    if (end is None) == (pick is None):
        raise ValueError("give exactly one of end='start' / end='end' or pick=(x, y)")
    if end is not None:
        if end not in ("start", "end"):
            raise ValueError(f"end must be 'start' or 'end', got {end!r}")
        return end
    assert pick is not None
    _, station = _nearest_with_param(entity, pick)
    cumulative = _lengths(entity)
    index = min(int(station), len(cumulative) - 2)
    position = cumulative[index] + (station - index) * (cumulative[index + 1] - cumulative[index])
    return "start" if position < cumulative[-1] / 2.0 else "end"


def extend(
    entity: Entity,
    boundaries: Entity | Iterable[Entity],
    *,
    end: End | None = None,
    pick: PointLike | None = None,
    rel_tol: float = REL_TOL,
    abs_tol: float = ABS_TOL,
) -> Entity:
    """Lengthen ``entity`` at one end to the nearest boundary beyond that end.

    Parameters
    ----------
    entity
        A :class:`Line`, an :class:`Arc` (not a full circle) or an open :class:`Polyline`.
    boundaries
        One entity or an iterable of Lines, Arcs and Polylines, bounded.
    end
        ``"start"`` or ``"end"``: the end to extend.
    pick
        Instead of ``end``: the point the user picked; the end of the half of the entity
        (by length) that holds its nearest point is extended, as in AutoCAD.
    rel_tol, abs_tol
        Tolerance ``abs_tol + rel_tol * scale`` (``scale``: of the entity and of each
        boundary segment); a boundary within it of the end is the end itself and does not
        count, and a boundary segment (straight or arc) whose end lies within it of the
        extension is reached at that end.

    Returns
    -------
    Line, Arc or Polyline
        A new entity of the same type. Only the chosen end moves: a line keeps its
        direction, an arc its centre and radius (it grows along its circle, never into a
        full circle), a polyline its other vertices (its end segment grows as a line or arc).

    Raises
    ------
    NoIntersectionError
        If no boundary lies beyond that end.
    ValueError
        If neither or both of ``end`` and ``pick`` are given, or ``end`` is not a valid name.
    GeometryError
        If the entity has no ends (a full circle, a closed polyline) or its end segment has
        zero length (:class:`~lvcad_geometry.errors.DegenerateGeometryError`).

    Example
    -------
    >>> wall = Line((10, -5), (10, 5))
    >>> extend(Line((0, 0), (4, 0)), [wall], end="end")
    Line(start=Vec2(x=0.0, y=0.0), end=Vec2(x=10.0, y=0.0))
    >>> extend(Polyline([(0, 4), (0, 0), (4, 0)]), wall, pick=(3, 0)).vertices[-1]
    Vec2(x=10.0, y=0.0)
    >>> arc = extend(Arc((0, 0), 5.0, 0.0, math.pi / 4), Line((-9, 0), (0, 0)), end="end")
    >>> round(math.degrees(arc.sweep), 9)
    180.0
    """
    which = _picked_end(entity, end, pick)
    walls = _boundary_list(boundaries)
    if isinstance(entity, Line):
        return _extended_line(entity, which, walls, rel_tol, abs_tol)
    if isinstance(entity, Arc):
        return _extended_arc(entity, which, walls, rel_tol, abs_tol)
    if isinstance(entity, Polyline):
        return _extended_polyline(entity, which, walls, rel_tol, abs_tol)
    raise TypeError(f"expected a Line, Arc or Polyline, got {type(entity).__name__}")
