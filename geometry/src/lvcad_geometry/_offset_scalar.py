"""Pure-Python offset of small polylines.

The same algorithm as :mod:`._offset_numpy`, written with plain floats and lists so that a
call on a handful of vertices costs microseconds, where numpy's per-call overhead would
dominate. :func:`lvcad_geometry.offset.offset_polyline` picks this path below a measured
vertex count; a test checks that both paths agree.

Cleaning the raw curve up is :mod:`._offset_scalar_cleanup`. Vocabulary (also used by the
numpy path):

* the *source* is the deduplicated input polyline;
* the *raw* offset curve is every source segment offset by ``d`` (lines translated along their
  left normal, arcs to radius ``r - d`` for a counter-clockwise arc and ``r + d`` for a
  clockwise one) joined at the corners, before any cleanup;
* every raw segment has a *kind*: an offset source segment (:data:`SEGMENT`, generator = the
  source segment), part of a corner join (:data:`JOIN`, generator = the source vertex) or a
  *connector* (:data:`CONNECTOR`) that bridges a concave corner whose offsets do not meet or
  the gap left by a collapsed arc; a connector always lies closer than ``|d|`` to the source.
"""

from __future__ import annotations

import math

__all__ = [
    "AT_END",
    "BEVEL",
    "CLEAN",
    "CONNECTOR",
    "DEAD",
    "JOIN",
    "MITER",
    "MIXED",
    "ROUND",
    "SEGMENT",
    "Raw",
    "arc_geometry",
    "arc_param",
    "bends_in",
    "box_pairs",
    "circle_circle",
    "line_circle",
    "raw_offset",
    "simple_lines",
]

SEGMENT, JOIN, CONNECTOR = 0, 1, 2
CLEAN, DEAD, MIXED = 0, 1, 2
#: Location of a point at the start or end of an open raw curve (no cut needed there).
AT_END = -1.0
MITER, ROUND, BEVEL = 0, 1, 2

#: ``(x, y, bulges, kinds, generators, closed)`` of a raw offset curve.
Raw = tuple[list[float], list[float], list[float], list[int], list[int], bool]


def arc_geometry(
    x0: float, y0: float, x1: float, y1: float, b: float
) -> tuple[float, float, float, float, float, float]:
    """Centre, radius, unit direction to the arc's midpoint and signed sweep of a bulge."""
    dx, dy = x1 - x0, y1 - y0
    chord = math.sqrt(dx * dx + dy * dy)
    k = (1.0 - b * b) / (4.0 * b)
    cx = (x0 + x1) * 0.5 - dy * k
    cy = (y0 + y1) * 0.5 + dx * k
    radius = chord * (1.0 + b * b) / (4.0 * abs(b))
    # Arc midpoint = chord midpoint pushed right of the chord by the sagitta b * chord / 2.
    mx = (x0 + x1) * 0.5 + dy * b * 0.5 - cx
    my = (y0 + y1) * 0.5 - dx * b * 0.5 - cy
    mlen = math.sqrt(mx * mx + my * my)
    return cx, cy, radius, mx / mlen, my / mlen, 4.0 * math.atan(b)


def arc_param(
    cx: float, cy: float, mx: float, my: float, sweep: float, x: float, y: float
) -> float:
    """Parameter (fraction of the sweep, 0 at the start) of the direction from the centre to
    ``(x, y)``; values within half a turn of the arc's middle, so slightly outside ``[0, 1]``
    means just before the start or just after the end."""
    wx, wy = x - cx, y - cy
    return 0.5 + math.atan2(mx * wy - my * wx, mx * wx + my * wy) / sweep


def line_circle(
    ox: float,
    oy: float,
    tx: float,
    ty: float,
    cx: float,
    cy: float,
    r: float,
    graze: float = 0.0,
) -> list[tuple[float, float]]:
    """Points where the line through ``o`` with unit direction ``t`` meets a circle.

    A line that passes within ``graze`` of tangency touches without crossing: no points.
    ``r^2 - e^2`` (``e``: the centre's distance from the line) is taken as ``(r - e)(r + e)``,
    which keeps its precision where a line nearly touches a huge circle (a flat bulge).
    """
    wx, wy = cx - ox, cy - oy
    along = wx * tx + wy * ty
    px, py = ox + along * tx, oy + along * ty
    e = wx * ty - wy * tx
    h2 = (r - e) * (r + e)
    if h2 < 0.0 or h2 <= 2.0 * r * graze:
        return []
    h = math.sqrt(h2)
    return [(px - h * tx, py - h * ty), (px + h * tx, py + h * ty)]


