"""Unsent error reports on disk: written before sending, deleted once the server took them.

Each envelope is one file, written atomically (a temporary file, then ``os.replace``), in
the user's cache folder. The transport deletes the file after a 2xx answer; whatever is
left (no network, a 5xx, a 429, a full send queue, the app closed or killed first) is sent
again at the next start. A report sent twice is harmless: the server deduplicates by event
id. ``sentry-offline-transport`` 1.0 was evaluated first: it saves only when the request
raises (so not on 500 or 429 answers, nor on queue overflow), writes non-atomically, and
resends at 10 per second.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
import uuid
from pathlib import Path

from sentry_sdk.envelope import Envelope

__all__ = ["Outbox"]

log = logging.getLogger(__name__)

SUFFIX = ".envelope"
#: The outbox keeps at most this many reports (the oldest go first).
MAX_FILES = 2000


class Outbox:
    """A folder of envelopes waiting to be sent."""

    def __init__(self, folder: Path, *, max_files: int = MAX_FILES) -> None:
        self.folder = folder
        self.max_files = max_files

    def put(self, envelope: Envelope) -> Path | None:
        """Store ``envelope``; its file, or ``None`` if it could not be written."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            name = f"{time.time_ns():020d}-{uuid.uuid4().hex}{SUFFIX}"
            fd, temp = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as stream:
                    envelope.serialize_into(stream)
                path = self.folder / name
                os.replace(temp, path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError as error:
            log.warning("Cannot keep an error report for sending later: %s", error)
            return None
        return path

    def remove(self, path: Path) -> None:
        """Forget a report (sent, or refused for good)."""
        path.unlink(missing_ok=True)

    def waiting(self, *, older_than_ns: int | None = None) -> list[Path]:
        """The stored reports, oldest first (only those written before ``older_than_ns``).

        Beyond :attr:`max_files`, the oldest are deleted.
        """
        try:
            paths = sorted(self.folder.glob(f"*{SUFFIX}"))
        except OSError:
            return []
        excess, paths = paths[: -self.max_files], paths[-self.max_files :]
        for path in excess:
            self.remove(path)
        if older_than_ns is not None:
            paths = [p for p in paths if int(p.name.split("-", 1)[0]) < older_than_ns]
        return paths

    def load(self, path: Path) -> Envelope | None:
        """The envelope in ``path``; a damaged file is deleted (``None``)."""
        try:
            with path.open("rb") as stream:
                envelope = Envelope.deserialize_from(stream)
        except (OSError, ValueError) as error:
            log.warning("Dropping the unreadable error report %s: %s", path.name, error)
            self.remove(path)
            return None
        return envelope

    def clear(self) -> None:
        """Delete every stored report (the user turned error reporting off)."""
        for path in self.waiting():
            self.remove(path)
