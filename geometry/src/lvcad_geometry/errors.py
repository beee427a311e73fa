"""Exceptions raised by :mod:`lvcad_geometry`.

Every exception is a :class:`GeometryError`, itself a :class:`ValueError`, so callers
can catch the whole family at once or one specific condition.
"""

from __future__ import annotations

__all__ = [
    "DegenerateGeometryError",
    "GeometryError",
    "InvalidRadiusError",
    "NoFilletError",
    "NoIntersectionError",
    "NonFiniteError",
    "ParallelLinesError",
    "RadiusTooLargeError",
    "TooFewVerticesError",
]


class GeometryError(ValueError):
    """Base class of every error raised by the geometry core."""


class NonFiniteError(GeometryError):
    """A coordinate, distance or radius is NaN or infinite."""


class DegenerateGeometryError(GeometryError):
    """An entity has no extent: a zero-length segment, a zero-radius arc, an empty sweep."""


class TooFewVerticesError(GeometryError):
    """A polyline has fewer distinct vertices than the operation needs."""


class ParallelLinesError(GeometryError):
    """Two lines are parallel (or collinear), so they have no corner to fillet or chamfer."""


class InvalidRadiusError(GeometryError):
    """A fillet radius is zero or negative, or a chamfer distance is negative."""


class RadiusTooLargeError(GeometryError):
    """A fillet radius (or chamfer distance) does not fit on the picked parts of the entities."""


class NoFilletError(GeometryError):
    """No arc of the fillet radius touches both entities on the picked sides.

    The radius is too large or too small for the gap between a line and an arc or two arcs,
    the arcs are concentric, or the entities touch tangentially where the fillet would go.
    """


class NoIntersectionError(GeometryError):
    """An entity cannot be trimmed or extended because it never meets the boundary."""
