"""The select tool (the default tool): click, window, crossing; Shift adds; arrows nudge.

A click picks the entity under the cursor (Shift toggles it in the selection). Dragging on
empty space draws a box: left to right is a *window* (entities entirely inside), right to
left a *crossing* (entities inside or touching). Arrow keys move the selection by one grid
step; consecutive nudges are one undo step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt

from lvcad.commands import MoveEntities
from lvcad_geometry import BBox, Vec2

from .base import Tool, ToolEvent

if TYPE_CHECKING:
    from .manager import ToolManager

__all__ = ["SelectTool"]

#: A press and release farther apart than this (pixels) is a drag, not a click.
DRAG_PIXELS = 4.0

_NUDGES = {
    Qt.Key.Key_Left: (-1.0, 0.0),
    Qt.Key.Key_Right: (1.0, 0.0),
    Qt.Key.Key_Up: (0.0, 1.0),
    Qt.Key.Key_Down: (0.0, -1.0),
}


class SelectTool(Tool):
    """Select entities."""

    name = "Select"
    uses_snap = False

    def __init__(self, manager: ToolManager) -> None:
        super().__init__(manager)
        self._start: tuple[Vec2, QPointF] | None = None
        self._dragging = False

    def start(self) -> None:
        self.manager.set_prompt("Select objects, or type a command (L, PL, M, CO, RO, E, DI, W)")

    def cancel(self) -> None:
        self._start = None
        self._dragging = False
        self.manager.scene.selection_box.hide()

    def finish(self) -> None:
        """Nothing to finish: Enter in the idle state is handled by the manager."""

    def press(self, event: ToolEvent) -> bool:
        if event.button != Qt.MouseButton.LeftButton:
            return event.button == Qt.MouseButton.RightButton
        self._start = (event.cursor, event.screen)
        self._dragging = False
        return True

    def move(self, event: ToolEvent) -> bool:
        if self._start is None:
            return False
        corner, screen = self._start
        moved = event.screen - screen
        if not self._dragging and max(abs(moved.x()), abs(moved.y())) >= DRAG_PIXELS:
            self._dragging = True
        if self._dragging:
            self.manager.scene.selection_box.show_box(corner, event.cursor, crossing=moved.x() < 0)
        return True

    def release(self, event: ToolEvent) -> bool:
        if event.button != Qt.MouseButton.LeftButton or self._start is None:
            return event.button == Qt.MouseButton.RightButton
        corner, screen = self._start
        crossing = (event.screen - screen).x() < 0
        dragging = self._dragging
        self.cancel()
        if dragging:
            box = BBox.from_points((corner, event.cursor))
            ids = self.manager.window_pick(box, crossing=crossing)
            self.manager.set_selection(ids, add=event.shift)
            return True
        self.click(event.cursor, event.pixel_size, toggle=event.shift)
        return True

    def click(self, point: Vec2, pixel_size: float, *, toggle: bool) -> None:
        """Select the entity at ``point`` (``toggle``: add or remove it instead)."""
        entity = self.manager.pick(point, pixel_size)
        if entity is None:
            if not toggle:
                self.manager.set_selection(())
            return
        selected = self.manager.selection()
        if not toggle:
            self.manager.set_selection([entity.id])
        elif entity.id in selected:
            self.manager.set_selection([i for i in selected if i != entity.id])
        else:
            self.manager.set_selection([entity.id], add=True)

    def key(self, key: int, modifiers: Qt.KeyboardModifier) -> bool:
        direction = _NUDGES.get(Qt.Key(key))
        ids = self.manager.selection()
        if direction is None or not ids:
            return False
        step = self.manager.nudge_step()
        offset = Vec2(direction[0] * step, direction[1] * step)
        self.manager.execute(MoveEntities(ids, offset, nudge=True))
        return True
