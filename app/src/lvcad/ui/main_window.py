"""The LV CAD main window: menus, toolbars, canvas, command line, docks and status bar.

Every action is created once (:meth:`MainWindow.action` refuses a second one with the same
key) and added to exactly one menu. The window title shows the file name and ``[*]``, which
Qt turns into the unsaved-changes marker; closing with unsaved changes asks first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from lvcad.canvas import DrawingScene, DrawingView, render_image, render_pdf, save_png
from lvcad.commands import Command
from lvcad.io import DocumentError, save_document
from lvcad.model import DeviceCatalog, Document, Metadata, Unit
from lvcad.tools import TOOL_COMMANDS, SelectTool, ToolFactory, ToolManager
from lvcad.tools.devices import DeviceTool, WireTool
from lvcad.tools.draw import LineTool, PolylineTool
from lvcad.tools.measure import MeasureTool
from lvcad.tools.modify import CopyTool, DeleteTool, MoveTool, RotateTool

from . import dialogs
from .command_line import CommandLine
from .files import (
    DXF_SUFFIX,
    FileOperationError,
    dxf_import_available,
    is_missing_units,
    load_drawing,
    load_underlay,
    report_file_error,
)
from .layers_dock import LayersDock
from .palette_dock import PaletteDock
from .properties_dock import PropertiesDock
from .recent import RecentFiles
from .undo import UndoStack

__all__ = ["MainWindow", "new_document"]

LVCAD_FILTER = "LV CAD drawings (*.lvcad)"
OPEN_FILTER = f"Drawings (*.lvcad *.dxf);;{LVCAD_FILTER};;DXF drawings (*.dxf);;All files (*)"
#: Pixel width of exported PNG images.
EXPORT_WIDTH = 2400


def new_document(unit: Unit) -> Document:
    """An empty drawing in ``unit``, created now."""
    return Document(unit, metadata=Metadata(created=datetime.now(UTC).replace(microsecond=0)))


class MainWindow(QMainWindow):
    """The editor window for one drawing at a time."""

    def __init__(
        self,
        *,
        settings: QSettings | None = None,
        catalog: DeviceCatalog | None = None,
        document: Document | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings if settings is not None else QSettings()
        self.recent = RecentFiles(self.settings)
        self.catalog = catalog or DeviceCatalog.builtin()
        self.document = document if document is not None else new_document(Unit.INCH)
        self.path: Path | None = None
        self._display_name = "Untitled"
        self.actions_by_key: dict[str, QAction] = {}

        self.scene = DrawingScene(self.document, self.catalog, parent=self)
        self.view = DrawingView(self.scene)
        self.undo_stack = UndoStack(self.document, self)
        self.undo_stack.on_error = self.show_message
        self.tools = ToolManager(
            self.scene, self.undo_stack.run, SelectTool, undo=self.undo_stack.undo
        )
        for names, factory in TOOL_COMMANDS.items():
            self.tools.register_command(names, factory)
        self.command_line = CommandLine(self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.command_line)
        self.setCentralWidget(central)

        self.layers_dock = LayersDock(self.run, self)
        self.palette_dock = PaletteDock(self.catalog, self)
        self.properties_dock = PropertiesDock(self.catalog, self.run, self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.layers_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.palette_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.properties_dock)

        self.coordinates = QLabel(self)
        self.coordinates.setObjectName("coordinates")
        self.coordinates.setMinimumWidth(220)
        self.tool_label = QLabel("Select", self)
        self.statusBar().addPermanentWidget(self.tool_label)
        self.statusBar().addPermanentWidget(self.coordinates)

        self._build_actions()
        self._build_menus()
        self._build_toolbars()
        self._connect()
        self.layers_dock.set_document(self.document)
        self.properties_dock.set_document(self.document)
        self._update_title()
        self.resize(1280, 800)
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
            self.restoreState(self.settings.value("window/state"))

    # ------------------------------------------------------------------------- actions

    def action(
        self,
        key: str,
        text: str,
        slot: Callable[[], object],
        *,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
        checkable: bool = False,
        icon: QStyle.StandardPixmap | None = None,
    ) -> QAction:
        """Create the action ``key`` (once: a second action with one key is a bug)."""
        if key in self.actions_by_key:
            raise ValueError(f"action {key!r} is created twice")
        action = QAction(text, self)
        action.setObjectName(f"action_{key}")
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.setCheckable(checkable)
        action.triggered.connect(lambda _checked=False: slot())
        self.actions_by_key[key] = action
        return action

    def _tool_action(self, key: str, text: str, factory: ToolFactory, tip: str) -> None:
        self.action(key, text, partial(self.start_tool, factory), tip=tip)

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        key = QKeySequence.StandardKey
        self.action(
            "new",
            "&New…",
            self.new_file,
            shortcut=key.New,
            icon=sp.SP_FileIcon,
            tip="Start a new drawing",
        )
        self.action(
            "open",
            "&Open…",
            self.open_file,
            shortcut=key.Open,
            icon=sp.SP_DialogOpenButton,
            tip="Open a .lvcad drawing or import a DXF",
        )
        self.action(
            "save",
            "&Save",
            self.save,
            shortcut=key.Save,
            icon=sp.SP_DialogSaveButton,
            tip="Save the drawing",
        )
        self.action(
            "save_as",
            "Save &As…",
            self.save_as,
            shortcut=key.SaveAs,
            tip="Save the drawing under another name",
        )
        self.action("export_png", "Export &PNG…", self.export_png, tip="Export a PNG image")
        self.action("export_pdf", "Export P&DF…", self.export_pdf, tip="Export a PDF page")
        self.action("quit", "&Quit", self.close, shortcut=key.Quit, tip="Quit LV CAD")

        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence(key.Undo))
        undo.setObjectName("action_undo")
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence(key.Redo))
        redo.setObjectName("action_redo")
        self.actions_by_key["undo"], self.actions_by_key["redo"] = undo, redo
        self.action(
            "select_all",
            "Select &All",
            self.select_all,
            shortcut=key.SelectAll,
            tip="Select every entity on unlocked, visible layers",
        )
        self._tool_action(
            "measure", "&Measure Distance", MeasureTool, "Measure between two points (DI)"
        )

        self.action(
            "zoom_extents",
            "Zoom &Extents",
            self.view.zoom_extents,
            shortcut="Ctrl+Shift+E",
            tip="Show the whole drawing",
        )
        self.action("zoom_in", "Zoom &In", lambda: self.view.zoom_by(1.25), shortcut=key.ZoomIn)
        self.action("zoom_out", "Zoom &Out", lambda: self.view.zoom_by(0.8), shortcut=key.ZoomOut)
        grid = self.action(
            "grid", "&Grid", self.toggle_grid, shortcut="F7", checkable=True, tip="Show the grid"
        )
        grid.setChecked(self.view.grid_visible)
        snap = self.action(
            "snap",
            "Object &Snap",
            self.toggle_snap,
            shortcut="F3",
            checkable=True,
            tip="Snap to endpoints, midpoints, centres …",
        )
        snap.setChecked(self.tools.snap_enabled)

        self._tool_action("line", "&Line", LineTool, "Draw lines (L)")
        self._tool_action(
            "polyline",
            "&Polyline",
            PolylineTool,
            "Draw a polyline with straight and arc segments (PL)",
        )
        self._tool_action("move", "&Move", MoveTool, "Move the selection (M)")
        self._tool_action("copy", "&Copy", CopyTool, "Copy the selection (CO)")
        self._tool_action("rotate", "&Rotate", RotateTool, "Rotate the selection (RO)")
        self.action(
            "delete",
            "&Delete",
            self.delete_selection,
            shortcut=key.Delete,
            tip="Delete the selection (E)",
        )

        for type_id, device_type in self.catalog.items():
            self.action(
                f"place_{type_id}",
                f"Place {device_type.name}",
                partial(self.place_device, type_id),
                tip=f"Place {device_type.name.lower()} symbols",
            )
        self._tool_action("wire", "Route &Wire", WireTool, "Route a wire from device to device (W)")
        self.action(
            "circuit", "Set &Circuit…", self.choose_circuit, tip="Circuit id given to new wires"
        )

        self.action(
            "commands", "&Command Reference", self.show_command_reference, shortcut=key.HelpContents
        )
        self.action("about", "&About LV CAD", self.show_about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.setObjectName("menu_file")
        file_menu.addActions([self.actions_by_key[k] for k in ("new", "open")])
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setObjectName("menu_recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.actions_by_key[k] for k in ("save", "save_as")])
        file_menu.addSeparator()
        file_menu.addActions([self.actions_by_key[k] for k in ("export_png", "export_pdf")])
        file_menu.addSeparator()
        file_menu.addAction(self.actions_by_key["quit"])
        menus: dict[str, list[str | None]] = {
            "&Edit": ["undo", "redo", None, "select_all", None, "measure"],
            "&View": ["zoom_extents", "zoom_in", "zoom_out", None, "grid", "snap"],
            "&Draw": ["line", "polyline"],
            "&Modify": ["move", "copy", "rotate", "delete"],
            "De&vices": [*(f"place_{t}" for t in self.catalog), None, "wire", "circuit"],
            "&Help": ["commands", None, "about"],
        }
        for title, keys in menus.items():
            menu = bar.addMenu(title)
            menu.setObjectName(f"menu_{title.replace('&', '').lower()}")
            for key in keys:
                if key is None:
                    menu.addSeparator()
                else:
                    menu.addAction(self.actions_by_key[key])
            if title == "&View":
                menu.addSeparator()
                for dock in (self.layers_dock, self.palette_dock, self.properties_dock):
                    menu.addAction(dock.toggleViewAction())

    def _build_toolbars(self) -> None:
        groups = {
            "File": ["new", "open", "save"],
            "Edit": ["undo", "redo"],
            "Draw": ["line", "polyline"],
            "Modify": ["move", "copy", "rotate", "delete", "measure"],
            "View": ["zoom_extents", "grid", "snap"],
            "Devices": ["wire"],
        }
        for title, keys in groups.items():
            toolbar = QToolBar(title, self)
            toolbar.setObjectName(f"toolbar_{title.lower()}")
            for key in keys:
                toolbar.addAction(self.actions_by_key[key])
            self.addToolBar(toolbar)
            if title == "Devices":
                toolbar.addWidget(QLabel(" Circuit: "))
                self.circuit_edit = QLineEdit(self.tools.circuit)
                self.circuit_edit.setObjectName("circuitEdit")
                self.circuit_edit.setMaximumWidth(100)
                self.circuit_edit.editingFinished.connect(self._circuit_edited)
                toolbar.addWidget(self.circuit_edit)

    def _connect(self) -> None:
        self.scene.document_changed.connect(self.layers_dock.on_change)
        self.scene.document_changed.connect(self.properties_dock.on_change)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.scene.underlay_requested.connect(self._underlay_requested)
        self.view.cursor_moved.connect(self._show_cursor)
        self.tools.prompt_changed.connect(self.command_line.set_prompt)
        self.tools.message_logged.connect(self.show_message)
        self.tools.tool_changed.connect(self.tool_label.setText)
        self.command_line.submitted.connect(self.tools.submit)
        self.command_line.cancelled.connect(self._cancel_from_command_line)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.layers_dock.current_layer_changed.connect(self._set_current_layer)
        self.palette_dock.device_chosen.connect(self.place_device)
        self.command_line.set_prompt("Select objects, or type a command")

    # -------------------------------------------------------------------------- editing

    def run(self, command: Command) -> bool:
        """Run ``command`` as one undo step (refusals go to the command history)."""
        return self.undo_stack.run(command)

    def start_tool(self, factory: ToolFactory) -> None:
        """Start a tool and give the drawing the keyboard."""
        self.tools.activate(factory)
        self.view.setFocus()

    def place_device(self, type_id: str) -> None:
        """Start placing devices of catalog type ``type_id``."""
        self.start_tool(lambda manager: DeviceTool(manager, type_id))

    def delete_selection(self) -> None:
        """Delete the selection (or start the delete tool to pick objects)."""
        self.start_tool(DeleteTool)

    def select_all(self) -> None:
        """Select every pickable entity."""
        self.tools.set_selection(
            item.entity_id for item in self.scene.entity_items() if item.pickable
        )

    def set_circuit(self, circuit: str) -> None:
        """New wires get ``circuit``."""
        circuit = circuit.strip()
        if circuit:
            self.tools.circuit = circuit
            if self.circuit_edit.text() != circuit:
                self.circuit_edit.setText(circuit)

    def _circuit_edited(self) -> None:
        self.set_circuit(self.circuit_edit.text())

    def choose_circuit(self) -> None:
        """Ask for the circuit id of new wires."""
        circuit = dialogs.ask_circuit(self, self.tools.circuit)
        if circuit:
            self.set_circuit(circuit)

    def toggle_grid(self) -> None:
        """Show or hide the grid."""
        self.view.grid_visible = self.actions_by_key["grid"].isChecked()
        self.view.viewport().update()

    def toggle_snap(self) -> None:
        """Switch object snap on or off."""
        self.tools.snap_enabled = self.actions_by_key["snap"].isChecked()
        if not self.tools.snap_enabled:
            self.scene.snap_marker.hide()

    def show_message(self, text: str) -> None:
        """Show ``text`` in the command history and the status bar."""
        self.command_line.log(text)
        self.statusBar().showMessage(text, 8000)

    def _selection_changed(self) -> None:
        self.properties_dock.set_selection(self.scene.selected_ids())

    def _underlay_requested(self, _underlay: object) -> None:
        self._load_underlay()

    def _clean_changed(self, _clean: bool) -> None:
        self._update_title()

    def _set_current_layer(self, name: str) -> None:
        self.tools.current_layer = name

    def _cancel_from_command_line(self) -> None:
        self.tools.escape()
        self.view.setFocus()

    def _show_cursor(self, x: float, y: float) -> None:
        self.coordinates.setText(f"X {x:.3f}  Y {y:.3f} {self.document.unit.symbol}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys the drawing did not use start typing in the command line."""
        text = event.text()
        if text and text.isprintable() and not text.isspace():
            self.command_line.type_text(text)
            event.accept()
            return
        super().keyPressEvent(event)

    # -------------------------------------------------------------------------- documents

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
        self._load_underlay()
        self._update_title()
        self.view.zoom_extents()

    def _load_underlay(self) -> None:
        if self.document.underlay is None:
            return
        try:
            drawing = load_underlay(self.document, self.path)
        except (DocumentError, FileOperationError, OSError) as error:
            self.show_message(f"The underlay is not shown: {error}")
            return
        self.scene.set_underlay_drawing(drawing)

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
        if is_dxf:
            self.set_document(document, None, name=f"{path.stem} (imported)")
            self.undo_stack.resetClean()  # an import is not saved anywhere yet
        else:
            self.set_document(document, path)
            self.recent.add(path)
        return True

    def save(self) -> bool:
        """Save to the drawing's file (asks for one the first time)."""
        if self.path is None:
            return self.save_as()
        return self._save_to(self.path)

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
            save_document(self.document, path)
        except DocumentError as error:
            report_file_error(self, "Save drawing", error)
            return False
        self.path = path
        self._display_name = path.name
        self.recent.add(path)
        self.undo_stack.setClean()
        self._update_title()
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    def export_png(self, path: str | Path | None = None) -> bool:
        """Export the drawing as a PNG image."""
        path = path or self._ask_export_path("PNG images (*.png)", ".png")
        if not path:
            return False
        image = render_image(self.scene, EXPORT_WIDTH)
        if not save_png(image, path):
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

    def export_pdf(self, path: str | Path | None = None) -> bool:
        """Export the drawing as a one-page PDF."""
        path = path or self._ask_export_path("PDF files (*.pdf)", ".pdf")
        if not path:
            return False
        try:
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

    # ------------------------------------------------------------------------------ help

    def show_command_reference(self) -> None:
        """Show the commands and typed input forms."""
        dialogs.show_command_reference(self)

    def show_about(self) -> None:
        """Show the version."""
        dialogs.show_about(self)

    # ------------------------------------------------------------------------------ close

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.tools.reset()
        self.scene.close()
        event.accept()

    @staticmethod
    def dxf_import_available() -> bool:
        """True when ``.dxf`` files can be opened (imported) in this version."""
        return dxf_import_available()
