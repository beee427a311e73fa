"""Start time of the frozen app against the same app started from source (wall clock).

Each round starts a process that opens the shipped sample drawing offscreen, renders one
frame and exits (``--smoke``): the frozen Linux bundle (``invoke freeze --native`` builds
it into build/freeze/native/LV_CAD) and, as its peer in the same run, ``python -m lvcad``
from the installed package. Run:
``QT_QPA_PLATFORM=offscreen pytest benchmarks/pytest/test_frozen_start_bench.py
--benchmark-only -p no:xdist``. The Windows build's start under Wine is measured by the
installer tests (``nox -s installer``), since Wine's own start-up dominates there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lvcad import samples

ROOT = Path(__file__).resolve().parents[2]
FROZEN = ROOT / "build" / "freeze" / "native" / "LV_CAD" / "LV_CAD"
SAMPLE = Path(samples.__file__).with_name("office.lvcad")
ROUNDS = 5


def _start(command: list[str]) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [*command, "--smoke", str(SAMPLE)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_frozen_app_start(benchmark: Any) -> None:
    if not FROZEN.exists():
        pytest.skip(f"no frozen bundle at {FROZEN}: build it with `invoke freeze --native`")
    _start([str(FROZEN)])  # the first (cold) start is not timed
    benchmark.pedantic(_start, args=([str(FROZEN)],), rounds=ROUNDS, iterations=1)


def test_source_app_start(benchmark: Any) -> None:
    _start([sys.executable, "-m", "lvcad"])
    benchmark.pedantic(_start, args=([sys.executable, "-m", "lvcad"],), rounds=ROUNDS, iterations=1)
