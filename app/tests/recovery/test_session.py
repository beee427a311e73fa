"""The recovery session: running marker, crash file, detection of crashed runs, reports."""

from __future__ import annotations

import faulthandler
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from lvcad.io import document_to_bytes, save_document
from lvcad.model import Document, LineEntity, Unit
from lvcad.recovery import (
    Session,
    default_root,
    find_crashed_sessions,
    previous_crash_report,
    remember_previous_crashes,
)
from lvcad.recovery.previous import REPORTED_FILE, STARTING_SECONDS
from lvcad.recovery.session import CRASH_FILE, MARKER_FILE, MARKER_FORMAT
from lvcad_geometry import Line


def drawing(*ids: str) -> Document:
    return Document(
        Unit.FOOT,
        entities=[LineEntity(id=i, geometry=Line((n, 0.0), (n, 1.0))) for n, i in enumerate(ids)],
    )


def read_marker(folder: Path) -> dict[str, Any]:
    marker = json.loads((folder / MARKER_FILE).read_text(encoding="utf-8"))
    assert isinstance(marker, dict)
    return marker


def test_default_root_is_in_the_user_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "/data/home")
    if sys.platform.startswith("linux"):  # platformdirs follows XDG there
        assert default_root() == Path("/data/home/LV CAD/recovery")
    assert default_root().parts[-2:] == ("LV CAD", "recovery")


def test_session_writes_marker_and_crash_file_and_a_clean_exit_removes_them(
    recovery_root: Path,
) -> None:
    session = Session.start(recovery_root)
    try:
        folder = session.folder
        marker = read_marker(folder)
        assert marker["format"] == MARKER_FORMAT
        assert marker["pid"] == os.getpid()
        assert marker["started"] == session.started.isoformat()
        assert marker["documents"] == []
        assert (folder / CRASH_FILE).read_bytes() == b""
        assert faulthandler.is_enabled()

        session.register("a", name="plan.lvcad", path=Path("plans/plan.lvcad"))
        session.register("b", name="Untitled", path=None)
        copy = session.write_autosave("b", document_to_bytes(drawing("x")))
        documents = read_marker(folder)["documents"]
        assert documents == [
            {
                "key": "a",
                "name": "plan.lvcad",
                "path": str(Path("plans/plan.lvcad").absolute()),
                "autosave": None,
            },
            {"key": "b", "name": "Untitled", "path": None, "autosave": str(copy)},
        ]
        session.remove_autosave("b")
        assert not copy.exists()
        assert read_marker(folder)["documents"][1]["autosave"] is None
        session.unregister("a")
        assert [d["key"] for d in read_marker(folder)["documents"]] == ["b"]
    finally:
        session.close()
    assert not folder.exists()
    session.close()  # twice is fine


def test_a_running_session_is_not_taken_for_a_crash(recovery_root: Path) -> None:
    session = Session.start(recovery_root)
    try:
        assert find_crashed_sessions(recovery_root) == []
    finally:
        session.close()


def test_no_recovery_folder_means_no_crash(tmp_path: Path) -> None:
    assert find_crashed_sessions(tmp_path / "nothing") == []


def test_a_session_whose_process_died_is_found_with_its_documents(
    recovery_root: Path, crash_session: Any, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.lvcad"
    folder = crash_session([("plan.lvcad", plan, drawing("a", "b")), ("Untitled", None, drawing())])
    [crashed] = find_crashed_sessions(recovery_root)
    try:
        assert crashed.folder == folder
        assert crashed.marker["pid"] == os.getpid()
        assert crashed.crash_log == ""
        assert [(d.name, d.path) for d in crashed.documents] == [
            ("plan.lvcad", plan),
            ("Untitled", None),
        ]
        assert set(crashed.documents[0].load().entities) == {"a", "b"}
        report = crashed.report()
        assert f"pid: {crashed.marker['pid']}" in report
        assert "autosave copies left: 2" in report
        assert "killed" in report
        # This process holds the crashed session: another look does not offer it twice.
        assert find_crashed_sessions(recovery_root) == []
    finally:
        crashed.release()
    [again] = find_crashed_sessions(recovery_root)
    again.discard()
    assert not folder.exists()
    assert find_crashed_sessions(recovery_root) == []


def test_a_crash_is_reported_once(recovery_root: Path, crash_session: Any) -> None:
    folder = crash_session([("Untitled", None, drawing("a"))])
    crashed = find_crashed_sessions(recovery_root)
    report = remember_previous_crashes(crashed)
    assert report is not None
    assert previous_crash_report() == report
    assert "did not exit cleanly" in report
    assert (folder / REPORTED_FILE).exists()
    crashed[0].release()

    later = find_crashed_sessions(recovery_root)  # the documents are still there
    assert [c.reported for c in later] == [True]
    assert remember_previous_crashes(later) is None
    assert previous_crash_report() is None
    later[0].discard()


def test_a_damaged_marker_still_counts_as_a_crash(recovery_root: Path, crash_session: Any) -> None:
    folder = crash_session([("Untitled", None, drawing("a"))])
    (folder / MARKER_FILE).write_text("{not json", encoding="utf-8")
    [crashed] = find_crashed_sessions(recovery_root)
    assert crashed.marker == {}
    assert crashed.started == "unknown"
    assert [d.name for d in crashed.documents] == [crashed.documents[0].autosave.stem]
    assert "did not exit cleanly" in crashed.report()
    crashed.discard()


def test_a_copy_older_than_its_saved_file_is_not_offered(
    recovery_root: Path, crash_session: Any, tmp_path: Path
) -> None:
    # The run crashed after a save replaced plan.lvcad but before it removed the copy.
    plan, other = tmp_path / "plan.lvcad", tmp_path / "other.lvcad"
    save_document(drawing("old"), other)
    folder = crash_session(
        [("plan.lvcad", plan, drawing("a")), ("other.lvcad", other, drawing("old", "new"))]
    )
    save_document(drawing("a", "b"), plan)
    [crashed] = find_crashed_sessions(recovery_root)
    assert [d.name for d in crashed.documents] == ["other.lvcad"]
    assert "autosave copies left: 1" in crashed.report()
    crashed.discard()
    assert not folder.exists()


def test_a_folder_of_a_run_that_died_starting_is_cleaned_up_later(recovery_root: Path) -> None:
    starting = recovery_root / "sessions" / "starting"
    died = recovery_root / "sessions" / "died"
    for folder in (starting, died):
        (folder / "autosave").mkdir(parents=True)
    long_ago = time.time() - STARTING_SECONDS - 60
    os.utime(died, (long_ago, long_ago))
    assert find_crashed_sessions(recovery_root) == []
    assert starting.exists()  # may be a run that is starting right now
    assert not died.exists()
