"""The log file: in the user's log folder, a banner first, file operations recorded."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from lvcad import logs
from lvcad.__main__ import banner


def test_banner_and_records_go_to_the_log_file(user_dirs: Path) -> None:
    path = logs.setup_logging(banner())
    assert path == user_dirs / "log" / "lvcad.log" == logs.log_file()
    assert logs.setup_logging("again") == path  # one file per process
    logging.getLogger("lvcad.test").warning("a warning for the log")
    logs.close_logging()
    text = path.read_text(encoding="utf-8")
    assert f"Starting {banner()}" in text
    assert "Python" in text
    assert "a warning for the log" in text


def test_opening_a_file_is_logged(window: Any, fixtures: Path, user_dirs: Path) -> None:
    path = logs.setup_logging(banner())
    drawing = fixtures / "lvcad-v2.lvcad"
    assert window.open_file(drawing)
    logs.close_logging()
    assert f"Opened {drawing}" in path.read_text(encoding="utf-8")
