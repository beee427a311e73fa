"""Document units.

Coordinates are stored in the document's real unit (never screen pixels). A :class:`Unit`
knows its exact size in metres as a :class:`~fractions.Fraction` (the inch is exactly
0.0254 m, the foot exactly 0.3048 m), so conversions between units are correctly rounded.
"""

from __future__ import annotations

from enum import Enum
from fractions import Fraction

__all__ = ["Unit"]


class Unit(Enum):
    """A length unit of a document; the value is the symbol stored in ``.lvcad`` files.

    Example
    -------
    >>> Unit("ft").convert(1.0, Unit.INCH)
    12.0
    >>> Unit.INCH.convert(1.0, Unit.MILLIMETRE)
    25.4
    >>> Unit.INCH.metres_per_unit
    Fraction(127, 5000)
    """

    INCH = "in"
    FOOT = "ft"
    MILLIMETRE = "mm"
    METRE = "m"

    @property
    def symbol(self) -> str:
        """Short symbol shown after lengths (and stored in files): ``in``, ``ft``, ``mm``, ``m``."""
        return self.value

    @property
    def label(self) -> str:
        """Singular name for menus, e.g. ``millimetre``."""
        return _LABELS[self]

    @property
    def metres_per_unit(self) -> Fraction:
        """Exact length of one unit in metres."""
        return _METRES[self]

    @property
    def dxf_insunits(self) -> int:
        """The DXF ``$INSUNITS`` code of this unit (1 in, 2 ft, 4 mm, 6 m)."""
        return _INSUNITS[self]

    def factor_to(self, other: Unit) -> float:
        """Multiply lengths in this unit by this factor to get ``other`` units (for arrays)."""
        return float(_METRES[self] / _METRES[other])

    def convert(self, value: float, to: Unit) -> float:
        """Convert one length to ``to`` units, correctly rounded (exact rational arithmetic)."""
        if self is to:
            return float(value)
        return float(Fraction(value) * _METRES[self] / _METRES[to])


_LABELS = {
    Unit.INCH: "inch",
    Unit.FOOT: "foot",
    Unit.MILLIMETRE: "millimetre",
    Unit.METRE: "metre",
}
_METRES = {
    Unit.INCH: Fraction(254, 10_000),
    Unit.FOOT: Fraction(3048, 10_000),
    Unit.MILLIMETRE: Fraction(1, 1000),
    Unit.METRE: Fraction(1),
}
_INSUNITS = {Unit.INCH: 1, Unit.FOOT: 2, Unit.MILLIMETRE: 4, Unit.METRE: 6}
