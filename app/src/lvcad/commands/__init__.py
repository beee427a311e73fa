"""Undoable editor commands, Qt-free: one small command per user operation.

Each :class:`Command` makes its change through the :class:`~lvcad.model.Document` and keeps
the change records; ``undo`` applies their inverses. The UI wraps them in ``QUndoCommand``
(:mod:`lvcad.ui.undo`); tests run them directly.

- :mod:`~lvcad.commands.base` — :class:`Command`, :func:`record_changes`
- :mod:`~lvcad.commands.entities` — add, delete, edit, move, rotate, copy, reshape
- :mod:`~lvcad.commands.layers` — add a layer, change its colour/visibility/lock
- :mod:`~lvcad.commands.devices` — place a device, route a wire
- :mod:`~lvcad.commands.underlay` — attach, replace or detach the DXF underlay
- :mod:`~lvcad.commands.transform` — the geometry of move/rotate, wires following devices
"""

from __future__ import annotations

from .base import Command, CommandError, record_changes
from .devices import WIRE_LAYER, PlaceDevice, RouteWire, default_layer, next_label
from .entities import (
    AddEntities,
    CopyEntities,
    DeleteEntities,
    EditEntities,
    MoveEntities,
    ReshapeEntities,
    RotateEntities,
    TransformEntities,
    describe,
)
from .layers import AddLayer, SetLayer
from .transform import follow_devices, transform_entity
from .underlay import SetUnderlay

__all__ = [
    "WIRE_LAYER",
    "AddEntities",
    "AddLayer",
    "Command",
    "CommandError",
    "CopyEntities",
    "DeleteEntities",
    "EditEntities",
    "MoveEntities",
    "PlaceDevice",
    "ReshapeEntities",
    "RotateEntities",
    "RouteWire",
    "SetLayer",
    "SetUnderlay",
    "TransformEntities",
    "default_layer",
    "describe",
    "follow_devices",
    "next_label",
    "record_changes",
    "transform_entity",
]
