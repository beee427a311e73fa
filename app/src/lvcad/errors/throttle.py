"""One dialog per kind of error: a fingerprint and a throttle, so an error storm (the same
failure on every mouse move) shows one dialog, not hundreds."""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable

__all__ = ["Throttle", "fingerprint"]

#: Seconds during which the same error shows no second dialog.
DEFAULT_WINDOW = 600.0


def fingerprint(error: BaseException) -> str:
    """What identifies a kind of error: its type and the place it was raised."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].name}:{frames[-1].lineno}" if frames else ""
    return f"{type(error).__module__}.{type(error).__qualname__}@{where}"


class Throttle:
    """Allows each fingerprint once per ``window`` seconds (``clock`` is for tests)."""

    def __init__(
        self, window: float = DEFAULT_WINDOW, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.window = window
        self._clock = clock
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """True if ``key`` was not allowed within the window (and note it now)."""
        now = self._clock()
        with self._lock:
            last = self._last.get(key)
            if last is not None and now - last < self.window:
                return False
            self._last[key] = now
            return True

    def reset(self) -> None:
        """Forget every fingerprint."""
        with self._lock:
            self._last.clear()
