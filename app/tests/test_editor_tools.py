"""Each tool driven through the real main window with synthetic mouse and key events;
the document is checked, then undone and redone."""

from __future__ import annotations

import math
from typing import Any

import pytest
from PySide6.QtCore import Qt

from lvcad.commands import AddEntities, PlaceDevice
from lvcad.model import (
    Device,
    DeviceCatalog,
    LineEntity,
    PolylineEntity,
    Wire,
)
from lvcad.tools import SelectTool
from lvcad_geometry import Line, Vec2

CATALOG = DeviceCatalog.builtin()
ESC = Qt.Key.Key_Escape


def entities(window: Any, kind: type) -> list[Any]:
    return [entity for entity in window.document if isinstance(entity, kind)]


def undo_redo(window: Any, check_before: Any, check_after: Any) -> None:
    """Undo the last step (checking the document), then redo it."""
    check_after()
    window.undo_stack.undo()
    check_before()
    window.undo_stack.redo()
    check_after()


def add_lines(window: Any, *lines: tuple[tuple[float, float], tuple[float, float]]) -> list[str]:
    made = [LineEntity(geometry=Line(a, b)) for a, b in lines]
    window.run(AddEntities(made))
    return [line.id for line in made]


def test_line_tool_by_clicks_then_undo_redo(window: Any, drive: Any) -> None:
    window.actions_by_key["line"].trigger()
    assert window.tool_label.text() == "Line"
    drive.click(10, 10)
    drive.click(60, 10)
    drive.click(60, 40)
    drive.key(ESC)
    assert isinstance(window.tools.active, SelectTool)
    lines = entities(window, LineEntity)
    assert len(lines) == 2
    assert lines[0].geometry.start.isclose((10, 10), abs_tol=0.5)
    assert lines[1].geometry.end.isclose((60, 40), abs_tol=0.5)
    assert window.undo_stack.count() == 2
    undo_redo(
        window,
        lambda: len(entities(window, LineEntity)) == 1 or pytest.fail("undo"),
        lambda: len(entities(window, LineEntity)) == 2 or pytest.fail("redo"),
    )
    assert window.isWindowModified()


def test_line_tool_snaps_to_an_endpoint(window: Any, drive: Any) -> None:
    add_lines(window, ((0, 0), (40, 0)))
    window.actions_by_key["line"].trigger()
    drive.click(40.9, 1.2)  # within 10 px (5 in at 2 px/in) of the end point
    assert window.scene.snap_marker.isVisible()
    assert window.scene.snap_marker.kind == "endpoint"
    drive.click(40.9, 30)
    drive.key(ESC)
    line = entities(window, LineEntity)[-1]
    assert line.geometry.start == Vec2(40, 0)


def test_line_tool_typed_absolute_relative_polar_and_distance(window: Any, drive: Any) -> None:
    drive.type("L", "0,0", "@30,0", "@10<90")
    drive.move(30, 100)  # the cursor gives the direction of a typed distance
    drive.type("5", "")
    lines = entities(window, LineEntity)
    assert [tuple(line.geometry) for line in lines] == [
        (Vec2(0, 0), Vec2(30, 0)),
        (Vec2(30, 0), Vec2(30, 10)),
        (Vec2(30, 10), Vec2(30, 15)),
    ] or all(
        a.isclose(b)
        for line, expected in zip(
            lines, [((0, 0), (30, 0)), ((30, 0), (30, 10)), ((30, 10), (30, 15))], strict=True
        )
        for a, b in zip(line.geometry, expected, strict=True)
    )
    assert isinstance(window.tools.active, SelectTool)  # Enter finished the tool
    drive.type("")  # Enter again repeats the last tool
    assert window.tool_label.text() == "Line"


def test_line_tool_undo_and_close_options(window: Any, drive: Any) -> None:
    drive.type("LINE", "0,0", "10,0", "10,10", "U")
    assert len(entities(window, LineEntity)) == 1
    drive.type("10,10", "C")
    lines = entities(window, LineEntity)
    assert len(lines) == 3
    assert lines[-1].geometry.end == Vec2(0, 0)


