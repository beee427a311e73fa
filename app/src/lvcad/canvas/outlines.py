"""Many outlines at once: numpy arrays of polylines with bulges → :class:`QPainterPath` batches.

An *outline* is a polyline whose segments are straight or circular (a DXF bulge per vertex,
as in :class:`lvcad_geometry.Polyline`); lines, arcs and circles are outlines too (an arc is
two vertices and one bulge, a circle two vertices with bulge 1 closed). Thousands of them are
turned into path elements in a few vectorised numpy steps: straight segments become
``lineTo`` elements, arcs become cubic Bézier pieces of at most 90° (Qt's own ``arcTo`` does the
same). Paths are made from the element arrays through :class:`QDataStream`, whose
``QPainterPath`` format is a count followed by ``(type, x, y)`` records, so no Python call is
made per element.

Example
-------
>>> import numpy as np
>>> outlines = Outlines.from_arrays(
...     np.array([0.0, 10.0, 10.0, 0.0]),
...     np.array([0.0, 0.0, 5.0, 5.0]),
...     np.zeros(4),
...     counts=np.array([2, 2]),
...     closed=np.array([False, False]),
... )
>>> elements = outlines.elements()
>>> elements.types.tolist(), elements.x.tolist()
([0, 1, 0, 1], [0.0, 10.0, 10.0, 0.0])
>>> path = elements.path(0, 4)
>>> path.elementCount(), path.boundingRect().width()
(4, 10.0)
"""

from __future__ import annotations

import math
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QByteArray, QDataStream
from PySide6.QtGui import QPainterPath

from lvcad.model import (
    ArcEntity,
    BlockDefinition,
    CircleEntity,
    Entity,
    LineEntity,
    PolylineEntity,
    TextEntity,
    Unit,
)
from lvcad_geometry import Arc, Line, Polyline, Transform

from .geometry import CHARACTER_WIDTH, Shape, anchor_fractions, entity_shapes

