"""Exact vectorised tests of the numpy offset cleanup.

Intersections of raw segment pairs, and where raw segments enter or leave the capsules of
radius ``|d|`` around source segments, for candidate pairs found by
:mod:`._offset_numpy_cleanup`. Straight against straight (the common case) each pair gives
one *dead interval* on the raw segment, because the capsule is convex; with an arc involved
every crossing is a cut and the pieces are sampled. The decisions match
:mod:`._offset_scalar_cleanup` exactly.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from ._offset_kites import kite_intervals
from ._offset_numpy_segments import Segments, circle_circle, line_circle
from ._offset_scalar import AT_END, CLEAN, CONNECTOR, DEAD, JOIN, MIXED

if TYPE_CHECKING:
    from ._offset_numpy import Raw

__all__ = [
    "Dead",
    "capsules",
    "corner_of",
    "crossings",
    "locate",
    "own_segments",
    "snap_points",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_EMPTY_I = np.zeros(0, dtype=np.int64)
_EMPTY_F = np.zeros(0)


def locate(segs: Segments, k: IntArray, t: FloatArray, tol: float) -> tuple[FloatArray, BoolArray]:
    """Global parameters of ``t`` on segments ``k`` snapped to vertices (as
    :func:`._offset_scalar.locate`), and whether ``t`` is inside the segment."""
    length = segs.lengths(k)
    with np.errstate(divide="ignore"):
        slack = np.where(length > 0.0, tol / length, 1.0)
    inside = (t >= -slack) & (t <= 1.0 + slack)
    low, high = t <= slack, t >= 1.0 - slack
    g = np.where(low, k.astype(np.float64), np.where(high, k + 1.0, k + t))
    snapped = low | high
    if segs.closed:
        g = np.where(snapped, np.mod(g, segs.count), g)
    else:
        at_end = snapped & ((g <= 0.0) | (g >= segs.count))
        g = np.where(at_end, AT_END, g)
    return g, inside


def snap_points(
    segs: Segments, g: FloatArray, x: FloatArray, y: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Locations at a vertex (integral global parameter) take the vertex's coordinates."""
    use = (g >= 0.0) & (g == np.floor(g))
    v = np.where(use, g, 0.0).astype(np.int64)
    return np.where(use, segs.x[v], x), np.where(use, segs.y[v], y)


Intervals = tuple[IntArray, FloatArray, FloatArray]
_NO_INTERVALS: Intervals = (_EMPTY_I, _EMPTY_F, _EMPTY_F)


