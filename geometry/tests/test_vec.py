"""Vec2 / Point arithmetic, tuple compatibility and as_vec validation."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from lvcad_geometry import Point, Vec2, as_vec
from lvcad_geometry.errors import GeometryError, NonFiniteError


def test_point_is_vec2() -> None:
    assert Point is Vec2


def test_fields_and_unpacking() -> None:
    v = Vec2(3.0, -4.0)
    assert (v.x, v.y) == (3.0, -4.0)
    x, y = v
    assert (x, y) == (3.0, -4.0)
    assert v[0] == 3.0
    assert v[1] == -4.0
    assert len(v) == 2
    assert list(v) == [3.0, -4.0]


def test_equals_plain_tuple_and_hashes_like_one() -> None:
    v = Vec2(1.5, 2.5)
    assert v == (1.5, 2.5)
    assert (1.5, 2.5) == v  # noqa: SIM300 - the reflected comparison is the point
    assert hash(v) == hash((1.5, 2.5))
    assert {v: "a"}[(1.5, 2.5)] == "a"
    assert Vec2(0.0, 0.0) == Vec2(-0.0, 0.0)
    assert hash(Vec2(0.0, 0.0)) == hash(Vec2(-0.0, 0.0))
    assert Vec2(1.0, 2.0) != Vec2(2.0, 1.0)


def test_immutable() -> None:
    v = Vec2(1.0, 2.0)
    with pytest.raises(AttributeError):
        v.x = 5.0  # type: ignore[misc]
    with pytest.raises(AttributeError):
        v.z = 5.0  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        v[0] = 5.0  # type: ignore[index]
    assert v == (1.0, 2.0)


def test_addition_is_vector_addition_not_concatenation() -> None:
    a = Vec2(1.0, 2.0)
    assert a + Vec2(10.0, 20.0) == Vec2(11.0, 22.0)
    # RUF005 reads these as tuple concatenation, which is exactly what Vec2 overrides.
    assert a + (10, 20) == Vec2(11.0, 22.0)  # noqa: RUF005
    assert (10, 20) + a == Vec2(11.0, 22.0)  # noqa: RUF005
    assert [10, 20] + a == Vec2(11.0, 22.0)  # noqa: RUF005
    assert isinstance((10, 20) + a, Vec2)  # noqa: RUF005
    assert len(a + a) == 2


def test_subtraction_both_ways() -> None:
    a = Vec2(1.0, 2.0)
    assert a - (0.5, 4.0) == Vec2(0.5, -2.0)
    assert (0.5, 4.0) - a == Vec2(-0.5, 2.0)
    assert isinstance((0.5, 4.0) - a, Vec2)
    assert a - a == Vec2(0.0, 0.0)


def test_scalar_multiplication_and_division() -> None:
    a = Vec2(1.5, -2.0)
    assert a * 2 == Vec2(3.0, -4.0)
    assert 2 * a == Vec2(3.0, -4.0)
    assert a * 0.5 == Vec2(0.75, -1.0)
    assert a / 2 == Vec2(0.75, -1.0)
    assert -a == Vec2(-1.5, 2.0)
    assert len(a * 3) == 2  # not tuple repetition


def test_length_angle_dot_cross() -> None:
    v = Vec2(3.0, 4.0)
    assert v.length == 5.0
    assert Vec2(0.0, 0.0).length == 0.0
    assert Vec2(0.0, 2.0).angle == pytest.approx(math.pi / 2)
    assert Vec2(-1.0, 0.0).angle == math.pi  # (-pi, pi]: the seam is +pi
    assert Vec2(0.0, -1.0).angle == pytest.approx(-math.pi / 2)
    assert v.dot((2.0, -1.0)) == 2.0
    assert v.dot(v.perp()) == 0.0
    assert Vec2(1.0, 0.0).cross((0.0, 1.0)) == 1.0  # other is counter-clockwise
    assert Vec2(1.0, 0.0).cross((0.0, -1.0)) == -1.0
    assert v.cross(v * 2.5) == 0.0


def test_normalized_perp_rotated() -> None:
    n = Vec2(3.0, 4.0).normalized()
    assert n == pytest.approx((0.6, 0.8))
    assert n.length == pytest.approx(1.0)
    with pytest.raises(ZeroDivisionError):
        Vec2(0.0, 0.0).normalized()
    assert Vec2(1.0, 2.0).perp() == Vec2(-2.0, 1.0)
    r = Vec2(1.0, 0.0).rotated(math.pi / 2)
    assert r.isclose((0.0, 1.0))
    assert Vec2(2.0, 1.0).rotated(math.pi).isclose((-2.0, -1.0))
    assert Vec2(2.0, 1.0).rotated(-math.pi / 2).isclose((1.0, -2.0))


def test_distance_lerp_from_angle() -> None:
    assert Vec2(1.0, 1.0).distance((4.0, 5.0)) == 5.0
    a, b = Vec2(0.0, 0.0), Vec2(10.0, -4.0)
    assert a.lerp(b, 0.0) == a
    assert a.lerp(b, 1.0) == b
    assert a.lerp(b, 0.25) == Vec2(2.5, -1.0)
    assert a.lerp(b, 2.0) == Vec2(20.0, -8.0)  # extrapolates
    assert Vec2.from_angle(math.pi / 2, 3.0).isclose((0.0, 3.0))
    assert Vec2.from_angle(0.0) == Vec2(1.0, 0.0)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((1e6, 0.0), (1e6 + 1e-4, 0.0), True),  # 1e-4 <= 1e-9 * 1e6
        ((1e6, 0.0), (1e6 + 1e-2, 0.0), False),
        ((1e-3, 0.0), (1.1e-3, 0.0), False),  # relative, not a fixed epsilon
        ((1e-3, 0.0), (1e-3 + 1e-13, 0.0), True),
        ((0.0, 0.0), (5e-13, 0.0), True),  # absolute floor at the origin
        ((0.0, 0.0), (5e-12, 0.0), False),
        ((-7.0, 3.0), (-7.0, 3.0), True),
    ],
)
def test_isclose_is_relative_to_scale(
    a: tuple[float, float], b: tuple[float, float], expected: bool
) -> None:
    assert Vec2(*a).isclose(b) is expected
    assert Vec2(*b).isclose(a) is expected


def test_isclose_custom_tolerances() -> None:
    assert Vec2(1.0, 0.0).isclose((1.01, 0.0), rel_tol=0.02)
    assert not Vec2(1.0, 0.0).isclose((1.01, 0.0), rel_tol=0.001)
    assert Vec2(0.0, 0.0).isclose((0.5, 0.0), abs_tol=0.5)
    assert not Vec2(0.0, 0.0).isclose((0.5, 0.0), abs_tol=0.49)


def test_as_vec_converts_pairs_to_floats() -> None:
    v = as_vec((1, 2))
    assert v == Vec2(1.0, 2.0)
    assert type(v) is Vec2
    assert type(v.x) is float
    assert type(v.y) is float
    assert as_vec([3, 4.5]) == Vec2(3.0, 4.5)
    assert as_vec(np.array([5.0, 6.0])) == Vec2(5.0, 6.0)
    w = Vec2(7.0, 8.0)
    assert as_vec(w) is w  # fast path: no copy of a valid Vec2


@pytest.mark.parametrize(
    "value",
    [
        Vec2(1, 2),
        Vec2(np.float64(1.0), np.float64(2.0)),  # type: ignore[arg-type]
        Vec2(np.float32(0.1), np.float32(0.2)),  # type: ignore[arg-type]
        (np.float32(0.1), 2),
        (True, False),
    ],
)
def test_as_vec_always_gives_python_floats(value: tuple[float, float]) -> None:
    v = as_vec(value)
    assert type(v.x) is float
    assert type(v.y) is float
    assert v == (float(value[0]), float(value[1]))
    # float32 inputs must not turn later arithmetic into float32 arithmetic.
    assert type((v + Vec2(0.1, 0.1)).x) is float


@pytest.mark.parametrize(
    "value",
    [
        (math.nan, 0.0),
        (0.0, math.inf),
        (-math.inf, 1.0),
        Vec2(math.nan, 1.0),
        Vec2(1.0, -math.inf),
        np.array([np.nan, 1.0]),
    ],
)
def test_as_vec_rejects_non_finite(value: tuple[float, float]) -> None:
    with pytest.raises(NonFiniteError, match="finite"):
        as_vec(value)


def test_non_finite_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="finite"):
        as_vec((math.nan, 0.0))
    with pytest.raises(GeometryError):
        as_vec((math.nan, 0.0))


@pytest.mark.parametrize("value", [(), (1.0,), (1.0, 2.0, 3.0), [1, 2, 3, 4]])
def test_as_vec_rejects_wrong_length(value: tuple[float, ...]) -> None:
    with pytest.raises(ValueError, match="exactly 2 coordinates"):
        as_vec(value)


@pytest.mark.parametrize("value", [("a", "b"), (None, 1.0), ((1, 2), 3)])
def test_as_vec_rejects_non_numbers(value: tuple[object, object]) -> None:
    with pytest.raises((TypeError, ValueError)):
        as_vec(value)  # type: ignore[arg-type]


def test_as_vec_rejects_non_sequences() -> None:
    with pytest.raises(TypeError):
        as_vec(3.0)  # type: ignore[arg-type]


# -- properties ----------------------------------------------------------------------------


@given(data=st.data())
def test_arithmetic_identities(geo: Any, scale: float, data: st.DataObject) -> None:
    a = data.draw(geo.points(scale), label="a")
    b = data.draw(geo.point_tuples(scale), label="b")
    tol = geo.tol(scale)
    assert ((a + b) - b).isclose(a, abs_tol=tol)
    assert (a + b) == (b + a)
    assert (a - b) == -(b - a)
    assert (a * 2.0) == (a + a)
    assert (a / 2.0).isclose(a * 0.5)
    assert a.distance(b) == pytest.approx((a - b).length, rel=1e-15, abs=0)


@given(data=st.data())
def test_rotation_keeps_length_and_turns_angle(geo: Any, scale: float, data: st.DataObject) -> None:
    v = data.draw(geo.points(scale), label="v")
    angle = data.draw(geo.angles(), label="angle")
    r = v.rotated(angle)
    assert r.length == pytest.approx(v.length, rel=1e-14, abs=1e-300)
    if v.length > 1e-3 * scale:
        assert geo.angle_diff(r.angle, v.angle + angle) == pytest.approx(0.0, abs=1e-12)
        # cross and dot give sin and cos of the turn.
        assert r.cross(v) == pytest.approx(-math.sin(angle) * v.length**2, abs=1e-12 * v.length**2)
        assert r.dot(v) == pytest.approx(math.cos(angle) * v.length**2, abs=1e-12 * v.length**2)


@given(data=st.data())
def test_normalized_is_unit_and_parallel(geo: Any, scale: float, data: st.DataObject) -> None:
    v = data.draw(geo.points(scale), label="v")
    # Subnormal vectors (length below ~1e-308) lose the precision a unit vector needs; CAD
    # geometry treats anything that short as degenerate long before.
    assume(v.length >= 1e-300)
    n = v.normalized()
    assert n.length == pytest.approx(1.0, rel=1e-15)
    assert n.cross(v) == pytest.approx(0.0, abs=1e-15 * v.length)
    assert n.dot(v) == pytest.approx(v.length, rel=1e-15)
    assert v.perp().dot(v) == pytest.approx(0.0, abs=1e-15 * v.length**2)
    assert v.cross(v.perp()) == pytest.approx(v.length**2, rel=1e-15)
