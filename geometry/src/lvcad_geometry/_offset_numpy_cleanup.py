"""Vectorised cleanup of a raw offset curve (the numpy path's :func:`._offset_scalar.cleanup`).

Candidates come from *chunks*: runs of at most :data:`CHUNK` consecutive source segments
whose directions all lie in one quadrant (monotone in x and y), and the raw segments they
produced. A monotone run cannot cross itself, two neighbouring runs whose quadrants share a
side form a run monotone in one direction, and (measured on random chains, and what makes
the smooth case fast) the clean offset of such a run keeps the distance to the run itself.
So only chunk pairs that are not neighbours, or neighbours that turn too sharply, go to the
exact vectorised tests: segment/segment intersections, and crossings of a raw segment with
the capsule of radius ``|d|`` around a source segment. Topology is then decided by the
shared :func:`._offset_stitch.stitch`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from ._broadphase import Boxes, overlapping_pairs
from ._offset_numpy_exact import (
    Dead,
    capsules,
    corner_of,
    crossings,
    own_segments,
)
from ._offset_numpy_segments import Segments, drop_duplicate_vertices, quadrant
from ._offset_scalar import DEAD, MITER, MIXED
from ._offset_stitch import Chain, Piece, stitch

if TYPE_CHECKING:
    from ._offset_numpy import Raw

__all__ = ["CHUNK", "cleanup", "finish"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
Result = tuple[FloatArray, FloatArray, FloatArray, bool]

#: Largest number of segments per chunk (longer polylines use :data:`CHUNK_LONG`).
CHUNK = 16
CHUNK_LONG = 128
_EMPTY_I = np.zeros(0, dtype=np.int64)
_EMPTY_F = np.zeros(0)


class _Chunks:
    """Chunk ``i`` covers segments ``start[i]:stop[i]``; ``code`` is the half-open quadrant of
    all its directions (see :func:`._offset_numpy_segments.quadrant`), -1 when there is none."""

    __slots__ = ("code", "start", "stop")

    def __init__(self, start: IntArray, stop: IntArray, code: IntArray) -> None:
        self.start, self.stop, self.code = start, stop, code


class _BoxedChunks(_Chunks):
    """Source chunks, with their boxes (raw chunk boxes are made only where needed)."""

    __slots__ = ("boxes",)

    def __init__(self, start: IntArray, stop: IntArray, code: IntArray, boxes: Boxes) -> None:
        super().__init__(start, stop, code)
        self.boxes = boxes


def _codes(segs: Segments) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int8], BoolArray]:
    """Quadrant codes of each segment's start and end direction, and which are monotone."""
    dx, dy = segs.vectors()
    if not segs.has_arcs:
        code = quadrant(dx, dy)
        return code, code, np.ones(segs.count, dtype=bool)
    b = segs.b[: segs.count]
    b2 = b * b
    cos_h, sin_h = (1.0 - b2) / (1.0 + b2), 2.0 * b / (1.0 + b2)
    t0x, t0y = dx * cos_h + dy * sin_h, dy * cos_h - dx * sin_h
    t1x, t1y = dx * cos_h - dy * sin_h, dy * cos_h + dx * sin_h
    c0, c1 = quadrant(t0x, t0y), quadrant(t1x, t1y)
    mono = (c0 == c1) & (np.abs(b) <= math.tan(math.pi / 8.0))  # sweep at most 90 degrees
    return c0, c1, mono


def _chunk_starts(
    c0: npt.NDArray[np.int8], c1: npt.NDArray[np.int8], mono: BoolArray | None, size: int
) -> IntArray:
    """First segment of every chunk: where the quadrant changes, around segments that are
    not monotone themselves (``mono``; None: all are), and every ``size`` segments."""
    m = len(c0)
    start = np.zeros(m, dtype=bool)
    start[::size] = True
    start[1:] |= c0[1:] != c1[:-1]
    if mono is not None and not mono.all():
        start[1:] |= ~mono[1:] | ~mono[:-1]
    return np.flatnonzero(start)


