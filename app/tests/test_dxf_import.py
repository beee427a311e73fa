"""DXF import: every entity type, blocks kept or exploded, layers, colours, underlays.

Fixtures are made with ezdxf in each test. Where the import flattens or transforms, ezdxf
itself is the oracle: ``ezdxf.disassemble`` explodes block references (nested, scaled,
mirrored, in any OCS) into WCS primitives, and every point of those must lie on what LV CAD
imported, within the flattening tolerance. For block references the oracle composes ezdxf's
exact block transforms (``Insert.matrix44``) itself: ezdxf's own explode cannot shear a
nested block reference, so under a rotated non-uniform scale it only approximates.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

import ezdxf
import numpy as np
import pytest
from ezdxf.document import Drawing
from ezdxf.enums import TextEntityAlignment
from ezdxf.math import Matrix44, Vec3

from lvcad.io import export_dxf, import_dxf, load_underlay, save_document
from lvcad.io.dxf_geometry import arc_points, flatten_bulges
from lvcad.model import (
    ArcEntity,
    CircleEntity,
    Color,
    Device,
    DeviceCatalog,
    Document,
    Entity,
    Insert,
    LineEntity,
    PolylineEntity,
    TextAnchor,
    TextEntity,
    Unit,
)
from lvcad_geometry import Arc, Line, Polyline, Transform

IDENTITY = Transform()
#: Chord error when the tests flatten imported arcs to measure distances.
FINE = 1e-5


def new(units: int = 4) -> Drawing:
    return ezdxf.new("R2013", units=units)


def save(doc: Drawing, tmp_path: Path, name: str = "in.dxf") -> Path:
    path = tmp_path / name
    doc.saveas(path)
    return path


def segments(entities: Iterable[Entity], transform: Transform = IDENTITY) -> np.ndarray:
    """The imported geometry as straight segments (arcs finely flattened): shape (n, 4)."""
    parts: list[np.ndarray] = []

    def add(x: np.ndarray, y: np.ndarray, closed: bool) -> None:
        x, y = np.asarray(x, float), np.asarray(y, float)
        if closed:
            x, y = np.append(x, x[0]), np.append(y, y[0])
        a, b, c, d, e, f = transform
        x, y = a * x + b * y + c, d * x + e * y + f
        parts.append(np.column_stack((x[:-1], y[:-1], x[1:], y[1:])))

    for entity in entities:
        match entity:
            case LineEntity(geometry=line):
                add(
                    np.array([line.start.x, line.end.x]),
                    np.array([line.start.y, line.end.y]),
                    False,
                )
            case ArcEntity(geometry=arc):
                add(*arc_points(*arc.center, arc.radius, arc.start_angle, arc.sweep, FINE), False)
            case CircleEntity():
                x, y = arc_points(*entity.center, entity.radius, 0, 2 * math.pi, FINE)
                add(x, y, False)
            case PolylineEntity(geometry=poly):
                x, y = flatten_bulges(poly.x, poly.y, poly.bulges, poly.closed, FINE)
                add(x, y, poly.closed)
    return np.concatenate(parts)


def distances(points: np.ndarray, segs: np.ndarray, most: int = 3000) -> np.ndarray:
    """Distance of (at most ``most`` evenly spread) points to the nearest segment.

    All pairs, in chunks so that memory stays small.
    """
    points = points[:: max(1, len(points) // most)]
    x0, y0, x1, y1 = (segs[:, i][None, :] for i in range(4))
    dx, dy = x1 - x0, y1 - y0
    length2 = dx * dx + dy * dy
    safe = np.where(length2 > 0, length2, 1.0)
    result = np.empty(len(points))
    step = max(1, 2_000_000 // max(len(segs), 1))
    for start in range(0, len(points), step):
        px = points[start : start + step, 0:1]
        py = points[start : start + step, 1:2]
        t = np.clip(((px - x0) * dx + (py - y0) * dy) / safe, 0.0, 1.0)
        d = np.hypot(px - (x0 + t * dx), py - (y0 + t * dy)).min(axis=1)
        result[start : start + step] = d
    return result


def ezdxf_points(doc: Drawing, tolerance: float) -> np.ndarray:
    """Points along the curves of model space (block references expanded) by ezdxf."""
    return np.concatenate(ezdxf_curves(doc, tolerance))


def ezdxf_segments(doc: Drawing, tolerance: float) -> np.ndarray:
    """The curves of :func:`ezdxf_points` as straight segments: shape (n, 4)."""
    return np.concatenate([np.column_stack((c[:-1], c[1:])) for c in ezdxf_curves(doc, tolerance)])


def ezdxf_curves(doc: Drawing, tolerance: float) -> list[np.ndarray]:
    """Each curve of model space (block references expanded), sampled by ezdxf exactly.

    Points are evaluated on the true curves (ezdxf's construction tools) so that no two
    consecutive points are further apart than a chord error of ``tolerance`` allows.
    """
    curves: list[np.ndarray] = []

    def sample(entity: object) -> list[Vec3]:
        kind = entity.dxftype()  # type: ignore[attr-defined]
        if kind in ("LINE",):
            return [entity.dxf.start, entity.dxf.end]  # type: ignore[attr-defined]
        if kind == "ELLIPSE":
            tool = entity.construction_tool()  # type: ignore[attr-defined]
            size = tool.major_axis.magnitude
            return list(tool.vertices(tool.params(_count(size, tolerance))))
        if kind in ("ARC", "CIRCLE"):
            radius = entity.dxf.radius  # type: ignore[attr-defined]
            start, end = (
                (0.0, 360.0)
                if kind == "CIRCLE"
                else (
                    entity.dxf.start_angle,
                    entity.dxf.end_angle,  # type: ignore[attr-defined]
                )
            )
            sweep = (end - start) % 360.0 or 360.0
            angles = np.linspace(start, start + sweep, _count(radius, tolerance))
            return list(entity.vertices(angles))  # type: ignore[attr-defined]
        if kind == "SPLINE":
            spline = entity.construction_tool()  # type: ignore[attr-defined]
            return list(spline.approximate(20_000))
        return []

    def add(entities: Iterable[object], matrix: Matrix44) -> None:
        for entity in entities:
            kind = entity.dxftype()  # type: ignore[attr-defined]
            if kind == "INSERT":
                for reference in entity.multi_insert():  # type: ignore[attr-defined]
                    add(reference.block(), Matrix44.chain(reference.matrix44(), matrix))
            elif kind in ("LWPOLYLINE", "POLYLINE", "SOLID"):
                add(entity.virtual_entities(), matrix)  # type: ignore[attr-defined]
            else:
                points = sample(entity)
                if points:
                    curves.append(np.array([(v.x, v.y) for v in matrix.transform_vertices(points)]))

    add(doc.modelspace(), Matrix44())
    return curves


def _count(size: float, tolerance: float) -> int:
    """Samples on a full turn of radius ``size`` for a chord error of ``tolerance``."""
    step = 2 * math.acos(max(-1.0, 1 - tolerance / size)) if size > tolerance else math.pi
    return max(8, min(200_000, math.ceil(2 * math.pi / step) + 1))


def test_every_supported_entity_in_model_space(tmp_path: Path) -> None:
    doc = new()
    msp = doc.modelspace()
    msp.add_line((1, 2), (3, 4))
    msp.add_arc((5, 5), 2.5, 30, 300)
    msp.add_circle((-1, -1), 0.75)
    msp.add_lwpolyline([(0, 0, 0.5), (4, 0, 0), (4, 3, -1)], format="xyb", close=True)
    msp.add_polyline2d([(0, 0, 0, 0, 0.25), (1, 0), (1, 1)], format="xyseb")
    msp.add_polyline3d([(0, 0, 1), (2, 0, 5), (2, 2, 9)])
    msp.add_text("Room 101", height=2.0, rotation=90, dxfattribs={"insert": (7, 8)})
    msp.add_mtext(
        "{\\fArial|b1;Bold} text\\Pline 2",
        dxfattribs={"insert": (1, 1), "char_height": 1.5, "attachment_point": 5, "rotation": 45},
    )
    msp.add_solid([(0, 0), (1, 0), (0, 1), (1, 1)])
    result = import_dxf(save(doc, tmp_path))
    line, arc, circle, lw, p2d, p3d, text, mtext, solid = result.document
    assert line == LineEntity(id=line.id, geometry=Line((1, 2), (3, 4)))
    assert isinstance(arc, ArcEntity)
    assert arc.geometry == Arc((5, 5), 2.5, math.radians(30), math.radians(270))
    assert isinstance(circle, CircleEntity)
    assert (circle.center, circle.radius) == ((-1, -1), 0.75)
    assert isinstance(lw, PolylineEntity)
    assert lw.geometry == Polyline([(0, 0), (4, 0), (4, 3)], [0.5, 0, -1], closed=True)
    assert isinstance(p2d, PolylineEntity)
    assert p2d.geometry == Polyline([(0, 0), (1, 0), (1, 1)], [0.25, 0, 0])
    assert isinstance(p3d, PolylineEntity)
    assert p3d.geometry == Polyline([(0, 0), (2, 0), (2, 2)])
    assert isinstance(text, TextEntity)
    assert (text.text, text.position, text.height) == ("Room 101", (7, 8), 2.0)
    assert text.rotation == math.pi / 2
    assert text.anchor is TextAnchor.BASELINE_LEFT
    assert isinstance(mtext, TextEntity)
    assert mtext.text == "Bold text\nline 2"
    assert (mtext.anchor, mtext.height) == (TextAnchor.MIDDLE_CENTER, 1.5)
    assert math.isclose(mtext.rotation, math.pi / 4)
    assert isinstance(solid, PolylineEntity)
    assert solid.geometry == Polyline([(0, 0), (1, 0), (1, 1), (0, 1)], closed=True)
    report = result.report
    assert dict(report.imported) == {
        "ARC": 1,
        "CIRCLE": 1,
        "LINE": 1,
        "LWPOLYLINE": 1,
        "MTEXT": 1,
        "POLYLINE": 2,
        "SOLID": 1,
        "TEXT": 1,
    }
    assert dict(report.approximated) == {"SOLID drawn as its outline (no fill)": 1}
    assert not report.unsupported
    assert not report.skipped


def test_ids_are_the_dxf_handles(tmp_path: Path) -> None:
    doc = new()
    handles = [doc.modelspace().add_line((0, 0), (i + 1, 0)).dxf.handle for i in range(3)]
    assert [e.id for e in import_dxf(save(doc, tmp_path)).document] == handles


def test_unsupported_types_are_counted_never_dropped_silently(tmp_path: Path) -> None:
    doc = new()
    msp = doc.modelspace()
    msp.add_point((1, 1))
    msp.add_point((2, 2))
    hatch = msp.add_hatch()
    hatch.paths.add_polyline_path([(0, 0), (1, 0), (1, 1)])
    msp.add_3dface([(0, 0, 0), (1, 0, 0), (1, 1, 0)])
    mesh = msp.add_polyface()
    mesh.append_face([(0, 0, 0), (1, 0, 0), (1, 1, 0)])
    msp.add_line((0, 0), (1, 0))
    doc.layouts.get("Layout1").add_line((0, 0), (5, 5))
    report = import_dxf(save(doc, tmp_path)).report
    assert dict(report.unsupported) == {
        "3DFACE": 1,
        "HATCH": 1,
        "POINT": 2,
        "POLYLINE (polyface mesh)": 1,
    }
    assert dict(report.ignored) == {"paper-space entities (layouts are not imported)": 1}
    assert dict(report.imported) == {"LINE": 1}
    summary = report.summary()
    assert "Not imported (type not supported): 2 POINT" in summary
    assert not report.clean


def test_bad_entities_are_skipped_with_the_reason(tmp_path: Path) -> None:
    doc = new()
    msp = doc.modelspace()
    msp.add_circle((0, 0), 1).dxf.radius = 0.0
    msp.add_circle((0, 0), 1).dxf.radius = -2.0
    msp.add_lwpolyline([(0, 0)])
    msp.add_blockref("NOWHERE", (0, 0))
    doc.blocks.new("LOOP").add_blockref("LOOP", (1, 1))
    msp.add_blockref("LOOP", (0, 0))
    doc.add_xref_def("other.dxf", "OTHER")
    msp.add_blockref("OTHER", (0, 0))
    msp.add_line((0, 0), (1, 1))
    result = import_dxf(save(doc, tmp_path))
    reasons = {(s.dxf_type, s.reason): s.count for s in result.report.skipped}
    assert reasons == {
        ("CIRCLE", "a circle's radius must be positive, got #"): 2,
        ("LWPOLYLINE", "it has fewer than # vertices"): 1,
        ("INSERT", "block 'NOWHERE' is not defined in the file"): 1,
        ("INSERT", "block 'LOOP' contains itself"): 1,
        ("INSERT", "block 'OTHER' is an external reference (xref), not loaded"): 1,
    }
    # The block that contains itself is kept, without the reference to itself.
    assert [e.kind for e in result.document] == ["insert", "line"]
    assert result.document.blocks["LOOP"].entities == ()
    assert result.report.skipped_count == 6
    assert all(len(s.handles) == min(s.count, 5) for s in result.report.skipped)
    assert "Skipped 2 CIRCLE" in result.report.summary()


def test_ellipses_circular_ones_stay_exact(tmp_path: Path) -> None:
    doc = new()
    msp = doc.modelspace()
    msp.add_ellipse((1, 1), major_axis=(0, 2), ratio=1.0)  # full circle
    arc = msp.add_ellipse((0, 0), major_axis=(3, 0), ratio=1.0, start_param=0.5, end_param=2.0)
    mirrored = msp.add_ellipse(
        (0, 0),
        major_axis=(3, 0),
        ratio=1.0,
        start_param=0.5,
        end_param=2.0,
        dxfattribs={"extrusion": (0, 0, -1)},
    )
    circle, imported, back = import_dxf(save(doc, tmp_path)).document
    assert isinstance(circle, CircleEntity)
    assert circle.radius == 2.0
    for ellipse, entity in ((arc, imported), (mirrored, back)):
        assert isinstance(entity, ArcEntity)
        assert entity.geometry.start_point.isclose(ellipse.start_point.vec2)
        assert entity.geometry.end_point.isclose(ellipse.end_point.vec2)
        assert math.isclose(abs(entity.geometry.sweep), 1.5)


def test_ellipses_and_splines_are_flattened_within_tolerance(tmp_path: Path) -> None:
    doc = new()
    msp = doc.modelspace()
    msp.add_ellipse((10, 5), major_axis=(40, 20), ratio=0.3)
    msp.add_ellipse((0, 0), major_axis=(0, 8), ratio=0.5, start_param=1, end_param=4)
    msp.add_spline([(0, 0), (10, 20), (30, -10), (50, 5), (60, 60)])
    msp.add_spline([(0, 0), (5, 9), (12, 3), (7, -4)]).closed = True
    path = save(doc, tmp_path)
    for tolerance in (None, 0.001):
        result = import_dxf(path, flatten_tolerance=tolerance)
        entities = list(result.document)
        assert all(isinstance(e, PolylineEntity) for e in entities)
        assert [e.geometry.closed for e in entities if isinstance(e, PolylineEntity)] == [
            True,
            False,
            False,
            True,
        ]
        ours = segments(entities)
        truth = ezdxf_points(doc, 1e-5)
        # Default: 0.1% of each curve's size (the largest is ~90 units across).
        allowed = 0.001 if tolerance else 0.09
        assert distances(truth, ours).max() <= allowed * 1.01
        assert dict(result.report.approximated) == {
            "ELLIPSE flattened to a polyline": 2,
            "SPLINE flattened to a polyline": 2,
        }


def test_the_drawing_extents_bound_the_flattening_tolerance(tmp_path: Path) -> None:
    doc = new()
    doc.modelspace().add_ellipse((0, 0), major_axis=(100, 0), ratio=0.5)
    doc.modelspace().dxf.extmin = (-100, -100, 0)  # ezdxf writes $EXTMIN/$EXTMAX from these
    doc.modelspace().dxf.extmax = (900, 900, 0)  # 1000 units: 1e-5 of it is 0.01
    (ellipse,) = import_dxf(save(doc, tmp_path)).document
    assert isinstance(ellipse, PolylineEntity)
    assert distances(ezdxf_points(doc, 1e-5), segments([ellipse])).max() <= 0.0101
    assert len(ellipse.geometry) > 100


def block_drawing() -> Drawing:
    doc = new()
    leaf = doc.blocks.new("LEAF", base_point=(1, 1))
    leaf.add_line((1, 1), (3, 1))
    leaf.add_arc((2, 2), 1, 0, 180)
    leaf.add_circle((1, 2), 0.5)
    leaf.add_lwpolyline([(0, 0, 0.4), (2, 0, 0), (2, 2, 0)], format="xyb")
    tree = doc.blocks.new("TREE")
    tree.add_blockref("LEAF", (5, 0), dxfattribs={"rotation": 30, "xscale": 2, "yscale": 0.5})
    tree.add_blockref("LEAF", (0, 5), dxfattribs={"xscale": -1.5, "yscale": 1.5})
    tree.add_circle((0, 0), 4)
    msp = doc.modelspace()
    msp.add_blockref("TREE", (100, 50), dxfattribs={"rotation": -20, "xscale": 1.2, "yscale": 3})
    msp.add_blockref("LEAF", (0, 0), dxfattribs={"rotation": 45, "xscale": -2, "yscale": -2})
    msp.add_blockref("TREE", (-50, 0), dxfattribs={"extrusion": (0, 0, -1), "rotation": 10})
    grid = msp.add_blockref("LEAF", (0, -40), dxfattribs={"rotation": 15})
    grid.grid(size=(2, 3), spacing=(10, 12))
    return doc


def test_blocks_are_kept_as_blocks_and_inserts(tmp_path: Path) -> None:
    doc = block_drawing()
    result = import_dxf(save(doc, tmp_path))
    document = result.document
    assert set(document.blocks) == {"LEAF", "TREE"}
    leaf = document.blocks["LEAF"]
    assert leaf.base_point == (1, 1)
    assert [e.kind for e in leaf.entities] == ["line", "arc", "circle", "polyline"]
    tree = document.blocks["TREE"]
    nested = [e for e in tree.entities if isinstance(e, Insert)]
    assert [(i.block, i.scale_x, i.scale_y) for i in nested] == [
        ("LEAF", 2, 0.5),
        ("LEAF", -1.5, 1.5),
    ]
    inserts = [e for e in document if isinstance(e, Insert)]
    assert len(inserts) == 3 + 6  # the MINSERT's 2 x 3 grid as six inserts
    first = inserts[0]
    assert (first.position, first.rotation, first.scale_x, first.scale_y) == (
        (100, 50),
        math.radians(-20),
        1.2,
        3.0,
    )
    # The mirrored OCS becomes a mirror in the insert: same drawing as ezdxf's.
    ours = segments(_expanded(document))
    truth = ezdxf_points(doc, 1e-4)
    assert distances(truth, ours).max() < 1e-3
    assert result.report.clean or set(result.report.approximated) == set()


def _expanded(document: Document) -> list[Entity]:
    """The document with every insert expanded by the test (as the canvas would draw it)."""
    out: list[Entity] = []

    def expand(entities: Iterable[Entity], transform: Transform) -> None:
        for entity in entities:
            if isinstance(entity, Insert):
                block = document.blocks[entity.block]
                inner = (
                    transform
                    @ Transform.translation(*entity.position)
                    @ Transform.rotation(entity.rotation)
                    @ Transform.scaling(entity.scale_x, entity.scale_y)
                    @ Transform.translation(-block.base_point.x, -block.base_point.y)
                )
                expand(block.entities, inner)
            else:
                out.append(_flattened(entity, transform))

    expand(document, Transform())
    return out


def _flattened(entity: Entity, transform: Transform) -> Entity:
    """``entity`` under ``transform``, as a polyline when it has curves."""
    match entity:
        case LineEntity(geometry=line):
            return LineEntity(geometry=transform.apply(line))
        case ArcEntity(geometry=arc):
            x, y = arc_points(*arc.center, arc.radius, arc.start_angle, arc.sweep, FINE)
        case CircleEntity():
            x, y = arc_points(*entity.center, entity.radius, 0.0, 2 * math.pi, FINE)
        case PolylineEntity(geometry=poly):
            x, y = flatten_bulges(poly.x, poly.y, poly.bulges, poly.closed, FINE)
            if poly.closed:
                x, y = np.append(x, x[0]), np.append(y, y[0])
        case _:
            return entity
    return PolylineEntity(geometry=transform.apply(Polyline.from_arrays(x, y)))


def test_exploding_places_every_nested_entity_like_ezdxf(tmp_path: Path) -> None:
    doc = block_drawing()
    result = import_dxf(save(doc, tmp_path), explode_blocks=True)
    entities = list(result.document)
    assert not any(isinstance(e, Insert) for e in entities)
    assert not result.document.blocks
    # Under a non-uniform scale arcs and circles become polylines; elsewhere they stay exact.
    assert any(isinstance(e, ArcEntity) for e in entities)
    approximated = result.report.approximated
    assert approximated["ARC under a non-uniform scale, flattened"] > 0
    assert approximated["CIRCLE under a non-uniform scale, flattened"] > 0
    ours = segments(entities)
    truth = ezdxf_points(doc, 1e-4)
    assert distances(truth, ours).max() < 0.05  # default: 0.1% of ~30-unit curves
    # ... and every vertex we made lies on ezdxf's curves.
    vertices = np.concatenate([ours[:, :2], ours[:, 2:]])
    assert distances(vertices, ezdxf_segments(doc, 1e-5)).max() < 1e-4  # ~7x stretched
    assert len({e.id for e in entities}) == len(entities)


def test_exploded_layer_0_and_byblock_take_the_reference_s(tmp_path: Path) -> None:
    doc = new()
    doc.layers.add("WALLS", color=3)
    block = doc.blocks.new("B")
    block.add_line((0, 0), (1, 0), dxfattribs={"layer": "0", "color": 0})  # BYBLOCK
    block.add_line((0, 0), (0, 1), dxfattribs={"layer": "WALLS", "color": 1})
    doc.modelspace().add_blockref("B", (5, 5), dxfattribs={"layer": "WALLS", "color": 5})
    first, second = import_dxf(save(doc, tmp_path), explode_blocks=True).document
    assert (first.layer, first.color) == ("WALLS", Color(0, 0, 255))
    assert (second.layer, second.color) == ("WALLS", Color(255, 0, 0))


def test_attributes_values_and_visible_text(tmp_path: Path) -> None:
    doc = new()
    doc.blocks.new("TAG").add_circle((0, 0), 1)
    reference = doc.modelspace().add_blockref("TAG", (10, 10))
    reference.add_attrib("ROOM", "101", (10, 8), dxfattribs={"height": 0.5})
    hidden = reference.add_attrib("AREA", "12 m2", (10, 7))
    hidden.is_invisible = True
    path = save(doc, tmp_path)
    text, insert = import_dxf(path).document
    assert isinstance(insert, Insert)
    assert isinstance(text, TextEntity)
    assert insert.attributes == {"ROOM": "101", "AREA": "12 m2"}
    assert (text.text, text.position, text.height) == ("101", (10, 8), 0.5)
    exploded = list(import_dxf(path, explode_blocks=True).document)
    assert [e.kind for e in exploded] == ["circle", "text"]


@pytest.mark.parametrize("align", list(TextEntityAlignment))
def test_text_alignments(align: TextEntityAlignment, tmp_path: Path) -> None:
    doc = new()
    text = doc.modelspace().add_text("Door", height=1.0, rotation=30)
    text.set_placement((4, 5), (8, 5), align=align)
    (entity,) = import_dxf(save(doc, tmp_path)).document
    assert isinstance(entity, TextEntity)
    if align in (TextEntityAlignment.ALIGNED, TextEntityAlignment.FIT):
        assert (entity.anchor, entity.position, entity.rotation) == (
            TextAnchor.BASELINE_CENTER,
            (6, 5),
            0.0,
        )
    else:
        expected = {
            "LEFT": "BASELINE_LEFT",
            "CENTER": "BASELINE_CENTER",
            "RIGHT": "BASELINE_RIGHT",
            "MIDDLE": "MIDDLE_CENTER",
        }
        assert entity.anchor is TextAnchor[expected.get(align.name, align.name)]
        assert entity.position == (4, 5)
        assert math.isclose(entity.rotation, math.radians(30))


def test_mtext_direction_and_attachment(tmp_path: Path) -> None:
    doc = new()
    for point in range(1, 10):
        doc.modelspace().add_mtext(
            "a",
            dxfattribs={"attachment_point": point, "text_direction": (0, -1, 0), "char_height": 2},
        )
    entities = list(import_dxf(save(doc, tmp_path)).document)
    assert [e.anchor.value for e in entities if isinstance(e, TextEntity)] == [
        f"{v}_{h}" for v in ("top", "middle", "bottom") for h in ("left", "center", "right")
    ]
    assert all(isinstance(e, TextEntity) and e.rotation == -math.pi / 2 for e in entities)


def test_dimensions_as_block_and_insert_or_exploded(tmp_path: Path) -> None:
    doc = new()
    doc.modelspace().add_linear_dim(base=(0, 5), p1=(0, 0), p2=(10, 0)).render()
    path = save(doc, tmp_path)
    result = import_dxf(path)
    (insert,) = result.document
    assert isinstance(insert, Insert)
    assert insert.block.startswith("*D")
    assert insert.position == (0, 0)
    block = result.document.blocks[insert.block]
    assert {e.kind for e in block.entities} >= {"line", "text", "insert"}
    assert result.report.imported["DIMENSION"] == 1
    assert result.report.unsupported["POINT"] == 3  # definition points are not drawn
    exploded = import_dxf(path, explode_blocks=True)
    kinds = sorted(e.kind for e in exploded.document)
    assert kinds.count("line") == 4
    assert kinds.count("text") == 1
    assert kinds.count("polyline") == 2  # the arrow heads (SOLID outlines)
    assert exploded.report.exploded == {"DIMENSION": 1, "INSERT": 2}  # and its arrows


def test_mirrored_and_tilted_planes(tmp_path: Path) -> None:
    doc = new()
    msp = doc.modelspace()
    down = {"extrusion": (0, 0, -1)}
    msp.add_arc((3, 1), 2, 10, 100, dxfattribs=down)
    msp.add_circle((3, 1), 2, dxfattribs=down)
    msp.add_lwpolyline([(0, 0, 0.3), (2, 1, 0), (4, 0, 0)], format="xyb", dxfattribs=down)
    msp.add_text("mirror", height=1, rotation=20, dxfattribs={**down, "insert": (2, 2)})
    tilted = {"extrusion": (0.3, 0.2, 0.9)}
    msp.add_circle((1, 1, 2), 1.5, dxfattribs=tilted)
    truth = ezdxf_points(doc, 1e-5)
    msp.add_arc((0, 0), 1, 0, 90, dxfattribs={"extrusion": (1, 0, 0)})  # edge-on
    result = import_dxf(save(doc, tmp_path))
    arc, circle, poly, text, ellipse = result.document
    assert isinstance(arc, ArcEntity)
    assert isinstance(circle, CircleEntity)
    assert circle.center == (-3, 1)
    assert arc.geometry.center == (-3, 1)
    assert isinstance(poly, PolylineEntity)
    assert list(poly.geometry.bulges[:2]) == [-0.3, 0]
    assert isinstance(text, TextEntity)
    assert text.position == (-2, 2)
    assert math.isclose(text.rotation, math.radians(160))
    assert isinstance(ellipse, PolylineEntity)
    assert ellipse.geometry.closed
    assert distances(truth, segments(list(result.document))).max() < 0.002
    (skip,) = result.report.skipped
    assert skip.dxf_type == "ARC"
    assert "edge-on" in skip.reason


def test_layers_colours_and_states(tmp_path: Path) -> None:
    doc = new()
    doc.layers.add("A-WALL", color=8)
    doc.layers.add("A-GLAZ", true_color=ezdxf.colors.rgb2int((12, 34, 56)))
    doc.layers.add("A-FURN").off()
    doc.layers.add("A-ANNO").freeze()
    doc.layers.add("A-LOCK").lock()
    msp = doc.modelspace()
    msp.add_line((0, 0), (1, 0), dxfattribs={"layer": "a-wall"})  # other case
    msp.add_line((0, 0), (1, 0), dxfattribs={"layer": "NEW-LAYER"})  # not in the table
    msp.add_line((0, 0), (1, 0), dxfattribs={"color": 3})
    msp.add_line((0, 0), (1, 0), dxfattribs={"true_color": ezdxf.colors.rgb2int((1, 2, 3))})
    msp.add_line((0, 0), (1, 0), dxfattribs={"color": 0})  # BYBLOCK at the top: no colour
    result = import_dxf(save(doc, tmp_path))
    layers = result.document.layers
    assert list(layers) == ["0", "A-WALL", "A-GLAZ", "A-FURN", "A-ANNO", "A-LOCK", "NEW-LAYER"]
    assert layers["A-WALL"].color == Color(128, 128, 128)
    assert layers["A-GLAZ"].color == Color(12, 34, 56)
    assert not layers["A-FURN"].visible
    assert layers["A-FURN"].color == Color(255, 255, 255)
    assert not layers["A-ANNO"].visible
    assert layers["A-LOCK"].locked
    assert layers["A-LOCK"].visible
    entities = list(result.document)
    assert [e.layer for e in entities] == ["A-WALL", "NEW-LAYER", "0", "0", "0"]
    assert [e.color for e in entities] == [None, None, Color(0, 255, 0), Color(1, 2, 3), None]
    notes = "\n".join(result.report.notes)
    assert "'NEW-LAYER' is used but not defined" in notes
    assert "1 layer(s) frozen" in notes
    assert "Defpoints" not in layers  # ezdxf's technical layer, unused


def test_as_underlay(tmp_path: Path) -> None:
    doc = new(units=2)  # feet
    doc.layers.add("A-FURN").off()
    doc.layers.add("A-WALL").lock()
    msp = doc.modelspace()
    msp.add_line((0, 0), (10, 0), dxfattribs={"layer": "A-WALL"})
    msp.add_circle((5, 5), 1, dxfattribs={"layer": "A-FURN"})
    path = save(doc, tmp_path, "plan.dxf")
    result = import_dxf(path, as_underlay=True, unit=Unit.INCH)
    document = result.document
    assert len(document) == 0
    assert list(document.layers) == ["0"]
    underlay = document.underlay
    assert underlay is not None
    assert underlay.source == str(path.resolve())
    assert tuple(underlay.transform) == (12.0, 0.0, 0.0, 0.0, 12.0, 0.0)
    assert underlay.layer_state("A-FURN").visible is False
    assert underlay.layer_state("A-WALL").locked is True
    drawing = result.underlay
    assert drawing is not None
    assert len(drawing) == 2
    line = drawing.entities[0]
    assert isinstance(line, LineEntity)
    assert line.geometry.end == (10, 0)
    assert set(drawing.layers) == {"0", "A-FURN", "A-WALL"}
    # Saved with the document (a reference only) and read again from there.
    save_document(document, tmp_path / "design.lvcad")
    again, report = load_underlay(underlay, document_path=tmp_path / "design.lvcad")
    assert again.entities == drawing.entities
    assert report.imported["LINE"] == 1
    relative = type(underlay)("plan.dxf", underlay.transform)
    assert load_underlay(relative, document_path=tmp_path / "design.lvcad")[0].entities == (
        drawing.entities
    )


def test_lv_cad_exports_import_as_devices_and_wires_but_underlays_do_not(
    tmp_path: Path,
) -> None:
    catalog = DeviceCatalog.builtin()
    document = Document(
        Unit.METRE,
        layers=[],
        entities=[
            catalog.new_device("speaker", (1, 2), id="spk", layer="0", model="SP-9"),
        ],
    )
    path = tmp_path / "design.dxf"
    export_dxf(document, path)
    (device,) = import_dxf(path).document
    assert isinstance(device, Device)
    assert device == document.get("spk")
    assert list(import_dxf(path, explode_blocks=True).document) == [device]
    underlay = import_dxf(path, as_underlay=True).underlay
    assert underlay is not None
    assert [e.kind for e in underlay.entities] == ["insert"]  # type and model are hidden
