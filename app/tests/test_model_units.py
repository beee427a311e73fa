"""Document units: exact sizes and correctly rounded conversions."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lvcad.model import Unit


def test_units_are_exact_fractions_of_a_metre() -> None:
    assert Unit.INCH.metres_per_unit == Fraction("0.0254")
    assert Unit.FOOT.metres_per_unit == 12 * Unit.INCH.metres_per_unit
    assert Unit.MILLIMETRE.metres_per_unit == Fraction(1, 1000)
    assert Unit.METRE.metres_per_unit == 1


@pytest.mark.parametrize(
    ("unit", "symbol", "label", "insunits"),
    [
        (Unit.INCH, "in", "inch", 1),
        (Unit.FOOT, "ft", "foot", 2),
        (Unit.MILLIMETRE, "mm", "millimetre", 4),
        (Unit.METRE, "m", "metre", 6),
    ],
)
def test_symbols_labels_and_dxf_codes(unit: Unit, symbol: str, label: str, insunits: int) -> None:
    assert Unit(symbol) is unit
    assert (unit.symbol, unit.label, unit.dxf_insunits) == (symbol, label, insunits)


def test_common_conversions_are_exact() -> None:
    assert Unit.INCH.convert(1.0, Unit.MILLIMETRE) == 25.4
    assert Unit.FOOT.convert(1.0, Unit.INCH) == 12.0
    assert Unit.FOOT.convert(10.0, Unit.METRE) == 3.048
    assert Unit.METRE.convert(2.5, Unit.MILLIMETRE) == 2500.0
    assert Unit.MILLIMETRE.convert(7.0, Unit.MILLIMETRE) == 7.0
    assert Unit.INCH.factor_to(Unit.FOOT) == 1 / 12


@given(
    value=st.floats(-1e12, 1e12, allow_nan=False),
    source=st.sampled_from(Unit),
    target=st.sampled_from(Unit),
)
def test_convert_is_correctly_rounded(value: float, source: Unit, target: Unit) -> None:
    exact = Fraction(value) * source.metres_per_unit / target.metres_per_unit
    assert source.convert(value, target) == float(exact)
