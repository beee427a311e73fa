"""A Bugsink server (a Sentry-compatible error tracker, Django + SQLite) on loopback.

Used by the end-to-end tests (``conftest.py``: one server per test session) and as the
maintainers' local error dashboard (``nox -s dashboard``, which runs this file)::

    python app/tests/e2e/bugsink_server.py --port 8000 --folder .bugsink

prints the DSN to put in ``SENTRY_DSN`` and serves until Ctrl+C. What the server stored is
read straight from its SQLite database (:meth:`BugsinkServer.events`): delivery is proven
by the server, never by the SDK's return values.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

#: Bugsink's quotas (1000 events per 5 minutes by default) would cut the burst tests.
QUOTAS = {
    "MAX_EVENTS_PER_PROJECT_PER_5_MINUTES": 1_000_000,
    "MAX_EVENTS_PER_PROJECT_PER_HOUR": 1_000_000,
    "MAX_EVENTS_PER_5_MINUTES": 1_000_000,
    "MAX_EVENTS_PER_HOUR": 1_000_000,
}
ADMIN = ("admin", "admin")


def free_port() -> int:
    """A TCP port that is free on the loopback interface now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _manage() -> str:
    found = Path(sys.executable).with_name("bugsink-manage")
    return str(found) if found.exists() else "bugsink-manage"


class BugsinkServer:
    """A configured Bugsink in ``folder`` (created if needed), served on ``port``."""

    def __init__(self, folder: Path, port: int | None = None) -> None:
        self.folder = folder.resolve()
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.dsn = ""

    @property
    def env(self) -> dict[str, str]:
        """The environment of Bugsink's commands (its settings module is in the folder)."""
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bugsink_conf",
            "PYTHONPATH": str(self.folder),
        }

    def _run(self, *args: str) -> str:
        result = subprocess.run(
            [_manage(), *args],
            cwd=self.folder,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"bugsink-manage {args[0]} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def setup(self) -> str:
        """Create the configuration, the database and the project "lvcad"; return its DSN."""
        self.folder.mkdir(parents=True, exist_ok=True)
        conf = self.folder / "bugsink_conf.py"
        conf.unlink(missing_ok=True)  # the port may have changed
        subprocess.run(
            [
                str(Path(_manage()).with_name("bugsink-create-conf")),
                "--template=local",
                f"--port={self.port}",
                "--host=127.0.0.1",
                f"--output-file={conf}",
            ],
            check=True,
            capture_output=True,
        )
        with conf.open("a", encoding="utf-8") as stream:
            stream.write(f"\nDATABASES['default']['NAME'] = {str(self.folder / 'db.sqlite3')!r}\n")
            stream.write(
                f"DATABASES['snappea']['NAME'] = {str(self.folder / 'snappea.sqlite3')!r}\n"
            )
            stream.write(f"BUGSINK.update({QUOTAS!r})\n")
        self._run("migrate", "-v0")
        script = (
            "from projects.models import Project\n"
            "project = Project.objects.filter(name='lvcad').first()"
            " or Project.objects.create(name='lvcad')\n"
            "print(project.dsn)\n"
        )
        self.dsn = self._run("shell", "-c", script).strip().splitlines()[-1]
        return self.dsn

    def create_admin(self) -> None:
        """A login for the dashboard (local use only)."""
        username, password = ADMIN
        script = (
            "from django.contrib.auth import get_user_model\n"
            f"User = get_user_model()\n"
            f"User.objects.filter(username={username!r}).exists() or "
            f"User.objects.create_superuser({username!r}, '', {password!r})\n"
        )
        self._run("shell", "-c", script)

    def start(self, *, quiet: bool = True) -> None:
        """Serve on 127.0.0.1:port and wait until it answers."""
        output = subprocess.DEVNULL if quiet else None
        self.process = subprocess.Popen(
            [_manage(), "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=self.folder,
            env=self.env,
            stdout=output,
            stderr=output,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Bugsink stopped at start (exit {self.process.returncode})")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=2).close()
                return
            except urllib.error.HTTPError:
                return  # it answers (a redirect to the login page, or a 4xx)
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("Bugsink did not answer within 60 s")

    def stop(self) -> None:
        """Stop serving (the database stays)."""
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def events(self) -> list[dict[str, Any]]:
        """Every event the server stored: its columns and the parsed ``data``."""
        with sqlite3.connect(self.folder / "db.sqlite3", timeout=30) as db:
            db.row_factory = sqlite3.Row
            rows = db.execute(
                "SELECT event_id, release, environment, issue_id, data FROM events_event"
            ).fetchall()
        return [{**dict(row), "data": json.loads(row["data"])} for row in rows]

    def issue_count(self) -> int:
        """How many issues the stored events were grouped into."""
        with sqlite3.connect(self.folder / "db.sqlite3", timeout=30) as db:
            return int(db.execute("SELECT COUNT(*) FROM issues_issue").fetchone()[0])


def main() -> int:
    """Run the local dashboard until Ctrl+C."""
    parser = argparse.ArgumentParser(description="Run Bugsink on loopback for LV CAD.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--folder", type=Path, default=Path(".bugsink"))
    args = parser.parse_args()
    server = BugsinkServer(args.folder, args.port)
    dsn = server.setup()
    server.create_admin()
    print(f"Bugsink: http://127.0.0.1:{server.port}/ (login {ADMIN[0]} / {ADMIN[1]})")
    print(f"Run LV CAD against it:  SENTRY_DSN={dsn} nox -s app")
    print("and choose Help > Error Reporting > Always (or Ask me each time).")
    server.start(quiet=False)
    try:
        assert server.process is not None
        server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
