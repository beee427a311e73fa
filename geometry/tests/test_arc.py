"""Arcs: construction and its errors, DXF-style angles, the +-pi seam, bbox, reversal."""

from __future__ import annotations

import copy
import math
import pickle
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lvcad_geometry import Arc, BBox, Vec2, normalize_angle
from lvcad_geometry.errors import DegenerateGeometryError, GeometryError, NonFiniteError

TAU = 2.0 * math.pi
DEG = math.pi / 180.0


# -- normalize_angle -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("angle", "expected"),
    [
        (0.0, 0.0),
        (math.pi, math.pi),
        (TAU, 0.0),
        (-math.pi / 2, 1.5 * math.pi),
        (5 * math.pi, math.pi),
        (-5 * math.pi, math.pi),
        (-TAU, 0.0),
        (-1e-20, 0.0),  # would round up to exactly 2*pi: must stay inside [0, 2*pi)
        (1e-20, 1e-20),
    ],
)
def test_normalize_angle(angle: float, expected: float) -> None:
    result = normalize_angle(angle)
    assert result == pytest.approx(expected, abs=1e-15)
    assert 0.0 <= result < TAU


@given(st.floats(-1e6, 1e6))
def test_normalize_angle_range_and_direction(angle: float) -> None:
    result = normalize_angle(angle)
    assert 0.0 <= result < TAU
    assert math.cos(result) == pytest.approx(math.cos(angle), abs=1e-9)
    assert math.sin(result) == pytest.approx(math.sin(angle), abs=1e-9)


# -- construction --------------------------------------------------------------------------


def test_fields_and_tuple_center() -> None:
    arc = Arc((1, 2), 3, 0.5, -1)
    assert arc.center == Vec2(1.0, 2.0)
    assert type(arc.center) is Vec2
    assert (arc.radius, arc.start_angle, arc.sweep) == (3.0, 0.5, -1.0)
    assert all(type(v) is float for v in (arc.radius, arc.start_angle, arc.sweep))
    assert Arc(center=(1, 2), radius=3, start_angle=0.5, sweep=-1) == arc


@pytest.mark.parametrize("radius", [0.0, -0.0, -1.0, -1e-300])
def test_rejects_non_positive_radius(radius: float) -> None:
    with pytest.raises(DegenerateGeometryError, match="radius"):
        Arc((0, 0), radius, 0.0, 1.0)


@pytest.mark.parametrize("sweep", [0.0, -0.0, TAU * (1 + 1e-9), -TAU * (1 + 1e-9), 7.0, -100.0])
def test_rejects_empty_or_overfull_sweep(sweep: float) -> None:
    with pytest.raises(DegenerateGeometryError, match="sweep"):
        Arc((0, 0), 1.0, 0.0, sweep)


@pytest.mark.parametrize("sweep", [TAU, -TAU, TAU * (1 + 1e-13), 1e-300, -1e-300])
def test_accepts_extreme_valid_sweeps(sweep: float) -> None:
    assert Arc((0, 0), 1.0, 0.0, sweep).sweep == sweep


@pytest.mark.parametrize(
    ("center", "radius", "start", "sweep"),
    [
        ((0, 0), math.nan, 0.0, 1.0),
        ((0, 0), math.inf, 0.0, 1.0),
        ((0, 0), 1.0, math.nan, 1.0),
        ((0, 0), 1.0, math.inf, 1.0),
        ((0, 0), 1.0, 0.0, math.nan),
        ((0, 0), 1.0, 0.0, -math.inf),
        ((math.nan, 0), 1.0, 0.0, 1.0),
        ((0, math.inf), 1.0, 0.0, 1.0),
    ],
)
def test_rejects_non_finite(
    center: tuple[float, float], radius: float, start: float, sweep: float
) -> None:
    with pytest.raises(NonFiniteError):
        Arc(center, radius, start, sweep)


def test_errors_are_geometry_errors() -> None:
    with pytest.raises(GeometryError):
        Arc((0, 0), -1.0, 0.0, 1.0)
    with pytest.raises(ValueError, match="sweep"):
        Arc((0, 0), 1.0, 0.0, 0.0)


def test_immutable_and_validated_replace() -> None:
    arc = Arc((0, 0), 1.0, 0.0, 1.0)
    with pytest.raises(AttributeError):
        arc.radius = 2.0  # type: ignore[misc]
    with pytest.raises(AttributeError):
        arc.layer = "0"  # type: ignore[attr-defined]
    assert arc._replace(radius=2.0) == Arc((0, 0), 2.0, 0.0, 1.0)
    with pytest.raises(DegenerateGeometryError):
        arc._replace(radius=-1.0)
    with pytest.raises(DegenerateGeometryError):
        arc._replace(sweep=0.0)
    with pytest.raises(NonFiniteError):
        Arc._make([(0, 0), 1.0, math.nan, 1.0])


