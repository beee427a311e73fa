"""Canvas items: one class per entity kind, keyed by entity id (:attr:`EntityItem.entity_id`)."""

from __future__ import annotations

from lvcad.model import (
    ArcEntity,
    CircleEntity,
    Device,
    Entity,
    Insert,
    LineEntity,
    PolylineEntity,
    TextEntity,
    Wire,
)

from .arc import ArcItem
from .base import DrawingContext, EntityItem, PathItem
from .circle import CircleItem
from .device import DeviceItem
from .insert import InsertItem
from .line import LineItem
from .polyline import PolylineItem
from .text import TextItem
from .wire import WireItem

__all__ = [
    "ITEM_TYPES",
    "ArcItem",
    "CircleItem",
    "DeviceItem",
    "DrawingContext",
    "EntityItem",
    "InsertItem",
    "LineItem",
    "PathItem",
    "PolylineItem",
    "TextItem",
    "WireItem",
    "item_for",
]

#: The item class of each entity class.
ITEM_TYPES: dict[type[Entity], type[EntityItem]] = {
    LineEntity: LineItem,
    ArcEntity: ArcItem,
    CircleEntity: CircleItem,
    PolylineEntity: PolylineItem,
    TextEntity: TextItem,
    Insert: InsertItem,
    Device: DeviceItem,
    Wire: WireItem,
}


def item_for(entity: Entity, context: DrawingContext) -> EntityItem:
    """A new item drawing ``entity``."""
    return ITEM_TYPES[type(entity)](entity, context)
