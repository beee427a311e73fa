"""LV CAD geometry core: exact, robust and fast 2D CAD geometry (numpy only, no Qt).

See the package README for the API with examples.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from . import errors
from .arc import Arc, normalize_angle
from .bbox import BBox
from .bulge import arc_to_bulge, bulge_arcs, bulge_to_arc
from .chamfer import ChamferResult, compute_chamfer
from .extend import extend
from .fillet import (
    FilletBatch,
    FilletResult,
    FilletStatus,
    compute_fillet,
    fillet_lines_batch,
    fillet_polyline,
)
from .intersect import (
    Entity,
    intersect,
    intersect_arcs,
    intersect_line_arc,
    intersect_lines,
    intersect_polylines,
    intersect_segments,
    self_intersections,
)
from .line import Line
from .nearest import PolylineNearest, distance_to, nearest_on_polyline, nearest_point
from .offset import JoinStyle, offset_polyline
from .polyline import Polyline, PolylineLike, Segment, as_polyline
from .tolerance import ABS_TOL, REL_TOL
from .transform import Transform
from .trim import trim
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
    "ChamferResult",
    "Entity",
    "FilletBatch",
    "FilletResult",
    "FilletStatus",
    "JoinStyle",
    "Line",
    "Point",
    "PointLike",
    "Polyline",
    "PolylineLike",
    "PolylineNearest",
    "Segment",
    "Transform",
    "Vec2",
    "arc_to_bulge",
    "as_polyline",
    "as_vec",
    "bulge_arcs",
    "bulge_to_arc",
    "compute_chamfer",
    "compute_fillet",
    "distance_to",
    "errors",
    "extend",
    "fillet_lines_batch",
    "fillet_polyline",
    "intersect",
    "intersect_arcs",
    "intersect_line_arc",
    "intersect_lines",
    "intersect_polylines",
    "intersect_segments",
    "nearest_on_polyline",
    "nearest_point",
    "normalize_angle",
    "offset_polyline",
    "self_intersections",
    "trim",
]
