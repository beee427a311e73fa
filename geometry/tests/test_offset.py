"""offset_polyline: worked examples, joins, arcs, cleanup, edge cases, bad input, the two
implementations against each other and shapely as an oracle."""

from __future__ import annotations

import decimal
import math

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, MultiLineString, Polygon

from lvcad_geometry import Arc, Line, Polyline, _offset_numpy_segments, _offset_scalar
from lvcad_geometry.errors import NonFiniteError, TooFewVerticesError
from lvcad_geometry.offset import NUMPY_THRESHOLD, offset_polyline, offset_with_path

SQUARE = [(0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (0.0, 100.0)]  # counter-clockwise
PATHS = ("scalar", "numpy")


def sample(polyline: Polyline, per_arc: int = 257) -> np.ndarray:
    """Points along a polyline, arcs sampled densely (ends included)."""
    out = []
    for segment in polyline.segments():
        if isinstance(segment, Line):
            out.append(segment.start)
        else:
            out.extend(segment.point_at(t) for t in np.linspace(0.0, 1.0, per_arc)[:-1])
    last = polyline.vertices[0] if polyline.closed else polyline.vertices[-1]
    out.append(last)
    return np.array(out, dtype=float)


def as_lines(polylines: list[Polyline]) -> MultiLineString:
    return MultiLineString([LineString(sample(p)) for p in polylines])


def same(a: list[Polyline], b: list[Polyline], tol: float) -> bool:
    return len(a) == len(b) and all(
        p.closed == q.closed
        and len(p) == len(q)
        and np.allclose(p.x, q.x, rtol=0, atol=tol)
        and np.allclose(p.y, q.y, rtol=0, atol=tol)
        and np.allclose(p.bulges, q.bulges, rtol=0, atol=1e-9)
        for p, q in zip(a, b, strict=True)
    )


# -- worked examples ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHS)
def test_square_inward_and_outward(path: str) -> None:
    [inner] = offset_with_path(SQUARE, 10.0, closed=True, path=path)
    assert inner.closed
    assert inner.vertices == ((10, 10), (90, 10), (90, 90), (10, 90))
    [outer] = offset_with_path(SQUARE, -10.0, closed=True, path=path)
    assert outer.vertices == ((-10, -10), (110, -10), (110, 110), (-10, 110))
    assert outer.area == pytest.approx(120.0 * 120.0)


def test_plain_points_just_work() -> None:
    [path] = offset_polyline([(0, 0), (100, 0), (100, 100), (0, 100)], 10.0)
    assert not path.closed
    assert path.vertices == ((0, 10), (90, 10), (90, 90), (0, 90))


@pytest.mark.parametrize("path", PATHS)
def test_positive_distance_is_left_of_travel(path: str) -> None:
    [left] = offset_with_path([(0, 0), (10, 0)], 2.0, path=path)
    assert left.vertices == ((0, 2), (10, 2))
    [right] = offset_with_path([(0, 0), (10, 0)], -2.0, path=path)
    assert right.vertices == ((0, -2), (10, -2))
    # Clockwise closed: a positive distance grows it.
    [grown] = offset_with_path(SQUARE[::-1], 10.0, closed=True, path=path)
    assert grown.area == pytest.approx(120.0 * 120.0)


def test_accepts_polyline_tuples_and_arrays() -> None:
    expected = offset_polyline(SQUARE, 5.0, closed=True)
    assert offset_polyline(np.array(SQUARE), 5.0, closed=True) == expected
    assert offset_polyline(Polyline(SQUARE, closed=True), 5.0) == expected
    assert offset_polyline([list(p) for p in SQUARE], 5.0, closed=True) == expected
    # closed=None keeps the polyline's flag; an explicit flag overrides it.
    assert offset_polyline(Polyline(SQUARE), 5.0, closed=True) == expected
    assert not offset_polyline(Polyline(SQUARE, closed=True), 5.0, closed=False)[0].closed


# -- joins -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHS)
def test_miter_within_limit_meets_at_the_tip(path: str) -> None:
    # A right-angle right turn, offset left (outside): the tip is at (10 + d, -d) from the corner.
    [out] = offset_with_path([(0, 0), (10, 0), (10, -10)], 1.0, path=path)
    assert out.vertices == ((0, 1), (11, 1), (11, -10))


@pytest.mark.parametrize("path", PATHS)
def test_miter_beyond_limit_is_clipped_at_the_limit(path: str) -> None:
    # A sharp spike: the miter would reach far beyond 4 * d; it is cut square to the bisector
    # at miter_limit * d from the corner (as shapely/GEOS do).
    d, limit = 1.0, 4.0
    [out] = offset_with_path([(0, 0), (10, 0), (0, 1)], -d, miter_limit=limit, path=path)
    corner = np.array([10.0, 0.0])
    t_in = np.array([1.0, 0.0])
    t_out = np.array([-10.0, 1.0]) / math.hypot(10.0, 1.0)
    bisector = (t_in - t_out) / np.hypot(*(t_in - t_out))  # from the corner to the tip
    pts = np.column_stack((out.x, out.y))
    tips = pts[pts[:, 0] > corner[0]]
    assert len(tips) == 2
    assert np.dot(tips - corner, bisector) == pytest.approx([limit * d] * 2)


@pytest.mark.parametrize("path", PATHS)
def test_round_join_is_an_arc_about_the_corner(path: str) -> None:
    [out] = offset_with_path([(0, 0), (10, 0), (10, -10)], 2.0, join="round", path=path)
    joins = [s for s in out.segments() if isinstance(s, Arc)]
    assert len(joins) == 1
    arc = joins[0]
    assert arc.center.isclose((10, 0))
    assert arc.radius == pytest.approx(2.0)
    assert arc.sweep == pytest.approx(-math.pi / 2)


@pytest.mark.parametrize("path", PATHS)
def test_bevel_join_is_straight(path: str) -> None:
    [out] = offset_with_path([(0, 0), (10, 0), (10, -10)], 2.0, join="bevel", path=path)
    assert out.vertices == ((0, 2), (10, 2), (12, 0), (12, -10))
    assert not out.has_arcs


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("join", ["miter", "round", "bevel"])
def test_concave_corners_are_trimmed_whatever_the_join(path: str, join: str) -> None:
    [out] = offset_with_path([(0, 0), (10, 0), (10, 10)], 2.0, join=join, path=path)
    assert out.vertices == ((0, 2), (8, 2), (8, 10))


# -- arcs ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("d", "radius"), [(1.0, 4.0), (-1.0, 6.0)])
def test_arc_keeps_its_centre_and_changes_radius(path: str, d: float, radius: float) -> None:
    # A counter-clockwise half circle of radius 5 about (5, 0): left offsets go inwards.
    [out] = offset_with_path(Polyline([(0, 0), (10, 0)], bulges=[-1, 0]).reversed(), d, path=path)
    [arc] = list(out.segments())
    assert isinstance(arc, Arc)
    assert arc.center.isclose((5, 0))
    assert arc.radius == pytest.approx(radius)


@pytest.mark.parametrize("path", PATHS)
def test_full_circle_of_two_bulges(path: str) -> None:
    circle = Polyline([(-5, 0), (5, 0)], bulges=[1, 1], closed=True)  # counter-clockwise
    for d, radius in ((2.0, 3.0), (-2.0, 7.0)):
        [out] = offset_with_path(circle, d, path=path)
        assert out.closed
        assert out.area == pytest.approx(math.pi * radius**2)
    assert offset_with_path(circle, 5.0, path=path) == []  # collapses to its centre
    assert offset_with_path(circle, 7.0, path=path) == []


@pytest.mark.parametrize("path", PATHS)
def test_inward_arc_collapses_and_neighbours_meet(path: str) -> None:
    # A 10 x 10 square with rounded corners of radius 1, offset inwards by 3: the corner arcs
    # collapse and the straight offsets meet at sharp corners.
    r = 1.0
    b = math.tan(math.pi / 8)
    rounded = Polyline(
        [(r, 0), (10 - r, 0), (10, r), (10, 10 - r), (10 - r, 10), (r, 10), (0, 10 - r), (0, r)],
        bulges=[0, b, 0, b, 0, b, 0, b],
        closed=True,
    )
    [out] = offset_with_path(rounded, 3.0, path=path)
    assert not out.has_arcs
    assert out.area == pytest.approx(16.0)
    assert sorted(out.vertices) == sorted([(3, 3), (7, 3), (7, 7), (3, 7)])


@pytest.mark.parametrize("path", PATHS)
def test_arc_corner_joins(geo, path: str) -> None:
    # Straight into an arc and out again, all three joins, convex and concave.
    slot = Polyline([(0, 0), (10, 0), (10, 4), (0, 4)], bulges=[0, 0.6, 0, 0.6], closed=True)
    for join in ("miter", "round", "bevel"):
        for d in (0.5, -0.5, -3.0):
            [out] = offset_with_path(slot, d, join=join, path=path)
            if join != "bevel":
                assert geo.distances(sample(out), slot).min() >= abs(d) - 1e-9


# -- cleanup ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHS)
def test_narrow_u_collapses(path: str) -> None:
    u = [(0, 0), (10, 0), (10, 1), (0, 1)]
    assert offset_with_path(u, 2.0, path=path) == []
    assert offset_with_path(u, 0.25, path=path) != []


@pytest.mark.parametrize("path", PATHS)
def test_end_circle_cuts_an_open_offset(path: str) -> None:
    # The offset of the first segment runs into the circle of radius d around the last vertex.
    [out] = offset_with_path([(0, 0), (10, 0), (10, 3), (5, 3)], 2.0, path=path)
    assert out.vertices[0] == (0, 2)
    assert out.vertices[-1].isclose((5 - math.sqrt(3), 2))


@pytest.mark.parametrize("path", PATHS)
def test_local_loop_is_removed(path: str) -> None:
    # A tiny notch the offset cannot follow: the loop it makes is cut out.
    notch = [(0, 0), (10, 0), (10, -0.5), (10.5, -0.5), (10.5, 0), (20, 0)]
    [out] = offset_with_path(notch, 2.0, path=path)
    assert out.vertices[0] == (0, 2)
    assert out.vertices[-1] == (20, 2)
    assert set(out.y) == {2.0}
    assert np.all(np.diff(out.x) > 0)
    raw = offset_with_path(notch, 2.0, cleanup=False, path=path)
    assert len(raw[0]) > 2


@pytest.mark.parametrize("path", PATHS)
def test_collapsing_closed_shape_gives_nothing(path: str) -> None:
    assert offset_with_path(SQUARE, 50.0 + 1e-6, closed=True, path=path) == []
    assert offset_with_path(SQUARE, 49.0, closed=True, path=path)[0].area == pytest.approx(4.0)


@pytest.mark.parametrize("path", PATHS)
def test_dumbbell_splits_into_two(path: str) -> None:
    dumbbell = [
        (0, 0),
        (10, 0),
        (10, 4),
        (12, 4),
        (12, 0),
        (22, 0),
        (22, 10),
        (12, 10),
        (12, 6),
        (10, 6),
        (10, 10),
        (0, 10),
    ]
    parts = offset_with_path(dumbbell, 1.5, closed=True, path=path)
    assert len(parts) == 2
    assert all(p.closed for p in parts)
    assert sorted(p.area for p in parts) == pytest.approx([49.0, 49.0])


@pytest.mark.parametrize("path", PATHS)
def test_self_crossing_source(geo, path: str) -> None:
    figure = [(0, 0), (10, 10), (10, 0), (0, 10)]
    out = offset_with_path(figure, 1.0, join="round", path=path)
    assert out
    dist = geo.distances(np.vstack([sample(p) for p in out]), Polyline(figure))
    assert dist.min() >= 1.0 - 1e-9


# -- edge cases ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHS)
def test_collinear_vertices_stay(path: str) -> None:
    [out] = offset_with_path([(0, 0), (5, 0), (10, 0)], 1.0, path=path)
    assert out.vertices == ((0, 1), (5, 1), (10, 1))


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("join", ["miter", "round", "bevel"])
def test_spike_reversal(path: str, join: str) -> None:
    [out] = offset_with_path([(0, 0), (10, 0), (0, 0)], 1.0, join=join, path=path)
    pts = sample(out)
    assert np.abs(pts[:, 1]).max() <= 1.0 + 1e-12
    assert pts[:, 0].max() == pytest.approx({"miter": 14.0, "round": 11.0, "bevel": 10.0}[join])


@pytest.mark.parametrize("path", PATHS)
def test_duplicate_vertices_are_merged(path: str) -> None:
    out = offset_with_path([(0, 0), (0, 0), (10, 0), (10, 0), (10, 0), (10, 10)], 1.0, path=path)
    assert out[0].vertices == ((0, 1), (9, 1), (9, 10))
    # Closing vertex repeated: the same as without it.
    closed = offset_with_path([*SQUARE, SQUARE[0]], 10.0, closed=True, path=path)
    assert closed == offset_with_path(SQUARE, 10.0, closed=True, path=path)


@pytest.mark.parametrize("path", PATHS)
def test_two_vertex_line(path: str) -> None:
    [out] = offset_with_path([(1, 1), (4, 5)], 5.0, path=path)
    assert out.vertices[0].isclose((-3, 4))
    assert out.vertices[1].isclose((0, 8))


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("scale", [1e-3, 1.0, 1e6])
def test_same_result_at_any_scale(path: str, scale: float) -> None:
    base = offset_with_path(SQUARE, 10.0, closed=True, join="round", path=path)
    shifted = [(x * scale + 3 * scale, y * scale - 7 * scale) for x, y in SQUARE]
    [out] = offset_with_path(shifted, 10.0 * scale, closed=True, join="round", path=path)
    assert len(out) == len(base[0])
    assert out.area == pytest.approx(base[0].area * scale * scale, rel=1e-9)


def test_tiny_and_huge_coordinates() -> None:
    for scale in (1e-9, 1e12):
        [out] = offset_polyline([(0, 0), (scale, 0), (scale, scale)], 0.1 * scale)
        assert out.vertices[1].isclose((0.9 * scale, 0.1 * scale))


def test_zero_distance_returns_the_input() -> None:
    polyline = Polyline(SQUARE, closed=True)
    assert offset_polyline(polyline, 0.0)[0] is polyline
    assert offset_polyline(SQUARE, 0.0) == [Polyline(SQUARE)]
    assert offset_polyline([(0, 0), (0, 0), (1, 1)], 0.0) == [Polyline([(0, 0), (1, 1)])]
    big = np.column_stack((np.arange(500.0), np.zeros(500)))
    assert offset_polyline(big, 0.0)[0] == Polyline(big)
    big_polyline = Polyline(big)
    assert offset_polyline(big_polyline, 0.0)[0] is big_polyline


def test_without_cleanup_the_raw_curve_comes_back(geo) -> None:
    [raw] = offset_polyline(SQUARE, 60.0, closed=True, cleanup=False)
    assert raw.closed  # the offsets run past each other: bridged by connectors, not cleaned
    assert geo.distances(sample(raw), Polyline(SQUARE, closed=True)).min() < 60.0


# -- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [3, 300])
def test_bad_input(size: int) -> None:
    pts = [(float(i), float(i % 2)) for i in range(size)]
    with pytest.raises(NonFiniteError):
        offset_polyline([*pts[:-1], (math.nan, 0.0)], 1.0)
    with pytest.raises(NonFiniteError):
        offset_polyline(np.array([*pts[:-1], (0.0, math.inf)]), 1.0)
    with pytest.raises(NonFiniteError):
        offset_polyline(pts, math.nan)
    with pytest.raises(NonFiniteError):
        offset_polyline(pts, 1.0, miter_limit=math.inf)
    with pytest.raises(ValueError, match="join"):
        offset_polyline(pts, 1.0, join="square")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="miter_limit"):
        offset_polyline(pts, 1.0, miter_limit=0.0)
    with pytest.raises(TooFewVerticesError):
        offset_polyline([(1.0, 2.0)] * size, 1.0)
    with pytest.raises(TooFewVerticesError):
        offset_polyline([], 1.0)
    with pytest.raises(TooFewVerticesError):
        offset_polyline(np.zeros((0, 2)), 1.0)
    with pytest.raises(ValueError, match="pairs"):
        offset_polyline([(1, 2, 3), (4, 5, 6)], 1.0)
    with pytest.raises(ValueError, match=r"pairs, got \(4, 5, 6\)"):
        offset_polyline([(1, 2), (4, 5, 6)], 1.0)  # the bad point is named
    with pytest.raises(ValueError, match="pairs, got 7"):
        offset_polyline([(1, 2), 7], 1.0)
    with pytest.raises(ValueError, match="could not convert"):
        offset_polyline([(1, 2), ("east", 5)], 1.0)  # float()'s own error
    with pytest.raises(ValueError, match="pairs"):
        offset_polyline(np.zeros((3, 3)), 1.0)


