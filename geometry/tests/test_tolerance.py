"""Tolerance helpers, the error hierarchy and the package's public surface."""

from __future__ import annotations

import math

import pytest

import lvcad_geometry
from lvcad_geometry import ABS_TOL, REL_TOL, errors
from lvcad_geometry.tolerance import require_finite, scale_of, tolerance


def test_defaults() -> None:
    assert REL_TOL == 1e-9
    assert ABS_TOL == 1e-12


def test_scale_of() -> None:
    assert scale_of([0.5, -1200.0, 3.0]) == 1200.0
    assert scale_of([]) == 0.0
    assert scale_of(iter([-2.0])) == 2.0
    assert scale_of(x for x in (1.0, -1.0)) == 1.0


@pytest.mark.parametrize(
    ("scale", "expected"),
    [
        (0.0, 1e-12),
        (1.0, 1e-12 + 1e-9),
        (1e6, 1e-12 + 1e-3),
        (-1e6, 1e-12 + 1e-3),
        (1e-3, 1e-12 + 1e-12),
    ],
)
def test_tolerance_defaults(scale: float, expected: float) -> None:
    assert tolerance(scale) == pytest.approx(expected, rel=1e-12)


def test_tolerance_custom() -> None:
    assert tolerance(10.0, rel_tol=0.01, abs_tol=0.5) == pytest.approx(0.6)
    assert tolerance(10.0, 0.0, 0.0) == 0.0


def test_require_finite() -> None:
    require_finite()
    require_finite(0.0, -1e308, 5e-324)
    for bad in (math.nan, math.inf, -math.inf):
        with pytest.raises(errors.NonFiniteError, match="finite"):
            require_finite(1.0, bad)


@pytest.mark.parametrize("name", errors.__all__)
def test_every_error_is_a_geometry_error_and_value_error(name: str) -> None:
    cls = getattr(errors, name)
    assert issubclass(cls, errors.GeometryError)
    assert issubclass(cls, ValueError)
    assert cls.__doc__


def test_specific_errors_are_distinct() -> None:
    specific = [getattr(errors, n) for n in errors.__all__ if n != "GeometryError"]
    assert len(set(specific)) == len(specific)
    for a in specific:
        for b in specific:
            assert (a is b) == issubclass(a, b)


def test_public_names_exist() -> None:
    for name in lvcad_geometry.__all__:
        assert hasattr(lvcad_geometry, name), name
    assert isinstance(lvcad_geometry.__version__, str)
    assert lvcad_geometry.__version__


def test_version_without_installed_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib
    import importlib.metadata

    def not_installed(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    arc_class = lvcad_geometry.Arc
    try:
        monkeypatch.setattr(importlib.metadata, "version", not_installed)
        importlib.reload(lvcad_geometry)
        assert lvcad_geometry.__version__ == "0+unknown"
    finally:
        monkeypatch.undo()
        importlib.reload(lvcad_geometry)
    assert lvcad_geometry.__version__ != "0+unknown"
    assert lvcad_geometry.Arc is arc_class  # submodules were not reloaded
