"""Fillet and chamfer speed (pytest-benchmark): the scalar call and the batch per pair.

Run: ``pytest benchmarks/pytest/test_fillet_bench.py --benchmark-only -p no:xdist
--benchmark-columns=min,median,rounds``.

Targets (issue 2): scalar line-line ``compute_fillet`` <= 3 us per call; batch fillet <= 150 ns
per pair at 100k pairs. There is no library peer for a fillet, so each group has in-run peers
to read ratios against (the VM is shared and noisy; ratios are steadier than absolute times):

* ``fillet-scalar``: ``intersect_lines`` (one core call doing the corner's intersection alone)
  and the bare line-line formulas in plain Python (no checks, no result objects): the floor.
* ``fillet-batch-100k``: the same 100k pairs through the scalar function in a loop, and the
  bare formulas in plain numpy on whole arrays (no tolerances, status or chunking).

Inputs come from a seeded numpy Generator, built outside the timed part.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
import pytest

from lvcad_geometry import Arc, Line, Polyline
from lvcad_geometry.chamfer import compute_chamfer
from lvcad_geometry.fillet import (
    FilletStatus,
    compute_fillet,
    fillet_lines_batch,
    fillet_polyline,
)
from lvcad_geometry.intersect import intersect_lines

PAIRS = 100_000
RADIUS = 1.0

FloatArray = npt.NDArray[np.float64]


@pytest.fixture(scope="module")
def pairs() -> tuple[FloatArray, FloatArray]:
    """100k random line pairs in a 200 x 200 square; with radius 1 nearly all fillets fit."""
    rng = np.random.default_rng(20240611)
    return rng.uniform(-100, 100, (PAIRS, 2, 2)), rng.uniform(-100, 100, (PAIRS, 2, 2))


@pytest.fixture(scope="module")
def corner() -> tuple[Line, Line]:
    """One ordinary corner: the first random pair whose fillet fits."""
    rng = np.random.default_rng(7)
    while True:
        a, b = rng.uniform(-100, 100, (2, 2, 2)).tolist()
        line1, line2 = Line(*a), Line(*b)
        try:
            compute_fillet(line1, line2, RADIUS)
        except ValueError:
            continue
        return line1, line2


def bare_fillet(a: Line, b: Line, r: float) -> tuple[float, ...]:
    """The line-line fillet's arithmetic alone, in plain Python: the floor for a scalar call."""
    (ax, ay), (bx, by) = a
    (cx, cy), (dx, dy) = b
    d1x, d1y, d2x, d2y = bx - ax, by - ay, dx - cx, dy - cy
    len1, len2 = math.sqrt(d1x * d1x + d1y * d1y), math.sqrt(d2x * d2x + d2y * d2y)
    denom = d1x * d2y - d1y * d2x
    t = ((cx - ax) * d2y - (cy - ay) * d2x) / denom
    u = ((cx - ax) * d1y - (cy - ay) * d1x) / denom
    x, y = ax + t * d1x, ay + t * d1y
    s1 = 1.0 if t <= 0.5 else -1.0
    s2 = 1.0 if u <= 0.5 else -1.0
    u1x, u1y, u2x, u2y = s1 * d1x / len1, s1 * d1y / len1, s2 * d2x / len2, s2 * d2y / len2
    cos, sin = u1x * u2x + u1y * u2y, u1x * u2y - u1y * u2x
    dist = r * (1.0 + cos) / abs(sin)
    nx, ny = (-u1y, u1x) if sin > 0 else (u1y, -u1x)
    t1x, t1y = x + dist * u1x, y + dist * u1y
    return (
        t1x,
        t1y,
        x + dist * u2x,
        y + dist * u2y,
        t1x + r * nx,
        t1y + r * ny,
        math.atan2(-ny, -nx),
        math.atan2(abs(sin), -cos),
    )


def bare_fillet_numpy(lines1: FloatArray, lines2: FloatArray, r: float) -> tuple[FloatArray, ...]:
    """The same arithmetic on whole numpy arrays: the floor for the batch."""
    ax, ay, bx, by = lines1[:, 0, 0], lines1[:, 0, 1], lines1[:, 1, 0], lines1[:, 1, 1]
    cx, cy, dx, dy = lines2[:, 0, 0], lines2[:, 0, 1], lines2[:, 1, 0], lines2[:, 1, 1]
    d1x, d1y, d2x, d2y = bx - ax, by - ay, dx - cx, dy - cy
    len1, len2 = np.sqrt(d1x * d1x + d1y * d1y), np.sqrt(d2x * d2x + d2y * d2y)
    denom = d1x * d2y - d1y * d2x
    t = ((cx - ax) * d2y - (cy - ay) * d2x) / denom
    u = ((cx - ax) * d1y - (cy - ay) * d1x) / denom
    x, y = ax + t * d1x, ay + t * d1y
    s1, s2 = np.where(t <= 0.5, 1.0, -1.0), np.where(u <= 0.5, 1.0, -1.0)
    u1x, u1y, u2x, u2y = s1 * d1x / len1, s1 * d1y / len1, s2 * d2x / len2, s2 * d2y / len2
    cos, sin = u1x * u2x + u1y * u2y, u1x * u2y - u1y * u2x
    dist = r * (1.0 + cos) / np.abs(sin)
    turn = np.where(sin > 0, 1.0, -1.0)
    nx, ny = -turn * u1y, turn * u1x
    t1x, t1y = x + dist * u1x, y + dist * u1y
    return (
        t1x,
        t1y,
        x + dist * u2x,
        y + dist * u2y,
        t1x + r * nx,
        t1y + r * ny,
        np.arctan2(-ny, -nx),
        np.arctan2(np.abs(sin), -cos),
    )


