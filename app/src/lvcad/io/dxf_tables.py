"""DXF colours and table names (layers, blocks) in both directions.

Colours: DXF has AutoCAD Color Index (ACI) colours 1-255 and 24-bit true colours; the model
has RGB only. Importing, a true colour wins over the ACI colour (as in AutoCAD) and
BYLAYER/BYBLOCK become "no own colour" (``None``). Exporting, a colour that is exactly an
ACI colour is written as that index (what architects' layer standards use); any other is
written as a true colour plus the nearest ACI colour for programs that ignore true colour.

Names: DXF layer and block names may not contain ``< > / \\ " : ; ? * = `` (except a
leading ``*`` of anonymous blocks) and compare without regard to case; model names may not
contain control characters and are at most 255 characters. :class:`NameMap` turns names of
one kind into valid, unique names of the other, replacing what is not allowed by ``_``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from ezdxf.colors import DXF_DEFAULT_COLORS, int2rgb

from lvcad.model import Color
from lvcad.model.checks import MAX_NAME_LENGTH

__all__ = [
    "BYBLOCK",
    "BYLAYER",
    "NameMap",
    "aci_color",
    "color_to_aci",
    "dxf_name",
    "model_name",
    "true_color",
]

#: ACI value meaning "the colour of the entity's layer".
BYLAYER = 256
#: ACI value meaning "the colour of the block reference" (for entities in blocks).
BYBLOCK = 0

_DXF_FORBIDDEN = re.compile(r'[<>/\\":;?*=`\x00-\x1f\x7f]')
_MODEL_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f]")


def aci_color(index: int) -> Color | None:
    """The RGB colour of ACI ``index`` 1-255, or ``None`` for anything else.

    Example
    -------
    >>> aci_color(1), aci_color(256)
    (Color(r=255, g=0, b=0), None)
    """
    if type(index) is not int or not 1 <= index <= 255:
        return None
    return Color(*int2rgb(DXF_DEFAULT_COLORS[index]))


def true_color(value: int) -> Color:
    """The RGB colour of a DXF true-colour value (group code 420)."""
    return Color(*int2rgb(value))


@cache
def _exact_aci() -> dict[Color, int]:
    table: dict[Color, int] = {}
    for index in range(1, 256):
        table.setdefault(Color(*int2rgb(DXF_DEFAULT_COLORS[index])), index)
    return table


@cache
def color_to_aci(color: Color) -> tuple[int, bool]:
    """The ACI index of ``color`` and whether it is exact (else the nearest, by RGB distance).

    Example
    -------
    >>> color_to_aci(Color(255, 0, 0)), color_to_aci(Color(250, 5, 3))
    ((1, True), (1, False))
    """
    exact = _exact_aci().get(color)
    if exact is not None:
        return exact, True
    nearest = min(
        _exact_aci().items(),
        key=lambda item: sum((a - b) ** 2 for a, b in zip(item[0], color, strict=True)),
    )
    return nearest[1], False


def model_name(name: object) -> str:
    """A valid model layer/block name for a DXF name (control characters become ``_``).

    Example
    -------
    >>> model_name("A-WALL"), model_name("bad\\tname"), model_name("")
    ('A-WALL', 'bad_name', '_')
    """
    text = name if isinstance(name, str) else ""
    text = _MODEL_FORBIDDEN.sub("_", text)[:MAX_NAME_LENGTH]
    # A lone surrogate cannot be saved in a document; replace any.
    text = text.encode("utf-8", errors="replace").decode("utf-8")
    return text or "_"


def dxf_name(name: str, *, anonymous_ok: bool = False) -> str:
    """A valid DXF table name for a model name (forbidden characters become ``_``).

    A leading ``*`` (an anonymous block, e.g. a dimension's ``*D1``) is kept when
    ``anonymous_ok``.

    Example
    -------
    >>> dxf_name("FA/SMOKE: level 1"), dxf_name("*D1", anonymous_ok=True), dxf_name("*D1")
    ('FA_SMOKE_ level 1', '*D1', '_D1')
    """
    if anonymous_ok and name.startswith("*") and len(name) > 1:
        return "*" + _DXF_FORBIDDEN.sub("_", name[1:])
    return _DXF_FORBIDDEN.sub("_", name) or "_"


class NameMap:
    """Maps names to valid names that are unique under ``key`` (e.g. case-insensitive).

    The first name to claim a valid name gets it as it is; later ones that clash get
    ``_2``, ``_3`` … appended.

    Example
    -------
    >>> names = NameMap(lambda n: dxf_name(n), key=str.casefold)
    >>> names("Wall"), names("WALL"), names("Wall"), names.renamed
    ('Wall', 'WALL_2', 'Wall', {'WALL': 'WALL_2'})
    """

    def __init__(
        self, clean: Callable[[str], str], *, key: Callable[[str], str] = lambda name: name
    ) -> None:
        self._clean = clean
        self._key = key
        self._names: dict[str, str] = {}
        self._taken: set[str] = set()
        #: Names that came out different from how they went in (original → new).
        self.renamed: dict[str, str] = {}

    def reserve(self, name: str) -> None:
        """Take ``name`` as it is (e.g. ``"0"``), so no other name maps to it."""
        self._names[name] = name
        self._taken.add(self._key(name))

    def __call__(self, name: str) -> str:
        found = self._names.get(name)
        if found is not None:
            return found
        base = self._clean(name)
        candidate, number = base, 1
        while self._key(candidate) in self._taken:
            number += 1
            suffix = f"_{number}"
            candidate = base[: MAX_NAME_LENGTH - len(suffix)] + suffix
        self._taken.add(self._key(candidate))
        self._names[name] = candidate
        if candidate != name:
            self.renamed[name] = candidate
        return candidate

    def __contains__(self, name: object) -> bool:
        return name in self._names
