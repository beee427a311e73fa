"""Typed input, object snap and picking: the Qt-free parts of the tools."""

from __future__ import annotations

import math

import pytest

from lvcad.model import DeviceCatalog, LineEntity, PolylineEntity, TextEntity, Unit
from lvcad.tools.coords import (
    DistanceInput,
    EnterInput,
    InputError,
    KeywordInput,
    PointInput,
    parse_input,
)
from lvcad.tools.draw import tangent_bulge
from lvcad.tools.measure import describe_measurement
from lvcad.tools.pick import crosses, in_window, pick_distance
from lvcad.tools.snap import ALL_MODES, SnapKind, find_snap, perpendicular_feet
from lvcad_geometry import Arc, BBox, Line, Polyline, Vec2

LAST = Vec2(10.0, 20.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3,4", Vec2(3, 4)),
        (" -1.5 , 2e1 ", Vec2(-1.5, 20)),
        ("#7,8", Vec2(7, 8)),
        ("@5,-5", Vec2(15, 15)),
        ("@", LAST),
        ("@ 0 , 0", LAST),
        ("10<0", Vec2(10, 0)),
    ],
)
def test_points(text: str, expected: Vec2) -> None:
    value = parse_input(text, LAST)
    assert isinstance(value, PointInput)
    assert value.point.isclose(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@10<90", (10, 30)),
        ("@10<180", (0, 20)),
        ("@2<-45", (10 + math.sqrt(2), 20 - math.sqrt(2))),
    ],
)
def test_polar_points_are_relative_in_degrees_counter_clockwise(
    text: str, expected: tuple[float, float]
) -> None:
    value = parse_input(text, LAST)
    assert isinstance(value, PointInput)
    assert value.point.isclose(expected)


def test_distances_keywords_and_enter() -> None:
    assert parse_input("12.5") == DistanceInput(12.5)
    assert parse_input("-3") == DistanceInput(-3.0)
    assert parse_input("close") == KeywordInput("CLOSE")
    assert parse_input("pl") == KeywordInput("PL")
    assert parse_input("") == EnterInput()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("@3,4", "no last point"),
        ("1,2,3", "x,y"),
        ("a,b", "not a number"),
        ("@5<north", "not a number"),
        ("1e999", "finite"),
        ("3 4", "cannot read"),
        ("nan,1", "finite"),
    ],
)
def test_bad_input_says_what_is_wrong(text: str, message: str) -> None:
    last = None if text == "@3,4" else LAST
    with pytest.raises(InputError, match=message):
        parse_input(text, last)


# -- snap -------------------------------------------------------------------------------

WALLS = [Line((0, 0), (10, 0)), Line((10, 0), (10, 8))]


def snap(cursor: tuple[float, float], shapes: list, **kwargs: object):  # type: ignore[no-untyped-def]
    return find_snap(Vec2(*cursor), shapes, tolerance=0.5, **kwargs)  # type: ignore[arg-type]


def test_endpoint_midpoint_center_and_none() -> None:
    assert snap((9.7, 0.2), WALLS).kind is SnapKind.ENDPOINT
    assert snap((5.2, -0.1), WALLS).point == Vec2(5, 0)
    circle = Arc((20, 20), 3.0, 0.0, 2 * math.pi)
    found = snap((20.3, 19.8), [circle])
    assert found.kind is SnapKind.CENTER
    assert found.point == Vec2(20, 20)
    assert snap((3, 3), WALLS) is None


def test_intersection_of_crossing_lines() -> None:
    shapes = [Line((0, 0), (10, 10)), Line((0, 6), (9, 6))]
    found = snap((6.1, 5.9), shapes)
    assert found.kind is SnapKind.INTERSECTION
    assert found.point.isclose((6, 6))


