"""The Examples in the docstrings of lvcad.model, lvcad.io and the Qt-free helpers of the
modify tools are tests too."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import lvcad.io
import lvcad.model

MODULES = [
    "lvcad.model",
    "lvcad.io",
    "lvcad.tools.offset",
    "lvcad.tools.reshape",
    *sorted(
        info.name
        for package in (lvcad.model, lvcad.io)
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")
    ),
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(
        module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
