"""Chamfers: cut the corner of two lines with a straight line, as a CAD CHAMFER command does.

The chamfer points are measured from the corner (the intersection of the two lines) along the
kept part of each line; the kept parts follow the user's picks exactly as for
:func:`~lvcad_geometry.compute_fillet` of two lines.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from ._corner import line_corner, trimmed_line
from .errors import InvalidRadiusError, NonFiniteError, RadiusTooLargeError
from .line import Line
from .tolerance import ABS_TOL, REL_TOL
from .vec import PointLike, Vec2

__all__ = ["ChamferResult", "compute_chamfer"]

_new = tuple.__new__


class ChamferResult(NamedTuple):
    """The outcome of :func:`compute_chamfer`; immutable.

    Attributes
    ----------
    point1, point2
        The chamfer points on line 1 and line 2 (both the corner when the distances are 0).
    chamfer
        The chamfer :class:`~lvcad_geometry.Line` from ``point1`` to ``point2``; ``None`` when
        both distances are 0 (the lines are just trimmed or extended to meet at the corner).
        With one distance 0 it runs from the corner along the other line.
    trimmed1, trimmed2
        The kept part of each line, trimmed or extended so that it ends at its chamfer point,
        in the line's own direction; ``None`` when nothing is left (the distance equals the
        length of the kept part).

    Example
    -------
    >>> result = compute_chamfer(Line((0, 0), (10, 0)), Line((0, 0), (0, 10)), 2.0, 3.0)
    >>> result.chamfer
    Line(start=Vec2(x=2.0, y=0.0), end=Vec2(x=0.0, y=3.0))
    """

    point1: Vec2
    point2: Vec2
    chamfer: Line | None
    trimmed1: Line | None
    trimmed2: Line | None


def _check_distance(name: str, value: float) -> float:
    if 0.0 <= value < math.inf:  # a TypeError here for a non-number
        return value + 0.0
    if not math.isfinite(value):
        raise NonFiniteError(f"chamfer {name} must be finite, got {value!r}")
    raise InvalidRadiusError(f"chamfer {name} must not be negative, got {value!r}")


def compute_chamfer(
    line1: Line,
    line2: Line,
    distance1: float,
    distance2: float | None = None,
    *,
    pick1: PointLike | None = None,
    pick2: PointLike | None = None,
    rel_tol: float = REL_TOL,
    abs_tol: float = ABS_TOL,
) -> ChamferResult:
    """Cut the corner between two lines with a straight chamfer.

    Parameters
    ----------
    line1, line2
        The two :class:`~lvcad_geometry.Line` segments.
    distance1, distance2
        Distances of the chamfer points from the corner along line 1 and line 2; ``distance2``
        defaults to ``distance1``. Zero is allowed: both zero trims or extends the lines to meet
        at the corner, as AutoCAD's CHAMFER (and FILLET with radius 0) does.
    pick1, pick2
        Points near where the user clicked on each line: each keeps the part of its line on the
        pick's side of the corner. Without a pick, the part holding the end point farther from
        the corner is kept.
    rel_tol, abs_tol
        Lengths within ``abs_tol + rel_tol * scale`` count as equal (``scale`` is the largest
        coordinate magnitude of the lines).

    Returns
    -------
    ChamferResult
        The chamfer points, the chamfer line and the trimmed lines.

    Raises
    ------
    NonFiniteError
        If a distance or a pick is NaN or infinite.
    InvalidRadiusError
        If a distance is negative.
    DegenerateGeometryError
        If a line has zero length.
    ParallelLinesError
        If the lines are parallel or collinear.
    RadiusTooLargeError
        If a distance is longer than the kept part of its line (measured from the corner); the
        message gives the largest distance that fits.

    Example
    -------
    >>> result = compute_chamfer(Line((0, 0), (10, 0)), Line((0, 0), (0, 10)), 2.0)
    >>> result.point1, result.point2
    (Vec2(x=2.0, y=0.0), Vec2(x=0.0, y=2.0))
    >>> result.trimmed2
    Line(start=Vec2(x=0.0, y=2.0), end=Vec2(x=0.0, y=10.0))

    Zero distances join two lines that stop short of their corner:

    >>> result = compute_chamfer(Line((1, 0), (10, 0)), Line((0, 1), (0, 10)), 0.0)
    >>> result.chamfer is None, result.trimmed1
    (True, Line(start=Vec2(x=0.0, y=0.0), end=Vec2(x=10.0, y=0.0)))
    """
    if type(line1) is not Line and not isinstance(line1, Line):
        raise TypeError(f"line1 must be a Line, got {type(line1).__name__}")
    if type(line2) is not Line and not isinstance(line2, Line):
        raise TypeError(f"line2 must be a Line, got {type(line2).__name__}")
    dist1 = _check_distance("distance1", distance1)
    dist2 = dist1 if distance2 is None else _check_distance("distance2", distance2)
    x, y, u1x, u1y, reach1, keep_end1, u2x, u2y, reach2, keep_end2, tol = line_corner(
        line1, line2, pick1, pick2, rel_tol, abs_tol
    )
    for name, dist, reach in (("line1", dist1, reach1), ("line2", dist2, reach2)):
        if dist > reach + tol:
            if reach <= tol:
                raise RadiusTooLargeError(
                    f"no chamfer fits: {name} has no length on the picked side of the corner; "
                    "pick the other side of the corner"
                )
            raise RadiusTooLargeError(
                f"chamfer distance {dist:.12g} does not fit: {name} reaches only {reach:.12g} "
                f"from the corner on the picked side; the largest distance that fits is "
                f"{reach:.12g}"
            )
    # Built with tuple.__new__: every value is already checked (a few microseconds per call).
    point1 = _new(Vec2, (x + dist1 * u1x, y + dist1 * u1y))
    point2 = _new(Vec2, (x + dist2 * u2x, y + dist2 * u2y))
    chamfer = None if dist1 <= tol and dist2 <= tol else _new(Line, (point1, point2))
    return _new(
        ChamferResult,
        (
            point1,
            point2,
            chamfer,
            trimmed_line(line1, keep_end1, point1, reach1 - dist1, tol),
            trimmed_line(line2, keep_end2, point2, reach2 - dist2, tol),
        ),
    )
