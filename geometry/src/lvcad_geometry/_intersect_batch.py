"""The numpy half of polyline intersections (internal to :mod:`lvcad_geometry.intersect`).

Segments as arrays with tolerance boxes, every straight-straight candidate pair solved at
once with the same rules as :func:`~lvcad_geometry.intersect.intersect_lines`, and the
bookkeeping on the hits (neighbours at shared vertices, order along the first entity,
duplicates). Each function here has a pure-Python twin in ``intersect.py``; tests check
that both paths agree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple, TypeAlias

import numpy as np
import numpy.typing as npt

from .arc import TAU, Arc
from .bulge import bulge_arcs
from .line import Line
from .polyline import Polyline, Segment
from .vec import Vec2

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]

#: A raw hit: segment of a, parameter on it, segment of b, parameter on it, the point.
Hit: TypeAlias = tuple[int, float, int, float, Vec2]


class Table(NamedTuple):
    """A chain's segments as arrays: end points, arc flags, scales and tolerance boxes."""

    x0: FloatArray
    y0: FloatArray
    x1: FloatArray
    y1: FloatArray
    is_arc: BoolArray
    scale: FloatArray
    boxes: tuple[FloatArray, FloatArray, FloatArray, FloatArray]


def segment_scale(segment: Segment) -> float:
    """The scale of one segment for tolerances: a line's largest coordinate magnitude, an
    arc's centre coordinates and radius (its points can lie no farther out than twice that)."""
    if isinstance(segment, Line):
        (x0, y0), (x1, y1) = segment
        return max(abs(x0), abs(y0), abs(x1), abs(y1))
    return max(abs(segment.center.x), abs(segment.center.y), segment.radius)


def segment_box(segment: Segment, tol: float) -> tuple[float, float, float, float]:
    """Bounding box of one segment grown by ``tol``: (min x, min y, max x, max y)."""
    if isinstance(segment, Line):
        (x0, y0), (x1, y1) = segment
        return min(x0, x1) - tol, min(y0, y1) - tol, max(x0, x1) + tol, max(y0, y1) + tol
    box = segment.bbox
    return box.min_x - tol, box.min_y - tol, box.max_x + tol, box.max_y + tol


def segment_table(entity: Line | Arc | Polyline, rel_tol: float, abs_tol: float) -> Table:
    """The segments of a line, an arc or a polyline as arrays, boxes grown by their tolerance."""
    if not isinstance(entity, Polyline):
        if isinstance(entity, Line):
            start, end = entity.start, entity.end
        else:
            start, end = entity.start_point, entity.end_point
        one_scale = segment_scale(entity)
        box = segment_box(entity, abs_tol + rel_tol * one_scale)

        def one(value: float) -> FloatArray:
            return np.array([value], dtype=np.float64)

        return Table(
            one(start.x),
            one(start.y),
            one(end.x),
            one(end.y),
            np.array([isinstance(entity, Arc)]),
            one(one_scale),
            (one(box[0]), one(box[1]), one(box[2]), one(box[3])),
        )
    x0, y0, x1, y1, bulge = entity._segment_arrays()
    is_arc = (bulge != 0.0) & ((x0 != x1) | (y0 != y1))
    scale = np.maximum(np.maximum(np.abs(x0), np.abs(y0)), np.maximum(np.abs(x1), np.abs(y1)))
    min_x, max_x = np.minimum(x0, x1), np.maximum(x0, x1)
    min_y, max_y = np.minimum(y0, y1), np.maximum(y0, y1)
    arcs = np.flatnonzero(is_arc)
    if len(arcs):
        cx, cy, radius, angle0, sweep = bulge_arcs(
            x0[arcs], y0[arcs], x1[arcs], y1[arcs], bulge[arcs]
        )
        scale[arcs] = np.maximum(np.maximum(np.abs(cx), np.abs(cy)), radius)
        # An arc's box also holds each axis extreme of its circle that the sweep passes.
        for k, (ux, uy) in enumerate(((1.0, 0.0), (0.0, 1.0), (-1.0, 0.0), (0.0, -1.0))):
            angle = k * math.pi / 2.0
            offset = np.where(sweep > 0.0, np.mod(angle - angle0, TAU), np.mod(angle0 - angle, TAU))
            passes = offset <= np.abs(sweep)
            px, py = cx + ux * radius, cy + uy * radius
            min_x[arcs] = np.where(passes, np.minimum(min_x[arcs], px), min_x[arcs])
            max_x[arcs] = np.where(passes, np.maximum(max_x[arcs], px), max_x[arcs])
            min_y[arcs] = np.where(passes, np.minimum(min_y[arcs], py), min_y[arcs])
            max_y[arcs] = np.where(passes, np.maximum(max_y[arcs], py), max_y[arcs])
    tol = abs_tol + rel_tol * scale
    boxes = (min_x - tol, min_y - tol, max_x + tol, max_y + tol)
    return Table(x0, y0, x1, y1, is_arc, scale, boxes)


