"""Fixtures of the end-to-end error-tracking tests: a Bugsink server for the session, and
running the real app (``harness.py``) in a subprocess with its own user folders."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from app_runs import AppRun, RunApp  # noqa: E402
from bugsink_server import BugsinkServer  # noqa: E402


@pytest.fixture(scope="session")
def bugsink(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BugsinkServer]:
    """A Bugsink server on loopback for the whole session, with the project "lvcad"."""
    pytest.importorskip("bugsink", reason="the e2e tests need Bugsink (nox -s e2e)")
    server = BugsinkServer(tmp_path_factory.mktemp("bugsink"))
    server.setup()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def user_home(tmp_path: Path) -> Path:
    """The folder the app's user folders live in (settings, cache, logs)."""
    return tmp_path / "user"


def write_consent(home: Path, mode: str) -> None:
    folder = home / "config" / "LV CAD"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "error-reporting.json").write_text(json.dumps({"mode": mode, "asked": True}))


@pytest.fixture
def run_app(user_home: Path) -> RunApp:
    """Run ``harness.py`` (a scenario of the real app) against ``dsn`` in consent ``mode``."""
    if sys.platform != "linux":  # the app's folders are redirected with the XDG variables
        pytest.skip("the end-to-end tests run on Linux")

    def run(
        scenario: str,
        *args: str,
        dsn: str,
        mode: str | None = "always",
        env: dict[str, str] | None = None,
        timeout: float = 300,
    ) -> AppRun:
        if mode is not None:
            write_consent(user_home, mode)
        environment = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "SENTRY_DSN": dsn,
            "SENTRY_ENVIRONMENT": "e2e",
            "XDG_CONFIG_HOME": str(user_home / "config"),
            "XDG_CACHE_HOME": str(user_home / "cache"),
            "XDG_STATE_HOME": str(user_home / "state"),
            **(env or {}),
        }
        result = subprocess.run(
            [sys.executable, str(HERE / "harness.py"), scenario, *args],
            env=environment,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        ended = time.time()
        quitting = [line for line in result.stdout.splitlines() if line.startswith("QUITTING")]
        delay = ended - float(quitting[-1].split()[1]) if quitting else float("inf")
        return AppRun(result.returncode, result.stdout, result.stderr, delay)

    return run


@pytest.fixture
def outbox(user_home: Path) -> Callable[[], list[Path]]:
    """The reports the app keeps for sending later."""
    return lambda: sorted((user_home / "cache" / "LV CAD" / "reports").glob("*.envelope"))
