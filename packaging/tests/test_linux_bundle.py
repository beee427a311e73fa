"""The Linux bundle (`invoke freeze --native`): unpacked from its tarball, it runs."""

from __future__ import annotations

import os
import subprocess
import tarfile
import time
from pathlib import Path

import pytest

from buildtools import DIST, ROOT, read_version
from support import invoke, record

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_the_unpacked_linux_bundle_opens_a_drawing(tmp_path: Path) -> None:
    started = time.monotonic()
    invoke("freeze", "--native")
    record(f"invoke freeze --native (Linux bundle): {time.monotonic() - started:.0f} s")
    version = read_version()
    tarball = DIST / f"LV_CAD-{version}-linux-x86_64.tar.gz"
    record(f"{tarball.name}: {tarball.stat().st_size / 1e6:.1f} MB")
    with tarfile.open(tarball) as archive:
        archive.extractall(tmp_path, filter="data")
    app = tmp_path / f"LV_CAD-{version}" / "LV_CAD"
    sample = ROOT / "app" / "src" / "lvcad" / "samples" / "office.lvcad"
    timings = []
    for _ in range(2):
        started = time.monotonic()
        result = subprocess.run(
            [str(app), "--smoke", str(sample)],
            capture_output=True,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            timeout=300,
            check=False,
        )
        timings.append(time.monotonic() - started)
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"LV CAD {version}" in result.stdout
        assert "on Linux" in result.stdout
        assert "smoke test passed" in result.stdout
        assert "72 entities" in result.stdout
    record(f"Linux bundle --smoke office.lvcad: first {timings[0]:.1f} s, then {timings[1]:.1f} s")
