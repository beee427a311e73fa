"""Polyline intersections and nearest point (pytest-benchmark), shapely as the peer in-run.

Run: ``pytest benchmarks/pytest/test_intersect_bench.py --benchmark-only -p no:xdist
--benchmark-columns=min,median,rounds``.

Inputs are seeded random walks (unit normal steps), built outside the timed part: they cross
each other and themselves often, which is the hard case for a broad phase. Each group times
our function and the shapely call that answers the same question on prebuilt geometries:

* ``intersect-100`` / ``intersect-10k``: :func:`intersect_polylines` of two walks against
  ``shapely.intersection`` of two LineStrings (GEOS noding; same points, checked once outside
  the timing). At 100 vertices the forced pure-Python path is timed too, for reference.
* ``nearest-10k``: :func:`nearest_on_polyline` (point, segment, distance) against
  ``shapely.shortest_line`` (the nearest point) and ``shapely.distance`` (distance only).

Read ratios within a group, by the ``min`` column: absolute times on shared VMs drift.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from lvcad_geometry import Polyline
from lvcad_geometry.intersect import intersect_polylines
from lvcad_geometry.nearest import distance_to, nearest_on_polyline

QUERY = (3.0, -2.0)


def walk(n: int, seed: int) -> Polyline:
    steps = np.random.default_rng(seed).normal(size=(n, 2))
    return Polyline(np.cumsum(steps, axis=0))


def walks(n: int) -> tuple[Polyline, Polyline]:
    a, b = walk(n, 11), walk(n, 12)
    # Sanity check (untimed): the same points as shapely.
    ours = np.array(intersect_polylines(a, b))
    theirs = shapely.get_coordinates(
        shapely.intersection(shapely.LineString(a.xy), shapely.LineString(b.xy))
    )
    assert len(ours) == len(theirs) > 0
    assert np.allclose(np.sort(ours, axis=0), np.sort(theirs, axis=0), rtol=0.0, atol=1e-9)
    return a, b


@pytest.fixture(scope="module")
def walks_100() -> tuple[Polyline, Polyline]:
    return walks(100)


@pytest.fixture(scope="module")
def walks_10k() -> tuple[Polyline, Polyline]:
    return walks(10_000)


@pytest.fixture(scope="module")
def walk_10k() -> Polyline:
    polyline = walk(10_000, 13)
    shape = shapely.LineString(polyline.xy)
    assert distance_to(polyline, QUERY) == pytest.approx(
        shapely.distance(shape, shapely.Point(QUERY)), rel=1e-12
    )
    return polyline


# -- polyline x polyline ----------------------------------------------------------------------


@pytest.mark.benchmark(group="intersect-100")
def test_intersect_polylines_100(benchmark, walks_100) -> None:  # type: ignore[no-untyped-def]
    a, b = walks_100
    assert benchmark(intersect_polylines, a, b)


@pytest.mark.benchmark(group="intersect-100")
def test_intersect_polylines_100_scalar_path(benchmark, walks_100) -> None:  # type: ignore[no-untyped-def]
    a, b = walks_100
    assert benchmark(intersect_polylines, a, b, method="scalar")


@pytest.mark.benchmark(group="intersect-100")
def test_peer_shapely_intersection_100(benchmark, walks_100) -> None:  # type: ignore[no-untyped-def]
    a, b = (shapely.LineString(p.xy) for p in walks_100)
    assert not benchmark(shapely.intersection, a, b).is_empty


@pytest.mark.benchmark(group="intersect-10k")
def test_intersect_polylines_10k(benchmark, walks_10k) -> None:  # type: ignore[no-untyped-def]
    a, b = walks_10k
    assert benchmark(intersect_polylines, a, b)


@pytest.mark.benchmark(group="intersect-10k")
def test_peer_shapely_intersection_10k(benchmark, walks_10k) -> None:  # type: ignore[no-untyped-def]
    a, b = (shapely.LineString(p.xy) for p in walks_10k)
    assert not benchmark(shapely.intersection, a, b).is_empty


# -- nearest point ----------------------------------------------------------------------------


@pytest.mark.benchmark(group="nearest-10k")
def test_nearest_on_polyline_10k(benchmark, walk_10k) -> None:  # type: ignore[no-untyped-def]
    assert benchmark(nearest_on_polyline, walk_10k, QUERY).distance >= 0.0


@pytest.mark.benchmark(group="nearest-10k")
def test_peer_shapely_shortest_line_10k(benchmark, walk_10k) -> None:  # type: ignore[no-untyped-def]
    shape, point = shapely.LineString(walk_10k.xy), shapely.Point(QUERY)
    assert benchmark(shapely.shortest_line, shape, point).length >= 0.0


@pytest.mark.benchmark(group="nearest-10k")
def test_peer_shapely_distance_10k(benchmark, walk_10k) -> None:  # type: ignore[no-untyped-def]
    shape, point = shapely.LineString(walk_10k.xy), shapely.Point(QUERY)
    assert benchmark(shapely.distance, shape, point) >= 0.0
