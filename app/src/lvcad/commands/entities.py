"""Commands that add, delete, change, move, rotate and copy entities.

Every class here is one user operation and one undo step. Devices keep their wires:
deleting a device deletes the wires connected to it, and moving or rotating a device drags
the wire ends that sat on it.

Example
-------
>>> from lvcad_geometry import Line, Vec2
>>> from lvcad.model import Document, LineEntity
>>> doc = Document()
>>> AddEntities([LineEntity(id="a", geometry=Line((0, 0), (1, 0)))]).redo(doc)
>>> move = MoveEntities(["a"], Vec2(0, 5))
>>> move.redo(doc)
>>> doc.get("a").geometry.start
Vec2(x=0.0, y=5.0)
>>> move.undo(doc)
>>> doc.get("a").geometry.start
Vec2(x=0.0, y=0.0)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from lvcad.model import Device, Document, Entity, Layer, Wire, new_id
from lvcad_geometry import Transform, Vec2, as_vec

from .base import Command, CommandError
from .transform import follow_devices, rotation_about, transform_entity

__all__ = [
    "AddEntities",
    "CopyEntities",
    "DeleteEntities",
    "EditEntities",
    "MoveEntities",
    "ReshapeEntities",
    "RotateEntities",
    "TransformEntities",
    "describe",
]

#: Merge ids of the commands that merge (the values only have to differ).
MERGE_NUDGE = 1
MERGE_EDIT = 2


def describe(entities: Sequence[Entity]) -> str:
    """``"line"``, ``"3 devices"``, ``"2 entities"``: what a command works on, for menus."""
    kinds = {entity.kind for entity in entities}
    if len(entities) == 1:
        return entities[0].kind
    if len(kinds) == 1:
        return f"{len(entities)} {next(iter(kinds))}s"
    return f"{len(entities)} entities"


def _lookup(document: Document, ids: Iterable[str]) -> list[Entity]:
    found = []
    for entity_id in dict.fromkeys(ids):
        entity = document.get(entity_id)
        if entity is None:
            raise CommandError(f"entity {entity_id!r} is no longer in the drawing")
        found.append(entity)
    if not found:
        raise CommandError("nothing is selected")
    return found


class AddEntities(Command):
    """Add new entities, and first any of ``layers`` the document lacks."""

    def __init__(
        self, entities: Sequence[Entity], *, layers: Iterable[Layer] = (), text: str = ""
    ) -> None:
        self.entities = tuple(entities)
        if not self.entities:
            raise CommandError("there is nothing to add")
        self.layers = tuple(layers)
        super().__init__(text or f"Add {describe(self.entities)}")

    def perform(self, document: Document) -> None:
        for layer in self.layers:
            if layer.name not in document.layers:
                document.add_layer(layer)
        document.add(*self.entities)


class DeleteEntities(Command):
    """Delete entities; a deleted device takes the wires connected to it along."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.ids = tuple(dict.fromkeys(ids))
        super().__init__("Delete")

    def perform(self, document: Document) -> None:
        targets = _lookup(document, self.ids)
        ids = {entity.id for entity in targets}
        for entity in list(targets):
            if isinstance(entity, Device):
                for wire in document.wires_of(entity.id):
                    if wire.id not in ids:
                        ids.add(wire.id)
                        targets.append(wire)
        self.text = f"Delete {describe(targets)}"
        document.remove(*(entity.id for entity in targets))


class EditEntities(Command):
    """Replace entities by edited values with the same ids (property edits).

    Consecutive edits with the same ``key`` (say, the same field of the same entity while
    the user types) merge into one undo step.
    """

    merge_id = MERGE_EDIT

    def __init__(self, entities: Sequence[Entity], *, text: str = "", key: object = None) -> None:
        self.entities = tuple(entities)
        if not self.entities:
            raise CommandError("there is nothing to change")
        self.key = key
        super().__init__(text or f"Change {describe(self.entities)}")

    def perform(self, document: Document) -> None:
        document.replace(*self.entities)

    def can_merge(self, other: Command) -> bool:
        return isinstance(other, EditEntities) and self.key is not None and other.key == self.key


