"""Fixtures for the crash-recovery tests.

``recovery_root`` is an empty recovery folder, ``session`` a session running in it.
``crash_session(documents)`` leaves behind the session of a run that died: it starts a
real recovery session, opens and autosaves ``documents`` (name, path, document), then
lets go of it the way a dead process does (the OS lock and the crash file are released;
the folder stays). It returns the session folder.
The kill and segfault tests (``test_kill.py``) do the same with real processes.
``gate`` holds autosave workers at a point of their job until the test lets them go.
"""

from __future__ import annotations

import faulthandler
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from lvcad.io import document_to_bytes
from lvcad.model import Document
from lvcad.recovery import Session, autosave

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


#: How long a test waits for a worker to reach or pass a point before it fails.
WAIT = 30.0


class Gate:
    """Holds the worker threads at one step of an autosave job until :attr:`go` is set.

    Wraps ``target`` (a function an autosave job calls on its worker thread); records
    the threads that called it, in order, and the most calls in progress at once.
    """

    def __init__(self) -> None:
        #: Set when a worker reached the gate.
        self.entered = threading.Event()
        #: Set by the test to let workers through (it stays open).
        self.go = threading.Event()
        self.threads: list[str] = []
        self.events: list[str] = []
        self.most_at_once = 0
        self._inside = 0
        self._lock = threading.Lock()

    def hold(self, target: Callable[..., Any], name: str) -> Callable[..., Any]:
        def held(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                self.threads.append(threading.current_thread().name)
                self._inside += 1
                self.most_at_once = max(self.most_at_once, self._inside)
            self.entered.set()
            assert self.go.wait(WAIT), "the test never opened the gate"
            try:
                self.events.append(f"{name} starts")
                return target(*args, **kwargs)
            finally:
                self.events.append(f"{name} ends")
                with self._lock:
                    self._inside -= 1

        return held

    def reached(self) -> None:
        """Wait until a worker is at the gate."""
        assert self.entered.wait(WAIT), "no worker reached the gate"


@pytest.fixture
def encoding_gate(monkeypatch: pytest.MonkeyPatch) -> Gate:
    """Autosave workers wait at the start of encoding the snapshot."""
    gate = Gate()
    monkeypatch.setattr(autosave, "document_to_bytes", gate.hold(document_to_bytes, "encode"))
    return gate


@pytest.fixture
def writing_gate(monkeypatch: pytest.MonkeyPatch) -> Gate:
    """Autosave workers wait inside the session's write, with the session's mutex held."""
    from lvcad.recovery import session

    gate = Gate()
    real = session.write_atomically
    held = gate.hold(real, "write")

    def write(path: Path, data: bytes, **kwargs: Any) -> None:
        if path.parent.name == session.AUTOSAVE_FOLDER:  # the copies, not the marker
            held(path, data, **kwargs)
        else:
            real(path, data, **kwargs)

    monkeypatch.setattr(session, "write_atomically", write)
    return gate
