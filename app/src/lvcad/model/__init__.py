"""The LV CAD document model: Qt-free, plain Python, in real units.

One concept per module:

- :mod:`~lvcad.model.units` — :class:`Unit` (inch, foot, millimetre, metre; exact factors)
- :mod:`~lvcad.model.entities` — immutable entities with stable ids: lines, arcs, circles,
  bulge polylines, text, block inserts, devices and wires
- :mod:`~lvcad.model.layers`, :mod:`~lvcad.model.blocks`, :mod:`~lvcad.model.underlay`,
  :mod:`~lvcad.model.metadata` — the rest of what a drawing holds
- :mod:`~lvcad.model.document` — :class:`Document`, which holds it all and notifies
  subscribers with :mod:`~lvcad.model.changes` records (undo = apply the inverse)
- :mod:`~lvcad.model.catalog` — the device catalog (``devices.json`` plus extra files)
"""

from __future__ import annotations

from . import changes, errors
from .blocks import BlockDefinition
from .catalog import DeviceCatalog, DeviceType, PropertyDefinition, PropertyType, load_catalog
from .changes import Change
from .color import Color
from .document import Document
from .entities import (
    ENTITY_TYPES,
    ArcEntity,
    CircleEntity,
    Device,
    Entity,
    Insert,
    LineEntity,
    PolylineEntity,
    TextAnchor,
    TextEntity,
    Wire,
    new_id,
)
from .layers import DEFAULT_LAYER, Layer
from .metadata import Metadata
from .observer import Observable, Subscription
from .properties import PropertyMap, PropertyValue
from .underlay import Underlay, UnderlayLayer
from .units import Unit

__all__ = [
    "DEFAULT_LAYER",
    "ENTITY_TYPES",
    "ArcEntity",
    "BlockDefinition",
    "Change",
    "CircleEntity",
    "Color",
    "Device",
    "DeviceCatalog",
    "DeviceType",
    "Document",
    "Entity",
    "Insert",
    "Layer",
    "LineEntity",
    "Metadata",
    "Observable",
    "PolylineEntity",
    "PropertyDefinition",
    "PropertyMap",
    "PropertyType",
    "PropertyValue",
    "Subscription",
    "TextAnchor",
    "TextEntity",
    "Underlay",
    "UnderlayLayer",
    "Unit",
    "Wire",
    "changes",
    "errors",
    "load_catalog",
    "new_id",
]
