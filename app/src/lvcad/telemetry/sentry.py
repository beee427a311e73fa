"""The Sentry SDK set-up, and the functions the rest of LV CAD captures errors with.

Settings (DESIGN §5, measured with sentry-sdk 2.75): 10% of user commands traced (only
while the user allows sending), profiling with the non-deprecated session options, INFO
logs as breadcrumbs and ERROR logs as events, a send queue of 1000 (the default 100 drops
most of a burst), 50 breadcrumbs, frames of ``lvcad`` in-app, no local variables. The
SDK's own excepthook and thread hooks are off: :mod:`lvcad.errors` installs hooks that
capture once and show the error dialog.
"""

from __future__ import annotations

import json
import logging
import random
import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sentry_sdk
from sentry_sdk.integrations.argv import ArgvIntegration
from sentry_sdk.integrations.excepthook import ExcepthookIntegration
from sentry_sdk.integrations.logging import LoggingIntegration, ignore_logger
from sentry_sdk.integrations.threading import ThreadingIntegration

from lvcad import appdirs

from .config import load_config
from .consent import ConsentStore, Mode
from .outbox import Outbox
from .reports import Report, ReportState
from .scrub import Scrubber
from .transport import ReportTransport

__all__ = [
    "capture_exception",
    "consent_store",
    "decide",
    "init_sentry",
    "is_enabled",
    "local_report",
    "operation_transaction",
    "report_previous_crash",
    "scrub_text",
    "set_mode",
    "shutdown",
]

log = logging.getLogger(__name__)

TRACES_SAMPLE_RATE = 0.1
PROFILE_SESSION_SAMPLE_RATE = 0.1
TRANSPORT_QUEUE_SIZE = 1000
MAX_BREADCRUMBS = 50
SHUTDOWN_TIMEOUT = 2.0
#: Loggers whose records are captured explicitly (never again as logging events).
CAPTURING_LOGGERS = ("lvcad.errors", "lvcad.errors.*")

_lock = threading.Lock()
_consent: ConsentStore | None = None
_scrubber: Scrubber | None = None
_transport: ReportTransport | None = None


def consent_store() -> ConsentStore:
    """The user's consent (the default store, in the user's config folder)."""
    global _consent
    with _lock:
        if _consent is None:
            _consent = ConsentStore()
        return _consent


def _default_scrubber() -> Scrubber:
    global _scrubber
    with _lock:
        if _scrubber is None:
            _scrubber = Scrubber()
        return _scrubber


def init_sentry(
    dsn: str | None = None,
    environment: str | None = None,
    *,
    consent: ConsentStore | None = None,
    scrubber: Scrubber | None = None,
    outbox_dir: Path | None = None,
    shutdown_timeout: float = SHUTDOWN_TIMEOUT,
) -> bool:
    """Start error tracking; False (and nothing started) when there is no DSN.

    ``dsn`` and ``environment`` default to ``SENTRY_DSN`` / ``SENTRY_ENVIRONMENT``, then
    the build configuration (:mod:`~lvcad.telemetry.config`); the environment is
    "production" when none says otherwise. Reports are sent only as the user's consent
    allows (default: off).
    """
    global _consent, _scrubber, _transport
    config = load_config(dsn, environment)
    if not config.dsn:
        log.info("Error reporting is not configured in this build (no DSN)")
        return False
    with _lock:
        if consent is not None:
            _consent = consent
        if scrubber is not None:
            _scrubber = scrubber
    store, scrub = consent_store(), _default_scrubber()
    outbox = Outbox(outbox_dir if outbox_dir is not None else appdirs.cache_dir() / "reports")

    class Transport(ReportTransport):
        def __init__(self, options: dict[str, Any]) -> None:
            super().__init__(options, consent=store, scrubber=scrub, outbox=outbox)

    def traces_sampler(_context: dict[str, Any]) -> float:
        return TRACES_SAMPLE_RATE if store.mode is Mode.ALWAYS else 0.0

    for name in CAPTURING_LOGGERS:
        ignore_logger(name)
    frozen_root = getattr(sys, "_MEIPASS", None)
    sentry_sdk.init(
        dsn=config.dsn,
        release=config.release,
        environment=config.environment,
        transport=Transport,
        traces_sampler=traces_sampler,
        profile_session_sample_rate=PROFILE_SESSION_SAMPLE_RATE,
        profile_lifecycle="trace",
        integrations=[LoggingIntegration(level=logging.INFO, event_level=logging.ERROR)],
        disabled_integrations=[ExcepthookIntegration, ThreadingIntegration, ArgvIntegration],
        auto_enabling_integrations=False,
        transport_queue_size=TRANSPORT_QUEUE_SIZE,
        max_breadcrumbs=MAX_BREADCRUMBS,
        in_app_include=["lvcad"],
        include_local_variables=False,
        shutdown_timeout=shutdown_timeout,
        **({"project_root": frozen_root} if frozen_root else {}),
    )
    transport = sentry_sdk.get_client().transport
    _transport = transport if isinstance(transport, ReportTransport) else None
    log.info(
        "Error reporting configured: %s, %s, mode %s",
        config.release,
        config.environment,
        store.mode.value,
    )
    return _transport is not None


