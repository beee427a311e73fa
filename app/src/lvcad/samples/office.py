"""Builds the sample drawing ``office.lvcad``: a small office floor with its fire alarm.

A 60 ft by 40 ft floor (in inches): seven rooms off a corridor, doors, room names, the fire
alarm control panel in the electrical room, smoke detectors, manual pull stations at both
exits, horn/strobes, and wires on two circuits (SLC-1 for the initiating devices, NAC-1
for the horn/strobes). Ids and timestamps are fixed, so the file is the same every time.

Run ``python -m lvcad.samples.office`` to write ``office.lvcad`` next to this module (or
to the path given as the first argument).
"""

from __future__ import annotations

import math
import sys
from datetime import UTC, datetime
from pathlib import Path

from lvcad.commands import default_layer
from lvcad.io import save_document
from lvcad.model import (
    ArcEntity,
    Color,
    Device,
    DeviceCatalog,
    Document,
    Entity,
    Layer,
    LineEntity,
    Metadata,
    PolylineEntity,
    TextAnchor,
    TextEntity,
    Unit,
    Wire,
)
from lvcad_geometry import Arc, Line, Polyline, Vec2

__all__ = ["build_office", "main"]

WIDTH, DEPTH, WALL = 720.0, 480.0, 6.0
CORRIDOR = (200.0, 260.0)  # y of the corridor's walls
DOOR = 36.0

_ROOMS_NORTH = [
    (WALL, 180.0, "OFFICE 101"),
    (180.0, 360.0, "OFFICE 102"),
    (360.0, 540.0, "OFFICE 103"),
    (540.0, WIDTH - WALL, "OFFICE 104"),
]
_ROOMS_SOUTH = [
    (WALL, 360.0, "OPEN OFFICE"),
    (360.0, 540.0, "CONFERENCE"),
    (540.0, WIDTH - WALL, "ELECTRICAL"),
]


def _walls() -> list[Entity]:
    entities: list[Entity] = []
    outer = [(0.0, 0.0), (WIDTH, 0.0), (WIDTH, DEPTH), (0.0, DEPTH)]
    inner = [(WALL, WALL), (WIDTH - WALL, WALL), (WIDTH - WALL, DEPTH - WALL), (WALL, DEPTH - WALL)]
    for name, points in (("wall-outer", outer), ("wall-inner", inner)):
        entities.append(
            PolylineEntity(id=name, layer="A-WALL", geometry=Polyline(points, closed=True))
        )
    # Corridor walls with a door opening into every room; the doors swing into the rooms.
    for side, y, rooms, swing in (
        ("n", CORRIDOR[1], _ROOMS_NORTH, 1.0),
        ("s", CORRIDOR[0], _ROOMS_SOUTH, -1.0),
    ):
        x = WALL
        for number, (left, _right, _) in enumerate(rooms, start=1):
            hinge = left + 18.0 if left > WALL else left + 24.0
            entities.append(
                LineEntity(
                    id=f"wall-{side}{number}", layer="A-WALL", geometry=Line((x, y), (hinge, y))
                )
            )
            end = hinge + DOOR
            entities.append(
                LineEntity(
                    id=f"door-{side}{number}",
                    layer="A-DOOR",
                    geometry=Line((hinge, y), (hinge, y + swing * DOOR)),
                )
            )
            entities.append(
                ArcEntity(
                    id=f"swing-{side}{number}",
                    layer="A-DOOR",
                    geometry=Arc((hinge, y), DOOR, 0.0, swing * math.pi / 2),
                )
            )
            x = end
        entities.append(
            LineEntity(
                id=f"wall-{side}-end", layer="A-WALL", geometry=Line((x, y), (WIDTH - WALL, y))
            )
        )
    # Partitions between the rooms.
    for side, (low, high), rooms in (
        ("n", (CORRIDOR[1], DEPTH - WALL), _ROOMS_NORTH),
        ("s", (WALL, CORRIDOR[0]), _ROOMS_SOUTH),
    ):
        for number, (_, right, _) in enumerate(rooms[:-1], start=1):
            entities.append(
                LineEntity(
                    id=f"part-{side}{number}",
                    layer="A-WALL",
                    geometry=Line((right, low), (right, high)),
                )
            )
    return entities


def _labels() -> list[Entity]:
    labels: list[Entity] = []
    for rooms, y in ((_ROOMS_NORTH, 420.0), (_ROOMS_SOUTH, 60.0)):
        for left, right, name in rooms:
            labels.append(
                TextEntity(
                    id=f"label-{name.lower().replace(' ', '-')}",
                    layer="A-ANNO",
                    position=Vec2((left + right) / 2, y),
                    text=name,
                    height=9.0,
                    anchor=TextAnchor.MIDDLE_CENTER,
                )
            )
    labels.append(
        TextEntity(
            id="label-corridor",
            layer="A-ANNO",
            position=Vec2(WIDTH / 2, 222.0),
            text="CORRIDOR",
            height=7.0,
            anchor=TextAnchor.MIDDLE_CENTER,
        )
    )
    labels.append(
        TextEntity(
            id="title",
            layer="A-ANNO",
            position=Vec2(0.0, -30.0),
            text="LEVEL 1 FIRE ALARM PLAN — SAMPLE",
            height=12.0,
        )
    )
    return labels


