"""Polylines with per-vertex bulges, as DXF LWPOLYLINE.

Vertices live in two read-only float64 numpy arrays (``x`` and ``y``; separate arrays are
faster than an ``(n, 2)`` array for the vectorised operations), with one bulge per vertex:
``bulges[i]`` describes the segment from vertex ``i`` to vertex ``i + 1`` (wrapping to vertex 0
on a closed polyline; the last bulge of an open polyline is unused and stored as 0).
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
import numpy.typing as npt

from .arc import Arc
from .bbox import BBox
from .bulge import bulge_arcs, bulge_to_arc
from .errors import NonFiniteError, TooFewVerticesError
from .line import Line
from .tolerance import ABS_TOL, REL_TOL
from .vec import PointLike, Vec2

__all__ = ["Polyline", "PolylineLike", "Segment", "as_polyline"]

FloatArray = npt.NDArray[np.float64]
#: One piece of a polyline.
Segment: TypeAlias = Line | Arc


def _frozen(array: FloatArray) -> FloatArray:
    """A read-only view of ``array``, which the caller hands over (nobody else holds it).

    Returning a view of a read-only base means the flag can never be switched back on.
    """
    array.flags.writeable = False
    return array.view()


class Polyline:
    """An immutable 2D polyline whose segments are straight or circular (bulges).

    Parameters
    ----------
    vertices
        ``(x, y)`` pairs, or an ``(n, 2)`` array; at least 2 vertices.
    bulges
        One bulge per vertex (``tan(sweep / 4)``), default all 0 (straight segments).
    closed
        Whether a segment joins the last vertex back to the first.

    Example
    -------
    >>> square = Polyline([(0, 0), (10, 0), (10, 10), (0, 10)], closed=True)
    >>> square.length, square.area
    (40.0, 100.0)
    >>> slot = Polyline([(0, 0), (10, 0), (10, 2), (0, 2)], bulges=[0, 1, 0, 1], closed=True)
    >>> round(slot.area, 6)  # 10 x 2 rectangle plus two half circles of radius 1
    23.141593
    """

    # ``_lists``: the coordinates of a polyline built by :meth:`_from_lists`, whose arrays
    # are made on first use.
    __slots__ = ("_bulges", "_closed", "_lists", "_x", "_y")

    _x: FloatArray
    _y: FloatArray
    _bulges: FloatArray
    _closed: bool

    def __init__(
        self,
        vertices: Iterable[PointLike] | npt.ArrayLike,
        bulges: Iterable[float] | npt.ArrayLike | None = None,
        closed: bool = False,
    ) -> None:
        xy = np.array(
            vertices if not isinstance(vertices, Iterator) else list(vertices), dtype=np.float64
        )
        if xy.ndim != 2 or xy.shape[1] != 2:
            if xy.size == 0 or (xy.ndim == 2 and xy.shape[0] == 0):
                raise TooFewVerticesError("a polyline needs at least 2 vertices, got 0")
            raise ValueError(f"polyline vertices must be (x, y) pairs, got shape {xy.shape}")
        bulge_values = (
            np.zeros(len(xy))
            if bulges is None
            else np.array(
                bulges if not isinstance(bulges, Iterator) else list(bulges), dtype=np.float64
            )
        )
        self._init(
            np.ascontiguousarray(xy[:, 0]),
            np.ascontiguousarray(xy[:, 1]),
            bulge_values,
            bool(closed),
        )

    def _init(self, x: FloatArray, y: FloatArray, bulges: FloatArray, closed: bool) -> None:
        # The arrays are fresh copies made by the public constructors: validated, then frozen.
        n = len(x)
        if n < 2:
            raise TooFewVerticesError(f"a polyline needs at least 2 vertices, got {n}")
        if bulges.shape != (n,):
            raise ValueError(f"expected {n} bulges (one per vertex), got shape {bulges.shape}")
        if not (np.isfinite(x).all() and np.isfinite(y).all() and np.isfinite(bulges).all()):
            raise NonFiniteError("polyline vertices and bulges must be finite (no NaN or inf)")
        if not closed and bulges[-1] != 0.0:
            bulges = bulges.copy()
            bulges[-1] = 0.0
        for name, array in (("_x", x), ("_y", y), ("_bulges", bulges)):
            object.__setattr__(self, name, _frozen(array))
        object.__setattr__(self, "_closed", closed)

    @classmethod
    def from_arrays(
        cls,
        x: npt.ArrayLike,
        y: npt.ArrayLike,
        bulges: npt.ArrayLike | None = None,
        *,
        closed: bool = False,
    ) -> Polyline:
        """Build from separate x, y (and bulge) arrays; the fastest constructor for big data.

        Example
        -------
        >>> Polyline.from_arrays([0, 1, 2], [0, 1, 0]).segment_count
        2
        """
        xs = np.array(x, dtype=np.float64)
        ys = np.array(y, dtype=np.float64)
        if xs.shape != ys.shape or xs.ndim != 1:
            raise ValueError(
                f"x and y must be 1-D arrays of one length, got {xs.shape}, {ys.shape}"
            )
        b = np.zeros(len(xs)) if bulges is None else np.array(bulges, dtype=np.float64)
        polyline = cls.__new__(cls)
        polyline._init(xs, ys, b, bool(closed))
        return polyline

    @classmethod
    def _from_trusted(
        cls, x: FloatArray, y: FloatArray, bulges: FloatArray, closed: bool
    ) -> Polyline:
        """Wrap arrays without checks or copies (internal results only).

        The caller guarantees 1-D float64 arrays of one length >= 2, finite, read-only and
        never modified afterwards, and a last bulge of 0 on an open polyline.
        """
        polyline = cls.__new__(cls)
        # The slot descriptors themselves: a little faster than object.__setattr__.
        _SET_X(polyline, x)
        _SET_Y(polyline, y)
        _SET_BULGES(polyline, bulges)
        _SET_CLOSED(polyline, closed)
        return polyline

    @classmethod
    def _from_lists(
        cls, xs: list[float], ys: list[float], bulges: list[float] | None, closed: bool
    ) -> Polyline:
        """Wrap Python lists without checks (internal results only); the arrays are built
        when first used, so a result that is only passed on costs no numpy calls.

        The caller guarantees lists of one length >= 2 of finite floats, never modified
        afterwards, and a last bulge of 0 on an open polyline (``None``: all straight).
        """
        polyline = cls.__new__(cls)
        _SET_LISTS(polyline, (xs, ys, bulges))
        _SET_CLOSED(polyline, closed)
        return polyline

    if not TYPE_CHECKING:  # mypy would take every unknown attribute for a lazy one

        def __getattr__(self, name: str) -> FloatArray:
            # Called only for unset slots: the arrays of a polyline from _from_lists.
            if name not in ("_x", "_y", "_bulges"):
                raise AttributeError(f"'Polyline' object has no attribute {name!r}")
            xs, ys, bulges = self._lists
            n = len(xs)
            if bulges is None:
                flat = np.frombuffer(_packer(2 * n).pack(*xs, *ys))
                b = _zeros(n)
            else:
                flat = np.frombuffer(_packer(3 * n).pack(*xs, *ys, *bulges))
                b = flat[2 * n :]
            # np.frombuffer of bytes is read-only already.
            _SET_X(self, flat[:n])
            _SET_Y(self, flat[n : 2 * n])
            _SET_BULGES(self, b)
            return getattr(self, name)  # type: ignore[no-any-return]

    @classmethod
    def from_segments(cls, segments: Sequence[Segment], *, closed: bool = False) -> Polyline:
        """Chain connected lines and arcs into a polyline (arcs become bulges).

        Each segment must start where the previous one ends; a closed polyline's last segment
        ends at the first vertex.

        Example
        -------
        >>> p = Polyline.from_segments([Line((0, 0), (1, 0)), Arc((1, 1), 1.0, -1.5708, 1.5708)])
        >>> len(p), round(float(p.bulges[1]), 4)
        (3, 0.4142)
        """
        if not segments:
            raise TooFewVerticesError("a polyline needs at least one segment")
        xs: list[float] = []
        ys: list[float] = []
        bs: list[float] = []
        for segment in segments:
            start = segment.start if isinstance(segment, Line) else segment.start_point
            xs.append(start.x)
            ys.append(start.y)
            bs.append(0.0 if isinstance(segment, Line) else float(np.tan(segment.sweep / 4.0)))
        if not closed:
            last = segments[-1]
            end = last.end if isinstance(last, Line) else last.end_point
            xs.append(end.x)
            ys.append(end.y)
            bs.append(0.0)
        return cls.from_arrays(xs, ys, bs, closed=closed)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Polyline is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Polyline is immutable; cannot delete {name!r}")

    def __reduce__(self) -> tuple[type[Polyline], tuple[FloatArray, FloatArray, bool]]:
        # The default reduction restores slots with setattr, which immutability forbids.
        return (Polyline, (self.xy, self._bulges, self._closed))

    @property
    def x(self) -> FloatArray:
        """Read-only x coordinates."""
        return self._x

    @property
    def y(self) -> FloatArray:
        """Read-only y coordinates."""
        return self._y

    @property
    def bulges(self) -> FloatArray:
        """Read-only bulges, one per vertex."""
        return self._bulges

    @property
    def closed(self) -> bool:
        """Whether the last vertex connects back to the first."""
        return self._closed

    @property
    def xy(self) -> FloatArray:
        """A new ``(n, 2)`` array of the vertices."""
        return np.column_stack((self._x, self._y))

    @property
    def vertices(self) -> tuple[Vec2, ...]:
        """The vertices as :class:`Vec2` points."""
        return tuple(map(Vec2, self._x.tolist(), self._y.tolist()))

    @property
    def has_arcs(self) -> bool:
        """True when any segment is an arc."""
        return bool(self._bulges.any())

    @property
    def segment_count(self) -> int:
        """Number of segments: ``n`` when closed, ``n - 1`` when open."""
        return len(self._x) if self._closed else len(self._x) - 1

    def __len__(self) -> int:
        return len(self._x)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Polyline):
            return NotImplemented
        return (
            self._closed == other._closed
            and np.array_equal(self._x, other._x)
            and np.array_equal(self._y, other._y)
            and np.array_equal(self._bulges, other._bulges)
        )

    def __hash__(self) -> int:
        # "+ 0.0" turns -0.0 into 0.0: they compare equal, so they must hash alike.
        return hash(
            (
                self._closed,
                (self._x + 0.0).tobytes(),
                (self._y + 0.0).tobytes(),
                (self._bulges + 0.0).tobytes(),
            )
        )

    def __repr__(self) -> str:
        if len(self) <= 6:
            points = ", ".join(
                f"({x!r}, {y!r})" for x, y in zip(self._x.tolist(), self._y.tolist(), strict=True)
            )
            bulges = "" if not self.has_arcs else f", bulges={self._bulges.tolist()!r}"
            return f"Polyline([{points}]{bulges}, closed={self._closed})"
        return f"<Polyline of {len(self)} vertices, closed={self._closed}>"

    def segment(self, index: int, *, rel_tol: float = REL_TOL, abs_tol: float = ABS_TOL) -> Segment:
        """The ``index``-th segment as a :class:`Line` or :class:`Arc`.

        A bulge segment whose arc stays within tolerance of its chord (sagitta
        ``|bulge| * chord / 2``, against ``abs_tol + rel_tol * scale`` of its end points) is a
        :class:`Line`: such a tiny bulge puts the centre ~``1 / bulge`` chords away, where the
        arc's end points can no longer be computed from centre and radius.
        """
        count = self.segment_count
        if not -count <= index < count:
            raise IndexError(f"segment index {index} out of range for {count} segments")
        i = index % count
        j = (i + 1) % len(self._x)
        start = Vec2(float(self._x[i]), float(self._y[i]))
        end = Vec2(float(self._x[j]), float(self._y[j]))
        bulge = float(self._bulges[i])
        sagitta = abs(bulge) * start.distance(end) / 2.0
        scale = max(abs(start.x), abs(start.y), abs(end.x), abs(end.y))
        if sagitta <= abs_tol + rel_tol * scale:
            return Line(start, end)
        return bulge_to_arc(start, end, bulge)

    def segments(self, *, rel_tol: float = REL_TOL, abs_tol: float = ABS_TOL) -> Iterator[Segment]:
        """Iterate over the segments, straight or arc (see :meth:`segment`)."""
        for index in range(self.segment_count):
            yield self.segment(index, rel_tol=rel_tol, abs_tol=abs_tol)

    def _segment_arrays(self) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]:
        end = slice(None) if self._closed else slice(None, -1)
        x0, y0, b = self._x[end], self._y[end], self._bulges[end]
        x1 = np.roll(self._x, -1)[end] if self._closed else self._x[1:]
        y1 = np.roll(self._y, -1)[end] if self._closed else self._y[1:]
        return x0, y0, x1, y1, b

    @property
    def length(self) -> float:
        """Total length, arcs measured along the arc."""
        x0, y0, x1, y1, b = self._segment_arrays()
        chord = np.hypot(x1 - x0, y1 - y0)
        sweep = 4.0 * np.arctan(b)
        with np.errstate(divide="ignore", invalid="ignore"):
            arc_factor = np.where(b != 0.0, (sweep / 2.0) / np.sin(sweep / 2.0), 1.0)
        return float(np.sum(chord * arc_factor))

    @property
    def signed_area(self) -> float:
        """Enclosed area, positive for a counter-clockwise closed polyline.

        Treats an open polyline as if it were closed by a straight segment.
        """
        x, y = self._x, self._y
        x_next, y_next = np.roll(x, -1), np.roll(y, -1)
        area = 0.5 * float(np.sum(x * y_next - x_next * y))
        if self.has_arcs:
            x0, y0, x1, y1, b = self._segment_arrays()
            arcs = b != 0.0
            _, _, radius, _, sweep = bulge_arcs(x0[arcs], y0[arcs], x1[arcs], y1[arcs], b[arcs])
            # Circular segment between chord and arc; zero-chord arcs (nan radius) add nothing,
            # nor do negligible bulges, whose radius overflows (inf * 0 = nan).
            with np.errstate(over="ignore", invalid="ignore"):
                segment_areas = 0.5 * radius * radius * (sweep - np.sin(sweep))
            area += float(np.nansum(segment_areas))
        return area

    @property
    def area(self) -> float:
        """Absolute enclosed area (see :attr:`signed_area`)."""
        return abs(self.signed_area)

    @property
    def bbox(self) -> BBox:
        """Tight axis-aligned bounding box, including arc bulges."""
        box = BBox(
            float(self._x.min()), float(self._y.min()), float(self._x.max()), float(self._y.max())
        )
        if self.has_arcs:
            for index in np.flatnonzero(self._bulges[: self.segment_count]):
                box = box.union(self.segment(int(index)).bbox)
        return box

    def reversed(self) -> Polyline:
        """The same shape traversed backwards (bulges negated and shifted)."""
        if self._closed:
            x = np.roll(self._x[::-1], 1)
            y = np.roll(self._y[::-1], 1)
            b = 0.0 - self._bulges[::-1]
        else:
            x, y = self._x[::-1], self._y[::-1]
            b = np.append(0.0 - self._bulges[-2::-1], 0.0)
        return Polyline.from_arrays(x, y, b, closed=self._closed)

    def isclose(
        self, other: Polyline, *, rel_tol: float = REL_TOL, abs_tol: float = ABS_TOL
    ) -> bool:
        """True when both have the same vertex count, closure and close vertices and bulges."""
        if len(self) != len(other) or self._closed != other._closed:
            return False
        scale = max(self.bbox.scale, other.bbox.scale)
        tol = abs_tol + rel_tol * scale
        return bool(
            np.all(np.hypot(self._x - other._x, self._y - other._y) <= tol)
            and np.allclose(self._bulges, other._bulges, rtol=0.0, atol=max(rel_tol, abs_tol))
        )


_SLOTS: Any = Polyline  # the class's slot descriptors, for Polyline._from_trusted
_SET_X = _SLOTS._x.__set__
_SET_Y = _SLOTS._y.__set__
_SET_BULGES = _SLOTS._bulges.__set__
_SET_CLOSED = _SLOTS._closed.__set__
_SET_LISTS = _SLOTS._lists.__set__

#: Cached struct packers and read-only zero bulge arrays for small lazy polylines.
_PACKERS: dict[int, struct.Struct] = {}
_ZEROS: dict[int, FloatArray] = {}
_CACHED = 128


def _packer(count: int) -> struct.Struct:
    packer = _PACKERS.get(count)
    if packer is None:
        packer = struct.Struct(f"{count}d")
        if count < _CACHED:
            _PACKERS[count] = packer
    return packer


def _zeros(n: int) -> FloatArray:
    """Read-only zeros (shared for small ``n``: they can never change)."""
    zeros = _ZEROS.get(n)
    if zeros is None:
        zeros = np.zeros(n)
        zeros.flags.writeable = False
        if n < _CACHED:
            _ZEROS[n] = zeros
    return zeros


#: Anything :func:`as_polyline` accepts.
PolylineLike: TypeAlias = Polyline | Iterable[PointLike] | npt.ArrayLike


def as_polyline(value: PolylineLike, *, closed: bool | None = None) -> Polyline:
    """Return ``value`` as a :class:`Polyline`; ``closed`` overrides its closure when given.

    Example
    -------
    >>> as_polyline([(0, 0), (1, 0), (1, 1)], closed=True).segment_count
    3
    """
    if isinstance(value, Polyline):
        if closed is None or closed == value.closed:
            return value
        return Polyline.from_arrays(value.x, value.y, value.bulges, closed=closed)
    return Polyline(value, closed=bool(closed))
