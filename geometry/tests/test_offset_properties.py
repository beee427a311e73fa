"""offset_polyline properties (hypothesis), at coordinates around 1e-3, 1 and 1e6.

* Raw offset: every offset straight segment lies on the line parallel to its source segment
  at exactly the signed distance; every offset arc keeps its source arc's centre and has
  radius ``r - d`` (counter-clockwise) or ``r + d`` (clockwise); miter tips stay within the
  miter limit of their corner.
* Cleaned result: never closer than ``|d|`` (less the tolerance) to the source, for miter and
  round joins (a bevel cuts corners by design).
* The scalar and numpy implementations give the same result.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st

from lvcad_geometry import Arc, Line, Polyline
from lvcad_geometry import _offset_numpy as vector
from lvcad_geometry import _offset_scalar as scalar
from lvcad_geometry.bulge import bulge_to_arc
from lvcad_geometry.offset import offset_with_path

JOINS = st.sampled_from(["miter", "round", "bevel"])
CODES = {"miter": scalar.MITER, "round": scalar.ROUND, "bevel": scalar.BEVEL}


def _tol(polyline: Polyline, d: float) -> float:
    """The operation's tolerance (as offset_polyline computes it), widened for rounding."""
    scale = max(float(np.abs(polyline.x).max()), float(np.abs(polyline.y).max()), abs(d))
    return 1e-12 + 1e-9 * scale * 100


def _raw(polyline: Polyline, d: float, join: str, path: str) -> tuple[list, ...]:
    tol = _tol(polyline, d) / 100
    if path == "scalar":
        raw = scalar.raw_offset(
            polyline.x.tolist(),
            polyline.y.tolist(),
            polyline.bulges.tolist(),
            polyline.closed,
            d,
            CODES[join],
            4.0,
            tol,
        )
        assert raw is not None
        return raw
    curve = vector.raw_offset(
        polyline.x, polyline.y, polyline.bulges, polyline.closed, d, CODES[join], 4.0, tol
    )
    assert curve is not None
    return (
        curve.x.tolist(),
        curve.y.tolist(),
        curve.b.tolist(),
        curve.kind.tolist(),
        curve.gen.tolist(),
        curve.closed,
    )


def _arcs_alive(polyline: Polyline, d: float) -> bool:
    """No arc collapses (then every segment has an offset)."""
    for segment in polyline.segments():
        if isinstance(segment, Arc) and segment.radius - (d if segment.ccw else -d) <= 0.0:
            return False
    return True


@given(data=st.data(), join=JOINS, path=st.sampled_from(["scalar", "numpy"]))
def test_raw_offset_segments_are_exact(geo, scale, data, join, path):  # type: ignore[no-untyped-def]
    polyline = data.draw(geo.polylines(scale, max_vertices=8), label="polyline")
    d = data.draw(geo.lengths(scale, 0.05, 3.0), label="d") * data.draw(
        st.sampled_from([-1.0, 1.0]), label="side"
    )
    assume(_arcs_alive(polyline, d))
    tol = _tol(polyline, d)
    rx, ry, rb, kinds, gens, _ = _raw(polyline, d, join, path)
    n = len(rx)
    for k, (kind, gen) in enumerate(zip(kinds, gens, strict=True)):
        if kind != scalar.SEGMENT:
            continue
        j = (k + 1) % n
        source = polyline.segment(gen)
        if isinstance(source, Line):
            ux, uy = source.direction / source.length
            for x, y in ((rx[k], ry[k]), (rx[j], ry[j])):
                # Signed distance to the source line: left is positive.
                side = (x - source.start.x) * -uy + (y - source.start.y) * ux
                assert abs(side - d) <= tol
            assert rb[k] == 0.0
        else:
            expected = source.radius - (d if source.ccw else -d)
            for x, y in ((rx[k], ry[k]), (rx[j], ry[j])):
                assert abs(math.hypot(x - source.center.x, y - source.center.y) - expected) <= (tol)
            if rb[k] != 0.0 and math.hypot(rx[j] - rx[k], ry[j] - ry[k]) > tol:
                arc = bulge_to_arc((rx[k], ry[k]), (rx[j], ry[j]), rb[k])
                assert arc.center.distance(source.center) <= tol * 10
                assert arc.ccw == source.ccw


@given(data=st.data(), path=st.sampled_from(["scalar", "numpy"]))
def test_miter_tips_stay_within_the_limit(geo, scale, data, path):  # type: ignore[no-untyped-def]
    polyline = data.draw(geo.polylines(scale, max_vertices=8, arcs=False), label="polyline")
    d = data.draw(geo.lengths(scale, 0.05, 3.0), label="d") * data.draw(
        st.sampled_from([-1.0, 1.0]), label="side"
    )
    limit = 4.0
    tol = _tol(polyline, d)
    rx, ry, _, kinds, gens, _ = _raw(polyline, d, "miter", path)
    # Every raw vertex lies within limit * |d| of some source vertex or on an offset segment
    # (at |d| from its source); joins (kind JOIN) start at corners within the limit.
    vx, vy = polyline.x, polyline.y
    for k, kind in enumerate(kinds):
        reach = np.hypot(vx - rx[k], vy - ry[k]).min()
        dist = geo.distances(np.array([[rx[k], ry[k]]]), polyline)[0]
        assert dist <= math.hypot(limit, 1.0) * abs(d) + tol or reach <= limit * abs(d) + tol
        if kind == scalar.JOIN:
            corner = gens[k]
            assert math.hypot(rx[k] - vx[corner], ry[k] - vy[corner]) <= (
                math.hypot(limit, 1.0) * abs(d) + tol
            )


