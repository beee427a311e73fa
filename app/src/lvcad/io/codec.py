"""Conversion between a :class:`~lvcad.model.Document` and current-version ``.lvcad`` data.

:func:`document_to_data` and :func:`data_to_document` are exact inverses for every entity
type: floats are carried as Python floats (written with ``repr``, read back bit for bit),
arcs stay arcs and polylines keep their bulges. :func:`encode` lays the data out
deterministically, one record per line, so saving the same document twice gives the same
bytes and version control shows meaningful diffs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

import numpy as np

from lvcad.model import (
    ArcEntity,
    BlockDefinition,
    CircleEntity,
    Color,
    Device,
    Document,
    Entity,
    Insert,
    Layer,
    LineEntity,
    Metadata,
    PolylineEntity,
    PropertyMap,
    TextAnchor,
    TextEntity,
    Underlay,
    UnderlayLayer,
    Unit,
    Wire,
)
from lvcad_geometry import Arc, Line, Polyline, Transform, Vec2

from .schema import CURRENT_VERSION

__all__ = ["data_to_document", "document_to_data", "encode"]

Data = dict[str, Any]

# ------------------------------------------------------------------------------- writing


def _point(point: Vec2) -> list[float]:
    return [point.x, point.y]


def _vertices(polyline: Polyline) -> list[tuple[float, float, float]]:
    return list(
        zip(polyline.x.tolist(), polyline.y.tolist(), polyline.bulges.tolist(), strict=True)
    )


def _sorted(values: PropertyMap) -> Data:
    return dict(sorted(values.items()))


def _entity_data(entity: Entity) -> Data:
    data: Data = {"type": entity.kind, "id": entity.id, "layer": entity.layer}
    if entity.color is not None:
        data["color"] = entity.color.hex
    match entity:
        case LineEntity(geometry=line):
            data["start"], data["end"] = _point(line.start), _point(line.end)
        case ArcEntity(geometry=arc):
            data["center"] = _point(arc.center)
            data["radius"], data["start_angle"], data["sweep"] = (
                arc.radius,
                arc.start_angle,
                arc.sweep,
            )
        case CircleEntity():
            data["center"], data["radius"] = _point(entity.center), entity.radius
        case PolylineEntity(geometry=polyline):
            data["vertices"], data["closed"] = _vertices(polyline), polyline.closed
        case TextEntity():
            data["position"], data["text"] = _point(entity.position), entity.text
            data["height"], data["rotation"] = entity.height, entity.rotation
            data["anchor"] = entity.anchor.value
        case Insert():
            data["block"], data["position"] = entity.block, _point(entity.position)
            data["rotation"], data["scale"] = entity.rotation, [entity.scale_x, entity.scale_y]
            data["attributes"] = _sorted(entity.attributes)
        case Device():
            data["device_type"], data["position"] = entity.device_type, _point(entity.position)
            data["rotation"], data["model"], data["label"] = (
                entity.rotation,
                entity.model,
                entity.label,
            )
            data["properties"] = _sorted(entity.properties)
        case Wire():
            data["vertices"], data["circuit"] = _vertices(entity.path), entity.circuit
            data["devices"] = list(entity.devices)
        case _:  # pragma: no cover - the Document admits only the types above
            raise TypeError(f"cannot save a {type(entity).__name__}")
    return data


def _timestamp(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def document_to_data(document: Document) -> Data:
    """The document as current-version ``.lvcad`` data (plain dicts, lists and scalars)."""
    meta = document.metadata
    underlay = document.underlay
    return {
        "format": "lvcad",
        "schema_version": CURRENT_VERSION,
        "unit": document.unit.value,
        "metadata": {
            "title": meta.title,
            "author": meta.author,
            "description": meta.description,
            "created": _timestamp(meta.created),
            "modified": _timestamp(meta.modified),
            "custom": _sorted(meta.custom),
        },
        "layers": [
            {
                "name": layer.name,
                "color": layer.color.hex,
                "visible": layer.visible,
                "locked": layer.locked,
            }
            for layer in document.layers.values()
        ],
        "blocks": [
            {
                "name": block.name,
                "base_point": _point(block.base_point),
                "entities": [_entity_data(entity) for entity in block.entities],
            }
            for block in document.blocks.values()
        ],
        "underlay": None
        if underlay is None
        else {
            "source": underlay.source,
            "transform": list(underlay.transform),
            "layers": [
                {"name": layer.name, "visible": layer.visible, "locked": layer.locked}
                for layer in underlay.layers
            ],
            "visible": underlay.visible,
            "locked": underlay.locked,
        },
        "entities": [_entity_data(entity) for entity in document],
    }


#: Top-level keys in the order they are written (format and version first, for humans).
KEY_ORDER = (
    "format",
    "schema_version",
    "unit",
    "metadata",
    "layers",
    "blocks",
    "underlay",
    "entities",
)

# Keys are written in the order the records above are built in (type and id first), and
# user-named keys (properties, attributes, custom fields) are sorted, so equal documents give
# equal bytes. ASCII-only output: any text, even a lone surrogate, round-trips as \u escapes.
_ENCODER = json.JSONEncoder(ensure_ascii=True, allow_nan=False)


def encode(data: Data) -> bytes:
    """Deterministic JSON bytes: fixed key order, one layer, block or entity per line."""
    if set(data) != set(KEY_ORDER):
        raise ValueError(f"document data must have exactly the keys {KEY_ORDER}")
    encode_value: Callable[[object], str] = _ENCODER.encode
    lines = ["{"]
    for index, key in enumerate(KEY_ORDER):
        value = data[key]
        comma = "," if index < len(KEY_ORDER) - 1 else ""
        if isinstance(value, list) and value:
            items = ",\n".join("    " + encode_value(item) for item in value)
            lines.append(f'  "{key}": [\n{items}\n  ]{comma}')
        else:
            lines.append(f'  "{key}": {encode_value(value)}{comma}')
    lines.append("}\n")
    return "\n".join(lines).encode("ascii")


# ------------------------------------------------------------------------------- reading


def _vec(value: list[float]) -> Vec2:
    return Vec2(float(value[0]), float(value[1]))


def _polyline(vertices: list[list[float]], closed: bool) -> Polyline:
    array = np.array(vertices, dtype=np.float64).reshape(-1, 3)
    return Polyline.from_arrays(array[:, 0], array[:, 1], array[:, 2], closed=closed)


def _common(data: Data) -> Data:
    color = data.get("color")
    return {
        "id": data["id"],
        "layer": data["layer"],
        "color": None if color is None else Color.from_hex(color),
    }


def _line(data: Data) -> Entity:
    return LineEntity(**_common(data), geometry=Line(_vec(data["start"]), _vec(data["end"])))


def _arc(data: Data) -> Entity:
    arc = Arc(_vec(data["center"]), data["radius"], data["start_angle"], data["sweep"])
    return ArcEntity(**_common(data), geometry=arc)


def _circle(data: Data) -> Entity:
    return CircleEntity(**_common(data), center=_vec(data["center"]), radius=float(data["radius"]))


def _polyline_entity(data: Data) -> Entity:
    return PolylineEntity(**_common(data), geometry=_polyline(data["vertices"], data["closed"]))


def _text(data: Data) -> Entity:
    return TextEntity(
        **_common(data),
        position=_vec(data["position"]),
        text=data["text"],
        height=float(data["height"]),
        rotation=float(data["rotation"]),
        anchor=TextAnchor(data["anchor"]),
    )


def _insert(data: Data) -> Entity:
    scale_x, scale_y = data["scale"]
    return Insert(
        **_common(data),
        block=data["block"],
        position=_vec(data["position"]),
        rotation=float(data["rotation"]),
        scale_x=float(scale_x),
        scale_y=float(scale_y),
        attributes=PropertyMap(data["attributes"]),
    )


def _device(data: Data) -> Entity:
    return Device(
        **_common(data),
        device_type=data["device_type"],
        position=_vec(data["position"]),
        rotation=float(data["rotation"]),
        model=data["model"],
        label=data["label"],
        properties=PropertyMap(data["properties"]),
    )


def _wire(data: Data) -> Entity:
    return Wire(
        **_common(data),
        path=_polyline(data["vertices"], False),
        circuit=data["circuit"],
        devices=tuple(data["devices"]),
    )


_READERS: dict[str, Callable[[Data], Entity]] = {
    "line": _line,
    "arc": _arc,
    "circle": _circle,
    "polyline": _polyline_entity,
    "text": _text,
    "insert": _insert,
    "device": _device,
    "wire": _wire,
}


def _entity(data: Data, where: str) -> Entity:
    try:
        return _READERS[data["type"]](data)
    except (ValueError, TypeError, OverflowError) as error:
        raise ValueError(f"{where} ({data['type']} {data['id']!r}): {error}") from error


def _datetime(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def data_to_document(data: Data) -> Document:
    """Build a document from current-version data that passed the schema check.

    Raises
    ------
    ValueError, TypeError, OverflowError
        For what the schema cannot check: duplicate ids, missing layers or blocks, wires to
        non-devices, non-finite or degenerate geometry. The message says where.
    """
    meta = data["metadata"]
    metadata = Metadata(
        title=meta["title"],
        author=meta["author"],
        description=meta["description"],
        created=_datetime(meta["created"]),
        modified=_datetime(meta["modified"]),
        custom=PropertyMap(meta["custom"]),
    )
    layers = [
        Layer(item["name"], Color.from_hex(item["color"]), item["visible"], item["locked"])
        for item in data["layers"]
    ]
    blocks = [
        BlockDefinition(
            block["name"],
            _vec(block["base_point"]),
            tuple(
                _entity(entity, f"block {block['name']!r} entities[{index}]")
                for index, entity in enumerate(block["entities"])
            ),
        )
        for block in data["blocks"]
    ]
    underlay = None
    if (item := data["underlay"]) is not None:
        underlay = Underlay(
            item["source"],
            Transform(*(float(value) for value in item["transform"])),
            tuple(
                UnderlayLayer(lay["name"], lay["visible"], lay["locked"]) for lay in item["layers"]
            ),
            item["visible"],
            item["locked"],
        )
    entities = [
        _entity(entity, f"entities[{index}]") for index, entity in enumerate(data["entities"])
    ]
    return Document(
        Unit(data["unit"]),
        metadata=metadata,
        layers=layers,
        blocks=blocks,
        entities=entities,
        underlay=underlay,
    )
