"""Exceptions raised when reading or writing LV CAD files, DXF files and schedules.

Every exception is a :class:`DocumentError` with the file's :attr:`~DocumentError.path`,
and its message names the file and says what the user can do, so the editor can show it
as it is. None of them is raised after the file on disk was changed: a failed save or
export leaves the previous file as it was, and a failed open or import returns no document
at all.

The file-system errors (:class:`DocumentNotFoundError`, :class:`DocumentIsDirectoryError`,
:class:`DocumentPermissionError`, :class:`DocumentReadError`, :class:`DocumentWriteError`)
serve every file kind. What is wrong *inside* a DXF file is a :class:`DxfError`; the ones
that mean "this file cannot be read" are also :class:`CorruptDocumentError`, so an editor
can treat damaged ``.lvcad`` and ``.dxf`` files alike.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

from lvcad.model import Unit

__all__ = [
    "CorruptDocumentError",
    "DocumentError",
    "DocumentIsDirectoryError",
    "DocumentNotFoundError",
    "DocumentPermissionError",
    "DocumentReadError",
    "DocumentWriteError",
    "DxfCorruptError",
    "DxfEmptyError",
    "DxfError",
    "DxfTooLargeError",
    "DxfUnitsError",
    "InvalidDocumentError",
    "NewerVersionError",
    "NotADxfError",
    "NotAnLvcadDocumentError",
]


class DocumentError(Exception):
    """Base class: a document file could not be read or written."""

    def __init__(self, path: str | PathLike[str], message: str) -> None:
        super().__init__(message)
        #: The file the error is about.
        self.path = Path(path)


class DocumentNotFoundError(DocumentError):
    """The file (when opening) or its folder (when saving) does not exist."""


class DocumentIsDirectoryError(DocumentError):
    """The path names a folder, not a file."""


class DocumentPermissionError(DocumentError):
    """The operating system refused to read or write the file or its folder."""


class DocumentReadError(DocumentError):
    """Another operating-system error while reading (e.g. an I/O error on a network drive)."""


class DocumentWriteError(DocumentError):
    """Saving failed (disk full, I/O error …); the previous file on disk is unchanged."""


class CorruptDocumentError(DocumentError):
    """The file is not readable JSON text: empty, truncated, binary garbage or damaged."""


class InvalidDocumentError(DocumentError):
    """The file is JSON but not a valid LV CAD document (schema or consistency check)."""


class NotAnLvcadDocumentError(InvalidDocumentError):
    """The file is JSON but not an LV CAD document at all (no ``"format": "lvcad"``)."""


class NewerVersionError(DocumentError):
    """The file was written by a newer LV CAD, in a schema version this one cannot read."""

    def __init__(
        self, path: str | PathLike[str], message: str, *, found: int, supported: int
    ) -> None:
        super().__init__(path, message)
        #: The file's schema version.
        self.found = found
        #: The newest schema version this LV CAD reads.
        self.supported = supported


class DxfError(DocumentError):
    """Base class: a DXF file cannot be imported (its content, not the file system)."""


class DxfCorruptError(DxfError, CorruptDocumentError):
    """The DXF file is damaged beyond what ``ezdxf.recover`` repairs (or is damaged binary
    DXF, which it cannot repair at all)."""


class DxfEmptyError(DxfCorruptError):
    """The file is empty (0 bytes or only blank lines): there is no drawing in it."""


class NotADxfError(DxfError, CorruptDocumentError):
    """The file is not a DXF drawing at all (garbage, a DWG, a PDF, an ``.lvcad`` …)."""


class DxfTooLargeError(DxfError):
    """The file is bigger, or holds more entities, than the import limit allows.

    Raised before memory runs out; the limit is a keyword argument of the import.
    """

    def __init__(self, path: str | PathLike[str], message: str, *, limit: int, found: int) -> None:
        super().__init__(path, message)
        #: The limit that was exceeded (bytes or entities).
        self.limit = limit
        #: The size or count found (at least; counting stops at the limit).
        self.found = found


class DxfUnitsError(DxfError):
    """The drawing does not say which unit its coordinates are in (``$INSUNITS`` is 0,
    missing or an unknown code): import again with ``unit=`` set to the drawing's unit.
    """

    def __init__(
        self, path: str | PathLike[str], message: str, *, code: object, suggested: Unit | None
    ) -> None:
        super().__init__(path, message)
        #: The file's ``$INSUNITS`` value (``None`` when the header has none).
        self.code = code
        #: A :class:`~lvcad.model.Unit` the header hints at (``$MEASUREMENT``), or ``None``.
        self.suggested = suggested
