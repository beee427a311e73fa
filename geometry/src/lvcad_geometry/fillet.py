"""Fillets: the arc of a given radius tangent to two entities, and the entities trimmed to it.

:func:`compute_fillet` rounds the corner between two lines, a line and an arc, or two arcs, the
way a CAD FILLET command does. The user's picks (points near where the user clicked on each
entity) choose which corner is rounded and which part of each entity is kept; a line or arc that
stops short of the fillet is extended to its tangent point.

Line-line fillets use the exact tangent distance ``r / tan(theta / 2)`` from the corner
(``theta`` is the angle between the kept parts), computed without an intermediate angle.
Fillets that involve an arc take the candidate centres where the offset curves meet (lines
moved by ``r``, circles grown or shrunk to ``R + r`` or ``R - r``).

The vectorised fillet of many line pairs and of all the corners of a polyline are
:func:`~lvcad_geometry.fillet.fillet_lines_batch` and
:func:`~lvcad_geometry.fillet.fillet_polyline` (both re-exported here).
"""

from __future__ import annotations

import math
from typing import NamedTuple

from ._corner import line_corner, trimmed_line
from ._fillet_batch import FilletBatch, FilletStatus, fillet_lines_batch, fillet_polyline
from .arc import Arc, normalize_angle
from .errors import (
    DegenerateGeometryError,
    InvalidRadiusError,
    NoFilletError,
    NonFiniteError,
    RadiusTooLargeError,
)
from .intersect import intersect_arcs, intersect_line_arc, intersect_lines
from .line import Line
from .tolerance import ABS_TOL, REL_TOL
from .vec import PointLike, Vec2, as_vec

__all__ = [
    "FilletBatch",
    "FilletResult",
    "FilletStatus",
    "compute_fillet",
    "fillet_lines_batch",
    "fillet_polyline",
]

TAU = 2.0 * math.pi
_INF = math.inf
_new = tuple.__new__


class FilletResult(NamedTuple):
    """The outcome of :func:`compute_fillet`; immutable.

    Attributes
    ----------
    tangent1, tangent2
        Where the fillet arc touches entity 1 and entity 2.
    arc
        The fillet :class:`~lvcad_geometry.Arc`, of exactly the requested radius, running from
        ``tangent1`` to ``tangent2`` (``arc.center`` is the fillet centre).
    trimmed1, trimmed2
        The kept part of each entity, trimmed or extended so that it ends at its tangent point;
        the entity keeps its direction (the end that moved is the one near the corner). ``None``
        when nothing is left of the entity (the radius exactly fits: the tangent point is the far
        end of the kept part). A full circle is returned unchanged (circles are not trimmed).

    Example
    -------
    >>> result = compute_fillet(Line((0, 0), (10, 0)), Line((0, 0), (0, 10)), 2.0)
    >>> result.tangent1, result.tangent2
    (Vec2(x=2.0, y=0.0), Vec2(x=0.0, y=2.0))
    >>> result.arc.center, result.trimmed1
    (Vec2(x=2.0, y=2.0), Line(start=Vec2(x=2.0, y=0.0), end=Vec2(x=10.0, y=0.0)))
    """

    tangent1: Vec2
    tangent2: Vec2
    arc: Arc
    trimmed1: Line | Arc | None
    trimmed2: Line | Arc | None


