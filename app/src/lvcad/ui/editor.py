"""The running editor: its windows, its crash-recovery session, and the offer to restore
what a crashed run left.

:func:`start_editor` is what ``lvcad [FILE]`` runs before the event loop: it looks for
crashed runs (:func:`lvcad.recovery.find_crashed_sessions`), starts this run's recovery
session (running marker, faulthandler crash file, autosave folder), opens the main window
with autosave on, and offers to restore the recovered drawings. :meth:`Editor.close` after
the event loop is the clean exit that removes the session.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from PySide6.QtCore import QSettings

from lvcad.io import DocumentError
from lvcad.recovery import (
    DEFAULT_INTERVAL_SECONDS,
    Session,
    default_root,
    find_crashed_sessions,
    remember_previous_crashes,
)

from .files import report_file_error
from .main_window import MainWindow
from .restore_dialog import RestoreDialog

__all__ = ["AUTOSAVE_INTERVAL_KEY", "Editor", "autosave_interval", "start_editor"]

log = logging.getLogger(__name__)

#: The setting (``QSettings``) with the autosave interval in seconds; 0 turns the timer off.
AUTOSAVE_INTERVAL_KEY = "autosave/interval_seconds"
#: The longest interval taken (a day; Qt timers cannot wait much longer than 24 days).
MAX_INTERVAL_SECONDS = 86400.0


def autosave_interval(settings: QSettings) -> float:
    """The autosave interval in seconds from ``settings`` (default 60, at most a day)."""
    value = settings.value(AUTOSAVE_INTERVAL_KEY, DEFAULT_INTERVAL_SECONDS)
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        seconds = -1.0
    if not seconds >= 0:  # also NaN
        log.warning("ignoring %s=%r: not a number of seconds", AUTOSAVE_INTERVAL_KEY, value)
        return DEFAULT_INTERVAL_SECONDS
    return min(seconds, MAX_INTERVAL_SECONDS)


class Editor:
    """The editor's windows and its recovery session."""

    def __init__(self, settings: QSettings, recovery_root: Path | None = None) -> None:
        self.settings = settings
        self.windows: list[MainWindow] = []
        self.restore_dialog: RestoreDialog | None = None
        root = default_root() if recovery_root is None else recovery_root
        try:
            self.crashed = find_crashed_sessions(root)
        except OSError as error:
            log.warning("cannot look for crashed sessions in %s: %s", root, error)
            self.crashed = []
        remember_previous_crashes(self.crashed)
        for crashed in [c for c in self.crashed if not c.documents]:
            crashed.discard()  # nothing to restore; its report is kept in memory
            self.crashed.remove(crashed)
        self.session: Session | None
        try:
            self.session = Session.start(root)
        except OSError as error:
            log.warning("crash recovery is off: cannot write to %s: %s", root, error)
            self.session = None
            self._startup_message = (
                f"Autosave is off: LV CAD cannot write to {str(root)!r} ({error.strerror})."
            )
        else:
            self._startup_message = ""

    def new_window(self) -> MainWindow:
        """A new, shown main window on an empty drawing, autosaved into the session."""
        window = MainWindow(settings=self.settings)
        if self.session is not None:
            window.enable_autosave(self.session, autosave_interval(self.settings))
        elif self._startup_message:
            window.show_message(self._startup_message)
        self.windows.append(window)
        window.show()
        return window

    def offer_restore(self) -> RestoreDialog | None:
        """Show the restore dialog if crashed runs left drawings (the dialog, or ``None``)."""
        documents = [document for crashed in self.crashed for document in crashed.documents]
        if not documents:
            return None
        parent = self.windows[0] if self.windows else None
        self.restore_dialog = RestoreDialog(documents, parent)
        self.restore_dialog.restore.connect(self.restore)
        self.restore_dialog.discard.connect(self.discard)
        self.restore_dialog.open()
        return self.restore_dialog

    def restore(self) -> list[MainWindow]:
        """Open every recovered drawing as unsaved changes (the first one in the start
        window if that is still an untouched new drawing, the others in new windows)."""
        opened = []
        for crashed in self.crashed:
            failed = False
            for recovered in crashed.documents:
                try:
                    document = recovered.load()
                except (DocumentError, OSError) as error:
                    failed = True
                    report_file_error(self.windows[0] if self.windows else None, "Restore", error)
                    continue
                window = self._untouched_window() or self.new_window()
                window.restore_document(document, recovered.path, recovered.name)
                opened.append(window)
                with contextlib.suppress(OSError):
                    recovered.autosave.unlink(missing_ok=True)
            # The restored drawings are autosaved in this session now; a copy that could
            # not be read stays for the next start.
            if failed:
                crashed.release()
            else:
                crashed.discard()
        self.crashed = []
        return opened

    def _untouched_window(self) -> MainWindow | None:
        for window in self.windows:
            if (
                window.isVisible()
                and window.path is None
                and window.undo_stack.isClean()
                and not len(window.document)
            ):
                return window
        return None

    def discard(self) -> None:
        """Delete what the crashed runs left."""
        for crashed in self.crashed:
            crashed.discard()
        self.crashed = []

    def close(self) -> None:
        """The clean exit: end the recovery session (the marker and copies go)."""
        for crashed in self.crashed:
            crashed.release()
        self.crashed = []
        if self.session is not None:
            self.session.close()


def start_editor(
    path: str | Path | None = None,
    *,
    settings: QSettings | None = None,
    recovery_root: Path | None = None,
) -> Editor:
    """Open the editor window (on ``path`` if given) with crash recovery, and offer to
    restore what a crashed run left. Run the event loop next, then :meth:`Editor.close`."""
    editor = Editor(settings if settings is not None else QSettings(), recovery_root)
    window = editor.new_window()
    if path:
        window.open_file(path)
    else:
        window.view.zoom_extents()
    editor.offer_restore()
    return editor
