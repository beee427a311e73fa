"""The tool framework: a tool is a small state machine fed by the scene.

The :class:`~lvcad.tools.manager.ToolManager` turns the scene's Qt events into
:class:`ToolEvent` values (document coordinates, snapped) and hands them to the active
:class:`Tool`; each handler returns True when it consumed the event. Typed input from the
command line arrives parsed (:mod:`lvcad.tools.coords`) through :meth:`Tool.typed`. A tool
ends by finishing (Enter, right click) or cancelling (Esc); then the select tool is active
again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QPointF, Qt

from lvcad_geometry import Vec2

from .coords import DistanceInput, EnterInput, KeywordInput, ParsedInput, PointInput
from .snap import Snap

if TYPE_CHECKING:
    from .manager import ToolManager

__all__ = ["Tool", "ToolEvent"]


@dataclass(frozen=True, slots=True)
class ToolEvent:
    """A mouse event in document terms."""

    #: The point the event means: snapped when a snap was found, else the cursor.
    point: Vec2
    #: The cursor in document coordinates.
    cursor: Vec2
    #: The snap found (``None``: none, or snapping off).
    snap: Snap | None
    button: Qt.MouseButton
    buttons: Qt.MouseButton
    modifiers: Qt.KeyboardModifier
    #: Document units per screen pixel at the current zoom.
    pixel_size: float
    #: The cursor in view pixels (x grows to the right).
    screen: QPointF

    @property
    def shift(self) -> bool:
        """True with Shift held."""
        return bool(self.modifiers & Qt.KeyboardModifier.ShiftModifier)


class Tool:
    """Base class: override the handlers a tool needs; each returns True if consumed.

    Point input (a click or a typed point) goes to :meth:`point_input`, so a tool handles
    both the same way. :attr:`last_point` is what ``@dx,dy`` is relative to and where the
    perpendicular snap measures from.
    """

    #: Name shown in the status bar and the command history.
    name: ClassVar[str] = "Tool"
    #: Whether mouse points are snapped for this tool.
    uses_snap: ClassVar[bool] = True

    def __init__(self, manager: ToolManager) -> None:
        self.manager = manager
        self.last_point: Vec2 | None = None
        self.cursor: Vec2 | None = None

    # lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Called when the tool becomes active."""

    def finish(self) -> None:
        """Complete the tool's work (Enter, right click); default: end the tool."""
        self.manager.done(self)

    def cancel(self) -> None:
        """Abandon the current step (Esc); default: end the tool."""
        self.manager.clear_preview()

    def prompt(self, text: str) -> None:
        """Show what the tool expects next."""
        self.manager.set_prompt(f"{self.name}: {text}")

    # events -----------------------------------------------------------------------------

    def press(self, event: ToolEvent) -> bool:
        """A mouse button went down; left clicks are point input by default."""
        if event.button == Qt.MouseButton.LeftButton:
            return self.point_input(event.point, event)
        if event.button == Qt.MouseButton.RightButton:
            self.finish()
            return True
        return False

    def move(self, event: ToolEvent) -> bool:
        """The mouse moved (buttons may be held); default: remember and preview."""
        self.cursor = event.point
        self.preview(event.point)
        return False

    def release(self, event: ToolEvent) -> bool:
        """A mouse button went up."""
        return event.button in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton)

    def double_click(self, event: ToolEvent) -> bool:
        """A double click; default: nothing."""
        return False

    def key(self, key: int, modifiers: Qt.KeyboardModifier) -> bool:
        """A key the manager did not handle (Esc and Enter are handled there)."""
        return False

    def typed(self, value: ParsedInput) -> bool:
        """Typed input from the command line; False means "not understood here"."""
        if isinstance(value, PointInput):
            return self.point_input(value.point, None)
        if isinstance(value, EnterInput):
            self.finish()
            return True
        if isinstance(value, DistanceInput):
            return self.distance_input(value.distance)
        if isinstance(value, KeywordInput):
            return self.keyword(value.word)
        return False  # pragma: no cover - ParsedInput is exhaustive

    # input the tools implement ----------------------------------------------------------

    def point_input(self, point: Vec2, event: ToolEvent | None) -> bool:
        """A point was clicked (``event`` given) or typed (``event`` is ``None``)."""
        return False

    def distance_input(self, distance: float) -> bool:
        """A plain number was typed."""
        return False

    def keyword(self, word: str) -> bool:
        """A keyword was typed (upper-cased)."""
        return False

    def preview(self, cursor: Vec2) -> None:
        """Show what the next click would make (rubber band)."""

    def toward_cursor(self, origin: Vec2, distance: float) -> Vec2 | None:
        """The point ``distance`` from ``origin`` toward the cursor (direct distance entry)."""
        if self.cursor is None or self.cursor.distance(origin) == 0.0:
            return None
        return origin + (self.cursor - origin).normalized() * distance