def circle_circle(
    ax: float, ay: float, ra: float, bx: float, by: float, rb: float, graze: float = 0.0
) -> list[tuple[float, float]]:
    """Points where two circles meet; circles within ``graze`` of tangency, or (nearly)
    concentric, have none.

    ``ra - a`` and ``ra + a`` (``a``: the distance from ``a``'s centre to the chord through
    the points) come from differences of lengths, not of their squares, so a huge circle (a
    flat bulge) nearly touching another keeps its precision.
    """
    dx, dy = bx - ax, by - ay
    dist = math.sqrt(dx * dx + dy * dy)
    if dist <= graze or dist == 0.0:
        return []
    e, f = dist - ra, dist + ra
    two_d = 2.0 * dist
    q = (rb - e) * (rb + e) / two_d  # ra - a
    a = ra - q
    h2 = q * ((f - rb) * (f + rb) / two_d)  # (ra - a)(ra + a); NaN only if dist ~ 0
    if not h2 > 2.0 * min(ra, rb) * graze:
        return []
    h = math.sqrt(h2)
    ux, uy = dx / dist, dy / dist
    px, py = ax + a * ux, ay + a * uy
    return [(px - h * uy, py + h * ux), (px + h * uy, py - h * ux)]


# -- raw offset ------------------------------------------------------------------------------


