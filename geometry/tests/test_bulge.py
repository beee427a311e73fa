"""Bulge <-> arc conversion: known values, round trips, batch/scalar agreement, ezdxf oracle."""

from __future__ import annotations

import math
from typing import Any

import ezdxf.math
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lvcad_geometry import Arc, Vec2, arc_to_bulge, bulge_arcs, bulge_to_arc
from lvcad_geometry.errors import DegenerateGeometryError, NonFiniteError

TAU = 2.0 * math.pi


# -- known values --------------------------------------------------------------------------


def test_half_circles() -> None:
    ccw = bulge_to_arc((0, 0), (2, 0), 1.0)
    assert ccw.center == Vec2(1.0, 0.0)
    assert ccw.radius == 1.0
    assert ccw.sweep == pytest.approx(math.pi)
    assert ccw.ccw
    assert ccw.start_angle == pytest.approx(math.pi)
    # Counter-clockwise from (0, 0) to (2, 0) passes below the chord.
    assert ccw.mid_point.isclose((1.0, -1.0))
    cw = bulge_to_arc((0, 0), (2, 0), -1.0)
    assert cw.center.isclose((1.0, 0.0))
    assert cw.radius == 1.0
    assert cw.sweep == pytest.approx(-math.pi)
    assert not cw.ccw
    assert cw.mid_point.isclose((1.0, 1.0))


def test_quarter_circle() -> None:
    b = math.tan(math.pi / 8)  # 90°
    arc = bulge_to_arc((1, 0), (0, 1), b)
    assert arc.center.isclose((0.0, 0.0))
    assert arc.radius == pytest.approx(1.0)
    assert arc.sweep == pytest.approx(math.pi / 2)
    assert arc.start_angle == pytest.approx(0.0, abs=1e-15)
    assert arc.mid_point.isclose(Vec2.from_angle(math.pi / 4))


def test_large_bulge_is_major_arc() -> None:
    arc = bulge_to_arc((0, 0), (2, 0), 3.0)  # sweep 4*atan(3) ≈ 285°
    assert arc.sweep == pytest.approx(4 * math.atan(3.0))
    assert arc.sweep > math.pi
    assert arc.radius == pytest.approx(2 * (1 + 9) / 12)
    # k = (1 - b²) / (4b) = -2/3: the centre is on the same side as the major arc, below.
    assert arc.center.isclose((1.0, -4.0 / 3.0))
    assert arc.mid_point.isclose((1.0, -4.0 / 3.0 - 5.0 / 3.0))
    assert arc.end_point.isclose((2.0, 0.0))


def test_accepts_tuples_and_vecs() -> None:
    assert bulge_to_arc(Vec2(0, 0), [2, 0], 1.0) == bulge_to_arc((0.0, 0.0), (2.0, 0.0), 1.0)


def test_bulge_to_arc_errors() -> None:
    with pytest.raises(DegenerateGeometryError, match="straight"):
        bulge_to_arc((0, 0), (1, 0), 0.0)
    with pytest.raises(DegenerateGeometryError, match="distinct"):
        bulge_to_arc((1, 1), (1, 1), 0.5)
    with pytest.raises(NonFiniteError):
        bulge_to_arc((math.nan, 0), (1, 0), 0.5)
    with pytest.raises(NonFiniteError):
        bulge_to_arc((0, 0), (1, 0), math.nan)
    with pytest.raises(NonFiniteError):
        bulge_to_arc((0, 0), (1, 0), math.inf)


def test_arc_to_bulge_known_values() -> None:
    start, end, bulge = arc_to_bulge(Arc((1, 0), 1.0, math.pi, -math.pi))
    assert start.isclose((0, 0))
    assert end.isclose((2, 0))
    assert bulge == pytest.approx(-1.0)
    start, end, bulge = arc_to_bulge(Arc((0, 0), 1.0, 0.0, math.pi / 2))
    assert start == Vec2(1.0, 0.0)
    assert end.isclose((0.0, 1.0))
    assert bulge == pytest.approx(math.tan(math.pi / 8))


