"""Autosave without Qt: when a copy is written, what it holds, when it goes away; copies
written on the worker thread, one at a time, and their outcome taken on the caller's thread."""

from __future__ import annotations

import json
import queue
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from lvcad.commands import (
    AddEntities,
    AddLayer,
    CopyEntities,
    DeleteEntities,
    EditEntities,
    MoveEntities,
    ReshapeEntities,
    RotateEntities,
    SetUnderlay,
)
from lvcad.io import document_to_bytes, open_document
from lvcad.model import Document, Layer, LineEntity, Underlay, Unit
from lvcad.recovery import RISKY_ENTITY_COUNT, AutosaveJob, Autosaver, Session, is_risky
from lvcad.recovery.session import MARKER_FILE
from lvcad_geometry import Line, Transform

from .conftest import WAIT, Gate


def line(entity_id: str) -> LineEntity:
    return LineEntity(id=entity_id, geometry=Line((0.0, 0.0), (1.0, 1.0)))


def marker_documents(session: Session) -> list[dict[str, object]]:
    documents = json.loads((session.folder / MARKER_FILE).read_text("utf-8"))["documents"]
    assert isinstance(documents, list)
    return documents


def test_copy_only_when_changed_since_the_last_one(session: Session) -> None:
    document = Document(Unit.MILLIMETRE)
    saver = Autosaver(session)
    saver.track(document, name="Untitled", path=None, modified=False)
    copy = session.autosave_path(saver.key)
    assert not saver.autosave()
    assert not copy.exists()

    document.add(line("a"))
    assert saver.autosave()
    assert copy.read_bytes() == document_to_bytes(document)
    assert open_document(copy).unit is Unit.MILLIMETRE
    assert marker_documents(session) == [
        {"key": saver.key, "name": "Untitled", "path": None, "autosave": str(copy)}
    ]
    before = copy.stat().st_mtime_ns
    assert not saver.autosave()  # nothing new: nothing written
    assert copy.stat().st_mtime_ns == before

    document.add(line("b"))
    assert saver.autosave()
    assert set(open_document(copy).entities) == {"a", "b"}


def test_saving_removes_the_copy_and_closing_forgets_the_document(
    session: Session, tmp_path: Path
) -> None:
    document = Document(Unit.INCH)
    saver = Autosaver(session)
    saver.track(document, name="Untitled", path=None, modified=False)
    document.add(line("a"))
    assert saver.autosave()
    copy = session.autosave_path(saver.key)

    saver.saved(name="plan.lvcad", path=tmp_path / "plan.lvcad")
    assert not copy.exists()
    assert marker_documents(session) == [
        {
            "key": saver.key,
            "name": "plan.lvcad",
            "path": str(tmp_path / "plan.lvcad"),
            "autosave": None,
        }
    ]
    assert not saver.autosave()

    document.add(line("b"))
    assert saver.autosave()
    saver.close()
    assert not copy.exists()
    assert marker_documents(session) == []
    document.add(line("c"))  # no longer watched
    assert not saver.autosave()


def test_a_document_that_is_new_work_is_copied_at_once(session: Session) -> None:
    saver = Autosaver(session)
    first = Document(Unit.FOOT)
    saver.track(first, name="Untitled", path=None, modified=False)
    first.add(line("a"))
    assert saver.autosave()
    first_copy = session.autosave_path(saver.key)

    imported = Document(Unit.FOOT, entities=[line("x")])
    saver.track(imported, name="plan (imported)", path=None, modified=True)
    assert not first_copy.exists()  # the previous document was closed
    assert saver.autosave()
    assert set(open_document(session.autosave_path(saver.key)).entities) == {"x"}
    assert [d["name"] for d in marker_documents(session)] == ["plan (imported)"]


def test_a_failed_autosave_is_reported_once_and_never_raises(session: Session) -> None:
    messages: list[str] = []
    document = Document(Unit.INCH)
    saver = Autosaver(session, on_error=messages.append)
    saver.track(document, name="Untitled", path=None, modified=True)
    shutil.rmtree(session.autosave_path(saver.key).parent)  # the folder is gone
    assert not saver.autosave()
    document.add(line("a"))
    assert not saver.autosave()
    assert len(messages) == 1
    assert "Autosave failed" in messages[0]
    assert saver.pending  # still to be copied

    session.autosave_path(saver.key).parent.mkdir()
    assert saver.autosave()
    assert not saver.pending