def raw_offset(
    xs: list[float],
    ys: list[float],
    bs: list[float],
    closed: bool,
    d: float,
    join: int,
    miter_limit: float,
    tol: float,
) -> Raw | None:
    """The raw offset curve of a deduplicated polyline, or None when every segment collapses."""
    # A miter reaches miter_limit * |d| from its corner when cos(turn) = 2 / limit**2 - 1.
    limit_cos = 2.0 / (miter_limit * miter_limit) - 1.0
    clip = miter_limit * abs(d)
    n = len(xs)
    m = n if closed else n - 1
    # Per live segment: [is_arc, sx, sy, ex, ey, t0x, t0y, t1x, t1y, length, source index,
    #                    cx, cy, r, mx, my, sweep, bulge]
    live: list[list[float]] = []
    for i in range(m):
        j = i + 1 if i + 1 < n else 0
        px, py, qx, qy, b = xs[i], ys[i], xs[j], ys[j], bs[i]
        dx, dy = qx - px, qy - py
        chord = math.sqrt(dx * dx + dy * dy)
        ux, uy = dx / chord, dy / chord
        if b == 0.0:
            live.append(
                [0.0, px - d * uy, py + d * ux, qx - d * uy, qy + d * ux, ux, uy, ux, uy, chord, i]
            )
            continue
        cx, cy, r, mx, my, sweep = arc_geometry(px, py, qx, qy, b)
        r_off = r - d if b > 0.0 else r + d
        if r_off <= tol:
            continue  # the arc collapses: dropped, its neighbours are bridged below
        bb = b * b
        cos_h, sin_h = (1.0 - bb) / (1.0 + bb), 2.0 * b / (1.0 + bb)  # half the sweep
        t0x, t0y = ux * cos_h + uy * sin_h, uy * cos_h - ux * sin_h
        t1x, t1y = ux * cos_h - uy * sin_h, uy * cos_h + ux * sin_h
        live.append(
            [
                1.0,
                px - d * t0y,
                py + d * t0x,
                qx - d * t1y,
                qy + d * t1x,
                t0x,
                t0y,
                t1x,
                t1y,
                r_off * abs(sweep),
                i,
                cx,
                cy,
                r_off,
                mx,
                my,
                sweep,
                b,
            ]
        )
    if not live:
        return None
    count = len(live)
    # Start and end of every live segment after the corner joins: [x, y, param].
    starts = [[s[1], s[2], 0.0] for s in live]
    ends = [[s[3], s[4], 1.0] for s in live]
    # extras[k]: raw vertices (x, y, bulge, kind, generator) between live segment k and k + 1.
    extras: list[list[tuple[float, float, float, int, int]]] = [[] for _ in range(count)]
    trims: list[int] = []  # corners trimmed to an intersection (undone if that inverts a segment)
    joints = count if closed else count - 1
    for k in range(joints):
        a, c = live[k], live[k + 1 if k + 1 < count else 0]
        ia, ic = int(a[10]), int(c[10])
        vertex = ia + 1 if ia + 1 < n else 0
        if ic != vertex or count == 1:  # collapsed arcs in between: bridge the gap
            extras[k] = [(a[3], a[4], 0.0, CONNECTOR, -1)]
            continue
        t_in_x, t_in_y, t_out_x, t_out_y = a[7], a[8], c[5], c[6]
        cross = t_in_x * t_out_y - t_in_y * t_out_x
        dot = t_in_x * t_out_x + t_in_y * t_out_y
        straight = abs(d * cross) <= tol
        if straight and dot <= 0.0 and cross * d > 0.0 and a[0] == 0.0 and c[0] == 0.0:
            straight = not bends_in(cross, a[9], c[9], tol)
        if straight and dot > 0.0:  # tangent-continuous: the offsets already meet
            if a[0] == 0.0 and c[0] == 0.0:
                f = d / (1.0 + dot)
                x = xs[vertex] + f * (-t_in_y - t_out_y)
                y = ys[vertex] + f * (t_in_x + t_out_x)
            else:
                x, y = (a[3] + c[1]) * 0.5, (a[4] + c[2]) * 0.5
            ends[k][0], ends[k][1] = x, y
            starts[(k + 1) % count][0], starts[(k + 1) % count][1] = x, y
        elif cross * d > 0.0 and not straight:  # concave: trim both to their intersection
            hit = _concave_point(a, c, xs[vertex], ys[vertex], d, tol)
            if hit is None:
                extras[k] = [(a[3], a[4], 0.0, CONNECTOR, -1)]
            else:
                x, y, ua, uc = hit
                ends[k] = [x, y, ua]
                starts[(k + 1) % count] = [x, y, uc]
                trims.append(k)
        elif join == MITER and dot >= limit_cos and dot > -1.0:
            f = d / (1.0 + dot)
            x = xs[vertex] + f * (-t_in_y - t_out_y)
            y = ys[vertex] + f * (t_in_x + t_out_x)
            extras[k] = _tip(a, c, x, y, x, y, vertex, ends[k], starts[(k + 1) % count])
        elif join == MITER:
            # Beyond the limit the miter is cut square to its bisector at miter_limit * |d|
            # from the corner (GEOS's "limited mitre"); a plain bevel if that is nearer.
            wx, wy = t_in_x - t_out_x, t_in_y - t_out_y
            wlen = math.sqrt(wx * wx + wy * wy)
            reach = -d * cross / wlen  # how far the offset ends lie along the bisector
            if clip <= reach:
                extras[k] = [(a[3], a[4], 0.0, JOIN, vertex)]
            else:
                f = (clip - reach) * wlen / (1.0 - dot)
                extras[k] = _tip(
                    a,
                    c,
                    a[3] + f * t_in_x,
                    a[4] + f * t_in_y,
                    c[1] - f * t_out_x,
                    c[2] - f * t_out_y,
                    vertex,
                    ends[k],
                    starts[(k + 1) % count],
                )
        elif join == ROUND:
            turn = math.atan2(abs(cross), dot)
            extras[k] = [
                (a[3], a[4], math.tan(-turn / 4.0 if d > 0.0 else turn / 4.0), JOIN, vertex)
            ]
        else:
            extras[k] = [(a[3], a[4], 0.0, JOIN, vertex)]
    # A trim that leaves a segment running backwards means the offsets met beyond it: bridge
    # those corners with connectors instead and let the cleanup cut the loop out.
    if trims:
        bad = [_inverted(live[k], starts[k], ends[k], tol) for k in range(count)]
        for k in trims:
            nxt = k + 1 if k + 1 < count else 0
            if bad[k] or bad[nxt]:
                a, c = live[k], live[nxt]
                ends[k] = [a[3], a[4], 1.0]
                starts[nxt] = [c[1], c[2], 0.0]
                extras[k] = [(a[3], a[4], 0.0, CONNECTOR, -1)]
    rx: list[float] = []
    ry: list[float] = []
    rb: list[float] = []
    kinds: list[int] = []
    gens: list[int] = []
    for k in range(count):
        s = live[k]
        rx.append(starts[k][0])
        ry.append(starts[k][1])
        if s[0] == 0.0:
            rb.append(0.0)
        else:
            span = ends[k][2] - starts[k][2]
            rb.append(s[17] if span == 1.0 else math.tan(math.atan(s[17]) * span))
        kinds.append(SEGMENT)
        gens.append(int(s[10]))
        for x, y, b, kind, gen in extras[k]:
            rx.append(x)
            ry.append(y)
            rb.append(b)
            kinds.append(kind)
            gens.append(gen)
    if not closed:
        rx.append(ends[-1][0])
        ry.append(ends[-1][1])
        rb.append(0.0)
    return rx, ry, rb, kinds, gens, closed


