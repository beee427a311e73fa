"""The editor's widgets: main window, docks, command line, dialogs (the only QtWidgets layer
besides the canvas and tools).

- :mod:`~lvcad.ui.main_window` — :class:`MainWindow`; its base
  :mod:`~lvcad.ui.document_window` — files, the underlay, the title
- :mod:`~lvcad.ui.schedule_dialog` — the device schedule and its CSV export
- :mod:`~lvcad.ui.undo` — commands on a ``QUndoStack``
- :mod:`~lvcad.ui.files` — open/import/save and :func:`report_file_error`
- :mod:`~lvcad.ui.layers_dock`, :mod:`~lvcad.ui.palette_dock`, :mod:`~lvcad.ui.properties_dock`
- :mod:`~lvcad.ui.command_line`, :mod:`~lvcad.ui.recent`, :mod:`~lvcad.ui.dialogs`
- :mod:`~lvcad.ui.app` — the application object and the headless modes
"""

from __future__ import annotations