@pytest.mark.parametrize("sweep", [TAU, -TAU])
def test_arc_to_bulge_rejects_full_circle(sweep: float) -> None:
    with pytest.raises(DegenerateGeometryError, match="full circle"):
        arc_to_bulge(Arc((0, 0), 1.0, 0.0, sweep))


def test_bulge_arcs_known_values_and_invalid_entries() -> None:
    x0 = np.array([0.0, 0.0, 0.0, 1.0, 1.0])
    y0 = np.array([0.0, 0.0, 0.0, 1.0, 1.0])
    x1 = np.array([2.0, 2.0, 1.0, 1.0, 1.0])
    y1 = np.array([0.0, 0.0, 0.0, 1.0, 1.0])
    b = np.array([1.0, -1.0, 0.0, 0.5, 0.0])
    cx, cy, r, _, sweep = bulge_arcs(x0, y0, x1, y1, b)
    assert cx[:2] == pytest.approx([1.0, 1.0])
    assert cy[:2] == pytest.approx([0.0, 0.0], abs=1e-15)
    assert r[:2] == pytest.approx([1.0, 1.0])
    assert sweep[:2] == pytest.approx([math.pi, -math.pi])
    # Zero bulge (index 2), zero chord (3) and both (4): nan centres and radii, as documented.
    assert np.isnan(cx[2:]).all()
    assert np.isnan(cy[2:]).all()
    assert np.isnan(r[2:]).all()
    assert sweep[2] == 0.0
    assert sweep[4] == 0.0


# -- properties ----------------------------------------------------------------------------


def _chords(geo: Any, scale: float) -> st.SearchStrategy[tuple[Vec2, Vec2]]:
    return geo.lines(scale).map(lambda line: (line.start, line.end))


@given(data=st.data())
def test_bulge_arc_bulge_round_trip(geo: Any, scale: float, data: st.DataObject) -> None:
    p0, p1 = data.draw(_chords(geo, scale), label="chord")
    b = data.draw(geo.bulges(), label="bulge")
    arc = bulge_to_arc(p0, p1, b)
    tol = geo.tol(scale)
    # The arc runs from p0 to p1 on a circle through both, with sweep 4*atan(b).
    assert arc.start_point.isclose(p0, abs_tol=tol)
    assert arc.end_point.isclose(p1, abs_tol=tol)
    assert arc.center.distance(p0) == pytest.approx(arc.radius, abs=tol)
    assert arc.center.distance(p1) == pytest.approx(arc.radius, abs=tol)
    assert arc.ccw is (b > 0)
    assert arc.sweep == pytest.approx(4.0 * math.atan(b), rel=1e-15)
    # Sagitta: the arc's middle is |b| * chord / 2 from the chord's middle, to its right
    # for a positive (counter-clockwise) bulge.
    chord = p1 - p0
    offset = arc.mid_point - (p0 + p1) / 2
    assert offset.length == pytest.approx(abs(b) * chord.length / 2, abs=tol)
    assert math.copysign(1.0, -chord.cross(offset)) == math.copysign(1.0, b)
    start, end, bulge = arc_to_bulge(arc)
    assert start.isclose(p0, abs_tol=tol)
    assert end.isclose(p1, abs_tol=tol)
    assert bulge == pytest.approx(b, rel=1e-9)


@given(data=st.data())
def test_arc_bulge_arc_round_trip(geo: Any, scale: float, data: st.DataObject) -> None:
    arc = data.draw(geo.arcs(scale, min_sweep=1e-2, max_sweep=TAU - 1e-2), label="arc")
    start, end, bulge = arc_to_bulge(arc)
    assert start == arc.start_point
    assert end == arc.end_point
    assert bulge == pytest.approx(math.tan(arc.sweep / 4))
    again = bulge_to_arc(start, end, bulge)
    tol = geo.tol(scale, 10)
    assert again.isclose(arc, abs_tol=tol)
    assert again.sweep == pytest.approx(arc.sweep, rel=1e-12)
    assert geo.angle_diff(again.start_angle, arc.start_angle) == pytest.approx(0.0, abs=1e-9)


