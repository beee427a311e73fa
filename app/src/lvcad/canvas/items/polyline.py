"""Canvas item of a polyline entity (straight and bulge segments)."""

from __future__ import annotations

from lvcad.model import PolylineEntity

from .base import PathItem

__all__ = ["PolylineItem"]


class PolylineItem(PathItem):
    """An open or closed polyline; bulge segments are drawn as exact arcs."""

    entity: PolylineEntity
