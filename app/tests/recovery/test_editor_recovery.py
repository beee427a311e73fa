"""Autosave and restore in the real editor window (offscreen): the timer, risky operations,
save and close, the interval setting, and the restore dialog after a crash."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import ezdxf
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from lvcad.commands import AddEntities, MoveEntities
from lvcad.io import open_document, save_document
from lvcad.model import Document, LineEntity, Unit
from lvcad.recovery import (
    RISKY_ENTITY_COUNT,
    Session,
    find_crashed_sessions,
    previous_crash_report,
)
from lvcad.ui.editor import AUTOSAVE_INTERVAL_KEY, Editor, autosave_interval
from lvcad_geometry import Line


def line(entity_id: str, x: float = 0.0) -> LineEntity:
    return LineEntity(id=entity_id, geometry=Line((x, 0.0), (x, 10.0)))


def copy_of(window: Any) -> Path:
    return Path(window.autosaver.session.autosave_path(window.autosaver.key))


def test_the_timer_autosaves_changes_and_saving_removes_the_copy(
    window: Any, session: Session, qtbot: Any, tmp_path: Path
) -> None:
    window.enable_autosave(session, 0.05)
    copy = copy_of(window)
    window.run(AddEntities([line("a")]))
    qtbot.waitUntil(copy.exists, timeout=5000)
    assert set(open_document(copy).entities) == {"a"}

    window.run(AddEntities([line("b", 5.0)]))
    qtbot.waitUntil(lambda: len(open_document(copy).entities) == 2, timeout=5000)

    assert window.save_as(tmp_path / "plan.lvcad")
    assert not copy.exists()
    assert session.documents[0].path == str(tmp_path / "plan.lvcad")
    qtbot.wait(150)  # timer ticks with nothing new to copy
    assert not copy.exists()

    window.run(AddEntities([line("c", 9.0)]))
    qtbot.waitUntil(copy.exists, timeout=5000)
    window.undo_stack.undo()  # back to the saved file: the copy is not needed
    assert window.undo_stack.isClean()
    assert not copy.exists()


def test_a_big_modify_operation_is_autosaved_before_it_runs(window: Any, session: Session) -> None:
    window.enable_autosave(session, 0)  # no timer: only risky operations
    ids = [f"e{n}" for n in range(RISKY_ENTITY_COUNT)]
    window.run(AddEntities([line(i, float(n)) for n, i in enumerate(ids)]))
    copy = copy_of(window)
    assert not copy.exists()  # adding them was risky too, but the drawing was unchanged
    window.run(MoveEntities(ids[:3], (0.0, 1.0)))  # small: not copied first
    assert not copy.exists()

    window.run(MoveEntities(ids, (100.0, 0.0)))
    saved = open_document(copy)  # the drawing as it was just before the big move
    assert saved.get("e0").geometry == Line((0.0, 1.0), (0.0, 11.0))
    assert saved.get("e9").geometry == Line((9.0, 0.0), (9.0, 10.0))
    assert window.document.get("e9").geometry == Line((109.0, 0.0), (109.0, 10.0))


def test_attaching_an_underlay_autosaves_first(
    window: Any, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.enable_autosave(session, 0)
    window.run(AddEntities([line("mine")]))
    plan = tmp_path / "plan.dxf"
    drawing = ezdxf.new("R2013", units=1)
    drawing.modelspace().add_line((0, 0), (100, 0))
    drawing.saveas(plan)
    copies: list[set[str]] = []
    real_import = __import__("lvcad.ui.document_window", fromlist=["x"]).import_underlay

    def import_underlay(*args: Any) -> Any:
        copies.append(set(open_document(copy_of(window)).entities))
        return real_import(*args)

    monkeypatch.setattr("lvcad.ui.document_window.import_underlay", import_underlay)
    assert window.attach_underlay(plan)
    assert copies == [{"mine"}]  # the copy was there before the DXF was read


def test_an_imported_dxf_is_autosaved_at_once(
    window: Any, session: Session, tmp_path: Path
) -> None:
    window.enable_autosave(session, 0)
    plan = tmp_path / "level-1.dxf"
    drawing = ezdxf.new("R2013", units=1)
    drawing.modelspace().add_line((0, 0), (100, 0))
    drawing.saveas(plan)
    assert window.open_file(plan)
    copy = copy_of(window)
    assert len(open_document(copy).entities) == 1
    assert session.documents[0].name == "level-1 (imported)"


def test_closing_the_window_deletes_the_copy(
    window: Any, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.enable_autosave(session, 0)
    window.run(AddEntities([line("a")]))
    assert window.autosave()
    copy = copy_of(window)
    assert copy.exists()
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Discard)
    assert window.close()
    assert not copy.exists()
    assert session.documents == ()


def test_the_interval_setting(qt_settings: QSettings) -> None:
    assert autosave_interval(qt_settings) == 60
    qt_settings.setValue(AUTOSAVE_INTERVAL_KEY, "2.5")
    assert autosave_interval(qt_settings) == 2.5
    qt_settings.setValue(AUTOSAVE_INTERVAL_KEY, 0)
    assert autosave_interval(qt_settings) == 0
    qt_settings.setValue(AUTOSAVE_INTERVAL_KEY, 1e12)
    assert autosave_interval(qt_settings) == 86400
    for wrong in ("soon", -5, "nan"):
        qt_settings.setValue(AUTOSAVE_INTERVAL_KEY, wrong)
        assert autosave_interval(qt_settings) == 60


@pytest.fixture
def editor_settings(qt_settings: QSettings) -> QSettings:
    qt_settings.setValue(AUTOSAVE_INTERVAL_KEY, 0)
    return qt_settings


def close_editor(editor: Editor) -> None:
    for window in list(editor.windows):
        window.undo_stack.setClean()
        window.close()
    editor.close()


def test_after_a_crash_the_editor_restores_the_drawings_as_unsaved_changes(
    qtbot: Any,
    editor_settings: QSettings,
    recovery_root: Path,
    crash_session: Any,
    tmp_path: Path,
) -> None:
    plan = tmp_path / "plan.lvcad"
    save_document(Document(Unit.FOOT, entities=[line("old")]), plan)
    crashed = crash_session(
        [
            ("plan.lvcad", plan, Document(Unit.FOOT, entities=[line("old"), line("new", 3.0)])),
            ("Untitled", None, Document(Unit.METRE, entities=[line("draft")])),
        ]
    )
    editor = Editor(editor_settings, recovery_root)
    try:
        assert "did not exit cleanly" in (previous_crash_report() or "")
        window = editor.new_window()
        dialog = editor.offer_restore()
        assert dialog is not None
        qtbot.waitExposed(dialog)
        rows = [
            [dialog.documents.topLevelItem(r).text(c) for c in range(3)]
            for r in range(dialog.documents.topLevelItemCount())
        ]
        assert [row[:2] for row in sorted(rows)] == [
            ["Untitled", "(never saved)"],
            ["plan.lvcad", str(plan)],
        ]
        assert all(row[2].startswith("20") for row in rows)  # when each copy was made

        dialog.restore_button.click()
        assert not dialog.isVisible()
        assert len(editor.windows) == 2
        by_name = {w.windowTitle(): w for w in editor.windows}
        restored = by_name["plan.lvcad[*] — LV CAD"]
        assert restored is window  # the untouched start window is used first
        assert restored.path == plan
        assert restored.isWindowModified()
        assert set(restored.document.entities) == {"old", "new"}
        assert set(open_document(plan).entities) == {"old"}  # the file is untouched
        draft = by_name["Untitled[*] — LV CAD"]
        assert draft.path is None
        assert draft.document.unit is Unit.METRE
        assert not crashed.exists()
        # The restored work is safe again at once, in this run's session.
        assert set(open_document(copy_of(restored)).entities) == {"old", "new"}
        assert copy_of(draft).exists()
    finally:
        close_editor(editor)
    assert find_crashed_sessions(recovery_root) == []


def test_discard_deletes_what_the_crash_left(
    qtbot: Any, editor_settings: QSettings, recovery_root: Path, crash_session: Any
) -> None:
    crashed = crash_session([("Untitled", None, Document(Unit.INCH, entities=[line("a")]))])
    editor = Editor(editor_settings, recovery_root)
    try:
        window = editor.new_window()
        dialog = editor.offer_restore()
        assert dialog is not None
        dialog.discard_button.click()
        assert not crashed.exists()
        assert editor.windows == [window]
        assert len(window.document) == 0
    finally:
        close_editor(editor)


def test_closing_the_dialog_keeps_the_drawings_for_next_time(
    qtbot: Any, editor_settings: QSettings, recovery_root: Path, crash_session: Any
) -> None:
    crashed = crash_session([("Untitled", None, Document(Unit.INCH, entities=[line("a")]))])
    editor = Editor(editor_settings, recovery_root)
    try:
        editor.new_window()
        dialog = editor.offer_restore()
        assert dialog is not None
        dialog.reject()
    finally:
        close_editor(editor)
    assert crashed.exists()
    later = Editor(editor_settings, recovery_root)
    try:
        assert previous_crash_report() is None  # reported at the first start already
        assert [len(c.documents) for c in later.crashed] == [1]
    finally:
        later.discard()
        later.close()


def test_a_crash_with_nothing_to_restore_is_reported_without_a_dialog(
    qtbot: Any, editor_settings: QSettings, recovery_root: Path, crash_session: Any
) -> None:
    crashed = crash_session([])
    editor = Editor(editor_settings, recovery_root)
    try:
        editor.new_window()
        assert editor.offer_restore() is None
        assert "autosave copies left: 0" in (previous_crash_report() or "")
        assert not crashed.exists()
    finally:
        close_editor(editor)


def test_lvcad_runs_with_recovery_and_a_clean_exit_removes_the_session(
    qtbot: Any, recovery_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from lvcad.ui.app import run_editor

    plan = tmp_path / "plan.lvcad"
    save_document(Document(Unit.FOOT, entities=[line("a")]), plan)
    monkeypatch.setattr("lvcad.ui.editor.default_root", lambda: recovery_root)
    monkeypatch.setattr(
        "lvcad.ui.editor.QSettings",
        lambda: QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
    )
    seen: dict[str, Any] = {}

    def while_running() -> None:
        [window] = [
            w
            for w in QApplication.topLevelWidgets()
            if w.objectName() == "mainWindow" and w.isVisible()
        ]
        [folder] = (recovery_root / "sessions").iterdir()
        seen["marker"] = json.loads((folder / "running.json").read_text("utf-8"))
        seen["autosave"] = window.autosaver is not None
        window.close()

    QTimer.singleShot(0, while_running)
    assert run_editor(str(plan)) == 0
    assert seen["autosave"]
    assert [d["path"] for d in seen["marker"]["documents"]] == [str(plan)]
    assert list((recovery_root / "sessions").iterdir()) == []


def test_a_copy_that_cannot_be_read_is_reported_and_kept(
    qtbot: Any,
    editor_settings: QSettings,
    recovery_root: Path,
    crash_session: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    crashed = crash_session(
        [
            ("good.lvcad", None, Document(Unit.INCH, entities=[line("a")])),
            ("bad.lvcad", None, Document(Unit.INCH)),
        ]
    )
    (crashed / "autosave" / "doc1.lvcad").write_bytes(b'{"format": "lvc')
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    editor = Editor(editor_settings, recovery_root)
    try:
        editor.new_window()
        dialog = editor.offer_restore()
        assert dialog is not None
        dialog.restore_button.click()
        assert len(shown) == 1
        assert "doc1.lvcad" in shown[0]
        assert "damaged or truncated" in shown[0]
        assert [set(w.document.entities) for w in editor.windows] == [{"a"}]
        # Only the copy that could not be read stays, for the next start.
        assert [p.name for p in (crashed / "autosave").iterdir()] == ["doc1.lvcad"]
    finally:
        close_editor(editor)


def test_without_a_writable_recovery_folder_the_editor_runs_and_says_so(
    qtbot: Any, editor_settings: QSettings, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the recovery folder should be")
    editor = Editor(editor_settings, blocked)
    try:
        assert editor.session is None
        window = editor.new_window()
        assert window.autosaver is None
        assert "Autosave is off" in window.statusBar().currentMessage()
        assert str(blocked) in window.statusBar().currentMessage()
        window.run(AddEntities([line("a")]))  # editing works as before
        assert not window.autosave()
    finally:
        close_editor(editor)
