"""Broad phase for many-segment work (offset cleanup, intersections): overlapping box pairs.

Every box is entered in the grid cells it covers; entries are grouped by cell with one sort
of packed ``cell * count + box`` integer keys (numpy sorts int64 keys several times faster
than it argsorts floats), and each pair is reported once, from the cell holding the lower
left corner of the two boxes' intersection. The few boxes much larger than the cell size
are tested against all boxes directly, and small inputs skip the grid altogether.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["Boxes", "boxes_meet", "overlapping_pairs", "take"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
#: ``(min_x, min_y, max_x, max_y)`` arrays.
Boxes = tuple[FloatArray, FloatArray, FloatArray, FloatArray]

#: Below this many candidate pairs, test all of them directly.
_DENSE_PAIRS = 2048
#: Boxes spanning more cells than this per axis are tested against everything directly.
_BIG_CELLS = 16

_EMPTY = np.zeros(0, dtype=np.int64)


def overlapping_pairs(a: Boxes, b: Boxes | None = None) -> tuple[IntArray, IntArray]:
    """Index pairs of overlapping (or touching) boxes.

    With one box set: pairs ``i < j``. With two: pairs ``(i, j)``, ``i`` indexing ``a``.

    Example
    -------
    >>> box = lambda *v: tuple(np.array(c, dtype=float) for c in v)
    >>> overlapping_pairs(box([0, 2, 5], [0, 0, 0], [3, 4, 6], [1, 1, 1]))
    (array([0]), array([1]))
    """
    na = len(a[0])
    if b is None:
        if na * (na - 1) // 2 <= _DENSE_PAIRS:
            i, j = np.triu_indices(na, 1)
            keep = boxes_meet(a, i, a, j)
            return i[keep].astype(np.int64), j[keep].astype(np.int64)
        if _sweep_pays(a[0], a[2], a[0], a[2], na):
            return _sweep_self(a)
        return _grid(a, na, None)
    nb = len(b[0])
    if na * nb > _DENSE_PAIRS:
        # Only boxes that meet the other set's extent can overlap one of its boxes.
        ka, kb = _within(a, b), _within(b, a)
        if len(ka) < na or len(kb) < nb:
            i, j = _two(take(a, ka), take(b, kb))
            return ka[i], kb[j]
    return _two(a, b)


def _two(a: Boxes, b: Boxes) -> tuple[IntArray, IntArray]:
    na, nb = len(a[0]), len(b[0])
    if na * nb <= _DENSE_PAIRS:
        i = np.repeat(np.arange(na), nb)
        j = np.tile(np.arange(nb), na)
        keep = boxes_meet(a, i, b, j)
        return i[keep], j[keep]
    if _sweep_pays(a[0], a[2], b[0], b[2], na + nb):
        return _sweep_two(a, b)
    return _grid(a, na, b)


def _within(a: Boxes, b: Boxes) -> IntArray:
    """Indices of the boxes of ``a`` that meet the bounding box of all of ``b``."""
    x0, y0, x1, y1 = float(b[0].min()), float(b[1].min()), float(b[2].max()), float(b[3].max())
    return np.flatnonzero((a[0] <= x1) & (a[2] >= x0) & (a[1] <= y1) & (a[3] >= y0))


def take(boxes: Boxes, k: IntArray) -> Boxes:
    """Boxes ``k`` of a box set."""
    return boxes[0][k], boxes[1][k], boxes[2][k], boxes[3][k]


#: The sweep is chosen when it would test at most this many pairs per box (estimated from a
#: sample); beyond that the grid, whose fixed cost is higher, tests fewer (measured on chunk
#: boxes of spirals and random walks, and on segment boxes of random walks).
_SWEEP_PER_BOX = 64
#: Boxes sampled to estimate the sweep's work.
_SAMPLE = 64


def _sweep_pays(x0: FloatArray, x1: FloatArray, ox0: FloatArray, ox1: FloatArray, n: int) -> bool:
    """Whether sweeping along x tests few pairs: estimated from a sample of boxes of one
    set, counting the boxes of the other set that start inside their x range (and the other
    way round for two sets)."""
    work = 0.0
    for lo, hi, starts in ((x0, x1, ox0), (ox0, ox1, x0)) if x0 is not ox0 else ((x0, x1, x0),):
        step = max(1, len(lo) // _SAMPLE)
        ordered = np.sort(starts)
        inside = np.searchsorted(ordered, hi[::step], side="right") - np.searchsorted(
            ordered, lo[::step], side="left"
        )
        work += float(inside.sum()) * step
    return work <= _SWEEP_PER_BOX * n


def _ranges(start: IntArray, stop: IntArray) -> tuple[IntArray, IntArray]:
    """Owner and value of every index in the ranges ``start[k]:stop[k]``."""
    counts = stop - start
    owner = np.repeat(np.arange(len(start)), counts)
    value = np.arange(len(owner)) - np.repeat(np.cumsum(counts) - counts - start, counts)
    return owner, value


def _sweep_self(a: Boxes) -> tuple[IntArray, IntArray]:
    """Sort and sweep along x: each box against the boxes starting inside its x range."""
    x0, y0, x1, y1 = a
    order = np.argsort(x0)
    start_sorted = x0[order]
    stop = np.searchsorted(start_sorted, x1[order], side="right")
    first = np.arange(1, len(order) + 1)
    p, q = _ranges(first, np.maximum(stop, first))
    i, j = order[p], order[q]
    keep = (y0[i] <= y1[j]) & (y1[i] >= y0[j])
    i, j = i[keep], j[keep]
    return np.minimum(i, j), np.maximum(i, j)


def _sweep_two(a: Boxes, b: Boxes) -> tuple[IntArray, IntArray]:
    """Sort and sweep for two box sets: each box against the other set's boxes that start
    inside its x range (ties go to the ``a`` side)."""
    order_a = np.argsort(a[0])
    order_b = np.argsort(b[0])
    a0, b0 = a[0][order_a], b[0][order_b]
    lo_b = np.searchsorted(b0, a0, side="left")
    hi_b = np.searchsorted(b0, a[2][order_a], side="right")
    lo_a = np.searchsorted(a0, b0, side="right")
    hi_a = np.searchsorted(a0, b[2][order_b], side="right")
    pa, pb = _ranges(lo_b, np.maximum(hi_b, lo_b))
    qb, qa = _ranges(lo_a, np.maximum(hi_a, lo_a))
    i = order_a[np.concatenate((pa, qa))]
    j = order_b[np.concatenate((pb, qb))]
    keep = (a[1][i] <= b[3][j]) & (a[3][i] >= b[1][j]) & (a[0][i] <= b[2][j]) & (a[2][i] >= b[0][j])
    return i[keep], j[keep]


def boxes_meet(a: Boxes, i: IntArray, b: Boxes, j: IntArray) -> npt.NDArray[np.bool_]:
    """Whether boxes ``a[i]`` and ``b[j]`` overlap or touch, pair by pair."""
    result: npt.NDArray[np.bool_] = (
        (a[0][i] <= b[2][j]) & (a[2][i] >= b[0][j]) & (a[1][i] <= b[3][j]) & (a[3][i] >= b[1][j])
    )
    return result


def _grid(a: Boxes, na: int, b: Boxes | None) -> tuple[IntArray, IntArray]:
    boxes = a if b is None else tuple(np.concatenate((p, q)) for p, q in zip(a, b, strict=True))
    x0, y0, x1, y1 = boxes
    total = len(x0)
    extent = np.maximum(x1 - x0, y1 - y0)
    gx, gy = float(x0.min()), float(y0.min())
    span = max(float(x1.max()) - gx, float(y1.max()) - gy)
    # Twice the typical box (the median of a sample): most boxes then cover one to four cells.
    sample = extent[:: max(1, total // _SAMPLE)]
    cell = 2.0 * float(np.partition(sample, len(sample) // 2)[len(sample) // 2])
    cell = max(cell, span * 1e-6, 1e-300)
    ix0 = ((x0 - gx) / cell).astype(np.int64)
    iy0 = ((y0 - gy) / cell).astype(np.int64)
    ix1 = ((x1 - gx) / cell).astype(np.int64)
    iy1 = ((y1 - gy) / cell).astype(np.int64)
    wide = ix1 - ix0 + 1
    tall = iy1 - iy0 + 1
    big = (wide > _BIG_CELLS) | (tall > _BIG_CELLS)
    pairs_i: list[IntArray] = []
    pairs_j: list[IntArray] = []
    if big.any():
        # Boxes spanning many cells: against every box directly, then out of the grid.
        for k in np.flatnonzero(big):
            others = np.arange(total)
            hit = others[(x0 <= x1[k]) & (x1 >= x0[k]) & (y0 <= y1[k]) & (y1 >= y0[k])]
            hit = hit[hit != k]
            hit = hit[~big[hit] | (hit > k)]  # big-big pairs once
            pairs_i.append(np.full(len(hit), k, dtype=np.int64))
            pairs_j.append(hit)
        wide = np.where(big, 0, wide)
    counts = wide * tall
    owner = np.repeat(np.arange(total), counts)
    local = np.arange(len(owner)) - np.repeat(np.cumsum(counts) - counts, counts)
    w = wide[owner]
    cx = ix0[owner] + local % w
    cy = iy0[owner] + local // w
    nx = int(ix1.max()) + 2
    ny = int(iy1.max()) + 2
    # Sort entries by cell (and, for two sets, by side within a cell: first set first).
    side = (owner >= na).astype(np.int64) if b is not None else np.zeros(len(owner), np.int64)
    cell_id = (cy * nx + cx) * 2 + side
    if nx * ny * 2 < (1 << 62) // max(total, 1):
        keys = np.sort(cell_id * total + owner)
        slot_sorted = keys // total
        order = keys - slot_sorted * total
    else:  # pragma: no cover - astronomically many cells
        perm = np.argsort(cell_id, kind="stable")
        slot_sorted, order = cell_id[perm], owner[perm]
    count = len(order)
    if count:
        cell_sorted = slot_sorted >> 1
        new_cell = np.concatenate(([True], cell_sorted[1:] != cell_sorted[:-1]))
        run_start = np.flatnonzero(new_cell)
        run_len = np.diff(np.concatenate((run_start, [count])))
        run_end = np.repeat(run_start + run_len, run_len)
        position = np.arange(count)
        if b is None:
            first, last = position + 1, run_end  # later entries of the same cell
        else:
            # First-set entries pair with the second-set entries of their cell.
            in_b = (slot_sorted & 1) == 1
            b_count = np.add.reduceat(in_b.astype(np.int64), run_start)
            b_start = np.repeat(run_start + run_len - b_count, run_len)
            first = np.where(in_b, run_end, b_start)
            last = np.where(in_b, run_end, run_end)
        partners = last - first
        p = np.repeat(position, partners)
        q = (
            np.repeat(first, partners)
            + np.arange(len(p))
            - np.repeat(np.cumsum(partners) - partners, partners)
        )
        i, j = order[p], order[q]
        # Report each pair once: from the cell holding its intersection's lower left corner.
        cell_p = cell_sorted[p]
        rx = ((np.maximum(x0[i], x0[j]) - gx) / cell).astype(np.int64)
        ry = ((np.maximum(y0[i], y0[j]) - gy) / cell).astype(np.int64)
        keep = (
            (ry * nx + rx == cell_p)
            & (x0[i] <= x1[j])
            & (x1[i] >= x0[j])
            & (y0[i] <= y1[j])
            & (y1[i] >= y0[j])
        )
        pairs_i.append(i[keep])
        pairs_j.append(j[keep])
    i = np.concatenate(pairs_i) if pairs_i else _EMPTY
    j = np.concatenate(pairs_j) if pairs_j else _EMPTY
    if b is None:
        lo, hi = np.minimum(i, j), np.maximum(i, j)
        keep = lo != hi
        return lo[keep], hi[keep]
    first_a = i < na
    keep = first_a != (j < na)
    ia = np.where(first_a, i, j)[keep]
    ib = np.where(first_a, j, i)[keep] - na
    return ia, ib
