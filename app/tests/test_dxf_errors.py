"""Bad DXF input and failed exports: specific errors that name the file and say what to do."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable
from pathlib import Path

import ezdxf
import pytest

import lvcad.io.dxf_export
import lvcad.io.dxf_reader
import lvcad.io.fileops
from lvcad.io import (
    CorruptDocumentError,
    DocumentError,
    DocumentIsDirectoryError,
    DocumentNotFoundError,
    DocumentPermissionError,
    DocumentReadError,
    DocumentWriteError,
    DxfCorruptError,
    DxfEmptyError,
    DxfError,
    DxfTooLargeError,
    NotADxfError,
    export_dxf,
    import_dxf,
)
from lvcad.model import Document

RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A small valid DXF (millimetres) with five lines."""
    doc = ezdxf.new("R2013", units=4)
    for i in range(5):
        doc.modelspace().add_line((0, 0), (i + 1, 0))
    path = tmp_path / "plan.dxf"
    doc.saveas(path)
    return path


def refuses(path: Path, error: type[DocumentError], match: str, **options: object) -> DocumentError:
    with pytest.raises(error, match=match) as caught:
        import_dxf(path, **options)  # type: ignore[arg-type]
    assert str(path) in str(caught.value)
    assert caught.value.path == path
    return caught.value


def test_a_missing_file(tmp_path: Path) -> None:
    refuses(tmp_path / "gone.dxf", DocumentNotFoundError, "no such file.*check the name")


def test_a_folder(tmp_path: Path) -> None:
    refuses(tmp_path, DocumentIsDirectoryError, "it is a folder. Choose a .dxf file")


def test_an_unreadable_file(good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def deny(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)
    refuses(good, DocumentPermissionError, "permission denied. Ask for read access")


@pytest.mark.skipif(RUNNING_AS_ROOT or os.name == "nt", reason="root reads anything")
def test_an_unreadable_file_for_real(good: Path) -> None:  # pragma: no cover - not as root
    good.chmod(0)
    refuses(good, DocumentPermissionError, "permission denied")


def test_an_io_error(good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(Path, "open", fail)
    refuses(good, DocumentReadError, "Input/output error. Check the drive")


@pytest.mark.parametrize(
    "content", [b"", b"\n\n  \r\n", b"  0\nEOF\n", b"999\nmade by X\n0\nEOF\n"]
)
def test_empty_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.dxf"
    path.write_bytes(content)
    error = refuses(path, DxfEmptyError, "empty|holds no drawing")
    assert isinstance(error, CorruptDocumentError)
    assert isinstance(error, DxfError)


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"\x00\xff\xfe garbage \x01" * 20, "not a DXF drawing"),
        (b'{"format": "lvcad", "schema_version": 2}', "not a DXF drawing"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not a DXF drawing"),
        (b"AC1032\x00\x00\x00\x00\x00\x06\x01", "DWG drawing, not DXF. Save it as DXF"),
        (b"AC1.50\x00\x00", "DWG"),
        (b"  0\nLINE\n  8\n0\n", "not a DXF drawing"),
    ],
)
def test_files_that_are_not_dxf(tmp_path: Path, content: bytes, match: str) -> None:
    path = tmp_path / "drawing.dxf"
    path.write_bytes(content)
    refuses(path, NotADxfError, match)


def test_binary_dxf_is_read(tmp_path: Path) -> None:
    doc = ezdxf.new("R2013", units=6)
    doc.modelspace().add_circle((1, 2), 3)
    path = tmp_path / "binary.dxf"
    doc.saveas(path, fmt="bin")
    result = import_dxf(path)
    assert result.report.binary
    assert not result.report.recovered
    assert "binary" in result.report.summary()
    assert [e.kind for e in result.document] == ["circle"]


