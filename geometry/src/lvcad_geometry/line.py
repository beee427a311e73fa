"""Line segments."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, NamedTuple, Self

from .bbox import BBox
from .tolerance import ABS_TOL, REL_TOL
from .vec import PointLike, Vec2, as_vec

__all__ = ["Line"]


class _LineFields(NamedTuple):
    start: Vec2
    end: Vec2


class Line(_LineFields):
    """An immutable line segment from ``start`` to ``end``.

    Plain ``(x, y)`` tuples are accepted and converted to :class:`~lvcad_geometry.Vec2`.

    Example
    -------
    >>> line = Line((0, 0), (3, 4))
    >>> line.length
    5.0
    >>> line.point_at(0.5)
    Vec2(x=1.5, y=2.0)
    """

    __slots__ = ()

    def __new__(cls, start: PointLike, end: PointLike) -> Line:
        return tuple.__new__(cls, (as_vec(start), as_vec(end)))

    @classmethod
    def _make(cls, iterable: Iterable[Any]) -> Self:  # type: ignore[override]
        # namedtuple's _make (and so _replace) would skip the validation in __new__.
        return cls(*iterable)

    @property
    def direction(self) -> Vec2:
        """``end - start`` (not normalised)."""
        return Vec2(self.end.x - self.start.x, self.end.y - self.start.y)

    @property
    def length(self) -> float:
        """Length of the segment."""
        return math.hypot(self.end.x - self.start.x, self.end.y - self.start.y)

    @property
    def midpoint(self) -> Vec2:
        """Point halfway between the ends."""
        return self.start.lerp(self.end, 0.5)

    @property
    def angle(self) -> float:
        """Direction angle in radians, in ``(-pi, pi]``."""
        return math.atan2(self.end.y - self.start.y, self.end.x - self.start.x)

    @property
    def bbox(self) -> BBox:
        """Axis-aligned bounding box."""
        return BBox.from_points((self.start, self.end))

    def point_at(self, t: float) -> Vec2:
        """Point at parameter ``t`` (0 at ``start``, 1 at ``end``; other values extrapolate)."""
        return self.start.lerp(self.end, t)

    def reversed(self) -> Line:
        """The same segment traversed from ``end`` to ``start``."""
        return tuple.__new__(Line, (self.end, self.start))

    def is_degenerate(self, *, rel_tol: float = REL_TOL, abs_tol: float = ABS_TOL) -> bool:
        """True when the segment's length is within tolerance of zero."""
        scale = max(abs(self.start.x), abs(self.start.y), abs(self.end.x), abs(self.end.y))
        return self.length <= abs_tol + rel_tol * scale

    def isclose(self, other: Line, *, rel_tol: float = REL_TOL, abs_tol: float = ABS_TOL) -> bool:
        """True when both end points are close, in the same order."""
        return self.start.isclose(other.start, rel_tol=rel_tol, abs_tol=abs_tol) and (
            self.end.isclose(other.end, rel_tol=rel_tol, abs_tol=abs_tol)
        )