@given(data=st.data())
def test_bulge_arcs_agrees_with_scalar(geo: Any, scale: float, data: st.DataObject) -> None:
    n = data.draw(st.integers(1, 8), label="n")
    chords = data.draw(st.lists(_chords(geo, scale), min_size=n, max_size=n), label="chords")
    bulges = data.draw(st.lists(geo.bulges(), min_size=n, max_size=n), label="bulges")
    x0 = np.array([c[0].x for c in chords])
    y0 = np.array([c[0].y for c in chords])
    x1 = np.array([c[1].x for c in chords])
    y1 = np.array([c[1].y for c in chords])
    cx, cy, r, a0, sweep = bulge_arcs(x0, y0, x1, y1, np.array(bulges))
    tol = geo.tol(scale)
    for i, ((p0, p1), b) in enumerate(zip(chords, bulges, strict=True)):
        arc = bulge_to_arc(p0, p1, b)
        assert arc.center.isclose((cx[i], cy[i]), abs_tol=tol)
        assert r[i] == pytest.approx(arc.radius, rel=1e-12)
        assert geo.angle_diff(a0[i], arc.start_angle) == pytest.approx(0.0, abs=1e-12)
        assert sweep[i] == pytest.approx(arc.sweep, rel=1e-15)


# -- oracle: ezdxf's bulge helpers -----------------------------------------------------------


@given(data=st.data())
def test_bulge_to_arc_matches_ezdxf(geo: Any, scale: float, data: st.DataObject) -> None:
    p0, p1 = data.draw(_chords(geo, scale), label="chord")
    b = data.draw(geo.bulges(), label="bulge")
    arc = bulge_to_arc(p0, p1, b)
    center, start, end, radius = ezdxf.math.bulge_to_arc(p0, p1, b)
    tol = geo.tol(scale, 10)
    # Angle precision degrades when the centre is far from the origin relative to the radius.
    angle_tol = 1e-9 * max(1.0, max(abs(center.x), abs(center.y)) / radius)
    assert arc.center.isclose((center.x, center.y), abs_tol=tol)
    assert arc.radius == pytest.approx(radius, rel=1e-9)
    e_center = ezdxf.math.bulge_center(p0, p1, b)
    assert arc.center.isclose((e_center.x, e_center.y), abs_tol=tol)
    assert ezdxf.math.bulge_radius(p0, p1, b) == pytest.approx(arc.radius, rel=1e-9)
    # ezdxf's arcs are always counter-clockwise: a clockwise arc comes back with its start
    # and end swapped, i.e. it is our arc reversed.
    ccw = arc if arc.ccw else arc.reversed()
    assert geo.angle_diff(ccw.start_angle, start) == pytest.approx(0.0, abs=angle_tol)
    assert geo.angle_diff(ccw.end_angle, end) == pytest.approx(0.0, abs=angle_tol)


@given(data=st.data())
def test_arc_to_bulge_matches_ezdxf(geo: Any, scale: float, data: st.DataObject) -> None:
    arc = data.draw(geo.arcs(scale, min_sweep=1e-2, max_sweep=TAU - 1e-2), label="arc")
    start, end, bulge = arc_to_bulge(arc)
    ccw = arc if arc.ccw else arc.reversed()
    e_start, e_end, e_bulge = ezdxf.math.arc_to_bulge(
        ccw.center, ccw.start_angle, ccw.end_angle, ccw.radius
    )
    tol = geo.tol(scale, 10)
    if arc.ccw:
        assert start.isclose((e_start.x, e_start.y), abs_tol=tol)
        assert end.isclose((e_end.x, e_end.y), abs_tol=tol)
        assert bulge == pytest.approx(e_bulge, rel=1e-9)
    else:
        assert start.isclose((e_end.x, e_end.y), abs_tol=tol)
        assert end.isclose((e_start.x, e_start.y), abs_tol=tol)
        assert bulge == pytest.approx(-e_bulge, rel=1e-9)
