"""Migrations of ``.lvcad`` data from every older schema version to the current one.

``MIGRATIONS[n]`` turns valid version-``n`` data into version ``n + 1`` data. :func:`upgrade`
checks the data against its own version's schema, then runs each step and checks its
result, so a migration only ever sees valid input and never produces unchecked output.

Version 1 → 2
    * ``"units": "millimetres"`` (spelled out) became ``"unit": "mm"`` (the symbol);
    * the top-level ``"title"`` moved into a new ``"metadata"`` block (author, description,
      timestamps and custom fields, empty or unknown after migration);
    * ``"underlay"`` was added (``null``);
    * angles were degrees, now radians; arcs were stored DXF-style (counter-clockwise from
      ``start_angle`` to ``end_angle``, equal angles meaning a full circle) and now store
      ``start_angle`` and a signed ``sweep``;
    * polylines and wires had ``"points"`` plus a parallel ``"bulges"`` list, now one
      ``"vertices"`` list of ``[x, y, bulge]``;
    * text gained ``"anchor"`` (v1 text was always ``baseline_left``), inserts
      ``"attributes"``, devices ``"label"`` and wires their connected ``"devices"``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from .schema import CURRENT_VERSION, SchemaError, check

__all__ = ["MIGRATIONS", "upgrade"]

Data = dict[str, Any]

_UNITS_V1 = {"inches": "in", "feet": "ft", "millimetres": "mm", "metres": "m"}


def _vertices_v1(entity: Data) -> list[list[float]]:
    points, bulges = entity.pop("points"), entity.pop("bulges")
    if len(bulges) != len(points):
        raise SchemaError(
            1, f"entity {entity['id']!r}", f"{len(points)} points but {len(bulges)} bulges"
        )
    return [[point[0], point[1], bulge] for point, bulge in zip(points, bulges, strict=True)]


def _entity_v1_to_v2(entity: Data) -> Data:
    entity = dict(entity)
    kind = entity["type"]
    if kind == "arc":
        start, end = entity.pop("start_angle"), entity.pop("end_angle")
        sweep = math.fmod(end - start, 360.0)
        if sweep <= 0.0:
            sweep += 360.0
        entity["start_angle"] = math.radians(start)
        entity["sweep"] = math.radians(sweep)
    elif kind in ("polyline", "wire"):
        entity["vertices"] = _vertices_v1(entity)
        if kind == "wire":
            entity["devices"] = []
    elif kind in ("text", "insert", "device"):
        entity["rotation"] = math.radians(entity["rotation"])
        if kind == "text":
            entity["anchor"] = "baseline_left"
        elif kind == "insert":
            entity["attributes"] = {}
        else:
            entity["label"] = ""
    return entity


def v1_to_v2(data: Data) -> Data:
    """Migrate version-1 data to version 2 (see the module docstring)."""
    return {
        "format": "lvcad",
        "schema_version": 2,
        "unit": _UNITS_V1[data["units"]],
        "metadata": {
            "title": data["title"],
            "author": "",
            "description": "",
            "created": None,
            "modified": None,
            "custom": {},
        },
        "layers": data["layers"],
        "blocks": [
            {**block, "entities": [_entity_v1_to_v2(e) for e in block["entities"]]}
            for block in data["blocks"]
        ],
        "underlay": None,
        "entities": [_entity_v1_to_v2(entity) for entity in data["entities"]],
    }


#: ``MIGRATIONS[n]`` migrates version ``n`` to ``n + 1``; one entry per older version.
MIGRATIONS: dict[int, Callable[[Data], Data]] = {1: v1_to_v2}


def upgrade(data: Data, version: int) -> Data:
    """Check ``data`` (of schema ``version``) and migrate it to the current version.

    Raises
    ------
    SchemaError
        If the data, or a migration's result, does not match its schema.
    """
    check(data, version)
    while version < CURRENT_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        check(data, version)
    return data
