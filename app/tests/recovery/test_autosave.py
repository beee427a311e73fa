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


def test_a_background_copy_is_the_document_at_the_tick_and_later_edits_go_in_the_next(
    session: Session, encoding_gate: Gate
) -> None:
    document = Document(Unit.MILLIMETRE)
    saver = Autosaver(session)
    saver.track(document, name="Untitled", path=None, modified=False)
    copy = session.autosave_path(saver.key)
    ended = Ended()
    document.add(line("a"))
    assert saver.autosave_in_background(ended)
    encoding_gate.reached()
    document.add(line("b"))  # while the worker has the copy of "a" in hand
    document.replace(LineEntity(id="a", geometry=Line((5.0, 5.0), (6.0, 6.0))))
    encoding_gate.go.set()
    job = ended.next()
    assert saver.finish(job)
    first = open_document(copy)
    assert set(first.entities) == {"a"}
    assert first.get("a") == line("a")
    assert saver.pending  # the edits made meanwhile are still to be copied

    assert saver.autosave_in_background(ended)
    assert saver.finish(ended.next())
    assert open_document(copy) == document
    assert not saver.pending
    assert encoding_gate.threads == ["lvcad-autosave", "lvcad-autosave"]
    assert not autosave_threads()


def test_ticks_while_a_copy_is_written_start_one_more_copy_after_it(
    session: Session, encoding_gate: Gate
) -> None:
    document = Document(Unit.MILLIMETRE)
    saver = Autosaver(session)
    saver.track(document, name="Untitled", path=None, modified=False)
    ended = Ended()
    document.add(line("a"))
    assert saver.autosave_in_background(ended)
    encoding_gate.reached()
    for name in ("b", "c", "d"):
        document.add(line(name))
        assert not saver.autosave_in_background(ended)  # one at a time: noted for later
    assert saver.busy
    assert len(autosave_threads()) == 1
    encoding_gate.go.set()
    assert saver.finish(ended.next())  # ... and the next copy starts at once
    assert saver.busy
    assert saver.finish(ended.next())
    assert not saver.busy
    assert set(open_document(session.autosave_path(saver.key)).entities) == {"a", "b", "c", "d"}
    assert len(encoding_gate.threads) == 2  # three ticks made one more copy, not three
    assert encoding_gate.most_at_once == 1
    assert not saver.autosave_in_background(ended)  # nothing new


def test_a_copy_now_waits_for_the_background_copy_and_holds_the_latest_edits(
    session: Session, encoding_gate: Gate
) -> None:
    document = Document(Unit.MILLIMETRE)
    saver = Autosaver(session)
    saver.track(document, name="Untitled", path=None, modified=False)
    ended = Ended()
    document.add(line("a"))
    assert saver.autosave_in_background(ended)
    encoding_gate.reached()
    document.add(line("b"))
    encoding_gate.go.set()
    assert saver.autosave()  # as before a risky operation
    assert not saver.busy
    assert set(open_document(session.autosave_path(saver.key)).entities) == {"a", "b"}
    assert encoding_gate.threads == ["lvcad-autosave", threading.current_thread().name]
    assert encoding_gate.most_at_once == 1
    assert not saver.finish(ended.next())  # the worker's late hand-over changes nothing


def test_a_copy_now_with_no_edit_since_the_background_copy_writes_nothing_more(
    session: Session, encoding_gate: Gate
) -> None:
    document = Document(Unit.MILLIMETRE)
    saver = Autosaver(session)
    saver.track(document, name="Untitled", path=None, modified=False)
    document.add(line("a"))
    assert saver.autosave_in_background(Ended())
    encoding_gate.reached()
    encoding_gate.go.set()
    assert saver.autosave()  # the background copy was the document as it is
    assert encoding_gate.threads == ["lvcad-autosave"]
    assert set(open_document(session.autosave_path(saver.key)).entities) == {"a"}


def test_a_failed_background_copy_is_reported_on_the_editors_thread(session: Session) -> None:
    messages: list[str] = []
    document = Document(Unit.INCH)
    saver = Autosaver(session, on_error=messages.append)
    saver.track(document, name="Untitled", path=None, modified=True)
    shutil.rmtree(session.autosave_path(saver.key).parent)
    ended = Ended()
    assert saver.autosave_in_background(ended)
    job = ended.next()
    assert isinstance(job.error, OSError)
    assert messages == []  # nothing is said from the worker thread
    assert not saver.finish(job)
    assert len(messages) == 1
    assert "Autosave failed" in messages[0]
    assert "Save As" in messages[0]
    assert saver.pending

    session.autosave_path(saver.key).parent.mkdir()
    assert saver.autosave_in_background(ended)
    assert saver.finish(ended.next())
    assert not saver.pending


