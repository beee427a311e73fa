"""The tool manager: the scene's interaction handler and every tool's context.

It converts scene events to :class:`~lvcad.tools.base.ToolEvent` values (document
coordinates, object snap applied, the snap marker shown), handles Esc (cancel) and Enter
(finish) for every tool, reads typed input, and gives tools what they need: the document,
picking, the selection, previews, messages and a way to run commands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtCore import QObject, QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsSceneMouseEvent, QGraphicsView, QWidget

from lvcad.canvas.geometry import Shape, entity_shapes, snap_points
from lvcad.canvas.scene import DrawingScene
from lvcad.commands import Command
from lvcad.errors import handle_error
from lvcad.model import Device, Document, Entity
from lvcad_geometry import BBox, Vec2

from .base import Tool, ToolEvent
from .coords import EnterInput, InputError, KeywordInput, parse_input
from .pick import crosses, in_window, pick_distance
from .snap import DEFAULT_MODES, Snap, SnapKind, find_snap

__all__ = ["PICK_PIXELS", "SNAP_PIXELS", "ToolFactory", "ToolManager"]

#: How close (in screen pixels) a click must be to pick an entity.
PICK_PIXELS = 6.0
#: How close (in screen pixels) the cursor must be to a snap point.
SNAP_PIXELS = 10.0

#: Makes a tool for a manager (a tool class, or a lambda binding extra arguments).
ToolFactory = Callable[["ToolManager"], Tool]

T = TypeVar("T")


class ToolManager(QObject):
    """Runs one tool at a time on a :class:`~lvcad.canvas.DrawingScene`."""

    #: What the active tool asks for.
    prompt_changed = Signal(str)
    #: A line for the command history (results, errors).
    message_logged = Signal(str)
    #: The active tool changed (its name).
    tool_changed = Signal(str)

    def __init__(
        self,
        scene: DrawingScene,
        execute: Callable[[Command], bool],
        default_tool: ToolFactory,
        *,
        undo: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.scene = scene
        self._execute = execute
        self._undo = undo
        self._default = default_tool
        self._commands: dict[str, ToolFactory] = {}
        self._last_factory: ToolFactory | None = None
        #: Object snap on/off and which kinds are on.
        self.snap_enabled = True
        self.snap_modes: frozenset[SnapKind] = DEFAULT_MODES
        #: New drawing entities go on this layer.
        self.current_layer = "0"
        #: New wires get this circuit id.
        self.circuit = "SLC-1"
        #: Values tools keep between runs (offset distance, fillet radius, chamfer distances).
        self.remembered: dict[str, float] = {}
        self.active: Tool = default_tool(self)
        self._default_type = type(self.active)
        scene.interaction = self
        self.active.start()

    # ------------------------------------------------------------------ tools and commands

    @property
    def document(self) -> Document:
        """The document being edited."""
        return self.scene.document

    def activate(self, factory: ToolFactory) -> Tool:
        """End the active tool (cancelled) and start a new one from ``factory``."""
        self._guarded(lambda: self._activate(factory), None)
        return self.active

    def _activate(self, factory: ToolFactory) -> None:
        self._end_active()
        self._last_factory = factory
        self.active = factory(self)
        self.tool_changed.emit(self.active.name)
        self.active.start()

    def done(self, tool: Tool) -> None:
        """Called by ``tool`` when it has finished: the default tool becomes active."""
        if tool is self.active:
            self.reset()

    def reset(self) -> None:
        """Cancel whatever runs and go back to the default (select) tool."""
        self._end_active()
        self.active = self._default(self)
        self.tool_changed.emit(self.active.name)
        self.active.start()

    def _end_active(self) -> None:
        self.active.cancel()
        self.clear_preview()
        self.scene.snap_marker.hide()
        self.scene.selection_box.hide()

    def register_command(self, names: Iterable[str], factory: ToolFactory) -> None:
        """Let the command line start a tool by typing one of ``names`` (case-insensitive)."""
        for name in names:
            self._commands[name.upper()] = factory

    def execute(self, command: Command) -> bool:
        """Run ``command`` as one undo step; False (with a message) when it failed."""
        return self._execute(command)

    def undo(self) -> None:
        """Undo the last step (the ``U`` option of drawing tools)."""
        if self._undo is not None:
            self._undo()

    # --------------------------------------------------------------------- tool services

    def set_prompt(self, text: str) -> None:
        """Show ``text`` as the command line's prompt."""
        self.prompt_changed.emit(text)

    def message(self, text: str) -> None:
        """Add ``text`` to the command history."""
        self.message_logged.emit(text)

    def show_preview(self, shapes: Iterable[Shape]) -> None:
        """Show a rubber-band preview of ``shapes``."""
        self.scene.preview.set_shapes(shapes)

    def clear_preview(self) -> None:
        """Hide the preview."""
        self.scene.preview.set_shapes(())

    def selection(self) -> list[str]:
        """The selected entity ids, in draw order."""
        return self.scene.selected_ids()

    def set_selection(self, ids: Iterable[str], *, add: bool = False) -> None:
        """Select ``ids`` (added to the selection with ``add``)."""
        self.scene.set_selection(ids, add=add)

    def pixel_size(self) -> float:
        """Document units per screen pixel in the (first) view."""
        views = self.scene.views()
        scale = views[0].transform().m11() if views else 1.0
        return 1.0 / abs(scale) if scale else 1.0

    def nudge_step(self) -> float:
        """How far an arrow key moves the selection: ten pixels, rounded to a power of ten."""
        views = self.scene.views()
        grid = getattr(views[0], "grid_spacing", None) if views else None
        return float(grid()) if callable(grid) else 10.0 * self.pixel_size()

    def pick(self, point: Vec2, pixel_size: float, *, kind: type[Entity] = Entity) -> Entity | None:
        """The topmost pickable entity of ``kind`` within the pick distance of ``point``."""
        tolerance = PICK_PIXELS * pixel_size
        box = BBox(
            point.x - tolerance, point.y - tolerance, point.x + tolerance, point.y + tolerance
        )
        unit, blocks = self.document.unit, self.document.blocks
        best: tuple[float, float, Entity] | None = None
        for item in self.scene.items_in(box):
            entity = item.entity
            if not isinstance(entity, kind):
                continue
            distance = pick_distance(entity, point, unit, blocks)
            if distance <= tolerance:
                key = (distance, -item.zValue())
                if best is None or key < best[:2]:
                    best = (*key, entity)
        return best[2] if best else None

    def pick_device(self, point: Vec2, pixel_size: float) -> Device | None:
        """The device under ``point`` (within the pick distance), if any."""
        found = self.pick(point, pixel_size, kind=Device)
        return found if isinstance(found, Device) else None

    def window_pick(self, box: BBox, *, crossing: bool) -> list[str]:
        """Ids of pickable entities inside ``box`` (or touching it, for ``crossing``)."""
        test = crosses if crossing else in_window
        unit, blocks = self.document.unit, self.document.blocks
        return [
            item.entity_id
            for item in self.scene.items_in(box)
            if test(item.entity, box, unit, blocks)
        ]

    # ---------------------------------------------------------------------------- snapping

    def _find_snap(self, cursor: Vec2, pixel_size: float) -> Snap | None:
        tolerance = SNAP_PIXELS * pixel_size
        box = BBox(
            cursor.x - tolerance, cursor.y - tolerance, cursor.x + tolerance, cursor.y + tolerance
        )
        unit, blocks = self.document.unit, self.document.blocks
        shapes: list[Shape] = []
        points: list[Vec2] = []
        for item in self.scene.items_in(box):
            shapes.extend(entity_shapes(item.entity, unit, blocks))
            points.extend(snap_points(item.entity))
        index = self.scene.underlay_index
        if index is not None:
            shapes.extend(index.query(box))
        return find_snap(
            cursor,
            shapes,
            tolerance=tolerance,
            modes=self.snap_modes,
            insertion_points=points,
            from_point=self.active.last_point,
        )

    def _event(self, event: QGraphicsSceneMouseEvent) -> ToolEvent:
        scene_pos = event.scenePos()
        cursor = Vec2(scene_pos.x(), scene_pos.y())
        widget: QWidget | None = event.widget()  # None for events not sent by a view
        view = widget.parent() if widget is not None else None
        if isinstance(view, QGraphicsView):
            scale = abs(view.transform().m11()) or 1.0
            pixel_size = 1.0 / scale
            screen = QPointF(view.mapFromScene(scene_pos))
        else:
            pixel_size = self.pixel_size()
            screen = QPointF(scene_pos.x() / pixel_size, -scene_pos.y() / pixel_size)
        snap = None
        if self.snap_enabled and self.active.uses_snap:
            snap = self._find_snap(cursor, pixel_size)
        if snap is not None:
            self.scene.snap_marker.show_at(snap.point, snap.kind.value)
        else:
            self.scene.snap_marker.hide()
        return ToolEvent(
            point=snap.point if snap is not None else cursor,
            cursor=cursor,
            snap=snap,
            button=event.button(),
            buttons=event.buttons(),
            modifiers=event.modifiers(),
            pixel_size=pixel_size,
            screen=screen,
        )

    # ------------------------------------------------------------- the scene's interaction

    def _guarded(self, handler: Callable[[], T], fallback: T) -> T:
        """Run a tool's handler; an unexpected error ends the tool (the error boundary
        reports it) and the select tool takes over, so the editor keeps working."""
        try:
            return handler()
        except Exception as error:
            name = self.active.name
            handle_error(error, f"use the {name} tool")
            try:
                self.reset()
            except Exception as reset_error:  # the tool cannot even cancel: start afresh
                handle_error(reset_error, f"cancel the {name} tool")
                self.active = self._default(self)
            return fallback

    def mouse_press(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Scene hook: a button went down."""
        if event.button() == Qt.MouseButton.MiddleButton:
            return False
        return self._guarded(lambda: self.active.press(self._event(event)), True)

    def mouse_move(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Scene hook: the mouse moved."""
        self._guarded(lambda: self.active.move(self._event(event)), True)
        return True

    def mouse_release(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Scene hook: a button went up."""
        if event.button() == Qt.MouseButton.MiddleButton:
            return False
        return self._guarded(lambda: self.active.release(self._event(event)), True)

    def mouse_double_click(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Scene hook: a double click (also counts as a press for the tools)."""

        def handle() -> bool:
            tool_event = self._event(event)
            return self.active.double_click(tool_event) or self.active.press(tool_event)

        return self._guarded(handle, True)

    def key_press(self, event: QKeyEvent) -> bool:
        """Scene hook: Esc cancels, Enter finishes, other keys go to the tool."""
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.escape()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit("")
            return True
        return self._guarded(lambda: self.active.key(key, event.modifiers()), True)

    def escape(self) -> None:
        """Esc: cancel the active tool (or clear the selection when nothing runs)."""
        if self._is_idle():
            self.set_selection(())
        self.reset()

    # ------------------------------------------------------------------------ typed input

    def submit(self, text: str) -> bool:
        """Handle one line of the command line; returns True when it was understood."""
        return self._guarded(lambda: self._submit(text), False)

    def _submit(self, text: str) -> bool:
        idle = self._is_idle()
        try:
            value = parse_input(text, self.active.last_point)
        except InputError as error:
            self.message(str(error))
            return False
        if idle and isinstance(value, KeywordInput) and value.word in self._commands:
            self._activate(self._commands[value.word])
            return True
        if idle and isinstance(value, EnterInput) and self._last_factory is not None:
            self._activate(self._last_factory)  # Enter repeats the last tool
            return True
        if self.active.typed(value):
            return True
        if text.strip():
            self.message(f"{text.strip()!r} is not understood here")
        return False

    def _is_idle(self) -> bool:
        return type(self.active) is self._default_type
