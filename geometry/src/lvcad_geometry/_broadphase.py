"""Broad phase for many-segment intersections: which pairs of bounding boxes overlap.

Internal to :mod:`lvcad_geometry`. Boxes come as four float64 arrays (min x, min y, max x,
max y), already grown by whatever tolerance the caller needs. Two strategies, both free of
Python loops over boxes:

* all pairs at once by broadcasting, when ``n * m`` is small (or one side has a handful of
  boxes);
* a uniform grid otherwise: every box is listed in each cell it covers, cells are joined with
  :func:`numpy.bincount` offsets, and a pair found in several cells is kept only in the cell
  that holds the lower-left corner of the two boxes' overlap (so no sort or ``unique`` is
  needed to remove duplicates).
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import numpy.typing as npt

__all__ = ["overlapping_pairs"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
Boxes = tuple[FloatArray, FloatArray, FloatArray, FloatArray]

#: Up to this many box pairs the all-pairs test by broadcasting is used.
BRUTE_FORCE_PAIRS = 1 << 15
#: Grid cells are grown until every box covers at most this many cells on average.
CELLS_PER_BOX = 6
#: Candidate pairs are generated in chunks of about this many to bound memory.
PAIR_CHUNK = 1 << 22

_EMPTY = np.zeros(0, dtype=np.intp)


def overlapping_pairs(a: Boxes, b: Boxes | None = None) -> tuple[IntArray, IntArray]:
    """Index pairs ``(i, j)`` of boxes ``a[i]`` and ``b[j]`` that overlap or touch.

    With ``b=None`` the pairs are taken within ``a`` and only ``i < j`` is returned. The
    order of the pairs is unspecified.
    """
    same = b is None
    other = a if b is None else b
    n, m = len(a[0]), len(other[0])
    if n == 0 or m == 0:
        return _EMPTY, _EMPTY
    if n * m <= BRUTE_FORCE_PAIRS or min(n, m) <= 4:
        return _brute_force(a, other, same)
    return _grid(a, other, same)


def _brute_force(a: Boxes, b: Boxes, same: bool) -> tuple[IntArray, IntArray]:
    ax0, ay0, ax1, ay1 = (v[:, None] for v in a)
    bx0, by0, bx1, by1 = b
    mask = (ax0 <= bx1) & (bx0 <= ax1) & (ay0 <= by1) & (by0 <= ay1)
    if same:
        mask &= np.triu(np.ones(mask.shape, dtype=bool), 1)
    i, j = np.nonzero(mask)
    return i.astype(np.intp), j.astype(np.intp)


def _select(boxes: Boxes, region: tuple[float, float, float, float]) -> tuple[IntArray, Boxes]:
    """Boxes overlapping ``region``, clipped to it, with their original indices."""
    x0, y0, x1, y1 = boxes
    rx0, ry0, rx1, ry1 = region
    keep = np.flatnonzero((x0 <= rx1) & (x1 >= rx0) & (y0 <= ry1) & (y1 >= ry0))
    clipped = (
        np.maximum(x0[keep], rx0),
        np.maximum(y0[keep], ry0),
        np.minimum(x1[keep], rx1),
        np.minimum(y1[keep], ry1),
    )
    return keep, clipped


class _Grid:
    """A uniform grid of ``nx * ny`` square cells of side ``size`` from ``(x0, y0)``."""

    def __init__(self, region: tuple[float, float, float, float], size: float) -> None:
        self.x0, self.y0 = region[0], region[1]
        self.size = size
        self.nx = int((region[2] - region[0]) / size) + 1
        self.ny = int((region[3] - region[1]) / size) + 1

    def column(self, x: FloatArray) -> IntArray:
        index = np.floor((x - self.x0) / self.size).astype(np.intp)
        return np.clip(index, 0, self.nx - 1)

    def row(self, y: FloatArray) -> IntArray:
        index = np.floor((y - self.y0) / self.size).astype(np.intp)
        return np.clip(index, 0, self.ny - 1)

    def spans(self, boxes: Boxes) -> tuple[IntArray, IntArray, IntArray, IntArray]:
        """First column, first row, column count and row count covered by each box."""
        c0, r0 = self.column(boxes[0]), self.row(boxes[1])
        return c0, r0, self.column(boxes[2]) - c0 + 1, self.row(boxes[3]) - r0 + 1

    def entries(self, boxes: Boxes) -> tuple[IntArray, IntArray]:
        """One ``(cell, box index)`` entry per cell covered by each box."""
        c0, r0, nc, nr = self.spans(boxes)
        counts = nc * nr
        owner = np.repeat(np.arange(len(counts), dtype=np.intp), counts)
        first = np.cumsum(counts) - counts
        local = np.arange(len(owner), dtype=np.intp) - first[owner]
        cols = c0[owner] + local % nc[owner]
        rows = r0[owner] + local // nc[owner]
        return rows * self.nx + cols, owner


def _grid(a: Boxes, b: Boxes, same: bool) -> tuple[IntArray, IntArray]:
    # Only the region where both sets have boxes can hold an overlap.
    region = (
        max(float(a[0].min()), float(b[0].min())),
        max(float(a[1].min()), float(b[1].min())),
        min(float(a[2].max()), float(b[2].max())),
        min(float(a[3].max()), float(b[3].max())),
    )
    if region[0] > region[2] or region[1] > region[3]:
        return _EMPTY, _EMPTY
    keep_a, clip_a = _select(a, region)
    keep_b, clip_b = (keep_a, clip_a) if same else _select(b, region)
    if len(keep_a) == 0 or len(keep_b) == 0:
        return _EMPTY, _EMPTY
    grid = _make_grid(region, clip_a, clip_b, same)

    cells_a, owner_a = grid.entries(clip_a)
    cells_b, owner_b = (cells_a, owner_a) if same else grid.entries(clip_b)
    order = np.argsort(cells_b, kind="stable")
    sorted_owner_b = owner_b[order]
    per_cell_b = np.bincount(cells_b, minlength=grid.nx * grid.ny)
    cell_start_b = np.cumsum(per_cell_b) - per_cell_b

    # Each a-entry pairs with every b-entry of its cell; generate them in bounded chunks.
    pairs_per_entry = per_cell_b[cells_a]
    cumulative = np.cumsum(pairs_per_entry)
    total = int(cumulative[-1]) if len(cumulative) else 0
    found_i: list[IntArray] = []
    found_j: list[IntArray] = []
    bounds = np.searchsorted(cumulative, np.arange(PAIR_CHUNK, total, PAIR_CHUNK), side="left")
    edges = [0, *(int(v) + 1 for v in bounds), len(cells_a)]
    for lo, hi in itertools.pairwise(edges):
        if lo >= hi:
            continue
        counts = pairs_per_entry[lo:hi]
        entry = np.repeat(np.arange(lo, hi, dtype=np.intp), counts)
        first = np.cumsum(counts) - counts
        local = np.arange(len(entry), dtype=np.intp) - np.repeat(first, counts)
        cell = cells_a[entry]
        i = owner_a[entry]
        j = sorted_owner_b[cell_start_b[cell] + local]
        mask = i < j if same else np.ones(len(i), dtype=bool)
        i, j, cell = i[mask], j[mask], cell[mask]
        ax0, ay0, ax1, ay1 = (v[i] for v in clip_a)
        bx0, by0, bx1, by1 = (v[j] for v in clip_b)
        overlap = (ax0 <= bx1) & (bx0 <= ax1) & (ay0 <= by1) & (by0 <= ay1)
        # Report a pair once: in the cell of the lower-left corner of the boxes' overlap.
        corner = grid.row(np.maximum(ay0, by0)) * grid.nx + grid.column(np.maximum(ax0, bx0))
        mask = overlap & (corner == cell)
        found_i.append(keep_a[i[mask]])
        found_j.append(keep_b[j[mask]])
    return np.concatenate(found_i), np.concatenate(found_j)


def _make_grid(region: tuple[float, float, float, float], a: Boxes, b: Boxes, same: bool) -> _Grid:
    """A grid whose cells are about the size of a typical box, with bounded entry counts."""
    boxes: Boxes = a
    if not same:
        boxes = (
            np.concatenate((a[0], b[0])),
            np.concatenate((a[1], b[1])),
            np.concatenate((a[2], b[2])),
            np.concatenate((a[3], b[3])),
        )
    count = len(boxes[0])
    width, height = region[2] - region[0], region[3] - region[1]
    extent = float(np.mean(np.maximum(boxes[2] - boxes[0], boxes[3] - boxes[1])))
    # Cells no smaller than a typical box, and no more cells than about twice the boxes.
    size = max(extent, math.sqrt(width * height / (2.0 * count)), (width + height) / (2.0 * count))
    if not size > 0.0:
        return _Grid(region, 1.0)  # every box is the same point: one cell
    grid = _Grid(region, size)
    for _ in range(8):
        _, _, nc, nr = grid.spans(boxes)
        entries = int(np.sum(nc * nr))
        if entries <= CELLS_PER_BOX * count:
            break
        grid = _Grid(region, grid.size * 1.5 * math.sqrt(entries / (CELLS_PER_BOX * count)))
    return grid
