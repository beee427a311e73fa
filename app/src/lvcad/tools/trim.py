"""Trim and extend: cut entities at boundaries, or lengthen them to the next boundary.

Both first take the boundaries: the selection, or objects selected now and Enter (Enter
with nothing selected: every visible object, locked ones too). Then each pick is one step:
Trim removes the picked part between boundaries; Extend lengthens the picked end (the end
nearer the pick) to the nearest boundary. Moving over an object previews what the pick there
would leave. Enter or Esc ends the tool.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lvcad.canvas.geometry import Shape, entity_shapes
from lvcad.commands import Command
from lvcad.model import Entity
from lvcad_geometry import Vec2, extend, trim
from lvcad_geometry.errors import GeometryError

from .base import ToolEvent
from .modify import ModifyTool
from .reshape import EDITABLE, entity_geometry, pieces_command

if TYPE_CHECKING:
    from .manager import ToolManager

__all__ = ["EdgeTool", "ExtendTool", "TrimTool"]


class EdgeTool(ModifyTool):
    """Choose boundaries (:attr:`ids`; empty: all), then act on each picked entity."""

    uses_snap = False
    #: What a pick does, for the prompt.
    action_prompt = ""

    def __init__(self, manager: ToolManager) -> None:
        super().__init__(manager)
        self.everything = False

    def start(self) -> None:
        super().start()
        if not self.ids:
            self.prompt("select the boundaries, then Enter (Enter alone: all objects)")

    def finish(self) -> None:
        if self._selector is not None and not self.manager.selection():
            self.everything = True
            self._selector = None
            self.begin()
            return
        super().finish()

    def begin(self) -> None:
        self.prompt(f"{self.action_prompt} (Enter to finish)")

    def boundaries(self, exclude: str) -> list[Shape]:
        """The boundary shapes, without the entity ``exclude`` being edited."""
        document = self.manager.document
        if self.everything:
            found = [item.entity for item in self.manager.scene.entity_items() if item.isVisible()]
        else:
            found = [entity for i in self.ids if (entity := document.get(i)) is not None]
        return [
            shape
            for entity in found
            if entity.id != exclude
            for shape in entity_shapes(entity, document.unit, document.blocks)
        ]

    def result(self, entity: Entity, pick: Vec2) -> list[Shape]:
        """What is left of ``entity`` after a pick at ``pick`` (raises the geometry core's
        errors)."""
        raise NotImplementedError

    def edit(self, entity: Entity, pick: Vec2) -> Command:
        """The step for a pick on ``entity`` (raises the geometry core's errors)."""
        return pieces_command(
            self.manager.document,
            entity,
            self.result(entity, pick),
            f"{self.name} {entity.kind}",
        )

    def preview(self, cursor: Vec2) -> None:
        if self._selector is not None:
            return
        picked = self.manager.pick(cursor, self.manager.pixel_size())
        if not isinstance(picked, EDITABLE):
            self.manager.clear_preview()
            return
        try:
            self.manager.show_preview(self.result(picked, cursor))
        except GeometryError:
            self.manager.clear_preview()

    def point_input(self, point: Vec2, event: ToolEvent | None) -> bool:
        if self._selector is not None:
            return False
        cursor = event.cursor if event is not None else point
        pixel_size = event.pixel_size if event is not None else self.manager.pixel_size()
        picked = self.manager.pick(cursor, pixel_size)
        if not isinstance(picked, EDITABLE):
            self.manager.message("pick a line, arc, circle, polyline or wire")
            return True
        try:
            command = self.edit(picked, cursor)
        except GeometryError as error:
            self.manager.message(str(error))
            return True
        self.manager.clear_preview()
        self.manager.execute(command)
        return True


class TrimTool(EdgeTool):
    """Remove the picked parts of entities between boundaries."""

    name = "Trim"
    action_prompt = "pick the parts to remove"

    def result(self, entity: Entity, pick: Vec2) -> list[Shape]:
        shape = entity_geometry(entity)
        assert shape is not None
        return list(trim(shape, self.boundaries(entity.id), pick))


class ExtendTool(EdgeTool):
    """Lengthen the picked end of entities to the nearest boundary."""

    name = "Extend"
    action_prompt = "pick near the end to extend"

    def result(self, entity: Entity, pick: Vec2) -> list[Shape]:
        shape = entity_geometry(entity)
        assert shape is not None
        return [extend(shape, self.boundaries(entity.id), pick=pick)]
