"""Recent files, kept in the application settings (``QSettings``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

__all__ = ["RecentFiles"]

#: How many recent files are remembered.
MAX_RECENT = 8
_KEY = "recent_files"


class RecentFiles:
    """The most recently opened or saved files, newest first."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def paths(self) -> list[str]:
        """The remembered paths, newest first."""
        value = self.settings.value(_KEY, [])
        if isinstance(value, str):  # QSettings returns a lone string for a one-item list
            value = [value]
        if not isinstance(value, list):
            return []
        return [str(path) for path in value][:MAX_RECENT]

    def add(self, path: str | Path) -> None:
        """Remember ``path`` as the newest file."""
        text = str(Path(path).resolve())
        paths = [text, *(p for p in self.paths() if p != text)][:MAX_RECENT]
        self.settings.setValue(_KEY, paths)
        self.settings.sync()

    def remove(self, path: str | Path) -> None:
        """Forget ``path`` (e.g. it no longer exists)."""
        text = str(path)
        self.settings.setValue(_KEY, [p for p in self.paths() if p != text])
        self.settings.sync()

    def clear(self) -> None:
        """Forget every recent file."""
        self.settings.setValue(_KEY, [])
        self.settings.sync()
