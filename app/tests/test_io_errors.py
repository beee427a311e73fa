"""Bad input and failed saves: specific errors that name the file and never lose work."""

from __future__ import annotations

import contextlib
import errno
import gc
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import lvcad.io.lvcad_file
from lvcad.io import (
    CorruptDocumentError,
    DocumentError,
    DocumentIsDirectoryError,
    DocumentNotFoundError,
    DocumentPermissionError,
    DocumentReadError,
    DocumentWriteError,
    InvalidDocumentError,
    NewerVersionError,
    NotAnLvcadDocumentError,
    document_from_bytes,
    open_document,
    save_document,
)
from lvcad.model import Document, Metadata

RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def saved(tmp_path: Path, sample_document: Callable[[], Document]) -> Path:
    """A good document saved at tmp_path/plan.lvcad."""
    path = tmp_path / "plan.lvcad"
    save_document(sample_document(), path)
    return path


def write(path: Path, data: bytes | str | dict[str, Any]) -> Path:
    if isinstance(data, dict):
        data = json.dumps(data)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def good_data(fixtures: Path) -> dict[str, Any]:
    return json.loads((fixtures / "lvcad-v2.lvcad").read_text(encoding="utf-8"))


def open_error(path: Path, expected: type[DocumentError], match: str = "") -> DocumentError:
    with pytest.raises(expected, match=match) as raised:
        open_document(path)
    error = raised.value
    assert type(error) is expected
    assert error.path == path
    assert str(path) in str(error)  # every message names the file
    return error


# ------------------------------------------------------------------------------ opening


def test_a_missing_file(tmp_path: Path) -> None:
    open_error(tmp_path / "gone.lvcad", DocumentNotFoundError, "no such file.*check the name")


def test_a_folder(tmp_path: Path) -> None:
    open_error(tmp_path, DocumentIsDirectoryError, "it is a folder")


def test_an_unreadable_file(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Path) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    open_error(saved, DocumentPermissionError, "permission denied. Ask for read access")


@pytest.mark.skipif(RUNNING_AS_ROOT or sys.platform == "win32", reason="root reads anything")
def test_an_unreadable_file_for_real(saved: Path) -> None:
    saved.chmod(0)
    open_error(saved, DocumentPermissionError)


def test_an_io_error_while_reading(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(self: Path) -> bytes:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(Path, "read_bytes", fail)
    open_error(saved, DocumentReadError, "Input/output error. Check the drive")


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"", "the file is empty"),
        (b"  \n\t", "the file is empty"),
        (b"\x00\x01\x02\xff\xfe binary", "it is not text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "it is not text"),
        (b'{"format": "lvcad", "schema_version": 2, "unit": "m', "damaged or truncated"),
        (b"{not json}", "damaged or truncated"),
        (b'{"format": "lvcad", "x": NaN}', "NaN is not a number JSON allows"),
        (b"[" * 100_000, "damaged or truncated"),
    ],
)
def test_corrupt_files(tmp_path: Path, content: bytes, match: str) -> None:
    path = write(tmp_path / "bad.lvcad", content)
    open_error(path, CorruptDocumentError, match)