def test_bad_typed_input_is_reported_not_raised(window: Any, drive: Any) -> None:
    drive.type("L", "@3,4")
    assert "no last point" in window.command_line.history.toPlainText()
    drive.type("1,2,3")
    assert "x,y" in window.command_line.history.toPlainText()
    drive.type("nonsense")
    assert "not understood" in window.command_line.history.toPlainText()


def test_polyline_with_an_arc_segment(window: Any, drive: Any) -> None:
    window.actions_by_key["polyline"].trigger()
    drive.click(0, 0)
    drive.click(40, 0)
    drive.type("A")
    drive.click(40, 40)  # arc tangent to the first segment: a half circle to the left
    drive.type("L")
    drive.double_click(0, 40)
    [polyline] = entities(window, PolylineEntity)
    geometry = polyline.geometry
    assert len(geometry) == 4
    assert geometry.bulges[0] == 0.0
    assert geometry.bulges[1] == pytest.approx(1.0, abs=0.05)
    assert window.undo_stack.count() == 1
    undo_redo(
        window,
        lambda: entities(window, PolylineEntity) == [] or pytest.fail("undo"),
        lambda: len(entities(window, PolylineEntity)) == 1 or pytest.fail("redo"),
    )


def test_polyline_close_and_escape(window: Any, drive: Any) -> None:
    drive.type("PL", "0,0", "20,0", "20,20", "C")
    [polyline] = entities(window, PolylineEntity)
    assert polyline.geometry.closed
    drive.type("PL", "0,0", "5,5")
    drive.key(ESC)
    assert len(entities(window, PolylineEntity)) == 1


def test_select_click_shift_window_and_crossing(window: Any, drive: Any) -> None:
    a, b, c = add_lines(window, ((0, 0), (20, 0)), ((0, 20), (20, 20)), ((30, 0), (30, 60)))
    drive.click(10, 0.5)
    assert window.scene.selected_ids() == [a]
    drive.click(10, 20, modifiers=Qt.KeyboardModifier.ShiftModifier)
    assert window.scene.selected_ids() == [a, b]
    drive.click(10, 20, modifiers=Qt.KeyboardModifier.ShiftModifier)
    assert window.scene.selected_ids() == [a]
    drive.click(100, 100)
    assert window.scene.selected_ids() == []
    drive.drag((-5, -5), (25, 25))  # window, left to right: c is only partly inside
    assert window.scene.selected_ids() == [a, b]
    drive.drag((35, 25), (25, -5))  # crossing, right to left: touches c only
    assert window.scene.selected_ids() == [c]
    drive.drag((-5, 10), (25, 25), modifiers=Qt.KeyboardModifier.ShiftModifier)
    assert window.scene.selected_ids() == [b, c]
    drive.key(ESC)
    assert window.scene.selected_ids() == []
    window.actions_by_key["select_all"].trigger()
    assert window.scene.selected_ids() == [a, b, c]


def test_locked_and_hidden_layers_are_not_picked(window: Any, drive: Any) -> None:
    [a] = add_lines(window, ((0, 0), (20, 0)))
    dock = window.layers_dock
    lock = dock.table.item(dock.row_of("0"), 2)
    lock.setCheckState(Qt.CheckState.Checked)
    assert window.document.layers["0"].locked
    drive.click(10, 0)
    assert window.scene.selected_ids() == []
    window.undo_stack.undo()
    drive.click(10, 0)
    assert window.scene.selected_ids() == [a]


def test_delete_selection_and_undo(window: Any, drive: Any) -> None:
    a, b = add_lines(window, ((0, 0), (20, 0)), ((0, 20), (20, 20)))
    drive.click(10, 0)
    window.actions_by_key["delete"].trigger()
    assert a not in window.document
    assert b in window.document
    undo_redo(
        window,
        lambda: a in window.document or pytest.fail("undo"),
        lambda: a not in window.document or pytest.fail("redo"),
    )
    # with nothing selected, Delete asks for objects first
    window.actions_by_key["delete"].trigger()
    drive.click(10, 20)
    drive.key(Qt.Key.Key_Return)
    assert b not in window.document


