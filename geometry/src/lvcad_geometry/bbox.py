"""Axis-aligned bounding boxes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from .errors import TooFewVerticesError
from .vec import PointLike, Vec2

__all__ = ["BBox"]


class BBox(NamedTuple):
    """An immutable axis-aligned bounding box.

    Example
    -------
    >>> box = BBox.from_points([(0, 0), (4, 1), (2, 3)])
    >>> box
    BBox(min_x=0.0, min_y=0.0, max_x=4.0, max_y=3.0)
    >>> box.contains((2, 2)), box.width, box.center
    (True, 4.0, Vec2(x=2.0, y=1.5))
    """

    min_x: float
    min_y: float
    max_x: float
    max_y: float

    @classmethod
    def from_points(cls, points: Iterable[PointLike]) -> BBox:
        """Smallest box holding every point; at least one point is needed."""
        xs: list[float] = []
        ys: list[float] = []
        for p in points:
            xs.append(float(p[0]))
            ys.append(float(p[1]))
        if not xs:
            raise TooFewVerticesError("a bounding box needs at least one point")
        return cls(min(xs), min(ys), max(xs), max(ys))

    @property
    def width(self) -> float:
        """Extent along x."""
        return self.max_x - self.min_x

    @property
    def height(self) -> float:
        """Extent along y."""
        return self.max_y - self.min_y

    @property
    def center(self) -> Vec2:
        """Centre point."""
        return Vec2((self.min_x + self.max_x) / 2, (self.min_y + self.max_y) / 2)

    @property
    def scale(self) -> float:
        """Largest coordinate magnitude: the scale for relative tolerances."""
        return max(abs(self.min_x), abs(self.min_y), abs(self.max_x), abs(self.max_y))

    def union(self, other: BBox) -> BBox:
        """Smallest box holding both boxes."""
        return BBox(
            min(self.min_x, other.min_x),
            min(self.min_y, other.min_y),
            max(self.max_x, other.max_x),
            max(self.max_y, other.max_y),
        )

    def expanded(self, margin: float) -> BBox:
        """The box grown by ``margin`` on every side."""
        return BBox(
            self.min_x - margin, self.min_y - margin, self.max_x + margin, self.max_y + margin
        )

    def contains(self, point: PointLike, *, tol: float = 0.0) -> bool:
        """True when ``point`` is inside or on the border (grown by ``tol``)."""
        x, y = point[0], point[1]
        return (
            self.min_x - tol <= x <= self.max_x + tol and self.min_y - tol <= y <= self.max_y + tol
        )

    def intersects(self, other: BBox, *, tol: float = 0.0) -> bool:
        """True when the boxes overlap or touch (within ``tol``)."""
        return not (
            other.min_x > self.max_x + tol
            or other.max_x < self.min_x - tol
            or other.min_y > self.max_y + tol
            or other.max_y < self.min_y - tol
        )
