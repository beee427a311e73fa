"""TRIM as in AutoCAD: cut away the picked part of an entity between boundary intersections.

The boundaries ("cutting edges") are lines, arcs and polylines; they are bounded, as in
AutoCAD's default edge mode. The entity is cut at every point where a boundary meets it,
and the piece that holds the picked point (between the nearest cuts on either side of it,
or an end of the entity) is removed. What is left is returned: zero, one or two entities
of the entity's own type. A closed polyline or a full circle opens into one piece (or none,
when only one cut point exists).

A boundary equal to the entity itself cuts the entity where it crosses itself.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from .arc import Arc
from .errors import NoIntersectionError
from .intersect import Entity, _Chain, _cut_stations, _merge_tol
from .line import Line
from .nearest import _nearest_with_param
from .polyline import Polyline
from .tolerance import ABS_TOL, REL_TOL
from .vec import PointLike, Vec2

__all__ = ["trim"]


def _boundary_list(boundaries: Entity | Iterable[Entity]) -> list[Entity]:
    if isinstance(boundaries, Line | Arc | Polyline):
        return [boundaries]
    items = list(boundaries)
    for item in items:
        if not isinstance(item, Line | Arc | Polyline):
            raise TypeError(
                f"boundaries must be Lines, Arcs or Polylines, got {type(item).__name__}"
            )
    return items


def _segment_length(entity: Entity, index: int) -> float:
    if isinstance(entity, Polyline):
        return entity.segment(index).length
    return entity.length


def _snap(entity: Entity, count: int, station: float, tol: float) -> float:
    """``station`` moved onto a vertex (or an end) when within ``tol`` of it, as a length.

    Stations may exceed ``count`` on closed entities (once around); they wrap.
    """
    turns, local = divmod(station, count) if station >= count else (0.0, station)
    index = min(int(local), count - 1)
    t = local - index
    length = _segment_length(entity, index)
    if t * length <= tol:
        local = float(index)
    elif (1.0 - t) * length <= tol:
        local = float(index + 1)
    return turns * count + local


def _point_at(polyline: Polyline, index: int, t: float) -> Vec2:
    """Point at parameter ``t`` on segment ``index`` (vertices exactly at ``t`` = 0 or 1)."""
    n = len(polyline)
    if t == 0.0 or t == 1.0:
        k = (index + int(t)) % n
        return Vec2(float(polyline.x[k]), float(polyline.y[k]))
    return polyline.segment(index).point_at(t)


def _sub_polyline(polyline: Polyline, start: float, end: float) -> Polyline:
    """The part of ``polyline`` from station ``start`` to ``end`` (``start < end``; on a
    closed polyline ``end`` may pass the closing vertex once)."""
    n_seg, n_vert = polyline.segment_count, len(polyline)
    first = min(math.floor(start), n_seg - 1)
    last = max(math.ceil(end) - 1, first)
    t_first, t_last = start - first, end - last
    middle = np.arange(first + 1, last + 1) % n_vert  # vertices strictly inside
    head = _point_at(polyline, first % n_seg, t_first)
    tail = _point_at(polyline, last % n_seg, t_last)
    x = np.concatenate(([head.x], polyline.x[middle], [tail.x]))
    y = np.concatenate(([head.y], polyline.y[middle], [tail.y]))
    segments = np.arange(first, last + 1) % n_seg
    low = np.zeros(len(segments))
    high = np.ones(len(segments))
    low[0], high[-1] = t_first, t_last
    # A part of a bulge segment keeps its centre: its sweep scales with the parameter range.
    bulges = np.tan(np.arctan(polyline.bulges[segments]) * (high - low))
    return Polyline.from_arrays(x, y, np.append(bulges, 0.0))


def _piece(entity: Entity, start: float, end: float) -> Entity:
    if isinstance(entity, Line):
        return Line(entity.point_at(start), entity.point_at(end))
    if isinstance(entity, Arc):
        return Arc(
            entity.center,
            entity.radius,
            entity.start_angle + start * entity.sweep,
            (end - start) * entity.sweep,
        )
    return _sub_polyline(entity, start, end)


def trim(
    entity: Entity,
    boundaries: Entity | Iterable[Entity],
    pick: PointLike,
    *,
    rel_tol: float = REL_TOL,
    abs_tol: float = ABS_TOL,
) -> list[Entity]:
    """Remove the part of ``entity`` between boundary intersections that holds ``pick``.

    Parameters
    ----------
    entity
        A :class:`Line`, :class:`Arc` or :class:`Polyline` (open or closed; a full-circle
        arc is a circle).
    boundaries
        The cutting edges: one entity or an iterable of Lines, Arcs and Polylines.
    pick
        The point the user picked; its nearest point on ``entity`` selects the part to
        remove.
    rel_tol, abs_tol
        Tolerance ``abs_tol + rel_tol * scale``: intersections, and pieces shorter than
        this are dropped.

    Returns
    -------
    list
        The remaining pieces, in order along the entity, each of the entity's type: two
        when the picked part lies between cuts, one when it reaches an end (or the entity
        is closed), none when the picked part is the whole entity (its ends lie on
        boundaries and nothing cuts it in between, or a closed entity is cut once).

    Raises
    ------
    NoIntersectionError
        If no boundary meets the entity (AutoCAD's "quick" mode would delete the entity
        instead; a tool wanting that catches this error).
    TypeError
        If an entity or boundary is not a Line, Arc or Polyline.

    Example
    -------
    >>> wall = Line((5, -1), (5, 1))
    >>> trim(Line((0, 0), (10, 0)), [wall], pick=(8, 0.1))
    [Line(start=Vec2(x=0.0, y=0.0), end=Vec2(x=5.0, y=0.0))]
    >>> pieces = trim(Line((0, 0), (10, 0)), [wall, Line((7, -1), (7, 1))], pick=(6, 0))
    >>> [(piece.start.x, piece.end.x) for piece in pieces]
    [(0.0, 5.0), (7.0, 10.0)]
    >>> square = Polyline([(0, 0), (4, 0), (4, 4), (0, 4)], closed=True)
    >>> trim(square, [Line((2, -1), (2, 5))], pick=(0, 2))  # the left half goes
    [Polyline([(2.0, 0.0), (4.0, 0.0), (4.0, 4.0), (2.0, 4.0)], closed=False)]
    """
    walls = _boundary_list(boundaries)
    chain = _Chain(entity)
    stations: list[float] = []
    for wall in walls:
        stations += _cut_stations(entity, wall, rel_tol, abs_tol)
    if not stations:
        raise NoIntersectionError(
            f"cannot trim the {type(entity).__name__.lower()}: none of the {len(walls)} "
            "boundaries meets it; pick boundaries that cross it"
        )
    count = chain.count
    tol = _merge_tol(chain, None, rel_tol, abs_tol)
    stations = sorted(_snap(entity, count, s, tol) for s in stations)
    picked = _nearest_with_param(entity, pick)[1]
    below = [s for s in stations if s <= picked]
    above = [s for s in stations if s > picked]
    cumulative = _lengths(entity)
    if chain.closed:
        # Keep the way round from the cut after the pick to the cut before it.
        low = below[-1] + count if below else stations[-1]
        high = above[0] if above else stations[0] + count
        if high >= count:
            low, high = low - count, high - count
        if low <= high or _length_between(cumulative, high, low) <= tol:
            return []
        return [_piece(entity, high, low)]
    low = below[-1] if below else 0.0
    high = above[0] if above else float(count)
    pieces: list[Entity] = []
    if low > 0.0 and _length_between(cumulative, 0.0, low) > tol:
        pieces.append(_piece(entity, 0.0, low))
    if high < count and _length_between(cumulative, high, float(count)) > tol:
        pieces.append(_piece(entity, high, float(count)))
    return pieces


def _lengths(entity: Entity) -> list[float]:
    """Cumulative length along ``entity`` at each integer station (0, 1, ..., count)."""
    if not isinstance(entity, Polyline):
        return [0.0, entity.length]
    x0, y0, x1, y1, bulge = entity._segment_arrays()
    chord = np.hypot(x1 - x0, y1 - y0)
    half_sweep = 2.0 * np.arctan(bulge)
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(bulge != 0.0, half_sweep / np.sin(half_sweep), 1.0)
    return [0.0, *np.cumsum(chord * factor).tolist()]


def _length_between(cumulative: list[float], start: float, end: float) -> float:
    """Length from station ``start`` to ``end`` (``end`` may wrap once past the last)."""
    count = len(cumulative) - 1

    def position(station: float) -> float:
        turns = 0.0
        if station > count:
            station -= count
            turns = 1.0
        index = min(int(station), count - 1)
        t = station - index
        step = cumulative[index + 1] - cumulative[index]
        return turns * cumulative[-1] + cumulative[index] + t * step

    return position(end) - position(start)
