"""Placing DXF geometry in the document: unit scale, OCS and block transforms, flattening.

A :class:`Placement` maps DXF coordinates (of model space, a block or an entity's OCS) to
document coordinates. The common case is a pure unit scale, applied exactly
(:class:`~.dxf_units.UnitScale`); anything else (a mirrored OCS, an exploded block
reference) is an affine :class:`~lvcad_geometry.Transform`. Circles and arcs stay exact
under similarity transforms (rotation, uniform scale, mirror); under any other (a block
exploded with a non-uniform scale) they become polylines within a tolerance, made here.

Tolerances are chord-to-curve distances (sagitta) in document units, chosen by the caller.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
from ezdxf.math import OCS, Vec3

from lvcad_geometry import Transform, Vec2
from lvcad_geometry.tolerance import require_finite

from .dxf_units import UnitScale

__all__ = [
    "MAX_SEGMENTS",
    "Placement",
    "arc_points",
    "decompose",
    "flatten_bulges",
    "is_up",
    "ocs_transform",
    "segments_for",
]

FloatArray = npt.NDArray[np.float64]

#: Most segments one flattened curve gets, whatever the tolerance.
MAX_SEGMENTS = 4096
#: Fewest segments per quarter turn of a flattened arc (so small arcs still look round).
_MIN_PER_QUARTER = 2
_IDENTITY = Transform()


class Placement:
    """DXF coordinates → document coordinates.

    Example
    -------
    >>> from fractions import Fraction
    >>> cm = Placement.scaled(UnitScale(Fraction(10)))  # centimetres into millimetres
    >>> cm.point(1.5, -2.0), cm.length(0.3), cm.angle(1.0)
    (Vec2(x=15.0, y=-20.0), 3.0, 1.0)
    >>> mirrored = cm.then(Transform.scaling(-1.0, 1.0))
    >>> mirrored.point(1.0, 1.0), mirrored.is_similarity, mirrored.sign
    (Vec2(x=-10.0, y=10.0), True, -1.0)
    """

    __slots__ = (
        "_scale",
        "is_similarity",
        "rotation",
        "sign",
        "size",
        "stretch",
        "transform",
    )

    transform: Transform
    _scale: UnitScale | None

    def __init__(self, transform: Transform, scale: UnitScale | None = None) -> None:
        self.transform = transform
        self._scale = scale
        a, b, _, d, e, _ = transform
        det = a * e - b * d
        #: +1 when orientation is kept, -1 when the placement mirrors.
        self.sign = -1.0 if det < 0.0 else 1.0
        #: True when circles stay circles.
        self.is_similarity = scale is not None or transform.is_similarity
        #: Rotation of directions (the angle of the mapped x axis).
        self.rotation = 0.0 if scale is not None else math.atan2(d, a)
        #: Length factor of a similarity (``sqrt(|det|)``).
        self.size = scale.value if scale is not None else math.sqrt(abs(det))
        total = a * a + b * b + d * d + e * e
        #: The largest length factor in any direction (largest singular value).
        self.stretch = math.sqrt((total + math.sqrt(max(total * total - 4 * det * det, 0.0))) / 2)

    @classmethod
    def scaled(cls, scale: UnitScale) -> Placement:
        """The exact unit scale ``scale`` (the identity for a factor of 1)."""
        return cls(Transform.scaling(scale.value), scale)

    @property
    def is_exact_scale(self) -> bool:
        """True for a pure unit scale (applied with one rounding per coordinate)."""
        return self._scale is not None

    @property
    def determinant(self) -> float:
        """The area factor (negative when mirrored)."""
        return self.transform.determinant

    def then(self, inner: Transform) -> Placement:
        """This placement applied after ``inner`` (e.g. an entity's OCS or a block insert)."""
        if inner == _IDENTITY:
            return self
        return Placement(self.transform @ inner)

    def point(self, x: float, y: float) -> Vec2:
        """A point."""
        if self._scale is not None:
            return Vec2(self._scale(float(x)), self._scale(float(y)))
        a, b, c, d, e, f = self.transform
        return Vec2(a * x + b * y + c, d * x + e * y + f)

    def points(self, x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Arrays of points."""
        # An overflow shows as inf, which the polyline refuses (NonFiniteError): no warning.
        with np.errstate(over="ignore", invalid="ignore"):
            if self._scale is not None:
                if self._scale.is_identity:
                    return x, y
                return self._scale(x), self._scale(y)
            a, b, c, d, e, f = self.transform
            return a * x + b * y + c, d * x + e * y + f

    def length(self, value: float) -> float:
        """A length under a similarity (a radius, a text height)."""
        if self._scale is not None:
            return self._scale(float(value))
        return value * self.size

    def angle(self, angle: float) -> float:
        """A direction angle (radians) under a similarity."""
        if self._scale is not None:
            return angle
        return self.rotation + self.sign * angle

    def direction(self, angle: float) -> tuple[float, float]:
        """Angle and length factor of the unit direction ``angle`` (radians), mapped."""
        if self._scale is not None:
            return angle, self._scale.value
        a, b, _, d, e, _ = self.transform
        dx, dy = math.cos(angle), math.sin(angle)
        mx, my = a * dx + b * dy, d * dx + e * dy
        return math.atan2(my, mx), math.hypot(mx, my)

    def height(self, height: float, angle: float) -> float:
        """A text ``height`` perpendicular to a baseline at ``angle``, mapped (any placement)."""
        if self.is_similarity:
            return self.length(height)
        _, along = self.direction(angle)
        # area factor / baseline factor = the factor across the baseline
        return height * abs(self.determinant) / along if along else 0.0


def segments_for(radius: float, sweep: float, tolerance: float) -> int:
    """Segments for an arc of ``radius`` and ``sweep`` with chord error at most ``tolerance``.

    Example
    -------
    >>> segments_for(1.0, math.pi / 2, 0.01), segments_for(1.0, 2 * math.pi, 1e-9)
    (6, 4096)
    """
    turns = abs(sweep)
    low = max(1, math.ceil(turns / (math.pi / 2) * _MIN_PER_QUARTER - 1e-9))
    if not tolerance > 0.0 or tolerance >= radius:
        return low
    step = 2.0 * math.acos(1.0 - tolerance / radius)
    if step <= 0.0:
        return MAX_SEGMENTS
    return min(MAX_SEGMENTS, max(low, math.ceil(turns / step)))


def arc_points(
    cx: float, cy: float, radius: float, start: float, sweep: float, tolerance: float
) -> tuple[FloatArray, FloatArray]:
    """Points along an arc (both end points included), chord error at most ``tolerance``.

    Example
    -------
    >>> x, y = arc_points(0.0, 0.0, 1.0, 0.0, math.pi, 0.5)
    >>> len(x), float(round(x[-1], 12)), float(round(y[-1], 12))
    (5, -1.0, 0.0)
    """
    require_finite(cx, cy, radius, start, sweep)
    count = segments_for(radius, sweep, tolerance)
    angles = start + sweep * (np.arange(count + 1) / count)
    with np.errstate(over="ignore", invalid="ignore"):  # huge radii: inf, refused later
        return cx + radius * np.cos(angles), cy + radius * np.sin(angles)


def flatten_bulges(
    x: FloatArray, y: FloatArray, bulges: FloatArray, closed: bool, tolerance: float
) -> tuple[FloatArray, FloatArray]:
    """The vertices of a bulge polyline with every arc segment replaced by chords.

    The result has no bulges; a closed input gives the vertices of a closed polyline (the
    first vertex is not repeated at the end).
    """
    require_finite(*x.tolist(), *y.tolist(), *bulges.tolist())
    count = len(x)
    last = count if closed else count - 1
    xs: list[FloatArray] = []
    ys: list[FloatArray] = []
    for i in range(last):
        j = (i + 1) % count
        bulge = float(bulges[i])
        x0, y0, x1, y1 = float(x[i]), float(y[i]), float(x[j]), float(y[j])
        chord = math.hypot(x1 - x0, y1 - y0)
        if bulge == 0.0 or chord == 0.0:
            xs.append(np.array([x0]))
            ys.append(np.array([y0]))
            continue
        k = (1.0 - bulge * bulge) / (4.0 * bulge)
        cx = (x0 + x1) / 2 - (y1 - y0) * k
        cy = (y0 + y1) / 2 + (x1 - x0) * k
        radius = chord * (1.0 + bulge * bulge) / (4.0 * abs(bulge))
        start = math.atan2(y0 - cy, x0 - cx)
        ax, ay = arc_points(cx, cy, radius, start, 4.0 * math.atan(bulge), tolerance)
        ax[0], ay[0] = x0, y0  # the exact vertex, not the recomputed one
        xs.append(ax[:-1])
        ys.append(ay[:-1])
    if not closed:
        xs.append(np.array([float(x[-1])]))
        ys.append(np.array([float(y[-1])]))
    return np.concatenate(xs), np.concatenate(ys)


def ocs_transform(extrusion: Vec3, z: float) -> Transform:
    """The plan-view (XY) projection of an OCS with ``extrusion``, at elevation ``z``."""
    ocs = OCS(extrusion)
    ux, uy, origin = ocs.to_wcs(Vec3(1, 0, 0)), ocs.to_wcs(Vec3(0, 1, 0)), ocs.to_wcs(Vec3(0, 0, z))
    return Transform(ux.x, uy.x, origin.x, ux.y, uy.y, origin.y)


def decompose(transform: Transform) -> tuple[tuple[float, float], float, float, float] | None:
    """Translation, rotation and x/y scales of ``transform``, or ``None`` if it shears."""
    a, b, c, d, e, f = transform
    scale_x = math.hypot(a, d)
    if scale_x == 0.0:
        return None
    angle = math.atan2(d, a)
    scale_y = (a * e - b * d) / scale_x
    if abs(a * b + d * e) > 1e-9 * (a * a + b * b + d * d + e * e) or scale_y == 0.0:
        return None
    return (c, f), angle, scale_x, scale_y


def is_up(extrusion: Vec3) -> bool:
    """True for an extrusion along +z: the OCS is the WCS."""
    return bool(extrusion[0] == 0.0 and extrusion[1] == 0.0 and extrusion[2] > 0.0)
