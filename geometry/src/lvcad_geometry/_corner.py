"""The corner two lines make: where they meet and which part of each line is kept.

Fillet and chamfer of two lines start from the same analysis, done here once in plain
floats (the scalar fillet has a budget of a few microseconds, so no intermediate objects).

The *kept part* of a line is the side of the corner point that the user picked, as in
AutoCAD's FILLET and CHAMFER: a pick selects the side of the corner it projects onto. Without a
pick, the side holding the end point farther from the corner is kept (the natural corner); an
exact tie keeps the end point. The kept part runs from the corner to that far end, so a line that
stops short of the corner is extended to it.

The vectorised fillet (:mod:`lvcad_geometry._fillet_batch`) repeats these formulas operation
for operation, so that both paths classify every corner the same way.
"""

from __future__ import annotations

import math
from typing import TypeAlias

from .errors import DegenerateGeometryError, NonFiniteError, ParallelLinesError
from .line import Line
from .vec import PointLike, Vec2

__all__ = ["Corner", "line_corner", "trimmed_line"]


#: The corner as plain floats, in this order: the corner point ``x, y`` (intersection of the
#: infinite lines); for line 1 the unit direction ``u1x, u1y`` from the corner along its kept
#: part, ``reach1`` (distance from the corner to the far end of the kept part; zero or negative
#: when line 1 has nothing on the picked side) and ``keep_end1`` (True when the end point is
#: kept, so the start point is the one that moves); the same four for line 2; and ``tol``, the
#: length tolerance ``abs_tol + rel_tol * scale``. A plain tuple: the fillet's budget is a few
#: microseconds and a named tuple costs a noticeable part of it.
Corner: TypeAlias = tuple[float, float, float, float, float, bool, float, float, float, bool, float]


def line_corner(
    line1: Line,
    line2: Line,
    pick1: PointLike | None,
    pick2: PointLike | None,
    rel_tol: float,
    abs_tol: float,
) -> Corner:
    """Analyse the corner of ``line1`` and ``line2`` (see :data:`Corner`).

    A pick keeps the side of the corner it projects onto; a pick within tolerance of the corner,
    or none, keeps the side holding the end point farther from the corner (the end point on a
    tie): the corner's parameter along the line is then at most 0.5. Picks are any ``(x, y)``
    pairs, checked here (not converted: this is the fillet's hot path).

    Raises
    ------
    DegenerateGeometryError
        If a line has zero length (within tolerance).
    ParallelLinesError
        If the lines are parallel or collinear: they have no corner.
    NonFiniteError
        If a pick has a NaN or infinite coordinate.
    """
    (ax, ay), (bx, by) = line1
    (cx, cy), (dx, dy) = line2
    d1x = bx - ax
    d1y = by - ay
    d2x = dx - cx
    d2y = dy - cy
    len1 = math.sqrt(d1x * d1x + d1y * d1y)
    len2 = math.sqrt(d2x * d2x + d2y * d2y)
    tol = abs_tol + rel_tol * max(
        abs(ax), abs(ay), abs(bx), abs(by), abs(cx), abs(cy), abs(dx), abs(dy)
    )
    if len1 <= tol or len2 <= tol:
        which = "line1" if len1 <= tol else "line2"
        raise DegenerateGeometryError(
            f"{which} has zero length ({line1 if which == 'line1' else line2}); "
            "a corner needs two lines of non-zero length"
        )
    denom = d1x * d2y - d1y * d2x
    if abs(denom) <= rel_tol * len1 * len2:
        raise ParallelLinesError(
            f"the lines are parallel ({line1}, {line2}), so they have no corner; "
            "pick two lines that meet"
        )
    wx = cx - ax
    wy = cy - ay
    t = (wx * d2y - wy * d2x) / denom  # corner parameter along line 1
    u = (wx * d1y - wy * d1x) / denom  # ... and along line 2
    x = ax + t * d1x
    y = ay + t * d1y
    e1x = d1x / len1
    e1y = d1y / len1
    e2x = d2x / len2
    e2y = d2y / len2
    keep_end1 = t <= 0.5
    if pick1 is not None:
        along = (pick1[0] - x) * e1x + (pick1[1] - y) * e1y
        if along - along != 0.0:  # NaN or infinite: some pick coordinate is not finite
            raise NonFiniteError(f"pick1 must be a finite point, got {pick1!r}")
        if along > tol or along < -tol:
            keep_end1 = along > 0.0
    keep_end2 = u <= 0.5
    if pick2 is not None:
        along = (pick2[0] - x) * e2x + (pick2[1] - y) * e2y
        if along - along != 0.0:
            raise NonFiniteError(f"pick2 must be a finite point, got {pick2!r}")
        if along > tol or along < -tol:
            keep_end2 = along > 0.0
    if keep_end1:
        if keep_end2:
            return (x, y, e1x, e1y, (1.0 - t) * len1, True, e2x, e2y, (1.0 - u) * len2, True, tol)
        return (x, y, e1x, e1y, (1.0 - t) * len1, True, -e2x, -e2y, u * len2, False, tol)
    if keep_end2:
        return (x, y, -e1x, -e1y, t * len1, False, e2x, e2y, (1.0 - u) * len2, True, tol)
    return (x, y, -e1x, -e1y, t * len1, False, -e2x, -e2y, u * len2, False, tol)


def trimmed_line(line: Line, keep_end: bool, point: Vec2, room: float, tol: float) -> Line | None:
    """The kept part of ``line`` ending at ``point``; None when nothing is left (``room <= tol``).

    The line keeps its direction: the end point that moves is replaced by ``point``.
    """
    if room <= tol:
        return None
    if keep_end:
        return tuple.__new__(Line, (point, line[1]))
    return tuple.__new__(Line, (line[0], point))