def test_an_unexpected_error_on_the_worker_is_raised_on_the_editors_thread(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(document: Document) -> bytes:
        raise LookupError("a bug in the encoder")

    monkeypatch.setattr("lvcad.recovery.autosave.document_to_bytes", broken)
    messages: list[str] = []
    saver = Autosaver(session, on_error=messages.append)
    saver.track(Document(Unit.INCH), name="Untitled", path=None, modified=True)
    ended = Ended()
    assert saver.autosave_in_background(ended)
    job = ended.next()
    with pytest.raises(LookupError, match="a bug in the encoder"):
        saver.finish(job)
    assert messages == []
    assert saver.pending
    assert not saver.busy


def test_saving_while_the_worker_encodes_cancels_its_copy(
    session: Session, encoding_gate: Gate, tmp_path: Path
) -> None:
    document = Document(Unit.INCH)
    saver = Autosaver(session)
    saver.track(document, name="Untitled", path=None, modified=False)
    ended = Ended()
    document.add(line("a"))
    assert saver.autosave_in_background(ended)
    encoding_gate.reached()
    saver.saved(name="plan.lvcad", path=tmp_path / "plan.lvcad")
    encoding_gate.go.set()
    job = ended.next()
    assert job.cancelled
    assert job.written is None
    assert not saver.finish(job)
    assert not session.autosave_path(saver.key).exists()
    assert session.documents[0].autosave is None


def test_saving_while_the_worker_writes_deletes_the_copy_once_it_is_complete(
    session: Session, writing_gate: Gate, tmp_path: Path
) -> None:
    document = Document(Unit.INCH)
    saver = Autosaver(session)
    saver.track(document, name="Untitled", path=None, modified=False)
    ended = Ended()
    document.add(line("a"))
    assert saver.autosave_in_background(ended)
    writing_gate.reached()  # past the last point where a cancel stops the write
    unblock_when_waiting(session, writing_gate)
    saver.saved(name="plan.lvcad", path=tmp_path / "plan.lvcad")
    assert writing_gate.events == ["write starts", "write ends"]  # saved() waited for it
    assert not session.autosave_path(saver.key).exists()
    assert session.documents[0].autosave is None
    assert not saver.finish(ended.next())
    assert not list(session.autosave_path(saver.key).parent.iterdir())  # no temporary file


def test_closing_the_document_while_the_worker_encodes_writes_nothing(
    session: Session, encoding_gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = Document(Unit.INCH)
    saver = Autosaver(session)
    saver.track(document, name="Untitled", path=None, modified=False)
    key = saver.key
    document.add(line("a"))
    assert saver.autosave_in_background(Ended())
    encoding_gate.reached()
    unregister = session.unregister

    def unregister_then_let_go(key: str) -> None:  # close() then waits for the worker
        unregister(key)
        encoding_gate.go.set()

    monkeypatch.setattr(session, "unregister", unregister_then_let_go)
    saver.close()
    assert not autosave_threads()  # the worker ended before close() returned
    assert not saver.busy
    assert not session.autosave_path(key).exists()
    assert session.documents == ()
    assert marker_documents(session) == []


def test_ending_the_session_while_the_worker_writes_waits_for_the_write(
    recovery_root: Path, writing_gate: Gate
) -> None:
    session = Session.start(recovery_root)
    document = Document(Unit.INCH)
    saver = Autosaver(session)
    saver.track(document, name="Untitled", path=None, modified=False)
    ended = Ended()
    document.add(line("a"))
    assert saver.autosave_in_background(ended)
    writing_gate.reached()
    unblock_when_waiting(session, writing_gate)
    session.close()
    assert writing_gate.events == ["write starts", "write ends"]
    assert not session.folder.exists()  # removed after the write, not under it
    job = ended.next()
    assert job.error is None
    assert saver.finish(job)
    document.add(line("b"))
    assert saver.autosave_in_background(ended)  # a late tick writes nothing
    assert not saver.finish(ended.next())
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
