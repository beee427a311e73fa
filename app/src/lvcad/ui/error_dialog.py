"""The error dialog, and the presenter that shows it on the GUI thread.

The dialog says what happened in plain language, shows the exact scrubbed report on
"Show details", copies it to the clipboard, takes an optional comment, and — when the user
chose "ask each time" — sends or discards the report. It names the log file.

:class:`ErrorPresenter` is registered with :func:`lvcad.errors.set_presenter`; errors from
worker threads (plain threads, ``QThread``) reach it through a queued signal, so dialogs are
always created on the GUI thread.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lvcad import errors, telemetry
from lvcad.errors import ErrorInfo
from lvcad.telemetry import ReportState

__all__ = ["ErrorDialog", "ErrorPresenter"]

log = logging.getLogger(__name__)

_STATE_TEXT = {
    ReportState.LOCAL: "This version of LV CAD does not send error reports.",
    ReportState.NOT_SENT: (
        "Error reporting is off, so nothing was sent. You can change this in Help > Error "
        "Reporting."
    ),
    ReportState.PENDING: (
        "You can send this report to the LV CAD maintainers. It holds no file names from "
        "your home folder, no user or computer name, and no drawing content: "
        "Show details shows exactly what would be sent."
    ),
    ReportState.SENT: "An error report was sent to the LV CAD maintainers (Show details).",
}


class ErrorDialog(QDialog):
    """The dialog for one error (see the module docstring)."""

    def __init__(self, info: ErrorInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.setObjectName("errorDialog")
        self.setWindowTitle("LV CAD: something went wrong")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)

        message = QLabel(info.message, self)
        message.setObjectName("errorMessage")
        message.setWordWrap(True)
        layout.addWidget(message)
        state = QLabel(_STATE_TEXT[info.report.state], self)
        state.setObjectName("reportState")
        state.setWordWrap(True)
        layout.addWidget(state)
        log_label = QLabel(f"Log file: {info.log_path}", self)
        log_label.setObjectName("logPath")
        log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        log_label.setWordWrap(True)
        layout.addWidget(log_label)

        self.details = QPlainTextEdit(info.report.text, self)
        self.details.setObjectName("errorDetails")
        self.details.setReadOnly(True)
        self.details.setVisible(False)
        layout.addWidget(self.details, 1)

        self.comment = QPlainTextEdit(self)
        self.comment.setObjectName("errorComment")
        self.comment.setPlaceholderText("What were you doing? (optional, sent with the report)")
        self.comment.setMaximumHeight(70)
        self.comment.setVisible(info.report.can_send)
        layout.addWidget(self.comment)

        buttons = QDialogButtonBox(self)
        self.details_button = QPushButton("Show details", self)
        self.details_button.setObjectName("showDetails")
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._toggle_details)
        buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.ActionRole)
        copy = QPushButton("Copy to clipboard", self)
        copy.setObjectName("copyReport")
        copy.clicked.connect(self.copy_report)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        if info.report.can_send:
            self.send_button = buttons.addButton("Send", QDialogButtonBox.ButtonRole.AcceptRole)
            self.send_button.setObjectName("sendReport")
            dont = buttons.addButton("Don't send", QDialogButtonBox.ButtonRole.RejectRole)
            dont.setObjectName("dontSend")
        else:
            close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
            close.setObjectName("closeError")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.finished.connect(self._decide)
        self.resize(560, 260)

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setText("Hide details" if shown else "Show details")
        self.resize(self.width(), 520 if shown else 260)

    def copy_report(self) -> None:
        """Put the message and the scrubbed report on the clipboard."""
        text = f"{self.info.message}\n{self.info.summary}\n\n{self.info.report.text}"
        QGuiApplication.clipboard().setText(text)

    def _decide(self, result: int) -> None:
        report = self.info.report
        if report.can_send and report.event_id is not None:
            send = result == QDialog.DialogCode.Accepted
            telemetry.decide(report.event_id, send=send, comment=self.comment.toPlainText())


class ErrorPresenter(QObject):
    """Shows :class:`ErrorDialog` for each presented error, on the GUI thread."""

    _presented = Signal(object)

    def __init__(self, parent_widget: QWidget | None = None) -> None:
        super().__init__()
        self.parent_widget = parent_widget
        #: The dialogs shown so far that are still open.
        self.dialogs: list[ErrorDialog] = []
        self._presented.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        """Become the error presenter of :mod:`lvcad.errors`."""
        errors.set_presenter(self.present)

    def uninstall(self) -> None:
        """Stop presenting (errors go to stderr again)."""
        errors.set_presenter(None)

    def present(self, info: ErrorInfo) -> None:
        """Show ``info`` (from any thread; the dialog opens on the GUI thread)."""
        self._presented.emit(info)

    @Slot(object)
    def _show(self, info: ErrorInfo) -> None:
        dialog = ErrorDialog(info, self.parent_widget)
        self.dialogs.append(dialog)
        dialog.destroyed.connect(lambda _=None, d=dialog: self._forget(d))
        dialog.open()

    def _forget(self, dialog: ErrorDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)
