"""Entities and the other value types: immutable, checked on construction."""

from __future__ import annotations

import dataclasses
import math
from datetime import UTC, datetime

import pytest

from lvcad.model import (
    ENTITY_TYPES,
    ArcEntity,
    BlockDefinition,
    CircleEntity,
    Color,
    Device,
    Insert,
    Layer,
    LineEntity,
    Metadata,
    PolylineEntity,
    PropertyMap,
    TextEntity,
    Underlay,
    UnderlayLayer,
    Wire,
)
from lvcad.model.checks import check_finite, check_id, check_name, check_type
from lvcad_geometry import Arc, Line, Polyline, Transform, Vec2

LINE = Line((0, 0), (1, 0))
PATH = Polyline([(0, 0), (5, 0), (5, 5)])


def test_entities_get_a_fresh_id_and_default_layer() -> None:
    a, b = LineEntity(geometry=LINE), LineEntity(geometry=LINE)
    assert a.id != b.id
    assert len(a.id) == 16
    assert a.layer == "0"
    assert a.color is None


def test_entities_are_frozen_hashable_values() -> None:
    line = LineEntity(id="a", geometry=LINE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        line.layer = "x"  # type: ignore[misc]
    same = LineEntity(id="a", geometry=Line((0.0, 0.0), (1.0, 0.0)))
    assert line == same
    assert hash(line) == hash(same)
    assert dataclasses.replace(line, layer="X").layer == "X"


def test_every_entity_type_is_registered_by_kind() -> None:
    assert list(ENTITY_TYPES) == [
        "line",
        "arc",
        "circle",
        "polyline",
        "text",
        "insert",
        "device",
        "wire",
    ]
    assert all(cls.kind == kind for kind, cls in ENTITY_TYPES.items())


@pytest.mark.parametrize("bad", ["", "has space", "x" * 65, "é", 7, None])
def test_bad_ids_are_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="an id is"):
        LineEntity(id=bad, geometry=LINE)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["", "tab\there", "x" * 256, "\ud800"])
def test_bad_layer_names_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="layer name"):
        LineEntity(geometry=LINE, layer=bad)


def test_wrong_geometry_types_are_refused() -> None:
    arc = Arc((0, 0), 1.0, 0.0, 1.0)
    with pytest.raises(TypeError, match="a line's geometry must be Line"):
        LineEntity(geometry=arc)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Arc"):
        ArcEntity(geometry=LINE)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Polyline"):
        PolylineEntity(geometry=LINE)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Color"):
        LineEntity(geometry=LINE, color=(1, 2, 3))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="0-255"):
        LineEntity(geometry=LINE, color=Color(256, 0, 0))


def test_points_given_as_tuples_become_vectors() -> None:
    circle = CircleEntity(center=(1, 2), radius=3)
    assert type(circle.center) is Vec2
    assert circle.center == (1.0, 2.0)
    assert type(circle.radius) is float
    assert circle.arc.is_full_circle
    assert circle.arc.radius == 3.0


@pytest.mark.parametrize("radius", [0.0, -1.0, math.nan, math.inf])
def test_circle_radius_must_be_positive_and_finite(radius: float) -> None:
    with pytest.raises(ValueError, match="radius"):
        CircleEntity(center=(0, 0), radius=radius)


def test_text_checks_height_rotation_and_characters() -> None:
    text = TextEntity(position=(0, 0), text="Line 1\nLine 2", height=2)
    assert text.height == 2.0
    assert text.rotation == 0.0
    with pytest.raises(ValueError, match="height"):
        TextEntity(position=(0, 0), text="x", height=0)
    with pytest.raises(TypeError, match="rotation must be a number"):
        TextEntity(position=(0, 0), text="x", height=1, rotation=True)
    with pytest.raises(ValueError, match="not valid Unicode"):
        TextEntity(position=(0, 0), text="bad \udc80", height=1)
    with pytest.raises(TypeError, match="anchor"):
        TextEntity(position=(0, 0), text="x", height=1, anchor="top_left")  # type: ignore[arg-type]


def test_insert_checks_scale_and_attributes() -> None:
    insert = Insert(block="B", position=(1, 1), scale_x=-1, attributes=PropertyMap({"TAG": "1"}))
    assert insert.scale_x == -1.0
    assert insert.scale_y == 1.0
    with pytest.raises(ValueError, match="scale_y cannot be 0"):
        Insert(block="B", position=(0, 0), scale_y=0)
    with pytest.raises(TypeError, match="attribute 'N' must be text"):
        Insert(block="B", position=(0, 0), attributes=PropertyMap({"N": 1}))
    with pytest.raises(ValueError, match="block name"):
        Insert(block="", position=(0, 0))


def test_device_fields() -> None:
    device = Device(device_type="smoke_detector", position=(3, 4), rotation=1)
    assert device.position == Vec2(3.0, 4.0)
    assert device.rotation == 1.0
    assert device.model == ""
    assert device.label == ""
    assert device.properties == {}
    with pytest.raises(ValueError, match="an id is"):
        Device(device_type="smoke detector", position=(0, 0))
    with pytest.raises(TypeError, match="PropertyMap"):
        Device(device_type="x", position=(0, 0), properties={"a": 1})  # type: ignore[arg-type]


