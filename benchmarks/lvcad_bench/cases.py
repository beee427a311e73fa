"""Every geometry operation as a benchmark case, ours and the peers', at any vertex count.

A case builds its seeded input outside the timed part and returns the call to time. The
pytest-benchmark suite times every case (with peers, same run); the callgrind gate counts
the instructions of ours at ``GATE_SIZES``. Peers are imported only when their case is
built, so the gate's environment needs none of them.

Who cleans up (removes the loops and self-intersections of an offset): ours, shapely
(``offset_curve`` goes through GEOS's buffer) and pyclipper (``ClipperOffset`` builds a
polygon around the path); ezdxf's ``offset_vertices_2d`` does not (a raw mitre offset).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

import lvcad_geometry as geo

FloatArray = npt.NDArray[np.float64]
Timed = Callable[[], object]

#: Vertex counts the pytest-benchmark suite runs; 1M is added by ``--huge`` (never in CI).
SIZES = (4, 100, 10_000)
HUGE = 1_000_000
#: Vertex counts the instruction gate measures: representative and quick under callgrind.
GATE_SIZES = (100, 10_000)
#: Operations too slow at 10k under callgrind are gated at 1k instead: offset with cleanup
#: (1.5 s natively at 10k) and the per-segment Python loops (100-400 M instructions at 10k).
GATE_SIZES_OVERRIDE = dict.fromkeys(
    ("offset-cleanup", "chamfer", "bulge-to-arcs", "arcs-to-bulge"), (100, 1_000)
)

LVCAD = "lvcad"


@dataclass(frozen=True)
class Case:
    """One timed call: ``operation`` done by ``library`` on an input of ``vertices``."""

    operation: str
    library: str
    vertices: int
    build: Callable[[int], Timed]

    @property
    def key(self) -> str:
        """``operation/vertices`` for ours, ``operation/vertices/library`` for a peer."""
        base = f"{self.operation}/{self.vertices}"
        return base if self.library == LVCAD else f"{base}/{self.library}"


# -- inputs (seeded, deterministic) ------------------------------------------------------------


def spiral(n: int) -> FloatArray:
    """An open Archimedean spiral of 2.75 turns, radius 100 to ~270: no self-intersections."""
    t = np.linspace(0.0, 5.5 * math.pi, n)
    radius = 100.0 + 10.0 * t
    return np.column_stack((radius * np.cos(t), radius * np.sin(t)))


def walk(n: int, seed: int = 7) -> FloatArray:
    """A random walk of unit normal steps: crosses itself (and other walks) often."""
    return np.cumsum(np.random.default_rng(seed).normal(size=(n, 2)), axis=0)


def zigzag(n: int) -> FloatArray:
    """Corners 10 apart in x, random heights in [-10, 10]: a fillet of 0.5 fits every corner."""
    y = np.random.default_rng(3).uniform(-10.0, 10.0, n)
    return np.column_stack((np.arange(n) * 10.0, y))


def polygon(n: int) -> FloatArray:
    """``n`` vertices on a circle of radius 1000 (counter-clockwise), to close as a polygon."""
    t = np.linspace(0.0, 2.0 * math.pi, n, endpoint=False)
    return np.column_stack((1000.0 * np.cos(t), 1000.0 * np.sin(t)))


def arc_polygon(n: int) -> geo.Polyline:
    """The closed ``polygon`` with alternating bulges 0.2 and -0.1: half its segments arcs."""
    bulges = np.where(np.arange(n) % 2 == 0, 0.2, -0.1)
    points = polygon(n)
    return geo.Polyline.from_arrays(points[:, 0], points[:, 1], bulges, closed=True)


def _polyline(points: FloatArray, *, closed: bool = False) -> geo.Polyline:
    return geo.Polyline.from_arrays(points[:, 0], points[:, 1], closed=closed)


# -- ours ---------------------------------------------------------------------------------------


def offset_smooth(n: int) -> Timed:
    polyline = _polyline(spiral(n))
    return lambda: geo.offset_polyline(polyline, 1.0)


def offset_cleanup(n: int) -> Timed:
    polyline = _polyline(walk(n))
    return lambda: geo.offset_polyline(polyline, 0.5)


def fillet(n: int) -> Timed:
    polyline = _polyline(zigzag(n))
    return lambda: geo.fillet_polyline(polyline, 0.5)


def chamfer(n: int) -> Timed:
    """Chamfer every corner of the zigzag: one ``compute_chamfer`` per pair of segments."""
    segments = list(_polyline(zigzag(n)).segments())
    pairs = list(itertools.pairwise(segments))

    def run() -> list[geo.ChamferResult]:
        return [geo.compute_chamfer(a, b, 0.5) for a, b in pairs]  # type: ignore[arg-type]

    return run


def intersections(n: int) -> Timed:
    a, b = _polyline(walk(n, 11)), _polyline(walk(n, 12))
    return lambda: geo.intersect_polylines(a, b)


def self_intersections(n: int) -> Timed:
    polyline = _polyline(walk(n))
    return lambda: geo.self_intersections(polyline)


def _crossing_line(points: FloatArray) -> geo.Line:
    """A horizontal line through the middle of the points' extent, past both sides."""
    low, high = points.min(axis=0), points.max(axis=0)
    y = float(low[1] + high[1]) / 2.0 + 0.123
    return geo.Line((float(low[0]) - 10.0, y), (float(high[0]) + 10.0, y))


