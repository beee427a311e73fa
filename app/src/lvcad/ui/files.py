"""Opening, importing and saving drawings for the editor, and the one place where a file
operation's error is shown to the user (:func:`report_file_error`).

``.lvcad`` files go through :func:`lvcad.io.open_document`; ``.dxf`` files through
``lvcad.io.import_dxf`` when this version has it. Errors from :mod:`lvcad.io` carry a
message meant for the user (which file, what to do); they are shown as they are, never as
a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from PySide6.QtWidgets import QMessageBox, QWidget

import lvcad.io
from lvcad.canvas import UnderlaySource
from lvcad.io import DocumentError, open_document
from lvcad.model import Document, Underlay, Unit
from lvcad.model.errors import ModelError

__all__ = [
    "DXF_SUFFIX",
    "FileOperationError",
    "dxf_import_available",
    "import_underlay",
    "is_missing_units",
    "load_drawing",
    "load_underlay",
    "report_file_error",
]

log = logging.getLogger(__name__)

DXF_SUFFIX = ".dxf"


class FileOperationError(Exception):
    """A file operation failed with a message for the user (not a :class:`DocumentError`)."""


def _io(name: str) -> Callable[..., Any] | None:
    """``lvcad.io.<name>`` if this version has it (DXF support came after .lvcad files)."""
    return getattr(lvcad.io, name, None)


def dxf_import_available() -> bool:
    """True when this version can import DXF files (``lvcad.io.import_dxf`` exists)."""
    return _io("import_dxf") is not None


def _no_dxf(path: Path) -> FileOperationError:
    return FileOperationError(
        f"Cannot read {str(path)!r}: this version of LV CAD cannot read DXF files. "
        "Open a .lvcad drawing instead."
    )


def load_drawing(path: str | Path, *, unit: Unit | None = None) -> Document:
    """The document in ``path``: a ``.lvcad`` opened or a ``.dxf`` imported.

    ``unit`` is the unit of a DXF's coordinates when the file does not say
    (``DxfUnitsError`` otherwise).

    Raises
    ------
    DocumentError
        From :mod:`lvcad.io`, with a message for the user.
    FileOperationError
        When DXF import is not available.
    """
    path = Path(path)
    if path.suffix.lower() != DXF_SUFFIX:
        return open_document(path)
    importer = _io("import_dxf")
    if importer is None:
        raise _no_dxf(path)
    document = importer(path, unit=unit).document
    assert isinstance(document, Document)
    return document


def load_underlay(document: Document, document_path: Path | None) -> UnderlaySource | None:
    """The drawing of ``document``'s underlay DXF (``None`` if it has none).

    A relative source is relative to the folder of ``document_path``.
    """
    underlay = document.underlay
    if underlay is None:
        return None
    loader = _io("load_underlay")
    if loader is None:
        raise _no_dxf(Path(underlay.source))
    drawing, _report = loader(underlay, document_path=document_path)
    return cast(UnderlaySource, drawing)


def import_underlay(path: str | Path, unit: Unit) -> tuple[Underlay, UnderlaySource]:
    """The underlay reference to the DXF at ``path`` (scaled to ``unit``) and its drawing.

    A DXF without units is taken to be in ``unit``. Raises as :func:`load_drawing`.
    """
    path = Path(path)
    importer = _io("import_dxf")
    if importer is None:
        raise _no_dxf(path)
    result = importer(path, as_underlay=True, unit=unit)
    underlay = result.document.underlay
    assert isinstance(underlay, Underlay)
    return underlay, cast(UnderlaySource, result.underlay)


def is_missing_units(error: BaseException) -> bool:
    """True for a DXF import that failed only because the file does not say its units."""
    units_error = _io("DxfUnitsError")
    return isinstance(units_error, type) and isinstance(error, units_error)


def error_message(error: BaseException) -> str:
    """The text shown for ``error``: its own message for the errors meant for users."""
    if isinstance(error, DocumentError | FileOperationError | ModelError):
        return str(error)
    if isinstance(error, OSError):
        where = f" {error.filename!r}" if error.filename else ""
        return f"The file{where} could not be used: {error.strerror or error}."
    return f"Something went wrong: {error}"


def report_file_error(parent: QWidget | None, title: str, error: BaseException) -> None:
    """Show a file operation's error in a message box (the single place they are shown).

    The message is the error's own text (never a traceback); the error is also logged.
    """
    log.warning("%s failed: %s", title, error, exc_info=error)
    QMessageBox.critical(parent, title, error_message(error))
