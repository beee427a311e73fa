"""The device catalog: generic device types, their symbols, layers and settings.

The built-in types ship in ``devices.json`` next to this module (smoke and heat detectors,
manual pull station, horn/strobe, speaker, fire alarm control panel, monitor and control
modules). More types come from additional catalog files in the same format
(``device-catalog.schema.json``); :func:`load_catalog` checks each one and names the file
and the entry at fault when it is wrong.

Example
-------
>>> catalog = DeviceCatalog.builtin()
>>> horn = catalog["horn_strobe"]
>>> horn.property("candela").choices
(15, 30, 75, 95, 110, 115, 135, 150, 177, 185)
>>> device = catalog.new_device("horn_strobe", (120.0, 48.0), properties={"candela": 75})
>>> device.layer, device.properties["candela"], device.properties["mounting"]
('FA-HORN-STROBE', 75, 'wall')
>>> catalog.new_device("horn_strobe", (0, 0), properties={"candela": 20})
Traceback (most recent call last):
...
lvcad.model.errors.PropertyValueError: horn_strobe property 'candela': 20 is not one of ...
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any

import jsonschema_rs

from lvcad_geometry import PointLike

from .checks import check_id, check_name
from .entities import Device, new_id
from .errors import CatalogError, NotFoundError, PropertyValueError
from .properties import PropertyMap, PropertyValue

__all__ = [
    "DeviceCatalog",
    "DeviceType",
    "PropertyDefinition",
    "PropertyType",
    "load_catalog",
]

#: Catalog files this version reads.
CATALOG_FORMAT = "lvcad-device-catalog"
CATALOG_VERSION = 1


class PropertyType(Enum):
    """The value type of a device property."""

    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"

    def accepts(self, value: object) -> bool:
        """True when ``value`` has this type (a bool is not a number; an int is a number)."""
        if self is PropertyType.TEXT:
            return isinstance(value, str)
        if self is PropertyType.BOOLEAN:
            return isinstance(value, bool)
        if isinstance(value, bool):
            return False
        if self is PropertyType.INTEGER:
            return isinstance(value, int)
        return isinstance(value, int | float) and math.isfinite(value)


@dataclass(frozen=True, slots=True)
class PropertyDefinition:
    """One setting of a device type: its name, label, type, default and allowed values."""

    name: str
    label: str
    type: PropertyType
    default: PropertyValue
    choices: tuple[PropertyValue, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    unit: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        check_id(self.name)
        for choice in self.choices:
            if not self.type.accepts(choice):
                raise PropertyValueError(
                    f"property {self.name!r}: choice {choice!r} is not {self.type.value}"
                )
        if self.type is PropertyType.NUMBER:
            object.__setattr__(self, "choices", tuple(float(c) for c in self.choices))
        object.__setattr__(self, "default", self.check(self.default, owner="default of"))

    def check(self, value: object, *, owner: str = "") -> PropertyValue:
        """Return ``value`` (ints widened to float for numbers) if allowed, else raise."""
        where = f"{owner} property {self.name!r}".strip()
        if not self.type.accepts(value):
            raise PropertyValueError(f"{where}: {value!r} is not {self.type.value}")
        assert isinstance(value, str | int | float)  # for mypy: accepts() checked the type
        if self.type is PropertyType.NUMBER:
            value = float(value)
        if self.choices and value not in self.choices:
            allowed = ", ".join(map(str, self.choices))
            raise PropertyValueError(f"{where}: {value!r} is not one of {allowed}")
        if isinstance(value, int | float) and not isinstance(value, bool):
            if self.minimum is not None and value < self.minimum:
                raise PropertyValueError(f"{where}: {value!r} is below {self.minimum}")
            if self.maximum is not None and value > self.maximum:
                raise PropertyValueError(f"{where}: {value!r} is above {self.maximum}")
        return value


@dataclass(frozen=True, slots=True)
class DeviceType:
    """A kind of device that can be placed: display name, symbol block, layer and settings."""

    id: str
    name: str
    abbreviation: str
    category: str
    symbol: str
    layer: str
    properties: tuple[PropertyDefinition, ...] = ()
    description: str = ""

    def __post_init__(self) -> None:
        check_id(self.id)
        check_name(self.symbol, "a symbol (block) name")
        check_name(self.layer, "a layer name")
        names = [definition.name for definition in self.properties]
        if len(set(names)) != len(names):
            raise CatalogError(f"device type {self.id!r} defines a property twice: {names}")

    def property(self, name: str) -> PropertyDefinition:
        """The definition of property ``name``."""
        for definition in self.properties:
            if definition.name == name:
                return definition
        raise NotFoundError(f"device type {self.id!r} has no property {name!r}")

    def default_properties(self) -> PropertyMap:
        """Every property at its default value."""
        return PropertyMap({d.name: d.default for d in self.properties})

    def make_properties(self, values: Mapping[str, PropertyValue] | None = None) -> PropertyMap:
        """Defaults overridden by ``values``, each checked against its definition."""
        result = dict(self.default_properties())
        for name, value in (values or {}).items():
            result[name] = self.property(name).check(value, owner=self.id)
        return PropertyMap(result)

    def problems(self, device: Device) -> list[str]:
        """What in ``device``'s properties does not fit this type (empty when all is well).

        Documents keep such devices as they are (e.g. made with another catalog); the editor
        shows these problems.
        """
        found = []
        known = {definition.name for definition in self.properties}
        for name, value in device.properties.items():
            if name not in known:
                found.append(f"unknown property {name!r}")
            else:
                try:
                    self.property(name).check(value, owner=self.id)
                except PropertyValueError as error:
                    found.append(str(error))
        found.extend(f"property {n!r} is not set" for n in sorted(known - set(device.properties)))
        return found


class DeviceCatalog(Mapping[str, DeviceType]):
    """Device types by id, in catalog order; combine catalogs with :meth:`extended`."""

    def __init__(self, types: Iterable[DeviceType] = ()) -> None:
        self._types: dict[str, DeviceType] = {}
        for device_type in types:
            if device_type.id in self._types:
                raise CatalogError(f"device type {device_type.id!r} is defined twice")
            self._types[device_type.id] = device_type

    def __getitem__(self, type_id: str) -> DeviceType:
        return self._types[type_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._types)

    def __len__(self) -> int:
        return len(self._types)

    def __repr__(self) -> str:
        return f"<DeviceCatalog of {len(self)} types: {', '.join(self._types)}>"

    @classmethod
    def builtin(cls) -> DeviceCatalog:
        """The catalog shipped with LV CAD."""
        return _builtin()

    @classmethod
    def from_file(cls, path: str | PathLike[str]) -> DeviceCatalog:
        """Read and check one catalog file."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CatalogError(
                f"cannot read device catalog {str(path)!r}: {error}; check the path in the "
                "settings or remove it from the catalog list"
            ) from error
        return cls.from_json(text, source=str(path))

    @classmethod
    def from_json(cls, text: str, *, source: str = "<string>") -> DeviceCatalog:
        """Parse and check catalog JSON; ``source`` names it in error messages."""
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as error:
            raise CatalogError(f"device catalog {source!r} is not valid JSON: {error}") from None
        return cls.from_data(data, source=source)

    @classmethod
    def from_data(cls, data: object, *, source: str = "<data>") -> DeviceCatalog:
        """Build a catalog from parsed catalog JSON, checking it first."""
        error = next(_validator().iter_errors(data), None)
        if error is not None:
            raise CatalogError(
                f"device catalog {source!r} is invalid at {_json_path(error.instance_path)}: "
                f"{error.message}. Fix the file (see device-catalog.schema.json)."
            )
        assert isinstance(data, dict)
        types = []
        for index, entry in enumerate(data["device_types"]):
            try:
                types.append(_device_type(entry))
            except (ValueError, TypeError) as problem:
                raise CatalogError(
                    f"device catalog {source!r}, device_types[{index}] ({entry['id']!r}): {problem}"
                ) from None
        try:
            return cls(types)
        except CatalogError as problem:
            raise CatalogError(f"device catalog {source!r}: {problem}") from None

    def extended(self, other: DeviceCatalog) -> DeviceCatalog:
        """A catalog with this one's types followed by ``other``'s (ids must not repeat)."""
        return DeviceCatalog([*self.values(), *other.values()])

    def new_device(
        self,
        type_id: str,
        position: PointLike,
        *,
        rotation: float = 0.0,
        model: str = "",
        label: str = "",
        properties: Mapping[str, PropertyValue] | None = None,
        id: str | None = None,
        layer: str | None = None,
    ) -> Device:
        """A new :class:`Device` of ``type_id`` on its type's layer, properties defaulted."""
        device_type = self._types.get(type_id)
        if device_type is None:
            raise NotFoundError(f"the device catalog has no type {type_id!r}")
        return Device(
            id=new_id() if id is None else id,
            layer=device_type.layer if layer is None else layer,
            device_type=type_id,
            position=position,  # type: ignore[arg-type]  # Device converts it to a Vec2
            rotation=rotation,
            model=model,
            label=label,
            properties=device_type.make_properties(properties),
        )