def test_a_truncated_save_points_to_the_backup(saved: Path) -> None:
    save_document(Document(), saved)  # now plan.lvcad.bak exists
    whole = saved.read_bytes()
    write(saved, whole[: len(whole) // 2])
    error = open_error(saved, CorruptDocumentError, "Open the previous save 'plan.lvcad.bak'")
    assert "damaged or truncated" in str(error)


@pytest.mark.parametrize(
    "data",
    [[1, 2], "lvcad", 42, None, {"format": "dxf"}, {"type": "FeatureCollection"}],
)
def test_json_that_is_not_an_lvcad_document(tmp_path: Path, data: object) -> None:
    path = write(tmp_path / "other.lvcad", json.dumps(data))
    error = open_error(path, NotAnLvcadDocumentError, "not an LV CAD document")
    assert isinstance(error, InvalidDocumentError)


@pytest.mark.parametrize("version", [None, "2", 0, -1, True, 2.0])
def test_a_missing_or_nonsense_schema_version(
    tmp_path: Path, fixtures: Path, version: object
) -> None:
    data = good_data(fixtures)
    data["schema_version"] = version
    open_error(write(tmp_path / "v.lvcad", data), InvalidDocumentError, "schema_version")


def test_a_file_from_a_newer_lv_cad(tmp_path: Path, fixtures: Path) -> None:
    data = good_data(fixtures)
    data["schema_version"] = 3
    data["something_new"] = {"from": "the future"}
    error = open_error(write(tmp_path / "new.lvcad", data), NewerVersionError, "Update LV CAD")
    assert isinstance(error, NewerVersionError)
    assert (error.found, error.supported) == (3, 2)
    assert "version 3" in str(error)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda d: d.pop("layers"), "at the top level.*layers"),
        (lambda d: d["entities"][4].update(radius=-7.25), r"at entities\[4\]\.radius"),
        (lambda d: d["entities"][0].update(start=[0, "0"]), r"entities\[0\]\.start\[1\]"),
        (lambda d: d["entities"][0].update(type="hatch"), r"entities\[0\]\.type"),
        (lambda d: d["entities"][0].update(extra=1), r"entities\[0\]"),
        (lambda d: d["layers"][1].update(color="grey"), r"layers\[1\]\.color"),
        (lambda d: d.update(unit="cm"), "at unit"),
        (lambda d: d["metadata"].update(created="yesterday"), r"metadata\.created"),
        (lambda d: d["blocks"][0]["entities"].append(d["entities"][8]), r"blocks\[0\]"),
    ],
)
def test_json_that_breaks_the_schema(
    tmp_path: Path, fixtures: Path, change: Callable[[dict[str, Any]], object], match: str
) -> None:
    data = good_data(fixtures)
    change(data)
    error = open_error(write(tmp_path / "s.lvcad", data), InvalidDocumentError, match)
    assert "not a valid LV CAD document" in str(error)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda d: d["entities"][1].update(id="wall-1"), "two entities have the id 'wall-1'"),
        (lambda d: d["entities"][0].update(layer="NOPE"), "layer 'NOPE'"),
        (lambda d: d["entities"][7].update(block="NOPE"), "block 'NOPE'"),
        (lambda d: d["entities"][11]["devices"].append("wall-1"), "'wall-1', which is not a dev"),
        (lambda d: d["entities"][2].update(sweep=0), r"entities\[2\] \(arc 'door-swing'\)"),
        (lambda d: d["entities"][2].update(sweep=7), "sweep"),
        (lambda d: d["entities"][4].update(radius=10**400), "circle 'column'.*too large"),
        (lambda d: d["entities"][5]["vertices"][0].__setitem__(0, 10**400), "too large"),
        (lambda d: d["entities"][6].update(text="\ud800"), "not valid Unicode"),
        (lambda d: d["underlay"].update(transform=[0, 0, 0, 0, 0, 0]), "determinant 0"),
        (lambda d: d["metadata"].update(created="2026-02-30T00:00:00Z"), "day is out of range"),
        (lambda d: d["metadata"].update(created="2026-01-01T00:00"), r"metadata\.created"),
        (lambda d: d["layers"].append(d["layers"][1]), "layer 'A-WALL' is listed twice"),
        (
            lambda d: d["blocks"][1]["entities"].append(
                {
                    "type": "insert",
                    "id": "loop",
                    "layer": "0",
                    "block": "FA_SMOKE_DETECTOR",
                    "position": [0, 0],
                    "rotation": 0,
                    "scale": [1, 1],
                    "attributes": {},
                }
            ),
            "contain themselves",
        ),
    ],
)
def test_schema_valid_json_that_is_still_not_a_valid_document(
    tmp_path: Path, fixtures: Path, change: Callable[[dict[str, Any]], object], match: str
) -> None:
    data = good_data(fixtures)
    change(data)
    open_error(write(tmp_path / "v.lvcad", data), InvalidDocumentError, match)


def test_numbers_beyond_double_range(tmp_path: Path, fixtures: Path) -> None:
    text = (fixtures / "lvcad-v2.lvcad").read_text(encoding="utf-8")
    huge = text.replace('"radius": 7.25', '"radius": 1e999')
    assert huge != text
    open_error(write(tmp_path / "huge.lvcad", huge), InvalidDocumentError, r"entities\[4\]")


def test_a_byte_order_mark_is_accepted(tmp_path: Path, fixtures: Path) -> None:
    content = (fixtures / "lvcad-v2.lvcad").read_bytes()
    assert open_document(write(tmp_path / "bom.lvcad", b"\xef\xbb\xbf" + content)).blocks


