"""Autosaving one open document into the recovery session, without Qt.

An :class:`Autosaver` watches the document it tracks (its change records) and writes an
autosave copy only when the document changed since the last copy and has unsaved changes.
Saving the document or closing it removes the copy.

The editor's timer (every :data:`DEFAULT_INTERVAL_SECONDS` unless set otherwise) calls
:meth:`Autosaver.autosave_in_background`: on the editor's thread it only takes a
:meth:`~lvcad.model.Document.snapshot` of the document (a few ms for 100k entities); an
:class:`AutosaveJob` encodes and writes that copy on a worker thread, and the editor hands
the finished job back to :meth:`Autosaver.finish` on its own thread. One job at a time:
a tick while one runs is remembered and the next job starts when it ends, with the newest
changes. Before risky operations (:func:`is_risky`) the editor calls the synchronous
:meth:`Autosaver.autosave`, which waits for a job in progress first: the copy is on disk
before an operation that might take the process down starts.

The copy is the ``.lvcad`` format itself (:func:`lvcad.io.document_to_bytes`) written with
:func:`lvcad.io.atomic.write_atomically`, in the session folder, never next to the user's
file.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable
from pathlib import Path

from lvcad.commands import (
    AddEntities,
    Command,
    CopyEntities,
    DeleteEntities,
    EditEntities,
    ReshapeEntities,
    SetUnderlay,
    TransformEntities,
)
from lvcad.io import document_to_bytes
from lvcad.model import Change, Document, Subscription

from .session import Session

__all__ = [
    "DEFAULT_INTERVAL_SECONDS",
    "RISKY_ENTITY_COUNT",
    "AutosaveJob",
    "Autosaver",
    "is_risky",
]

log = logging.getLogger(__name__)

#: How often the editor autosaves a changed document, unless the settings say otherwise.
DEFAULT_INTERVAL_SECONDS = 60
#: A command changing at least this many entities gets an autosave first.
RISKY_ENTITY_COUNT = 500
#: Errors of encoding or writing a copy that the user is told about (``on_error``); any
#: other exception is a bug, raised by :meth:`Autosaver.finish` to the error boundary.
EXPECTED_ERRORS = (OSError, ValueError, TypeError, OverflowError, RecursionError)


def is_risky(command: Command) -> bool:
    """Whether the document is worth autosaving before ``command`` runs: attaching or
    removing an underlay (a DXF read), or a change to :data:`RISKY_ENTITY_COUNT` or more
    entities at once (a select-all move, copy, delete or a big trim)."""
    if isinstance(command, SetUnderlay):
        return True
    if isinstance(command, TransformEntities | CopyEntities | DeleteEntities):
        count = len(command.ids)
    elif isinstance(command, AddEntities | EditEntities):
        count = len(command.entities)
    elif isinstance(command, ReshapeEntities):
        count = len(command.replaced) + len(command.added) + len(command.removed)
    else:
        return False
    return count >= RISKY_ENTITY_COUNT


class AutosaveJob:
    """One autosave copy in the making: the document as it was when the job was made.

    :meth:`run` (on any thread) encodes and writes it and never raises: the outcome is
    :attr:`written` or :attr:`error`. :meth:`cancel` stops a job whose copy is no longer
    wanted: it writes nothing unless its write had already started.
    """

    def __init__(self, session: Session, key: str, snapshot: Document) -> None:
        self.session = session
        self.key = key
        #: The document at the time of the job (never changed).
        self.snapshot = snapshot
        #: The copy written, once it is (``None``: not yet, cancelled, or failed).
        self.written: Path | None = None
        #: Why the copy could not be written.
        self.error: Exception | None = None
        self._cancelled = threading.Event()

    @property
    def cancelled(self) -> bool:
        """Whether :meth:`cancel` was called."""
        return self._cancelled.is_set()

    def cancel(self) -> None:
        """The copy is no longer wanted (the document was saved or closed)."""
        self._cancelled.set()

    def run(self) -> None:
        """Encode the snapshot and write it into the session (unless cancelled)."""
        try:
            if self.cancelled:
                return
            data = document_to_bytes(self.snapshot)
            self.written = self.session.write_autosave(self.key, data, cancelled=self._cancelled)
        except Exception as error:  # handed to the editor's thread by Autosaver.finish
            self.error = error


class Autosaver:
    """Autosave copies of the document open in one editor window.

    All methods are for the editor's thread; only a job's :meth:`AutosaveJob.run` runs on
    the worker. ``on_error`` is told (once per failure streak) when a copy cannot be
    written; the editor shows it in the status bar. Expected failures never raise into
    the editor.
    """

    def __init__(
        self, session: Session, on_error: Callable[[str], None] = lambda message: None
    ) -> None:
        self.session = session
        self.on_error = on_error
        self.key = ""
        self.document: Document | None = None
        #: The document changed since the snapshot of the last copy (and is not saved).
        self.pending = False
        self._subscription: Subscription[Change] | None = None
        self._failing = False
        #: The job on the worker thread, until :meth:`finish` takes its outcome.
        self._job: AutosaveJob | None = None
        self._thread: threading.Thread | None = None
        #: Told on the worker thread when the job ends (see autosave_in_background).
        self._done: Callable[[AutosaveJob], None] | None = None
        #: A tick came while a job ran: start another when it ends.
        self._again = False

    @property
    def busy(self) -> bool:
        """Whether a copy is being made on the worker thread."""
        return self._job is not None

    def track(self, document: Document, *, name: str, path: Path | None, modified: bool) -> None:
        """Autosave ``document`` from now on (the previous one is closed, its copy deleted).

        ``modified``: the document already differs from its file (an import, a recovered
        document), so the next :meth:`autosave` writes a copy without waiting for a change.
        """
        self.close()
        self.key = secrets.token_hex(6)
        self.document = document
        self._subscription = document.subscribe(self._changed)
        self.pending = modified
        self.session.register(self.key, name=name, path=path)

    def _changed(self, _change: Change) -> None:
        self.pending = True

    def _new_job(self) -> AutosaveJob | None:
        """A job for the document as it is now, if it changed since the last copy."""
        if not self.pending or self.document is None:
            return None
        self.pending = False  # changes from now on are for the next copy
        return AutosaveJob(self.session, self.key, self.document.snapshot())

    def autosave_in_background(self, done: Callable[[AutosaveJob], None]) -> bool:
        """Start a copy on a worker thread if the document changed since the last one;
        True when started.

        ``done(job)`` is called on the worker thread when the job ended; the caller must
        then pass the job to :meth:`finish` on the editor's thread. While a job runs,
        this only asks :meth:`finish` to start the next one.
        """
        self._done = done
        if self._job is not None:
            self._again = True
            return False
        job = self._new_job()
        if job is None:
            return False

        # The worker waits until this thread is done starting it: otherwise it takes the
        # interpreter lock at once and this thread gets it back only after the switch
        # interval (5 ms), inside the timer's tick.
        started = threading.Event()

        def work() -> None:
            started.wait()
            job.run()
            done(job)

        self._job = job
        self._thread = threading.Thread(target=work, name="lvcad-autosave")
        self._thread.start()
        started.set()
        return True

    def finish(self, job: AutosaveJob) -> bool:
        """Take the outcome of a job that ended; True when its copy was written.

        A job already finished (by :meth:`wait`) or cancelled is ignored. An unexpected
        error of the job is raised here, for the editor's error boundary.
        """
        if job is not self._job:
            return False
        self._job = None
        if self._thread is not None:
            self._thread.join()  # it has called done(job): at most a moment
            self._thread = None
        written = not job.cancelled and self._outcome(job)
        if self._again and self._done is not None and not self._failing:
            self._again = False
            self.autosave_in_background(self._done)
        return written

    def _outcome(self, job: AutosaveJob) -> bool:
        if job.error is not None:
            self.pending = True  # still to be copied
            if not isinstance(job.error, EXPECTED_ERRORS):
                raise job.error
            log.warning("autosave failed: %s", job.error, exc_info=job.error)
            if not self._failing:
                self._failing = True
                self.on_error(f"Autosave failed ({job.error}); save your work with Save As.")
            return False
        if job.written is None:  # the session ended meanwhile
            return False
        self._failing = False
        log.debug("autosaved to %s", job.written)
        return True

    def wait(self) -> bool:
        """Wait for the job on the worker thread, if any, and take its outcome; True when
        it wrote its copy."""
        job = self._job
        if job is None:
            return False
        if self._thread is not None:
            self._thread.join()
        return self.finish(job)

    def autosave(self) -> bool:
        """Write a copy now, on this thread, if the document changed since the last one
        (after the job in progress, if any: it may leave nothing newer to write); True
        when a copy was written."""
        self._again = False
        waited = self.wait()
        job = self._new_job()
        if job is None:
            return waited
        self._job = job
        job.run()
        return self.finish(job)

    def _cancel(self) -> None:
        """Drop the job in progress: its copy is not wanted any more."""
        self._again = False
        if self._job is not None:
            self._job.cancel()

    def saved(self, *, name: str, path: Path | None) -> None:
        """The document now equals its file (saved, or changes undone): drop the copy.

        A job in progress is cancelled (its snapshot is not newer than the file); if its
        write already started, the copy is deleted once it is complete.
        """
        if self.document is None:
            return
        self._cancel()
        self.pending = False
        self.session.register(self.key, name=name, path=path)
        self.session.remove_autosave(self.key)

    def close(self) -> None:
        """The document was closed cleanly: stop watching it and delete its copy.

        A job in progress is cancelled and waited for (a job still encoding writes
        nothing; one writing completes first), so no worker outlives the document.
        """
        self._cancel()
        if self._subscription is not None:
            self._subscription.unsubscribe()
            self._subscription = None
        if self.document is not None:
            self.session.unregister(self.key)
        self.wait()
        self.document = None
        self.pending = False
