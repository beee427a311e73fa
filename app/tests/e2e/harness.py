"""Drives the real LV CAD (``run_editor``, offscreen) in a subprocess for the end-to-end
tests: ``python harness.py SCENARIO [--count N] [--wait-sent S] [FILE]``.

The process is set up like a user's: its settings, cache and log folders come from the
environment (XDG variables), error tracking from ``SENTRY_DSN``, consent from the consent
file the test wrote. Scenarios:

- ``error``: draw two lines, then an unexpected error in the line tool (dialogs: Send);
- ``burst``: ``--count`` errors over four paths (the error boundary, ``logging.error``, a
  plain thread, and Qt: a slot and a ``QThread`` in turn);
- ``canary``: personal data planted in messages, local variables, breadcrumbs and paths;
- ``idle``: start and quit (sends the reports earlier runs kept).

With ``--wait-sent S`` the app waits (up to S seconds) until its outbox is empty before
quitting, as a user's app that stays open would. The last line printed before quitting is
``QUITTING <time.time()>``, so the test can measure how long the exit took.
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import sys
import threading
import time
from typing import Any

# Planted before lvcad starts, so the SDK and the scrubber see the same (canary) hostname.
if os.environ.get("LVCAD_E2E_HOSTNAME"):
    _hostname = os.environ["LVCAD_E2E_HOSTNAME"]
    socket.gethostname = lambda: _hostname

from PySide6.QtCore import QCoreApplication, QThread, QTimer
from PySide6.QtWidgets import QApplication

from lvcad import appdirs, errors
from lvcad.ui.app import application, run_editor
from lvcad.ui.error_dialog import ErrorDialog
from lvcad.ui.main_window import MainWindow

log = logging.getLogger("lvcad.e2e")


def pump(seconds: float = 0.05) -> None:
    """Let Qt deliver queued signals (the error dialogs) for ``seconds``."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.005)


def answer_dialogs() -> int:
    """Send every open error report (close the dialog when there is nothing to send)."""
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog)]
    for dialog in dialogs:
        dialog.accept() if dialog.info.report.can_send else dialog.reject()
    return len(dialogs)


def the_window() -> MainWindow:
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))


def draw_lines(window: MainWindow) -> None:
    for line in (("L", "0,0", "100,0", ""), ("L", "100,0", "100,80", "")):
        for text in line:
            window.tools.submit(text)


def error_in_the_line_tool(window: MainWindow, message: str) -> None:
    """An unexpected error in the line tool's point input (a bug in a tool)."""
    from lvcad.tools.draw import LineTool

    original = LineTool.point_input

    def point_input(self: Any, point: Any, event: Any) -> bool:
        raise RuntimeError(message)

    LineTool.point_input = point_input  # type: ignore[method-assign]
    try:
        window.tools.submit("L")
        window.tools.submit("10,10")
    finally:
        LineTool.point_input = original  # type: ignore[method-assign]


def scenario_error(window: MainWindow, args: argparse.Namespace) -> None:
    draw_lines(window)
    error_in_the_line_tool(window, "the line tool failed on purpose")


def scenario_canary(window: MainWindow, args: argparse.Namespace) -> None:
    canaries = os.environ["LVCAD_E2E_CANARIES"].split(",")
    email, ip, token = canaries[-3:]
    log.info("Contacting %s at %s with token=%s", email, ip, token)
    draw_lines(window)
    home_file = os.path.join(os.path.expanduser("~"), "plans", "secret-plan.lvcad")
    secret_password = token  # a local variable holding a secret  # noqa: F841
    error_in_the_line_tool(
        window, f"cannot read {home_file} for {email} from {ip} (token={token}, {canaries[0]})"
    )


def scenario_burst(window: MainWindow, args: argparse.Namespace) -> None:
    @errors.with_error_handling("run the burst")
    def boundary(n: int) -> None:
        raise ValueError(f"burst boundary {n}")

    def plain(n: int) -> None:
        raise RuntimeError(f"burst thread {n}")

    class Worker(QThread):
        def __init__(self, n: int) -> None:
            super().__init__()
            self.n = n

        def run(self) -> None:
            raise RuntimeError(f"burst qthread {self.n}")

    def slot(n: int) -> None:
        raise LookupError(f"burst slot {n}")

    for n in range(args.count):
        path = n % 4
        if path == 0:
            boundary(n)
        elif path == 1:
            log.error("burst logging %d", n)
        elif path == 2:
            thread = threading.Thread(target=plain, args=(n,))
            thread.start()
            thread.join()
        elif n % 8 == 3:
            QTimer.singleShot(0, lambda n=n: slot(n))
            pump(0.002)
        else:
            worker = Worker(n)
            worker.start()
            worker.wait()
        if n % 50 == 0:
            pump(0.001)


def wait_sent(seconds: float) -> None:
    """Wait until the outbox is empty (every report taken by the server)."""
    folder = appdirs.cache_dir() / "reports"
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pump(0.2)
        if not list(folder.glob("*.envelope")):
            return
    print(f"outbox not empty after {seconds} s", file=sys.stderr)


SCENARIOS = {
    "error": scenario_error,
    "canary": scenario_canary,
    "burst": scenario_burst,
    "idle": lambda window, args: None,
}


def run_scenario(args: argparse.Namespace) -> None:
    window = the_window()
    try:
        SCENARIOS[args.scenario](window, args)
        pump(0.3)
        answered = answer_dialogs()
        print(f"DIALOGS {answered}", flush=True)
        pump(0.1)
        if args.wait_sent:
            wait_sent(args.wait_sent)
    finally:
        window.undo_stack.setClean()
        print(f"QUITTING {time.time()}", flush=True)
        window.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("file", nargs="?")
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--wait-sent", type=float, default=0.0)
    args = parser.parse_args()
    application()
    QTimer.singleShot(0, lambda: run_scenario(args))
    return run_editor(args.file, banner="LV CAD (end-to-end harness)")


if __name__ == "__main__":
    sys.exit(main())
