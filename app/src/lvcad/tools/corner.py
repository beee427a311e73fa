"""Fillet and chamfer: round or cut the corner between two picked entities.

Fillet: type the radius (remembered; Enter keeps it), then pick two lines or arcs; where
each is picked decides the part kept. The two entities are trimmed and the arc added as one
step. Chamfer: type the distance along the first line and then the second (Enter: the same),
pick two lines. After the first pick, moving over a second object previews the corner (the
trimmed objects and the new arc or line). A geometry error (radius too large, parallel
lines …) is shown as a message and nothing changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from lvcad.canvas.geometry import Shape
from lvcad.commands import ReshapeEntities
from lvcad.model import ArcEntity, Entity, LineEntity
from lvcad_geometry import Arc, Line, Vec2, compute_chamfer, compute_fillet
from lvcad_geometry.errors import GeometryError

from .base import Tool, ToolEvent
from .reshape import with_geometry

if TYPE_CHECKING:
    from .manager import ToolManager

__all__ = ["ChamferTool", "CornerTool", "FilletTool"]


class CornerTool(Tool):
    """Ask for the tool's values, then pick two entities and make the corner."""

    uses_snap = False
    #: The entity kinds that can be picked, and how to name them in messages.
    kinds: ClassVar[tuple[type[Entity], ...]] = (LineEntity,)
    kinds_text: ClassVar[str] = "a line"

    def __init__(self, manager: ToolManager) -> None:
        super().__init__(manager)
        self.first: tuple[Entity, Vec2] | None = None

    def start(self) -> None:
        self.ask()

    def ask(self) -> None:
        """Prompt for the next input."""
        if not self.ready():
            self.prompt(self.value_prompt())
        elif self.first is None:
            self.prompt(f"pick the first object, or type {self.value_prompt()}")
        else:
            self.prompt("pick the second object")

    def ready(self) -> bool:
        """Whether the values are known."""
        raise NotImplementedError

    def value_prompt(self) -> str:
        """What a typed number sets, with its current value."""
        raise NotImplementedError

    def make(self, first: Entity, pick1: Vec2, second: Entity, pick2: Vec2) -> ReshapeEntities:
        """The step for the corner (raises the geometry core's errors)."""
        raise NotImplementedError

    def corner(
        self, first: Entity, pick1: Vec2, second: Entity, pick2: Vec2
    ) -> tuple[Line | Arc | None, Line | Arc | None, Line | Arc | None]:
        """The two trimmed objects and the new arc or line (``None``: none), as the geometry
        core computes them (raises its errors)."""
        raise NotImplementedError

    def preview(self, cursor: Vec2) -> None:
        if self.first is None or not self.ready():
            return
        first, pick1 = self.first
        picked = self.manager.pick(cursor, self.manager.pixel_size())
        if not isinstance(picked, self.kinds) or picked.id == first.id:
            self.manager.clear_preview()
            return
        try:
            shapes: list[Shape] = [
                shape for shape in self.corner(first, pick1, picked, cursor) if shape is not None
            ]
        except GeometryError:
            self.manager.clear_preview()
            return
        self.manager.show_preview(shapes)

    def point_input(self, point: Vec2, event: ToolEvent | None) -> bool:
        if not self.ready():
            self.manager.message(f"type {self.value_prompt()} first")
            return True
        cursor = event.cursor if event is not None else point
        pixel_size = event.pixel_size if event is not None else self.manager.pixel_size()
        picked = self.manager.pick(cursor, pixel_size)
        if not isinstance(picked, self.kinds):
            self.manager.message(f"pick {self.kinds_text}")
            return True
        if self.first is None:
            self.first = (picked, cursor)
            self.manager.set_selection([picked.id])
            self.ask()
            return True
        first, pick1 = self.first
        if picked.id == first.id:
            self.manager.message("pick a second, different object")
            return True
        self.first = None
        self.manager.set_selection(())
        try:
            command = self.make(first, pick1, picked, cursor)
        except GeometryError as error:
            self.manager.message(str(error))
            self.ask()
            return True
        self.manager.execute(command)
        self.manager.done(self)
        return True

    def cancel(self) -> None:
        if self.first is not None:
            self.manager.set_selection(())
        super().cancel()


def _trimmed(entity: Entity, shape: Line | Arc | None) -> tuple[list[Entity], list[str]]:
    """``entity`` reshaped to ``shape``, or removed when nothing is left of it."""
    return ([with_geometry(entity, shape)], []) if shape is not None else ([], [entity.id])


