"""Vectorised fillets: many line pairs at once, and every corner of a polyline.

Both apply the line-line fillet of :func:`~lvcad_geometry.fillet.compute_fillet` to whole numpy
arrays. :func:`fillet_lines_batch` repeats the scalar formulas of :mod:`lvcad_geometry._corner`
operation for operation (same products, same order, ``sqrt`` rather than ``hypot``), so both
paths classify every pair the same way; a status code per pair replaces the exceptions.
"""

from __future__ import annotations

import enum
import math
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from .errors import (
    DegenerateGeometryError,
    InvalidRadiusError,
    NonFiniteError,
    RadiusTooLargeError,
)
from .polyline import Polyline, PolylineLike, as_polyline
from .tolerance import ABS_TOL, REL_TOL

__all__ = ["FilletBatch", "FilletStatus", "fillet_lines_batch", "fillet_polyline"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
Int8Array = npt.NDArray[np.int8]


class FilletStatus(enum.IntEnum):
    """Outcome of one pair in :func:`fillet_lines_batch` (stored as ``int8``).

    Each failure code stands for the exception :func:`~lvcad_geometry.fillet.compute_fillet`
    raises for the same pair; when several apply, the first in this list wins, as in the scalar
    function.

    Example
    -------
    >>> FilletStatus(2).name
    'RADIUS_TOO_LARGE'
    """

    #: The fillet was computed.
    OK = 0
    #: The lines are parallel or collinear (:class:`~lvcad_geometry.errors.ParallelLinesError`).
    PARALLEL = 1
    #: The tangent points fall beyond the far end of a line's kept part
    #: (:class:`~lvcad_geometry.errors.RadiusTooLargeError`).
    RADIUS_TOO_LARGE = 2
    #: A line has zero length (:class:`~lvcad_geometry.errors.DegenerateGeometryError`).
    DEGENERATE = 3
    #: The radius is zero or negative (:class:`~lvcad_geometry.errors.InvalidRadiusError`).
    INVALID_RADIUS = 4
    #: A coordinate or the radius is NaN or infinite
    #: (:class:`~lvcad_geometry.errors.NonFiniteError`).
    NON_FINITE = 5


class FilletBatch(NamedTuple):
    """Fillets of ``n`` line pairs, as arrays; entries whose ``status`` is not OK are NaN.

    Attributes
    ----------
    tangent1, tangent2
        ``(n, 2)`` tangent points on line 1 and line 2.
    center
        ``(n, 2)`` fillet centres.
    start_angle, sweep
        ``(n,)`` fillet arcs: start angle (at tangent point 1) and signed sweep (positive is
        counter-clockwise), in radians, as :class:`~lvcad_geometry.Arc`.
    keep_end1, keep_end2
        ``(n,)`` booleans: True when the line's end point is kept (the trimmed line runs from
        the tangent point to the end point), False when its start point is kept (the trimmed
        line runs from the start point to the tangent point). False where ``status`` is not OK.
    status
        ``(n,)`` ``int8`` :class:`FilletStatus` codes.
    """

    tangent1: FloatArray
    tangent2: FloatArray
    center: FloatArray
    start_angle: FloatArray
    sweep: FloatArray
    keep_end1: BoolArray
    keep_end2: BoolArray
    status: Int8Array


def _as_lines(lines: npt.ArrayLike, name: str) -> FloatArray:
    array = np.asarray(lines, dtype=np.float64)
    if array.ndim != 3 or array.shape[1:] != (2, 2):
        raise ValueError(
            f"{name} must have shape (n, 2, 2) (start and end points), got {array.shape}"
        )
    return array


def fillet_lines_batch(
    lines1: npt.ArrayLike,
    lines2: npt.ArrayLike,
    radius: float | npt.ArrayLike,
    *,
    rel_tol: float = REL_TOL,
    abs_tol: float = ABS_TOL,
) -> FilletBatch:
    """Fillet ``n`` pairs of lines at once (vectorised :func:`~lvcad_geometry.compute_fillet`).

    There are no picks: the kept part of each line is the one holding its end point farther from
    the corner, as in the scalar function without picks. Failures do not raise; each pair gets a
    :class:`FilletStatus` code instead, and NaN results.

    Parameters
    ----------
    lines1, lines2
        ``(n, 2, 2)`` float arrays: ``lines[i, 0]`` is the start point of line ``i`` and
        ``lines[i, 1]`` its end point.
    radius
        One radius for all pairs, or an ``(n,)`` array.
    rel_tol, abs_tol
        Tolerances, as in :func:`~lvcad_geometry.compute_fillet`.

    Returns
    -------
    FilletBatch
        Tangent points, centres, arc angles, kept ends and status codes.

    Example
    -------
    >>> lines1 = np.array([[[0, 0], [10, 0]], [[0, 0], [10, 0]]])
    >>> lines2 = np.array([[[0, 0], [0, 10]], [[0, 1], [10, 1]]])
    >>> batch = fillet_lines_batch(lines1, lines2, 2.0)
    >>> batch.center[0].tolist(), [FilletStatus(s).name for s in batch.status]
    ([2.0, 2.0], ['OK', 'PARALLEL'])
    """
    first, second = _as_lines(lines1, "lines1"), _as_lines(lines2, "lines2")
    n = len(first)
    if len(second) != n:
        raise ValueError(f"lines1 and lines2 must have the same length, got {n} and {len(second)}")
    r = np.asarray(radius, dtype=np.float64)
    if r.ndim != 0 and r.shape != (n,):
        raise ValueError(f"radius must be a number or an array of shape ({n},), got {r.shape}")
    # The float outputs share one (8, n) block, handed out as (n, 2) and (n,) views: one large
    # allocation is cheaper to fault in than five (numpy asks for huge pages from 4 MiB).
    block = np.empty((8, n))
    keep_end1 = np.empty(n, dtype=np.bool_)
    keep_end2 = np.empty(n, dtype=np.bool_)
    status = np.empty(n, dtype=np.int8)
    radius_rank = 0  # see _fillet_chunk; an array of radii is ranked per pair there
    if r.ndim == 0:
        radius_rank = 0 if 0.0 < r < math.inf else 4 if math.isfinite(r) else 5
    # Chunks keep the ~80 temporaries small: they stay in cache and their memory is reused,
    # where whole-array temporaries would each be fresh memory (page faults) at 100k pairs.
    for start in range(0, n, _CHUNK):
        part = slice(start, min(start + _CHUNK, n))
        _fillet_chunk(
            first[part],
            second[part],
            r if r.ndim == 0 else r[part],
            radius_rank,
            rel_tol,
            abs_tol,
            block[:, part],
            keep_end1[part],
            keep_end2[part],
            status[part],
        )
    failed = np.flatnonzero(status)
    if len(failed):
        block[:, failed] = np.nan
        keep_end1[failed] = False
        keep_end2[failed] = False
    return FilletBatch(
        block[0:2].T,
        block[2:4].T,
        block[4:6].T,
        block[6],
        block[7],
        keep_end1,
        keep_end2,
        status,
    )


#: Pairs per chunk of :func:`fillet_lines_batch` (temporaries of 64 KiB each; measured best
#: among 2k..100k on the 2-core VM).
_CHUNK = 8192


def _fillet_chunk(
    first: FloatArray,
    second: FloatArray,
    r: FloatArray,
    radius_rank: int,
    rel_tol: float,
    abs_tol: float,
    block: FloatArray,
    keep_end1: BoolArray,
    keep_end2: BoolArray,
    status: Int8Array,
) -> None:
    """Fillet one chunk of pairs into the output views (``block`` rows as in the caller)."""
    # The formulas are those of _corner.line_corner and compute_fillet, in the same order. The
    # scalar branches become exact arithmetic: a sign of +-1.0, max(1 - t, t) for the reach
    # (the kept side is the larger one), and 0/1 masks (x * 1 + y * 0 == x) for the half-angle.
    ax, ay, bx, by = first[:, 0, 0], first[:, 0, 1], first[:, 1, 0], first[:, 1, 1]
    cx, cy, dx, dy = second[:, 0, 0], second[:, 0, 1], second[:, 1, 0], second[:, 1, 1]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        d1x = bx - ax
        d1y = by - ay
        d2x = dx - cx
        d2y = dy - cy
        len1 = np.sqrt(d1x * d1x + d1y * d1y)
        len2 = np.sqrt(d2x * d2x + d2y * d2y)
        scale = np.maximum(
            np.maximum(np.maximum(np.abs(ax), np.abs(ay)), np.maximum(np.abs(bx), np.abs(by))),
            np.maximum(np.maximum(np.abs(cx), np.abs(cy)), np.maximum(np.abs(dx), np.abs(dy))),
        )
        tol = abs_tol + rel_tol * scale
        denom = d1x * d2y - d1y * d2x
        wx = cx - ax
        wy = cy - ay
        t = (wx * d2y - wy * d2x) / denom
        u = (wx * d1y - wy * d1x) / denom
        x = ax + t * d1x
        y = ay + t * d1y
        sign1 = 2.0 * np.less_equal(t, 0.5, out=keep_end1) - 1.0
        sign2 = 2.0 * np.less_equal(u, 0.5, out=keep_end2) - 1.0
        u1x = sign1 * (d1x / len1)
        u1y = sign1 * (d1y / len1)
        u2x = sign2 * (d2x / len2)
        u2y = sign2 * (d2y / len2)
        reach1 = np.maximum(1.0 - t, t) * len1
        reach2 = np.maximum(1.0 - u, u) * len2
        cos = u1x * u2x + u1y * u2y
        sin = u1x * u2y - u1y * u2x
        abs_sin = np.abs(sin)
        acute = (cos >= 0.0).astype(np.float64)
        # "+ acute" keeps the unused branch finite where cos rounds to 1 (it is then multiplied
        # by 0; inf * 0 would be NaN); where the branch is used it adds an exact 0.
        cot_half = (1.0 + cos) / abs_sin * acute + abs_sin / (1.0 - cos + acute) * (1.0 - acute)
        dist = r * cot_half
        t1x, t1y = block[0], block[1]
        np.add(x, dist * u1x, out=t1x)
        np.add(y, dist * u1y, out=t1y)
        np.add(x, dist * u2x, out=block[2])
        np.add(y, dist * u2y, out=block[3])
        turn = 2.0 * (sin > 0.0) - 1.0
        nx = -turn * u1y
        ny = turn * u1x
        np.add(t1x, r * nx, out=block[4])
        np.add(t1y, r * ny, out=block[5])
        np.arctan2(-ny, -nx, out=block[6])
        np.multiply(-turn, np.arctan2(abs_sin, -cos), out=block[7])

        # Rank the failures in the scalar function's order of checks (the highest rank is
        # the first check that fails), then map ranks to status codes.
        rank = (dist > np.minimum(reach1, reach2) + tol).astype(np.int8)
        np.maximum(rank, (np.abs(denom) <= rel_tol * len1 * len2) * np.int8(2), out=rank)
        np.maximum(rank, (np.minimum(len1, len2) <= tol) * np.int8(3), out=rank)
        if r.ndim:
            np.maximum(rank, ~(r > 0.0) * np.int8(4), out=rank)
            np.maximum(rank, ~np.isfinite(r) * np.int8(5), out=rank)
        elif radius_rank:
            np.maximum(rank, np.int8(radius_rank), out=rank)
        np.maximum(rank, ~np.isfinite(scale) * np.int8(5), out=rank)
    np.take(_STATUS_BY_RANK, rank, out=status)


_STATUS_BY_RANK = np.array(
    [
        FilletStatus.OK,
        FilletStatus.RADIUS_TOO_LARGE,
        FilletStatus.PARALLEL,
        FilletStatus.DEGENERATE,
        FilletStatus.INVALID_RADIUS,
        FilletStatus.NON_FINITE,
    ],
    dtype=np.int8,
)


def fillet_polyline(
    polyline: PolylineLike,
    radius: float,
    *,
    rel_tol: float = REL_TOL,
    abs_tol: float = ABS_TOL,
) -> Polyline:
    """Round every corner between two straight segments of a polyline with an arc of ``radius``.

    Each such corner is replaced by its two tangent points joined by a bulge (the exact fillet
    arc). A closed polyline's closing corner (at vertex 0) is filleted too. Left as they are:
    the end vertices of an open polyline, corners that touch an arc segment (bulge), and
    collinear corners (straight-through or a 180° turn back), which have no fillet. Where two
    fillets meet exactly, the zero-length segment between them is dropped.

    Parameters
    ----------
    polyline
        A :class:`~lvcad_geometry.Polyline` or anything
        :func:`~lvcad_geometry.as_polyline` accepts.
    radius
        Fillet radius, finite and positive.
    rel_tol, abs_tol
        Tolerances, as in :func:`~lvcad_geometry.compute_fillet`.

    Returns
    -------
    Polyline
        A new polyline, open or closed as the input.

    Raises
    ------
    NonFiniteError, InvalidRadiusError
        If ``radius`` is NaN or infinite, or not positive.
    DegenerateGeometryError
        If a segment has zero length (duplicate vertices); remove the duplicates first.
    RadiusTooLargeError
        If the fillets do not fit on a segment (the tangent distances at its two ends add up to
        more than its length, or, on an open polyline's end segment, the one tangent distance
        exceeds it). The message names the vertex and the largest radius that fits everywhere.

    Example
    -------
    >>> square = Polyline([(0, 0), (10, 0), (10, 10), (0, 10)], closed=True)
    >>> rounded = fillet_polyline(square, 2.0)
    >>> len(rounded), round(rounded.area, 9) == round(100 - (4 - math.pi) * 4, 9)
    (8, True)
    >>> rounded.vertices[:3]  # vertex 0 became two tangent points joined by a bulge
    (Vec2(x=0.0, y=2.0), Vec2(x=2.0, y=0.0), Vec2(x=8.0, y=0.0))
    >>> round(float(rounded.bulges[0]), 6) == round(math.tan(math.pi / 8), 6)
    True
    """
    if not 0.0 < radius < math.inf:
        if math.isnan(radius) or math.isinf(radius):
            raise NonFiniteError(f"fillet radius must be finite, got {radius!r}")
        raise InvalidRadiusError(f"fillet radius must be positive, got {radius!r}")
    poly = as_polyline(polyline)
    x, y, bulges, closed = poly.x, poly.y, poly.bulges, poly.closed
    n = len(x)
    segments = n if closed else n - 1
    # Segment i runs from vertex i to vertex i + 1 (the last one wraps; unused when open).
    dx = np.roll(x, -1) - x
    dy = np.roll(y, -1) - y
    length = np.sqrt(dx * dx + dy * dy)
    scale = max(float(np.abs(x).max()), float(np.abs(y).max()))
    tol = abs_tol + rel_tol * scale
    zero = np.flatnonzero(length[:segments] <= tol)
    if len(zero):
        i = int(zero[0])
        raise DegenerateGeometryError(
            f"segment {i} of the polyline has zero length (vertices {i} and {(i + 1) % n} "
            "coincide); remove duplicate vertices before filleting"
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        # Corner at vertex i: u1 points back along segment i - 1, u2 along segment i.
        u1x = -np.roll(dx / length, 1)
        u1y = -np.roll(dy / length, 1)
        u2x = dx / length
        u2y = dy / length
        cos = u1x * u2x + u1y * u2y
        sin = u1x * u2y - u1y * u2x
        abs_sin = np.abs(sin)
        corner = (bulges == 0.0) & (np.roll(bulges, 1) == 0.0) & (abs_sin > rel_tol)
        if not closed:
            corner[0] = corner[-1] = False
        cot_half = np.where(
            corner, np.where(cos >= 0.0, (1.0 + cos) / abs_sin, abs_sin / (1.0 - cos)), 0.0
        )
    dist = radius * cot_half
    # Segment i holds the tangent points of the corners at both its ends.
    need = (dist + np.roll(dist, -1))[:segments]
    too_long = np.flatnonzero(need > length[:segments] + tol)
    if len(too_long):
        raise _polyline_too_large(int(too_long[0]), n, radius, dist, cot_half, length, segments)
    if not corner.any():
        return poly
    index = np.flatnonzero(corner)
    vx, vy = x[index], y[index]
    d = dist[index]
    sweep = np.arctan2(abs_sin[index], -cos[index])
    fillet_bulge = np.where(sin[index] > 0.0, -1.0, 1.0) * np.tan(sweep / 4.0)
    counts = np.where(corner, 2, 1)
    first = np.cumsum(counts) - counts  # where each old vertex's first new vertex goes
    new_x, new_y, new_b = np.repeat(x, counts), np.repeat(y, counts), np.repeat(bulges, counts)
    at = first[index]
    new_x[at] = vx + d * u1x[index]
    new_y[at] = vy + d * u1y[index]
    new_b[at] = fillet_bulge
    new_x[at + 1] = vx + d * u2x[index]
    new_y[at + 1] = vy + d * u2y[index]
    # Drop the zero-length straight segments left where a fillet uses a whole segment: the
    # first vertex of such a segment goes (its bulge is 0; the second carries the right one).
    step_x = np.roll(new_x, -1) - new_x
    step_y = np.roll(new_y, -1) - new_y
    empty = (np.sqrt(step_x * step_x + step_y * step_y) <= tol) & (new_b == 0.0)
    if not closed:
        empty[-1] = False
    if empty.any():
        keep = ~empty
        new_x, new_y, new_b = new_x[keep], new_y[keep], new_b[keep]
    return Polyline.from_arrays(new_x, new_y, new_b, closed=closed)


def _polyline_too_large(
    segment: int,
    n: int,
    radius: float,
    dist: FloatArray,
    cot_half: FloatArray,
    length: FloatArray,
    segments: int,
) -> RadiusTooLargeError:
    start, end = segment, (segment + 1) % n
    both = (cot_half + np.roll(cot_half, -1))[:segments]
    with np.errstate(divide="ignore"):
        largest = float(np.min(length[:segments] / both))
    if dist[start] > 0.0 and dist[end] > 0.0:
        where = (
            f"the fillets at vertices {start} and {end} overlap on segment {segment} "
            f"(they need {dist[start] + dist[end]:.12g}"
        )
    else:
        vertex = start if dist[start] > 0.0 else end
        where = (
            f"the fillet at vertex {vertex} does not fit on segment {segment} "
            f"(it needs {dist[vertex]:.12g}"
        )
    return RadiusTooLargeError(
        f"fillet radius {radius:.12g} is too large: {where}, the segment is "
        f"{length[segment]:.12g} long); the largest radius that fits every corner is "
        f"{largest:.12g}"
    )
