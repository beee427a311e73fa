"""Offset, fillet, chamfer, trim and extend driven through the real main window; the
geometry is checked exactly, then undone and redone."""

from __future__ import annotations

import math
from typing import Any

import pytest
from PySide6.QtCore import Qt

from lvcad.commands import AddEntities, PlaceDevice
from lvcad.model import (
    ArcEntity,
    CircleEntity,
    DeviceCatalog,
    Entity,
    Layer,
    LineEntity,
    PolylineEntity,
    Wire,
)
from lvcad.tools import SelectTool
from lvcad_geometry import Arc, Line, Polyline, Vec2

MODIFY_TOOLS = ("offset", "fillet", "chamfer", "trim", "extend")


def add(window: Any, *entities: Entity) -> list[str]:
    layers = [Layer(name) for name in dict.fromkeys(entity.layer for entity in entities)]
    assert window.run(AddEntities(entities, layers=layers))
    return [entity.id for entity in entities]


def of_kind(window: Any, kind: type) -> list[Any]:
    return [entity for entity in window.document if isinstance(entity, kind)]


def history(window: Any) -> str:
    return str(window.command_line.history.toPlainText())


def check_undo_redo(window: Any, before: Any, after: Any) -> None:
    """``after`` holds; undo: ``before`` holds; redo: ``after`` holds again."""
    assert after()
    window.undo_stack.undo()
    assert before()
    window.undo_stack.redo()
    assert after()


def same_line(entity: Any, start: tuple[float, float], end: tuple[float, float]) -> bool:
    return bool(entity.geometry.start.isclose(start) and entity.geometry.end.isclose(end))


def cross(window: Any) -> tuple[str, str]:
    """A horizontal line (0,0)-(100,0) and a vertical one (50,-50)-(50,50)."""
    a, b = add(
        window,
        LineEntity(layer="0", geometry=Line((0, 0), (100, 0))),
        LineEntity(layer="0", geometry=Line((50, -50), (50, 50))),
    )
    return a, b


def test_modify_tools_are_in_the_modify_menu_once(window: Any) -> None:
    menu = window.menuBar().findChild(type(window.recent_menu), "menu_modify")
    names = [action.objectName() for action in menu.actions() if not action.isSeparator()]
    for key in MODIFY_TOOLS:
        assert names.count(f"action_{key}") == 1
        owners = [
            other
            for other in window.menuBar().findChildren(type(menu))
            if f"action_{key}" in [action.objectName() for action in other.actions()]
        ]
        assert owners == [menu]


def test_offset_a_line_by_typed_distance_to_the_clicked_side(window: Any, drive: Any) -> None:
    [a] = add(window, LineEntity(layer="0", color=None, geometry=Line((0, 0), (100, 0))))
    drive.type("O", "10")
    drive.click(30, 0.5)  # pick the line
    drive.click(30, 25)  # left of it
    drive.click(70, 0.5)
    drive.click(70, -25)  # right of it
    drive.key(Qt.Key.Key_Escape)
    lines = of_kind(window, LineEntity)
    assert len(lines) == 3
    assert same_line(lines[1], (0, 10), (100, 10))
    assert same_line(lines[2], (0, -10), (100, -10))
    assert window.undo_stack.count() == 3
    check_undo_redo(
        window,
        lambda: len(of_kind(window, LineEntity)) == 2,
        lambda: len(of_kind(window, LineEntity)) == 3,
    )
    assert window.document.get(a).geometry == Line((0, 0), (100, 0))
    # the distance is remembered: Enter keeps it
    drive.type("O")
    assert "<10>" in window.command_line.prompt.text()


def test_offset_a_circle_inward_with_a_picked_distance(window: Any, drive: Any) -> None:
    [c] = add(window, CircleEntity(layer="0", center=(0, 0), radius=20.0))
    window.actions_by_key["offset"].trigger()
    drive.type("200,200", "@0,5")  # the distance from two points
    drive.click(20, 0.5)
    drive.click(8, 0)  # inside
    circles = of_kind(window, CircleEntity)
    assert [circle.radius for circle in circles] == [20.0, 15.0]
    assert circles[1].center == Vec2(0, 0)
    check_undo_redo(
        window,
        lambda: len(of_kind(window, CircleEntity)) == 1,
        lambda: len(of_kind(window, CircleEntity)) == 2,
    )
    assert window.document.get(c).radius == 20.0


