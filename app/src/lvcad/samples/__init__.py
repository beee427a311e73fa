"""Sample drawings shipped with LV CAD (for the docs, tests and first-time users).

``office.lvcad`` is built by :mod:`lvcad.samples.office`; regenerate it with
``python -m lvcad.samples.office`` after changing that script.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["sample_path"]


def sample_path(name: str = "office") -> Path:
    """The path of the shipped sample drawing ``name`` (``office``)."""
    return Path(str(resources.files(__name__).joinpath(f"{name}.lvcad")))
