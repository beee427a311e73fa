"""Vectorised offset of large polylines: input checks, the raw offset curve, and the driver.

The same algorithm as :mod:`._offset_scalar` (read its docstring for the vocabulary), on
separate float64 x and y arrays. The common case, straight segments whose corners all trim
or miter to one vertex, is a handful of whole-array operations; corners that need extra
vertices (arcs, round, bevel and clipped-miter joins, connectors) are scattered in with
per-joint slots. :mod:`._offset_cleanup` then cuts out loops and self-intersections.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from . import _offset_numpy_cleanup
from ._offset_numpy_segments import drop_duplicate_vertices, quadrant
from ._offset_scalar import BEVEL, CONNECTOR, JOIN, MITER, ROUND, SEGMENT
from .errors import NonFiniteError, TooFewVerticesError

__all__ = ["Raw", "dedupe_input", "offset", "raw_offset"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Result = tuple[FloatArray, FloatArray, FloatArray, bool]


class Raw:
    """A raw offset curve: vertices, bulges and, per raw segment, kind, generator and owner.

    ``owner`` is the source segment whose offset (or whose end corner) produced the raw
    segment; it never decreases along the curve. ``simple`` marks the common case of one raw
    vertex per source vertex: raw segment ``k`` is the trimmed or extended offset of source
    segment ``k``, and every corner trims or miters cleanly. A simple curve makes its kind,
    generator and owner arrays only when they are first used (most never are).
    """

    __slots__ = (
        "_gen",
        "_kind",
        "_owner",
        "b",
        "clean",
        "closed",
        "codes",
        "sharp",
        "simple",
        "x",
        "y",
    )

    def __init__(
        self,
        x: FloatArray,
        y: FloatArray,
        b: FloatArray,
        kind: IntArray | None,
        gen: IntArray | None,
        owner: IntArray | None,
        closed: bool,
        simple: bool,
        clean: bool,
    ) -> None:
        self.x, self.y, self.b = x, y, b
        self._kind, self._gen, self._owner = kind, gen, owner
        self.closed, self.simple, self.clean = closed, simple, clean
        #: Quadrant code of every segment (simple curves only; see _offset_numpy_cleanup).
        self.codes: npt.NDArray[np.int8] | None = None
        #: Simple curves: the vertices where the source turns 90 degrees or more (None: none).
        self.sharp: IntArray | None = None

    @property
    def kind(self) -> IntArray:
        if self._kind is None:  # a simple curve: every raw segment is a SEGMENT
            self._kind = np.full(self._segment_count(), SEGMENT)
        return self._kind

    @property
    def gen(self) -> IntArray:
        if self._gen is None:  # a simple curve: raw segment k comes from source segment k
            self._gen = np.arange(self._segment_count())
        return self._gen

    @property
    def owner(self) -> IntArray:
        return self.gen if self._owner is None else self._owner

    def _segment_count(self) -> int:
        return len(self.x) if self.closed else len(self.x) - 1


def scale_of(x: FloatArray, y: FloatArray) -> float:
    """The largest coordinate magnitude; NonFiniteError for NaN or inf anywhere.

    ``max`` propagates NaN, so a finite scale proves every coordinate finite. (Bulges come
    only from a Polyline, which checked them when it was built.)
    """
    n = len(x)
    if n < 2:
        raise TooFewVerticesError(f"a polyline needs at least 2 vertices, got {n}")
    scale = float(max(x.max(), -x.min(), y.max(), -y.min()))
    if not np.isfinite(scale):
        raise NonFiniteError("polyline vertices must be finite (no NaN or inf)")
    return scale


def dedupe_input(
    x: FloatArray, y: FloatArray, b: FloatArray, closed: bool, tol: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Remove consecutive duplicate vertices (within ``tol``); at least 2 must remain."""
    x, y, b = drop_duplicate_vertices(x, y, b, closed, tol)
    if len(x) < 2:
        raise TooFewVerticesError(
            "a polyline needs at least 2 distinct vertices; all coincide within the tolerance"
        )
    return x, y, b  # the last bulge of an open polyline stays 0 (it ends every run)


