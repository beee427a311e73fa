"""File → Attach Underlay…: a DXF shown under the drawing, as one undoable step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ezdxf
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from lvcad.ui.files import load_underlay as read
from lvcad_geometry import Transform


def plan(tmp_path: Path) -> Path:
    """A DXF in centimetres with one wall line."""
    path = tmp_path / "plan.dxf"
    drawing = ezdxf.new("R2013", units=5)
    drawing.modelspace().add_line((0, 0), (254, 0), dxfattribs={"layer": "A-WALL"})
    drawing.saveas(path)
    return path


def test_attach_underlay_is_one_undo_step(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = plan(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), ""))
    reads: list[object] = []

    def reading(*args: Any) -> Any:
        reads.append(args)
        return read(*args)

    monkeypatch.setattr("lvcad.ui.document_window.load_underlay", reading)
    window.actions_by_key["attach_underlay"].trigger()
    underlay = window.document.underlay
    assert Path(underlay.source) == path.resolve()
    assert tuple(underlay.transform) == pytest.approx(tuple(Transform.scaling(1 / 2.54)))  # cm
    assert window.scene.underlay_items()
    assert reads == []  # the imported drawing is shown, not read a second time
    assert window.undo_stack.count() == 1
    assert window.isWindowModified()
    window.undo_stack.undo()
    assert window.document.underlay is None
    assert window.scene.underlay_items() == []
    window.undo_stack.redo()
    assert window.document.underlay == underlay
    assert window.scene.underlay_items()
    assert reads == []  # redo shows the drawing kept since the undo, without reading it


def test_attach_underlay_error_is_shown_and_nothing_changes(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.dxf"
    broken.write_text("this is not a drawing")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    assert not window.attach_underlay(broken)
    assert "broken.dxf" in shown[0]
    assert window.document.underlay is None
    assert window.undo_stack.count() == 0
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: ("", ""))
    assert not window.attach_underlay()


def test_detach_underlay_is_one_undo_step_and_undo_does_not_read_again(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    detach = window.actions_by_key["detach_underlay"]
    file_menu = window.menuBar().findChild(type(window.recent_menu), "menu_file")
    assert detach in file_menu.actions()
    file_menu.aboutToShow.emit()
    assert not detach.isEnabled()  # nothing to detach yet
    assert not window.detach_underlay()
    assert "no underlay" in window.statusBar().currentMessage()
    assert window.attach_underlay(plan(tmp_path))
    underlay = window.document.underlay
    file_menu.aboutToShow.emit()
    assert detach.isEnabled()
    reads: list[object] = []
    monkeypatch.setattr(
        "lvcad.ui.document_window.load_underlay", lambda *args: reads.append(args) or read(*args)
    )
    detach.trigger()
    assert window.document.underlay is None
    assert window.scene.underlay_items() == []
    assert window.scene.underlay_index is None
    assert window.undo_stack.count() == 2
    assert window.undo_stack.undoText() == "Detach underlay"
    window.undo_stack.undo()
    assert window.document.underlay == underlay
    assert window.scene.underlay_items()
    assert reads == []  # the detached drawing was kept for the undo
    window.undo_stack.redo()
    assert window.document.underlay is None
    assert window.scene.underlay_items() == []
