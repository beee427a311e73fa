"""Drawing entities: immutable values with stable string ids, in the document's real unit.

Every entity has an ``id`` (unique in its document), a ``layer`` name and an optional
``color`` (``None`` draws in the layer's colour). Geometry is held as
:mod:`lvcad_geometry` values, so arcs stay exact arcs and polylines keep their bulges.
Angles are radians, counter-clockwise from +x.

Entities are frozen: to change one, build a new value with :func:`dataclasses.replace`
and hand it to :meth:`lvcad.model.Document.replace`. Points are stored as
:class:`~lvcad_geometry.Vec2`; plain ``(x, y)`` tuples are converted at run time, but type
checkers expect a ``Vec2``.

Example
-------
>>> from dataclasses import replace
>>> from lvcad_geometry import Line
>>> wall = LineEntity(id="w1", layer="0", geometry=Line((0, 0), (120, 0)))
>>> moved = replace(wall, geometry=Line((0, 10), (120, 10)))
>>> moved.id, moved.geometry.start
('w1', Vec2(x=0.0, y=10.0))
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass, field
from enum import Enum
from typing import ClassVar

from lvcad_geometry import Arc, Line, Polyline, Vec2, as_vec

from .checks import check_finite, check_id, check_name, check_positive, check_text, check_type
from .color import Color
from .properties import EMPTY, PropertyMap

__all__ = [
    "ENTITY_TYPES",
    "ArcEntity",
    "CircleEntity",
    "Device",
    "Entity",
    "Insert",
    "LineEntity",
    "PolylineEntity",
    "TextAnchor",
    "TextEntity",
    "Wire",
    "new_id",
]


def new_id() -> str:
    """A new random entity id: 16 hex digits (64 bits, collisions are not a concern)."""
    return secrets.token_hex(8)


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """Base of every drawing entity: ``id``, ``layer`` and optional ``color``."""

    #: The entity type as written in files (``"line"``, ``"arc"`` …).
    kind: ClassVar[str] = ""

    id: str = field(default_factory=new_id)
    layer: str = "0"
    color: Color | None = None

    def __post_init__(self) -> None:
        check_id(self.id)
        check_name(self.layer, "a layer name")
        if self.color is not None:
            check_type(self.color, Color, "an entity colour")
            self.color.check()


@dataclass(frozen=True, slots=True, kw_only=True)
class LineEntity(Entity):
    """A straight line segment."""

    kind = "line"
    geometry: Line

    def __post_init__(self) -> None:
        Entity.__post_init__(self)
        check_type(self.geometry, Line, "a line's geometry")


@dataclass(frozen=True, slots=True, kw_only=True)
class ArcEntity(Entity):
    """A circular arc (centre, radius, start angle and signed sweep)."""

    kind = "arc"
    geometry: Arc

    def __post_init__(self) -> None:
        Entity.__post_init__(self)
        check_type(self.geometry, Arc, "an arc's geometry")


@dataclass(frozen=True, slots=True, kw_only=True)
class CircleEntity(Entity):
    """A full circle."""

    kind = "circle"
    center: Vec2
    radius: float

    def __post_init__(self) -> None:
        Entity.__post_init__(self)
        object.__setattr__(self, "center", as_vec(self.center))
        object.__setattr__(self, "radius", check_positive(self.radius, "a circle's radius"))

    @property
    def arc(self) -> Arc:
        """The circle as a full counter-clockwise :class:`~lvcad_geometry.Arc` from angle 0."""
        return Arc(self.center, self.radius, 0.0, 2.0 * math.pi)


@dataclass(frozen=True, slots=True, kw_only=True)
class PolylineEntity(Entity):
    """A polyline of straight and arc (bulge) segments, open or closed."""

    kind = "polyline"
    geometry: Polyline

    def __post_init__(self) -> None:
        Entity.__post_init__(self)
        check_type(self.geometry, Polyline, "a polyline's geometry")


class TextAnchor(Enum):
    """Which point of the text box sits at the text's position (DXF TEXT/MTEXT alignment)."""

    BASELINE_LEFT = "baseline_left"
    BASELINE_CENTER = "baseline_center"
    BASELINE_RIGHT = "baseline_right"
    BOTTOM_LEFT = "bottom_left"
    BOTTOM_CENTER = "bottom_center"
    BOTTOM_RIGHT = "bottom_right"
    MIDDLE_LEFT = "middle_left"
    MIDDLE_CENTER = "middle_center"
    MIDDLE_RIGHT = "middle_right"
    TOP_LEFT = "top_left"
    TOP_CENTER = "top_center"
    TOP_RIGHT = "top_right"


