"""Fuzzing the DXF importer: mutated files give a valid import or a documented error.

Seeds are small DXF files made here with ezdxf (ASCII R2013 with every supported entity,
blocks, a dimension and LV CAD's own devices and wires; ASCII R12; binary R2013). Mutations
work on the bytes (truncate, flip, splice, delete, insert) or on whole tags (drop,
duplicate, swap, change a group code, put an extreme number where a value was). Whatever
the importer returns must be a document that saves and opens again unchanged; anything else
must be a
:class:`~lvcad.io.DocumentError` whose message names the file.

The profile's example count applies (100; ``HYPOTHESIS_PROFILE=thorough`` for 1000): small
files keep each example at a few milliseconds.
"""

from __future__ import annotations

import io
import logging
import tempfile
from collections.abc import Callable
from pathlib import Path

import ezdxf
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from lvcad.io import (
    DocumentError,
    ImportResult,
    document_from_bytes,
    document_to_bytes,
    import_dxf,
)
from lvcad.io.dxf_export import export_dxf
from lvcad.model import DeviceCatalog, Document, Layer, Unit, Wire
from lvcad_geometry import Polyline

FOLDER = Path(tempfile.mkdtemp(prefix="lvcad-dxf-fuzz-"))


def _rich_drawing(version: str) -> ezdxf.document.Drawing:
    doc = ezdxf.new(version, units=4, setup=False)
    doc.layers.add("A-WALL", color=3)
    msp = doc.modelspace()
    block = doc.blocks.new("B", base_point=(1, 1))
    block.add_arc((0, 0), 2, 10, 200)
    block.add_polyline2d([(0, 0, 0, 0, 0.5), (3, 0), (3, 3)], format="xyseb", close=True)
    msp.add_line((0, 0), (10, 5), dxfattribs={"layer": "A-WALL"})
    msp.add_circle((5, 5), 2, dxfattribs={"color": 1})
    msp.add_polyline2d([(0, 0, 0, 0, 0.3), (4, 0), (4, 4)], format="xyseb")
    msp.add_text("Room 1", height=2, rotation=15, dxfattribs={"insert": (3, 3)})
    reference = msp.add_blockref("B", (20, 20), dxfattribs={"rotation": 30, "xscale": 2})
    reference.add_attrib("TAG", "A-1", (20, 18))
    if version != "R12":
        msp.add_lwpolyline([(0, 0, 0.2), (5, 5, 0), (9, 1, 0)], format="xyb")
        msp.add_ellipse((0, 0), major_axis=(5, 1), ratio=0.4, start_param=0, end_param=4)
        msp.add_spline([(0, 0), (2, 5), (6, -2), (9, 3)])
        msp.add_mtext("two\\Plines", dxfattribs={"insert": (1, 9), "char_height": 1})
        msp.add_linear_dim(base=(0, 12), p1=(0, 10), p2=(8, 10)).render()
    return doc


def _ascii(doc: ezdxf.document.Drawing) -> bytes:
    stream = io.StringIO()
    doc.write(stream)
    return doc.encode(stream.getvalue())


def _binary(doc: ezdxf.document.Drawing) -> bytes:
    stream = io.BytesIO()
    doc.write(stream, fmt="bin")
    return stream.getvalue()


def _lv_cad_export() -> bytes:
    catalog = DeviceCatalog.builtin()
    devices = [
        catalog.new_device("smoke_detector", (1, 1), id="d1", layer="0", label="1-001"),
        catalog.new_device("horn_strobe", (9, 1), id="d2", layer="0", model="HS"),
    ]
    path = Polyline([(1, 1), (9, 1)])
    document = Document(
        Unit.FOOT,
        layers=[Layer("0"), Layer("W")],
        entities=[
            *devices,
            Wire(id="w", layer="W", path=path, circuit="SLC-1", devices=("d1", "d2")),
        ],
    )
    target = FOLDER / "seed-export.dxf"
    export_dxf(document, target)
    return target.read_bytes()


def _seeds() -> dict[str, bytes]:
    logger = logging.getLogger("ezdxf")
    level = logger.level
    logger.setLevel(logging.ERROR)  # "units are not exported for DXF R12": known
    try:
        return {
            "r2013": _ascii(_rich_drawing("R2013")),
            "r12": _ascii(_rich_drawing("R12")),
            "binary": _binary(_rich_drawing("R2013")),
            "lvcad-export": _lv_cad_export(),
        }
    finally:
        logger.setLevel(level)


