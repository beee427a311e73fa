"""The dialog shown at start after a crash: the documents that can be recovered, with
Restore and Discard."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lvcad.recovery import RecoveredDocument

__all__ = ["RestoreDialog"]

MESSAGE = (
    "<b>LV CAD did not close properly last time.</b><p>These drawings had unsaved changes "
    "and were saved automatically. <b>Restore</b> opens them with their changes (save them "
    "to keep them); <b>Discard</b> deletes the automatic copies. Close this window to "
    "decide next time.</p>"
)


class RestoreDialog(QDialog):
    """Lists recovered documents (name, file, time of the copy); emits :attr:`restore` or
    :attr:`discard` when the user picks one. Closing it decides nothing."""

    restore = Signal()
    discard = Signal()

    def __init__(
        self, documents: Sequence[RecoveredDocument], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Recover drawings — LV CAD")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        message = QLabel(MESSAGE, self)
        message.setWordWrap(True)
        self.documents = QTreeWidget(self)
        self.documents.setObjectName("recoveredDocuments")
        self.documents.setRootIsDecorated(False)
        self.documents.setHeaderLabels(["Drawing", "File", "Saved automatically"])
        for document in documents:
            saved_at = document.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            where = str(document.path) if document.path is not None else "(never saved)"
            QTreeWidgetItem(self.documents, [document.name, where, saved_at])
        for column in range(3):
            self.documents.resizeColumnToContents(column)

        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton("&Restore", self)
        self.restore_button.setObjectName("restoreButton")
        self.discard_button = QPushButton("&Discard", self)
        self.discard_button.setObjectName("discardButton")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self._restore)
        self.discard_button.clicked.connect(self._discard)

        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.documents, 1)
        layout.addWidget(buttons)
        self.resize(720, 320)

    def _restore(self) -> None:
        self.accept()
        self.restore.emit()

    def _discard(self) -> None:
        self.accept()
        self.discard.emit()
