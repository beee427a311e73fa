"""The LV CAD main window: menus, toolbars, canvas, command line, docks and status bar.

File and document operations live in the base class
(:class:`~lvcad.ui.document_window.DocumentWindow`).

Every action is created once (:meth:`MainWindow.action` refuses a second one with the same
key) and added to exactly one menu. The window title shows the file name and ``[*]``, which
Qt turns into the unsaved-changes marker; closing with unsaved changes asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMenu,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from lvcad import logs
from lvcad.canvas import DrawingScene, DrawingView
from lvcad.commands import Command
from lvcad.model import DeviceCatalog, Document, Unit
from lvcad.tools import TOOL_COMMANDS, SelectTool, ToolFactory, ToolManager
from lvcad.tools.corner import ChamferTool, FilletTool
from lvcad.tools.devices import DeviceTool, WireTool
from lvcad.tools.draw import LineTool, PolylineTool
from lvcad.tools.measure import MeasureTool
from lvcad.tools.modify import CopyTool, DeleteTool, MoveTool, RotateTool
from lvcad.tools.offset import OffsetTool
from lvcad.tools.trim import ExtendTool, TrimTool

from . import dialogs
from .command_line import CommandLine
from .consent_dialog import ConsentDialog
from .document_window import DocumentWindow, new_document
from .layers_dock import LayersDock
from .palette_dock import PaletteDock
from .properties_dock import PropertiesDock
from .recent import RecentFiles
from .schedule_dialog import ScheduleDialog
from .undo import UndoStack

__all__ = ["MainWindow", "new_document"]


class MainWindow(DocumentWindow):
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
        self.action(
            "attach_underlay",
            "Attach &Underlay…",
            self.attach_underlay,
            tip="Show an architect's DXF under the drawing (read-only)",
        )
        self.action(
            "detach_underlay",
            "&Detach Underlay",
            self.detach_underlay,
            tip="Remove the underlay DXF from the drawing (undoable)",
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
        self._tool_action("offset", "&Offset", OffsetTool, "Offset an object to one side (O)")
        self._tool_action("fillet", "&Fillet", FilletTool, "Round a corner with an arc (F)")
        self._tool_action("chamfer", "C&hamfer", ChamferTool, "Cut a corner with a line (CHA)")
        self._tool_action("trim", "&Trim", TrimTool, "Cut objects at boundaries (TR)")
        self._tool_action("extend", "E&xtend", ExtendTool, "Extend objects to a boundary (EX)")
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
            "schedule",
            "&Schedule…",
            self.show_schedule,
            tip="Count the devices by type, layer or circuit; export CSV",
        )

        self.action(
            "commands", "&Command Reference", self.show_command_reference, shortcut=key.HelpContents
        )
        self.action(
            "error_reporting",
            "&Error Reporting…",
            self.show_error_reporting,
            tip="Choose whether error reports are sent to the LV CAD maintainers",
        )
        self.action(
            "open_log_folder",
            "Open &Log Folder",
            self.open_log_folder,
            tip="Show the folder of LV CAD's log files",
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
        file_menu.addActions(
            [self.actions_by_key[k] for k in ("attach_underlay", "detach_underlay")]
        )
        file_menu.aboutToShow.connect(
            lambda: self.actions_by_key["detach_underlay"].setEnabled(
                self.document.underlay is not None
            )
        )
        file_menu.addSeparator()
        file_menu.addActions([self.actions_by_key[k] for k in ("export_png", "export_pdf")])
        file_menu.addSeparator()
        file_menu.addAction(self.actions_by_key["quit"])
        menus: dict[str, list[str | None]] = {
            "&Edit": ["undo", "redo", None, "select_all", None, "measure"],
            "&View": ["zoom_extents", "zoom_in", "zoom_out", None, "grid", "snap"],
            "&Draw": ["line", "polyline"],
            "&Modify": [
                *("move", "copy", "rotate", None),
                *("offset", "fillet", "chamfer", "trim", "extend", None, "delete"),
            ],
            "De&vices": [
                *(f"place_{t}" for t in self.catalog),
                *(None, "wire", "circuit", None, "schedule"),
            ],
            "&Help": ["commands", None, "error_reporting", "open_log_folder", None, "about"],
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

    def show_schedule(self) -> ScheduleDialog:
        """Show the device schedule of the drawing (window-modal)."""
        dialog = ScheduleDialog(
            self.document, self.catalog, self, folder=self._folder(), stem=self._stem()
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def toggle_grid(self) -> None:
        """Show or hide the grid."""
        self.view.grid_visible = self.actions_by_key["grid"].isChecked()
        self.view.viewport().update()

    def toggle_snap(self) -> None:
        """Switch object snap on or off."""
        self.tools.snap_enabled = self.actions_by_key["snap"].isChecked()
        if not self.tools.snap_enabled:
            self.scene.snap_marker.hide()

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

    # ------------------------------------------------------------------------------ help

    def show_command_reference(self) -> None:
        """Show the commands and typed input forms."""
        dialogs.show_command_reference(self)

    def show_about(self) -> None:
        """Show the version."""
        dialogs.show_about(self)

    def show_error_reporting(self) -> ConsentDialog:
        """Let the user choose whether error reports are sent (window-modal)."""
        dialog = ConsentDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_log_folder(self) -> bool:
        """Open the folder of the log files in the file manager."""
        folder = logs.log_file().parent
        folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # ------------------------------------------------------------------------------ close

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.close_document()
        self.tools.reset()
        self.scene.close()
        event.accept()
