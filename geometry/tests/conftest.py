"""Shared fixtures and hypothesis strategies for the geometry tests.

pytest runs with ``--import-mode=importlib``, so a test module cannot ``import conftest`` or a
helper module next to it. The strategies live here and reach the tests through two
session-scoped fixtures:

``geo``
    The :class:`Geo` namespace below: strategies for points, lines, arcs, bulges, polylines,
    star-shaped polygons and transforms at a given scale, plus tolerance and sampling helpers.
``scale``
    Parametrized over :data:`SCALES` (1e-3, 1 and 1e6): every test that takes it runs once per
    scale, so the same property is checked at millimetre details and at kilometre site plans.

Strategies are drawn inside the test with ``st.data()`` (session-scoped fixtures are allowed
in ``@given`` tests; function-scoped ones are not)::

    from hypothesis import given, strategies as st


    @given(data=st.data())
    def test_offset_keeps_distance(geo, scale, data):
        polyline = data.draw(geo.polylines(scale, closed=True), label="polyline")
        distance = data.draw(geo.lengths(scale), label="distance")
        ...
        assert error <= geo.tol(scale)

Coordinates are ``scale * u`` with ``u`` in ``[-EXTENT, EXTENT]``; lengths and radii are at
least ``MIN_GAP * scale``, so no strategy yields degenerate geometry unless asked to.

Hypothesis profiles: ``lvcad`` (default; no deadline, because wall-clock time on shared 2-core
VMs varies too much for one) and ``thorough`` (1000 examples), chosen with the
``HYPOTHESIS_PROFILE`` environment variable.
"""

from __future__ import annotations

import math
import os

import numpy as np
import pytest
from hypothesis import assume, settings
from hypothesis import strategies as st

from lvcad_geometry import ABS_TOL, REL_TOL, Arc, Line, Polyline, Transform, Vec2

# The default profile is deterministic (same examples every run, as CI needs); "thorough"
# explores new random examples, 1000 per test.
settings.register_profile("lvcad", deadline=None, derandomize=True, print_blob=True)
settings.register_profile(
    "thorough", parent=settings.get_profile("lvcad"), derandomize=False, max_examples=1000
)
# "compat": a lighter search for the other supported Pythons (nox runs the full one once).
settings.register_profile("compat", parent=settings.get_profile("lvcad"), max_examples=20)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "lvcad"))

#: The scales every scale-dependent property is checked at.
SCALES = (1e-3, 1.0, 1e6)
#: Coordinates are drawn from ``[-EXTENT, EXTENT] * scale``.
EXTENT = 10.0
#: Smallest length, radius or vertex spacing the strategies produce, relative to ``scale``.
MIN_GAP = 1e-2
TAU = 2.0 * math.pi

_UNIT = st.floats(-1.0, 1.0, allow_nan=False, allow_infinity=False)


