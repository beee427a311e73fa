"""TRIM and EXTEND: AutoCAD semantics, bad input, and properties at three scales."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lvcad_geometry import ABS_TOL, REL_TOL, Arc, Line, Polyline, Vec2
from lvcad_geometry.errors import DegenerateGeometryError, GeometryError, NoIntersectionError
from lvcad_geometry.extend import extend
from lvcad_geometry.intersect import intersect, self_intersections
from lvcad_geometry.nearest import distance_to, nearest_point
from lvcad_geometry.trim import trim

TAU = 2.0 * math.pi
WALLS = [Line((2, -5), (2, 5)), Line((6, -5), (6, 5))]


def entity_scale(*entities) -> float:
    scale = 0.0
    for entity in entities:
        segments = list(entity.segments()) if isinstance(entity, Polyline) else [entity]
        for seg in segments:
            if isinstance(seg, Line):
                scale = max(scale, *(abs(v) for v in (*seg.start, *seg.end)))
            else:
                scale = max(scale, abs(seg.center.x), abs(seg.center.y), seg.radius)
    return scale


def tol_of(*entities, factor: float = 10.0) -> float:
    return ABS_TOL + factor * REL_TOL * entity_scale(*entities)


def ends(entity) -> tuple[Vec2, Vec2]:
    if isinstance(entity, Line):
        return entity.start, entity.end
    if isinstance(entity, Arc):
        return entity.start_point, entity.end_point
    return entity.vertices[0], entity.vertices[-1]


def length(entity) -> float:
    return entity.length


# -- trim: known values -----------------------------------------------------------------------


def test_trim_line_between_two_walls_leaves_two_pieces():
    pieces = trim(Line((0, 0), (10, 0)), WALLS, pick=(4, 1))
    assert pieces == [Line((0, 0), (2, 0)), Line((6, 0), (10, 0))]


def test_trim_line_end_leaves_one_piece():
    assert trim(Line((0, 0), (10, 0)), WALLS, pick=(9, 0)) == [Line((0, 0), (6, 0))]
    assert trim(Line((0, 0), (10, 0)), WALLS[0], pick=(1, 0)) == [Line((2, 0), (10, 0))]


def test_trim_line_from_wall_to_wall_leaves_nothing():
    assert trim(Line((2, 0), (6, 0)), WALLS, pick=(4, 0)) == []
    # Touching a wall only at its start: the picked part runs to the free end.
    assert trim(Line((2, 0), (5, 0)), WALLS, pick=(4, 0)) == []


def test_trim_without_any_crossing_raises():
    with pytest.raises(NoIntersectionError, match="none of the 2 boundaries meets it"):
        trim(Line((0, 10), (10, 10)), WALLS, pick=(4, 10))


def test_trim_arc_and_across_the_seam():
    arc = Arc((0, 0), 3.0, 0.0, math.pi)
    [piece] = trim(arc, WALLS, pick=(0, 3))
    assert piece.isclose(Arc((0, 0), 3.0, 0.0, math.acos(2 / 3)))
    seam = Arc((0, 0), 3.0, 0.75 * math.pi, 0.5 * math.pi)  # through 180°
    cut = Line((-2.9, -2), (-2.9, 2))
    first, second = trim(seam, cut, pick=(-3, 0))
    assert first.start_point.isclose(seam.start_point)
    assert second.end_point.isclose(seam.end_point)
    for piece in (first, second):
        assert piece.center == seam.center
        assert piece.radius == seam.radius
        assert piece.ccw


def test_trim_circle():
    circle = Arc((0, 0), 3.0, 0.0, TAU)
    [left] = trim(circle, WALLS, pick=(3, 0))
    assert abs(left.sweep) < TAU
    assert nearest_point(left, (-3, 0)).isclose((-3, 0))
    assert all(distance_to(WALLS[0], p) < 1e-12 for p in (left.start_point, left.end_point))
    # One cut only: the whole circle goes.
    assert trim(circle, Line((3, -1), (3, 1)), pick=(-3, 0)) == []


def test_trim_polyline_splits_bulge_segments_on_their_circle():
    p = Polyline([(0, 0), (4, 0), (4, 4), (8, 4)], bulges=[0, 0.5, 0, 0])
    cutter = Line((0, 2), (10, 2))  # crosses the arc
    arc = p.segment(1)
    # Picked on the arc below the cutter: the arc is cut there and the first wall cuts
    # the first segment.
    first, second = trim(p, [*WALLS, cutter], pick=(4.5, 1))
    assert first.vertices == (Vec2(0, 0), Vec2(2, 0))
    assert second.segment(0).center.isclose(arc.center)
    assert second.segment(0).radius == pytest.approx(arc.radius)
    assert second.segment(0).end_point.isclose((4, 4))
    # Picked on the arc's upper part: the part up to the second wall goes.
    first, second = trim(p, [*WALLS, cutter], pick=(4.5, 3))
    assert first.vertices[:2] == (Vec2(0, 0), Vec2(4, 0))
    assert first.segment(1).center.isclose(arc.center)
    assert first.segment(1).radius == pytest.approx(arc.radius)
    assert abs(first.vertices[-1].y - 2.0) < 1e-12
    assert second.vertices == (Vec2(6, 4), Vec2(8, 4))


def test_trim_closed_polyline_opens_it():
    square = Polyline([(0, 0), (4, 0), (4, 4), (0, 4)], closed=True)
    [rest] = trim(square, Line((2, -1), (2, 5)), pick=(0, 2))
    assert not rest.closed
    assert rest.vertices == (Vec2(2, 0), Vec2(4, 0), Vec2(4, 4), Vec2(2, 4))
    [rest] = trim(square, Line((2, -1), (2, 5)), pick=(4, 2))  # wraps past the first vertex
    assert rest.vertices == (Vec2(2, 4), Vec2(0, 4), Vec2(0, 0), Vec2(2, 0))
    [rest] = trim(square, Line((-1, 1), (5, -1 + 0.0)), pick=(0, 3))
    assert rest.closed is False


def test_trim_polyline_at_its_own_crossing():
    loop = Polyline([(0, 0), (4, 4), (4, 0), (0, 4)])
    first, second = trim(loop, loop, pick=(4, 2))
    assert first.vertices == (Vec2(0, 0), Vec2(2, 2))
    assert second.vertices == (Vec2(2, 2), Vec2(0, 4))
    assert trim(loop, [loop, Line((-1, 1), (5, 1))], pick=(0.5, 0.5))[0].vertices[0] == Vec2(1, 1)


def test_trim_against_a_big_boundary():
    x = np.linspace(0, 100, 1001)
    zigzag = Polyline.from_arrays(x, np.where(np.arange(1001) % 2, 1.0, -1.0))
    pieces = trim(Line((0, 0), (100, 0)), zigzag, pick=(50.01, 0))
    # The zigzag crosses y = 0 halfway between its vertices: at 49.95 and 50.05 here.
    assert pieces[0].end.x == pytest.approx(49.95)
    assert pieces[1].start.x == pytest.approx(50.05)
    long_route = Polyline.from_arrays(x, np.zeros(1001))
    pieces = trim(long_route, zigzag, pick=(50.01, 0))
    assert pieces[0].vertices[-1].isclose((49.95, 0.0))
    assert pieces[1].vertices[0].isclose((50.05, 0.0))
    assert pieces[0].vertices[:-1] == long_route.vertices[:500]


def test_trim_big_polyline_at_its_own_crossings():
    t = np.linspace(0.0, 6.0 * math.pi, 600)
    spiral = Polyline.from_arrays(t * np.cos(t), np.sin(3.0 * t) * 5.0 + t)
    crossings = self_intersections(spiral)
    assert len(crossings) > 2
    pieces = trim(spiral, spiral, pick=spiral.vertices[300])
    assert len(pieces) == 2
    for piece in pieces:
        for end in ends(piece):
            assert (
                end in spiral.vertices[:1] + spiral.vertices[-1:]
                or min(end.distance(c) for c in crossings) < 1e-9
            )


def test_trim_snaps_cuts_near_vertices():
    p = Polyline([(0, 0), (4, 0), (4, 4)])
    [rest] = trim(p, Line((4 - 1e-13, -1), (4 - 1e-13, 1)), pick=(1, 0))
    assert rest.vertices == (Vec2(4, 0), Vec2(4, 4))  # no sliver segment left behind


def test_trim_bad_input():
    with pytest.raises(TypeError, match="boundaries"):
        trim(Line((0, 0), (1, 0)), [(0, 0)], pick=(0, 0))  # type: ignore[list-item]
    with pytest.raises(TypeError, match="Line, Arc or Polyline"):
        trim("line", WALLS, pick=(0, 0))  # type: ignore[arg-type]


# -- extend: known values ---------------------------------------------------------------------


def test_extend_line_either_end():
    assert extend(Line((0, 0), (1, 0)), WALLS, end="end") == Line((0, 0), (2, 0))
    assert extend(Line((8, 0), (9, 0)), WALLS, end="start") == Line((6, 0), (9, 0))
    assert extend(Line((3, 0), (4, 0)), WALLS, pick=(3.8, 0.5)) == Line((3, 0), (6, 0))
    assert extend(Line((3, 0), (4, 0)), WALLS, pick=(3.2, 0.5)) == Line((2, 0), (4, 0))


def test_extend_skips_a_boundary_at_the_end_itself():
    assert extend(Line((0, 0), (2, 0)), WALLS, end="end") == Line((0, 0), (6, 0))


def test_extend_to_a_collinear_boundary_stops_at_its_near_end():
    assert extend(Line((0, 0), (1, 0)), Line((5, 0), (9, 0)), end="end") == Line((0, 0), (5, 0))


def test_extend_reaches_the_end_of_a_flat_arc_it_passes_within_tolerance():
    # Found by the thorough hypothesis profile at scale 1e-3. The line runs 6e-11 below a
    # polyline along y = 0: a straight piece whose own tolerance (3e-12) it misses, then a
    # flat bulge whose tolerance (1.3e-10, from its far centre) it is within at the bulge's
    # start, though it meets the bulge's circle only 1.5e-8 beyond that start. An arc end
    # within tolerance of the line is a hit, as a straight segment's end is.
    wall = Polyline([(0.0, 0.0), (2e-5, 0.0), (1e-3, 0.0)], bulges=[0.0, -0.001953125, 0.0])
    line = Line((1e-3, -5.96e-11), (2e-3, -5.96e-11))
    longer = extend(line, wall, end="start")
    assert longer.end == line.end
    assert longer.start.isclose((2e-5, -5.96e-11), abs_tol=1e-15)


def test_extend_ignores_zero_length_boundaries():
    with pytest.raises(NoIntersectionError):
        extend(Line((0, 0), (1, 0)), Line((5, 0), (5, 0)), end="end")


def test_extend_line_without_boundary_ahead_raises():
    with pytest.raises(NoIntersectionError, match=r"from its start point \(0, 0\)"):
        extend(Line((0, 0), (1, 0)), WALLS, end="start")
    with pytest.raises(NoIntersectionError):
        extend(Line((0, 10), (1, 10)), WALLS, end="end")  # the walls are too short


def test_extend_arc_along_its_circle_across_the_seam():
    arc = Arc((0, 0), 3.0, 0.5 * math.pi, 0.25 * math.pi)  # 90° .. 135°, ccw
    longer = extend(arc, Line((-5, -1), (0, -1)), end="end")  # crosses 180° to reach y = -1
    assert longer.center == arc.center
    assert longer.radius == arc.radius
    assert longer.start_angle == arc.start_angle
    assert longer.end_point.isclose((-math.sqrt(8), -1.0))
    clockwise = extend(arc.reversed(), Line((-5, -1), (0, -1)), end="start")
    assert clockwise.start_point.isclose((-math.sqrt(8), -1.0))
    assert clockwise.end_point.isclose(arc.start_point)


def test_extend_arc_never_closes_into_a_circle():
    arc = Arc((0, 0), 1.0, 0.0, math.pi / 2)
    behind = Line((0.5, -0.1), (1.5, -0.1))  # hit only just before the start
    longer = extend(arc, behind, end="end")
    assert abs(longer.sweep) < TAU
    with pytest.raises(NoIntersectionError, match="circle"):
        extend(arc, Line((1, 0), (2, 0)), end="end")  # only at its own start point
    with pytest.raises(GeometryError, match="full circle"):
        extend(Arc((0, 0), 1.0, 0.0, TAU), WALLS, end="end")


def test_extend_arc_to_an_arc_on_the_same_circle():
    arc = Arc((0, 0), 1.0, 0.0, 0.5)
    other = Arc((0, 0), 1.0, 2.0, 1.0)
    assert extend(arc, other, end="end").end_point.isclose(other.start_point)
    with pytest.raises(NoIntersectionError):
        extend(arc, Arc((0, 0), 1.0, 0.0, TAU), end="end")


def test_extend_polyline_ends():
    p = Polyline([(0, 4), (0, 0), (3, 0)], bulges=[0.2, 0, 0])
    longer = extend(p, WALLS, end="end")
    assert longer.vertices[:2] == p.vertices[:2]
    assert longer.vertices[-1] == Vec2(6, 0)
    hooked = Polyline([(2.5, 1), (3, 0), (4, 1)], bulges=[0, 0.4, 0])
    grown = extend(hooked, WALLS, pick=(3.9, 0.9))
    assert grown.vertices[:2] == hooked.vertices[:2]
    assert min(distance_to(wall, grown.vertices[-1]) for wall in WALLS) < 1e-12
    assert grown.segment(1).center.isclose(hooked.segment(1).center)
    back = extend(hooked, WALLS, end="start")
    assert distance_to(WALLS[0], back.vertices[0]) < 1e-12
    assert back.vertices[1:] == hooked.vertices[1:]
    curved_start = extend(Polyline([(2.5, 0), (4, 0)], bulges=[0.3, 0]), WALLS, end="start")
    assert distance_to(WALLS[0], curved_start.vertices[0]) < 1e-12


def test_extend_to_big_boundaries():
    x = np.linspace(0, 100, 1001)
    zigzag = Polyline.from_arrays(x, 10 + np.where(np.arange(1001) % 2, 1.0, -1.0))
    longer = extend(Line((50.05, 0), (50.05, 1)), zigzag, end="end")
    assert longer.end.y == pytest.approx(10.0)
    arc = Arc((50.0, 0.0), 10.0, -0.1, 0.2)  # sweeps up towards the zigzag? no: it stays low
    with pytest.raises(NoIntersectionError):
        extend(arc, Polyline.from_arrays(x, np.full(1001, 50.0)), end="end")
    circle_hit = extend(Arc((50.0, 0.0), 10.0, 1.0, 0.2), zigzag, end="end")
    assert distance_to(zigzag, circle_hit.end_point) < 1e-9


def test_extend_bad_input():
    line = Line((0, 0), (1, 0))
    with pytest.raises(ValueError, match="exactly one"):
        extend(line, WALLS)
    with pytest.raises(ValueError, match="exactly one"):
        extend(line, WALLS, end="end", pick=(1, 0))
    with pytest.raises(ValueError, match="'start' or 'end'"):
        extend(line, WALLS, end="middle")  # type: ignore[arg-type]
    with pytest.raises(DegenerateGeometryError, match="zero-length"):
        extend(Line((1, 1), (1, 1)), WALLS, end="end")
    with pytest.raises(DegenerateGeometryError, match="duplicate vertices"):
        extend(Polyline([(0, 0), (1, 0), (1, 0)]), WALLS, end="end")
    with pytest.raises(GeometryError, match="closed polyline"):
        extend(Polyline([(0, 0), (1, 0), (1, 1)], closed=True), WALLS, end="end")
    with pytest.raises(TypeError, match="Line, Arc or Polyline"):
        extend("line", WALLS, end="end")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Line, Arc or Polyline"):
        extend("line", WALLS, pick=(0, 0))  # type: ignore[arg-type]


# -- properties at three scales ---------------------------------------------------------------


def boundaries(geo, scale):
    one = st.one_of(geo.lines(scale), geo.arcs(scale), geo.polylines(scale, max_vertices=6))
    return st.lists(one, min_size=1, max_size=3)


def trimmable(geo, scale):
    return st.one_of(geo.lines(scale), geo.arcs(scale), geo.polylines(scale, max_vertices=6))


@given(data=st.data())
def test_trim_pieces_end_on_boundaries(geo, scale, data):
    entity = data.draw(trimmable(geo, scale), label="entity")
    walls = data.draw(boundaries(geo, scale), label="walls")
    pick = data.draw(geo.points(scale), label="pick")
    tol = tol_of(entity, *walls)
    try:
        pieces = trim(entity, walls, pick)
    except NoIntersectionError:
        # (a boundary equal to the entity cuts it only where it crosses itself)
        assert all(not intersect(entity, wall) for wall in walls if wall != entity)
        return
    assert len(pieces) <= 2
    original_ends = ends(entity)
    for piece in pieces:
        assert type(piece) is type(entity)
        for end in ends(piece):
            on_wall = min(distance_to(wall, end) for wall in walls) <= tol
            assert on_wall or any(end.distance(e) <= tol for e in original_ends)
        mid = nearest_point(piece, piece.bbox.center)
        assert distance_to(entity, mid) <= tol
    assert sum(length(p) for p in pieces) <= length(entity) + tol
    # The picked part is gone: the pick's foot on the entity is in no piece, unless it is
    # itself a cut point (or the entity runs through it twice).
    foot = nearest_point(entity, pick)
    simple = not isinstance(entity, Polyline) or not self_intersections(entity)
    if simple and min(distance_to(wall, foot) for wall in walls) > tol:
        assert all(distance_to(piece, foot) > tol / 10 for piece in pieces) or not pieces


def clear_hits(line: Line, probe: Line, walls) -> list[Vec2]:
    """Where ``probe`` (along ``line``) clearly meets a boundary segment by extend's own rule.

    extend's tolerance is per boundary segment, ``ABS_TOL + REL_TOL * scale`` of the line and
    that segment, so a flat arc's far centre or a long probe must not widen it for the
    others. A point counts when it lies within half of it of both the line and the segment.
    """
    ahead = line.direction.normalized()
    hits = []
    for wall in walls:
        segments = list(wall.segments()) if isinstance(wall, Polyline) else [wall]
        for segment in segments:
            strict = tol_of(line, segment, factor=0.5)
            for p in intersect(probe, segment):
                on_line = abs(ahead.cross(p - line.start)) <= strict
                if on_line and distance_to(segment, p) <= strict:
                    hits.append(p)
    return hits


@given(data=st.data())
def test_extended_line_ends_on_the_nearest_boundary_ahead(geo, scale, data):
    line = data.draw(geo.lines(scale), label="line")
    walls = data.draw(boundaries(geo, scale), label="walls")
    which = data.draw(st.sampled_from(["start", "end"]), label="end")
    check_extended_line(line, walls, which, scale)


@pytest.mark.parametrize(
    ("line", "wall", "which", "scale"),
    [
        # A flat arc's far centre must not widen the tolerance of the wall the ray nearly
        # meets: (-1, 1) lies 1.2e-7 off the line, far beyond that wall's own tolerance.
        (
            Line((0, 1), (0.9999999999999929, 1.0000001192092896)),
            Polyline(
                [(0, 0), (0.02, 0), (0, 0), (0.02, 0), (0, 1), (-1, 1)],
                bulges=[0, 0, 0, -0.001, 0, 0],
            ),
            "start",
            1.0,
        ),
        # A short wall 6e-11 off the line at scale 1e-3 is passed, not hit, though the
        # arc next to it would allow that much.
        (
            Line((0.001, -5.96e-11), (0.002, -5.96e-11)),
            Polyline([(0, 0), (2e-5, 0), (0, -0.008)], bulges=[0, 15, 0]),
            "end",
            1e-3,
        ),
        (
            Line((0.001, -5.96e-11), (0.002, -5.96e-11)),
            Polyline([(0, 0), (2e-5, 0), (0, -0.008)], bulges=[0, 15, 0]),
            "start",
            1e-3,
        ),
    ],
)
def test_extended_line_near_misses_by_the_segment_tolerance(line, wall, which, scale):
    check_extended_line(line, [wall], which, scale)


def check_extended_line(line: Line, walls, which: str, scale: float) -> None:
    tol = tol_of(line, *walls)
    fixed, moving = (line.end, line.start) if which == "start" else (line.start, line.end)
    ahead = (moving - fixed).normalized()
    try:
        longer = extend(line, walls, end=which)
    except NoIntersectionError:
        # No point ahead is clearly on a boundary segment and on the line's extension.
        ray = Line(moving, moving + ahead * (1e4 * scale))
        assert all((p - moving).dot(ahead) <= tol for p in clear_hits(line, ray, walls))
        return
    new_fixed, new_end = (longer.end, longer.start) if which == "start" else longer
    assert new_fixed == fixed
    assert abs((new_end - fixed).normalized().cross(ahead)) <= 1e-9
    assert (new_end - fixed).length > (moving - fixed).length
    assert min(distance_to(wall, new_end) for wall in walls) <= tol
    # Nothing is hit on the way (beyond tolerance of either end).
    for p in clear_hits(line, Line(moving, new_end), walls):
        assert min(p.distance(moving), p.distance(new_end)) <= tol * 10


@given(data=st.data())
def test_extended_arc_ends_on_a_boundary(geo, scale, data):
    arc = data.draw(geo.arcs(scale, max_sweep=TAU - 0.01), label="arc")
    walls = data.draw(boundaries(geo, scale), label="walls")
    which = data.draw(st.sampled_from(["start", "end"]), label="end")
    tol = tol_of(arc, *walls)
    try:
        longer = extend(arc, walls, end=which)
    except NoIntersectionError:
        return
    assert longer.center == arc.center
    assert longer.radius == arc.radius
    assert longer.ccw == arc.ccw
    assert abs(arc.sweep) < abs(longer.sweep) < TAU
    kept = longer.end_point if which == "start" else longer.start_point
    assert kept.isclose(arc.end_point if which == "start" else arc.start_point, rel_tol=1e-9)
    moved = longer.start_point if which == "start" else longer.end_point
    assert min(distance_to(wall, moved) for wall in walls) <= tol


@given(data=st.data())
def test_extended_polyline_ends_on_a_boundary(geo, scale, data):
    polyline = data.draw(geo.polylines(scale, closed=False, max_vertices=5), label="polyline")
    walls = data.draw(boundaries(geo, scale), label="walls")
    pick = data.draw(geo.points(scale), label="pick")
    tol = tol_of(polyline, *walls)
    try:
        longer = extend(polyline, walls, pick=pick)
    except NoIntersectionError:
        return
    before, after = polyline.vertices, longer.vertices
    changed = [i for i, (p, q) in enumerate(zip(before, after, strict=True)) if p != q]
    assert len(changed) == 1
    assert changed[0] in (0, len(before) - 1)
    assert min(distance_to(wall, after[changed[0]]) for wall in walls) <= tol
