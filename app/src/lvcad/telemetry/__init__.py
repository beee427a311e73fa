"""Error tracking with Sentry: consent first, every report scrubbed, nothing lost offline.

Qt-free (an import-linter contract checks it), and the only package that imports
``sentry_sdk``. :func:`init_sentry` starts it (a no-op without a DSN); the error boundary
and hooks (:mod:`lvcad.errors`) call :func:`capture_exception`; the error dialog shows
:attr:`Report.text` and calls :func:`decide`. Modules:

- :mod:`~lvcad.telemetry.consent` — off / ask each time / always, stored as JSON
- :mod:`~lvcad.telemetry.scrub` — personal data out of every envelope item
- :mod:`~lvcad.telemetry.transport` — scrub, enforce consent, send or keep
- :mod:`~lvcad.telemetry.outbox` — unsent reports on disk, sent at the next start
- :mod:`~lvcad.telemetry.config` — DSN, environment and release
- :mod:`~lvcad.telemetry.sentry` — the SDK set-up and the capture functions
"""

from __future__ import annotations

from .consent import Consent, ConsentStore, Mode
from .reports import Report, ReportState
from .sentry import (
    capture_exception,
    consent_store,
    decide,
    init_sentry,
    is_enabled,
    local_report,
    operation_transaction,
    report_previous_crash,
    scrub_text,
    set_mode,
    shutdown,
)

__all__ = [
    "Consent",
    "ConsentStore",
    "Mode",
    "Report",
    "ReportState",
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
