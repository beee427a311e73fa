"""Intersections of lines, arcs, circles and polylines.

Every function returns a list of points (empty when the entities do not meet) sorted along
the *first* entity. Segments and arcs are bounded unless ``infinite=True`` /
``full_circle=True`` asks for the underlying line or circle (what trim, extend and fillet need).
Overlapping collinear segments or arcs on the same circle have infinitely many common points;
for them the end points of each entity that lie on the other are returned.

Tolerances are relative: two things touch when they come within
``abs_tol + rel_tol * scale``, ``scale`` being the largest coordinate magnitude involved (for
an arc: its centre's coordinates and its radius).

Polylines go through one of two paths, chosen by size (``method="auto"``): a pure-Python
double loop with a bounding-box test for small inputs, and for big ones a numpy path: a
broad phase over all segment boxes (:mod:`lvcad_geometry._broadphase`), then every
straight-straight candidate pair solved at once; pairs with an arc use the scalar
functions. Both paths give the same points (a test checks it).
"""

from __future__ import annotations

import itertools
import math
from typing import Literal, TypeAlias

import numpy as np

from ._broadphase import overlapping_pairs
from ._intersect_batch import (
    Hit,
    HitArrays,
    Table,
    concat_hits,
    drop_neighbours,
    hit_arrays,
    line_line_hits,
    merge,
    segment_box,
    segment_scale,
    segment_table,
)
from .arc import TAU, Arc
from .bulge import bulge_to_arc
from .line import Line
from .polyline import Polyline, Segment
from .tolerance import ABS_TOL, REL_TOL
from .vec import Vec2

__all__ = [
    "Entity",
    "Method",
    "intersect",
    "intersect_arcs",
    "intersect_line_arc",
    "intersect_lines",
    "intersect_polylines",
    "intersect_segments",
    "self_intersections",
]

#: A drawing entity the intersection, nearest-point, trim and extend functions accept.
Entity: TypeAlias = Line | Arc | Polyline
#: Which implementation handles polylines: chosen by size, or forced (for tests, benchmarks).
Method: TypeAlias = Literal["auto", "scalar", "vectorized"]

#: Up to this many segment pairs, polyline intersections use the pure-Python path.
SCALAR_MAX_PAIRS = 400


def _scale(*points: Vec2) -> float:
    return max(map(abs, itertools.chain.from_iterable(points)))


def _on_arc(arc: Arc, point: Vec2, tol: float) -> bool:
    angle = math.atan2(point.y - arc.center.y, point.x - arc.center.x)
    return arc.contains_angle(angle, abs_tol=tol / arc.radius)


def _dedupe(points: list[Vec2], tol: float) -> list[Vec2]:
    unique: list[Vec2] = []
    for point in points:
        if all(point.distance(kept) > tol for kept in unique):
            unique.append(point)
    return unique


# -- two segments ---------------------------------------------------------------------------


