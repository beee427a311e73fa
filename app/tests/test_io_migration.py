"""Older .lvcad schema versions: a fixture and a migration for each, checked end to end."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

from lvcad.io import CURRENT_VERSION, InvalidDocumentError, document_to_bytes, open_document
from lvcad.io.migrations import MIGRATIONS, upgrade, v1_to_v2
from lvcad.io.schema import VERSIONS, SchemaError, schema_text
from lvcad.model import ArcEntity, Device, Insert, PolylineEntity, TextAnchor, TextEntity, Unit


def v1_data(fixtures: Path) -> dict[str, Any]:
    return json.loads((fixtures / "lvcad-v1.lvcad").read_text(encoding="utf-8"))


def test_every_older_version_has_a_migration_and_every_version_a_fixture(
    fixtures: Path,
) -> None:
    assert set(MIGRATIONS) == set(range(1, CURRENT_VERSION))
    for version in VERSIONS:
        stored = json.loads((fixtures / f"lvcad-v{version}.lvcad").read_text(encoding="utf-8"))
        assert stored["schema_version"] == version


@pytest.mark.parametrize("version", list(VERSIONS))
def test_each_schema_file_is_a_valid_json_schema(version: int) -> None:
    assert jsonschema_rs.meta.is_valid(json.loads(schema_text(version)))


def test_there_is_no_schema_for_unknown_versions() -> None:
    with pytest.raises(ValueError, match="no schema version 0"):
        schema_text(0)


def test_the_v1_fixture_migrates_to_the_expected_v2_bytes(fixtures: Path) -> None:
    migrated = open_document(fixtures / "lvcad-v1.lvcad")
    expected = fixtures / "lvcad-v1-migrated.lvcad"
    assert migrated == open_document(expected)
    assert document_to_bytes(migrated) == expected.read_bytes()


def test_v1_details_are_migrated_faithfully(fixtures: Path) -> None:
    doc = open_document(fixtures / "lvcad-v1.lvcad")
    assert doc.unit is Unit.FOOT
    assert doc.metadata.title == "Warehouse FA plan (saved by LV CAD 0.1)"
    assert doc.underlay is None
    door, wrap = (e for e in doc if isinstance(e, ArcEntity))
    assert door.geometry.start_angle == 0.0
    assert door.geometry.sweep == math.pi / 2
    # 315° → 45° counter-clockwise passes through 0°: a +90° sweep starting at 315°.
    assert wrap.geometry.start_angle == math.radians(315)
    assert wrap.geometry.sweep == math.radians(90)
    assert wrap.geometry.ccw
    north = doc.blocks["NORTH"].entities[1]
    assert isinstance(north, ArcEntity)
    assert north.geometry.is_full_circle  # equal angles meant a full circle
    label = doc.entities["label"]
    assert isinstance(label, TextEntity)
    assert label.rotation == math.radians(30)
    assert label.anchor is TextAnchor.BASELINE_LEFT
    insert = doc.entities["north"]
    assert isinstance(insert, Insert)
    assert insert.rotation == -math.pi / 4
    assert insert.attributes == {}
    strobe = doc.entities["hs1"]
    assert isinstance(strobe, Device)
    assert strobe.rotation == math.pi
    assert strobe.label == ""
    office = doc.entities["office"]
    assert isinstance(office, PolylineEntity)
    assert office.geometry.bulges.tolist() == [0.0, 1.0, 0.0, 0.0]
    assert doc.wires_of("sd1") == []  # v1 wires did not record their devices


def test_migration_does_not_modify_its_input(fixtures: Path) -> None:
    data = v1_data(fixtures)
    before = copy.deepcopy(data)
    v1_to_v2(data)
    assert data == before


def test_v1_points_and_bulges_must_pair_up(tmp_path: Path, fixtures: Path) -> None:
    data = v1_data(fixtures)
    data["entities"][4]["bulges"] = [0, 1]
    path = tmp_path / "old.lvcad"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidDocumentError, match=r"'office'.*4 points but 2 bulges"):
        open_document(path)


def test_invalid_v1_files_are_reported_against_the_v1_schema(fixtures: Path) -> None:
    data = v1_data(fixtures)
    data["entities"][1]["radius"] = -3
    with pytest.raises(SchemaError, match=r"entities\[1\].*schema version 1") as raised:
        upgrade(data, 1)
    assert raised.value.where == "entities[1].radius"
    data = v1_data(fixtures)
    del data["units"]
    with pytest.raises(SchemaError, match="the top level"):
        upgrade(data, 1)
