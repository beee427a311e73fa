"""Test driver: runs the real editor (offscreen) in a subprocess and edits like a user.

Not a test module; the crash tests start it with ``python editor_driver.py …`` and kill it.
It starts the editor exactly as ``lvcad FILE`` does (:func:`lvcad.ui.editor.start_editor`,
with the recovery folder and settings of the test), then every ``--edit-ms`` adds one line
``edit-<n>`` through the main window's undo stack, and every ``--save-every`` edits saves
the drawing (File → Save). Each step is logged, flushed, to ``--log`` as
``<event> <n> <time.monotonic()>``: ``edit n`` after edit n, ``autosaved n`` after an
autosave copy holding edits 1..n was written (on the worker thread or, before a risky
operation, on the GUI thread) and the GUI thread took its outcome, ``save-start n`` /
``save-end n`` around a save holding edits 1..n, and ``paused <point>`` when it stops at
``--pause-at``:

- ``temp-half``: half of the new file's bytes are in the temporary file;
- ``before-replace``: the temporary file is complete and fsynced, not yet renamed;
- ``after-replace``: renamed over the old file, the folder not yet fsynced.

There the saving (GUI) thread sleeps until killed: a kill at a known point of a save, every
time. ``--pause-autosave-at`` (``temp-half`` or ``before-replace``) stops the autosave
worker the same way in the second autosave copy, logged as ``paused autosave-<point>``,
while the GUI thread goes on editing.
``--segfault-after N`` crashes the process with a real segmentation fault after edit N.
"""

from __future__ import annotations

import argparse
import faulthandler
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QSettings, QTimer

from lvcad.commands import AddEntities
from lvcad.io import atomic
from lvcad.model import LineEntity
from lvcad.recovery import AutosaveJob
from lvcad.ui.app import application
from lvcad.ui.editor import AUTOSAVE_INTERVAL_KEY, start_editor
from lvcad_geometry import Line


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--root", required=True, type=Path)
    parser.add_argument("--settings", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--edit-ms", type=int, default=40)
    parser.add_argument("--save-every", type=int, default=0)
    parser.add_argument("--pause-at", choices=["temp-half", "before-replace", "after-replace"])
    parser.add_argument("--pause-autosave-at", choices=["temp-half", "before-replace"])
    parser.add_argument("--segfault-after", type=int, default=0)
    args = parser.parse_args()

    log_file = open(args.log, "a", encoding="utf-8", buffering=1)  # noqa: SIM115

    def log(event: str, value: object) -> None:
        log_file.write(f"{event} {value} {time.monotonic():.6f}\n")
        log_file.flush()

    app = application()
    settings = QSettings(args.settings, QSettings.Format.IniFormat)
    settings.setValue(AUTOSAVE_INTERVAL_KEY, args.interval)
    editor = start_editor(args.file, settings=settings, recovery_root=args.root)
    window = editor.windows[0]
    assert window.autosaver is not None, "the editor started without autosave"
    edits = 0

    finish = window.autosaver.finish

    def logged_finish(job: AutosaveJob) -> bool:
        written = finish(job)
        if written:
            log("autosaved", sum(1 for i in job.snapshot.entities if i.startswith("edit-")))
        return written

    window.autosaver.finish = logged_finish  # type: ignore[method-assign]
    if args.pause_at or args.pause_autosave_at:
        _pause_writes_at(args.pause_at, args.pause_autosave_at, lambda point: log("paused", point))

    def edit() -> None:
        nonlocal edits
        n = edits + 1
        line = LineEntity(id=f"edit-{n}", geometry=Line((float(n), 0.0), (float(n), 10.0)))
        assert window.run(AddEntities([line]))
        edits = n
        log("edit", n)
        if args.segfault_after and n >= args.segfault_after:
            faulthandler._sigsegv()
        if args.save_every and n % args.save_every == 0:
            log("save-start", n)
            assert window.save()
            log("save-end", n)

    timer = QTimer()
    timer.timeout.connect(edit)
    timer.start(args.edit_ms)
    log("started", os.getpid())
    status = app.exec()
    editor.close()
    return status


def _pause_writes_at(
    save_point: str | None, autosave_point: str | None, announce: Callable[[str], None]
) -> None:
    """Make saves of the user's drawing stop forever at ``save_point``, and the second
    autosave copy (written on the worker thread) at ``autosave_point``; other writes go on.
    """
    # What this thread is writing: .kind "save" or "autosave", .file the file's path.
    writing = threading.local()
    autosaves = 0

    def pauses_at(here: str) -> bool:
        kind = getattr(writing, "kind", None)
        return (kind, here) in (("save", save_point), ("autosave", autosave_point))

    def pause_at(here: str) -> None:
        if pauses_at(here):
            announce(here if writing.kind == "save" else f"autosave-{here}")
            while True:
                time.sleep(60)

    write_all, replace, fsync_folder = atomic._write_all, os.replace, atomic._fsync_folder

    def write_half_first(fd: int, data: bytes) -> None:
        if pauses_at("temp-half"):
            write_all(fd, data[: len(data) // 2])
            os.fsync(fd)
            pause_at("temp-half")
        write_all(fd, data)

    def replace_after_pause(source: Any, destination: Any) -> None:
        if Path(destination) == getattr(writing, "file", None):  # not a backup's rename
            pause_at("before-replace")
        replace(source, destination)

    def fsync_folder_after_pause(folder: Path) -> None:
        pause_at("after-replace")
        fsync_folder(folder)

    def writes_as(kind: str, write: Callable[..., None]) -> Callable[..., None]:
        def wrapped(path: Path, data: bytes, **kwargs: Any) -> None:
            writing.kind, writing.file = kind, Path(os.path.realpath(path))
            try:
                write(path, data, **kwargs)
            finally:
                writing.kind = writing.file = None

        return wrapped

    # Saves of the drawing go through lvcad.io.fileops, autosave copies through the
    # session (which also writes its marker: not paused).
    fileops = sys.modules["lvcad.io.fileops"]
    fileops.write_atomically = writes_as("save", fileops.write_atomically)  # type: ignore[attr-defined]
    session = sys.modules["lvcad.recovery.session"]
    session_write = session.write_atomically  # type: ignore[attr-defined]
    autosave_write = writes_as("autosave", session_write)

    def copy_write(path: Path, data: bytes, **kwargs: Any) -> None:
        nonlocal autosaves
        if path.parent.name == session.AUTOSAVE_FOLDER:  # type: ignore[attr-defined]
            autosaves += 1
            if autosaves >= 2:  # a complete copy is there already
                autosave_write(path, data, **kwargs)
                return
        session_write(path, data, **kwargs)

    session.write_atomically = copy_write  # type: ignore[attr-defined]
    atomic._write_all = write_half_first
    atomic.os = _OsWithReplace(replace_after_pause)  # type: ignore[assignment]
    atomic._fsync_folder = fsync_folder_after_pause


class _OsWithReplace:
    """``os`` with ``replace`` swapped, for the atomic module only."""

    def __init__(self, replace: Callable[[Any, Any], None]) -> None:
        self.replace = replace

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)


if __name__ == "__main__":
    sys.exit(main())
