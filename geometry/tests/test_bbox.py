"""Axis-aligned bounding boxes."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lvcad_geometry import BBox, Vec2
from lvcad_geometry.errors import TooFewVerticesError


def test_from_points_accepts_tuples_and_vecs() -> None:
    box = BBox.from_points([(0, 0), Vec2(4.0, 1.0), [2, 3], np.array([-1.0, 0.5])])
    assert box == BBox(-1.0, 0.0, 4.0, 3.0)
    assert all(type(v) is float for v in box)


def test_from_points_accepts_an_iterator() -> None:
    assert BBox.from_points(iter([(1, 2)])) == BBox(1.0, 2.0, 1.0, 2.0)
    assert BBox.from_points((p, p) for p in range(3)) == BBox(0.0, 0.0, 2.0, 2.0)


def test_from_no_points_raises() -> None:
    with pytest.raises(TooFewVerticesError, match="at least one point"):
        BBox.from_points([])


def test_measures() -> None:
    box = BBox(-1.0, 2.0, 3.0, 8.0)
    assert box.width == 4.0
    assert box.height == 6.0
    assert box.center == Vec2(1.0, 5.0)
    assert box.scale == 8.0
    assert BBox(-9.0, 0.0, 1.0, 1.0).scale == 9.0
    point = BBox(2.0, 2.0, 2.0, 2.0)
    assert point.width == 0.0
    assert point.height == 0.0


def test_union_and_expanded() -> None:
    a = BBox(0.0, 0.0, 1.0, 1.0)
    b = BBox(2.0, -1.0, 3.0, 0.5)
    assert a.union(b) == BBox(0.0, -1.0, 3.0, 1.0)
    assert b.union(a) == a.union(b)
    assert a.union(a) == a
    assert a.expanded(0.5) == BBox(-0.5, -0.5, 1.5, 1.5)
    assert a.expanded(-0.25) == BBox(0.25, 0.25, 0.75, 0.75)


def test_contains() -> None:
    box = BBox(0.0, 0.0, 2.0, 1.0)
    assert box.contains((1.0, 0.5))
    assert box.contains((0.0, 0.0))
    assert box.contains((2.0, 1.0))
    assert not box.contains((2.0 + 1e-12, 0.5))
    assert not box.contains((1.0, -1e-12))
    assert box.contains((2.0 + 1e-12, 0.5), tol=1e-9)
    assert box.contains(Vec2(-0.5, 1.5), tol=0.5)
    assert not box.contains(Vec2(-0.5, 1.5), tol=0.49)


def test_intersects() -> None:
    a = BBox(0.0, 0.0, 1.0, 1.0)
    assert a.intersects(BBox(0.5, 0.5, 2.0, 2.0))
    assert a.intersects(BBox(1.0, 1.0, 2.0, 2.0))  # touching corner
    assert a.intersects(BBox(0.25, 0.25, 0.5, 0.5))  # inside
    assert BBox(0.25, 0.25, 0.5, 0.5).intersects(a)
    for far in (
        BBox(1.1, 0.0, 2.0, 1.0),
        BBox(-2.0, 0.0, -0.1, 1.0),
        BBox(0.0, 1.1, 1.0, 2.0),
        BBox(0.0, -2.0, 1.0, -0.1),
    ):
        assert not a.intersects(far)
        assert not far.intersects(a)
        assert a.intersects(far, tol=0.1 + 1e-12)


def test_immutable() -> None:
    box = BBox(0.0, 0.0, 1.0, 1.0)
    with pytest.raises(AttributeError):
        box.min_x = 5.0  # type: ignore[misc]
    assert hash(box) == hash(BBox(0.0, 0.0, 1.0, 1.0))


@given(data=st.data())
def test_from_points_is_smallest_box(geo: Any, scale: float, data: st.DataObject) -> None:
    points = data.draw(st.lists(geo.points(scale), min_size=1, max_size=20), label="points")
    box = BBox.from_points(points)
    assert all(box.contains(p) for p in points)
    xs = [p.x for p in points]
    ys = [p.y for p in points]
    assert (box.min_x, box.min_y, box.max_x, box.max_y) == (min(xs), min(ys), max(xs), max(ys))
    assert box.width >= 0.0
    assert box.height >= 0.0
    assert box.contains(box.center)


@given(data=st.data())
def test_union_contains_both(geo: Any, scale: float, data: st.DataObject) -> None:
    a = BBox.from_points(data.draw(st.lists(geo.points(scale), min_size=1, max_size=4)))
    b = BBox.from_points(data.draw(st.lists(geo.points(scale), min_size=1, max_size=4)))
    u = a.union(b)
    for corner in ((a.min_x, a.min_y), (a.max_x, a.max_y), (b.min_x, b.min_y), (b.max_x, b.max_y)):
        assert u.contains(corner)
    assert u.intersects(a)
    assert u.intersects(b)
    assert a.intersects(b) == b.intersects(a)
