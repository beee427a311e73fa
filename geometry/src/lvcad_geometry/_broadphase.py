"""Broad phase for many-segment work (offset cleanup, intersections): overlapping box pairs.

One algorithm, a *band sweep*: the plane is cut into horizontal bands about two typical
boxes tall, every box is entered in the bands it covers, and within each band each box is
tested against the boxes that start inside its x range (one argsort of ``band, x`` keys and
binary searches find them). A pair met in several bands is kept only in the lowest band both
boxes cover. When a sample shows that few boxes share x ranges (curves drawn along x) the
whole plane is one band: a plain sort and sweep. Small inputs test all pairs directly, and
with two sets, boxes outside the other set's extent are dropped first.
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
#: Bands are made taller until boxes are entered this many times per box at most.
_ENTRIES_PER_BOX = 3


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
        return _band_sweep(a, None)
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
    return _band_sweep(a, b)


def _within(a: Boxes, b: Boxes) -> IntArray:
    """Indices of the boxes of ``a`` that meet the bounding box of all of ``b``."""
    x0, y0, x1, y1 = float(b[0].min()), float(b[1].min()), float(b[2].max()), float(b[3].max())
    return np.flatnonzero((a[0] <= x1) & (a[2] >= x0) & (a[1] <= y1) & (a[3] >= y0))


def take(boxes: Boxes, k: IntArray) -> Boxes:
    """Boxes ``k`` of a box set."""
    return boxes[0][k], boxes[1][k], boxes[2][k], boxes[3][k]


#: One band (a plain sweep) when it would test at most this many pairs per box (estimated
#: from a sample); beyond that bands test fewer (measured on chunk boxes of spirals and random
#: walks, segment boxes of random walks, random boxes).
_SWEEP_PER_BOX = 8
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


def _band_sweep(a: Boxes, b: Boxes | None) -> tuple[IntArray, IntArray]:
    """Pairs of one set (``b`` None: ``i < j``) or of two sets, by the band sweep."""
    boxes: Boxes = a
    if b is not None:
        boxes = (
            np.concatenate((a[0], b[0])),
            np.concatenate((a[1], b[1])),
            np.concatenate((a[2], b[2])),
            np.concatenate((a[3], b[3])),
        )
    x0, x1 = boxes[0], boxes[2]
    na, total = len(a[0]), len(x0)
    if b is None and _sweep_pays(x0, x1, x0, x1, total):
        return _sweep_self(a)
    if b is not None and _sweep_pays(a[0], a[2], b[0], b[2], total):
        return _sweep_two(a, b)
    owner, band, start, stop, low = _bands(boxes)
    if b is None:
        order = np.argsort(start)
        keys = start[order]
        last = np.searchsorted(keys, stop[order], side="right")
        first = np.arange(1, len(order) + 1)
        p, q = _ranges(first, np.maximum(last, first))
        p, q = order[p], order[q]
    else:
        side_a = owner < na
        ea, eb = np.flatnonzero(side_a), np.flatnonzero(~side_a)
        order_a = ea[np.argsort(start[ea])]
        order_b = eb[np.argsort(start[eb])]
        keys_a, keys_b = start[order_a], start[order_b]
        # Each entry against the other set's entries starting inside its range (ties: a).
        lo_b = np.searchsorted(keys_b, keys_a, side="left")
        hi_b = np.searchsorted(keys_b, stop[order_a], side="right")
        lo_a = np.searchsorted(keys_a, keys_b, side="right")
        hi_a = np.searchsorted(keys_a, stop[order_b], side="right")
        pa, pb = _ranges(lo_b, np.maximum(hi_b, lo_b))
        qb, qa = _ranges(lo_a, np.maximum(hi_a, lo_a))
        p = np.concatenate((order_a[pa], order_a[qa]))
        q = np.concatenate((order_b[pb], order_b[qb]))
    i, j = owner[p], owner[q]
    keep = boxes_meet(boxes, i, boxes, j) & (band[p] == np.maximum(low[i], low[j]))
    i, j = i[keep], j[keep]
    if b is None:
        return np.minimum(i, j), np.maximum(i, j)
    return i, j - na


def _bands(boxes: Boxes) -> tuple[IntArray, IntArray, FloatArray, FloatArray, IntArray]:
    """Band entries: owner box, band, sort keys of the box's x range within its band, and
    each box's lowest band.

    Keys are ``band * width + x`` with ``width`` more than twice the x extent, so every band's
    keys lie apart, and rounding (monotone for a fixed band) keeps each x range's keys around
    the keys of every start inside it.
    """
    x0, y0, x1, y1 = boxes
    n = len(x0)
    gx, gy = float(x0.min()), float(y0.min())
    span = float(y1.max()) - gy
    extent = y1 - y0
    sample = extent[:: max(1, n // _SAMPLE)]
    height = max(2.0 * float(np.partition(sample, len(sample) // 2)[len(sample) // 2]), span * 1e-6)
    while True:
        low = ((y0 - gy) / height).astype(np.int64) if height > 0.0 else np.zeros(n, np.int64)
        high = ((y1 - gy) / height).astype(np.int64) if height > 0.0 else low
        count = high - low + 1
        entries = int(count.sum())
        if entries <= _ENTRIES_PER_BOX * n:
            break
        height *= 2.0
    owner = np.repeat(np.arange(n), count)
    band = np.repeat(low - np.cumsum(count) + count, count) + np.arange(entries)
    base = band * (2.0 * (float(x1.max()) - gx) + 1.0) - gx
    return owner, band, base + x0[owner], base + x1[owner], low


def _sweep_self(a: Boxes) -> tuple[IntArray, IntArray]:
    """One band: each box against the boxes starting inside its x range."""
    x0, y0, x1, y1 = a
    order = np.argsort(x0)
    stop = np.searchsorted(x0[order], x1[order], side="right")
    first = np.arange(1, len(order) + 1)
    p, q = _ranges(first, np.maximum(stop, first))
    i, j = order[p], order[q]
    keep = (y0[i] <= y1[j]) & (y1[i] >= y0[j])
    i, j = i[keep], j[keep]
    return np.minimum(i, j), np.maximum(i, j)


def _sweep_two(a: Boxes, b: Boxes) -> tuple[IntArray, IntArray]:
    """One band, two sets: each box against the other set's boxes that start inside its x
    range (ties go to the ``a`` side)."""
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
    keep = boxes_meet(a, i, b, j)
    return i[keep], j[keep]


def boxes_meet(a: Boxes, i: IntArray, b: Boxes, j: IntArray) -> npt.NDArray[np.bool_]:
    """Whether boxes ``a[i]`` and ``b[j]`` overlap or touch, pair by pair."""
    result: npt.NDArray[np.bool_] = (
        (a[0][i] <= b[2][j]) & (a[2][i] >= b[0][j]) & (a[1][i] <= b[3][j]) & (a[3][i] >= b[1][j])
    )
    return result