class TransformEntities(Command):
    """Map entities through a transform; wires follow the devices they connect."""

    def __init__(
        self, ids: Iterable[str], transform: Transform, rotation: float, text: str
    ) -> None:
        self.ids = tuple(dict.fromkeys(ids))
        self.transform = transform
        self.rotation = rotation
        super().__init__(text)

    def perform(self, document: Document) -> None:
        targets = _lookup(document, self.ids)
        moved = [transform_entity(entity, self.transform, self.rotation) for entity in targets]
        ids = {entity.id for entity in targets}
        devices = {
            new.id: (old.position, new.position)
            for old, new in zip(targets, moved, strict=True)
            if isinstance(old, Device) and isinstance(new, Device)
        }
        attached = {
            wire.id: wire
            for device_id in devices
            for wire in document.wires_of(device_id)
            if wire.id not in ids
        }
        document.replace(*moved, *follow_devices(attached.values(), devices))


class MoveEntities(TransformEntities):
    """Move entities by ``offset``. Keyboard nudges of one selection merge into one step."""

    merge_id = MERGE_NUDGE

    def __init__(self, ids: Iterable[str], offset: Vec2, *, nudge: bool = False) -> None:
        self.offset = as_vec(offset)
        self.nudge = nudge
        super().__init__(ids, Transform.translation(*self.offset), 0.0, "Move")

    def can_merge(self, other: Command) -> bool:
        return (
            isinstance(other, MoveEntities)
            and self.nudge
            and other.nudge
            and set(other.ids) == set(self.ids)
        )


class RotateEntities(TransformEntities):
    """Rotate entities by ``angle`` radians (counter-clockwise) about ``center``."""

    def __init__(self, ids: Iterable[str], center: Vec2, angle: float) -> None:
        self.center = as_vec(center)
        self.angle = float(angle)
        super().__init__(ids, rotation_about(self.center, self.angle), self.angle, "Rotate")


class CopyEntities(Command):
    """Copy entities by ``offset``; copied wires stay connected to copied devices only."""

    def __init__(self, ids: Iterable[str], offset: Vec2) -> None:
        self.ids = tuple(dict.fromkeys(ids))
        self.offset = as_vec(offset)
        #: The ids of the copies, in the order of ``ids`` (set by the first run).
        self.new_ids: tuple[str, ...] = ()
        super().__init__("Copy")

    def perform(self, document: Document) -> None:
        targets = _lookup(document, self.ids)
        new_ids = {entity.id: new_id() for entity in targets}
        shift = Transform.translation(*self.offset)
        copies = []
        for entity in targets:
            copy = dataclasses.replace(transform_entity(entity, shift), id=new_ids[entity.id])
            if isinstance(copy, Wire):
                devices = tuple(new_ids[d] for d in copy.devices if d in new_ids)
                copy = dataclasses.replace(copy, devices=devices)
            copies.append(copy)
        self.new_ids = tuple(new_ids.values())
        self.text = f"Copy {describe(targets)}"
        document.add(*copies)


class ReshapeEntities(Command):
    """Replace, remove and add entities as one step (offset, fillet, chamfer, trim, extend).

    ``replaced`` keep their ids (a trimmed circle may come back as an arc); ``added`` are
    new; ``removed`` are ids of entities nothing is left of.
    """

    def __init__(
        self,
        text: str,
        *,
        replaced: Sequence[Entity] = (),
        added: Sequence[Entity] = (),
        removed: Iterable[str] = (),
    ) -> None:
        self.replaced = tuple(replaced)
        self.added = tuple(added)
        self.removed = tuple(dict.fromkeys(removed))
        if not (self.replaced or self.added or self.removed):
            raise CommandError("there is nothing to change")
        super().__init__(text)

    def perform(self, document: Document) -> None:
        if self.removed:
            document.remove(*self.removed)
        if self.replaced:
            document.replace(*self.replaced)
        if self.added:
            document.add(*self.added)
