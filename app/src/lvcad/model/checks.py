"""Checks shared by the model's value types: ids, names, text, numbers and types.

Each returns the (possibly normalised) value or raises ``ValueError``/``TypeError`` with a
message that says what was wrong. The same rules are in the ``.lvcad`` JSON Schema, so a
value the model accepts always saves, and a file that passes the schema mostly loads (the
model checks what a schema cannot, such as finite numbers and references).
"""

from __future__ import annotations

import math
import re

__all__ = [
    "MAX_NAME_LENGTH",
    "check_finite",
    "check_id",
    "check_name",
    "check_positive",
    "check_text",
    "check_type",
]

_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: Longest layer or block name (the DXF limit).
MAX_NAME_LENGTH = 255


def check_type(value: object, kind: type | tuple[type, ...], what: str) -> None:
    """Raise ``TypeError`` unless ``value`` is an instance of ``kind``."""
    if not isinstance(value, kind):
        names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        raise TypeError(f"{what} must be {names}, got {type(value).__name__}")


def check_text(value: object, what: str) -> str:
    """Return ``value`` if it is a ``str`` that can be stored in a file, else raise.

    Lone surrogates (which can come from ``\\ud800`` escapes in JSON) cannot be encoded as
    UTF-8 and are refused here, so a document that loads always saves.
    """
    if not isinstance(value, str):
        raise TypeError(f"{what} must be text, got {type(value).__name__}")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"{what} contains characters that are not valid Unicode") from None
    return value


def check_id(value: object) -> str:
    """Return ``value`` if it is a valid id: 1 to 64 of ``A-Z a-z 0-9 _ . : -``."""
    if not isinstance(value, str) or _ID.fullmatch(value) is None:
        raise ValueError(f"an id is 1-64 letters, digits or '_.:-', got {value!r}")
    return value


def check_name(value: object, what: str) -> str:
    """Return ``value`` if it is a valid layer or block name: 1 to 255 characters, no controls."""
    name = check_text(value, what)
    if not name or len(name) > MAX_NAME_LENGTH or _CONTROL.search(name):
        raise ValueError(f"{what} must be 1-255 characters without control characters: {name!r}")
    return name


def check_finite(value: object, what: str) -> float:
    """Return ``value`` as a float if it is a finite number (not a bool), else raise."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{what} must be a number, got {type(value).__name__}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{what} must be finite, got {number!r}")
    return number


def check_positive(value: object, what: str) -> float:
    """Return ``value`` as a float if it is a finite number above 0, else raise."""
    number = check_finite(value, what)
    if number <= 0.0:
        raise ValueError(f"{what} must be positive, got {number!r}")
    return number
