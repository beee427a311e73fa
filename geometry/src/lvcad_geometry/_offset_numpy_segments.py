"""Vectorised segment geometry for the numpy offset cleanup.

Segments of a polyline (straight or bulge arcs) are addressed by index arrays and their
geometry is computed on demand for just those indices, so a million-segment curve costs
nothing until a segment becomes a candidate. Straight segments are parametrised by length
fraction, arcs by sweep fraction, as in :mod:`._offset_scalar`.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["Segments", "circle_circle", "drop_duplicate_vertices", "line_circle", "quadrant"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


class Segments:
    """The segments of a polyline given as x, y and bulge arrays."""

    __slots__ = ("b", "closed", "count", "has_arcs", "n", "x", "y")

    def __init__(
        self, x: FloatArray, y: FloatArray, b: FloatArray, closed: bool, arcs: bool | None = None
    ) -> None:
        """``arcs``: whether any segment is an arc, when the caller knows (else found out)."""
        self.x, self.y, self.b, self.closed = x, y, b, closed
        self.n = len(x)
        self.count = self.n if closed else self.n - 1
        self.has_arcs = bool(b[: self.count].any()) if arcs is None else arcs

    def ends(self, k: IntArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        """Start and end points of segments ``k``."""
        j = k + 1
        if self.closed:
            j = np.where(j == self.n, 0, j)
        return self.x[k], self.y[k], self.x[j], self.y[j]

    def vectors(self) -> tuple[FloatArray, FloatArray]:
        """Chord vectors of all segments (slices, no gathers)."""
        m = self.count
        if self.closed:
            return (
                np.concatenate((self.x[1:], self.x[:1])) - self.x,
                np.concatenate((self.y[1:], self.y[:1])) - self.y,
            )
        return self.x[1:] - self.x[:m], self.y[1:] - self.y[:m]

    def tangents(self, k: IntArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        """Unit tangents of segments ``k`` at their start and at their end."""
        x0, y0, x1, y1 = self.ends(k)
        dx, dy = x1 - x0, y1 - y0
        chord = np.sqrt(dx * dx + dy * dy)
        ux, uy = dx / chord, dy / chord
        if not self.has_arcs:
            return ux, uy, ux, uy
        b = self.b[k]
        b2 = b * b
        cos_h, sin_h = (1.0 - b2) / (1.0 + b2), 2.0 * b / (1.0 + b2)
        return (
            ux * cos_h + uy * sin_h,
            uy * cos_h - ux * sin_h,
            ux * cos_h - uy * sin_h,
            uy * cos_h + ux * sin_h,
        )

    def is_arc(self, k: IntArray) -> BoolArray:
        """Which of segments ``k`` are arcs."""
        if not self.has_arcs:
            return np.zeros(len(k), dtype=bool)
        result: BoolArray = self.b[k] != 0.0
        return result

    def arcs(self, k: IntArray) -> tuple[FloatArray, ...]:
        """Centre x, y, radius, unit direction to the arc's midpoint x, y, and signed sweep of
        arc segments ``k`` (all must be arcs)."""
        x0, y0, x1, y1 = self.ends(k)
        b = self.b[k]
        dx, dy = x1 - x0, y1 - y0
        chord = np.sqrt(dx * dx + dy * dy)
        kk = (1.0 - b * b) / (4.0 * b)
        cx = (x0 + x1) * 0.5 - dy * kk
        cy = (y0 + y1) * 0.5 + dx * kk
        radius = chord * (1.0 + b * b) / (4.0 * np.abs(b))
        mx = (x0 + x1) * 0.5 + dy * b * 0.5 - cx
        my = (y0 + y1) * 0.5 - dx * b * 0.5 - cy
        mlen = np.sqrt(mx * mx + my * my)
        return cx, cy, radius, mx / mlen, my / mlen, 4.0 * np.arctan(b)

    def lengths(self, k: IntArray) -> FloatArray:
        """Lengths of segments ``k`` (arcs along the arc)."""
        x0, y0, x1, y1 = self.ends(k)
        out = np.hypot(x1 - x0, y1 - y0)
        arc = self.is_arc(k)
        if arc.any():
            _, _, r, _, _, sweep = self.arcs(k[arc])
            out[arc] = r * np.abs(sweep)
        return out

    def boxes(self, k: IntArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        """Bounding boxes of segments ``k`` (arcs: the box of their circle)."""
        x0, y0, x1, y1 = self.ends(k)
        bx0, bx1 = np.minimum(x0, x1), np.maximum(x0, x1)
        by0, by1 = np.minimum(y0, y1), np.maximum(y0, y1)
        arc = self.is_arc(k)
        if arc.any():
            cx, cy, r, _, _, _ = self.arcs(k[arc])
            bx0[arc], bx1[arc], by0[arc], by1[arc] = cx - r, cx + r, cy - r, cy + r
        return bx0, by0, bx1, by1

    def points(self, k: IntArray, t: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Points at parameters ``t`` on segments ``k``."""
        x0, y0, x1, y1 = self.ends(k)
        px, py = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
        arc = self.is_arc(k)
        if arc.any():
            cx, cy, r, mx, my, sweep = self.arcs(k[arc])
            angle = (t[arc] - 0.5) * sweep
            ca, sa = np.cos(angle), np.sin(angle)
            px[arc] = cx + r * (mx * ca - my * sa)
            py[arc] = cy + r * (mx * sa + my * ca)
        return px, py

    def params(self, k: IntArray, px: FloatArray, py: FloatArray) -> FloatArray:
        """Parameters of points ``(px, py)`` (on or near segments ``k``)."""
        x0, y0, x1, y1 = self.ends(k)
        dx, dy = x1 - x0, y1 - y0
        l2 = dx * dx + dy * dy
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(l2 > 0.0, ((px - x0) * dx + (py - y0) * dy) / l2, 0.0)
        arc = self.is_arc(k)
        if arc.any():
            cx, cy, _, mx, my, sweep = self.arcs(k[arc])
            wx, wy = px[arc] - cx, py[arc] - cy
            t[arc] = 0.5 + np.arctan2(mx * wy - my * wx, mx * wx + my * wy) / sweep
        return t

    def nearer(
        self,
        k: IntArray,
        px: FloatArray,
        py: FloatArray,
        limit: float,
        corner: IntArray | None = None,
    ) -> BoolArray:
        """Whether segment ``k[i]`` passes closer than ``limit`` to ``(px[i], py[i])`` (an
        arc not counting its end at vertex ``corner[i]``, when given)."""
        x0, y0, x1, y1 = self.ends(k)
        dx, dy = x1 - x0, y1 - y0
        l2 = dx * dx + dy * dy
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.clip(np.where(l2 > 0.0, ((px - x0) * dx + (py - y0) * dy) / l2, 0.0), 0.0, 1.0)
        ex, ey = x0 + t * dx - px, y0 + t * dy - py
        out: BoolArray = ex * ex + ey * ey < limit * limit
        arc = self.is_arc(k)
        if arc.any():
            cx, cy, r, mx, my, sweep = self.arcs(k[arc])
            wx, wy = px[arc] - cx, py[arc] - cy
            u = 0.5 + np.arctan2(mx * wy - my * wx, mx * wx + my * wy) / sweep
            inside = (u >= 0.0) & (u <= 1.0)
            to_circle = np.abs(np.sqrt(wx * wx + wy * wy) - r) < limit
            qx, qy = px[arc], py[arc]
            near0 = (x0[arc] - qx) ** 2 + (y0[arc] - qy) ** 2 < limit * limit
            near1 = (x1[arc] - qx) ** 2 + (y1[arc] - qy) ** 2 < limit * limit
            if corner is not None:
                ka, skip = k[arc], corner[arc]
                near0 &= ka != skip
                near1 &= np.where(ka + 1 < self.n, ka + 1, 0) != skip
            to_ends = near0 | near1
            out[arc] = np.where(inside, to_circle, to_ends)
        return out