def crossings(
    segs: Segments, a: IntArray, b: IntArray, tol: float
) -> tuple[FloatArray, FloatArray, FloatArray, IntArray, Intervals]:
    """Locations ``(g, x, y, record)`` of the intersections of raw segment pairs, and the dead
    spans of collinear overlaps (as :func:`._offset_scalar_cleanup._overlap`: the later copy
    of a common part is dropped, both when they run opposite ways)."""
    if len(a) == 0:
        return _EMPTY_F, _EMPTY_F, _EMPTY_F, _EMPTY_I, _NO_INTERVALS
    ax0, ay0, ax1, ay1 = segs.boxes(a)
    bx0, by0, bx1, by1 = segs.boxes(b)
    m = segs.count
    adjacent = (b == a + 1) | (segs.closed & (a == 0) & (b == m - 1))
    arc_a, arc_b = segs.is_arc(a), segs.is_arc(b)
    keep = (ax0 <= bx1 + tol) & (ax1 >= bx0 - tol) & (ay0 <= by1 + tol) & (ay1 >= by0 - tol)
    keep &= ~(adjacent & ~arc_a & ~arc_b)  # neighbouring straight segments: shared vertex
    a, b, arc_a, arc_b = a[keep], b[keep], arc_a[keep], arc_b[keep]
    parts: list[tuple[IntArray, IntArray, FloatArray, FloatArray, FloatArray, FloatArray]] = []
    overlaps = _NO_INTERVALS
    # Straight-straight: parameters from the cross-product formulas.
    ll = ~arc_a & ~arc_b
    if ll.any():
        i, j = a[ll], b[ll]
        x0, y0, x1, y1 = segs.ends(i)
        u0, v0, u1, v1 = segs.ends(j)
        dx, dy, ex, ey = x1 - x0, y1 - y0, u1 - u0, v1 - v0
        l2, m2 = dx * dx + dy * dy, ex * ex + ey * ey
        length = np.sqrt(l2)
        # Collinear pairs that overlap: the ends of the common part are crossings.
        lined = (
            (l2 > 0.0)
            & (m2 > 0.0)
            & (np.abs((u0 - x0) * dy - (v0 - y0) * dx) <= tol * length)
            & (np.abs((u1 - x0) * dy - (v1 - y0) * dx) <= tol * length)
        )
        safe_l2 = np.where(l2 > 0.0, l2, 1.0)
        ta = ((u0 - x0) * dx + (v0 - y0) * dy) / safe_l2
        tb = ((u1 - x0) * dx + (v1 - y0) * dy) / safe_l2
        lo = np.maximum(0.0, np.minimum(ta, tb))
        hi = np.minimum(1.0, np.maximum(ta, tb))
        common = lined & ((hi - lo) * length > tol)
        if common.any():
            ci, cj = i[common], j[common]
            safe_m2 = np.where(m2 > 0.0, m2, 1.0)[common]
            ends_t = []
            for t in (lo[common], hi[common]):
                px, py = x0[common] + t * dx[common], y0[common] + t * dy[common]
                tj_end = ((px - u0[common]) * ex[common] + (py - v0[common]) * ey[common]) / (
                    safe_m2
                )
                parts.append((ci, cj, t, tj_end, px, py))
                ends_t.append(tj_end)
            same = (dx * ex + dy * ey)[common] > 0.0
            opposite = ~same
            overlaps = (
                np.concatenate((cj, ci[opposite])),
                np.concatenate((np.minimum(*ends_t), lo[common][opposite])),
                np.concatenate((np.maximum(*ends_t), hi[common][opposite])),
            )
        rest = ~common
        i, j = i[rest], j[rest]
        x0, y0, dx, dy, ex, ey = x0[rest], y0[rest], dx[rest], dy[rest], ex[rest], ey[rest]
        u0, v0 = u0[rest], v0[rest]
        den = dx * ey - dy * ex
        ok = den != 0.0
        safe = np.where(ok, den, 1.0)
        wx, wy = u0 - x0, v0 - y0
        ti = (wx * ey - wy * ex) / safe
        tj = (wx * dy - wy * dx) / safe
        parts.append((i[ok], j[ok], ti[ok], tj[ok], (x0 + ti * dx)[ok], (y0 + ti * dy)[ok]))
    # With an arc: points from the circle formulas, parameters from the points.
    points: list[tuple[IntArray, IntArray, FloatArray, FloatArray]] = []
    la = arc_a != arc_b
    if la.any():
        line = np.where(arc_a, b, a)[la]
        circ = np.where(arc_a, a, b)[la]
        x0, y0, x1, y1 = segs.ends(line)
        dx, dy = x1 - x0, y1 - y0
        length = np.sqrt(dx * dx + dy * dy)
        ok0 = length > 0.0
        length = np.where(ok0, length, 1.0)
        cx, cy, cr, _, _, _ = segs.arcs(circ)
        qx1, qy1, qx2, qy2, ok = line_circle(x0, y0, dx / length, dy / length, cx, cy, cr, tol)
        ok &= ok0
        for qx, qy in ((qx1, qy1), (qx2, qy2)):
            points.append((a[la][ok], b[la][ok], qx[ok], qy[ok]))
    aa = arc_a & arc_b
    if aa.any():
        c1 = segs.arcs(a[aa])
        c2 = segs.arcs(b[aa])
        qx1, qy1, qx2, qy2, ok = circle_circle(c1[0], c1[1], c1[2], c2[0], c2[1], c2[2], tol)
        for qx, qy in ((qx1, qy1), (qx2, qy2)):
            points.append((a[aa][ok], b[aa][ok], qx[ok], qy[ok]))
    for i, j, qx, qy in points:
        # Neighbours with an arc: the shared vertex itself is no crossing.
        drop = (j == i + 1) & (np.hypot(qx - segs.x[j % segs.n], qy - segs.y[j % segs.n]) <= tol)
        drop |= (
            segs.closed
            & (i == 0)
            & (j == m - 1)
            & (np.hypot(qx - segs.x[0], qy - segs.y[0]) <= tol)
        )
        i, j, qx, qy = i[~drop], j[~drop], qx[~drop], qy[~drop]
        parts.append((i, j, segs.params(i, qx, qy), segs.params(j, qx, qy), qx, qy))
    if not parts:
        return _EMPTY_F, _EMPTY_F, _EMPTY_F, _EMPTY_I, overlaps
    a = np.concatenate([p[0] for p in parts])
    b = np.concatenate([p[1] for p in parts])
    ta = np.concatenate([p[2] for p in parts])
    tb = np.concatenate([p[3] for p in parts])
    x = np.concatenate([p[4] for p in parts])
    y = np.concatenate([p[5] for p in parts])
    ga, ina = locate(segs, a, ta, tol)
    gb, inb = locate(segs, b, tb, tol)
    ok = ina & inb
    ga, gb, x, y = ga[ok], gb[ok], x[ok], y[ok]
    rec = np.arange(len(ga))
    xa, ya = snap_points(segs, ga, x, y)
    xb, yb = snap_points(segs, gb, x, y)
    g = np.concatenate((ga, gb))
    keep = g != AT_END
    return (
        g[keep],
        np.concatenate((xa, xb))[keep],
        np.concatenate((ya, yb))[keep],
        np.concatenate((rec, rec))[keep],
        overlaps,
    )