def trim(n: int) -> Timed:
    """Trim the spiral where the picked point is, at a line across all its turns."""
    points = spiral(n)
    polyline, boundary = _polyline(points), _crossing_line(points)
    pick = tuple(points[n // 3])
    return lambda: geo.trim(polyline, boundary, pick)


def extend(n: int) -> Timed:
    """Extend the spiral's end to a line 50 beyond it, across its end direction."""
    points = spiral(n)
    end, before = points[-1], points[-2]
    direction = (end - before) / np.hypot(*(end - before))
    normal = np.array((-direction[1], direction[0]))
    far = end + 50.0 * direction
    boundary = geo.Line(tuple(far + 100.0 * normal), tuple(far - 100.0 * normal))
    polyline = _polyline(points)
    return lambda: geo.extend(polyline, boundary, end="end")


def nearest(n: int) -> Timed:
    polyline = _polyline(walk(n))
    return lambda: geo.nearest_on_polyline(polyline, (3.0, -2.0))


def bulge_to_arcs(n: int) -> Timed:
    """Every bulge of a closed polyline (half arcs) as a Line or an Arc."""
    polyline = arc_polygon(n)
    return lambda: list(polyline.segments())


def arcs_to_bulge(n: int) -> Timed:
    """The same segments back to one polyline with bulges."""
    segments = list(arc_polygon(n).segments())
    return lambda: geo.Polyline.from_segments(segments, closed=True)


def length(n: int) -> Timed:
    polyline = _polyline(polygon(n), closed=True)
    return lambda: polyline.length


def area(n: int) -> Timed:
    polyline = _polyline(polygon(n), closed=True)
    return lambda: polyline.area


def bbox(n: int) -> Timed:
    polyline = _polyline(polygon(n), closed=True)
    return lambda: polyline.bbox


def transform(n: int) -> Timed:
    """Rotate a closed polyline with arcs about a point."""
    polyline, rotation = arc_polygon(n), geo.Transform.rotation(0.3, (5.0, 5.0))
    return lambda: rotation.apply(polyline)


# -- peers ------------------------------------------------------------------------------------


def shapely_offset(points: Callable[[int], FloatArray], d: float) -> Callable[[int], Timed]:
    def build(n: int) -> Timed:
        import shapely

        line = shapely.LineString(points(n))
        return lambda: line.offset_curve(d, join_style="mitre")

    return build


def ezdxf_offset(n: int) -> Timed:
    from ezdxf.math import offset_vertices_2d

    vertices = [tuple(p) for p in spiral(n).tolist()]
    return lambda: list(offset_vertices_2d(vertices, 1.0))


def pyclipper_offset(points: Callable[[int], FloatArray], d: float) -> Callable[[int], Timed]:
    def build(n: int) -> Timed:
        import pyclipper

        path = pyclipper.scale_to_clipper(points(n).tolist())
        delta = pyclipper.scale_to_clipper(d)

        def run() -> object:
            offset = pyclipper.PyclipperOffset(miter_limit=4.0)
            offset.AddPath(path, pyclipper.JT_MITER, pyclipper.ET_OPENBUTT)
            return offset.Execute(delta)

        return run

    return build


def shapely_intersections(n: int) -> Timed:
    import shapely

    a, b = shapely.LineString(walk(n, 11)), shapely.LineString(walk(n, 12))
    return lambda: shapely.intersection(a, b)


def shapely_nearest(n: int) -> Timed:
    import shapely

    line, point = shapely.LineString(walk(n)), shapely.Point(3.0, -2.0)
    return lambda: shapely.shortest_line(line, point)


def shapely_measure(name: str) -> Callable[[int], Timed]:
    def build(n: int) -> Timed:
        import shapely

        ring = shapely.Polygon(polygon(n))
        measure = {"length": shapely.length, "area": shapely.area, "bbox": shapely.bounds}[name]
        return lambda: measure(ring)

    return build


def ezdxf_bulge_to_arcs(n: int) -> Timed:
    from ezdxf.math import bulge_to_arc

    polyline = arc_polygon(n)
    xy = polyline.xy.tolist()
    items = [(xy[i], xy[(i + 1) % n], b) for i, b in enumerate(polyline.bulges.tolist())]
    return lambda: [bulge_to_arc(p, q, b) for p, q, b in items if b]


def ezdxf_arcs_to_bulge(n: int) -> Timed:
    from ezdxf.math import arc_to_bulge

    arcs = [s for s in arc_polygon(n).segments() if isinstance(s, geo.Arc)]
    items = [(a.center, a.start_angle, a.start_angle + a.sweep, a.radius) for a in arcs]
    return lambda: [arc_to_bulge(c, s, e, r) for c, s, e, r in items]


def shapely_transform(n: int) -> Timed:
    import shapely
    from shapely import affinity

    ring = shapely.Polygon(polygon(n))
    return lambda: affinity.rotate(ring, 0.3, origin=(5.0, 5.0), use_radians=True)


def ezdxf_transform(n: int) -> Timed:
    from ezdxf.math import Matrix44, Vec3

    vertices = [Vec3(x, y) for x, y in polygon(n).tolist()]
    matrix = Matrix44.chain(
        Matrix44.translate(-5.0, -5.0, 0.0), Matrix44.z_rotate(0.3), Matrix44.translate(5, 5, 0)
    )
    return lambda: list(matrix.transform_vertices(vertices))


#: operation -> ours, then (library, builder, largest size the peer is timed at) per peer.
#: pyclipper is quadratic on zig-zags (a 10k random walk takes seconds): walks up to 1k only.
OPERATIONS: dict[str, tuple[Callable[[int], Timed], list[tuple[str, Callable[[int], Timed], int]]]]
OPERATIONS = {
    "offset-smooth": (
        offset_smooth,
        [
            ("shapely", shapely_offset(spiral, 1.0), HUGE),
            ("ezdxf", ezdxf_offset, HUGE),
            ("pyclipper", pyclipper_offset(spiral, 1.0), HUGE),
        ],
    ),
    "offset-cleanup": (
        offset_cleanup,
        [
            ("shapely", shapely_offset(walk, 0.5), HUGE),
            ("pyclipper", pyclipper_offset(walk, 0.5), 1_000),
        ],
    ),
    "fillet": (fillet, []),
    "chamfer": (chamfer, []),
    "intersections": (intersections, [("shapely", shapely_intersections, HUGE)]),
    "self-intersections": (self_intersections, []),
    "trim": (trim, []),
    "extend": (extend, []),
    "nearest": (nearest, [("shapely", shapely_nearest, HUGE)]),
    "bulge-to-arcs": (bulge_to_arcs, [("ezdxf", ezdxf_bulge_to_arcs, HUGE)]),
    "arcs-to-bulge": (arcs_to_bulge, [("ezdxf", ezdxf_arcs_to_bulge, HUGE)]),
    "length": (length, [("shapely", shapely_measure("length"), HUGE)]),
    "area": (area, [("shapely", shapely_measure("area"), HUGE)]),
    "bbox": (bbox, [("shapely", shapely_measure("bbox"), HUGE)]),
    "transform": (
        transform,
        [("shapely", shapely_transform, HUGE), ("ezdxf", ezdxf_transform, HUGE)],
    ),
}


def cases(
    sizes: tuple[int, ...],
    *,
    peers: bool = True,
    overrides: dict[str, tuple[int, ...]] | None = None,
) -> list[Case]:
    """Every case at ``sizes`` (or an operation's ``overrides``): ours first, then its peers."""
    found = []
    for operation, (ours, peer_list) in OPERATIONS.items():
        for n in (overrides or {}).get(operation, sizes):
            found.append(Case(operation, LVCAD, n, ours))
            if peers:
                found.extend(
                    Case(operation, library, n, build)
                    for library, build, largest in peer_list
                    if n <= largest
                )
    return found


def gate_cases() -> list[Case]:
    """Ours at the gate's sizes: what the instruction baselines cover."""
    return cases(GATE_SIZES, peers=False, overrides=GATE_SIZES_OVERRIDE)
