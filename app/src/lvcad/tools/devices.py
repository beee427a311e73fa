"""Device placement and wire routing.

Placing: the device symbol follows the (snapped) cursor; each click places one device of
the chosen catalog type, labelled with the next free number (``SD-3``), until Esc.

Wiring: click a device to start, click the route's corners, click another device to end
the wire; it gets the current circuit id and both device ids. Enter ends a wire at its last
corner, connected to the first device only. The tool then waits for the next wire.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lvcad.canvas.geometry import Shape, entity_shapes
from lvcad.commands import WIRE_LAYER, PlaceDevice, RouteWire, next_label
from lvcad.model import Device, Wire
from lvcad_geometry import Line, Polyline, Vec2

from .base import Tool, ToolEvent

if TYPE_CHECKING:
    from .manager import ToolManager

__all__ = ["DeviceTool", "WireTool"]


class DeviceTool(Tool):
    """Place devices of one catalog type."""

    name = "Place device"

    def __init__(self, manager: ToolManager, device_type: str) -> None:
        super().__init__(manager)
        self.device_type = manager.scene.catalog[device_type]

    def start(self) -> None:
        self.prompt(f"insertion point of the {self.device_type.name.lower()} (Esc to stop)")

    def _device(self, point: Vec2) -> Device:
        return self.manager.scene.catalog.new_device(
            self.device_type.id,
            point,
            label=next_label(self.manager.document, self.device_type.abbreviation),
        )

    def point_input(self, point: Vec2, event: ToolEvent | None) -> bool:
        device = self._device(point)
        self.manager.execute(PlaceDevice(device, name=self.device_type.name.lower()))
        self.last_point = point
        return True

    def finish(self) -> None:
        self.manager.done(self)

    def preview(self, cursor: Vec2) -> None:
        document = self.manager.document
        self.manager.show_preview(
            entity_shapes(self._device(cursor), document.unit, document.blocks)
        )


class WireTool(Tool):
    """Route wires between devices."""

    name = "Wire"

    def __init__(self, manager: ToolManager) -> None:
        super().__init__(manager)
        self.start_device: Device | None = None
        self.vertices: list[Vec2] = []

    def start(self) -> None:
        self.prompt(f"click the device the wire starts at (circuit {self.manager.circuit})")

    def point_input(self, point: Vec2, event: ToolEvent | None) -> bool:
        pixel_size = event.pixel_size if event is not None else self.manager.pixel_size()
        device = self.manager.pick_device(point, pixel_size)
        if self.start_device is None:
            if device is None:
                self.manager.message("a wire starts at a device: click a device symbol")
                return True
            self.start_device = device
            self.vertices = [device.position]
            self.last_point = device.position
            self.prompt("next corner, or click the device the wire ends at (Enter: end here)")
            return True
        if device is not None and device.id != self.start_device.id:
            self.vertices.append(device.position)
            self._make(end=device)
            return True
        if not point.isclose(self.vertices[-1]):
            self.vertices.append(point)
            self.last_point = point
        return True

    def finish(self) -> None:
        if self.start_device is not None and len(self.vertices) >= 2:
            self._make(end=None)
        else:
            self.manager.done(self)

    def cancel(self) -> None:
        self.start_device = None
        self.vertices = []
        self.last_point = None
        super().cancel()

    def _make(self, *, end: Device | None) -> None:
        assert self.start_device is not None
        devices = (self.start_device.id,) if end is None else (self.start_device.id, end.id)
        wire = Wire(
            layer=WIRE_LAYER,
            path=Polyline(self.vertices),
            circuit=self.manager.circuit,
            devices=devices,
        )
        self.manager.execute(RouteWire(wire))
        self.cancel()
        self.start()

    def preview(self, cursor: Vec2) -> None:
        shapes: list[Shape] = []
        if len(self.vertices) >= 2:
            shapes.append(Polyline(self.vertices))
        if self.vertices and not cursor.isclose(self.vertices[-1]):
            shapes.append(Line(self.vertices[-1], cursor))
        self.manager.show_preview(shapes)
