"""Exceptions raised by :mod:`lvcad.model`.

Every exception is a :class:`ModelError`, itself a :class:`ValueError`: the model refuses a
change that would leave the document inconsistent, and says which entity, layer or block is
at fault. Catalog files have their own :class:`CatalogError`, which also names the file.
"""

from __future__ import annotations

__all__ = [
    "CatalogError",
    "DanglingReferenceError",
    "DuplicateError",
    "InUseError",
    "ModelError",
    "NotFoundError",
    "PropertyValueError",
]


class ModelError(ValueError):
    """Base class of every error raised by the document model."""


class DuplicateError(ModelError):
    """An entity id, layer name or block name is already in the document."""


class NotFoundError(ModelError):
    """No entity, layer or block has the given id or name."""


class DanglingReferenceError(ModelError):
    """An entity refers to a layer, block or device that is not in the document.

    Also raised for a block that would (indirectly) contain itself.
    """


class InUseError(ModelError):
    """A layer, block or device cannot be removed while something still refers to it."""


class PropertyValueError(ModelError):
    """A device property value does not fit its definition in the device catalog."""


class CatalogError(ModelError):
    """A device catalog file is missing, unreadable or invalid; the message names the file."""
