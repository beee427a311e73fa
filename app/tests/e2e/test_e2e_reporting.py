"""End to end: the real app in a subprocess, a real Sentry-compatible server (Bugsink) on
loopback, and recording endpoints for the failure modes. Delivery is proven by what the
server stored (its database) or received (raw bytes), never by the SDK's return values."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from app_runs import RunApp, messages

from lvcad import __version__
from lvcad.telemetry.sentry import SHUTDOWN_TIMEOUT

pytestmark = pytest.mark.e2e

#: The app's shutdown_timeout (lvcad.telemetry.sentry.SHUTDOWN_TIMEOUT) plus the 1 s the
#: acceptance criterion allows.
MAX_EXIT_DELAY = SHUTDOWN_TIMEOUT + 1.0


def new_events(bugsink: Any, before: set[str]) -> list[dict[str, Any]]:
    return [event for event in bugsink.events() if event["event_id"] not in before]


def test_an_error_in_the_running_app_arrives_as_an_issue(bugsink: Any, run_app: RunApp) -> None:
    before = {event["event_id"] for event in bugsink.events()}
    run = run_app("error", "--wait-sent", "60", dsn=bugsink.dsn).check()
    assert "DIALOGS 1" in run.stdout
    (event,) = new_events(bugsink, before)
    assert event["release"] == f"lvcad@{__version__}"
    assert event["environment"] == "e2e"
    data = event["data"]
    (exception,) = data["exception"]["values"]
    assert exception["value"] == "the line tool failed on purpose"
    in_app = [frame for frame in exception["stacktrace"]["frames"] if frame.get("in_app")]
    assert {frame["module"] for frame in in_app} >= {"lvcad.tools.manager"}
    assert all(frame.get("context_line") for frame in in_app)
    crumbs = [crumb.get("message", "") for crumb in data["breadcrumbs"]["values"]]
    assert "Command: Add line" in crumbs
    assert bugsink.issue_count() >= 1


def test_ask_each_time_sends_after_the_user_says_send(bugsink: Any, run_app: RunApp) -> None:
    before = {event["event_id"] for event in bugsink.events()}
    run_app("error", "--wait-sent", "60", dsn=bugsink.dsn, mode="ask").check()
    (event,) = new_events(bugsink, before)
    assert event["data"]["exception"]["values"][0]["value"] == "the line tool failed on purpose"


@pytest.mark.parametrize("mode", ["off", None])
def test_without_consent_nothing_arrives(
    bugsink: Any, run_app: RunApp, mode: str | None, outbox: Callable[[], list[Path]]
) -> None:
    before = {event["event_id"] for event in bugsink.events()}
    run = run_app("error", dsn=bugsink.dsn, mode=mode).check()
    assert "DIALOGS 1" in run.stdout  # the user still sees what went wrong
    assert new_events(bugsink, before) == []
    assert outbox() == []


def test_a_burst_of_1000_errors_over_four_paths(bugsink: Any, run_app: RunApp) -> None:
    before = {event["event_id"] for event in bugsink.events()}
    run_app("burst", "--count", "1000", "--wait-sent", "240", dsn=bugsink.dsn).check()
    received = {m for m in messages(new_events(bugsink, before)) if m.startswith("burst")}
    by_path = {
        path: sum(1 for m in received if m.startswith(f"burst {path}"))
        for path in ("boundary", "logging", "thread", "qthread", "slot")
    }
    print(f"burst: {len(received)} of 1000 received, by path {by_path}")
    assert len(received) >= 990
    assert all(count >= 100 for count in by_path.values())


def test_server_down_then_back_at_the_next_start(
    bugsink: Any, run_app: RunApp, outbox: Callable[[], list[Path]]
) -> None:
    before = {event["event_id"] for event in bugsink.events()}
    bugsink.stop()
    try:
        down = run_app("burst", "--count", "100", dsn=bugsink.dsn).check()
        kept = len(outbox())
    finally:
        bugsink.start()
    assert down.exit_delay <= MAX_EXIT_DELAY
    assert kept >= 99
    run_app("idle", "--wait-sent", "120", dsn=bugsink.dsn).check()
    received = {m for m in messages(new_events(bugsink, before)) if m.startswith("burst")}
    print(f"server down, back at the next start: {len(received)} of 100 delivered")
    assert len(received) >= 99
    assert outbox() == []


def test_a_failing_server_never_reaches_the_user(
    report_server: Any, run_app: RunApp, outbox: Callable[[], list[Path]]
) -> None:
    """500, 429 and no answer at all: no traceback, the app exits normally, the report is
    kept for the next start, and quitting takes at most shutdown_timeout + 1 s longer than
    with a server that answers."""
    normal = run_app("error", dsn=report_server.dsn).check()
    delays = {}
    for failure in ("500", "429", "no answer"):
        report_server.requests.clear()
        report_server.hang = failure == "no answer"
        report_server.status = 200 if report_server.hang else int(failure)
        run = run_app("error", dsn=report_server.dsn).check()
        assert report_server.requests, failure  # the app did try
        assert outbox(), failure  # kept for the next start (with any sampled transaction)
        delays[failure] = run.exit_delay
    print(f"exit after quitting: {normal.exit_delay:.2f} s with a working server, {delays}")
    for failure, delay in delays.items():
        assert delay - normal.exit_delay <= MAX_EXIT_DELAY, failure


def test_canaries_never_leave_the_machine(
    report_server: Any, run_app: RunApp, tmp_path: Path, fixtures: Path
) -> None:
    user, host = "zqcanaryuser", "zq-canary-host"
    email, ip, token = "zq.canary@example.com", "203.0.113.77", "ghp_zqcanarytoken0123456789abcd"
    home = tmp_path / "home" / user
    plan = home / "plans" / f"{user}-plan.lvcad"
    plan.parent.mkdir(parents=True)
    shutil.copy(fixtures / "lvcad-v2.lvcad", plan)
    env = {
        "HOME": str(home),
        "USER": user,
        "LOGNAME": user,
        "LVCAD_E2E_HOSTNAME": host,
        "LVCAD_E2E_CANARIES": ",".join([user, host, email, ip, token]),
    }
    run_app("canary", str(plan), "--wait-sent", "30", dsn=report_server.dsn, env=env).check()
    bodies = report_server.bodies()
    assert any(b'"type":"event"' in body for body in bodies)  # the report did arrive
    received = report_server.raw() + b"".join(bodies)
    for canary in (user, host, str(home), email, ip, token):
        found = [m.start() for m in re.finditer(re.escape(canary.encode()), received, re.I)]
        assert found == [], f"{canary!r} was sent"