def quadrant(dx: FloatArray, dy: FloatArray) -> npt.NDArray[np.int8]:
    """Half-open quadrant code of directions: bit 1 for angles in [0, 180) degrees, bit 0 for
    [-90, 90). Directions sharing a bit lie in a half-open half-plane, which never holds two
    opposite directions (a closed one would: a 180-degree reversal)."""
    right = dx > 0.0
    up = dy > 0.0
    if not (dx * dy).all():  # a zero component (rare outside axis-aligned input)
        right |= (dx == 0.0) & (dy < 0.0)
        up |= (dy == 0.0) & (dx > 0.0)
    result: npt.NDArray[np.int8] = up.view(np.int8) << 1
    result += right.view(np.int8)
    return result


def line_circle(
    ox: FloatArray,
    oy: FloatArray,
    tx: FloatArray,
    ty: FloatArray,
    cx: FloatArray,
    cy: FloatArray,
    r: FloatArray,
    graze: float,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, BoolArray]:
    """Both points where lines (point ``o``, unit direction ``t``) meet circles, and whether
    they do (lines within ``graze`` of tangency touch without crossing: no points)."""
    wx, wy = cx - ox, cy - oy
    along = wx * tx + wy * ty
    px, py = ox + along * tx, oy + along * ty
    e = wx * ty - wy * tx  # r^2 - e^2 as (r - e)(r + e): precise for huge circles
    h2 = (r - e) * (r + e)
    ok = (h2 >= 0.0) & (h2 > 2.0 * r * graze)
    h = np.sqrt(np.where(ok, h2, 0.0))
    return px - h * tx, py - h * ty, px + h * tx, py + h * ty, ok


