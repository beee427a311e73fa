"""Removing personal data from error reports: every string of every envelope item.

Two kinds of rules:

- *structural*, for events and transactions: no ``server_name`` (the hostname), no
  ``user`` or ``request``, no local variables (``vars``), no ``sys.argv``, and a frame's
  ``abs_path`` cut to its module-relative ``filename``;
- *textual*, on every string (and dict key) anywhere, profiles and headers included: this
  machine's user name, hostname and home folder; any home folder pattern (``/home/NAME``,
  ``/Users/NAME``, ``C:\\Users\\NAME``); email addresses, IP addresses (loopback kept);
  secrets (``token=…``, ``Bearer …``, URL passwords, well-known token formats) and the values
  of keys named like secrets.

PyPI's ``sentry-scrubber`` 2.5 was evaluated first: it stops at nesting depth 10 (a frame's
variables and profile samples are deeper, so they would leave unscrubbed), finds no emails,
tokens or hostnames in text, and learns user names only from paths. So this module is ours.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import re
import socket
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sentry_sdk.envelope import Envelope, Item, PayloadRef

__all__ = ["Scrubber", "local_identity"]

USER = "<user>"
REDACTED = "<redacted>"
HOME = "~"
EMAIL = "<email>"
IP = "<ip>"
SECRET = "<secret>"
FILTERED = "[Filtered]"

#: Keys whose values are secrets wherever they appear.
_SECRET_KEY = re.compile(
    r"(pass(word|wd)?|pwd|secret|token|api[-_]?key|auth(orization)?|cookie|session[-_]?id"
    r"|credential|private[-_]?key|access[-_]?key)",
    re.IGNORECASE,
)
#: Event fields that only describe the user or the machine.
_DROPPED_EVENT_FIELDS = ("server_name", "user", "request")
#: Envelope items that are not JSON (attachments) cannot be scrubbed: they are dropped.
_JSON_TYPES = frozenset(
    {
        "event",
        "transaction",
        "profile",
        "profile_chunk",
        "session",
        "sessions",
        "client_report",
        "check_in",
        "log",
        "span",
        "statsd",
        "user_report",
        "feedback",
    }
)

_SECRET_WORD = re.compile(r"pass|pwd|secret|token|api[-_]?key|auth", re.IGNORECASE)
#: The textual rules: (name, a cheap test that the rule may apply, pattern). The test keeps
#: the cost on ordinary strings (module names, source lines) to a few substring checks.
_RULES: list[tuple[str, Callable[[str], bool], str]] = [
    # Home folders of any user: /home/NAME, /Users/NAME, C:\Users\NAME, \\?\C:\Users\NAME.
    (
        "home",
        lambda text: "home" in text or "Users" in text or "Documents and" in text,
        r"(?P<root>(?:[A-Za-z]:)?(?:[\\/]+)(?:home|Users|Documents and Settings)[\\/]+)"
        r"[^\\/\s'\"<>:|]+",
    ),
    (
        "url_password",
        lambda text: "://" in text,
        r"(?P<user>[a-z][a-z0-9+.-]*://[^\s/:@]+):[^\s/@]+@",
    ),
    (
        "email",
        lambda text: "@" in text,
        r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",
    ),
    (
        "assignment",
        lambda text: ("=" in text or ":" in text) and _SECRET_WORD.search(text) is not None,
        r"(?P<key>\b[\w-]*(?:pass(?:word|wd)?|pwd|secret|token|api[-_]?key|auth)[\w-]*)"
        r"(?P<sep>['\"]?\s*[=:]\s*['\"]?)[^\s'\"&,;)]+",
    ),
    (
        "bearer",
        lambda text: "earer" in text or "asic" in text,
        r"(?i:\b(?:bearer|basic)\s+)[A-Za-z0-9._~+/=-]{8,}",
    ),
    (
        "token",
        lambda text: len(text) >= 20,
        r"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|xox[abprs]-[\w-]{10,}"
        r"|sk-[A-Za-z0-9_-]{20,}|AKIA[0-9A-Z]{16}|glpat-[\w-]{20,}"
        r"|eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,})",
    ),
    (
        "ipv4",
        lambda text: text.count(".") >= 3,
        r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\w.])",
    ),
    (
        "ipv6",
        lambda text: text.count(":") >= 2,
        r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:.])",
    ),
]


def _placeholder(kind: str) -> Callable[[re.Match[str]], str]:
    """The replacement function of rule ``kind``."""

    def replace(match: re.Match[str]) -> str:
        text = match.group(0)
        if kind == "home":
            return f"{match.group('root')}{USER}"
        if kind == "url_password":
            return f"{match.group('user')}:{SECRET}@"
        if kind == "email":
            return EMAIL
        if kind == "assignment":
            return f"{match.group('key')}{match.group('sep')}{SECRET}"
        if kind in ("bearer", "token"):
            return SECRET
        if kind == "ipv4":
            return text if _is_loopback(text) else IP
        # ipv6: an address has "::" or all eight groups; "12:30:45" is a time.
        if ("::" in text or text.count(":") == 7) and not _is_loopback(text):
            return IP
        return text

    return replace


_COMPILED = [
    (may_apply, re.compile(pattern), _placeholder(name)) for name, may_apply, pattern in _RULES
]
#: Scrubbed strings are remembered: source lines, module names and messages repeat.
_CACHE_SIZE = 8192


def local_identity() -> list[str]:
    """This machine's identifying strings: the user name, hostname and home folder."""
    found: list[str] = []
    with contextlib.suppress(OSError, KeyError, ImportError):  # no user name here
        found.append(getpass.getuser())
    found += [os.environ.get(name, "") for name in ("USER", "USERNAME", "LOGNAME")]
    host = socket.gethostname()
    found += [host, host.split(".")[0], os.environ.get("COMPUTERNAME", "")]
    found.append(str(Path.home()))
    return [value for value in dict.fromkeys(found) if value]


