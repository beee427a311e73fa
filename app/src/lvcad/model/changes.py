"""Change records: what one mutation of a :class:`~lvcad.model.Document` did.

The document emits one record per mutation to its subscribers, and
``document.apply(record.inverse())`` undoes it exactly (draw order and layer order
included), so the editor's undo commands only need to keep the record.

Example
-------
>>> from lvcad_geometry import Line
>>> from lvcad.model import Document, LineEntity
>>> doc = Document()
>>> change = doc.add(LineEntity(id="a", geometry=Line((0, 0), (1, 0))))
>>> change
EntitiesAdded(entities=(...), positions=(0,))
>>> _ = doc.apply(change.inverse())
>>> len(doc)
0
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from .blocks import BlockDefinition
from .entities import Entity
from .layers import Layer
from .metadata import Metadata
from .underlay import Underlay

__all__ = [
    "BlockAdded",
    "BlockRemoved",
    "BlockReplaced",
    "Change",
    "EntitiesAdded",
    "EntitiesRemoved",
    "EntitiesReplaced",
    "LayerAdded",
    "LayerRemoved",
    "LayerReplaced",
    "MetadataChanged",
    "UnderlayChanged",
]


def _repr_entities(entities: tuple[Entity, ...]) -> str:
    return "(...)" if entities else "()"


@dataclass(frozen=True, slots=True)
class EntitiesAdded:
    """``entities`` were inserted; ``positions[i]`` is the draw-order index of ``entities[i]``.

    Positions are ascending. Applying a record built with ``positions=None`` appends.
    """

    entities: tuple[Entity, ...]
    positions: tuple[int, ...] | None = None

    def __repr__(self) -> str:
        return (
            f"EntitiesAdded(entities={_repr_entities(self.entities)}, positions={self.positions})"
        )

    def inverse(self) -> EntitiesRemoved:
        """The record that removes the entities again."""
        return EntitiesRemoved(self.entities, self.positions)


@dataclass(frozen=True, slots=True)
class EntitiesRemoved:
    """``entities`` were removed from the draw-order indices ``positions`` (ascending)."""

    entities: tuple[Entity, ...]
    positions: tuple[int, ...] | None = None

    def __repr__(self) -> str:
        return (
            f"EntitiesRemoved(entities={_repr_entities(self.entities)}, positions={self.positions})"
        )

    def inverse(self) -> EntitiesAdded:
        """The record that puts the entities back where they were."""
        return EntitiesAdded(self.entities, self.positions)


@dataclass(frozen=True, slots=True)
class EntitiesReplaced:
    """Each ``old[i]`` was replaced in place by ``new[i]`` (same id)."""

    old: tuple[Entity, ...]
    new: tuple[Entity, ...]

    def inverse(self) -> EntitiesReplaced:
        """The record that restores the old values."""
        return EntitiesReplaced(self.new, self.old)


@dataclass(frozen=True, slots=True)
class LayerAdded:
    """``layer`` was inserted at ``position`` in the layer list (``None``: appended)."""

    layer: Layer
    position: int | None = None

    def inverse(self) -> LayerRemoved:
        """The record that removes the layer again."""
        return LayerRemoved(self.layer, self.position)


@dataclass(frozen=True, slots=True)
class LayerRemoved:
    """``layer`` was removed from ``position`` in the layer list."""

    layer: Layer
    position: int | None = None

    def inverse(self) -> LayerAdded:
        """The record that puts the layer back where it was."""
        return LayerAdded(self.layer, self.position)


@dataclass(frozen=True, slots=True)
class LayerReplaced:
    """Layer ``old`` got new settings ``new`` (same name)."""

    old: Layer
    new: Layer

    def inverse(self) -> LayerReplaced:
        """The record that restores the old settings."""
        return LayerReplaced(self.new, self.old)


@dataclass(frozen=True, slots=True)
class BlockAdded:
    """Block definition ``block`` was added."""

    block: BlockDefinition

    def inverse(self) -> BlockRemoved:
        """The record that removes the block again."""
        return BlockRemoved(self.block)


@dataclass(frozen=True, slots=True)
class BlockRemoved:
    """Block definition ``block`` was removed."""

    block: BlockDefinition

    def inverse(self) -> BlockAdded:
        """The record that adds the block back."""
        return BlockAdded(self.block)


@dataclass(frozen=True, slots=True)
class BlockReplaced:
    """Block definition ``old`` was redefined as ``new`` (same name)."""

    old: BlockDefinition
    new: BlockDefinition

    def inverse(self) -> BlockReplaced:
        """The record that restores the old definition."""
        return BlockReplaced(self.new, self.old)


@dataclass(frozen=True, slots=True)
class UnderlayChanged:
    """The underlay changed from ``old`` to ``new`` (either may be ``None``: no underlay)."""

    old: Underlay | None
    new: Underlay | None

    def inverse(self) -> UnderlayChanged:
        """The record that restores the old underlay."""
        return UnderlayChanged(self.new, self.old)


@dataclass(frozen=True, slots=True)
class MetadataChanged:
    """The metadata changed from ``old`` to ``new``."""

    old: Metadata
    new: Metadata

    def inverse(self) -> MetadataChanged:
        """The record that restores the old metadata."""
        return MetadataChanged(self.new, self.old)


#: Any change record.
Change: TypeAlias = (
    EntitiesAdded
    | EntitiesRemoved
    | EntitiesReplaced
    | LayerAdded
    | LayerRemoved
    | LayerReplaced
    | BlockAdded
    | BlockRemoved
    | BlockReplaced
    | UnderlayChanged
    | MetadataChanged
)