def own_segments(raw: Raw, k: IntArray, count: int, src: Segments) -> tuple[IntArray, ...]:
    """For raw segments ``k``, the source segments they may touch (see
    :func:`._offset_scalar._own_segments`); -1 for none."""
    kind, gen = raw.kind, raw.gen
    closed = raw.closed
    g = gen[k]
    src_m = src.count
    before = np.where(g > 0, g - 1, src_m - 1 if src.closed else -1)
    after = np.where(g + 1 < src_m, g + 1, 0 if src.closed else -1)
    prev_k = k - 1
    next_k = k + 1
    if closed:
        prev_kind = kind[np.where(prev_k < 0, count - 1, prev_k)]
        next_kind = kind[np.where(next_k >= count, 0, next_k)]
    else:
        prev_kind = np.where(prev_k < 0, CONNECTOR, kind[np.maximum(prev_k, 0)])
        next_kind = np.where(next_k >= count, CONNECTOR, kind[np.minimum(next_k, count - 1)])
    is_join = kind[k] == JOIN
    # An arc can sweep round and come back near its neighbour's offset: only straight
    # neighbours are taken on trust (a join's corner arcs: see corner_arcs).
    line_g = ~src.is_arc(np.maximum(g, 0))
    line_before = (before >= 0) & ~src.is_arc(np.maximum(before, 0))
    line_after = (after >= 0) & ~src.is_arc(np.maximum(after, 0))
    own0 = np.where(is_join & ~line_g, -1, g)
    own1 = np.where(
        is_join,
        np.where(line_before, before, -1),
        np.where((prev_kind != CONNECTOR) & line_g & line_before, before, -1),
    )
    own2 = np.where(
        is_join, -1, np.where((next_kind != CONNECTOR) & line_g & line_after, after, -1)
    )
    return own0, own1, own2