def is_enabled() -> bool:
    """True when error tracking runs (a DSN was configured)."""
    return _transport is not None


def shutdown(timeout: float | None = None) -> None:
    """Send what can be sent within ``timeout`` seconds and stop (unsent reports stay on
    disk for the next start)."""
    global _transport
    client = sentry_sdk.get_client()
    if client.is_active():
        client.close(timeout=timeout)
    _transport = None


def set_mode(mode: Mode) -> None:
    """Store the user's choice; turning reporting off also deletes unsent reports."""
    consent_store().save(mode)
    if mode is Mode.OFF and _transport is not None:
        _transport.outbox.clear()


# --------------------------------------------------------------------------- capturing


def _report(event_id: str | None, fallback_text: str) -> Report:
    transport = _transport
    if transport is None:
        return Report(None, fallback_text, ReportState.LOCAL)
    envelope = transport.report(event_id) if event_id else None
    if event_id is None or envelope is None:
        return Report(event_id, fallback_text, ReportState.NOT_SENT)
    event = envelope.get_event() or {}
    text = json.dumps(event, indent=2, sort_keys=True, ensure_ascii=False, default=str)
    if transport.is_pending(event_id):
        return Report(event_id, text, ReportState.PENDING)
    mode = transport.consent.mode
    return Report(event_id, text, ReportState.SENT if mode is Mode.ALWAYS else ReportState.NOT_SENT)


def scrub_text(text: str) -> str:
    """``text`` without personal data (the same rules as the reports)."""
    return _default_scrubber().text(text)


def local_report(error: BaseException) -> str:
    """The scrubbed traceback of ``error`` (what the dialog shows when nothing is sent)."""
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return scrub_text(text)


def capture_exception(error: BaseException) -> Report:
    """Capture ``error`` once; the report (scrubbed) and what happens to it."""
    event_id = sentry_sdk.capture_exception(error) if _transport is not None else None
    return _report(event_id, local_report(error))


def report_previous_crash(text: str) -> Report | None:
    """Report that the previous run crashed, with its crash log ``text`` (e.g.
    faulthandler's output), as consent allows; ``None`` without error tracking."""
    if _transport is None:
        return None
    with sentry_sdk.new_scope() as scope:
        scope.fingerprint = ["previous-run-crashed"]
        scope.set_extra("crash_log", text[-20_000:])
        event_id = sentry_sdk.capture_message(
            "LV CAD stopped unexpectedly in the previous run", level="fatal"
        )
    return _report(event_id, _default_scrubber().text(text))


def decide(event_id: str, *, send: bool, comment: str = "") -> bool:
    """The user's answer to a pending report: send it (with ``comment``) or not."""
    if _transport is None:
        return False
    return _transport.decide(event_id, send=send, comment=comment)


@contextmanager
def operation_transaction(name: str) -> Iterator[None]:
    """Trace one file operation (open, import, save, export): 10% of them, while the user
    allows sending.

    Edit commands are not traced: a sampled transaction costs ~2.4M instructions on the GUI
    thread, more than a typical edit, so 10% of commands added 22% (callgrind, see
    benchmarks/sentry_overhead.py); next to reading or writing a file it is noise. Edit
    commands are breadcrumbs (the ``Command: …`` log line) instead.

    The draw is made here, before the SDK is asked: an unsampled SDK transaction still
    costs ~0.1 ms (ids, a seeded random generator, scope work), more than many commands.
    """
    transport = _transport
    if (
        transport is None
        or transport.consent.mode is not Mode.ALWAYS
        or random.random() >= TRACES_SAMPLE_RATE
    ):
        yield
        return
    with sentry_sdk.start_transaction(op="file", name=name, sampled=True):
        yield