def test_perpendicular_needs_a_from_point() -> None:
    shapes = [Line((0, 0), (20, 0))]
    assert snap((7.2, 0.3), shapes) is None
    found = snap((7.2, 0.3), shapes, from_point=Vec2(7, 9))
    assert found.kind is SnapKind.PERPENDICULAR
    assert found.point == Vec2(7, 0)
    arc = Arc((0, 0), 5.0, 0.0, math.pi)
    assert perpendicular_feet(arc, Vec2(0, 10)) == [Vec2(0, 5)] or perpendicular_feet(
        arc, Vec2(0, 10)
    )[0].isclose((0, 5))


def test_nearest_only_when_enabled_and_lowest_priority() -> None:
    assert snap((3, 0.2), WALLS) is None
    found = snap((3, 0.2), WALLS, modes=ALL_MODES)
    assert found.kind is SnapKind.NEAREST
    assert found.point == Vec2(3, 0)
    # an endpoint within tolerance beats a nearer "nearest" point
    assert snap((9.7, 0.05), WALLS, modes=ALL_MODES).kind is SnapKind.ENDPOINT


def test_insertion_points_and_polyline_points() -> None:
    found = snap((1.1, 1.0), [], insertion_points=[Vec2(1, 1)])
    assert found.kind is SnapKind.INSERTION
    slot = Polyline([(0, 0), (10, 0), (10, 2), (0, 2)], bulges=[0, 1, 0, 1], closed=True)
    assert snap((10.2, 2.1), [slot]).kind is SnapKind.ENDPOINT
    assert snap((5.1, 0.1), [slot]).point == Vec2(5, 0)
    assert snap((11.1, 1.0), [slot]).point.isclose((11, 1))  # the bulge's midpoint
    assert snap((10.1, 1.1), [slot]).kind is SnapKind.CENTER


def test_snap_to_many_vertex_polyline_uses_arrays() -> None:
    xs = [float(i) for i in range(2000)]
    zigzag = Polyline([(x, (i % 2) * 5.0) for i, x in enumerate(xs)])
    found = snap((1000.1, 0.2), [zigzag])
    assert found.kind is SnapKind.ENDPOINT
    assert found.point == Vec2(1000, 0)


# -- picking ----------------------------------------------------------------------------


def test_pick_distances() -> None:
    wall = LineEntity(geometry=Line((0, 0), (10, 0)))
    assert pick_distance(wall, Vec2(5, 2), Unit.INCH, {}) == 2
    device = DeviceCatalog.builtin().new_device("smoke_detector", (50, 50))
    assert pick_distance(device, Vec2(52, 52), Unit.INCH, {}) == 0.0
    assert pick_distance(device, Vec2(60, 50), Unit.INCH, {}) == pytest.approx(4.0)
    text = TextEntity(position=Vec2(0, 0), text="ROOM", height=10.0)
    assert pick_distance(text, Vec2(5, 5), Unit.INCH, {}) == 0.0


def test_window_and_crossing() -> None:
    room = PolylineEntity(geometry=Polyline([(0, 0), (10, 0), (10, 10), (0, 10)], closed=True))
    assert in_window(room, BBox(-1, -1, 11, 11), Unit.INCH, {})
    assert not in_window(room, BBox(-1, -1, 5, 11), Unit.INCH, {})
    assert crosses(room, BBox(-1, -1, 5, 11), Unit.INCH, {})
    assert not crosses(room, BBox(2, 2, 8, 8), Unit.INCH, {})  # inside, touching nothing
    device = DeviceCatalog.builtin().new_device("smoke_detector", (50, 50))
    assert crosses(device, BBox(49, 49, 51, 51), Unit.INCH, {})


def test_tangent_bulge_and_measurement_text() -> None:
    assert tangent_bulge(Vec2(0, 0), Vec2(2, 0), Vec2(1, 0)) == 0.0
    assert tangent_bulge(Vec2(0, 0), Vec2(2, 0), Vec2(0, -1)) == pytest.approx(1.0)
    assert tangent_bulge(Vec2(0, 0), Vec2(0, 0), Vec2(1, 0)) == 0.0
    assert describe_measurement(Vec2(0, 0), Vec2(0, -2), "mm").startswith(
        "distance 2.000 mm, angle 270.00°"
    )