def corner_of(raw: Raw, k: IntArray, s: IntArray, src: Segments) -> IntArray:
    """For pairs (raw segment ``k``, source segment ``s``): the corner vertex whose end circle
    the capsule of ``s`` leaves out (``s`` an arc of a join's corner), else -1 (see
    :func:`._offset_scalar_cleanup._corner_arcs`)."""
    g = raw.gen[k]
    before = np.where(g > 0, g - 1, src.count - 1)
    at_corner = (raw.kind[k] == JOIN) & ((s == g) | (s == before)) & src.is_arc(s)
    result: IntArray = np.where(at_corner, g, -1)
    return result


class Dead:
    """Where raw segments come closer than ``|d|`` to the source.

    ``status``: CLEAN, DEAD (wholly too close, or a connector) or MIXED per raw segment.
    ``seg``, ``lo``, ``hi``: merged parameter intervals of straight raw segments lying inside
    capsules of straight source segments, sorted by segment then parameter (``key`` is
    ``seg + lo``, for lookups). ``sampled``: MIXED segments whose other crossings (with arcs
    involved) need a point sample per piece.
    """

    __slots__ = ("hi", "key", "lo", "sampled", "seg", "status")

    def __init__(
        self,
        status: npt.NDArray[np.int8],
        seg: IntArray,
        lo: FloatArray,
        hi: FloatArray,
        sampled: BoolArray,
    ) -> None:
        self.status, self.seg, self.lo, self.hi, self.sampled = status, seg, lo, hi, sampled
        self.key = seg + lo

    def inside(self, k: IntArray, t: FloatArray) -> BoolArray:
        """Whether parameter ``t`` of raw segment ``k`` lies strictly inside an interval."""
        if len(self.seg) == 0:
            return np.zeros(len(k), dtype=bool)
        at = np.searchsorted(self.key, k + t, side="right") - 1
        at_ok = at >= 0
        at = np.maximum(at, 0)
        result: BoolArray = at_ok & (self.seg[at] == k) & (t > self.lo[at]) & (t < self.hi[at])
        return result


