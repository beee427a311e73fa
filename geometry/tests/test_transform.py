"""Affine transforms: known matrices, inverse and composition, what similarities keep, mirrors
flipping area and arc direction, and non-similarities refusing arcs."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lvcad_geometry import Arc, Line, Polyline, Transform, Vec2
from lvcad_geometry.errors import DegenerateGeometryError, GeometryError, NonFiniteError

SQUARE = Polyline([(0, 0), (10, 0), (10, 10), (0, 10)], closed=True)
SLOT = Polyline([(0, 0), (10, 0), (10, 2), (0, 2)], bulges=[0, 1, 0, 1], closed=True)


# -- known values --------------------------------------------------------------------------


def test_identity_is_the_default() -> None:
    t = Transform()
    assert tuple(t) == (1.0, 0.0, 0.0, 0.0, 1.0, 0.0)
    assert t.apply((3, -4)) == Vec2(3.0, -4.0)
    assert t.determinant == 1.0
    assert t.is_similarity
    assert t.apply(SLOT) == SLOT


def test_translation() -> None:
    t = Transform.translation(5, -2)
    assert t.apply((1, 1)) == Vec2(6.0, -1.0)
    assert t.apply(Line((0, 0), (1, 0))) == Line((5, -2), (6, -2))
    moved = t.apply(Arc((0, 0), 2.0, 0.5, 1.0))
    assert moved.center == Vec2(5.0, -2.0)
    assert moved.radius == 2.0
    assert moved.start_angle == pytest.approx(0.5)
    assert moved.sweep == 1.0
    assert t.apply(SQUARE).signed_area == 100.0


def test_rotation_about_origin_and_center() -> None:
    t = Transform.rotation(math.pi / 2)
    assert t.apply((1, 0)).isclose((0, 1))
    assert t.apply((0, 1)).isclose((-1, 0))
    about = Transform.rotation(math.pi, center=(1, 1))
    assert about.apply((1, 1)).isclose((1, 1))  # the centre stays put
    assert about.apply((2, 1)).isclose((0, 1))
    assert about.apply((1, 3)).isclose((1, -1))
    assert about.determinant == pytest.approx(1.0)


def test_scaling() -> None:
    t = Transform.scaling(2)
    assert t.apply((3, -1)) == Vec2(6.0, -2.0)
    assert t.apply(SQUARE).signed_area == 400.0
    assert t.apply(SLOT).length == pytest.approx(2 * SLOT.length)
    about = Transform.scaling(3, center=(1, 1))
    assert about.apply((1, 1)) == Vec2(1.0, 1.0)
    assert about.apply((2, 1)) == Vec2(4.0, 1.0)
    stretch = Transform.scaling(2, 0.5)
    assert stretch.apply((1, 1)) == Vec2(2.0, 0.5)
    assert not stretch.is_similarity
    assert stretch.determinant == 1.0
    assert stretch.apply(SQUARE).signed_area == 100.0  # straight polylines are fine
    flip = Transform.scaling(-1, 1)
    assert flip.is_similarity
    assert flip.determinant == -1.0


def test_mirror_across_lines() -> None:
    x_axis = Transform.mirror(Line((0, 0), (1, 0)))
    assert x_axis.apply((3, 4)).isclose((3, -4))
    diagonal = Transform.mirror(Line((0, 0), (1, 1)))
    assert diagonal.apply((3, 4)).isclose((4, 3))
    vertical = Transform.mirror(Line((2, -5), (2, 7)))
    assert vertical.apply((3, 9)).isclose((1, 9))
    assert vertical.apply((2, 100)).isclose((2, 100))
    for t in (x_axis, diagonal, vertical):
        assert t.determinant == pytest.approx(-1.0)
        assert t.is_similarity
    arc = x_axis.apply(Arc((0, 1), 1.0, 0.0, math.pi / 2))
    assert arc.center.isclose((0, -1))
    assert arc.sweep == -math.pi / 2
    assert arc.start_point.isclose((1, -1))
    assert arc.end_point.isclose((0, -2))


def test_mirror_across_a_point_is_refused() -> None:
    with pytest.raises(DegenerateGeometryError, match="mirror"):
        Transform.mirror(Line((1, 1), (1, 1)))


def test_composition_order() -> None:
    # (t2 @ t1) applies t1 first.
    t = Transform.translation(10, 0) @ Transform.rotation(math.pi / 2)
    assert t.apply((1, 0)).isclose((10, 1))
    u = Transform.rotation(math.pi / 2) @ Transform.translation(10, 0)
    assert u.apply((1, 0)).isclose((0, 11))
    assert Transform() @ t == t
    assert t @ Transform() == t


def test_inverse_known() -> None:
    t = Transform(2.0, 1.0, 3.0, 1.0, 1.0, -1.0)
    inv = t.inverse()
    assert tuple(t @ inv) == pytest.approx((1, 0, 0, 0, 1, 0))
    assert tuple(inv @ t) == pytest.approx((1, 0, 0, 0, 1, 0))


@pytest.mark.parametrize(
    "singular",
    [
        Transform(0, 0, 1, 0, 0, 1),
        Transform(1, 2, 0, 2, 4, 0),
        Transform.scaling(0),
        Transform(math.inf, 0, 0, 0, 1, 0),
        Transform(math.nan, 0, 0, 0, 1, 0),
    ],
)
def test_singular_has_no_inverse(singular: Transform) -> None:
    with pytest.raises(GeometryError, match="singular"):
        singular.inverse()


def test_singular_is_not_similarity() -> None:
    assert not Transform(0, 0, 1, 0, 0, 1).is_similarity
    with pytest.raises(GeometryError):
        Transform.scaling(0).apply(Arc((0, 0), 1.0, 0.0, 1.0))


def test_overflow_raises() -> None:
    t = Transform.scaling(1e300)
    with pytest.raises(NonFiniteError, match="overflowed"):
        t.apply((1e10, 0))
    with pytest.raises(NonFiniteError):
        t.apply(Line((0, 0), (1e10, 1)))
    with pytest.raises(NonFiniteError, match="finite"):
        t.apply(Polyline([(0, 0), (1e10, 1)]))


def test_apply_rejects_non_finite_points() -> None:
    with pytest.raises(NonFiniteError):
        Transform().apply((math.nan, 0.0))


@pytest.mark.parametrize(
    "distortion",
    [
        Transform.scaling(2, 1),
        Transform.scaling(1, 1.001),
        Transform(1, 0.5, 0, 0, 1, 0),
        Transform(1, 0, 0, 1e-3, 1, 0),
    ],
)
def test_non_similarity_refuses_arcs(distortion: Transform) -> None:
    assert not distortion.is_similarity
    with pytest.raises(GeometryError, match="circular"):
        distortion.apply(Arc((0, 0), 1.0, 0.0, 1.0))
    with pytest.raises(GeometryError, match="circular"):
        distortion.apply(SLOT)
    # Straight geometry has no circle to distort.
    assert distortion.apply(SQUARE).signed_area == pytest.approx(100 * distortion.determinant)
    assert distortion.apply(Line((0, 0), (1, 1))).end == distortion.apply((1, 1))


def test_result_types() -> None:
    t = Transform.rotation(0.3)
    assert type(t.apply((1, 2))) is Vec2
    assert type(t.apply(Vec2(1, 2))) is Vec2
    assert type(t.apply(Line((0, 0), (1, 1)))) is Line
    assert type(t.apply(Arc((0, 0), 1.0, 0.0, 1.0))) is Arc
    assert type(t.apply(SLOT)) is Polyline


def test_polyline_keeps_closure_and_bulges_under_rotation() -> None:
    t = Transform.rotation(0.7, center=(3, 3))
    moved = t.apply(SLOT)
    assert moved.closed
    assert moved.bulges.tolist() == SLOT.bulges.tolist()
    mirrored = Transform.mirror(Line((0, 0), (0, 1))).apply(SLOT)
    assert mirrored.bulges.tolist() == [-b for b in SLOT.bulges.tolist()]
    assert mirrored.signed_area == pytest.approx(-SLOT.signed_area)
    assert mirrored.bbox == pytest.approx((-11.0, 0.0, 1.0, 2.0), abs=1e-12)


# -- properties ----------------------------------------------------------------------------


@given(data=st.data())
def test_inverse_round_trip(geo: Any, scale: float, data: st.DataObject) -> None:
    t = data.draw(st.one_of(geo.similarities(scale), geo.affine_transforms(scale)), label="t")
    p = data.draw(geo.points(scale), label="p")
    inv = t.inverse()
    # Similarities scale by up to 10 and move by up to EXTENT * scale: allow for that.
    tol = geo.tol(scale, 1e3)
    assert inv.apply(t.apply(p)).isclose(p, abs_tol=tol)
    assert t.apply(inv.apply(p)).isclose(p, abs_tol=tol)
    assert (t @ inv).apply(p).isclose(p, abs_tol=tol)
    assert inv.determinant == pytest.approx(1.0 / t.determinant, rel=1e-9)


@given(data=st.data())
def test_composition_applies_right_first(geo: Any, scale: float, data: st.DataObject) -> None:
    t1 = data.draw(st.one_of(geo.similarities(scale), geo.affine_transforms(scale)), label="t1")
    t2 = data.draw(st.one_of(geo.similarities(scale), geo.affine_transforms(scale)), label="t2")
    t3 = data.draw(geo.similarities(scale), label="t3")
    p = data.draw(geo.points(scale), label="p")
    tol = geo.tol(scale, 1e4)
    assert (t2 @ t1).apply(p).isclose(t2.apply(t1.apply(p)), abs_tol=tol)
    assert ((t3 @ t2) @ t1).apply(p).isclose((t3 @ (t2 @ t1)).apply(p), abs_tol=tol)
    assert (t2 @ t1).determinant == pytest.approx(t2.determinant * t1.determinant, rel=1e-9)


@given(data=st.data())
def test_similarity_maps_arcs_pointwise(geo: Any, scale: float, data: st.DataObject) -> None:
    t = data.draw(geo.similarities(scale), label="t")
    arc = data.draw(geo.arcs(scale), label="arc")
    image = t.apply(arc)
    factor = math.sqrt(abs(t.determinant))
    tol = geo.tol(scale, 1e3)
    assert image.radius == pytest.approx(arc.radius * factor, rel=1e-9)
    assert image.length == pytest.approx(arc.length * factor, rel=1e-9)
    assert image.ccw is (arc.ccw == (t.determinant > 0))
    for s in (0.0, 0.25, 0.5, 1.0):
        assert image.point_at(s).isclose(t.apply(arc.point_at(s)), abs_tol=tol)
    assert image.center.isclose(t.apply(arc.center), abs_tol=tol)


@given(data=st.data())
def test_rotation_keeps_lengths_and_areas(geo: Any, scale: float, data: st.DataObject) -> None:
    p = data.draw(geo.polylines(scale), label="polyline")
    t = Transform.rotation(
        data.draw(geo.angles(), label="angle"), data.draw(geo.points(scale), label="center")
    )
    image = t.apply(p)
    area_tol = 1e-9 * (geo.EXTENT * scale) ** 2 * len(p)
    assert image.length == pytest.approx(p.length, rel=1e-9)
    assert image.signed_area == pytest.approx(p.signed_area, rel=1e-9, abs=area_tol)
    assert image.bulges.tolist() == p.bulges.tolist()
    for original, moved in zip(p.segments(), image.segments(), strict=True):
        assert moved.length == pytest.approx(original.length, rel=1e-9)


@given(data=st.data())
def test_similarity_scales_lengths_and_areas(geo: Any, scale: float, data: st.DataObject) -> None:
    p = data.draw(geo.polylines(scale), label="polyline")
    t = data.draw(geo.similarities(scale), label="t")
    image = t.apply(p)
    factor = math.sqrt(abs(t.determinant))
    area_tol = 1e-9 * (geo.EXTENT * scale * factor) ** 2 * len(p)
    assert image.length == pytest.approx(p.length * factor, rel=1e-9)
    assert image.signed_area == pytest.approx(p.signed_area * t.determinant, rel=1e-9, abs=area_tol)


@given(data=st.data())
def test_mirror_flips_area_and_arc_direction(geo: Any, scale: float, data: st.DataObject) -> None:
    axis = data.draw(geo.lines(scale), label="axis")
    m = Transform.mirror(axis)
    p = data.draw(geo.polylines(scale, closed=True), label="polyline")
    arc = data.draw(geo.arcs(scale), label="arc")
    tol = geo.tol(scale, 100)
    area_tol = 1e-9 * (geo.EXTENT * scale) ** 2 * len(p)
    image = m.apply(p)
    assert image.signed_area == pytest.approx(-p.signed_area, rel=1e-9, abs=area_tol)
    assert image.length == pytest.approx(p.length, rel=1e-9)
    assert np.array_equal(image.bulges, -p.bulges)
    mirrored_arc = m.apply(arc)
    assert mirrored_arc.ccw is not arc.ccw
    assert mirrored_arc.radius == pytest.approx(arc.radius, rel=1e-12)
    assert mirrored_arc.mid_point.isclose(m.apply(arc.mid_point), abs_tol=tol)
    # A mirror is its own inverse and fixes its axis.
    assert m.apply(m.apply(arc.center)).isclose(arc.center, abs_tol=tol)
    assert m.apply(axis.point_at(0.3)).isclose(axis.point_at(0.3), abs_tol=tol)
    assert tuple(m @ m) == pytest.approx((1, 0, 0, 0, 1, 0), abs=tol)


@given(data=st.data())
def test_non_similarities_refuse_arcs(geo: Any, scale: float, data: st.DataObject) -> None:
    t = data.draw(geo.non_similarities(scale), label="t")
    arc = data.draw(geo.arcs(scale), label="arc")
    assert not t.is_similarity
    with pytest.raises(GeometryError):
        t.apply(arc)
    p = data.draw(geo.polylines(scale, arcs=False), label="straight")
    image = t.apply(p)  # straight polylines stay exact under any affine map
    tol = geo.tol(scale, 1e3)
    for v, w in zip(p.vertices, image.vertices, strict=True):
        assert w.isclose(t.apply(v), abs_tol=tol)


@given(data=st.data())
def test_similarity_strategy_is_similarity(geo: Any, scale: float, data: st.DataObject) -> None:
    t = data.draw(geo.similarities(scale), label="t")
    assert t.is_similarity
    assert t.inverse().is_similarity
