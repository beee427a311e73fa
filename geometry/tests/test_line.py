"""Line segments: construction, measures, immutability and tolerance-aware comparison."""

from __future__ import annotations

import copy
import math
import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lvcad_geometry import BBox, Line, Vec2
from lvcad_geometry.errors import NonFiniteError


def test_accepts_tuples_and_converts_to_vec2() -> None:
    line = Line((0, 0), [3, 4])
    assert type(line.start) is Vec2
    assert type(line.end) is Vec2
    assert line.start == Vec2(0.0, 0.0)
    assert line.end == Vec2(3.0, 4.0)
    assert type(line.end.x) is float
    assert Line(start=(1, 2), end=(3, 4)) == Line((1, 2), (3, 4))


def test_measures() -> None:
    line = Line((1.0, 1.0), (4.0, 5.0))
    assert line.length == 5.0
    assert line.direction == Vec2(3.0, 4.0)
    assert line.midpoint == Vec2(2.5, 3.0)
    assert line.angle == pytest.approx(math.atan2(4.0, 3.0))
    assert Line((0, 0), (-1, 0)).angle == math.pi
    assert Line((0, 0), (0, -2)).angle == pytest.approx(-math.pi / 2)
    assert line.bbox == BBox(1.0, 1.0, 4.0, 5.0)
    assert Line((4, 1), (1, 5)).bbox == BBox(1.0, 1.0, 4.0, 5.0)


def test_point_at() -> None:
    line = Line((0.0, 0.0), (10.0, -20.0))
    assert line.point_at(0.0) == line.start
    assert line.point_at(1.0) == line.end
    assert line.point_at(0.5) == Vec2(5.0, -10.0)
    assert line.point_at(-1.0) == Vec2(-10.0, 20.0)  # extrapolates
    assert line.point_at(1.5) == Vec2(15.0, -30.0)


def test_reversed() -> None:
    line = Line((1, 2), (3, 5))
    r = line.reversed()
    assert type(r) is Line
    assert r == Line((3, 5), (1, 2))
    assert r.reversed() == line
    assert r.length == line.length
    assert r.angle == pytest.approx(line.angle - math.pi)


@pytest.mark.parametrize("bad", [(math.nan, 0.0), (0.0, math.inf), (-math.inf, -math.inf)])
def test_rejects_non_finite(bad: tuple[float, float]) -> None:
    with pytest.raises(NonFiniteError):
        Line(bad, (1, 1))
    with pytest.raises(NonFiniteError):
        Line((1, 1), bad)


def test_rejects_bad_points() -> None:
    with pytest.raises(ValueError, match="exactly 2 coordinates"):
        Line((0, 0, 0), (1, 1))
    with pytest.raises(TypeError):
        Line((0, 0))  # type: ignore[call-arg]


def test_immutable() -> None:
    line = Line((0, 0), (1, 1))
    with pytest.raises(AttributeError):
        line.start = Vec2(5, 5)  # type: ignore[misc]
    with pytest.raises(AttributeError):
        line.color = "red"  # type: ignore[attr-defined]
    assert not hasattr(line, "__dict__")


def test_replace_and_make_validate() -> None:
    line = Line((0, 0), (1, 1))
    moved = line._replace(end=(2, 3))
    assert moved == Line((0, 0), (2, 3))
    assert type(moved.end) is Vec2
    with pytest.raises(NonFiniteError):
        line._replace(end=(math.nan, 0))
    made = Line._make([(1, 2), (3, 4)])
    assert type(made.start) is Vec2
    assert made == Line((1, 2), (3, 4))


def test_equality_hash_copy_pickle() -> None:
    a = Line((0, 0), (1, 2))
    b = Line((0.0, 0.0), (1.0, 2.0))
    assert a == b
    assert hash(a) == hash(b)
    assert a != a.reversed()
    assert len({a, b, a.reversed()}) == 2
    assert copy.copy(a) == a
    assert copy.deepcopy(a) == a
    restored = pickle.loads(pickle.dumps(a))
    assert restored == a
    assert type(restored) is Line


@pytest.mark.parametrize("scale", [1e-3, 1.0, 1e6])
def test_is_degenerate_relative_to_scale(scale: float) -> None:
    p = Vec2(3.0 * scale, -2.0 * scale)
    assert Line(p, p).is_degenerate()
    assert Line(p, p + Vec2(1e-11 * scale, 0.0)).is_degenerate()
    assert not Line(p, p + Vec2(1e-7 * scale, 0.0)).is_degenerate()
    assert Line(p, p + Vec2(1e-7 * scale, 0.0)).is_degenerate(rel_tol=1e-6)
    assert Line((0, 0), (0, 1e-13)).is_degenerate()  # absolute floor at the origin
    assert not Line((0, 0), (0, 1e-11)).is_degenerate()
    assert Line((0, 0), (0, 1e-11)).is_degenerate(abs_tol=1e-10)


def test_isclose() -> None:
    a = Line((1e6, 0.0), (2e6, 0.0))
    assert a.isclose(Line((1e6 + 1e-4, 0.0), (2e6, 1e-4)))
    assert not a.isclose(Line((1e6 + 1e-1, 0.0), (2e6, 0.0)))
    assert not a.isclose(a.reversed())  # order matters
    assert a.isclose(Line((1e6 + 1.0, 0.0), (2e6, 0.0)), rel_tol=1e-6)
    b = Line((0, 0), (1e-3, 0))
    assert not b.isclose(Line((0, 0), (1.1e-3, 0)))


# -- properties ----------------------------------------------------------------------------


@given(data=st.data())
def test_point_at_lies_on_segment(geo: Any, scale: float, data: st.DataObject) -> None:
    line = data.draw(geo.lines(scale), label="line")
    t = data.draw(st.floats(0.0, 1.0), label="t")
    p = line.point_at(t)
    tol = geo.tol(scale, 4)
    assert line.start.distance(p) + p.distance(line.end) == pytest.approx(line.length, abs=tol)
    assert line.start.distance(p) == pytest.approx(t * line.length, abs=tol)
    assert line.bbox.contains(p, tol=tol)
    assert line.midpoint.isclose(line.point_at(0.5), abs_tol=tol)


@given(data=st.data())
def test_strategy_lines_are_not_degenerate(geo: Any, scale: float, data: st.DataObject) -> None:
    line = data.draw(geo.lines(scale), label="line")
    assert not line.is_degenerate()
    assert line.length >= geo.MIN_GAP * scale * (1 - 1e-9)
    assert line.direction.length == pytest.approx(line.length, rel=1e-15)
    assert Vec2.from_angle(line.angle).cross(line.direction) == pytest.approx(
        0.0, abs=1e-12 * line.length
    )
