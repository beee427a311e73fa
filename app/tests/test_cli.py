"""The ``lvcad`` command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import lvcad
from lvcad.__main__ import main
from lvcad.io import open_document
from lvcad.samples import sample_path


def test_version_flag_prints_the_single_source_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"LV CAD {lvcad.__version__}"


def test_version_matches_the_repository_version_file() -> None:
    version_file = Path(__file__).resolve().parents[2] / "VERSION"
    assert lvcad.__version__ == version_file.read_text().strip()


def run_lvcad(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m lvcad ARGS`` in a new process, offscreen."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "lvcad", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_smoke_starts_renders_and_reports_versions() -> None:
    result = run_lvcad("--smoke")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"LV CAD {lvcad.__version__} (geometry core ")
    assert "smoke test passed: a new drawing" in result.stdout


def test_smoke_opens_the_sample() -> None:
    result = run_lvcad("--smoke", str(sample_path()))
    assert result.returncode == 0, result.stderr
    assert "office.lvcad (" in result.stdout
    assert "entities) rendered" in result.stdout


def test_smoke_fails_with_a_message_for_a_bad_file(tmp_path: Path) -> None:
    result = run_lvcad("--smoke", str(tmp_path / "missing.lvcad"))
    assert result.returncode == 1
    assert "missing.lvcad" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_png_renders_the_sample(tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    out = tmp_path / "sample.png"
    result = run_lvcad("--export-png", str(out), str(sample_path()), "--width", "800")
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() == 800
    assert 400 < image.height() < 800
    white = QColor(255, 255, 255)
    colors = {
        image.pixelColor(x, y).name()
        for x in range(0, 800, 3)
        for y in range(0, image.height(), 3)
        if image.pixelColor(x, y) != white
    }
    assert len(colors) > 10  # walls, text, red devices, two wire colours, antialiasing
    assert any(QColor(c).red() > 200 and QColor(c).green() < 80 for c in colors)  # devices
    assert image.pixelColor(0, 0) == white  # the margin


def test_export_png_needs_a_file_and_a_writable_output(tmp_path: Path) -> None:
    result = run_lvcad("--export-png", str(tmp_path / "x.png"))
    assert result.returncode == 2
    assert "needs the drawing" in result.stderr
    result = run_lvcad("--export-png", str(tmp_path / "no" / "x.png"), str(sample_path()))
    assert result.returncode == 1
    assert "cannot write" in result.stderr


def test_the_shipped_sample_is_what_its_script_builds() -> None:
    from lvcad.samples.office import build_office

    document = open_document(sample_path())
    assert document == build_office()
    kinds = {entity.kind for entity in document}
    assert {"polyline", "line", "arc", "text", "device", "wire"} <= kinds
    assert {wire.circuit for wire in document.wires()} == {"SLC-1", "NAC-1"}
    types = {device.device_type for device in document.devices()}
    assert {
        "fire_alarm_control_panel",
        "smoke_detector",
        "manual_pull_station",
        "horn_strobe",
    } <= types


def test_headless_modes_in_process(
    qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.png"
    assert main(["--export-png", str(out), str(sample_path()), "--width", "300"]) == 0
    assert out.stat().st_size > 1000
    assert main(["--smoke", str(sample_path())]) == 0
    assert main(["--smoke", str(tmp_path / "missing.lvcad")]) == 1
    assert "missing.lvcad" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--export-png", str(out), str(sample_path()), "--width", "0"])