def compute_fillet(
    entity1: Line | Arc,
    entity2: Line | Arc,
    radius: float,
    *,
    pick1: PointLike | None = None,
    pick2: PointLike | None = None,
    rel_tol: float = REL_TOL,
    abs_tol: float = ABS_TOL,
) -> FilletResult:
    """Round the corner between two entities with an arc of ``radius``.

    Parameters
    ----------
    entity1, entity2
        Each a :class:`~lvcad_geometry.Line` or an :class:`~lvcad_geometry.Arc`.
    radius
        Fillet radius, finite and positive.
    pick1, pick2
        Points near where the user clicked on each entity, as in AutoCAD's FILLET.

        *Two lines*: each pick keeps the part of its line on the pick's side of the corner
        (the lines' intersection), so the picks choose which of the four corners is rounded.
        Without a pick, the part holding the end point farther from the corner is kept.

        *With an arc*: the fillet centre lies on the side of entity 1 (left or right of a line,
        inside or outside an arc's circle) where ``pick2`` is, and on the side of entity 2
        where ``pick1`` is; of the (at most two) fillets on those sides, the one whose tangent
        points are nearest the picks is chosen (for two lines this is the same rule). The
        fillet arc is the shorter way round between the tangent points, the side facing the
        corner; the kept part of each entity is the one the fillet arc continues smoothly
        (the entity's direction at the tangent point matches the arc's). A missing pick
        defaults to the entity's midpoint.
    rel_tol, abs_tol
        Lengths within ``abs_tol + rel_tol * scale`` count as equal (``scale`` is the largest
        coordinate magnitude of the entities).

    Returns
    -------
    FilletResult
        The tangent points, the fillet arc (from tangent point 1 to tangent point 2) and the
        trimmed entities.

    Raises
    ------
    NonFiniteError
        If ``radius`` or a pick is NaN or infinite.
    InvalidRadiusError
        If ``radius`` is zero or negative.
    DegenerateGeometryError
        If a line has zero length.
    ParallelLinesError
        If two lines are parallel or collinear.
    RadiusTooLargeError
        If a tangent point falls beyond the far end of the kept part of an entity. For two
        lines the message gives the largest radius that fits.
    NoFilletError
        If no arc of ``radius`` touches an arc entity on the picked sides (radius too large or
        too small for the gap, concentric arcs), or the entities touch tangentially there.

    Example
    -------
    A 60° corner: the tangent points are ``r / tan(30°) = r * sqrt(3)`` from the corner.

    >>> c60 = Line((0, 0), (math.cos(math.pi / 3) * 10, math.sin(math.pi / 3) * 10))
    >>> result = compute_fillet(Line((0, 0), (10, 0)), c60, 1.0)
    >>> round(result.tangent1.x, 12) == round(math.sqrt(3), 12)
    True

    The picks choose the corner of two crossing lines:

    >>> horizontal, vertical = Line((-5, 0), (5, 0)), Line((0, -5), (0, 5))
    >>> compute_fillet(horizontal, vertical, 1.0, pick1=(-3, 0), pick2=(0, 3)).arc.center
    Vec2(x=-1.0, y=1.0)

    A line and an arc:

    >>> circle = Arc((0, 0), 5.0, 0.0, 2 * math.pi)
    >>> result = compute_fillet(Line((-10, 6), (10, 6)), circle, 1.0, pick1=(8, 6), pick2=(5, 0))
    >>> result.arc.center.isclose((math.sqrt(11), 5.0))
    True
    """
    if not 0.0 < radius < _INF:
        raise _bad_radius(radius)
    if type(entity1) is Line and type(entity2) is Line:
        # Two lines: the hot path, inlined (the budget is a few microseconds per call).
        r = radius + 0.0
        x, y, u1x, u1y, reach1, keep_end1, u2x, u2y, reach2, keep_end2, tol = line_corner(
            entity1, entity2, pick1, pick2, rel_tol, abs_tol
        )
        cos = u1x * u2x + u1y * u2y
        sin = u1x * u2y - u1y * u2x
        abs_sin = abs(sin)
        # 1 / tan(theta/2) = (1 + cos) / sin = sin / (1 - cos): each form is accurate on one
        # side of 90° (the other loses digits to cancellation near a straight or hairpin corner).
        cot_half = (1.0 + cos) / abs_sin if cos >= 0.0 else abs_sin / (1.0 - cos)
        dist = r * cot_half
        if dist > reach1 + tol or dist > reach2 + tol:
            raise _lines_too_large(r, dist, cot_half, reach1, reach2, tol)
        t1x = x + dist * u1x
        t1y = y + dist * u1y
        tangent1 = _new(Vec2, (t1x, t1y))
        tangent2 = _new(Vec2, (x + dist * u2x, y + dist * u2y))
        # The centre is r from tangent point 1, on the side of line 1 toward line 2's kept
        # part; the arc turns from line 1 to line 2 through 180° - theta.
        if sin > 0.0:
            nx, ny, sweep = -u1y, u1x, -math.atan2(abs_sin, -cos)
        else:
            nx, ny, sweep = u1y, -u1x, math.atan2(abs_sin, -cos)
        arc = _new(Arc, (_new(Vec2, (t1x + r * nx, t1y + r * ny)), r, math.atan2(-ny, -nx), sweep))
        room1 = reach1 - dist
        room2 = reach2 - dist
        return _new(
            FilletResult,
            (
                tangent1,
                tangent2,
                arc,
                None
                if room1 <= tol
                else _new(Line, (tangent1, entity1[1]) if keep_end1 else (entity1[0], tangent1)),
                None
                if room2 <= tol
                else _new(Line, (tangent2, entity2[1]) if keep_end2 else (entity2[0], tangent2)),
            ),
        )
    for name, entity in (("entity1", entity1), ("entity2", entity2)):
        if not isinstance(entity, Line | Arc):
            raise TypeError(f"{name} must be a Line or an Arc, got {type(entity).__name__}")
    return _fillet_curves(
        entity1,
        entity2,
        float(radius),
        _default_pick(entity1) if pick1 is None else as_vec(pick1),
        _default_pick(entity2) if pick2 is None else as_vec(pick2),
        rel_tol,
        abs_tol,
    )


