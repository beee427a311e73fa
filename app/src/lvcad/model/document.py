"""The document: everything a ``.lvcad`` file holds, with change notifications.

A :class:`Document` owns the drawing's entities (in draw order), layers (in panel order),
block definitions, underlay reference and metadata, in one :class:`~lvcad.model.Unit`. All
values it holds are immutable; the document changes only through its mutation methods,
each of which

1. checks the whole change first (ids unique; every layer, block and connected device that
   an entity names exists; no block contains itself) and raises a
   :class:`~lvcad.model.errors.ModelError` without changing anything if it does not fit,
2. applies it, and
3. notifies subscribers with a change record (:mod:`lvcad.model.changes`), which it also
   returns. ``document.apply(record.inverse())`` undoes the change.

Layer locks and visibility are for the editor's tools; the model does not refuse edits on
locked layers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TypeVar

from .blocks import BlockDefinition
from .changes import (
    BlockAdded,
    BlockRemoved,
    BlockReplaced,
    Change,
    EntitiesAdded,
    EntitiesRemoved,
    EntitiesReplaced,
    LayerAdded,
    LayerRemoved,
    LayerReplaced,
    MetadataChanged,
    UnderlayChanged,
)
from .checks import check_type
from .entities import ENTITY_TYPES, Device, Entity, Insert, Wire
from .errors import DanglingReferenceError, DuplicateError, InUseError, ModelError, NotFoundError
from .layers import DEFAULT_LAYER, Layer
from .metadata import Metadata
from .observer import Observable, Subscription
from .underlay import Underlay
from .units import Unit

__all__ = ["Document"]

_C = TypeVar("_C", bound=Change)


def _describe(entity: Entity) -> str:
    return f"{entity.kind} {entity.id!r}"


class Document:
    """An LV CAD drawing.

    Parameters
    ----------
    unit
        The real unit of every coordinate and length (default millimetre).
    metadata, layers, blocks, entities, underlay
        Initial contents, checked as a whole (blocks and entities may refer to each other in
        any order). Layer ``"0"`` is added first when ``layers`` lacks it.

    Example
    -------
    >>> from lvcad_geometry import Line
    >>> from lvcad.model import LineEntity
    >>> doc = Document(Unit.FOOT)
    >>> events = []
    >>> subscription = doc.subscribe(events.append)
    >>> _ = doc.add_layer(Layer("E-WIRE"))
    >>> _ = doc.add(LineEntity(id="run1", layer="E-WIRE", geometry=Line((0, 0), (30, 0))))
    >>> [type(event).__name__ for event in events]
    ['LayerAdded', 'EntitiesAdded']
    >>> doc.remove_layer("E-WIRE")
    Traceback (most recent call last):
    ...
    lvcad.model.errors.InUseError: layer 'E-WIRE' still holds line 'run1'; ...
    """

    def __init__(
        self,
        unit: Unit = Unit.MILLIMETRE,
        *,
        metadata: Metadata | None = None,
        layers: Iterable[Layer] = (),
        blocks: Iterable[BlockDefinition] = (),
        entities: Iterable[Entity] = (),
        underlay: Underlay | None = None,
    ) -> None:
        if not isinstance(unit, Unit):
            raise TypeError(f"unit must be a Unit, got {unit!r}")
        self._unit = unit
        self._metadata = Metadata() if metadata is None else metadata
        check_type(self._metadata, Metadata, "metadata")
        self._underlay = underlay
        if underlay is not None:
            check_type(underlay, Underlay, "the underlay")
        self._layers: dict[str, Layer] = {}
        for layer in layers:
            check_type(layer, Layer, "a layer")
            if layer.name in self._layers:
                raise DuplicateError(f"layer {layer.name!r} is listed twice")
            self._layers[layer.name] = layer
        if DEFAULT_LAYER not in self._layers:
            self._layers = {DEFAULT_LAYER: Layer(DEFAULT_LAYER), **self._layers}
        self._blocks: dict[str, BlockDefinition] = {}
        for block in blocks:
            check_type(block, BlockDefinition, "a block definition")
            if block.name in self._blocks:
                raise DuplicateError(f"block {block.name!r} is defined twice")
            self._blocks[block.name] = block
        for block in self._blocks.values():
            self._check_block_references(block)
        self._check_block_cycles(self._blocks)
        self._entities: dict[str, Entity] = {}
        for entity in entities:
            _check_entity_type(entity)
            if entity.id in self._entities:
                raise DuplicateError(f"two entities have the id {entity.id!r}")
            self._entities[entity.id] = entity
        for entity in self._entities.values():
            self._check_references(entity, self._entities.get)
        self._changes: Observable[Change] = Observable()

    # ----------------------------------------------------------------------------- reading

    @property
    def unit(self) -> Unit:
        """The real unit of every coordinate and length."""
        return self._unit

    @property
    def metadata(self) -> Metadata:
        """Title, author, timestamps and custom fields."""
        return self._metadata

    @property
    def underlay(self) -> Underlay | None:
        """The DXF underlay reference, or ``None``."""
        return self._underlay

    @property
    def layers(self) -> Mapping[str, Layer]:
        """Read-only view of the layers by name, in panel order."""
        return MappingProxyType(self._layers)

    @property
    def blocks(self) -> Mapping[str, BlockDefinition]:
        """Read-only view of the block definitions by name."""
        return MappingProxyType(self._blocks)

    @property
    def entities(self) -> Mapping[str, Entity]:
        """Read-only view of the entities by id, in draw order (first drawn first)."""
        return MappingProxyType(self._entities)

    def snapshot(self) -> Document:
        """An unwatched copy of the document as it is now, for reading on another thread.

        The values are immutable, so the copy shares them and only copies the three
        containers (about 2 ms for 100k entities); later changes to this document do not
        show in the copy. Nobody must change the copy.
        """
        copy = Document.__new__(Document)
        copy._unit = self._unit
        copy._metadata = self._metadata
        copy._underlay = self._underlay
        copy._layers = dict(self._layers)
        copy._blocks = dict(self._blocks)
        copy._entities = dict(self._entities)
        copy._changes = Observable()
        return copy

    def __len__(self) -> int:
        return len(self._entities)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._entities.values())

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._entities

    def get(self, entity_id: str) -> Entity | None:
        """The entity with ``entity_id``, or ``None``."""
        return self._entities.get(entity_id)

    def devices(self) -> Iterator[Device]:
        """The devices, in draw order."""
        return (entity for entity in self._entities.values() if isinstance(entity, Device))

    def wires(self) -> Iterator[Wire]:
        """The wires, in draw order."""
        return (entity for entity in self._entities.values() if isinstance(entity, Wire))

    def wires_of(self, device_id: str) -> list[Wire]:
        """The wires connected to the device ``device_id``."""
        return [wire for wire in self.wires() if device_id in wire.devices]

    def on_layer(self, name: str) -> Iterator[Entity]:
        """The entities on layer ``name``, in draw order."""
        return (entity for entity in self._entities.values() if entity.layer == name)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return (
            self._unit is other._unit
            and self._metadata == other._metadata
            and self._underlay == other._underlay
            and list(self._layers.values()) == list(other._layers.values())
            and self._blocks == other._blocks
            and list(self._entities.values()) == list(other._entities.values())
        )

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        title = f" {self._metadata.title!r}" if self._metadata.title else ""
        return (
            f"<Document{title} in {self._unit.symbol}: {len(self._entities)} entities, "
            f"{len(self._layers)} layers, {len(self._blocks)} blocks>"
        )

    # --------------------------------------------------------------------------- observing

    def subscribe(self, callback: Callable[[Change], None]) -> Subscription[Change]:
        """Call ``callback(change)`` after every change; returns a handle to unsubscribe."""
        return self._changes.subscribe(callback)

    def unsubscribe(self, callback: Callable[[Change], None]) -> None:
        """Stop calling ``callback``."""
        self._changes.unsubscribe(callback)

    # ---------------------------------------------------------------------------- changing

    def add(self, *entities: Entity) -> EntitiesAdded:
        """Append ``entities`` (drawn last, in the given order)."""
        return self._add(EntitiesAdded(entities))

    def remove(self, *entity_ids: str) -> EntitiesRemoved:
        """Remove the entities with these ids."""
        found = []
        for entity_id in entity_ids:
            entity = self._entities.get(entity_id)
            if entity is None:
                raise NotFoundError(f"no entity has the id {entity_id!r}")
            found.append(entity)
        return self._remove(EntitiesRemoved(tuple(found)))

    def replace(self, *entities: Entity) -> EntitiesReplaced:
        """Replace entities by new values with the same ids (draw order is kept)."""
        old = []
        for entity in entities:
            current = self._entities.get(entity.id)
            if current is None:
                raise NotFoundError(f"no entity has the id {entity.id!r} (add it instead)")
            old.append(current)
        return self._replace(EntitiesReplaced(tuple(old), tuple(entities)))

    def add_layer(self, layer: Layer, position: int | None = None) -> LayerAdded:
        """Add ``layer`` at ``position`` in the layer list (default: last)."""
        return self._add_layer(LayerAdded(layer, position))

    def remove_layer(self, name: str) -> LayerRemoved:
        """Remove the empty layer ``name`` (layer ``"0"`` cannot be removed)."""
        if name not in self._layers:
            raise NotFoundError(f"there is no layer {name!r}")
        return self._remove_layer(LayerRemoved(self._layers[name]))

    def replace_layer(self, layer: Layer) -> LayerReplaced:
        """Change the colour, visibility or lock of the layer named ``layer.name``."""
        if layer.name not in self._layers:
            raise NotFoundError(f"there is no layer {layer.name!r} (add it instead)")
        return self._replace_layer(LayerReplaced(self._layers[layer.name], layer))

    def add_block(self, block: BlockDefinition) -> BlockAdded:
        """Add a block definition."""
        return self._add_block(BlockAdded(block))

    def remove_block(self, name: str) -> BlockRemoved:
        """Remove the block definition ``name``, which no insert may use."""
        if name not in self._blocks:
            raise NotFoundError(f"there is no block {name!r}")
        return self._remove_block(BlockRemoved(self._blocks[name]))

    def replace_block(self, block: BlockDefinition) -> BlockReplaced:
        """Redefine the block named ``block.name``."""
        if block.name not in self._blocks:
            raise NotFoundError(f"there is no block {block.name!r} (add it instead)")
        return self._replace_block(BlockReplaced(self._blocks[block.name], block))

    def set_underlay(self, underlay: Underlay | None) -> UnderlayChanged:
        """Attach, change or (with ``None``) detach the DXF underlay."""
        return self._set_underlay(UnderlayChanged(self._underlay, underlay))

    def set_metadata(self, metadata: Metadata) -> MetadataChanged:
        """Replace the metadata."""
        return self._set_metadata(MetadataChanged(self._metadata, metadata))

    def apply(self, change: Change) -> Change:
        """Apply a change record, e.g. ``record.inverse()`` to undo; returns the record applied.

        Records that name a previous state (``old``) must match the document.
        """
        match change:
            case EntitiesAdded():
                return self._add(change)
            case EntitiesRemoved():
                return self._remove(change)
            case EntitiesReplaced():
                return self._replace(change)
            case LayerAdded():
                return self._add_layer(change)
            case LayerRemoved():
                return self._remove_layer(change)
            case LayerReplaced():
                return self._replace_layer(change)
            case BlockAdded():
                return self._add_block(change)
            case BlockRemoved():
                return self._remove_block(change)
            case BlockReplaced():
                return self._replace_block(change)
            case UnderlayChanged():
                return self._set_underlay(change)
            case MetadataChanged():
                return self._set_metadata(change)
        raise TypeError(f"not a change record: {change!r}")

    # ------------------------------------------------------------- entity changes (checked)

    def _add(self, change: EntitiesAdded) -> EntitiesAdded:
        entities = tuple(change.entities)
        new: dict[str, Entity] = {}
        for entity in entities:
            _check_entity_type(entity)
            if entity.id in self._entities or entity.id in new:
                raise DuplicateError(f"an entity with the id {entity.id!r} is already there")
            new[entity.id] = entity
        count, total = len(self._entities), len(self._entities) + len(entities)
        if change.positions is None:
            positions = tuple(range(count, total))
        else:
            positions = tuple(change.positions)
            if len(positions) != len(entities) or any(
                not 0 <= p < total or (i and p <= positions[i - 1]) for i, p in enumerate(positions)
            ):
                raise ModelError(f"positions {positions!r} do not fit {len(entities)} new entities")
        lookup = self._lookup_with(new)
        for entity in entities:
            self._check_references(entity, lookup)
        if not positions or positions[0] == count:  # appending, the common case
            self._entities.update(new)
        else:
            old = iter(self._entities.items())
            placed = dict(zip(positions, entities, strict=True))
            merged: dict[str, Entity] = {}
            for index in range(total):
                entity_id, entity = (
                    (placed[index].id, placed[index]) if index in placed else next(old)
                )
                merged[entity_id] = entity
            self._entities = merged
        record = EntitiesAdded(entities, positions)
        self._notify(record)
        return record

    def _remove(self, change: EntitiesRemoved) -> EntitiesRemoved:
        targets: dict[str, Entity] = {}
        for entity in change.entities:
            self._require_current(entity)
            if entity.id in targets:
                raise ModelError(f"entity {entity.id!r} is listed twice")
            targets[entity.id] = entity
        removed_devices = {i for i, e in targets.items() if isinstance(e, Device)}
        if removed_devices:
            for wire in self.wires():
                if wire.id not in targets and removed_devices.intersection(wire.devices):
                    device = next(d for d in wire.devices if d in removed_devices)
                    raise InUseError(
                        f"device {device!r} is connected to wire {wire.id!r}; "
                        "remove the wire or disconnect the device first"
                    )
        positions = [i for i, entity_id in enumerate(self._entities) if entity_id in targets]
        ordered = tuple(targets[entity_id] for entity_id in self._entities if entity_id in targets)
        for entity_id in targets:
            del self._entities[entity_id]
        record = EntitiesRemoved(ordered, tuple(positions))
        self._notify(record)
        return record

    def _replace(self, change: EntitiesReplaced) -> EntitiesReplaced:
        if len(change.old) != len(change.new):
            raise ModelError("a replacement needs as many new entities as old ones")
        new: dict[str, Entity] = {}
        for old, entity in zip(change.old, change.new, strict=True):
            self._require_current(old)
            _check_entity_type(entity)
            if entity.id != old.id:
                raise ModelError(f"cannot replace {_describe(old)} by {_describe(entity)}")
            if entity.id in new:
                raise ModelError(f"entity {entity.id!r} is replaced twice")
            new[entity.id] = entity
        lookup = self._lookup_with(new)
        for entity in new.values():
            self._check_references(entity, lookup)
        lost = {
            old.id
            for old in change.old
            if isinstance(old, Device) and not isinstance(new[old.id], Device)
        }
        if lost:
            for wire in self.wires():
                if wire.id not in new and lost.intersection(wire.devices):
                    raise InUseError(
                        f"wire {wire.id!r} connects {sorted(lost.intersection(wire.devices))}, "
                        "which would no longer be devices"
                    )
        self._entities.update(new)
        record = EntitiesReplaced(tuple(change.old), tuple(new.values()))
        self._notify(record)
        return record

    # ------------------------------------------------------ layer and block changes (checked)

    def _add_layer(self, change: LayerAdded) -> LayerAdded:
        layer = change.layer
        check_type(layer, Layer, "a layer")
        if layer.name in self._layers:
            raise DuplicateError(f"there is already a layer {layer.name!r}")
        position = len(self._layers) if change.position is None else change.position
        if not 0 <= position <= len(self._layers):
            raise ModelError(f"layer position {position} is outside 0..{len(self._layers)}")
        items = list(self._layers.items())
        items.insert(position, (layer.name, layer))
        self._layers = dict(items)
        return self._notify(LayerAdded(layer, position))

    def _remove_layer(self, change: LayerRemoved) -> LayerRemoved:
        layer = change.layer
        if self._layers.get(layer.name) != layer:
            raise ModelError(f"layer {layer.name!r} is not in the document as given")
        if layer.name == DEFAULT_LAYER:
            raise InUseError('layer "0" is part of every drawing and cannot be removed')
        user = next(self.on_layer(layer.name), None)
        if user is not None:
            raise InUseError(
                f"layer {layer.name!r} still holds {_describe(user)}; "
                "move or delete its entities first"
            )
        for block in self._blocks.values():
            if layer.name in block.layer_names():
                raise InUseError(f"block {block.name!r} draws on layer {layer.name!r}")
        position = list(self._layers).index(layer.name)
        del self._layers[layer.name]
        return self._notify(LayerRemoved(layer, position))

    def _replace_layer(self, change: LayerReplaced) -> LayerReplaced:
        check_type(change.new, Layer, "a layer")
        if self._layers.get(change.old.name) != change.old:
            raise ModelError(f"layer {change.old.name!r} is not in the document as given")
        if change.new.name != change.old.name:
            raise ModelError(f"cannot rename layer {change.old.name!r} by replacing it")
        self._layers[change.new.name] = change.new
        return self._notify(change)

    def _add_block(self, change: BlockAdded) -> BlockAdded:
        block = change.block
        check_type(block, BlockDefinition, "a block definition")
        if block.name in self._blocks:
            raise DuplicateError(f"there is already a block {block.name!r}")
        self._check_block_references(block, also=block)
        self._check_block_cycles({**self._blocks, block.name: block})
        self._blocks[block.name] = block
        return self._notify(change)

    def _remove_block(self, change: BlockRemoved) -> BlockRemoved:
        name = change.block.name
        if self._blocks.get(name) != change.block:
            raise ModelError(f"block {name!r} is not in the document as given")
        for entity in self._entities.values():
            if isinstance(entity, Insert) and entity.block == name:
                raise InUseError(f"block {name!r} is still placed by insert {entity.id!r}")
        for block in self._blocks.values():
            if any(insert.block == name for insert in block.inserts()):
                raise InUseError(f"block {name!r} is still used inside block {block.name!r}")
        del self._blocks[name]
        return self._notify(change)

    def _replace_block(self, change: BlockReplaced) -> BlockReplaced:
        block = change.new
        check_type(block, BlockDefinition, "a block definition")
        if self._blocks.get(change.old.name) != change.old:
            raise ModelError(f"block {change.old.name!r} is not in the document as given")
        if block.name != change.old.name:
            raise ModelError(f"cannot rename block {change.old.name!r} by replacing it")
        self._check_block_references(block, also=block)
        self._check_block_cycles({**self._blocks, block.name: block})
        self._blocks[block.name] = block
        return self._notify(change)

    def _set_underlay(self, change: UnderlayChanged) -> UnderlayChanged:
        if change.new is not None:
            check_type(change.new, Underlay, "the underlay")
        if change.old != self._underlay:
            raise ModelError("the underlay change does not start from the current underlay")
        self._underlay = change.new
        return self._notify(change)

    def _set_metadata(self, change: MetadataChanged) -> MetadataChanged:
        check_type(change.new, Metadata, "metadata")
        if change.old != self._metadata:
            raise ModelError("the metadata change does not start from the current metadata")
        self._metadata = change.new
        return self._notify(change)

    # ------------------------------------------------------------------------------ checks

    def _notify(self, record: _C) -> _C:
        self._changes.notify(record)
        return record

    def _require_current(self, entity: Entity) -> None:
        current = self._entities.get(entity.id)
        if current is None:
            raise NotFoundError(f"no entity has the id {entity.id!r}")
        if current is not entity and current != entity:
            raise ModelError(f"{_describe(entity)} in the document differs from the one given")

    def _lookup_with(self, new: Mapping[str, Entity]) -> Callable[[str], Entity | None]:
        def lookup(entity_id: str) -> Entity | None:
            found = new.get(entity_id)
            return found if found is not None else self._entities.get(entity_id)

        return lookup

    def _check_references(self, entity: Entity, lookup: Callable[[str], Entity | None]) -> None:
        if entity.layer not in self._layers:
            raise DanglingReferenceError(
                f"{_describe(entity)} is on layer {entity.layer!r}, which the document lacks; "
                "add the layer first"
            )
        if isinstance(entity, Insert) and entity.block not in self._blocks:
            raise DanglingReferenceError(
                f"insert {entity.id!r} places block {entity.block!r}, which is not defined"
            )
        if isinstance(entity, Wire):
            for device_id in entity.devices:
                if not isinstance(lookup(device_id), Device):
                    raise DanglingReferenceError(
                        f"wire {entity.id!r} connects {device_id!r}, which is not a device here"
                    )

    def _check_block_references(
        self, block: BlockDefinition, also: BlockDefinition | None = None
    ) -> None:
        for entity in block.entities:
            if entity.layer not in self._layers:
                raise DanglingReferenceError(
                    f"block {block.name!r}: {_describe(entity)} is on layer {entity.layer!r}, "
                    "which the document lacks"
                )
        for insert in block.inserts():
            if insert.block not in self._blocks and (also is None or insert.block != also.name):
                raise DanglingReferenceError(
                    f"block {block.name!r} places block {insert.block!r}, which is not defined"
                )

    @staticmethod
    def _check_block_cycles(blocks: Mapping[str, BlockDefinition]) -> None:
        done: set[str] = set()
        for root in blocks:
            path: list[str] = []
            stack: list[tuple[str, Iterator[Insert]]] = []
            if root not in done:
                stack.append((root, blocks[root].inserts()))
                path.append(root)
            while stack:
                name, children = stack[-1]
                child = next(children, None)
                if child is None:
                    stack.pop()
                    path.pop()
                    done.add(name)
                elif child.block in path:
                    cycle = " -> ".join([*path[path.index(child.block) :], child.block])
                    raise DanglingReferenceError(f"blocks contain themselves: {cycle}")
                elif child.block not in done and child.block in blocks:
                    stack.append((child.block, blocks[child.block].inserts()))
                    path.append(child.block)


def _check_entity_type(entity: object) -> None:
    if not isinstance(entity, Entity) or ENTITY_TYPES.get(entity.kind) is not type(entity):
        raise TypeError(f"not a document entity: {entity!r}")