def load_catalog(*paths: str | PathLike[str], include_builtin: bool = True) -> DeviceCatalog:
    """The built-in catalog (unless ``include_builtin=False``) extended by catalog files."""
    catalog = DeviceCatalog.builtin() if include_builtin else DeviceCatalog()
    for path in paths:
        extra = DeviceCatalog.from_file(path)
        try:
            catalog = catalog.extended(extra)
        except CatalogError as problem:
            raise CatalogError(
                f"device catalog {str(path)!r}: {problem}; give the type another id"
            ) from None
    return catalog


def _device_type(entry: dict[str, Any]) -> DeviceType:
    definitions = []
    for prop in entry["properties"]:
        definitions.append(
            PropertyDefinition(
                name=prop["name"],
                label=prop["label"],
                type=PropertyType(prop["type"]),
                default=prop["default"],
                choices=tuple(prop.get("choices", ())),
                minimum=prop.get("minimum"),
                maximum=prop.get("maximum"),
                unit=prop.get("unit", ""),
                description=prop.get("description", ""),
            )
        )
    return DeviceType(
        id=entry["id"],
        name=entry["name"],
        abbreviation=entry["abbreviation"],
        category=entry["category"],
        symbol=entry["symbol"],
        layer=entry["layer"],
        properties=tuple(definitions),
        description=entry.get("description", ""),
    )


def _json_path(parts: Iterable[str | int]) -> str:
    text = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in parts)
    return text.lstrip(".") or "the top level"


@cache
def _validator() -> jsonschema_rs.Validator:
    schema = (
        resources.files("lvcad.model").joinpath("device-catalog.schema.json").read_text("utf-8")
    )
    return jsonschema_rs.validator_for(json.loads(schema))


@cache
def _builtin() -> DeviceCatalog:
    text = resources.files("lvcad.model").joinpath("devices.json").read_text("utf-8")
    return DeviceCatalog.from_json(text, source="built-in devices.json")