class Geo:
    """Hypothesis strategies and helpers shared by the geometry tests (fixture ``geo``)."""

    SCALES = SCALES
    EXTENT = EXTENT
    MIN_GAP = MIN_GAP

    # -- distances -------------------------------------------------------------------------

    @staticmethod
    def distances(points: np.ndarray, polyline: Polyline) -> np.ndarray:
        """Exact distance from each point to the polyline (arcs as arcs)."""
        px, py = points[:, 0], points[:, 1]
        best = np.full(len(points), np.inf)
        for segment in polyline.segments():
            if isinstance(segment, Line):
                (x0, y0), (x1, y1) = segment
                dx, dy = x1 - x0, y1 - y0
                l2 = dx * dx + dy * dy or 1.0  # a zero-length segment: its start point
                t = np.clip(((px - x0) * dx + (py - y0) * dy) / l2, 0.0, 1.0)
                dist = np.hypot(x0 + t * dx - px, y0 + t * dy - py)
            else:
                angle = np.arctan2(py - segment.center.y, px - segment.center.x)
                on_arc = np.array([segment.contains_angle(float(a)) for a in angle])
                to_circle = np.abs(
                    np.hypot(px - segment.center.x, py - segment.center.y) - segment.radius
                )
                (sx, sy), (ex, ey) = segment.start_point, segment.end_point
                to_ends = np.minimum(np.hypot(px - sx, py - sy), np.hypot(px - ex, py - ey))
                dist = np.where(on_arc, to_circle, to_ends)
            best = np.minimum(best, dist)
        return best

    # -- tolerances ------------------------------------------------------------------------

    @staticmethod
    def tol(scale: float, factor: float = 1.0) -> float:
        """The default comparison tolerance for coordinates of magnitude ``EXTENT * scale``.

        ``factor`` widens it for results that pile up rounding (long chains, inverses).
        """
        return ABS_TOL + factor * REL_TOL * EXTENT * scale

    @staticmethod
    def angle_diff(a: float, b: float) -> float:
        """``a - b`` wrapped into ``(-pi, pi]``: the difference of two directions."""
        d = math.fmod(a - b, TAU)
        if d > math.pi:
            d -= TAU
        elif d <= -math.pi:
            d += TAU
        return d

    # -- scalars ---------------------------------------------------------------------------

    @staticmethod
    def coordinates(scale: float) -> st.SearchStrategy[float]:
        """One coordinate in ``[-EXTENT, EXTENT] * scale``."""
        return st.floats(-EXTENT, EXTENT, allow_nan=False, allow_infinity=False).map(
            lambda u: u * scale
        )

    @staticmethod
    def lengths(
        scale: float, low: float = MIN_GAP, high: float = EXTENT
    ) -> st.SearchStrategy[float]:
        """A positive length in ``[low, high] * scale``."""
        return st.floats(low, high, allow_nan=False, allow_infinity=False).map(lambda u: u * scale)

    @staticmethod
    def angles(limit: float = 2.0 * TAU) -> st.SearchStrategy[float]:
        """An angle in radians in ``[-limit, limit]`` (not wrapped)."""
        return st.floats(-limit, limit, allow_nan=False, allow_infinity=False)

    @staticmethod
    def sweeps(min_abs: float = 1e-3, max_abs: float = TAU) -> st.SearchStrategy[float]:
        """A signed arc sweep with ``min_abs <= |sweep| <= max_abs`` (default up to 2*pi).

        Near-full sweeps have a chord near zero; pass ``max_abs=TAU - 0.01`` where a test needs
        a well-conditioned chord (bulges, fillets).
        """
        magnitude = st.floats(min_abs, max_abs)
        return st.tuples(st.booleans(), magnitude).map(lambda t: t[1] if t[0] else -t[1])

    @staticmethod
    def bulges(min_abs: float = 1e-3, max_abs: float = 1e2) -> st.SearchStrategy[float]:
        """A non-zero bulge with ``min_abs <= |bulge| <= max_abs`` (sweep up to ~358.9°)."""
        magnitude = st.floats(min_abs, max_abs)
        return st.tuples(st.booleans(), magnitude).map(lambda t: t[1] if t[0] else -t[1])

    # -- entities --------------------------------------------------------------------------

    @staticmethod
    def points(scale: float) -> st.SearchStrategy[Vec2]:
        """A :class:`Vec2` with coordinates in ``[-EXTENT, EXTENT] * scale``."""
        return st.builds(Vec2, Geo.coordinates(scale), Geo.coordinates(scale))

    @staticmethod
    def point_tuples(scale: float) -> st.SearchStrategy[tuple[float, float]]:
        """A plain ``(x, y)`` tuple, for checking that tuples are accepted as points."""
        return st.tuples(Geo.coordinates(scale), Geo.coordinates(scale))

    @staticmethod
    def lines(scale: float, min_length: float = MIN_GAP) -> st.SearchStrategy[Line]:
        """A :class:`Line` at least ``min_length * scale`` long."""

        @st.composite
        def build(draw: st.DrawFn) -> Line:
            start = draw(Geo.points(scale))
            direction = draw(Geo.angles(math.pi))
            length = draw(Geo.lengths(scale, min_length, EXTENT))
            return Line(start, start + Vec2.from_angle(direction, length))

        return build()

    @staticmethod
    def arcs(
        scale: float, *, min_sweep: float = 1e-3, max_sweep: float = TAU
    ) -> st.SearchStrategy[Arc]:
        """An :class:`Arc` (either direction) with radius in ``[MIN_GAP, EXTENT] * scale``.

        Sweeps as in :meth:`sweeps`; the default range includes full circles.
        """
        return st.builds(
            Arc,
            Geo.points(scale),
            Geo.lengths(scale),
            Geo.angles(),
            Geo.sweeps(min_sweep, max_sweep),
        )

    @staticmethod
    def polylines(
        scale: float,
        *,
        closed: bool | None = None,
        min_vertices: int = 2,
        max_vertices: int = 12,
        arcs: bool = True,
    ) -> st.SearchStrategy[Polyline]:
        """A :class:`Polyline` whose consecutive vertices are at least ``MIN_GAP * scale`` apart.

        ``closed=None`` draws either closure; ``arcs=False`` gives straight segments only,
        otherwise each segment is straight or a bulge from :meth:`bulges`. Vertices are drawn
        independently in the coordinate box (nudged by ``2 * MIN_GAP * scale`` along x when
        too close to the previous one), so the polyline may cross itself.
        """

        point = Geo.points(scale)
        bulge = st.one_of(st.just(0.0), Geo.bulges()) if arcs else st.just(0.0)
        gap = MIN_GAP * scale

        @st.composite
        def build(draw: st.DrawFn) -> Polyline:
            is_closed = draw(st.booleans()) if closed is None else closed
            low = max(min_vertices, 3 if is_closed else 2)
            n = draw(st.integers(low, max(low, max_vertices)))
            vertices = [draw(point)]
            while len(vertices) < n:
                vertex = draw(point)
                if vertex.distance(vertices[-1]) < gap:
                    vertex = vertices[-1] + Vec2(2.0 * gap, 0.0)
                vertices.append(vertex)
            if is_closed:
                assume(vertices[-1].distance(vertices[0]) >= gap)
            bulges = [draw(bulge) for _ in range(n)]
            return Polyline(vertices, bulges, closed=is_closed)

        return build()

    @staticmethod
    def star_polygons(
        scale: float, *, min_vertices: int = 3, max_vertices: int = 16
    ) -> st.SearchStrategy[Polyline]:
        """A simple (non-self-intersecting) straight closed polygon, counter-clockwise.

        Vertices at increasing angles around a centre, each at a random distance from it.
        Use ``.reversed()`` for a clockwise one.
        """

        @st.composite
        def build(draw: st.DrawFn) -> Polyline:
            n = draw(st.integers(min_vertices, max_vertices))
            # Steps in [0.6, 1] keep every turn below pi even for a triangle (1 / 2.2 of a turn), so
            # the polygon is star-shaped around the centre: simple and counter-clockwise.
            steps = draw(st.lists(st.floats(0.6, 1.0), min_size=n, max_size=n))
            radii = draw(st.lists(st.floats(0.1, 1.0), min_size=n, max_size=n))
            center = draw(Geo.points(scale))
            phase = draw(Geo.angles(math.pi))
            total = sum(steps)
            angle = phase
            vertices = []
            for step, radius in zip(steps, radii, strict=True):
                vertices.append(center + Vec2.from_angle(angle, radius * EXTENT * scale))
                angle += TAU * step / total
            return Polyline(vertices, closed=True)

        return build()

    @staticmethod
    def similarities(scale: float, *, mirror: bool | None = None) -> st.SearchStrategy[Transform]:
        """A similarity transform: rotation about a point, uniform scale in [0.1, 10],
        translation by up to ``EXTENT * scale`` and (``mirror=None``: maybe) a mirror."""

        @st.composite
        def build(draw: st.DrawFn) -> Transform:
            t = Transform.rotation(draw(Geo.angles(math.pi)), draw(Geo.points(scale)))
            t = Transform.scaling(draw(st.floats(0.1, 10.0))) @ t
            shift = draw(Geo.points(scale))
            t = Transform.translation(shift.x, shift.y) @ t
            flip = draw(st.booleans()) if mirror is None else mirror
            if flip:
                t = Transform.mirror(draw(Geo.lines(scale))) @ t
            return t

        return build()

    @staticmethod
    def affine_transforms(scale: float) -> st.SearchStrategy[Transform]:
        """A general affine transform with matrix entries in [-2, 2] and ``|det| >= 0.5``.

        So its condition number is at most 32: inverses and round trips stay accurate.
        """
        entry = st.floats(-2.0, 2.0)
        shift = Geo.coordinates(scale)
        return st.builds(Transform, entry, entry, shift, entry, entry, shift).filter(
            lambda t: abs(t.determinant) >= 0.5
        )

    @staticmethod
    def non_similarities(scale: float) -> st.SearchStrategy[Transform]:
        """An invertible transform that does not keep circles circular (shear or stretch)."""

        @st.composite
        def build(draw: st.DrawFn) -> Transform:
            base = draw(Geo.similarities(scale))
            if draw(st.booleans()):
                k = draw(st.floats(1e-3, 2.0)) * (1 if draw(st.booleans()) else -1)
                distortion = Transform(1.0, k, 0.0, 0.0, 1.0, 0.0)  # shear
            else:
                sx = draw(st.floats(0.1, 10.0))
                ratio = draw(st.floats(1.001, 10.0))
                sy = sx * ratio if draw(st.booleans()) else sx / ratio
                distortion = Transform.scaling(sx, sy)
            return base @ distortion

        return build()

    # -- sampling --------------------------------------------------------------------------

    @staticmethod
    def sample_arc(arc: Arc, count: int = 2001) -> tuple[np.ndarray, np.ndarray]:
        """``count`` points evenly spaced along ``arc``, both ends included, as x and y arrays."""
        theta = arc.start_angle + np.linspace(0.0, 1.0, count) * arc.sweep
        return arc.center.x + arc.radius * np.cos(theta), arc.center.y + arc.radius * np.sin(theta)

    @staticmethod
    def sample_polyline(polyline: Polyline, per_arc: int = 2001) -> np.ndarray:
        """The polyline as an ``(m, 2)`` array of points, arcs densely sampled.

        Each segment contributes its start point and, for arcs, its interior samples, so a
        closed polyline gives a ring without a repeated first point. Arcs are sampled with the
        vertices as exact end points, independently of :meth:`Polyline.segment`.
        """
        x, y, b = polyline.x, polyline.y, polyline.bulges
        n = len(polyline)
        pieces: list[np.ndarray] = []
        for i in range(polyline.segment_count):
            j = (i + 1) % n
            p0, p1 = np.array([x[i], y[i]]), np.array([x[j], y[j]])
            pieces.append(p0[np.newaxis])
            if b[i] != 0.0:
                # Independent construction: the centre from the chord and the sweep.
                chord = p1 - p0
                c = float(np.hypot(*chord))
                theta = 4.0 * math.atan(float(b[i]))
                radius = c / (2.0 * abs(math.sin(theta / 2.0)))
                normal = np.array([-chord[1], chord[0]]) / c  # left of travel
                # Signed distance from the chord's midpoint to the centre along that normal.
                h = radius * math.cos(theta / 2.0) * (1.0 if theta > 0 else -1.0)
                center = (p0 + p1) / 2.0 + normal * h
                a0 = math.atan2(p0[1] - center[1], p0[0] - center[0])
                t = a0 + np.linspace(0.0, theta, per_arc)[1:-1]
                pieces.append(
                    np.column_stack(
                        (center[0] + radius * np.cos(t), center[1] + radius * np.sin(t))
                    )
                )
        if not polyline.closed:
            pieces.append(np.array([[x[-1], y[-1]]]))
        return np.concatenate(pieces)

    @staticmethod
    def shoelace(ring: np.ndarray) -> float:
        """Signed area of a closed ring of points (first point not repeated)."""
        x, y = ring[:, 0], ring[:, 1]
        return 0.5 * float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))


@pytest.fixture(scope="session")
def geo() -> type[Geo]:
    """The shared strategies and helpers (see the module docstring)."""
    return Geo


@pytest.fixture(scope="session", params=SCALES, ids=[f"scale={s:g}" for s in SCALES])
def scale(request: pytest.FixtureRequest) -> float:
    """The coordinate scale of a property test: 1e-3, 1 and 1e6."""
    return float(request.param)
