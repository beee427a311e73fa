"""Fault injection: an unexpected exception in each tool, each file operation, a QThread
and a plain thread. The editor keeps running, shows one dialog per kind of error, and the
document is intact."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lvcad import errors
from lvcad.tools import TOOL_COMMANDS, SelectTool
from lvcad_geometry import Line


@pytest.fixture
def presenter(window: Any) -> Iterator[Any]:
    from lvcad.ui.error_dialog import ErrorPresenter

    shown = ErrorPresenter(window)
    shown.install()
    yield shown
    for dialog in list(shown.dialogs):
        dialog.close()
    shown.uninstall()


@pytest.fixture
def drawing(window: Any) -> Any:
    """The window's document with two lines (so modify tools have something to work on)."""
    from lvcad.commands import AddEntities
    from lvcad.model import LineEntity

    window.run(
        AddEntities(
            [
                LineEntity(id="a", geometry=Line((0.0, 0.0), (100.0, 0.0))),
                LineEntity(id="b", geometry=Line((100.0, 0.0), (100.0, 80.0))),
            ]
        )
    )
    return window.document


def snapshot(document: Any) -> list[str]:
    return [repr(entity) for entity in document]


def keeps_working(window: Any, drive: Any) -> None:
    """The editor still draws: a new line arrives as one undo step."""
    before = len(window.document)
    drive.type("L", "500,500", "600,500", "")
    assert len(window.document) == before + 1


def failure(name: str) -> type[Exception]:
    """A distinct exception type per injection point (its own fingerprint)."""
    return type(f"{name}Failure", (RuntimeError,), {})


def dialogs_settled(qtbot: Any, presenter: Any, count: int) -> None:
    qtbot.waitUntil(lambda: len(presenter.dialogs) == count)
    qtbot.wait(10)  # a second (unwanted) dialog would be queued by now
    assert len(presenter.dialogs) == count


@pytest.mark.parametrize("names", list(TOOL_COMMANDS), ids=lambda names: names[-1])
def test_an_error_in_each_tool(
    names: tuple[str, ...],
    window: Any,
    drive: Any,
    drawing: Any,
    presenter: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tool_class = TOOL_COMMANDS[names]
    error = failure(tool_class.__name__)

    def broken_start(self: Any) -> None:
        raise error(f"{self.name} broke")

    before = snapshot(drawing)
    monkeypatch.setattr(tool_class, "start", broken_start)
    drive.type(names[0])
    drive.type(names[0])  # the same error again: no second dialog
    dialogs_settled(qtbot, presenter, 1)
    assert presenter.dialogs[0].info.summary.endswith("broke")
    assert isinstance(window.tools.active, SelectTool)
    assert snapshot(window.document) == before
    monkeypatch.undo()
    keeps_working(window, drive)


def test_an_error_in_a_tools_click(
    window: Any, drive: Any, drawing: Any, presenter: Any, qtbot: Any
) -> None:
    from lvcad.tools.draw import LineTool

    before = snapshot(drawing)
    drive.type("L")
    original = LineTool.point_input
    LineTool.point_input = lambda self, point, event: 1 / 0  # type: ignore[assignment,method-assign]
    try:
        drive.click(10.0, 10.0)
        drive.click(20.0, 10.0)
    finally:
        LineTool.point_input = original  # type: ignore[method-assign]
    dialogs_settled(qtbot, presenter, 1)
    assert snapshot(window.document) == before
    keeps_working(window, drive)


def test_an_error_in_a_tools_commit_rolls_back(
    window: Any, drive: Any, drawing: Any, presenter: Any, qtbot: Any, monkeypatch: Any
) -> None:
    from lvcad.commands import AddEntities

    perform = AddEntities.perform

    def half_done(self: Any, document: Any) -> None:
        perform(self, document)  # the change is made, then the command fails
        raise failure("Commit")("the command broke after changing the document")

    before = snapshot(drawing)
    steps = window.undo_stack.count()
    monkeypatch.setattr(AddEntities, "perform", half_done)
    drive.type("L", "0,50", "50,50", "")
    dialogs_settled(qtbot, presenter, 1)
    assert snapshot(window.document) == before
    assert window.undo_stack.count() == steps
    monkeypatch.undo()
    keeps_working(window, drive)


def file_operations(tmp_path: Path, fixtures: Path) -> dict[str, tuple[str, str, tuple[Any, ...]]]:
    """name -> (what to break in lvcad.ui.document_window, the method, its arguments)."""
    saved = tmp_path / "saved.lvcad"
    return {
        "open": ("load_drawing", "open_file", (fixtures / "lvcad-v2.lvcad",)),
        "import": ("load_drawing", "open_file", (tmp_path / "plan.dxf",)),
        "save": ("save_document", "save_as", (saved,)),
        "export png": ("render_image", "export_png", (tmp_path / "x.png",)),
        "export pdf": ("render_pdf", "export_pdf", (tmp_path / "x.pdf",)),
        "attach underlay": ("import_underlay", "attach_underlay", (tmp_path / "u.dxf",)),
    }


@pytest.mark.parametrize(
    "operation", ["open", "import", "save", "export png", "export pdf", "attach underlay"]
)
def test_an_error_in_each_file_operation(
    operation: str,
    window: Any,
    drive: Any,
    drawing: Any,
    presenter: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    fixtures: Path,
) -> None:
    from lvcad.ui import document_window

    target, method, args = file_operations(tmp_path, fixtures)[operation]
    error = failure(target)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise error(f"{target} broke")

    before = snapshot(drawing)
    document, clean = window.document, window.undo_stack.isClean()
    monkeypatch.setattr(document_window, target, broken)
    assert getattr(window, method)(*args) is False
    assert getattr(window, method)(*args) is False
    dialogs_settled(qtbot, presenter, 1)
    assert presenter.dialogs[0].info.operation in {
        "open the drawing",
        "save the drawing",
        "export the PNG image",
        "export the PDF",
        "attach the underlay",
    }
    assert window.document is document
    assert snapshot(window.document) == before
    assert window.undo_stack.isClean() == clean
    assert not (tmp_path / "saved.lvcad").exists()
    monkeypatch.undo()
    keeps_working(window, drive)


@pytest.fixture
def hooks(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    import sys

    monkeypatch.setattr(sys, "excepthook", lambda *args: None)
    monkeypatch.setattr(threading, "excepthook", lambda args: None)
    errors.install_hooks()
    yield
    errors.uninstall_hooks()


def test_errors_in_a_qthread_and_a_plain_thread(
    window: Any, drive: Any, drawing: Any, presenter: Any, qtbot: Any, hooks: None
) -> None:
    from PySide6.QtCore import QThread

    class Worker(QThread):
        def run(self) -> None:
            raise failure("QThread")("the worker broke")

    def plain() -> None:
        raise failure("Thread")("the thread broke")

    before = snapshot(drawing)
    workers = [Worker(), Worker()]
    for worker in workers:
        worker.start()
        worker.wait()
    threads = [threading.Thread(target=plain) for _ in range(2)]
    for thread in threads:
        thread.start()
        thread.join()
    dialogs_settled(qtbot, presenter, 2)
    assert sorted(d.info.summary for d in presenter.dialogs) == [
        "QThreadFailure: the worker broke",
        "ThreadFailure: the thread broke",
    ]
    assert snapshot(window.document) == before
    keeps_working(window, drive)
