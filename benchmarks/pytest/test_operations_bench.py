"""Every geometry operation at 4, 100 and 10k vertices (1M with ``--huge``), peers in the same run.

Run: ``nox -s bench -- benchmarks/pytest/test_operations_bench.py`` (or ``-k offset-smooth``);
``invoke perf.report`` turns a run into a markdown table of ratios and a plot.

The cases (inputs, peers, who cleans up) are in ``lvcad_bench/cases.py``, shared with the
instruction gate. Groups are ``operation-vertices``: read ratios within a group by ``min``
(absolute times drift on a shared VM). Peers: shapely and pyclipper clean up an offset (no
loops), ezdxf's ``offset_vertices_2d`` does not; operations without a peer (fillet,
chamfer, trim, extend, self-intersections) are timed alone. Each case's input is built
before the timing starts. BLAS/OpenMP threads are pinned to 1 before numpy loads.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import pytest  # noqa: E402

from lvcad_bench.cases import HUGE, SIZES, Case, cases  # noqa: E402

CASES = [
    pytest.param(case, id=case.key, marks=[pytest.mark.huge] if case.vertices == HUGE else [])
    for case in cases((*SIZES, HUGE))
]


@pytest.mark.parametrize("case", CASES)
def test_operation(benchmark, case: Case) -> None:  # type: ignore[no-untyped-def]
    benchmark.group = f"{case.operation}-{case.vertices}"
    benchmark.extra_info.update(
        operation=case.operation, library=case.library, vertices=case.vertices
    )
    call = case.build(case.vertices)
    if case.vertices < 10_000:
        benchmark(call)
    else:
        # Big inputs: a fixed number of rounds keeps the suite's length predictable.
        rounds = 3 if case.vertices >= HUGE else 7
        benchmark.pedantic(call, rounds=rounds, iterations=1, warmup_rounds=1)