def test_points_from_an_iterator() -> None:
    assert offset_polyline(iter(SQUARE), 10.0) == offset_polyline(SQUARE, 10.0)


def test_single_point_is_too_few() -> None:
    with pytest.raises(TooFewVerticesError):
        offset_polyline([(0, 0)], 1.0)
    with pytest.raises(TooFewVerticesError):
        offset_with_path(np.array([(0.0, 0.0)]), 1.0, path="numpy")


# -- the two implementations -----------------------------------------------------------------


def test_auto_path_switches_at_the_threshold() -> None:
    t = np.linspace(0, 1, NUMPY_THRESHOLD)
    pts = np.column_stack((t * 100, np.sin(t * 20)))
    for n in (NUMPY_THRESHOLD - 1, NUMPY_THRESHOLD):
        auto = offset_polyline(pts[:n], 0.5)
        assert same(auto, offset_with_path(pts[:n], 0.5, path="scalar"), 1e-9)
        assert same(auto, offset_with_path(pts[:n], 0.5, path="numpy"), 1e-9)


def _random_case(rng: np.random.Generator) -> tuple[Polyline, float, str]:
    n = int(rng.integers(2, 40))
    kind = rng.integers(0, 4)
    if kind == 0:
        pts = np.cumsum(rng.normal(size=(n, 2)), axis=0)
    elif kind == 1:
        pts = rng.uniform(-5, 5, size=(n, 2))
    elif kind == 2:
        a = np.cumsum(rng.normal(0, 0.3, n))
        pts = np.cumsum(np.column_stack((np.cos(a), np.sin(a))), axis=0)
    else:
        t = np.linspace(0, 2 * np.pi, n, endpoint=False)
        rad = 3 + rng.uniform(0, 1, n)
        pts = np.column_stack((np.cos(t) * rad, np.sin(t) * rad))
    closed = bool(rng.integers(0, 2)) and n >= 3
    bulges = rng.choice([0.0, 0.0, 0.3, -0.5, 1.0], size=n) if rng.integers(0, 3) == 0 else None
    d = float(rng.choice([-1, 1]) * rng.uniform(0.05, 2.0))
    join = str(rng.choice(["miter", "round", "bevel"]))
    return Polyline(pts, bulges=bulges, closed=closed), d, join


