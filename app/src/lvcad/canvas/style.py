"""Colours and pens of the canvas: layer colours on a white sheet, selection, the underlay.

Lines are drawn with cosmetic pens (a width in screen pixels, whatever the zoom). White
(the DXF default colour 7) is drawn black, as CAD programs do on a light background.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen

from lvcad.model import Color

__all__ = [
    "BACKGROUND",
    "CROSSING_COLOR",
    "GRID_COLOR",
    "SELECTION_COLOR",
    "SNAP_COLOR",
    "WINDOW_COLOR",
    "cosmetic_pen",
    "display_color",
    "underlay_color",
]

BACKGROUND = QColor(255, 255, 255)
GRID_COLOR = QColor(225, 228, 235)
SELECTION_COLOR = QColor(0, 120, 215)
SNAP_COLOR = QColor(230, 140, 0)
PREVIEW_COLOR = QColor(0, 150, 60)
WINDOW_COLOR = QColor(0, 90, 220)
CROSSING_COLOR = QColor(0, 160, 60)
#: How far underlay colours are faded toward the background (0 = not at all, 1 = invisible).
UNDERLAY_FADE = 0.6


def display_color(color: Color) -> QColor:
    """The colour ``color`` is drawn in on the white sheet (white and near-white → black)."""
    if color.r > 240 and color.g > 240 and color.b > 240:
        return QColor(0, 0, 0)
    return QColor(color.r, color.g, color.b)


def underlay_color(color: Color) -> QColor:
    """``color`` faded toward the background: the underlay is shown dimmed."""
    base = display_color(color)
    fade = UNDERLAY_FADE
    return QColor(
        round(base.red() + (BACKGROUND.red() - base.red()) * fade),
        round(base.green() + (BACKGROUND.green() - base.green()) * fade),
        round(base.blue() + (BACKGROUND.blue() - base.blue()) * fade),
    )


def cosmetic_pen(
    color: QColor, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine
) -> QPen:
    """A pen ``width`` screen pixels wide at every zoom."""
    pen = QPen(color, width, style)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen
