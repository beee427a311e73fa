"""Offset a polyline by a distance, as a CAD OFFSET command does.

Straight segments move along their normal, bulge (arc) segments stay arcs about the same
centre with the radius changed by the distance, corners get miter, round or bevel joins, and
the loops and self-intersections the raw offset makes are cut out, so the result keeps the
distance to the source everywhere. See :func:`offset_polyline`.

Two implementations share one algorithm: a pure-Python one for small polylines (a few
microseconds per call) and a vectorised numpy one for large ones (tens of nanoseconds per
vertex); :func:`offset_polyline` chooses by vertex count.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Literal, SupportsFloat, TypeAlias, cast

import numpy as np
import numpy.typing as npt

from . import _offset_kites, _offset_numpy, _offset_scalar, _offset_scalar_cleanup
from .errors import NonFiniteError, TooFewVerticesError
from .polyline import Polyline
from .tolerance import ABS_TOL, REL_TOL
from .vec import PointLike

__all__ = ["JoinStyle", "offset_polyline"]

#: How convex corners are joined: ``"miter"`` extends both offsets to their intersection
#: (a bevel beyond the miter limit), ``"round"`` adds an arc about the corner, ``"bevel"`` a
#: straight segment.
JoinStyle: TypeAlias = Literal["miter", "round", "bevel"]

FloatArray = npt.NDArray[np.float64]
_MITER = _offset_scalar.MITER
_ROUND = _offset_scalar.ROUND
_simple_lines = _offset_scalar.simple_lines
_LIMIT_COS_4 = 2.0 / 16.0 - 1.0
_REACH_4 = math.hypot(4.0, 1.0)  # how far a kite reaches, in |d|, at the default limit
_JOINS = {"miter": _MITER, "round": _offset_scalar.ROUND, "bevel": _offset_scalar.BEVEL}

#: Polylines with at least this many vertices take the numpy path (measured: below it the
#: pure-Python path is faster, see ``benchmarks/pytest/test_offset_bench.py``).
NUMPY_THRESHOLD = 128

_Lists = tuple[list[float], list[float], list[float] | None]
_Arrays = tuple[FloatArray, FloatArray, FloatArray | None]


def offset_polyline(
    points_or_polyline: Polyline | Iterable[PointLike] | npt.ArrayLike,
    distance: float,
    *,
    join: JoinStyle = "miter",
    miter_limit: float = 4.0,
    closed: bool | None = None,
    cleanup: bool = True,
    rel_tol: float = REL_TOL,
    abs_tol: float = ABS_TOL,
) -> list[Polyline]:
    """Offset a polyline to the left (positive ``distance``) or right (negative).

    Left is relative to the direction of travel, as in shapely's ``offset_curve`` and ezdxf's
    ``offset_vertices_2d``: a counter-clockwise closed polyline offset by a positive distance
    shrinks, a clockwise one grows.

    Straight segments are translated along their normal; arc (bulge) segments keep their
    centre and change radius by ``distance`` exactly (an arc bending towards the offset side
    whose radius would reach zero collapses and is dropped, its neighbours joined). Concave
    corners are trimmed to the intersection of the two offsets. Convex corners are joined by
    ``join``:

    * ``"miter"``: both offsets extended to their intersection; when that point is farther
      than ``miter_limit * |distance|`` from the corner, a bevel instead (as SVG does);
    * ``"round"``: an arc of radius ``|distance|`` about the corner;
    * ``"bevel"``: a straight segment between the two offsets.

    With ``cleanup`` (the default) the raw offset is cut at its self-intersections (and, for
    an open polyline, where it enters the circles of radius ``|distance|`` around the two end
    points), the pieces that come closer than ``|distance|`` to the source are discarded and
    the rest are stitched together. Open polylines get no end caps.

    Parameters
    ----------
    points_or_polyline
        A :class:`~lvcad_geometry.Polyline`, a sequence of ``(x, y)`` pairs or an ``(n, 2)``
        array. Consecutive vertices closer than the tolerance are merged first.
    distance
        Offset distance; positive to the left, negative to the right, 0 returns the input.
    join
        ``"miter"``, ``"round"`` or ``"bevel"``.
    miter_limit
        Largest distance of a miter's tip from its corner, in multiples of ``|distance|``.
    closed
        Treat the input as closed (or open); ``None`` keeps the polyline's own flag (plain
        points are open).
    cleanup
        Remove local loops and self-intersections; ``False`` returns the raw offset curve.
    rel_tol, abs_tol
        Tolerance ``abs_tol + rel_tol * scale``, where ``scale`` is the largest coordinate
        (or distance) magnitude: duplicate vertices, tangent corners and the distance check.

    Returns
    -------
    list of Polyline
        The offset curves: several when the offset splits, none when it collapses. A closed
        input gives closed polylines.

    Raises
    ------
    TooFewVerticesError
        Fewer than 2 distinct vertices.
    NonFiniteError
        A coordinate, bulge or the distance is NaN or infinite.
    ValueError
        Unknown ``join`` or a ``miter_limit`` that is not positive.

    Example
    -------
    >>> square = [(0, 0), (100, 0), (100, 100), (0, 100)]  # counter-clockwise
    >>> [inner] = offset_polyline(square, 10.0, closed=True)
    >>> inner.vertices
    (Vec2(x=10.0, y=10.0), Vec2(x=90.0, y=10.0), Vec2(x=90.0, y=90.0), Vec2(x=10.0, y=90.0))
    >>> [outer] = offset_polyline(square, -10.0, closed=True, join="round")
    >>> len(outer), round(outer.length, 6)  # 4 sides + 4 quarter circles of radius 10
    (8, 462.831853)
    >>> offset_polyline(square, 60.0, closed=True)  # collapses
    []
    >>> [path] = offset_polyline(square, 10.0)  # open: the left side of each segment
    >>> path.vertices[0], path.vertices[-1]
    (Vec2(x=0.0, y=10.0), Vec2(x=0.0, y=90.0))
    """
    return _offset(
        points_or_polyline, distance, join, miter_limit, closed, cleanup, rel_tol, abs_tol, "auto"
    )


def offset_with_path(
    points_or_polyline: Polyline | Iterable[PointLike] | npt.ArrayLike,
    distance: float,
    *,
    join: JoinStyle = "miter",
    miter_limit: float = 4.0,
    closed: bool | None = None,
    cleanup: bool = True,
    rel_tol: float = REL_TOL,
    abs_tol: float = ABS_TOL,
    path: Literal["auto", "scalar", "numpy"] = "auto",
) -> list[Polyline]:
    """:func:`offset_polyline` with the implementation chosen by ``path`` (for tests and
    benchmarks): ``"scalar"`` (pure Python), ``"numpy"`` or ``"auto"`` (by vertex count).

    Example
    -------
    >>> pts = [(0, 0), (3, 0), (3, 3)]
    >>> offset_with_path(pts, 1.0, path="scalar") == offset_with_path(pts, 1.0, path="numpy")
    True
    """
    return _offset(
        points_or_polyline, distance, join, miter_limit, closed, cleanup, rel_tol, abs_tol, path
    )


def _offset(
    value: Polyline | Iterable[PointLike] | npt.ArrayLike,
    distance: float,
    join: str,
    miter_limit: float,
    closed: bool | None,
    cleanup: bool,
    rel_tol: float,
    abs_tol: float,
    path: str,
) -> list[Polyline]:
    join_code = _JOINS.get(join, -1)
    if join_code < 0:
        raise ValueError(f"join must be 'miter', 'round' or 'bevel', got {join!r}")
    d = float(distance)
    if d - d != 0.0:
        raise NonFiniteError(f"offset distance must be finite, got {distance!r}")
    limit = float(miter_limit)
    if limit - limit != 0.0:
        raise NonFiniteError(f"miter_limit must be finite, got {miter_limit!r}")
    if limit <= 0.0:
        raise ValueError(f"miter_limit must be positive, got {miter_limit!r}")

    coords, is_closed, polyline = _read(value, closed)
    n = len(coords[0])
    if path == "numpy" or (path == "auto" and n >= NUMPY_THRESHOLD):
        x, y, b = _as_arrays(coords)
        scale = _offset_numpy.scale_of(x, y)
        tol0 = abs_tol + rel_tol * scale
        if d == 0.0:
            x, y, b = _offset_numpy.dedupe_input(x, y, b, is_closed, tol0)
            return [_unchanged(polyline, x, y, b, is_closed, n)]
        tol = abs_tol + rel_tol * max(scale, abs(d))
        arrays = _offset_numpy.offset(x, y, b, is_closed, d, join_code, limit, cleanup, tol, tol0)
        return [Polyline._from_trusted(ax, ay, ab, c) for ax, ay, ab, c in arrays]

    xs, ys, bs = _as_lists(coords)
    scale = _check_finite(xs, ys, bs)
    tol0 = abs_tol + rel_tol * scale
    size = d if d > 0.0 else -d
    tol = abs_tol + rel_tol * (scale if scale > size else size)
    if bs is None:
        if d != 0.0 and cleanup and join_code != _ROUND and n > 1:
            miter = join_code == _MITER
            if limit == 4.0:  # the default: constants
                limit_cos, reach = _LIMIT_COS_4, size * _REACH_4
            else:
                limit_cos = 2.0 / (limit * limit) - 1.0
                reach = size * math.hypot(max(1.0, limit), 1.0)
            simple = _simple_lines(
                xs, ys, is_closed, d, miter, limit_cos, tol, tol0, reach if miter else size
            )
            if simple is not None:
                return [_from_lists(simple[0], simple[1], None, is_closed)]
        bs = [0.0] * n
    for i in range(1, n):
        if abs(xs[i] - xs[i - 1]) <= tol0 and abs(ys[i] - ys[i - 1]) <= tol0:
            break
    else:
        i = 0
    if i or (is_closed and abs(xs[-1] - xs[0]) <= tol0 and abs(ys[-1] - ys[0]) <= tol0):
        deduped = _offset_scalar_cleanup.dedupe(xs, ys, bs, is_closed, tol0, drop_flat=False)
        if deduped is None:
            raise TooFewVerticesError(
                "a polyline needs at least 2 distinct vertices; all coincide within the tolerance"
            )
        xs, ys, bs, _ = deduped
    if d == 0.0:
        return [_unchanged(polyline, None, None, None, is_closed, n, (xs, ys, bs))]
    raw = _offset_scalar.raw_offset(xs, ys, bs, is_closed, d, join_code, limit, tol)
    if raw is None:
        return []
    if not cleanup:
        result = _offset_scalar_cleanup.dedupe(raw[0], raw[1], raw[2], raw[5], tol)
        return [] if result is None else [_from_lists(*result)]
    source = _offset_scalar_cleanup.Segments(xs, ys, bs, is_closed)
    kites = (
        _offset_kites.corner_kites(xs, ys, bs, is_closed, d, limit, tol)
        if join_code == _MITER
        else []
    )
    chains = _offset_scalar_cleanup.cleanup(raw, source, d, tol, kites)
    if (
        len(chains) == 1
        and len(chains[0][0]) == 1
        and chains[0][0][0][0] == 0.0
        and (chains[0][0][0][1] == len(raw[0]) - (0 if raw[5] else 1))
    ):
        result = _offset_scalar_cleanup.dedupe(raw[0], raw[1], raw[2], raw[5], tol)
        return [] if result is None else [_from_lists(*result)]
    return [_from_lists(*p) for p in _offset_scalar_cleanup.assemble(raw, chains, tol)]


def _read(
    value: Polyline | Iterable[PointLike] | npt.ArrayLike, closed: bool | None
) -> tuple[_Lists | _Arrays, bool, Polyline | None]:
    """The input's coordinates (lists or arrays, bulges included) and closure."""
    if isinstance(value, Polyline):
        bulges = value.bulges if value.has_arcs else None
        return (value.x, value.y, bulges), value.closed if closed is None else bool(closed), value
    if isinstance(value, np.ndarray):
        array = np.asarray(value, dtype=np.float64)
        if array.ndim != 2 or array.shape[1] != 2:
            if array.size == 0:
                raise TooFewVerticesError("a polyline needs at least 2 vertices, got 0")
            raise ValueError(f"polyline vertices must be (x, y) pairs, got shape {array.shape}")
        return (array[:, 0], array[:, 1], None), bool(closed), None
    points = cast("Iterable[Sequence[SupportsFloat]]", value)
    if type(points) is not list and type(points) is not tuple:
        points = list(points)  # an iterator could not be read twice
    xs: list[float] = []
    ys: list[float] = []
    try:  # one try for the whole loop: the common case costs least
        for x, y in points:
            xs.append(float(x))
            ys.append(float(y))
    except (TypeError, ValueError):
        _name_bad_point(points)
        raise  # every point is a pair: float() refused a coordinate, its own error stands
    return (xs, ys, None), bool(closed), None


