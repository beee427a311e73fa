"""Polylines with bulges: construction and its errors, measures against oracles, reversal,
immutability, equality, hashing and the constructors."""

from __future__ import annotations

import copy
import math
import pickle
import warnings
from typing import Any

import numpy as np
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st

from lvcad_geometry import Arc, BBox, Line, Polyline, Vec2, as_polyline, bulge_to_arc
from lvcad_geometry.errors import NonFiniteError, TooFewVerticesError

SQUARE = [(0, 0), (10, 0), (10, 10), (0, 10)]
# A 10 x 2 rectangle whose short sides are outward half circles of radius 1.
SLOT = Polyline([(0, 0), (10, 0), (10, 2), (0, 2)], bulges=[0, 1, 0, 1], closed=True)


# -- construction --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "vertices",
    [
        [(0, 0), (1, 2), (3, 4)],
        [Vec2(0, 0), Vec2(1, 2), Vec2(3, 4)],
        [[0, 0], [1, 2], [3, 4]],
        np.array([[0, 0], [1, 2], [3, 4]]),
        np.array([[0, 0], [1, 2], [3, 4]], dtype=np.float32),
        ((x, y) for x, y in [(0, 0), (1, 2), (3, 4)]),
        iter([(0, 0), (1, 2), (3, 4)]),
    ],
)
def test_accepts_pairs_arrays_and_iterators(vertices: Any) -> None:
    p = Polyline(vertices)
    assert p.x.tolist() == [0.0, 1.0, 3.0]
    assert p.y.tolist() == [0.0, 2.0, 4.0]
    for array in (p.x, p.y, p.bulges):
        assert array.dtype == np.float64
        assert array.ndim == 1
    assert p.bulges.tolist() == [0.0, 0.0, 0.0]
    assert not p.closed
    assert len(p) == 3
    assert p.segment_count == 2


def test_bulges_from_iterator_and_array() -> None:
    p = Polyline([(0, 0), (1, 0), (1, 1)], bulges=iter([0.5, 0.0, 0.25]), closed=True)
    assert p.bulges.tolist() == [0.5, 0.0, 0.25]
    q = Polyline([(0, 0), (1, 0), (1, 1)], bulges=np.array([0.5, 0.0, 0.25]), closed=True)
    assert p == q


def test_open_polyline_drops_the_unused_last_bulge() -> None:
    p = Polyline([(0, 0), (1, 0), (2, 0)], bulges=[0.5, -0.5, 0.9])
    assert p.bulges.tolist() == [0.5, -0.5, 0.0]
    assert p == Polyline([(0, 0), (1, 0), (2, 0)], bulges=[0.5, -0.5, 0.0])
    closed = Polyline([(0, 0), (1, 0), (2, 1)], bulges=[0.5, -0.5, 0.9], closed=True)
    assert closed.bulges.tolist() == [0.5, -0.5, 0.9]


@pytest.mark.parametrize(
    "vertices", [[], [(0, 0)], np.zeros((0, 2)), np.zeros((1, 2)), np.zeros((0,))]
)
def test_fewer_than_two_vertices(vertices: Any) -> None:
    with pytest.raises(TooFewVerticesError, match="at least 2 vertices"):
        Polyline(vertices)


def test_fewer_than_two_vertices_from_arrays() -> None:
    with pytest.raises(TooFewVerticesError):
        Polyline.from_arrays([1.0], [2.0])
    with pytest.raises(TooFewVerticesError):
        Polyline.from_arrays([], [])


@pytest.mark.parametrize(
    ("vertices", "bulges"),
    [
        ([(0, 0), (math.nan, 1)], None),
        ([(0, 0), (1, math.inf)], None),
        ([(-math.inf, 0), (1, 1)], None),
        ([(0, 0), (1, 1)], [math.nan, 0.0]),
        ([(0, 0), (1, 1)], [math.inf, 0.0]),
        ([(0, 0), (1, 1)], [0.0, math.nan]),  # even the unused last bulge of an open polyline
    ],
)
def test_non_finite(vertices: Any, bulges: Any) -> None:
    with pytest.raises(NonFiniteError, match="finite"):
        Polyline(vertices, bulges)
    with pytest.raises(NonFiniteError):
        Polyline.from_arrays([v[0] for v in vertices], [v[1] for v in vertices], bulges)