def bends_in(cross: float, length_a: float, length_c: float, tol: float) -> bool:
    """Whether a reversal between straight segments whose offsets lie on the inside of its
    turn (``cross * d > 0``) is no reversal within the tolerance: although its offset ends
    meet within it, the shorter segment leaves the other's line by more than the tolerance
    (its offset side's), so the corner is concave there, as any sharp one."""
    return abs(cross) * min(length_a, length_c) > tol


def simple_lines(
    xs: list[float],
    ys: list[float],
    closed: bool,
    d: float,
    miter: bool,
    limit_cos: float,
    tol: float,
    tol0: float,
    reach: float,
) -> tuple[list[float], list[float]] | None:
    """The offset of a straight-segment polyline when nothing needs cleaning up, else None.

    Handles the common case in a few microseconds: every corner is a trim, a tangent or a
    miter within the limit (one offset vertex per source vertex), no trimmed segment runs
    backwards or shrinks to the tolerance, and no two offset segments (nor an offset segment
    and a source segment other than its own and its neighbours, widened by ``reach``: ``|d|``,
    or as far as a miter kite reaches) have overlapping boxes, so there is nothing to cut.
    Gives exactly what :func:`raw_offset` and the cleanup give then. Also None for duplicate
    vertices (within ``tol0``): the caller deduplicates first.
    """
    n = len(xs)
    sqrt = math.sqrt
    last = n if closed else n - 1  # index of the last vertex that starts a segment, plus one
    # Direction of the segment arriving at the first corner.
    if closed:
        x1, y1 = xs[-1], ys[-1]
    else:
        x1, y1 = xs[0], ys[0]
    x2, y2 = xs[0 if closed else 1], ys[0 if closed else 1]
    dx, dy = x2 - x1, y2 - y1
    length = sqrt(dx * dx + dy * dy)
    if length <= tol0:
        return None
    ax, ay = dx / length, dy / length
    rx: list[float] = []
    ry: list[float] = []
    if not closed:
        rx.append(x1 - d * ay)
        ry.append(y1 + d * ax)
    first = 0 if closed else 1
    for v in range(first, last):
        x1, y1 = xs[v], ys[v]
        if v + 1 < n:
            dx, dy = xs[v + 1] - x1, ys[v + 1] - y1
        else:
            dx, dy = xs[0] - x1, ys[0] - y1
        length = sqrt(dx * dx + dy * dy)
        if length <= tol0:
            return None
        cx, cy = dx / length, dy / length
        cross = ax * cy - ay * cx
        dot = ax * cx + ay * cy
        if -tol <= d * cross <= tol:
            if dot <= 0.0:
                return None
        elif cross * d < 0.0 and not (miter and dot >= limit_cos and dot > -1.0):
            return None  # a bevel or a clipped miter: extra vertices
        if dot <= -1.0:
            return None  # a reversal
        f = d / (1.0 + dot)
        x, y = x1 - f * (ay + cy), y1 + f * (ax + cx)
        if rx and (x - rx[-1]) * ax + (y - ry[-1]) * ay <= tol:
            return None  # a trim overran its segment (or left nothing of it)
        rx.append(x)
        ry.append(y)
        ax, ay = cx, cy
    if closed:
        if (rx[0] - rx[-1]) * ax + (ry[0] - ry[-1]) * ay <= tol:
            return None
    else:
        x, y = xs[-1] - d * ay, ys[-1] + d * ax
        if (x - rx[-1]) * ax + (y - ry[-1]) * ay <= tol:
            return None
        rx.append(x)
        ry.append(y)
    m = n if closed else n - 1
    if m > 2 and _any_box_contact(xs, ys, rx, ry, m, closed, reach + tol, tol):
        return None
    return rx, ry