@pytest.mark.parametrize("seed", range(8))
def test_scalar_and_numpy_paths_agree(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(60):
        polyline, d, join = _random_case(rng)
        for cleanup in (True, False):
            scalar = offset_with_path(polyline, d, join=join, cleanup=cleanup, path="scalar")
            vector = offset_with_path(polyline, d, join=join, cleanup=cleanup, path="numpy")
            assert same(scalar, vector, 1e-9), (polyline, d, join, cleanup)


def test_paths_agree_on_large_inputs() -> None:
    rng = np.random.default_rng(42)
    walk = np.cumsum(rng.normal(size=(600, 2)), axis=0)
    t = np.linspace(0, 1, 600)
    spiral = np.column_stack(((1 + 9 * t) * np.cos(t * 25), (1 + 9 * t) * np.sin(t * 25)))
    for pts, closed in ((walk, False), (spiral, False), (spiral, True)):
        for join in ("miter", "round"):
            a = offset_with_path(pts, 0.3, join=join, closed=closed, path="scalar")
            b = offset_with_path(pts, 0.3, join=join, closed=closed, path="numpy")
            assert same(a, b, 1e-9)


@pytest.mark.parametrize("closed", [False, True])
def test_short_segment_between_concave_miters_leaves_the_one_pass_path(closed: bool) -> None:
    """Two 60-degree turns 0.2 apart, offset 1 inwards: each miter moves an end of the short
    segment by tan(30) ~ 0.58, so its offset would run backwards. The numpy path's one-pass
    offset must see that (its turn bound does not hold here) and hand over to the general
    path, which agrees with the scalar one; on a smooth curve the bound holds."""
    from lvcad_geometry import _offset_numpy

    turn = math.radians(60.0)
    corner = (10.0 + 0.2 * math.cos(turn), 0.2 * math.sin(turn))
    far = (corner[0] + 10.0 * math.cos(2 * turn), corner[1] + 10.0 * math.sin(2 * turn))
    pts = np.array([(0.0, 0.0), (10.0, 0.0), corner, far])
    x, y = pts[:, 0].copy(), pts[:, 1].copy()
    limit_cos = 2.0 / 16.0 - 1.0
    assert _offset_numpy._simple_lines(x, y, closed, 1.0, limit_cos, 1e-9, 1e-9) is None
    scalar = offset_with_path(pts, 1.0, closed=closed, path="scalar")
    assert same(scalar, offset_with_path(pts, 1.0, closed=closed, path="numpy"), 1e-9)
    t = np.linspace(0.0, 2.0 * math.pi, 500, endpoint=False)
    smooth = (5.0 * np.cos(t), 4.0 * np.sin(t))  # an ellipse: every turn ~0.7 degrees
    assert _offset_numpy._simple_lines(*smooth, closed, 1.0, limit_cos, 1e-9, 1e-9) is not None


# -- oracles ---------------------------------------------------------------------------------


def _oracle_gap(
    ours: list[Polyline], theirs: shapely.Geometry, raw: list[Polyline], spacing: float
) -> tuple[float, float]:
    """Directed Hausdorff distances ours -> shapely and shapely -> ours, the latter only over
    shapely's points that lie on our raw offset curve (GEOS also emits bits of its round end
    caps that are not on any offset curve)."""
    mine = shapely.segmentize(as_lines(ours), spacing) if ours else MultiLineString()
    theirs = shapely.segmentize(theirs, spacing)
    a = shapely.get_coordinates(mine)
    b = shapely.get_coordinates(theirs)
    to_theirs = float(shapely.distance(theirs, shapely.points(a)).max()) if len(a) else 0.0
    raw_lines = as_lines(raw)
    on_raw = shapely.distance(raw_lines, shapely.points(b)) <= 1e-6 * spacing
    to_mine = (
        float(shapely.distance(mine, shapely.points(b[on_raw])).max()) if on_raw.any() else 0.0
    )
    return to_theirs, to_mine


@pytest.mark.parametrize("seed", range(6))
def test_round_joins_match_shapely(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    for _ in range(20):
        n = int(rng.integers(2, 30))
        pts = np.cumsum(rng.normal(size=(n, 2)), axis=0)
        d = float(rng.choice([-1, 1]) * rng.uniform(0.1, 1.5))
        ours = offset_polyline(pts, d, join="round")
        raw = offset_polyline(pts, d, join="round", cleanup=False)
        theirs = LineString(pts).offset_curve(d, join_style="round", quad_segs=256)
        # shapely approximates arcs by chords: error d * (1 - cos(pi / 1024)) ~ 5e-6 d.
        to_theirs, to_mine = _oracle_gap(ours, theirs, raw, abs(d) / 20)
        assert to_theirs <= 1e-4 * abs(d)
        assert to_mine <= 2e-3 * abs(d)  # sliver pieces at tangencies may differ


@pytest.mark.parametrize("seed", range(4))
def test_miter_joins_match_shapely_outside_its_mitre_buffer(seed: int) -> None:
    # GEOS keeps the parts of the raw curve outside its mitred buffer; a CAD offset keeps the
    # parts at least |d| from the source. They differ only inside other corners' miter
    # wedges, where the raw curve is |d| away from the source but inside the mitred buffer.
    rng = np.random.default_rng(200 + seed)
    for _ in range(15):
        n = int(rng.integers(2, 25))
        pts = np.cumsum(rng.normal(size=(n, 2)), axis=0)
        d = float(rng.choice([-1, 1]) * rng.uniform(0.1, 1.5))
        ours = offset_polyline(pts, d)
        raw = offset_polyline(pts, d, cleanup=False)
        theirs = LineString(pts).offset_curve(d, join_style="mitre", mitre_limit=4.0, quad_segs=256)
        buffer = LineString(pts).buffer(abs(d), join_style="mitre", mitre_limit=4.0, quad_segs=256)
        inner = buffer.buffer(-1e-6 * abs(d), join_style="mitre")
        mine = shapely.segmentize(as_lines(ours), abs(d) / 20) if ours else MultiLineString()
        a = shapely.get_coordinates(mine)
        outside = ~shapely.contains(inner, shapely.points(a)) if len(a) else np.zeros(0, bool)
        if outside.any():
            assert shapely.distance(theirs, shapely.points(a[outside])).max() <= 1e-6 * abs(d)
        _, to_mine = _oracle_gap(ours, theirs, raw, abs(d) / 20)
        assert to_mine <= 2e-3 * abs(d)


@pytest.mark.parametrize("seed", range(4))
def test_closed_shapes_match_polygon_buffer(seed: int) -> None:
    rng = np.random.default_rng(300 + seed)
    for _ in range(10):
        n = int(rng.integers(3, 14))
        angles = np.sort(rng.uniform(0, 2 * np.pi, n))
        radii = rng.uniform(2, 6, n)
        pts = np.column_stack((radii * np.cos(angles), radii * np.sin(angles)))
        if Polygon(pts).area == 0 or not Polygon(pts).is_valid:
            continue
        d = float(rng.uniform(0.1, 1.5))
        ours = offset_polyline(pts, d, closed=True)  # counter-clockwise: inwards
        theirs = Polygon(pts).buffer(-d, join_style="mitre", mitre_limit=4.0).boundary
        if theirs.is_empty:
            assert ours == []
            continue
        assert all(p.closed for p in ours)
        mine = shapely.segmentize(as_lines(ours), d / 20)
        assert shapely.hausdorff_distance(mine, theirs, densify=0.05) <= 1e-6 * 10


def test_polygon_buffer_outwards_with_round_joins(geo) -> None:
    pts = [(0, 0), (4, 0), (4, 1), (1, 1), (1, 3), (0, 3)]
    [ours] = offset_polyline(pts, -0.5, closed=True, join="round")
    theirs = Polygon(pts).buffer(0.5, join_style="round", quad_segs=256).boundary
    assert shapely.hausdorff_distance(as_lines([ours]), theirs, densify=0.01) <= 1e-4
    assert geo.distances(sample(ours), Polyline(pts, closed=True)).min() == pytest.approx(0.5)


# -- degenerate corners and the internals' guards --------------------------------------------


@pytest.mark.parametrize("path", PATHS)
def test_miter_limit_below_one_gives_a_bevel(path: str) -> None:
    # A right angle's bevel is 0.71 d from the corner: a limit of 0.5 d leaves just the bevel.
    corner = [(0, 0), (10, 0), (10, -10)]
    [out] = offset_with_path(corner, 1.0, miter_limit=0.5, path=path)
    [bevel] = offset_with_path(corner, 1.0, join="bevel", path=path)
    assert out == bevel


@pytest.mark.parametrize("path", PATHS)
def test_near_reversal_on_the_inside(geo, path: str) -> None:
    pts = [(0, 0), (10, 0), (0, 1e-9), (0, 5)]
    for d in (1.0, -1.0):
        out = offset_with_path(pts, d, path=path)
        for p in out:
            assert geo.distances(sample(p), Polyline(pts)).min() >= 1.0 - 1e-9


@pytest.mark.parametrize("path", PATHS)
def test_near_reversal_ends_a_monotone_chain(geo, path: str) -> None:
    # Found by the thorough hypothesis profile: every direction here lies in the half-plane
    # y <= 0 (down, right 1e-10 down, left, down), so the numpy cleanup took the whole curve
    # for a monotone chain and skipped every test; but it turns back at (1, 0), and the
    # offset of the way back runs along the first segment. A turn of 90 degrees or more now
    # ends a chain on the numpy path; the scalar path was right.
    pts = [(0.0, 1.0), (0.0, 1e-10), (1.0, 0.0), (0.0, 0.0), (0.0, -1.0)]
    out = offset_with_path(pts, -1.0, join="round", path=path)
    assert same(out, offset_with_path(pts, -1.0, join="round", path="scalar"), 1e-9)
    for p in out:
        assert geo.distances(sample(p), Polyline(pts)).min() >= 1.0 - 1e-9


@pytest.mark.parametrize("path", PATHS)
def test_round_join_on_an_end_circle_is_cut_beside_that_segment(geo, path: str) -> None:
    # Found by the thorough hypothesis profile. The round join at the reversal at vertex 1
    # lies on the circle of radius |d| about vertex 3 (the same point), where the last
    # segment starts: it crosses no capsule boundary (it touches the capsule's sides), yet
    # the part of it beside that segment is closer than |d| to it. It is cut where it
    # passes the perpendicular to the segment through vertex 3.
    pts = [(0.0, 0.0), (2e4, 0.0), (0.0, 0.0), (2e4, 0.0), (0.0, -1e6)]
    d = -1e6
    [out] = offset_with_path(pts, d, join="round", path=path)
    assert geo.distances(sample(out), Polyline(pts)).min() >= abs(d) * (1.0 - 1e-9)
    # The join starts at that perpendicular: |d| left of vertex 3, across the last segment.
    ux, uy = np.array([-2e4, -1e6]) / math.hypot(2e4, 1e6)
    assert out.vertices[0].isclose((2e4 - abs(d) * uy, abs(d) * ux), abs_tol=1e-6)


def test_paths_agree_where_a_flat_bulge_nearly_touches_an_end_circle() -> None:
    # Found by the thorough hypothesis profile at scale 1e6: the offset of a 0.001 bulge
    # (radius ~3e9) is tangent to the circle of radius |d| about its end vertex. With
    # r^2 - a^2 taken as a difference of squares near 1e19 the rounding (~1e3) made up two
    # crossings some 20 units either side of the touching point, different on each path.
    pts = [(-1.5e6, 0.0), (8e6, -9.5e6), (0.0, 0.0), (2e4, 0.0)]
    polyline = Polyline(pts, [1e-3, 1e-3, 0.0, 0.0])
    scalar = offset_with_path(polyline, 5e4, path="scalar")
    vector = offset_with_path(polyline, 5e4, path="numpy")
    assert same(scalar, vector, 1e-9 * 1e7 * 100)  # the property test's tolerance


#: Found by the thorough hypothesis profile at scale 1: open polylines that run back and forth
#: over themselves (180-degree reversals, so miter kites on top of each other).
_OVERLAID_REVERSALS = [
    ([(0, 0), (0.02, 0), (0, 0), (0, 1), (0, 0), (0, 1)], [0.0] * 6, 1.0),
    ([(0, 0), (0.02, 0), (0, 0), (0, 1), (0, 0), (0, 1)], [0.0] * 6, -1.0),
    ([(0, 0), (0.02, 0), (0, 0), (0, -1), (0, 0), (1, -1), (0, 0)], [0.0] * 7, -1.0),
    ([(0, 0), (0.02, 0), (0, 0), (0.02, 0), (1, 0), (0, 0)], [0.0] * 6, -1.0),
    # A zero-length raw segment with a dead span (was a ZeroDivisionError on the scalar
    # path), and a segment at 2e-308 from parallel (overflowed on the numpy path).
    (
        [*[(0, 0), (0.02, 0)] * 3, (0, 0), (0, 1), (0.02, 1), *[(0, 0), (0.02, 0)] * 2],
        [0.0] * 7 + [-0.5] + [0.0] * 5,
        -1.0,
    ),
    (
        [*[(0, 0), (0.02, 0)] * 5, (3.0, 2.2250738585072014e-308), (0, 0)],
        [0.0] * 10 + [-0.5, 0.0],
        -1.0,
    ),
]


@pytest.mark.parametrize(("pts", "bulges", "d"), _OVERLAID_REVERSALS)
def test_paths_agree_on_overlaid_reversals(geo, pts: list, bulges: list, d: float) -> None:
    # A kite's dead span ends exactly the tolerance from the end of a raw segment lying on
    # another kite's edge: whether it was cut there depended on rounding, differently on
    # each path (an extra piece, or a chain split in two).
    polyline = Polyline(pts, bulges)
    scalar = offset_with_path(polyline, d, path="scalar")
    vector = offset_with_path(polyline, d, path="numpy")
    assert same(scalar, vector, 1e-9)
    for p in scalar:
        assert geo.distances(sample(p), polyline).min() >= abs(d) - 1e-9


@pytest.mark.parametrize("join", ["miter", "round"])
@pytest.mark.parametrize("path", ["scalar", "numpy"])
def test_a_reversal_bending_in_over_a_long_segment_is_concave(geo, join: str, path: str) -> None:
    # Found by the thorough hypothesis profile at scale 1e6. At (0, 6e6) the source turns
    # back 1.7e-7 rad short of 180 degrees, towards the offset side: the offset ends there
    # meet within the tolerance, but over 6e6 the closing segment comes 1 closer to the
    # vertical's offset. Taken as a straight reversal, that offset kept its neighbour on
    # trust and came 0.99 closer than |d| to the source; now the corner is concave.
    polyline = Polyline([(1, 0), (20001, 0), (0, 0), (0, -9e6), (0, 6e6)], closed=True)
    d = -50781.25
    result = offset_with_path(polyline, d, join=join, path=path)
    assert result
    for p in result:
        assert geo.distances(sample(p), polyline).min() >= abs(d) - 1e-9 * 9.2e6


@pytest.mark.parametrize("d", [3e6, -3e6])
def test_paths_agree_on_reversals_a_hair_off_straight_at_scale_1e6(d: float) -> None:
    # Found by the thorough hypothesis profile at scale 1e6. The reversal at (9e6, 0) turns
    # by a hair less than 180 degrees, below the tolerance: a straight reversal, with miter
    # kites on both sides. The numpy path gave it one side twice (a piece too many), and it
    # rounded a merged dead span's end below 1 - slack where the scalar path had it at 1 -
    # slack (the segment whole dead there, a chain joined across it on the numpy path).
    pts = [(0, 0), (2e4, 0), (7e6, 0), (0, 0), (9e6, 0), (0, 0.0087)]
    scalar = offset_with_path(pts, d, path="scalar")
    vector = offset_with_path(pts, d, path="numpy")
    assert len(scalar) == (2 if d > 0 else 4)
    assert same(scalar, vector, 1e-9 * 9e6 * 100)  # the property test's tolerance


def test_round_joins_at_reversals_a_hair_apart_agree(geo) -> None:
    # Found by the thorough hypothesis profile at scale 1e6: round joins at reversals
    # 8.5e-161 apart are circles a hair apart; dividing by their distance squared overflowed
    # (a RuntimeWarning, an error under the test settings).
    tiny = 8.469005877472911e-161
    pts = [(0.0, 0.0), (2e4, 0.0), (0.0, tiny), (2e4, tiny), *[(0.0, 0.0), (2e4, 0.0)] * 3]
    polyline = Polyline([*pts, (0.0, 0.0), (0.0, 1e6), (0.0, 0.0), (2e4, 0.0)])
    scalar = offset_with_path(polyline, -187500.0, join="round", path="scalar")
    vector = offset_with_path(polyline, -187500.0, join="round", path="numpy")
    assert same(scalar, vector, 1e-9 * 1e6)
    for p in scalar:
        assert geo.distances(sample(p), polyline).min() >= 187500.0 * (1.0 - 1e-9)


def _exact_meetings(
    ax: float, ay: float, ra: float, bx: float, by: float, rb: float
) -> list[tuple[float, float]]:
    """Where two circles meet, in 50-digit decimal arithmetic."""
    with decimal.localcontext(prec=50):
        ax_, ay_, ra_, bx_, by_, rb_ = map(decimal.Decimal, (ax, ay, ra, bx, by, rb))
        dx, dy = bx_ - ax_, by_ - ay_
        dist = (dx * dx + dy * dy).sqrt()
        a = (dist * dist + ra_ * ra_ - rb_ * rb_) / (2 * dist)
        h = (ra_ * ra_ - a * a).sqrt()
        px, py = ax_ + a * dx / dist, ay_ + a * dy / dist
        return [
            (float(px - h * dy / dist), float(py + h * dx / dist)),
            (float(px + h * dy / dist), float(py - h * dx / dist)),
        ]


@pytest.mark.parametrize("path", PATHS)
def test_a_huge_circle_nearly_touching_a_small_one_meets_it_precisely(path: str) -> None:
    # A circle of radius 3e9 (a flat bulge's) and one of radius 5e4 whose rim pokes 0.5 out
    # of it: they meet about 224 units either side of the nearly touching point.
    big, small = 3.1e9, 5e4
    args = (0.0, 0.0, big, 0.6, big - small + 0.5, small)
    expected = _exact_meetings(*args)
    if path == "scalar":
        got = _offset_scalar.circle_circle(*args)
        chord = _offset_scalar.line_circle(-1e7, big - 0.5, 1.0, 0.0, 0.0, 0.0, big)
    else:
        q1x, q1y, q2x, q2y, ok = _offset_numpy_segments.circle_circle(
            *(np.array([v]) for v in args), 0.0
        )
        assert ok.all()
        got = [(q1x[0], q1y[0]), (q2x[0], q2y[0])]
        p1x, p1y, p2x, p2y, ok = _offset_numpy_segments.line_circle(
            *(np.array([v]) for v in (-1e7, big - 0.5, 1.0, 0.0, 0.0, 0.0, big)), 0.0
        )
        assert ok.all()
        chord = [(p1x[0], p1y[0]), (p2x[0], p2y[0])]
    # Within a few units in the last place of the 3e9 coordinates (old formulas: ~20 units).
    assert np.allclose(got, expected, rtol=0.0, atol=1e-5)
    # A line 0.5 inside the huge circle's top: the chord is 2 sqrt(2 big 0.5 - 0.25) long.
    half = math.sqrt(2.0 * big * 0.5 - 0.25)
    assert np.allclose(chord, [(-half, big - 0.5), (half, big - 0.5)], rtol=0.0, atol=1e-5)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    ("pts", "closed"),
    [
        ([(0, 0), (10, 0), (10, 0), (10, 10)], False),  # a duplicate inside
        ([(0, 0), (10, 0), (10, 0.5)], False),  # the last segment is trimmed away
        ([(0, 0.5), (0, 0), (10, 0)], False),  # the first segment is trimmed away
        ([(0, 0), (10, 0), (10, 10), (0, 10), (0, 0.5)], True),  # so is the closing one
        ([(0, 0), (10, 0), (10, 2), (0, 2)], False),  # offsets that coincide, running opposite
    ],
)
def test_degenerate_inputs_stay_valid(
    geo, path: str, pts: list[tuple[float, float]], closed: bool
) -> None:
    for d in (1.0, 2.0, -1.0):
        for join in ("miter", "round"):
            out = offset_with_path(pts, d, closed=closed, join=join, path=path)
            for p in out:
                dist = geo.distances(sample(p), Polyline(pts, closed=closed))
                assert dist.min() >= abs(d) - 1e-9


def test_numpy_path_rejects_coinciding_vertices() -> None:
    with pytest.raises(TooFewVerticesError):
        offset_with_path(np.array([(1.0, 2.0), (1.0, 2.0)]), 1.0, path="numpy")
    with pytest.raises(TooFewVerticesError):
        offset_polyline(np.zeros(0), 1.0)


def test_box_pairs_match_brute_force(monkeypatch: pytest.MonkeyPatch) -> None:
    from lvcad_geometry import _broadphase
    from lvcad_geometry._broadphase import overlapping_pairs as box_pairs

    def banded(a: tuple[np.ndarray, ...], b: tuple[np.ndarray, ...] | None) -> tuple:
        with monkeypatch.context() as patch:  # never one band: always the banded sweep
            patch.setattr(_broadphase, "_SWEEP_PER_BOX", -1)
            return _broadphase._band_sweep(a, b)  # type: ignore[arg-type]

    rng = np.random.default_rng(5)

    def boxes(n: int, spread: float, size: float) -> tuple[np.ndarray, ...]:
        x, y = rng.uniform(0, spread, n), rng.uniform(0, spread, n)
        w, h = rng.exponential(size, n), rng.exponential(size, n)
        big = rng.random(n) < 0.02  # a few boxes spanning many cells
        w[big] *= 40
        return x, y, x + w, y + h

    def brute(a: tuple[np.ndarray, ...], b: tuple[np.ndarray, ...] | None) -> set[tuple]:
        other = a if b is None else b
        i, j = np.meshgrid(np.arange(len(a[0])), np.arange(len(other[0])), indexing="ij")
        i, j = i.ravel(), j.ravel()
        hit = (
            (a[0][i] <= other[2][j])
            & (a[2][i] >= other[0][j])
            & (a[1][i] <= other[3][j])
            & (a[3][i] >= other[1][j])
        )
        if b is None:
            hit &= i < j
        return set(zip(i[hit].tolist(), j[hit].tolist(), strict=True))

    for n, spread, size in (
        (30, 10, 1),
        (400, 10, 0.5),
        (400, 100, 0.3),
        (2500, 50, 0.2),
        (300, 1, 3),
    ):
        a, b = boxes(n, spread, size), boxes(n // 2 + 1, spread, size)
        for got, other in (
            (box_pairs(a), None),
            (box_pairs(a, b), b),
            (banded(a, None), None),
            (banded(a, b), b),
        ):
            assert set(zip(got[0].tolist(), got[1].tolist(), strict=True)) == brute(a, other)


def test_monotone_chains_match_brute_force() -> None:
    """The cleanup's run-number chain test against its definition: every chunk monotone
    (code >= 0) and all codes sharing bit 0 or bit 1; round a closed curve, either way."""
    from lvcad_geometry._offset_numpy_cleanup import _Chains

    def brute(code: np.ndarray, lo: int, hi: int) -> bool:
        n = len(code)
        run = code[np.arange(lo, hi + 1) % n]
        bits = [(run & 1), (run >> 1) & 1]
        return bool((run >= 0).all() and any((b == b[0]).all() for b in bits))

    def expected(code: np.ndarray, i: int, j: int, margin: int, both: bool, closed: bool) -> bool:
        n, extra = len(code), margin if both else 0
        if not closed:
            lo = max(min(i - margin, j - extra), 0)
            return brute(code, lo, min(max(i + margin, j + extra), n - 1))
        ways = (j, j + n if j < i else j - n)
        spans = [(min(i - margin, w - extra), max(i + margin, w + extra)) for w in ways]
        return any(hi - lo < n and brute(code, lo, hi) for lo, hi in spans)

    rng = np.random.default_rng(11)
    for _ in range(400):
        n = int(rng.integers(1, 14))
        code = rng.choice([-1, 0, 1, 2, 3], size=n, p=[0.1, 0.3, 0.2, 0.2, 0.2])
        if rng.integers(0, 2):  # long runs, as along a smooth curve
            code = np.repeat(code, 4)[:n]
        for closed in (False, True):
            chains = _Chains(code.astype(np.int64), closed)
            i, j = rng.integers(0, n, 6), rng.integers(0, n, 6)
            for margin, both in ((0, False), (1, False), (1, True)):
                got = chains.monotone(i, j, margin, both)
                want = [
                    expected(code, a, b, margin, both, closed) for a, b in zip(i, j, strict=True)
                ]
                assert got.tolist() == want, (code, closed, margin, both)
            k = np.arange(n)
            assert chains.around_each().tolist() == chains.monotone(k, k, 1).tolist()


def test_finish_drops_duplicates_and_flat_rings() -> None:
    from lvcad_geometry._offset_numpy_cleanup import finish

    x, y, b = np.array([0.0, 1.0, 1.0, 2.0]), np.array([0.0, 0.0, 0.0, 0.0]), np.zeros(4)
    out = finish(x.copy(), y.copy(), b.copy(), False, 1e-9)
    assert out is not None
    assert list(out[0]) == [0.0, 1.0, 2.0]
    assert finish(np.array([0.0, 1.0, 0.0]), np.zeros(3), np.zeros(3), True, 1e-9) is None
    assert finish(np.array([0.0, 0.0]), np.zeros(2), np.zeros(2), False, 1e-9) is None
    bent = finish(np.array([0.0, 1.0]), np.zeros(2), np.array([0.5, 0.5]), False, 1e-9)
    assert bent is not None
    assert bent[2][-1] == 0.0