class FilletTool(CornerTool):
    """Round the corner between two lines or arcs with an arc of the typed radius."""

    name = "Fillet"
    kinds = (LineEntity, ArcEntity)
    kinds_text = "a line or an arc"

    def ready(self) -> bool:
        return "fillet" in self.manager.remembered

    def value_prompt(self) -> str:
        radius = self.manager.remembered.get("fillet")
        return "the radius" + (f" <{radius:g}>" if radius is not None else "")

    def distance_input(self, distance: float) -> bool:
        if distance <= 0.0:
            self.manager.message("the fillet radius must be greater than zero")
            return True
        self.manager.remembered["fillet"] = distance
        self.ask()
        return True

    def make(self, first: Entity, pick1: Vec2, second: Entity, pick2: Vec2) -> ReshapeEntities:
        trimmed1, trimmed2, arc = self.corner(first, pick1, second, pick2)
        assert isinstance(arc, Arc)
        kept1, gone1 = _trimmed(first, trimmed1)
        kept2, gone2 = _trimmed(second, trimmed2)
        added = ArcEntity(layer=first.layer, color=first.color, geometry=arc)
        return ReshapeEntities(
            "Fillet", replaced=kept1 + kept2, added=[added], removed=gone1 + gone2
        )

    def corner(
        self, first: Entity, pick1: Vec2, second: Entity, pick2: Vec2
    ) -> tuple[Line | Arc | None, Line | Arc | None, Line | Arc | None]:
        assert isinstance(first, LineEntity | ArcEntity)
        assert isinstance(second, LineEntity | ArcEntity)
        result = compute_fillet(
            first.geometry,
            second.geometry,
            self.manager.remembered["fillet"],
            pick1=pick1,
            pick2=pick2,
        )
        return result.trimmed1, result.trimmed2, result.arc


class ChamferTool(CornerTool):
    """Cut the corner between two lines with a straight line."""

    name = "Chamfer"

    def __init__(self, manager: ToolManager) -> None:
        super().__init__(manager)
        #: Set while the second distance is asked for.
        self._first_distance: float | None = None

    def ready(self) -> bool:
        return self._first_distance is None and "chamfer1" in self.manager.remembered

    def value_prompt(self) -> str:
        remembered = self.manager.remembered
        if self._first_distance is not None:
            return f"the second distance <{self._first_distance:g}>"
        if "chamfer1" not in remembered:
            return "the first distance"
        return f"the first distance <{remembered['chamfer1']:g}, {remembered['chamfer2']:g}>"

    def distance_input(self, distance: float) -> bool:
        if distance < 0.0:
            self.manager.message("a chamfer distance cannot be negative")
            return True
        if self._first_distance is None:
            self._first_distance = distance
        else:
            self._set(self._first_distance, distance)
        self.ask()
        return True

    def finish(self) -> None:
        if self._first_distance is not None:  # Enter: the second distance is the first
            self._set(self._first_distance, self._first_distance)
            self.ask()
            return
        self.manager.done(self)

    def _set(self, distance1: float, distance2: float) -> None:
        self.manager.remembered["chamfer1"] = distance1
        self.manager.remembered["chamfer2"] = distance2
        self._first_distance = None

    def make(self, first: Entity, pick1: Vec2, second: Entity, pick2: Vec2) -> ReshapeEntities:
        trimmed1, trimmed2, chamfer = self.corner(first, pick1, second, pick2)
        kept1, gone1 = _trimmed(first, trimmed1)
        kept2, gone2 = _trimmed(second, trimmed2)
        added: list[Entity] = []
        if isinstance(chamfer, Line):
            added.append(LineEntity(layer=first.layer, color=first.color, geometry=chamfer))
        return ReshapeEntities(
            "Chamfer", replaced=kept1 + kept2, added=added, removed=gone1 + gone2
        )

    def corner(
        self, first: Entity, pick1: Vec2, second: Entity, pick2: Vec2
    ) -> tuple[Line | Arc | None, Line | Arc | None, Line | Arc | None]:
        assert isinstance(first, LineEntity)
        assert isinstance(second, LineEntity)
        remembered = self.manager.remembered
        result = compute_chamfer(
            first.geometry,
            second.geometry,
            remembered["chamfer1"],
            remembered["chamfer2"],
            pick1=pick1,
            pick2=pick2,
        )
        return result.trimmed1, result.trimmed2, result.chamfer
