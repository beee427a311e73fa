"""LV CAD's own data on exported DXF entities (XDATA of the application ``LVCAD``).

A DXF reader sees a device as a block reference and a wire as a polyline. So that an LV CAD
export imports back as devices and wires (ids, type, model, label, properties, circuit,
connections), the export attaches that data as XDATA: JSON text in group-1000 strings of at
most 250 characters, under the registered application name ``LVCAD``. Other CAD programs
keep XDATA of applications they do not know and otherwise ignore it.

Example
-------
>>> tags = encode({"v": FORMAT_VERSION, "kind": "wire", "circuit": "SLC-1"})
>>> tags[0][0], decode([value for _, value in tags])["circuit"]
(1000, 'SLC-1')
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from lvcad.model import Device, Wire

__all__ = ["APPID", "FORMAT_VERSION", "decode", "device_data", "encode", "read", "wire_data"]

#: The registered application name of the XDATA.
APPID = "LVCAD"
#: Version of the JSON content; a reader ignores data of a newer version.
FORMAT_VERSION = 1
_CHUNK = 250


def device_data(device: Device) -> dict[str, Any]:
    """What a device's block reference carries beyond its position."""
    return {
        "v": FORMAT_VERSION,
        "kind": "device",
        "id": device.id,
        "layer": device.layer,
        "type": device.device_type,
        "model": device.model,
        "label": device.label,
        "rotation": device.rotation,
        "properties": device.properties.to_dict(),
    }


def wire_data(wire: Wire) -> dict[str, Any]:
    """What a wire's polyline carries beyond its path."""
    return {
        "v": FORMAT_VERSION,
        "kind": "wire",
        "id": wire.id,
        "layer": wire.layer,
        "circuit": wire.circuit,
        "devices": list(wire.devices),
    }


def encode(data: dict[str, Any]) -> list[tuple[int, str]]:
    """XDATA tags holding ``data`` as ASCII JSON in chunks."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return [(1000, text[i : i + _CHUNK]) for i in range(0, len(text), _CHUNK)]


def decode(values: Iterable[object]) -> dict[str, Any] | None:
    """The JSON object in the string values, or ``None`` if it is not one of ours."""
    parts = [value for value in values if isinstance(value, str)]
    try:
        data = json.loads("".join(parts))
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("v") != FORMAT_VERSION:
        return None
    return data


def read(entity: Any) -> dict[str, Any] | None:
    """The LV CAD data of an ezdxf entity, or ``None`` (absent, damaged or newer)."""
    if not entity.has_xdata(APPID):
        return None
    return decode(tag.value for tag in entity.get_xdata(APPID) if tag.code == 1000)
