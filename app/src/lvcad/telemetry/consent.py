"""The user's choice about error reports: off (the default), ask each time, or always.

Stored as a small JSON file in the user's config folder, so it is Qt-free and readable by
the transport on any thread. Until the user has chosen (:attr:`Consent.asked` is false),
the mode is off and the first-run dialog asks.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from lvcad import appdirs

__all__ = ["Consent", "ConsentStore", "Mode"]

log = logging.getLogger(__name__)

CONSENT_FILE = "error-reporting.json"


class Mode(Enum):
    """Whether error reports leave the machine."""

    #: Nothing is sent (the default).
    OFF = "off"
    #: Each report is shown to the user, who sends or discards it.
    ASK = "ask"
    #: Reports are sent without asking.
    ALWAYS = "always"

    @property
    def label(self) -> str:
        """The mode in the user's words."""
        return {
            Mode.OFF: "Never send error reports",
            Mode.ASK: "Ask me each time",
            Mode.ALWAYS: "Always send error reports",
        }[self]


@dataclass(frozen=True, slots=True)
class Consent:
    """The stored choice: the mode and whether the user was ever asked."""

    mode: Mode = Mode.OFF
    asked: bool = False


class ConsentStore:
    """The consent file (default: in :func:`lvcad.appdirs.config_dir`), cached in memory."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else appdirs.config_dir() / CONSENT_FILE
        self._lock = threading.Lock()
        self._cached: Consent | None = None

    def load(self) -> Consent:
        """The stored consent; off (and not asked) when the file is missing or unreadable."""
        with self._lock:
            if self._cached is None:
                self._cached = self._read()
            return self._cached

    @property
    def mode(self) -> Mode:
        """The current mode."""
        return self.load().mode

    def save(self, mode: Mode) -> Consent:
        """Store ``mode`` (the user has now chosen) atomically; return the new consent."""
        consent = Consent(mode, asked=True)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"mode": mode.value, "asked": True}, indent=2)
        fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".consent-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as stream:
                stream.write(text + "\n")
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        with self._lock:
            self._cached = consent
        log.info("Error reporting set to %r", mode.value)
        return consent

    def _read(self) -> Consent:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return Consent(Mode(data["mode"]), asked=bool(data.get("asked", True)))
        except FileNotFoundError:
            return Consent()
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("Ignoring the unreadable consent file %s: %s", self.path, error)
            return Consent()