def _bad_radius(radius: float) -> NonFiniteError | InvalidRadiusError:
    if math.isnan(radius) or math.isinf(radius):
        return NonFiniteError(f"fillet radius must be finite, got {radius!r}")
    return InvalidRadiusError(f"fillet radius must be positive, got {radius!r}")


def _lines_too_large(
    r: float, dist: float, cot_half: float, reach1: float, reach2: float, tol: float
) -> RadiusTooLargeError:
    which, reach = ("line1", reach1) if dist > reach1 + tol else ("line2", reach2)
    if min(reach1, reach2) <= tol:
        short = "line1" if reach1 <= tol else "line2"
        return RadiusTooLargeError(
            f"no fillet fits: {short} has no length on the picked side of the corner; "
            "pick the other side of the corner"
        )
    largest = min(reach1, reach2) / cot_half
    return RadiusTooLargeError(
        f"fillet radius {r:.12g} does not fit: its tangent points are {dist:.12g} from the "
        f"corner but {which} reaches only {reach:.12g} on the picked side; the largest radius "
        f"that fits is {largest:.12g}"
    )


# -- lines and arcs --------------------------------------------------------------------------


def _default_pick(entity: Line | Arc) -> Vec2:
    return entity.midpoint if isinstance(entity, Line) else entity.mid_point


def _extent(entity: Line | Arc) -> float:
    if isinstance(entity, Line):
        (ax, ay), (bx, by) = entity
        return max(abs(ax), abs(ay), abs(bx), abs(by))
    return max(abs(entity.center.x), abs(entity.center.y)) + entity.radius


def _sides(entity: Line | Arc, point: Vec2, tol: float) -> tuple[float, ...]:
    """Side of ``entity`` where ``point`` is: +1 left of a line / outside a circle, -1 the
    other; both when ``point`` is on the entity."""
    if isinstance(entity, Line):
        direction = entity.direction
        side = direction.cross(point - entity.start) / direction.length
    else:
        side = entity.center.distance(point) - entity.radius
    if side > tol:
        return (1.0,)
    if side < -tol:
        return (-1.0,)
    return (1.0, -1.0)


def _offset(entity: Line | Arc, side: float, r: float, tol: float) -> Line | Arc | None:
    """The curve of possible fillet centres on ``side`` of ``entity``; None if there is none."""
    if isinstance(entity, Line):
        normal = entity.direction.normalized().perp() * (side * r)
        return tuple.__new__(Line, (entity.start + normal, entity.end + normal))
    radius = entity.radius + side * r
    if radius <= tol:
        return None
    return Arc(entity.center, radius, 0.0, TAU)


def _meet(curve1: Line | Arc, curve2: Line | Arc, rel_tol: float, abs_tol: float) -> list[Vec2]:
    tolerances = {"rel_tol": rel_tol, "abs_tol": abs_tol}
    if isinstance(curve1, Line):
        if isinstance(curve2, Line):
            return intersect_lines(curve1, curve2, infinite=True, **tolerances)
        return intersect_line_arc(curve1, curve2, infinite=True, full_circle=True, **tolerances)
    if isinstance(curve2, Line):
        return intersect_line_arc(curve2, curve1, infinite=True, full_circle=True, **tolerances)
    return intersect_arcs(curve1, curve2, full_circles=True, **tolerances)


def _touch(entity: Line | Arc, center: Vec2) -> Vec2:
    """Where a circle centred at ``center`` and tangent to ``entity`` touches it."""
    if isinstance(entity, Line):
        start, direction = entity.start, entity.direction
        t = (center - start).dot(direction) / direction.dot(direction)
        return start + direction * t
    away = center - entity.center
    return entity.center + away * (entity.radius / away.length)


