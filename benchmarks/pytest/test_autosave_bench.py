"""Autosave of a changed 100k-entity drawing: what one timer tick costs the GUI thread
(pytest-benchmark, wall clock).

Run: ``QT_QPA_PLATFORM=offscreen pytest benchmarks/pytest/test_autosave_bench.py
--benchmark-only -p no:xdist --benchmark-columns=min,median,rounds``.

The drawing is :func:`lvcad_bench.documents.build_document` (100k entities, ~24 MB as
``.lvcad``); before each round one entity changes, so every tick has a copy to make.

* peer ``sync tick``: the tick as it was, all on the GUI thread: encode the document
  (:func:`lvcad.io.document_to_bytes`) and write the copy atomically
  (:meth:`lvcad.recovery.Session.write_autosave`);
* ``background tick``: the editor's tick now (:meth:`lvcad.ui.background_autosave.
  BackgroundAutosave.tick`): the document snapshot and the start of the worker thread,
  which encodes and writes after the timed part (each round first waits for the previous
  copy). Its ``extra_info`` has ``ratio_to_sync_tick`` (min / min) and ``longest_gui_pause_ms``: the
  longest gap between two turns of the GUI thread's event loop while the worker makes
  one copy (the worker and the GUI thread share the interpreter lock).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from lvcad.io import document_to_bytes
from lvcad.model import Document, LineEntity
from lvcad.recovery import Autosaver, Session
from lvcad.ui.background_autosave import BackgroundAutosave
from lvcad_bench.documents import build_document
from lvcad_geometry import Line

# Read when pytest-qt's ``qapp`` creates the QApplication, after this module is imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GROUP = "autosave-100k"
#: The peer's min time in this run (seconds), for the ratio.
PEER: dict[str, float] = {}


@pytest.fixture(scope="module")
def document() -> Document:
    return build_document()


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    started = Session.start(tmp_path / "recovery")
    yield started
    started.close()


def changer(document: Document) -> Callable[[], None]:
    """A function that changes one line of ``document`` each time (a user's edit)."""
    first = document.get("l0")
    assert isinstance(first, LineEntity)
    moves = iter(range(1, 1_000_000))

    def change() -> None:
        step = float(next(moves))
        document.replace(
            LineEntity(id="l0", layer=first.layer, geometry=Line((step, 0.0), (step, 1.0)))
        )

    return change


@pytest.mark.benchmark(group=GROUP)
def test_peer_sync_tick(benchmark: Any, document: Document, session: Session) -> None:
    session.register("peer", name="big.lvcad", path=None)
    change = changer(document)

    def tick() -> None:
        session.write_autosave("peer", document_to_bytes(document))

    benchmark.pedantic(tick, setup=change, rounds=5, iterations=1)
    if not benchmark.disabled:
        PEER["sync tick"] = benchmark.stats.stats.min
    assert session.autosave_path("peer").stat().st_size > 20_000_000


@pytest.mark.benchmark(group=GROUP)
def test_background_tick(
    benchmark: Any, document: Document, session: Session, qtbot: Any, qapp: QApplication
) -> None:
    saver = Autosaver(session)
    saver.track(document, name="big.lvcad", path=None, modified=False)
    background = BackgroundAutosave(saver, 0)
    change = changer(document)

    def copy_done() -> None:
        qtbot.waitUntil(lambda: not saver.busy, timeout=60_000)

    def setup() -> None:
        copy_done()  # the previous round's copy is written
        change()

    def tick() -> None:
        assert background.tick()

    benchmark.pedantic(tick, setup=setup, rounds=10, iterations=1)
    copy_done()
    assert not saver.pending
    if not benchmark.disabled and "sync tick" in PEER:
        ratio = benchmark.stats.stats.min / PEER["sync tick"]
        benchmark.extra_info["ratio_to_sync_tick"] = round(ratio, 4)

    change()
    longest = 0.0
    assert background.tick()
    last = time.perf_counter()
    while saver.busy:
        qapp.processEvents()
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    benchmark.extra_info["longest_gui_pause_ms"] = round(longest * 1000.0, 1)
    background.stop()
