"""Block definitions (symbols): named groups of entities placed by :class:`~.Insert`.

A block's entities are drawn relative to its ``base_point``; an insert places the base point
at its position. Blocks hold geometry, text and nested inserts only (no devices or wires).
Entity ids need to be unique within the block only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lvcad_geometry import Vec2, as_vec

from .checks import check_name
from .entities import (
    ArcEntity,
    CircleEntity,
    Entity,
    Insert,
    LineEntity,
    PolylineEntity,
    TextEntity,
)

__all__ = ["BLOCK_ENTITY_TYPES", "BlockDefinition"]

_ORIGIN = Vec2(0.0, 0.0)

#: The entity classes a block may contain.
BLOCK_ENTITY_TYPES: tuple[type[Entity], ...] = (
    LineEntity,
    ArcEntity,
    CircleEntity,
    PolylineEntity,
    TextEntity,
    Insert,
)


@dataclass(frozen=True, slots=True)
class BlockDefinition:
    """A named symbol: ``entities`` drawn relative to ``base_point``.

    Example
    -------
    >>> from lvcad_geometry import Line
    >>> block = BlockDefinition(
    ...     "TICK", entities=(LineEntity(id="a", geometry=Line((0, 0), (1, 1))),)
    ... )
    >>> block.name, len(block.entities), block.base_point
    ('TICK', 1, Vec2(x=0.0, y=0.0))
    """

    name: str
    base_point: Vec2 = _ORIGIN
    entities: tuple[Entity, ...] = ()

    def __post_init__(self) -> None:
        check_name(self.name, "a block name")
        object.__setattr__(self, "base_point", as_vec(self.base_point))
        entities = tuple(self.entities)
        ids: set[str] = set()
        for entity in entities:
            if not isinstance(entity, BLOCK_ENTITY_TYPES):
                raise TypeError(
                    f"block {self.name!r} cannot contain a {type(entity).__name__}; "
                    "blocks hold lines, arcs, circles, polylines, text and inserts"
                )
            if entity.id in ids:
                raise ValueError(f"block {self.name!r} has two entities with id {entity.id!r}")
            ids.add(entity.id)
        object.__setattr__(self, "entities", entities)

    def inserts(self) -> Iterator[Insert]:
        """The nested block references directly in this block."""
        return (entity for entity in self.entities if isinstance(entity, Insert))

    def layer_names(self) -> set[str]:
        """Names of the layers this block's entities are on."""
        return {entity.layer for entity in self.entities}
