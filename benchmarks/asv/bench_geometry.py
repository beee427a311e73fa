"""asv benchmarks of the geometry core: the history behind the performance gate.

Rules (benchmarks/README.md): inputs are built in ``setup`` (never timed), seeded, and the
timed bodies call one public function each. Names missing from an older commit make asv
skip that benchmark there instead of failing, so the suite stays import-safe across history.
"""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np

import lvcad_geometry as geo

SIZES: list[int] = [4, 100, 10_000]


def smooth_curve(n: int) -> np.ndarray:
    """An open spiral-like curve with no self-intersections, ``n`` vertices."""
    t = np.linspace(0.0, 6.0 * math.pi, n)
    radius = 100.0 + 10.0 * t
    return np.column_stack((radius * np.cos(t), radius * np.sin(t)))


def random_walk(n: int, seed: int = 7) -> np.ndarray:
    """A seeded random walk with many self-intersections."""
    steps = np.random.default_rng(seed).normal(size=(n, 2))
    return np.cumsum(steps, axis=0)


class OffsetSmooth:
    params: ClassVar[list[int]] = SIZES
    param_names: ClassVar[list[str]] = ["vertices"]

    def setup(self, n: int) -> None:
        if not hasattr(geo, "offset_polyline"):
            raise NotImplementedError  # asv skips benchmarks whose setup raises this
        self.points = smooth_curve(n)

    def time_offset_miter(self, n: int) -> None:
        geo.offset_polyline(self.points, 1.0)

    def time_offset_round(self, n: int) -> None:
        geo.offset_polyline(self.points, 1.0, join="round")


class OffsetRandomWalk:
    params: ClassVar[list[int]] = [100, 10_000]
    param_names: ClassVar[list[str]] = ["vertices"]

    def setup(self, n: int) -> None:
        if not hasattr(geo, "offset_polyline"):
            raise NotImplementedError
        self.points = random_walk(n)

    def time_offset_with_cleanup(self, n: int) -> None:
        geo.offset_polyline(self.points, 0.5)


class Fillet:
    def setup(self) -> None:
        if not hasattr(geo, "compute_fillet"):
            raise NotImplementedError
        self.line1 = geo.Line((0.0, 0.0), (10.0, 0.0))
        self.line2 = geo.Line((10.0, 0.0), (13.0, 9.0))

    def time_fillet_line_line(self) -> None:
        geo.compute_fillet(self.line1, self.line2, 2.0)


class PolylineMeasures:
    params: ClassVar[list[int]] = SIZES
    param_names: ClassVar[list[str]] = ["vertices"]

    def setup(self, n: int) -> None:
        self.polyline = geo.Polyline(smooth_curve(n))

    def time_length(self, n: int) -> None:
        _ = self.polyline.length

    def time_bbox(self, n: int) -> None:
        _ = self.polyline.bbox


class Intersections:
    params: ClassVar[list[int]] = [100, 10_000]
    param_names: ClassVar[list[str]] = ["vertices"]

    def setup(self, n: int) -> None:
        if not hasattr(geo, "intersect_polylines"):
            raise NotImplementedError
        self.a = geo.Polyline(random_walk(n, 11))
        self.b = geo.Polyline(random_walk(n, 12))

    def time_intersect_polylines(self, n: int) -> None:
        geo.intersect_polylines(self.a, self.b)

    def time_self_intersections(self, n: int) -> None:
        geo.self_intersections(self.a)


class NearestAndTransform:
    params: ClassVar[list[int]] = [100, 10_000]
    param_names: ClassVar[list[str]] = ["vertices"]

    def setup(self, n: int) -> None:
        if not hasattr(geo, "nearest_on_polyline"):
            raise NotImplementedError
        self.polyline = geo.Polyline(random_walk(n))
        self.rotation = geo.Transform.rotation(0.3, (5.0, 5.0))

    def time_nearest_on_polyline(self, n: int) -> None:
        geo.nearest_on_polyline(self.polyline, (3.0, -2.0))

    def time_rotate(self, n: int) -> None:
        self.rotation.apply(self.polyline)
