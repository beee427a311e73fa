"""What a captured error became: the report the error dialog shows, and its fate."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["Report", "ReportState"]


class ReportState(Enum):
    """Where a report stands."""

    #: Error tracking is not configured in this build (no DSN): the report stays local.
    LOCAL = "local"
    #: The user turned error reporting off: nothing is sent.
    NOT_SENT = "not sent"
    #: "Ask each time": the report waits for the user's Send or Don't send.
    PENDING = "pending"
    #: "Always": the report is on its way (kept on disk until the server took it).
    SENT = "sent"


@dataclass(frozen=True, slots=True)
class Report:
    """One error report: its event id (``None`` when nothing was captured), the exact
    scrubbed text that is (or would be) sent, and its state."""

    event_id: str | None
    text: str
    state: ReportState

    @property
    def can_send(self) -> bool:
        """True when the user may still send or discard it."""
        return self.state is ReportState.PENDING