def _fillet_curves(
    entity1: Line | Arc,
    entity2: Line | Arc,
    r: float,
    pick1: Vec2,
    pick2: Vec2,
    rel_tol: float,
    abs_tol: float,
) -> FilletResult:
    tol = abs_tol + rel_tol * max(_extent(entity1), _extent(entity2))
    for name, entity in (("entity1", entity1), ("entity2", entity2)):
        if isinstance(entity, Line) and entity.length <= tol:
            raise DegenerateGeometryError(
                f"{name} has zero length ({entity}); a fillet needs a line of non-zero length"
            )
    centers: list[Vec2] = []
    no_room: set[str] = set()  # arcs too small for a fillet inside them
    for side1 in _sides(entity1, pick2, tol):
        curve1 = _offset(entity1, side1, r, tol)
        for side2 in _sides(entity2, pick1, tol):
            curve2 = _offset(entity2, side2, r, tol)
            if curve1 is not None and curve2 is not None:
                centers += _meet(curve1, curve2, rel_tol, abs_tol)
            no_room |= {
                name for name, curve in (("entity1", curve1), ("entity2", curve2)) if curve is None
            }
    if not centers:
        raise _no_fillet(entity1, entity2, r, no_room)

    def distance_to_picks(center: Vec2) -> float:
        return pick1.distance(_touch(entity1, center)) + pick2.distance(_touch(entity2, center))

    center = min(centers, key=distance_to_picks)
    tangent1, tangent2 = _touch(entity1, center), _touch(entity2, center)
    start_angle = (tangent1 - center).angle
    sweep = math.remainder((tangent2 - center).angle - start_angle, TAU)  # in [-pi, pi]
    if abs(sweep) * r <= tol:
        raise NoFilletError(
            f"the entities touch tangentially at {tangent1} on the picked sides, so there is "
            "no corner to fillet there"
        )
    # Either way round the fillet circle is tangent to both entities; the fillet is the
    # shorter way, which faces the corner (the circle lies in one region between the entities,
    # touching both). The direction of travel at each tangent point then says which part of
    # each entity is kept (continuity of direction).
    keep1, keep2 = _kept_directions(center, tangent1, tangent2, sweep)
    return FilletResult(
        tangent1,
        tangent2,
        Arc(center, r, start_angle, sweep),
        _trim(entity1, "entity1", tangent1, keep1, r, tol),
        _trim(entity2, "entity2", tangent2, keep2, r, tol),
    )


def _kept_directions(
    center: Vec2, tangent1: Vec2, tangent2: Vec2, sweep: float
) -> tuple[Vec2, Vec2]:
    """Unit directions, at each tangent point, along the entity into its kept part."""
    sign = 1.0 if sweep > 0.0 else -1.0
    travel1 = (tangent1 - center).normalized().perp() * sign
    travel2 = (tangent2 - center).normalized().perp() * sign
    return -travel1, travel2


def _trim(
    entity: Line | Arc, name: str, tangent: Vec2, keep: Vec2, r: float, tol: float
) -> Line | Arc | None:
    """The part of ``entity`` from ``tangent`` along ``keep`` (trimmed or extended)."""
    if isinstance(entity, Line):
        direction = entity.direction
        t = (tangent - entity.start).dot(direction) / direction.dot(direction)
        forward = keep.dot(direction) > 0.0
        room = ((1.0 - t) if forward else t) * entity.length
        if room < -tol:
            raise _curve_too_large(name, r, tangent)
        return trimmed_line(entity, forward, tangent, room, tol)
    if entity.is_full_circle:
        return entity
    # Position of the tangent point along the arc, as an angle from the start in the arc's
    # direction, taken in the range centred on the arc's middle: below 0 is before the start,
    # above |sweep| beyond the end.
    center, radius, start_angle, sweep = entity
    sign, span = (1.0, sweep) if sweep > 0.0 else (-1.0, -sweep)
    angle = (tangent - center).angle
    tau = normalize_angle(sign * (angle - start_angle))
    if tau > span / 2 + math.pi:
        tau -= TAU
    forward = ((tangent - center).cross(keep) > 0.0) == (sweep > 0.0)
    room = span - tau if forward else tau
    angle_tol = tol / radius
    if room < -angle_tol:
        raise _curve_too_large(name, r, tangent)
    if room <= angle_tol:
        return None
    if forward:
        return Arc(center, radius, angle, sign * room)
    return Arc(center, radius, start_angle, sign * room)


def _curve_too_large(name: str, r: float, tangent: Vec2) -> RadiusTooLargeError:
    return RadiusTooLargeError(
        f"fillet radius {r:.12g} does not fit: its tangent point on {name} "
        f"({tangent.x:.12g}, {tangent.y:.12g}) lies beyond the far end of the picked part; "
        "use a smaller radius or pick the other side"
    )


def _no_fillet(
    entity1: Line | Arc, entity2: Line | Arc, r: float, no_room: set[str]
) -> NoFilletError:
    hints = [
        f"{name} is an arc of radius {entity.radius:.12g}, so a fillet inside it needs a "
        "smaller radius"
        for name, entity in (("entity1", entity1), ("entity2", entity2))
        if isinstance(entity, Arc) and name in no_room
    ]
    hint = f" ({'; '.join(hints)})" if hints else ""
    return NoFilletError(
        f"no arc of radius {r:.12g} touches both entities on the picked sides{hint}: the radius "
        "is too large or too small for the gap between them, or the arcs are concentric; "
        "change the radius or pick other sides"
    )
