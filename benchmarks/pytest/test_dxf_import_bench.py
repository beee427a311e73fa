"""Importing a 100k-entity DXF against ezdxf.readfile on the same file (pytest-benchmark).

Run: ``pytest benchmarks/pytest/test_dxf_import_bench.py --benchmark-only -p no:xdist
--benchmark-columns=min,median,rounds``.

Target (issue 3): ``lvcad.io.import_dxf`` costs at most 2x ``ezdxf.readfile``. The file is a
plausible architectural plan, generated once per session (ezdxf needs ~8 s for it): 40k
LINEs, 10k ARCs, 5k CIRCLEs, 30k LWPOLYLINEs (6 vertices, some bulges), 5k TEXTs and 10k
INSERTs of two blocks, in inches. The peers, in the same run:

* ``ezdxf.readfile``: the floor the target is stated against;
* ``ezdxf.readfile`` with the garbage collector paused, as the import reads: the import's
  own share is the difference between this one and the import.

``test_import_dxf`` records the ratio to the first peer in ``extra_info`` and fails above 2x.
"""

from __future__ import annotations

import gc
import random
from pathlib import Path
from typing import Any

import ezdxf
import pytest

from lvcad.io import import_dxf

ENTITIES = 100_000
ROUNDS = 3
#: The min times measured so far in this session, by test.
MINIMA: dict[str, float] = {}


def write_plan(path: Path, count: int = ENTITIES, seed: int = 1) -> None:
    """A deterministic plan of ``count`` entities in the mix described above."""
    rng = random.Random(seed)
    doc = ezdxf.new("R2013", units=1)
    for name, color in (("A-WALL", 8), ("A-DOOR", 3), ("A-NOTE", 7), ("A-FURN", 4)):
        doc.layers.add(name, color=color)
    door = doc.blocks.new("DOOR")
    door.add_line((0, 0), (36, 0))
    door.add_arc((0, 0), 36, 0, 90)
    chair = doc.blocks.new("CHAIR", base_point=(9, 9))
    chair.add_lwpolyline([(0, 0), (18, 0), (18, 18), (0, 18)], close=True)
    chair.add_circle((9, 9), 6)
    msp = doc.modelspace()

    def point() -> tuple[float, float]:
        return rng.uniform(0.0, 10_000.0), rng.uniform(0.0, 10_000.0)

    scale = count / 100_000
    for _ in range(round(40_000 * scale)):
        msp.add_line(point(), point(), dxfattribs={"layer": "A-WALL"})
    for _ in range(round(10_000 * scale)):
        msp.add_arc(
            point(),
            rng.uniform(1, 100),
            rng.uniform(0, 360),
            rng.uniform(0, 360),
            dxfattribs={"layer": "A-WALL"},
        )
    for _ in range(round(5_000 * scale)):
        msp.add_circle(point(), rng.uniform(1, 20), dxfattribs={"layer": "A-FURN"})
    for _ in range(round(30_000 * scale)):
        x, y = point()
        vertices = [
            (x + 100 * k, y + rng.uniform(-50, 50), rng.choice([0.0, 0.0, 0.41421356237309503]))
            for k in range(6)
        ]
        msp.add_lwpolyline(
            vertices, format="xyb", close=rng.random() < 0.3, dxfattribs={"layer": "A-WALL"}
        )
    for i in range(round(5_000 * scale)):
        msp.add_text(
            f"Room {i}",
            height=12,
            rotation=rng.choice([0, 90]),
            dxfattribs={"layer": "A-NOTE", "insert": point()},
        )
    for _ in range(round(10_000 * scale)):
        msp.add_blockref(
            rng.choice(["DOOR", "CHAIR"]),
            point(),
            dxfattribs={"rotation": rng.uniform(0, 360), "layer": "A-DOOR"},
        )
    doc.saveas(path)


@pytest.fixture(scope="session")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dxf") / "plan-100k.dxf"
    write_plan(path)
    return path


def _record(benchmark: Any, name: str) -> None:
    if not benchmark.disabled:
        MINIMA[name] = benchmark.stats.stats.min


@pytest.mark.benchmark(group="dxf-import-100k")
def test_ezdxf_readfile(benchmark: Any, plan: Path) -> None:
    doc = benchmark.pedantic(ezdxf.readfile, args=(plan,), rounds=ROUNDS, iterations=1)
    assert len(doc.modelspace()) == ENTITIES
    _record(benchmark, "readfile")


def _readfile_gc_paused(path: Path) -> object:
    gc.disable()
    try:
        return ezdxf.readfile(path)
    finally:
        gc.enable()


@pytest.mark.benchmark(group="dxf-import-100k")
def test_ezdxf_readfile_gc_paused(benchmark: Any, plan: Path) -> None:
    doc = benchmark.pedantic(_readfile_gc_paused, args=(plan,), rounds=ROUNDS, iterations=1)
    assert len(doc.modelspace()) == ENTITIES  # type: ignore[attr-defined]
    _record(benchmark, "readfile, gc paused")


@pytest.mark.benchmark(group="dxf-import-100k")
def test_import_dxf(benchmark: Any, plan: Path) -> None:
    result = benchmark.pedantic(import_dxf, args=(plan,), rounds=ROUNDS, iterations=1)
    assert len(result.document) == ENTITIES
    assert not result.report.skipped
    assert not result.report.unsupported
    _record(benchmark, "import_dxf")
    if "readfile" in MINIMA and "import_dxf" in MINIMA:
        ratio = MINIMA["import_dxf"] / MINIMA["readfile"]
        benchmark.extra_info["ratio_to_ezdxf_readfile"] = round(ratio, 3)
        if "readfile, gc paused" in MINIMA:
            own = MINIMA["import_dxf"] - MINIMA["readfile, gc paused"]
            benchmark.extra_info["conversion_seconds"] = round(own, 3)
        assert ratio <= 2.0, f"import_dxf takes {ratio:.2f}x ezdxf.readfile (target: 2x)"
