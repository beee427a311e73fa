"""The main window: menus and shortcuts, title and unsaved marker, close prompt, files,
recent files, docks (layers, palette, properties) and exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QColorDialog, QFileDialog, QInputDialog, QMessageBox

from lvcad.commands import AddEntities, PlaceDevice
from lvcad.io import open_document, save_document
from lvcad.model import Color, DeviceCatalog, Document, LineEntity, Unit
from lvcad.samples import sample_path
from lvcad_geometry import Line

BUTTONS = QMessageBox.StandardButton


def add_line(window: Any) -> str:
    line = LineEntity(geometry=Line((0, 0), (10, 0)))
    window.run(AddEntities([line]))
    return line.id


def test_every_action_is_in_exactly_one_menu_and_shortcuts_are_unique(window: Any) -> None:
    menus = [action.menu() for action in window.menuBar().actions()]
    assert [menu.title().replace("&", "") for menu in menus] == [
        "File",
        "Edit",
        "View",
        "Draw",
        "Modify",
        "Devices",
        "Help",
    ]
    seen: list[Any] = []
    for menu in menus:
        seen.extend(a for a in menu.actions() if not a.isSeparator() and a.menu() is None)
    assert len(seen) == len(set(seen))
    for action in window.actions_by_key.values():
        assert seen.count(action) == 1, action.text()
    shortcuts = [a.shortcut().toString() for a in seen if not a.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts))
    assert window.actions_by_key["undo"].shortcut().toString() == "Ctrl+Z"
    with pytest.raises(ValueError, match="twice"):
        window.action("line", "Again", lambda: None)


def test_title_shows_name_and_unsaved_marker(window: Any, tmp_path: Path) -> None:
    assert window.windowTitle() == "Untitled[*] — LV CAD"
    assert not window.isWindowModified()
    add_line(window)
    assert window.isWindowModified()
    assert window.save_as(tmp_path / "plan")
    assert window.windowTitle() == "plan.lvcad[*] — LV CAD"
    assert not window.isWindowModified()
    assert open_document(tmp_path / "plan.lvcad") == window.document
    window.undo_stack.undo()
    assert window.isWindowModified()


@pytest.mark.parametrize(
    ("answer", "closes", "saved"),
    [(BUTTONS.Cancel, False, False), (BUTTONS.Discard, True, False), (BUTTONS.Save, True, True)],
)
def test_close_with_unsaved_changes_asks(
    window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: Any,
    closes: bool,
    saved: bool,
) -> None:
    path = tmp_path / "plan.lvcad"
    save_document(Document(Unit.INCH), path)
    assert window.open_file(path)
    add_line(window)
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda parent, title, text, *rest: asked.append(text) or answer
    )
    assert window.close() is closes
    assert asked
    assert "unsaved changes" in asked[0]
    assert (len(open_document(path)) == 1) is saved
    window.show()


def test_close_without_changes_does_not_ask(window: Any) -> None:
    assert window.close()


def test_new_drawing_asks_for_the_unit(window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("millimetre (mm)", True))
    window.actions_by_key["new"].trigger()
    assert window.document.unit is Unit.MILLIMETRE
    assert window.path is None
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("", False))
    assert not window.new_file()


def test_open_save_and_recent_files(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "office.lvcad"
    path.write_bytes(sample_path().read_bytes())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), ""))
    window.actions_by_key["open"].trigger()
    assert len(window.document) > 50
    assert window.windowTitle().startswith("office.lvcad")
    assert window.recent.paths() == [str(path.resolve())]
    window._fill_recent_menu()
    texts = [a.text() for a in window.recent_menu.actions()]
    assert texts[0].endswith(str(path.resolve()))
    window.recent_menu.actions()[0].trigger()
    assert window.path == path
    add_line(window)
    window.actions_by_key["save"].trigger()
    assert not window.isWindowModified()
    assert len(open_document(path)) == len(window.document)
    assert open_document(path).metadata.modified is not None


def test_file_errors_are_shown_as_messages_not_tracebacks(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda parent, title, text, *rest: shown.append(text)
    )
    broken = tmp_path / "broken.lvcad"
    broken.write_text("{ not json")
    before = window.document
    assert not window.open_file(broken)
    assert window.document is before  # the current drawing is kept
    assert "broken.lvcad" in shown[-1]
    assert "Traceback" not in shown[-1]
    assert not window.open_file(tmp_path / "missing.lvcad")
    assert "missing.lvcad" in shown[-1]
    add_line(window)
    assert not window.save_as(tmp_path / "no-such-folder" / "plan.lvcad")
    assert "no-such-folder" in shown[-1] or "plan.lvcad" in shown[-1]
    assert window.isWindowModified()
    assert not window.export_pdf(tmp_path / "no-such-folder" / "plan.pdf")
    assert "cannot write" in shown[-1]


def test_dxf_import_or_a_clear_message(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ezdxf = pytest.importorskip("ezdxf")
    path = tmp_path / "plan.dxf"
    drawing = ezdxf.new("R2013", units=1)
    drawing.modelspace().add_line((0, 0), (120, 0))
    drawing.saveas(path)
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda parent, title, text, *rest: shown.append(text)
    )
    if window.dxf_import_available():
        assert window.open_file(path)
        assert len(window.document) == 1
        assert window.isWindowModified()
        assert window.windowTitle().startswith("plan (imported)")
    else:
        assert not window.open_file(path)
        assert "cannot read DXF" in shown[-1]


def test_layers_dock_edits_through_commands(window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    line_id = add_line(window)
    dock = window.layers_dock
    assert dock.layer_names() == ["0"]
    row = dock.row_of("0")
    dock.table.item(row, 1).setCheckState(Qt.CheckState.Unchecked)
    assert not window.document.layers["0"].visible
    assert not window.scene.item(line_id).isVisible()
    assert window.undo_stack.undoText() == "Hide layer '0'"
    window.undo_stack.undo()
    assert window.scene.item(line_id).isVisible()
    monkeypatch.setattr(QColorDialog, "getColor", lambda *args: QColor(0, 128, 255))
    dock.table.cellWidget(row, 3).click()
    assert window.document.layers["0"].color == Color(0, 128, 255)
    window.run(PlaceDevice(DeviceCatalog.builtin().new_device("speaker", (5, 5))))
    assert "FA-SPEAKER" in dock.layer_names()
    dock.table.selectRow(dock.row_of("FA-SPEAKER"))
    assert window.tools.current_layer == "FA-SPEAKER"


def test_properties_dock_edits_are_undoable_commands(window: Any) -> None:
    device = DeviceCatalog.builtin().new_device("horn_strobe", (5, 5), label="HS-1")
    window.run(PlaceDevice(device))
    window.tools.set_selection([device.id])
    fields = window.properties_dock.fields
    assert {"layer", "label", "model", "rotation", "candela"} <= set(fields)
    fields["label"].setText("NAC1-01")
    fields["label"].editingFinished.emit()
    assert window.document.get(device.id).label == "NAC1-01"
    candela = window.properties_dock.fields["candela"]
    candela.setCurrentIndex(candela.findText("110"))
    candela.activated.emit(candela.currentIndex())
    assert window.document.get(device.id).properties["candela"] == 110
    window.undo_stack.undo()
    assert window.document.get(device.id).properties["candela"] == 15
    window.tools.set_selection([])
    assert window.properties_dock.fields == {}


def test_status_bar_shows_cursor_coordinates_in_document_units(window: Any, drive: Any) -> None:
    drive.move(12.5, -3.0)
    assert window.coordinates.text() == "X 12.500  Y -3.000 in"


def test_export_png_and_pdf(window: Any, tmp_path: Path) -> None:
    window.open_file(sample_path())
    png, pdf = tmp_path / "plan.png", tmp_path / "plan.pdf"
    assert window.export_png(png)
    assert window.export_pdf(pdf)
    image = QImage(str(png))
    assert image.width() == 2400
    assert pdf.read_bytes().startswith(b"%PDF")


def test_view_actions(window: Any) -> None:
    add_line(window)
    window.actions_by_key["zoom_extents"].trigger()
    scale = window.view.pixels_per_unit
    window.actions_by_key["zoom_in"].trigger()
    assert window.view.pixels_per_unit == pytest.approx(scale * 1.25)
    window.actions_by_key["grid"].trigger()
    assert window.view.grid_visible
    window.actions_by_key["snap"].trigger()
    window.actions_by_key["snap"].trigger()
    assert window.tools.snap_enabled


def test_help_and_circuit_dialogs(window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda p, t, text, *r: shown.append(text))
    monkeypatch.setattr(QMessageBox, "about", lambda p, t, text: shown.append(text))
    window.actions_by_key["commands"].trigger()
    window.actions_by_key["about"].trigger()
    assert "@dx,dy" in shown[0]
    assert "LV CAD" in shown[1]
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("NAC-7", True))
    window.actions_by_key["circuit"].trigger()
    assert window.tools.circuit == "NAC-7"
    assert window.circuit_edit.text() == "NAC-7"
