"""Document metadata: title, author, description, timestamps and custom fields."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .checks import check_text, check_type
from .properties import EMPTY, PropertyMap

__all__ = ["Metadata"]


@dataclass(frozen=True, slots=True)
class Metadata:
    """Facts about the document, shown in title blocks and file properties.

    ``created`` and ``modified`` are timezone-aware datetimes or ``None`` (unknown); saving
    does not change them, the editor does (so saving twice gives identical files).
    ``custom`` holds project fields such as a project number or client name.
    """

    title: str = ""
    author: str = ""
    description: str = ""
    created: datetime | None = None
    modified: datetime | None = None
    custom: PropertyMap = EMPTY

    def __post_init__(self) -> None:
        for name in ("title", "author", "description"):
            check_text(getattr(self, name), f"the document {name}")
        for name in ("created", "modified"):
            value = getattr(self, name)
            if value is None:
                continue
            if not isinstance(value, datetime) or value.utcoffset() is None:
                raise ValueError(f"the document's {name} time must be a timezone-aware datetime")
        check_type(self.custom, PropertyMap, "the document's custom fields")
