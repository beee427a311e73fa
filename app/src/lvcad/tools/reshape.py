"""Entities as the geometry core's shapes and back, Qt-free: what the modify tools edit.

Lines, arcs, circles, polylines and wires are editable; a result keeps the entity's id,
layer and colour (a trimmed circle becomes an arc, a wire keeps the devices it still
reaches: its devices at the new ends).

Example
-------
>>> from lvcad_geometry import Arc, Line
>>> from lvcad.model import CircleEntity, LineEntity
>>> wall = LineEntity(id="w", layer="A-WALL", geometry=Line((0, 0), (10, 0)))
>>> shorter = with_geometry(wall, Line((0, 0), (5, 0)))
>>> shorter.id, shorter.layer, shorter.geometry.end
('w', 'A-WALL', Vec2(x=5.0, y=0.0))
>>> column = CircleEntity(id="c", center=(0, 0), radius=2.0)
>>> with_geometry(column, Arc((0, 0), 2.0, 0.0, 1.0)).kind
'arc'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from lvcad.canvas.geometry import Shape
from lvcad.commands import ReshapeEntities
from lvcad.model import (
    ArcEntity,
    CircleEntity,
    Device,
    Document,
    Entity,
    LineEntity,
    PolylineEntity,
    Wire,
    new_id,
)
from lvcad_geometry import Arc, Line, Polyline, Vec2

__all__ = ["EDITABLE", "entity_geometry", "pieces_command", "with_geometry"]

#: The entity kinds the modify tools work on.
EDITABLE: tuple[type[Entity], ...] = (LineEntity, ArcEntity, CircleEntity, PolylineEntity, Wire)


def entity_geometry(entity: Entity) -> Shape | None:
    """The shape of an editable entity (a circle is a full arc); None for other kinds."""
    if isinstance(entity, LineEntity | ArcEntity | PolylineEntity):
        return entity.geometry
    if isinstance(entity, CircleEntity):
        return entity.arc
    if isinstance(entity, Wire):
        return entity.path
    return None


def with_geometry(
    entity: Entity, shape: Shape, document: Document | None = None, *, entity_id: str = ""
) -> Entity:
    """``entity`` reshaped to ``shape``, under ``entity_id`` (default: its own id).

    A wire keeps the devices of ``document`` that sit at an end of its new path.
    """
    ident = entity_id or entity.id
    if isinstance(entity, Wire) and isinstance(shape, Polyline) and not shape.closed:
        ends = (shape.vertices[0], shape.vertices[-1])
        return dataclasses.replace(
            entity, id=ident, path=shape, devices=_devices_at(entity, ends, document)
        )
    layer, color = entity.layer, entity.color
    if isinstance(shape, Line):
        return LineEntity(id=ident, layer=layer, color=color, geometry=shape)
    if isinstance(shape, Arc):
        return ArcEntity(id=ident, layer=layer, color=color, geometry=shape)
    return PolylineEntity(id=ident, layer=layer, color=color, geometry=shape)


def _devices_at(wire: Wire, ends: Sequence[Vec2], document: Document | None) -> tuple[str, ...]:
    if document is None:
        return ()
    kept = []
    for device_id in wire.devices:
        device = document.get(device_id)
        if isinstance(device, Device) and any(device.position.isclose(end) for end in ends):
            kept.append(device_id)
    return tuple(kept)


def pieces_command(
    document: Document, entity: Entity, pieces: Iterable[Shape], text: str
) -> ReshapeEntities:
    """One step replacing ``entity`` by ``pieces``: the first keeps its id, none removes it."""
    shapes = list(pieces)
    if not shapes:
        return ReshapeEntities(text, removed=[entity.id])
    first, *rest = shapes
    return ReshapeEntities(
        text,
        replaced=[with_geometry(entity, first, document)],
        added=[with_geometry(entity, shape, document, entity_id=new_id()) for shape in rest],
    )
