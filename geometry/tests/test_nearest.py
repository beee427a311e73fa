"""Nearest point and distance: known values, degenerate input, properties, shapely oracle."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st

from lvcad_geometry import ABS_TOL, REL_TOL, Arc, Line, Polyline, Vec2
from lvcad_geometry.errors import NonFiniteError
from lvcad_geometry.nearest import (
    PolylineNearest,
    distance_to,
    nearest_on_polyline,
    nearest_point,
)

TAU = 2.0 * math.pi


def tol_for(scale: float, factor: float = 10.0) -> float:
    # Coordinates reach EXTENT (10) * scale; arcs' centres and radii add up to twice that.
    return ABS_TOL + factor * REL_TOL * 20.0 * scale


# -- known values -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("point", "expected"),
    [((3, 4), (3, 0)), ((-3, 4), (0, 0)), ((13, -4), (10, 0)), ((10, 0), (10, 0))],
)
def test_line(point, expected):
    line = Line((0, 0), (10, 0))
    assert nearest_point(line, point) == Vec2(*expected)
    assert distance_to(line, point) == pytest.approx(math.dist(point, expected))


def test_zero_length_line_is_its_start():
    line = Line((2, 2), (2, 2))
    assert nearest_point(line, (5, 6)) == Vec2(2, 2)
    assert distance_to(line, (5, 6)) == 5.0


def test_arc():
    arc = Arc((0, 0), 5.0, 0.0, math.pi)  # upper half, counter-clockwise
    assert nearest_point(arc, (0, 10)) == Vec2(0.0, 5.0)
    assert nearest_point(arc, (0, 1)) == Vec2(0.0, 5.0)  # inside the circle
    assert nearest_point(arc, (3, -4)).isclose((5, 0))  # below: the nearer end
    assert nearest_point(arc, (-3, -4)).isclose((-5, 0))
    assert distance_to(arc, (0, -5)) == pytest.approx(math.hypot(5, 5))
    clockwise = arc.reversed()
    assert nearest_point(clockwise, (3, 4)).isclose((3, 4))


def test_arc_across_the_seam_and_full_circle():
    arc = Arc((1, 1), 2.0, 0.9 * math.pi, 0.3 * math.pi)  # through 180°
    assert nearest_point(arc, (-5, 1)).isclose((-1, 1))
    circle = Arc((0, 0), 1.0, 0.0, TAU)
    assert nearest_point(circle, (0, -3)).isclose((0, -1))


def test_point_at_the_arc_centre_gives_the_start_point():
    arc = Arc((1, 2), 3.0, 0.5, 1.0)
    assert nearest_point(arc, (1, 2)) == arc.start_point
    assert distance_to(arc, (1, 2)) == pytest.approx(3.0)


def test_point_a_hair_off_the_arc_centre():
    arc = Arc((-2.2250738585069563e-305, 0.0), 1e6, 0.0, -1.0)
    assert nearest_point(arc, (0, 0)) == Vec2(1e6, 0.0)


def test_polyline_segment_index_and_ties():
    route = Polyline([(0, 0), (10, 0), (10, 10)])
    assert nearest_on_polyline(route, (12, 4)) == PolylineNearest(Vec2(10.0, 4.0), 1, 2.0)
    point, index, distance = nearest_on_polyline(route, (12, -2))  # the shared vertex
    assert (point, index) == (Vec2(10.0, 0.0), 0)
    assert distance == pytest.approx(math.hypot(2, 2))
    square = Polyline([(0, 0), (4, 0), (4, 4), (0, 4)], closed=True)
    assert nearest_on_polyline(square, (-1, 2)) == PolylineNearest(Vec2(0.0, 2.0), 3, 1.0)
    assert nearest_on_polyline(square, (2, 2)).segment_index == 0  # four-way tie


def test_polyline_with_arcs_and_duplicate_vertices():
    slot = Polyline([(0, 0), (10, 0), (10, 2), (0, 2)], bulges=[0, 1, 0, 1], closed=True)
    point, index, distance = nearest_on_polyline(slot, (13, 1))
    assert point.isclose((11, 1))
    assert index == 1
    assert distance == pytest.approx(2.0)
    doubled = Polyline([(0, 0), (5, 0), (5, 0), (5, 5)])
    assert nearest_on_polyline(doubled, (6, 0)).segment_index == 0
    assert nearest_on_polyline(doubled, (6, 1)) == PolylineNearest(Vec2(5.0, 1.0), 2, 1.0)


def test_entity_functions_accept_polylines():
    square = Polyline([(0, 0), (4, 0), (4, 4), (0, 4)], closed=True)
    assert nearest_point(square, (2, 5)) == Vec2(2.0, 4.0)
    assert distance_to(square, (2, 3)) == 1.0


def test_bad_input():
    line = Line((0, 0), (1, 0))
    with pytest.raises(NonFiniteError):
        nearest_point(line, (math.nan, 0))
    with pytest.raises(NonFiniteError):
        distance_to(Polyline([(0, 0), (1, 1)]), (0, math.inf))
    with pytest.raises(TypeError, match="Line, Arc or Polyline"):
        nearest_point([(0, 0), (1, 0)], (0, 0))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Polyline"):
        nearest_on_polyline(line, (0, 0))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="method"):
        nearest_on_polyline(Polyline([(0, 0), (1, 1)]), (0, 0), method="gpu")  # type: ignore[arg-type]


# -- the two paths and shapely ----------------------------------------------------------------


def _walk(n: int, seed: int, bulges: bool = False) -> Polyline:
    rng = np.random.default_rng(seed)
    b = rng.uniform(-1, 1, n) * (rng.random(n) < 0.3) if bulges else None
    return Polyline.from_arrays(np.cumsum(rng.normal(size=n)), np.cumsum(rng.normal(size=n)), b)


@pytest.mark.parametrize("bulges", [False, True])
def test_scalar_and_vectorized_paths_agree(bulges):
    polyline = _walk(300, 5, bulges)
    rng = np.random.default_rng(6)
    for x, y in rng.uniform(-30, 30, (50, 2)):
        scalar = nearest_on_polyline(polyline, (x, y), method="scalar")
        vector = nearest_on_polyline(polyline, (x, y), method="vectorized")
        assert vector.distance == pytest.approx(scalar.distance, rel=1e-12, abs=1e-12)
        assert vector.point.isclose(scalar.point)
        assert nearest_on_polyline(polyline, (x, y)) == vector  # auto picks numpy here


@pytest.mark.parametrize("size", [10, 10_000])
def test_distance_matches_shapely(size):
    polyline = _walk(size, 8)
    shape = shapely.LineString(polyline.xy)
    rng = np.random.default_rng(9)
    for x, y in rng.uniform(-50, 50, (20, 2)):
        expected = shapely.distance(shape, shapely.Point(x, y))
        assert distance_to(polyline, (x, y)) == pytest.approx(expected, rel=1e-12, abs=1e-12)
        nx, ny = shapely.get_coordinates(shapely.shortest_line(shape, shapely.Point(x, y)))[0]
        assert nearest_point(polyline, (x, y)).isclose((nx, ny), rel_tol=1e-9)


# -- properties at three scales ---------------------------------------------------------------


def _sample(entity, geo) -> np.ndarray:
    if isinstance(entity, Line):
        t = np.linspace(0.0, 1.0, 501)[:, None]
        return np.array(entity.start) + t * np.array(entity.direction)
    if isinstance(entity, Arc):
        return np.column_stack(geo.sample_arc(entity))
    return geo.sample_polyline(entity, per_arc=401)


@given(data=st.data())
def test_nearest_is_no_farther_than_any_sample(geo, scale, data):
    entity = data.draw(
        st.one_of(geo.lines(scale), geo.arcs(scale), geo.polylines(scale, max_vertices=8)),
        label="entity",
    )
    point = data.draw(geo.points(scale), label="point")
    nearest = nearest_point(entity, point)
    distance = distance_to(entity, point)
    tol = tol_for(scale)
    assert distance == pytest.approx(nearest.distance(point), rel=1e-12, abs=tol)
    samples = _sample(entity, geo)
    sampled = float(np.min(np.hypot(samples[:, 0] - point.x, samples[:, 1] - point.y)))
    assert distance <= sampled + tol
    # The nearest point lies on the entity.
    assert distance_to(entity, nearest) <= tol


@given(data=st.data())
def test_polyline_paths_agree(geo, scale, data):
    polyline = data.draw(geo.polylines(scale, max_vertices=40), label="polyline")
    point = data.draw(geo.points(scale), label="point")
    scalar = nearest_on_polyline(polyline, point, method="scalar")
    vector = nearest_on_polyline(polyline, point, method="vectorized")
    tol = tol_for(scale)
    assert abs(scalar.distance - vector.distance) <= tol
    if scalar.segment_index == vector.segment_index:
        assert scalar.point.distance(vector.point) <= tol


@given(data=st.data())
def test_nearest_on_a_line_is_the_perpendicular_foot(geo, scale, data):
    line = data.draw(geo.lines(scale), label="line")
    t = data.draw(st.floats(0.0, 1.0), label="t")
    offset = data.draw(geo.lengths(scale), label="offset")
    foot = line.point_at(t)
    normal = line.direction.perp().normalized()
    point = foot + normal * offset
    assert nearest_point(line, point).distance(foot) <= tol_for(scale)
    assert abs(distance_to(line, point) - offset) <= tol_for(scale)
