"""Reading a DXF file into an ezdxf document: limits, sniffing, repair and its log.

:func:`read_dxf` reads the file's bytes once (never more than ``max_bytes + 1``), refuses
what is not a DXF drawing (empty, garbage, a DWG …) with a specific error, and parses the
rest with ezdxf:

1. the fast path, ``ezdxf.read`` (ASCII) or ezdxf's binary DXF loader, as
   ``ezdxf.readfile`` does — most files, from any CAD program, load here;
2. when that fails, ``ezdxf.recover.read`` (what ``ezdxf.recover.readfile`` does, on the
   bytes already read), which repairs structure damage and audits the document; what it
   fixed and what it could not fix goes into the :class:`ReadLog`. ezdxf cannot repair
   *binary* DXF, so a damaged binary file is a :class:`~.errors.DxfCorruptError`.

Recovery is not the default because it costs about twice the fast read (13.9 s against
6.4 s for a 24 MB, 100k-entity file), and the fast path already refuses damaged structure.
Warnings that ezdxf logs while reading (e.g. "Ignored invalid DXF entity type") are kept in
the log too, instead of going to the console.

Text that is not valid in the file's encoding is decoded with U+FFFD replacement characters
(ezdxf's default keeps raw bytes as lone surrogates, which a document cannot save).
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

import ezdxf
import ezdxf.recover
from ezdxf.document import Drawing
from ezdxf.filemanagement import dxf_stream_info
from ezdxf.lldxf.tagger import binary_tags_loader

from .errors import DxfCorruptError, DxfEmptyError, DxfTooLargeError, NotADxfError
from .fileops import read_file

__all__ = ["DEFAULT_MAX_BYTES", "ReadLog", "read_dxf"]

#: Default size limit of an imported DXF file. ezdxf needs about 7x the file size in memory
#: (165 MB for a 24 MB file) and the import as much again, so 256 MiB needs ~4 GB.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024

_BINARY_SENTINEL = b"AutoCAD Binary DXF\r\n\x1a\x00"
#: How many ezdxf log messages a log keeps (a badly damaged file can produce thousands).
MAX_MESSAGES = 200
_DECODE_ERRORS = "replace"
#: The version string a DWG file starts with: AC1.2 … AC1032.
_DWG_VERSION = re.compile(rb"AC[12][.\d]\d")


@dataclass
class ReadLog:
    """What reading the file involved: its format, repairs and ezdxf's warnings."""

    binary: bool = False
    #: True when the fast read failed and ``ezdxf.recover`` read the file.
    recovered: bool = False
    #: Why the fast read failed (when ``recovered``).
    damage: str = ""
    #: What ``ezdxf.recover`` and its audit repaired.
    repairs: list[str] = field(default_factory=list)
    #: What the audit found and could not repair (the import skips those entities).
    problems: list[str] = field(default_factory=list)
    #: Warnings ezdxf logged while reading (at most :data:`MAX_MESSAGES`).
    messages: list[str] = field(default_factory=list)
    #: Messages beyond :data:`MAX_MESSAGES` that were counted but not kept.
    messages_dropped: int = 0


class _Collector(logging.Handler):
    def __init__(self, log: ReadLog) -> None:
        super().__init__(logging.WARNING)
        self.log = log

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.log.messages) < MAX_MESSAGES:
            self.log.messages.append(record.getMessage())
        else:
            self.log.messages_dropped += 1


@contextmanager
def _collect_ezdxf_warnings(log: ReadLog) -> Iterator[None]:
    """Route ezdxf's log warnings into ``log`` (not the console) while reading."""
    logger = logging.getLogger("ezdxf")
    handler = _Collector(log)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def read_dxf(
    path: str | PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Drawing, ReadLog]:
    """Read the DXF file at ``path`` (ASCII or binary, repaired when damaged).

    Raises
    ------
    DocumentNotFoundError, DocumentIsDirectoryError, DocumentPermissionError, DocumentReadError
        The file cannot be read.
    DxfTooLargeError
        The file is over ``max_bytes``.
    DxfEmptyError, NotADxfError, DxfCorruptError
        The file is empty, not a DXF drawing, or damaged beyond repair.
    """
    path = Path(path)
    name = str(path)
    data = read_file(path, action="import", choose="a .dxf file", limit=max_bytes)
    if len(data) > max_bytes:
        try:
            size = path.stat().st_size
        except OSError:  # pragma: no cover - the file went away after reading
            size = len(data)
        raise DxfTooLargeError(
            path,
            f"Cannot import {name!r}: the file is {_megabytes(size)}, over the import limit "
            f"of {_megabytes(max_bytes)}. Remove what you do not need (paper space, unused "
            "blocks, hatches) in your CAD program, or raise the limit (max_bytes).",
            limit=max_bytes,
            found=size,
        )
    log = ReadLog()
    with _collect_ezdxf_warnings(log):
        if data.startswith(_BINARY_SENTINEL):
            log.binary = True
            return _read_binary(path, data), log
        _sniff(path, data)
        return _read_ascii(path, data, log), log


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