def test_move_by_clicks_and_by_typed_offset(window: Any, drive: Any) -> None:
    [a] = add_lines(window, ((0, 0), (20, 0)))
    drive.click(10, 0)
    window.actions_by_key["move"].trigger()
    drive.click(0, 0)  # snaps to the endpoint
    drive.click(10, 30)
    moved = window.document.get(a).geometry.start
    assert moved.isclose((10, 30), abs_tol=0.5)
    undo_redo(
        window,
        lambda: window.document.get(a).geometry.start == Vec2(0, 0) or pytest.fail("undo"),
        lambda: window.document.get(a).geometry.start.isclose(moved) or pytest.fail("redo"),
    )
    drive.type("M", "0,0", "@5,-5")
    assert window.document.get(a).geometry.start.isclose(moved + Vec2(5, -5))


def test_move_asks_for_objects_when_nothing_is_selected(window: Any, drive: Any) -> None:
    [a] = add_lines(window, ((0, 0), (20, 0)))
    drive.type("M")
    assert "select objects" in window.command_line.prompt.text()
    drive.click(10, 0)
    drive.type("", "0,0", "0,10")
    assert window.document.get(a).geometry.start == Vec2(0, 10)


def test_copy_repeats_until_enter(window: Any, drive: Any) -> None:
    [a] = add_lines(window, ((0, 0), (20, 0)))
    window.tools.set_selection([a])
    drive.type("CO", "0,0", "@0,10", "@0,20", "")
    lines = entities(window, LineEntity)
    assert sorted(line.geometry.start.y for line in lines) == [0, 10, 20]
    assert window.undo_stack.count() == 3
    window.undo_stack.undo()
    assert len(entities(window, LineEntity)) == 2


def test_rotate_by_typed_angle_and_by_click(window: Any, drive: Any) -> None:
    [a] = add_lines(window, ((0, 0), (20, 0)))
    window.tools.set_selection([a])
    drive.type("RO", "0,0", "90")
    assert window.document.get(a).geometry.end.isclose((0, 20))
    window.undo_stack.undo()
    assert window.document.get(a).geometry.end == Vec2(20, 0)
    window.tools.set_selection([a])
    window.actions_by_key["rotate"].trigger()
    drive.click(0, 0)
    drive.click(-30, 0.2)
    assert window.document.get(a).geometry.end.isclose((-20, 0), abs_tol=0.5)


def test_measure_reports_without_changing_the_document(window: Any, drive: Any) -> None:
    window.actions_by_key["measure"].trigger()
    drive.type("0,0", "30,40")
    assert window.tools.active.result[2] == 50.0
    assert "distance 50.000 in" in window.command_line.history.toPlainText()
    assert window.undo_stack.count() == 0
    drive.key(ESC)


def test_device_placement_from_the_palette_with_snapping(window: Any, drive: Any) -> None:
    add_lines(window, ((0, 0), (40, 0)))
    dock = window.palette_dock
    dock.list.itemClicked.emit(dock.item_of("smoke_detector"))
    assert window.tool_label.text() == "Place device"
    drive.click(20.8, 1.0)  # snaps to the line's midpoint
    drive.click(60, 60)
    drive.key(ESC)
    devices = entities(window, Device)
    assert [d.label for d in devices] == ["SD-1", "SD-2"]
    assert devices[0].position == Vec2(20, 0)
    assert devices[0].layer == "FA-SMOKE"
    assert "FA-SMOKE" in window.document.layers
    undo_redo(
        window,
        lambda: len(entities(window, Device)) == 1 or pytest.fail("undo"),
        lambda: len(entities(window, Device)) == 2 or pytest.fail("redo"),
    )
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert "FA-SMOKE" not in window.document.layers  # the layer came with the first device


