"""Circular arcs.

An :class:`Arc` is stored as centre, radius, start angle and a *signed* sweep: positive
sweeps run counter-clockwise, negative ones clockwise. That is unambiguous where a pair of
start/end angles is not (is 0 → 0 an empty arc or a full circle?). DXF ARC entities are always
counter-clockwise; :meth:`Arc.from_angles` builds one from DXF-style angles.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, NamedTuple, Self

from .bbox import BBox
from .errors import DegenerateGeometryError, NonFiniteError
from .tolerance import ABS_TOL, REL_TOL
from .vec import PointLike, Vec2, as_vec

__all__ = ["Arc", "normalize_angle"]

TAU = 2.0 * math.pi


def normalize_angle(angle: float) -> float:
    """Return ``angle`` wrapped into ``[0, 2*pi)``.

    Example
    -------
    >>> normalize_angle(-math.pi / 2) == 1.5 * math.pi
    True
    """
    wrapped = math.fmod(angle, TAU)
    if wrapped < 0.0:
        wrapped += TAU
    return 0.0 if wrapped >= TAU else wrapped


class _ArcFields(NamedTuple):
    center: Vec2
    radius: float
    start_angle: float
    sweep: float


class Arc(_ArcFields):
    """An immutable circular arc: ``center``, ``radius``, ``start_angle`` and signed ``sweep``.

    Angles are in radians. ``0 < |sweep| <= 2*pi``; positive is counter-clockwise.

    Example
    -------
    >>> arc = Arc((0, 0), 2.0, 0.0, math.pi / 2)
    >>> arc.end_point.isclose((0, 2))
    True
    >>> round(arc.length, 6)
    3.141593
    """

    __slots__ = ()

    def __new__(cls, center: PointLike, radius: float, start_angle: float, sweep: float) -> Arc:
        radius, start_angle, sweep = float(radius), float(start_angle), float(sweep)
        if not (math.isfinite(radius) and math.isfinite(start_angle) and math.isfinite(sweep)):
            raise NonFiniteError(
                f"arc radius and angles must be finite, got {radius!r}, {start_angle!r}, {sweep!r}"
            )
        if radius <= 0.0:
            raise DegenerateGeometryError(f"arc radius must be positive, got {radius!r}")
        if sweep == 0.0 or abs(sweep) > TAU * (1.0 + 1e-12):
            raise DegenerateGeometryError(
                f"arc sweep must be in 0 < |sweep| <= 2*pi, got {sweep!r}"
            )
        return tuple.__new__(cls, (as_vec(center), radius, start_angle, sweep))

    @classmethod
    def _make(cls, iterable: Iterable[Any]) -> Self:  # type: ignore[override]
        # namedtuple's _make (and so _replace) would skip the validation in __new__.
        return cls(*iterable)

    @classmethod
    def from_angles(
        cls,
        center: PointLike,
        radius: float,
        start_angle: float,
        end_angle: float,
        *,
        ccw: bool = True,
    ) -> Arc:
        """Build an arc from DXF-style start and end angles (radians).

        Equal start and end angles give a full circle, as in DXF.

        Example
        -------
        >>> Arc.from_angles((0, 0), 1.0, 0.0, math.pi / 2, ccw=False).sweep == -1.5 * math.pi
        True
        """
        sweep = (
            normalize_angle(end_angle - start_angle)
            if ccw
            else -normalize_angle(start_angle - end_angle)
        )
        if sweep == 0.0:
            sweep = TAU if ccw else -TAU
        return cls(center, radius, start_angle, sweep)

    @property
    def ccw(self) -> bool:
        """True for a counter-clockwise arc."""
        return self.sweep > 0.0

    @property
    def end_angle(self) -> float:
        """``start_angle + sweep`` (not wrapped)."""
        return self.start_angle + self.sweep

    @property
    def start_point(self) -> Vec2:
        """Point where the arc starts."""
        return self.point_at_angle(self.start_angle)

    @property
    def end_point(self) -> Vec2:
        """Point where the arc ends."""
        return self.point_at_angle(self.start_angle + self.sweep)

    @property
    def mid_point(self) -> Vec2:
        """Point halfway along the arc."""
        return self.point_at_angle(self.start_angle + self.sweep / 2)

    @property
    def length(self) -> float:
        """Arc length ``radius * |sweep|``."""
        return self.radius * abs(self.sweep)

    @property
    def is_full_circle(self) -> bool:
        """True when the arc closes on itself."""
        return abs(self.sweep) >= TAU

    @property
    def bbox(self) -> BBox:
        """Tight axis-aligned bounding box, including the quadrant points the arc passes."""
        points = [self.start_point, self.end_point]
        cx, cy, r = self.center.x, self.center.y, self.radius
        for k, quadrant in enumerate(((r, 0.0), (0.0, r), (-r, 0.0), (0.0, -r))):
            if self.contains_angle(k * math.pi / 2):
                points.append(Vec2(cx + quadrant[0], cy + quadrant[1]))
        return BBox.from_points(points)

    def point_at_angle(self, angle: float) -> Vec2:
        """Point on the arc's circle at ``angle`` radians."""
        return Vec2(
            self.center.x + self.radius * math.cos(angle),
            self.center.y + self.radius * math.sin(angle),
        )

    def point_at(self, t: float) -> Vec2:
        """Point at parameter ``t`` along the sweep (0 at the start, 1 at the end)."""
        return self.point_at_angle(self.start_angle + t * self.sweep)

    def parameter_of_angle(self, angle: float) -> float:
        """Parameter ``t`` in ``[0, 2*pi/|sweep|)`` of the direction ``angle`` along the sweep.

        Values in ``[0, 1]`` are on the arc.
        """
        if self.sweep > 0.0:
            return normalize_angle(angle - self.start_angle) / self.sweep
        return normalize_angle(self.start_angle - angle) / -self.sweep

    def contains_angle(self, angle: float, *, abs_tol: float = 1e-12) -> bool:
        """True when the direction ``angle`` (radians) lies within the sweep (``abs_tol`` rad)."""
        if self.is_full_circle:
            return True
        offset = (
            normalize_angle(angle - self.start_angle)
            if self.sweep > 0.0
            else normalize_angle(self.start_angle - angle)
        )
        return offset <= abs(self.sweep) + abs_tol or offset >= TAU - abs_tol

    def tangent_at_angle(self, angle: float) -> Vec2:
        """Unit tangent in the direction of travel at ``angle``."""
        sign = 1.0 if self.sweep > 0.0 else -1.0
        return Vec2(-math.sin(angle) * sign, math.cos(angle) * sign)

    def reversed(self) -> Arc:
        """The same arc traversed the other way."""
        return tuple.__new__(
            Arc, (self.center, self.radius, self.start_angle + self.sweep, -self.sweep)
        )

    def isclose(self, other: Arc, *, rel_tol: float = REL_TOL, abs_tol: float = ABS_TOL) -> bool:
        """True when both arcs have close centres, radii, end points and the same direction."""
        scale = max(abs(self.center.x), abs(self.center.y), self.radius)
        tol = abs_tol + rel_tol * scale
        return (
            self.ccw == other.ccw
            and self.center.isclose(other.center, rel_tol=rel_tol, abs_tol=abs_tol)
            and abs(self.radius - other.radius) <= tol
            and self.start_point.distance(other.start_point) <= tol
            and self.end_point.distance(other.end_point) <= tol
            and self.mid_point.distance(other.mid_point) <= tol
        )
