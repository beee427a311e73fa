"""The command line: the active tool's prompt, typed input and a short history.

Typed text is handed to the tool manager (points, distances, options, or a command name
such as ``L`` or ``MOVE`` when no tool runs). Up and Down recall earlier lines.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

__all__ = ["CommandLine"]

#: Lines kept in the history view.
HISTORY_LINES = 200


class _Entry(QLineEdit):
    """The input field: Esc and the history keys are passed to the command line."""

    escape_pressed = Signal()
    history_requested = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.history_requested.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
            event.accept()
            return
        super().keyPressEvent(event)


class CommandLine(QWidget):
    """Prompt, input field and history."""

    #: A line was entered (possibly empty: Enter).
    submitted = Signal(str)
    #: Esc was pressed in the input field.
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commandLine")
        self.history = QPlainTextEdit(self)
        self.history.setReadOnly(True)
        self.history.setMaximumBlockCount(HISTORY_LINES)
        self.history.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 10)
        self.prompt = QLabel(self)
        self.entry = _Entry(self)
        self.entry.setObjectName("commandEntry")
        self.entry.setPlaceholderText(
            "Type a command, a point (x,y  @dx,dy  @r<angle) or a distance"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addWidget(self.history)
        layout.addWidget(self.prompt)
        layout.addWidget(self.entry)
        self._lines: list[str] = []
        self._recall = 0
        self.entry.returnPressed.connect(self._submit)
        self.entry.escape_pressed.connect(self.cancelled)
        self.entry.history_requested.connect(self._recall_line)

    def set_prompt(self, text: str) -> None:
        """Show what the active tool asks for."""
        self.prompt.setText(text)

    def log(self, text: str) -> None:
        """Add a line to the history."""
        self.history.appendPlainText(text)

    def type_text(self, text: str) -> None:
        """Start typing ``text`` (a key pressed over the drawing)."""
        self.entry.setFocus()
        self.entry.insert(text)

    def _submit(self) -> None:
        text = self.entry.text()
        self.entry.clear()
        if text.strip():
            self._lines.append(text)
            self.log(f"{self.prompt.text()}  {text}")
        self._recall = len(self._lines)
        self.submitted.emit(text)

    def _recall_line(self, step: int) -> None:
        if not self._lines:
            return
        self._recall = min(max(self._recall + step, 0), len(self._lines))
        self.entry.setText(self._lines[self._recall] if self._recall < len(self._lines) else "")