def _boxes_of(segs: Segments, start: IntArray, stop: IntArray, mono: BoolArray | None) -> Boxes:
    """Chunk boxes: from the end vertices for monotone chunks (``mono``; None: all are),
    segment boxes otherwise."""
    first, last = start, stop
    if segs.closed:  # ranges may run past the closing vertex
        first = np.where(start >= segs.n, start - segs.n, start)
        last = np.where(stop >= segs.n, stop - segs.n, stop)
    xa, xb = segs.x[first], segs.x[last]
    ya, yb = segs.y[first], segs.y[last]
    boxes = (np.minimum(xa, xb), np.minimum(ya, yb), np.maximum(xa, xb), np.maximum(ya, yb))
    if mono is not None and not mono.all():
        rough = np.flatnonzero(~mono)
        lengths = stop[rough] - start[rough]
        seg = np.repeat(start[rough], lengths) + (
            np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        )
        sx0, sy0, sx1, sy1 = segs.boxes(seg)
        at = np.repeat(np.arange(len(rough)), lengths)
        for out, vals, fn in (
            (boxes[0], sx0, np.minimum),
            (boxes[1], sy0, np.minimum),
            (boxes[2], sx1, np.maximum),
            (boxes[3], sy1, np.maximum),
        ):
            acc = np.full(len(rough), np.inf if fn is np.minimum else -np.inf)
            fn.at(acc, at, vals)
            out[rough] = acc
    return boxes


#: Chunks never grow beyond this many segments.
_CHUNK_MAX = 2048