def test_risky_operations() -> None:
    many = [f"e{n}" for n in range(RISKY_ENTITY_COUNT)]
    few = many[:3]
    risky = [
        SetUnderlay(Underlay("plan.dxf", Transform.translation(0.0, 0.0))),
        SetUnderlay(None),
        MoveEntities(many, (1.0, 0.0)),
        RotateEntities(many, (0.0, 0.0), 1.0),
        CopyEntities(many, (1.0, 0.0)),
        DeleteEntities(many),
        AddEntities([line(i) for i in many]),
        EditEntities([line(i) for i in many]),
        ReshapeEntities("Trim", removed=many),
    ]
    harmless = [
        MoveEntities(few, (1.0, 0.0)),
        DeleteEntities(few),
        AddEntities([line("a")]),
        ReshapeEntities("Trim", replaced=[line("a")], added=[line("b")]),
        AddLayer(Layer("A-WALL")),
    ]
    assert [is_risky(command) for command in risky] == [True] * len(risky)
    assert [is_risky(command) for command in harmless] == [False] * len(harmless)


# ------------------------------------------------------------------ the worker thread


class Ended:
    """The ``done`` callback of background jobs: the jobs, as the worker hands them over."""

    def __init__(self) -> None:
        self.jobs: queue.Queue[AutosaveJob] = queue.Queue()

    def __call__(self, job: AutosaveJob) -> None:
        self.jobs.put(job)

    def next(self) -> AutosaveJob:
        return self.jobs.get(timeout=WAIT)


def autosave_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "lvcad-autosave"]


class Started:
    """A new untitled document that ``session`` autosaves: line "a" added, and a
    background copy started (held by ``gate``, if given, until the test opens it)."""

    def __init__(
        self, session: Session, gate: Gate | None = None, on_error: Any = lambda message: None
    ) -> None:
        self.document = Document(Unit.MILLIMETRE)
        self.saver = Autosaver(session, on_error=on_error)
        self.saver.track(self.document, name="Untitled", path=None, modified=False)
        self.copy = session.autosave_path(self.saver.key)
        self.ended = Ended()
        self.document.add(line("a"))
        assert self.saver.autosave_in_background(self.ended)
        if gate is not None:
            gate.reached()

    def finish_next(self) -> bool:
        """Take the outcome of the next job the worker hands over."""
        return self.saver.finish(self.ended.next())


def test_a_background_copy_is_the_document_at_the_tick_and_later_edits_go_in_the_next(
    session: Session, encoding_gate: Gate
) -> None:
    started = Started(session, encoding_gate)
    document, saver = started.document, started.saver
    document.add(line("b"))  # while the worker has the copy of "a" in hand
    document.replace(LineEntity(id="a", geometry=Line((5.0, 5.0), (6.0, 6.0))))
    encoding_gate.go.set()
    assert started.finish_next()
    first = open_document(started.copy)
    assert set(first.entities) == {"a"}
    assert first.get("a") == line("a")
    assert saver.pending  # the edits made meanwhile are still to be copied

    assert saver.autosave_in_background(started.ended)
    assert started.finish_next()
    assert open_document(started.copy) == document
    assert not saver.pending
    assert encoding_gate.threads == ["lvcad-autosave", "lvcad-autosave"]
    assert not autosave_threads()


def test_ticks_while_a_copy_is_written_start_one_more_copy_after_it(
    session: Session, encoding_gate: Gate
) -> None:
    started = Started(session, encoding_gate)
    saver = started.saver
    for name in ("b", "c", "d"):
        started.document.add(line(name))
        assert not saver.autosave_in_background(started.ended)  # one at a time: for later
    assert saver.busy
    assert len(autosave_threads()) == 1
    encoding_gate.go.set()
    assert started.finish_next()  # ... and the next copy starts at once
    assert saver.busy
    assert started.finish_next()
    assert not saver.busy
    assert set(open_document(started.copy).entities) == {"a", "b", "c", "d"}
    assert len(encoding_gate.threads) == 2  # three ticks made one more copy, not three
    assert encoding_gate.most_at_once == 1
    assert not saver.autosave_in_background(started.ended)  # nothing new


def test_a_copy_now_waits_for_the_background_copy_and_holds_the_latest_edits(
    session: Session, encoding_gate: Gate
) -> None:
    started = Started(session, encoding_gate)
    started.document.add(line("b"))
    encoding_gate.go.set()
    assert started.saver.autosave()  # as before a risky operation
    assert not started.saver.busy
    assert set(open_document(started.copy).entities) == {"a", "b"}
    assert encoding_gate.threads == ["lvcad-autosave", threading.current_thread().name]
    assert encoding_gate.most_at_once == 1
    assert not started.finish_next()  # the worker's late hand-over changes nothing


