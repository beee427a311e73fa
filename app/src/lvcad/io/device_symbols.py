"""The drawn symbol of each device type, as a block definition (used by the DXF export).

Simple, recognisable plan symbols in the spirit of NFPA 170: a circle for detectors, a
square for manual stations, appliances and modules, a rectangle for the panel, each with a
short letter code; a hexagon with the catalog abbreviation for any other type. Every symbol
is centred on its insertion point, drawn on layer ``"0"`` without own colours, so in a CAD
program it takes the layer and colour of the device's block reference (the DXF rule for
block contents on layer 0). ``size`` is the symbol's width in document units.

Example
-------
>>> from lvcad.model import DeviceCatalog
>>> block = symbol_block("smoke_detector", DeviceCatalog.builtin(), size=12.0)
>>> block.name, [entity.kind for entity in block.entities]
('FA_SMOKE_DETECTOR', ['circle', 'text'])
>>> symbol_block("sprinkler_bell", DeviceCatalog.builtin(), size=1.0).name
'LVCAD_DEVICE_sprinkler_bell'
"""

from __future__ import annotations

import math

from lvcad.model import (
    BlockDefinition,
    CircleEntity,
    DeviceCatalog,
    Entity,
    PolylineEntity,
    TextAnchor,
    TextEntity,
)
from lvcad_geometry import Polyline, Vec2

__all__ = ["SYMBOLS", "symbol_block", "symbol_name"]

_CENTER = Vec2(0.0, 0.0)

#: Shape and letter code of the built-in device types.
SYMBOLS: dict[str, tuple[str, str]] = {
    "smoke_detector": ("circle", "S"),
    "heat_detector": ("circle", "H"),
    "manual_pull_station": ("square", "F"),
    "horn_strobe": ("square", "HS"),
    "speaker": ("square", "SP"),
    "fire_alarm_control_panel": ("panel", "FACP"),
    "monitor_module": ("square", "M"),
    "control_module": ("square", "C"),
}


def symbol_name(type_id: str, catalog: DeviceCatalog) -> str:
    """The block name of a device type's symbol: the catalog's, or ``LVCAD_DEVICE_<type>``."""
    device_type = catalog.get(type_id)
    return device_type.symbol if device_type is not None else f"LVCAD_DEVICE_{type_id}"


def symbol_block(type_id: str, catalog: DeviceCatalog, *, size: float) -> BlockDefinition:
    """The symbol of device type ``type_id``, ``size`` units wide, centred on (0, 0)."""
    device_type = catalog.get(type_id)
    shape, code = SYMBOLS.get(type_id, ("hexagon", ""))
    if not code:
        code = device_type.abbreviation if device_type is not None else "?"
    half = size / 2.0
    outline: Entity
    if shape == "circle":
        outline = CircleEntity(id="outline", center=_CENTER, radius=half)
    else:
        if shape == "square":
            corners = [(-half, -half), (half, -half), (half, half), (-half, half)]
        elif shape == "panel":
            corners = [(-half, -half / 2), (half, -half / 2), (half, half / 2), (-half, half / 2)]
        else:
            corners = [
                (half * math.cos(k * math.pi / 3), half * math.sin(k * math.pi / 3))
                for k in range(6)
            ]
        outline = PolylineEntity(id="outline", geometry=Polyline(corners, closed=True))
    height = size * min(0.5, 0.9 / len(code)) if shape != "panel" else size * 0.2
    label = TextEntity(
        id="code",
        position=_CENTER,
        text=code,
        height=height,
        anchor=TextAnchor.MIDDLE_CENTER,
    )
    return BlockDefinition(symbol_name(type_id, catalog), entities=(outline, label))