def test_damaged_binary_dxf(tmp_path: Path) -> None:
    doc = ezdxf.new("R2013")
    doc.modelspace().add_circle((1, 2), 3)
    path = tmp_path / "binary.dxf"
    doc.saveas(path, fmt="bin")
    path.write_bytes(path.read_bytes()[:3000])
    refuses(path, DxfCorruptError, "binary DXF file is damaged.*save it again as ASCII DXF")


def test_damaged_files_are_repaired_and_the_report_says_what_was_fixed(good: Path) -> None:
    text = good.read_text()
    good.write_text(text.replace("ENDSEC\n  0\nSECTION\n  2\nOBJECTS", "SECTION\n  2\nOBJECTS", 1))
    result = import_dxf(good)
    report = result.report
    assert report.recovered
    assert not report.clean
    assert report.repairs == ("DXF structure error: missing ENDSEC tag.",)
    assert "missing ENDSEC" in report.summary()
    assert "could not be read as it is (DXFStructureError: missing ENDSEC" in "\n".join(
        report.notes
    )
    assert len(result.document) == 5


def test_a_file_cut_off_at_the_end_is_repaired(good: Path) -> None:
    good.write_text(good.read_text().replace("  0\nEOF", ""))
    result = import_dxf(good)
    assert result.report.recovered
    assert len(result.document) == 5


