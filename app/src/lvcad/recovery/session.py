"""This process's recovery session: the "running" marker, the crash file and the autosaves.

Each running LV CAD owns one folder ``<root>/sessions/<started>-<pid>-<random>/``:

- ``running.lock``, locked (an operating-system lock) for the life of the process. The OS
  drops the lock when the process ends in any way, ``kill -9`` included, so another LV CAD
  can tell a live session from one whose process is gone without trusting pids, which
  are reused.
- ``running.json``, the marker: pid, start time, version, and the open documents (their
  paths, display names and autosave files), rewritten atomically when they change.
- ``crash.log``, opened at start and kept open: :mod:`faulthandler` writes the Python
  traceback of every thread there on a fatal signal (segfault, abort), when nothing else
  can run. It is empty unless the process crashed.
- ``autosave/<key>.lvcad``, one autosave copy per open document with unsaved changes.

A clean exit (:meth:`Session.close`) removes the folder. A folder left behind is the trace
of a crash; :mod:`.previous` finds it at the next start.

Autosave copies are written on worker threads (:mod:`.autosave`), so every method takes
the session's mutex: a copy being written is complete before the marker changes, the copy
is deleted or the folder removed, and a write that was cancelled or comes after
:meth:`Session.close` writes nothing.
"""

from __future__ import annotations

import contextlib
import faulthandler
import json
import logging
import os
import platform
import secrets
import shutil
import sys
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import filelock

from lvcad import __version__, appdirs
from lvcad.io.atomic import write_atomically

__all__ = [
    "AUTOSAVE_FOLDER",
    "CRASH_FILE",
    "LOCK_FILE",
    "MARKER_FILE",
    "MARKER_FORMAT",
    "SESSIONS_FOLDER",
    "OpenDocument",
    "Session",
    "default_root",
    "session_lock",
]

log = logging.getLogger(__name__)

SESSIONS_FOLDER = "sessions"
MARKER_FILE = "running.json"
LOCK_FILE = "running.lock"
CRASH_FILE = "crash.log"
AUTOSAVE_FOLDER = "autosave"
#: The ``format`` value of a marker file.
MARKER_FORMAT = "lvcad-running-marker"


def default_root() -> Path:
    """The recovery folder in the user's data folder (e.g. ``~/.local/share/LV CAD/recovery``
    on Linux, ``%LOCALAPPDATA%\\LV CAD\\recovery`` on Windows)."""
    return appdirs.data_dir() / "recovery"


def session_lock(folder: Path) -> filelock.BaseFileLock:
    """The lock that a session's process holds on ``folder`` while it runs.

    Non-blocking (a held lock raises :class:`filelock.Timeout` at once), a native OS lock
    only (a "soft" lock file would outlive a killed process), and the lock file stays.
    """
    return filelock.FileLock(
        folder / LOCK_FILE, blocking=False, thread_local=False, preserve_lock_file=True
    )


@dataclass(frozen=True)
class OpenDocument:
    """A document of the session as the marker lists it."""

    #: Names the autosave file (``autosave/<key>.lvcad``).
    key: str
    #: The shown name ("plan.lvcad", "Untitled", "level-1 (imported)").
    name: str
    #: The file the document was opened from or saved to (``None``: never saved).
    path: str | None
    #: The autosave copy, once there is one.
    autosave: str | None = None


