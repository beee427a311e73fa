"""Unit tests of the benchmark harness: verdicts, injection, report and site vendoring.

The gate's measuring itself is tested end to end by its self-test (``nox -s perfselftest``).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from lvcad_bench import gate, report, selftest, site_vendor
from lvcad_bench.cases import GATE_SIZES, LVCAD, OPERATIONS, cases, gate_cases


@pytest.mark.parametrize(
    ("measured", "status"),
    [
        (100, "ok"),
        (101, "ok"),
        (102, "warn"),
        (104, "warn"),
        (105, "FAIL"),
        (120, "FAIL"),
        (90, "ok"),
    ],
)
def test_verdict_thresholds(measured: int, status: str) -> None:
    assert gate.Verdict("x/1", 100, measured, 5.0, 2.0).status == status


def test_compare_reports_new_and_missing_benchmarks() -> None:
    data: dict[str, object] = {
        "benchmarks": {"a/1": {"instructions": 10}, "b/1": {"instructions": 10}}
    }
    verdicts = {v.key: v.status for v in gate.compare(data, {"a/1": 10, "c/1": 5})}
    assert verdicts == {"a/1": "ok", "b/1": "missing", "c/1": "new"}
    _, status = gate.check(data, [], measured={"a/1": 10, "b/1": 10})
    assert status == 0
    _, status = gate.check(data, [], measured={"a/1": 10, "b/1": 20})
    assert status == 1


def test_load_rejects_a_file_without_benchmarks(tmp_path: Path) -> None:
    path = tmp_path / "t.yml"
    path.write_text("updated: now\n", encoding="utf-8")
    with pytest.raises(gate.GateError, match="no 'benchmarks' mapping"):
        gate.load(path)
    path.write_text("benchmarks: [\n", encoding="utf-8")
    with pytest.raises(gate.GateError, match="not valid YAML"):
        gate.load(path)


def test_child_env_pins_threads_and_drops_malloc_tuning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLOC_ARENA_MAX", "2")
    monkeypatch.setenv("OMP_NUM_THREADS", "8")
    env = gate.child_env()
    assert "MALLOC_ARENA_MAX" not in env
    assert env["OMP_NUM_THREADS"] == "1"
    assert env["PYTHONHASHSEED"] == "0"


def test_every_operation_is_gated_and_runs_at_every_size() -> None:
    keys = [case.key for case in gate_cases()]
    assert len(keys) == len(OPERATIONS) * len(GATE_SIZES)
    for case in cases((4,)):
        assert case.build(case.vertices)() is not None, case.key
    peers = {case.library for case in cases((100,))} - {LVCAD}
    assert peers == {"shapely", "ezdxf", "pyclipper"}


def test_injected_copy_runs_the_extra_loop_and_gives_the_same_result(tmp_path: Path) -> None:
    source = selftest.inject(tmp_path, 12345)
    text = (Path(source) / "lvcad_geometry" / "offset.py").read_text(encoding="utf-8")
    assert "repeat(None, 12345)" in text
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import lvcad_geometry as g;"
        "assert g.__file__.startswith(sys.argv[1]);"
        "print(g.offset_polyline([(0, 0), (10, 0), (10, 10)], 1.0)[0].vertices)"
    )
    copy = subprocess.run([sys.executable, "-c", code, source], capture_output=True, text=True)
    assert copy.returncode == 0, copy.stderr
    import lvcad_geometry

    expected = lvcad_geometry.offset_polyline([(0, 0), (10, 0), (10, 10)], 1.0)[0].vertices
    assert copy.stdout.strip() == str(expected)


def _benchmark(operation: str, library: str, vertices: int, seconds: float) -> dict[str, object]:
    return {
        "group": f"{operation}-{vertices}",
        "name": f"test_operation[{operation}/{vertices}/{library}]",
        "extra_info": {"operation": operation, "library": library, "vertices": vertices},
        "stats": {"min": seconds},
    }


def test_report_table_ratios_suite_time_and_plot(tmp_path: Path) -> None:
    run = {
        "machine_info": {"cpu": {"brand_raw": "Test CPU"}, "python_version": "3.11.7"},
        "commit_info": {"id": "0123456789abcdef", "dirty": False},
        "datetime": "2026-12-01T00:00:00",
        "benchmarks": [
            _benchmark("offset-smooth", LVCAD, 100, 1e-3),
            _benchmark("offset-smooth", "shapely", 100, 4e-3),
            _benchmark("offset-smooth", "ezdxf", 100, 0.5e-3),
            {"group": "dxf", "name": "test_import", "extra_info": {}, "stats": {"min": 0.25}},
        ],
    }
    junit = tmp_path / "t.xml"
    junit.write_text('<testsuites><testsuite tests="321" time="4.5"/></testsuites>', "utf-8")
    bench = tmp_path / "run.json"
    bench.write_text(json.dumps(run), encoding="utf-8")
    report.main(["--benchmarks", str(bench), "--junit", str(junit), "--out", str(tmp_path)])
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "321 tests in **4.5 s**" in text
    assert "| offset-smooth | 100 | 1 ms | 4 ms (x4.00) | 500 µs (x0.50) |  |" in text
    assert "| dxf | test_import | 250 ms |" in text
    assert (tmp_path / "operations.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_site_vendor_points_pages_at_local_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "https://code.jquery.com/jquery-3.3.1.min.js"
    (tmp_path / "index.html").write_text(
        f'<script src="{url}" integrity="sha256-x" crossorigin="anonymous" onerror="f()">'
        '</script><a href="https://github.com/airspeed-velocity/asv/">asv</a>',
        encoding="utf-8",
    )

    data = b"window.jQuery = 1;"

    def fake_pack(spec: str, into: Path) -> Path:
        tarball = into / "pkg.tgz"
        with tarfile.open(tarball, "w:gz") as tar:
            info = tarfile.TarInfo("package/dist/jquery.min.js")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        return tarball

    monkeypatch.setattr(site_vendor, "_npm_pack", fake_pack)
    assert site_vendor.vendor(tmp_path) == 1
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<script src="vendor/jquery@3.3.1/dist/jquery.min.js" onerror="f()">' in html
    assert (tmp_path / "vendor/jquery@3.3.1/dist/jquery.min.js").read_bytes() == data


def test_site_vendor_refuses_unknown_assets(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<script src="https://cdn.example/x.js">', "utf-8")
    with pytest.raises(site_vendor.VendorError, match="unknown external assets"):
        site_vendor.vendor(tmp_path)
