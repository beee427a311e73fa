"""Global hooks: an exception nobody caught — on the main thread, in a plain thread, in a
``QThread`` (PySide6 hands those to ``sys.excepthook`` on the worker thread), or one
Python could only report as "unraisable" — is handled like one the boundary caught.

Each hook chains to the one it replaced (after handling: the default ones print the
traceback to stderr, which a windowed build does not show), and :func:`uninstall_hooks`
puts the old ones back. ``KeyboardInterrupt`` and ``SystemExit`` only go to the previous
hook.
"""

from __future__ import annotations

import sys
import threading
from types import TracebackType
from typing import Any

from .handling import handle_error

__all__ = ["install_hooks", "uninstall_hooks"]

_previous: dict[str, Any] = {}


def _excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if isinstance(error, Exception):
        handle_error(error.with_traceback(tb), "finish the last action")
    _previous["excepthook"](kind, error, tb)


def _threading_excepthook(args: threading.ExceptHookArgs) -> None:
    error = args.exc_value
    if isinstance(error, Exception):
        name = args.thread.name if args.thread is not None else "a background task"
        handle_error(error, f"finish a background task ({name})")
    _previous["threading"](args)


def _unraisablehook(args: Any) -> None:
    error = args.exc_value
    if isinstance(error, Exception):
        handle_error(error, "clean up after an operation")
    _previous["unraisable"](args)


def install_hooks() -> None:
    """Install the three hooks (a second call does nothing)."""
    if _previous:
        return
    _previous["excepthook"] = sys.excepthook
    _previous["threading"] = threading.excepthook
    _previous["unraisable"] = sys.unraisablehook
    sys.excepthook = _excepthook
    threading.excepthook = _threading_excepthook
    sys.unraisablehook = _unraisablehook


def uninstall_hooks() -> None:
    """Put the previous hooks back."""
    if not _previous:
        return
    sys.excepthook = _previous.pop("excepthook")
    threading.excepthook = _previous.pop("threading")
    sys.unraisablehook = _previous.pop("unraisable")