def _devices(catalog: DeviceCatalog) -> list[Device]:
    place = catalog.new_device
    devices = [place("fire_alarm_control_panel", (684.0, 26.0), id="facp", label="FACP")]
    smoke_points = [
        (93.0, 350.0),
        (270.0, 350.0),
        (450.0, 350.0),
        (627.0, 350.0),
        (627.0, 120.0),
        (450.0, 120.0),
        (183.0, 120.0),
        (120.0, 230.0),
        (560.0, 230.0),
    ]
    for number, point in enumerate(smoke_points, start=1):
        devices.append(place("smoke_detector", point, id=f"sd-{number}", label=f"SD-{number}"))
    devices.append(place("manual_pull_station", (24.0, 275.0), id="mps-1", label="MPS-1"))
    devices.append(place("manual_pull_station", (696.0, 275.0), id="mps-2", label="MPS-2"))
    strobes = [(183.0, 185.0), (450.0, 185.0), (340.0, 250.0), (40.0, 460.0), (680.0, 460.0)]
    for number, point in enumerate(strobes, start=1):
        devices.append(
            place(
                "horn_strobe",
                point,
                id=f"hs-{number}",
                label=f"HS-{number}",
                properties={"candela": 75 if number < 3 else 15},
            )
        )
    return devices


def _wire(
    wire_id: str, layer: str, circuit: str, start: Device, end: Device, corner: str = "x"
) -> Wire:
    (ax, ay), (bx, by) = start.position, end.position
    middle = (bx, ay) if corner == "x" else (ax, by)
    points = [(ax, ay), middle, (bx, by)]
    if middle in ((ax, ay), (bx, by)):
        points = [(ax, ay), (bx, by)]
    return Wire(
        id=wire_id, layer=layer, circuit=circuit, devices=(start.id, end.id), path=Polyline(points)
    )


def _wires(devices: dict[str, Device]) -> list[Wire]:
    # Each step: the next device and where the route turns ("y": first vertical, "x": first
    # horizontal), chosen so that no wire runs through a device it does not connect.
    slc = [
        ("sd-5", "y"),
        ("sd-6", "y"),
        ("sd-7", "y"),
        ("sd-8", "x"),
        ("mps-1", "y"),
        ("sd-1", "y"),
        ("sd-2", "y"),
        ("sd-3", "y"),
        ("sd-4", "y"),
        ("sd-9", "y"),
        ("mps-2", "y"),
    ]
    nac = [("hs-2", "y"), ("hs-1", "y"), ("hs-3", "y"), ("hs-4", "y"), ("hs-5", "y")]
    wires = []
    for circuit, layer, chain in (("SLC-1", "FA-WIRE", slc), ("NAC-1", "FA-WIRE-NAC", nac)):
        previous = "facp"
        for number, (device_id, corner) in enumerate(chain, start=1):
            wires.append(
                _wire(
                    f"{circuit.lower()}-{number}",
                    layer,
                    circuit,
                    devices[previous],
                    devices[device_id],
                    corner,
                )
            )
            previous = device_id
    return wires


def build_office() -> Document:
    """The sample office floor with its fire alarm system."""
    catalog = DeviceCatalog.builtin()
    devices = _devices(catalog)
    layers = [
        Layer("A-WALL", Color(96, 96, 96)),
        Layer("A-DOOR", Color(150, 150, 150)),
        Layer("A-ANNO", Color(40, 40, 120)),
        *(default_layer(name) for name in dict.fromkeys(d.layer for d in devices)),
        default_layer("FA-WIRE"),
        Layer("FA-WIRE-NAC", Color(0, 110, 220)),
    ]
    return Document(
        Unit.INCH,
        metadata=Metadata(
            title="Level 1 fire alarm plan (sample)",
            author="LV CAD",
            description="Sample drawing shipped with LV CAD; built by lvcad.samples.office.",
            created=datetime(2026, 12, 1, 12, 0, tzinfo=UTC),
            modified=datetime(2026, 12, 1, 12, 0, tzinfo=UTC),
        ),
        layers=layers,
        entities=[*_walls(), *_labels(), *_wires({d.id: d for d in devices}), *devices],
    )


def main(argv: list[str] | None = None) -> int:
    """Write the sample to ``argv[0]`` (default: ``office.lvcad`` next to this module)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else Path(__file__).with_name("office.lvcad")
    save_document(build_office(), target)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
