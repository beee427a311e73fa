"""Nearest point on an entity and distance to it, for object snap ("nearest") and picking.

Every function takes a :class:`~lvcad_geometry.Line`, :class:`~lvcad_geometry.Arc` or
:class:`~lvcad_geometry.Polyline` and a point (any ``(x, y)`` pair). Polylines with few
segments go through a pure-Python loop; long ones through numpy, all segments at once
(``method="auto"`` chooses; a test checks that both agree).

Degenerate input has defined answers rather than errors:

* a zero-length line (or polyline segment) is its start point;
* for a point at an arc's centre every point of the arc is equally near: the arc's start
  point is returned;
* on ties between polyline segments the lowest segment index wins;
* a point with a NaN or infinite coordinate raises
  :class:`~lvcad_geometry.errors.NonFiniteError`.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from .arc import TAU, Arc
from .bulge import bulge_arcs, bulge_to_arc
from .intersect import Entity, Method, _arc_param
from .line import Line
from .polyline import Polyline, Segment
from .vec import PointLike, Vec2, as_vec

__all__ = ["PolylineNearest", "distance_to", "nearest_on_polyline", "nearest_point"]

FloatArray = npt.NDArray[np.float64]

#: Up to this many segments, nearest-point queries on a polyline use the pure-Python path.
SCALAR_MAX_SEGMENTS = 32


class PolylineNearest(NamedTuple):
    """Result of :func:`nearest_on_polyline`."""

    #: The nearest point on the polyline.
    point: Vec2
    #: Index of the segment it lies on (see :meth:`Polyline.segment`).
    segment_index: int
    #: Its distance from the query point.
    distance: float


def _nearest_on_line(line: Line, p: Vec2) -> tuple[Vec2, float]:
    """Nearest point and its parameter in ``[0, 1]``."""
    (x0, y0), (x1, y1) = line
    dx, dy = x1 - x0, y1 - y0
    length_sq = dx * dx + dy * dy
    if length_sq == 0.0:
        return line.start, 0.0
    t = ((p.x - x0) * dx + (p.y - y0) * dy) / length_sq
    if t <= 0.0:
        return line.start, 0.0
    if t >= 1.0:
        return line.end, 1.0
    return Vec2(x0 + t * dx, y0 + t * dy), t


def _nearest_on_arc(arc: Arc, p: Vec2) -> tuple[Vec2, float]:
    """Nearest point and its parameter in ``[0, 1]``."""
    cx, cy = arc.center
    if p.x == cx and p.y == cy:
        return arc.start_point, 0.0
    angle = math.atan2(p.y - cy, p.x - cx)
    if arc.contains_angle(angle, abs_tol=0.0):
        # Unit direction first, then the radius: r / |p - c| would overflow for a point a
        # hair off the centre.
        h = math.hypot(p.x - cx, p.y - cy)
        point = Vec2(cx + arc.radius * ((p.x - cx) / h), cy + arc.radius * ((p.y - cy) / h))
        return point, min(max(_arc_param(arc, point), 0.0), 1.0)
    start, end = arc.start_point, arc.end_point
    if p.distance(end) < p.distance(start):
        return end, 1.0
    return start, 0.0


def _nearest_on_segment(segment: Segment, p: Vec2) -> tuple[Vec2, float]:
    if isinstance(segment, Line):
        return _nearest_on_line(segment, p)
    return _nearest_on_arc(segment, p)


def _scalar_polyline(polyline: Polyline, p: Vec2) -> tuple[int, float]:
    """Index and squared distance of the nearest segment, in pure Python."""
    xs, ys, bulges = polyline.x.tolist(), polyline.y.tolist(), polyline.bulges.tolist()
    n = len(xs)
    best, best_sq = 0, math.inf
    for i in range(polyline.segment_count):
        j = i + 1 if i + 1 < n else 0
        x0, y0, x1, y1 = xs[i], ys[i], xs[j], ys[j]
        if bulges[i] != 0.0 and (x0 != x1 or y0 != y1):
            q, _ = _nearest_on_arc(bulge_to_arc((x0, y0), (x1, y1), bulges[i]), p)
            qx, qy = q
        else:
            dx, dy = x1 - x0, y1 - y0
            length_sq = dx * dx + dy * dy
            t = 0.0 if length_sq == 0.0 else ((p.x - x0) * dx + (p.y - y0) * dy) / length_sq
            t = min(max(t, 0.0), 1.0)
            qx, qy = x0 + t * dx, y0 + t * dy
        d_sq = (qx - p.x) ** 2 + (qy - p.y) ** 2
        if d_sq < best_sq:
            best, best_sq = i, d_sq
    return best, best_sq


def _vector_polyline(polyline: Polyline, p: Vec2) -> int:
    """Index of the nearest segment, with numpy.

    A point of a straight segment is within half the segment's length of one of its ends,
    so a segment can only come nearer than the nearest vertex when one of its ends lies
    within that vertex distance plus half the longest segment. Only those segments (and
    every arc) are measured exactly.
    """
    xs, ys = polyline.x, polyline.y
    if polyline.closed:
        xs, ys = np.append(xs, xs[0]), np.append(ys, ys[0])
    wx, wy = xs - p.x, ys - p.y
    vertex_sq = wx * wx
    vertex_sq += wy * wy
    dx, dy = wx[1:] - wx[:-1], wy[1:] - wy[:-1]
    chord_sq = dx * dx
    chord_sq += dy * dy
    reach = math.sqrt(float(vertex_sq.min())) + 0.5 * math.sqrt(float(chord_sq.max()))
    reach *= 1.0 + 1e-9  # rounding slack: extra candidates cost nothing but time
    candidate = np.minimum(vertex_sq[:-1], vertex_sq[1:]) <= reach * reach
    bulge = polyline.bulges[: polyline.segment_count]
    curved = (bulge != 0.0) & (chord_sq > 0.0)
    has_arcs = bool(curved.any())
    if has_arcs:
        candidate |= curved
    k = np.flatnonzero(candidate)
    # Vectors from p to each candidate's start, and along the segment.
    vx, vy, sx, sy, length_sq = wx[k], wy[k], dx[k], dy[k], chord_sq[k]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.clip(-(vx * sx + vy * sy) / length_sq, 0.0, 1.0)
    t[length_sq == 0.0] = 0.0
    ex, ey = vx + t * sx, vy + t * sy  # nearest point relative to p
    d_sq = ex * ex + ey * ey
    if has_arcs:
        arcs = np.flatnonzero(curved[k])
        i = k[arcs]
        d_sq[arcs] = _arc_distances_sq(xs[i], ys[i], xs[i + 1], ys[i + 1], bulge[i], p.x, p.y)
    return int(k[np.argmin(d_sq)])


def _arc_distances_sq(
    x0: FloatArray,
    y0: FloatArray,
    x1: FloatArray,
    y1: FloatArray,
    bulge: FloatArray,
    px: float,
    py: float,
) -> FloatArray:
    """Squared distances from ``(px, py)`` to bulge arcs."""
    cx, cy, radius, start, sweep = bulge_arcs(x0, y0, x1, y1, bulge)
    angle = np.arctan2(py - cy, px - cx)
    offset = np.where(sweep > 0.0, np.mod(angle - start, TAU), np.mod(start - angle, TAU))
    inside = offset <= np.abs(sweep)
    radial = np.hypot(px - cx, py - cy) - radius
    to_ends = np.minimum((px - x0) ** 2 + (py - y0) ** 2, (px - x1) ** 2 + (py - y1) ** 2)
    result: FloatArray = np.where(inside, radial * radial, to_ends)
    return result


def nearest_on_polyline(
    polyline: Polyline, point: PointLike, *, method: Method = "auto"
) -> PolylineNearest:
    """Nearest point of ``polyline`` to ``point``, the segment it is on, and the distance.

    Parameters
    ----------
    polyline
        Any polyline, straight or with bulges, open or closed.
    point
        The query point, any ``(x, y)`` pair.
    method
        ``"auto"`` uses pure Python up to ``SCALAR_MAX_SEGMENTS`` segments and numpy above;
        ``"scalar"`` or ``"vectorized"`` force one.

    Returns
    -------
    PolylineNearest
        ``(point, segment_index, distance)``. When several segments are equally near (at a
        shared vertex, say) the lowest index is reported.

    Example
    -------
    >>> route = Polyline([(0, 0), (10, 0), (10, 10)])
    >>> nearest_on_polyline(route, (12, 4))
    PolylineNearest(point=Vec2(x=10.0, y=4.0), segment_index=1, distance=2.0)
    >>> point, index, distance = nearest_on_polyline(route, (-3, 4))
    >>> point, index, distance
    (Vec2(x=0.0, y=0.0), 0, 5.0)
    """
    if not isinstance(polyline, Polyline):
        raise TypeError(f"expected a Polyline, got {type(polyline).__name__}")
    p = as_vec(point)
    if method == "auto":
        vector = polyline.segment_count > SCALAR_MAX_SEGMENTS
    elif method in ("scalar", "vectorized"):
        vector = method == "vectorized"
    else:
        raise ValueError(f"method must be 'auto', 'scalar' or 'vectorized', got {method!r}")
    index = _vector_polyline(polyline, p) if vector else _scalar_polyline(polyline, p)[0]
    nearest, _ = _nearest_on_segment(polyline.segment(index), p)
    return PolylineNearest(nearest, index, nearest.distance(p))


def _nearest_with_param(entity: Entity, point: PointLike) -> tuple[Vec2, float]:
    """Nearest point and its station along ``entity`` (segment index + parameter; internal)."""
    p = as_vec(point)
    if isinstance(entity, Polyline):
        nearest, index, _ = nearest_on_polyline(entity, p)
        segment = entity.segment(index)
        _, t = _nearest_on_segment(segment, nearest)
        return nearest, index + t
    if isinstance(entity, Line | Arc):
        return _nearest_on_segment(entity, p)
    raise TypeError(f"expected a Line, Arc or Polyline, got {type(entity).__name__}")


def nearest_point(entity: Entity, point: PointLike) -> Vec2:
    """The point of ``entity`` nearest to ``point``.

    Parameters
    ----------
    entity
        A :class:`Line`, :class:`Arc` or :class:`Polyline`.
    point
        Any ``(x, y)`` pair.

    Returns
    -------
    Vec2
        A point on ``entity``. See the module documentation for degenerate input
        (zero-length lines, a point at an arc's centre, ties).

    Raises
    ------
    NonFiniteError
        If ``point`` has a NaN or infinite coordinate.
    TypeError
        If ``entity`` is not a Line, Arc or Polyline.

    Example
    -------
    >>> nearest_point(Line((0, 0), (10, 0)), (3, 4))
    Vec2(x=3.0, y=0.0)
    >>> nearest_point(Arc((0, 0), 5.0, 0.0, math.pi), (0, 10))
    Vec2(x=0.0, y=5.0)
    >>> nearest_point(Arc((0, 0), 5.0, 0.0, math.pi), (3, -4))  # below: the nearer end
    Vec2(x=5.0, y=0.0)
    """
    return _nearest_with_param(entity, point)[0]


def distance_to(entity: Entity, point: PointLike) -> float:
    """Shortest distance from ``point`` to ``entity``.

    Parameters
    ----------
    entity
        A :class:`Line`, :class:`Arc` or :class:`Polyline`.
    point
        Any ``(x, y)`` pair.

    Returns
    -------
    float
        The distance to :func:`nearest_point`; errors as there.

    Example
    -------
    >>> distance_to(Line((0, 0), (10, 0)), (13, 4))
    5.0
    >>> distance_to(Polyline([(0, 0), (4, 0), (4, 4), (0, 4)], closed=True), (2, 3))
    1.0
    """
    p = as_vec(point)
    return _nearest_with_param(entity, p)[0].distance(p)