__all__ = ["Elements", "Outlines", "entity_outlines", "text_midlines"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: QPainterPath element types (QPainterPath::ElementType).
MOVE_TO, LINE_TO, CURVE_TO, CURVE_DATA = 0, 1, 2, 3
#: Bulges smaller than this are straight segments (a sagitta of 1e-9 of the chord).
STRAIGHT_BULGE = 1e-9
#: The largest sweep of one Bézier piece (its radial error is 2.7e-4 of the radius).
PIECE_SWEEP = math.pi / 2.0
#: One path element as QDataStream writes it: big-endian int32 type, float64 x and y.
_RECORD = np.dtype([("type", ">i4"), ("x", ">f8"), ("y", ">f8")])


def _exclusive_cumsum(values: IntArray) -> IntArray:
    out = np.zeros(len(values), dtype=np.int64)
    np.cumsum(values[:-1], out=out[1:])
    return out


@dataclass(frozen=True, slots=True)
class Elements:
    """QPainterPath elements of many outlines, outline after outline.

    ``start[k]`` is the index of outline ``k``'s first element (its ``moveTo``); the last
    entry of ``start`` is the element count, so outline ``k`` is ``start[k]:start[k + 1]``.
    """

    types: npt.NDArray[np.int32]
    x: FloatArray
    y: FloatArray
    start: IntArray

    def transformed(self, transform: Transform) -> Elements:
        """The elements mapped through the affine ``transform`` (exact for Bézier pieces)."""
        a, b, c, d, e, f = transform
        return Elements(self.types, a * self.x + b * self.y + c, d * self.x + e * self.y + f,
                        self.start)  # fmt: skip

    def boxes(self) -> FloatArray:
        """Each outline's ``(min_x, min_y, max_x, max_y)`` (of its control points: may be a
        little larger than the curve), shape ``(outlines, 4)``."""
        first = self.start[:-1]
        if not len(first):
            return np.empty((0, 4))
        return np.column_stack(
            (
                np.minimum.reduceat(self.x, first),
                np.minimum.reduceat(self.y, first),
                np.maximum.reduceat(self.x, first),
                np.maximum.reduceat(self.y, first),
            )
        )

    def reordered(self, order: IntArray) -> Elements:
        """The outlines in the order ``order`` (outline indices)."""
        counts = np.diff(self.start)[order]
        first = self.start[:-1][order]
        starts = _exclusive_cumsum(counts)
        picked = np.repeat(first - starts, counts) + np.arange(int(counts.sum()), dtype=np.int64)
        return Elements(
            self.types[picked],
            self.x[picked],
            self.y[picked],
            np.append(starts, counts.sum()),
        )

    def path(self, first: int, stop: int) -> QPainterPath:
        """One path of the elements ``first:stop`` (whole outlines)."""
        records = np.empty(stop - first, dtype=_RECORD)
        records["type"] = self.types[first:stop]
        records["x"] = self.x[first:stop]
        records["y"] = self.y[first:stop]
        # count, the records, then the current subpath start and the fill rule (odd-even)
        data = struct.pack(">i", stop - first) + records.tobytes() + struct.pack(">ii", 0, 0)
        path = QPainterPath()
        stream = QDataStream(QByteArray(data))
        stream >> path
        return path


@dataclass(frozen=True, slots=True)
class Outlines:
    """Outlines as flat arrays: the vertices of all, then ``counts`` and ``closed`` per outline.

    Every outline has at least two vertices.
    """

    x: FloatArray
    y: FloatArray
    bulges: FloatArray
    counts: IntArray
    closed: BoolArray

    @classmethod
    def from_arrays(
        cls,
        x: FloatArray,
        y: FloatArray,
        bulges: FloatArray,
        *,
        counts: IntArray,
        closed: BoolArray,
    ) -> Outlines:
        """Outlines from flat vertex arrays; raises ValueError when they do not match."""
        counts = np.asarray(counts, dtype=np.int64)
        if len(x) != counts.sum() or len(y) != len(x) or len(bulges) != len(x):
            raise ValueError("outline vertex arrays and counts do not match")
        if len(counts) and counts.min() < 2:
            raise ValueError("every outline needs at least two vertices")
        return cls(
            np.asarray(x, dtype=np.float64),
            np.asarray(y, dtype=np.float64),
            np.asarray(bulges, dtype=np.float64),
            counts,
            np.asarray(closed, dtype=np.bool_),
        )

    def __len__(self) -> int:
        return len(self.counts)

    def elements(self) -> Elements:
        """The path elements of every outline, in order."""
        outlines = len(self.counts)
        if not outlines:
            empty = np.empty(0)
            return Elements(np.empty(0, np.int32), empty, empty, np.zeros(1, np.int64))
        first_vertex = _exclusive_cumsum(self.counts)
        segments = self.counts - 1 + self.closed
        owner = np.repeat(np.arange(outlines), segments)
        local = np.arange(int(segments.sum())) - np.repeat(_exclusive_cumsum(segments), segments)
        i0 = first_vertex[owner] + local
        last = local + 1 == self.counts[owner]
        i1 = np.where(last, first_vertex[owner], i0 + 1)
        bulge = self.bulges[i0]
        x0, y0, x1, y1 = self.x[i0], self.y[i0], self.x[i1], self.y[i1]
        curved = (np.abs(bulge) > STRAIGHT_BULGE) & ((x0 != x1) | (y0 != y1))
        sweep = 4.0 * np.arctan(bulge)
        pieces = np.where(curved, np.ceil(np.abs(sweep) / PIECE_SWEEP - 1e-9), 0).astype(np.int64)
        pieces[curved & (pieces < 1)] = 1
        per_segment = np.where(curved, 3 * pieces, 1)
        # every outline starts with its moveTo, so segment s starts after s's outline index + 1
        segment_at = _exclusive_cumsum(per_segment) + owner + 1
        first_segment = _exclusive_cumsum(segments)
        move_at = segment_at[first_segment] - 1
        total = int(per_segment.sum()) + outlines
        types = np.empty(total, dtype=np.int32)
        ex = np.empty(total)
        ey = np.empty(total)
        types[move_at] = MOVE_TO
        ex[move_at] = self.x[first_vertex]
        ey[move_at] = self.y[first_vertex]
        straight = ~curved
        at = segment_at[straight]
        types[at] = LINE_TO
        ex[at] = x1[straight]
        ey[at] = y1[straight]
        if curved.any():
            self._curves(types, ex, ey, curved, pieces, segment_at, (x0, y0, x1, y1), bulge)
        return Elements(types, ex, ey, np.append(move_at, total))

    @staticmethod
    def _curves(
        types: npt.NDArray[np.int32],
        ex: FloatArray,
        ey: FloatArray,
        curved: BoolArray,
        pieces: IntArray,
        segment_at: IntArray,
        ends: tuple[FloatArray, FloatArray, FloatArray, FloatArray],
        bulge: FloatArray,
    ) -> None:
        """Write the Bézier pieces of the curved segments into the element arrays."""
        x0, y0, x1, y1 = (end[curved] for end in ends)
        b = bulge[curved]
        # centre: from the chord's midpoint along its left normal by (chord/2)·cot(sweep/2)
        dx, dy = x1 - x0, y1 - y0
        shift = (1.0 - b * b) / (4.0 * b)
        cx = (x0 + x1) / 2.0 - dy * shift
        cy = (y0 + y1) / 2.0 + dx * shift
        radius = np.hypot(dx, dy) * (1.0 + b * b) / (4.0 * np.abs(b))
        start = np.arctan2(y0 - cy, x0 - cx)
        count = pieces[curved]
        arc = np.repeat(np.arange(len(b)), count)
        j = np.arange(int(count.sum())) - np.repeat(_exclusive_cumsum(count), count)
        step = (4.0 * np.arctan(b) / count)[arc]
        a0 = start[arc] + j * step
        a1 = a0 + step
        r, ox, oy = radius[arc], cx[arc], cy[arc]
        handle = 4.0 / 3.0 * np.tan(step / 4.0) * r
        p0x, p0y = ox + r * np.cos(a0), oy + r * np.sin(a0)
        p3x, p3y = ox + r * np.cos(a1), oy + r * np.sin(a1)
        final = j == count[arc] - 1  # end exactly on the next vertex
        p3x[final], p3y[final] = x1[arc[final]], y1[arc[final]]
        at = segment_at[curved][arc] + 3 * j
        types[at], types[at + 1], types[at + 2] = CURVE_TO, CURVE_DATA, CURVE_DATA
        ex[at] = p0x - handle * np.sin(a0)
        ey[at] = p0y + handle * np.cos(a0)
        ex[at + 1] = p3x + handle * np.sin(a1)
        ey[at + 1] = p3y - handle * np.cos(a1)
        ex[at + 2], ey[at + 2] = p3x, p3y


# -- entities → outlines -------------------------------------------------------------------


class _Builder:
    """Collects outlines kind by kind; ``owner`` is the entity row of each outline."""

    def __init__(self) -> None:
        self.x: list[FloatArray] = []
        self.y: list[FloatArray] = []
        self.bulges: list[FloatArray] = []
        self.counts: list[IntArray] = []
        self.closed: list[BoolArray] = []
        self.owner: list[IntArray] = []

    def add(
        self,
        rows: IntArray,
        x: FloatArray,
        y: FloatArray,
        bulges: FloatArray,
        counts: IntArray,
        closed: BoolArray,
    ) -> None:
        if not len(rows):
            return
        self.x.append(np.asarray(x, dtype=np.float64))
        self.y.append(np.asarray(y, dtype=np.float64))
        self.bulges.append(np.asarray(bulges, dtype=np.float64))
        self.counts.append(np.asarray(counts, dtype=np.int64))
        self.closed.append(np.asarray(closed, dtype=np.bool_))
        self.owner.append(np.asarray(rows, dtype=np.int64))

    def add_lines(self, rows: list[int], lines: list[Line]) -> None:
        # Lines are tuples of points: flattened without making a tuple per line
        flat = chain.from_iterable(chain.from_iterable(lines))
        ends = np.fromiter(flat, dtype=np.float64, count=4 * len(lines)).reshape(-1, 4)
        n = len(rows)
        self.add(np.array(rows), ends[:, [0, 2]].ravel(), ends[:, [1, 3]].ravel(),
                 np.zeros(2 * n), np.full(n, 2), np.zeros(n, bool))  # fmt: skip

    def add_arcs(self, rows: list[int], arcs: list[Arc]) -> None:
        """Arcs as two halves (three vertices), so a full circle needs no special case."""
        table = np.array([(*arc.center, arc.radius, arc.start_angle, arc.sweep) for arc in arcs])
        cx, cy, r, start, sweep = table.reshape(-1, 5).T
        angles = start[:, None] + sweep[:, None] * np.array([0.0, 0.5, 1.0])
        x = cx[:, None] + r[:, None] * np.cos(angles)
        y = cy[:, None] + r[:, None] * np.sin(angles)
        bulges = np.zeros_like(x)
        bulges[:, :2] = np.tan(sweep / 8.0)[:, None]
        n = len(rows)
        self.add(np.array(rows), x.ravel(), y.ravel(), bulges.ravel(), np.full(n, 3),
                 np.zeros(n, bool))  # fmt: skip

    def add_circles(self, rows: list[int], circles: list[tuple[float, float, float]]) -> None:
        cx, cy, r = np.array(circles).reshape(-1, 3).T
        n = len(rows)
        x = np.column_stack((cx + r, cx - r)).ravel()
        y = np.repeat(cy, 2)
        self.add(np.array(rows), x, y, np.ones(2 * n), np.full(n, 2), np.ones(n, bool))

    def add_polylines(self, rows: list[int], polylines: list[Polyline]) -> None:
        self.add(
            np.array(rows),
            np.concatenate([p.x for p in polylines]),
            np.concatenate([p.y for p in polylines]),
            np.concatenate([p.bulges for p in polylines]),
            np.array([len(p.x) for p in polylines]),
            np.array([p.closed for p in polylines]),
        )

    def add_shapes(self, row: int, shapes: list[Shape]) -> None:
        """Any shapes (block contents): rare, so one at a time."""
        for shape in shapes:
            if isinstance(shape, Line):
                self.add_lines([row], [shape])
            elif isinstance(shape, Arc):
                self.add_arcs([row], [shape])
            else:
                self.add_polylines([row], [shape])

    def build(self) -> tuple[Outlines, IntArray]:
        if not self.counts:
            empty = np.empty(0)
            none = np.empty(0, np.int64)
            return Outlines(empty, empty, empty, none, np.empty(0, bool)), none
        return (
            Outlines(
                np.concatenate(self.x),
                np.concatenate(self.y),
                np.concatenate(self.bulges),
                np.concatenate(self.counts),
                np.concatenate(self.closed),
            ),
            np.concatenate(self.owner),
        )


def text_midlines(texts: Sequence[TextEntity]) -> tuple[FloatArray, FloatArray]:
    """A stroke through the middle of each text's box, from its left to its right end: how
    text too small to read is drawn. Returns ``x`` and ``y``, two vertices per text."""
    rows = []
    for text in texts:
        lines = text.text.split("\n")
        fx, fy = anchor_fractions(text.anchor)
        rows.append((*text.position, text.rotation, text.height,
                     max(1, max(len(line) for line in lines)), len(lines), fx, fy))  # fmt: skip
    table = np.array(rows).reshape(-1, 8).T
    x, y, rotation, height, chars, line_count = table[:6]
    across, up_from_base = table[6], table[7]
    width = chars * CHARACTER_WIDTH * height
    box_height = height * (1.0 + 1.5 * (line_count - 1))
    middle = np.where(
        line_count == 1, height * (0.5 - up_from_base), box_height * (0.5 - up_from_base)
    )
    left = -across * width
    local_x = np.column_stack((left, left + width))
    cos, sin = np.cos(rotation)[:, None], np.sin(rotation)[:, None]
    along = local_x * cos - middle[:, None] * sin + x[:, None]
    up = local_x * sin + middle[:, None] * cos + y[:, None]
    return along.ravel(), up.ravel()


def entity_outlines(
    entities: Sequence[Entity], blocks: Mapping[str, BlockDefinition]
) -> tuple[Outlines, IntArray]:
    """The outlines that draw ``entities`` (text excluded) and the entity row of each one."""
    lines: tuple[list[int], list[Line]] = ([], [])
    arcs: tuple[list[int], list[Arc]] = ([], [])
    circles: tuple[list[int], list[tuple[float, float, float]]] = ([], [])
    polylines: tuple[list[int], list[Polyline]] = ([], [])
    builder = _Builder()
    for row, entity in enumerate(entities):
        kind = type(entity)
        if kind is LineEntity:
            lines[0].append(row)
            lines[1].append(entity.geometry)  # type: ignore[attr-defined]
        elif kind is PolylineEntity:
            polylines[0].append(row)
            polylines[1].append(entity.geometry)  # type: ignore[attr-defined]
        elif kind is ArcEntity:
            arcs[0].append(row)
            arcs[1].append(entity.geometry)  # type: ignore[attr-defined]
        elif kind is CircleEntity:
            circles[0].append(row)
            circles[1].append((*entity.center, entity.radius))  # type: ignore[attr-defined]
        elif kind is not TextEntity:
            builder.add_shapes(row, entity_shapes(entity, Unit.MILLIMETRE, blocks))
    if lines[0]:
        builder.add_lines(*lines)
    if arcs[0]:
        builder.add_arcs(*arcs)
    if circles[0]:
        builder.add_circles(*circles)
    if polylines[0]:
        builder.add_polylines(*polylines)
    return builder.build()