def intersect_lines(
    line1: Line,
    line2: Line,
    *,
    infinite: bool = False,
    rel_tol: float = REL_TOL,
    abs_tol: float = ABS_TOL,
) -> list[Vec2]:
    """Intersection points of two segments (or of their infinite lines with ``infinite=True``).

    Parameters
    ----------
    line1, line2
        The segments. A segment shorter than the tolerance has no direction and meets
        nothing (an empty list).
    infinite
        Intersect the infinite lines through the segments instead.
    rel_tol, abs_tol
        Two points coincide within ``abs_tol + rel_tol * scale``.

    Returns
    -------
    list of Vec2
        Sorted along ``line1``. Parallel lines give no point. With ``infinite=False``,
        collinear segments (every end point of one within tolerance of the other's line)
        give the end points of their overlap; with ``infinite=True`` they give none.

    Example
    -------
    >>> intersect_lines(Line((0, 0), (2, 2)), Line((0, 2), (2, 0)))
    [Vec2(x=1.0, y=1.0)]
    >>> intersect_lines(Line((0, 0), (1, 0)), Line((2, -1), (2, 1)))
    []
    >>> intersect_lines(Line((0, 0), (1, 0)), Line((2, -1), (2, 1)), infinite=True)
    [Vec2(x=2.0, y=0.0)]
    >>> intersect_lines(Line((0, 0), (4, 0)), Line((5, 0), (1, 0)))  # collinear overlap
    [Vec2(x=1.0, y=0.0), Vec2(x=4.0, y=0.0)]
    """
    p, q = line1.start, line2.start
    d1x, d1y = line1.end.x - p.x, line1.end.y - p.y
    d2x, d2y = line2.end.x - q.x, line2.end.y - q.y
    len1, len2 = math.hypot(d1x, d1y), math.hypot(d2x, d2y)
    tol = abs_tol + rel_tol * _scale(line1.start, line1.end, line2.start, line2.end)
    if len1 <= tol or len2 <= tol:
        return []
    denom = d1x * d2y - d1y * d2x
    wx, wy = q.x - p.x, q.y - p.y
    if infinite:
        if abs(denom) <= rel_tol * len1 * len2:
            return []
        t = (wx * d2y - wy * d2x) / denom
        return [Vec2(p.x + t * d1x, p.y + t * d1y)]
    # Collinear when one segment lies within tolerance of the other's line (end-point
    # distances, not the angle, decide). That implies |denom| <= 2 * tol * length, so the
    # test is needed only for nearly parallel segments.
    if abs(denom) <= 4.0 * tol * max(len1, len2):
        off_q0 = abs(d1x * wy - d1y * wx)
        off_q1 = abs(d1x * (line2.end.y - p.y) - d1y * (line2.end.x - p.x))
        off_p0 = abs(d2x * wy - d2y * wx)
        off_p1 = abs(d2x * (line1.end.y - q.y) - d2y * (line1.end.x - q.x))
        if max(off_q0, off_q1) <= tol * len1 or max(off_p0, off_p1) <= tol * len2:
            return _collinear_overlap(line1, line2, tol)
    if denom == 0.0:
        return []
    t = (wx * d2y - wy * d2x) / denom
    u = (wx * d1y - wy * d1x) / denom
    t_tol, u_tol = tol / len1, tol / len2
    if not (-t_tol <= t <= 1.0 + t_tol and -u_tol <= u <= 1.0 + u_tol):
        return []
    t = min(max(t, 0.0), 1.0)
    return [Vec2(p.x + t * d1x, p.y + t * d1y)]


def _collinear_overlap(line1: Line, line2: Line, tol: float) -> list[Vec2]:
    direction = line1.direction
    length_sq = direction.dot(direction)
    t_a = (line2.start - line1.start).dot(direction) / length_sq
    t_b = (line2.end - line1.start).dot(direction) / length_sq
    low, high = max(0.0, min(t_a, t_b)), min(1.0, max(t_a, t_b))
    t_tol = tol / math.sqrt(length_sq)
    if low > high + t_tol:
        return []
    points = [line1.point_at(low), line1.point_at(max(low, high))]
    return _dedupe(points, tol)


def intersect_line_arc(
    line: Line,
    arc: Arc,
    *,
    infinite: bool = False,
    full_circle: bool = False,
    rel_tol: float = REL_TOL,
    abs_tol: float = ABS_TOL,
) -> list[Vec2]:
    """Intersection points of a segment (or line) and an arc (or its whole circle).

    A line tangent to the circle (within tolerance) gives one point; a segment shorter than
    the tolerance gives none. The points are sorted along ``line``.

    Example
    -------
    >>> arc = Arc((0, 0), 1.0, 0.0, math.pi)  # upper half circle
    >>> intersect_line_arc(Line((-2, 0.0), (2, 0.0)), arc)
    [Vec2(x=-1.0, y=0.0), Vec2(x=1.0, y=0.0)]
    >>> intersect_line_arc(Line((-2, -0.5), (2, -0.5)), arc)
    []
    >>> len(intersect_line_arc(Line((-2, -0.5), (2, -0.5)), arc, full_circle=True))
    2
    """
    p, c, r = line.start, arc.center, arc.radius
    dx, dy = line.end.x - p.x, line.end.y - p.y
    length_sq = dx * dx + dy * dy
    scale = max(_scale(line.start, line.end, c), r)
    tol = abs_tol + rel_tol * scale
    if length_sq <= tol * tol:
        return []
    length = math.sqrt(length_sq)
    # Foot of the perpendicular from the centre: stable even for near-tangent lines.
    t_foot = ((c.x - p.x) * dx + (c.y - p.y) * dy) / length_sq
    foot = Vec2(p.x + t_foot * dx, p.y + t_foot * dy)
    h = foot.distance(c)
    if h > r + tol:
        return []
    # (r - h)(r + h) rather than r² - h²: no cancellation for nearly tangent lines.
    half = 0.0 if r - h <= tol else math.sqrt((r - h) * (r + h)) / length
    params = [t_foot] if half == 0.0 else [t_foot - half, t_foot + half]
    t_tol = tol / length
    points = []
    for t in params:
        if not infinite and not -t_tol <= t <= 1.0 + t_tol:
            continue
        point = Vec2(p.x + t * dx, p.y + t * dy)
        if full_circle or _on_arc(arc, point, tol):
            points.append(point)
    return points