@pytest.mark.parametrize("bulges", [[0.0], [0.0, 0.0, 0.0, 0.0], [[0.0, 0.0, 0.0]], 0.5, []])
def test_mismatched_bulges(bulges: Any) -> None:
    with pytest.raises(ValueError, match="expected 3 bulges"):
        Polyline([(0, 0), (1, 0), (1, 1)], bulges)
    with pytest.raises(ValueError, match="expected 3 bulges"):
        Polyline.from_arrays([0, 1, 1], [0, 0, 1], bulges)


@pytest.mark.parametrize(
    "vertices",
    [
        [(0, 0, 0), (1, 1, 1)],
        [1.0, 2.0, 3.0, 4.0],
        np.zeros((3, 2, 2)),
        np.zeros((4, 1)),
        [(0, 0), (1, 1, 1)],  # ragged
    ],
)
def test_bad_vertex_shapes(vertices: Any) -> None:
    with pytest.raises(ValueError, match=r"\(x, y\) pairs|inhomogeneous"):
        Polyline(vertices)


def test_bad_vertex_shape_message() -> None:
    with pytest.raises(ValueError, match=r"\(x, y\) pairs, got shape \(2, 3\)"):
        Polyline([(0, 0, 0), (1, 1, 1)])


def test_not_numbers() -> None:
    with pytest.raises((TypeError, ValueError)):
        Polyline([("a", "b"), ("c", "d")])


@pytest.mark.parametrize(("x", "y"), [([0, 1, 2], [0, 1]), ([[0, 1]], [[0, 1]]), (0.0, 1.0)])
def test_from_arrays_shape_errors(x: Any, y: Any) -> None:
    with pytest.raises(ValueError, match="1-D arrays of one length"):
        Polyline.from_arrays(x, y)


def test_from_arrays_equals_constructor() -> None:
    a = Polyline.from_arrays([0, 1, 2], [0, 1, 0], [0.5, 0, 0], closed=True)
    b = Polyline([(0, 0), (1, 1), (2, 0)], [0.5, 0, 0], closed=True)
    assert a == b
    assert Polyline.from_arrays((0, 1), (0, 0)) == Polyline([(0, 0), (1, 0)])


# -- immutability --------------------------------------------------------------------------


def test_attributes_cannot_be_set_or_deleted() -> None:
    p = Polyline(SQUARE, closed=True)
    for name in ("x", "closed", "_x", "_closed", "color"):
        with pytest.raises(AttributeError):
            setattr(p, name, None)
    for name in ("_x", "_bulges", "_closed"):
        with pytest.raises(AttributeError):
            delattr(p, name)
    assert p.closed
    assert p.x.tolist() == [0.0, 10.0, 10.0, 0.0]
    assert not hasattr(p, "__dict__")


def test_arrays_are_read_only() -> None:
    p = Polyline(SQUARE, bulges=[0.5, 0, 0, 0], closed=True)
    for array in (p.x, p.y, p.bulges):
        assert not array.flags.writeable
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 99.0
        with pytest.raises(ValueError, match="cannot set WRITEABLE"):
            array.flags.writeable = True
    assert p.x[0] == 0.0
    assert p.bulges[0] == 0.5


@pytest.mark.parametrize("bulges", [None, [0.5, -0.25, 0.0]])
def test_polyline_from_lists_builds_its_arrays_on_first_use(bulges: Any) -> None:
    # The offset's small results: lists wrapped as they are, arrays made when first read.
    eager = Polyline([(0, 0), (3, 0), (3, 4)], bulges=bulges)
    lazy = Polyline._from_lists([0.0, 3.0, 3.0], [0.0, 0.0, 4.0], bulges, False)
    assert lazy == eager
    assert eager == lazy
    assert hash(lazy) == hash(eager)
    for array in (lazy.x, lazy.y, lazy.bulges):
        assert array.dtype == np.float64
        assert not array.flags.writeable
    assert lazy.x is lazy.x  # built once
    assert pickle.loads(pickle.dumps(Polyline._from_lists([0.0, 1.0], [2.0, 3.0], None, True))) == (
        Polyline([(0, 2), (1, 3)], closed=True)
    )
    copied = copy.deepcopy(Polyline._from_lists([0.0, 1.0], [2.0, 3.0], None, False))
    assert copied.vertices == (Vec2(0, 2), Vec2(1, 3))
    with pytest.raises(AttributeError, match="no attribute 'missing'"):
        _ = lazy.missing  # type: ignore[attr-defined]


