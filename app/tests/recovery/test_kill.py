"""Acceptance: the real editor killed (``kill -9``) while editing and while saving, and
crashed by a segmentation fault, in a subprocess (``editor_driver.py``).

After each kill: the saved drawing opens and is exactly the old or the new version; the
next start finds the crash and offers the autosaved drawing; restoring it loses at most the
autosave interval of work (plus :data:`SLACK` for the timer and a loaded machine). Kill
times are random with fixed seeds, and a save is also stopped at each dangerous point
(half-written temporary file, before the rename, after it) and killed there; so is the
autosave worker thread while the editor goes on editing.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from lvcad.io import CorruptDocumentError, open_document, save_document
from lvcad.model import Document, LineEntity, Unit
from lvcad.recovery import previous_crash_report
from lvcad.recovery.session import AUTOSAVE_FOLDER, CRASH_FILE, SESSIONS_FOLDER
from lvcad.ui.editor import AUTOSAVE_INTERVAL_KEY, Editor
from lvcad_geometry import Line

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

DRIVER = Path(__file__).with_name("editor_driver.py")
#: The autosave interval of the killed editors, in seconds.
INTERVAL = 1.0
#: Allowance on top of the interval: timer latency and a save in the way on a busy machine.
SLACK = 1.0
#: How long a driver may take to start or to reach a point before the test gives up.
TIMEOUT = 60.0


@dataclass
class Event:
    name: str
    value: str
    time: float


@dataclass
class Killed:
    """What a killed editor left: its log, the saved drawing, the recovery folder."""

    events: list[Event]
    drawing: Path
    root: Path
    killed_at: float
    returncode: int

    def values(self, name: str) -> list[int]:
        return [int(e.value) for e in self.events if e.name == name]

    def edit_times(self) -> dict[int, float]:
        return {int(e.value): e.time for e in self.events if e.name == "edit"}


def base_drawing(path: Path, lines: int) -> None:
    save_document(
        Document(
            Unit.INCH,
            entities=[
                LineEntity(id=f"base-{n}", geometry=Line((0.0, n), (100.0, n)))
                for n in range(lines)
            ],
        ),
        path,
    )


def read_events(log: Path) -> list[Event]:
    if not log.exists():
        return []
    events = []
    for line in log.read_text(encoding="utf-8").splitlines():
        name, value, at = line.split()
        events.append(Event(name, value, float(at)))
    return events


def run_and_kill(
    tmp_path: Path,
    *,
    base_lines: int = 10,
    kill_after: float | None = None,
    wait_for: str | None = None,
    driver_args: tuple[str, ...] = (),
) -> Killed:
    """Start the driver on a saved drawing; kill it ``kill_after`` seconds after it started
    editing, or when ``wait_for`` shows in its log, or let it die by itself."""
    drawing = tmp_path / "plan.lvcad"
    base_drawing(drawing, base_lines)
    log = tmp_path / "driver.log"
    root = tmp_path / "recovery"
    output = (tmp_path / "driver.out").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            str(DRIVER),
            str(drawing),
            f"--root={root}",
            f"--settings={tmp_path / 'settings.ini'}",
            f"--log={log}",
            f"--interval={INTERVAL}",
            *driver_args,
        ],
        stdout=output,
        stderr=subprocess.STDOUT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        deadline = time.monotonic() + TIMEOUT
        target = wait_for or "started"
        while not any(e.name == target for e in read_events(log)):
            if process.poll() is not None:
                break
            assert time.monotonic() < deadline, f"the driver never logged {target!r}"
            time.sleep(0.02)
        if kill_after is None and wait_for is None:
            process.wait(TIMEOUT)  # it crashes by itself
        time.sleep(kill_after or 0.0)
        killed_at = time.monotonic()
        if process.poll() is None:
            process.kill()  # SIGKILL
        returncode = process.wait(TIMEOUT)
    finally:
        if process.poll() is None:  # pragma: no cover - a failed wait above
            process.kill()
            process.wait()
        output.close()
    return Killed(read_events(log), drawing, root, killed_at, returncode)


@pytest.fixture
def restart(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    """Start the editor again on a killed run's recovery folder (in this process)."""
    editors: list[Editor] = []

    def start(root: Path) -> Editor:
        settings = QSettings(str(tmp_path / "restart.ini"), QSettings.Format.IniFormat)
        settings.setValue(AUTOSAVE_INTERVAL_KEY, 0)
        editor = Editor(settings, root)
        editors.append(editor)
        editor.new_window()
        return editor

    yield start
    for editor in editors:
        for window in list(editor.windows):
            window.undo_stack.setClean()
            window.close()
        editor.close()


def edits_in(document: Document) -> list[int]:
    return sorted(int(i.removeprefix("edit-")) for i in document.entities if i.startswith("edit-"))


def check_saved_drawing(run: Killed) -> int:
    """The saved drawing opens and is the old or the new version; its number of edits."""
    saved = edits_in(open_document(run.drawing))
    count = len(saved)
    assert saved == list(range(1, count + 1))
    finished = [0, *run.values("save-end")][-1]
    in_progress = [n for n in run.values("save-start") if n not in run.values("save-end")]
    assert count in (finished, *in_progress), (count, finished, in_progress)
    return count


