"""QPainterPath builders for geometry shapes, in document coordinates (y up).

The view flips the y axis, so paths are built straight from document coordinates. Qt's arc
angles run clockwise in these coordinates, so arcs are added with negated angles.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import cache

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QPainterPath, QTransform

from lvcad_geometry import Arc, Line, Polyline

from .geometry import Shape

__all__ = [
    "add_shape",
    "placed",
    "placement",
    "shapes_path",
    "text_font",
    "text_layout",
    "text_path",
]


def _add_arc(path: QPainterPath, arc: Arc, *, connect: bool) -> None:
    start = arc.start_point
    if not connect:
        path.moveTo(start.x, start.y)
    r = arc.radius
    rect = QRectF(arc.center.x - r, arc.center.y - r, 2 * r, 2 * r)
    path.arcTo(rect, -math.degrees(arc.start_angle), -math.degrees(arc.sweep))


def _add_polyline(path: QPainterPath, polyline: Polyline) -> None:
    xs, ys, bulges = polyline.x.tolist(), polyline.y.tolist(), polyline.bulges.tolist()
    path.moveTo(xs[0], ys[0])
    if not polyline.has_arcs:
        for x, y in zip(xs[1:], ys[1:], strict=True):
            path.lineTo(x, y)
        if polyline.closed:
            path.closeSubpath()
        return
    for index, segment in enumerate(polyline.segments()):
        if isinstance(segment, Arc) and bulges[index] != 0.0:
            _add_arc(path, segment, connect=True)
        else:
            end = segment.end if isinstance(segment, Line) else segment.end_point
            path.lineTo(end.x, end.y)
    if polyline.closed:
        path.closeSubpath()


def add_shape(path: QPainterPath, shape: Shape) -> None:
    """Append ``shape`` to ``path`` as a new subpath."""
    if isinstance(shape, Line):
        path.moveTo(QPointF(*shape.start))
        path.lineTo(QPointF(*shape.end))
    elif isinstance(shape, Arc):
        _add_arc(path, shape, connect=False)
    else:
        _add_polyline(path, shape)


def shapes_path(shapes: Iterable[Shape]) -> QPainterPath:
    """One path holding every shape."""
    path = QPainterPath()
    for shape in shapes:
        add_shape(path, shape)
    return path


# -- text --------------------------------------------------------------------------------

_FONT_PIXELS = 100  # glyph outlines are made at this size and scaled to the text height
_LINE_SPACING = 1.5  # baseline-to-baseline distance, in text heights


@cache
def text_font() -> QFont:
    """The font drawing text is set in (at a fixed pixel size; layouts scale it)."""
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPixelSize(_FONT_PIXELS)
    return font


def text_layout(
    text: str, height: float, fx: float = 0.0, fy: float = 0.0
) -> tuple[QTransform, list[tuple[QPointF, str]]]:
    """Where the lines of ``text`` go: baseline points in :func:`text_font` pixels (y down),
    and the transform from those pixels to y-up coordinates with the anchor at the origin
    and capitals ``height`` tall. ``fx``, ``fy``: as for :func:`text_path`."""
    font = text_font()
    metrics = QFontMetricsF(font)
    cap = metrics.capHeight() or _FONT_PIXELS * 0.7
    lines = text.split("\n")
    width = max(metrics.horizontalAdvance(line) for line in lines)
    placed_lines = [
        (
            QPointF(fx * (width - metrics.horizontalAdvance(line)), number * cap * _LINE_SPACING),
            line,
        )
        for number, line in enumerate(lines)
    ]
    scale = height / cap
    place = QTransform()
    place.scale(scale, -scale)
    place.translate(-fx * width, fy * cap - (len(lines) - 1) * cap * _LINE_SPACING * (1.0 - fy))
    return place, placed_lines


def text_path(text: str, height: float, fx: float = 0.0, fy: float = 0.0) -> QPainterPath:
    """Glyph outlines of ``text`` with capitals ``height`` tall, in y-up coordinates.

    The anchor is at the origin: ``fx`` is its place across the text (0 left, 1 right) and
    ``fy`` its height above the first baseline, in text heights. Lines are split at ``\\n``.
    """
    place, lines = text_layout(text, height, fx, fy)
    glyphs = QPainterPath()
    for point, line in lines:
        glyphs.addText(point, text_font(), line)
    return place.map(glyphs)


def placement(x: float, y: float, rotation: float) -> QTransform:
    """Rotation by ``rotation`` radians (counter-clockwise), then a move to ``(x, y)``."""
    transform = QTransform()
    transform.translate(x, y)
    transform.rotateRadians(rotation)
    return transform


def placed(path: QPainterPath, x: float, y: float, rotation: float) -> QPainterPath:
    """``path`` rotated by ``rotation`` radians (counter-clockwise) and moved to ``(x, y)``."""
    return placement(x, y, rotation).map(path)
