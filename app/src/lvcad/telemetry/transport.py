"""The transport every report goes through: scrub, then consent, then send (or keep).

Scrubbing here, not in ``before_send``, is what reaches every envelope item: profiles,
transactions, breadcrumbs and headers too (no ``before_*`` hook sees a profile). It is also
the single place that enforces consent:

- off: the report is dropped;
- ask each time: error events wait in the pending store until the error dialog sends or
  discards them (anything else is dropped);
- always: error reports are written to the :class:`~lvcad.telemetry.outbox.Outbox` and
  sent; a file is deleted once the server answered 2xx, so failures are sent at the next
  start. Transactions and profiles are sent best effort.

The last scrubbed reports are kept by event id, so the error dialog shows exactly the bytes
that are (or would be) sent.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import HttpTransport
from sentry_sdk.utils import capture_internal_exceptions

from .consent import ConsentStore, Mode
from .outbox import Outbox
from .scrub import Scrubber

__all__ = ["ReportTransport", "event_id_of"]

log = logging.getLogger(__name__)

#: How many scrubbed reports are kept in memory for the error dialog.
RECENT_REPORTS = 50
#: Status codes after which sending the same report again cannot help.
_FINAL_REFUSALS = frozenset({400, 401, 403, 413})


def event_id_of(envelope: Envelope) -> str | None:
    """The id of the error event in ``envelope`` (``None`` if it carries none)."""
    event = envelope.get_event()
    if event is not None:
        return str(event.get("event_id") or envelope.headers.get("event_id") or "") or None
    return None


class ReportTransport(HttpTransport):
    """sentry-sdk's HTTP transport with scrubbing, consent, a pending store and an outbox."""

    def __init__(
        self,
        options: dict[str, Any],
        *,
        consent: ConsentStore,
        scrubber: Scrubber,
        outbox: Outbox,
    ) -> None:
        super().__init__(options)
        self.consent = consent
        self.scrubber = scrubber
        self.outbox = outbox
        self._lock = threading.Lock()
        self._recent: OrderedDict[str, Envelope] = OrderedDict()
        self._pending: set[str] = set()
        self._status: int | None = None
        self._resend_previous(time.time_ns())

    # ------------------------------------------------------------------------ capturing

    def capture_envelope(self, envelope: Envelope) -> None:
        """Drop, hold or send ``envelope`` (scrubbed) as the user's consent says.

        Error events are scrubbed on the calling thread (the error dialog shows the result)
        and kept in the outbox until sent. Everything else (transactions, profiles, client
        reports) is scrubbed and sent on the worker thread, best effort: the editor's
        commands do not wait for it.
        """
        mode = self.consent.mode
        if mode is Mode.OFF:
            return
        if envelope.get_event() is None:
            if mode is Mode.ALWAYS:
                self._submit(lambda: self._send_now(self.scrubber.envelope(envelope), None))
            return
        clean = self.scrubber.envelope(envelope)
        event_id = event_id_of(clean) if clean is not None else None
        if clean is None or event_id is None:
            return
        self._remember(event_id, clean, pending=mode is Mode.ASK)
        if mode is Mode.ALWAYS:
            self.send(clean)

    def _remember(self, event_id: str, envelope: Envelope, *, pending: bool) -> None:
        with self._lock:
            self._recent[event_id] = envelope
            if pending:
                self._pending.add(event_id)
            while len(self._recent) > RECENT_REPORTS:
                old, _ = self._recent.popitem(last=False)
                self._pending.discard(old)

    def report(self, event_id: str) -> Envelope | None:
        """The scrubbed report with ``event_id``, if it is still kept."""
        with self._lock:
            return self._recent.get(event_id)

    def is_pending(self, event_id: str) -> bool:
        """True while the report ``event_id`` waits for the user's decision."""
        with self._lock:
            return event_id in self._pending

    def decide(self, event_id: str, *, send: bool, comment: str = "") -> bool:
        """Send (with the user's ``comment``) or discard a pending report; True if sent."""
        with self._lock:
            if event_id not in self._pending:
                return False
            self._pending.discard(event_id)
            envelope = self._recent[event_id]
        if not send or self.consent.mode is Mode.OFF:
            return False
        if comment.strip():
            envelope = self._with_comment(envelope, comment.strip())
        self.send(envelope)
        return True

    def _with_comment(self, envelope: Envelope, comment: str) -> Envelope:
        event = envelope.get_event()
        if event is None:
            return envelope
        event = {**event, "extra": {**(event.get("extra") or {}), "user_comment": comment}}
        others = [item for item in envelope.items if item.type != "event"]
        rebuilt = Envelope(headers=envelope.headers)
        rebuilt.add_event(event)
        for item in others:
            rebuilt.add_item(item)
        return self.scrubber.envelope(rebuilt) or envelope

    # -------------------------------------------------------------------------- sending

    def send(self, envelope: Envelope, path: Path | None = None) -> None:
        """Send a scrubbed error report in the background, kept on disk until the server
        took it (``path``: it is already stored there)."""
        if path is None:
            path = self.outbox.put(envelope)
        self._submit(lambda: self._send_now(envelope, path))

    def _submit(self, job: Callable[[], None]) -> None:
        if not self._worker.submit(job):
            self.on_dropped_event("full_queue")
            log.debug("Send queue full: error reports stay in the outbox for the next start")

    def _send_now(self, envelope: Envelope | None, path: Path | None) -> None:
        """Send ``envelope`` (on the worker thread); forget ``path`` once it was taken."""
        if envelope is None:
            return
        self._status = None
        with capture_internal_exceptions():
            self._send_envelope(envelope)
        status = self._status
        done = status is not None and (200 <= status < 300 or status in _FINAL_REFUSALS)
        if path is not None and done:
            self.outbox.remove(path)
        with capture_internal_exceptions():
            self._flush_client_reports()

    def _handle_response(self, response: Any, envelope: Envelope | None) -> None:
        self._status = int(response.status)
        super()._handle_response(response, envelope)

    def _resend_previous(self, started_ns: int) -> None:
        """Queue the reports earlier runs could not send (consent permitting)."""
        if self.consent.mode is not Mode.ALWAYS:
            return
        waiting = self.outbox.waiting(older_than_ns=started_ns)
        if waiting:
            log.info("Sending %d error reports kept from earlier runs", len(waiting))
        for path in waiting:
            envelope = self.outbox.load(path)
            if envelope is not None:
                self.send(envelope, path)
