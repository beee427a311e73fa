"""The benchmark report: a markdown table of ours against the peers, a plot, the suite's time.

``python -m lvcad_bench.report --benchmarks run.json --junit tests.xml --out DIR`` reads a
pytest-benchmark JSON file (``--benchmark-json``) and the JUnit XML of a geometry test run,
and writes ``DIR/report.md`` and ``DIR/operations.png``. ``invoke perf.report`` runs the
benchmarks, the tests and this in one go (``nox -s perfreport``).

Ratios are peer ``min`` / ours ``min`` from the same run: above 1, ours is faster.
"""

from __future__ import annotations

import argparse
import json
import math
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from pathlib import Path

import yaml

from lvcad_bench.cases import LVCAD, OPERATIONS
from lvcad_bench.gate import THRESHOLDS

#: The old plan's budget for the geometry test suite, shown next to the measured time.
SUITE_TARGET_S = 5.0
PEERS = ("shapely", "ezdxf", "pyclipper")
COLOURS = {LVCAD: "tab:blue", "shapely": "tab:orange", "ezdxf": "tab:green", "pyclipper": "tab:red"}
CLEANUP = {"shapely": "yes", "pyclipper": "yes", "ezdxf": "no (raw mitre offset)"}


def _seconds(value: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if value >= scale:
            return f"{value / scale:.3g} {unit}"
    return f"{value / 1e-9:.3g} ns"


def _ratio(value: float) -> str:
    return f"x{value:.2f}" if value < 10 else f"x{value:.0f}"


def load_operations(run: dict) -> dict[tuple[str, int], dict[str, float]]:
    """``(operation, vertices) -> {library: min seconds}`` for the operation benchmarks."""
    table: dict[tuple[str, int], dict[str, float]] = defaultdict(dict)
    for bench in run["benchmarks"]:
        info = bench.get("extra_info", {})
        if "operation" in info:
            table[info["operation"], info["vertices"]][info["library"]] = bench["stats"]["min"]
    return dict(table)


def suite_time(junit: Path) -> tuple[float, int]:
    """Wall time and test count of a pytest run, from its JUnit XML."""
    root = ElementTree.parse(junit).getroot()
    suite = root if root.tag == "testsuite" else root.find("testsuite")
    if suite is None:
        raise SystemExit(f"{junit} has no <testsuite> element: is it pytest's --junitxml output?")
    return float(suite.get("time", "nan")), int(suite.get("tests", "0"))


def markdown(run: dict, junit: Path | None) -> str:
    machine, commit = run["machine_info"], run.get("commit_info", {})
    lines = [
        "# LV CAD benchmark report",
        "",
        f"Commit `{commit.get('id', '?')[:10]}`{' (dirty)' if commit.get('dirty') else ''}, "
        f"{run.get('datetime', '?')[:19]}; {machine.get('cpu', {}).get('brand_raw', '?')}, "
        f"Python {machine.get('python_version')}.",
        "",
    ]
    if junit is not None:
        seconds, count = suite_time(junit)
        lines += [
            "## Test suite",
            "",
            f"The geometry test suite ran {count} tests in **{seconds:.1f} s** wall time "
            f"(budget of the old plan: {SUITE_TARGET_S:.0f} s).",
            "",
        ]
    table = load_operations(run)
    lines += [
        "## Geometry operations (min wall time; ratio = peer / ours, above 1 ours is faster)",
        "",
        "| operation | vertices | ours | " + " | ".join(PEERS) + " |",
        "| --- | ---: | ---: | " + " | ".join("---:" for _ in PEERS) + " |",
    ]
    for (operation, vertices), times in sorted(table.items(), key=_order):
        ours = times.get(LVCAD)
        cells = []
        for peer in PEERS:
            if peer not in times:
                cells.append("")
            elif ours:
                cells.append(f"{_seconds(times[peer])} ({_ratio(times[peer] / ours)})")
            else:
                cells.append(_seconds(times[peer]))
        ours_cell = _seconds(ours) if ours else ""
        lines.append(f"| {operation} | {vertices:,} | {ours_cell} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Offset cleanup (removing loops and self-intersections): ours yes, "
        + ", ".join(f"{peer} {CLEANUP[peer]}" for peer in PEERS)
        + ". length/area/bbox peers get the same straight polygon; bulge conversions are "
        "compared with ezdxf's per-segment functions.",
        "",
        "![min time per operation and vertex count](operations.png)",
        "",
    ]
    others = [b for b in run["benchmarks"] if "operation" not in b.get("extra_info", {})]
    if others:
        lines += ["## Other benchmarks", "", "| group | benchmark | min |", "| --- | --- | ---: |"]
        lines += [
            f"| {b['group'] or ''} | {b['name']} | {_seconds(b['stats']['min'])} |"
            for b in sorted(others, key=lambda b: (b["group"] or "", b["name"]))
        ]
        lines.append("")
    if THRESHOLDS.exists():
        data = yaml.safe_load(THRESHOLDS.read_text(encoding="utf-8"))
        lines += [
            "## Instruction-count baselines (the gate)",
            "",
            f"From `{THRESHOLDS.name}` ({data.get('updated')}: {data.get('reason')}).",
            "",
            "| benchmark | instructions | fail at | wall clock (information) |",
            "| --- | ---: | ---: | ---: |",
        ]
        for key, entry in data["benchmarks"].items():
            lines.append(
                f"| {key} | {entry['instructions']:,} | +{entry['threshold_percent']}% | "
                f"{_seconds(entry['wall_clock_min_s'])} |"
            )
        lines.append("")
    return "\n".join(lines)


def _order(item: tuple[tuple[str, int], dict[str, float]]) -> tuple[int, int]:
    (operation, vertices), _ = item
    names = list(OPERATIONS)
    return (names.index(operation) if operation in names else len(names), vertices)


def plot(run: dict, path: Path) -> None:
    """One log-log panel per operation: min time against vertices, ours and each peer."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    table = load_operations(run)
    operations = [op for op in OPERATIONS if any(key[0] == op for key in table)]
    columns = 5
    rows = math.ceil(len(operations) / columns)
    figure, axes = pyplot.subplots(rows, columns, figsize=(3.2 * columns, 2.6 * rows))
    flat = list(axes.flat) if hasattr(axes, "flat") else [axes]
    for ax, operation in zip(flat, operations, strict=False):
        for library in (LVCAD, *PEERS):
            points = sorted(
                (n, times[library])
                for (op, n), times in table.items()
                if op == operation and library in times
            )
            if points:
                ax.loglog(
                    *zip(*points, strict=True), marker="o", label=library, color=COLOURS[library]
                )
        ax.set_title(operation, fontsize=10)
        ax.set_xlabel("vertices", fontsize=8)
        ax.set_ylabel("min time (s)", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.legend(fontsize=7)
    for ax in flat[len(operations) :]:
        ax.set_visible(False)
    figure.tight_layout()
    figure.savefig(path, dpi=90)
    pyplot.close(figure)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m lvcad_bench.report")
    parser.add_argument("--benchmarks", type=Path, required=True, help="pytest-benchmark JSON")
    parser.add_argument("--junit", type=Path, help="JUnit XML of the geometry test run")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        run = json.loads(args.benchmarks.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise SystemExit(f"cannot read benchmark results {args.benchmarks}: {error}") from error
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.md").write_text(markdown(run, args.junit), encoding="utf-8")
    plot(run, args.out / "operations.png")
    print(f"wrote {args.out / 'report.md'} and {args.out / 'operations.png'}")


if __name__ == "__main__":
    main()
