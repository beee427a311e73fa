"""The editor window's background autosave (offscreen): the GUI thread goes on while the
worker writes, one copy at a time, failures reach the status bar or the error boundary,
and closing the window while a copy is written leaves nothing behind."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from lvcad import errors
from lvcad.commands import AddEntities
from lvcad.errors import ErrorInfo
from lvcad.io import open_document
from lvcad.model import LineEntity
from lvcad.recovery import AutosaveJob, Session
from lvcad_geometry import Line

from .conftest import WAIT, Gate

WAIT_MS = round(WAIT * 1000)


def line(entity_id: str, x: float = 0.0) -> LineEntity:
    return LineEntity(id=entity_id, geometry=Line((x, 0.0), (x, 10.0)))


def copy_of(window: Any) -> Path:
    return Path(window.autosaver.session.autosave_path(window.autosaver.key))


def copies_taken(window: Any) -> list[set[str]]:
    """The content of the copy each time the GUI thread takes a written job's outcome."""
    taken: list[set[str]] = []
    finish = window.autosaver.finish

    def recorded(job: AutosaveJob) -> bool:
        written = finish(job)
        if written:
            taken.append(set(open_document(copy_of(window)).entities))
        return written

    window.autosaver.finish = recorded
    return taken


def autosave_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "lvcad-autosave"]


def test_the_gui_thread_goes_on_while_the_worker_writes_the_copy(
    window: Any, session: Session, qtbot: Any, encoding_gate: Gate
) -> None:
    window.enable_autosave(session, 0)  # ticks by hand
    taken = copies_taken(window)
    window.run(AddEntities([line("a")]))
    assert window._background_autosave.tick()
    encoding_gate.reached()
    # The worker holds the snapshot; the editor takes more edits meanwhile.
    assert window.autosaver.busy
    assert window.run(AddEntities([line("b", 5.0)]))
    assert not window._background_autosave.tick()  # one copy at a time
    assert len(autosave_threads()) == 1
    encoding_gate.go.set()
    qtbot.waitUntil(lambda: len(taken) == 2, timeout=WAIT_MS)
    assert taken == [{"a"}, {"a", "b"}]  # the tick's drawing, then the edits made meanwhile
    assert encoding_gate.threads == ["lvcad-autosave", "lvcad-autosave"]
    assert encoding_gate.most_at_once == 1
    assert not window.autosaver.busy
    assert not window.autosaver.pending


def test_the_timer_writes_in_the_background(
    window: Any, session: Session, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    writers: list[str] = []
    window.enable_autosave(session, 0.05)
    write_autosave = session.write_autosave

    def recorded(key: str, data: bytes, **kwargs: Any) -> Path | None:
        writers.append(threading.current_thread().name)
        return write_autosave(key, data, **kwargs)

    monkeypatch.setattr(session, "write_autosave", recorded)
    window.run(AddEntities([line("a")]))
    qtbot.waitUntil(copy_of(window).exists, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.autosaver.busy, timeout=WAIT_MS)
    assert writers == ["lvcad-autosave"]


def test_a_failed_background_copy_is_shown_in_the_status_bar(
    window: Any, session: Session, qtbot: Any
) -> None:
    window.enable_autosave(session, 0)
    copy = copy_of(window)
    copy.parent.rmdir()  # the autosave folder is gone
    window.run(AddEntities([line("a")]))
    assert window._background_autosave.tick()
    qtbot.waitUntil(lambda: not window.autosaver.busy, timeout=WAIT_MS)
    message = window.statusBar().currentMessage()
    assert message.startswith("Autosave failed (")
    assert "Save As" in message
    assert "Traceback" not in message
    assert window.autosaver.pending  # tried again at the next tick

    copy.parent.mkdir()
    assert window._background_autosave.tick()
    qtbot.waitUntil(copy.exists, timeout=WAIT_MS)


def test_an_unexpected_error_on_the_worker_goes_to_the_error_boundary(
    window: Any, session: Session, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[ErrorInfo] = []
    errors.set_presenter(shown.append)

    def broken(document: Any) -> bytes:
        raise LookupError("a bug in the encoder")

    monkeypatch.setattr("lvcad.recovery.autosave.document_to_bytes", broken)
    window.enable_autosave(session, 0)
    window.run(AddEntities([line("a")]))
    assert window._background_autosave.tick()
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)
    [info] = shown
    assert info.operation == "autosave the drawing"
    assert info.summary == "LookupError: a bug in the encoder"
    assert "autosave the drawing" in info.message
    assert not window.autosaver.busy
    assert window.autosaver.pending


def test_closing_the_window_while_the_worker_encodes_leaves_nothing(
    window: Any,
    session: Session,
    qtbot: Any,
    encoding_gate: Gate,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[ErrorInfo] = []
    errors.set_presenter(shown.append)
    window.enable_autosave(session, 0)
    copy = copy_of(window)
    window.run(AddEntities([line("a")]))
    assert window._background_autosave.tick()
    encoding_gate.reached()
    unregister = session.unregister

    def unregister_then_let_go(key: str) -> None:  # closing then waits for the worker
        unregister(key)
        encoding_gate.go.set()

    monkeypatch.setattr(session, "unregister", unregister_then_let_go)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Discard)
    assert window.close()
    assert not autosave_threads()  # the worker ended before the window closed
    QApplication.processEvents()  # its late hand-over is ignored
    assert not copy.exists()
    assert session.documents == ()
    assert shown == []
    assert window.statusBar().currentMessage() == ""
    session.close()
    assert not session.folder.exists()