def offset(
    x: FloatArray,
    y: FloatArray,
    b: FloatArray,
    closed: bool,
    d: float,
    join: int,
    miter_limit: float,
    cleanup: bool,
    tol: float,
    tol0: float,
) -> list[Result]:
    """Offset arrays (duplicates within ``tol0`` are removed first); read-only results."""
    raw = None
    m = len(x) if closed else len(x) - 1
    simple = join == MITER and not b[:m].any()
    limit_cos = 2.0 / (miter_limit * miter_limit) - 1.0
    if simple:  # the blocked pass also detects duplicate vertices (then returns None)
        raw = _simple_lines(x, y, closed, d, limit_cos, tol, tol0)
    if raw is None:
        x, y, b = dedupe_input(x, y, b, closed, tol0)
        if simple:
            raw = _simple_lines(x, y, closed, d, limit_cos, tol, tol0)
        if raw is None:
            raw = raw_offset(x, y, b, closed, d, join, miter_limit, tol)
    if raw is None:
        return []
    if not cleanup:
        out = _offset_numpy_cleanup.finish(raw.x, raw.y, raw.b, raw.closed, tol)
        return [] if out is None else [out]
    return _offset_numpy_cleanup.cleanup(raw, x, y, b, closed, d, join, miter_limit, tol)


def raw_offset(
    x: FloatArray,
    y: FloatArray,
    b: FloatArray,
    closed: bool,
    d: float,
    join: int,
    miter_limit: float,
    tol: float,
) -> Raw | None:
    """The raw offset curve (vectorised :func:`._offset_scalar.raw_offset`)."""
    n = len(x)
    m = n if closed else n - 1
    x0, y0 = x[:m], y[:m]
    x1 = np.concatenate((x[1:], x[:1])) if closed else x[1:]
    y1 = np.concatenate((y[1:], y[:1])) if closed else y[1:]
    dx, dy = x1 - x0, y1 - y0
    chord = np.sqrt(dx * dx + dy * dy)
    ux, uy = dx / chord, dy / chord
    bs = b[:m]
    return _general(
        x, y, x0, y0, x1, y1, dx, dy, chord, ux, uy, bs, closed, d, join, miter_limit, tol
    )


#: Vertices per block of the blocked straight-segment pass: the temporaries of one block
#: stay in the CPU cache (measured: ~3x faster than whole-array operations at 1M vertices).
BLOCK = 16384


