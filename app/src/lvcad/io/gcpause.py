"""Pausing the cyclic garbage collector while a whole file is decoded or encoded.

Decoding and encoding allocate millions of short-lived, acyclic objects, and the collector
would rescan the growing heap again and again: pausing it made opening a 100k-entity
``.lvcad`` file ~40% and saving ~20% faster (CPU time), and ezdxf's parse of a 24 MB,
100k-entity DXF ~18% faster (4.6 s → 3.8 s, min of 3).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the ``with`` block (nesting is fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
