"""Files, Qt-free: ``.lvcad`` documents, DXF import and export, the device schedule.

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
from .device_symbols import symbol_block
from .dxf_export import export_dxf
from .dxf_import import DEFAULT_MAX_ENTITIES, import_dxf, load_underlay
from .dxf_reader import DEFAULT_MAX_BYTES
from .dxf_report import ImportReport, ImportResult, Skipped, UnderlayDrawing
from .dxf_units import DXF_UNITS, DxfUnit
from .errors import (
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
    DxfUnitsError,
    InvalidDocumentError,
    NewerVersionError,
    NotADxfError,
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
from .schedule import ScheduleRow, device_schedule, schedule_csv, write_schedule_csv
from .schema import CURRENT_VERSION

__all__ = [
    "BACKUP_SUFFIX",
    "CURRENT_VERSION",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_ENTITIES",
    "DXF_UNITS",
    "EXTENSION",
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
    "DxfUnit",
    "DxfUnitsError",
    "ImportReport",
    "ImportResult",
    "InvalidDocumentError",
    "NewerVersionError",
    "NotADxfError",
    "NotAnLvcadDocumentError",
    "ScheduleRow",
    "Skipped",
    "UnderlayDrawing",
    "device_schedule",
    "document_from_bytes",
    "document_to_bytes",
    "errors",
    "export_dxf",
    "import_dxf",
    "load_underlay",
    "open_document",
    "save_document",
    "schedule_csv",
    "symbol_block",
    "write_schedule_csv",
]
