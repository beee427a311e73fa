"""2D affine transforms of points, lines, arcs and polylines.

Arcs and bulges stay circular only under similarity transforms (rotation, uniform scale,
translation, mirror); applying a shear or a non-uniform scale to them raises
:class:`~lvcad_geometry.errors.GeometryError` instead of silently drawing the wrong curve.
"""

from __future__ import annotations

import math
from typing import NamedTuple, TypeVar, overload

import numpy as np

from .arc import Arc
from .errors import DegenerateGeometryError, GeometryError, NonFiniteError
from .line import Line
from .polyline import Polyline
from .vec import PointLike, Vec2, as_vec

__all__ = ["Transform"]

_Entity = TypeVar("_Entity", Vec2, Line, Arc, Polyline)


class Transform(NamedTuple):
    """An immutable affine map ``(x, y) → (a·x + b·y + c, d·x + e·y + f)``.

    Compose with ``@``: ``(t2 @ t1).apply(p) == t2.apply(t1.apply(p))``.

    Example
    -------
    >>> t = Transform.translation(10, 0) @ Transform.rotation(math.pi / 2)
    >>> t.apply((1, 0)).isclose((10, 1))
    True
    >>> t.apply(Line((0, 0), (2, 0))).end.isclose((10, 2))
    True
    """

    a: float = 1.0
    b: float = 0.0
    c: float = 0.0
    d: float = 0.0
    e: float = 1.0
    f: float = 0.0

    @classmethod
    def translation(cls, dx: float, dy: float) -> Transform:
        """Move by ``(dx, dy)``."""
        return cls(1.0, 0.0, float(dx), 0.0, 1.0, float(dy))

    @classmethod
    def rotation(cls, angle: float, center: PointLike = (0.0, 0.0)) -> Transform:
        """Rotate counter-clockwise by ``angle`` radians about ``center``."""
        cx, cy = as_vec(center)
        cos, sin = math.cos(angle), math.sin(angle)
        return cls(cos, -sin, cx - cos * cx + sin * cy, sin, cos, cy - sin * cx - cos * cy)

    @classmethod
    def scaling(
        cls, sx: float, sy: float | None = None, center: PointLike = (0.0, 0.0)
    ) -> Transform:
        """Scale by ``sx`` (and ``sy``, default ``sx``) about ``center``."""
        sy = sx if sy is None else sy
        cx, cy = as_vec(center)
        return cls(float(sx), 0.0, cx - sx * cx, 0.0, float(sy), cy - sy * cy)

    @classmethod
    def mirror(cls, line: Line) -> Transform:
        """Reflect across the infinite line through ``line``.

        Raises
        ------
        DegenerateGeometryError
            If ``line`` has no length (:meth:`Line.is_degenerate`), so no direction.
        """
        if line.is_degenerate():
            raise DegenerateGeometryError(f"cannot mirror across a zero-length line: {line!r}")
        angle = 2.0 * line.angle
        cos, sin = math.cos(angle), math.sin(angle)
        px, py = line.start
        return cls(cos, sin, px - cos * px - sin * py, sin, -cos, py - sin * px + cos * py)

    def __matmul__(self, other: Transform) -> Transform:
        a, b, c, d, e, f = self
        oa, ob, oc, od, oe, of = other
        return Transform(
            a * oa + b * od,
            a * ob + b * oe,
            a * oc + b * of + c,
            d * oa + e * od,
            d * ob + e * oe,
            d * oc + e * of + f,
        )

    @property
    def determinant(self) -> float:
        """Area scale factor; negative when the transform mirrors."""
        return self.a * self.e - self.b * self.d

    @property
    def is_similarity(self) -> bool:
        """True when the transform keeps circles circular (no shear, uniform scale)."""
        scale = max(abs(self.a), abs(self.b), abs(self.d), abs(self.e))
        tol = 1e-12 * scale
        same_length = abs(math.hypot(self.a, self.d) - math.hypot(self.b, self.e)) <= tol
        orthogonal = abs(self.a * self.b + self.d * self.e) <= tol * scale
        return same_length and orthogonal and self.determinant != 0.0

    def inverse(self) -> Transform:
        """The transform that undoes this one."""
        det = self.determinant
        if det == 0.0 or not math.isfinite(det):
            raise GeometryError("a singular transform has no inverse")
        a, b, c, d, e, f = self
        return Transform(
            e / det, -b / det, (b * f - e * c) / det, -d / det, a / det, (d * c - a * f) / det
        )

    def apply_point(self, point: PointLike) -> Vec2:
        """Transform one point."""
        x, y = as_vec(point)
        result = Vec2(self.a * x + self.b * y + self.c, self.d * x + self.e * y + self.f)
        if not (math.isfinite(result.x) and math.isfinite(result.y)):
            raise NonFiniteError(f"transforming {point!r} overflowed to {result!r}")
        return result

    @overload
    def apply(self, entity: _Entity) -> _Entity: ...
    @overload
    def apply(self, entity: tuple[float, float]) -> Vec2: ...

    def apply(self, entity: Vec2 | Line | Arc | Polyline | tuple[float, float]) -> object:
        """Transform a point, :class:`Line`, :class:`Arc` or :class:`Polyline`."""
        if isinstance(entity, Line):
            return Line(self.apply_point(entity.start), self.apply_point(entity.end))
        if isinstance(entity, Arc):
            return self._apply_arc(entity)
        if isinstance(entity, Polyline):
            return self._apply_polyline(entity)
        return self.apply_point(entity)

    def _require_similarity(self) -> None:
        if not self.is_similarity:
            raise GeometryError(
                "arcs stay circular only under rotation, uniform scale, mirror and translation"
            )

    def _apply_arc(self, arc: Arc) -> Arc:
        self._require_similarity()
        center = self.apply_point(arc.center)
        start = self.apply_point(arc.start_point)
        scale = math.sqrt(abs(self.determinant))
        sweep = arc.sweep if self.determinant > 0 else -arc.sweep
        start_angle = math.atan2(start.y - center.y, start.x - center.x)
        return Arc(center, arc.radius * scale, start_angle, sweep)

    def _apply_polyline(self, polyline: Polyline) -> Polyline:
        if polyline.has_arcs:
            self._require_similarity()
        # An overflow becomes a NonFiniteError below (as in apply_point), not a RuntimeWarning.
        with np.errstate(over="ignore", invalid="ignore"):
            x = self.a * polyline.x + self.b * polyline.y + self.c
            y = self.d * polyline.x + self.e * polyline.y + self.f
        bulges = polyline.bulges if self.determinant > 0 else 0.0 - polyline.bulges
        return Polyline.from_arrays(x, y, np.asarray(bulges), closed=polyline.closed)
