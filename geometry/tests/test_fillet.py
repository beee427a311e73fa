"""Tests of lvcad_geometry.fillet: compute_fillet, fillet_polyline and fillet_lines_batch.

The property tests check the fillet against independent facts (distances from the centre,
the corner from ``intersect_lines``, the half-angle formula written with ``math.tan``), at
coordinates around 1e-3, 1 and 1e6 with tolerances relative to the scale.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lvcad_geometry import Arc, Line, Polyline, Vec2
from lvcad_geometry._fillet_batch import _CHUNK
from lvcad_geometry.errors import (
    DegenerateGeometryError,
    InvalidRadiusError,
    NoFilletError,
    NonFiniteError,
    ParallelLinesError,
    RadiusTooLargeError,
)
from lvcad_geometry.fillet import (
    FilletResult,
    FilletStatus,
    _fillet_curves,
    compute_fillet,
    fillet_lines_batch,
    fillet_polyline,
)
from lvcad_geometry.intersect import intersect_lines

SCALES = [1e-3, 1.0, 1e6]
#: Relative tolerance of the checks: results must hold to 1e-9 of the coordinates' scale.
CHECK_TOL = 1e-9


def close(a: float, b: float, scale: float) -> bool:
    return abs(a - b) <= CHECK_TOL * scale


def points_close(p: tuple[float, float], q: tuple[float, float], scale: float) -> bool:
    return math.hypot(p[0] - q[0], p[1] - q[1]) <= CHECK_TOL * scale


def line_distance(point: Vec2, line: Line) -> float:
    """Distance from ``point`` to the infinite line through ``line``."""
    d = line.direction
    return abs(d.cross(point - line.start)) / d.length


def unit(v: Vec2) -> Vec2:
    return v / v.length


# -- line-line: known values ------------------------------------------------------------------


def test_right_angle_corner() -> None:
    result = compute_fillet(Line((0, 0), (10, 0)), Line((0, 0), (0, 10)), 2.0)
    assert isinstance(result, FilletResult)
    assert result.tangent1 == (2.0, 0.0)
    assert result.tangent2 == (0.0, 2.0)
    assert result.arc.center == (2.0, 2.0)
    assert result.arc.radius == 2.0
    assert result.arc.start_angle == pytest.approx(-math.pi / 2)
    assert result.arc.sweep == pytest.approx(-math.pi / 2)  # clockwise from line 1 to line 2
    assert result.arc.end_point.isclose(result.tangent2)
    assert result.trimmed1 == Line((2, 0), (10, 0))
    assert result.trimmed2 == Line((0, 2), (0, 10))


@pytest.mark.parametrize(
    ("degrees", "expected"),
    [(60.0, math.sqrt(3.0)), (90.0, 1.0), (120.0, 1.0 / math.sqrt(3.0))],
)
def test_tangent_distance_is_r_over_tan_half_angle(degrees: float, expected: float) -> None:
    # r * tan(theta / 2) (the old product's formula) gives 1/sqrt(3) at 60° and sqrt(3) at 120°.
    angle = math.radians(degrees)
    line2 = Line((0, 0), (10 * math.cos(angle), 10 * math.sin(angle)))
    result = compute_fillet(Line((0, 0), (10, 0)), line2, 1.0)
    assert result.tangent1.x == pytest.approx(expected, rel=1e-14)
    assert result.tangent1.y == 0.0
    assert result.tangent2.length == pytest.approx(expected, rel=1e-14)
    assert result.arc.center.isclose((expected, 1.0))
    assert abs(result.arc.sweep) == pytest.approx(math.pi - angle)


@pytest.mark.parametrize(
    ("pick1", "pick2", "center"),
    [
        ((5, 0), (0, 5), (1, 1)),
        ((-5, 0), (0, 5), (-1, 1)),
        ((-5, 0), (0, -5), (-1, -1)),
        ((5, 0), (0, -5), (1, -1)),
    ],
)
def test_picks_choose_the_quadrant(
    pick1: tuple[float, float], pick2: tuple[float, float], center: tuple[float, float]
) -> None:
    horizontal, vertical = Line((-10, 0), (10, 0)), Line((0, -10), (0, 10))
    result = compute_fillet(horizontal, vertical, 1.0, pick1=pick1, pick2=pick2)
    assert result.arc.center.isclose(center)
    assert result.tangent1 == (center[0], 0.0)
    assert result.tangent2 == (0.0, center[1])
    # The picked halves are kept, the others cut off at the tangent points.
    assert result.trimmed1 is not None
    assert result.trimmed2 is not None
    assert {result.trimmed1.start.x, result.trimmed1.end.x} == {center[0], 10.0 * center[0]}
    assert {result.trimmed2.start.y, result.trimmed2.end.y} == {center[1], 10.0 * center[1]}
    assert result.arc.start_point.isclose(result.tangent1)
    assert result.arc.end_point.isclose(result.tangent2)


def test_without_picks_the_longer_side_of_a_crossing_line_is_kept() -> None:
    result = compute_fillet(Line((-2, 0), (10, 0)), Line((0, 8), (0, -3)), 1.0)
    assert result.arc.center.isclose((1, 1))
    assert result.trimmed1 == Line((1, 0), (10, 0))
    assert result.trimmed2 == Line((0, 8), (0, 1))  # keeps its direction; the end point moved


def test_a_pick_at_the_corner_falls_back_to_the_default_side() -> None:
    lines = Line((-2, 0), (10, 0)), Line((0, 8), (0, -3))
    assert compute_fillet(*lines, 1.0, pick1=(0, 0), pick2=(0, 0)) == compute_fillet(*lines, 1.0)


def test_short_lines_are_extended_to_the_tangent_points() -> None:
    result = compute_fillet(Line((5, 0), (10, 0)), Line((0, 5), (0, 10)), 2.0)
    assert result.trimmed1 == Line((2, 0), (10, 0))
    assert result.trimmed2 == Line((0, 2), (0, 10))


def test_radius_exactly_at_the_fit_limit() -> None:
    result = compute_fillet(Line((0, 0), (5, 0)), Line((0, 0), (0, 8)), 5.0)
    assert result.tangent1 == (5.0, 0.0)
    assert result.trimmed1 is None  # nothing left of line 1
    assert result.trimmed2 == Line((0, 5), (0, 8))
    # At 60° the limit is reach * tan(30°).
    c60 = Line((0, 0), (10 * math.cos(math.pi / 3), 10 * math.sin(math.pi / 3)))
    limit = 10.0 * math.tan(math.pi / 6)
    result = compute_fillet(Line((0, 0), (10, 0)), c60, limit)
    assert result.trimmed1 is None
    assert result.trimmed2 is None
    with pytest.raises(RadiusTooLargeError, match=r"largest radius that fits is 5\.77350269"):
        compute_fillet(Line((0, 0), (10, 0)), c60, limit * (1 + 1e-6))


def test_radius_too_large_names_the_largest_radius() -> None:
    with pytest.raises(
        RadiusTooLargeError, match=r"line1 reaches only 5 .*largest radius that fits is 5$"
    ):
        compute_fillet(Line((0, 0), (5, 0)), Line((0, 0), (0, 8)), 5.5)
    with pytest.raises(RadiusTooLargeError, match="line2 reaches only 3"):
        compute_fillet(Line((0, 0), (5, 0)), Line((0, 0), (0, 3)), 4.0)


def test_a_pick_where_the_line_has_no_length() -> None:
    # line1 lies right of the corner; a pick left of it selects a side with nothing to keep.
    with pytest.raises(RadiusTooLargeError, match="line1 has no length on the picked side"):
        compute_fillet(Line((1, 0), (5, 0)), Line((0, 0), (0, 5)), 0.5, pick1=(-3, 0))


def test_parallel_and_collinear_lines() -> None:
    with pytest.raises(ParallelLinesError):
        compute_fillet(Line((0, 0), (10, 0)), Line((0, 1), (10, 1)), 1.0)
    with pytest.raises(ParallelLinesError):
        compute_fillet(Line((0, 0), (10, 0)), Line((20, 0), (12, 0)), 1.0)
    with pytest.raises(ParallelLinesError):  # parallel to within the relative tolerance
        compute_fillet(Line((0, 0), (1e6, 0)), Line((0, 1), (1e6, 1 + 1e-5)), 1.0)


@pytest.mark.parametrize(
    ("radius", "error"),
    [
        (0.0, InvalidRadiusError),
        (-1.0, InvalidRadiusError),
        (math.nan, NonFiniteError),
        (math.inf, NonFiniteError),
        (-math.inf, NonFiniteError),
    ],
)
def test_bad_radius(radius: float, error: type[Exception]) -> None:
    lines = Line((0, 0), (10, 0)), Line((0, 0), (0, 10))
    with pytest.raises(error):
        compute_fillet(*lines, radius)
    arc = Arc((5, 5), 2.0, 0.0, math.pi)
    with pytest.raises(error):
        compute_fillet(lines[0], arc, radius)


def test_bad_entities_and_picks() -> None:
    line = Line((0, 0), (10, 0))
    with pytest.raises(DegenerateGeometryError, match="line2 has zero length"):
        compute_fillet(line, Line((3, 3), (3, 3)), 1.0)
    with pytest.raises(DegenerateGeometryError, match="entity1 has zero length"):
        compute_fillet(Line((3, 3), (3, 3)), Arc((0, 0), 1.0, 0.0, 1.0), 1.0)
    with pytest.raises(NonFiniteError):
        compute_fillet(line, Line((0, 0), (0, 10)), 1.0, pick1=(math.nan, 0.0))
    with pytest.raises(TypeError, match="entity2 must be a Line or an Arc"):
        compute_fillet(line, ((0, 0), (0, 10)), 1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        compute_fillet(line, Line((0, 0), (0, 10)), "1")  # type: ignore[arg-type]


def test_integer_radius_gives_a_float_arc() -> None:
    result = compute_fillet(Line((0, 0), (10, 0)), Line((0, 0), (0, 10)), 2)
    assert type(result.arc.radius) is float


# -- line-line: properties --------------------------------------------------------------------


@st.composite
def line_corners(draw: st.DrawFn) -> tuple[Line, Line, float, Vec2 | None, Vec2 | None]:
    """Two lines meeting at 3°..177°, each possibly crossing or stopping short of the corner."""
    x0, y0 = draw(st.floats(-1, 1)), draw(st.floats(-1, 1))
    angle1 = draw(st.floats(0, 2 * math.pi))
    angle2 = angle1 + draw(st.sampled_from([-1, 1])) * draw(st.floats(0.05, math.pi - 0.05))
    lines, picks = [], []
    for angle in (angle1, angle2):
        e = Vec2(math.cos(angle), math.sin(angle))
        s0, s1 = draw(st.floats(-1, 1)), draw(st.floats(-1, 1))
        assume(abs(s1 - s0) > 0.05)
        lines.append(Line((x0 + s0 * e.x, y0 + s0 * e.y), (x0 + s1 * e.x, y0 + s1 * e.y)))
        along = draw(st.none() | st.floats(-1.2, 1.2).filter(lambda s: abs(s) > 1e-3))
        picks.append(None if along is None else Vec2(x0 + along * e.x, y0 + along * e.y))
    radius = draw(st.floats(1e-3, 1.0))
    return lines[0], lines[1], radius, picks[0], picks[1]


def scaled(value: Line | Vec2 | None, k: float) -> Line | Vec2 | None:
    if value is None:
        return None
    if isinstance(value, Line):
        return Line(value.start * k, value.end * k)
    return value * k


def kept_ray(line: Line, corner: Vec2, pick: Vec2 | None) -> tuple[Vec2, float]:
    """Independent oracle: unit direction of the kept part from the corner, and its reach."""
    a, b = line
    if pick is not None and abs((pick - corner).dot(line.direction)) > 1e-6 * line.length:
        toward = b if (pick - corner).dot(line.direction) > 0 else a
        w = unit(line.direction) if toward == b else -unit(line.direction)
    else:
        w = (
            unit(line.direction)
            if b.distance(corner) >= a.distance(corner)
            else -unit(line.direction)
        )
    return w, max((a - corner).dot(w), (b - corner).dot(w))


@pytest.mark.parametrize("scale", SCALES)
@settings(deadline=None, max_examples=150)
@given(case=line_corners())
def test_line_line_fillet_properties(
    scale: float, case: tuple[Line, Line, float, Vec2 | None, Vec2 | None]
) -> None:
    base1, base2, base_radius, base_pick1, base_pick2 = case
    line1, line2 = scaled(base1, scale), scaled(base2, scale)
    pick1, pick2 = scaled(base_pick1, scale), scaled(base_pick2, scale)
    assert isinstance(line1, Line)
    assert isinstance(line2, Line)
    radius = base_radius * scale
    size = 3.0 * scale  # the coordinates' magnitude
    (corner,) = intersect_lines(line1, line2, infinite=True)
    w1, reach1 = kept_ray(line1, corner, pick1)  # type: ignore[arg-type]
    w2, reach2 = kept_ray(line2, corner, pick2)  # type: ignore[arg-type]
    theta = math.atan2(abs(w1.cross(w2)), w1.dot(w2))
    expected = radius / math.tan(theta / 2)
    if expected > min(reach1, reach2) * (1 + 1e-6) + 1e-6 * size:
        with pytest.raises(RadiusTooLargeError):
            compute_fillet(line1, line2, radius, pick1=pick1, pick2=pick2)
        return
    assume(expected < min(reach1, reach2) * (1 - 1e-6) - 1e-6 * size)
    result = compute_fillet(line1, line2, radius, pick1=pick1, pick2=pick2)
    arc = result.arc
    assert arc.radius == radius
    # Tangent to both lines, at the exact tangent distance, on the kept (picked) parts.
    assert close(line_distance(arc.center, line1), radius, size)
    assert close(line_distance(arc.center, line2), radius, size)
    for tangent, line, w in ((result.tangent1, line1, w1), (result.tangent2, line2, w2)):
        assert line_distance(tangent, line) <= CHECK_TOL * size
        assert (tangent - corner).dot(w) > 0
        assert close(tangent.distance(corner), expected, size)
        assert close(tangent.distance(arc.center), radius, size)
    # The arc runs from tangent point 1 to 2, leaving line 1 and joining line 2 smoothly.
    assert points_close(arc.start_point, result.tangent1, size)
    assert points_close(arc.end_point, result.tangent2, size)
    assert abs(arc.sweep) == pytest.approx(math.pi - theta, abs=1e-9)
    assert arc.tangent_at_angle(arc.start_angle).isclose(-w1, abs_tol=1e-9)
    assert arc.tangent_at_angle(arc.end_angle).isclose(w2, abs_tol=1e-9)
    # The trimmed lines keep their direction and end at the tangent points.
    for trimmed, line, tangent, reach in (
        (result.trimmed1, line1, result.tangent1, reach1),
        (result.trimmed2, line2, result.tangent2, reach2),
    ):
        if trimmed is None:
            assert close(reach, expected, 10 * size)
            continue
        assert trimmed.direction.dot(line.direction) > 0
        assert tangent in (trimmed.start, trimmed.end)
        assert {trimmed.start, trimmed.end} - {tangent} <= {line.start, line.end}
        assert close(trimmed.length, reach - expected, size)


@settings(deadline=None, max_examples=150)
@given(case=line_corners())
def test_general_path_agrees_with_the_line_line_path(
    case: tuple[Line, Line, float, Vec2 | None, Vec2 | None],
) -> None:
    # The offset-curve solver used for arcs, run on two lines, finds the same fillet.
    line1, line2, radius, pick1, pick2 = case
    pick1 = pick1 or line1.midpoint
    pick2 = pick2 or line2.midpoint
    (corner,) = intersect_lines(line1, line2, infinite=True)
    assume(min(pick1.distance(corner), pick2.distance(corner)) > 1e-6)
    try:
        fast = compute_fillet(line1, line2, radius, pick1=pick1, pick2=pick2)
    except RadiusTooLargeError:
        return
    general = _fillet_curves(line1, line2, radius, pick1, pick2, 1e-9, 1e-12)
    assert general.arc.isclose(fast.arc)
    assert general.tangent1.isclose(fast.tangent1)
    assert general.tangent2.isclose(fast.tangent2)
    for a, b in ((general.trimmed1, fast.trimmed1), (general.trimmed2, fast.trimmed2)):
        if isinstance(a, Line) and isinstance(b, Line):
            assert a.isclose(b)
        else:  # one or both consumed: the other, if any, has no length to speak of
            assert all(x.length < 1e-8 for x in (a, b) if isinstance(x, Line))


# -- lines and arcs -------------------------------------------------------------------------


def test_line_and_circle_outside() -> None:
    circle = Arc((0, 0), 5.0, 0.0, 2 * math.pi)
    line = Line((-10, 6), (10, 6))
    result = compute_fillet(line, circle, 1.0, pick1=(8, 6), pick2=(5, 0))
    assert result.arc.center.isclose((math.sqrt(11), 5.0))
    assert result.tangent1.isclose((math.sqrt(11), 6.0))
    assert result.tangent2.isclose(Vec2(math.sqrt(11), 5.0) * (5.0 / 6.0))
    assert result.trimmed1 == Line(result.tangent1, (10, 6))
    assert result.trimmed2 is circle  # circles are not trimmed
    # The other pick on the line mirrors the fillet.
    mirrored = compute_fillet(line, circle, 1.0, pick1=(-8, 6), pick2=(-5, 0))
    assert mirrored.arc.center.isclose((-math.sqrt(11), 5.0))


def test_line_into_an_arc_inside() -> None:
    # A vertical line crossing a circle of radius 5; the fillet inside the circle, left of
    # the line, at the upper crossing point (3, 4).
    arc = Arc((0, 0), 5.0, 0.0, math.pi)  # upper half, counter-clockwise
    line = Line((3, -10), (3, 10))
    result = compute_fillet(line, arc, 1.0, pick1=(3, 2), pick2=(-5, 0))
    assert result.arc.center.isclose((2, math.sqrt(12)))
    assert result.tangent1.isclose((3, math.sqrt(12)))
    assert result.tangent2.isclose(Vec2(2, math.sqrt(12)) * (5.0 / 4.0))
    # The line keeps its lower part; the arc keeps the part running left to its end.
    assert result.trimmed1 == Line((3, -10), result.tangent1)
    assert isinstance(result.trimmed2, Arc)
    assert result.trimmed2.start_point.isclose(result.tangent2)
    assert result.trimmed2.end_point.isclose((-5, 0))
    assert result.trimmed2.ccw


def test_two_crossing_circles_outside_both() -> None:
    left = Arc((-4, 0), 5.0, -math.pi / 2, math.pi)  # right half of the left circle
    right = Arc((4, 0), 5.0, math.pi / 2, math.pi)  # left half of the right circle
    # Each pick lies outside the other circle: the fillet is outside both, in the upper notch.
    pick1, pick2 = left.point_at_angle(math.pi / 3), right.point_at_angle(2 * math.pi / 3)
    result = compute_fillet(left, right, 1.0, pick1=pick1, pick2=pick2)
    top = Vec2(0, math.sqrt(20))
    assert result.arc.center.isclose(top)
    assert result.tangent1.isclose(Vec2(-4, 0) + (top - (-4, 0)) * (5 / 6))
    assert result.tangent2.isclose(Vec2(4, 0) + (top - (4, 0)) * (5 / 6))
    assert abs(result.arc.sweep) < math.pi
    # The outline runs along the top of each circle into the notch: each arc keeps its upper
    # part (in its own direction, counter-clockwise).
    assert isinstance(result.trimmed1, Arc)
    assert isinstance(result.trimmed2, Arc)
    assert result.trimmed1.start_point.isclose(result.tangent1)
    assert result.trimmed1.end_point.isclose((-4, 5))
    assert result.trimmed2.start_point.isclose((4, 5))
    assert result.trimmed2.end_point.isclose(result.tangent2)
    # Picks below the centre line choose the lower notch.
    lower = compute_fillet(
        left,
        right,
        1.0,
        pick1=left.point_at_angle(-math.pi / 3),
        pick2=right.point_at_angle(-2 * math.pi / 3),
    )
    assert lower.arc.center.isclose((0, -math.sqrt(20)))


def test_an_arc_is_extended_to_its_tangent_point() -> None:
    arc = Arc((0, 0), 5.0, math.radians(100), math.radians(60))  # from 100° to 160°
    line = Line((3, -10), (3, 10))
    result = compute_fillet(line, arc, 1.0, pick1=(3, 2), pick2=arc.mid_point)
    assert isinstance(result.trimmed2, Arc)
    assert result.trimmed2.start_point.isclose(result.tangent2)
    assert result.trimmed2.end_point.isclose(arc.end_point)
    assert abs(result.trimmed2.sweep) > abs(arc.sweep)


def test_arc_fillet_radius_errors() -> None:
    circle = Arc((0, 0), 5.0, 0.0, 2 * math.pi)
    line = Line((3, -10), (3, 10))
    with pytest.raises(NoFilletError, match="an arc of radius 5, so a fillet inside it"):
        compute_fillet(line, circle, 6.0, pick1=(3, 2), pick2=(-5, 0))
    # Disjoint circles, fillet outside both: a radius too small cannot bridge the gap.
    far = Arc((20, 0), 5.0, 0.0, 2 * math.pi)
    with pytest.raises(NoFilletError, match="too large or too small"):
        compute_fillet(circle, far, 1.0, pick1=(5, 0), pick2=(15, 0))
    assert compute_fillet(circle, far, 6.0, pick1=(4, 3), pick2=(16, 3)).arc.center.isclose(
        (10, math.sqrt(121 - 100))
    )
    # The tangent point (at 56°) lies beyond the far end of a short arc (70° to 120°): the
    # fillet leaves the arc's circle clockwise, away from the arc.
    short = Arc((0, 0), 5.0, math.radians(70), math.radians(50))
    above = Line((-10, 6), (10, 6))
    with pytest.raises(RadiusTooLargeError, match="tangent point on entity2"):
        compute_fillet(above, short, 1.0, pick1=(8, 6), pick2=short.mid_point)
    # ... or beyond the far end of a short line (its part above the fillet, which keeps the
    # part below).
    stub = Line((3, 6), (3, 8))
    with pytest.raises(RadiusTooLargeError, match="tangent point on entity1"):
        compute_fillet(stub, circle, 1.0, pick1=(3, 2), pick2=(-5, 0))


def test_tangent_entities_have_no_corner() -> None:
    circle = Arc((0, 0), 5.0, 0.0, 2 * math.pi)
    tangent = Line((-10, 5), (10, 5))
    with pytest.raises(NoFilletError, match="touch tangentially"):
        compute_fillet(tangent, circle, 1.0, pick1=(0, 5), pick2=(0, 5))


def test_arc_fillet_at_the_fit_limit_consumes_the_arc() -> None:
    line = Line((3, -10), (3, 10))
    probe = compute_fillet(line, Arc((0, 0), 5.0, 0.0, math.pi), 1.0, pick1=(3, 2), pick2=(-5, 0))
    angle = (probe.tangent2 - (0, 0)).angle
    # An arc that ends exactly at the tangent point: nothing is left of it.
    arc = Arc((0, 0), 5.0, math.radians(30), angle - math.radians(30))
    result = compute_fillet(line, arc, 1.0, pick1=(3, 2), pick2=arc.point_at(0.9))
    assert result.trimmed2 is None


@st.composite
def line_arc_cases(draw: st.DrawFn) -> tuple[Line | Arc, Line | Arc, float, Vec2, Vec2]:
    center = Vec2(draw(st.floats(-1, 1)), draw(st.floats(-1, 1)))
    radius = draw(st.floats(0.2, 1.0))
    sweep = draw(st.just(2 * math.pi) | st.floats(0.3, 2 * math.pi))
    sweep *= draw(st.sampled_from([-1, 1]))
    arc = Arc(center, radius, draw(st.floats(-math.pi, math.pi)), sweep)
    arc_pick = arc.point_at(draw(st.floats(0.05, 0.95)))
    if draw(st.booleans()):
        other_center = center + Vec2.from_angle(
            draw(st.floats(0, 2 * math.pi)), draw(st.floats(0.1, 1.5))
        )
        other: Line | Arc = Arc(
            other_center,
            draw(st.floats(0.2, 1.0)),
            draw(st.floats(-math.pi, math.pi)),
            draw(st.sampled_from([-1, 1])) * draw(st.floats(1.0, 2 * math.pi)),
        )
        assert isinstance(other, Arc)
        other_pick = other.point_at(draw(st.floats(0.05, 0.95)))
    else:
        through = center + Vec2.from_angle(
            draw(st.floats(0, 2 * math.pi)), draw(st.floats(0.0, 1.5))
        )
        direction = Vec2.from_angle(draw(st.floats(0, math.pi)))
        s0, s1 = draw(st.floats(-3, 0)), draw(st.floats(0.1, 3))
        other = Line(through + direction * s0, through + direction * s1)
        other_pick = other.point_at(draw(st.floats(0.0, 1.0)))
    fillet_radius = draw(st.floats(0.02, 0.6))
    if draw(st.booleans()):
        return arc, other, fillet_radius, arc_pick, other_pick
    return other, arc, fillet_radius, other_pick, arc_pick


def scale_entity(entity: Line | Arc, k: float) -> Line | Arc:
    if isinstance(entity, Line):
        return Line(entity.start * k, entity.end * k)
    return Arc(entity.center * k, entity.radius * k, entity.start_angle, entity.sweep)


def distance_to_entity_curve(point: Vec2, entity: Line | Arc) -> float:
    if isinstance(entity, Line):
        return line_distance(point, entity)
    return abs(point.distance(entity.center) - entity.radius)


def direction_into(trimmed: Line | Arc, tangent: Vec2, size: float) -> Vec2:
    """Unit direction, at ``tangent``, along ``trimmed`` into it (away from the tangent point)."""
    if isinstance(trimmed, Line):
        other = trimmed.end if trimmed.start == tangent else trimmed.start
        assert tangent in (trimmed.start, trimmed.end)
        return unit(other - tangent)
    if points_close(trimmed.start_point, tangent, size):
        return trimmed.tangent_at_angle(trimmed.start_angle)
    assert points_close(trimmed.end_point, tangent, size)
    return -trimmed.tangent_at_angle(trimmed.end_angle)


@pytest.mark.parametrize("scale", SCALES)
@settings(deadline=None, max_examples=200)
@given(case=line_arc_cases())
def test_fillet_with_arcs_properties(
    scale: float, case: tuple[Line | Arc, Line | Arc, float, Vec2, Vec2]
) -> None:
    base1, base2, base_radius, base_pick1, base_pick2 = case
    entity1, entity2 = scale_entity(base1, scale), scale_entity(base2, scale)
    radius, pick1, pick2 = base_radius * scale, base_pick1 * scale, base_pick2 * scale
    size = 5.0 * scale
    try:
        result = compute_fillet(entity1, entity2, radius, pick1=pick1, pick2=pick2)
    except (NoFilletError, RadiusTooLargeError):
        return
    arc = result.arc
    assert arc.radius == radius
    for entity, tangent, trimmed, pick_other, at_start in (
        (entity1, result.tangent1, result.trimmed1, pick2, True),
        (entity2, result.tangent2, result.trimmed2, pick1, False),
    ):
        # Tangent: the centre is r from a line, R + r or |R - r| from an arc's centre.
        if isinstance(entity, Line):
            assert close(line_distance(arc.center, entity), radius, size)
            side_center = unit(entity.direction).cross(arc.center - entity.start)
            side_pick = unit(entity.direction).cross(pick_other - entity.start)
        else:
            gap = arc.center.distance(entity.center)
            assert (
                min(abs(gap - (entity.radius + radius)), abs(gap - abs(entity.radius - radius)))
                <= CHECK_TOL * size
            )
            side_center = gap - entity.radius
            side_pick = pick_other.distance(entity.center) - entity.radius
        # The centre is on the side of this entity where the other entity's pick is.
        if abs(side_pick) > 1e-6 * size:
            assert side_center * side_pick > 0
        assert distance_to_entity_curve(tangent, entity) <= CHECK_TOL * size
        assert close(tangent.distance(arc.center), radius, size)
        end = arc.start_point if at_start else arc.end_point
        assert points_close(end, tangent, size)
        # Smooth: the fillet leaves the kept part of entity 1 and runs into that of entity 2.
        travel = arc.tangent_at_angle(arc.start_angle if at_start else arc.end_angle)
        if trimmed is None:
            continue
        if isinstance(trimmed, Arc) and trimmed.is_full_circle:
            assert trimmed is entity
            continue
        into = direction_into(trimmed, tangent, size)
        assert into.isclose(-travel if at_start else travel, abs_tol=1e-6)


def test_arc_property_cases_mostly_succeed() -> None:
    # Guard for the property test above: most generated cases must produce a fillet.
    found: list[bool] = []

    @settings(deadline=None, max_examples=200, database=None)
    @given(case=line_arc_cases())
    def run(case: tuple[Line | Arc, Line | Arc, float, Vec2, Vec2]) -> None:
        entity1, entity2, radius, pick1, pick2 = case
        try:
            compute_fillet(entity1, entity2, radius, pick1=pick1, pick2=pick2)
            found.append(True)
        except (NoFilletError, RadiusTooLargeError):
            found.append(False)

    run()
    assert sum(found) >= len(found) // 3


def test_default_picks_are_midpoints() -> None:
    line = Line((3, -10), (3, 4))
    arc = Arc((0, 0), 5.0, 0.0, math.pi)
    assert compute_fillet(line, arc, 1.0) == compute_fillet(
        line, arc, 1.0, pick1=line.midpoint, pick2=arc.mid_point
    )


# -- polylines ------------------------------------------------------------------------------


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize(("w", "h", "r"), [(10.0, 6.0, 1.0), (4.0, 3.0, 1.5), (2.0, 2.0, 1.0)])
def test_filleted_rectangle_area_and_length(scale: float, w: float, h: float, r: float) -> None:
    rectangle = Polyline([(0, 0), (w, 0), (w, h), (0, h)], closed=True)
    rectangle = Polyline(rectangle.xy * scale + 0.5 * scale, closed=True)
    rounded = fillet_polyline(rectangle, r * scale)
    area = (w * h - (4 - math.pi) * r * r) * scale * scale
    length = (2 * (w + h) - 8 * r + 2 * math.pi * r) * scale
    assert rounded.closed
    assert rounded.area == pytest.approx(area, rel=1e-12)
    assert rounded.length == pytest.approx(length, rel=1e-12)
    # A fillet that uses a whole side leaves no zero-length segment behind.
    whole_sides = (2 * r == w) + (2 * r == h)
    assert len(rounded) == 8 - 2 * whole_sides
    assert np.count_nonzero(rounded.bulges) == 4
    assert np.allclose(rounded.bulges[rounded.bulges != 0], math.tan(math.pi / 8))


def test_fillet_polyline_matches_compute_fillet() -> None:
    points = [(0, 0), (10, 1), (12, 8), (3, 9), (-4, 3)]
    rounded = fillet_polyline(points, 1.5)
    assert not rounded.closed
    assert rounded.vertices[0] == (0, 0)
    assert rounded.vertices[-1] == (-4, 3)
    assert len(rounded) == 2 + 2 * 3
    for corner in (1, 2, 3):
        line1 = Line(points[corner - 1], points[corner])
        line2 = Line(points[corner], points[corner + 1])
        expected = compute_fillet(line1, line2, 1.5)
        i = 2 * corner - 1
        assert rounded.vertices[i].isclose(expected.tangent1)
        assert rounded.vertices[i + 1].isclose(expected.tangent2)
        arc = rounded.segment(i)
        assert isinstance(arc, Arc)
        assert arc.isclose(expected.arc)


def test_closed_polyline_includes_the_closing_corner() -> None:
    triangle = [(0, 0), (10, 0), (0, 10)]
    open_result = fillet_polyline(triangle, 1.0)
    closed_result = fillet_polyline(Polyline(triangle, closed=True), 1.0)
    assert len(open_result) == 4
    assert len(closed_result) == 6
    assert np.count_nonzero(closed_result.bulges) == 3
    # All three fillets meet exactly at the inscribed circle: the polyline becomes that circle.
    inradius = 10 * 10 / (10 + 10 + 10 * math.sqrt(2))
    circle = fillet_polyline(Polyline(triangle, closed=True), inradius)
    assert len(circle) == 3
    assert circle.area == pytest.approx(math.pi * inradius**2, rel=1e-12)


def test_fillet_polyline_leaves_arc_and_collinear_corners() -> None:
    # Vertex 1 is collinear, vertex 3 is a turn back, vertex 4 and 5 touch the arc segment.
    points = [(0, 0), (5, 0), (10, 0), (10, 5), (10, 2), (20, 2), (25, 7)]
    bulges = [0, 0, 0, 0, 0.5, 0, 0]
    rounded = fillet_polyline(Polyline(points, bulges=bulges), 1.0)
    # Only vertex 2 (a right angle between straight segments) is filleted.
    assert len(rounded) == len(points) + 1
    assert rounded.vertices[2].isclose((9, 0))
    assert rounded.vertices[3].isclose((10, 1))
    assert rounded.bulges[2] == pytest.approx(math.tan(math.pi / 8))
    assert rounded.bulges[5] == 0.5
    unchanged = Polyline([(0, 0), (5, 0), (10, 0)])
    assert fillet_polyline(unchanged, 1.0) is unchanged


def test_fillet_polyline_clockwise_corner_has_negative_bulge() -> None:
    rounded = fillet_polyline([(0, 0), (10, 0), (10, -10)], 2.0)
    assert rounded.bulges[1] == pytest.approx(-math.tan(math.pi / 8))


def test_fillet_polyline_radius_too_large_names_the_vertex() -> None:
    with pytest.raises(
        RadiusTooLargeError,
        match=r"fillets at vertices 1 and 2 overlap on "
        r"segment 1 .*largest radius that fits every corner is 2\.5$",
    ):
        fillet_polyline([(0, 0), (10, 0), (10, 5), (0, 5)], 3.0)
    with pytest.raises(RadiusTooLargeError, match="fillet at vertex 1 does not fit on segment 0"):
        fillet_polyline([(0, 0), (2, 0), (2, 10)], 3.0)
    with pytest.raises(RadiusTooLargeError, match="fillet at vertex 1 does not fit on segment 1"):
        fillet_polyline([(0, 0), (10, 0), (10, 2)], 3.0)
    # The closing segment of a closed polyline counts too.
    with pytest.raises(RadiusTooLargeError, match="vertices 3 and 0 overlap on segment 3"):
        fillet_polyline(Polyline([(0, 0), (10, 0), (10, 10), (0, 4)], closed=True), 2.7)


def test_fillet_polyline_bad_input() -> None:
    with pytest.raises(DegenerateGeometryError, match="vertices 1 and 2 coincide"):
        fillet_polyline([(0, 0), (5, 0), (5, 0), (5, 5)], 1.0)
    with pytest.raises(InvalidRadiusError):
        fillet_polyline([(0, 0), (5, 0), (5, 5)], 0.0)
    with pytest.raises(NonFiniteError):
        fillet_polyline([(0, 0), (5, 0), (5, 5)], math.nan)


# -- batch ----------------------------------------------------------------------------------


STATUS_OF_ERROR = {
    ParallelLinesError: FilletStatus.PARALLEL,
    RadiusTooLargeError: FilletStatus.RADIUS_TOO_LARGE,
    DegenerateGeometryError: FilletStatus.DEGENERATE,
    InvalidRadiusError: FilletStatus.INVALID_RADIUS,
    NonFiniteError: FilletStatus.NON_FINITE,
}


def scalar_status(a: np.ndarray, b: np.ndarray, radius: float) -> tuple[FilletStatus, object]:
    try:
        line1, line2 = Line(*a.tolist()), Line(*b.tolist())
        return FilletStatus.OK, compute_fillet(line1, line2, radius)
    except tuple(STATUS_OF_ERROR) as error:
        return STATUS_OF_ERROR[type(error)], None


def random_pairs(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    scale = 10.0 ** rng.uniform(-3, 6, n)[:, None, None]
    lines1 = rng.uniform(-1, 1, (n, 2, 2)) * scale
    lines2 = rng.uniform(-1, 1, (n, 2, 2)) * scale
    radius = rng.uniform(0.001, 0.5, n) * scale[:, 0, 0]
    # Special pairs: parallel, collinear, degenerate, non-finite, bad radii, exact fit limit.
    k = n // 20
    lines2[:k] = lines1[:k] + rng.uniform(-1, 1, (k, 1, 2)) * scale[:k]
    lines2[k : 2 * k] = lines1[k : 2 * k][:, ::-1]
    lines1[2 * k : 3 * k, 1] = lines1[2 * k : 3 * k, 0]
    lines1[3 * k, 0, 0] = np.nan
    lines2[3 * k + 1, 1, 1] = np.inf
    radius[3 * k + 2 : 3 * k + 5] = [0.0, -1.0, np.nan]
    radius[3 * k + 5] = np.inf
    lines1[4 * k : 5 * k] = [[[0, 0], [4, 0]]]
    lines2[4 * k : 5 * k] = [[[0, 0], [0, 4]]]
    radius[4 * k : 5 * k] = 4.0 * rng.choice([1.0, 1.0 + 1e-12, 1.0 - 1e-12, 2.0], k)
    return lines1, lines2, radius


@pytest.mark.parametrize("n", [1, 100, _CHUNK + 917])
def test_batch_agrees_with_scalar(n: int) -> None:
    rng = np.random.default_rng(20240611 + n)
    lines1, lines2, radius = random_pairs(rng, max(n, 100))
    lines1, lines2, radius = lines1[-n:], lines2[-n:], radius[-n:]
    batch = fillet_lines_batch(lines1, lines2, radius)
    assert batch.tangent1.shape == batch.tangent2.shape == batch.center.shape == (n, 2)
    assert batch.status.dtype == np.int8
    for i in range(n):
        status, result = scalar_status(lines1[i], lines2[i], float(radius[i]))
        assert batch.status[i] == status, (i, lines1[i], lines2[i], radius[i])
        if not isinstance(result, FilletResult):
            assert np.isnan(batch.center[i]).all()
            assert np.isnan(batch.sweep[i])
            assert not batch.keep_end1[i]
            assert not batch.keep_end2[i]
            continue
        assert tuple(batch.tangent1[i]) == result.tangent1
        assert tuple(batch.tangent2[i]) == result.tangent2
        assert tuple(batch.center[i]) == result.arc.center
        assert points_close(
            Vec2.from_angle(float(batch.start_angle[i])),
            Vec2.from_angle(result.arc.start_angle),
            1.0,
        )
        assert batch.sweep[i] == pytest.approx(result.arc.sweep, rel=1e-14)
        for keep_end, trimmed, line in (
            (batch.keep_end1[i], result.trimmed1, lines1[i]),
            (batch.keep_end2[i], result.trimmed2, lines2[i]),
        ):
            if trimmed is None:
                continue
            if keep_end:
                assert trimmed.end == tuple(line[1])
            else:
                assert trimmed.start == tuple(line[0])


def test_batch_statuses_cover_every_code() -> None:
    lines1, lines2, radius = random_pairs(np.random.default_rng(7), 2000)
    codes = set(fillet_lines_batch(lines1, lines2, radius).status.tolist())
    assert codes == {int(status) for status in FilletStatus}


def test_batch_scalar_radius_and_shape_errors() -> None:
    lines1 = np.array([[[0.0, 0.0], [10.0, 0.0]]] * 3)
    lines2 = np.array([[[0.0, 0.0], [0.0, 10.0]]] * 3)
    batch = fillet_lines_batch(lines1, lines2, 2.0)
    assert batch.center.tolist() == [[2.0, 2.0]] * 3
    assert batch.keep_end1.all()
    assert batch.keep_end2.all()
    with pytest.raises(ValueError, match=r"shape \(n, 2, 2\)"):
        fillet_lines_batch(lines1[:, 0], lines2, 2.0)
    with pytest.raises(ValueError, match="same length"):
        fillet_lines_batch(lines1[:2], lines2, 2.0)
    with pytest.raises(ValueError, match="radius must be"):
        fillet_lines_batch(lines1, lines2, [1.0, 2.0])
    for radius, status in (
        (0.0, FilletStatus.INVALID_RADIUS),
        (-2.0, FilletStatus.INVALID_RADIUS),
        (math.inf, FilletStatus.NON_FINITE),
    ):
        bad = fillet_lines_batch(lines1, lines2, radius)
        assert (bad.status == status).all()
        assert np.isnan(bad.tangent1).all()
    empty = fillet_lines_batch(np.empty((0, 2, 2)), np.empty((0, 2, 2)), 1.0)
    assert empty.center.shape == (0, 2)