def test_equality_hash_copy_pickle() -> None:
    a = Arc((1, 2), 3.0, 0.25, -2.0)
    b = Arc((1.0, 2.0), 3, 0.25, -2)
    assert a == b
    assert hash(a) == hash(b)
    assert a != a.reversed()
    assert copy.deepcopy(a) == a
    assert pickle.loads(pickle.dumps(a)) == a


# -- from_angles (DXF style) ---------------------------------------------------------------


def test_from_angles_ccw() -> None:
    arc = Arc.from_angles((0, 0), 1.0, 0.0, math.pi / 2)
    assert arc.sweep == pytest.approx(math.pi / 2)
    assert arc.ccw
    # DXF ARC 350° -> 10° runs 20° counter-clockwise through 0°.
    arc = Arc.from_angles((0, 0), 1.0, 350 * DEG, 10 * DEG)
    assert arc.sweep == pytest.approx(20 * DEG)
    assert arc.contains_angle(0.0)
    assert arc.end_point.isclose(Vec2.from_angle(10 * DEG))


def test_from_angles_cw() -> None:
    arc = Arc.from_angles((0, 0), 1.0, 0.0, math.pi / 2, ccw=False)
    assert arc.sweep == pytest.approx(-1.5 * math.pi)
    assert not arc.ccw
    assert arc.contains_angle(math.pi)
    assert not arc.contains_angle(math.pi / 4)
    arc = Arc.from_angles((0, 0), 1.0, 10 * DEG, 350 * DEG, ccw=False)
    assert arc.sweep == pytest.approx(-20 * DEG)
    assert arc.end_point.isclose(Vec2.from_angle(-10 * DEG))


@pytest.mark.parametrize("ccw", [True, False])
@pytest.mark.parametrize(
    ("start", "end"), [(0.0, 0.0), (1.0, 1.0), (0.0, TAU), (-math.pi, math.pi)]
)
def test_from_angles_equal_angles_is_full_circle(ccw: bool, start: float, end: float) -> None:
    arc = Arc.from_angles((2, 3), 4.0, start, end, ccw=ccw)
    assert arc.sweep == (TAU if ccw else -TAU)
    assert arc.is_full_circle
    assert arc.ccw is ccw
    assert arc.length == pytest.approx(TAU * 4.0)
    assert arc.start_point.isclose(arc.end_point)


@given(data=st.data())
def test_from_angles_matches_end_points(geo: Any, scale: float, data: st.DataObject) -> None:
    center = data.draw(geo.points(scale), label="center")
    radius = data.draw(geo.lengths(scale), label="radius")
    start = data.draw(geo.angles(), label="start")
    end = data.draw(geo.angles(), label="end")
    ccw = data.draw(st.booleans(), label="ccw")
    arc = Arc.from_angles(center, radius, start, end, ccw=ccw)
    assert arc.ccw is ccw
    assert 0.0 < abs(arc.sweep) <= TAU
    tol = geo.tol(scale)
    assert arc.start_point.isclose(center + Vec2.from_angle(start, radius), abs_tol=tol)
    assert arc.end_point.isclose(center + Vec2.from_angle(end, radius), abs_tol=tol)


# -- measures ------------------------------------------------------------------------------


def test_points_and_length() -> None:
    arc = Arc((1, 1), 2.0, 0.0, math.pi / 2)
    assert arc.start_point == Vec2(3.0, 1.0)
    assert arc.end_point.isclose((1.0, 3.0))
    assert arc.mid_point.isclose((1 + math.sqrt(2), 1 + math.sqrt(2)))
    assert arc.end_angle == math.pi / 2
    assert arc.length == pytest.approx(math.pi)
    assert not arc.is_full_circle
    assert arc.point_at(0.0) == arc.start_point
    assert arc.point_at(1.0).isclose(arc.end_point)
    assert arc.point_at(0.5).isclose(arc.mid_point)
    assert arc.point_at_angle(math.pi).isclose((-1.0, 1.0))  # on the circle, off the arc
    cw = Arc((0, 0), 1.0, math.pi / 2, -math.pi / 2)
    assert cw.end_point.isclose((1, 0))
    assert cw.mid_point.isclose(Vec2.from_angle(math.pi / 4))
    assert cw.length == pytest.approx(math.pi / 2)
    assert cw.end_angle == 0.0


