"""DXF drawing units: the ``$INSUNITS`` codes, mapped to document units with exact factors.

The table follows the DXF reference (``$INSUNITS``, AutoCAD 2018 and later), code by code:
0 is "unitless"; 1 inches, 2 feet, 3 miles, 4 millimetres, 5 centimetres, 6 metres,
7 kilometres, 8 microinches, 9 mils, 10 yards, 11 ångströms, 12 nanometres, 13 microns,
14 decimetres, 15 decametres, 16 hectometres, 17 gigametres, 18 astronomical units,
19 light years, 20 parsecs, 21 US survey feet, 22 US survey inches, 23 US survey yards and
24 US survey miles. (The previous product read this table off by one, so millimetre drawings
came in 10x too big: the tests check every code.)

Each DXF unit goes to the nearest document unit of its own system (imperial codes to inch or
foot, metric codes to millimetre or metre) and the factor between them is an exact
:class:`~fractions.Fraction` (centimetres to millimetres x10, kilometres to metres x1000,
yards to feet x3, US survey feet to feet x500000/499999). :class:`UnitScale` applies a
factor with one correctly rounded operation when it is an integer or the reciprocal of one
(``x * 10``, ``x / 1000``), which covers every code but the US survey ones and parsecs.

Example
-------
>>> DXF_UNITS[5].name, DXF_UNITS[5].document_unit, DXF_UNITS[5].factor_to(Unit.MILLIMETRE)
('centimetres', <Unit.MILLIMETRE: 'mm'>, Fraction(10, 1))
>>> UnitScale(DXF_UNITS[10].factor_to(Unit.FOOT))(2.5)  # yards to feet
7.5
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from lvcad.model import Unit

__all__ = ["DXF_UNITS", "UNITLESS", "DxfUnit", "UnitScale", "dxf_unit"]

#: The ``$INSUNITS`` value of a drawing without units.
UNITLESS = 0

_INCH = Fraction(254, 10_000)
_FOOT = 12 * _INCH
_US_SURVEY_FOOT = Fraction(1200, 3937)  # metres, by definition
_AU = Fraction(149_597_870_700)  # metres, IAU 2012 resolution B2 (exact)
_JULIAN_YEAR = Fraction(36525, 100) * 86_400  # seconds
_LIGHT_YEAR = 299_792_458 * _JULIAN_YEAR  # metres, IAU (exact)
# A parsec is 648000/pi astronomical units: irrational, so this is the nearest double.
_PARSEC = Fraction(float(648_000 / math.pi * float(_AU)))


@dataclass(frozen=True, slots=True)
class DxfUnit:
    """One ``$INSUNITS`` code: its name, exact size and the document unit it imports to."""

    code: int
    name: str
    symbol: str
    metres: Fraction
    document_unit: Unit

    def factor_to(self, unit: Unit) -> Fraction:
        """Multiply lengths in this DXF unit by this exact factor to get ``unit`` lengths."""
        return self.metres / unit.metres_per_unit


def _unit(code: int, name: str, symbol: str, metres: Fraction, to: Unit) -> DxfUnit:
    return DxfUnit(code, name, symbol, metres, to)


#: Every ``$INSUNITS`` code with a length (all but 0, unitless), by code.
DXF_UNITS: dict[int, DxfUnit] = {
    u.code: u
    for u in (
        _unit(1, "inches", "in", _INCH, Unit.INCH),
        _unit(2, "feet", "ft", _FOOT, Unit.FOOT),
        _unit(3, "miles", "mi", 5280 * _FOOT, Unit.FOOT),
        _unit(4, "millimetres", "mm", Fraction(1, 1000), Unit.MILLIMETRE),
        _unit(5, "centimetres", "cm", Fraction(1, 100), Unit.MILLIMETRE),
        _unit(6, "metres", "m", Fraction(1), Unit.METRE),
        _unit(7, "kilometres", "km", Fraction(1000), Unit.METRE),
        _unit(8, "microinches", "µin", _INCH / 1_000_000, Unit.INCH),
        _unit(9, "mils", "mil", _INCH / 1000, Unit.INCH),
        _unit(10, "yards", "yd", 3 * _FOOT, Unit.FOOT),
        _unit(11, "ångströms", "Å", Fraction(1, 10**10), Unit.MILLIMETRE),
        _unit(12, "nanometres", "nm", Fraction(1, 10**9), Unit.MILLIMETRE),
        _unit(13, "microns", "µm", Fraction(1, 10**6), Unit.MILLIMETRE),
        _unit(14, "decimetres", "dm", Fraction(1, 10), Unit.MILLIMETRE),
        _unit(15, "decametres", "dam", Fraction(10), Unit.METRE),
        _unit(16, "hectometres", "hm", Fraction(100), Unit.METRE),
        _unit(17, "gigametres", "Gm", Fraction(10**9), Unit.METRE),
        _unit(18, "astronomical units", "au", _AU, Unit.METRE),
        _unit(19, "light years", "ly", _LIGHT_YEAR, Unit.METRE),
        _unit(20, "parsecs", "pc", _PARSEC, Unit.METRE),
        _unit(21, "US survey feet", "ft (US survey)", _US_SURVEY_FOOT, Unit.FOOT),
        _unit(22, "US survey inches", "in (US survey)", _US_SURVEY_FOOT / 12, Unit.INCH),
        _unit(23, "US survey yards", "yd (US survey)", 3 * _US_SURVEY_FOOT, Unit.FOOT),
        _unit(24, "US survey miles", "mi (US survey)", 5280 * _US_SURVEY_FOOT, Unit.FOOT),
    )
}


def dxf_unit(code: object) -> DxfUnit | None:
    """The unit of an ``$INSUNITS`` value, or ``None`` for 0 (unitless) and unknown values.

    Example
    -------
    >>> dxf_unit(4).symbol, dxf_unit(0), dxf_unit(99), dxf_unit("4")
    ('mm', None, None, None)
    """
    if type(code) is not int:
        return None
    return DXF_UNITS.get(code)


_Value = TypeVar("_Value", float, npt.NDArray[np.float64])


class UnitScale:
    """Multiplies lengths by an exact factor, correctly rounded where one operation can be.

    An integer factor ``n`` is applied as ``x * n`` and a factor ``1/n`` as ``x / n`` (each
    one IEEE operation, so correctly rounded); any other factor as ``x * float(factor)``
    (within an ulp or two). Works on floats and numpy arrays alike.

    Example
    -------
    >>> UnitScale(Fraction(1, 1000))(1.0), UnitScale(Fraction(10))(0.1)
    (0.001, 1.0)
    >>> UnitScale(Fraction(1)).is_identity
    True
    """

    __slots__ = ("_divide", "_operand", "factor")

    def __init__(self, factor: Fraction) -> None:
        if factor <= 0:
            raise ValueError(f"a unit scale must be positive, got {factor}")
        #: The exact factor.
        self.factor = factor
        numerator, denominator = factor.numerator, factor.denominator
        if denominator == 1 and float(numerator) == numerator:
            self._operand, self._divide = float(numerator), False
        elif numerator == 1 and float(denominator) == denominator:
            self._operand, self._divide = float(denominator), True
        else:
            self._operand, self._divide = float(factor), False

    @property
    def is_identity(self) -> bool:
        """True for the factor 1."""
        return self.factor == 1

    @property
    def value(self) -> float:
        """The factor as the nearest float (for transforms and tolerances)."""
        return float(self.factor)

    def __call__(self, value: _Value) -> _Value:
        if self._divide:
            return value / self._operand
        return value * self._operand

    def __repr__(self) -> str:
        return f"UnitScale({self.factor})"
