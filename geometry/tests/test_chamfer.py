"""Tests of lvcad_geometry.chamfer.compute_chamfer."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lvcad_geometry import Line, Vec2
from lvcad_geometry.chamfer import ChamferResult, compute_chamfer
from lvcad_geometry.errors import (
    DegenerateGeometryError,
    InvalidRadiusError,
    NonFiniteError,
    ParallelLinesError,
    RadiusTooLargeError,
)
from lvcad_geometry.intersect import intersect_lines

SCALES = [1e-3, 1.0, 1e6]
CHECK_TOL = 1e-9


def test_equal_distances_on_a_right_angle() -> None:
    result = compute_chamfer(Line((0, 0), (10, 0)), Line((0, 0), (0, 10)), 2.0)
    assert isinstance(result, ChamferResult)
    assert result.point1 == (2.0, 0.0)
    assert result.point2 == (0.0, 2.0)
    assert result.chamfer == Line((2, 0), (0, 2))
    assert result.trimmed1 == Line((2, 0), (10, 0))
    assert result.trimmed2 == Line((0, 2), (0, 10))


def test_two_distances_on_a_60_degree_corner() -> None:
    c60 = Line((0, 0), (10 * math.cos(math.pi / 3), 10 * math.sin(math.pi / 3)))
    result = compute_chamfer(Line((0, 0), (10, 0)), c60, 2.0, 3.0)
    assert result.point1 == (2.0, 0.0)
    assert result.point2.isclose((1.5, 1.5 * math.sqrt(3)))
    assert result.chamfer is not None
    # Law of cosines: the chamfer's length.
    assert result.chamfer.length == pytest.approx(math.sqrt(4 + 9 - 2 * 2 * 3 * 0.5))


@pytest.mark.parametrize(
    ("pick1", "pick2", "expected1", "expected2"),
    [
        ((5, 0), (0, 5), (1, 0), (0, 1)),
        ((-5, 0), (0, 5), (-1, 0), (0, 1)),
        ((-5, 0), (0, -5), (-1, 0), (0, -1)),
        ((5, 0), (0, -5), (1, 0), (0, -1)),
    ],
)
def test_picks_choose_the_quadrant(
    pick1: tuple[float, float],
    pick2: tuple[float, float],
    expected1: tuple[float, float],
    expected2: tuple[float, float],
) -> None:
    horizontal, vertical = Line((-10, 0), (10, 0)), Line((0, -10), (0, 10))
    result = compute_chamfer(horizontal, vertical, 1.0, pick1=pick1, pick2=pick2)
    assert result.point1 == expected1
    assert result.point2 == expected2
    assert result.trimmed1 is not None
    assert result.trimmed2 is not None
    assert expected1 in result.trimmed1
    assert (10 * expected1[0], 0) in result.trimmed1
    assert expected2 in result.trimmed2
    assert (0, 10 * expected2[1]) in result.trimmed2


def test_zero_distances_trim_or_extend_to_the_corner() -> None:
    # Line 1 crosses the corner (trimmed), line 2 stops short of it (extended).
    result = compute_chamfer(Line((-3, 0), (10, 0)), Line((0, 2), (0, 10)), 0.0)
    assert result.point1.isclose((0, 0))
    assert result.point2.isclose((0, 0))
    assert result.chamfer is None
    assert result.trimmed1 is not None
    assert result.trimmed1.isclose(Line((0, 0), (10, 0)))
    assert result.trimmed2 is not None
    assert result.trimmed2.isclose(Line((0, 0), (0, 10)))
    # One distance zero: the chamfer runs from the corner along line 2.
    result = compute_chamfer(Line((-3, 0), (10, 0)), Line((0, 2), (0, 10)), 0.0, 4.0)
    assert result.chamfer is not None
    assert result.chamfer.isclose(Line((0, 0), (0, 4)))
    assert result.trimmed2 is not None
    assert result.trimmed2.isclose(Line((0, 4), (0, 10)))


def test_distance_exactly_at_the_limit_consumes_the_line() -> None:
    result = compute_chamfer(Line((0, 0), (5, 0)), Line((0, 0), (0, 8)), 5.0, 8.0)
    assert result.trimmed1 is None
    assert result.trimmed2 is None
    assert result.chamfer == Line((5, 0), (0, 8))


def test_distance_too_large() -> None:
    lines = Line((0, 0), (5, 0)), Line((0, 0), (0, 8))
    with pytest.raises(
        RadiusTooLargeError, match=r"line1 reaches only 5 .* largest distance that fits is 5$"
    ):
        compute_chamfer(*lines, 6.0, 1.0)
    with pytest.raises(RadiusTooLargeError, match="line2 reaches only 8"):
        compute_chamfer(*lines, 1.0, 9.0)
    with pytest.raises(RadiusTooLargeError, match="line1 has no length on the picked side"):
        compute_chamfer(Line((1, 0), (5, 0)), lines[1], 0.5, pick1=(-3, 0))


@pytest.mark.parametrize(
    ("distance1", "distance2", "error"),
    [
        (-1.0, None, InvalidRadiusError),
        (1.0, -0.5, InvalidRadiusError),
        (math.nan, None, NonFiniteError),
        (1.0, math.inf, NonFiniteError),
    ],
)
def test_bad_distances(distance1: float, distance2: float | None, error: type[Exception]) -> None:
    with pytest.raises(error):
        compute_chamfer(Line((0, 0), (10, 0)), Line((0, 0), (0, 10)), distance1, distance2)


def test_bad_lines() -> None:
    line = Line((0, 0), (10, 0))
    with pytest.raises(ParallelLinesError):
        compute_chamfer(line, Line((0, 1), (10, 1)), 1.0)
    with pytest.raises(DegenerateGeometryError, match="line1 has zero length"):
        compute_chamfer(Line((2, 2), (2, 2)), line, 1.0)
    with pytest.raises(TypeError, match="line1 must be a Line"):
        compute_chamfer([(0, 0), (0, 1)], line, 1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="line2 must be a Line"):
        compute_chamfer(line, ((0, 0), (0, 1)), 1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        compute_chamfer(line, Line((0, 0), (0, 1)), "1")  # type: ignore[arg-type]
    with pytest.raises(NonFiniteError):
        compute_chamfer(line, Line((0, 0), (0, 1)), 0.5, pick2=(0.0, math.inf))


@st.composite
def chamfer_cases(draw: st.DrawFn) -> tuple[Line, Line, float, float, Vec2 | None, Vec2 | None]:
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
    return (lines[0], lines[1], draw(st.floats(0, 1)), draw(st.floats(0, 1)), picks[0], picks[1])


@pytest.mark.parametrize("scale", SCALES)
@settings(deadline=None, max_examples=150)
@given(case=chamfer_cases())
def test_chamfer_properties(
    scale: float, case: tuple[Line, Line, float, float, Vec2 | None, Vec2 | None]
) -> None:
    base1, base2, base_d1, base_d2, base_pick1, base_pick2 = case
    line1 = Line(base1.start * scale, base1.end * scale)
    line2 = Line(base2.start * scale, base2.end * scale)
    d1, d2 = base_d1 * scale, base_d2 * scale
    pick1 = None if base_pick1 is None else base_pick1 * scale
    pick2 = None if base_pick2 is None else base_pick2 * scale
    size = 3.0 * scale
    (corner,) = intersect_lines(line1, line2, infinite=True)
    reaches = []
    for line, pick in ((line1, pick1), (line2, pick2)):
        a, b = line
        e = line.direction / line.length
        if pick is not None:
            w = e if (pick - corner).dot(e) > 0 else -e
        else:
            w = e if b.distance(corner) >= a.distance(corner) else -e
        reaches.append((w, max((a - corner).dot(w), (b - corner).dot(w))))
    (w1, reach1), (w2, reach2) = reaches
    if d1 > reach1 + 1e-6 * size or d2 > reach2 + 1e-6 * size:
        with pytest.raises(RadiusTooLargeError):
            compute_chamfer(line1, line2, d1, d2, pick1=pick1, pick2=pick2)
        return
    assume(d1 < reach1 - 1e-6 * size and d2 < reach2 - 1e-6 * size)
    result = compute_chamfer(line1, line2, d1, d2, pick1=pick1, pick2=pick2)
    for point, w, d in ((result.point1, w1, d1), (result.point2, w2, d2)):
        expected = corner + w * d
        assert point.distance(expected) <= CHECK_TOL * size
    if result.chamfer is not None:
        assert result.chamfer.start == result.point1
        assert result.chamfer.end == result.point2
    for trimmed, line, point in (
        (result.trimmed1, line1, result.point1),
        (result.trimmed2, line2, result.point2),
    ):
        assert trimmed is not None
        assert trimmed.direction.dot(line.direction) > 0
        assert point in (trimmed.start, trimmed.end)
        assert {trimmed.start, trimmed.end} - {point} <= {line.start, line.end}