def check_recovery(run: Killed, restart: Any) -> list[int]:
    """The restarted editor offers the autosaved drawing; Restore loses at most the
    interval of work. Returns the edits in the recovered (or saved) drawing."""
    saved = check_saved_drawing(run)
    editor = restart(run.root)
    dialog = editor.offer_restore()
    edit_times = run.edit_times()
    autosaved = run.values("autosaved")
    if dialog is None:
        # Nothing unsaved was autosaved: the saved drawing has all there is to recover.
        recovered = list(range(1, saved + 1))
        assert not [n for n in autosaved if n > saved]
    else:
        assert [d.path for c in editor.crashed for d in c.documents] == [run.drawing]
        dialog.restore_button.click()
        [window] = editor.windows
        assert window.path == run.drawing
        assert window.isWindowModified()
        assert len(window.document) - len(edits_in(window.document)) == len(
            [i for i in open_document(run.drawing).entities if i.startswith("base-")]
        )
        recovered = edits_in(window.document)
    count = len(recovered)
    assert recovered == list(range(1, count + 1))  # the drawing as it was at one moment
    assert count >= max([saved, *autosaved])
    stopped = min(run.killed_at, max(e.time for e in run.events))
    lost = [n for n, at in edit_times.items() if n > count]
    assert all(edit_times[n] > stopped - INTERVAL - SLACK for n in lost), (lost, stopped)
    return recovered


@pytest.mark.parametrize(("seed", "save_every"), [(1, 0), (2, 15)])
def test_kill_while_editing(tmp_path: Path, restart: Any, seed: int, save_every: int) -> None:
    # Later than interval + slack after the first edit, so that a loss would show.
    delay = random.Random(seed).uniform(2.5, 3.5)
    run = run_and_kill(tmp_path, kill_after=delay, driver_args=(f"--save-every={save_every}",))
    # Popen.kill: SIGKILL on POSIX, TerminateProcess with exit code 1 on Windows.
    assert run.returncode == (-signal.SIGKILL if os.name == "posix" else 1)
    assert run.values("autosaved"), "no autosave happened before the kill"
    recovered = check_recovery(run, restart)
    assert recovered  # some work was there to recover


@pytest.mark.parametrize("point", ["temp-half", "before-replace", "after-replace"])
def test_kill_in_the_middle_of_a_save(tmp_path: Path, restart: Any, point: str) -> None:
    run = run_and_kill(
        tmp_path,
        wait_for="paused",
        driver_args=("--save-every=30", f"--pause-at={point}"),
    )
    assert [e.value for e in run.events if e.name == "paused"] == [point]
    saved = check_saved_drawing(run)
    temp_files = list(tmp_path.glob(".plan.lvcad.*.tmp"))
    if point == "after-replace":
        assert saved == 30
        assert not temp_files
    else:
        assert saved == 0  # the old version, untouched
        assert len(temp_files) == 1  # the unfinished new version, beside it
        if point == "temp-half":
            with pytest.raises(CorruptDocumentError):  # really half a file
                open_document(temp_files[0])
    if point != "temp-half":  # the backup is made once the new version is complete
        assert edits_in(open_document(tmp_path / "plan.lvcad.bak")) == []
    check_recovery(run, restart)


@pytest.mark.parametrize("point", ["temp-half", "before-replace"])
def test_kill_while_the_worker_writes_an_autosave_copy(
    tmp_path: Path, restart: Any, point: str
) -> None:
    run = run_and_kill(tmp_path, wait_for="paused", driver_args=(f"--pause-autosave-at={point}",))
    assert [e.value for e in run.events if e.name == "paused"] == [f"autosave-{point}"]
    [folder] = (run.root / SESSIONS_FOLDER).iterdir()
    [copy] = (folder / AUTOSAVE_FOLDER).glob("*.lvcad")
    [temp] = (folder / AUTOSAVE_FOLDER).glob(".*.tmp")  # the copy the worker was writing
    previous = edits_in(open_document(copy))  # complete: the previous copy, untouched
    assert previous == list(range(1, len(previous) + 1))
    assert run.values("autosaved") == [len(previous)]  # the first copy, the only one taken
    if point == "temp-half":
        with pytest.raises(CorruptDocumentError):
            open_document(temp)
    else:  # complete and newer, never renamed into place
        assert len(edits_in(open_document(temp))) > len(previous)
    assert check_recovery(run, restart) == previous


@pytest.mark.parametrize("seed", [5])
def test_kill_at_random_while_saving_often(tmp_path: Path, restart: Any, seed: int) -> None:
    # A bigger drawing saved after every edit: a good share of the time goes to saving.
    delay = random.Random(seed).uniform(1.0, 2.5)
    run = run_and_kill(tmp_path, base_lines=3000, kill_after=delay, driver_args=("--save-every=1",))
    assert run.values("save-end")
    check_recovery(run, restart)


def test_a_segfault_leaves_a_crash_file_and_the_next_start_reports_it(
    tmp_path: Path, restart: Any
) -> None:
    run = run_and_kill(tmp_path, driver_args=("--segfault-after=40",))
    if os.name == "posix":
        assert run.returncode == -signal.SIGSEGV
    else:  # pragma: no cover - Windows: an access violation
        assert run.returncode != 0
    [folder] = (run.root / SESSIONS_FOLDER).iterdir()
    crash = (folder / CRASH_FILE).read_text(encoding="utf-8")
    fault = "access violation" if sys.platform == "win32" else "Segmentation fault"
    assert fault in crash
    assert "editor_driver.py" in crash  # the Python traceback of the crash
    assert "in edit" in crash

    assert run.values("autosaved")
    assert check_recovery(run, restart)  # the autosaved edits were offered and restored
    report = previous_crash_report()
    assert report is not None
    assert "Fatal error (faulthandler):" in report
    assert fault in report
    assert f"pid: {run.values('started')[0]}" in report