def test_a_copy_now_with_no_edit_since_the_background_copy_writes_nothing_more(
    session: Session, encoding_gate: Gate
) -> None:
    started = Started(session, encoding_gate)
    encoding_gate.go.set()
    assert started.saver.autosave()  # the background copy was the document as it is
    assert encoding_gate.threads == ["lvcad-autosave"]
    assert set(open_document(started.copy).entities) == {"a"}


def test_a_failed_background_copy_is_reported_on_the_editors_thread(
    session: Session, encoding_gate: Gate
) -> None:
    messages: list[str] = []
    started = Started(session, encoding_gate, on_error=messages.append)
    shutil.rmtree(started.copy.parent)
    encoding_gate.go.set()
    job = started.ended.next()
    assert isinstance(job.error, OSError)
    assert messages == []  # nothing is said from the worker thread
    assert not started.saver.finish(job)
    assert len(messages) == 1
    assert "Autosave failed" in messages[0]
    assert "Save As" in messages[0]
    assert started.saver.pending

    started.copy.parent.mkdir()
    assert started.saver.autosave_in_background(started.ended)
    assert started.finish_next()
    assert not started.saver.pending


def test_an_unexpected_error_on_the_worker_is_raised_on_the_editors_thread(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(document: Document) -> bytes:
        raise LookupError("a bug in the encoder")

    monkeypatch.setattr("lvcad.recovery.autosave.document_to_bytes", broken)
    messages: list[str] = []
    started = Started(session, on_error=messages.append)
    with pytest.raises(LookupError, match="a bug in the encoder"):
        started.finish_next()
    assert messages == []
    assert started.saver.pending
    assert not started.saver.busy


def test_saving_while_the_worker_encodes_cancels_its_copy(
    session: Session, encoding_gate: Gate, tmp_path: Path
) -> None:
    started = Started(session, encoding_gate)
    started.saver.saved(name="plan.lvcad", path=tmp_path / "plan.lvcad")
    encoding_gate.go.set()
    job = started.ended.next()
    assert job.cancelled
    assert job.written is None
    assert not started.saver.finish(job)
    assert not started.copy.exists()
    assert session.documents[0].autosave is None


def test_saving_while_the_worker_writes_deletes_the_copy_once_it_is_complete(
    session: Session, writing_gate: Gate, tmp_path: Path
) -> None:
    started = Started(session, writing_gate)  # past the last point where a cancel stops it
    unblock_when_waiting(session, writing_gate)
    started.saver.saved(name="plan.lvcad", path=tmp_path / "plan.lvcad")
    assert writing_gate.events == ["write starts", "write ends"]  # saved() waited for it
    assert not started.copy.exists()
    assert session.documents[0].autosave is None
    assert not started.finish_next()
    assert not list(started.copy.parent.iterdir())  # no temporary file


def test_closing_the_document_while_the_worker_encodes_writes_nothing(
    session: Session, encoding_gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = Started(session, encoding_gate)
    unregister = session.unregister

    def unregister_then_let_go(key: str) -> None:  # close() then waits for the worker
        unregister(key)
        encoding_gate.go.set()

    monkeypatch.setattr(session, "unregister", unregister_then_let_go)
    started.saver.close()
    assert not autosave_threads()  # the worker ended before close() returned
    assert not started.saver.busy
    assert not started.copy.exists()
    assert session.documents == ()
    assert marker_documents(session) == []


def test_ending_the_session_while_the_worker_writes_waits_for_the_write(
    recovery_root: Path, writing_gate: Gate
) -> None:
    session = Session.start(recovery_root)
    started = Started(session, writing_gate)
    unblock_when_waiting(session, writing_gate)
    session.close()
    assert writing_gate.events == ["write starts", "write ends"]
    assert not session.folder.exists()  # removed after the write, not under it
    job = started.ended.next()
    assert job.error is None
    assert started.saver.finish(job)
    started.document.add(line("b"))
    assert started.saver.autosave_in_background(started.ended)  # a late tick writes nothing
    assert not started.finish_next()
    assert not session.folder.exists()


def unblock_when_waiting(session: Session, gate: Gate) -> None:
    """Open ``gate`` once this thread waits for the session's mutex (which the worker
    at the gate holds), so that the test sees the wait happen."""

    class Watched:
        def __init__(self, mutex: Any) -> None:
            self.mutex = mutex

        def __enter__(self) -> None:
            if threading.current_thread() is threading.main_thread():
                gate.go.set()
            self.mutex.acquire()

        def __exit__(self, *exc: object) -> None:
            self.mutex.release()

    session._mutex = Watched(session._mutex)  # type: ignore[assignment]