def _simple_lines(
    x: FloatArray,
    y: FloatArray,
    closed: bool,
    d: float,
    limit_cos: float,
    tol: float,
    tol0: float,
) -> Raw | None:
    """One raw vertex per source vertex (every corner trims or miters within the limit, no
    trim overruns its segment), or None; None too for a segment within ``tol0`` of zero
    length (the caller deduplicates). Also records each segment's quadrant code."""
    n = len(x)
    m = n if closed else n - 1
    if closed:  # pad so that every vertex has both neighbours in the arrays
        xp, yp = np.concatenate((x[-1:], x, x[:1])), np.concatenate((y[-1:], y, y[:1]))
        first, stop, shift = 0, n, 1  # vertices 0 .. n-1; vertex v is xp[v + 1]
    else:
        xp, yp = x, y
        first, stop, shift = 1, n - 1, 0  # interior vertices 1 .. n-2
    vx, vy = np.empty(n), np.empty(n)
    code = np.empty(m, dtype=np.int8)
    sharp: list[IntArray] = []
    reach = 2.0 * abs(d)
    all_forward = True  # every block's segments proven to run forwards by the bound
    for s in range(first, max(stop, first), BLOCK):
        e = min(s + BLOCK, stop)
        lo, hi = s + shift - 1, e + shift + 1  # padded indices of vertices s-1 .. e
        dx = xp[lo + 1 : hi] - xp[lo : hi - 1]  # segments s-1 .. e-1 (mod n)
        dy = yp[lo + 1 : hi] - yp[lo : hi - 1]
        length = dx * dx
        length += dy * dy
        np.sqrt(length, out=length)
        shortest = float(length.min())
        if not shortest > tol0:
            return None  # duplicate vertices
        inv = np.divide(1.0, length, out=length)
        ux, uy = dx * inv, dy * inv
        ax, ay, cx, cy = ux[:-1], uy[:-1], ux[1:], uy[1:]
        dot = ax * cx
        dot += ay * cy
        widest = float(dot.min())  # the cosine of the sharpest turn
        if not widest >= limit_cos:
            beyond = dot < limit_cos
            cross = ax[beyond] * cy[beyond] - ay[beyond] * cx[beyond]
            if ((cross * d <= 0.0) | (np.abs(d * cross) <= tol) | (dot[beyond] <= -1.0)).any():
                return None  # a convex corner beyond the miter limit: general path
        if widest <= 0.0:
            sharp.append(np.flatnonzero(dot <= 0.0) + s)  # vertex s + k: corner k
        f = np.add(dot, 1.0, out=dot)
        np.divide(d, f, out=f)
        np.subtract(xp[s + shift : e + shift], f * (ay + cy), out=vx[s:e])
        np.add(yp[s + shift : e + shift], f * (ax + cx), out=vy[s:e])
        q = quadrant(dx, dy)  # segments s-1 .. e-1
        code[s - 1 if s > 0 else m - 1] = q[0]
        code[s:e] = q[1:]
        # A miter moves each end of its segment by |d| tan(turn / 2) at most, so when the
        # shortest segment outlasts two of the widest turn's moves, all run forwards.
        if widest > -1.0:
            move = reach * math.sqrt(max(0.0, (1.0 - widest) / (1.0 + widest)))
            if shortest - move > 2.0 * tol:
                continue
        all_forward = False
        # Segments s .. e-2 lie inside this block: they must still run forwards.
        if (
            e - s > 1
            and (
                (vx[s + 1 : e] - vx[s : e - 1]) * ux[1:-1]
                + (vy[s + 1 : e] - vy[s : e - 1]) * uy[1:-1]
            ).min()
            <= tol
        ):
            return None
    if not closed:
        dx0, dy0 = x[1] - x[0], y[1] - y[0]
        if n == 2 and dx0 * dx0 + dy0 * dy0 <= tol0 * tol0:
            return None
        inv0 = 1.0 / np.sqrt(dx0 * dx0 + dy0 * dy0)
        vx[0], vy[0] = x[0] - d * dy0 * inv0, y[0] + d * dx0 * inv0
        dxe, dye = x[-1] - x[-2], y[-1] - y[-2]
        inve = 1.0 / np.sqrt(dxe * dxe + dye * dye)
        vx[-1], vy[-1] = x[-1] - d * dye * inve, y[-1] + d * dxe * inve
        if n == 2:
            code[0] = quadrant(np.array([dx0]), np.array([dy0]))[0]
            all_forward = False
    if not all_forward:
        # Segments not checked inside a block: those leaving each block's first vertex's
        # predecessor, and the first and last segments.
        k = np.unique(np.concatenate((np.arange(first, stop, BLOCK) - 1, [0, m - 1])) % m)
        j = np.where(k + 1 >= n, k + 1 - n, k + 1)
        sx, sy = x[j] - x[k], y[j] - y[k]
        inv_k = 1.0 / np.sqrt(sx * sx + sy * sy)
        if (((vx[j] - vx[k]) * sx + (vy[j] - vy[k]) * sy) * inv_k <= tol).any():
            return None
    raw = Raw(vx, vy, _zeros(n), None, None, None, closed, simple=True, clean=True)
    raw.codes = code
    if sharp:
        raw.sharp = np.concatenate(sharp)
    return raw


def _zeros(n: int) -> FloatArray:
    out = np.zeros(n)
    out.flags.writeable = False
    return out