def capsules(
    raw: Raw,
    rs: Segments,
    src: Segments,
    k: IntArray,
    s: IntArray,
    d: float,
    miter_limit: float | None,
    tol: float,
    extra: Intervals = _NO_INTERVALS,
) -> tuple[FloatArray, FloatArray, FloatArray, Dead]:
    """Cut locations where raw segments ``k`` enter or leave the capsules of radius ``|d|``
    around source segments ``s`` (or, straight raw segments, with ``miter_limit`` given, the
    miter kites at the start of ``s``), and the :class:`Dead` parts of the raw curve
    (``extra``: more dead intervals, from collinear overlaps)."""
    r = abs(d)
    # A kite's points lie within |d| sqrt(limit^2 + 1) of its corner: a clipped tip is at
    # limit |d| along the bisector and at most |d| to the side.
    reach = r * math.hypot(max(1.0, miter_limit), 1.0) if miter_limit is not None else r
    kind = raw.kind
    status = np.where(kind == CONNECTOR, DEAD, CLEAN).astype(np.int8)
    sampled = np.zeros(rs.count, dtype=bool)
    parts_k, parts_lo, parts_hi = [extra[0]], [extra[1]], [extra[2]]
    cut_g, cut_x, cut_y = _EMPTY_F, _EMPTY_F, _EMPTY_F
    if len(k):
        bx0, by0, bx1, by1 = rs.boxes(k)
        cx0, cy0, cx1, cy1 = src.boxes(s)
        keep = (
            (bx0 <= cx1 + reach)
            & (bx1 >= cx0 - reach)
            & (by0 <= cy1 + reach)
            & (by1 >= cy0 - reach)
        )
        keep &= kind[k] != CONNECTOR
        k, s = k[keep], s[keep]
        bx0, by0, bx1, by1 = bx0[keep], by0[keep], bx1[keep], by1[keep]
        cx0, cy0, cx1, cy1 = cx0[keep], cy0[keep], cx1[keep], cy1[keep]
        if miter_limit is not None:
            kite_intervals(raw, rs, src, k, s, d, miter_limit, tol, parts_k, parts_lo, parts_hi)
        near = (bx0 <= cx1 + r) & (bx1 >= cx0 - r) & (by0 <= cy1 + r) & (by1 >= cy0 - r)
        k, s = k[near], s[near]
        own0, own1, own2 = own_segments(raw, k, rs.count, src)
        keep = (s != own0) & (s != own1) & (s != own2)
        k, s = k[keep], s[keep]
        straight = ~rs.is_arc(k) & ~src.is_arc(s)
        # Straight against straight: the capsule is convex, so the raw line enters and leaves
        # it once; the part of the segment in between is dead.
        iv = _straight_intervals(rs, src, k[straight], s[straight], r, tol)
        parts_k.append(iv[0])
        parts_lo.append(iv[1])
        parts_hi.append(iv[2])
        if not straight.all():
            kb, sb = k[~straight], s[~straight]
            cut_g, cut_x, cut_y = _arc_cuts(
                rs, src, kb, sb, corner_of(raw, kb, sb, src), r, tol, status, sampled
            )
    # Merge the intervals of each segment.
    seg, lo, hi = _merge_intervals(
        np.concatenate(parts_k), np.concatenate(parts_lo), np.concatenate(parts_hi)
    )
    length = rs.lengths(seg) if len(seg) else _EMPTY_F
    slack = np.where(length > 0.0, tol / np.where(length > 0.0, length, 1.0), 1.0)
    whole = (lo <= slack) & (hi >= 1.0 - slack)
    status[seg[whole]] = DEAD
    part = ~whole
    mixed = seg[part]
    status[mixed[status[mixed] != DEAD]] = MIXED
    bounds_k = np.concatenate((seg[part], seg[part]))
    bounds_t = np.concatenate((lo[part], hi[part]))
    # A bound within twice the slack of a vertex needs no cut (as on the scalar path).
    edge = 2.0 * np.concatenate((slack[part], slack[part]))
    inner = (bounds_t > edge) & (bounds_t < 1.0 - edge)
    bounds_k, bounds_t = bounds_k[inner], bounds_t[inner]
    if len(bounds_k):
        bx, by = rs.points(bounds_k, bounds_t)
        cut_g = np.concatenate((cut_g, bounds_k + bounds_t))
        cut_x = np.concatenate((cut_x, bx))
        cut_y = np.concatenate((cut_y, by))
    # Kept narrowed by the slack: "strictly inside" must not catch the bounds themselves.
    return (
        cut_g,
        cut_x,
        cut_y,
        Dead(status, seg[part], lo[part] + slack[part], hi[part] - slack[part], sampled),
    )


