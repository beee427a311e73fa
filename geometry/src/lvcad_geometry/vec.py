"""2D vectors and points.

:class:`Vec2` is an immutable pair of floats. It is a :class:`typing.NamedTuple`, so it is
slotted, hashable, cheap to create and unpacks like the ``(x, y)`` tuples that callers pass
everywhere a point is expected (:data:`PointLike`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple, TypeAlias

from .errors import NonFiniteError
from .tolerance import ABS_TOL, REL_TOL

__all__ = ["Point", "PointLike", "Vec2", "as_vec"]


class Vec2(NamedTuple):
    """An immutable 2D vector; also used as a point (:data:`Point`).

    Arithmetic is vector arithmetic, not tuple concatenation.

    Example
    -------
    >>> a = Vec2(3.0, 4.0)
    >>> a.length
    5.0
    >>> a + (1, 1)
    Vec2(x=4.0, y=5.0)
    >>> x, y = a * 2
    >>> (x, y)
    (6.0, 8.0)
    """

    x: float
    y: float

    # Vec2 overrides tuple's sequence operators with vector ones on purpose.
    def __add__(self, other: PointLike) -> Vec2:  # type: ignore[override]
        return Vec2(self.x + other[0], self.y + other[1])

    def __radd__(self, other: PointLike) -> Vec2:
        return Vec2(other[0] + self.x, other[1] + self.y)

    def __sub__(self, other: PointLike) -> Vec2:
        return Vec2(self.x - other[0], self.y - other[1])

    def __rsub__(self, other: PointLike) -> Vec2:
        return Vec2(other[0] - self.x, other[1] - self.y)

    def __mul__(self, factor: float) -> Vec2:  # type: ignore[override]
        return Vec2(self.x * factor, self.y * factor)

    def __rmul__(self, factor: float) -> Vec2:  # type: ignore[override]
        return Vec2(self.x * factor, self.y * factor)

    def __truediv__(self, divisor: float) -> Vec2:
        return Vec2(self.x / divisor, self.y / divisor)

    def __neg__(self) -> Vec2:
        return Vec2(-self.x, -self.y)

    @property
    def length(self) -> float:
        """Euclidean length."""
        return math.hypot(self.x, self.y)

    @property
    def angle(self) -> float:
        """Direction in radians, in ``(-pi, pi]``, measured counter-clockwise from +x."""
        return math.atan2(self.y, self.x)

    def dot(self, other: PointLike) -> float:
        """Dot product."""
        return self.x * other[0] + self.y * other[1]

    def cross(self, other: PointLike) -> float:
        """z component of the cross product: positive when ``other`` is counter-clockwise."""
        return self.x * other[1] - self.y * other[0]

    def normalized(self) -> Vec2:
        """Unit vector in the same direction; a zero vector raises ``ZeroDivisionError``."""
        length = math.hypot(self.x, self.y)
        return Vec2(self.x / length, self.y / length)

    def perp(self) -> Vec2:
        """The vector rotated 90° counter-clockwise (the left normal direction)."""
        return Vec2(-self.y, self.x)

    def rotated(self, angle: float) -> Vec2:
        """The vector rotated counter-clockwise by ``angle`` radians about the origin."""
        c, s = math.cos(angle), math.sin(angle)
        return Vec2(self.x * c - self.y * s, self.x * s + self.y * c)

    def distance(self, other: PointLike) -> float:
        """Distance to another point."""
        return math.hypot(self.x - other[0], self.y - other[1])

    def lerp(self, other: PointLike, t: float) -> Vec2:
        """Point at parameter ``t`` on the segment from ``self`` (t=0) to ``other`` (t=1)."""
        return Vec2(self.x + (other[0] - self.x) * t, self.y + (other[1] - self.y) * t)

    def isclose(
        self, other: PointLike, *, rel_tol: float = REL_TOL, abs_tol: float = ABS_TOL
    ) -> bool:
        """True when the distance to ``other`` is within ``abs_tol + rel_tol * scale``.

        ``scale`` is the largest coordinate magnitude of the two points.

        Example
        -------
        >>> Vec2(1e6, 0.0).isclose((1e6 + 1e-4, 0.0))
        True
        >>> Vec2(1e-3, 0.0).isclose((1.1e-3, 0.0))
        False
        """
        scale = max(abs(self.x), abs(self.y), abs(other[0]), abs(other[1]))
        return self.distance(other) <= abs_tol + rel_tol * scale

    @classmethod
    def from_angle(cls, angle: float, length: float = 1.0) -> Vec2:
        """Vector of ``length`` pointing at ``angle`` radians."""
        return cls(length * math.cos(angle), length * math.sin(angle))


#: A point or vector argument: a :class:`Vec2` or any ``(x, y)`` pair of numbers
#: (a :class:`Vec2` is itself a sequence of two floats).
PointLike: TypeAlias = Sequence[float]
#: Points and vectors share one type.
Point = Vec2


def as_vec(value: PointLike) -> Vec2:
    """Convert an ``(x, y)`` pair to a :class:`Vec2` of finite floats.

    Raises
    ------
    NonFiniteError
        If a coordinate is NaN or infinite.
    TypeError, ValueError
        If ``value`` is not a pair of numbers.

    Example
    -------
    >>> as_vec((1, 2))
    Vec2(x=1.0, y=2.0)
    """
    # Fast path only for a Vec2 of Python floats: a Vec2 built from ints or numpy scalars is
    # converted, or float32 coordinates would turn later arithmetic into float32 arithmetic.
    if (
        type(value) is Vec2
        and type(value.x) is float
        and type(value.y) is float
        and math.isfinite(value.x)
        and math.isfinite(value.y)
    ):
        return value
    if len(value) != 2:
        raise ValueError(f"a point needs exactly 2 coordinates, got {len(value)}: {value!r}")
    x, y = float(value[0]), float(value[1])
    if not (math.isfinite(x) and math.isfinite(y)):
        raise NonFiniteError(f"point coordinates must be finite, got ({x!r}, {y!r})")
    return Vec2(x, y)