def intersect_arcs(
    arc1: Arc,
    arc2: Arc,
    *,
    full_circles: bool = False,
    rel_tol: float = REL_TOL,
    abs_tol: float = ABS_TOL,
) -> list[Vec2]:
    """Intersection points of two arcs (or of their whole circles), sorted along ``arc1``.

    Arcs on the same circle give the end points of each arc that lie on the other (a full
    circle has no end points, so two coinciding circles give none). Tangent circles give one
    point.

    Example
    -------
    >>> a = Arc((0, 0), 1.0, 0.0, 2 * math.pi)
    >>> b = Arc((1, 0), 1.0, 0.0, 2 * math.pi)
    >>> [p.isclose((0.5, s * math.sqrt(3) / 2)) for p, s in zip(intersect_arcs(a, b), (1, -1))]
    [True, True]
    >>> intersect_arcs(Arc((0, 0), 1.0, 0.0, math.pi), Arc((0, 0), 1.0, math.pi / 2, math.pi))
    [Vec2(x=6.123233995736766e-17, y=1.0), Vec2(x=-1.0, y=1.2246467991473532e-16)]
    """
    c1, c2, r1, r2 = arc1.center, arc2.center, arc1.radius, arc2.radius
    scale = max(_scale(c1, c2), r1, r2)
    tol = abs_tol + rel_tol * scale
    d = c1.distance(c2)
    if d <= tol and abs(r1 - r2) <= tol:
        if full_circles:
            return []
        # A full circle has no ends: its start point is not a point where the arcs part.
        ends = (
            []
            if arc2.is_full_circle
            else [e for e in (arc2.start_point, arc2.end_point) if _on_arc(arc1, e, tol)]
        )
        if not arc1.is_full_circle:
            ends += [e for e in (arc1.start_point, arc1.end_point) if _on_arc(arc2, e, tol)]
        return _sorted_along_arc(arc1, _dedupe(ends, tol))
    if d > r1 + r2 + tol or d < abs(r1 - r2) - tol or d <= tol:
        return []
    a = (d * d + r1 * r1 - r2 * r2) / (2.0 * d)
    ux, uy = (c2.x - c1.x) / d, (c2.y - c1.y) / d
    base = Vec2(c1.x + a * ux, c1.y + a * uy)
    h_sq = r1 * r1 - a * a
    tangent = abs(d - (r1 + r2)) <= tol or abs(d - abs(r1 - r2)) <= tol or h_sq <= 0.0
    if tangent:
        candidates = [base]
    else:
        h = math.sqrt(h_sq)
        candidates = [
            Vec2(base.x + h * uy, base.y - h * ux),
            Vec2(base.x - h * uy, base.y + h * ux),
        ]
    if not full_circles:
        candidates = [p for p in candidates if _on_arc(arc1, p, tol) and _on_arc(arc2, p, tol)]
    return _sorted_along_arc(arc1, candidates)


def _arc_param(arc: Arc, point: Vec2) -> float:
    """Parameter of ``point``'s direction along ``arc``: 0 at the start, 1 at the end.

    Directions outside the sweep map to the nearer end's side (slightly before the start is
    slightly negative, not nearly ``2*pi / |sweep|``), so points that are on the arc within
    tolerance sort where they belong.
    """
    t = arc.parameter_of_angle(math.atan2(point.y - arc.center.y, point.x - arc.center.x))
    if t > 1.0 and not arc.is_full_circle:
        period = TAU / abs(arc.sweep)
        if t - 1.0 > period - t:
            t -= period
    return t


def _sorted_along_arc(arc: Arc, points: list[Vec2]) -> list[Vec2]:
    return sorted(points, key=lambda p: _arc_param(arc, p))