def _path_pattern(path: str) -> str:
    """A pattern for ``path`` with either slash (and doubled ones, as in a repr)."""
    parts = re.split(r"[\\/]+", path)
    return r"[\\/]+".join(re.escape(part) for part in parts)


def _is_loopback(address: str) -> bool:
    return address.startswith("127.") or address in ("::1", "0.0.0.0", "::")


class Scrubber:
    """Scrubs text, events and whole envelopes.

    ``identity`` are strings that identify this machine or user (default:
    :func:`local_identity`); ``extra`` adds more (tests add their canaries).
    """

    def __init__(self, identity: Iterable[str] | None = None, *, extra: Iterable[str] = ()) -> None:
        values = list(local_identity() if identity is None else identity) + list(extra)
        homes = sorted({v for v in values if ("/" in v or "\\" in v) and len(v) > 1}, key=len)
        words = sorted({v for v in values if v not in homes and len(v) >= 2}, key=len)
        self._home = self._alternation([_path_pattern(h) + r"(?![A-Za-z0-9_.-])" for h in homes])
        # Names are whole words: a user "ann" must not turn "planning" into "pl<user>ing".
        self._cache: dict[str, str] = {}
        self._words = self._alternation(
            [rf"(?<![A-Za-z0-9<]){re.escape(w)}(?![A-Za-z0-9>])" for w in words]
        )

    @staticmethod
    def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
        if not patterns:
            return None
        return re.compile("|".join(reversed(patterns)), re.IGNORECASE)

    # ----------------------------------------------------------------------------- text

    def text(self, value: str) -> str:
        """``value`` with personal data replaced by placeholders."""
        cached = self._cache.get(value)
        if cached is not None:
            return cached
        clean = value
        if self._home is not None:
            clean = self._home.sub(HOME, clean)
        for may_apply, pattern, replace in _COMPILED:
            if may_apply(clean):
                clean = pattern.sub(replace, clean)
        if self._words is not None:
            clean = self._words.sub(REDACTED, clean)
        if len(self._cache) >= _CACHE_SIZE:
            self._cache.clear()
        self._cache[value] = clean
        return clean

    def data(self, value: Any) -> Any:
        """A copy of JSON-like ``value`` with every string (and key) scrubbed."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            result = {}
            for key, item in value.items():
                clean_key = self.text(key) if isinstance(key, str) else key
                if isinstance(key, str) and _SECRET_KEY.search(key) and item:
                    result[clean_key] = FILTERED
                else:
                    result[clean_key] = self.data(item)
            return result
        if isinstance(value, list | tuple):
            return [self.data(item) for item in value]
        return value

    # --------------------------------------------------------------------------- events

    def event(self, event: dict[str, Any]) -> dict[str, Any]:
        """A scrubbed copy of an event or transaction payload."""
        event = dict(event)
        for field in _DROPPED_EVENT_FIELDS:
            event.pop(field, None)
        extra = event.get("extra")
        if isinstance(extra, dict):
            event["extra"] = {k: v for k, v in extra.items() if k != "sys.argv"}
        for frame in _frames(event):
            frame.pop("vars", None)
            if frame.get("filename"):
                frame["abs_path"] = frame["filename"]
        return dict(self.data(event))

    def envelope(self, envelope: Envelope) -> Envelope | None:
        """A scrubbed copy of ``envelope`` (``None`` when nothing is left to send)."""
        items = [clean for item in envelope.items if (clean := self.item(item)) is not None]
        if not items:
            return None
        return Envelope(headers=self.data(dict(envelope.headers)), items=items)

    def item(self, item: Item) -> Item | None:
        """A scrubbed copy of one envelope item; ``None`` for items that cannot be scrubbed."""
        if item.type not in _JSON_TYPES:
            return None
        payload = item.payload.json
        if payload is None:
            try:
                payload = json.loads(item.get_bytes())
            except ValueError:
                return None
        if item.type in ("event", "transaction") and isinstance(payload, dict):
            payload = self.event(payload)
        else:
            payload = self.data(payload)
        headers = {k: v for k, v in item.headers.items() if k not in ("length", "filename")}
        return Item(PayloadRef(json=payload), headers=self.data(headers))


def _frames(event: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """Every stack frame of an event: exceptions' and threads' stack traces."""
    holders: list[Any] = []
    for key in ("exception", "threads"):
        section = event.get(key)
        if isinstance(section, dict):
            holders += section.get("values") or []
    holders.append(event)
    for holder in holders:
        if isinstance(holder, dict) and isinstance(holder.get("stacktrace"), dict):
            for frame in holder["stacktrace"].get("frames") or []:
                if isinstance(frame, dict):
                    yield frame
