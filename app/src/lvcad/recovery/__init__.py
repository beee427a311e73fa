"""Crash recovery, Qt-free: the running marker, the crash file, autosave and restore.

- :class:`Session` (:mod:`.session`): this process's folder in the user data folder, with
  its "running" marker, faulthandler's crash file and the autosave copies; removed on a
  clean exit.
- :class:`Autosaver` (:mod:`.autosave`): autosave copies of one open document, when it
  changed: on the editor's timer encoded and written on a worker thread
  (:class:`AutosaveJob`), before risky operations at once.
- :func:`find_crashed_sessions` (:mod:`.previous`): what earlier runs that crashed left,
  to restore or discard; :func:`previous_crash_report` for the error report.

The editor's timer and the restore dialog are in :mod:`lvcad.ui`.
"""

from __future__ import annotations

from .autosave import (
    DEFAULT_INTERVAL_SECONDS,
    RISKY_ENTITY_COUNT,
    AutosaveJob,
    Autosaver,
    is_risky,
)
from .previous import (
    CrashedSession,
    RecoveredDocument,
    find_crashed_sessions,
    previous_crash_report,
    remember_previous_crashes,
)
from .session import OpenDocument, Session, default_root

__all__ = [
    "DEFAULT_INTERVAL_SECONDS",
    "RISKY_ENTITY_COUNT",
    "AutosaveJob",
    "Autosaver",
    "CrashedSession",
    "OpenDocument",
    "RecoveredDocument",
    "Session",
    "default_root",
    "find_crashed_sessions",
    "is_risky",
    "previous_crash_report",
    "remember_previous_crashes",
]
