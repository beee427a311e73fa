"""The document half of the main window: open, import, save, export, recent files, the
DXF underlay, the window title, the unsaved-changes question and autosave.

:class:`DocumentWindow` is the base of :class:`~lvcad.ui.main_window.MainWindow`, which
creates the widgets these methods use (declared below) and the actions that call them.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from lvcad import telemetry
from lvcad.canvas import (
    DrawingScene,
    DrawingView,
    UnderlaySource,
    render_image,
    render_pdf,
    save_png,
)
from lvcad.commands import Command, SetUnderlay
from lvcad.errors import with_error_handling
from lvcad.io import DocumentError, save_document
from lvcad.model import Document, Metadata, Underlay, Unit
from lvcad.recovery import Autosaver, Session, is_risky
from lvcad.tools import ToolManager

from . import dialogs
from .background_autosave import BackgroundAutosave
from .command_line import CommandLine
from .files import (
    DXF_SUFFIX,
    FileOperationError,
    dxf_import_available,
    import_underlay,
    is_missing_units,
    load_drawing,
    load_underlay,
    report_file_error,
)
from .layers_dock import LayersDock
from .properties_dock import PropertiesDock
from .recent import RecentFiles
from .undo import UndoStack

__all__ = ["DocumentWindow", "new_document"]

log = logging.getLogger(__name__)

LVCAD_FILTER = "LV CAD drawings (*.lvcad)"
OPEN_FILTER = f"Drawings (*.lvcad *.dxf);;{LVCAD_FILTER};;DXF drawings (*.dxf);;All files (*)"
UNDERLAY_FILTER = "DXF drawings (*.dxf);;All files (*)"
#: Pixel width of exported PNG images.
EXPORT_WIDTH = 2400


def new_document(unit: Unit) -> Document:
    """An empty drawing in ``unit``, created now."""
    return Document(unit, metadata=Metadata(created=datetime.now(UTC).replace(microsecond=0)))


class DocumentWindow(QMainWindow):
    """Files and the document of the editor window (the widgets are made by the subclass)."""

    document: Document
    path: Path | None
    _display_name: str
    recent: RecentFiles
    recent_menu: QMenu
    scene: DrawingScene
    view: DrawingView
    undo_stack: UndoStack
    tools: ToolManager
    command_line: CommandLine
    layers_dock: LayersDock
    properties_dock: PropertiesDock
    #: An underlay just attached and its drawing, so that showing it does not read it again.
    _attached: tuple[Underlay, UnderlaySource] | None = None
    #: Autosave copies of the document (``None``: autosave is off, see enable_autosave).
    autosaver: Autosaver | None = None
    _background_autosave: BackgroundAutosave | None = None

    def show_message(self, text: str) -> None:
        """Show ``text`` in the command history and the status bar."""
        self.command_line.log(text)
        self.statusBar().showMessage(text, 8000)

    def set_document(self, document: Document, path: Path | None, *, name: str = "") -> None:
        """Edit ``document`` (saved at ``path``, or not yet saved)."""
        self.tools.reset()
        self.document = document
        self.path = path
        self._display_name = name or (path.name if path is not None else "Untitled")
        self.scene.set_document(document)
        self.undo_stack.set_document(document)
        self.layers_dock.set_document(document)
        self.properties_dock.set_document(document)
        if self.autosaver is not None:
            self.autosaver.track(document, name=self._display_name, path=path, modified=False)
        self._load_underlay()
        self._update_title()
        self.view.zoom_extents()

    # ---------------------------------------------------------------------------- autosave

    def enable_autosave(self, session: Session, interval_seconds: float) -> None:
        """Autosave the document into ``session`` every ``interval_seconds`` (when it
        changed; 0: only before risky operations) and before risky operations.

        The timer's copies are encoded and written on a worker thread; the GUI thread only
        takes a snapshot. Before risky operations, for a new import and for a restored
        drawing the copy is written at once (:meth:`autosave`): it must be on disk before
        the operation starts, or before the crashed run's copy is deleted.
        """
        self.autosaver = Autosaver(session, on_error=self.show_message)
        self.autosaver.track(
            self.document,
            name=self._display_name,
            path=self.path,
            modified=not self.undo_stack.isClean(),
        )
        self.undo_stack.before_run = self._before_command
        self.undo_stack.cleanChanged.connect(self._autosave_clean_changed)
        self._background_autosave = BackgroundAutosave(self.autosaver, interval_seconds, self)

    def autosave(self) -> bool:
        """Write an autosave copy now, on the GUI thread, if the document changed since the
        last one (after a background copy in progress)."""
        return self.autosaver is not None and self.autosaver.autosave()

    def restore_document(self, document: Document, path: Path | None, name: str) -> None:
        """Edit a recovered ``document`` of the file ``path``, as unsaved changes."""
        self.set_document(document, path, name=name)
        self.undo_stack.resetClean()
        self._update_title()
        self._autosave_changed_document()

    def _autosave_changed_document(self) -> None:
        """The whole document is new work (an import, a recovery): autosave it now."""
        if self.autosaver is not None:
            self.autosaver.pending = True
            self.autosaver.autosave()

    def _before_command(self, command: Command) -> None:
        if is_risky(command):
            self.autosave()

    def _autosave_clean_changed(self, clean: bool) -> None:
        if clean and self.autosaver is not None:
            self.autosaver.saved(name=self._display_name, path=self.path)

    def close_document(self) -> None:
        """The document is closed for good (its changes saved or discarded): stop
        autosaving it and delete its autosave copy (a background copy in progress is
        cancelled and waited for)."""
        if self._background_autosave is not None:
            self._background_autosave.stop()

    def _load_underlay(self) -> None:
        underlay = self.document.underlay
        if underlay is None:
            return
        if self._attached is not None and self._attached[0] == underlay:
            self.scene.set_underlay_drawing(self._attached[1])
            return
        try:
            drawing = load_underlay(self.document, self.path)
        except (DocumentError, FileOperationError, OSError) as error:
            self.show_message(f"The underlay is not shown: {error}")
            return
        self.scene.set_underlay_drawing(drawing)

    @with_error_handling("attach the underlay", fallback_value=False)
    def attach_underlay(self, path: str | Path | None = None) -> bool:
        """Show a DXF under the drawing, scaled to its unit, as one undo step (replacing the
        current underlay); asks for the file unless given."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, "Attach underlay", self._folder(), UNDERLAY_FILTER
            )
            if not chosen:
                return False
            path = chosen
        path = Path(path)
        self.autosave()  # reading a DXF is the riskiest thing the editor does
        try:
            with telemetry.operation_transaction("attach underlay"):
                self._attached = import_underlay(path, self.document.unit)
        except (DocumentError, FileOperationError, OSError) as error:
            report_file_error(self, "Attach underlay", error)
            return False
        try:
            attached = self.undo_stack.run(SetUnderlay(self._attached[0]))
        finally:
            self._attached = None
        if attached:
            self.statusBar().showMessage(f"Attached underlay {path}", 5000)
        return attached

    def detach_underlay(self) -> bool:
        """Remove the underlay from the drawing, as one undo step (the DXF is not touched)."""
        if self.document.underlay is None:
            self.show_message("There is no underlay to detach.")
            return False
        source = self.document.underlay.source
        detached = self.undo_stack.run(SetUnderlay(None))
        if detached:
            self.statusBar().showMessage(f"Detached underlay {source}", 5000)
        return detached

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self._display_name}[*] — LV CAD")
        self.setWindowModified(not self.undo_stack.isClean())

    def maybe_save(self) -> bool:
        """If there are unsaved changes, ask to save them; False means "cancel"."""
        if self.undo_stack.isClean():
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            "LV CAD",
            f"{self._display_name} has unsaved changes. Save them?",
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        if answer == buttons.Save:
            return self.save()
        return answer == buttons.Discard

    @with_error_handling("start a new drawing", fallback_value=False)
    def new_file(self, unit: Unit | None = None) -> bool:
        """Start a new drawing (asks for the unit unless given)."""
        if not self.maybe_save():
            return False
        if unit is None:
            unit = dialogs.ask_unit(self)
            if unit is None:
                return False
        self.set_document(new_document(unit), None)
        return True

    @with_error_handling("open the drawing", fallback_value=False)
    def open_file(self, path: str | Path | None = None) -> bool:
        """Open a ``.lvcad`` drawing or import a ``.dxf`` (asks for the file unless given)."""
        if not self.maybe_save():
            return False
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, "Open drawing", self._folder(), OPEN_FILTER
            )
            if not chosen:
                return False
            path = chosen
        path = Path(path)
        is_dxf = path.suffix.lower() == DXF_SUFFIX
        try:
            try:
                with telemetry.operation_transaction("import DXF" if is_dxf else "open"):
                    document = load_drawing(path)
            except DocumentError as error:
                if not is_missing_units(error):
                    raise
                self.show_message(str(error))
                unit = dialogs.ask_unit(self, title=f"Units of {path.name}")
                if unit is None:
                    return False
                document = load_drawing(path, unit=unit)
        except (DocumentError, FileOperationError, OSError) as error:
            report_file_error(self, "Open drawing", error)
            return False
        log.info("Opened %s", path)
        if is_dxf:
            self.set_document(document, None, name=f"{path.stem} (imported)")
            self.undo_stack.resetClean()  # an import is not saved anywhere yet
            self._autosave_changed_document()
        else:
            self.set_document(document, path)
            self.recent.add(path)
        return True

    @with_error_handling("save the drawing", fallback_value=False)
    def save(self) -> bool:
        """Save to the drawing's file (asks for one the first time)."""
        if self.path is None:
            return self.save_as()
        return self._save_to(self.path)

    @with_error_handling("save the drawing", fallback_value=False)
    def save_as(self, path: str | Path | None = None) -> bool:
        """Save under a new name (asks for it unless given)."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                "Save drawing",
                str(Path(self._folder()) / f"{self._stem()}.lvcad"),
                LVCAD_FILTER,
            )
            if not chosen:
                return False
            path = chosen
        path = Path(path)
        if path.suffix.lower() != ".lvcad":
            path = path.with_name(path.name + ".lvcad")
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        now = datetime.now(UTC).replace(microsecond=0)
        metadata = self.document.metadata
        self.document.set_metadata(
            dataclasses.replace(metadata, created=metadata.created or now, modified=now)
        )
        try:
            with telemetry.operation_transaction("save"):
                save_document(self.document, path)
        except DocumentError as error:
            report_file_error(self, "Save drawing", error)
            return False
        self.path = path
        self._display_name = path.name
        self.recent.add(path)
        self.undo_stack.setClean()
        if self.autosaver is not None:
            self.autosaver.saved(name=self._display_name, path=path)
        self._update_title()
        log.info("Saved %s", path)
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    @with_error_handling("export the PNG image", fallback_value=False)
    def export_png(self, path: str | Path | None = None) -> bool:
        """Export the drawing as a PNG image."""
        path = path or self._ask_export_path("PNG images (*.png)", ".png")
        if not path:
            return False
        with telemetry.operation_transaction("export PNG"):
            image = render_image(self.scene, EXPORT_WIDTH)
            saved = save_png(image, path)
        if not saved:
            report_file_error(
                self,
                "Export PNG",
                FileOperationError(
                    f"Cannot write the image {str(path)!r}: check the folder "
                    "and that the file is not open in another program."
                ),
            )
            return False
        self.statusBar().showMessage(f"Exported {path}", 5000)
        return True

    @with_error_handling("export the PDF", fallback_value=False)
    def export_pdf(self, path: str | Path | None = None) -> bool:
        """Export the drawing as a one-page PDF."""
        path = path or self._ask_export_path("PDF files (*.pdf)", ".pdf")
        if not path:
            return False
        try:
            with telemetry.operation_transaction("export PDF"):
                render_pdf(self.scene, path, title=self.document.metadata.title or self._stem())
        except OSError as error:
            report_file_error(self, "Export PDF", error)
            return False
        self.statusBar().showMessage(f"Exported {path}", 5000)
        return True

    def _ask_export_path(self, file_filter: str, suffix: str) -> str:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export", str(Path(self._folder()) / f"{self._stem()}{suffix}"), file_filter
        )
        return chosen

    def _folder(self) -> str:
        if self.path is not None:
            return str(self.path.parent)
        recent = self.recent.paths()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def _stem(self) -> str:
        return self.path.stem if self.path is not None else "drawing"

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.recent.paths()
        for index, path in enumerate(paths, start=1):
            action = self.recent_menu.addAction(f"&{index} {path}")
            action.triggered.connect(partial(self._open_recent, path))
        if not paths:
            self.recent_menu.addAction("(no recent files)").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear List", self.recent.clear)

    def _open_recent(self, path: str) -> None:
        if not Path(path).exists():
            self.recent.remove(path)
        self.open_file(path)

    @staticmethod
    def dxf_import_available() -> bool:
        """True when ``.dxf`` files can be opened (imported) in this version."""
        return dxf_import_available()
