"""Benchmark suite options: ``--huge`` adds the 1M-vertex cases (too slow for CI)."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--huge", action="store_true", help="also run the 1M-vertex benchmarks (marker huge)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--huge"):
        return
    skip = pytest.mark.skip(reason="1M vertices: run with --huge")
    for item in items:
        if "huge" in item.keywords:
            item.add_marker(skip)
