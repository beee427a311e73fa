"""Consent: off until the user chooses; stored as JSON; damaged files mean off."""

from __future__ import annotations

import json
from pathlib import Path

from lvcad import telemetry
from lvcad.telemetry import ConsentStore, Mode


def test_off_and_not_asked_by_default(tmp_path: Path) -> None:
    consent = ConsentStore(tmp_path / "c.json").load()
    assert consent.mode is Mode.OFF
    assert not consent.asked


def test_saved_choice_is_read_back(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "c.json"
    ConsentStore(path).save(Mode.ASK)
    assert json.loads(path.read_text()) == {"mode": "ask", "asked": True}
    again = ConsentStore(path).load()
    assert (again.mode, again.asked) == (Mode.ASK, True)
    assert [p.name for p in path.parent.iterdir()] == ["c.json"]  # no temporary left


def test_damaged_file_means_off(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    for text in ("{not json", '{"mode": "sometimes"}', "[]"):
        path.write_text(text)
        assert ConsentStore(path).mode is Mode.OFF


def test_default_store_is_in_the_config_folder(user_dirs: Path) -> None:
    telemetry.set_mode(Mode.ALWAYS)
    stored = json.loads((user_dirs / "config" / "error-reporting.json").read_text())
    assert stored["mode"] == "always"
    assert telemetry.consent_store().mode is Mode.ALWAYS
