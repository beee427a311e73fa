"""$INSUNITS: every code of the DXF specification, exact scaling, and drawings without units."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import ezdxf
import pytest

from lvcad.io import DXF_UNITS, DxfUnitsError, export_dxf, import_dxf
from lvcad.io.dxf_units import UnitScale
from lvcad.model import ArcEntity, CircleEntity, Document, LineEntity, Unit
from lvcad_geometry import Line

# The DXF reference's $INSUNITS table: code → (name, exact metres, document unit).
INCH = Fraction(254, 10_000)
US_FOOT = Fraction(1200, 3937)
SPEC = {
    1: ("inches", INCH, Unit.INCH),
    2: ("feet", 12 * INCH, Unit.FOOT),
    3: ("miles", 63_360 * INCH, Unit.FOOT),
    4: ("millimetres", Fraction(1, 1000), Unit.MILLIMETRE),
    5: ("centimetres", Fraction(1, 100), Unit.MILLIMETRE),
    6: ("metres", Fraction(1), Unit.METRE),
    7: ("kilometres", Fraction(1000), Unit.METRE),
    8: ("microinches", INCH / 10**6, Unit.INCH),
    9: ("mils", INCH / 1000, Unit.INCH),
    10: ("yards", 36 * INCH, Unit.FOOT),
    11: ("ångströms", Fraction(1, 10**10), Unit.MILLIMETRE),
    12: ("nanometres", Fraction(1, 10**9), Unit.MILLIMETRE),
    13: ("microns", Fraction(1, 10**6), Unit.MILLIMETRE),
    14: ("decimetres", Fraction(1, 10), Unit.MILLIMETRE),
    15: ("decametres", Fraction(10), Unit.METRE),
    16: ("hectometres", Fraction(100), Unit.METRE),
    17: ("gigametres", Fraction(10**9), Unit.METRE),
    18: ("astronomical units", Fraction(149_597_870_700), Unit.METRE),
    19: ("light years", Fraction(9_460_730_472_580_800), Unit.METRE),
    20: ("parsecs", None, Unit.METRE),  # 648000/pi au: irrational
    21: ("US survey feet", US_FOOT, Unit.FOOT),
    22: ("US survey inches", US_FOOT / 12, Unit.INCH),
    23: ("US survey yards", 3 * US_FOOT, Unit.FOOT),
    24: ("US survey miles", 5280 * US_FOOT, Unit.FOOT),
}
COORDINATES = (1.5, -2.25, 0.1, 123456.789, 7e-5)


def drawing(path: Path, code: object, *, measurement: int | None = None) -> Path:
    """A DXF with $INSUNITS ``code``, a line through the test coordinates, an arc, a circle."""
    doc = ezdxf.new("R2013")
    doc.header["$INSUNITS"] = code
    if measurement is not None:
        doc.header["$MEASUREMENT"] = measurement
    msp = doc.modelspace()
    a, b, c, d, e = COORDINATES
    msp.add_line((a, b), (c, d))
    msp.add_arc((d, e), radius=a, start_angle=30, end_angle=120)
    msp.add_circle((e, a), radius=c)
    doc.saveas(path)
    return path


def test_the_table_is_the_dxf_specification() -> None:
    assert set(DXF_UNITS) == set(SPEC)
    for code, (name, metres, unit) in SPEC.items():
        entry = DXF_UNITS[code]
        assert (entry.code, entry.name, entry.document_unit) == (code, name, unit)
        if metres is not None:
            assert entry.metres == metres, code
    parsec = DXF_UNITS[20].metres
    assert math.isclose(float(parsec), 648_000 / math.pi * 149_597_870_700, rel_tol=1e-15)
    assert float(DXF_UNITS[3].metres) == 1609.344
    assert float(DXF_UNITS[21].metres / DXF_UNITS[2].metres) == 1.000002000004


@pytest.mark.parametrize("code", sorted(SPEC))
def test_every_code_imports_to_its_unit_with_exact_scaling(code: int, tmp_path: Path) -> None:
    result = import_dxf(drawing(tmp_path / "u.dxf", code))
    _, _, unit = SPEC[code]
    document = result.document
    assert document.unit is unit
    factor = DXF_UNITS[code].metres / unit.metres_per_unit
    line, arc, circle = document
    assert isinstance(line, LineEntity)
    assert isinstance(arc, ArcEntity)
    assert isinstance(circle, CircleEntity)
    a, b, c, d, e = COORDINATES
    got = [
        *line.geometry.start,
        *line.geometry.end,
        *arc.geometry.center,
        arc.geometry.radius,
        *circle.center,
        circle.radius,
    ]
    for value, raw in zip(got, [a, b, c, d, d, e, a, e, a, c], strict=True):
        exact = Fraction(raw) * factor
        if factor.numerator == 1 or factor.denominator == 1:
            assert value == float(exact), (code, raw)  # correctly rounded: one operation
        else:
            assert math.isclose(value, float(exact), rel_tol=4e-16), (code, raw)
    assert arc.geometry.start_angle == math.radians(30)  # angles never scale
    assert result.report.units_code == code
    assert not result.report.units_assumed


@pytest.mark.parametrize(("code", "factor"), [(4, 1), (5, 10), (7, 1_000_000), (10, 914.4)])
def test_a_chosen_document_unit_converts_exactly(code: int, factor: float, tmp_path: Path) -> None:
    document = import_dxf(drawing(tmp_path / "u.dxf", code), unit=Unit.MILLIMETRE).document
    assert document.unit is Unit.MILLIMETRE
    line = next(iter(document))
    assert isinstance(line, LineEntity)
    assert line.geometry.start.x == float(Fraction(1.5) * Fraction(factor).limit_denominator())


@pytest.mark.parametrize(
    ("code", "measurement", "suggested"),
    [
        (0, 1, Unit.MILLIMETRE),
        (0, 0, Unit.INCH),
        (None, None, None),
        (25, 1, Unit.MILLIMETRE),
        (-1, None, None),
        (1000, 0, Unit.INCH),
    ],
)
def test_a_drawing_without_units_asks_for_one(
    code: int | None, measurement: int | None, suggested: Unit | None, tmp_path: Path
) -> None:
    path = tmp_path / "nounits.dxf"
    doc = ezdxf.new("R2013")
    doc.modelspace().add_line((0, 0), (3, 4))
    if code is None:
        del doc.header["$INSUNITS"]
    else:
        doc.header["$INSUNITS"] = code
    if measurement is None:
        del doc.header["$MEASUREMENT"]
    else:
        doc.header["$MEASUREMENT"] = measurement
    doc.saveas(path)
    with pytest.raises(DxfUnitsError, match=r"nounits.dxf.*Choose the unit") as caught:
        import_dxf(path)
    assert caught.value.code == code
    assert caught.value.suggested is suggested
    assert caught.value.path == path
    # Told the unit, the coordinates are taken as they are, and the report says so.
    result = import_dxf(path, unit=Unit.FOOT)
    (line,) = result.document
    assert isinstance(line, LineEntity)
    assert result.document.unit is Unit.FOOT
    assert line.geometry == Line((0, 0), (3, 4))
    assert result.report.units_assumed
    assert "taken as feet as chosen" in result.report.summary()


@pytest.mark.parametrize("unit", list(Unit))
def test_export_writes_the_document_unit(unit: Unit, tmp_path: Path) -> None:
    path = tmp_path / "u.dxf"
    export_dxf(Document(unit), path)
    doc = ezdxf.readfile(path)
    assert doc.units == unit.dxf_insunits
    assert doc.header["$MEASUREMENT"] == (0 if unit in (Unit.INCH, Unit.FOOT) else 1)
    assert import_dxf(path).document.unit is unit


def test_the_underlay_transform_holds_the_exact_scale(tmp_path: Path) -> None:
    result = import_dxf(drawing(tmp_path / "cm.dxf", 5), as_underlay=True)
    assert result.document.unit is Unit.MILLIMETRE
    assert result.document.underlay is not None
    assert tuple(result.document.underlay.transform) == (10.0, 0.0, 0.0, 0.0, 10.0, 0.0)
    assert result.underlay is not None
    line = result.underlay.entities[0]
    assert isinstance(line, LineEntity)
    assert line.geometry.start.x == 1.5  # the DXF's own coordinates


def test_unit_scale_rounds_once() -> None:
    assert UnitScale(Fraction(1, 10))(3.3) == 3.3 / 10
    assert UnitScale(Fraction(1, 10))(3.3) != 3.3 * 0.1  # two roundings differ here
    assert UnitScale(Fraction(3))(0.1) == 0.1 * 3
    with pytest.raises(ValueError, match="positive"):
        UnitScale(Fraction(0))
