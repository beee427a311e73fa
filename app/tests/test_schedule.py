"""The device schedule (bill of materials): counts, grouping, order, CSV."""

from __future__ import annotations

import errno
import random
from pathlib import Path

import pytest

import lvcad.io.fileops
from lvcad.io import (
    DocumentIsDirectoryError,
    DocumentNotFoundError,
    DocumentWriteError,
    ScheduleRow,
    device_schedule,
    schedule_csv,
    write_schedule_csv,
)
from lvcad.model import Device, DeviceCatalog, Document, Layer, Wire
from lvcad_geometry import Polyline

CATALOG = DeviceCatalog.builtin()


def wire(id: str, circuit: str, *devices: str) -> Wire:
    return Wire(id=id, path=Polyline([(0, 0), (1, 1)]), circuit=circuit, devices=devices)


@pytest.fixture
def design() -> Document:
    """Three smoke detectors (two models), a heat detector, a horn/strobe, a panel and a
    device of a type the catalog does not know, on three circuits."""
    new = CATALOG.new_device
    devices = [
        new("smoke_detector", (0, 0), id="sd1", model="SD-100", layer="L1"),
        new("smoke_detector", (1, 0), id="sd2", model="SD-100", layer="L2"),
        new("smoke_detector", (2, 0), id="sd3", model="SD-200", layer="L1"),
        new("heat_detector", (3, 0), id="hd1", layer="L1"),
        new("horn_strobe", (4, 0), id="hs1", model="HS-1", layer="L2"),
        new("fire_alarm_control_panel", (5, 0), id="facp", layer="L1"),
        Device(id="x1", layer="L2", device_type="beam_detector", position=(6, 0)),
    ]
    wires = [
        wire("w1", "SLC-10", "facp", "sd1", "sd2"),
        wire("w2", "SLC-2", "facp", "sd3"),
        wire("w3", "NAC-1", "facp", "hs1"),
        wire("w4", "SLC-2", "sd3", "hd1"),  # sd3 again: counted once on SLC-2
        wire("w5", "", "x1"),  # a wire on no circuit
    ]
    return Document(layers=[Layer("L2"), Layer("L1")], entities=[*devices, *wires])


def test_by_type_and_model(design: Document) -> None:
    rows = device_schedule(design)
    assert [(r.device_type, r.type_name, r.model, r.count) for r in rows] == [
        ("smoke_detector", "Smoke detector", "SD-100", 2),
        ("smoke_detector", "Smoke detector", "SD-200", 1),
        ("heat_detector", "Heat detector", "", 1),
        ("horn_strobe", "Horn/strobe", "HS-1", 1),
        ("fire_alarm_control_panel", "Fire alarm control panel", "", 1),
        ("beam_detector", "beam_detector", "", 1),  # unknown types after the catalog's
    ]
    assert all(r.layer is None and r.circuit is None for r in rows)
    assert device_schedule(design, group_by="type") == rows
    assert sum(r.count for r in rows) == 7


def test_per_layer(design: Document) -> None:
    rows = device_schedule(design, group_by="layer")
    assert [(r.layer, r.device_type, r.model, r.count) for r in rows] == [
        ("L2", "smoke_detector", "SD-100", 1),  # the document's layer order: L2 first
        ("L2", "horn_strobe", "HS-1", 1),
        ("L2", "beam_detector", "", 1),
        ("L1", "smoke_detector", "SD-100", 1),
        ("L1", "smoke_detector", "SD-200", 1),
        ("L1", "heat_detector", "", 1),
        ("L1", "fire_alarm_control_panel", "", 1),
    ]


def test_per_circuit_from_the_connected_wires(design: Document) -> None:
    rows = device_schedule(design, group_by="circuit")
    assert [(r.circuit, r.device_type, r.model, r.count) for r in rows] == [
        ("NAC-1", "horn_strobe", "HS-1", 1),
        ("NAC-1", "fire_alarm_control_panel", "", 1),
        ("SLC-2", "smoke_detector", "SD-200", 1),  # natural order: SLC-2 before SLC-10
        ("SLC-2", "heat_detector", "", 1),
        ("SLC-2", "fire_alarm_control_panel", "", 1),
        ("SLC-10", "smoke_detector", "SD-100", 2),
        ("SLC-10", "fire_alarm_control_panel", "", 1),
        ("", "beam_detector", "", 1),  # on no circuit: last
    ]


def test_any_fields_in_any_order(design: Document) -> None:
    rows = device_schedule(design, group_by=("model",))
    assert [(r.model, r.count, r.device_type) for r in rows] == [
        ("HS-1", 1, None),
        ("SD-100", 2, None),
        ("SD-200", 1, None),
        ("", 3, None),
    ]
    rows = device_schedule(design, group_by=("type", "layer"))
    assert rows[0] == ScheduleRow(
        count=1, layer="L2", device_type="smoke_detector", type_name="Smoke detector"
    )
    for bad in ("colour", ("type", "type"), ("size",)):
        with pytest.raises(ValueError, match="group_by"):
            device_schedule(design, group_by=bad)


def test_the_order_does_not_depend_on_the_drawing_order(design: Document) -> None:
    entities = list(design)
    random.Random(7).shuffle(entities)
    devices = [e for e in entities if isinstance(e, Device)]
    wires = [e for e in entities if isinstance(e, Wire)]
    shuffled = Document(layers=design.layers.values(), entities=[*devices, *wires])
    for group_by in ("type", "layer", "circuit"):
        assert device_schedule(shuffled, group_by=group_by) == device_schedule(
            design, group_by=group_by
        )


def test_an_empty_document() -> None:
    assert device_schedule(Document()) == []
    assert schedule_csv([]) == "Count\r\n"


def test_csv(design: Document) -> None:
    text = schedule_csv(device_schedule(design, group_by="circuit"))
    lines = text.split("\r\n")
    assert lines[0] == "Circuit,Device type,Description,Model,Count"
    assert lines[1] == "NAC-1,horn_strobe,Horn/strobe,HS-1,1"
    assert lines[-2] == ",beam_detector,beam_detector,,1"
    assert lines[-1] == ""


def test_csv_file_is_utf8_with_a_bom_and_formulas_are_defused(tmp_path: Path) -> None:
    catalog_device = CATALOG.new_device
    document = Document(
        layers=[Layer("FA-SMOKE")],
        entities=[
            catalog_device("smoke_detector", (0, 0), model='=HYPERLINK("x")'),
            catalog_device("smoke_detector", (0, 0), model='Détecteur, "photo"'),
        ],
    )
    path = tmp_path / "schedule.csv"
    write_schedule_csv(device_schedule(document), path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert '\'=HYPERLINK(""x"")' in text
    assert '"Détecteur, ""photo"""' in text


def test_csv_write_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DocumentNotFoundError, match=r"schedule.csv.*does not exist"):
        write_schedule_csv([], tmp_path / "missing" / "schedule.csv")
    with pytest.raises(DocumentIsDirectoryError, match=r"Choose a file name ending in .csv"):
        write_schedule_csv([], tmp_path)
    path = tmp_path / "schedule.csv"
    path.write_text("previous")

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(lvcad.io.fileops, "write_atomically", full)
    with pytest.raises(DocumentWriteError, match="disk is full"):
        write_schedule_csv([], path)
    assert path.read_text() == "previous"