def _sniff(path: Path, data: bytes) -> None:
    """Refuse what is plainly not an ASCII DXF drawing; DXF starts with ``0 / SECTION``."""
    name = str(path)
    if not data.strip():
        raise DxfEmptyError(
            path,
            f"Cannot import {name!r}: the file is empty. Export the drawing from your CAD "
            "program again.",
        )
    head = data[:4096].removeprefix(b"\xef\xbb\xbf")
    if _DWG_VERSION.match(head):
        raise NotADxfError(
            path,
            f"Cannot import {name!r}: it is a DWG drawing, not DXF. Save it as DXF in your "
            "CAD program (Save As > DXF) and import that file.",
        )
    lines = head.decode("latin-1").splitlines()
    tags = iter(zip(lines[0::2], lines[1::2], strict=False))
    for code, value in tags:
        if code.strip() == "999":  # a comment before the first section
            continue
        if code.strip() == "0" and value.strip() == "SECTION":
            return
        if code.strip() == "0" and value.strip() == "EOF":
            raise DxfEmptyError(
                path,
                f"Cannot import {name!r}: the DXF file holds no drawing (it ends where it "
                "starts). Export the drawing from your CAD program again.",
            )
        break
    raise NotADxfError(
        path,
        f"Cannot import {name!r}: it is not a DXF drawing (a DXF file starts with a "
        "SECTION). Check that you chose the right file; if it is a drawing, save it as DXF "
        "in your CAD program.",
    )


def _read_binary(path: Path, data: bytes) -> Drawing:
    try:
        return _usable(Drawing.load(binary_tags_loader(data, errors=_DECODE_ERRORS)))
    except MemoryError:
        raise _out_of_memory(path, len(data)) from None
    except Exception as error:  # ezdxf raises many types on damaged binary data
        raise DxfCorruptError(
            path,
            f"Cannot import {str(path)!r}: the binary DXF file is damaged ({_describe(error)}), "
            "and damaged binary DXF cannot be repaired. Open it in the CAD program that made "
            "it and save it again as ASCII DXF.",
        ) from error


def _read_ascii(path: Path, data: bytes, log: ReadLog) -> Drawing:
    try:
        return _usable(_read_fast(data))
    except MemoryError:
        raise _out_of_memory(path, len(data)) from None
    except Exception as error:  # any failure of the strict reader: try to repair
        log.damage = _describe(error)
    log.recovered = True
    # A file cut off at a line end has a blank last line, which ezdxf.recover takes for a
    # group code: it never carries anything, so drop it.
    trimmed = data.rstrip(b"\r\n\t ") + b"\n"
    try:
        doc, auditor = ezdxf.recover.read(io.BytesIO(trimmed), errors=_DECODE_ERRORS)
        _usable(doc)
    except MemoryError:
        raise _out_of_memory(path, len(data)) from None
    except Exception as error:  # ezdxf raises many types on badly damaged data
        raise DxfCorruptError(
            path,
            f"Cannot import {str(path)!r}: the DXF file is damaged beyond repair "
            f"({_describe(error)}). Open it in the CAD program that made it (most can "
            "repair drawings: AUDIT or RECOVER) and export it again.",
        ) from error
    log.repairs.extend(entry.message for entry in auditor.fixes)
    log.problems.extend(entry.message for entry in auditor.errors)
    return doc


def _usable(doc: Drawing) -> Drawing:
    """``doc`` if its model space can be read (a damaged file may lack it: KeyError)."""
    doc.modelspace()
    return doc


def _read_fast(data: bytes) -> Drawing:
    """What ``ezdxf.readfile`` does, on bytes already in memory."""
    info = dxf_stream_info(io.StringIO(data[:1_000_000].decode("utf-8", errors="ignore")))
    text = data.decode(info.encoding, errors=_DECODE_ERRORS)
    # newline=None: universal newlines, as ezdxf.readfile's text-mode open() has.
    return ezdxf.read(io.StringIO(text, newline=None))


def _describe(error: BaseException) -> str:
    name = type(error).__name__
    text = str(error).strip().removeprefix(f"{name}:").strip()
    if len(text) > 200:
        text = text[:200] + "…"
    return f"{name}: {text}" if text else name


def _out_of_memory(path: Path, size: int) -> DxfTooLargeError:
    return DxfTooLargeError(
        path,
        f"Cannot import {str(path)!r}: this computer ran out of memory reading it "
        f"({_megabytes(size)}). Close other programs, or remove what you do not need from "
        "the drawing in your CAD program and export it again.",
        limit=size,
        found=size,
    )
