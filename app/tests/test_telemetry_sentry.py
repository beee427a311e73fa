"""Error tracking against a recording endpoint: consent, release, the pending store, the
outbox (reports the server did not take are sent at the next start)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sentry_sdk
from PySide6.QtCore import Qt

from lvcad import __version__, telemetry
from lvcad.telemetry import Mode, ReportState
from lvcad.telemetry.outbox import Outbox
from lvcad.telemetry.scrub import Scrubber

Start = Callable[..., None]


@pytest.fixture
def start(report_server: Any, user_dirs: Path) -> Start:
    """Start error tracking against ``report_server`` in consent ``mode``."""

    def start(mode: Mode | None = Mode.ALWAYS, **options: Any) -> None:
        if mode is not None:
            telemetry.set_mode(mode)
        started = telemetry.init_sentry(
            report_server.dsn,
            "testing",
            scrubber=Scrubber(extra=["zqcanaryuser"]),
            **options,
        )
        assert started
        sentry_sdk.get_isolation_scope().clear_breadcrumbs()

    return start


def raise_and_capture(message: str = "boom") -> telemetry.Report:
    try:
        raise RuntimeError(message)
    except RuntimeError as error:
        return telemetry.capture_exception(error)


def outbox_files(user_dirs: Path) -> list[Path]:
    return Outbox(user_dirs / "cache" / "reports").waiting()


def test_without_a_dsn_nothing_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SENTRY_DSN", raising=False)
    assert not telemetry.init_sentry()
    assert not telemetry.is_enabled()
    report = raise_and_capture("cannot read /home/zqcanaryuser/a.lvcad")
    assert report.state is ReportState.LOCAL
    assert report.event_id is None
    assert "RuntimeError" in report.text
    assert "/home/<user>/a.lvcad" in report.text
    assert telemetry.report_previous_crash("Fatal Python error") is None


def test_always_sends_with_release_and_environment(
    start: Start, report_server: Any, user_dirs: Path
) -> None:
    start()
    report = raise_and_capture("boom for zqcanaryuser")
    assert report.state is ReportState.SENT
    sentry_sdk.flush(10)
    (event,) = report_server.events()
    assert event["event_id"] == report.event_id
    assert event["release"] == f"lvcad@{__version__}"
    assert event["environment"] == "testing"
    assert event["exception"]["values"][0]["value"] == "boom for <redacted>"
    assert json.loads(report.text) == event  # the dialog shows exactly what was sent
    assert outbox_files(user_dirs) == []


def test_consent_off_sends_nothing(start: Start, report_server: Any) -> None:
    start(Mode.OFF)
    report = raise_and_capture()
    logging.getLogger("lvcad.test").error("an error log")
    with telemetry.operation_transaction("save"):
        pass
    sentry_sdk.flush(10)
    assert report.state is ReportState.NOT_SENT
    assert report_server.requests == []


def test_ask_waits_for_the_user(start: Start, report_server: Any) -> None:
    start(Mode.ASK)
    kept = raise_and_capture("kept")
    dropped = raise_and_capture("dropped")
    assert kept.state is ReportState.PENDING
    assert kept.can_send
    sentry_sdk.flush(10)
    assert report_server.requests == []
    assert telemetry.decide(dropped.event_id or "", send=False) is False
    assert telemetry.decide(kept.event_id or "", send=True, comment="I clicked Save, ann@x.org")
    assert telemetry.decide(kept.event_id or "", send=True) is False  # decided once
    sentry_sdk.flush(10)
    (event,) = report_server.events()
    assert event["event_id"] == kept.event_id
    assert event["extra"]["user_comment"] == "I clicked Save, <email>"


def test_logging_errors_are_events_and_info_logs_breadcrumbs(
    start: Start, report_server: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    start()
    log = logging.getLogger("lvcad.test")
    log.info("Opened /home/zqcanaryuser/plan.lvcad")
    log.error("the schedule could not be counted")
    sentry_sdk.flush(10)
    (event,) = report_server.events()
    assert event["logentry"]["message"] == "the schedule could not be counted"
    crumbs = [crumb["message"] for crumb in event["breadcrumbs"]["values"]]
    assert "Opened /home/<user>/plan.lvcad" in crumbs


@pytest.mark.parametrize("status", [500, 429, 503])
def test_refused_reports_are_sent_at_the_next_start(
    start: Start, report_server: Any, user_dirs: Path, status: int
) -> None:
    report_server.status = status
    start()
    reports = [raise_and_capture(f"error {n}") for n in range(3)]
    sentry_sdk.flush(10)
    assert len(outbox_files(user_dirs)) == 3
    telemetry.shutdown(timeout=2)

    report_server.status = 200
    report_server.requests.clear()
    start(None)
    sentry_sdk.flush(10)
    received = {event["event_id"] for event in report_server.events()}
    assert received == {report.event_id for report in reports}
    assert outbox_files(user_dirs) == []


def test_turning_reporting_off_deletes_unsent_reports(
    start: Start, report_server: Any, user_dirs: Path
) -> None:
    report_server.status = 500
    start()
    raise_and_capture()
    sentry_sdk.flush(10)
    assert len(outbox_files(user_dirs)) == 1
    telemetry.set_mode(Mode.OFF)
    assert outbox_files(user_dirs) == []


def test_previous_crash_is_reported(start: Start, report_server: Any) -> None:
    start()
    report = telemetry.report_previous_crash(
        'Fatal Python error: Segmentation fault\n  File "/home/zqcanaryuser/x.py", line 3'
    )
    assert report is not None
    assert report.state is ReportState.SENT
    sentry_sdk.flush(10)
    (event,) = report_server.events()
    assert event["level"] == "fatal"
    assert "/home/<user>/x.py" in event["extra"]["crash_log"]


def test_damaged_outbox_files_are_dropped(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path)
    (tmp_path / "00000000000000000001-x.envelope").write_bytes(b"\xff not an envelope")
    (path,) = outbox.waiting()
    assert outbox.load(path) is None
    assert outbox.waiting() == []


def test_dsn_and_environment_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, report_server: Any, start: Start
) -> None:
    from lvcad.telemetry.config import load_config

    monkeypatch.setenv("SENTRY_DSN", report_server.dsn)
    monkeypatch.setenv("SENTRY_ENVIRONMENT", "staging")
    config = load_config()
    assert (config.dsn, config.environment) == (report_server.dsn, "staging")
    assert config.release == f"lvcad@{__version__}"
    monkeypatch.delenv("SENTRY_ENVIRONMENT")
    assert load_config().environment == "production"


def test_previous_crash_in_ask_mode_waits_for_the_dialog(
    start: Start, report_server: Any, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    from lvcad.ui import app as app_module
    from lvcad.ui.error_dialog import ErrorPresenter

    crash = 'Fatal Python error: Segmentation fault\n  File "/home/zqcanaryuser/lvcad/x.py"'
    monkeypatch.setattr(app_module, "previous_crash_report", lambda: crash)
    start(Mode.ASK)
    presenter = ErrorPresenter()
    app_module._report_previous_crash(presenter)
    qtbot.waitUntil(lambda: bool(presenter.dialogs))
    dialog = presenter.dialogs[0]
    assert "zqcanaryuser" not in dialog.info.report.text
    assert "Segmentation fault" in dialog.info.report.text
    sentry_sdk.flush(10)
    assert report_server.requests == []  # nothing leaves before the user says Send
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    sentry_sdk.flush(10)
    qtbot.waitUntil(lambda: len(report_server.requests) == 1)
    assert b"previous run" in report_server.bodies()[0]
    for dialog in list(presenter.dialogs):
        dialog.close()
