"""Modify tools: delete, move, copy and rotate the selection.

Each works on the current selection; started with nothing selected, it first asks for
objects (click, window or crossing as in the select tool, then Enter). Move and Copy take a
base point and a second point (typed ``@dx,dy`` is relative to the base point, a plain
number is a distance toward the cursor); Copy repeats until Enter or Esc. Rotate takes a
centre and an angle (a click, or a number in degrees).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from lvcad.canvas.geometry import Shape, entity_shapes, transformed_shapes
from lvcad.commands import CopyEntities, DeleteEntities, MoveEntities, RotateEntities
from lvcad_geometry import Transform, Vec2

from .base import Tool, ToolEvent
from .select import SelectTool

if TYPE_CHECKING:
    from .manager import ToolManager

__all__ = ["CopyTool", "DeleteTool", "ModifyTool", "MoveTool", "RotateTool"]


class ModifyTool(Tool):
    """A tool on the selection, with a "select objects" step when nothing is selected."""

    def __init__(self, manager: ToolManager) -> None:
        super().__init__(manager)
        self.ids: list[str] = []
        self._selector: SelectTool | None = None

    def start(self) -> None:
        self.ids = self.manager.selection()
        if self.ids:
            self.begin()
        else:
            self._selector = SelectTool(self.manager)
            self.prompt("select objects, then press Enter")

    def begin(self) -> None:
        """The objects are chosen (:attr:`ids`): ask for the first point."""

    def finish(self) -> None:
        if self._selector is not None:
            self.ids = self.manager.selection()
            if not self.ids:
                self.manager.message("nothing selected")
                self.manager.done(self)
                return
            self._selector = None
            self.begin()
            return
        self.manager.done(self)

    def press(self, event: ToolEvent) -> bool:
        if self._selector is not None and event.button == Qt.MouseButton.LeftButton:
            return self._selector.press(event)
        return super().press(event)

    def move(self, event: ToolEvent) -> bool:
        if self._selector is not None:
            return self._selector.move(event)
        return super().move(event)

    def release(self, event: ToolEvent) -> bool:
        if self._selector is not None and event.button == Qt.MouseButton.LeftButton:
            return self._selector.release(event)
        return super().release(event)

    def selected_shapes(self) -> list[Shape]:
        """The outlines of the objects being modified, for previews."""
        document = self.manager.document
        return [
            shape
            for entity_id in self.ids
            if (entity := document.get(entity_id)) is not None
            for shape in entity_shapes(entity, document.unit, document.blocks)
        ]


class DeleteTool(ModifyTool):
    """Delete the selection (connected wires go with deleted devices)."""

    name = "Delete"
    uses_snap = False

    def begin(self) -> None:
        self.manager.execute(DeleteEntities(self.ids))
        self.manager.done(self)


class MoveTool(ModifyTool):
    """Move the selection from a base point to a second point."""

    name = "Move"

    def begin(self) -> None:
        self.base: Vec2 | None = None
        self._shapes = self.selected_shapes()
        self.prompt("base point")

    def point_input(self, point: Vec2, event: ToolEvent | None) -> bool:
        if self._selector is not None:
            return False
        if self.base is None:
            self.base = self.last_point = point
            self.prompt("second point (or @dx,dy, or a distance)")
            return True
        self.apply(point - self.base)
        return True

    def apply(self, offset: Vec2) -> None:
        """Make the change for ``offset`` (Copy overrides this)."""
        self.manager.execute(MoveEntities(self.ids, offset))
        self.manager.done(self)

    def distance_input(self, distance: float) -> bool:
        if self._selector is not None or self.base is None:
            return False
        target = self.toward_cursor(self.base, distance)
        return target is not None and self.point_input(target, None)

    def preview(self, cursor: Vec2) -> None:
        if self._selector is None and self.base is not None:
            shift = Transform.translation(*(cursor - self.base))
            self.manager.show_preview(transformed_shapes(self._shapes, shift))


class CopyTool(MoveTool):
    """Copy the selection; repeats from the same base point until Enter or Esc."""

    name = "Copy"

    def apply(self, offset: Vec2) -> None:
        command = CopyEntities(self.ids, offset)
        self.manager.execute(command)
        self.prompt("second point for another copy, or Enter to finish")


class RotateTool(ModifyTool):
    """Rotate the selection about a centre, by a clicked direction or typed degrees."""

    name = "Rotate"

    def begin(self) -> None:
        self.center: Vec2 | None = None
        self._shapes = self.selected_shapes()
        self.prompt("centre of rotation")

    def point_input(self, point: Vec2, event: ToolEvent | None) -> bool:
        if self._selector is not None:
            return False
        if self.center is None:
            self.center = self.last_point = point
            self.prompt("angle in degrees, or click a direction")
            return True
        if point.isclose(self.center):
            return True
        self.rotate((point - self.center).angle)
        return True

    def distance_input(self, distance: float) -> bool:
        if self._selector is not None or self.center is None:
            return False
        self.rotate(math.radians(distance))
        return True

    def rotate(self, angle: float) -> None:
        """Make the change."""
        assert self.center is not None
        self.manager.execute(RotateEntities(self.ids, self.center, angle))
        self.manager.done(self)

    def preview(self, cursor: Vec2) -> None:
        if self._selector is None and self.center is not None and not cursor.isclose(self.center):
            turn = Transform.rotation((cursor - self.center).angle, self.center)
            self.manager.show_preview(transformed_shapes(self._shapes, turn))
