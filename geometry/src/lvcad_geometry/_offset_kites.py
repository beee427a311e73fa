"""Miter kites: the part of the mitred offset region that the capsules leave out.

With miter joins, the region within ``|d|`` of a corner is mitred rather than rounded: the two
capsules of the corner's segments plus a *kite*, the polygon between the corner, the ends of
the two offsets and the miter tip (or the clipped tip beyond the miter limit). A straight raw
segment of the offset that passes through the kite of another corner (on either side of the
source, as in GEOS's mitred buffer) is dropped there, although it may be ``|d|`` from the
source itself: that is what keeps, say, the neck of a dumbbell from leaving slivers behind.
Kites depend on the source only. Scalar functions serve the pure-Python path, the ``_at`` and
``intervals`` ones the numpy path.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from ._offset_numpy_segments import Segments
from ._offset_scalar import CONNECTOR, JOIN, bends_in

if TYPE_CHECKING:
    from ._offset_numpy import Raw

__all__ = ["Kite", "corner_kites", "corner_kites_at", "kite_intervals", "kite_polygon", "kite_span"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: A corner's miter *kite*: source vertex index and polygon (the corner, the end of the offset
#: before it, the tip or the two ends of a clipped tip, the start of the offset after it).
Kite = tuple[int, list[tuple[float, float]]]


def corner_kites(
    xs: list[float],
    ys: list[float],
    bs: list[float],
    closed: bool,
    d: float,
    miter_limit: float,
    tol: float,
) -> list[Kite]:
    """The miter kites of every corner, on the side where the corner is convex (both sides of
    a reversal): with the two capsules of its segments, a kite makes up the mitred region
    within ``|d|`` of the corner (as in GEOS's mitred buffer)."""
    n = len(xs)
    m = n if closed else n - 1
    t0: list[tuple[float, float]] = []
    t1: list[tuple[float, float]] = []
    for i in range(m):
        j = i + 1 if i + 1 < n else 0
        dx, dy = xs[j] - xs[i], ys[j] - ys[i]
        chord = math.sqrt(dx * dx + dy * dy)
        ux, uy = dx / chord, dy / chord
        b = bs[i]
        bb = b * b
        cos_h, sin_h = (1.0 - bb) / (1.0 + bb), 2.0 * b / (1.0 + bb)
        t0.append((ux * cos_h + uy * sin_h, uy * cos_h - ux * sin_h))
        t1.append((ux * cos_h - uy * sin_h, uy * cos_h + ux * sin_h))
    kites: list[Kite] = []
    for v in range(0 if closed else 1, n if closed else n - 1):
        (ax, ay), (cx, cy) = t1[v - 1 if v else m - 1], t0[v]
        cross = ax * cy - ay * cx
        dot = ax * cx + ay * cy
        straight = abs(d * cross) <= tol
        if straight and dot <= 0.0 and cross * d > 0.0 and bs[v - 1] == 0.0 and bs[v] == 0.0:
            before = v - 1 if v else m - 1  # as raw_offset: a reversal that bends in is concave
            straight = not bends_in(cross, _chord(xs, ys, before), _chord(xs, ys, v), tol)
        if straight:
            sides: tuple[float, ...] = (d, -d) if dot <= 0.0 else ()
        else:
            sides = (-d,) if cross * d > 0.0 else (d,)
        for e in sides:
            polygon = kite_polygon(xs[v], ys[v], ax, ay, cx, cy, e, miter_limit)
            if polygon is not None:
                kites.append((v, polygon))
    return kites


def _chord(xs: list[float], ys: list[float], i: int) -> float:
    """Length of straight segment ``i`` (as :func:`._offset_scalar.raw_offset` has it)."""
    j = i + 1 if i + 1 < len(xs) else 0
    dx, dy = xs[j] - xs[i], ys[j] - ys[i]
    return math.sqrt(dx * dx + dy * dy)


def kite_polygon(
    px: float,
    py: float,
    ax: float,
    ay: float,
    cx: float,
    cy: float,
    e: float,
    miter_limit: float,
) -> list[tuple[float, float]] | None:
    """The kite of corner ``p`` between unit tangents ``a`` (in) and ``c`` (out), convex on the
    side of offset ``e``: the miter tip, or the tip clipped at ``miter_limit * |e|`` as in
    :func:`raw_offset`; None when only a bevel is left (inside the capsules anyway)."""
    cross = ax * cy - ay * cx
    dot = ax * cx + ay * cy
    start = (px - e * ay, py + e * ax)
    end = (px - e * cy, py + e * cx)
    if dot >= 2.0 / (miter_limit * miter_limit) - 1.0 and dot > -1.0:
        f = e / (1.0 + dot)
        return [(px, py), start, (px - f * (ay + cy), py + f * (ax + cx)), end]
    wx, wy = ax - cx, ay - cy
    wlen = math.sqrt(wx * wx + wy * wy)
    reach = -e * cross / wlen
    clip = miter_limit * abs(e)
    if clip <= reach:
        return None
    g = (clip - reach) * wlen / (1.0 - dot)
    return [
        (px, py),
        start,
        (start[0] + g * ax, start[1] + g * ay),
        (end[0] - g * cx, end[1] - g * cy),
        end,
    ]


def kite_span(
    x0: float, y0: float, dx: float, dy: float, polygon: list[tuple[float, float]], tol: float
) -> tuple[float, float] | None:
    """Parameter interval of the line ``(x0, y0) + t (dx, dy)`` strictly inside a convex
    polygon (deeper than ``tol`` from every edge), or None. Cyrus-Beck clipping."""
    area2 = 0.0
    count = len(polygon)
    for i in range(count):
        ax, ay = polygon[i]
        bx, by = polygon[i + 1 if i + 1 < count else 0]
        area2 += ax * by - bx * ay
    if area2 == 0.0:
        return None
    side = 1.0 if area2 > 0.0 else -1.0  # left normals point inwards when counter-clockwise
    lo, hi = -math.inf, math.inf
    for i in range(count):
        ax, ay = polygon[i]
        bx, by = polygon[i + 1 if i + 1 < count else 0]
        ex, ey = bx - ax, by - ay
        length = math.sqrt(ex * ex + ey * ey)
        if length == 0.0:
            continue
        nx, ny = -ey * side / length, ex * side / length
        start = nx * (x0 - ax) + ny * (y0 - ay) - tol
        rate = nx * dx + ny * dy
        if rate == 0.0:
            if start <= 0.0:
                return None
        elif rate > 0.0:
            lo = max(lo, -start / rate)
        else:
            hi = min(hi, -start / rate)
    return (lo, hi) if lo < hi else None


def corner_kites_at(
    src: Segments, v: IntArray, d: float, miter_limit: float, tol: float
) -> tuple[IntArray, FloatArray, FloatArray]:
    """Miter kites at source vertices ``v`` (see :func:`corner_kites`): for
    each kite, sorted by corner, the index into ``v`` and its five points (a plain miter
    repeats its tip)."""
    n = src.n
    inner = np.ones(len(v), dtype=bool) if src.closed else (v > 0) & (v < n - 1)
    before = np.where(v > 0, v - 1, src.count - 1)
    at = np.where(inner, v, 0)
    _, _, ax, ay = src.tangents(np.where(inner, before, 0))
    cx, cy, _, _ = src.tangents(np.where(inner, v, 0) % max(src.count, 1))
    px, py = src.x[at], src.y[at]
    cross = ax * cy - ay * cx
    dot = ax * cx + ay * cy
    straight = np.abs(d * cross) <= tol
    if straight.any():  # as raw_offset: a reversal that bends in is concave (see bends_in)
        bends = straight & (dot <= 0.0) & (cross * d > 0.0)
        k_in, k_out = np.where(inner, before, 0), np.where(inner, v, 0) % max(src.count, 1)
        bends &= ~src.is_arc(k_in) & ~src.is_arc(k_out)
        shorter = np.minimum(_chords(src, k_in), _chords(src, k_out))
        straight &= ~(bends & (np.abs(cross) * shorter > tol))
    # A reversal's kites lie on both sides: d here, -d below (as corner_kites).
    side = np.where((cross * d > 0.0) & ~straight, -d, d)
    owner = [np.flatnonzero(inner & (~straight | (dot <= 0.0)))]
    sides = [side[owner[0]]]
    reversal = np.flatnonzero(inner & straight & (dot <= 0.0))
    owner.append(reversal)
    sides.append(np.full(len(reversal), -d))
    i = np.concatenate(owner)
    e = np.concatenate(sides)
    ax, ay, cx, cy, px, py = ax[i], ay[i], cx[i], cy[i], px[i], py[i]
    cross, dot = cross[i], dot[i]
    start_x, start_y = px - e * ay, py + e * ax
    end_x, end_y = px - e * cy, py + e * cx
    miter = (dot >= 2.0 / (miter_limit * miter_limit) - 1.0) & (dot > -1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        f = e / (1.0 + dot)
        tip_x, tip_y = px - f * (ay + cy), py + f * (ax + cx)
        wx, wy = ax - cx, ay - cy
        wlen = np.sqrt(wx * wx + wy * wy)
        reach = -e * cross / wlen
        g = (miter_limit * np.abs(e) - reach) * wlen / (1.0 - dot)
    keep = miter | (miter_limit * np.abs(e) > reach)
    b1x = np.where(miter, tip_x, start_x + g * ax)
    b1y = np.where(miter, tip_y, start_y + g * ay)
    b2x = np.where(miter, tip_x, end_x - g * cx)
    b2y = np.where(miter, tip_y, end_y - g * cy)
    order = np.argsort(i[keep], kind="stable")  # by corner
    kx = np.column_stack((px, start_x, b1x, b2x, end_x))[keep][order]
    ky = np.column_stack((py, start_y, b1y, b2y, end_y))[keep][order]
    return i[keep][order], kx, ky


def _chords(src: Segments, k: IntArray) -> FloatArray:
    """Chord lengths of segments ``k`` (as :func:`._offset_numpy.raw_offset` has them)."""
    x0, y0, x1, y1 = src.ends(k)
    dx, dy = x1 - x0, y1 - y0
    result: FloatArray = np.sqrt(dx * dx + dy * dy)
    return result


def kite_intervals(
    raw: Raw,
    rs: Segments,
    src: Segments,
    k: IntArray,
    s: IntArray,
    d: float,
    miter_limit: float,
    tol: float,
    parts_k: list[IntArray],
    parts_lo: list[FloatArray],
    parts_hi: list[FloatArray],
) -> None:
    """Dead intervals of straight raw segments strictly inside a miter kite of another corner
    (the kites at the start vertex of source segment ``s``), by Cyrus-Beck clipping."""
    straight = ~rs.is_arc(k) & (raw.kind[k] != CONNECTOR)
    v = s[straight]
    kk = k[straight]
    g = raw.gen[kk]
    nv = src.n
    own = np.where(raw.kind[kk] == JOIN, v == g, (v == g) | (v == np.where(g + 1 < nv, g + 1, 0)))
    v, kk = v[~own], kk[~own]
    if len(v) == 0:
        return
    # Each corner's kites once, then every (raw segment, kite) pair whose boxes meet.
    corners, pair_corner = np.unique(v, return_inverse=True)
    which, cx, cy = corner_kites_at(src, corners, d, miter_limit, tol)
    if len(which) == 0:
        return
    first = np.searchsorted(which, np.arange(len(corners)))
    count = np.searchsorted(which, np.arange(len(corners)), side="right") - first
    per_pair = count[pair_corner]
    pair = np.repeat(np.arange(len(kk)), per_pair)
    kite = (
        np.repeat(first[pair_corner], per_pair)
        + np.arange(len(pair))
        - np.repeat(np.cumsum(per_pair) - per_pair, per_pair)
    )
    kx, ky = cx[kite], cy[kite]
    bx0, by0, bx1, by1 = rs.boxes(kk[pair])
    meet = (
        (kx.min(axis=1) <= bx1)
        & (kx.max(axis=1) >= bx0)
        & (ky.min(axis=1) <= by1)
        & (ky.max(axis=1) >= by0)
    )
    kk, kx, ky = kk[pair][meet], kx[meet], ky[meet]
    if len(kk) == 0:
        return
    x0, y0, x1, y1 = rs.ends(kk)
    dx, dy = x1 - x0, y1 - y0
    nxt_x, nxt_y = np.roll(kx, -1, axis=1), np.roll(ky, -1, axis=1)
    area2 = (kx * nxt_y - nxt_x * ky).sum(axis=1)
    side = np.where(area2 > 0.0, 1.0, -1.0)
    lo = np.full(len(kk), -np.inf)
    hi = np.full(len(kk), np.inf)
    alive = area2 != 0.0
    for e in range(kx.shape[1]):
        ax, ay = kx[:, e], ky[:, e]
        ex, ey = nxt_x[:, e] - ax, nxt_y[:, e] - ay
        length = np.sqrt(ex * ex + ey * ey)
        edge = length > 0.0
        safe = np.where(edge, length, 1.0)
        nx, ny = -ey * side / safe, ex * side / safe
        start = nx * (x0 - ax) + ny * (y0 - ay) - tol
        rate = nx * dx + ny * dy
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            bound = -start / rate  # +-inf for a near-zero rate: no bound from this edge
        alive &= ~(edge & (rate == 0.0) & (start <= 0.0))
        lo = np.where(edge & (rate > 0.0), np.maximum(lo, bound), lo)
        hi = np.where(edge & (rate < 0.0), np.minimum(hi, bound), hi)
    hit = alive & (lo < hi) & (hi > 0.0) & (lo < 1.0)
    parts_k.append(kk[hit])
    parts_lo.append(np.maximum(lo[hit], 0.0))
    parts_hi.append(np.minimum(hi[hit], 1.0))