def circle_circle(
    ax: FloatArray,
    ay: FloatArray,
    ra: FloatArray,
    bx: FloatArray,
    by: FloatArray,
    rb: FloatArray,
    graze: float,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, BoolArray]:
    """Both points where circles meet (as :func:`._offset_scalar._circle_circle`)."""
    dx, dy = bx - ax, by - ay
    dist = np.sqrt(dx * dx + dy * dy)
    apart = (dist > graze) & (dist > 0.0)
    safe = np.where(apart, dist, 1.0)
    # ra^2 - a^2 as (ra - a)(ra + a), from differences of lengths (precise for huge circles).
    e, f = dist - ra, dist + ra
    two_d = 2.0 * safe
    q = (rb - e) * (rb + e) / two_d
    a = ra - q
    h2 = q * ((f - rb) * (f + rb) / two_d)
    ok = apart & (h2 >= 0.0) & (h2 > 2.0 * np.minimum(ra, rb) * graze)
    h = np.sqrt(np.where(ok, h2, 0.0))
    ux, uy = dx / safe, dy / safe
    px, py = ax + a * ux, ay + a * uy
    return px - h * uy, py + h * ux, px + h * uy, py - h * ux, ok


def drop_duplicate_vertices(
    x: FloatArray, y: FloatArray, b: FloatArray, closed: bool, tol: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Remove consecutive duplicate vertices (within ``tol``), and a closed polyline's last
    vertex when it repeats the first.

    A run of vertices within the tolerance of their predecessor keeps its first position and
    the bulge of the segment that leaves the run, as the scalar path does.
    """
    if len(x) < 2:
        return x, y, b
    dx, dy = np.diff(x), np.diff(y)
    dup = (np.abs(dx) <= tol) & (np.abs(dy) <= tol)
    if dup.any():
        dup &= np.hypot(dx, dy) <= tol
    if dup.any():
        keep = np.concatenate(([True], ~dup))
        # The bulge of a run's last vertex describes the segment leaving the run.
        last_of_run = np.flatnonzero(np.concatenate((keep[1:], [True])))
        x, y, b = x[keep], y[keep], b[last_of_run]
    if closed and len(x) > 1 and np.hypot(x[-1] - x[0], y[-1] - y[0]) <= tol:
        x, y, b = x[:-1], y[:-1], b[:-1]
    return x, y, b
