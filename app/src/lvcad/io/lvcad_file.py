"""Reading and writing ``.lvcad`` files.

Reading: bytes → UTF-8 JSON → ``"format": "lvcad"`` → schema version (newer than this LV CAD
reads: :class:`~.errors.NewerVersionError`) → schema check of that version → migrations to
the current version (:mod:`.migrations`) → :class:`~lvcad.model.Document`, which checks ids
and references. Each step's failure is a specific :class:`~.errors.DocumentError` whose
message names the file and says what to do. The document is returned only when all steps
pass, so a caller's open document is never replaced by a partial one.

Writing: the document is encoded completely in memory first, then written with
:func:`~.fileops.write_file` (:func:`~.atomic.write_atomically`: temp file, fsync,
``os.replace``, previous file kept as ``<name>.lvcad.bak``). Saving never changes the
document, so save → open → save gives identical bytes.

Both directions share the file-system errors of :mod:`.fileops`; save errors point to
Save As.
"""

from __future__ import annotations

import json
from os import PathLike
from pathlib import Path

from lvcad.model import Document

from .codec import data_to_document, document_to_data, encode
from .errors import (
    CorruptDocumentError,
    DocumentWriteError,
    InvalidDocumentError,
    NewerVersionError,
    NotAnLvcadDocumentError,
)
from .fileops import WriteAdvice, check_writable, read_file, write_file
from .gcpause import gc_paused
from .migrations import upgrade
from .schema import CURRENT_VERSION, SchemaError

__all__ = ["document_from_bytes", "document_to_bytes", "open_document", "save_document"]

#: The file name extension of LV CAD documents.
EXTENSION = ".lvcad"
#: Appended to a document's name for the copy of the previous save.
BACKUP_SUFFIX = ".bak"

#: What to pick instead when the path is a folder.
_CHOOSE_OPEN = "an .lvcad file"
_CHOOSE_SAVE = "a file name ending in .lvcad"
#: What save errors tell the designer to do.
_SAVE_ADVICE = WriteAdvice(
    missing_folder="Choose another folder with Save As.",
    read_only="Save under another name with Save As, or make the file writable.",
    denied="Save to a folder you can write to with Save As; the file on disk is unchanged.",
    failed="The file on disk is unchanged; free some space or save to another drive with Save As.",
)


def _backup_hint(path: Path, *, capital: bool = False) -> str:
    """What to do instead of opening a damaged file."""
    backup = path.with_name(path.name + BACKUP_SUFFIX)
    if backup.is_file():
        hint = f"open the previous save {backup.name!r} instead"
    else:
        hint = "open a backup or autosave copy instead"
    return hint[0].upper() + hint[1:] if capital else hint


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def open_document(path: str | PathLike[str]) -> Document:
    """Read the ``.lvcad`` file at ``path`` (any older schema version is migrated).

    Raises
    ------
    DocumentNotFoundError, DocumentIsDirectoryError, DocumentPermissionError, DocumentReadError
        The file cannot be read.
    CorruptDocumentError
        The file is empty, truncated, binary or not JSON.
    NotAnLvcadDocumentError, InvalidDocumentError
        The JSON is not a (valid) LV CAD document.
    NewerVersionError
        A newer LV CAD wrote the file.
    """
    raw = read_file(path, action="open", choose=_CHOOSE_OPEN)
    return document_from_bytes(raw, path=path)


def document_from_bytes(raw: bytes, *, path: str | PathLike[str] = "<memory>") -> Document:
    """Read ``.lvcad`` content from memory; ``path`` names it in error messages."""
    path = Path(path)
    name = str(path)
    if not raw or raw.isspace():
        raise CorruptDocumentError(
            path,
            f"Cannot open {name!r}: the file is empty. {_backup_hint(path, capital=True)}.",
        )
    with gc_paused():
        return _decode(raw, path)


def _decode(raw: bytes, path: Path) -> Document:
    name = str(path)
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        detail = "it is not text" if isinstance(error, UnicodeDecodeError) else f"{error}"
        raise CorruptDocumentError(
            path,
            f"Cannot open {name!r}: the file is damaged or truncated ({detail}). "
            f"{_backup_hint(path, capital=True)}.",
        ) from None
    if not isinstance(data, dict) or data.get("format") != "lvcad":
        raise NotAnLvcadDocumentError(
            path,
            f"Cannot open {name!r}: it is a JSON file but not an LV CAD document "
            '(no "format": "lvcad"). Choose an .lvcad file.',
        )
    version = data.get("schema_version")
    if type(version) is not int or version < 1:
        raise InvalidDocumentError(
            path,
            f"Cannot open {name!r}: its schema_version {version!r} is not a version of "
            f"the .lvcad format. The file is damaged; {_backup_hint(path)}.",
        )
    if version > CURRENT_VERSION:
        raise NewerVersionError(
            path,
            f"Cannot open {name!r}: a newer LV CAD saved it (file format version "
            f"{version}; this LV CAD reads versions up to {CURRENT_VERSION}). Update LV CAD "
            "to open it.",
            found=version,
            supported=CURRENT_VERSION,
        )
    try:
        current = upgrade(data, version)
        return data_to_document(current)
    except SchemaError as error:
        problem = f"at {error.where}: {error.problem}"
    except (ValueError, TypeError, OverflowError) as error:
        problem = str(error)
    raise InvalidDocumentError(
        path,
        f"Cannot open {name!r}: it is not a valid LV CAD document ({problem}). "
        f"It may have been edited by hand or damaged; {_backup_hint(path)}.",
    )


def document_to_bytes(document: Document) -> bytes:
    """The exact bytes :func:`save_document` writes for ``document``."""
    with gc_paused():
        return encode(document_to_data(document))


def save_document(document: Document, path: str | PathLike[str]) -> None:
    """Write ``document`` to ``path`` atomically, keeping the previous file as ``.bak``.

    The document is not changed (metadata timestamps are the editor's to update).

    Raises
    ------
    DocumentIsDirectoryError, DocumentNotFoundError, DocumentPermissionError
        ``path`` is a folder, its folder does not exist, or writing there is not allowed.
    DocumentWriteError
        Any other failure (disk full, I/O error, a document that cannot be encoded).

    In every case the file previously at ``path`` is left exactly as it was.
    """
    # Checked first so that a wrong place is reported before the work of encoding.
    path = check_writable(path, action="save", choose=_CHOOSE_SAVE, advice=_SAVE_ADVICE)
    name = str(path)
    try:
        payload = document_to_bytes(document)
    except (ValueError, TypeError, OverflowError, RecursionError) as error:
        raise DocumentWriteError(
            path,
            f"Cannot save {name!r}: the document could not be encoded ({error}); nothing "
            "was written and the file on disk is unchanged. Please report this problem.",
        ) from error
    write_file(
        path,
        payload,
        action="save",
        choose=_CHOOSE_SAVE,
        advice=_SAVE_ADVICE,
        backup_suffix=BACKUP_SUFFIX,
    )
