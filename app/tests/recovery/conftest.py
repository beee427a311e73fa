"""Fixtures for the crash-recovery tests.

``recovery_root`` is an empty recovery folder; ``crash_session(documents)`` runs a real
process that starts a recovery session, opens and autosaves ``documents`` (name, path,
document) and dies without a clean exit (``os._exit``), leaving its session behind as a
crash does; it returns the session folder.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from lvcad.io import document_to_bytes
from lvcad.model import Document

CRASHING_PROCESS = """
import os, pickle, sys
from pathlib import Path
from lvcad.recovery import Session

root, documents = pickle.loads(sys.stdin.buffer.read())
session = Session.start(Path(root))
for index, (name, path, data) in enumerate(documents):
    key = f"doc{index}"
    session.register(key, name=name, path=path)
    session.write_autosave(key, data)
print(session.folder)
sys.stdout.flush()
os._exit(3)
"""

CrashSession = Callable[[Sequence[tuple[str, Path | None, Document]]], Path]


@pytest.fixture
def recovery_root(tmp_path: Path) -> Path:
    """An empty recovery folder (in place of the user data folder)."""
    return tmp_path / "recovery"


@pytest.fixture
def crash_session(recovery_root: Path) -> CrashSession:
    """Run a process that autosaves documents into a session and dies; its folder."""

    def crash(documents: Sequence[tuple[str, Path | None, Document]]) -> Path:
        result = subprocess.run(
            [sys.executable, "-c", CRASHING_PROCESS],
            input=pickle.dumps(
                (str(recovery_root), [(n, p, document_to_bytes(d)) for n, p, d in documents])
            ),
            capture_output=True,
            check=False,
            timeout=60,
        )
        assert result.returncode == 3, result.stderr.decode()
        return Path(result.stdout.decode().strip())

    return crash