def test_tangent_follows_direction_of_travel() -> None:
    ccw = Arc((0, 0), 1.0, 0.0, 1.0)
    assert ccw.tangent_at_angle(0.0).isclose((0.0, 1.0))
    assert ccw.tangent_at_angle(math.pi / 2).isclose((-1.0, 0.0))
    cw = ccw.reversed()
    assert cw.tangent_at_angle(0.0).isclose((0.0, -1.0))


@pytest.mark.parametrize(
    ("arc", "expected"),
    [
        (Arc((1, 1), 2.0, 0.0, math.pi / 2), BBox(1.0, 1.0, 3.0, 3.0)),
        # Over the top: the +y quadrant point is inside the sweep.
        (
            Arc((0, 0), 1.0, math.pi / 4, math.pi / 2),
            BBox(-math.sqrt(0.5), math.sqrt(0.5), math.sqrt(0.5), 1.0),
        ),
        # The same arc clockwise passes the other three quadrant points.
        (Arc((0, 0), 1.0, math.pi / 4, -1.5 * math.pi), BBox(-1.0, -1.0, 1.0, math.sqrt(0.5))),
        # Across the +-pi seam.
        (
            Arc((0, 0), 1.0, 170 * DEG, 20 * DEG),
            BBox(-1.0, math.sin(-170 * DEG), math.cos(170 * DEG), math.sin(170 * DEG)),
        ),
        (Arc((5, -5), 2.0, 0.3, TAU), BBox(3.0, -7.0, 7.0, -3.0)),
        (Arc((5, -5), 2.0, 0.3, -TAU), BBox(3.0, -7.0, 7.0, -3.0)),
    ],
)
def test_bbox_known_values(arc: Arc, expected: BBox) -> None:
    assert arc.bbox == pytest.approx(expected, abs=1e-12)


# -- contains_angle and parameter_of_angle --------------------------------------------------


@pytest.mark.parametrize(
    "arc", [Arc((0, 0), 1.0, 170 * DEG, 20 * DEG), Arc((0, 0), 1.0, -170 * DEG, -20 * DEG)]
)
def test_contains_angle_across_the_seam(arc: Arc) -> None:
    # Both arcs cover 170°..190° (= -170°), crossing the +-pi seam of atan2.
    for inside in (
        math.pi,
        -math.pi,
        175 * DEG,
        -175 * DEG,
        185 * DEG,
        170 * DEG,
        -170 * DEG,
        170 * DEG + TAU,
        -175 * DEG - 2 * TAU,
    ):
        assert arc.contains_angle(inside), inside / DEG
    for outside in (0.0, 160 * DEG, -160 * DEG, 195 * DEG, math.pi / 2, -math.pi / 2):
        assert not arc.contains_angle(outside), outside / DEG


def test_contains_angle_tolerance() -> None:
    arc = Arc((0, 0), 1.0, 0.0, 1.0)
    assert arc.contains_angle(1.0 + 1e-13)
    assert arc.contains_angle(-1e-13)
    assert not arc.contains_angle(1.0 + 1e-9)
    assert not arc.contains_angle(-1e-9)
    assert arc.contains_angle(1.0 + 1e-9, abs_tol=1e-8)
    assert arc.contains_angle(-1e-9, abs_tol=1e-8)


def test_full_circle_contains_every_angle() -> None:
    for sweep in (TAU, -TAU):
        arc = Arc((0, 0), 1.0, 1.0, sweep)
        assert all(arc.contains_angle(a) for a in np.linspace(-10, 10, 101))


@pytest.mark.parametrize(
    "arc",
    [
        Arc((0, 0), 1.0, 170 * DEG, 20 * DEG),
        Arc((0, 0), 1.0, -170 * DEG, -20 * DEG),
        Arc((0, 0), 1.0, 2.0, -5.0),
    ],
)
def test_parameter_of_angle(arc: Arc) -> None:
    assert arc.parameter_of_angle(arc.start_angle) == pytest.approx(0.0, abs=1e-15)
    assert arc.parameter_of_angle(arc.start_angle + arc.sweep) == pytest.approx(1.0)
    assert arc.parameter_of_angle(arc.start_angle + arc.sweep / 4 + TAU) == pytest.approx(0.25)
    outside = arc.start_angle + arc.sweep + math.copysign(0.1, arc.sweep)
    assert arc.parameter_of_angle(outside) > 1.0
    assert arc.parameter_of_angle(outside) < TAU / abs(arc.sweep)


# -- reversal and comparison ---------------------------------------------------------------


