"""Reading and writing whole files with errors a designer can act on (DXF, CSV).

:func:`read_file` reads a file's bytes, up to a size limit; :func:`write_file` replaces a
file atomically (:func:`~.atomic.write_atomically`). Operating-system failures become the
file-system errors of :mod:`.errors`, whose messages name the file, say what happened in
plain words and what to do. A failed write leaves the previous file exactly as it was.
"""

from __future__ import annotations

import errno
import os
from os import PathLike
from pathlib import Path

from .atomic import write_atomically
from .errors import (
    DocumentIsDirectoryError,
    DocumentNotFoundError,
    DocumentPermissionError,
    DocumentReadError,
    DocumentWriteError,
)

__all__ = ["check_writable", "read_file", "write_file"]


def read_file(path: str | PathLike[str], *, action: str, choose: str, limit: int) -> bytes:
    """The first ``limit + 1`` bytes of the file at ``path`` at most (so a caller sees that
    a file is over its limit without reading all of it).

    ``action`` is the verb of the messages ("import"), ``choose`` what to pick instead
    ("a .dxf file").

    Raises
    ------
    DocumentNotFoundError, DocumentIsDirectoryError, DocumentPermissionError, DocumentReadError
        With a message such as "Cannot import 'plan.dxf': there is no such file. …".
    """
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise DocumentIsDirectoryError(
            path, f"Cannot {action} {name!r}: it is a folder. Choose {choose}."
        )
    try:
        with path.open("rb") as stream:
            return stream.read(limit + 1)
    except FileNotFoundError:
        raise DocumentNotFoundError(
            path,
            f"Cannot {action} {name!r}: there is no such file. It may have been moved, "
            "renamed or deleted; check the name and folder.",
        ) from None
    except IsADirectoryError:  # pragma: no cover - a folder that appeared after the check
        raise DocumentIsDirectoryError(
            path, f"Cannot {action} {name!r}: it is a folder. Choose {choose}."
        ) from None
    except PermissionError:
        raise DocumentPermissionError(
            path,
            f"Cannot {action} {name!r}: permission denied. Ask for read access to the "
            "file or copy it to a folder of yours.",
        ) from None
    except OSError as error:
        raise DocumentReadError(
            path,
            f"Cannot {action} {name!r}: {error.strerror or error}. Check the drive or "
            "network connection and try again.",
        ) from None


def check_writable(path: str | PathLike[str], *, action: str, choose: str) -> Path:
    """Raise the error a write to ``path`` would certainly meet, before any work is done."""
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise DocumentIsDirectoryError(
            path, f"Cannot {action} to {name!r}: it is a folder. Choose {choose}."
        )
    if not path.parent.is_dir():
        raise DocumentNotFoundError(
            path,
            f"Cannot {action} {name!r}: the folder {str(path.parent)!r} does not exist. "
            "Choose another folder.",
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise DocumentPermissionError(
            path,
            f"Cannot {action} {name!r}: the file is read-only. Choose another name, or "
            "make the file writable.",
        )
    return path


def write_file(path: str | PathLike[str], data: bytes, *, action: str, choose: str) -> None:
    """Replace the file at ``path`` by ``data`` atomically (no backup copy is kept).

    Raises
    ------
    DocumentIsDirectoryError, DocumentNotFoundError, DocumentPermissionError
        ``path`` is a folder, its folder does not exist, or writing there is not allowed.
    DocumentWriteError
        Any other failure (disk full, I/O error). The file at ``path`` is then unchanged.
    """
    path = check_writable(path, action=action, choose=choose)
    name = str(path)
    try:
        write_atomically(path, data, backup_suffix=None)
    except PermissionError:
        raise DocumentPermissionError(
            path,
            f"Cannot {action} {name!r}: permission denied in {str(path.parent)!r}. Choose "
            "a folder you can write to; any file already there is unchanged.",
        ) from None
    except OSError as error:
        reason = (
            "the disk is full" if error.errno == errno.ENOSPC else (error.strerror or str(error))
        )
        raise DocumentWriteError(
            path,
            f"Cannot {action} {name!r}: {reason}. Any file already there is unchanged; free "
            "some space or choose another drive.",
        ) from error
