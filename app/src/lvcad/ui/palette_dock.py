"""The device palette: the catalog's device types, grouped by category; a click places one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDockWidget, QListWidget, QListWidgetItem, QWidget

from lvcad.model import DeviceCatalog

__all__ = ["PaletteDock"]

_TYPE_ROLE = Qt.ItemDataRole.UserRole


class PaletteDock(QDockWidget):
    """Device types to place."""

    #: A device type was chosen (its id).
    device_chosen = Signal(str)

    def __init__(self, catalog: DeviceCatalog, parent: QWidget | None = None) -> None:
        super().__init__("Devices", parent)
        self.setObjectName("paletteDock")
        self.list = QListWidget(self)
        self.setWidget(self.list)
        by_category: dict[str, list[str]] = {}
        for type_id, device_type in catalog.items():
            by_category.setdefault(device_type.category, []).append(type_id)
        heading_font = QFont(self.list.font())
        heading_font.setBold(True)
        for category, type_ids in by_category.items():
            heading = QListWidgetItem(category.replace("_", " ").capitalize() + "s")
            heading.setFlags(Qt.ItemFlag.NoItemFlags)
            heading.setFont(heading_font)
            self.list.addItem(heading)
            for type_id in type_ids:
                device_type = catalog[type_id]
                item = QListWidgetItem(f"  {device_type.name} ({device_type.abbreviation})")
                item.setData(_TYPE_ROLE, type_id)
                item.setToolTip(device_type.description or device_type.name)
                self.list.addItem(item)
        self.list.itemClicked.connect(self._chosen)
        self.list.itemActivated.connect(self._chosen)

    def item_of(self, type_id: str) -> QListWidgetItem:
        """The list entry of device type ``type_id``."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(_TYPE_ROLE) == type_id:
                return item
        raise KeyError(type_id)

    def _chosen(self, item: QListWidgetItem) -> None:
        type_id = item.data(_TYPE_ROLE)
        if type_id:
            self.device_chosen.emit(type_id)