def test_input_arrays_are_copied() -> None:
    xy = np.array(SQUARE, dtype=np.float64)
    x, y, b = xy[:, 0].copy(), xy[:, 1].copy(), np.zeros(4)
    p = Polyline(xy, b, closed=True)
    q = Polyline.from_arrays(x, y, b, closed=True)
    xy[0] = (-5, -5)
    x[0] = y[0] = -5.0
    b[0] = 1.0
    for poly in (p, q):
        assert poly.x[0] == 0.0
        assert poly.y[0] == 0.0
        assert poly.bulges[0] == 0.0
    assert not np.shares_memory(p.x, xy)
    assert not np.shares_memory(q.x, x)


def test_derived_arrays_are_fresh() -> None:
    p = Polyline(SQUARE)
    xy = p.xy
    assert xy.shape == (4, 2)
    assert xy.tolist() == [[0, 0], [10, 0], [10, 10], [0, 10]]
    xy[0, 0] = 42.0  # a new array, free to modify
    assert p.x[0] == 0.0
    assert p.vertices == (Vec2(0, 0), Vec2(10, 0), Vec2(10, 10), Vec2(0, 10))
    assert all(type(v) is Vec2 and type(v.x) is float for v in p.vertices)


# -- equality, hashing, copying, repr ------------------------------------------------------


def test_equality() -> None:
    p = Polyline(SQUARE, closed=True)
    assert p == Polyline(np.array(SQUARE, dtype=float), closed=True)
    assert p != Polyline(SQUARE, closed=False)
    assert p != Polyline(SQUARE, bulges=[0, 0, 0, 0.1], closed=True)
    assert p != Polyline([(0, 0), (10, 0), (10, 10), (0, 10.5)], closed=True)
    assert p != Polyline([*SQUARE, (0, 5)], closed=True)
    assert p != SQUARE
    assert p.__eq__(SQUARE) is NotImplemented
    assert p != "square"


def test_hash_is_consistent_with_equality() -> None:
    a = Polyline(SQUARE, closed=True)
    b = Polyline(np.array(SQUARE, dtype=float), np.zeros(4), closed=True)
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b, Polyline(SQUARE)}) == 2
    assert {a: 1}[b] == 1


def test_negative_zero_hashes_like_zero() -> None:
    # -0.0 == 0.0, so polylines that differ only in the sign of a zero are equal and must
    # hash alike (transforms and reversal produce -0.0 routinely).
    a = Polyline([(0.0, 0.0), (1.0, 0.0)], bulges=[0.0, 0.0])
    b = Polyline([(-0.0, 0.0), (1.0, -0.0)], bulges=[-0.0, -0.0])
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b}) == 1


def test_copy_and_pickle() -> None:
    p = Polyline(SQUARE, bulges=[0.5, 0, -0.25, 0], closed=True)
    for clone in (copy.copy(p), copy.deepcopy(p), pickle.loads(pickle.dumps(p))):
        assert type(clone) is Polyline
        assert clone == p
        assert hash(clone) == hash(p)
        assert not clone.x.flags.writeable
        assert not clone.bulges.flags.writeable


def test_repr_small_round_trips() -> None:
    p = Polyline([(0, 0), (1.5, -2), (3, 0.1)], closed=True)
    assert repr(p) == "Polyline([(0.0, 0.0), (1.5, -2.0), (3.0, 0.1)], closed=True)"
    assert eval(repr(p), {"Polyline": Polyline}) == p
    q = Polyline([(0, 0), (1, 0), (1, 1)], bulges=[0.5, 0, 0])
    assert repr(q) == (
        "Polyline([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)], bulges=[0.5, 0.0, 0.0], closed=False)"
    )
    assert eval(repr(q), {"Polyline": Polyline}) == q
    six = Polyline([(i, 0) for i in range(6)])
    assert repr(six).startswith("Polyline([(0.0, 0.0), ")
    assert eval(repr(six)) == six


