"""Typed input of the command line, Qt-free: points, distances and keywords.

What a designer can type while a tool runs (angles in degrees, counter-clockwise from +x):

=================  ==========================================================
``x,y``            an absolute point (``#x,y`` too)
``@dx,dy``         a point relative to the last point
``@r<angle``       a polar point relative to the last point
``r<angle``        a polar point from the origin
``@``              the last point itself
``12.5``           a distance (e.g. along the cursor's direction)
``A``, ``close``   a keyword of the running tool (upper-cased)
(nothing)          Enter: finish the tool's current step
=================  ==========================================================

Example
-------
>>> parse_input("10,20")
PointInput(point=Vec2(x=10.0, y=20.0))
>>> parse_input("@5,-5", last_point=Vec2(10, 20))
PointInput(point=Vec2(x=15.0, y=15.0))
>>> parse_input("@10<90", last_point=Vec2(0, 0)).point.isclose((0, 10))
True
>>> parse_input("7.5"), parse_input("a"), parse_input("  ")
(DistanceInput(distance=7.5), KeywordInput(word='A'), EnterInput())
>>> parse_input("@3,4")
Traceback (most recent call last):
...
lvcad.tools.coords.InputError: there is no last point yet: type an absolute point x,y first
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TypeAlias

from lvcad_geometry import Vec2

__all__ = [
    "DistanceInput",
    "EnterInput",
    "InputError",
    "KeywordInput",
    "ParsedInput",
    "PointInput",
    "parse_input",
]

_KEYWORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")


class InputError(ValueError):
    """Typed input that is not a point, a distance or a keyword; the message says why."""


@dataclass(frozen=True, slots=True)
class PointInput:
    """A point in document coordinates."""

    point: Vec2


@dataclass(frozen=True, slots=True)
class DistanceInput:
    """A plain number: a distance (or, where a tool asks for one, an angle in degrees)."""

    distance: float


@dataclass(frozen=True, slots=True)
class KeywordInput:
    """A word, upper-cased: a tool option (``A`` arc, ``L`` line, ``C`` close, ``U`` undo)."""

    word: str


@dataclass(frozen=True, slots=True)
class EnterInput:
    """An empty line: finish the current step."""


#: Anything :func:`parse_input` returns.
ParsedInput: TypeAlias = PointInput | DistanceInput | KeywordInput | EnterInput


def _number(text: str, what: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise InputError(f"{text.strip()!r} is not a number ({what})") from None
    if not math.isfinite(value):
        raise InputError(f"{what} must be a finite number, got {text.strip()!r}")
    return value


def _pair(text: str) -> Vec2:
    parts = text.split(",")
    if len(parts) != 2:
        raise InputError(f"a point is written x,y (two numbers), got {text!r}")
    return Vec2(_number(parts[0], "x"), _number(parts[1], "y"))


def _polar(text: str) -> Vec2:
    distance, _, angle = text.partition("<")
    return Vec2.from_angle(
        math.radians(_number(angle, "the angle")), _number(distance, "the distance")
    )


def parse_input(text: str, last_point: Vec2 | None = None) -> ParsedInput:
    """Read one line of typed input; relative points are resolved against ``last_point``.

    Raises
    ------
    InputError
        If the text is none of the accepted forms, or a relative point is typed when
        there is no last point.
    """
    text = text.strip()
    if not text:
        return EnterInput()
    if text.startswith("@"):
        if last_point is None:
            raise InputError("there is no last point yet: type an absolute point x,y first")
        rest = text[1:].strip()
        if not rest:
            return PointInput(last_point)
        offset = _polar(rest) if "<" in rest else _pair(rest)
        return PointInput(last_point + offset)
    if text.startswith("#"):
        return PointInput(_pair(text[1:]))
    if "<" in text:
        return PointInput(_polar(text))
    if "," in text:
        return PointInput(_pair(text))
    if _KEYWORD.fullmatch(text):
        return KeywordInput(text.upper())
    try:
        value = float(text)
    except ValueError:
        raise InputError(
            f"cannot read {text!r}: type a point (x,y, @dx,dy or @distance<angle), "
            "a distance, or one of the options shown"
        ) from None
    if not math.isfinite(value):
        raise InputError(f"a distance must be a finite number, got {text!r}")
    return DistanceInput(value)