def intersect_segments(
    first: Line | Arc, second: Line | Arc, *, rel_tol: float = REL_TOL, abs_tol: float = ABS_TOL
) -> list[Vec2]:
    """Intersection points of two bounded segments, each a :class:`Line` or an :class:`Arc`.

    Example
    -------
    >>> intersect_segments(Arc((0, 0), 1.0, 0.0, math.pi), Line((0, -2), (0, 2)))
    [Vec2(x=0.0, y=1.0)]
    """
    if isinstance(first, Line):
        if isinstance(second, Line):
            return intersect_lines(first, second, rel_tol=rel_tol, abs_tol=abs_tol)
        return intersect_line_arc(first, second, rel_tol=rel_tol, abs_tol=abs_tol)
    if isinstance(second, Line):
        points = intersect_line_arc(second, first, rel_tol=rel_tol, abs_tol=abs_tol)
        return _sorted_along_arc(first, points)
    return intersect_arcs(first, second, rel_tol=rel_tol, abs_tol=abs_tol)


def _segment_param(segment: Segment, point: Vec2) -> float:
    """Parameter in ``[0, 1]`` of the point of ``segment`` nearest to ``point`` (on it)."""
    if isinstance(segment, Line):
        dx, dy = segment.end.x - segment.start.x, segment.end.y - segment.start.y
        length_sq = dx * dx + dy * dy
        if length_sq == 0.0:
            return 0.0
        t = ((point.x - segment.start.x) * dx + (point.y - segment.start.y) * dy) / length_sq
    else:
        t = _arc_param(segment, point)
    return min(max(t, 0.0), 1.0)


# -- entities as chains of segments ----------------------------------------------------------


class _Chain:
    """The segments of a :class:`Line`, :class:`Arc` or :class:`Polyline` (internal).

    A position along the chain is a *station*: segment index plus the parameter in ``[0, 1]``
    along that segment, so stations increase along the entity.
    """

    __slots__ = ("_segments", "closed", "count", "entity")

    def __init__(self, entity: Entity) -> None:
        self.entity = entity
        self._segments: list[Segment] | None = None
        if isinstance(entity, Polyline):
            self.count = entity.segment_count
            self.closed = entity.closed
        elif isinstance(entity, Line | Arc):
            self.count = 1
            self.closed = isinstance(entity, Arc) and entity.is_full_circle
        else:
            raise TypeError(f"expected a Line, Arc or Polyline, got {type(entity).__name__}")

    def segments(self) -> list[Segment]:
        if self._segments is None:
            entity = self.entity
            self._segments = (
                _polyline_segments(entity) if isinstance(entity, Polyline) else [entity]
            )
        return self._segments

    def segment(self, index: int) -> Segment:
        if self._segments is not None:
            return self._segments[index]
        entity = self.entity
        return entity.segment(index) if isinstance(entity, Polyline) else entity


def _polyline_segments(polyline: Polyline) -> list[Segment]:
    """``list(polyline.segments())``, faster: the coordinates are known to be finite."""
    xs, ys, bulges = polyline.x.tolist(), polyline.y.tolist(), polyline.bulges.tolist()
    points = list(map(Vec2, xs, ys))
    if polyline.closed:
        points.append(points[0])
    segments: list[Segment] = []
    for start, end, bulge in zip(points, points[1:], bulges, strict=False):
        if bulge == 0.0 or start == end:
            segments.append(tuple.__new__(Line, (start, end)))
        else:
            segments.append(bulge_to_arc(start, end, bulge))
    return segments


def _scalar_hits(
    chain_a: _Chain, chain_b: _Chain | None, rel_tol: float, abs_tol: float
) -> list[Hit]:
    """Every segment pair whose boxes touch, solved by the scalar functions."""
    segs_a = chain_a.segments()
    boxes_a = [segment_box(s, abs_tol + rel_tol * segment_scale(s)) for s in segs_a]
    if chain_b is None:
        segs_b, boxes_b = segs_a, boxes_a
    else:
        segs_b = chain_b.segments()
        boxes_b = [segment_box(s, abs_tol + rel_tol * segment_scale(s)) for s in segs_b]
    hits: list[Hit] = []
    for i, (seg_a, (ax0, ay0, ax1, ay1)) in enumerate(zip(segs_a, boxes_a, strict=True)):
        for j in range(i + 1 if chain_b is None else 0, len(segs_b)):
            bx0, by0, bx1, by1 = boxes_b[j]
            if bx0 > ax1 or ax0 > bx1 or by0 > ay1 or ay0 > by1:
                continue
            seg_b = segs_b[j]
            for p in intersect_segments(seg_a, seg_b, rel_tol=rel_tol, abs_tol=abs_tol):
                hits.append((i, _segment_param(seg_a, p), j, _segment_param(seg_b, p), p))
    return hits