class HitArrays(NamedTuple):
    seg_a: IntArray
    t_a: FloatArray
    seg_b: IntArray
    t_b: FloatArray
    x: FloatArray
    y: FloatArray


def hit_arrays(hits: Sequence[Hit]) -> HitArrays:
    return HitArrays(
        np.array([h[0] for h in hits], dtype=np.intp),
        np.array([h[1] for h in hits], dtype=np.float64),
        np.array([h[2] for h in hits], dtype=np.intp),
        np.array([h[3] for h in hits], dtype=np.float64),
        np.array([h[4].x for h in hits], dtype=np.float64),
        np.array([h[4].y for h in hits], dtype=np.float64),
    )


def concat_hits(*parts: HitArrays) -> HitArrays:
    return HitArrays(*(np.concatenate(columns) for columns in zip(*parts, strict=True)))


def line_line_hits(
    ax0: FloatArray,
    ay0: FloatArray,
    ax1: FloatArray,
    ay1: FloatArray,
    bx0: FloatArray,
    by0: FloatArray,
    bx1: FloatArray,
    by1: FloatArray,
    tol: FloatArray,
) -> tuple[IntArray, FloatArray, FloatArray, FloatArray, FloatArray]:
    """Vectorised :func:`~lvcad_geometry.intersect.intersect_lines` over pairs, same rules.

    Returns the pair index, the parameters on both segments and the point of each hit (a
    collinear overlap gives up to two hits for its pair).
    """
    d1x, d1y, d2x, d2y = ax1 - ax0, ay1 - ay0, bx1 - bx0, by1 - by0
    len1, len2 = np.hypot(d1x, d1y), np.hypot(d2x, d2y)
    wx, wy = bx0 - ax0, by0 - ay0
    valid = (len1 > tol) & (len2 > tol)
    denom = d1x * d2y - d1y * d2x
    # Collinear (one segment's ends within tol of the other's line) implies
    # |denom| <= 2 * tol * length of the other, so only those few pairs need the full test.
    k = np.flatnonzero(valid & (np.abs(denom) <= 4.0 * tol * np.maximum(len1, len2)))
    off_b = np.maximum(
        np.abs(d1x[k] * wy[k] - d1y[k] * wx[k]),
        np.abs(d1x[k] * (by1[k] - ay0[k]) - d1y[k] * (bx1[k] - ax0[k])),
    )
    off_a = np.maximum(
        np.abs(d2x[k] * wy[k] - d2y[k] * wx[k]),
        np.abs(d2x[k] * (ay1[k] - by0[k]) - d2y[k] * (ax1[k] - bx0[k])),
    )
    collinear = k[(off_b <= tol[k] * len1[k]) | (off_a <= tol[k] * len2[k])]
    crossing_mask = valid & (denom != 0.0)
    crossing_mask[collinear] = False
    parts: list[tuple[IntArray, FloatArray, FloatArray, FloatArray, FloatArray]] = []

    k = np.flatnonzero(crossing_mask)
    t = (wx[k] * d2y[k] - wy[k] * d2x[k]) / denom[k]
    u = (wx[k] * d1y[k] - wy[k] * d1x[k]) / denom[k]
    t_tol, u_tol = tol[k] / len1[k], tol[k] / len2[k]
    ok = (t >= -t_tol) & (t <= 1.0 + t_tol) & (u >= -u_tol) & (u <= 1.0 + u_tol)
    k, t, u = k[ok], np.clip(t[ok], 0.0, 1.0), np.clip(u[ok], 0.0, 1.0)
    parts.append((k, t, u, ax0[k] + t * d1x[k], ay0[k] + t * d1y[k]))

    if len(collinear):
        k = collinear
        length_sq = len1[k] * len1[k]
        t_a = (wx[k] * d1x[k] + wy[k] * d1y[k]) / length_sq
        t_b = ((bx1[k] - ax0[k]) * d1x[k] + (by1[k] - ay0[k]) * d1y[k]) / length_sq
        low = np.maximum(0.0, np.minimum(t_a, t_b))
        high = np.minimum(1.0, np.maximum(t_a, t_b))
        ok = low <= high + tol[k] / len1[k]
        k, low, high = k[ok], low[ok], np.maximum(low[ok], high[ok])
        x_low, y_low = ax0[k] + low * d1x[k], ay0[k] + low * d1y[k]
        x_high, y_high = ax0[k] + high * d1x[k], ay0[k] + high * d1y[k]
        second = np.hypot(x_high - x_low, y_high - y_low) > tol[k]
        k_all = np.concatenate((k, k[second]))
        t_all = np.concatenate((low, high[second]))
        x_all = np.concatenate((x_low, x_high[second]))
        y_all = np.concatenate((y_low, y_high[second]))
        u_all = (x_all - bx0[k_all]) * d2x[k_all] + (y_all - by0[k_all]) * d2y[k_all]
        u_all /= len2[k_all] * len2[k_all]
        parts.append((k_all, t_all, np.clip(u_all, 0.0, 1.0), x_all, y_all))
    pair, tt, uu, xx, yy = (np.concatenate(columns) for columns in zip(*parts, strict=True))
    return pair.astype(np.intp), tt, uu, xx, yy


