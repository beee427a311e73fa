"""The device schedule dialog: devices counted by type and model, per layer or per circuit,
shown in a table and exported as CSV (:func:`lvcad.io.write_schedule_csv`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lvcad.io import DocumentError, ScheduleRow, device_schedule, write_schedule_csv
from lvcad.model import DeviceCatalog, Document

from .files import report_file_error

__all__ = ["GROUPINGS", "ScheduleDialog"]

#: The group-by choices: label shown, ``group_by`` of :func:`lvcad.io.device_schedule`.
GROUPINGS = {"Type and model": "type", "Layer": "layer", "Circuit": "circuit"}
#: The table's columns: heading, :class:`~lvcad.io.ScheduleRow` field.
COLUMNS = (("Circuit", "circuit"), ("Layer", "layer"), ("Device", "type_name"), ("Model", "model"))
CSV_FILTER = "CSV files (*.csv)"


class ScheduleDialog(QDialog):
    """The schedule of one document; the table follows the group-by selector."""

    def __init__(
        self,
        document: Document,
        catalog: DeviceCatalog,
        parent: QWidget | None = None,
        *,
        folder: str = "",
        stem: str = "drawing",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleDialog")
        self.setWindowTitle("Device Schedule")
        self.document = document
        self.catalog = catalog
        self._default_path = str(Path(folder) / f"{stem}-schedule.csv")
        self.rows: list[ScheduleRow] = []

        self.group_by = QComboBox(self)
        self.group_by.setObjectName("groupBy")
        self.group_by.addItems(list(GROUPINGS))
        self.table = QTableWidget(self)
        self.table.setObjectName("scheduleTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.total = QLabel(self)
        self.total.setObjectName("scheduleTotal")
        export = QPushButton("Export CSV…", self)
        export.setObjectName("exportCsv")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(export, QDialogButtonBox.ButtonRole.ActionRole)

        top = QHBoxLayout()
        top.addWidget(QLabel("Group by:", self))
        top.addWidget(self.group_by, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        layout.addWidget(buttons)

        self.group_by.currentIndexChanged.connect(self.refresh)
        export.clicked.connect(lambda _checked=False: self.export_csv())
        buttons.rejected.connect(self.reject)
        self.resize(560, 420)
        self.refresh()

    def refresh(self) -> None:
        """Count the devices again for the chosen grouping."""
        group_by = GROUPINGS[self.group_by.currentText()]
        self.rows = device_schedule(self.document, group_by=group_by, catalog=self.catalog)
        columns = [
            (heading, name)
            for heading, name in COLUMNS
            if self.rows and getattr(self.rows[0], name) is not None
        ]
        self.table.clear()
        self.table.setColumnCount(len(columns) + 1)
        self.table.setHorizontalHeaderLabels([heading for heading, _ in columns] + ["Count"])
        self.table.setRowCount(len(self.rows))
        for row_index, row in enumerate(self.rows):
            for column, (_, name) in enumerate(columns):
                text = getattr(row, name) or ("(none)" if name == "circuit" else "")
                self.table.setItem(row_index, column, QTableWidgetItem(text))
            count = QTableWidgetItem(str(row.count))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row_index, len(columns), count)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        devices = sum(1 for _ in self.document.devices())
        self.total.setText(f"{devices} device{'s' if devices != 1 else ''} in the drawing")

    def export_csv(self, path: str | Path | None = None) -> bool:
        """Write the shown rows as CSV (asks for the file unless given); False if not written."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export schedule", self._default_path, CSV_FILTER
            )
            if not chosen:
                return False
            path = chosen
        try:
            write_schedule_csv(self.rows, path)
        except DocumentError as error:
            report_file_error(self, "Export schedule", error)
            return False
        return True
