"""Placing devices and routing wires: the commands, their default layers and labels.

Placing a device or a wire also adds its layer when the drawing lacks it, in the same undo
step, with a colour fitting the layer (fire-alarm layers red, speakers orange, wires
magenta).

Example
-------
>>> from lvcad.model import DeviceCatalog, Document, Unit
>>> doc = Document(Unit.INCH)
>>> catalog = DeviceCatalog.builtin()
>>> place = PlaceDevice(catalog.new_device("smoke_detector", (10, 20), id="sd1"))
>>> place.redo(doc)
>>> doc.layers["FA-SMOKE"].color, doc.get("sd1").device_type
(Color(r=255, g=0, b=0), 'smoke_detector')
>>> next_label(doc, "SD")
'SD-1'
"""

from __future__ import annotations

import re

from lvcad.model import Color, Device, Document, Layer, Wire

from .entities import AddEntities

__all__ = ["WIRE_LAYER", "PlaceDevice", "RouteWire", "default_layer", "next_label"]

#: The layer new wires go on.
WIRE_LAYER = "FA-WIRE"

_LAYER_COLORS = {
    "FA-SPEAKER": Color(255, 127, 0),
    "FA-MONITOR": Color(0, 128, 255),
    "FA-CONTROL": Color(0, 128, 255),
    WIRE_LAYER: Color(255, 0, 255),
}
_RED = Color(255, 0, 0)


def default_layer(name: str) -> Layer:
    """A new layer ``name`` with the colour LV CAD gives it (fire-alarm layers are red)."""
    color = _LAYER_COLORS.get(name, _RED if name.startswith("FA-") else Color(255, 255, 255))
    return Layer(name, color)


def next_label(document: Document, prefix: str) -> str:
    """The next free device label ``PREFIX-N`` (one above the highest number in use)."""
    pattern = re.compile(rf"{re.escape(prefix)}-(\d+)")
    numbers = [
        int(match.group(1))
        for device in document.devices()
        if (match := pattern.fullmatch(device.label))
    ]
    return f"{prefix}-{max(numbers, default=0) + 1}"


class PlaceDevice(AddEntities):
    """Place one device (adding its layer if needed)."""

    def __init__(self, device: Device, *, name: str = "") -> None:
        super().__init__(
            [device],
            layers=[default_layer(device.layer)],
            text=f"Place {name or device.device_type.replace('_', ' ')}",
        )


class RouteWire(AddEntities):
    """Add one wire between devices (adding its layer if needed)."""

    def __init__(self, wire: Wire) -> None:
        circuit = f" on {wire.circuit}" if wire.circuit else ""
        super().__init__([wire], layers=[default_layer(wire.layer)], text=f"Route wire{circuit}")
