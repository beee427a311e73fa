"""DXF export: what the file holds (read with ezdxf), and export → import round trips."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import ezdxf
import pytest
from ezdxf.tools.text import fast_plain_mtext, plain_text
from hypothesis import given, settings
from hypothesis import strategies as st

import lvcad.io.fileops
from lvcad.io import DocumentWriteError, export_dxf, import_dxf
from lvcad.io.dxf_export import mtext_escape, text_escape
from lvcad.model import (
    ArcEntity,
    BlockDefinition,
    CircleEntity,
    Color,
    Device,
    DeviceCatalog,
    Document,
    Entity,
    Insert,
    Layer,
    LineEntity,
    PolylineEntity,
    PropertyMap,
    TextAnchor,
    TextEntity,
    Unit,
    Wire,
)
from lvcad_geometry import Arc, Line, Polyline

REL = 1e-9


def close(a: float, b: float, scale: float) -> bool:
    return abs(a - b) <= REL * max(scale, 1.0)


def same_angle(a: float, b: float) -> bool:
    return abs(math.remainder(a - b, 2 * math.pi)) <= 1e-12


def same_arc(a: Arc, b: Arc) -> bool:
    """The same arc as a set of points (a DXF ARC is always counter-clockwise)."""
    if a.ccw != b.ccw:
        b = b.reversed()
    scale = max(abs(a.center.x), abs(a.center.y), a.radius)
    tol = REL * max(scale, 1.0)
    return (
        a.center.isclose(b.center, rel_tol=REL, abs_tol=tol)
        and close(a.radius, b.radius, scale)
        and math.isclose(abs(a.sweep), abs(b.sweep), rel_tol=1e-12)
        and a.start_point.distance(b.start_point) <= tol
        and a.end_point.distance(b.end_point) <= tol
    )


def same_geometry(a: Entity, b: Entity) -> bool:
    """``b`` is ``a`` after export and import: geometry within 1e-9 relative, data equal."""
    if type(a) is not type(b) or a.layer != b.layer or a.color != b.color:
        return False
    match a:
        case LineEntity():
            assert isinstance(b, LineEntity)
            return a.geometry.start.isclose(b.geometry.start, rel_tol=REL) and (
                a.geometry.end.isclose(b.geometry.end, rel_tol=REL)
            )
        case ArcEntity():
            assert isinstance(b, ArcEntity)
            return same_arc(a.geometry, b.geometry)
        case CircleEntity():
            assert isinstance(b, CircleEntity)
            return a.center.isclose(b.center, rel_tol=REL) and close(a.radius, b.radius, a.radius)
        case PolylineEntity():
            assert isinstance(b, PolylineEntity)
            return a.geometry.isclose(b.geometry, rel_tol=REL)
        case TextEntity():
            assert isinstance(b, TextEntity)
            return (
                a.text == b.text
                and a.anchor == b.anchor
                and a.position.isclose(b.position, rel_tol=REL)
                and close(a.height, b.height, a.height)
                and same_angle(a.rotation, b.rotation)
            )
        case Insert():
            assert isinstance(b, Insert)
            return (
                a.block == b.block
                and a.attributes == b.attributes
                and a.position.isclose(b.position, rel_tol=REL)
                and same_angle(a.rotation, b.rotation)
                and (a.scale_x, a.scale_y) == (b.scale_x, b.scale_y)
            )
        case Device() | Wire():
            return a == b
    raise AssertionError(f"unexpected {a!r}")


def round_trip(document: Document, tmp_path: Path) -> Document:
    path = tmp_path / "export.dxf"
    export_dxf(document, path)
    result = import_dxf(path)
    assert result.report.clean, result.report.summary()
    return result.document


def test_every_entity_type_round_trips_within_1e_9(
    tmp_path: Path, sample_document: Callable[[], Document]
) -> None:
    original = sample_document()
    back = round_trip(original, tmp_path)
    assert back.unit is original.unit
    assert len(back) == len(original)
    kinds = set()
    for before, after in zip(original, back, strict=True):
        assert same_geometry(before, after), f"{before!r}\n!=\n{after!r}"
        kinds.add(before.kind)
    assert kinds == {"line", "arc", "circle", "polyline", "text", "insert", "device", "wire"}
    # Layers keep order, colours and states; circuit layers come after them.
    assert list(back.layers.values())[: len(original.layers)] == list(original.layers.values())
    assert set(back.layers) - set(original.layers) == {"FA-WIRE-SLC-1", "FA-WIRE-NAC-1"}
    # The document's blocks come back as they were (symbols the export drew are extra).
    for name, block in original.blocks.items():
        again = back.blocks[name]
        assert again.base_point == block.base_point
        for before, after in zip(block.entities, again.entities, strict=True):
            assert same_geometry(before, after)


@pytest.mark.parametrize("unit", list(Unit))
def test_big_and_small_coordinates_in_every_unit(unit: Unit, tmp_path: Path) -> None:
    values = [1e-7, 0.1, 1 / 3, 12345.678901234567, 9.87654321e8]
    entities: list[Entity] = []
    for i, v in enumerate(values):
        entities += [
            LineEntity(id=f"l{i}", geometry=Line((v, -v), (2 * v, v / 7))),
            ArcEntity(id=f"a{i}", geometry=Arc((v, v), v / 3, 0.3, -2.9)),
            CircleEntity(id=f"c{i}", center=(-v, v), radius=v),
            PolylineEntity(
                id=f"p{i}", geometry=Polyline([(v, 0), (2 * v, v), (0, v)], [0.3, -0.7, 0.0])
            ),
            TextEntity(id=f"t{i}", position=(v, v), text=f"{v}", height=v / 10, rotation=2.5),
        ]
    original = Document(unit, entities=entities)
    back = round_trip(original, tmp_path)
    assert back.unit is unit
    for before, after in zip(original, back, strict=True):
        assert same_geometry(before, after), f"{before!r}\n!=\n{after!r}"


def test_what_the_file_holds(tmp_path: Path, sample_document: Callable[[], Document]) -> None:
    path = tmp_path / "plan.dxf"
    export_dxf(sample_document(), path)
    dxf = ezdxf.readfile(path)
    assert dxf.dxfversion == "AC1027"  # R2013
    assert dxf.units == 1
    assert dxf.header["$MEASUREMENT"] == 0
    msp = dxf.modelspace()
    inserts = {e.dxf.name: e for e in msp.query("INSERT")}
    # Devices: one block per type, on the type's layer, label visible, type/model hidden.
    smoke = inserts["FA_SMOKE_DETECTOR"]
    assert smoke.dxf.layer == "FA-SMOKE"
    attribs = {a.dxf.tag: a for a in smoke.attribs}
    assert attribs["LABEL"].dxf.text == "1-001"
    assert not attribs["LABEL"].is_invisible
    assert attribs["TYPE"].is_invisible
    horn = inserts["FA_HORN_STROBE"]
    assert horn.dxf.layer == "FA-HORN-STROBE"
    assert {a.dxf.tag: a.dxf.text for a in horn.attribs}["MODEL"] == "HS-generic"
    assert math.isclose(horn.dxf.rotation, 90.0)
    # Symbols: the document's own block, or a drawn one (on layer 0, BYLAYER).
    symbol = dxf.blocks.get("FA_HORN_STROBE")
    kinds = sorted(e.dxftype() for e in symbol)
    assert kinds == ["LWPOLYLINE", "TEXT"]
    assert {e.dxf.layer for e in symbol} == {"0"}
    assert sorted(e.dxftype() for e in dxf.blocks.get("FA_SMOKE_DETECTOR")) == [
        "CIRCLE",
        "INSERT",
        "TEXT",
    ]
    # Wires on per-circuit layers, coloured like the wire layer.
    wires = {e.dxf.layer: e for e in msp.query("LWPOLYLINE") if e.has_xdata("LVCAD")}
    assert set(wires) == {"FA-WIRE-SLC-1", "FA-WIRE-NAC-1"}
    assert dxf.layers.get("FA-WIRE-SLC-1").dxf.color == 6  # magenta, like FA-WIRE
    # Layers: colours, off, locked.
    assert dxf.layers.get("A-WALL").is_locked()
    assert dxf.layers.get("A-NOTE").is_off()
    assert dxf.layers.get("FA-SMOKE").color == 1
    assert not dxf.layers.get("A-WALL").dxf.hasattr("true_color")  # grey 128 is ACI 8
    line = next(e for e in msp.query("LINE") if e.dxf.hasattr("true_color"))
    assert line.rgb == (10, 20, 30)
    assert "Defpoints" in [layer.dxf.name for layer in dxf.layers]  # AutoCAD needs it


def test_colours_exact_aci_or_true_colour(tmp_path: Path) -> None:
    document = Document(
        layers=[Layer("RED", Color(255, 0, 0)), Layer("ODD", Color(1, 2, 3))],
        entities=[
            LineEntity(id="a", layer="RED", color=Color(0, 0, 255), geometry=Line((0, 0), (1, 0))),
            LineEntity(id="b", layer="ODD", color=Color(250, 5, 3), geometry=Line((0, 0), (1, 1))),
        ],
    )
    path = tmp_path / "c.dxf"
    export_dxf(document, path)
    dxf = ezdxf.readfile(path)
    assert dxf.layers.get("RED").dxf.color == 1
    assert not dxf.layers.get("RED").dxf.hasattr("true_color")
    assert dxf.layers.get("ODD").rgb == (1, 2, 3)
    a, b = dxf.modelspace().query("LINE")
    assert a.dxf.color == 5
    assert not a.dxf.hasattr("true_color")
    assert b.rgb == (250, 5, 3)
    assert b.dxf.color == 1
    back = import_dxf(path).document
    assert [e.color for e in back] == [Color(0, 0, 255), Color(250, 5, 3)]
    assert back.layers["ODD"].color == Color(1, 2, 3)


def test_names_dxf_cannot_hold_are_changed(tmp_path: Path) -> None:
    block = BlockDefinition("SYM/1", entities=(CircleEntity(id="c", center=(0, 0), radius=1),))
    document = Document(
        layers=[Layer("a:b"), Layer("Wall"), Layer("WALL")],
        blocks=[block],
        entities=[
            Insert(id="i", layer="a:b", block="SYM/1", position=(1, 2)),
            LineEntity(id="l1", layer="Wall", geometry=Line((0, 0), (1, 0))),
            LineEntity(id="l2", layer="WALL", geometry=Line((0, 0), (2, 0))),
        ],
    )
    path = tmp_path / "names.dxf"
    export_dxf(document, path)
    dxf = ezdxf.readfile(path)
    assert {layer.dxf.name for layer in dxf.layers} >= {"a_b", "Wall", "WALL_2"}
    insert = dxf.modelspace().query("INSERT").first
    assert (insert.dxf.name, insert.dxf.layer) == ("SYM_1", "a_b")
    back = import_dxf(path).document
    assert [e.layer for e in back] == ["a_b", "Wall", "WALL_2"]


def test_unknown_device_types_get_a_generic_symbol(tmp_path: Path) -> None:
    catalog = DeviceCatalog.builtin()
    device = Device(id="d", layer="0", device_type="beam_detector", position=(5, 5))
    custom = catalog.new_device("smoke_detector", (0, 0), id="s", layer="0")
    path = tmp_path / "d.dxf"
    export_dxf(Document(entities=[device, custom]), path, symbol_size=2.0)
    dxf = ezdxf.readfile(path)
    names = sorted(e.dxf.name for e in dxf.modelspace().query("INSERT"))
    assert names == ["FA_SMOKE_DETECTOR", "LVCAD_DEVICE_beam_detector"]
    hexagon = dxf.blocks.get("LVCAD_DEVICE_beam_detector").query("LWPOLYLINE").first
    assert len(hexagon) == 6
    circle = dxf.blocks.get("FA_SMOKE_DETECTOR").query("CIRCLE").first
    assert circle.dxf.radius == 1.0
    assert import_dxf(path).document.get("d") == device


def test_text_special_characters_and_anchors(tmp_path: Path) -> None:
    texts = [
        TextEntity(id="t1", position=(0, 0), text="50%%d ^I {x} \\P", height=1.0),
        TextEntity(
            id="t2",
            position=(0, 5),
            text="two\nlines {\\}",
            height=1.0,
            anchor=TextAnchor.MIDDLE_RIGHT,
        ),
        TextEntity(
            id="t3", position=(0, 9), text="crlf\r\nline", height=2.0, anchor=TextAnchor.TOP_CENTER
        ),
    ]
    texts += [
        TextEntity(id=f"a{i}", position=(i, 20), text="A", height=1.0, anchor=anchor)
        for i, anchor in enumerate(TextAnchor)
    ]
    back = round_trip(Document(entities=texts), tmp_path)
    got = {e.id: e for e in back}
    assert [e.text for e in back][:3] == ["50%%d ^I {x} \\P", "two\nlines {\\}", "crlf\nline"]
    assert list(back)[2].anchor is TextAnchor.TOP_CENTER
    assert [e.anchor for e in back][3:] == list(TextAnchor)
    assert len(got) == len(texts)


def test_multiline_baseline_text_becomes_bottom_anchored(tmp_path: Path) -> None:
    text = TextEntity(id="t", position=(1, 2), text="a\nb", height=1.0)
    (back,) = round_trip(Document(entities=[text]), tmp_path)
    assert isinstance(back, TextEntity)
    assert back.anchor is TextAnchor.BOTTOM_LEFT  # MTEXT has no baseline


@settings(max_examples=200)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs", "Cc"]), max_size=40))
def test_escaped_text_reads_back_as_it_was(text: str) -> None:
    single = text.replace("\n", " ")
    if not single.endswith("^"):  # exported as MTEXT, see below
        assert plain_text(text_escape(single)) == single
    assert fast_plain_mtext(mtext_escape(text)) == text


def test_a_trailing_caret_survives(tmp_path: Path) -> None:
    text = TextEntity(id="t", position=(0, 0), text="a^", height=1.0, anchor=TextAnchor.TOP_LEFT)
    (back,) = round_trip(Document(entities=[text]), tmp_path)
    assert same_geometry(text, back)


def test_a_failed_export_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample_document: Callable[[], Document]
) -> None:
    path = tmp_path / "plan.dxf"
    path.write_bytes(b"previous export")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(lvcad.io.fileops, "write_atomically", fail)
    with pytest.raises(DocumentWriteError, match=r"plan.dxf.*unchanged"):
        export_dxf(sample_document(), path)
    assert path.read_bytes() == b"previous export"
    assert list(tmp_path.iterdir()) == [path]


def test_export_overwrites_atomically_without_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "plan.dxf"
    export_dxf(Document(Unit.METRE), path)
    export_dxf(Document(Unit.FOOT), path)
    assert ezdxf.readfile(path).units == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.dxf"]


def test_insert_attributes_are_kept_hidden(tmp_path: Path) -> None:
    block = BlockDefinition("B", entities=(LineEntity(id="l", geometry=Line((0, 0), (1, 0))),))
    insert = Insert(
        id="i",
        block="B",
        position=(3, 4),
        rotation=0.5,
        scale_x=2.0,
        scale_y=-3.0,
        attributes=PropertyMap({"ROOM NO": "101", "NOTE": "%%c 5"}),
    )
    path = tmp_path / "a.dxf"
    export_dxf(Document(blocks=[block], entities=[insert]), path)
    reference = ezdxf.readfile(path).modelspace().query("INSERT").first
    assert {a.dxf.tag for a in reference.attribs} == {"ROOM_NO", "NOTE"}
    assert all(a.is_invisible for a in reference.attribs)
    (back,) = import_dxf(path).document
    assert isinstance(back, Insert)
    assert back.attributes == {"ROOM_NO": "101", "NOTE": "%%c 5"}
    assert (back.scale_x, back.scale_y) == (2.0, -3.0)