def _vector_hits(
    chain_a: _Chain, chain_b: _Chain | None, rel_tol: float, abs_tol: float
) -> tuple[HitArrays, Table]:
    """The numpy path: broad phase on boxes, straight pairs solved in bulk."""
    table_a = segment_table(chain_a.entity, rel_tol, abs_tol)
    table_b = table_a if chain_b is None else segment_table(chain_b.entity, rel_tol, abs_tol)
    i, j = overlapping_pairs(table_a.boxes, None if chain_b is None else table_b.boxes)
    straight = ~table_a.is_arc[i] & ~table_b.is_arc[j]
    si, sj = i[straight], j[straight]
    pair, t, u, x, y = line_line_hits(
        table_a.x0[si],
        table_a.y0[si],
        table_a.x1[si],
        table_a.y1[si],
        table_b.x0[sj],
        table_b.y0[sj],
        table_b.x1[sj],
        table_b.y1[sj],
        abs_tol + rel_tol * np.maximum(table_a.scale[si], table_b.scale[sj]),
    )
    hits = HitArrays(si[pair], t, sj[pair], u, x, y)
    curved = np.flatnonzero(~straight)
    if len(curved):
        other = chain_a if chain_b is None else chain_b
        extra: list[Hit] = []
        for k in curved.tolist():
            seg_a, seg_b = chain_a.segment(int(i[k])), other.segment(int(j[k]))
            for p in intersect_segments(seg_a, seg_b, rel_tol=rel_tol, abs_tol=abs_tol):
                extra.append(
                    (int(i[k]), _segment_param(seg_a, p), int(j[k]), _segment_param(seg_b, p), p)
                )
        hits = concat_hits(hits, hit_arrays(extra))
    return hits, table_a


# -- neighbours, sorting along the first entity, merging duplicates --------------------------


def _drop_neighbours_scalar(hits: list[Hit], chain: _Chain, tol: float) -> list[Hit]:
    """Self-intersection hits without neighbours meeting at their shared vertex.

    Segments ``i < j`` are neighbours when only segments of zero length (within ``tol``)
    separate them, forwards or, on a closed chain, around the closing vertex.
    """
    if not hits:
        return hits
    segs = chain.segments()
    starts = [s.start if isinstance(s, Line) else s.start_point for s in segs]
    ends = [s.end if isinstance(s, Line) else s.end_point for s in segs]
    cumulative = [0.0]
    for start, end in zip(starts, ends, strict=True):
        cumulative.append(cumulative[-1] + start.distance(end))
    kept = []
    for hit in hits:
        i, _, j, _, point = hit
        if cumulative[j] - cumulative[i + 1] <= tol and point.distance(ends[i]) <= tol:
            continue
        wrap = cumulative[-1] - cumulative[j + 1] + cumulative[i]
        if chain.closed and wrap <= tol and point.distance(starts[i]) <= tol:
            continue
        kept.append(hit)
    return kept


def _merge_scalar(hits: list[Hit], closed: bool, tol: float) -> list[tuple[float, Vec2]]:
    """(station, point) of each hit in order along the first chain, duplicates merged.

    A hit is dropped when it is within ``tol`` of the hit before it in that order; on a
    closed chain the last is also dropped when it is within ``tol`` of the first.
    """
    ordered = sorted(((i + t, p) for i, t, _, _, p in hits), key=lambda item: item[0])
    merged: list[tuple[float, Vec2]] = []
    previous: Vec2 | None = None
    for station, point in ordered:
        if previous is None or point.distance(previous) > tol:
            merged.append((station, point))
        previous = point
    if closed and len(merged) > 1 and merged[-1][1].distance(merged[0][1]) <= tol:
        merged.pop()
    return merged


