"""Undoable commands (Qt-free): each makes one change, undo restores, redo remakes."""

from __future__ import annotations

import math

import pytest

from lvcad.commands import (
    AddEntities,
    AddLayer,
    Command,
    CommandError,
    CopyEntities,
    DeleteEntities,
    EditEntities,
    MoveEntities,
    PlaceDevice,
    RotateEntities,
    RouteWire,
    SetLayer,
    next_label,
    record_changes,
)
from lvcad.model import (
    ArcEntity,
    CircleEntity,
    Color,
    DeviceCatalog,
    Document,
    Insert,
    Layer,
    LineEntity,
    PolylineEntity,
    TextEntity,
    Unit,
    Wire,
)
from lvcad.model.errors import ModelError
from lvcad_geometry import Arc, Line, Polyline, Vec2

CATALOG = DeviceCatalog.builtin()


def wired_document() -> Document:
    """Two detectors joined by a wire, and a line."""
    doc = Document(Unit.INCH)
    PlaceDevice(CATALOG.new_device("smoke_detector", (0, 0), id="a", label="SD-1")).redo(doc)
    PlaceDevice(CATALOG.new_device("smoke_detector", (100, 0), id="b", label="SD-2")).redo(doc)
    RouteWire(
        Wire(
            id="w",
            layer="FA-WIRE",
            circuit="SLC-1",
            devices=("a", "b"),
            path=Polyline([(0, 0), (50, 20), (100, 0)]),
        )
    ).redo(doc)
    AddEntities([LineEntity(id="l", geometry=Line((0, 50), (10, 50)))]).redo(doc)
    return doc


def snapshot(doc: Document) -> tuple[object, ...]:
    return (list(doc.layers.values()), list(doc))


def check_undo_redo(doc: Document, command: Command) -> None:
    """Run ``command``; undo must restore the document exactly and redo remake it."""
    before = snapshot(doc)
    command.redo(doc)
    after = snapshot(doc)
    assert after != before
    command.undo(doc)
    assert snapshot(doc) == before
    command.redo(doc)
    assert snapshot(doc) == after


def test_add_entities_adds_missing_layers_in_the_same_step() -> None:
    doc = Document(Unit.INCH)
    device = CATALOG.new_device("horn_strobe", (5, 5), id="hs")
    command = PlaceDevice(device, name="horn/strobe")
    check_undo_redo(doc, command)
    assert command.text == "Place horn/strobe"
    assert doc.layers["FA-HORN-STROBE"].color == Color(255, 0, 0)
    command.undo(doc)
    assert "FA-HORN-STROBE" not in doc.layers


def test_delete_of_a_device_takes_its_wires_and_undo_restores_draw_order() -> None:
    doc = wired_document()
    order = list(doc.entities)
    command = DeleteEntities(["a"])
    check_undo_redo(doc, command)
    assert command.text == "Delete 2 entities"
    assert "w" not in doc
    assert "a" not in doc
    assert "b" in doc
    command.undo(doc)
    assert list(doc.entities) == order


def test_move_drags_the_ends_of_connected_wires() -> None:
    doc = wired_document()
    command = MoveEntities(["b"], Vec2(0, 30))
    check_undo_redo(doc, command)
    wire = doc.get("w")
    assert isinstance(wire, Wire)
    assert wire.path.vertices == (Vec2(0, 0), Vec2(50, 20), Vec2(100, 30))


def test_move_of_device_and_wire_together_moves_the_wire_once() -> None:
    doc = wired_document()
    MoveEntities(["a", "b", "w"], Vec2(10, 0)).redo(doc)
    wire = doc.get("w")
    assert isinstance(wire, Wire)
    assert wire.path.vertices[0] == Vec2(10, 0)


def test_rotate_turns_geometry_and_device_rotation() -> None:
    doc = wired_document()
    command = RotateEntities(["l", "a"], Vec2(0, 0), math.pi / 2)
    check_undo_redo(doc, command)
    line = doc.get("l")
    assert isinstance(line, LineEntity)
    assert line.geometry.start.isclose((-50, 0))
    assert line.geometry.end.isclose((-50, 10))
    device = doc.get("a")
    assert device is not None
    assert math.isclose(device.rotation, math.pi / 2)


def test_every_entity_kind_can_be_moved_and_rotated(sample_document) -> None:  # type: ignore[no-untyped-def]
    doc = sample_document()
    ids = list(doc.entities)
    check_undo_redo(doc, MoveEntities(ids, Vec2(5, -5)))
    check_undo_redo(doc, RotateEntities(ids, Vec2(1, 2), 0.3))
    kinds = {type(doc.get(i)) for i in ids}
    assert {LineEntity, ArcEntity, CircleEntity, PolylineEntity, TextEntity, Insert} <= kinds