def test_reversed() -> None:
    arc = Arc((0, 0), 2.0, 0.0, math.pi / 2)
    r = arc.reversed()
    assert type(r) is Arc
    assert r.sweep == -math.pi / 2
    assert r.start_angle == math.pi / 2
    assert r.start_point.isclose(arc.end_point)
    assert r.end_point.isclose(arc.start_point)
    assert r.reversed() == arc
    assert r.ccw is False
    assert arc.ccw is True


def test_isclose() -> None:
    arc = Arc((1e6, 1e6), 10.0, 0.0, 1.0)
    assert arc.isclose(Arc((1e6 + 1e-4, 1e6), 10.0, 0.0, 1.0))
    assert arc.isclose(Arc((1e6, 1e6), 10.0, TAU, 1.0))  # same arc, start angle + 2*pi
    assert not arc.isclose(arc.reversed())
    assert not arc.isclose(Arc((1e6, 1e6), 10.0, 0.0, 1.1))
    assert not arc.isclose(Arc((1e6, 1e6), 10.1, 0.0, 1.0))
    assert not arc.isclose(Arc((1e6, 1e6 + 0.1), 10.0, 0.0, 1.0))
    assert arc.isclose(Arc((1e6, 1e6), 10.1, 0.0, 1.0), rel_tol=1e-6)


# -- properties ----------------------------------------------------------------------------


@given(data=st.data())
def test_points_lie_on_circle_and_arc(geo: Any, scale: float, data: st.DataObject) -> None:
    arc = data.draw(geo.arcs(scale), label="arc")
    t = data.draw(st.floats(0.0, 1.0), label="t")
    tol = geo.tol(scale)
    for p in (arc.start_point, arc.end_point, arc.mid_point, arc.point_at(t)):
        assert p.distance(arc.center) == pytest.approx(arc.radius, abs=tol)
    assert arc.length == pytest.approx(arc.radius * abs(arc.sweep), rel=1e-15)
    angle = arc.start_angle + t * arc.sweep
    assert arc.contains_angle(angle)
    if not arc.is_full_circle:
        assert arc.parameter_of_angle(angle) == pytest.approx(t, abs=1e-9)


@given(data=st.data())
def test_tangent_is_unit_perpendicular_and_forward(
    geo: Any, scale: float, data: st.DataObject
) -> None:
    arc = data.draw(geo.arcs(scale), label="arc")
    t = data.draw(st.floats(0.0, 1.0), label="t")
    angle = arc.start_angle + t * arc.sweep
    tangent = arc.tangent_at_angle(angle)
    assert tangent.length == pytest.approx(1.0)
    radial = arc.point_at_angle(angle) - arc.center
    assert tangent.dot(radial) == pytest.approx(0.0, abs=1e-12 * arc.radius)
    # Forward difference along the direction of travel.
    step = 1e-6 * math.copysign(1.0, arc.sweep)
    ahead = arc.point_at_angle(angle + step) - arc.point_at_angle(angle)
    assert tangent.dot(ahead) > 0.0


@given(data=st.data())
def test_reversed_traverses_the_same_points(geo: Any, scale: float, data: st.DataObject) -> None:
    arc = data.draw(geo.arcs(scale), label="arc")
    r = arc.reversed()
    tol = geo.tol(scale)
    assert r.ccw is not arc.ccw
    assert r.length == arc.length
    for t in (0.0, 0.3, 0.5, 1.0):
        assert r.point_at(t).isclose(arc.point_at(1.0 - t), abs_tol=tol)
    assert r.reversed().isclose(arc)


@given(data=st.data())
def test_bbox_contains_samples_and_is_tight(geo: Any, scale: float, data: st.DataObject) -> None:
    arc = data.draw(geo.arcs(scale), label="arc")
    count = 4001
    xs, ys = geo.sample_arc(arc, count)
    box = arc.bbox
    tol = geo.tol(scale)
    assert box.contains(arc.start_point, tol=tol)
    assert box.contains(arc.end_point, tol=tol)
    assert np.all(xs >= box.min_x - tol)
    assert np.all(xs <= box.max_x + tol)
    assert np.all(ys >= box.min_y - tol)
    assert np.all(ys <= box.max_y + tol)
    # Tight: each side touches the sampled arc, up to the sampling gap r * (1 - cos(step/2)).
    step = abs(arc.sweep) / (count - 1)
    slack = arc.radius * (1.0 - math.cos(step / 2.0)) + tol
    assert xs.min() <= box.min_x + slack
    assert xs.max() >= box.max_x - slack
    assert ys.min() <= box.min_y + slack
    assert ys.max() >= box.max_y - slack