def test_repr_big_is_a_summary() -> None:
    seven = Polyline([(i, i % 2) for i in range(7)])
    assert repr(seven) == "<Polyline of 7 vertices, closed=False>"
    big = Polyline.from_arrays(np.arange(10_000.0), np.zeros(10_000), closed=True)
    assert repr(big) == "<Polyline of 10000 vertices, closed=True>"


# -- segments ------------------------------------------------------------------------------


def test_segments_of_slot() -> None:
    segments = list(SLOT.segments())
    assert len(segments) == SLOT.segment_count == 4
    assert segments[0] == Line((0, 0), (10, 0))
    assert segments[2] == Line((10, 2), (0, 2))
    right, left = segments[1], segments[3]
    assert isinstance(right, Arc)
    assert isinstance(left, Arc)
    assert right.center.isclose((10, 1))
    assert right.radius == pytest.approx(1.0)
    assert right.mid_point.isclose((11, 1))  # outward: right of travel for a positive bulge
    assert left.mid_point.isclose((-1, 1))
    assert SLOT.segment(-1) == left
    assert SLOT.segment(-4) == segments[0]


def test_open_segments_and_index_errors() -> None:
    p = Polyline([(0, 0), (1, 0), (1, 1)])
    assert p.segment_count == 2
    assert p.segment(1) == Line((1, 0), (1, 1))
    assert p.segment(-2) == Line((0, 0), (1, 0))
    for bad in (2, 3, -3, 100):
        with pytest.raises(IndexError, match="out of range"):
            p.segment(bad)
    with pytest.raises(IndexError):
        SLOT.segment(4)


def test_zero_length_bulge_segment_is_a_point_line() -> None:
    p = Polyline([(1, 1), (1, 1), (2, 1)], bulges=[0.5, 0.0, 0.0])
    assert p.segment(0) == Line((1, 1), (1, 1))
    assert p.length == pytest.approx(1.0)
    assert p.bbox == BBox(1.0, 1.0, 2.0, 1.0)