@dataclass(frozen=True, slots=True, kw_only=True)
class TextEntity(Entity):
    """Text: one or more lines (``\\n``) of ``height`` units, rotated about ``position``."""

    kind = "text"
    position: Vec2
    text: str
    height: float
    rotation: float = 0.0
    anchor: TextAnchor = TextAnchor.BASELINE_LEFT

    def __post_init__(self) -> None:
        Entity.__post_init__(self)
        object.__setattr__(self, "position", as_vec(self.position))
        check_text(self.text, "text")
        object.__setattr__(self, "height", check_positive(self.height, "a text height"))
        object.__setattr__(self, "rotation", check_finite(self.rotation, "a text rotation"))
        check_type(self.anchor, TextAnchor, "a text anchor")


@dataclass(frozen=True, slots=True, kw_only=True)
class Insert(Entity):
    """A block reference (DXF INSERT): the named block placed, rotated and scaled.

    ``attributes`` holds the values of the block's attributes (DXF ATTRIB), all text.
    A negative scale mirrors.
    """

    kind = "insert"
    block: str
    position: Vec2
    rotation: float = 0.0
    scale_x: float = 1.0
    scale_y: float = 1.0
    attributes: PropertyMap = EMPTY

    def __post_init__(self) -> None:
        Entity.__post_init__(self)
        check_name(self.block, "a block name")
        object.__setattr__(self, "position", as_vec(self.position))
        object.__setattr__(self, "rotation", check_finite(self.rotation, "an insert's rotation"))
        for name in ("scale_x", "scale_y"):
            scale = check_finite(getattr(self, name), f"an insert's {name}")
            if scale == 0.0:
                raise ValueError(f"an insert's {name} cannot be 0")
            object.__setattr__(self, name, scale)
        check_type(self.attributes, PropertyMap, "an insert's attributes")
        for tag, value in self.attributes.items():
            if not isinstance(value, str):
                raise TypeError(f"block attribute {tag!r} must be text, got {value!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Device(Entity):
    """A placed fire-alarm or low-voltage device.

    ``device_type`` is a type id of the device catalog (:mod:`lvcad.model.catalog`), ``model``
    the product model the designer chose (free text, may be empty), ``label`` the device's
    tag on the drawing (e.g. an address), ``properties`` the type's settings (e.g. candela).
    A device whose type is missing from the loaded catalog is kept as it is.
    """

    kind = "device"
    device_type: str
    position: Vec2
    rotation: float = 0.0
    model: str = ""
    label: str = ""
    properties: PropertyMap = EMPTY

    def __post_init__(self) -> None:
        Entity.__post_init__(self)
        check_id(self.device_type)
        object.__setattr__(self, "position", as_vec(self.position))
        object.__setattr__(self, "rotation", check_finite(self.rotation, "a device's rotation"))
        check_text(self.model, "a device model")
        check_text(self.label, "a device label")
        check_type(self.properties, PropertyMap, "a device's properties")


@dataclass(frozen=True, slots=True, kw_only=True)
class Wire(Entity):
    """A wire run: an open polyline path on a circuit, connecting devices (by entity id)."""

    kind = "wire"
    path: Polyline
    circuit: str = ""
    devices: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        Entity.__post_init__(self)
        check_type(self.path, Polyline, "a wire's path")
        if self.path.closed:
            raise ValueError(f"wire {self.id!r}: a wire's path must be open")
        check_text(self.circuit, "a circuit id")
        devices = tuple(self.devices)
        for device_id in devices:
            check_id(device_id)
        if len(set(devices)) != len(devices):
            raise ValueError(f"wire {self.id!r} lists a connected device twice: {devices!r}")
        object.__setattr__(self, "devices", devices)


#: Entity classes by their ``kind``, in the order the file format documents them.
ENTITY_TYPES: dict[str, type[Entity]] = {
    cls.kind: cls
    for cls in (
        LineEntity,
        ArcEntity,
        CircleEntity,
        PolylineEntity,
        TextEntity,
        Insert,
        Device,
        Wire,
    )
}
