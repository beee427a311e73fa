"""Reading and writing LV CAD documents (``.lvcad``), Qt-free.

Example
-------
>>> import tempfile, pathlib
>>> from lvcad.model import Document, Unit
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> save_document(Document(Unit.FOOT), folder / "plan.lvcad")
>>> open_document(folder / "plan.lvcad").unit
<Unit.FOOT: 'ft'>
>>> open_document(folder / "missing.lvcad")
Traceback (most recent call last):
...
lvcad.io.errors.DocumentNotFoundError: Cannot open '...missing.lvcad': there is no such file. ...
"""

from __future__ import annotations

from . import errors
from .errors import (
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
)
from .lvcad_file import (
    BACKUP_SUFFIX,
    EXTENSION,
    document_from_bytes,
    document_to_bytes,
    open_document,
    save_document,
)
from .schema import CURRENT_VERSION

__all__ = [
    "BACKUP_SUFFIX",
    "CURRENT_VERSION",
    "EXTENSION",
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
    "document_from_bytes",
    "document_to_bytes",
    "errors",
    "open_document",
    "save_document",
]