def test_offset_an_arc_and_a_polyline(window: Any, drive: Any) -> None:
    add(
        window,
        ArcEntity(layer="A", geometry=Arc((0, 0), 20.0, 0.0, math.pi / 2)),
        PolylineEntity(layer="B", geometry=Polyline([(100, 0), (200, 0), (200, 50)])),
    )
    drive.type("O", "5")
    drive.click(20 * math.cos(0.7), 20 * math.sin(0.7))
    drive.click(40, 40)  # outside the arc's circle
    drive.click(150, 0.5)
    drive.click(150, 20)  # left of the polyline's travel
    arcs = of_kind(window, ArcEntity)
    assert arcs[1].geometry.radius == 25.0
    assert arcs[1].geometry.sweep == math.pi / 2
    assert arcs[1].layer == "A"
    [_, copy] = of_kind(window, PolylineEntity)
    assert copy.layer == "B"
    expected = [(100, 5), (195, 5), (195, 50)]
    assert all(v.isclose(e) for v, e in zip(copy.geometry.vertices, expected, strict=True))


def test_offset_of_a_wire_is_a_parallel_unconnected_run(window: Any, drive: Any) -> None:
    [w] = add(window, Wire(layer="FA-WIRE", circuit="NAC-2", path=Polyline([(0, 0), (100, 0)])))
    drive.type("O", "4")
    drive.click(50, 0.5)
    drive.click(50, -10)
    [_, copy] = of_kind(window, Wire)
    assert copy.circuit == "NAC-2"
    assert copy.devices == ()
    assert copy.path.vertices[0].isclose((0, -4))
    assert w in window.document


def test_offset_larger_than_an_arc_radius_changes_nothing(window: Any, drive: Any) -> None:
    add(window, CircleEntity(layer="0", center=(0, 0), radius=10.0))
    drive.type("O", "30")
    drive.click(10, 0.5)
    drive.click(2, 0)
    assert "nothing is left" in history(window)
    assert len(of_kind(window, CircleEntity)) == 1
    assert window.undo_stack.count() == 1


def test_fillet_two_lines_picks_decide_the_kept_parts(window: Any, drive: Any) -> None:
    a, b = cross(window)
    window.actions_by_key["fillet"].trigger()
    drive.click(20, 20)  # no radius yet: refused
    assert "type the radius first" in history(window)
    drive.type("10")
    drive.click(10, 0.5)
    drive.click(50.5, 40)
    assert isinstance(window.tools.active, SelectTool)
    first, second = window.document.get(a), window.document.get(b)
    assert same_line(first, (0, 0), (40, 0))
    assert same_line(second, (50, 10), (50, 50))
    [arc] = of_kind(window, ArcEntity)
    assert arc.geometry.radius == 10.0
    assert arc.geometry.center.isclose((40, 10))
    assert arc.geometry.start_point.isclose((40, 0))
    assert arc.geometry.end_point.isclose((50, 10))
    assert window.undo_stack.count() == 2  # the lines, then the whole fillet

    def before() -> bool:
        return (
            not of_kind(window, ArcEntity)
            and same_line(window.document.get(a), (0, 0), (100, 0))
            and same_line(window.document.get(b), (50, -50), (50, 50))
        )

    check_undo_redo(window, before, lambda: len(of_kind(window, ArcEntity)) == 1)
    # the radius is remembered
    drive.type("F")
    assert "<10>" in window.command_line.prompt.text()


def test_fillet_error_is_a_message_and_changes_nothing(window: Any, drive: Any) -> None:
    a, b = cross(window)
    drive.type("F", "1000")
    drive.click(10, 0.5)
    drive.click(50.5, 40)
    assert "does not fit" in history(window)
    assert "Traceback" not in history(window)
    assert "does not fit" in window.statusBar().currentMessage()
    assert same_line(window.document.get(a), (0, 0), (100, 0))
    assert same_line(window.document.get(b), (50, -50), (50, 50))
    assert of_kind(window, ArcEntity) == []
    assert window.undo_stack.count() == 1


