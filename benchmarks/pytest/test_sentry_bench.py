"""The cost of error tracking: a command workload with Sentry off and on, and the cost of
one capture and one scrub (pytest-benchmark).

Run: ``QT_QPA_PLATFORM=offscreen pytest benchmarks/pytest/test_sentry_bench.py
--benchmark-only -p no:xdist --benchmark-columns=min,median,rounds``.

The workload is what a user's editing does: 100 commands through the editor's undo stack
(add a line, move it, rotate it, add a device, delete, undo, redo), each one an INFO log
record (a breadcrumb) and, with error tracking on, a transaction. Cases:

* ``off``: no DSN (error tracking not started), the default for a build without one;
* ``on, 10% traced``: the shipped settings with consent "always", sending to a local sink,
  in a session that is not profiled (90% of them);
* ``on, every command traced``: every transaction sent (the bound of the 10% draw);
* ``on, profiled session``: 10% traced in one of the 10% of sessions that are profiled.

``extra_info`` records each case's ratio to ``off``. Wall-clock
ratios on a shared 2-core machine vary by ±20% (DESIGN §7): the instruction counts of
``benchmarks/sentry_overhead.py`` (valgrind) are the stable measure.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import sentry_sdk
from PySide6.QtCore import QSettings

from lvcad import appdirs, telemetry
from lvcad.commands import AddEntities, DeleteEntities, MoveEntities, RotateEntities
from lvcad.model import DeviceCatalog, Document, LineEntity, Unit
from lvcad.telemetry import Mode
from lvcad.telemetry import sentry as tracking
from lvcad.telemetry.scrub import Scrubber
from lvcad_geometry import Line, Vec2
from sentry_overhead import SinkHandler

COMMANDS = 100
#: The min times measured so far in this session, by case.
MINIMA: dict[str, float] = {}


@pytest.fixture(scope="module")
def sink() -> Iterator[str]:
    """A Sentry endpoint on loopback that takes everything: its DSN."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), SinkHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://public@127.0.0.1:{server.server_address[1]}/1"
    server.shutdown()
    server.server_close()


@pytest.fixture
def user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("config", "cache", "log"):
        monkeypatch.setattr(appdirs, f"{name}_dir", lambda name=name: tmp_path / name)
    monkeypatch.setattr(tracking, "_consent", None)


def workload(qapp: Any) -> Callable[[], None]:
    """100 commands on a fresh document in the editor's main window (the scene, the docks
    and the undo stack all follow each change)."""
    from lvcad.ui.main_window import MainWindow

    catalog = DeviceCatalog.builtin()
    window = MainWindow(settings=QSettings(), catalog=catalog)

    def run() -> None:
        window.set_document(Document(Unit.INCH), None)
        stack = window.undo_stack
        for n in range(COMMANDS // 10):
            line = LineEntity(id=f"l{n}", geometry=Line((0.0, n), (100.0, n)))
            device = catalog.new_device("smoke_detector", (10.0 * n, 5.0), id=f"d{n}")
            stack.run(AddEntities([line]))
            stack.run(MoveEntities([line.id], Vec2(1.0, 2.0)))
            stack.run(RotateEntities([line.id], Vec2(0.0, 0.0), 0.1))
            stack.run(AddEntities([device]))
            stack.run(DeleteEntities([device.id]))
            for _ in range(2):
                stack.undo()
                stack.redo()
            stack.run(MoveEntities([line.id, f"l{max(n - 1, 0)}"], Vec2(-1.0, 0.0)))
            stack.run(AddEntities([LineEntity(id=f"x{n}", geometry=Line((n, 0.0), (n, 9.0)))]))
            stack.run(DeleteEntities([f"x{n}"]))

    return run


# Edit commands are never traced (telemetry.operation_transaction says why), so "on" is the
# consent checks, breadcrumbs and the SDK's hooks.
CASES = ["off", "on", "on, profiled session"]


@pytest.mark.parametrize("case", CASES)
def test_command_workload(
    benchmark: Any,
    case: str,
    qapp: Any,
    sink: str,
    user_folders: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    benchmark.group = "error tracking: 100 editor commands"
    if case != "off":
        # Which sessions are profiled is drawn at start: fix the draw for each case.
        profiled = 1.0 if case == "on, profiled session" else 0.0
        monkeypatch.setattr(tracking, "PROFILE_SESSION_SAMPLE_RATE", profiled)
        telemetry.set_mode(Mode.ALWAYS)
        assert telemetry.init_sentry(sink, "benchmark")
    try:
        benchmark.pedantic(workload(qapp), rounds=15, iterations=1, warmup_rounds=2)
        sentry_sdk.flush(10)
    finally:
        telemetry.shutdown(timeout=5)
    if benchmark.stats is not None:
        MINIMA[case] = benchmark.stats.stats.min
        if "off" in MINIMA:
            benchmark.extra_info["ratio_to_off"] = MINIMA[case] / MINIMA["off"]


def test_capture_one_error(benchmark: Any, sink: str, user_folders: None, qapp: Any) -> None:
    """The caller's cost of one captured error: event, scrub, outbox file, queue."""
    benchmark.group = "error tracking: one error"
    telemetry.set_mode(Mode.ALWAYS)
    assert telemetry.init_sentry(sink, "benchmark")
    try:
        raise RuntimeError("cannot read /home/someone/plan.lvcad")
    except RuntimeError as error:
        failure = error
    try:
        benchmark.pedantic(lambda: telemetry.capture_exception(failure), rounds=50, iterations=1)
        sentry_sdk.flush(10)
    finally:
        telemetry.shutdown(timeout=5)


def test_scrub_one_event(benchmark: Any) -> None:
    """Scrubbing a typical error event (10 frames with source context, 50 breadcrumbs)."""
    benchmark.group = "error tracking: one error"
    frame = {
        "filename": "lvcad/tools/manager.py",
        "abs_path": "/home/someone/venv/lib/python3.11/site-packages/lvcad/tools/manager.py",
        "function": "_guarded",
        "module": "lvcad.tools.manager",
        "lineno": 260,
        "pre_context": ["        try:", "            return handler()"] * 2,
        "context_line": "            return handler()",
        "post_context": ["        except Exception as error:"] * 3,
        "in_app": True,
    }
    event = {
        "event_id": "a" * 32,
        "level": "error",
        "release": "lvcad@0.8.0",
        "exception": {
            "values": [
                {
                    "type": "RuntimeError",
                    "value": "cannot read /home/someone/plan.lvcad",
                    "stacktrace": {"frames": [dict(frame) for _ in range(10)]},
                }
            ]
        },
        "breadcrumbs": {
            "values": [
                {"category": "lvcad.ui.undo", "message": f"Command: Move {n}", "level": "info"}
                for n in range(50)
            ]
        },
        "contexts": {"os": {"name": "Linux"}, "runtime": {"name": "CPython"}},
    }
    scrubber = Scrubber()
    benchmark(scrubber.event, event)
