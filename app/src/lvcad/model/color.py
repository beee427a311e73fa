"""RGB colours of layers and entities."""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Color"]

_HEX = re.compile(r"#([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})")


class Color(NamedTuple):
    """An immutable 24-bit RGB colour; stored in files as ``"#rrggbb"``.

    Example
    -------
    >>> Color.from_hex("#FF8000")
    Color(r=255, g=128, b=0)
    >>> Color(255, 0, 0).hex
    '#ff0000'
    """

    r: int
    g: int
    b: int

    @classmethod
    def from_hex(cls, text: object) -> Color:
        """Parse ``#rrggbb`` (either case); anything else raises ``ValueError``."""
        match = _HEX.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise ValueError(f"a colour is written #rrggbb, got {text!r}")
        return cls(*(int(part, 16) for part in match.groups()))

    @property
    def hex(self) -> str:
        """The ``#rrggbb`` form, lower case."""
        return f"#{self.r:02x}{self.g:02x}{self.b:02x}"

    def check(self) -> Color:
        """Return ``self`` if every channel is an int in 0 to 255, else raise ``ValueError``."""
        for channel in self:
            if type(channel) is not int or not 0 <= channel <= 255:
                raise ValueError(f"colour channels are integers 0-255, got {tuple(self)!r}")
        return self


#: Default colour of new layers (white, drawn black on a light background by the canvas).
WHITE = Color(255, 255, 255)
