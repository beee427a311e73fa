"""The measure tool: distance, angle and ΔX/ΔY between two points, in document units.

Nothing in the drawing changes; the result goes to the command history and stays in
:attr:`MeasureTool.result`. The tool keeps measuring until Esc.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from lvcad_geometry import Line, Vec2

from .base import Tool, ToolEvent

if TYPE_CHECKING:
    from .manager import ToolManager

__all__ = ["MeasureTool", "describe_measurement"]


def describe_measurement(start: Vec2, end: Vec2, unit_symbol: str) -> str:
    """``"distance 5.000 in, angle 53.13°, ΔX 3.000, ΔY 4.000"``.

    Example
    -------
    >>> describe_measurement(Vec2(0, 0), Vec2(3, 4), "in")
    'distance 5.000 in, angle 53.13°, ΔX 3.000, ΔY 4.000'
    """
    delta = end - start
    angle = math.degrees(delta.angle) % 360.0
    return (
        f"distance {delta.length:.3f} {unit_symbol}, angle {angle:.2f}°, "
        f"ΔX {delta.x:.3f}, ΔY {delta.y:.3f}"
    )


class MeasureTool(Tool):
    """Measure between two points."""

    name = "Measure"

    def __init__(self, manager: ToolManager) -> None:
        super().__init__(manager)
        #: The last measurement: ``(start, end, distance)``.
        self.result: tuple[Vec2, Vec2, float] | None = None

    def start(self) -> None:
        self.prompt("first point")

    def point_input(self, point: Vec2, event: ToolEvent | None) -> bool:
        if self.last_point is None:
            self.last_point = point
            self.prompt("second point")
            return True
        start, self.last_point = self.last_point, None
        self.result = (start, point, start.distance(point))
        self.manager.message(describe_measurement(start, point, self.manager.document.unit.symbol))
        self.manager.clear_preview()
        self.prompt("first point of the next measurement, or Esc")
        return True

    def preview(self, cursor: Vec2) -> None:
        if self.last_point is not None and not cursor.isclose(self.last_point):
            self.manager.show_preview([Line(self.last_point, cursor)])
