"""Canvas item of an arc entity."""

from __future__ import annotations

from lvcad.model import ArcEntity

from .base import PathItem

__all__ = ["ArcItem"]


class ArcItem(PathItem):
    """A circular arc (its signed sweep decides the direction)."""

    entity: ArcEntity