def drop_neighbours(hits: HitArrays, table: Table, closed: bool, tol: float) -> HitArrays:
    """Self-intersection hits without neighbours meeting at their shared vertex (the numpy
    twin of :func:`lvcad_geometry.intersect._drop_neighbours_scalar`)."""
    if not len(hits.x):
        return hits
    i, j, x, y = hits.seg_a, hits.seg_b, hits.x, hits.y
    lengths = np.hypot(table.x1 - table.x0, table.y1 - table.y0)
    cumulative = np.concatenate(([0.0], np.cumsum(lengths)))
    drop = (cumulative[j] - cumulative[i + 1] <= tol) & (
        np.hypot(x - table.x1[i], y - table.y1[i]) <= tol
    )
    if closed:
        wrap = cumulative[-1] - cumulative[j + 1] + cumulative[i]
        drop |= (wrap <= tol) & (np.hypot(x - table.x0[i], y - table.y0[i]) <= tol)
    keep = ~drop
    return HitArrays(
        hits.seg_a[keep], hits.t_a[keep], hits.seg_b[keep], hits.t_b[keep], x[keep], y[keep]
    )


def merge(hits: HitArrays, closed: bool, tol: float) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Stations, x and y of the hits in order along the first chain, duplicates merged (the
    numpy twin of :func:`lvcad_geometry.intersect._merge_scalar`)."""
    station = hits.seg_a + hits.t_a
    order = np.argsort(station, kind="stable")
    station, x, y = station[order], hits.x[order], hits.y[order]
    keep = np.ones(len(x), dtype=bool)
    keep[1:] = np.hypot(np.diff(x), np.diff(y)) > tol
    station, x, y = station[keep], x[keep], y[keep]
    if closed and len(x) > 1 and math.hypot(x[-1] - x[0], y[-1] - y[0]) <= tol:
        station, x, y = station[:-1], x[:-1], y[:-1]
    return station, x, y