def _straight_intervals(
    rs: Segments, src: Segments, k: IntArray, s: IntArray, r: float, tol: float
) -> tuple[IntArray, FloatArray, FloatArray]:
    """Parameter intervals (clipped to [0, 1]) of straight raw segments ``k`` inside the
    capsules of straight source segments ``s``."""
    if len(k) == 0:
        return _EMPTY_I, _EMPTY_F, _EMPTY_F
    x0, y0, x1, y1 = rs.ends(k)
    dx, dy = x1 - x0, y1 - y0
    l2 = dx * dx + dy * dy
    ax, ay, ex, ey = src.ends(s)
    sdx, sdy = ex - ax, ey - ay
    length = np.sqrt(sdx * sdx + sdy * sdy)
    ux, uy = sdx / length, sdy / length
    lo = np.full(len(k), np.inf)
    hi = np.full(len(k), -np.inf)
    count = np.zeros(len(k), dtype=np.int64)

    def take(t: FloatArray, ok: BoolArray) -> None:
        nonlocal lo, hi, count
        lo = np.where(ok, np.minimum(lo, t), lo)
        hi = np.where(ok, np.maximum(hi, t), hi)
        count += ok

    den = dx * uy - dy * ux
    safe = np.where(den != 0.0, den, 1.0)
    for side in (r, -r):
        ox, oy = ax - uy * side, ay + ux * side
        # A nearly parallel pair overflows to inf/nan, which the range test below rejects.
        with np.errstate(over="ignore", invalid="ignore"):
            t = ((ox - x0) * uy - (oy - y0) * ux) / safe
            along = (x0 + t * dx - ax) * ux + (y0 + t * dy - ay) * uy
        take(t, (den != 0.0) & (along >= -tol) & (along <= length + tol))
    seg_len = np.sqrt(l2)
    good = seg_len > 0.0
    wx, wy = dx / np.where(good, seg_len, 1.0), dy / np.where(good, seg_len, 1.0)
    for px, py, sign in ((ax, ay, -1.0), (ex, ey, 1.0)):
        q1x, q1y, q2x, q2y, ok = line_circle(x0, y0, wx, wy, px, py, np.full(len(k), r), tol)
        ok &= good
        for qx, qy in ((q1x, q1y), (q2x, q2y)):
            side_ok = sign * ((qx - px) * ux + (qy - py) * uy) >= -tol
            t = np.where(good, ((qx - x0) * dx + (qy - y0) * dy) / np.where(good, l2, 1.0), 0.0)
            take(t, ok & side_ok)
    hit = (count >= 2) & (hi > 0.0) & (lo < 1.0)
    return k[hit], np.maximum(lo[hit], 0.0), np.minimum(hi[hit], 1.0)


def _merge_intervals(
    k: IntArray, lo: FloatArray, hi: FloatArray
) -> tuple[IntArray, FloatArray, FloatArray]:
    """Union of parameter intervals per segment, sorted."""
    if len(k) == 0:
        return _EMPTY_I, _EMPTY_F, _EMPTY_F
    order = np.lexsort((lo, k))
    k, lo, hi = k[order], lo[order], hi[order]
    # Running end of the intervals so far in the same segment (segments are >= 4 apart).
    reach = np.maximum.accumulate(k * 4.0 + hi)
    starts = np.concatenate(([True], (k[1:] != k[:-1]) | (k[1:] * 4.0 + lo[1:] > reach[:-1])))
    first = np.flatnonzero(starts)
    # Each union ends at its largest end, taken exactly (decoding ``reach`` would round it,
    # and a bound at 1 - slack decides whether the whole segment is dead, as on the scalar path).
    return k[first], lo[first], np.maximum.reduceat(hi, first)