def _sample(polyline: Polyline) -> np.ndarray:
    points = []
    for segment in polyline.segments():
        if isinstance(segment, Line):
            t = np.linspace(0.0, 1.0, 9)[:-1]
            (x0, y0), (x1, y1) = segment
            points.append(np.column_stack((x0 + t * (x1 - x0), y0 + t * (y1 - y0))))
        else:
            theta = segment.start_angle + np.linspace(0.0, 1.0, 17)[:-1] * segment.sweep
            points.append(
                np.column_stack(
                    (
                        segment.center.x + segment.radius * np.cos(theta),
                        segment.center.y + segment.radius * np.sin(theta),
                    )
                )
            )
    end = polyline.vertices[-1]
    points.append(np.array([[end.x, end.y]]))
    return np.vstack(points)


@given(data=st.data(), join=st.sampled_from(["miter", "round"]))
def test_result_keeps_the_distance(geo, scale, data, join):  # type: ignore[no-untyped-def]
    polyline = data.draw(geo.polylines(scale, max_vertices=10), label="polyline")
    d = data.draw(geo.lengths(scale, 0.05, 3.0), label="d") * data.draw(
        st.sampled_from([-1.0, 1.0]), label="side"
    )
    tol = _tol(polyline, d)
    for result in offset_with_path(polyline, d, join=join):
        assert geo.distances(_sample(result), polyline).min() >= abs(d) - tol, (
            polyline.x.tolist(),
            polyline.y.tolist(),
            polyline.bulges.tolist(),
            polyline.closed,
            d,
        )


@given(data=st.data())
def test_star_polygons_shrink_and_grow(geo, scale, data):  # type: ignore[no-untyped-def]
    polygon = data.draw(geo.star_polygons(scale), label="polygon")
    d = data.draw(geo.lengths(scale, 0.05, 3.0), label="d")
    tol = _tol(polygon, d)
    inner = offset_with_path(polygon, d, join="round")
    outer = offset_with_path(polygon, -d, join="round")
    assert len(outer) == 1
    assert outer[0].closed
    assert outer[0].area > polygon.area
    assert all(p.closed and p.area < polygon.area for p in inner)
    for result in (*inner, *outer):
        assert abs(geo.distances(_sample(result), polygon).min() - d) <= tol


@given(data=st.data(), join=JOINS, cleanup=st.booleans())
def test_scalar_and_numpy_agree(geo, scale, data, join, cleanup):  # type: ignore[no-untyped-def]
    polyline = data.draw(geo.polylines(scale, max_vertices=14), label="polyline")
    d = data.draw(geo.lengths(scale, 0.05, 3.0), label="d") * data.draw(
        st.sampled_from([-1.0, 1.0]), label="side"
    )
    a = offset_with_path(polyline, d, join=join, cleanup=cleanup, path="scalar")
    b = offset_with_path(polyline, d, join=join, cleanup=cleanup, path="numpy")
    tol = _tol(polyline, d)
    assert len(a) == len(b)
    for p, q in zip(a, b, strict=True):
        assert p.closed == q.closed
        assert len(p) == len(q)
        assert np.abs(p.x - q.x).max() <= tol
        assert np.abs(p.y - q.y).max() <= tol
        assert np.abs(p.bulges - q.bulges).max() <= 1e-6


@given(data=st.data())
def test_scaling_the_input_scales_the_result(geo, data):  # type: ignore[no-untyped-def]
    polyline = data.draw(geo.polylines(1.0, max_vertices=8), label="polyline")
    d = data.draw(geo.lengths(1.0, 0.05, 3.0), label="d")
    base = offset_with_path(polyline, d, join="round")
    reference = np.vstack([_sample(p) for p in base]) if base else np.zeros((0, 2))
    for factor in (1e-3, 1e6):
        scaled = Polyline.from_arrays(
            polyline.x * factor, polyline.y * factor, polyline.bulges, closed=polyline.closed
        )
        result = offset_with_path(scaled, d * factor, join="round")
        points = np.vstack([_sample(p) for p in result]) / factor if result else np.zeros((0, 2))
        # The same curves, whatever rounding decided about vertices a tolerance apart.
        assert (len(points) == 0) == (len(reference) == 0)
        if len(points):
            for a, b in ((points, reference), (reference, points)):
                gaps = np.hypot(a[:, None, 0] - b[None, :, 0], a[:, None, 1] - b[None, :, 1])
                assert gaps.min(axis=1).max() <= 0.05 * d
