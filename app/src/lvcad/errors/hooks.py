"""Global hooks: an exception nobody caught — on the main thread, in a plain thread, in a
``QThread`` (PySide6 hands those to ``sys.excepthook`` on the worker thread), or one
Python could only report as "unraisable" — is handled like one the boundary caught.

Each hook chains to the one it replaced, if someone else installed it (the interpreter's
defaults only print the traceback to stderr, which the log file already has), and
:func:`uninstall_hooks` puts the old ones back. ``KeyboardInterrupt`` and ``SystemExit``
only go to the previous hook, default or not.
"""

from __future__ import annotations

import sys
import threading
from types import TracebackType
from typing import Any

from .handling import handle_error

__all__ = ["install_hooks", "uninstall_hooks"]

_previous: dict[str, Any] = {}


def _chain(name: str, default: Any, handled: bool, *args: Any) -> None:
    """Pass on to the replaced hook, unless it is the default and the error was handled."""
    previous = _previous[name]
    if not handled or previous is not default:
        previous(*args)


def _excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if isinstance(error, Exception):
        handle_error(error.with_traceback(tb), "finish the last action")
    _chain("excepthook", sys.__excepthook__, isinstance(error, Exception), kind, error, tb)


def _threading_excepthook(args: threading.ExceptHookArgs) -> None:
    error = args.exc_value
    if isinstance(error, Exception):
        name = args.thread.name if args.thread is not None else "a background task"
        handle_error(error, f"finish a background task ({name})")
    _chain("threading", threading.__excepthook__, isinstance(error, Exception), args)


def _unraisablehook(args: Any) -> None:
    error = args.exc_value
    if isinstance(error, Exception):
        handle_error(error, "clean up after an operation")
    _chain("unraisable", sys.__unraisablehook__, isinstance(error, Exception), args)


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
