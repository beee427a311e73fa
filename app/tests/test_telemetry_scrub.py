"""Scrubbing: personal data leaves no trace in any envelope item."""

from __future__ import annotations

import pytest
from sentry_sdk.envelope import Envelope, Item, PayloadRef

from lvcad.telemetry.scrub import Scrubber, local_identity

CANARIES = ["zqcanaryuser", "zq-canary-host", "/home/zqcanaryuser"]


@pytest.fixture
def scrub() -> Scrubber:
    return Scrubber(CANARIES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("open /home/zqcanaryuser/plans/a.lvcad", "open ~/plans/a.lvcad"),
        ("at /home/other/x.dxf", "at /home/<user>/x.dxf"),
        ("at /Users/Ann Smith/x.dxf", "at /Users/<user> Smith/x.dxf"),
        (r"C:\Users\bob\Documents\x.dxf", r"C:\Users\<user>\Documents\x.dxf"),
        (r"'C:\\Users\\bob\\x.dxf'", r"'C:\\Users\\<user>\\x.dxf'"),
        ("mail ann.smith+cad@example.co.uk now", "mail <email> now"),
        ("from 10.20.30.40:8080", "from <ip>:8080"),
        ("from fe80::1ff:fe23:4567:890a", "from <ip>"),
        ("loopback 127.0.0.1 and ::1 stay", "loopback 127.0.0.1 and ::1 stay"),
        ("at 12:30:45 on 2026-12-01", "at 12:30:45 on 2026-12-01"),
        ("release lvcad@0.8.0 and Python 3.11.9", "release lvcad@0.8.0 and Python 3.11.9"),
        ("token=abc123XYZ&x=1", "token=<secret>&x=1"),
        ('"api_key": "k-123"', '"api_key": "<secret>"'),
        ("Authorization: Bearer abcdefghijklmnop", "Authorization: <secret>"),
        ("key ghp_abcdefghijklmnopqrstuvwxyz0123", "key <secret>"),
        ("https://ann:hunter2@example.com/x", "https://ann:<secret>@example.com/x"),
        ("host zq-canary-host said ZQCANARYUSER", "host <redacted> said <redacted>"),
        ("planning", "planning"),
    ],
)
def test_text(scrub: Scrubber, text: str, expected: str) -> None:
    assert scrub.text(text) == expected


def test_identity_names_are_whole_words() -> None:
    scrub = Scrubber(["ann"])
    assert scrub.text("ann planned a scan") == "<redacted> planned a scan"


def test_local_identity_has_this_machines_names() -> None:
    import socket
    from pathlib import Path

    found = local_identity()
    assert socket.gethostname() in found
    assert str(Path.home()) in found


def event_with_canaries() -> dict[str, object]:
    return {
        "event_id": "a" * 32,
        "server_name": "zq-canary-host",
        "user": {"username": "zqcanaryuser", "ip_address": "10.1.2.3"},
        "request": {"url": "http://10.1.2.3/"},
        "extra": {"sys.argv": ["lvcad", "/home/zqcanaryuser/a.lvcad"], "kept": 1},
        "message": "cannot open /home/zqcanaryuser/a.lvcad for ann@example.com",
        "breadcrumbs": {
            "values": [{"message": "Opened /home/zqcanaryuser/b.lvcad", "data": {"pwd": "x"}}]
        },
        "exception": {
            "values": [
                {
                    "type": "OSError",
                    "value": "/home/zqcanaryuser/a.lvcad: denied",
                    "stacktrace": {
                        "frames": [
                            {
                                "filename": "lvcad/io/fileops.py",
                                "abs_path": "/home/zqcanaryuser/venv/lvcad/io/fileops.py",
                                "vars": {"path": "/home/zqcanaryuser/a.lvcad"},
                                "context_line": "    open(path)",
                            }
                        ]
                    },
                }
            ]
        },
    }


def test_event_structure(scrub: Scrubber) -> None:
    event = scrub.event(event_with_canaries())
    assert "server_name" not in event
    assert "user" not in event
    assert "request" not in event
    assert event["extra"] == {"kept": 1}
    frame = event["exception"]["values"][0]["stacktrace"]["frames"][0]
    assert "vars" not in frame
    assert frame["abs_path"] == "lvcad/io/fileops.py"
    assert frame["context_line"] == "    open(path)"
    crumb = event["breadcrumbs"]["values"][0]
    assert crumb["message"] == "Opened ~/b.lvcad"
    assert crumb["data"] == {"pwd": "[Filtered]"}


def test_every_item_of_an_envelope(scrub: Scrubber) -> None:
    envelope = Envelope(headers={"event_id": "a" * 32, "trace": {"user": "zqcanaryuser"}})
    envelope.add_event(event_with_canaries())
    envelope.add_item(
        Item(
            PayloadRef(json={"frames": [{"abs_path": "/home/zqcanaryuser/x.py"}]}),
            type="profile",
        )
    )
    envelope.add_item(Item(b"zqcanaryuser's bytes", type="attachment", filename="a.txt"))
    clean = scrub.envelope(envelope)
    assert clean is not None
    assert [item.type for item in clean.items] == ["event", "profile"]
    data = clean.serialize()
    for canary in (*CANARIES, b"ann@example.com", b"10.1.2.3"):
        needle = canary.encode() if isinstance(canary, str) else canary
        assert needle.lower() not in data.lower()


def test_an_envelope_with_nothing_scrubbable_is_dropped(scrub: Scrubber) -> None:
    envelope = Envelope()
    envelope.add_item(Item(b"raw", type="attachment"))
    assert scrub.envelope(envelope) is None