# -- scalar ------------------------------------------------------------------------------------


@pytest.mark.benchmark(group="fillet-scalar")
def test_compute_fillet_line_line(benchmark, corner: tuple[Line, Line]) -> None:  # type: ignore[no-untyped-def]
    line1, line2 = corner
    result = benchmark(compute_fillet, line1, line2, RADIUS)
    assert result.arc.radius == RADIUS


@pytest.mark.benchmark(group="fillet-scalar")
def test_compute_fillet_line_line_picks(benchmark, corner: tuple[Line, Line]) -> None:  # type: ignore[no-untyped-def]
    line1, line2 = corner
    picks = {"pick1": line1.end, "pick2": line2.end}
    result = benchmark(compute_fillet, line1, line2, RADIUS, **picks)
    assert result.arc.radius == RADIUS


@pytest.mark.benchmark(group="fillet-scalar")
def test_peer_intersect_lines(benchmark, corner: tuple[Line, Line]) -> None:  # type: ignore[no-untyped-def]
    line1, line2 = corner
    assert len(benchmark(intersect_lines, line1, line2, infinite=True)) == 1


@pytest.mark.benchmark(group="fillet-scalar")
def test_peer_bare_python_formulas(benchmark, corner: tuple[Line, Line]) -> None:  # type: ignore[no-untyped-def]
    line1, line2 = corner
    bare = benchmark(bare_fillet, line1, line2, RADIUS)
    assert math.isclose(bare[4], compute_fillet(line1, line2, RADIUS).arc.center.x)


@pytest.mark.benchmark(group="fillet-scalar")
def test_compute_chamfer(benchmark, corner: tuple[Line, Line]) -> None:  # type: ignore[no-untyped-def]
    line1, line2 = corner
    assert benchmark(compute_chamfer, line1, line2, RADIUS).chamfer is not None


@pytest.mark.benchmark(group="fillet-scalar-arc")
def test_compute_fillet_line_arc(benchmark) -> None:  # type: ignore[no-untyped-def]
    line, arc = Line((3, -10), (3, 10)), Arc((0, 0), 5.0, 0.0, math.pi)
    result = benchmark(compute_fillet, line, arc, 1.0, pick1=(3, 2), pick2=(-5, 0))
    assert result.arc.radius == 1.0


# -- batch -------------------------------------------------------------------------------------


@pytest.mark.benchmark(group="fillet-batch-100k")
def test_fillet_lines_batch(benchmark, pairs: tuple[FloatArray, FloatArray]) -> None:  # type: ignore[no-untyped-def]
    lines1, lines2 = pairs
    batch = benchmark(fillet_lines_batch, lines1, lines2, RADIUS)
    assert np.count_nonzero(batch.status == FilletStatus.OK) > 0.99 * PAIRS
    benchmark.extra_info["ns_per_pair"] = benchmark.stats.stats.min / PAIRS * 1e9


@pytest.mark.benchmark(group="fillet-batch-100k")
def test_peer_bare_numpy_formulas(benchmark, pairs: tuple[FloatArray, FloatArray]) -> None:  # type: ignore[no-untyped-def]
    lines1, lines2 = pairs
    bare = benchmark(bare_fillet_numpy, lines1, lines2, RADIUS)
    batch = fillet_lines_batch(lines1, lines2, RADIUS)
    ok = batch.status == FilletStatus.OK
    assert np.allclose(bare[4][ok], batch.center[ok, 0])


@pytest.mark.benchmark(group="fillet-batch-100k")
def test_peer_scalar_loop(benchmark, pairs: tuple[FloatArray, FloatArray]) -> None:  # type: ignore[no-untyped-def]
    lines = [
        (Line(*a), Line(*b)) for a, b in zip(pairs[0].tolist(), pairs[1].tolist(), strict=True)
    ]

    def loop() -> int:
        done = 0
        for line1, line2 in lines:
            try:
                compute_fillet(line1, line2, RADIUS)
                done += 1
            except ValueError:
                pass
        return done

    assert benchmark.pedantic(loop, rounds=3, iterations=1) > 0.99 * PAIRS


@pytest.mark.benchmark(group="fillet-polyline-10k")
def test_fillet_polyline_10k(benchmark) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(3)
    x = np.arange(10_000) * 10.0
    y = rng.uniform(-10, 10, 10_000)
    zigzag = Polyline.from_arrays(x, y)
    assert len(benchmark(fillet_polyline, zigzag, 0.5)) > len(zigzag)
