"""The ``lvcad`` command line."""

from __future__ import annotations

import subprocess
import sys

import pytest

import lvcad
from lvcad.__main__ import main


def test_version_flag_prints_the_single_source_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"LV CAD {lvcad.__version__}"


def test_version_matches_the_repository_version_file() -> None:
    from pathlib import Path

    version_file = Path(__file__).resolve().parents[2] / "VERSION"
    assert lvcad.__version__ == version_file.read_text().strip()


def test_python_dash_m_runs_and_reports_versions() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lvcad"], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.startswith(f"LV CAD {lvcad.__version__} (geometry core ")