def _any_box_contact(
    xs: list[float],
    ys: list[float],
    rx: list[float],
    ry: list[float],
    m: int,
    closed: bool,
    r: float,
    tol: float,
) -> bool:
    """Whether two offset segments' boxes, or an offset segment's box and the box of a source
    segment other than its own and its neighbours widened by ``r``, overlap."""
    n = len(xs)
    if m == 3 and not closed:  # four vertices: only the first and last segments can meet
        return _contact(xs, ys, rx, ry, 0, 2, r, tol)
    boxes = []
    for k in range(m):
        j = k + 1 if k + 1 < n else 0
        a, b, c, e = rx[k], rx[j], ry[k], ry[j]
        p, q, s, t = xs[k], xs[j], ys[k], ys[j]
        if a > b:
            a, b = b, a
        if c > e:
            c, e = e, c
        if p > q:
            p, q = q, p
        if s > t:
            s, t = t, s
        boxes.append((a - tol, c - tol, b + tol, e + tol, p - r, s - r, q + r, t + r))
    if m > 16:  # sweep instead of all pairs
        raw_boxes = [box[:4] for box in boxes]
        src_boxes = [box[4:] for box in boxes]

        def apart(k: int, i: int) -> bool:
            gap = abs(k - i)
            return gap >= 2 and not (closed and gap == m - 1)

        return any(apart(k, i) for k, i in box_pairs(raw_boxes, raw_boxes, 0.0)) or any(
            apart(k, i) for k, i in box_pairs(raw_boxes, src_boxes, 0.0, bipartite=True)
        )
    for k in range(m - 2):
        p0, p1, p2, p3, q0, q1, q2, q3 = boxes[k]
        for i in range(k + 2, m - 1 if closed and k == 0 else m):
            b0, b1, b2, b3, c0, c1, c2, c3 = boxes[i]
            if b0 <= p2 and b2 >= p0 and b1 <= p3 and b3 >= p1:
                return True
            if c0 <= p2 and c2 >= p0 and c1 <= p3 and c3 >= p1:
                return True
            if q0 <= b2 and q2 >= b0 and q1 <= b3 and q3 >= b1:
                return True
    return False


def _contact(
    xs: list[float],
    ys: list[float],
    rx: list[float],
    ry: list[float],
    k: int,
    i: int,
    r: float,
    tol: float,
) -> bool:
    """:func:`_any_box_contact` for the one pair of segments ``k`` and ``i``."""
    j, h = k + 1, i + 1
    a0, a1 = (rx[k], rx[j]) if rx[k] <= rx[j] else (rx[j], rx[k])
    b0, b1 = (ry[k], ry[j]) if ry[k] <= ry[j] else (ry[j], ry[k])
    c0, c1 = (rx[i], rx[h]) if rx[i] <= rx[h] else (rx[h], rx[i])
    e0, e1 = (ry[i], ry[h]) if ry[i] <= ry[h] else (ry[h], ry[i])
    if c0 <= a1 + 2 * tol and c1 >= a0 - 2 * tol and e0 <= b1 + 2 * tol and e1 >= b0 - 2 * tol:
        return True
    p0, p1 = (xs[i], xs[h]) if xs[i] <= xs[h] else (xs[h], xs[i])
    q0, q1 = (ys[i], ys[h]) if ys[i] <= ys[h] else (ys[h], ys[i])
    if p0 - r <= a1 + tol and p1 + r >= a0 - tol and q0 - r <= b1 + tol and q1 + r >= b0 - tol:
        return True
    p0, p1 = (xs[k], xs[j]) if xs[k] <= xs[j] else (xs[j], xs[k])
    q0, q1 = (ys[k], ys[j]) if ys[k] <= ys[j] else (ys[j], ys[k])
    return p0 - r <= c1 + tol and p1 + r >= c0 - tol and q0 - r <= e1 + tol and q1 + r >= e0 - tol


def _tip(
    a: list[float],
    c: list[float],
    x1: float,
    y1: float,
    x2: float,
    y2: float,
    vertex: int,
    end_a: list[float],
    start_c: list[float],
) -> list[tuple[float, float, float, int, int]]:
    """Corner vertices of a miter (``(x1, y1) == (x2, y2)``) or clipped miter from ``a`` to
    ``c``: straight offsets are extended to the tip, arcs get tangent straight extensions."""
    joint: list[tuple[float, float, float, int, int]] = []
    if a[0] != 0.0:
        joint.append((a[3], a[4], 0.0, JOIN, vertex))
    else:
        end_a[0], end_a[1] = x1, y1
    if x2 != x1 or y2 != y1:
        joint.append((x1, y1, 0.0, JOIN, vertex))
    if c[0] != 0.0:
        joint.append((x2, y2, 0.0, JOIN, vertex))
    else:
        start_c[0], start_c[1] = x2, y2
    return joint


