"""Tolerances relative to the scale of the geometry.

CAD drawings range from millimetre details to kilometre site plans, so a fixed absolute
epsilon is wrong at one end or the other. Each operation takes ``rel_tol`` and ``abs_tol``
keyword arguments (defaults below) and compares against
``abs_tol + rel_tol * scale``, where ``scale`` is the magnitude of the coordinates involved.
There is no global, mutable precision setting.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from .errors import NonFiniteError

__all__ = ["ABS_TOL", "REL_TOL", "require_finite", "scale_of", "tolerance"]

#: Default relative tolerance: about 4500 ulps of a double, far above rounding noise of the
#: formulas used here and far below any drawing precision a designer cares about.
REL_TOL = 1e-9
#: Default absolute floor, so geometry at the origin still has a non-zero tolerance.
ABS_TOL = 1e-12


def scale_of(values: Iterable[float]) -> float:
    """Return the largest magnitude among ``values`` (0.0 for none).

    Example
    -------
    >>> scale_of([0.5, -1200.0, 3.0])
    1200.0
    """
    return max((abs(v) for v in values), default=0.0)


def tolerance(scale: float, rel_tol: float = REL_TOL, abs_tol: float = ABS_TOL) -> float:
    """Return the comparison tolerance ``abs_tol + rel_tol * scale``.

    Example
    -------
    >>> tolerance(1e6)
    0.001000000001
    """
    return abs_tol + rel_tol * abs(scale)


def require_finite(*values: float) -> None:
    """Raise :class:`~lvcad_geometry.errors.NonFiniteError` if any value is NaN or infinite."""
    for value in values:
        if not math.isfinite(value):
            raise NonFiniteError(f"expected a finite number, got {value!r}")