def _name_bad_point(points: Iterable[Sequence[SupportsFloat]]) -> None:
    """Raise a ValueError naming the first point that is not an ``(x, y)`` pair, if any."""
    for point in points:
        try:
            _, _ = point
        except (TypeError, ValueError):
            raise ValueError(f"polyline vertices must be (x, y) pairs, got {point!r}") from None


def _as_arrays(coords: _Lists | _Arrays) -> tuple[FloatArray, FloatArray, FloatArray]:
    x, y, b = coords
    xa = np.asarray(x, dtype=np.float64)
    return (
        xa,
        np.asarray(y, dtype=np.float64),
        np.zeros(len(xa)) if b is None else np.asarray(b, dtype=np.float64),
    )


def _as_lists(coords: _Lists | _Arrays) -> _Lists:
    x, y, b = coords
    if type(x) is not list:
        return x.tolist(), y.tolist(), None if b is None else b.tolist()  # type: ignore[union-attr]
    return x, y, b  # type: ignore[return-value]


def _check_finite(xs: list[float], ys: list[float], bs: list[float] | None) -> float:
    """The largest coordinate magnitude; NonFiniteError for NaN or inf anywhere."""
    if len(xs) < 2:
        raise TooFewVerticesError(f"a polyline needs at least 2 vertices, got {len(xs)}")
    both = xs + ys
    total = sum(both) + (sum(bs) if bs is not None else 0.0)  # NaN and inf propagate
    if total - total != 0.0 and not all(map(math.isfinite, both + (bs or []))):
        raise NonFiniteError("polyline vertices and bulges must be finite (no NaN or inf)")
    hi, lo = max(both), min(both)
    return hi if hi > -lo else -lo


_from_lists = Polyline._from_lists


def _unchanged(
    polyline: Polyline | None,
    x: FloatArray | None,
    y: FloatArray | None,
    b: FloatArray | None,
    closed: bool,
    n_before: int,
    lists: _Lists | None = None,
) -> Polyline:
    """The deduplicated input as a Polyline (the input object itself when nothing changed)."""
    if lists is not None:
        if polyline is not None and len(lists[0]) == n_before and polyline.closed == closed:
            return polyline
        return _from_lists(*lists, closed)
    assert x is not None
    assert y is not None
    assert b is not None
    if polyline is not None and len(x) == n_before and polyline.closed == closed:
        return polyline
    return Polyline.from_arrays(x, y, b, closed=closed)
