"""Saving and opening a 100k-entity .lvcad document (pytest-benchmark, wall clock).

Run: ``pytest benchmarks/pytest/test_lvcad_io_bench.py --benchmark-only``. The document is a
plausible large drawing: 40k lines, 10k arcs, 5k circles, 20k bulge polylines (6 vertices),
5k texts, 10k devices and 10k wires (4 vertices), built outside the timed part
(:func:`lvcad_bench.documents.build_document`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lvcad.io import open_document, save_document
from lvcad.model import Document
from lvcad_bench.documents import build_document


@pytest.fixture(scope="module")
def big_document() -> Document:
    return build_document()


@pytest.fixture(scope="module")
def big_file(big_document: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lvcad") / "big.lvcad"
    save_document(big_document, path)
    return path


def test_save_100k_entities(benchmark: Any, big_document: Document, tmp_path: Path) -> None:
    path = tmp_path / "saved.lvcad"
    benchmark.extra_info["entities"] = len(big_document)
    benchmark.pedantic(save_document, args=(big_document, path), rounds=5, iterations=1)
    benchmark.extra_info["bytes"] = path.stat().st_size


def test_open_100k_entities(benchmark: Any, big_file: Path, big_document: Document) -> None:
    benchmark.extra_info["entities"] = len(big_document)
    benchmark.extra_info["bytes"] = big_file.stat().st_size
    loaded = benchmark.pedantic(open_document, args=(big_file,), rounds=5, iterations=1)
    assert len(loaded) == len(big_document)
