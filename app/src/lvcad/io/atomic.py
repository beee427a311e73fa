"""Atomic file replacement: a save either completes or leaves the old file untouched.

:func:`write_atomically` writes the new bytes to a temporary file in the same folder (so the
final rename never crosses file systems), flushes and fsyncs it, keeps the previous file as
``<name>.bak`` and moves the new file into place with :func:`os.replace`, which is atomic on
POSIX and Windows. A crash at any moment leaves either the old or the new file under the
name, never a mix; at worst a hidden ``.<name>.<random>.tmp`` file is left behind.
"""

from __future__ import annotations

import os
import secrets
import stat
import sys
from pathlib import Path

__all__ = ["write_atomically"]

_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def _create_temp(folder: Path, name: str) -> tuple[Path, int]:
    """A new, empty temporary file next to the target, with the usual (umask) permissions."""
    while True:
        path = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
        except FileExistsError:  # pragma: no cover - 32 random bits collided
            continue
        return path, fd


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _write_file(folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` to a new temporary file in ``folder``, durably; returns its path."""
    path, fd = _create_temp(folder, name)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles here)."""
    if sys.platform == "win32":  # pragma: no cover - not on the Linux CI
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems cannot sync a directory
        pass
    finally:
        os.close(fd)


def _keep_backup(path: Path, backup: Path) -> None:
    """Make ``backup`` a copy of ``path`` (a hard link when the file system allows)."""
    temp = backup.with_name(f".{backup.name}.{secrets.token_hex(4)}.tmp")
    try:
        os.link(path, temp)
    except OSError:  # no hard links here (FAT, some network shares): copy instead
        temp = _write_file(backup.parent, backup.name, path.read_bytes())
    try:
        os.replace(temp, backup)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_atomically(path: Path, data: bytes, *, backup_suffix: str | None = ".bak") -> None:
    """Replace the file at ``path`` by ``data`` atomically.

    The previous file, if any, is kept as ``path`` + ``backup_suffix`` (``None``: no backup)
    and its permission bits carry over to the new file. A symbolic link is followed, so the
    link stays and its target is replaced.

    Raises
    ------
    OSError
        From the operating system; the file at ``path`` is then unchanged.
    """
    path = Path(os.path.realpath(path))
    temp = _write_file(path.parent, path.name, data)
    try:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except FileNotFoundError:
            pass
        else:
            os.chmod(temp, mode)
            if backup_suffix is not None:
                _keep_backup(path, path.with_name(path.name + backup_suffix))
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)
