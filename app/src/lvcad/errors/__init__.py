"""Error handling: the boundary around critical paths and the global exception hooks.

Qt-free. :func:`with_error_handling` decorates a critical path (open, save, import,
export, each tool, startup); :func:`install_hooks` catches whatever escapes elsewhere.
Both log the traceback, capture the error once (:mod:`lvcad.telemetry`) and present it,
throttled per fingerprint; the UI's presenter (``lvcad.ui.error_dialog``) shows the dialog
on the GUI thread.
"""

from __future__ import annotations

from .handling import ErrorInfo, handle_error, set_presenter, throttle, with_error_handling
from .hooks import install_hooks, uninstall_hooks
from .throttle import Throttle, fingerprint

__all__ = [
    "ErrorInfo",
    "Throttle",
    "fingerprint",
    "handle_error",
    "install_hooks",
    "set_presenter",
    "throttle",
    "uninstall_hooks",
    "with_error_handling",
]
