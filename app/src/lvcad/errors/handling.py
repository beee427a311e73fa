"""The error boundary: an unexpected exception becomes a log entry, one report and (at most
once per kind) a dialog; the program goes on.

Expected errors (a file that cannot be read, a command that does not fit) are handled
where they happen, with their own messages; this is for the rest. Qt-free: the UI
registers a presenter (:func:`set_presenter`) that shows the dialog on the GUI thread;
without one, a plain line goes to stderr.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar, overload

from lvcad import logs, telemetry

from .throttle import Throttle, fingerprint

__all__ = [
    "ErrorInfo",
    "handle_error",
    "set_presenter",
    "throttle",
    "with_error_handling",
]

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")
F = TypeVar("F")

DEFAULT_MESSAGE = (
    "Something went wrong while trying to {operation}. Your drawing was not changed by the "
    "failed step; you can go on working and save."
)


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    """What the error dialog shows about one error."""

    operation: str
    message: str
    summary: str
    report: telemetry.Report
    log_path: Path
    fingerprint: str


Presenter = Callable[[ErrorInfo], None]


def _print_presenter(info: ErrorInfo) -> None:
    print(f"LV CAD: {info.message} ({info.summary}; log: {info.log_path})", file=sys.stderr)


_presenter: Presenter = _print_presenter
#: The dialog throttle (one dialog per fingerprint per window).
throttle = Throttle()


def set_presenter(presenter: Presenter | None) -> Presenter:
    """Show errors with ``presenter`` (``None``: plain stderr lines); return the old one."""
    global _presenter
    old = _presenter
    _presenter = presenter or _print_presenter
    return old


def handle_error(error: Exception, operation: str, user_message: str | None = None) -> ErrorInfo:
    """Log ``error`` with its traceback, capture it once, and present it (throttled)."""
    log.error("Unexpected error while trying to %s", operation, exc_info=error)
    report = telemetry.capture_exception(error)
    info = ErrorInfo(
        operation=operation,
        message=user_message or DEFAULT_MESSAGE.format(operation=operation),
        summary=f"{type(error).__name__}: {telemetry.scrub_text(str(error))}",
        report=report,
        log_path=logs.log_file(),
        fingerprint=fingerprint(error),
    )
    if throttle.allow(info.fingerprint):
        try:
            _presenter(info)
        except Exception:  # the dialog itself failed: the log has it, go on
            log.exception("Cannot show the error dialog")
    elif report.can_send and report.event_id is not None:
        # A repeat nobody is asked about is not sent ("ask each time").
        telemetry.decide(report.event_id, send=False)
    return info


@overload
def with_error_handling(
    operation: str, user_message: str | None = None, fallback_value: None = None
) -> Callable[[Callable[P, R]], Callable[P, R | None]]: ...
@overload
def with_error_handling(
    operation: str, user_message: str | None, fallback_value: F
) -> Callable[[Callable[P, R]], Callable[P, R | F]]: ...
@overload
def with_error_handling(
    operation: str, user_message: str | None = None, *, fallback_value: F
) -> Callable[[Callable[P, R]], Callable[P, R | F]]: ...


def with_error_handling(
    operation: str, user_message: str | None = None, fallback_value: Any = None
) -> Callable[[Callable[P, R]], Callable[P, Any]]:
    """Decorate a critical path: an ``Exception`` it raises is handled
    (:func:`handle_error`) and ``fallback_value`` returned. ``operation`` completes
    "while trying to …" (e.g. "open the drawing"). ``BaseException`` (Ctrl+C, exit) passes.
    """

    def decorate(function: Callable[P, R]) -> Callable[P, Any]:
        @functools.wraps(function)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> Any:
            try:
                return function(*args, **kwargs)
            except Exception as error:
                handle_error(error, operation, user_message)
                return fallback_value

        return guarded

    return decorate