def test_wire_is_open_and_lists_devices_once() -> None:
    wire = Wire(path=PATH, circuit="SLC-1", devices=["a", "b"])  # type: ignore[arg-type]
    assert wire.devices == ("a", "b")
    with pytest.raises(ValueError, match="must be open"):
        Wire(path=Polyline([(0, 0), (1, 0), (1, 1)], closed=True))
    with pytest.raises(ValueError, match="twice"):
        Wire(path=PATH, devices=("a", "a"))
    with pytest.raises(ValueError, match="an id is"):
        Wire(path=PATH, devices=("not valid",))


def test_property_map_is_an_immutable_hashable_mapping() -> None:
    props = PropertyMap({"candela": 75, "wall": True, "tap": 0.5, "name": "x"})
    assert props == {"name": "x", "tap": 0.5, "wall": True, "candela": 75}
    assert hash(props) == hash(PropertyMap(reversed(list(props.items()))))
    assert props.set("candela", 110)["candela"] == 110
    assert props["candela"] == 75
    assert "name" not in props.without("name")
    assert props.without("missing") == props
    assert props.to_dict() == dict(props)
    assert repr(props).startswith("PropertyMap(")
    with pytest.raises(AttributeError, match="immutable"):
        props._data = {}  # type: ignore[misc]


@pytest.mark.parametrize(
    ("items", "error"),
    [
        ({"x": math.nan}, ValueError),
        ({"x": [1]}, TypeError),
        ({"x": None}, TypeError),
        ({"": 1}, ValueError),
        ({1: 1}, TypeError),
        ({"x": "\ud800"}, ValueError),
    ],
)
def test_property_map_refuses_values_a_file_cannot_hold(items: dict, error: type) -> None:
    with pytest.raises(error):
        PropertyMap(items)


def test_colors() -> None:
    assert Color.from_hex("#0A141e") == Color(10, 20, 30)
    assert Color(10, 20, 30).hex == "#0a141e"
    for bad in ("0a141e", "#0a141", "#0a141g", 5):
        with pytest.raises(ValueError, match="#rrggbb"):
            Color.from_hex(bad)
    with pytest.raises(ValueError, match="0-255"):
        Color(1.5, 0, 0).check()  # type: ignore[arg-type]


def test_layers() -> None:
    layer = Layer("FA-SMOKE", Color(255, 0, 0), visible=False)
    assert (layer.visible, layer.locked) == (False, False)
    with pytest.raises(TypeError, match="visible"):
        Layer("X", visible=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="colour"):
        Layer("X", color="#ffffff")  # type: ignore[arg-type]


def test_blocks_hold_drawing_entities_only() -> None:
    block = BlockDefinition("B", (1, 2), [LineEntity(id="a", geometry=LINE)])  # type: ignore[arg-type]
    assert block.base_point == Vec2(1.0, 2.0)
    assert isinstance(block.entities, tuple)
    assert block.layer_names() == {"0"}
    with pytest.raises(TypeError, match="cannot contain a Device"):
        BlockDefinition("B", entities=(Device(device_type="x", position=(0, 0)),))
    with pytest.raises(ValueError, match="two entities with id 'a'"):
        BlockDefinition("B", entities=(LineEntity(id="a", geometry=LINE),) * 2)


def test_underlay() -> None:
    underlay = Underlay("plan.dxf", Transform(2, 0, 1, 0, 2, 1))  # type: ignore[arg-type]
    assert all(type(v) is float for v in underlay.transform)
    assert underlay.layer_state("A") == UnderlayLayer("A")
    hidden = underlay.with_layer(UnderlayLayer("A", visible=False))
    assert not hidden.layer_state("A").visible
    assert hidden.with_layer(UnderlayLayer("A")).layers == (UnderlayLayer("A"),)
    with pytest.raises(ValueError, match="source path"):
        Underlay("")
    with pytest.raises(ValueError, match="determinant 0"):
        Underlay("a.dxf", Transform(0.0, 0.0, 0.0, 0.0, 0.0, 0.0))
    with pytest.raises(ValueError, match="finite"):
        Underlay("a.dxf", Transform(math.nan))
    with pytest.raises(ValueError, match="listed twice"):
        Underlay("a.dxf", layers=(UnderlayLayer("A"), UnderlayLayer("A")))
    with pytest.raises(TypeError, match="layer state"):
        Underlay("a.dxf", layers=("A",))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="locked"):
        UnderlayLayer("A", locked=None)  # type: ignore[arg-type]


def test_metadata_times_must_know_their_time_zone() -> None:
    Metadata(created=datetime(2026, 1, 1, tzinfo=UTC))
    with pytest.raises(ValueError, match="timezone-aware"):
        Metadata(modified=datetime(2026, 1, 1))
    with pytest.raises(TypeError, match="text"):
        Metadata(title=None)  # type: ignore[arg-type]


def test_checks() -> None:
    assert check_id("a-1.b:c_d") == "a-1.b:c_d"
    assert check_name("Layer ✓", "a name") == "Layer ✓"
    assert check_finite(3, "x") == 3.0
    with pytest.raises(TypeError, match="must be int or str"):
        check_type(1.5, (int, str), "x")