def _merge_tol(chain_a: _Chain, chain_b: _Chain | None, rel_tol: float, abs_tol: float) -> float:
    """The tolerance for the whole job: from the largest scale of any segment."""
    scale = 0.0
    for chain in (chain_a, chain_b):
        if chain is None:
            continue
        entity = chain.entity
        if isinstance(entity, Polyline):
            if len(entity) <= 64:  # numpy's fixed cost outweighs its speed on few values
                scale = max(scale, *map(abs, entity.x.tolist()), *map(abs, entity.y.tolist()))
            else:
                scale = max(scale, float(np.max(np.abs(entity.x))), float(np.max(np.abs(entity.y))))
            if entity.bulges.any():
                scale = max(scale, float(np.max(segment_table(entity, 0.0, 0.0).scale)))
        else:
            scale = max(scale, segment_scale(entity))
    return abs_tol + rel_tol * scale


def _use_vector(method: Method, pairs: int) -> bool:
    if method == "auto":
        return pairs > SCALAR_MAX_PAIRS
    if method not in ("scalar", "vectorized"):
        raise ValueError(f"method must be 'auto', 'scalar' or 'vectorized', got {method!r}")
    return method == "vectorized"


def _hits(
    chain_a: _Chain, chain_b: _Chain | None, method: Method, rel_tol: float, abs_tol: float
) -> tuple[list[Hit] | HitArrays, float]:
    """All hits of two chains (``chain_b=None``: of ``chain_a`` with itself, neighbours
    dropped), by the scalar or the numpy path, and the tolerance used to merge them."""
    tol = _merge_tol(chain_a, chain_b, rel_tol, abs_tol)
    count_b = chain_a.count if chain_b is None else chain_b.count
    if _use_vector(method, chain_a.count * count_b):
        hits, table = _vector_hits(chain_a, chain_b, rel_tol, abs_tol)
        if chain_b is None:
            hits = drop_neighbours(hits, table, chain_a.closed, tol)
        return hits, tol
    raw = _scalar_hits(chain_a, chain_b, rel_tol, abs_tol)
    if chain_b is None:
        raw = _drop_neighbours_scalar(raw, chain_a, tol)
    return raw, tol


def _intersections(
    chain_a: _Chain, chain_b: _Chain | None, method: Method, rel_tol: float, abs_tol: float
) -> list[Vec2]:
    hits, tol = _hits(chain_a, chain_b, method, rel_tol, abs_tol)
    if isinstance(hits, HitArrays):
        _, x, y = merge(hits, chain_a.closed, tol)
        return list(map(Vec2, x.tolist(), y.tolist()))
    return [point for _, point in _merge_scalar(hits, chain_a.closed, tol)]


def _check_polyline(value: object, name: str) -> Polyline:
    if not isinstance(value, Polyline):
        raise TypeError(f"{name} must be a Polyline, got {type(value).__name__}")
    return value


# -- public entity-level functions -----------------------------------------------------------


def intersect_polylines(
    a: Polyline,
    b: Polyline,
    *,
    method: Method = "auto",
    rel_tol: float = REL_TOL,
    abs_tol: float = ABS_TOL,
) -> list[Vec2]:
    """Intersection points of two polylines (straight and bulge segments), sorted along ``a``.

    Parameters
    ----------
    a, b
        The polylines; open or closed.
    method
        ``"auto"`` picks the pure-Python path for small inputs (up to
        ``SCALAR_MAX_PAIRS`` segment pairs) and the numpy path for big ones; ``"scalar"``
        and ``"vectorized"`` force one (both give the same points).
    rel_tol, abs_tol
        Points closer than ``abs_tol + rel_tol * scale`` are the same point.

    Returns
    -------
    list of Vec2
        Ordered by position along ``a``. A point where segments meet at a shared vertex is
        reported once. Where the polylines overlap along a stretch, the ends of the
        overlapping pieces are reported (as for collinear segments). Zero-length segments
        (duplicate vertices) contribute nothing on their own.

    Example
    -------
    >>> zigzag = Polyline([(0, 0), (2, 2), (4, 0), (6, 2)])
    >>> intersect_polylines(zigzag, Polyline([(0, 1), (6, 1)]))
    [Vec2(x=1.0, y=1.0), Vec2(x=3.0, y=1.0), Vec2(x=5.0, y=1.0)]
    >>> intersect_polylines(zigzag, Polyline([(-1, 2), (2, 2), (2, 5)]))  # through a vertex
    [Vec2(x=2.0, y=2.0)]
    """
    chain_a = _Chain(_check_polyline(a, "a"))
    chain_b = _Chain(_check_polyline(b, "b"))
    return _intersections(chain_a, chain_b, method, rel_tol, abs_tol)


