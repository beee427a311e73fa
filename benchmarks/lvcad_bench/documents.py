"""A plausible large LV CAD drawing for the benchmarks: 40k lines, 10k arcs, 5k circles, 20k
bulge polylines (6 vertices), 5k texts, 10k devices and 10k wires (4 vertices) per 100k
entities, deterministic for a seed.
"""

from __future__ import annotations

import math
import random

from lvcad.model import (
    ArcEntity,
    CircleEntity,
    DeviceCatalog,
    Document,
    Entity,
    Layer,
    LineEntity,
    PolylineEntity,
    TextEntity,
    Unit,
    Wire,
)
from lvcad_geometry import Arc, Line, Polyline

__all__ = ["ENTITY_COUNT", "build_document"]

ENTITY_COUNT = 100_000
DEVICE_TYPES = ["smoke_detector", "heat_detector", "horn_strobe", "speaker", "monitor_module"]


def build_document(count: int = ENTITY_COUNT, seed: int = 1) -> Document:
    """A deterministic document of ``count`` entities in the mix described above."""
    rng = random.Random(seed)
    catalog = DeviceCatalog.builtin()

    def point() -> tuple[float, float]:
        return rng.uniform(0.0, 10_000.0), rng.uniform(0.0, 10_000.0)

    def path(vertices: int) -> Polyline:
        x, y = point()
        points = [(x + 100.0 * i, y + rng.uniform(-50.0, 50.0)) for i in range(vertices)]
        bulges = [rng.choice([0.0, 0.0, 0.41421356237309503]) for _ in range(vertices - 1)]
        return Polyline(points, [*bulges, 0.0])

    layers = {t.layer for t in catalog.values()} | {"A-WALL", "A-NOTE", "FA-WIRE"}
    entities: list[Entity] = []
    devices: list[str] = []
    scale = count / 100_000
    plan = [
        ("line", 40_000),
        ("arc", 10_000),
        ("circle", 5_000),
        ("polyline", 20_000),
        ("text", 5_000),
        ("device", 10_000),
        ("wire", 10_000),
    ]
    for kind, number in plan:
        for i in range(round(number * scale)):
            entity_id = f"{kind[0]}{i}"
            if kind == "line":
                entity: Entity = LineEntity(
                    id=entity_id, layer="A-WALL", geometry=Line(point(), point())
                )
            elif kind == "arc":
                arc = Arc(
                    point(),
                    rng.uniform(1.0, 100.0),
                    rng.uniform(-math.pi, math.pi),
                    rng.uniform(-math.pi, math.pi) or 1.0,
                )
                entity = ArcEntity(id=entity_id, layer="A-WALL", geometry=arc)
            elif kind == "circle":
                entity = CircleEntity(
                    id=entity_id, layer="A-WALL", center=point(), radius=rng.uniform(1.0, 20.0)
                )
            elif kind == "polyline":
                entity = PolylineEntity(id=entity_id, layer="A-WALL", geometry=path(6))
            elif kind == "text":
                entity = TextEntity(
                    id=entity_id, layer="A-NOTE", position=point(), text=f"Room {i}", height=12.0
                )
            elif kind == "device":
                entity = catalog.new_device(
                    rng.choice(DEVICE_TYPES), point(), id=entity_id, label=f"1-{i:03d}"
                )
                devices.append(entity_id)
            else:
                entity = Wire(
                    id=entity_id,
                    layer="FA-WIRE",
                    path=path(4),
                    circuit="SLC-1",
                    devices=tuple(rng.sample(devices, 2)),
                )
            entities.append(entity)
    return Document(Unit.INCH, layers=[Layer(name) for name in sorted(layers)], entities=entities)
