"""QPainterPath builders for geometry shapes, in document coordinates (y up).

The view flips the y axis, so paths are built straight from document coordinates. Qt's arc
angles run clockwise in these coordinates, so arcs are added with negated angles.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QPainterPath, QTransform

from lvcad_geometry import Arc, Line, Polyline

from .geometry import Shape

__all__ = ["add_shape", "placed", "shapes_path", "text_path"]


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


def _font() -> QFont:
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPixelSize(_FONT_PIXELS)
    return font


def text_path(text: str, height: float, fx: float = 0.0, fy: float = 0.0) -> QPainterPath:
    """Glyph outlines of ``text`` with capitals ``height`` tall, in y-up coordinates.

    The anchor is at the origin: ``fx`` is its place across the text (0 left, 1 right) and
    ``fy`` its height above the first baseline, in text heights. Lines are split at ``\\n``.
    """
    font = _font()
    metrics = QFontMetricsF(font)
    cap = metrics.capHeight() or _FONT_PIXELS * 0.7
    glyphs = QPainterPath()
    lines = text.split("\n")
    width = max(metrics.horizontalAdvance(line) for line in lines)
    for number, line in enumerate(lines):
        advance = metrics.horizontalAdvance(line)
        glyphs.addText(QPointF(fx * (width - advance), number * cap * _LINE_SPACING), font, line)
    scale = height / cap
    place = QTransform()
    place.scale(scale, -scale)
    place.translate(-fx * width, fy * cap - (len(lines) - 1) * cap * _LINE_SPACING * (1.0 - fy))
    return place.map(glyphs)


def placed(path: QPainterPath, x: float, y: float, rotation: float) -> QPainterPath:
    """``path`` rotated by ``rotation`` radians (counter-clockwise) and moved to ``(x, y)``."""
    transform = QTransform()
    transform.translate(x, y)
    transform.rotateRadians(rotation)
    return transform.map(path)