def intersect(
    a: Entity, b: Entity, *, rel_tol: float = REL_TOL, abs_tol: float = ABS_TOL
) -> list[Vec2]:
    """Intersection points of any two entities (:class:`Line`, :class:`Arc`, :class:`Polyline`).

    Parameters
    ----------
    a, b
        The entities, in any combination. A full-circle :class:`Arc` is a circle.
    rel_tol, abs_tol
        Points closer than ``abs_tol + rel_tol * scale`` are the same point.

    Returns
    -------
    list of Vec2
        Sorted along ``a``; duplicates (at shared polyline vertices) are merged. Lines and
        arcs are bounded here: use :func:`intersect_lines` or :func:`intersect_arcs` with
        ``infinite`` / ``full_circles`` for the underlying lines and circles. Polylines
        follow :func:`intersect_polylines` (the path is chosen by size).

    Raises
    ------
    TypeError
        If an argument is not a Line, Arc or Polyline.

    Example
    -------
    >>> square = Polyline([(0, 0), (4, 0), (4, 4), (0, 4)], closed=True)
    >>> intersect(Line((-1, 1), (5, 1)), square)
    [Vec2(x=0.0, y=1.0), Vec2(x=4.0, y=1.0)]
    >>> [
    ...     p.isclose(q)
    ...     for p, q in zip(intersect(square, Arc((0, 0), 2.0, 0.0, math.pi)), [(2, 0), (0, 2)])
    ... ]
    [True, True]
    """
    if isinstance(a, Line | Arc) and isinstance(b, Line | Arc):
        return intersect_segments(a, b, rel_tol=rel_tol, abs_tol=abs_tol)
    return _intersections(_Chain(a), _Chain(b), "auto", rel_tol, abs_tol)


def self_intersections(
    polyline: Polyline,
    *,
    method: Method = "auto",
    rel_tol: float = REL_TOL,
    abs_tol: float = ABS_TOL,
) -> list[Vec2]:
    """Points where a polyline crosses or touches itself, sorted along it.

    Parameters
    ----------
    polyline
        Open or closed, straight or with bulges.
    method, rel_tol, abs_tol
        As for :func:`intersect_polylines`.

    Returns
    -------
    list of Vec2
        Each crossing once, ordered by its first passage. Neighbouring segments meeting at
        their shared vertex do not count (nor do segments separated only by zero-length
        ones); a closed polyline's last and first segments are neighbours. A stretch the
        polyline runs along twice reports the ends of the overlap.

    Example
    -------
    >>> bow_tie = Polyline([(0, 0), (2, 2), (2, 0), (0, 2)], closed=True)
    >>> self_intersections(bow_tie)
    [Vec2(x=1.0, y=1.0)]
    >>> self_intersections(Polyline([(0, 0), (4, 0), (4, 4)]))
    []
    """
    chain = _Chain(_check_polyline(polyline, "polyline"))
    return _intersections(chain, None, method, rel_tol, abs_tol)


def _cut_stations(
    entity: Entity, boundary: Entity, rel_tol: float = REL_TOL, abs_tol: float = ABS_TOL
) -> list[float]:
    """Sorted stations along ``entity`` where ``boundary`` meets it (for trim; internal).

    A boundary equal to the entity contributes the entity's self-intersections, at both of
    their stations. Duplicates are not merged.
    """
    chain = _Chain(entity)
    same = boundary is entity or (type(boundary) is type(entity) and boundary == entity)
    other = None if same else _Chain(boundary)
    if same and chain.count < 2:
        return []
    hits, _ = _hits(chain, other, "auto", rel_tol, abs_tol)
    if isinstance(hits, HitArrays):
        stations = (hits.seg_a + hits.t_a).tolist()
        if same:
            stations += (hits.seg_b + hits.t_b).tolist()
    else:
        stations = [i + t for i, t, _, _, _ in hits]
        if same:
            stations += [j + u for _, _, j, u, _ in hits]
    return sorted(stations)