def test_copy_makes_new_ids_and_keeps_wires_only_between_copied_devices() -> None:
    doc = wired_document()
    command = CopyEntities(["a", "b", "w"], Vec2(0, 100))
    check_undo_redo(doc, command)
    assert len(command.new_ids) == 3
    assert not set(command.new_ids) & {"a", "b", "w"}
    copies = [doc.get(i) for i in command.new_ids]
    wire = next(c for c in copies if isinstance(c, Wire))
    assert set(wire.devices) == set(command.new_ids[:2])
    lone = CopyEntities(["w"], Vec2(0, -100))
    lone.redo(doc)
    copied = doc.get(lone.new_ids[0])
    assert isinstance(copied, Wire)
    assert copied.devices == ()


def test_edit_merges_consecutive_edits_of_one_field() -> None:
    doc = wired_document()
    device = doc.get("a")
    assert device is not None
    first = EditEntities([_with_label(device, "X")], key=("a", "label"))
    first.redo(doc)
    second = EditEntities([_with_label(doc.get("a"), "XY")], key=("a", "label"))
    second.redo(doc)
    assert first.merge(second)
    first.undo(doc)
    assert doc.get("a").label == "SD-1"  # type: ignore[union-attr]
    other = EditEntities([_with_label(doc.get("a"), "Z")], key=("a", "model"))
    other.redo(doc)
    assert not first.merge(other)


def _with_label(entity: object, label: str) -> object:
    import dataclasses

    return dataclasses.replace(entity, label=label)  # type: ignore[type-var]


def test_nudges_of_one_selection_merge_but_moves_do_not() -> None:
    doc = wired_document()
    first = MoveEntities(["l"], Vec2(1, 0), nudge=True)
    first.redo(doc)
    second = MoveEntities(["l"], Vec2(1, 0), nudge=True)
    second.redo(doc)
    assert first.merge(second)
    first.undo(doc)
    assert doc.get("l").geometry.start == Vec2(0, 50)  # type: ignore[union-attr]
    plain = MoveEntities(["l"], Vec2(1, 0))
    plain.redo(doc)
    again = MoveEntities(["l"], Vec2(1, 0))
    again.redo(doc)
    assert not plain.merge(again)


def test_layers_can_be_added_and_changed() -> None:
    doc = Document()
    check_undo_redo(doc, AddLayer(Layer("E-CABLE")))
    assert SetLayer(doc.layers["E-CABLE"], locked=True).text == "Lock layer 'E-CABLE'"
    check_undo_redo(doc, SetLayer(doc.layers["E-CABLE"], color=Color(1, 2, 3), visible=False))
    assert doc.layers["E-CABLE"] == Layer("E-CABLE", Color(1, 2, 3), visible=False)
    with pytest.raises(CommandError):
        SetLayer(doc.layers["E-CABLE"])


def test_a_failing_command_changes_nothing() -> None:
    doc = wired_document()
    before = snapshot(doc)

    class Broken(Command):
        def perform(self, document: Document) -> None:
            document.add_layer(Layer("TEMP"))
            document.remove("missing")

    with pytest.raises(ModelError):
        Broken("broken").redo(doc)
    assert snapshot(doc) == before
    with pytest.raises(ValueError, match="draw"):
        record_changes(doc, lambda: (doc.add_layer(Layer("T2")), _fail()))
    assert "T2" not in doc.layers


def _fail() -> None:
    raise ValueError("draw failed")


def test_commands_on_missing_entities_are_refused() -> None:
    doc = Document()
    with pytest.raises(CommandError, match="no longer"):
        MoveEntities(["ghost"], Vec2(1, 1)).redo(doc)
    with pytest.raises(CommandError, match="nothing is selected"):
        DeleteEntities([]).redo(doc)
    with pytest.raises(CommandError):
        AddEntities([])


def test_next_label_counts_up_from_the_highest() -> None:
    doc = wired_document()
    assert next_label(doc, "SD") == "SD-3"
    assert next_label(doc, "HS") == "HS-1"


def test_arc_and_circle_geometry_survive_a_rotation() -> None:
    doc = Document()
    AddEntities(
        [
            ArcEntity(id="arc", geometry=Arc((10, 0), 5.0, 0.0, math.pi / 2)),
            CircleEntity(id="c", center=(10, 0), radius=2.0),
        ]
    ).redo(doc)
    RotateEntities(["arc", "c"], Vec2(0, 0), math.pi).redo(doc)
    arc = doc.get("arc")
    assert isinstance(arc, ArcEntity)
    assert arc.geometry.center.isclose((-10, 0))
    assert arc.geometry.sweep == pytest.approx(math.pi / 2)
    assert doc.get("c").center.isclose((-10, 0))  # type: ignore[union-attr]
