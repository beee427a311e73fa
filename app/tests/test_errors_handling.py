"""The error boundary, the dialog throttle and the global hooks (Qt-free parts)."""

from __future__ import annotations

import gc
import logging
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import sentry_sdk

from lvcad import errors, telemetry
from lvcad.errors import ErrorInfo, Throttle, fingerprint, with_error_handling
from lvcad.telemetry import Mode, ReportState


@pytest.fixture
def shown() -> Iterator[list[ErrorInfo]]:
    """The errors presented (instead of dialogs)."""
    infos: list[ErrorInfo] = []
    errors.set_presenter(infos.append)
    yield infos
    errors.set_presenter(None)


@pytest.fixture
def previous_hooks(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list[Any]]]:
    """Recorders in place of the current hooks, then ours installed on top of them."""
    calls: dict[str, list[Any]] = {"excepthook": [], "threading": [], "unraisable": []}
    monkeypatch.setattr(sys, "excepthook", lambda *args: calls["excepthook"].append(args))
    monkeypatch.setattr(threading, "excepthook", calls["threading"].append)
    monkeypatch.setattr(sys, "unraisablehook", calls["unraisable"].append)
    errors.install_hooks()
    yield calls
    errors.uninstall_hooks()


def test_boundary_returns_the_fallback_and_logs(
    shown: list[ErrorInfo], caplog: pytest.LogCaptureFixture
) -> None:
    @with_error_handling("count the devices", fallback_value=-1)
    def count() -> int:
        raise ZeroDivisionError("no devices")

    assert count() == -1
    (info,) = shown
    assert info.operation == "count the devices"
    assert "while trying to count the devices" in info.message
    assert info.summary == "ZeroDivisionError: no devices"
    assert info.report.state is ReportState.LOCAL
    (record,) = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.exc_info is not None
    assert "count the devices" in record.getMessage()


def test_boundary_passes_results_and_base_exceptions(shown: list[ErrorInfo]) -> None:
    @with_error_handling("work", "It failed.")
    def work(value: int) -> int:
        if value < 0:
            raise KeyboardInterrupt
        return value * 2

    assert work(21) == 42
    with pytest.raises(KeyboardInterrupt):
        work(-1)
    assert shown == []


def test_one_dialog_per_fingerprint(shown: list[ErrorInfo]) -> None:
    @with_error_handling("first")
    def first(n: int) -> None:
        raise ValueError(f"bad value {n}")

    @with_error_handling("second")
    def second() -> None:
        raise ValueError("bad value")

    for n in range(50):
        first(n)
    second()
    assert [info.operation for info in shown] == ["first", "second"]


def test_the_throttle_window_passes() -> None:
    now = [0.0]
    throttle = Throttle(window=10.0, clock=lambda: now[0])
    assert throttle.allow("a")
    assert not throttle.allow("a")
    assert throttle.allow("b")
    now[0] = 10.0
    assert throttle.allow("a")


def test_fingerprint_is_type_and_place() -> None:
    def fail(message: str) -> ValueError:
        try:
            raise ValueError(message)
        except ValueError as error:
            return error

    first, second = fail("x"), fail("y")
    assert fingerprint(first) == fingerprint(second)
    assert fingerprint(first).startswith("builtins.ValueError@")
    assert fingerprint(first) != fingerprint(KeyError("x"))


def test_a_failing_presenter_does_not_escape(caplog: pytest.LogCaptureFixture) -> None:
    def broken(info: ErrorInfo) -> None:
        raise RuntimeError("no display")

    errors.set_presenter(broken)

    @with_error_handling("work", fallback_value="fallback")
    def work() -> str:
        raise ValueError("x")

    assert work() == "fallback"
    assert "Cannot show the error dialog" in caplog.text


def test_boundary_captures_once(
    shown: list[ErrorInfo], report_server: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    telemetry.set_mode(Mode.ALWAYS)
    assert telemetry.init_sentry(report_server.dsn, "testing")

    @with_error_handling("save the drawing", fallback_value=False)
    def save() -> bool:
        raise OSError("disk on fire")

    assert save() is False
    sentry_sdk.flush(10)
    (event,) = report_server.events()
    assert event["event_id"] == shown[0].report.event_id
    assert shown[0].report.state is ReportState.SENT


def test_throttled_repeats_are_not_sent_when_asking(
    shown: list[ErrorInfo], report_server: Any
) -> None:
    telemetry.set_mode(Mode.ASK)
    assert telemetry.init_sentry(report_server.dsn, "testing")

    @with_error_handling("zoom")
    def zoom() -> None:
        raise ValueError("x")

    zoom()
    zoom()
    (info,) = shown
    assert info.report.can_send
    assert telemetry.decide(info.report.event_id or "", send=True)
    sentry_sdk.flush(10)
    assert len(report_server.events()) == 1


def test_excepthook_handles_and_chains(
    shown: list[ErrorInfo], previous_hooks: dict[str, list[Any]]
) -> None:
    try:
        raise LookupError("no such layer")
    except LookupError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    (info,) = shown
    assert info.summary == "LookupError: no such layer"
    assert len(previous_hooks["excepthook"]) == 1
    sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert len(shown) == 1  # Ctrl+C is not an error to report
    assert len(previous_hooks["excepthook"]) == 2


def test_thread_exceptions_are_handled(
    shown: list[ErrorInfo], previous_hooks: dict[str, list[Any]]
) -> None:
    def work() -> None:
        raise RuntimeError("worker failed")

    thread = threading.Thread(target=work, name="schedule-export")
    thread.start()
    thread.join()
    (info,) = shown
    assert "schedule-export" in info.operation
    assert len(previous_hooks["threading"]) == 1


def test_unraisable_exceptions_are_handled(
    shown: list[ErrorInfo], previous_hooks: dict[str, list[Any]]
) -> None:
    class Leaky:
        def __del__(self) -> None:
            raise RuntimeError("cleanup failed")

    leaky = Leaky()
    del leaky
    gc.collect()
    (info,) = shown
    assert info.summary == "RuntimeError: cleanup failed"
    assert len(previous_hooks["unraisable"]) == 1


def test_hooks_install_once_and_uninstall(monkeypatch: pytest.MonkeyPatch) -> None:
    def original(*args: object) -> None:
        pass

    monkeypatch.setattr(sys, "excepthook", original)
    errors.install_hooks()
    installed = sys.excepthook
    errors.install_hooks()
    assert sys.excepthook is installed is not original
    errors.uninstall_hooks()
    assert sys.excepthook is original
