"""The Qt side of autosave: the timer of one window, and the outcome of a copy written on
the worker thread (:meth:`lvcad.recovery.Autosaver.autosave_in_background`) brought back
to the GUI thread.

The worker emits :attr:`BackgroundAutosave.job_ended`; the receiver lives on the GUI
thread, so Qt queues the call there, where :meth:`~lvcad.recovery.Autosaver.finish` tells
``on_error`` about a failed copy and an unexpected error goes to the error boundary.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from lvcad.errors import with_error_handling
from lvcad.recovery import AutosaveJob, Autosaver

__all__ = ["BackgroundAutosave"]


class BackgroundAutosave(QObject):
    """Every ``interval_seconds`` (0: never), start a background copy if the document
    changed; finish each copy on the GUI thread."""

    #: Emitted on the worker thread with the job that ended.
    job_ended = Signal(object)

    def __init__(
        self, autosaver: Autosaver, interval_seconds: float, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.autosaver = autosaver
        self.job_ended.connect(self._finish)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        if interval_seconds > 0:
            self.timer.start(round(interval_seconds * 1000))

    def tick(self) -> bool:
        """Start a copy on the worker thread if the document changed; True when started."""
        return self.autosaver.autosave_in_background(self.job_ended.emit)

    @with_error_handling("autosave the drawing", fallback_value=False)
    def _finish(self, job: AutosaveJob) -> bool:
        return self.autosaver.finish(job)

    def stop(self) -> None:
        """No more ticks, and the document's copy is no longer wanted (see
        :meth:`~lvcad.recovery.Autosaver.close`)."""
        self.timer.stop()
        self.autosaver.close()