def _general(
    x: FloatArray,
    y: FloatArray,
    x0: FloatArray,
    y0: FloatArray,
    x1: FloatArray,
    y1: FloatArray,
    dx: FloatArray,
    dy: FloatArray,
    chord: FloatArray,
    ux: FloatArray,
    uy: FloatArray,
    bs: FloatArray,
    closed: bool,
    d: float,
    join: int,
    miter_limit: float,
    tol: float,
) -> Raw | None:
    n = len(x)
    m = len(ux)
    arc = bs != 0.0
    # Tangents at both ends (arcs: the chord direction turned by -/+ half the sweep).
    b2 = bs * bs
    cos_h, sin_h = (1.0 - b2) / (1.0 + b2), 2.0 * bs / (1.0 + b2)
    t0x, t0y = ux * cos_h + uy * sin_h, uy * cos_h - ux * sin_h
    t1x, t1y = ux * cos_h - uy * sin_h, uy * cos_h + ux * sin_h
    sx, sy = x0 - d * t0y, y0 + d * t0x
    ex, ey = x1 - d * t1y, y1 + d * t1x
    # Arc circles and offset radii.
    with np.errstate(divide="ignore", invalid="ignore"):
        k = np.where(arc, (1.0 - b2) / (4.0 * bs), 0.0)
        radius = np.where(arc, chord * (1.0 + b2) / (4.0 * np.abs(bs)), 0.0)
    ccx = (x0 + x1) * 0.5 - dy * k
    ccy = (y0 + y1) * 0.5 + dx * k
    mx = (x0 + x1) * 0.5 + dy * bs * 0.5 - ccx
    my = (y0 + y1) * 0.5 - dx * bs * 0.5 - ccy
    mlen = np.where(arc, np.hypot(mx, my), 1.0)
    mx, my = mx / mlen, my / mlen
    sweep = 4.0 * np.arctan(bs)
    r_off = radius - d * np.sign(bs)
    collapsed = arc & (r_off <= tol)
    seg_len = np.where(arc, r_off * np.abs(sweep), chord)
    live = np.flatnonzero(~collapsed)
    count = len(live)
    if count == 0:
        return None

    # Joints between consecutive live segments (and from the last to the first if closed).
    if closed:
        ja, jc = live, np.roll(live, -1)
    else:
        ja, jc = live[:-1], live[1:]
    nj = len(ja)
    vertex = (ja + 1) % n
    bridge = (jc != (ja + 1) % m) | (count == 1)
    tix, tiy, tox, toy = t1x[ja], t1y[ja], t0x[jc], t0y[jc]
    cross = tix * toy - tiy * tox
    dot = tix * tox + tiy * toy
    straight = np.abs(d * cross) <= tol
    if straight.any():  # reversals that bend in are concave corners (see bends_in)
        bends = straight & (dot <= 0.0) & (cross * d > 0.0) & ~arc[ja] & ~arc[jc]
        bends &= np.abs(cross) * np.minimum(seg_len[ja], seg_len[jc]) > tol
        straight &= ~bends
    tangent = straight & (dot > 0.0) & ~bridge
    concave = (cross * d > 0.0) & ~straight & ~bridge
    convex = ~tangent & ~concave & ~bridge
    line_a, line_c = ~arc[ja], ~arc[jc]
    vx, vy = x[vertex], y[vertex]
    # Per joint: the shared vertex (single), and up to three extra vertices (slots).
    single = np.zeros(nj, dtype=bool)
    jx, jy = np.zeros(nj), np.zeros(nj)
    ua, uc = np.ones(nj), np.zeros(nj)  # trim parameters on segment a and segment c
    slot = np.zeros((3, nj), dtype=bool)
    slot_x, slot_y, slot_b = np.zeros((3, nj)), np.zeros((3, nj)), np.zeros((3, nj))
    slot_kind = np.full((3, nj), JOIN, dtype=np.int64)
    start_x, start_y = sx[jc].copy(), sy[jc].copy()  # start of segment c after the joint
    limit_cos = 2.0 / (miter_limit * miter_limit) - 1.0
    with np.errstate(divide="ignore", invalid="ignore"):  # reversals: no tip (unused there)
        f = d / (1.0 + dot)
        tip_x, tip_y = vx - f * (tiy + toy), vy + f * (tix + tox)
    # Straight-straight corners that meet in one vertex: tangent, trimmed or mitred.
    ll = line_a & line_c
    miter_ok = convex & (join == MITER) & (dot >= limit_cos) & (dot > -1.0)
    one = ll & (tangent | (concave & (dot > -1.0)) | miter_ok)  # a reversal: no tip
    single |= one
    jx[one], jy[one] = tip_x[one], tip_y[one]
    # Tangent corners with an arc: the offsets meet already (up to rounding).
    arc_tangent = tangent & ~ll
    single |= arc_tangent
    jx[arc_tangent] = (ex[ja] + sx[jc])[arc_tangent] * 0.5
    jy[arc_tangent] = (ey[ja] + sy[jc])[arc_tangent] * 0.5
    # Concave corners with an arc: intersect the offset line/circle with the offset circle.
    arc_trim = concave & ~ll
    if arc_trim.any():
        idx = np.flatnonzero(arc_trim)
        hit, hx, hy, pa, pc = _arc_trims(
            idx,
            ja,
            jc,
            arc,
            sx,
            sy,
            ex,
            ey,
            t0x,
            t0y,
            t1x,
            t1y,
            ccx,
            ccy,
            r_off,
            mx,
            my,
            sweep,
            seg_len,
            tol,
        )
        ok = idx[hit]
        single[ok] = True
        jx[ok], jy[ok], ua[ok], uc[ok] = hx[hit], hy[hit], pa[hit], pc[hit]
        arc_trim[idx[~hit]] = False
    trimmed = (concave & ll) | arc_trim
    connector = bridge | (concave & ~single)
    # Convex corners: miter tips (extra vertices unless both sides are straight), miters
    # clipped at miter_limit * |d| (GEOS's limited mitre), bevels and round joins.
    arc_miter = miter_ok & ~ll
    clipped = convex & (join == MITER) & ~miter_ok
    flat = convex & (join == BEVEL)
    rounded = convex & (join == ROUND)
    end_x, end_y = tip_x, tip_y  # where a straight segment a ends at a tip
    if clipped.any():
        wx, wy = tix - tox, tiy - toy
        wlen = np.sqrt(wx * wx + wy * wy)
        with np.errstate(divide="ignore", invalid="ignore"):  # used where clipped only
            reach = -d * cross / wlen
            g = (miter_limit * abs(d) - reach) * wlen / (1.0 - dot)
            b1x, b1y = ex[ja] + g * tix, ey[ja] + g * tiy
            b2x, b2y = sx[jc] - g * tox, sy[jc] - g * toy
        flat_clip = clipped & (miter_limit * abs(d) <= reach)
        flat |= flat_clip
        clipped &= ~flat_clip
        slot[1] |= clipped
        slot_x[1][clipped], slot_y[1][clipped] = b1x[clipped], b1y[clipped]
        end_x = np.where(clipped, b1x, tip_x)
        end_y = np.where(clipped, b1y, tip_y)
        tip_x = np.where(clipped, b2x, tip_x)
        tip_y = np.where(clipped, b2y, tip_y)
    tipped = arc_miter | clipped
    # Forward check: a trim that leaves its segment running backwards becomes a connector.
    if trimmed.any():
        s_par, e_par = np.zeros(m), np.ones(m)
        s_px, s_py, e_px, e_py = sx.copy(), sy.copy(), ex.copy(), ey.copy()
        sel = single
        e_px[ja[sel]], e_py[ja[sel]], e_par[ja[sel]] = jx[sel], jy[sel], ua[sel]
        s_px[jc[sel]], s_py[jc[sel]], s_par[jc[sel]] = jx[sel], jy[sel], uc[sel]
        sel = tipped & line_a
        e_px[ja[sel]], e_py[ja[sel]] = end_x[sel], end_y[sel]
        sel = tipped & line_c
        s_px[jc[sel]], s_py[jc[sel]] = tip_x[sel], tip_y[sel]
        back = (
            np.where(arc, (e_par - s_par) * seg_len, (e_px - s_px) * ux + (e_py - s_py) * uy) < -tol
        )
        undo = trimmed & (back[ja] | back[jc])
        if undo.any():
            single &= ~undo
            connector |= undo
            ua[undo], uc[undo] = 1.0, 0.0
    # Start of segment c: the shared vertex, or its own offset start (or a miter tip).
    start_x[single], start_y[single] = jx[single], jy[single]
    first = flat | rounded | connector | (tipped & ~line_a)
    slot[0] |= first
    slot_x[0][first], slot_y[0][first] = ex[ja][first], ey[ja][first]
    slot_kind[0][connector] = CONNECTOR
    if join == ROUND:
        turn = np.arctan2(np.abs(cross), dot)
        slot_b[0][rounded] = np.tan(-np.sign(d) * turn[rounded] / 4.0)
    last = tipped & ~line_c
    slot[2] |= last
    slot_x[2][last], slot_y[2][last] = tip_x[last], tip_y[last]
    to_tip = tipped & line_c
    start_x[to_tip], start_y[to_tip] = tip_x[to_tip], tip_y[to_tip]

    # Bulge of each live segment after trimming.
    seg_b = bs[live].copy()
    if arc.any():
        s_par, e_par = np.zeros(m), np.ones(m)
        e_par[ja[single]] = ua[single]
        s_par[jc[single]] = uc[single]
        span = (e_par - s_par)[live]
        part = arc[live] & (span != 1.0)
        seg_b[part] = np.tan(np.arctan(seg_b[part]) * span[part])

    # Assemble: per live segment its start vertex, then the slots of the joint after it.
    starts_x = np.empty(count)
    starts_y = np.empty(count)
    pos_of_live = np.arange(count)
    if closed:
        start_seg = np.roll(pos_of_live, -1)  # joint j starts live segment j + 1
    else:
        start_seg = pos_of_live[1:]
        starts_x[0], starts_y[0] = sx[live[0]], sy[live[0]]
    starts_x[start_seg], starts_y[start_seg] = start_x, start_y
    per_joint = np.zeros(count, dtype=np.int64)
    per_joint[:nj] = slot.sum(axis=0)
    sizes = 1 + per_joint
    base = np.cumsum(sizes) - sizes
    total = int(sizes.sum()) + (0 if closed else 1)
    rx, ry, rb = np.empty(total), np.empty(total), np.zeros(total)
    nseg = total if closed else total - 1
    kind = np.empty(nseg, dtype=np.int64)
    gen = np.empty(nseg, dtype=np.int64)
    owner = np.empty(nseg, dtype=np.int64)
    rx[base], ry[base], rb[base] = starts_x, starts_y, seg_b
    kind[base], gen[base], owner[base] = SEGMENT, live, live
    cursor = base[:nj] + 1
    for s in range(3):
        present = slot[s]
        at = cursor[present]
        rx[at], ry[at], rb[at] = slot_x[s][present], slot_y[s][present], slot_b[s][present]
        kind[at] = slot_kind[s][present]
        gen[at] = np.where(slot_kind[s][present] == CONNECTOR, -1, vertex[present])
        owner[at] = ja[present]
        cursor = cursor + present
    if not closed:
        rx[-1], ry[-1] = ex[live[-1]], ey[live[-1]]
    clean = not (connector.any() or flat.any() or clipped.any())
    return Raw(rx, ry, rb, kind, gen, owner, closed, simple=False, clean=clean)


