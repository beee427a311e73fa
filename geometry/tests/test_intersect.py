"""Intersections: known values, properties at three scales, shapely as the oracle."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
import shapely
from hypothesis import assume, given
from hypothesis import strategies as st

from lvcad_geometry import ABS_TOL, REL_TOL, Arc, Line, Polyline, Vec2
from lvcad_geometry import _broadphase as broadphase
from lvcad_geometry.intersect import (
    intersect,
    intersect_arcs,
    intersect_line_arc,
    intersect_lines,
    intersect_polylines,
    intersect_segments,
    self_intersections,
)
from lvcad_geometry.nearest import distance_to

TAU = 2.0 * math.pi


# -- helpers ----------------------------------------------------------------------------------


def entity_scale(*entities: Line | Arc | Polyline) -> float:
    """Largest coordinate magnitude of the entities, arcs counted by centre and radius."""
    scale = 0.0
    for entity in entities:
        segments = list(entity.segments()) if isinstance(entity, Polyline) else [entity]
        for seg in segments:
            if isinstance(seg, Line):
                scale = max(scale, *(abs(v) for v in (*seg.start, *seg.end)))
            else:
                scale = max(scale, abs(seg.center.x), abs(seg.center.y), seg.radius)
    return scale


def tol_of(*entities: Line | Arc | Polyline, factor: float = 4.0) -> float:
    return ABS_TOL + factor * REL_TOL * entity_scale(*entities)


def same_points(p: list[Vec2], q: list[Vec2] | np.ndarray, tol: float) -> bool:
    """True when every point of each list is within ``tol`` of a point of the other."""
    a = np.array([tuple(v) for v in p], dtype=float).reshape(-1, 2)
    b = np.asarray(q, dtype=float).reshape(-1, 2)
    if len(a) == 0 or len(b) == 0:
        return len(a) == len(b)
    d = np.hypot(a[:, None, 0] - b[None, :, 0], a[:, None, 1] - b[None, :, 1])
    return bool((d.min(axis=1) <= tol).all() and (d.min(axis=0) <= tol).all())


def close(points: list[Vec2], expected: list[tuple[float, float]], tol: float = 1e-12) -> bool:
    return len(points) == len(expected) and all(
        p.distance(e) <= tol for p, e in zip(points, expected, strict=True)
    )


def random_walk(n: int, seed: int, step: float = 1.0) -> Polyline:
    rng = np.random.default_rng(seed)
    return Polyline.from_arrays(
        np.cumsum(rng.normal(size=n)) * step, np.cumsum(rng.normal(size=n)) * step
    )


def entities(geo, scale: float) -> st.SearchStrategy:
    return st.one_of(
        geo.lines(scale),
        geo.arcs(scale),
        geo.polylines(scale, max_vertices=6),
    )


# -- lines ------------------------------------------------------------------------------------


def test_crossing_lines():
    assert intersect_lines(Line((0, 0), (4, 4)), Line((0, 4), (4, 0))) == [Vec2(2.0, 2.0)]


def test_touching_at_an_end_point():
    assert close(intersect_lines(Line((0, 0), (2, 0)), Line((1, 0), (1, 5))), [(1, 0)])
    assert close(intersect_lines(Line((0, 0), (2, 0)), Line((2, 0), (3, 1))), [(2, 0)])


def test_parallel_lines_do_not_meet():
    assert intersect_lines(Line((0, 0), (2, 0)), Line((0, 1), (2, 1))) == []
    assert intersect_lines(Line((0, 0), (2, 0)), Line((0, 1), (2, 1)), infinite=True) == []


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        (Line((1, 0), (3, 0)), [(1, 0), (2, 0)]),  # partial overlap
        (Line((3, 0), (-1, 0)), [(0, 0), (2, 0)]),  # contains it, reversed
        (Line((0.5, 0), (1.5, 0)), [(0.5, 0), (1.5, 0)]),  # inside
        (Line((2, 0), (5, 0)), [(2, 0)]),  # touch end to end
        (Line((3, 0), (5, 0)), []),  # collinear, apart
    ],
)
def test_collinear_overlaps(other, expected):
    line = Line((0, 0), (2, 0))
    assert close(intersect_lines(line, other), expected)
    assert close(intersect(line, other), expected)


def test_collinear_infinite_lines_give_nothing():
    assert intersect_lines(Line((0, 0), (2, 0)), Line((3, 0), (5, 0)), infinite=True) == []


def test_degenerate_line_meets_nothing():
    assert intersect_lines(Line((1, 1), (1, 1)), Line((0, 0), (2, 2))) == []
    assert intersect_line_arc(Line((1, 0), (1, 0)), Arc((0, 0), 1.0, 0.0, TAU)) == []


# -- lines and arcs ---------------------------------------------------------------------------


def test_line_through_circle_sorted_along_the_line():
    circle = Arc((0, 0), 2.0, 0.0, TAU)
    assert close(intersect_line_arc(Line((5, 0), (-5, 0)), circle), [(2, 0), (-2, 0)])


def test_tangent_line_gives_one_point():
    circle = Arc((0, 0), 1.0, 0.0, TAU)
    assert close(intersect_line_arc(Line((-2, 1), (2, 1)), circle), [(0, 1)])
    # Within tolerance of tangent: still one point, on the circle within tolerance.
    near = intersect_line_arc(Line((-2, 1 - 1e-12), (2, 1 - 1e-12)), circle)
    assert len(near) == 1
    assert abs(near[0].length - 1.0) <= 1e-9


def test_line_outside_the_sweep_misses_the_arc():
    upper = Arc((0, 0), 1.0, 0.0, math.pi)
    assert intersect_line_arc(Line((-2, -0.5), (2, -0.5)), upper) == []
    assert close(intersect_line_arc(Line((0, -2), (0, 2)), upper), [(0, 1)])


def test_arc_crossing_the_pi_seam():
    # From 135° to 225° counter-clockwise: the arc contains 180°, where atan2 jumps.
    arc = Arc((0, 0), 1.0, 0.75 * math.pi, 0.5 * math.pi)
    line = Line((-0.9, 2), (-0.9, -2))
    along_line = intersect(line, arc)
    along_arc = intersect(arc, line)
    y = math.sqrt(1 - 0.81)
    assert close(along_line, [(-0.9, y), (-0.9, -y)])
    assert close(along_arc, [(-0.9, y), (-0.9, -y)])  # 154° comes before 206°
    clockwise = arc.reversed()
    assert close(intersect(clockwise, line), [(-0.9, -y), (-0.9, y)])


def test_points_just_before_an_arc_start_sort_first():
    # The line meets the arc's circle a hair before the start angle (within tolerance).
    arc = Arc((0, 0), 1.0, 0.0, math.pi / 2)
    line = Line((0.5, 1.5), (1.0 + 1e-13, -1e-11))
    pts = intersect_segments(arc, line)
    assert len(pts) == 2
    assert pts[0].isclose((1.0, 0.0), rel_tol=1e-9)


# -- arcs -------------------------------------------------------------------------------------


def test_two_circles_two_points_and_symmetry():
    a = Arc((0, 0), 1.0, 0.0, TAU)
    b = Arc((1, 0), 1.0, 0.0, TAU)
    assert same_points(intersect_arcs(a, b), intersect_arcs(b, a), 1e-12)
    assert len(intersect_arcs(a, b)) == 2


@pytest.mark.parametrize(
    ("c2", "r2", "expected"),
    [
        ((3, 0), 2.0, [(1, 0)]),  # external tangency
        ((0.5, 0), 0.5, [(1, 0)]),  # internal tangency
        ((5, 0), 1.0, []),  # apart
        ((0.1, 0), 0.2, []),  # inside, no contact
        ((0, 0), 0.5, []),  # concentric
    ],
)
def test_circle_contacts(c2, r2, expected):
    a = Arc((0, 0), 1.0, 0.0, TAU)
    b = Arc(c2, r2, 0.0, TAU)
    assert close(intersect_arcs(a, b), expected, 1e-9)
    assert close(intersect_arcs(b, a), expected, 1e-9)


def test_arcs_on_the_same_circle_give_shared_end_points():
    a = Arc((0, 0), 1.0, 0.0, math.pi)
    b = Arc((0, 0), 1.0, math.pi / 2, math.pi)
    assert close(intersect_arcs(a, b), [(0, 1), (-1, 0)])
    assert close(intersect_arcs(b, a), [(0, 1), (-1, 0)])
    apart = Arc((0, 0), 1.0, -0.5, -1.0)
    assert intersect_arcs(a, apart) == []
    assert intersect_arcs(a, b, full_circles=True) == []
    # Complementary halves meet at both ends.
    lower = Arc((0, 0), 1.0, math.pi, math.pi)
    assert close(intersect_arcs(a, lower), [(1, 0), (-1, 0)])


def test_same_circle_across_the_seam():
    a = Arc((0, 0), 2.0, 0.9 * math.pi, 0.4 * math.pi)  # 162° .. 234°
    b = Arc((0, 0), 2.0, -0.95 * math.pi, -0.5 * math.pi)  # -171° clockwise to -261° = 99°
    pts = intersect_arcs(a, b)
    expected = [Vec2.from_angle(0.9 * math.pi, 2.0), Vec2.from_angle(-0.95 * math.pi, 2.0)]
    assert close(pts, [tuple(e) for e in expected], 1e-12)


# -- polylines --------------------------------------------------------------------------------


def test_polyline_vertex_on_a_line_is_reported_once():
    zigzag = Polyline([(0, 0), (2, 2), (4, 0)])
    assert close(intersect(zigzag, Line((0, 2), (4, 2))), [(2, 2)])
    assert close(intersect(Line((0, 2), (4, 2)), zigzag), [(2, 2)])
    crossing = Polyline([(1, 3), (2, 2), (3, 3)])  # touches the zigzag's vertex with its own
    assert close(intersect_polylines(zigzag, crossing), [(2, 2)])


def test_closed_polyline_first_vertex_is_reported_once():
    square = Polyline([(0, 0), (4, 0), (4, 4), (0, 4)], closed=True)
    diagonal = Line((-1, -1), (1, 1))
    assert close(intersect(square, diagonal), [(0, 0)])
    assert close(intersect(diagonal, square), [(0, 0)])


def test_polylines_sharing_a_stretch_report_its_ends():
    a = Polyline([(0, 0), (10, 0)])
    b = Polyline([(2, 5), (2, 0), (6, 0), (6, -5)])
    assert close(intersect_polylines(a, b), [(2, 0), (6, 0)])


def test_results_are_sorted_along_the_first_polyline():
    a = Polyline([(0, 0), (10, 0), (10, 10), (0, 10)])
    b = Line((5, -5), (5, 15))
    assert close(intersect(a, b), [(5, 0), (5, 10)])
    assert close(intersect(a.reversed(), b), [(5, 10), (5, 0)])


def test_polyline_with_arcs():
    slot = Polyline([(0, 0), (10, 0), (10, 2), (0, 2)], bulges=[0, 1, 0, 1], closed=True)
    pts = intersect(slot, Line((-5, 1), (15, 1)))
    assert close(pts, [(11, 1), (-1, 1)], 1e-12)
    circle = Arc((10, 1), 1.0, 0.0, TAU)
    pts = intersect(slot, circle)  # the round end lies on the circle: its two ends
    assert close(pts, [(10, 0), (10, 2)], 1e-12)


def test_self_intersections():
    bow_tie = Polyline([(0, 0), (2, 2), (2, 0), (0, 2)], closed=True)
    assert close(self_intersections(bow_tie), [(1, 1)])
    square = Polyline([(0, 0), (4, 0), (4, 4), (0, 4)], closed=True)
    assert self_intersections(square) == []
    # Duplicate vertices: zero-length segments do not make neighbours into crossings.
    doubled = Polyline([(0, 0), (4, 0), (4, 0), (4, 4), (4, 4), (0, 4)])
    assert self_intersections(doubled) == []
    # A spike running back along itself: the overlap's far end.
    spike = Polyline([(0, 0), (4, 0), (2, 0), (2, 3)])
    assert close(self_intersections(spike), [(2, 0)])
    # Touching itself at a vertex.
    loop = Polyline([(0, 0), (2, 0), (2, 2), (0, 2), (2, 0), (4, 0)])
    assert close(self_intersections(loop), [(2, 0)])


def test_self_intersections_of_closed_polyline_around_the_closing_vertex():
    p = Polyline([(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)], closed=True)  # last vertex repeated
    assert self_intersections(p) == []
    for method in ("scalar", "vectorized"):
        assert self_intersections(p, method=method) == []


# -- bad input --------------------------------------------------------------------------------


def test_bad_input():
    line = Line((0, 0), (1, 1))
    with pytest.raises(TypeError, match="Line, Arc or Polyline"):
        intersect(line, [(0, 0), (1, 1)])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be a Polyline"):
        intersect_polylines(line, Polyline([(0, 0), (1, 1)]))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be a Polyline"):
        self_intersections(line)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="method"):
        intersect_polylines(Polyline([(0, 0), (1, 1)]), Polyline([(0, 1), (1, 0)]), method="fast")


# -- the two paths agree, and agree with shapely ------------------------------------------------


@pytest.mark.parametrize("size", [30, 300])
@pytest.mark.parametrize("step", [1e-3, 1.0, 1e6])
def test_scalar_and_vectorized_paths_agree_on_random_walks(size, step):
    a, b = random_walk(size, 1, step), random_walk(size, 2, step)
    tol = tol_of(a, b)
    scalar = intersect_polylines(a, b, method="scalar")
    vector = intersect_polylines(a, b, method="vectorized")
    assert len(scalar) == len(vector) > 0
    assert same_points(scalar, vector, tol)
    own_scalar = self_intersections(a, method="scalar")
    assert same_points(own_scalar, self_intersections(a, method="vectorized"), tol)


def test_lines_and_arcs_against_big_polylines():
    walk = random_walk(2000, 12)
    line = Line((-20, -20), (20, 20))
    arc = Arc((0, 0), 15.0, 0.3, 4.0)
    for entity in (line, arc):
        ours = intersect(entity, walk)
        # Oracle: segment by segment with the scalar functions.
        expected = [p for seg in walk.segments() for p in intersect_segments(entity, seg)]
        assert ours
        assert same_points(ours, expected, 1e-9)
        assert same_points(intersect(walk, entity), ours, 1e-9)


def test_vectorized_path_matches_shapely_on_big_walks():
    a, b = random_walk(5000, 3), random_walk(5000, 4)
    ours = intersect_polylines(a, b)
    theirs = shapely.get_coordinates(
        shapely.intersection(shapely.LineString(a.xy), shapely.LineString(b.xy))
    )
    assert len(ours) > 50
    assert same_points(ours, theirs, 1e-9)


def test_paths_agree_with_arcs_and_collinear_overlaps():
    base = Polyline(
        [(0, 0), (4, 0), (4, 4), (8, 4), (8, 0), (12, 0)] * 1,
        bulges=[0, 0.3, 0, -0.5, 0, 0],
    )
    x = np.concatenate([base.x + 12 * k for k in range(30)])
    y = np.concatenate([base.y for _ in range(30)])
    b = np.concatenate([base.bulges for _ in range(30)])
    a = Polyline.from_arrays(x, y, b)
    other = Polyline.from_arrays([-1, 400], [0, 0])  # runs along every straight bottom piece
    wavy = Polyline.from_arrays(np.linspace(-1, 361, 200), 2 + 3 * np.sin(np.linspace(0, 60, 200)))
    for second in (other, wavy, a):
        scalar = intersect_polylines(a, second, method="scalar")
        vector = intersect_polylines(a, second, method="vectorized")
        assert same_points(scalar, vector, tol_of(a, second))
        assert len(scalar) == len(vector)
    own_scalar = self_intersections(a, method="scalar")
    assert same_points(own_scalar, self_intersections(a, method="vectorized"), 1e-9)


@given(data=st.data())
def test_paths_agree(geo, scale, data):
    a = data.draw(geo.polylines(scale, max_vertices=30), label="a")
    b = data.draw(geo.polylines(scale, max_vertices=30), label="b")
    tol = tol_of(a, b)
    assert same_points(
        intersect_polylines(a, b, method="scalar"),
        intersect_polylines(a, b, method="vectorized"),
        tol,
    )
    assert same_points(
        self_intersections(a, method="scalar"), self_intersections(a, method="vectorized"), tol
    )


# -- properties at three scales ---------------------------------------------------------------


@given(data=st.data())
def test_intersections_are_symmetric(geo, scale, data):
    a = data.draw(entities(geo, scale), label="a")
    b = data.draw(entities(geo, scale), label="b")
    assert same_points(intersect(a, b), intersect(b, a), tol_of(a, b))


@given(data=st.data())
def test_intersection_points_lie_on_both_entities(geo, scale, data):
    a = data.draw(entities(geo, scale), label="a")
    b = data.draw(entities(geo, scale), label="b")
    tol = tol_of(a, b)
    for point in intersect(a, b):
        assert distance_to(a, point) <= tol
        assert distance_to(b, point) <= tol


@given(data=st.data())
def test_crossing_segments_are_found(geo, scale, data):
    # Two segments through a common point at a clear angle always meet there.
    center = data.draw(geo.points(scale), label="center")
    angle1 = data.draw(geo.angles(math.pi), label="angle1")
    angle2 = angle1 + data.draw(st.floats(0.1, math.pi - 0.1), label="between")
    lengths = [data.draw(geo.lengths(scale, 0.1), label=f"l{i}") for i in range(4)]
    a = Line(
        center - Vec2.from_angle(angle1, lengths[0]), center + Vec2.from_angle(angle1, lengths[1])
    )
    b = Line(
        center - Vec2.from_angle(angle2, lengths[2]), center + Vec2.from_angle(angle2, lengths[3])
    )
    [point] = intersect(a, b)
    assert point.distance(center) <= geo.tol(scale, 100.0)


@given(data=st.data())
def test_points_on_lines_are_sorted_along_the_first(geo, scale, data):
    line = data.draw(geo.lines(scale), label="line")
    other = data.draw(entities(geo, scale), label="other")
    pts = intersect(line, other)
    ts = [(p - line.start).dot(line.direction) for p in pts]
    assert ts == sorted(ts)


@given(data=st.data())
def test_straight_polylines_match_shapely(geo, scale, data):
    a = data.draw(geo.polylines(scale, arcs=False, max_vertices=10), label="a")
    b = data.draw(geo.polylines(scale, arcs=False, max_vertices=10), label="b")
    tol = tol_of(a, b)
    ours = intersect_polylines(a, b)

    def shape(p: Polyline):
        ring = np.vstack([p.xy, p.xy[:1]]) if p.closed else p.xy
        return shapely.LineString(ring)

    theirs = shapely.get_coordinates(shapely.intersection(shape(a), shape(b)))
    # Every point shapely finds is ours too, or lies on a stretch where the polylines run
    # together within tolerance (for which we report the stretch's ends: two points of ours
    # whose midpoint is on both).
    stretches = [
        Line(p, q)
        for p, q in itertools.combinations(ours, 2)
        if distance_to(a, p.lerp(q, 0.5)) <= tol and distance_to(b, p.lerp(q, 0.5)) <= tol
    ]
    for x, y in theirs:
        on_stretch = any(distance_to(line, (x, y)) <= tol for line in stretches)
        assert on_stretch or any(Vec2(x, y).distance(p) <= tol for p in ours)
    # A point only we report must be a touch within tolerance that shapely's exact
    # predicates call a miss, or the end of such a stretch.
    for point in ours:
        if not len(theirs) or np.hypot(*(theirs - tuple(point)).T).min() > tol:
            assert shapely.distance(shape(a), shape(b)) <= tol


@given(data=st.data())
def test_self_intersections_match_shapely_simplicity(geo, scale, data):
    p = data.draw(geo.polylines(scale, arcs=False, closed=False, max_vertices=8), label="p")
    ours = self_intersections(p)
    tol = tol_of(p)
    for point in ours:
        assert distance_to(p, point) <= tol
    simple = bool(shapely.is_simple(shapely.LineString(p.xy)))
    if simple:
        # Only touches within tolerance may differ from GEOS's exact answer.
        assume(not ours)
    else:
        assert ours


# -- broad phase ------------------------------------------------------------------------------


def _boxes(rng, n, size):
    x, y = rng.uniform(0, 100, n), rng.uniform(0, 100, n)
    w, h = rng.uniform(0, size, n), rng.uniform(0, size, n)
    return (x, y, x + w, y + h)


def _brute(a, b, same):
    pairs = set()
    for i in range(len(a[0])):
        for j in range(len(b[0])):
            if same and j <= i:
                continue
            if (
                a[0][i] <= b[2][j]
                and b[0][j] <= a[2][i]
                and a[1][i] <= b[3][j]
                and b[1][j] <= a[3][i]
            ):
                pairs.add((i, j))
    return pairs


@pytest.mark.parametrize("size", [0.0, 2.0, 60.0])
def test_grid_broad_phase_finds_every_overlap_once(size):
    rng = np.random.default_rng(7)
    a, b = _boxes(rng, 400, size), _boxes(rng, 300, size)
    i, j = broadphase.overlapping_pairs(a, b)
    assert len(set(zip(i.tolist(), j.tolist(), strict=True))) == len(i)
    assert set(zip(i.tolist(), j.tolist(), strict=True)) == _brute(a, b, False)
    i, j = broadphase.overlapping_pairs(a)
    assert set(zip(i.tolist(), j.tolist(), strict=True)) == _brute(a, a, True)


def _all_pairs(a, b, same):  # type: ignore[no-untyped-def]
    """Every overlapping pair by testing all of them at once (numpy broadcasting)."""
    hit = (
        (a[0][:, None] <= b[2][None, :])
        & (b[0][None, :] <= a[2][:, None])
        & (a[1][:, None] <= b[3][None, :])
        & (b[1][None, :] <= a[3][:, None])
    )
    if same:
        hit &= np.triu(np.ones(hit.shape, dtype=bool), 1)
    return set(zip(*(v.tolist() for v in np.nonzero(hit)), strict=True))


def _box_set(draw, n):  # type: ignore[no-untyped-def]
    """Boxes of one of several shapes: points, squares on a lattice (many ties), small boxes
    or long flat ones, at a drawn scale."""
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    scale = 10.0 ** draw(st.integers(-3, 6))
    x, y = rng.uniform(-1e3, 1e3, n) * scale, rng.uniform(-1e3, 1e3, n) * scale
    kind = draw(st.sampled_from(["points", "lattice", "small", "flat"]))
    if kind == "lattice":
        x, y = np.round(x / (100 * scale)) * 100 * scale, np.round(y / (100 * scale)) * 100 * scale
    size = {"points": (0.0, 0.0), "lattice": (100.0, 100.0), "small": (50.0, 50.0)}
    if kind == "flat":
        w, h = rng.exponential(500.0, n) * scale, rng.exponential(5.0, n) * scale
    else:
        w, h = (np.full(n, v * scale) for v in size[kind])
    return (x, y, x + w, y + h)


@given(st.data())
def test_broad_phase_finds_every_overlap_once(data):  # type: ignore[no-untyped-def]
    a = _box_set(data.draw, data.draw(st.integers(1, 300)))
    b = _box_set(data.draw, data.draw(st.integers(1, 300)))
    for pairs, expected in (
        (broadphase.overlapping_pairs(a, b), _all_pairs(a, b, False)),
        (broadphase.overlapping_pairs(a), _all_pairs(a, a, True)),
    ):
        found = list(zip(pairs[0].tolist(), pairs[1].tolist(), strict=True))
        assert len(found) == len(set(found))
        assert set(found) == expected


def test_grid_copes_with_a_few_huge_boxes():
    rng = np.random.default_rng(11)
    small = _boxes(rng, 540, 0.1)
    huge = _boxes(rng, 60, 100.0)
    a = tuple(np.concatenate((u, v)) for u, v in zip(small, huge, strict=True))
    b = _boxes(rng, 300, 0.5)
    i, j = broadphase.overlapping_pairs(a, b)
    assert set(zip(i.tolist(), j.tolist(), strict=True)) == _brute(a, b, False)
    i, j = broadphase.overlapping_pairs(a)
    assert set(zip(i.tolist(), j.tolist(), strict=True)) == _brute(a, a, True)


def test_broad_phase_edge_cases():
    empty = (np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(0))
    one = (np.zeros(1), np.zeros(1), np.ones(1), np.ones(1))
    assert len(broadphase.overlapping_pairs(empty, one)[0]) == 0
    rng = np.random.default_rng(1)
    a = _boxes(rng, 300, 1.0)
    far = tuple(v + 1000.0 for v in _boxes(rng, 300, 1.0))
    assert len(broadphase.overlapping_pairs(a, far)[0]) == 0
    # Every box the same point: one cell.
    points = (np.full(200, 3.0), np.full(200, 4.0), np.full(200, 3.0), np.full(200, 4.0))
    i, _ = broadphase.overlapping_pairs(points, points)
    assert len(i) == 200 * 200
    # The common region holds no box of the first set.
    corners = np.concatenate((np.zeros(100), np.full(100, 10.0)))
    a = (corners, corners, corners + 1.0, corners + 1.0)
    b = tuple(np.full(400, v) for v in (5.0, 5.0, 6.0, 6.0))
    assert len(broadphase.overlapping_pairs(a, b)[0]) == 0
    # Boxes in the common region's corner only: no box of one set is inside it.
    left = (np.arange(200.0), np.zeros(200), np.arange(200.0) + 0.5, np.ones(200))
    right = (np.arange(200.0) + 0.6, np.full(200, 0.5), np.arange(200.0) + 0.9, np.ones(200) * 2)
    i, _j = broadphase.overlapping_pairs(left, right)
    assert len(i) == 0