def test_a_failed_open_leaves_the_current_document_alone(
    saved: Path, tmp_path: Path, sample_document: Callable[[], Document]
) -> None:
    """The editor's pattern: the open document is replaced only by a complete new one."""
    current = open_document(saved)
    whole = saved.read_text(encoding="utf-8")
    broken = write(tmp_path / "broken.lvcad", whole.replace('"radius": 7.25', '"radius": 0'))
    with contextlib.suppress(DocumentError):
        current = open_document(broken)
    assert current == sample_document()


def test_errors_from_memory_name_a_placeholder() -> None:
    with pytest.raises(CorruptDocumentError, match="'<memory>'"):
        document_from_bytes(b"")


# ------------------------------------------------------------------------------- saving


def assert_unchanged(path: Path, before: bytes) -> None:
    assert path.read_bytes() == before
    leftovers = [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def save_error(document: Document, path: Path, expected: type[DocumentError], match: str) -> None:
    with pytest.raises(expected, match=match) as raised:
        save_document(document, path)
    assert type(raised.value) is expected
    assert str(path) in str(raised.value)


def test_saving_to_a_folder(tmp_path: Path) -> None:
    save_error(Document(), tmp_path, DocumentIsDirectoryError, "it is a folder")


def test_saving_into_a_missing_folder(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "plan.lvcad"
    save_error(Document(), path, DocumentNotFoundError, "folder .* does not exist.*Save As")


def test_saving_over_a_read_only_file(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = saved.read_bytes()
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    save_error(Document(), saved, DocumentPermissionError, "read-only.*Save As")
    assert_unchanged(saved, before)


@pytest.mark.skipif(RUNNING_AS_ROOT or sys.platform == "win32", reason="root writes anything")
def test_saving_into_a_read_only_folder_for_real(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        save_error(Document(), folder / "x.lvcad", DocumentPermissionError, "permission denied")
    finally:
        folder.chmod(0o700)


def test_saving_where_the_system_refuses_to_create_files(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = saved.read_bytes()

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    save_error(Document(), saved, DocumentPermissionError, "permission denied in")
    assert_unchanged(saved, before)


@pytest.mark.parametrize("failing", ["replace", "fsync", "chmod"])
def test_a_save_that_fails_midway_leaves_the_old_file(
    saved: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    before = saved.read_bytes()

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, failing, fail)
    save_error(
        Document(metadata=Metadata(title="new")),
        saved,
        DocumentWriteError,
        "Input/output error. The file on disk is unchanged",
    )
    assert_unchanged(saved, before)


def test_a_full_disk_in_the_middle_of_writing(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = saved.read_bytes()
    real_write = os.write

    def half_then_full(fd: int, data: bytes) -> int:
        if len(data) > 100:
            return real_write(fd, bytes(data)[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_full)
    save_error(
        Document(metadata=Metadata(title="x" * 1000)), saved, DocumentWriteError, "the disk is full"
    )
    assert_unchanged(saved, before)


def test_a_document_that_cannot_be_encoded_writes_nothing(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = saved.read_bytes()

    def broken_encoder(data: object) -> bytes:
        raise ValueError("Out of range float values are not JSON compliant")

    monkeypatch.setattr(lvcad.io.lvcad_file, "encode", broken_encoder)
    save_error(Document(), saved, DocumentWriteError, "could not be encoded.*unchanged")
    assert_unchanged(saved, before)


def test_an_interrupted_save_leaves_the_old_file(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = saved.read_bytes()

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        save_document(Document(), saved)
    assert_unchanged(saved, before)


def test_the_backup_hint_keeps_the_file_name_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "Level-2 North.lvcad"
    save_document(Document(), path)
    save_document(Document(), path)
    write(path, b"")
    open_error(path, CorruptDocumentError, "Open the previous save 'Level-2 North.lvcad.bak'")


def test_the_garbage_collector_is_back_on_after_reading_and_writing(
    saved: Path, tmp_path: Path
) -> None:
    open_document(saved)
    save_document(Document(), tmp_path / "other.lvcad")
    with pytest.raises(CorruptDocumentError):
        document_from_bytes(b"{")
    assert gc.isenabled()