def _arc_trims(
    idx: IntArray,
    ja: IntArray,
    jc: IntArray,
    arc: npt.NDArray[np.bool_],
    sx: FloatArray,
    sy: FloatArray,
    ex: FloatArray,
    ey: FloatArray,
    t0x: FloatArray,
    t0y: FloatArray,
    t1x: FloatArray,
    t1y: FloatArray,
    ccx: FloatArray,
    ccy: FloatArray,
    r_off: FloatArray,
    mx: FloatArray,
    my: FloatArray,
    sweep: FloatArray,
    seg_len: FloatArray,
    tol: float,
) -> tuple[npt.NDArray[np.bool_], FloatArray, FloatArray, FloatArray, FloatArray]:
    """Concave corners involving an arc: where the offsets meet next to the corner, and the
    parameter of that point on both segments; ``hit`` is False where they do not meet within
    both segments."""
    a, c = ja[idx], jc[idx]
    arc_a, arc_c = arc[a], arc[c]
    # Describe both offsets as lines (point, unit direction) or circles (centre, radius).
    ox = np.where(arc_a, ccx[a], ex[a])
    oy = np.where(arc_a, ccy[a], ey[a])
    px = np.where(arc_c, ccx[c], sx[c])
    py = np.where(arc_c, ccy[c], sy[c])
    ra, rc = r_off[a], r_off[c]
    # Line-circle (one of them straight): the line is the straight one's offset.
    line_is_a = ~arc_a
    lx = np.where(line_is_a, ex[a], sx[c])
    ly = np.where(line_is_a, ey[a], sy[c])
    ldx = np.where(line_is_a, t1x[a], t0x[c])
    ldy = np.where(line_is_a, t1y[a], t0y[c])
    cx = np.where(line_is_a, px, ox)
    cy = np.where(line_is_a, py, oy)
    cr = np.where(line_is_a, rc, ra)
    along = (cx - lx) * ldx + (cy - ly) * ldy
    fx, fy = lx + along * ldx, ly + along * ldy
    # Squares subtracted as products of differences (as line_circle and circle_circle in
    # _offset_numpy_segments): precise where a flat bulge makes a huge circle.
    off = (cx - lx) * ldy - (cy - ly) * ldx
    h2_line = (cr - off) * (cr + off)
    # Circle-circle.
    ddx, ddy = px - ox, py - oy
    dist = np.hypot(ddx, ddy)
    e, f = dist - ra, dist + ra
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        q = (rc - e) * (rc + e) / (2.0 * dist)  # ra - aa
        aa = ra - q
        nx, ny = ddx / dist, ddy / dist
        h2_circ = q * ((f - rc) * (f + rc) / (2.0 * dist))
    both = arc_a & arc_c
    h2 = np.where(both, h2_circ, h2_line)
    hit = (h2 >= 0.0) & ~(both & (dist == 0.0))
    h = np.sqrt(np.maximum(h2, 0.0))
    bx = np.where(both, ox + aa * nx, fx)
    by = np.where(both, oy + aa * ny, fy)
    qx = np.where(both, -ny, ldx)
    qy = np.where(both, nx, ldy)
    # Of the two points, the one nearer the corner (midway between the offset ends).
    tx, ty = (ex[a] + sx[c]) * 0.5, (ey[a] + sy[c]) * 0.5
    x1, y1 = bx - h * qx, by - h * qy
    x2, y2 = bx + h * qx, by + h * qy
    nearer_first = (x1 - tx) ** 2 + (y1 - ty) ** 2 <= (x2 - tx) ** 2 + (y2 - ty) ** 2
    hx = np.where(nearer_first, x1, x2)
    hy = np.where(nearer_first, y1, y2)
    pa = _param(a, arc, sx, sy, t0x, t0y, seg_len, ccx, ccy, mx, my, sweep, hx, hy)
    pc = _param(c, arc, sx, sy, t0x, t0y, seg_len, ccx, ccy, mx, my, sweep, hx, hy)
    la, lc = seg_len[a], seg_len[c]
    hit &= (pa * la >= -tol) & ((pa - 1.0) * la <= tol)
    hit &= (pc * lc >= -tol) & ((pc - 1.0) * lc <= tol)
    return hit, hx, hy, pa, pc


def _param(
    s: IntArray,
    arc: npt.NDArray[np.bool_],
    sx: FloatArray,
    sy: FloatArray,
    t0x: FloatArray,
    t0y: FloatArray,
    seg_len: FloatArray,
    ccx: FloatArray,
    ccy: FloatArray,
    mx: FloatArray,
    my: FloatArray,
    sweep: FloatArray,
    px: FloatArray,
    py: FloatArray,
) -> FloatArray:
    """Parameter of points on offset segments ``s`` (lines: by length, arcs: by angle)."""
    line_par = ((px - sx[s]) * t0x[s] + (py - sy[s]) * t0y[s]) / seg_len[s]
    wx, wy = px - ccx[s], py - ccy[s]
    with np.errstate(divide="ignore", invalid="ignore"):
        arc_par = 0.5 + np.arctan2(mx[s] * wy - my[s] * wx, mx[s] * wx + my[s] * wy) / sweep[s]
    return np.where(arc[s], arc_par, line_par)
