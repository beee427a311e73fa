"""Cut a raw offset curve at its self-intersections, keep the valid pieces, stitch them.

Shared by the scalar and the numpy offset paths, so both make the same topological
decisions. Positions along the raw curve are *global parameters* ``g = k + t``: segment ``k``
of the raw curve at parameter ``t`` in ``[0, 1)`` (a straight segment is parametrised
linearly, an arc by its sweep angle).

The steps, as a CAD OFFSET command does them:

1. Every intersection of two raw segments (a *crossing*) gives two *locations*, one on each
   segment; every point where the raw curve enters or leaves the region within ``|d|`` of a
   source segment gives one (a *cut*).
2. Locations on one segment closer than the tolerance are merged; locations linked by a
   crossing form one *node*.
3. Consecutive locations bound the *pieces* of the raw curve. Because the raw curve is cut
   wherever its distance to the source can cross ``|d|``, each piece is wholly valid or
   wholly invalid; the path's ``classify`` callback decides which.
4. At each node a valid piece arriving is continued by the valid piece leaving along the same
   strand, or else by a valid piece leaving on another strand (that is how a loop between two
   passes through one crossing is cut out). The linked pieces form chains and cycles.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

__all__ = ["MERGE", "Chain", "Piece", "stitch"]

#: Locations on one segment closer than ``MERGE * tol`` are one node: the same crossing
#: computed two ways (say as a raw crossing and as the edge of a capsule) differs by rounding
#: amplified by 1 / sin of the crossing angle, which can exceed the tolerance itself.
MERGE = 64.0

#: ``(g0, g1, x0, y0, x1, y1)``: a piece of the raw curve from global parameter ``g0`` (point
#: ``(x0, y0)``) to ``g1 > g0`` (point ``(x1, y1)``); on a closed curve ``g1`` may exceed the
#: segment count (the piece wraps through vertex 0).
Piece = tuple[float, float, float, float, float, float]
#: The pieces of one output polyline, in order, and whether they close into a cycle.
Chain = tuple[list[Piece], bool]


def _find(parent: list[int], i: int) -> int:
    root = i
    while parent[root] != root:
        root = parent[root]
    while parent[i] != root:
        parent[i], i = root, parent[i]
    return root


def stitch(
    segment_count: int,
    closed: bool,
    locations: Sequence[tuple[float, float, float, int]],
    ends: tuple[float, float, float, float],
    classify: Callable[[list[Piece]], list[bool]],
    tol: float,
) -> list[Chain]:
    """Split the raw curve at ``locations``, drop invalid pieces and link the rest.

    Parameters
    ----------
    segment_count
        Number of raw segments ``m``; global parameters lie in ``[0, m)``.
    closed
        Whether the raw curve is closed.
    locations
        ``(g, x, y, record)`` per location: global parameter (already snapped to vertices,
        strictly inside ``(0, m)`` for an open curve), point, and the id of the crossing or cut
        it came from (two locations of one crossing share the id).
    ends
        ``(x_start, y_start, x_end, y_end)``: the first and last raw vertex (open curves).
    classify
        Called once with all pieces; returns whether each is valid (no point closer than
        ``|d|`` to the source).
    tol
        Locations on one segment within ``MERGE * tol`` of each other are merged.

    Returns
    -------
    list of Chain
        The valid pieces grouped into chains (open) and cycles.

    Example
    -------
    >>> stitch(2, False, [], (0.0, 0.0, 2.0, 0.0), lambda pieces: [True] * len(pieces), 1e-9)
    [([(0.0, 2.0, 0.0, 0.0, 2.0, 0.0)], False)]
    """
    m = float(segment_count)
    merged = _merge_locations(sorted(locations), MERGE * tol)
    count = len(merged)
    if count == 0:
        if closed:
            pieces: list[Piece] = [(0.0, m, ends[0], ends[1], ends[0], ends[1])]
        else:
            pieces = [(0.0, m, ends[0], ends[1], ends[2], ends[3])]
        return [(pieces, closed)] if classify(pieces)[0] else []

    # Nodes: union of the records met at each merged location.
    record_ids = sorted({r for loc in merged for r in loc[3]})
    index = {r: i for i, r in enumerate(record_ids)}
    parent = list(range(len(record_ids)))
    for loc in merged:
        first = index[loc[3][0]]
        for r in loc[3][1:]:
            a, b = _find(parent, first), _find(parent, index[r])
            if a != b:
                parent[b] = a
    node = [_find(parent, index[loc[3][0]]) for loc in merged]

    # Pieces between consecutive locations. Piece i starts at location i (closed), or at the
    # curve start for i == 0 and at location i - 1 otherwise (open).
    pieces = []
    if closed:
        for i in range(count):
            g0, x0, y0 = merged[i][0], merged[i][1], merged[i][2]
            j = i + 1 if i + 1 < count else 0
            g1 = merged[j][0] if j else merged[0][0] + m
            pieces.append((g0, g1, x0, y0, merged[j][1], merged[j][2]))
    else:
        prev = (0.0, ends[0], ends[1])
        for loc in merged:
            pieces.append((prev[0], loc[0], prev[1], prev[2], loc[1], loc[2]))
            prev = (loc[0], loc[1], loc[2])
        pieces.append((prev[0], m, prev[1], prev[2], ends[2], ends[3]))

    valid = classify(pieces)

    # Location i joins the piece arriving (in_piece) and the one leaving (out_piece).
    offset = 0 if closed else 1
    nxt = [-1] * len(pieces)
    arriving: dict[int, list[int]] = {}
    leaving: dict[int, list[int]] = {}
    for i in range(count):
        p_out = i + offset
        p_in = p_out - 1 if p_out > 0 else len(pieces) - 1
        if valid[p_in] and valid[p_out]:
            nxt[p_in] = p_out
            continue
        if valid[p_in]:
            arriving.setdefault(node[i], []).append(p_in)
        if valid[p_out]:
            leaving.setdefault(node[i], []).append(p_out)
    for n, ins in arriving.items():
        for p_in, p_out in zip(ins, leaving.get(n, ()), strict=False):
            nxt[p_in] = p_out
    return _chains(nxt, valid, pieces)


def _merge_locations(
    locations: Sequence[tuple[float, float, float, int]], tol: float
) -> list[tuple[float, float, float, list[int]]]:
    merged: list[tuple[float, float, float, list[int]]] = []
    for g, x, y, record in locations:
        if merged:
            lg, lx, ly, records = merged[-1]
            if math.floor(lg) == math.floor(g) and math.hypot(x - lx, y - ly) <= tol:
                records.append(record)
                continue
        merged.append((g, x, y, [record]))
    return merged


def _chains(nxt: list[int], valid: list[bool], pieces: list[Piece]) -> list[Chain]:
    has_prev = [False] * len(pieces)
    for p in nxt:
        if p >= 0:
            has_prev[p] = True
    seen = [False] * len(pieces)
    chains: list[Chain] = []
    starts = [p for p in range(len(pieces)) if valid[p] and not has_prev[p]]
    starts += [p for p in range(len(pieces)) if valid[p] and has_prev[p]]
    for start in starts:
        if seen[start]:
            continue
        chain: list[Piece] = []
        p = start
        while p >= 0 and not seen[p]:
            seen[p] = True
            chain.append(pieces[p])
            p = nxt[p]
        chains.append((chain, p == start))
    return chains
