"""Exceptions raised when reading or writing LV CAD files.

Every exception is a :class:`DocumentError` with the file's :attr:`~DocumentError.path`,
and its message names the file and says what the user can do, so the editor can show it
as it is. None of them is raised after the file on disk was changed: a failed save leaves
the previous file as it was, and a failed open returns no document at all.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

__all__ = [
    "CorruptDocumentError",
    "DocumentError",
    "DocumentIsDirectoryError",
    "DocumentNotFoundError",
    "DocumentPermissionError",
    "DocumentReadError",
    "DocumentWriteError",
    "InvalidDocumentError",
    "NewerVersionError",
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
