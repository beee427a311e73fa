"""Object snap, Qt-free: the point on the drawing a click should mean.

:func:`find_snap` looks at the shapes near the cursor (:mod:`lvcad_geometry` lines, arcs
and polylines, from the document and the underlay) and returns the best snap within
``tolerance``: the closest of the enabled *point* snaps (endpoint, midpoint, center,
intersection, insertion point of a device or block), else a perpendicular foot from the
tool's last point, else the nearest point on a shape.

Example
-------
>>> from lvcad_geometry import Line
>>> walls = [Line((0, 0), (10, 0)), Line((10, 0), (10, 8))]
>>> find_snap(Vec2(9.8, 0.3), walls, tolerance=0.5)
Snap(point=Vec2(x=10.0, y=0.0), kind=<SnapKind.ENDPOINT: 'endpoint'>, distance=...)
>>> find_snap(Vec2(5.1, 0.2), walls, tolerance=0.5).kind
<SnapKind.MIDPOINT: 'midpoint'>
>>> find_snap(Vec2(3, 0.2), walls, tolerance=0.5, modes=ALL_MODES).kind
<SnapKind.NEAREST: 'nearest'>
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import combinations

import numpy as np

from lvcad.canvas.geometry import Shape
from lvcad_geometry import Arc, BBox, Line, Polyline, Vec2
from lvcad_geometry.intersect import intersect
from lvcad_geometry.nearest import nearest_point

__all__ = [
    "ALL_MODES",
    "DEFAULT_MODES",
    "Snap",
    "SnapKind",
    "find_snap",
    "perpendicular_feet",
]

#: At most this many shapes near the cursor are intersected pairwise.
MAX_INTERSECTION_SHAPES = 40


class SnapKind(Enum):
    """What kind of point a snap found (the value names its marker)."""

    ENDPOINT = "endpoint"
    MIDPOINT = "midpoint"
    CENTER = "center"
    INTERSECTION = "intersection"
    INSERTION = "insertion"
    PERPENDICULAR = "perpendicular"
    NEAREST = "nearest"


#: Every snap kind.
ALL_MODES = frozenset(SnapKind)
#: Snaps on by default: all but nearest (which would catch every click near a line).
DEFAULT_MODES = ALL_MODES - {SnapKind.NEAREST}

#: The order in which equally near point snaps win.
_PRIORITY = {kind: rank for rank, kind in enumerate(SnapKind)}


@dataclass(frozen=True, slots=True)
class Snap:
    """A snapped point, its kind and its distance from the cursor."""

    point: Vec2
    kind: SnapKind
    distance: float


def _near(points: np.ndarray, cursor: Vec2, tolerance: float) -> Iterator[Vec2]:
    """Rows of an ``(n, 2)`` array within ``tolerance`` of the cursor (box test first)."""
    if len(points) == 0:
        return
    close = np.flatnonzero(
        (np.abs(points[:, 0] - cursor.x) <= tolerance)
        & (np.abs(points[:, 1] - cursor.y) <= tolerance)
    )
    for x, y in points[close].tolist():
        yield Vec2(x, y)


def _polyline_points(
    polyline: Polyline, kind: SnapKind, cursor: Vec2, tolerance: float
) -> Iterator[Vec2]:
    if kind is SnapKind.ENDPOINT:
        yield from _near(polyline.xy, cursor, tolerance)
        return
    x0, y0, x1, y1, bulges = polyline._segment_arrays()
    if kind is SnapKind.MIDPOINT:
        straight = bulges == 0.0
        mids = np.column_stack(((x0 + x1) / 2, (y0 + y1) / 2))[straight]
        yield from _near(mids, cursor, tolerance)
    for index in np.flatnonzero(bulges != 0.0).tolist():
        segment = polyline.segment(index)
        if isinstance(segment, Arc):
            yield segment.mid_point if kind is SnapKind.MIDPOINT else segment.center
        elif kind is SnapKind.MIDPOINT:
            yield segment.midpoint


def _points(shape: Shape, kind: SnapKind, cursor: Vec2, tolerance: float) -> Iterator[Vec2]:
    """Candidate points of one kind on one shape."""
    if isinstance(shape, Line):
        if kind is SnapKind.ENDPOINT:
            yield from shape
        elif kind is SnapKind.MIDPOINT:
            yield shape.midpoint
    elif isinstance(shape, Arc):
        if kind is SnapKind.CENTER:
            yield shape.center
        elif not shape.is_full_circle and kind is SnapKind.ENDPOINT:
            yield from (shape.start_point, shape.end_point)
        elif not shape.is_full_circle and kind is SnapKind.MIDPOINT:
            yield shape.mid_point
    elif kind in (SnapKind.ENDPOINT, SnapKind.MIDPOINT, SnapKind.CENTER):
        yield from _polyline_points(shape, kind, cursor, tolerance)


def _segments(shape: Shape) -> Iterator[Line | Arc]:
    if isinstance(shape, Polyline):
        yield from shape.segments()
    else:
        yield shape


def perpendicular_feet(shape: Shape, origin: Vec2) -> list[Vec2]:
    """Points of ``shape`` where a line from ``origin`` meets it at a right angle."""
    feet = []
    for segment in _segments(shape):
        if isinstance(segment, Line):
            direction = segment.direction
            length_sq = direction.dot(direction)
            if length_sq == 0.0:
                continue
            t = (origin - segment.start).dot(direction) / length_sq
            if 0.0 <= t <= 1.0:
                feet.append(segment.point_at(t))
        else:
            radial = origin - segment.center
            if radial.length == 0.0:
                continue
            for angle in (radial.angle, radial.angle + math.pi):
                if segment.contains_angle(angle):
                    feet.append(segment.point_at_angle(angle))
    return feet


def _intersections(shapes: Sequence[Shape], cursor: Vec2, tolerance: float) -> Iterator[Vec2]:
    box = BBox(
        cursor.x - tolerance, cursor.y - tolerance, cursor.x + tolerance, cursor.y + tolerance
    )
    near = [shape for shape in shapes if shape.bbox.intersects(box)][:MAX_INTERSECTION_SHAPES]
    for first, second in combinations(near, 2):
        yield from intersect(first, second)


def find_snap(
    cursor: Vec2,
    shapes: Iterable[Shape],
    *,
    tolerance: float,
    modes: frozenset[SnapKind] = DEFAULT_MODES,
    insertion_points: Iterable[Vec2] = (),
    from_point: Vec2 | None = None,
) -> Snap | None:
    """The best snap for ``cursor`` among ``shapes`` within ``tolerance``, or ``None``.

    ``from_point`` (the tool's last point) enables the perpendicular snap.
    """
    shapes = list(shapes)
    best: Snap | None = None

    def consider(point: Vec2, kind: SnapKind) -> None:
        nonlocal best
        distance = point.distance(cursor)
        if distance > tolerance:
            return
        if (
            best is None
            or distance < best.distance - 1e-12 * tolerance
            or (
                abs(distance - best.distance) <= 1e-12 * tolerance
                and _PRIORITY[kind] < _PRIORITY[best.kind]
            )
        ):
            best = Snap(point, kind, distance)

    for kind in (SnapKind.ENDPOINT, SnapKind.MIDPOINT, SnapKind.CENTER):
        if kind in modes:
            for shape in shapes:
                for point in _points(shape, kind, cursor, tolerance):
                    consider(point, kind)
    if SnapKind.INSERTION in modes:
        for point in insertion_points:
            consider(point, SnapKind.INSERTION)
    if SnapKind.INTERSECTION in modes:
        for point in _intersections(shapes, cursor, tolerance):
            consider(point, SnapKind.INTERSECTION)
    if best is not None:
        return best
    if SnapKind.PERPENDICULAR in modes and from_point is not None:
        for shape in shapes:
            for point in perpendicular_feet(shape, from_point):
                consider(point, SnapKind.PERPENDICULAR)
        if best is not None:
            return best
    if SnapKind.NEAREST in modes:
        for shape in shapes:
            consider(nearest_point(shape, cursor), SnapKind.NEAREST)
    return best
