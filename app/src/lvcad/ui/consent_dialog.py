"""The error-reporting choice: asked once at first run, changed later in Help > Error
Reporting. Off until the user chooses otherwise."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from lvcad import telemetry
from lvcad.telemetry import Mode

__all__ = ["ConsentDialog", "ask_consent_once"]

EXPLANATION = (
    "When something goes wrong, LV CAD can send an error report to its maintainers so they "
    "can fix it. A report holds the error, the LV CAD code where it happened, the version "
    "and the operating system. Before it leaves your computer, user and computer names, "
    "paths in your home folder, email and IP addresses and passwords or tokens are removed. "
    "Your drawings are never sent."
)


class ConsentDialog(QDialog):
    """Choose off / ask each time / always; OK stores the choice."""

    def __init__(self, parent: QWidget | None = None, *, first_run: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("consentDialog")
        self.setWindowTitle("Error reporting")
        layout = QVBoxLayout(self)
        text = QLabel(EXPLANATION, self)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.group = QButtonGroup(self)
        self.buttons: dict[Mode, QRadioButton] = {}
        current = telemetry.consent_store().load()
        for mode in Mode:
            button = QRadioButton(mode.label, self)
            button.setObjectName(f"consent_{mode.value}")
            button.setChecked(mode is current.mode)
            self.group.addButton(button)
            self.buttons[mode] = button
            layout.addWidget(button)
        if first_run:
            note = QLabel("You can change this later in Help > Error Reporting.", self)
            layout.addWidget(note)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.accepted.connect(self.store)

    def chosen(self) -> Mode:
        """The selected mode."""
        return next(mode for mode, button in self.buttons.items() if button.isChecked())

    def store(self) -> None:
        """Save the selected mode."""
        telemetry.set_mode(self.chosen())


def ask_consent_once(parent: QWidget | None = None) -> ConsentDialog | None:
    """At first run, open the consent dialog (window-modal); ``None`` once the user chose.

    Closing it without choosing stores "off", so the question is not repeated.
    """
    if telemetry.consent_store().load().asked:
        return None
    dialog = ConsentDialog(parent, first_run=True)
    dialog.rejected.connect(lambda: telemetry.set_mode(Mode.OFF))
    dialog.open()
    return dialog
