"""Devices → Schedule…: the table follows the group-by selector; Export CSV writes it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from lvcad.commands import PlaceDevice, RouteWire
from lvcad.io import device_schedule, schedule_csv
from lvcad.model import DeviceCatalog, Wire
from lvcad.ui.schedule_dialog import ScheduleDialog
from lvcad_geometry import Polyline

CATALOG = DeviceCatalog.builtin()


def table(dialog: ScheduleDialog) -> list[list[str]]:
    """The headings, then the cells, as text."""
    view = dialog.table
    headings = [view.horizontalHeaderItem(c).text() for c in range(view.columnCount())]
    cells = [
        [view.item(r, c).text() for c in range(view.columnCount())] for r in range(view.rowCount())
    ]
    return [headings, *cells]


@pytest.fixture
def schedule(window: Any, qtbot: Any) -> ScheduleDialog:
    """The schedule dialog of a drawing with a panel, two smoke detectors and a strobe."""
    place = [
        ("fire_alarm_control_panel", (0, 0), "panel", ""),
        ("smoke_detector", (50, 0), "sd1", "SD-1"),
        ("smoke_detector", (100, 0), "sd2", "SD-1"),
        ("horn_strobe", (0, 80), "hs1", ""),
    ]
    for type_id, position, ident, model in place:
        window.run(PlaceDevice(CATALOG.new_device(type_id, position, id=ident, model=model)))
    wire = Wire(
        layer="FA-WIRE",
        circuit="SLC-1",
        path=Polyline([(0, 0), (50, 0)]),
        devices=("panel", "sd1"),
    )
    window.run(RouteWire(wire))
    window.actions_by_key["schedule"].trigger()
    dialog = window.findChild(ScheduleDialog, "scheduleDialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_schedule_is_in_the_devices_menu(window: Any) -> None:
    menu = window.menuBar().findChild(type(window.recent_menu), "menu_devices")
    assert [a.objectName() for a in menu.actions()].count("action_schedule") == 1


def test_the_table_shows_the_schedule_by_type_and_model(schedule: ScheduleDialog) -> None:
    rows = table(schedule)
    assert rows[0] == ["Device", "Model", "Count"]
    assert ["Smoke detector", "SD-1", "2"] in rows
    assert ["Horn/strobe", "", "1"] in rows
    assert len(rows) - 1 == len(device_schedule(schedule.document, group_by="type"))
    assert schedule.total.text() == "4 devices in the drawing"
    assert schedule.table.item(1, 2).textAlignment() & Qt.AlignmentFlag.AlignRight


def test_group_by_circuit_and_layer(schedule: ScheduleDialog) -> None:
    schedule.group_by.setCurrentText("Circuit")
    rows = table(schedule)
    assert rows[0] == ["Circuit", "Device", "Model", "Count"]
    assert ["SLC-1", "Smoke detector", "SD-1", "1"] in rows
    assert ["(none)", "Smoke detector", "SD-1", "1"] in rows
    schedule.group_by.setCurrentText("Layer")
    rows = table(schedule)
    assert rows[0] == ["Layer", "Device", "Model", "Count"]
    assert ["FA-SMOKE", "Smoke detector", "SD-1", "2"] in rows


def test_export_csv_writes_the_shown_rows(
    schedule: ScheduleDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    target = tmp_path / "level-1.csv"
    asked: list[str] = []

    def choose(parent: Any, title: str, start: str, file_filter: str) -> tuple[str, str]:
        asked.append(start)
        return str(target), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    schedule.group_by.setCurrentText("Circuit")
    button = schedule.findChild(QPushButton, "exportCsv")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked[0].endswith("drawing-schedule.csv")
    expected = schedule_csv(device_schedule(schedule.document, group_by="circuit"))
    assert target.read_bytes() == expected.encode("utf-8-sig")


def test_export_cancelled_or_failing_writes_nothing(
    schedule: ScheduleDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    assert not schedule.export_csv()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    assert not schedule.export_csv(tmp_path / "missing" / "out.csv")
    assert "missing" in shown[0]
    assert list(tmp_path.iterdir()) == []