def test_fillet_refuses_parallel_lines_and_other_kinds(window: Any, drive: Any) -> None:
    add(
        window,
        LineEntity(layer="0", geometry=Line((0, 0), (100, 0))),
        LineEntity(layer="0", geometry=Line((0, 20), (100, 20))),
        CircleEntity(layer="0", center=(0, 100), radius=5.0),
    )
    drive.type("F", "5")
    drive.click(5, 100.2)  # a circle
    assert "pick a line or an arc" in history(window)
    drive.click(50, 0.5)
    drive.click(50, 20.5)
    assert "parallel" in history(window).lower()
    assert window.undo_stack.count() == 1


def test_chamfer_two_distances(window: Any, drive: Any) -> None:
    a, b = cross(window)
    window.actions_by_key["chamfer"].trigger()
    drive.type("10", "5")
    drive.click(10, 0.5)
    drive.click(50.5, 40)
    assert same_line(window.document.get(a), (0, 0), (40, 0))
    assert same_line(window.document.get(b), (50, 5), (50, 50))
    chamfer = of_kind(window, LineEntity)[-1]
    assert same_line(chamfer, (40, 0), (50, 5))
    check_undo_redo(
        window,
        lambda: (
            len(of_kind(window, LineEntity)) == 2
            and same_line(window.document.get(a), (0, 0), (100, 0))
        ),
        lambda: len(of_kind(window, LineEntity)) == 3,
    )
    # Enter after one distance uses it twice
    drive.type("CHA", "3", "")
    assert window.tools.remembered["chamfer2"] == 3.0


def test_trim_with_all_objects_as_boundaries(window: Any, drive: Any) -> None:
    a, b = cross(window)
    window.actions_by_key["trim"].trigger()
    drive.type("")  # Enter alone: every object is a boundary
    drive.click(80, 0.5)
    assert same_line(window.document.get(a), (0, 0), (50, 0))
    check_undo_redo(
        window,
        lambda: same_line(window.document.get(a), (0, 0), (100, 0)),
        lambda: same_line(window.document.get(a), (0, 0), (50, 0)),
    )
    drive.click(50.5, -30)
    assert same_line(window.document.get(b), (50, 0), (50, 50))
    drive.click(50.5, 30)  # now bounded at one end only: the whole rest goes
    assert b not in window.document
    window.undo_stack.undo()
    assert b in window.document


def test_trim_a_circle_at_a_selected_boundary_becomes_an_arc(window: Any, drive: Any) -> None:
    line, circle = add(
        window,
        LineEntity(layer="0", geometry=Line((0, 0), (100, 0))),
        CircleEntity(layer="C", center=(50, 0), radius=20.0),
    )
    window.tools.set_selection([line])
    drive.type("TR")
    drive.click(50, 20.3)  # the top half
    arc = window.document.get(circle)
    assert isinstance(arc, ArcEntity)
    assert arc.layer == "C"
    assert arc.geometry.radius == 20.0
    assert arc.geometry.mid_point.isclose((50, -20))
    check_undo_redo(
        window,
        lambda: isinstance(window.document.get(circle), CircleEntity),
        lambda: isinstance(window.document.get(circle), ArcEntity),
    )


def test_trim_without_a_crossing_boundary_is_a_message(window: Any, drive: Any) -> None:
    a, b = add(
        window,
        LineEntity(layer="0", geometry=Line((0, 0), (100, 0))),
        LineEntity(layer="0", geometry=Line((0, 50), (100, 50))),
    )
    window.tools.set_selection([b])
    drive.type("TR")
    drive.click(50, 0.5)
    assert window.document.get(a).geometry == Line((0, 0), (100, 0))
    assert window.undo_stack.count() == 1
    assert "none of the 1 boundaries meets it" in history(window)