def _arc_cuts(
    rs: Segments,
    src: Segments,
    k: IntArray,
    s: IntArray,
    corner: IntArray,
    r: float,
    tol: float,
    status: npt.NDArray[np.int8],
    sampled: BoolArray,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Crossings with capsules where an arc is involved: every crossing is a cut and the
    pieces are sampled (an annular sector is not convex); a raw segment crossing none of a
    capsule's boundary is wholly inside or outside it."""
    pair: list[IntArray] = []
    tk: list[FloatArray] = []
    qx: list[FloatArray] = []
    qy: list[FloatArray] = []
    sx0, sy0, sx1, sy1 = src.ends(s)
    s_arc = src.is_arc(s)
    idx = np.arange(len(k))
    line = ~s_arc
    if line.any():
        i = idx[line]
        ax, ay, ex, ey = sx0[line], sy0[line], sx1[line], sy1[line]
        dx, dy = ex - ax, ey - ay
        length = np.sqrt(dx * dx + dy * dy)
        ux, uy = dx / length, dy / length
        for side in (r, -r):
            ox, oy = ax - uy * side, ay + ux * side
            for t, x, y, ok in _meet_line(rs, k[i], ox, oy, ux, uy, tol):
                along = (x - ax) * ux + (y - ay) * uy
                ok &= (along >= -tol) & (along <= length + tol)
                _collect(pair, tk, qx, qy, i, t, x, y, ok)
        normal = (-uy, ux)
        for px, py, sign in ((ax, ay, -1.0), (ex, ey, 1.0)):
            for t, x, y, ok in _meet_circle(rs, k[i], px, py, np.full(len(i), r), tol, normal):
                ok &= sign * ((x - px) * ux + (y - py) * uy) >= -tol
                _collect(pair, tk, qx, qy, i, t, x, y, ok)
    if s_arc.any():
        i = idx[s_arc]
        ccx, ccy, rad, mx, my, sweep = src.arcs(s[s_arc])
        slack = tol / (rad * np.abs(sweep))
        for rr in (rad + r, rad - r):
            for t, x, y, ok in _meet_circle(rs, k[i], ccx, ccy, rr, tol):
                wx, wy = x - ccx, y - ccy
                u = 0.5 + np.arctan2(mx * wy - my * wx, mx * wx + my * wy) / sweep
                ok &= (rr > tol) & (u >= -slack) & (u <= 1.0 + slack)
                _collect(pair, tk, qx, qy, i, t, x, y, ok)
        s_i = s[s_arc]
        end_vertex = (s_i, np.where(s_i + 1 < src.n, s_i + 1, 0))
        for (px, py), vertex in zip(
            ((sx0[s_arc], sy0[s_arc]), (sx1[s_arc], sy1[s_arc])), end_vertex, strict=True
        ):
            normal = ((px - ccx) / rad, (py - ccy) / rad)
            for t, x, y, ok in _meet_circle(rs, k[i], px, py, np.full(len(i), r), tol, normal):
                wx, wy = x - ccx, y - ccy
                u = 0.5 + np.arctan2(mx * wy - my * wx, mx * wx + my * wy) / sweep
                ok &= ~((u > slack) & (u < 1.0 - slack)) & (vertex != corner[s_arc])
                _collect(pair, tk, qx, qy, i, t, x, y, ok)
    crossed = np.zeros(len(k), dtype=bool)
    cut_g, cut_x, cut_y = _EMPTY_F, _EMPTY_F, _EMPTY_F
    if pair:
        p = np.concatenate(pair)
        t = np.concatenate(tk)
        x, y = np.concatenate(qx), np.concatenate(qy)
        g, inside = locate(rs, k[p], t, tol)
        crossed[p[inside]] = True
        use = inside & (g != AT_END)
        x, y = snap_points(rs, g[use], x[use], y[use])
        cut_g, cut_x, cut_y = g[use], x, y
    calm = ~crossed
    if calm.any():
        kk = k[calm]
        mx_, my_ = rs.points(kk, np.full(len(kk), 0.5))
        inside_capsule = src.nearer(s[calm], mx_, my_, r - tol, corner[calm])
        status[kk[inside_capsule]] = DEAD
    mixed = k[crossed]
    sampled[mixed] = True
    status[mixed[status[mixed] != DEAD]] = MIXED
    return cut_g, cut_x, cut_y


def _collect(
    pair: list[IntArray],
    tk: list[FloatArray],
    qx: list[FloatArray],
    qy: list[FloatArray],
    i: IntArray,
    t: FloatArray,
    x: FloatArray,
    y: FloatArray,
    ok: BoolArray,
) -> None:
    pair.append(i[ok])
    tk.append(t[ok])
    qx.append(x[ok])
    qy.append(y[ok])


def _meet_line(
    segs: Segments,
    k: IntArray,
    ox: FloatArray,
    oy: FloatArray,
    ux: FloatArray,
    uy: FloatArray,
    tol: float,
) -> list[tuple[FloatArray, FloatArray, FloatArray, BoolArray]]:
    """Where raw segments ``k`` meet the lines through ``o`` along ``u``, as two
    ``(t, x, y, ok)`` sets (a straight segment meets a line once, an arc's circle twice)."""
    x0, y0, x1, y1 = segs.ends(k)
    dx, dy = x1 - x0, y1 - y0
    den = dx * uy - dy * ux
    arc = segs.is_arc(k)
    ok = (den != 0.0) & ~arc
    # A nearly parallel pair overflows; a parameter that far off the segment only has to
    # stay off it (locate rejects it), so it is clipped and the points stay finite.
    with np.errstate(over="ignore"):
        t = np.clip(((ox - x0) * uy - (oy - y0) * ux) / np.where(den != 0.0, den, 1.0), -2.0, 3.0)
    x, y = x0 + t * dx, y0 + t * dy
    second = (t, x, y, np.zeros(len(k), dtype=bool))
    if arc.any():
        cx, cy, rad, _, _, _ = segs.arcs(k[arc])
        p1x, p1y, p2x, p2y, hit = line_circle(ox[arc], oy[arc], ux[arc], uy[arc], cx, cy, rad, tol)
        x, y, t = x.copy(), y.copy(), t.copy()
        x[arc], y[arc], ok[arc] = p1x, p1y, hit
        t[arc] = segs.params(k[arc], p1x, p1y)
        x2, y2, t2, ok2 = x.copy(), y.copy(), t.copy(), np.zeros(len(k), dtype=bool)
        x2[arc], y2[arc], ok2[arc] = p2x, p2y, hit
        t2[arc] = segs.params(k[arc], p2x, p2y)
        second = (t2, x2, y2, ok2)
    return [(t, x, y, ok), second]


def _meet_circle(
    segs: Segments,
    k: IntArray,
    cx: FloatArray,
    cy: FloatArray,
    rad: FloatArray,
    tol: float,
    normal: tuple[FloatArray, FloatArray] | None = None,
) -> list[tuple[FloatArray, FloatArray, FloatArray, BoolArray]]:
    """Both points where raw segments ``k`` meet circles, as two ``(t, x, y, ok)`` sets.

    ``normal``: for end circles of source segments, the unit normals of those segments at
    the ends; a raw arc on that very circle gives the points ``c +- rad * normal`` instead
    (as :func:`._offset_scalar_cleanup._meet_circle`).
    """
    x0, y0, x1, y1 = segs.ends(k)
    dx, dy = x1 - x0, y1 - y0
    length = np.sqrt(dx * dx + dy * dy)
    good = length > 0.0
    safe = np.where(good, length, 1.0)
    p1x, p1y, p2x, p2y, ok = line_circle(x0, y0, dx / safe, dy / safe, cx, cy, rad, tol)
    ok &= good
    arc = segs.is_arc(k)
    if arc.any():
        ac = segs.arcs(k[arc])
        q1x, q1y, q2x, q2y, ok2 = circle_circle(
            ac[0], ac[1], ac[2], cx[arc], cy[arc], rad[arc], tol
        )
        if normal is not None:
            ra, ca, sa = rad[arc], cx[arc], cy[arc]
            same = ~ok2 & (np.abs(ac[2] - ra) <= tol) & (np.hypot(ac[0] - ca, ac[1] - sa) <= tol)
            if same.any():
                nx, ny = normal[0][arc], normal[1][arc]
                q1x = np.where(same, ca + ra * nx, q1x)
                q1y = np.where(same, sa + ra * ny, q1y)
                q2x = np.where(same, ca - ra * nx, q2x)
                q2y = np.where(same, sa - ra * ny, q2y)
                ok2 = ok2 | same
        p1x, p1y, p2x, p2y = p1x.copy(), p1y.copy(), p2x.copy(), p2y.copy()
        p1x[arc], p1y[arc], p2x[arc], p2y[arc] = q1x, q1y, q2x, q2y
        ok[arc] = ok2
    return [
        (segs.params(k, p1x, p1y), p1x, p1y, ok.copy()),
        (segs.params(k, p2x, p2y), p2x, p2y, ok.copy()),
    ]
