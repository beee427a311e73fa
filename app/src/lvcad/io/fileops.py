"""Reading and writing whole files with errors a designer can act on (.lvcad, DXF, CSV).

:func:`read_file` reads a file's bytes, all of them or up to a size limit; :func:`write_file`
replaces a file atomically (:func:`~.atomic.write_atomically`), optionally keeping the
previous file as a backup copy. Operating-system failures become the file-system errors of
:mod:`.errors`, whose messages name the file, say what happened in plain words and what to
do (:class:`WriteAdvice` words the last part of write errors per caller). A failed write
leaves the previous file exactly as it was.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
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

__all__ = ["WriteAdvice", "check_writable", "read_file", "write_file"]


@dataclass(frozen=True)
class WriteAdvice:
    """What the message of each write error tells the designer to do, one sentence each.

    The defaults suit exports (DXF, CSV); saving a document points to Save As instead.
    """

    #: The file's folder does not exist.
    missing_folder: str = "Choose another folder."
    #: The file is read-only.
    read_only: str = "Choose another name, or make the file writable."
    #: Creating or replacing files in the folder is not allowed.
    denied: str = "Choose a folder you can write to; any file already there is unchanged."
    #: Any other failure (disk full, I/O error).
    failed: str = "Any file already there is unchanged; free some space or choose another drive."


def read_file(
    path: str | PathLike[str], *, action: str, choose: str, limit: int | None = None
) -> bytes:
    """The bytes of the file at ``path``: all of them when ``limit`` is ``None``, else the
    first ``limit + 1`` at most (so a caller sees that a file is over its limit without
    reading all of it).

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
        if limit is None:
            return path.read_bytes()
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


def check_writable(
    path: str | PathLike[str], *, action: str, choose: str, advice: WriteAdvice = WriteAdvice()
) -> Path:
    """Raise the error a write to ``path`` would certainly meet, before any work is done.

    ``action`` is the verb of the messages ("export"), ``choose`` what to pick instead of a
    folder ("a .dxf file"), ``advice`` what to do about the other failures.
    """
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
            f"{advice.missing_folder}",
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise DocumentPermissionError(
            path, f"Cannot {action} {name!r}: the file is read-only. {advice.read_only}"
        )
    return path


def write_file(
    path: str | PathLike[str],
    data: bytes,
    *,
    action: str,
    choose: str,
    advice: WriteAdvice = WriteAdvice(),
    backup_suffix: str | None = None,
) -> None:
    """Replace the file at ``path`` by ``data`` atomically.

    With ``backup_suffix`` the previous file is kept as ``<name><backup_suffix>``; without
    it no backup copy is kept. ``action``, ``choose`` and ``advice`` word the messages as
    for :func:`check_writable`.

    Raises
    ------
    DocumentIsDirectoryError, DocumentNotFoundError, DocumentPermissionError
        ``path`` is a folder, its folder does not exist, or writing there is not allowed.
    DocumentWriteError
        Any other failure (disk full, I/O error). The file at ``path`` is then unchanged.
    """
    path = check_writable(path, action=action, choose=choose, advice=advice)
    name = str(path)
    try:
        write_atomically(path, data, backup_suffix=backup_suffix)
    except PermissionError:
        raise DocumentPermissionError(
            path,
            f"Cannot {action} {name!r}: permission denied in {str(path.parent)!r}. {advice.denied}",
        ) from None
    except OSError as error:
        reason = (
            "the disk is full" if error.errno == errno.ENOSPC else (error.strerror or str(error))
        )
        raise DocumentWriteError(
            path, f"Cannot {action} {name!r}: {reason}. {advice.failed}"
        ) from error