SEEDS = _seeds()
EXTREMES = [
    "nan",
    "inf",
    "-inf",
    "1e308",
    "-1e308",
    "1e-320",
    "0",
    "-0",
    "99999999999999999999",
    "-1",
    "",
    "x",
    "1e400",
    "65536",
    "3.5",
]


def check(data: bytes, *, explode: bool) -> str:
    """Import ``data``; the verdict is a valid document or a documented error."""
    path = FOLDER / "fuzzed.dxf"
    path.write_bytes(data)
    try:
        result = import_dxf(path, unit=Unit.MILLIMETRE, explode_blocks=explode, max_entities=20_000)
    except DocumentError as error:
        failure: DocumentError = error
    else:
        return _valid(result)
    assert "fuzzed.dxf" in str(failure), f"the message does not name the file: {failure}"
    return type(failure).__name__


def _valid(result: ImportResult) -> str:
    document = result.document
    assert document_from_bytes(document_to_bytes(document)) == document
    assert result.report.summary()
    for entity in document:
        assert entity.layer in document.layers
    return "imported (repaired)" if result.report.recovered else "imported"


@st.composite
def tag_mutations(draw: st.DrawFn) -> bytes:
    """Mutations of whole DXF tags (group code + value lines), so most files still parse."""
    seed = draw(st.sampled_from(["r2013", "r12", "lvcad-export"]))
    lines = SEEDS[seed].decode("utf-8").split("\n")
    tags = [lines[i : i + 2] for i in range(0, len(lines) - 1, 2)]
    # Mostly where the importer's own code runs: the blocks and entities.
    blocks = next(i for i, tag in enumerate(tags) if tag[1] == "BLOCKS")
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["drop", "duplicate", "swap", "value", "value", "code"]))
        low = draw(st.sampled_from([blocks, blocks, 0]))
        at = draw(st.integers(min(low, len(tags) - 2), len(tags) - 2))
        if kind == "drop":
            del tags[at : at + draw(st.integers(1, 3))]
        elif kind == "duplicate":
            tags[at:at] = tags[at : at + draw(st.integers(1, 3))]
        elif kind == "swap":
            tags[at], tags[at + 1] = tags[at + 1], tags[at]
        elif kind == "value":
            tags[at] = [tags[at][0], draw(st.sampled_from(EXTREMES))]
        else:
            tags[at] = [
                str(draw(st.sampled_from([0, 2, 5, 8, 10, 40, 62, 70, 330, 1000]))),
                tags[at][1],
            ]
    return "\n".join(line for tag in tags for line in tag).encode("utf-8") + b"\n"


def test_the_seeds_import_cleanly() -> None:
    for name, data in SEEDS.items():
        assert check(data, explode=False) == "imported", name
        assert check(data, explode=True) == "imported", name


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(draws=st.data(), explode=st.booleans())
def test_mutated_bytes(
    byte_mutations: Callable[..., st.SearchStrategy[bytes]], draws: st.DataObject, explode: bool
) -> None:
    data = draws.draw(byte_mutations(SEEDS, max_splice=300, max_delete=80))
    event(check(data, explode=explode))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(tag_mutations(), st.booleans())
def test_mutated_tags(data: bytes, explode: bool) -> None:
    event(check(data, explode=explode))


def test_extreme_numbers_everywhere() -> None:
    """Each extreme value in each value line of the entities section, one at a time."""
    lines = SEEDS["r2013"].decode("utf-8").split("\n")
    start = lines.index("ENTITIES")
    end = lines.index("ENDSEC", start)
    verdicts: set[str] = set()
    for at in range(start + 2, end, 2):
        if lines[at - 1].strip() in ("0", "5", "100", "330"):
            continue  # entity types, handles, subclasses, owners: structure, not values
        for value in ("nan", "1e308", "-inf"):
            mutated = [*lines[:at], value, *lines[at + 1 :]]
            verdicts.add(check("\n".join(mutated).encode("utf-8"), explode=at % 4 == 0))
    assert "imported" in verdicts
