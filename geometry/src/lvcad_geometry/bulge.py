"""Bulge ↔ arc conversion, as in DXF LWPOLYLINE vertices.

The bulge of a polyline segment is ``tan(sweep / 4)``: 0 is a straight segment, 1 a
counter-clockwise half circle, -1 a clockwise one. Scalar functions work on one segment;
:func:`bulge_arcs` converts whole numpy arrays at once.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from .arc import Arc
from .errors import DegenerateGeometryError
from .vec import PointLike, Vec2, as_vec

__all__ = ["arc_to_bulge", "bulge_arcs", "bulge_to_arc"]

FloatArray = npt.NDArray[np.float64]


def bulge_to_arc(start: PointLike, end: PointLike, bulge: float) -> Arc:
    """The arc from ``start`` to ``end`` with the given ``bulge``.

    Raises
    ------
    DegenerateGeometryError
        If ``bulge`` is 0 (a straight segment) or ``start`` equals ``end``.

    Example
    -------
    >>> arc = bulge_to_arc((0, 0), (2, 0), 1.0)
    >>> arc.center, arc.radius, arc.ccw
    (Vec2(x=1.0, y=0.0), 1.0, True)
    """
    p0, p1 = as_vec(start), as_vec(end)
    if bulge == 0.0:
        raise DegenerateGeometryError("a bulge of 0 is a straight segment, not an arc")
    dx, dy = p1.x - p0.x, p1.y - p0.y
    chord = math.hypot(dx, dy)
    if chord == 0.0:
        raise DegenerateGeometryError(f"an arc segment needs distinct end points, got {p0}")
    # Centre = chord midpoint + left normal * (chord/2) * (1 - b²) / (2b).
    k = (1.0 - bulge * bulge) / (4.0 * bulge)
    center = Vec2((p0.x + p1.x) / 2 - dy * k, (p0.y + p1.y) / 2 + dx * k)
    radius = chord * (1.0 + bulge * bulge) / (4.0 * abs(bulge))
    start_angle = math.atan2(p0.y - center.y, p0.x - center.x)
    return Arc(center, radius, start_angle, 4.0 * math.atan(bulge))


def arc_to_bulge(arc: Arc) -> tuple[Vec2, Vec2, float]:
    """Start point, end point and bulge of ``arc``.

    A full circle cannot be one bulge segment (its chord is zero).

    Example
    -------
    >>> start, end, bulge = arc_to_bulge(Arc((1, 0), 1.0, math.pi, -math.pi))
    >>> start.isclose((0, 0)), end.isclose((2, 0)), round(bulge, 12)
    (True, True, -1.0)
    """
    if arc.is_full_circle:
        raise DegenerateGeometryError("a full circle cannot be written as one bulge segment")
    return arc.start_point, arc.end_point, math.tan(arc.sweep / 4.0)


def bulge_arcs(
    x0: FloatArray, y0: FloatArray, x1: FloatArray, y1: FloatArray, bulge: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]:
    """Vectorised :func:`bulge_to_arc`: centre x, centre y, radius, start angle and sweep.

    Entries with a zero bulge or a zero chord give ``nan`` centres and radii.

    Example
    -------
    >>> cx, cy, r, a0, sweep = bulge_arcs(
    ...     np.array([0.0]), np.array([0.0]), np.array([2.0]), np.array([0.0]), np.array([1.0])
    ... )
    >>> float(cx[0]), float(cy[0]), float(r[0])
    (1.0, 0.0, 1.0)
    """
    dx, dy = x1 - x0, y1 - y0
    chord = np.hypot(dx, dy)
    b2 = bulge * bulge
    is_arc = (chord > 0.0) & (bulge != 0.0)
    # A tiny bulge overflows k and the radius to inf (an arc indistinguishable from its chord):
    # that is a valid result here, not a warning.
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        k = np.where(is_arc, (1.0 - b2) / (4.0 * bulge), np.nan)
        radius = np.where(is_arc, chord * (1.0 + b2) / (4.0 * np.abs(bulge)), np.nan)
        cx = (x0 + x1) / 2 - dy * k
        cy = (y0 + y1) / 2 + dx * k
    start_angle = np.arctan2(y0 - cy, x0 - cx)
    return cx, cy, radius, start_angle, 4.0 * np.arctan(bulge)