def _inverted(seg: list[float], start: list[float], end: list[float], tol: float) -> bool:
    if seg[0] == 0.0:
        return (end[0] - start[0]) * seg[5] + (end[1] - start[1]) * seg[6] < -tol
    return (end[2] - start[2]) * seg[9] < -tol


def _concave_point(
    a: list[float], c: list[float], vx: float, vy: float, d: float, tol: float
) -> tuple[float, float, float, float] | None:
    """Intersection of the offsets of ``a`` and ``c`` next to their concave corner, with its
    parameter on each; None when they do not meet within the two segments."""
    if a[0] == 0.0 and c[0] == 0.0:
        t_in_x, t_in_y, t_out_x, t_out_y = a[7], a[8], c[5], c[6]
        turn = 1.0 + t_in_x * t_out_x + t_in_y * t_out_y
        if turn <= 0.0:
            return None  # a reversal: the offsets are parallel
        f = d / turn
        x = vx + f * (-t_in_y - t_out_y)
        y = vy + f * (t_in_x + t_out_x)
        ua = ((x - a[1]) * a[5] + (y - a[2]) * a[6]) / a[9]
        uc = ((x - c[1]) * c[5] + (y - c[2]) * c[6]) / c[9]
        return x, y, ua, uc
    if a[0] == 0.0:
        points = line_circle(a[3], a[4], a[7], a[8], c[11], c[12], c[13])
    elif c[0] == 0.0:
        points = line_circle(c[1], c[2], c[5], c[6], a[11], a[12], a[13])
    else:
        points = circle_circle(a[11], a[12], a[13], c[11], c[12], c[13])
    if not points:
        return None
    tx, ty = (a[3] + c[1]) * 0.5, (a[4] + c[2]) * 0.5
    x, y = min(points, key=lambda p: (p[0] - tx) ** 2 + (p[1] - ty) ** 2)
    ua = _param_on(a, x, y)
    uc = _param_on(c, x, y)
    if not (-tol <= ua * a[9] and (ua - 1.0) * a[9] <= tol):
        return None
    if not (-tol <= uc * c[9] and (uc - 1.0) * c[9] <= tol):
        return None
    return x, y, ua, uc


def _param_on(s: list[float], x: float, y: float) -> float:
    if s[0] == 0.0:
        return ((x - s[1]) * s[5] + (y - s[2]) * s[6]) / s[9]
    return arc_param(s[11], s[12], s[14], s[15], s[16], x, y)


def box_pairs(
    boxes_a: list[tuple[float, float, float, float]],
    boxes_b: list[tuple[float, float, float, float]],
    tol: float,
    bipartite: bool = False,
) -> list[tuple[int, int]]:
    """Index pairs of overlapping boxes (``i < j`` within one list, or ``(a, b)`` across two),
    by a sweep over the left edges."""
    events = sorted(
        [(box[0], 0, i) for i, box in enumerate(boxes_a)]
        + ([(box[0], 1, i) for i, box in enumerate(boxes_b)] if bipartite else [])
    )
    pairs: list[tuple[int, int]] = []
    active_a: list[int] = []
    active_b: list[int] = []
    for x, side, i in events:
        box = boxes_a[i] if side == 0 else boxes_b[i]
        y0, y1 = box[1] - tol, box[3] + tol
        others = boxes_b if (bipartite and side == 0) else boxes_a
        pool = active_b if (bipartite and side == 0) else active_a
        keep = []
        for j in pool:
            other = others[j]
            if other[2] + tol < x:
                continue  # ended left of this box: never overlaps anything later
            keep.append(j)
            if other[1] <= y1 and other[3] >= y0:
                if not bipartite:
                    pairs.append((j, i) if j < i else (i, j))
                elif side == 0:
                    pairs.append((i, j))
                else:
                    pairs.append((j, i))
        pool[:] = keep
        (active_b if bipartite and side == 1 else active_a).append(i)
    return pairs
