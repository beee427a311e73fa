"""The log file: a rotating file in the user's log folder, with a startup banner.

A windowed build has no console, so the log file is where errors, tracebacks and "Opened
<path>" lines go. The file stays on the user's machine; the error dialog and the Help menu
show where it is. :func:`setup_logging` is idempotent: the app and tests may both call it.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from . import appdirs

__all__ = ["LOG_NAME", "close_logging", "log_file", "setup_logging"]

LOG_NAME = "lvcad.log"
#: Size of one log file and how many old ones are kept (5 x 1 MB).
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s [%(threadName)s] %(name)s: %(message)s"

_handler: logging.handlers.RotatingFileHandler | None = None


def log_file() -> Path:
    """The current log file (where :func:`setup_logging` writes, or would write)."""
    if _handler is not None:
        return Path(_handler.baseFilename)
    return appdirs.log_dir() / LOG_NAME


def setup_logging(banner: str, *, directory: Path | None = None) -> Path:
    """Log INFO and above to a rotating file, starting with ``banner``; return its path.

    A second call keeps the first file (a test or a second window in one process).
    """
    global _handler
    if _handler is None:
        folder = directory if directory is not None else appdirs.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        _handler = logging.handlers.RotatingFileHandler(
            folder / LOG_NAME, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
        _handler.setFormatter(logging.Formatter(FORMAT))
        root = logging.getLogger()
        root.addHandler(_handler)
        if root.level > logging.INFO or root.level == logging.NOTSET:
            root.setLevel(logging.INFO)
    logging.getLogger("lvcad").info("Starting %s", banner)
    return Path(_handler.baseFilename)


def close_logging() -> None:
    """Stop writing the log file (at exit; tests)."""
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None
