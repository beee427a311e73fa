"""Where LV CAD keeps its per-user files: settings, data, caches and logs (platformdirs).

One place names the folders, so every module (consent, the report outbox, the log file)
agrees. On Linux they follow the XDG variables (tests point those at a temporary folder);
on Windows they are under ``%LOCALAPPDATA%\\LV CAD``.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import PlatformDirs

__all__ = ["cache_dir", "config_dir", "data_dir", "log_dir"]

_DIRS = PlatformDirs(appname="LV CAD", appauthor=False)


def config_dir() -> Path:
    """The folder of the user's LV CAD settings (e.g. error-reporting consent)."""
    return Path(_DIRS.user_config_dir)


def data_dir() -> Path:
    """The folder of LV CAD's own data (e.g. crash recovery: markers and autosaves)."""
    return Path(_DIRS.user_data_dir)


def cache_dir() -> Path:
    """The folder of files LV CAD may rebuild or lose (e.g. unsent error reports)."""
    return Path(_DIRS.user_cache_dir)


def log_dir() -> Path:
    """The folder of LV CAD's log files."""
    return Path(_DIRS.user_log_dir)
