"""LV CAD's benchmark harness: geometry cases, callgrind gate, report and site check.

Shared by the pytest-benchmark suite (wall-clock, with peers), the instruction-count gate
(``invoke perf.gate``) and its self-test. ``benchmarks/`` is put on ``sys.path`` by pytest's
``pythonpath`` setting and by the nox sessions.
"""
