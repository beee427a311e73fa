"""The instruction-count regression gate (DESIGN §7): callgrind counts against committed baselines.

``python -m lvcad_bench.gate check`` counts the instructions of every gated benchmark
(``cases.gate_cases``) under callgrind, collection on only inside the measured calls
(``measure.py``), and compares each with its baseline in ``.performance-thresholds.yml``:
at or above ``threshold_percent`` (5) more it fails, at or above ``warn_percent`` (2) it
warns. ``--against-ref REF`` measures the baseline from another commit's source in the
same run instead (for CI machines that differ from the one the file was recorded on).

``python -m lvcad_bench.gate baseline --reason "..."`` records new baselines, the reason and
the environment (CPU, Python, numpy, valgrind, environment variables) into the file.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

from lvcad_bench import measure
from lvcad_bench.cases import gate_cases

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS = ROOT / "benchmarks"
THRESHOLDS = ROOT / ".performance-thresholds.yml"
THRESHOLD_PERCENT = 5.0
WARN_PERCENT = 2.0
#: Fixed so that runs are repeatable: string hashing, one BLAS/OpenMP thread.
PINNED_ENV = {
    "PYTHONHASHSEED": "0",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
HEADER = """\
# Instruction-count baselines of the geometry benchmarks: the performance gate's reference.
# Written by `invoke perf.baseline --reason "..."`, read by `invoke perf.gate` (policy:
# benchmarks/README.md). Counts are callgrind's Ir (instructions executed) in the measured
# call only; wall_clock_min_s is for information and never gates.
"""


class GateError(Exception):
    """The gate could not measure or compare (a missing tool, a broken baseline file)."""


@dataclass(frozen=True)
class Verdict:
    key: str
    baseline: int | None
    measured: int | None
    threshold: float
    warn: float

    @property
    def change(self) -> float | None:
        """Relative change in percent (``None`` when either side is missing)."""
        if self.baseline is None or self.measured is None:
            return None
        return (self.measured - self.baseline) / self.baseline * 100.0

    @property
    def status(self) -> str:
        change = self.change
        if change is None:
            return "new" if self.baseline is None else "missing"
        if change >= self.threshold:
            return "FAIL"
        if change >= self.warn:
            return "warn"
        return "ok"


# -- environment -------------------------------------------------------------------------------


def child_env(extra_path: Iterable[str] = ()) -> dict[str, str]:
    """The measuring process's environment: pinned variables, no ``MALLOC_*`` tuning."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MALLOC_", "PYTHONMALLOC"))}
    env.update(PINNED_ENV)
    env["PYTHONPATH"] = os.pathsep.join([*extra_path, str(BENCHMARKS)])
    return env


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def environment() -> dict[str, object]:
    """What the counts depend on; recorded with the baselines and checked by the gate."""
    import numpy

    return {
        "cpu": _cpu(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "valgrind": _valgrind_version(),
        "env": PINNED_ENV | {"MALLOC_*": "unset"},
    }


def _valgrind() -> str:
    found = shutil.which("valgrind")
    if not found:
        raise GateError(
            "valgrind is not installed: the gate counts instructions with callgrind "
            "(Debian/Ubuntu: apt-get install valgrind)"
        )
    return found


def _valgrind_version() -> str:
    return subprocess.run(
        [_valgrind(), "--version"], check=True, capture_output=True, text=True
    ).stdout.strip()


# -- measuring ---------------------------------------------------------------------------------


def count_instructions(keys: list[str], source: str | None = None) -> dict[str, int]:
    """Instructions of one call of each benchmark, counted by callgrind in one process."""
    with tempfile.TemporaryDirectory(prefix="lvcad-callgrind-") as out:
        command = [
            _valgrind(),
            "--tool=callgrind",
            "--collect-atstart=no",
            f"--toggle-collect={measure.MARKER}",
            f"--dump-after={measure.MARKER}",
            f"--callgrind-out-file={out}/callgrind.out",
            sys.executable,
            "-m",
            "lvcad_bench.measure",
            "instructions",
            *keys,
            *(["--source", source] if source else []),
        ]
        run = subprocess.run(command, env=child_env(), capture_output=True, text=True, check=False)
        if run.returncode != 0:
            raise GateError(
                f"the measuring run failed (exit {run.returncode}):\n{run.stderr[-3000:]}"
            )
        rows = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
        failed = [f"{row['failed']}: {row['error']}" for row in rows if "failed" in row]
        if failed:
            raise GateError("benchmarks failed, fix them first:\n  " + "\n  ".join(failed))
        parts = sorted(Path(out).glob("callgrind.out.*"), key=lambda p: int(p.suffix[1:]))
        done = [row["measured"] for row in rows]
        if done != keys or len(parts) != len(keys):
            raise GateError(
                f"expected one callgrind part per benchmark ({len(keys)}), got {len(parts)} "
                f"parts for {len(done)} benchmarks: is {measure.MARKER} called elsewhere?"
            )
        return {key: _total(part) for key, part in zip(keys, parts, strict=True)}


def _total(part: Path) -> int:
    match = re.search(r"^totals:\s*(\d+)", part.read_text(encoding="utf-8"), re.MULTILINE)
    if not match:
        raise GateError(f"no totals line in callgrind output {part}")
    return int(match.group(1))


def wall_clock(keys: list[str]) -> dict[str, float]:
    """Minimum wall-clock seconds of each benchmark (native run; information only)."""
    run = subprocess.run(
        [sys.executable, "-m", "lvcad_bench.measure", "wall", *keys],
        env=child_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        raise GateError(f"the timing run failed (exit {run.returncode}):\n{run.stderr[-3000:]}")
    rows = [json.loads(line) for line in run.stdout.splitlines() if line]
    return {row["key"]: row["min_s"] for row in rows}


def source_at(ref: str, into: Path) -> str:
    """Extract ``geometry/src`` of git commit ``ref`` into ``into``; return the source dir."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref, "geometry/src"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        raise GateError(f"cannot read geometry/src at {ref!r}: {archive.stderr.decode().strip()}")
    tar_path = into / "source.tar"
    tar_path.write_bytes(archive.stdout)
    with tarfile.open(tar_path) as tar:
        tar.extractall(into, filter="data")
    return str(into / "geometry" / "src")


# -- baselines file ----------------------------------------------------------------------------


def load(path: Path = THRESHOLDS) -> dict[str, object]:
    if not path.exists():
        raise GateError(
            f"{path.name} not found: record baselines with invoke perf.baseline --reason '...'"
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise GateError(f"{path} is not valid YAML: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("benchmarks"), dict):
        raise GateError(f"{path} has no 'benchmarks' mapping: re-record it with perf.baseline")
    return data


def record(
    reason: str,
    keys: list[str],
    path: Path = THRESHOLDS,
    *,
    counts: dict[str, int] | None = None,
) -> dict[str, object]:
    """Measure (unless ``counts`` are given) and write new baselines with ``reason``."""
    if not reason.strip():
        raise GateError("a baseline update needs a reason (--reason '...'): it is recorded")
    counts = counts if counts is not None else count_instructions(keys)
    times = wall_clock(keys)
    old = load(path) if path.exists() else {}
    history = list(old.get("history", [])) if isinstance(old.get("history"), list) else []
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()
    history.append({"date": now, "commit": _commit(), "reason": reason.strip()})
    data = {
        "updated": now,
        "reason": reason.strip(),
        "environment": environment(),
        "benchmarks": {
            key: {
                "instructions": counts[key],
                "threshold_percent": THRESHOLD_PERCENT,
                "warn_percent": WARN_PERCENT,
                "wall_clock_min_s": float(f"{times[key]:.3g}"),
            }
            for key in keys
        },
        "history": history,
    }
    path.write_text(HEADER + yaml.safe_dump(data, sort_keys=False, width=100), encoding="utf-8")
    return data


def _commit() -> str:
    run = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return run.stdout.strip() or "unknown"


def compare(data: dict[str, object], measured: dict[str, int]) -> list[Verdict]:
    benchmarks = data["benchmarks"]
    assert isinstance(benchmarks, dict)
    verdicts = []
    for key in sorted(set(benchmarks) | set(measured)):
        entry = benchmarks.get(key) or {}
        verdicts.append(
            Verdict(
                key,
                entry.get("instructions"),
                measured.get(key),
                float(entry.get("threshold_percent", THRESHOLD_PERCENT)),
                float(entry.get("warn_percent", WARN_PERCENT)),
            )
        )
    return verdicts


def environment_differences(data: dict[str, object]) -> list[str]:
    """Recorded versions that differ from this machine's (counts are then not comparable)."""
    recorded = data.get("environment")
    if not isinstance(recorded, dict):
        return ["the file records no environment"]
    now = environment()
    return [
        f"{name}: baseline {recorded.get(name)!r}, here {now[name]!r}"
        for name in ("python", "numpy", "valgrind")
        if recorded.get(name) != now[name]
    ]


def render(verdicts: list[Verdict]) -> str:
    lines = [f"{'benchmark':28} {'baseline':>14} {'measured':>14} {'change':>8}  status"]
    for v in verdicts:
        change = "" if v.change is None else f"{v.change:+.2f}%"
        lines.append(
            f"{v.key:28} {v.baseline or '-':>14} {v.measured or '-':>14} {change:>8}  {v.status}"
        )
    return "\n".join(lines)


def check(
    data: dict[str, object],
    keys: list[str],
    source: str | None = None,
    measured: dict[str, int] | None = None,
) -> tuple[list[Verdict], int]:
    """Measure (unless given) and compare; exit status 1 when any fails or is missing."""
    verdicts = compare(data, measured if measured is not None else count_instructions(keys, source))
    bad = [v for v in verdicts if v.status in ("FAIL", "missing", "new")]
    return verdicts, 1 if bad else 0


def check_against_ref(ref: str, keys: list[str]) -> tuple[list[Verdict], int]:
    """Count ``ref``'s source and this one side by side (two processes), then compare."""
    with (
        tempfile.TemporaryDirectory(prefix="lvcad-ref-") as tmp,
        ThreadPoolExecutor(max_workers=2) as pool,
    ):
        base = pool.submit(count_instructions, keys, source_at(ref, Path(tmp)))
        head = count_instructions(keys)
        data: dict[str, object] = {
            "benchmarks": {key: {"instructions": n} for key, n in base.result().items()}
        }
    return check(data, keys, measured=head)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lvcad_bench.gate")
    sub = parser.add_subparsers(dest="command", required=True)
    gate = sub.add_parser("check", help="count instructions and compare with the baselines")
    gate.add_argument("--against-ref", help="take baselines from this git ref, measured now")
    base = sub.add_parser("baseline", help="record new baselines (with a reason)")
    base.add_argument("--reason", required=True)
    for command in (gate, base):
        command.add_argument("--file", type=Path, default=THRESHOLDS)
    args = parser.parse_args(argv)
    try:
        # Always the whole set, in one order: a call's count depends slightly (up to ~1%) on
        # what ran before it in the process (allocator and numpy caches).
        keys = [case.key for case in gate_cases()]
        if args.command == "baseline":
            record(args.reason, keys, args.file)
            print(f"recorded {len(keys)} baselines in {args.file}: {args.reason}")
            return 0
        if args.against_ref:
            verdicts, status = check_against_ref(args.against_ref, keys)
        else:
            data = load(args.file)
            differences = environment_differences(data)
            if differences:
                raise GateError(
                    "the baselines were recorded in another environment, so instruction counts "
                    "are not comparable:\n  " + "\n  ".join(differences) + "\nre-record them "
                    "here (invoke perf.baseline --reason ...) or compare with a commit "
                    "(invoke perf.gate --against-ref origin/main)"
                )
            verdicts, status = check(data, keys)
    except GateError as error:
        print(f"perf gate: {error}", file=sys.stderr)
        return 2
    print(render(verdicts))
    failed = [v.key for v in verdicts if v.status not in ("ok", "warn")]
    warned = [v.key for v in verdicts if v.status == "warn"]
    if warned:
        print(f"WARNING: {len(warned)} benchmarks slower by {WARN_PERCENT}% or more: {warned}")
    print(
        f"perf gate {'FAILED' if status else 'passed'}: {len(verdicts)} benchmarks, "
        f"{len(failed)} failed, {len(warned)} warned"
    )
    return status


if __name__ == "__main__":
    sys.exit(main())
