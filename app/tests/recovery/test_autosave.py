"""Autosave without Qt: when a copy is written, what it holds, when it goes away."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

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
from lvcad.recovery import RISKY_ENTITY_COUNT, Autosaver, Session, is_risky
from lvcad.recovery.session import MARKER_FILE
from lvcad_geometry import Line, Transform


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
