"""The JSON Schemas of ``.lvcad`` files, one per schema version, and their validators.

The schema files live in ``schema/`` next to this module (``lvcad-v<N>.schema.json``). They
are compiled once with ``jsonschema_rs`` (a compiled validator: about 50 ms for 100k
entities, where the pure-Python ``jsonschema`` package takes about 20 s).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs

__all__ = ["CURRENT_VERSION", "SchemaError", "check", "schema_text"]

#: The schema version this LV CAD writes and the newest one it reads.
CURRENT_VERSION = 2
#: Every version this LV CAD reads (older ones are migrated, see :mod:`.migrations`).
VERSIONS = range(1, CURRENT_VERSION + 1)


class SchemaError(ValueError):
    """Data does not match the schema of its version; ``where`` locates the first problem."""

    def __init__(self, version: int, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem} (schema version {version})")
        self.version = version
        self.where = where
        self.problem = problem


def schema_text(version: int) -> str:
    """The JSON Schema of ``version`` as text."""
    if version not in VERSIONS:
        raise ValueError(f"there is no schema version {version}")
    resource = resources.files("lvcad.io").joinpath(f"schema/lvcad-v{version}.schema.json")
    return resource.read_text(encoding="utf-8")


@cache
def _validator(version: int) -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(json.loads(schema_text(version)))


def check(data: Any, version: int) -> None:
    """Raise :class:`SchemaError` unless ``data`` matches the schema of ``version``."""
    validator = _validator(version)
    if validator.is_valid(data):  # the fast path; errors are collected only when needed
        return
    error = next(iter(validator.iter_errors(data)))
    raise SchemaError(version, json_path(error.instance_path), error.message)


def json_path(parts: Iterable[str | int]) -> str:
    """A readable location such as ``entities[12].radius``."""
    text = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in parts)
    return text.lstrip(".") or "the top level"
