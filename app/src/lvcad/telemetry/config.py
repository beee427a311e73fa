"""Where the Sentry DSN, environment and release come from.

The DSN is not in the repository: the freeze step writes ``lvcad/_build_config.json``
(``{"sentry_dsn": ..., "environment": ..., "build": ...}``) into the frozen app, and
``SENTRY_DSN`` / ``SENTRY_ENVIRONMENT`` override it (a maintainer pointing the app at the
local dashboard). No DSN means error tracking is off: nothing is initialised.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from importlib import resources
from typing import Any

from lvcad import __version__

__all__ = ["BUILD_CONFIG", "TelemetryConfig", "load_config"]

log = logging.getLogger(__name__)

#: The file the freeze step writes next to lvcad/__init__.py (absent in the repository).
BUILD_CONFIG = "_build_config.json"


@dataclass(frozen=True, slots=True)
class TelemetryConfig:
    """The settings of error tracking for this build and run."""

    dsn: str | None
    environment: str
    release: str


def _build_config() -> dict[str, Any]:
    try:
        text = resources.files("lvcad").joinpath(BUILD_CONFIG).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return {}
    try:
        data = json.loads(text)
    except ValueError as error:
        log.warning("Ignoring the damaged build configuration %s: %s", BUILD_CONFIG, error)
        return {}
    return data if isinstance(data, dict) else {}


def load_config(dsn: str | None = None, environment: str | None = None) -> TelemetryConfig:
    """The configuration: arguments first, then the environment, then the build config."""
    build = _build_config()
    dsn = dsn or os.environ.get("SENTRY_DSN") or build.get("sentry_dsn") or None
    environment = (
        environment
        or os.environ.get("SENTRY_ENVIRONMENT")
        or build.get("environment")
        or "production"
    )
    release = f"lvcad@{__version__}"
    if build.get("build"):
        release += f"+{build['build']}"
    return TelemetryConfig(dsn=dsn, environment=str(environment), release=release)
