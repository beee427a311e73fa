"""Self-test of the instruction gate: unchanged code passes, +5% work fails, +2% warns.

1. Record baselines of a few gated benchmarks into a temporary thresholds file. Meanwhile,
   count the target on two copies of ``lvcad_geometry`` with a loop of ``CALIBRATION``
   and ``2 * CALIBRATION`` iterations injected at the top of the target benchmark's
   public function: the measured cost of one iteration and of the loop's setup. (The
   loop runs over ``itertools.repeat``: no int objects, so every iteration costs the same.)
2. Make two more copies whose loops cost 5% and 2% of the target's baseline, plus
   ``NOISE_MARGIN`` (the counts' run-to-run noise is about 0.01%, so a loop of exactly 5%
   could measure 4.99%). The measuring process imports a copy instead of the installed
   package (``--source``).
3. Run the gate ``RUNS`` times each on the unchanged code (every run must pass without a
   warning), the +5% copy (every run must fail on the target, and only on it) and the +2%
   copy (every run must warn on the target and pass). Runs go two at a time.

Exit status 0 when all hold; the table of every run is printed either way.
"""

from __future__ import annotations

import argparse
import ast
import math
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import lvcad_geometry
from lvcad_bench import gate

RUNS = 5
#: The benchmarks the self-test gates: the target and two bystanders that must stay "ok".
TARGET = "offset-smooth/100"
#: Module and function the target benchmark calls (where the extra work goes).
TARGET_FUNCTION = ("offset.py", "offset_polyline")
BYSTANDERS = ["intersections/100", "fillet/100"]
CALIBRATION = 1_000
#: Added to the injected percentages (in percent of the baseline).
NOISE_MARGIN = 0.05


def inject(into: Path, iterations: int) -> str:
    """Copy lvcad_geometry into ``into`` with a loop of ``iterations`` at the target's top."""
    package = Path(lvcad_geometry.__file__).parent
    copy = into / "lvcad_geometry"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    module, function = TARGET_FUNCTION
    path = copy / module
    source = path.read_text(encoding="utf-8")
    node = next(
        n
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.FunctionDef) and n.name == function
    )
    first = node.body[1] if ast.get_docstring(node) else node.body[0]
    lines = source.splitlines(keepends=True)
    indent = " " * first.col_offset
    loop = f"for _ in __import__('itertools').repeat(None, {iterations}):"
    lines.insert(first.lineno - 1, f"{indent}{loop}\n{indent}    pass\n")
    path.write_text("".join(lines), encoding="utf-8")
    return str(into)


def run(keys: list[str], thresholds: Path, source: str | None) -> tuple[list[gate.Verdict], int]:
    """One gate run on ``source`` (None: the installed package): verdicts and exit status."""
    return gate.check(gate.load(thresholds), keys, source)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lvcad_bench.selftest")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args(argv)
    started = time.monotonic()
    keys = [TARGET, *BYSTANDERS]
    with tempfile.TemporaryDirectory(prefix="lvcad-gate-selftest-") as tmp:
        work = Path(tmp)
        thresholds = work / "thresholds.yml"
        sources = [None] + [inject(work / f"loop{n}", n) for n in (CALIBRATION, 2 * CALIBRATION)]
        with ThreadPoolExecutor(max_workers=2) as pool:
            counts, single, double = pool.map(
                lambda source: gate.count_instructions(keys, source), sources
            )
        gate.record("gate self-test", keys, thresholds, counts=counts)
        base = counts[TARGET]
        per_iteration = (double[TARGET] - single[TARGET]) / CALIBRATION
        setup = single[TARGET] - base - CALIBRATION * per_iteration
        print(
            f"baseline of {TARGET}: {base} instructions; injected loop: "
            f"{setup:.0f} + {per_iteration:.2f} per iteration"
        )
        variants: dict[str, tuple[str | None, str]] = {"unchanged": (None, "ok")}
        for percent, expected in ((5, "FAIL"), (2, "warn")):
            extra = base * (percent + NOISE_MARGIN) / 100
            iterations = math.ceil((extra - setup) / per_iteration)
            source = inject(work / f"plus{percent}", iterations)
            variants[f"+{percent}% work ({iterations} iterations)"] = (source, expected)
        jobs = [(name, source) for name, (source, _) in variants.items() for _ in range(args.runs)]
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda job: run(keys, thresholds, job[1]), jobs))
    problems: list[str] = []
    failed = 0
    for (name, _), (verdicts, status) in zip(jobs, results, strict=True):
        expected = variants[name][1]
        by_key = {v.key: v for v in verdicts}
        line = ", ".join(f"{v.key} {v.change or 0:+.3f}% {v.status}" for v in verdicts)
        print(f"{name:32} exit {status}: {line}")
        wrong = [f"{TARGET} was {by_key[TARGET].status}, expected {expected}"] * (
            by_key[TARGET].status != expected
        )
        wrong += [
            f"bystander {k} was {by_key[k].status}" for k in BYSTANDERS if by_key[k].status != "ok"
        ]
        if status != (expected == "FAIL"):
            wrong.append(f"the gate exited {status}")
        problems += [f"{name}: {problem}" for problem in wrong]
        failed += bool(wrong)
    print(f"gate self-test took {time.monotonic() - started:.0f} s")
    if problems:
        print("gate self-test FAILED:\n  " + "\n  ".join(problems), file=sys.stderr)
    else:
        print(
            f"gate self-test passed: {args.runs}/{args.runs} runs each as expected "
            "(unchanged ok, +5% fails, +2% warns)"
        )
    print(f"gate self-test: {len(jobs) - failed} passed, {failed} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
