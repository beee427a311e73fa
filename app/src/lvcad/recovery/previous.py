"""Finding the sessions of earlier runs that crashed, and what they left to recover.

A session folder whose lock is free belongs to a process that is gone (a clean exit
removes the folder), so that run crashed: killed, out of memory, a power cut, or a fatal
signal, in which case its crash file holds faulthandler's traceback. The autosave copies
in the folder are the documents that can be recovered.

:func:`find_crashed_sessions` takes the lock of each crashed session it returns, so two
LV CADs started together never offer the same documents; the lock is let go by
:meth:`CrashedSession.discard` (which deletes the folder) or :meth:`CrashedSession.release`.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import filelock

from lvcad.io import open_document
from lvcad.model import Document

from .session import (
    AUTOSAVE_FOLDER,
    CRASH_FILE,
    MARKER_FILE,
    MARKER_FORMAT,
    SESSIONS_FOLDER,
    default_root,
    session_lock,
)

__all__ = [
    "CrashedSession",
    "RecoveredDocument",
    "find_crashed_sessions",
    "previous_crash_report",
    "remember_previous_crashes",
]

log = logging.getLogger(__name__)

#: A session folder without a marker this old (seconds) died while starting.
STARTING_SECONDS = 600
#: Written into a crashed session's folder once its crash has been reported, so the
#: report is made once even when its documents stay for a later start.
REPORTED_FILE = "reported"


@dataclass(frozen=True)
class RecoveredDocument:
    """An autosave copy left by a crashed session."""

    #: The autosave file.
    autosave: Path
    #: The name the document had in the editor.
    name: str
    #: The file the document belongs to (``None``: it was never saved).
    path: Path | None
    #: When the copy was written.
    saved_at: datetime

    def load(self) -> Document:
        """The recovered document.

        Raises
        ------
        lvcad.io.DocumentError
            The copy cannot be read (its message names the file).
        """
        return open_document(self.autosave)


@dataclass
class CrashedSession:
    """The folder of a run that did not exit cleanly (its lock is held by this process)."""

    folder: Path
    #: The marker's content (empty when the run died before writing it).
    marker: dict[str, Any]
    #: faulthandler's output (empty unless the process died of a fatal signal).
    crash_log: str
    documents: tuple[RecoveredDocument, ...]
    #: True once the crash was reported at an earlier start.
    reported: bool
    _lock: filelock.BaseFileLock = field(repr=False)

    @property
    def started(self) -> str:
        """When the crashed run started (ISO 8601, as the marker has it), or "unknown"."""
        return str(self.marker.get("started", "unknown"))

    def report(self) -> str:
        """The crash report: what the marker says about the run, then the crash file."""
        lines = [f"LV CAD run started {self.started} did not exit cleanly."]
        for key in ("pid", "lvcad", "python", "platform", "executable"):
            if key in self.marker:
                lines.append(f"{key}: {self.marker[key]}")
        lines.append(f"open documents: {len(self.marker.get('documents', []))}")
        lines.append(f"autosave copies left: {len(self.documents)}")
        if self.crash_log.strip():
            lines += ["", "Fatal error (faulthandler):", self.crash_log.rstrip()]
        else:
            lines.append("No fatal error was recorded: the process was killed or lost power.")
        return "\n".join(lines)

    def mark_reported(self) -> None:
        """Remember that this crash was reported (the folder stays for its documents)."""
        self.reported = True
        try:
            (self.folder / REPORTED_FILE).touch()
        except OSError as error:  # then it is reported again next time, no worse
            log.warning("cannot mark %s as reported: %s", self.folder, error)

    def release(self) -> None:
        """Let go of the session, keeping its documents for a later start."""
        self._lock.release()

    def discard(self) -> None:
        """Delete the session's folder with its autosave copies."""
        self._lock.release()
        shutil.rmtree(self.folder, ignore_errors=True)
        log.info("discarded crashed session %s", self.folder)


