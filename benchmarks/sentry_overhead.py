"""Instruction count of error tracking: the editor's command workload with Sentry off and
on, counted by valgrind's callgrind (stable to ~0.2%, where wall-clock varies ±20% here).

Run (valgrind installed, in an environment with lvcad: e.g. ``nox -s bench --
--co`` first, or any venv with ``pip install ./geometry ./app``)::

    QT_QPA_PLATFORM=offscreen python benchmarks/sentry_overhead.py --rounds 5

For each mode it counts a run with ``--rounds`` rounds and a run with none, so start-up
cancels out: (instructions(N) - instructions(0)) / (N x 100) is the cost of one command, on
the main (GUI) thread and in all threads. The all-threads figure overstates background
work: under valgrind a round takes ~50x longer, so the SDK's timer threads (session and
client-report flushing) wake ~50x more often per command than in a real run.

Modes: ``off`` (no DSN); ``on`` (consent "always", no profiled session: consent checks,
breadcrumbs and the SDK's hooks; edit commands are never traced, only file operations are,
because 10% traced commands measured +22% here); ``on-profiled`` (the same in a profiled
session). Reports go to a local sink. The commands are cheap document edits; ``--repaint``
runs them on the sample office drawing with the view repainted after each one, as on
screen.

``--worker MODE ROUNDS`` is the measured child process (one run of the workload).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

COMMANDS_PER_ROUND = 100


class SinkHandler(BaseHTTPRequestHandler):
    """A Sentry endpoint that takes every envelope and answers 200 (no storage)."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def run_workload(mode: str, rounds: int, dsn: str, *, repaint: bool) -> None:
    """Start the editor's window (with error tracking as ``mode`` says), run the rounds:
    with ``repaint``, on the sample office drawing, the view repainted after each command."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from lvcad import appdirs, samples, telemetry
    from lvcad.commands import AddEntities, DeleteEntities, MoveEntities, RotateEntities
    from lvcad.io import open_document
    from lvcad.model import DeviceCatalog, Document, LineEntity, Unit
    from lvcad.telemetry import Mode
    from lvcad.telemetry import sentry as tracking
    from lvcad.ui.main_window import MainWindow
    from lvcad_geometry import Line, Vec2

    folder = Path(tempfile.mkdtemp(prefix="lvcad-overhead-"))
    for name in ("config", "cache", "log"):
        setattr(appdirs, f"{name}_dir", lambda name=name: folder / name)
    app = QApplication([])
    if mode != "off":
        tracking.PROFILE_SESSION_SAMPLE_RATE = 1.0 if mode == "on-profiled" else 0.0
        telemetry.set_mode(Mode.ALWAYS)
        assert telemetry.init_sentry(dsn, "overhead")
    catalog = DeviceCatalog.builtin()
    window = MainWindow(settings=QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    sample = Path(samples.__file__).with_name("office.lvcad") if repaint else None
    random.seed(7)

    def run(command: Any) -> None:
        stack.run(command)
        if repaint:  # as on screen: the view shows the change
            window.view.viewport().repaint()

    for _ in range(rounds):
        document = open_document(sample) if sample else Document(Unit.INCH)
        window.set_document(document, None)
        stack = window.undo_stack
        for n in range(COMMANDS_PER_ROUND // 10):
            line = LineEntity(id=f"l{n}", geometry=Line((0.0, n), (100.0, n)))
            device = catalog.new_device("smoke_detector", (10.0 * n, 5.0), id=f"d{n}")
            run(AddEntities([line]))
            run(MoveEntities([line.id], Vec2(1.0, 2.0)))
            run(RotateEntities([line.id], Vec2(0.0, 0.0), 0.1))
            run(AddEntities([device]))
            run(DeleteEntities([device.id]))
            for _ in range(2):
                stack.undo()
                stack.redo()
            run(MoveEntities([line.id, f"l{max(n - 1, 0)}"], Vec2(-1.0, 0.0)))
            run(AddEntities([LineEntity(id=f"x{n}", geometry=Line((n, 0.0), (n, 9.0)))]))
            run(DeleteEntities([f"x{n}"]))
    telemetry.shutdown(timeout=30)  # everything sent: its cost is counted
    window.undo_stack.setClean()  # no "save changes?" question
    window.close()
    app.quit()


def count(mode: str, rounds: int, dsn: str, *, repaint: bool) -> tuple[int, int]:
    """Instructions of one child run by callgrind: (the main thread, all threads)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--separate-threads=yes",
                f"--callgrind-out-file={out}",
                sys.executable,
                __file__,
                "--worker",
                mode,
                str(rounds),
                "--dsn",
                dsn,
                *(["--repaint"] if repaint else []),
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONHASHSEED": "0"},
        )
        main_thread = total = 0
        for path in Path(folder).glob("callgrind.out*"):
            found = re.search(r"^summary:\s*(\d+)", path.read_text(errors="replace"), re.M)
            instructions = int(found.group(1)) if found else 0
            total += instructions
            if path.name.endswith("-01"):
                main_thread = instructions
        return main_thread, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--modes", nargs="+", default=["off", "on", "on-profiled"])
    parser.add_argument("--worker", nargs=2, metavar=("MODE", "ROUNDS"))
    parser.add_argument("--dsn", default="")
    parser.add_argument(
        "--repaint",
        action="store_true",
        help="the sample office drawing, its view repainted after each command",
    )
    args = parser.parse_args()
    if args.worker:
        run_workload(args.worker[0], int(args.worker[1]), args.dsn, repaint=args.repaint)
        return 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), SinkHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    dsn = f"http://public@127.0.0.1:{server.server_address[1]}/1"
    commands = args.rounds * COMMANDS_PER_ROUND
    per_command: dict[str, tuple[float, float]] = {}
    for mode in args.modes:
        with_rounds = count(mode, args.rounds, dsn, repaint=args.repaint)
        without = count(mode, 0, dsn, repaint=args.repaint)
        per_command[mode] = (
            (with_rounds[0] - without[0]) / commands,
            (with_rounds[1] - without[1]) / commands,
        )
        main_thread, every_thread = per_command[mode]
        print(
            f"{mode:12} {main_thread:12,.0f} instructions per command on the main thread, "
            f"{every_thread:12,.0f} in all threads",
            flush=True,
        )
    server.shutdown()
    if "off" in per_command:
        off = per_command["off"]
        for mode, (main_thread, every_thread) in per_command.items():
            if mode != "off":
                print(
                    f"{mode:12} overhead {main_thread / off[0] - 1:+.1%} on the main thread, "
                    f"{every_thread / off[1] - 1:+.1%} in all threads"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
