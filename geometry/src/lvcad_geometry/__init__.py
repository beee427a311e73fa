"""LV CAD geometry core: exact, robust and fast 2D CAD geometry (numpy only, no Qt).

See the package README for the API with examples.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from . import errors
from .arc import Arc, normalize_angle
from .bbox import BBox
from .bulge import arc_to_bulge, bulge_arcs, bulge_to_arc
from .line import Line
from .polyline import Polyline, PolylineLike, Segment, as_polyline
from .tolerance import ABS_TOL, REL_TOL
from .transform import Transform
from .vec import Point, PointLike, Vec2, as_vec

try:
    __version__ = version("lvcad-geometry")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "ABS_TOL",
    "REL_TOL",
    "Arc",
    "BBox",
    "Line",
    "Point",
    "PointLike",
    "Polyline",
    "PolylineLike",
    "Segment",
    "Transform",
    "Vec2",
    "arc_to_bulge",
    "as_polyline",
    "as_vec",
    "bulge_arcs",
    "bulge_to_arc",
    "errors",
    "normalize_angle",
]