def _read_marker(folder: Path) -> dict[str, Any]:
    try:
        marker = json.loads((folder / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        log.warning("unreadable recovery marker in %s: %s", folder, error)
        return {}
    if not isinstance(marker, dict) or marker.get("format") != MARKER_FORMAT:
        log.warning("not a recovery marker: %s", folder / MARKER_FILE)
        return {}
    return marker


def _recovered_documents(folder: Path, marker: dict[str, Any]) -> tuple[RecoveredDocument, ...]:
    """The autosave copies in ``folder``, named and placed as the marker lists them.

    A copy older than its document's file is left out: the file was saved after it (the
    run crashed after a save had replaced the file, before it removed the copy).
    """
    listed = {
        entry.get("key"): entry
        for entry in marker.get("documents", [])
        if isinstance(entry, dict) and isinstance(entry.get("key"), str)
    }
    found = []
    for autosave in sorted((folder / AUTOSAVE_FOLDER).glob("*.lvcad")):
        entry = listed.get(autosave.stem, {})
        original = entry.get("path")
        try:
            copied = autosave.stat().st_mtime
        except OSError:  # pragma: no cover - deleted while we looked
            continue
        if isinstance(original, str) and _modified(Path(original)) >= copied:
            log.info("%s is older than %s: not offered", autosave, original)
            continue
        saved_at = datetime.fromtimestamp(copied, UTC)
        found.append(
            RecoveredDocument(
                autosave=autosave,
                name=str(entry.get("name") or autosave.stem),
                path=Path(original) if isinstance(original, str) else None,
                saved_at=saved_at,
            )
        )
    return tuple(sorted(found, key=lambda document: document.saved_at))


def _modified(path: Path) -> float:
    """The modification time of ``path`` (-inf when it is missing)."""
    try:
        return path.stat().st_mtime
    except OSError:
        return float("-inf")


def find_crashed_sessions(root: Path | None = None) -> list[CrashedSession]:
    """The sessions under ``root`` (default :func:`~.session.default_root`) whose process
    is gone, oldest first; this process holds their locks until each is discarded or
    released."""
    sessions = (default_root() if root is None else root) / SESSIONS_FOLDER
    if not sessions.is_dir():
        return []
    crashed = []
    for folder in sorted(path for path in sessions.iterdir() if path.is_dir()):
        # A session writes its marker only after taking its lock: a folder without one
        # is still starting, or died starting (with nothing to recover) long ago.
        if not (folder / MARKER_FILE).is_file():
            if _modified(folder) < time.time() - STARTING_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
            continue
        lock = session_lock(folder)
        try:
            lock.acquire()
        except filelock.Timeout:
            continue  # a running LV CAD (or another one already looking at it)
        except OSError as error:
            log.warning("cannot check recovery session %s: %s", folder, error)
            continue
        marker = _read_marker(folder)
        try:
            crash_log = (folder / CRASH_FILE).read_text(encoding="utf-8", errors="replace")
        except OSError:
            crash_log = ""
        crashed.append(
            CrashedSession(
                folder=folder,
                marker=marker,
                crash_log=crash_log,
                documents=_recovered_documents(folder, marker),
                reported=(folder / REPORTED_FILE).exists(),
                _lock=lock,
            )
        )
    return crashed


_previous_report: str | None = None


def remember_previous_crashes(crashed: list[CrashedSession]) -> str | None:
    """Keep the report of the crashes not reported before, for
    :func:`previous_crash_report`, and mark them reported; returns the report."""
    global _previous_report
    new = [session for session in crashed if not session.reported]
    _previous_report = "\n\n".join(session.report() for session in new) or None
    for session in new:
        session.mark_reported()
    return _previous_report


def previous_crash_report() -> str | None:
    """The report of the previous run's crash (marker info and faulthandler output), or
    ``None`` when the previous runs exited cleanly; found when this run started."""
    return _previous_report