def test_trim_keeps_a_wire_connected_to_the_device_it_still_reaches(
    window: Any, drive: Any
) -> None:
    catalog = DeviceCatalog.builtin()
    window.run(PlaceDevice(catalog.new_device("smoke_detector", (0, 0), id="sd")))
    window.run(PlaceDevice(catalog.new_device("smoke_detector", (100, 0), id="sd2")))
    path = Polyline([(0, 0), (100, 0)])
    w, edge = add(
        window,
        Wire(layer="FA-WIRE", circuit="SLC-1", path=path, devices=("sd", "sd2")),
        LineEntity(layer="0", geometry=Line((50, -50), (50, 50))),
    )
    window.tools.set_selection([edge])
    drive.type("TR")
    drive.click(80, 0.5)
    wire = window.document.get(w)
    assert wire.path.vertices[-1].isclose((50, 0))
    assert wire.devices == ("sd",)


def test_extend_a_line_to_a_selected_boundary(window: Any, drive: Any) -> None:
    a, _ = add(
        window,
        LineEntity(layer="0", geometry=Line((0, 0), (40, 0))),
        LineEntity(layer="0", geometry=Line((50, -50), (50, 50))),
    )
    window.actions_by_key["extend"].trigger()
    drive.click(50.5, 30)  # select the boundary
    drive.type("")
    drive.click(5, 0.5)  # the start: no boundary beyond it
    assert window.undo_stack.count() == 1
    assert "no boundary lies ahead of it" in history(window)
    drive.click(35, 0.5)
    assert same_line(window.document.get(a), (0, 0), (50, 0))
    check_undo_redo(
        window,
        lambda: same_line(window.document.get(a), (0, 0), (40, 0)),
        lambda: same_line(window.document.get(a), (0, 0), (50, 0)),
    )


def test_fillet_a_line_and_an_arc(window: Any, drive: Any) -> None:
    line, arc = add(
        window,
        LineEntity(layer="0", geometry=Line((-50, 30), (50, 30))),
        ArcEntity(layer="0", geometry=Arc((0, 0), 40.0, 0.0, math.pi)),
    )
    drive.type("F", "5")
    drive.click(-45, 30.3)
    drive.click(40 * math.cos(2.6), 40 * math.sin(2.6))
    [_, fillet] = of_kind(window, ArcEntity)
    assert fillet.geometry.radius == 5.0
    first, second = window.document.get(line), window.document.get(arc)
    start, end = fillet.geometry.start_point, fillet.geometry.end_point
    assert first.geometry.end.isclose(start) or first.geometry.start.isclose(start)
    assert second.geometry.start_point.isclose(end) or second.geometry.end_point.isclose(end)
    # the centre is on the line's side where the arc was picked (below it) ...
    assert fillet.geometry.center.y == pytest.approx(25.0)
    # ... and on the arc's side where the line was picked (outside the circle)
    assert fillet.geometry.center.length == pytest.approx(45.0)
    check_undo_redo(
        window,
        lambda: len(of_kind(window, ArcEntity)) == 1,
        lambda: len(of_kind(window, ArcEntity)) == 2,
    )


def test_escape_after_the_first_pick_changes_nothing(window: Any, drive: Any) -> None:
    a, _ = cross(window)
    drive.type("F", "5")
    drive.click(10, 0.5)
    assert window.scene.selected_ids() == [a]
    drive.key(Qt.Key.Key_Escape)
    assert isinstance(window.tools.active, SelectTool)
    assert window.scene.selected_ids() == []
    assert window.undo_stack.count() == 1


def test_offset_enter_keeps_the_distance_and_rejects_zero(window: Any, drive: Any) -> None:
    add(window, LineEntity(layer="0", geometry=Line((0, 0), (100, 0))))
    drive.type("O", "0")
    assert "greater than zero" in history(window)
    drive.type("7", "")  # Enter ends the tool
    assert isinstance(window.tools.active, SelectTool)
    drive.type("O", "")  # Enter keeps 7
    assert "pick the object" in window.command_line.prompt.text()
    drive.click(50, 0.5)
    drive.click(50, 0)  # on the line: no side
    assert "beside the object" in history(window)
    drive.click(50, -3)
    assert same_line(of_kind(window, LineEntity)[-1], (0, -7), (100, -7))