def test_a_file_cut_off_in_the_middle_imports_what_is_left_and_says_so(good: Path) -> None:
    good.write_bytes(good.read_bytes()[: good.stat().st_size * 2 // 3])
    result = import_dxf(good)
    assert result.report.recovered
    assert "nothing in the drawing's model space" in result.report.summary()


def test_damage_beyond_repair(good: Path) -> None:
    lines = good.read_text().split("\n")
    at = [i for i, line in enumerate(lines) if line.strip() == "LINE"][1]
    lines[at + 1] = "abc"  # a group code that is not a number
    good.write_text("\n".join(lines))
    error = refuses(good, DxfCorruptError, "damaged beyond repair.*AUDIT or RECOVER")
    assert isinstance(error, CorruptDocumentError)


def test_ezdxf_warnings_go_to_the_report_not_the_console(
    good: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    text = good.read_text()
    layer = text.rindex("  0\nLAYER\n", 0, text.index("AcDbLayerTableRecord"))
    good.write_text(text[:layer] + "  0\nLAYERX\n" + text[layer + len("  0\nLAYER\n") :])
    report = import_dxf(good).report
    assert capfd.readouterr().err == ""
    assert "ezdxf: Ignored invalid DXF entity type 'LAYERX' in LAYER table." in report.notes


def test_a_file_over_the_size_limit(good: Path) -> None:
    error = refuses(good, DxfTooLargeError, "over the import limit.*max_bytes", max_bytes=1000)
    assert isinstance(error, DxfTooLargeError)
    assert (error.limit, error.found) == (1000, good.stat().st_size)
    assert import_dxf(good, max_bytes=good.stat().st_size).document  # exactly at the limit


def test_too_many_entities(tmp_path: Path, good: Path) -> None:
    refuses(good, DxfTooLargeError, "more than 4 entities.*max_entities", max_entities=4)
    doc = ezdxf.new("R2013", units=4)
    block = doc.blocks.new("TEN")
    for i in range(10):
        block.add_line((0, 0), (i + 1, 1))
    for i in range(10):
        doc.modelspace().add_blockref("TEN", (i, 0))
    path = tmp_path / "blocks.dxf"
    doc.saveas(path)
    assert len(import_dxf(path, max_entities=50).document) == 10
    refuses(path, DxfTooLargeError, "without exploding", max_entities=50, explode_blocks=True)
    doc.modelspace().add_blockref("TEN", (0, 0)).grid(size=(1000, 1000), spacing=(1, 1))
    doc.saveas(path)
    refuses(path, DxfTooLargeError, "more than 10,000 entities", max_entities=10_000)


def test_out_of_memory_while_reading(good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def exhausted(data: bytes) -> None:
        raise MemoryError

    monkeypatch.setattr(lvcad.io.dxf_reader, "_read_fast", exhausted)
    refuses(good, DxfTooLargeError, "ran out of memory")


def test_a_failed_import_leaves_the_current_document(tmp_path: Path) -> None:
    current = Document()
    path = tmp_path / "bad.dxf"
    path.write_bytes(b"not a drawing")
    with contextlib.suppress(DxfError):
        current = import_dxf(path).document
    assert current == Document()


# ----------------------------------------------------------------------------- exporting


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    path = tmp_path / "design.dxf"
    path.write_bytes(b"the previous export")
    return path


def test_export_into_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(DocumentNotFoundError, match=r"folder .* does not exist"):
        export_dxf(Document(), tmp_path / "nowhere" / "design.dxf")


def test_export_to_a_folder(tmp_path: Path) -> None:
    with pytest.raises(DocumentIsDirectoryError, match="it is a folder"):
        export_dxf(Document(), tmp_path)


def test_export_over_a_read_only_file(previous: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    with pytest.raises(DocumentPermissionError, match=r"design.dxf.*read-only"):
        export_dxf(Document(), previous)
    assert previous.read_bytes() == b"the previous export"


@pytest.mark.skipif(RUNNING_AS_ROOT or os.name == "nt", reason="root writes anything")
def test_export_into_a_read_only_folder_for_real(tmp_path: Path) -> None:  # pragma: no cover
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(DocumentPermissionError):
            export_dxf(Document(), tmp_path / "design.dxf")
    finally:
        tmp_path.chmod(0o700)


@pytest.mark.parametrize(
    ("failure", "error", "match"),
    [
        (
            PermissionError(errno.EACCES, "Permission denied"),
            DocumentPermissionError,
            "permission denied in",
        ),
        (OSError(errno.ENOSPC, "No space left on device"), DocumentWriteError, "disk is full"),
        (OSError(errno.EIO, "Input/output error"), DocumentWriteError, "Input/output error"),
    ],
)
def test_a_failed_write_never_damages_the_existing_file(
    previous: Path,
    monkeypatch: pytest.MonkeyPatch,
    failure: OSError,
    error: type[DocumentError],
    match: str,
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise failure

    monkeypatch.setattr(lvcad.io.fileops, "write_atomically", fail)
    with pytest.raises(error, match=match):
        export_dxf(Document(), previous)
    assert previous.read_bytes() == b"the previous export"


def test_a_crash_midway_through_writing_leaves_the_old_file(
    previous: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write: Callable[[int, object], int] = os.write

    def write_some(fd: int, data: object) -> int:
        real_write(fd, bytes(memoryview(data)[:10]))  # type: ignore[arg-type]
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "write", write_some)
    with pytest.raises(DocumentWriteError):
        export_dxf(Document(), previous)
    monkeypatch.undo()
    assert previous.read_bytes() == b"the previous export"
    assert [p.name for p in previous.parent.iterdir()] == ["design.dxf"]


def test_a_document_that_cannot_be_written_as_dxf(
    previous: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: object) -> bytes:
        raise ValueError("something ezdxf refused")

    monkeypatch.setattr(lvcad.io.dxf_export._Writer, "write", broken)
    with pytest.raises(DocumentWriteError, match=r"could not be written as DXF.*report"):
        export_dxf(Document(), previous)
    assert previous.read_bytes() == b"the previous export"


def test_a_block_base_point_that_is_not_a_number(tmp_path: Path) -> None:
    doc = ezdxf.new("R2013", units=4)
    doc.blocks.new("LIB").add_line((0, 0), (1, 1))
    path = tmp_path / "nan.dxf"
    doc.saveas(path)
    text = path.read_text()
    start = text.index(" 10\n", text.index("AcDbBlockBegin\n  2\nLIB"))
    end = text.index("\n", start + 4)
    path.write_text(text[:start] + " 10\nnan" + text[end:])
    result = import_dxf(path)
    assert result.document.blocks["LIB"].base_point == (0, 0)
    assert "Block 'LIB': its base point is not a number" in result.report.summary()
