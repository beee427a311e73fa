"""The device catalog: the built-in generic types, property checks and extension files."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

from lvcad.model import (
    Device,
    DeviceCatalog,
    PropertyDefinition,
    PropertyMap,
    PropertyType,
    load_catalog,
)
from lvcad.model.errors import CatalogError, NotFoundError, PropertyValueError

BUILTIN_IDS = [
    "smoke_detector",
    "heat_detector",
    "manual_pull_station",
    "horn_strobe",
    "speaker",
    "fire_alarm_control_panel",
    "monitor_module",
    "control_module",
]


def extra_type(type_id: str = "duct_smoke_detector", **changes: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": type_id,
        "name": "Duct smoke detector",
        "abbreviation": "DSD",
        "category": "initiating_device",
        "symbol": "FA_DUCT_SMOKE",
        "layer": "FA-SMOKE",
        "properties": [
            {
                "name": "remote_test",
                "label": "Remote test station",
                "type": "boolean",
                "default": False,
            },
            {
                "name": "airflow",
                "label": "Air velocity",
                "type": "number",
                "default": 2,
                "minimum": 0.5,
                "maximum": 20,
                "unit": "m/s",
            },
        ],
    }
    entry.update(changes)
    return entry


def catalog_file(folder: Path, *types: dict[str, Any], name: str = "extra.json") -> Path:
    path = folder / name
    data = {"format": "lvcad-device-catalog", "catalog_version": 1, "device_types": list(types)}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_builtin_catalog_has_the_generic_fire_alarm_types() -> None:
    catalog = DeviceCatalog.builtin()
    assert list(catalog) == BUILTIN_IDS
    assert catalog is DeviceCatalog.builtin()  # loaded once
    for device_type in catalog.values():
        assert device_type.name
        assert device_type.abbreviation
        assert device_type.symbol
        assert device_type.layer.startswith("FA-")
        for definition in device_type.properties:  # defaults fit their own definitions
            assert definition.check(definition.default) == definition.default
    layers = [t.layer for t in catalog.values()]
    assert len(set(layers)) == len(layers)  # one DXF layer per device type
    assert "8 types" in repr(catalog)


def test_horn_strobe_candela_and_speaker_taps_are_the_standard_settings() -> None:
    catalog = DeviceCatalog.builtin()
    candela = catalog["horn_strobe"].property("candela")
    assert candela.type is PropertyType.INTEGER
    assert candela.unit == "cd"
    assert candela.choices == (15, 30, 75, 95, 110, 115, 135, 150, 177, 185)
    taps = catalog["speaker"].property("wattage_tap")
    assert taps.unit == "W"
    assert {0.25, 0.5, 1.0, 2.0} <= set(taps.choices)
    assert all(type(tap) is float for tap in taps.choices)


def test_new_device_fills_defaults_and_checks_overrides() -> None:
    catalog = DeviceCatalog.builtin()
    device = catalog.new_device(
        "speaker", (1, 2), rotation=0.5, model="SPK-1", label="A-1", properties={"wattage_tap": 1}
    )
    assert isinstance(device, Device)
    assert device.layer == "FA-SPEAKER"
    assert device.properties["wattage_tap"] == 1.0
    assert type(device.properties["wattage_tap"]) is float
    assert device.properties["line_voltage"] == 25.0
    assert (device.model, device.label, device.rotation) == ("SPK-1", "A-1", 0.5)
    custom = catalog.new_device("speaker", (0, 0), id="spk-9", layer="0")
    assert (custom.id, custom.layer) == ("spk-9", "0")
    with pytest.raises(NotFoundError, match="no type 'siren'"):
        catalog.new_device("siren", (0, 0))
    with pytest.raises(NotFoundError, match="no property 'volume'"):
        catalog.new_device("speaker", (0, 0), properties={"volume": 3})


@pytest.mark.parametrize(
    ("type_id", "values", "message"),
    [
        ("horn_strobe", {"candela": 20}, "20 is not one of 15, 30"),
        ("horn_strobe", {"candela": True}, "True is not integer"),
        ("horn_strobe", {"candela": 75.0}, "75.0 is not integer"),
        ("heat_detector", {"rated_temperature": 90}, "90 is below 100"),
        ("heat_detector", {"rated_temperature": 600}, "600 is above 575"),
        ("smoke_detector", {"addressable": "yes"}, "'yes' is not boolean"),
        ("smoke_detector", {"mounting": "floor"}, "'floor' is not one of ceiling, wall"),
        ("speaker", {"wattage_tap": 3}, "3.0 is not one of"),
    ],
)
def test_property_values_outside_their_definition_are_refused(
    type_id: str, values: dict[str, Any], message: str
) -> None:
    with pytest.raises(PropertyValueError, match=message):
        DeviceCatalog.builtin()[type_id].make_properties(values)


def test_problems_lists_what_does_not_fit_the_type() -> None:
    horn = DeviceCatalog.builtin()["horn_strobe"]
    good = DeviceCatalog.builtin().new_device("horn_strobe", (0, 0))
    assert horn.problems(good) == []
    odd = Device(
        device_type="horn_strobe",
        position=(0, 0),
        properties=PropertyMap({"candela": 20, "flavour": "x"}),
    )
    found = horn.problems(odd)
    assert any("20 is not one of" in problem for problem in found)
    assert "unknown property 'flavour'" in found
    assert "property 'tone' is not set" in found


def test_an_extension_file_adds_types(tmp_path: Path) -> None:
    catalog = load_catalog(catalog_file(tmp_path, extra_type()))
    assert list(catalog)[-1] == "duct_smoke_detector"
    assert len(catalog) == len(BUILTIN_IDS) + 1
    duct = catalog["duct_smoke_detector"]
    assert duct.property("airflow").default == 2.0
    only = load_catalog(catalog_file(tmp_path, extra_type()), include_builtin=False)
    assert list(only) == ["duct_smoke_detector"]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (extra_type(id="bad id"), r"device_types\[0\]\.id"),
        (extra_type(category="siren"), r"device_types\[0\]\.category"),
        (extra_type(colour="red"), "Additional properties"),
        (
            extra_type(
                properties=[
                    {"name": "x", "label": "X", "type": "integer", "default": 5, "choices": [1, 2]}
                ]
            ),
            r"device_types\[0\].*5 is not one of 1, 2",
        ),
        (
            extra_type(
                properties=[
                    {
                        "name": "x",
                        "label": "X",
                        "type": "integer",
                        "default": 1,
                        "choices": [1, "two"],
                    }
                ]
            ),
            "choice 'two' is not integer",
        ),
        (
            extra_type(
                properties=[{"name": "x", "label": "X", "type": "text", "default": "a"}] * 2
            ),
            "defines a property twice",
        ),
        (
            extra_type(
                properties=[
                    {"name": "x", "label": "X", "type": "number", "default": 0, "minimum": 1}
                ]
            ),
            "0.0 is below 1",
        ),
        (extra_type(layer=""), r"device_types\[0\]\.layer"),
    ],
)
def test_invalid_catalog_entries_name_the_file_and_the_entry(
    tmp_path: Path, entry: dict[str, Any], message: str
) -> None:
    path = catalog_file(tmp_path, entry, name="vendor-x.json")
    with pytest.raises(CatalogError, match=message) as raised:
        load_catalog(path)
    assert "vendor-x.json" in str(raised.value)


def test_duplicate_type_ids_are_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match=r"'speaker' is defined twice.*another id"):
        load_catalog(catalog_file(tmp_path, extra_type("speaker")))
    with pytest.raises(CatalogError, match=r"extra\.json.*'dup' is defined twice"):
        load_catalog(catalog_file(tmp_path, extra_type("dup"), extra_type("dup")))


def test_unreadable_catalog_files_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match=r"cannot read device catalog .*missing\.json"):
        load_catalog(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "lvcad-device-catalog", ', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"broken\.json' is not valid JSON"):
        load_catalog(broken)
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CatalogError, match="cannot read"):
        load_catalog(binary)
    with pytest.raises(CatalogError, match="at the top level"):
        DeviceCatalog.from_data([], source="list.json")
    with pytest.raises(CatalogError, match="catalog_version"):
        DeviceCatalog.from_data(
            {"format": "lvcad-device-catalog", "catalog_version": 2, "device_types": []}
        )


def test_property_definition_in_code() -> None:
    tap = PropertyDefinition("tap", "Tap", PropertyType.NUMBER, 1, choices=(1, 2))
    assert tap.default == 1.0
    assert tap.choices == (1.0, 2.0)
    with pytest.raises(PropertyValueError, match="nan"):
        tap.check(float("nan"))
    with pytest.raises(ValueError, match="an id is"):
        PropertyDefinition("bad name", "Bad", PropertyType.TEXT, "")


def test_the_catalog_schema_is_a_valid_json_schema() -> None:
    text = resources.files("lvcad.model").joinpath("device-catalog.schema.json").read_text()
    assert jsonschema_rs.meta.is_valid(json.loads(text))
