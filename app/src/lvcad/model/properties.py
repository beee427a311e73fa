"""Immutable name → value maps for device properties, block attributes and metadata fields.

A :class:`PropertyMap` is a read-only, hashable :class:`~collections.abc.Mapping` whose values
are plain JSON scalars (:data:`PropertyValue`), so every entity that holds one stays an
immutable value and saves to a file exactly as it is.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from typing import TypeAlias

from .checks import check_text

__all__ = ["PropertyMap", "PropertyValue"]

#: A property value: text, a number or a flag.
PropertyValue: TypeAlias = str | int | float | bool


def _check_value(name: str, value: object) -> PropertyValue:
    if isinstance(value, str):
        return check_text(value, f"property {name!r}")
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"property {name!r} must be a finite number, got {value!r}")
        return value
    raise TypeError(
        f"property {name!r} must be text, a number or true/false, got {type(value).__name__}"
    )


class PropertyMap(Mapping[str, PropertyValue]):
    """A read-only mapping of property names to :data:`PropertyValue` values.

    Example
    -------
    >>> props = PropertyMap({"candela": 75, "mounting": "wall"})
    >>> props["candela"], len(props)
    (75, 2)
    >>> props.set("candela", 110)["candela"]
    110
    >>> props == {"mounting": "wall", "candela": 75}
    True
    """

    __slots__ = ("_data",)

    _data: dict[str, PropertyValue]

    def __init__(
        self, items: Mapping[str, PropertyValue] | Iterable[tuple[str, PropertyValue]] = ()
    ) -> None:
        data = dict(items)
        for name, value in data.items():
            check_text(name, "a property name")
            if not name:
                raise ValueError("a property name cannot be empty")
            _check_value(name, value)
        object.__setattr__(self, "_data", data)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"PropertyMap is immutable; cannot set {name!r}")

    def __getitem__(self, name: str) -> PropertyValue:
        return self._data[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        return hash(frozenset(self._data.items()))

    def __repr__(self) -> str:
        return f"PropertyMap({self._data!r})"

    def set(self, name: str, value: PropertyValue) -> PropertyMap:
        """A copy with ``name`` set to ``value``."""
        return PropertyMap({**self._data, name: value})

    def without(self, name: str) -> PropertyMap:
        """A copy without ``name`` (no error when it is absent)."""
        return PropertyMap({key: v for key, v in self._data.items() if key != name})

    def to_dict(self) -> dict[str, PropertyValue]:
        """A new plain ``dict`` of the entries."""
        return dict(self._data)


#: The empty map, shared.
EMPTY = PropertyMap()