class Session:
    """The recovery session of this process (create it with :meth:`start`)."""

    def __init__(
        self,
        folder: Path,
        lock: filelock.BaseFileLock,
        crash_file: IO[str],
        started: datetime,
    ) -> None:
        self.folder = folder
        self.started = started
        self._lock = lock
        self._crash_file = crash_file
        self._documents: dict[str, OpenDocument] = {}
        self._closed = False
        #: Held by every method: one writer of the folder at a time (the editor's thread
        #: and the autosave workers).
        self._mutex = threading.RLock()
        #: Whether faulthandler already wrote to stderr before (a test runner's): restored
        #: on close.
        self._had_faulthandler = faulthandler.is_enabled()

    @classmethod
    def start(cls, root: Path | None = None) -> Session:
        """Start this process's session under ``root`` (default :func:`default_root`).

        Creates the folder, takes its lock, writes the marker and sends :mod:`faulthandler`
        output to the crash file.

        Raises
        ------
        OSError
            The folder cannot be created or written.
        """
        root = default_root() if root is None else root
        started = datetime.now(UTC)
        name = f"{started:%Y%m%dT%H%M%S}-{os.getpid()}-{secrets.token_hex(3)}"
        folder = root / SESSIONS_FOLDER / name
        (folder / AUTOSAVE_FOLDER).mkdir(parents=True)
        lock = session_lock(folder)
        lock.acquire()
        try:
            # faulthandler writes to the file's descriptor, which stays open until close().
            crash_file = (folder / CRASH_FILE).open("w", encoding="utf-8")
            session = cls(folder, lock, crash_file, started)
            session._write_marker()
        except BaseException:
            lock.release()
            shutil.rmtree(folder, ignore_errors=True)
            raise
        faulthandler.enable(crash_file, all_threads=True)
        log.info("recovery session %s started", folder)
        return session

    @property
    def documents(self) -> tuple[OpenDocument, ...]:
        """The documents the marker lists."""
        with self._mutex:
            return tuple(self._documents.values())

    def autosave_path(self, key: str) -> Path:
        """Where the autosave copy of document ``key`` goes."""
        return self.folder / AUTOSAVE_FOLDER / f"{key}.lvcad"

    def register(self, key: str, *, name: str, path: Path | None) -> None:
        """List document ``key`` (opened, renamed or saved elsewhere) in the marker."""
        with self._mutex:
            known = self._documents.get(key)
            where = str(Path(path).absolute()) if path is not None else None
            document = OpenDocument(key, name, where, known.autosave if known else None)
            if document != known:
                self._documents[key] = document
                self._update_marker()

    def write_autosave(
        self, key: str, data: bytes, *, cancelled: threading.Event | None = None
    ) -> Path | None:
        """Replace document ``key``'s autosave copy by ``data`` atomically; the copy's path.

        Nothing is written (``None``) when ``cancelled`` is set by the time the write
        starts (the document was saved or closed meanwhile) or the session has ended.

        Raises
        ------
        KeyError
            ``key`` was not registered.
        OSError
            The copy cannot be written (any previous copy is then unchanged).
        """
        with self._mutex:
            if self._closed or (cancelled is not None and cancelled.is_set()):
                return None
            document = self._documents[key]
            path = self.autosave_path(key)
            write_atomically(path, data, backup_suffix=None)
            if document.autosave is None:
                self._documents[key] = OpenDocument(key, document.name, document.path, str(path))
                self._update_marker()
            return path

    def remove_autosave(self, key: str) -> None:
        """Delete document ``key``'s autosave copy (it was saved, or its changes undone)."""
        with self._mutex:
            self._delete_autosave(key)
            document = self._documents.get(key)
            if document is not None and document.autosave is not None:
                self._documents[key] = OpenDocument(key, document.name, document.path)
                self._update_marker()

    def unregister(self, key: str) -> None:
        """Forget document ``key`` (closed cleanly) and delete its autosave copy."""
        with self._mutex:
            self._delete_autosave(key)
            if self._documents.pop(key, None) is not None:
                self._update_marker()

    def marker(self) -> dict[str, object]:
        """The content of the marker file."""
        return {
            "format": MARKER_FORMAT,
            "pid": os.getpid(),
            "started": self.started.isoformat(),
            "lvcad": __version__,
            "python": platform.python_version(),
            "platform": f"{platform.system()} {platform.release()}",
            "executable": os.path.basename(sys.executable),
            "documents": [asdict(document) for document in self.documents],
        }

    def _write_marker(self) -> None:
        data = json.dumps(self.marker(), indent=1, ensure_ascii=False).encode("utf-8")
        write_atomically(self.folder / MARKER_FILE, data, backup_suffix=None)

    def _update_marker(self) -> None:
        """Rewrite the marker; a failure is logged, never raised into the editor (the
        autosave copies are found without it)."""
        if self._closed:
            return
        try:
            self._write_marker()
        except OSError as error:
            log.warning("cannot update the recovery marker in %s: %s", self.folder, error)

    def _delete_autosave(self, key: str) -> None:
        try:
            self.autosave_path(key).unlink(missing_ok=True)
        except OSError as error:
            log.warning("cannot delete the autosave copy %s: %s", self.autosave_path(key), error)

    def close(self) -> None:
        """End the session on a clean exit: stop writing crash reports, remove the folder.

        Safe to call twice. Waits for an autosave copy being written; later ones write
        nothing.
        """
        with self._mutex:
            if self._closed:
                return
            self._closed = True
        faulthandler.disable()
        if self._had_faulthandler and sys.__stderr__ is not None:
            with contextlib.suppress(OSError, ValueError):  # stderr without a descriptor
                faulthandler.enable(sys.__stderr__, all_threads=True)
        self._crash_file.close()
        self._lock.release()
        shutil.rmtree(self.folder, ignore_errors=True)
        log.info("recovery session %s ended cleanly", self.folder)
