"""The measuring side of the gate: run cases, counted by callgrind or timed by the clock.

``python -m lvcad_bench.measure instructions KEY...`` is what the gate runs *inside*
callgrind. Each case is built and warmed up, then called once through a ctypes function
pointer: libffi's ``ffi_call`` is entered only there, so callgrind, started with
``--collect-atstart=no --toggle-collect=ffi_call --dump-after=ffi_call``, counts exactly the
measured call and writes one profile part per case, in the order of the keys. The garbage
collector is run before and switched off during the call, so a collection triggered by
earlier allocations never lands inside it.

``python -m lvcad_bench.measure wall KEY...`` prints each case's minimum wall-clock time
(information only, recorded next to the baselines).

``--source DIR`` puts a copy of ``lvcad_geometry`` first on ``sys.path`` (another commit's
source, or the self-test's copy with injected work).
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import sys
import time
from collections.abc import Callable

THUNK = ctypes.CFUNCTYPE(None)
#: The C function that brackets each measured call (see the module docstring).
MARKER = "ffi_call"


def build(key: str) -> Callable[[], object]:
    """The timed call for a case key (``operation/vertices``)."""
    operation, _, size = key.partition("/")
    from lvcad_bench.cases import OPERATIONS

    if operation not in OPERATIONS or not size.isdigit():
        raise SystemExit(f"unknown benchmark {key!r}: expected operation/vertices, e.g. fillet/100")
    return OPERATIONS[operation][0](int(size))


def count_instructions(keys: list[str]) -> None:
    """Call each case once inside ``ffi_call`` (callgrind dumps one part per call).

    A case that fails is reported (``{"failed": key, "error": ...}``) and the others go on;
    it still gets its profile part when it fails inside the measured call.
    """
    for key in keys:
        try:
            call = build(key)
            call()  # warm-up: lazy imports, caches, the interpreter's specialisation
            call()
        except Exception as error:
            print(json.dumps({"failed": key, "error": repr(error), "part": False}), flush=True)
            continue
        errors: list[BaseException] = []

        def measured(
            call: Callable[[], object] = call, errors: list[BaseException] = errors
        ) -> None:
            try:
                call()
            except Exception as error:  # an exception must not cross the C frame
                errors.append(error)

        gc.collect()
        gc.disable()
        try:
            THUNK(measured)()
        finally:
            gc.enable()
        if errors:
            print(json.dumps({"failed": key, "error": repr(errors[0]), "part": True}), flush=True)
        else:
            print(json.dumps({"measured": key}), flush=True)


def wall_clock(keys: list[str], budget: float = 0.5) -> None:
    """Print the minimum time of each case over repeats lasting about ``budget`` seconds."""
    for key in keys:
        call = build(key)
        call()
        best = float("inf")
        spent = 0.0
        rounds = 0
        while rounds < 5 or spent < budget:
            start = time.perf_counter()
            call()
            elapsed = time.perf_counter() - start
            best, spent, rounds = min(best, elapsed), spent + elapsed, rounds + 1
        print(json.dumps({"key": key, "min_s": best, "rounds": rounds}), flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m lvcad_bench.measure")
    parser.add_argument("mode", choices=["instructions", "wall"])
    parser.add_argument("keys", nargs="+")
    parser.add_argument("--source", help="directory holding the lvcad_geometry to measure")
    args = parser.parse_args(argv)
    if args.source:
        sys.path.insert(0, args.source)
    import lvcad_geometry

    if args.source and not lvcad_geometry.__file__.startswith(args.source):
        raise SystemExit(f"lvcad_geometry was not imported from {args.source}")
    (count_instructions if args.mode == "instructions" else wall_clock)(args.keys)


if __name__ == "__main__":
    main()