def test_device_placement_from_the_menu_with_typed_point(window: Any, drive: Any) -> None:
    window.actions_by_key["place_horn_strobe"].trigger()
    drive.type("100,50")
    [device] = entities(window, Device)
    assert device.device_type == "horn_strobe"
    assert device.position == Vec2(100, 50)


def test_wire_routing_between_devices(window: Any, drive: Any) -> None:
    window.run(PlaceDevice(CATALOG.new_device("fire_alarm_control_panel", (0, 0), id="panel")))
    window.run(PlaceDevice(CATALOG.new_device("smoke_detector", (80, 60), id="sd")))
    window.circuit_edit.setText("SLC-2")
    window.circuit_edit.editingFinished.emit()
    window.actions_by_key["wire"].trigger()
    drive.click(40, 40)  # not a device: refused
    assert "starts at a device" in window.command_line.history.toPlainText()
    drive.click(1, 1)
    drive.click(80, 0.3)
    drive.click(81, 61)
    [wire] = entities(window, Wire)
    assert wire.devices == ("panel", "sd")
    assert wire.circuit == "SLC-2"
    assert wire.path.vertices[0] == Vec2(0, 0)
    assert wire.path.vertices[-1] == Vec2(80, 60)
    assert wire.path.vertices[1].isclose((80, 0), abs_tol=1.0)
    assert window.tools.active.name == "Wire"  # ready for the next wire
    undo_redo(
        window,
        lambda: entities(window, Wire) == [] or pytest.fail("undo"),
        lambda: len(entities(window, Wire)) == 1 or pytest.fail("redo"),
    )
    # moving a device drags its wire end along
    window.tools.reset()
    window.tools.set_selection(["sd"])
    drive.type("M", "80,60", "@0,10")
    [wire] = entities(window, Wire)
    assert wire.path.vertices[-1] == Vec2(80, 70)
    # Enter ends a wire at its last corner, connected to the start device only
    drive.type("W")
    drive.click(0, 0)
    drive.click(0, -50)
    drive.key(Qt.Key.Key_Return)
    assert entities(window, Wire)[-1].devices == ("panel",)


def test_arrow_keys_nudge_the_selection_as_one_undo_step(window: Any, drive: Any) -> None:
    [a] = add_lines(window, ((0, 0), (20, 0)))
    window.tools.set_selection([a])
    step = window.view.grid_spacing()
    for _ in range(3):
        drive.key(Qt.Key.Key_Right)
    assert window.document.get(a).geometry.start.isclose((3 * step, 0))
    assert window.undo_stack.count() == 2  # the add, then one merged move
    window.undo_stack.undo()
    assert window.document.get(a).geometry.start == Vec2(0, 0)


def test_escape_in_the_command_line_cancels(window: Any, drive: Any) -> None:
    drive.type("L", "0,0")
    window.command_line.entry.escape_pressed.emit()
    assert isinstance(window.tools.active, SelectTool)
    assert entities(window, LineEntity) == []


def test_typing_over_the_drawing_goes_to_the_command_line(window: Any, drive: Any) -> None:
    drive.key(Qt.Key.Key_L, text="l")
    assert window.command_line.entry.text() == "l"


def test_right_click_finishes_a_polyline(window: Any, drive: Any) -> None:
    drive.type("PL", "0,0", "10,0", "10,10")
    drive.click(50, 50, button=Qt.MouseButton.RightButton)
    assert len(entities(window, PolylineEntity)) == 1


def test_snap_can_be_switched_off(window: Any, drive: Any) -> None:
    add_lines(window, ((0, 0), (40, 0)))
    window.actions_by_key["snap"].trigger()
    assert not window.tools.snap_enabled
    drive.type("L")
    drive.click(40.9, 1.2)
    drive.click(40.9, 30)
    line = entities(window, LineEntity)[-1]
    assert not line.geometry.start.isclose((40, 0))
    assert math.isclose(line.geometry.start.x, 40.9, abs_tol=0.5)