def test_trim_the_middle_of_a_polyline_leaves_two(window: Any, drive: Any) -> None:
    [p, *_] = add(
        window,
        PolylineEntity(layer="B", geometry=Polyline([(0, 0), (100, 0), (100, 40)])),
        LineEntity(layer="0", geometry=Line((30, -20), (30, 20))),
        LineEntity(layer="0", geometry=Line((70, -20), (70, 20))),
    )
    drive.type("TR", "")
    drive.click(50, 0.5)
    first, second = of_kind(window, PolylineEntity)
    assert first.id == p
    assert [tuple(v) for v in first.geometry.vertices] == [(0, 0), (30, 0)]
    assert [tuple(v) for v in second.geometry.vertices] == [(70, 0), (100, 0), (100, 40)]
    assert second.layer == "B"
    check_undo_redo(
        window,
        lambda: len(of_kind(window, PolylineEntity)) == 1,
        lambda: len(of_kind(window, PolylineEntity)) == 2,
    )


# ------------------------------------------------------------------------------ previews


def preview(window: Any) -> tuple[Any, ...]:
    return tuple(window.scene.preview.shapes)


def test_fillet_previews_the_corner_before_the_second_pick(window: Any, drive: Any) -> None:
    a, b = cross(window)
    drive.type("F", "10")
    drive.click(10, 0.5)
    drive.move(80, 80)  # over nothing: no preview
    assert preview(window) == ()
    drive.move(50.5, 40)  # over the second line
    trimmed1, trimmed2, arc = preview(window)
    assert trimmed1 == Line((0, 0), (40, 0))
    assert trimmed2.start.isclose((50, 10))
    assert trimmed2.end.isclose((50, 50))
    assert isinstance(arc, Arc)
    assert arc.center.isclose((40, 10))
    assert arc.radius == 10.0
    assert window.undo_stack.count() == 1  # a preview changes nothing
    assert same_line(window.document.get(a), (0, 0), (100, 0))
    drive.move(50.5, -40)  # picked below the first line: the lower part is kept
    lower = preview(window)[1]
    assert lower.start.isclose((50, -50))
    assert lower.end.isclose((50, -10))
    drive.click(50.5, 40)
    assert preview(window) == ()  # gone with the tool
    assert len(of_kind(window, ArcEntity)) == 1
    assert same_line(window.document.get(b), (50, 10), (50, 50))


def test_fillet_preview_of_a_radius_that_does_not_fit_is_empty(window: Any, drive: Any) -> None:
    cross(window)
    drive.type("F", "1000")
    drive.click(10, 0.5)
    drive.move(50.5, 40)
    assert preview(window) == ()


def test_chamfer_previews_the_cut(window: Any, drive: Any) -> None:
    cross(window)
    drive.type("CHA", "10", "5")
    drive.click(10, 0.5)
    drive.move(50.5, 40)
    trimmed1, trimmed2, cut = preview(window)
    assert trimmed1 == Line((0, 0), (40, 0))
    assert trimmed2.start.isclose((50, 5))
    assert cut.start.isclose((40, 0))
    assert cut.end.isclose((50, 5))
    window.tools.escape()
    assert preview(window) == ()
    assert window.undo_stack.count() == 1


def test_trim_previews_what_is_left(window: Any, drive: Any) -> None:
    a, _ = cross(window)
    drive.type("TR", "")
    drive.move(80, 0.5)
    assert preview(window) == (Line((0, 0), (50, 0)),)
    drive.move(20, 0.5)  # the other side of the boundary
    assert preview(window) == (Line((50, 0), (100, 0)),)
    drive.move(20, 30)  # over nothing
    assert preview(window) == ()
    drive.move(80, 0.5)
    drive.click(80, 0.5)
    assert same_line(window.document.get(a), (0, 0), (50, 0))
    assert preview(window) == ()


def test_extend_previews_the_longer_object(window: Any, drive: Any) -> None:
    a, _ = add(
        window,
        LineEntity(layer="0", geometry=Line((0, 0), (30, 0))),
        LineEntity(layer="0", geometry=Line((50, -50), (50, 50))),
    )
    drive.type("EX", "")
    drive.move(25, 0.5)
    [longer] = preview(window)
    assert longer.start.isclose((0, 0))
    assert longer.end.isclose((50, 0))
    assert same_line(window.document.get(a), (0, 0), (30, 0))
