"""The error dialog, the presenter (GUI thread), the consent dialog and the Help menu."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lvcad import errors, telemetry
from lvcad.errors import ErrorInfo
from lvcad.telemetry import Mode, Report, ReportState


def info(state: ReportState = ReportState.NOT_SENT, event_id: str | None = "e1") -> ErrorInfo:
    return ErrorInfo(
        operation="save the drawing",
        message="Something went wrong while trying to save the drawing.",
        summary="OSError: disk full",
        report=Report(event_id, '{"exception": "the exact report"}', state),
        log_path=Path("/var/log/lvcad/lvcad.log"),
        fingerprint="OSError@x",
    )


@pytest.fixture
def decisions(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool, str]]:
    made: list[tuple[str, bool, str]] = []

    def decide(event_id: str, *, send: bool, comment: str = "") -> bool:
        made.append((event_id, send, comment))
        return send

    monkeypatch.setattr(telemetry, "decide", decide)
    return made


def test_dialog_shows_message_details_and_log(qtbot: Any) -> None:
    from PySide6.QtWidgets import QApplication, QLabel

    from lvcad.ui.error_dialog import ErrorDialog

    dialog = ErrorDialog(info())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.findChild(QLabel, "errorMessage").text() == info().message
    assert str(Path("/var/log/lvcad/lvcad.log")) in dialog.findChild(QLabel, "logPath").text()
    assert "off" in dialog.findChild(QLabel, "reportState").text()
    assert not dialog.details.isVisible()
    dialog.details_button.click()
    assert dialog.details.isVisible()
    assert dialog.details.toPlainText() == '{"exception": "the exact report"}'
    assert not dialog.comment.isVisible()  # nothing is sent: no comment to send
    dialog.copy_report()
    copied = QApplication.clipboard().text()
    assert "OSError: disk full" in copied
    assert "the exact report" in copied


def test_send_with_a_comment(qtbot: Any, decisions: list[tuple[str, bool, str]]) -> None:
    from PySide6.QtWidgets import QPushButton

    from lvcad.ui.error_dialog import ErrorDialog

    dialog = ErrorDialog(info(ReportState.PENDING))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.comment.isVisible()
    dialog.comment.setPlainText("I pressed Save")
    dialog.findChild(QPushButton, "sendReport").click()
    assert decisions == [("e1", True, "I pressed Save")]


def test_dont_send(qtbot: Any, decisions: list[tuple[str, bool, str]]) -> None:
    from PySide6.QtWidgets import QPushButton

    from lvcad.ui.error_dialog import ErrorDialog

    dialog = ErrorDialog(info(ReportState.PENDING))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.findChild(QPushButton, "dontSend").click()
    assert decisions == [("e1", False, "")]


@pytest.fixture
def presenter(qtbot: Any) -> Iterator[Any]:
    from lvcad.ui.error_dialog import ErrorPresenter

    shown = ErrorPresenter()
    shown.install()
    yield shown
    for dialog in list(shown.dialogs):
        dialog.close()
    shown.uninstall()


def test_errors_from_a_qthread_open_the_dialog_on_the_gui_thread(
    qtbot: Any, presenter: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from PySide6.QtCore import QThread

    monkeypatch.setattr(sys, "excepthook", lambda *args: None)
    errors.install_hooks()
    raised_on: list[str] = []

    class Worker(QThread):
        def run(self) -> None:
            raised_on.append(threading.current_thread().name)
            raise RuntimeError("worker failed")

    worker = Worker()
    try:
        worker.start()
        worker.wait()
        qtbot.waitUntil(lambda: len(presenter.dialogs) == 1)
    finally:
        errors.uninstall_hooks()
    assert raised_on != [threading.main_thread().name]
    (dialog,) = presenter.dialogs
    assert dialog.thread() is qtbot_app_thread()
    assert dialog.info.summary == "RuntimeError: worker failed"


def qtbot_app_thread() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance().thread()


def test_first_run_consent(qtbot: Any) -> None:
    from lvcad.ui.consent_dialog import ask_consent_once

    dialog = ask_consent_once()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.chosen() is Mode.OFF  # off by default
    dialog.buttons[Mode.ASK].setChecked(True)
    dialog.accept()
    assert telemetry.consent_store().load().mode is Mode.ASK
    assert ask_consent_once() is None  # asked once


def test_closing_the_first_run_question_means_off(qtbot: Any) -> None:
    from lvcad.ui.consent_dialog import ask_consent_once

    dialog = ask_consent_once()
    qtbot.addWidget(dialog)
    dialog.reject()
    consent = telemetry.consent_store().load()
    assert (consent.mode, consent.asked) == (Mode.OFF, True)


def test_help_menu_error_reporting(window: Any) -> None:
    window.actions_by_key["error_reporting"].trigger()
    from lvcad.ui.consent_dialog import ConsentDialog

    dialog = window.findChild(ConsentDialog)
    dialog.buttons[Mode.ALWAYS].setChecked(True)
    dialog.accept()
    assert telemetry.consent_store().mode is Mode.ALWAYS


def test_help_menu_opens_the_log_folder(
    window: Any, monkeypatch: pytest.MonkeyPatch, user_dirs: Path
) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[Path] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(Path(url.toLocalFile()))
    )
    window.actions_by_key["open_log_folder"].trigger()
    assert opened == [user_dirs / "log"]
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    names = [action.objectName() for action in help_menu.actions()]
    assert {"action_error_reporting", "action_open_log_folder"} <= set(names)
