"""Fixtures for the crash-recovery tests.

``recovery_root`` is an empty recovery folder, ``session`` a session running in it.
``crash_session(documents)`` leaves behind the session of a run that died: it starts a
real recovery session, opens and autosaves ``documents`` (name, path, document), then
lets go of it the way a dead process does (the OS lock and the crash file are released;
the folder stays). It returns the session folder.
The kill and segfault tests (``test_kill.py``) do the same with real processes.
"""

from __future__ import annotations

import faulthandler
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from lvcad.io import document_to_bytes
from lvcad.model import Document
from lvcad.recovery import Session

CrashSession = Callable[[Sequence[tuple[str, Path | None, Document]]], Path]


@pytest.fixture
def recovery_root(tmp_path: Path) -> Path:
    """An empty recovery folder (in place of the user data folder)."""
    return tmp_path / "recovery"


@pytest.fixture
def session(recovery_root: Path) -> Iterator[Session]:
    """A running recovery session in ``recovery_root``, ended cleanly after the test."""
    started = Session.start(recovery_root)
    yield started
    started.close()


@pytest.fixture
def crash_session(recovery_root: Path) -> CrashSession:
    """Leave the session of a run that died with ``documents`` autosaved; its folder."""

    def crash(documents: Sequence[tuple[str, Path | None, Document]]) -> Path:
        session = Session.start(recovery_root)
        for index, (name, path, document) in enumerate(documents):
            key = f"doc{index}"
            session.register(key, name=name, path=path)
            session.write_autosave(key, document_to_bytes(document))
        # What the OS does when the process ends: locks and files are let go.
        faulthandler.enable(sys.__stderr__, all_threads=True)
        session._crash_file.close()
        session._lock.release()
        return session.folder

    return crash
