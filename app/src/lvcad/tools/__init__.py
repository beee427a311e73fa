"""Interactive tools: small state machines fed by the scene, plus typed input and snaps.

- :mod:`~lvcad.tools.base` — :class:`Tool` and :class:`ToolEvent`
- :mod:`~lvcad.tools.manager` — :class:`ToolManager`: the scene's interaction handler
- :mod:`~lvcad.tools.coords` — the typed-input parser (Qt-free)
- :mod:`~lvcad.tools.snap`, :mod:`~lvcad.tools.pick` — object snap and picking (Qt-free)
- the tools: :mod:`~lvcad.tools.select`, :mod:`~lvcad.tools.draw` (line, polyline),
  :mod:`~lvcad.tools.modify` (delete, move, copy, rotate), :mod:`~lvcad.tools.offset`,
  :mod:`~lvcad.tools.corner` (fillet, chamfer), :mod:`~lvcad.tools.trim` (trim, extend),
  :mod:`~lvcad.tools.measure`, :mod:`~lvcad.tools.devices` (device placement, wire routing)
- :mod:`~lvcad.tools.reshape` — entities as geometry-core shapes and back (Qt-free)
"""

from __future__ import annotations

from .base import Tool, ToolEvent
from .coords import InputError, parse_input
from .corner import ChamferTool, FilletTool
from .devices import DeviceTool, WireTool
from .draw import LineTool, PolylineTool
from .manager import ToolFactory, ToolManager
from .measure import MeasureTool
from .modify import CopyTool, DeleteTool, MoveTool, RotateTool
from .offset import OffsetTool
from .select import SelectTool
from .snap import ALL_MODES, DEFAULT_MODES, Snap, SnapKind, find_snap
from .trim import ExtendTool, TrimTool

__all__ = [
    "ALL_MODES",
    "DEFAULT_MODES",
    "TOOL_COMMANDS",
    "ChamferTool",
    "CopyTool",
    "DeleteTool",
    "DeviceTool",
    "ExtendTool",
    "FilletTool",
    "InputError",
    "LineTool",
    "MeasureTool",
    "MoveTool",
    "OffsetTool",
    "PolylineTool",
    "RotateTool",
    "SelectTool",
    "Snap",
    "SnapKind",
    "Tool",
    "ToolEvent",
    "ToolFactory",
    "ToolManager",
    "TrimTool",
    "WireTool",
    "find_snap",
    "parse_input",
]

#: Command-line names of the tools (AutoCAD-style aliases first).
TOOL_COMMANDS: dict[tuple[str, ...], ToolFactory] = {
    ("L", "LINE"): LineTool,
    ("PL", "PLINE", "POLYLINE"): PolylineTool,
    ("M", "MOVE"): MoveTool,
    ("CO", "CP", "COPY"): CopyTool,
    ("RO", "ROTATE"): RotateTool,
    ("E", "ERASE", "DELETE"): DeleteTool,
    ("O", "OFFSET"): OffsetTool,
    ("F", "FILLET"): FilletTool,
    ("CHA", "CHAMFER"): ChamferTool,
    ("TR", "TRIM"): TrimTool,
    ("EX", "EXTEND"): ExtendTool,
    ("DI", "DIST", "MEASURE"): MeasureTool,
    ("W", "WIRE"): WireTool,
}