def _source_chunks(segs: Segments, codes: npt.NDArray[np.int8] | None, r: float) -> _BoxedChunks:
    mono: BoolArray | None = None
    if codes is None:
        c0, c1, mono = _codes(segs)
    else:
        c0 = c1 = codes
    size = CHUNK if segs.count < 65536 else CHUNK_LONG
    start, stop, chunk_mono, boxes = _chunked(segs, c0, c1, mono, size)
    if size < _CHUNK_MAX:
        # Chunks much shorter than the offset distance would each meet many others within
        # it: grow them until the typical chunk spans about |d|.
        step = max(1, len(start) // 255)  # the median of a sample: cheap
        extent = np.maximum(
            boxes[2][::step] - boxes[0][::step], boxes[3][::step] - boxes[1][::step]
        )
        typical = float(np.partition(extent, len(extent) // 2)[len(extent) // 2])
        if 0.0 < typical < r:
            size = min(_CHUNK_MAX, size * math.ceil(r / typical))
            start, stop, chunk_mono, boxes = _chunked(segs, c0, c1, mono, size)
    if chunk_mono is not None:
        code = np.where(chunk_mono, c0[start], -1).astype(np.int64)
    else:
        code = c0[start].astype(np.int64)
    return _BoxedChunks(start, stop, code, boxes)


def _chunked(
    segs: Segments,
    c0: npt.NDArray[np.int8],
    c1: npt.NDArray[np.int8],
    mono: BoolArray | None,
    size: int,
) -> tuple[IntArray, IntArray, BoolArray | None, Boxes]:
    """Chunks of at most ``size`` segments: starts, stops, which are monotone (None: all)
    and boxes."""
    start = _chunk_starts(c0, c1, mono, size)
    stop = np.concatenate((start[1:], [segs.count]))
    chunk_mono = None
    if mono is not None and not mono.all():
        chunk_mono = np.logical_and.reduceat(mono, start)
    return start, stop, chunk_mono, _boxes_of(segs, start, stop, chunk_mono)


def _raw_chunks(raw_segs: Segments, owner: IntArray, src: _Chunks) -> _Chunks:
    """Raw chunk ``i``: the raw segments produced by source chunk ``i`` (on a simple curve,
    source chunk ``i`` itself)."""
    start = np.searchsorted(owner, src.start)
    stop = np.concatenate((start[1:], [raw_segs.count]))
    c0, c1, mono = _codes(raw_segs)
    c0, c1 = c0.astype(np.int64), c1.astype(np.int64)
    code = np.full(len(start), -1, dtype=np.int64)
    filled = stop > start
    if filled.any():
        s = start[filled]
        lo = np.minimum.reduceat(np.minimum(c0, c1), s)
        hi = np.maximum.reduceat(np.maximum(c0, c1), s)
        ok = np.logical_and.reduceat(mono, s) & (lo == hi)
        # reduceat over a chunk's run ends at the next filled chunk's start: exact here,
        # because empty chunks add no segments in between.
        code[filled] = np.where(ok, lo, -1)
    return _Chunks(start, stop, code)


def _expand(
    start_a: IntArray, stop_a: IntArray, start_b: IntArray, stop_b: IntArray
) -> tuple[IntArray, IntArray]:
    """All segment pairs of chunk pairs (index ranges ``start:stop`` on each side)."""
    na, nb = stop_a - start_a, stop_b - start_b
    sizes = na * nb
    total = int(sizes.sum())
    if total == 0:
        return _EMPTY_I, _EMPTY_I
    pair = np.repeat(np.arange(len(sizes)), sizes)
    local = np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    width = nb[pair]
    return start_a[pair] + local // width, start_b[pair] + local % width


#: Sub-range size for refining chunk pairs that monotonicity could not prove apart.
_SUB = 8


def _split(start: IntArray, stop: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """Cut ranges into sub-ranges of at most :data:`_SUB`: owner range, sub start, sub stop."""
    pieces = (stop - start + _SUB - 1) // _SUB
    owner = np.repeat(np.arange(len(start)), pieces)
    local = np.arange(len(owner)) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    sub_start = start[owner] + local * _SUB
    return owner, sub_start, np.minimum(sub_start + _SUB, stop[owner])


def _refined(
    segs_a: Segments,
    start_a: IntArray,
    stop_a: IntArray,
    mono_a: BoolArray,
    segs_b: Segments,
    start_b: IntArray,
    stop_b: IntArray,
    mono_b: BoolArray,
    widen: float | FloatArray,
) -> tuple[IntArray, IntArray]:
    """Segment pairs of range pairs, keeping only sub-range pairs whose boxes overlap (the
    ``b`` boxes widened by ``widen``, one value or one per range pair)."""
    if len(start_a) == 0:
        return _EMPTY_I, _EMPTY_I
    own_a, sa0, sa1 = _split(start_a, stop_a)
    own_b, sb0, sb1 = _split(start_b, stop_b)
    box_a = _boxes_of(segs_a, sa0, sa1, mono_a[own_a])
    box_b = _widen(
        _boxes_of(segs_b, sb0, sb1, mono_b[own_b]),
        widen[own_b] if isinstance(widen, np.ndarray) else widen,
    )
    # Sub-range pairs of the same range pair: consecutive sub-ranges of each range.
    first_a = np.searchsorted(own_a, np.arange(len(start_a)))
    first_b = np.searchsorted(own_b, np.arange(len(start_b)))
    count_a = np.bincount(own_a, minlength=len(start_a))
    count_b = np.bincount(own_b, minlength=len(start_b))
    i, j = _expand(first_a, first_a + count_a, first_b, first_b + count_b)
    keep = (
        (box_a[0][i] <= box_b[2][j])
        & (box_a[2][i] >= box_b[0][j])
        & (box_a[1][i] <= box_b[3][j])
        & (box_a[3][i] >= box_b[1][j])
    )
    i, j = i[keep], j[keep]
    return _expand(sa0[i], sa1[i], sb0[j], sb1[j])


def _widen(boxes: Boxes, r: float | FloatArray) -> Boxes:
    return boxes[0] - r, boxes[1] - r, boxes[2] + r, boxes[3] + r


def cleanup(
    raw: Raw,
    sx: FloatArray,
    sy: FloatArray,
    sb: FloatArray,
    src_closed: bool,
    d: float,
    join: int,
    miter_limit: float,
    tol: float,
) -> list[Result]:
    """Cut the raw curve where it crosses itself or a capsule of radius ``|d|`` around a
    source segment, keep the valid pieces and stitch them (see the module docstring)."""
    r = abs(d)
    if raw.simple and not raw.closed and raw.codes is not None:
        # The whole curve monotone in one direction with clean corners: nothing to cut.
        codes = raw.codes
        if (np.bitwise_and.reduce(codes) & 3) != 0 or (np.bitwise_or.reduce(codes) & 3) != 3:
            out = finish(raw.x, raw.y, raw.b, raw.closed, tol, known_clean=True)
            return [] if out is None else [out]
    # A simple raw curve comes from straight segments only, and has none itself.
    known = False if raw.simple else None
    src = Segments(sx, sy, sb, src_closed, known)
    rs = Segments(raw.x, raw.y, raw.b, raw.closed, known)
    m = rs.count
    schunks = _source_chunks(src, raw.codes, r)
    rchunks = schunks if raw.simple else _raw_chunks(rs, raw.owner, schunks)

    reach = (
        _kite_reach(src, schunks, d, miter_limit, raw)
        if join == MITER
        else np.full(len(schunks.start), r)
    )
    (ci, cj), (pi, pj) = _candidate_pairs(raw, rs, src, rchunks, schunks, reach, src_closed, tol)
    if raw.simple and len(ci) == 0 and len(pi) == 0:
        # Nothing left to test (and no rough chunks): the raw curve is the result.
        out = finish(raw.x, raw.y, raw.b, raw.closed, tol, known_clean=True)
        return [] if out is None else [out]

    # -- self-intersections of the raw curve ---------------------------------------------
    rough = np.flatnonzero((rchunks.code < 0) & (rchunks.stop > rchunks.start))
    mono = rchunks.code >= 0
    ca = np.concatenate((ci, rough))
    cb = np.concatenate((cj, rough))  # chunks that might cross themselves: with themselves
    a, b = _refined(
        rs,
        rchunks.start[ca],
        rchunks.stop[ca],
        mono[ca],
        rs,
        rchunks.start[cb],
        rchunks.stop[cb],
        mono[cb],
        tol,
    )
    keep = a < b
    a, b = a[keep], b[keep]
    loc_g, loc_x, loc_y, loc_rec, overlaps = crossings(rs, a, b, tol)

    # -- capsules around source segments -------------------------------------------------
    k, s = _refined(
        rs,
        rchunks.start[pi],
        rchunks.stop[pi],
        rchunks.code[pi] >= 0,
        src,
        schunks.start[pj],
        schunks.stop[pj],
        schunks.code[pj] >= 0,
        reach[pj] + tol,
    )
    if raw.clean and len(k) == 0 and len(loc_g) == 0 and len(overlaps[0]) == 0:
        # Nothing crosses and nothing comes near a capsule: the raw curve is the result.
        out = finish(raw.x, raw.y, raw.b, raw.closed, tol, known_clean=raw.simple)
        return [] if out is None else [out]
    cut_g, cut_x, cut_y, dead = capsules(
        raw, rs, src, k, s, d, miter_limit if join == MITER else None, tol, overlaps
    )
    first_cut = int(loc_rec.max()) + 1 if len(loc_rec) else 0
    cut_rec = first_cut + np.arange(len(cut_g))

    g_all = np.concatenate((loc_g, cut_g))
    x_all = np.concatenate((loc_x, cut_x))
    y_all = np.concatenate((loc_y, cut_y))
    rec_all = np.concatenate((loc_rec, cut_rec))
    # Locations inside dead parts only split pieces that are dropped anyway.
    seg_all = np.floor(g_all).astype(np.int64) % max(m, 1)
    useful = (dead.status[seg_all] != DEAD) & ~dead.inside(seg_all, g_all - np.floor(g_all))
    # One at a vertex also ends the segment before it.
    useful |= (g_all == np.floor(g_all)) & (dead.status[seg_all - 1] != DEAD)
    g_all, x_all, y_all, rec_all = g_all[useful], x_all[useful], y_all[useful], rec_all[useful]
    if len(g_all) == 0:
        if (dead.status == DEAD).any():
            return []
        out = finish(raw.x, raw.y, raw.b, raw.closed, tol, known_clean=raw.simple)
        return [] if out is None else [out]
    locations = list(
        zip(g_all.tolist(), x_all.tolist(), y_all.tolist(), rec_all.tolist(), strict=True)
    )
    ends = (float(raw.x[0]), float(raw.y[0]), float(raw.x[-1]), float(raw.y[-1]))

    def classify(pieces: list[Piece]) -> list[bool]:
        return _classify(pieces, raw, rs, src, schunks, dead, r, tol)

    chains = stitch(m, raw.closed, locations, ends, classify, tol)
    return _assemble(raw, rs, chains, tol)


def _candidate_pairs(
    raw: Raw,
    rs: Segments,
    src: Segments,
    rchunks: _Chunks,
    schunks: _BoxedChunks,
    reach: FloatArray,
    src_closed: bool,
    tol: float,
) -> tuple[tuple[IntArray, IntArray], tuple[IntArray, IntArray]]:
    """Chunk pairs for the exact tests: raw chunk pairs ``i < j`` whose boxes (grown by
    ``tol``) meet, and (raw chunk, source chunk) pairs whose raw box meets the source box grown
    by its ``reach`` (or supersets of both); less those that :class:`_Chains` proves apart
    (the capsule pairs only on a clean raw curve).

    On a simple curve raw chunk ``i`` lies within ``R_i``, the larger reach of source chunks
    ``i`` and ``i + 1`` (its last vertex is the next chunk's first), of source chunk ``i``; so
    one broad phase over the source boxes grown by ``R + tol`` finds both kinds of pairs, and
    one chain from ``i - 1`` to ``j + 1`` proves a pair for both kinds and both ways round.
    """
    if not raw.simple:
        filled = np.flatnonzero(rchunks.stop > rchunks.start)
        start, stop = rchunks.start[filled], rchunks.stop[filled]
        live = _widen(_boxes_of(rs, start, stop, rchunks.code[filled] >= 0), tol)
        ci, cj = overlapping_pairs(live)
        ci, cj = filled[ci], filled[cj]
        keep = ~_Chains(rchunks.code, raw.closed).monotone(ci, cj, 0)
        pi, pj = overlapping_pairs(live, _widen(schunks.boxes, reach))
        pi = filled[pi]
        if raw.clean:
            sharp = _sharp_after(src, schunks, raw)
            far = ~_Chains(schunks.code, src_closed, sharp).monotone(pi, pj, 1)
            pi, pj = pi[far], pj[far]
        return (ci[keep], cj[keep]), (pi, pj)
    grown = reach + tol
    if raw.closed:
        np.maximum(grown, np.roll(grown, -1), out=grown)
    else:
        np.maximum(grown[:-1], grown[1:], out=grown[:-1])
    # A superset of both kinds (the later tests look at the raw segments themselves).
    i, j = overlapping_pairs(_widen(schunks.boxes, grown))
    chains = _Chains(schunks.code, raw.closed, _sharp_after(src, schunks, raw))
    far = ~chains.monotone(i, j, 1, both=True)
    i, j = i[far], j[far]
    every = np.flatnonzero(~chains.around_each())
    return (i, j), (np.concatenate((i, j, every)), np.concatenate((j, i, every)))


def _kite_reach(
    src: Segments, chunks: _Chunks, d: float, miter_limit: float, raw: Raw
) -> FloatArray:
    """How far the miter kites of each source chunk reach beyond its box: within a monotone
    chunk every turn is under 90 degrees, so a kite reaches at most sqrt(2) |d| from its corner.
    The chunk's first corner (where the quadrant may change) is bounded by its own turn: no
    kite point lies farther from the corner than the miter tip, ``|d| / cos(turn / 2)``, nor
    than ``hypot(max(1, miter_limit), 1) |d|`` (a clipped or reversed miter); on a simple
    raw curve the tip is its raw vertex."""
    r = abs(d)
    widest = r * math.hypot(max(1.0, miter_limit), 1.0)
    reach = np.full(len(chunks.start), r * math.sqrt(2.0))
    reach[chunks.code < 0] = widest
    v = chunks.start
    if raw.simple:  # every corner a miter within the limit: its kite reaches to the tip
        tx, ty = raw.x[v] - src.x[v], raw.y[v] - src.y[v]
        tip = tx * tx
        tip += ty * ty
        out: FloatArray = np.maximum(reach, np.sqrt(tip, out=tip))
        return out
    if not src.closed:
        v = v[1:]  # the first chunk starts at the open end: no corner
    _, _, ax, ay = src.tangents(np.where(v > 0, v - 1, src.count - 1))
    cx, cy, _, _ = src.tangents(v)
    dot = ax * cx + ay * cy
    if not src.closed:
        dot = np.concatenate(([1.0], dot))
    with np.errstate(divide="ignore"):
        tip = r * np.sqrt(2.0 / np.maximum(1.0 + dot, 0.0))
    bounded: FloatArray = np.maximum(reach, np.minimum(tip, widest))
    return bounded


def _sharp_after(src: Segments, chunks: _Chunks, raw: Raw) -> BoolArray | None:
    """Per source chunk, whether the source turns 90 degrees or more from it to the next
    chunk (round a closed curve, from the last to the first); None when no corner does."""
    first = chunks.start[1:] if not src.closed else np.roll(chunks.start, -1)
    if raw.simple:
        if raw.sharp is None:
            return None
        turns = np.isin(first, raw.sharp)
    else:
        _, _, ax, ay = src.tangents(np.where(first > 0, first - 1, src.count - 1))
        cx, cy, _, _ = src.tangents(first)
        turns = ax * cx + ay * cy <= 0.0
        if not turns.any():
            return None
    return turns if src.closed else np.append(turns, False)


class _Chains:
    """Which runs of chunks form a chain monotone in one direction: all chunks monotone and
    their quadrants all sharing a side (see :func:`._offset_numpy_segments.quadrant`).

    ``run0`` and ``run1`` number, for each chunk, its run of chunks with the same bit 0 and
    bit 1 of the quadrant code (they grow at every change of that bit); a rough chunk (code
    -1) is a run of its own in both. A chain is monotone when its ends lie in one run of either
    bit, so the test costs the same for any distance between the chunks. Round a closed curve
    the codes repeat four times.

    A turn of 90 degrees or more between two chunks ends both runs too: directions in one
    half-plane may still come back almost the way they went (a near reversal), and the offset
    of such a chain can pass within the distance of the chain itself (found by hypothesis).
    """

    __slots__ = ("closed", "count", "mono", "run0", "run1")

    def __init__(self, code: IntArray, closed: bool, sharp: BoolArray | None = None) -> None:
        """``sharp[k]``: the curve turns 90 degrees or more from chunk ``k`` to the next, which
        ends every run (None: nowhere)."""
        self.closed, self.count = closed, len(code)
        if closed:
            code = np.tile(code, 4)
            sharp = None if sharp is None else np.tile(sharp, 4)
        self.mono = code >= 0
        change = code[1:] ^ code[:-1]
        if not self.mono.all():  # a rough chunk (-1: all bits set) starts and ends a run
            change[~(self.mono[1:] & self.mono[:-1])] = 3
        if sharp is not None:
            change[sharp[:-1]] = 3
        self.run0, self.run1 = np.zeros((2, len(code)), dtype=np.int64)
        np.cumsum(change & 1, out=self.run0[1:])
        np.cumsum(change & 2, out=self.run1[1:])

    def monotone(self, i: IntArray, j: IntArray, margin: int, both: bool = False) -> BoolArray:
        """Whether chunks ``i`` and ``j``, with every chunk between them and ``margin`` more
        beyond ``i`` (and beyond ``j`` too, with ``both``) on each side, form a monotone chain;
        on a closed curve either way round will do.

        For raw chunks (``margin`` 0) such a chain cannot cross itself. For the offset of source
        chunk ``i`` against source chunk ``j`` (``margin`` 1: the offset of chunk ``i`` depends
        on its corners with both neighbours) the clean offset of such a chain keeps at least the
        offset distance from the chain.
        """
        count = self.count
        extra = margin if both else 0
        if not self.closed:
            lo = np.maximum(np.minimum(i - margin, j - extra), 0)
            hi = np.minimum(np.maximum(i + margin, j + extra), count - 1)
            return self._chain(lo, hi)
        result = np.zeros(len(i), dtype=bool)
        for jj in (j, np.where(j < i, j + count, j - count)):
            lo = np.minimum(i - margin, jj - extra)
            hi = np.maximum(i + margin, jj + extra)
            short = hi - lo < count
            # A whole number of turns on: index -1 is chunk count - 1.
            result |= short & self._chain(
                np.where(short, lo, 0) + 2 * count, np.where(short, hi, 0) + 2 * count
            )
        return result

    def around_each(self) -> BoolArray:
        """For every chunk ``k``, :meth:`monotone` of ``k`` with itself and ``margin`` 1: the
        chain of chunks ``k - 1`` to ``k + 1`` (by slices, no gathers)."""
        n = self.count
        if self.closed:
            if n <= 2:  # the chain would go all the way round
                return np.zeros(n, dtype=bool)
            lo, hi = slice(2 * n - 1, 3 * n - 1), slice(2 * n + 1, 3 * n + 1)
            run0, run1, mono = self.run0, self.run1, self.mono
        else:  # clamped at the ends: padded with copies of the first and last chunk
            lo, hi = slice(0, n), slice(2, n + 2)
            run0, run1 = (np.concatenate((a[:1], a, a[-1:])) for a in (self.run0, self.run1))
            mono = np.concatenate((self.mono[:1], self.mono, self.mono[-1:]))
        return _one_run(run0, run1, mono, lo, hi)

    def _chain(self, lo: IntArray, hi: IntArray) -> BoolArray:
        return _one_run(self.run0, self.run1, self.mono, lo, hi)


def _one_run(
    run0: IntArray,
    run1: IntArray,
    mono: BoolArray,
    lo: IntArray | slice,
    hi: IntArray | slice,
) -> BoolArray:
    """Whether chunks ``lo`` and ``hi`` lie in one run of either bit (see :class:`_Chains`),
    chunk ``lo`` monotone (a chain of one rough chunk is not)."""
    same: BoolArray = (run0[lo] == run0[hi]) | (run1[lo] == run1[hi])
    same &= mono[lo]
    return same


def _classify(
    pieces: list[Piece],
    raw: Raw,
    rs: Segments,
    src: Segments,
    schunks: _BoxedChunks,
    dead: Dead,
    r: float,
    tol: float,
) -> list[bool]:
    """A piece is invalid when it touches a DEAD raw segment or, on a MIXED one, the middle
    of its part lies in a dead interval or (sampled segments) closer than ``r`` to a source
    segment other than its own."""
    m = rs.count
    status = dead.status
    g0 = np.array([p[0] for p in pieces])
    g1 = np.array([p[1] for p in pieces])
    k0 = np.floor(g0).astype(np.int64)
    k1 = np.ceil(g1).astype(np.int64)  # segments k0 .. k1 - 1 (may wrap past m)
    twice = np.concatenate((status, status)) if rs.closed else status
    dead_sum = np.concatenate(([0], np.cumsum(twice == DEAD)))
    valid = dead_sum[np.minimum(k1, len(twice))] - dead_sum[k0] == 0
    mixed = np.flatnonzero(twice == MIXED)
    if len(mixed) and valid.any():
        lo = np.searchsorted(mixed, k0)
        hi = np.searchsorted(mixed, k1)
        counts = np.where(valid, hi - lo, 0)
        piece = np.repeat(np.arange(len(pieces)), counts)
        seg = mixed[
            np.repeat(lo, counts)
            + np.arange(int(counts.sum()))
            - np.repeat(np.cumsum(counts) - counts, counts)
        ]
        mid = (np.maximum(g0[piece], seg) + np.minimum(g1[piece], seg + 1.0)) * 0.5 - seg
        seg = seg % m
        bad = dead.inside(seg, mid)
        probe = ~bad & dead.sampled[seg]
        if probe.any():
            px, py = rs.points(seg[probe], mid[probe])
            bad[probe] = _near_source(raw, seg[probe], px, py, src, schunks, r - tol)
        valid[piece[bad]] = False
    result: list[bool] = valid.tolist()
    return result


def _near_source(
    raw: Raw,
    k: IntArray,
    px: FloatArray,
    py: FloatArray,
    src: Segments,
    schunks: _BoxedChunks,
    limit: float,
) -> BoolArray:
    """Whether a source segment other than raw segment ``k``'s own passes within ``limit``."""
    near = np.zeros(len(k), dtype=bool)
    if len(k) == 0:
        return near
    points = (px - limit, py - limit, px + limit, py + limit)
    pi, pj = overlapping_pairs(points, schunks.boxes)
    i, s = _expand(pi, pi + 1, schunks.start[pj], schunks.stop[pj])
    if len(i) == 0:
        return near
    own0, own1, own2 = own_segments(raw, k[i], len(raw.kind), src)
    keep = (s != own0) & (s != own1) & (s != own2)
    i, s = i[keep], s[keep]
    hit = src.nearer(s, px[i], py[i], limit, corner_of(raw, k[i], s, src))
    near[i[hit]] = True
    return near


def _assemble(raw: Raw, rs: Segments, chains: list[Chain], tol: float) -> list[Result]:
    """Arrays of the polylines that the chains describe (as
    :func:`._offset_scalar.assemble`)."""
    rx, ry, rb = rs.x, rs.y, rs.b
    m, n = rs.count, rs.n
    out: list[Result] = []
    for pieces, cyclic in chains:
        xs: list[FloatArray] = []
        ys: list[FloatArray] = []
        bs: list[FloatArray] = []
        for g0, g1, x0, y0, _, _ in pieces:
            k0 = math.floor(g0)
            first = np.arange(k0 + 1, math.ceil(g1))
            idx = first % n
            seg = first % m
            end_t = np.minimum(1.0, g1 - first)
            xs.append(np.concatenate(([x0], rx[idx])))
            ys.append(np.concatenate(([y0], ry[idx])))
            bulge = np.concatenate(
                (
                    [_partial(float(rb[k0 % m]), g0 - k0, min(1.0, g1 - k0))],
                    _partials(rb[seg], end_t),
                )
            )
            bs.append(bulge)
        if not cyclic:
            last = pieces[-1]
            xs.append(np.array([last[4]]))
            ys.append(np.array([last[5]]))
            bs.append(np.zeros(1))
        result = finish(np.concatenate(xs), np.concatenate(ys), np.concatenate(bs), cyclic, tol)
        if result is not None:
            out.append(result)
    return out


def _partial(b: float, t0: float, t1: float) -> float:
    if b == 0.0 or (t0 == 0.0 and t1 == 1.0):
        return b
    return math.tan(math.atan(b) * (t1 - t0))


def _partials(b: FloatArray, t1: FloatArray) -> FloatArray:
    """Bulges of the parts ``[0, t1]`` of arcs with bulges ``b``."""
    part = (b != 0.0) & (t1 != 1.0)
    if not part.any():
        return b.copy()
    out = b.copy()
    out[part] = np.tan(np.arctan(b[part]) * t1[part])
    return out


def finish(
    x: FloatArray, y: FloatArray, b: FloatArray, closed: bool, tol: float, known_clean: bool = False
) -> Result | None:
    """Drop consecutive duplicate vertices (as :func:`._offset_scalar.dedupe`) and freeze the
    arrays; None when fewer than 2 vertices remain or a closed result is flat."""
    if not known_clean:
        x, y, b = drop_duplicate_vertices(x, y, b, closed, tol)
    if len(x) < 2 or (closed and len(x) == 2 and not b.any()):
        return None
    if not closed and b[-1] != 0.0:
        b = b.copy()
        b[-1] = 0.0
    for arr in (x, y, b):
        arr.flags.writeable = False
    return x, y, b, closed
