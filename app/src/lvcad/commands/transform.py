"""Moving, rotating and copying entities: the geometry behind Move, Rotate and Copy.

:func:`transform_entity` maps any entity through a similarity
:class:`~lvcad_geometry.Transform` (translation, rotation about a point); rotations are
added to the rotation of text, inserts and devices. :func:`follow_devices` keeps wires
attached: a wire end that sat on a moved device moves with it.

Example
-------
>>> import math
>>> from lvcad_geometry import Line, Transform
>>> from lvcad.model import LineEntity
>>> line = LineEntity(id="a", geometry=Line((1, 0), (2, 0)))
>>> turned = transform_entity(line, Transform.rotation(math.pi / 2), math.pi / 2)
>>> turned.geometry.end.isclose((0, 2))
True
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping

import numpy as np

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
from lvcad_geometry import Polyline, Transform, Vec2

__all__ = ["follow_devices", "rotation_about", "transform_entity"]


def rotation_about(center: Vec2, angle: float) -> Transform:
    """The rotation by ``angle`` radians (counter-clockwise) about ``center``."""
    return Transform.rotation(angle, center)


def _turn(angle: float, by: float) -> float:
    """``angle + by`` wrapped into ``(-pi, pi]`` so repeated rotations stay readable."""
    turned = math.remainder(angle + by, 2.0 * math.pi)
    return 0.0 if abs(turned) < 1e-15 else turned


def transform_entity(entity: Entity, transform: Transform, rotation: float = 0.0) -> Entity:
    """``entity`` mapped through ``transform``; ``rotation`` is the transform's turn angle."""
    replace = dataclasses.replace
    if isinstance(entity, LineEntity | ArcEntity | PolylineEntity):
        return replace(entity, geometry=transform.apply(entity.geometry))
    if isinstance(entity, CircleEntity):
        return replace(entity, center=transform.apply_point(entity.center))
    if isinstance(entity, Wire):
        return replace(entity, path=transform.apply(entity.path))
    if isinstance(entity, TextEntity | Insert | Device):
        return replace(
            entity,
            position=transform.apply_point(entity.position),
            rotation=_turn(entity.rotation, rotation),
        )
    raise TypeError(f"cannot transform {entity!r}")


def follow_devices(
    wires: Iterable[Wire], moved: Mapping[str, tuple[Vec2, Vec2]], *, tol: float = 1e-9
) -> list[Wire]:
    """Wires whose end vertices sat on moved devices, with those ends moved along.

    ``moved`` maps a device id to its ``(old, new)`` position. Only the first and last
    vertex of a wire follow (the ends are where it connects); wires that do not change are
    left out of the result.
    """
    result = []
    for wire in wires:
        x, y = np.array(wire.path.x), np.array(wire.path.y)
        changed = False
        for device_id in wire.devices:
            if device_id not in moved:
                continue
            old, new = moved[device_id]
            scale = max(1.0, abs(old.x), abs(old.y))
            for index in (0, len(x) - 1):
                if math.hypot(x[index] - old.x, y[index] - old.y) <= tol * scale:
                    x[index], y[index] = new.x, new.y
                    changed = True
        if changed:
            path = Polyline.from_arrays(x, y, wire.path.bulges, closed=False)
            result.append(dataclasses.replace(wire, path=path))
    return result
