"""The layers dock: each layer's visibility, lock and colour, edited through commands.

Selecting a row makes that layer current: new lines and polylines go on it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDockWidget,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QWidget,
)

from lvcad.canvas.style import display_color
from lvcad.commands import Command, SetLayer
from lvcad.model import Change, Color, Document, changes

__all__ = ["LayersDock"]

NAME, VISIBLE, LOCKED, COLOR = range(4)


def _swatch(color: Color) -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(display_color(color))
    return QIcon(pixmap)


class LayersDock(QDockWidget):
    """The document's layers."""

    #: The current layer changed (its name).
    current_layer_changed = Signal(str)

    def __init__(self, run: Callable[[Command], bool], parent: QWidget | None = None) -> None:
        super().__init__("Layers", parent)
        self.setObjectName("layersDock")
        self._run = run
        self._document: Document | None = None
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(["Layer", "On", "Lock", "Colour"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (VISIBLE, LOCKED, COLOR):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setWidget(self.table)
        self.table.itemChanged.connect(self._item_changed)
        self.table.itemSelectionChanged.connect(self._selection_changed)

    def set_document(self, document: Document) -> None:
        """Show ``document``'s layers."""
        self._document = document
        self.refresh()

    def on_change(self, change: Change) -> None:
        """Follow a document change (only layer changes matter here)."""
        if isinstance(change, changes.LayerAdded | changes.LayerRemoved | changes.LayerReplaced):
            self.refresh()

    def layer_names(self) -> list[str]:
        """The layer names, in table order."""
        return [self._name(row) for row in range(self.table.rowCount())]

    def _name(self, row: int) -> str:
        item = self.table.item(row, NAME)
        return item.text() if item is not None else ""

    def row_of(self, name: str) -> int:
        """The table row of layer ``name``."""
        return self.layer_names().index(name)

    def refresh(self) -> None:
        """Rebuild the table from the document."""
        document = self._document
        if document is None:
            return
        current = self.current_layer()
        self.table.blockSignals(True)
        try:
            self.table.setRowCount(len(document.layers))
            for row, layer in enumerate(document.layers.values()):
                name = QTableWidgetItem(layer.name)
                name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, NAME, name)
                for column, value, tip in (
                    (VISIBLE, layer.visible, "Show or hide the layer"),
                    (LOCKED, layer.locked, "Lock the layer (its entities cannot be picked)"),
                ):
                    item = QTableWidgetItem()
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
                    item.setToolTip(tip)
                    self.table.setItem(row, column, item)
                button = QToolButton()
                button.setIcon(_swatch(layer.color))
                button.setToolTip(f"Colour of layer {layer.name} ({layer.color.hex})")
                button.setAutoRaise(True)
                button.clicked.connect(lambda _=False, n=layer.name: self.choose_color(n))
                self.table.setCellWidget(row, COLOR, button)
            names = list(document.layers)
            self.table.selectRow(names.index(current) if current in names else 0)
        finally:
            self.table.blockSignals(False)

    def current_layer(self) -> str:
        """The layer selected as current (``"0"`` when none is)."""
        rows = self.table.selectionModel().selectedRows()
        return self._name(rows[0].row()) if rows else "0"

    def _selection_changed(self) -> None:
        self.current_layer_changed.emit(self.current_layer())

    def _item_changed(self, item: QTableWidgetItem) -> None:
        document = self._document
        if document is None or item.column() not in (VISIBLE, LOCKED):
            return
        name = self._name(item.row())
        checked = item.checkState() == Qt.CheckState.Checked
        layer = document.layers[name]
        if item.column() == VISIBLE:
            command = SetLayer(layer, visible=checked)
        else:
            command = SetLayer(layer, locked=checked)
        if not self._run(command):
            self.refresh()

    def choose_color(self, name: str) -> None:
        """Ask for a new colour for layer ``name`` and apply it."""
        document = self._document
        if document is None:
            return
        layer = document.layers[name]
        chosen = QColorDialog.getColor(QColor(*layer.color), self, f"Colour of layer {name}")
        if chosen.isValid():
            color = Color(chosen.red(), chosen.green(), chosen.blue())
            if color != layer.color:
                self._run(SetLayer(layer, color=color))