@pytest.mark.parametrize("bulge", [1e-12, -1e-15, 1e-17, 1e-200, 5e-324])
def test_negligible_bulge_is_straight(bulge: float) -> None:
    # The arc's centre is ~1/bulge chords away, so its end points recomputed from centre and
    # radius would be garbage; a sagitta below tolerance means a straight segment.
    p = Polyline([(0, 0), (1, 0), (1, 1)], bulges=[bulge, 0.0, 0.0], closed=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        segment = p.segment(0)
        assert segment == Line((0, 0), (1, 0))
        assert p.bbox == BBox(0.0, 0.0, 1.0, 1.0)
        assert p.length == pytest.approx(2 + math.sqrt(2))
        assert p.signed_area == pytest.approx(0.5)


def test_small_bulge_is_still_an_arc() -> None:
    p = Polyline([(0, 0), (1, 0)], bulges=[1e-6, 0.0], closed=False)
    arc = p.segment(0)
    assert isinstance(arc, Arc)
    assert arc.start_point.isclose((0, 0), abs_tol=1e-10)
    assert arc.end_point.isclose((1, 0), abs_tol=1e-10)
    assert p.bbox.min_y == pytest.approx(-5e-7, abs=1e-9)  # sagitta, within tolerance


# -- measures: known values ----------------------------------------------------------------


def test_square_measures() -> None:
    ccw = Polyline(SQUARE, closed=True)
    assert ccw.length == 40.0
    assert ccw.signed_area == 100.0
    assert ccw.area == 100.0
    cw = ccw.reversed()
    assert cw.signed_area == -100.0
    assert cw.area == 100.0
    assert ccw.bbox == BBox(0.0, 0.0, 10.0, 10.0)
    open_square = Polyline(SQUARE)
    assert open_square.length == 30.0
    assert open_square.signed_area == 100.0  # closed by a straight chord for the area


def test_slot_measures() -> None:
    assert SLOT.length == pytest.approx(20 + 2 * math.pi)
    assert SLOT.signed_area == pytest.approx(20 + math.pi)
    assert SLOT.reversed().signed_area == pytest.approx(-(20 + math.pi))
    assert SLOT.bbox == pytest.approx(BBox(-1.0, 0.0, 11.0, 2.0), abs=1e-12)
    assert SLOT.has_arcs
    assert not Polyline(SQUARE).has_arcs
    # Inward bulges cut the half circles out instead.
    notched = Polyline(SLOT.xy, bulges=[0, -1, 0, -1], closed=True)
    assert notched.signed_area == pytest.approx(20 - math.pi)
    assert notched.bbox == pytest.approx(BBox(0.0, 0.0, 10.0, 2.0), abs=1e-12)


def test_circle_from_two_half_circles() -> None:
    circle = Polyline([(-3, 5), (3, 5)], bulges=[1, 1], closed=True)
    assert circle.length == pytest.approx(6 * math.pi)
    assert circle.signed_area == pytest.approx(9 * math.pi)
    assert circle.bbox == pytest.approx(BBox(-3.0, 2.0, 3.0, 8.0), abs=1e-12)


def test_open_polyline_area_ignores_the_last_bulge() -> None:
    p = Polyline([(0, 0), (2, 0), (2, 2)], bulges=[1.0, 0.0, 0.0])
    # Triangle (2) plus the half circle of radius 1 below the first edge.
    assert p.signed_area == pytest.approx(2 + math.pi / 2)


# -- as_polyline and from_segments ---------------------------------------------------------


def test_as_polyline() -> None:
    p = Polyline(SQUARE, bulges=[0.5, 0, 0, 0.25])
    assert as_polyline(p) is p
    assert as_polyline(p, closed=False) is p
    closed = as_polyline(p, closed=True)
    assert closed.closed
    assert closed.x.tolist() == p.x.tolist()
    assert closed.bulges.tolist() == [0.5, 0.0, 0.0, 0.0]  # the open one had no last bulge
    reopened = as_polyline(Polyline(SQUARE, bulges=[0.5, 0, 0, 0.25], closed=True), closed=False)
    assert not reopened.closed
    assert reopened.bulges.tolist() == [0.5, 0.0, 0.0, 0.0]
    from_list = as_polyline(SQUARE)
    assert from_list == Polyline(SQUARE)
    assert not from_list.closed
    assert as_polyline(SQUARE, closed=True) == Polyline(SQUARE, closed=True)
    assert as_polyline(np.array(SQUARE), closed=False) == Polyline(SQUARE)
    with pytest.raises(TooFewVerticesError):
        as_polyline([(0, 0)])


def test_from_segments_lines_and_arcs() -> None:
    quarter = Arc((1, 1), 1.0, -math.pi / 2, math.pi / 2)
    p = Polyline.from_segments([Line((0, 0), (1, 0)), quarter, Line((2, 1), (2, 3))])
    assert len(p) == 4
    assert not p.closed
    assert p.vertices[0] == (0, 0)
    assert p.vertices[1] == (1, 0)
    assert p.vertices[2].isclose((2, 1))
    assert p.vertices[3] == (2, 3)
    assert p.bulges.tolist() == pytest.approx([0.0, math.tan(math.pi / 8), 0.0, 0.0])
    assert p.length == pytest.approx(1 + math.pi / 2 + 2)
    single = Polyline.from_segments([Line((0, 0), (5, 0))])
    assert single == Polyline([(0, 0), (5, 0)])


def test_from_segments_closed() -> None:
    lines = [Line(a, b) for a, b in zip(SQUARE, SQUARE[1:] + SQUARE[:1], strict=True)]
    assert Polyline.from_segments(lines, closed=True) == Polyline(SQUARE, closed=True)
    segments = list(SLOT.segments())
    again = Polyline.from_segments(segments, closed=True)
    assert again.isclose(SLOT)


def test_from_segments_empty() -> None:
    with pytest.raises(TooFewVerticesError, match="at least one segment"):
        Polyline.from_segments([])


def test_isclose() -> None:
    p = Polyline([(1e6, 0), (2e6, 0), (2e6, 1e6)], bulges=[0.5, 0, 0])
    assert p.isclose(Polyline([(1e6 + 1e-4, 0), (2e6, 1e-4), (2e6, 1e6)], bulges=[0.5, 0, 0]))
    assert not p.isclose(Polyline([(1e6 + 1e-1, 0), (2e6, 0), (2e6, 1e6)], bulges=[0.5, 0, 0]))
    assert not p.isclose(Polyline([(1e6, 0), (2e6, 0), (2e6, 1e6)], bulges=[0.5 + 1e-6, 0, 0]))
    assert p.isclose(
        Polyline([(1e6, 0), (2e6, 0), (2e6, 1e6)], bulges=[0.5 + 1e-6, 0, 0]), rel_tol=1e-5
    )
    assert not p.isclose(Polyline([(1e6, 0), (2e6, 0)]))
    assert not p.isclose(
        Polyline([(1e6, 0), (2e6, 0), (2e6, 1e6)], bulges=[0.5, 0, 0], closed=True)
    )


# -- properties ----------------------------------------------------------------------------


@given(data=st.data())
def test_arc_ends_are_the_vertices(geo: Any, scale: float, data: st.DataObject) -> None:
    p = data.draw(geo.polylines(scale), label="polyline")
    vertices = p.vertices
    tol = geo.tol(scale)
    for i, segment in enumerate(p.segments()):
        start, end = vertices[i], vertices[(i + 1) % len(p)]
        if isinstance(segment, Arc):
            assert p.bulges[i] != 0.0
            assert segment.start_point.isclose(start, abs_tol=tol)
            assert segment.end_point.isclose(end, abs_tol=tol)
            assert math.tan(segment.sweep / 4) == pytest.approx(p.bulges[i], rel=1e-12)
            assert segment.isclose(bulge_to_arc(start, end, float(p.bulges[i])))
        else:
            assert p.bulges[i] == 0.0
            assert segment == Line(start, end)


@given(data=st.data())
def test_length_is_sum_of_segment_lengths(geo: Any, scale: float, data: st.DataObject) -> None:
    p = data.draw(geo.polylines(scale), label="polyline")
    lengths = [segment.length for segment in p.segments()]
    assert p.length == pytest.approx(math.fsum(lengths), rel=1e-12)
    assert p.length > 0.0


@given(data=st.data())
def test_signed_area_matches_shapely(geo: Any, scale: float, data: st.DataObject) -> None:
    p = data.draw(geo.star_polygons(scale), label="polygon")
    oracle = shapely.Polygon(p.xy)
    assert oracle.is_valid
    tol = 1e-12 * (geo.EXTENT * scale) ** 2 * len(p)
    assert p.signed_area > 0.0  # counter-clockwise
    assert p.signed_area == pytest.approx(oracle.area, rel=1e-12, abs=tol)
    assert p.area == pytest.approx(oracle.area, rel=1e-12, abs=tol)
    r = p.reversed()
    assert r.signed_area == pytest.approx(-oracle.area, rel=1e-12, abs=tol)
    assert not shapely.Polygon(r.xy).exterior.is_ccw
    assert p.length == pytest.approx(oracle.length, rel=1e-12)


@given(data=st.data())
def test_signed_area_with_arcs_matches_sampling(
    geo: Any, scale: float, data: st.DataObject
) -> None:
    p = data.draw(geo.polylines(scale, closed=True), label="polyline")
    per_arc = 4001
    ring = geo.sample_polyline(p, per_arc)
    # Each sampled arc misses r² * |sweep|³ / (12 (m - 1)²) of its circular segment.
    bound = 0.0
    for b, segment in zip(p.bulges, p.segments(), strict=True):
        if b != 0.0 and isinstance(segment, Arc):
            bound += segment.radius**2 * abs(segment.sweep) ** 3 / (12 * (per_arc - 1) ** 2)
    tol = 2 * bound + 1e-9 * (geo.EXTENT * scale) ** 2
    assert p.signed_area == pytest.approx(geo.shoelace(ring), abs=tol)
    assert p.reversed().signed_area == pytest.approx(-p.signed_area, rel=1e-9, abs=tol)
    # An open polyline has the same area: it is closed by a straight chord.
    opened = as_polyline(p, closed=False)
    last_chord = Polyline(p.xy, np.append(p.bulges[:-1], 0.0), closed=True)
    assert opened.signed_area == pytest.approx(last_chord.signed_area, rel=1e-12, abs=tol)


@given(data=st.data())
def test_reversed_twice_is_identity(geo: Any, scale: float, data: st.DataObject) -> None:
    p = data.draw(geo.polylines(scale), label="polyline")
    r = p.reversed()
    assert r.reversed() == p
    assert r.closed == p.closed
    assert len(r) == len(p)
    assert r.length == pytest.approx(p.length, rel=1e-12)
    if not p.closed:
        assert r.vertices[0] == p.vertices[-1]
        assert r.vertices[-1] == p.vertices[0]
        assert r.bulges[-1] == 0.0
    else:
        assert r.vertices[0] == p.vertices[0]


@given(data=st.data())
def test_reversed_segments_are_reversed(geo: Any, scale: float, data: st.DataObject) -> None:
    p = data.draw(geo.polylines(scale), label="polyline")
    r = p.reversed()
    n = p.segment_count
    tol = geo.tol(scale)
    for k in range(n):
        ours, theirs = r.segment(k), p.segment(n - 1 - k).reversed()
        assert type(ours) is type(theirs)
        assert ours.isclose(theirs, abs_tol=tol)  # type: ignore[arg-type]


@given(data=st.data())
def test_bbox_contains_samples_and_is_tight(geo: Any, scale: float, data: st.DataObject) -> None:
    p = data.draw(geo.polylines(scale), label="polyline")
    per_arc = 4001
    samples = geo.sample_polyline(p, per_arc)
    box = p.bbox
    tol = geo.tol(scale)
    xs, ys = samples[:, 0], samples[:, 1]
    assert np.all(xs >= box.min_x - tol)
    assert np.all(xs <= box.max_x + tol)
    assert np.all(ys >= box.min_y - tol)
    assert np.all(ys <= box.max_y + tol)
    slack = tol
    for segment in p.segments():
        if isinstance(segment, Arc):
            step = abs(segment.sweep) / (per_arc - 1)
            slack = max(slack, segment.radius * (1 - math.cos(step / 2)) + tol)
    assert xs.min() <= box.min_x + slack
    assert xs.max() >= box.max_x - slack
    assert ys.min() <= box.min_y + slack
    assert ys.max() >= box.max_y - slack


@given(data=st.data())
def test_straight_polyline_bbox_is_vertex_box(geo: Any, scale: float, data: st.DataObject) -> None:
    p = data.draw(geo.polylines(scale, arcs=False), label="polyline")
    assert p.bbox == BBox.from_points(p.vertices)
    assert not p.has_arcs


@given(data=st.data())
def test_from_segments_round_trip(geo: Any, scale: float, data: st.DataObject) -> None:
    p = data.draw(geo.polylines(scale), label="polyline")
    again = Polyline.from_segments(list(p.segments()), closed=p.closed)
    assert again.isclose(p, abs_tol=geo.tol(scale))


@given(data=st.data())
def test_equal_polylines_hash_equal(geo: Any, scale: float, data: st.DataObject) -> None:
    p = data.draw(geo.polylines(scale), label="polyline")
    q = Polyline(p.xy * -1.0 * -1.0, p.bulges * 1.0, closed=p.closed)
    assert p == q
    assert hash(p) == hash(q)
    assert pickle.loads(pickle.dumps(p)) == p


def test_from_trusted_wraps_without_copying() -> None:
    x = np.array([0.0, 1.0, 1.0])
    y = np.array([0.0, 0.0, 1.0])
    b = np.array([0.5, 0.0, 0.0])
    for array in (x, y, b):
        array.flags.writeable = False
    p = Polyline._from_trusted(x, y, b, True)
    assert p.x is x
    assert p.y is y
    assert p.bulges is b
    assert p.closed
    assert p == Polyline.from_arrays(x, y, b, closed=True)
    assert hash(p) == hash(Polyline.from_arrays(x, y, b, closed=True))
