"""What the end-to-end tests read from a run of the app and from the stored events."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["AppRun", "RunApp", "messages"]


@dataclass
class AppRun:
    """One finished run of the app: its output and how long it took to exit."""

    returncode: int
    stdout: str
    stderr: str
    exit_delay: float

    def check(self) -> AppRun:
        """No error reached the user as a traceback; the app exited normally."""
        assert self.returncode == 0, self.stderr
        assert "Traceback" not in self.stderr, self.stderr
        return self


RunApp = Callable[..., AppRun]


def messages(events: list[dict[str, Any]]) -> set[str]:
    """The exception value or log message of each stored event."""
    found = set()
    for event in events:
        data = event["data"]
        values = (data.get("exception") or {}).get("values") or []
        if values:
            found.add(values[-1].get("value", ""))
        elif data.get("logentry"):
            found.add(data["logentry"].get("formatted") or data["logentry"].get("message", ""))
    return found
