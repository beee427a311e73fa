"""Pure-Python cleanup of a raw offset curve (see :mod:`._offset_scalar` for the vocabulary).

The raw curve is cut where it crosses itself and where it enters or leaves the region within
``|d|`` of a source segment (a capsule, or an annular sector with round ends for an arc);
pieces that come closer than ``|d|`` to the source are dropped and the rest stitched by
:func:`._offset_stitch.stitch`. The numpy path (:mod:`._offset_numpy_cleanup`) makes the
same decisions with vectorised tests.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ._offset_kites import Kite, kite_span
from ._offset_scalar import (
    AT_END,
    CLEAN,
    CONNECTOR,
    DEAD,
    JOIN,
    MIXED,
    Raw,
    arc_geometry,
    arc_param,
    box_pairs,
    circle_circle,
    line_circle,
)
from ._offset_stitch import Chain, Piece, stitch

__all__ = ["Segments", "assemble", "cleanup", "dedupe", "locate"]


class Segments:
    """Raw or source segments prepared for intersection and distance queries."""

    __slots__ = ("arcs", "b", "boxes", "closed", "count", "lines", "x", "y")

    def __init__(self, x: list[float], y: list[float], b: list[float], closed: bool) -> None:
        n = len(x)
        self.x, self.y, self.b, self.closed = x, y, b, closed
        self.count = n if closed else n - 1
        # lines[k] = (x0, y0, dx, dy, length^2); arcs[k] = (cx, cy, r, mx, my, sweep) or None
        self.lines: list[tuple[float, float, float, float, float]] = []
        self.arcs: list[tuple[float, float, float, float, float, float] | None] = []
        self.boxes: list[tuple[float, float, float, float]] = []
        for k in range(self.count):
            j = k + 1 if k + 1 < n else 0
            x0, y0, x1, y1 = x[k], y[k], x[j], y[j]
            dx, dy = x1 - x0, y1 - y0
            self.lines.append((x0, y0, dx, dy, dx * dx + dy * dy))
            if b[k] != 0.0 and (dx != 0.0 or dy != 0.0):
                arc = arc_geometry(x0, y0, x1, y1, b[k])
                self.arcs.append(arc)
                cx, cy, r = arc[0], arc[1], arc[2]
                self.boxes.append((cx - r, cy - r, cx + r, cy + r))
            else:
                self.arcs.append(None)
                self.boxes.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))

    def point(self, k: int, t: float) -> tuple[float, float]:
        arc = self.arcs[k]
        if arc is None:
            x0, y0, dx, dy, _ = self.lines[k]
            return x0 + t * dx, y0 + t * dy
        cx, cy, r, mx, my, sweep = arc
        angle = (t - 0.5) * sweep
        ca, sa = math.cos(angle), math.sin(angle)
        return cx + r * (mx * ca - my * sa), cy + r * (mx * sa + my * ca)

    def length(self, k: int) -> float:
        arc = self.arcs[k]
        if arc is None:
            return math.sqrt(self.lines[k][4])
        return arc[2] * abs(arc[5])

    def param(self, k: int, x: float, y: float) -> float:
        arc = self.arcs[k]
        if arc is None:
            x0, y0, dx, dy, l2 = self.lines[k]
            return ((x - x0) * dx + (y - y0) * dy) / l2 if l2 > 0.0 else 0.0
        return arc_param(arc[0], arc[1], arc[3], arc[4], arc[5], x, y)

    def nearer(self, k: int, x: float, y: float, limit: float, corner: int = -1) -> bool:
        """True when segment ``k`` passes closer than ``limit`` to ``(x, y)`` (for an arc,
        not counting its end at vertex ``corner``)."""
        arc = self.arcs[k]
        if arc is None:
            sx, sy, dx, dy, l2 = self.lines[k]
            t = ((x - sx) * dx + (y - sy) * dy) / l2 if l2 > 0.0 else 0.0
            t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
            ex, ey = sx + t * dx - x, sy + t * dy - y
            return ex * ex + ey * ey < limit * limit
        cx, cy, r, mx, my, sweep = arc
        wx, wy = x - cx, y - cy
        u = 0.5 + math.atan2(mx * wy - my * wx, mx * wx + my * wy) / sweep
        if 0.0 <= u <= 1.0:
            return abs(math.sqrt(wx * wx + wy * wy) - r) < limit
        j = k + 1 if k + 1 < len(self.x) else 0
        return (k != corner and (self.x[k] - x) ** 2 + (self.y[k] - y) ** 2 < limit * limit) or (
            j != corner and (self.x[j] - x) ** 2 + (self.y[j] - y) ** 2 < limit * limit
        )

    def any_nearer(
        self,
        x: float,
        y: float,
        limit: float,
        skip: tuple[int, ...],
        corner: tuple[int, ...] = (-1, -1, -1),
    ) -> bool:
        """True when a segment other than those in ``skip`` passes closer than ``limit``
        (``corner``: a join's adjacent arcs and its vertex, see :func:`_own_segments`)."""
        for k in range(self.count):
            x0, y0, x1, y1 = self.boxes[k]
            if x < x0 - limit or x > x1 + limit or y < y0 - limit or y > y1 + limit:
                continue
            ignore = corner[2] if k in corner[:2] else -1
            if k not in skip and self.nearer(k, x, y, limit, ignore):
                return True
        return False


def _hits(segs: Segments, i: int, j: int, graze: float) -> list[tuple[float, float, float, float]]:
    """Intersections ``(t_i, t_j, x, y)`` of raw segments ``i`` and ``j`` (params unclamped)."""
    ai, aj = segs.arcs[i], segs.arcs[j]
    if ai is None and aj is None:
        x0, y0, dx, dy, _ = segs.lines[i]
        x1, y1, ex, ey, _ = segs.lines[j]
        den = dx * ey - dy * ex
        if den == 0.0:
            return []
        wx, wy = x1 - x0, y1 - y0
        ti = (wx * ey - wy * ex) / den
        tj = (wx * dy - wy * dx) / den
        return [(ti, tj, x0 + ti * dx, y0 + ti * dy)]
    if ai is None or aj is None:
        line, circle = (i, aj) if ai is None else (j, ai)
        assert circle is not None
        x0, y0, dx, dy, l2 = segs.lines[line]
        if l2 == 0.0:
            return []
        length = math.sqrt(l2)
        points = line_circle(
            x0, y0, dx / length, dy / length, circle[0], circle[1], circle[2], graze
        )
    else:
        points = circle_circle(ai[0], ai[1], ai[2], aj[0], aj[1], aj[2], graze)
    return [(segs.param(i, x, y), segs.param(j, x, y), x, y) for x, y in points]


def _overlap(
    segs: Segments, i: int, j: int, tol: float
) -> (
    tuple[list[tuple[float, float, float, float]], tuple[float, float], tuple[float, float] | None]
    | None
):
    """Collinear straight raw segments ``i < j`` that overlap: the two ends of the common part
    as ``(t_i, t_j, x, y)``, the span of ``j`` to drop, and the span of ``i`` to drop when they
    run opposite ways; None otherwise."""
    x0, y0, dx, dy, l2 = segs.lines[i]
    u0, v0, ex, ey, m2 = segs.lines[j]
    if l2 == 0.0 or m2 == 0.0:
        return None
    length = math.sqrt(l2)
    if (
        abs((u0 - x0) * dy - (v0 - y0) * dx) > tol * length
        or abs((u0 + ex - x0) * dy - (v0 + ey - y0) * dx) > tol * length
    ):
        return None
    ta = ((u0 - x0) * dx + (v0 - y0) * dy) / l2
    tb = ((u0 + ex - x0) * dx + (v0 + ey - y0) * dy) / l2
    lo, hi = max(0.0, min(ta, tb)), min(1.0, max(ta, tb))
    if (hi - lo) * length <= tol:
        return None
    ends = []
    for t in (lo, hi):
        x, y = x0 + t * dx, y0 + t * dy
        ends.append((t, ((x - u0) * ex + (y - v0) * ey) / m2, x, y))
    tj = sorted((ends[0][1], ends[1][1]))
    same = dx * ex + dy * ey > 0.0
    return ends, (tj[0], tj[1]), None if same else (lo, hi)


def _at(
    segs: Segments, g: float, x: float, y: float, record: int
) -> tuple[float, float, float, int]:
    """A location; one at a vertex (integral ``g``) takes the vertex's exact coordinates."""
    if g == int(g):
        return g, segs.x[int(g)], segs.y[int(g)], record
    return g, x, y, record


def _cut_both(
    segs: Segments,
    locations: list[tuple[float, float, float, int]],
    first: tuple[int, float],
    second: tuple[int, float],
    x: float,
    y: float,
    record: int,
    tol: float,
) -> int:
    """Add the cut at (``x``, ``y``) on both raw segments (``(k, t)`` each) as one record;
    1 when it was added, 0 when either parameter lies off its segment."""
    g_first, g_second = locate(segs, *first, tol), locate(segs, *second, tol)
    if g_first is None or g_second is None:
        return 0
    for g in (g_first, g_second):
        if g != AT_END:
            locations.append(_at(segs, g, x, y, record))
    return 1


def locate(segs: Segments, k: int, t: float, tol: float) -> float | None:
    """Global parameter of ``t`` on raw segment ``k``, snapped to the segment's end vertices.

    None when ``t`` is outside the segment, :data:`AT_END` at either end of an open curve.
    """
    length = segs.length(k)
    slack = tol / length if length > 0.0 else 1.0
    if t < -slack or t > 1.0 + slack:
        return None
    if t <= slack:
        g = float(k)
    elif t >= 1.0 - slack:
        g = float(k + 1)
    else:
        return k + t
    if segs.closed:
        return g % segs.count
    return g if 0.0 < g < segs.count else AT_END


def cleanup(
    raw: Raw,
    source: Segments,
    d: float,
    tol: float,
    kites: Sequence[Kite] = (),
) -> list[Chain]:
    """Cut ``raw`` at its self-intersections and where it crosses the region within ``|d|`` of
    a source segment, keep the pieces no closer than ``|d|`` to the source and stitch them;
    returns the chains of :func:`._offset_stitch.stitch`."""
    rx, ry, rb, kinds, gens, closed = raw
    segs = Segments(rx, ry, rb, closed)
    m = segs.count
    locations: list[tuple[float, float, float, int]] = []
    record = 0
    # Parameter spans of straight raw segments that are dead (closer than |d| to the source,
    # or a duplicate copy of a collinear overlap), per raw segment.
    spans: dict[int, list[tuple[float, float]]] = {}
    boxes = segs.boxes
    for lo, hi in box_pairs(boxes, boxes, tol):
        shared = []  # vertices the two segments share
        if hi == lo + 1:
            shared.append(hi % len(rx))
        if closed and lo == 0 and hi == m - 1:
            shared.append(0)
        if shared and segs.arcs[lo] is None and segs.arcs[hi] is None:
            continue  # neighbouring straight segments meet only at their shared vertex
        overlap = (
            _overlap(segs, lo, hi, tol)
            if segs.arcs[lo] is None and (segs.arcs[hi] is None)
            else None
        )
        if overlap is not None:
            # Collinear offsets running over each other (rectilinear shapes make them): the
            # ends of the common part link the two; one copy of it is dropped (both when
            # they run opposite ways: a sliver of zero width).
            common, span_hi, span_lo = overlap
            for tlo, thi, x, y in common:
                record += _cut_both(segs, locations, (lo, tlo), (hi, thi), x, y, record, tol)
            spans.setdefault(hi, []).append(span_hi)
            if span_lo is not None:
                spans.setdefault(lo, []).append(span_lo)
            continue
        for tlo, thi, x, y in _hits(segs, lo, hi, tol):
            if any(math.hypot(x - rx[v], y - ry[v]) <= tol for v in shared):
                continue
            record += _cut_both(segs, locations, (lo, tlo), (hi, thi), x, y, record, tol)
    # Where the raw curve enters or leaves the capsule of radius |d| around a source segment
    # (other than its own: the one it was offset from, or a neighbour joined cleanly to that
    # one), its distance to the source crosses |d|: cut there. This splits a raw curve that runs
    # into the other side of the source (open or self-crossing sources) or into the circles
    # around an open source's ends. Straight against straight, the capsule is convex: the raw
    # line enters and leaves once and the part in between is dead. With an arc involved every
    # crossing is a cut and the pieces are sampled; a raw segment that crosses none of such a
    # capsule's boundary lies wholly inside it (dead) or outside.
    absd = abs(d)
    status = [DEAD if kind == CONNECTOR else CLEAN for kind in kinds]
    sampled = [False] * m
    src_boxes = [(x0 - absd, y0 - absd, x1 + absd, y1 + absd) for x0, y0, x1, y1 in source.boxes]
    for k, si in box_pairs(boxes, src_boxes, 0.0, bipartite=True):
        if kinds[k] == CONNECTOR or si in _own_segments(kinds, gens, k, m, closed, source):
            continue
        arcs_here = _corner_arcs(kinds, gens, k, source)
        corner = arcs_here[2] if si in arcs_here[:2] else -1
        roots = _capsule_crossings(segs, k, source, si, absd, tol, corner)
        if segs.arcs[k] is None and source.arcs[si] is None:
            if len(roots) >= 2:
                enter = min(t for t, _, _ in roots)
                leave = max(t for t, _, _ in roots)
                if leave > 0.0 and enter < 1.0:
                    spans.setdefault(k, []).append((max(enter, 0.0), min(leave, 1.0)))
            continue
        crossed = False
        for t, x, y in roots:
            g = locate(segs, k, t, tol)
            if g is None:
                continue
            crossed = True
            if g != AT_END:
                locations.append(_at(segs, g, x, y, record))
                record += 1
        if crossed:
            sampled[k] = True
            if status[k] != DEAD:
                status[k] = MIXED
        else:
            x, y = segs.point(k, 0.5)
            if source.nearer(si, x, y, absd - tol, corner):
                status[k] = DEAD
    # A straight raw segment inside the miter kite of another corner (on either side) lies in
    # the mitred region within |d| of the source (as GEOS's mitred buffer says too), though it
    # may be |d| from the source itself: dead.
    if kites:
        kite_boxes = [
            (
                min(p[0] for p in poly),
                min(p[1] for p in poly),
                max(p[0] for p in poly),
                max(p[1] for p in poly),
            )
            for _, poly in kites
        ]
        for k, ki in box_pairs(boxes, kite_boxes, tol, bipartite=True):
            if kinds[k] == CONNECTOR or segs.arcs[k] is not None:
                continue
            vertex, poly = kites[ki]
            g = gens[k]
            own = vertex == g if kinds[k] == JOIN else vertex in (g, (g + 1) % len(source.x))
            if own:
                continue
            x0, y0, dx, dy, _ = segs.lines[k]
            span = kite_span(x0, y0, dx, dy, poly, tol)
            if span is not None and span[1] > 0.0 and span[0] < 1.0:
                spans.setdefault(k, []).append((max(span[0], 0.0), min(span[1], 1.0)))
    dead_spans: dict[int, list[tuple[float, float]]] = {}
    for k, found in spans.items():
        length = segs.length(k)
        slack = tol / length if length > 0.0 else 1.0  # as locate (and the numpy path)
        # A bound this near a vertex needs no cut (twice the slack: a kite's span ends exactly
        # the slack from a raw segment that ends on another kite's edge).
        edge = 2.0 * slack
        for enter, leave in _merge(found):
            if enter <= slack and leave >= 1.0 - slack:
                status[k] = DEAD
                continue
            # Kept narrowed by the slack: "strictly inside" must not catch the bounds.
            dead_spans.setdefault(k, []).append((enter + slack, leave - slack))
            if status[k] != DEAD:
                status[k] = MIXED
            for t in (enter, leave):
                if edge < t < 1.0 - edge:
                    x, y = segs.point(k, t)
                    locations.append((k + t, x, y, record))
                    record += 1

    def in_span(k: int, t: float) -> bool:
        return any(a < t < b for a, b in dead_spans.get(k, ()))

    # Locations inside dead parts only split pieces that are dropped anyway (one at a vertex
    # also ends the segment before it).
    def useful(g: float) -> bool:
        k = int(g) % m
        if g == int(g) and status[k - 1 if k else m - 1] != DEAD:
            return True
        return status[k] != DEAD and not in_span(k, g - int(g))

    locations = [loc for loc in locations if useful(loc[0])]

    def classify(pieces: list[Piece]) -> list[bool]:
        flags = []
        for g0, g1, *_ in pieces:
            valid = True
            k = math.floor(g0)
            while k < g1 and valid:
                seg = k % m
                if status[seg] == DEAD:
                    valid = False
                elif status[seg] == MIXED:
                    mid = (max(g0, k) + min(g1, k + 1)) * 0.5 - k
                    if in_span(seg, mid):
                        valid = False
                    elif sampled[seg]:
                        x, y = segs.point(seg, mid)
                        own = _own_segments(kinds, gens, seg, m, closed, source)
                        valid = not source.any_nearer(
                            x, y, absd - tol, own, _corner_arcs(kinds, gens, seg, source)
                        )
                k += 1
            flags.append(valid)
        return flags

    ends = (rx[0], ry[0], rx[-1], ry[-1])
    return stitch(m, closed, locations, ends, classify, tol)


def _merge(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Union of parameter intervals, sorted."""
    out: list[tuple[float, float]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _own_segments(
    kinds: list[int], gens: list[int], k: int, m: int, closed: bool, source: Segments
) -> tuple[int, ...]:
    """Source segments that raw segment ``k`` touches without leaving the valid side: the one
    it was offset from and, when both are straight, the neighbours joined to that one without
    a connector (an arc can sweep round and come back near its neighbour's offset); for a
    join, the straight segments meeting at its corner (a bevel lies inside their capsules by
    design; an arc there is tested without its end circle at the corner, see
    :func:`_corner_arcs`)."""
    g = gens[k]
    src_m = source.count
    arcs = source.arcs
    before = g - 1 if g > 0 else (src_m - 1 if source.closed else -1)
    if kinds[k] == JOIN:  # its corner's arcs are tested without their end there
        return (before if arcs[before] is None else -1, g if arcs[g] is None else -1)
    prev_kind = kinds[k - 1] if k > 0 else (kinds[m - 1] if closed else CONNECTOR)
    next_kind = kinds[k + 1] if k + 1 < m else (kinds[0] if closed else CONNECTOR)
    after = g + 1 if g + 1 < src_m else (0 if source.closed else -1)
    straight = arcs[g] is None
    if prev_kind == CONNECTOR or before < 0 or not straight or arcs[before] is not None:
        before = -1
    if next_kind == CONNECTOR or after < 0 or not straight or arcs[after] is not None:
        after = -1
    return (g, before, after)


def _corner_arcs(
    kinds: list[int], gens: list[int], k: int, source: Segments
) -> tuple[int, int, int]:
    """For a join: its corner's two segments (-1 unless an arc) and the corner vertex, whose
    end circle those arcs' capsules leave out; (-1, -1, -1) for other raw segments."""
    if kinds[k] != JOIN:
        return (-1, -1, -1)
    g = gens[k]
    before = g - 1 if g > 0 else source.count - 1
    return (
        before if source.arcs[before] is not None else -1,
        g if source.arcs[g] is not None else -1,
        g,
    )


def _capsule_crossings(
    raw: Segments, k: int, source: Segments, si: int, r: float, tol: float, corner: int = -1
) -> list[tuple[float, float, float]]:
    """``(t, x, y)`` where raw segment ``k`` crosses the boundary of the region within ``r``
    of source segment ``si`` (a capsule, or an annular sector with round ends for an arc,
    without the end at vertex ``corner``)."""
    out: list[tuple[float, float, float]] = []
    arc = source.arcs[si]
    x0, y0, dx, dy, l2 = source.lines[si]
    x1, y1 = x0 + dx, y0 + dy
    if arc is None:
        length = math.sqrt(l2)
        ux, uy = dx / length, dy / length
        slack = tol
        for side in (r, -r):
            ox, oy = x0 - uy * side, y0 + ux * side
            for t, x, y in _meet_line(raw, k, ox, oy, ux, uy, tol):
                along = (x - x0) * ux + (y - y0) * uy
                if -slack <= along <= length + slack:
                    out.append((t, x, y))
        normal = (-uy, ux)
        for cx, cy, sign in ((x0, y0, -1.0), (x1, y1, 1.0)):
            for t, x, y in _meet_circle(raw, k, cx, cy, r, tol, normal):
                if sign * ((x - cx) * ux + (y - cy) * uy) >= -slack:
                    out.append((t, x, y))
        return out
    cx, cy, radius, mx, my, sweep = arc
    span_slack = tol / (radius * abs(sweep))
    for rad in (radius + r, radius - r):
        if rad <= tol:
            continue
        for t, x, y in _meet_circle(raw, k, cx, cy, rad, tol):
            u = arc_param(cx, cy, mx, my, sweep, x, y)
            if -span_slack <= u <= 1.0 + span_slack:
                out.append((t, x, y))
    ends = ((x0, y0, si), (x1, y1, si + 1 if si + 1 < len(source.x) else 0))
    for ex, ey, vertex in ends:
        if vertex == corner:
            continue
        normal = ((ex - cx) / radius, (ey - cy) / radius)
        for t, x, y in _meet_circle(raw, k, ex, ey, r, tol, normal):
            u = arc_param(cx, cy, mx, my, sweep, x, y)
            if not (span_slack < u < 1.0 - span_slack):
                out.append((t, x, y))
    return out


def _meet_line(
    raw: Segments, k: int, ox: float, oy: float, ux: float, uy: float, tol: float
) -> list[tuple[float, float, float]]:
    arc = raw.arcs[k]
    if arc is None:
        x0, y0, dx, dy, _ = raw.lines[k]
        den = dx * uy - dy * ux
        if den == 0.0:
            return []
        t = ((ox - x0) * uy - (oy - y0) * ux) / den
        return [(t, x0 + t * dx, y0 + t * dy)]
    return [
        (raw.param(k, x, y), x, y)
        for x, y in line_circle(ox, oy, ux, uy, arc[0], arc[1], arc[2], tol)
    ]


def _meet_circle(
    raw: Segments,
    k: int,
    cx: float,
    cy: float,
    r: float,
    tol: float,
    normal: tuple[float, float] | None = None,
) -> list[tuple[float, float, float]]:
    """Where raw segment ``k`` crosses a circle, as ``(t, x, y)``.

    ``normal``: for the end circle of a source segment, the unit normal of that segment at
    the end. A raw arc on that very circle (a round join or cap about the same vertex)
    crosses no circle, yet enters the capsule's body where it passes the perpendicular
    through the end, at ``c +- r * normal``: those two points are returned instead.
    """
    arc = raw.arcs[k]
    if arc is None:
        x0, y0, dx, dy, l2 = raw.lines[k]
        if l2 == 0.0:
            return []
        length = math.sqrt(l2)
        points = line_circle(x0, y0, dx / length, dy / length, cx, cy, r, tol)
    else:
        points = circle_circle(arc[0], arc[1], arc[2], cx, cy, r, tol)
        if (
            not points
            and normal is not None
            and abs(arc[2] - r) <= tol
            and math.hypot(arc[0] - cx, arc[1] - cy) <= tol
        ):
            nx, ny = normal
            points = [(cx + r * nx, cy + r * ny), (cx - r * nx, cy - r * ny)]
    return [(raw.param(k, x, y), x, y) for x, y in points]


def assemble(
    raw: Raw, chains: list[Chain], tol: float
) -> list[tuple[list[float], list[float], list[float], bool]]:
    """Vertex lists ``(x, y, bulges, closed)`` of the polylines that the chains describe."""
    rx, ry, rb, _, _, closed = raw
    nr = len(rx)
    m = nr if closed else nr - 1
    out = []
    for pieces, cyclic in chains:
        xs: list[float] = []
        ys: list[float] = []
        bs: list[float] = []
        for g0, g1, x0, y0, _, _ in pieces:
            k0 = math.floor(g0)
            xs.append(x0)
            ys.append(y0)
            bs.append(_partial(rb[k0 % m], g0 - k0, min(1.0, g1 - k0)))
            k = k0 + 1
            while k < g1:
                xs.append(rx[k % nr])
                ys.append(ry[k % nr])
                bs.append(_partial(rb[k % m], 0.0, min(1.0, g1 - k)))
                k += 1
        if not cyclic:  # an open chain ends at its last piece's end point
            last = pieces[-1]
            xs.append(last[4])
            ys.append(last[5])
            bs.append(0.0)
        polyline = dedupe(xs, ys, bs, cyclic, tol)
        if polyline is not None:
            out.append(polyline)
    return out


def _partial(b: float, t0: float, t1: float) -> float:
    if b == 0.0 or (t0 == 0.0 and t1 == 1.0):
        return b
    return math.tan(math.atan(b) * (t1 - t0))


def dedupe(
    xs: list[float],
    ys: list[float],
    bs: list[float],
    closed: bool,
    tol: float,
    drop_flat: bool = True,
) -> tuple[list[float], list[float], list[float], bool] | None:
    """Drop vertices within ``tol`` of the previous one (keeping the first position and the
    bulge of the segment that leaves the run); None when fewer than 2 vertices remain (or,
    with ``drop_flat``, a closed polyline would be a straight line there and back)."""
    n = len(xs)
    keep_x, keep_y, keep_b = [xs[0]], [ys[0]], [bs[0]]
    for i in range(1, n):
        x, y = xs[i], ys[i]
        if (
            abs(x - xs[i - 1]) <= tol
            and abs(y - ys[i - 1]) <= tol
            and (math.hypot(x - xs[i - 1], y - ys[i - 1]) <= tol)
        ):
            keep_b[-1] = bs[i]
            continue
        keep_x.append(x)
        keep_y.append(y)
        keep_b.append(bs[i])
    if (
        closed
        and len(keep_x) > 1
        and math.hypot(keep_x[-1] - keep_x[0], keep_y[-1] - keep_y[0]) <= tol
    ):
        keep_x.pop()
        keep_y.pop()
        keep_b.pop()
    if len(keep_x) < 2 or (drop_flat and closed and len(keep_x) == 2 and keep_b == [0.0, 0.0]):
        return None
    if not closed:
        keep_b[-1] = 0.0
    return keep_x, keep_y, keep_b, closed
