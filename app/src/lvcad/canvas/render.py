"""Rendering the drawing to an image or a PDF (QtGui only: QImage, QPdfWriter).

The drawing and its underlay are drawn on white, fitted into the page with a margin, y up,
without the selection highlight, the grid or the tools' overlay items.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from os import PathLike
from pathlib import Path

from PySide6.QtCore import QByteArray, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import (
    QImage,
    QImageWriter,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTransform,
)

from .overlay import OverlayItem
from .scene import DrawingScene
from .style import BACKGROUND

__all__ = ["drawing_rect", "render_image", "render_pdf", "render_to_painter", "save_png"]

#: Blank border around the drawing, as a fraction of its larger side.
MARGIN = 0.04


def drawing_rect(scene: DrawingScene) -> QRectF:
    """The area to render: the drawing's extents with a margin (a unit square if empty)."""
    rect = scene.content_rect()
    if rect.isNull():
        return QRectF(0.0, 0.0, 1.0, 1.0)
    margin = max(rect.width(), rect.height()) * MARGIN or 1.0
    return rect.adjusted(-margin, -margin, margin, margin)


@contextmanager
def _exporting(scene: DrawingScene) -> Iterator[None]:
    hidden = [item for item in scene.items() if isinstance(item, OverlayItem) and item.isVisible()]
    for item in hidden:
        item.hide()
    scene.context.exporting = True
    try:
        yield
    finally:
        scene.context.exporting = False
        for item in hidden:
            item.show()


def render_to_painter(scene: DrawingScene, painter: QPainter, target: QRectF) -> None:
    """Draw the scene's drawing into ``target`` (device coordinates), centred, y up."""
    source = drawing_rect(scene)
    scale = min(target.width() / source.width(), target.height() / source.height())
    dx = target.left() + (target.width() - source.width() * scale) / 2.0
    dy = target.top() + (target.height() - source.height() * scale) / 2.0
    painter.fillRect(target, BACKGROUND)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setTransform(
        QTransform(
            scale, 0.0, 0.0, -scale, dx - source.left() * scale, dy + source.bottom() * scale
        ),
        True,
    )
    with _exporting(scene):
        scene.render(painter, source, source)
    painter.restore()


def render_image(scene: DrawingScene, width: int = 1600, height: int | None = None) -> QImage:
    """The drawing as an image ``width`` pixels wide (height from the drawing's proportions)."""
    source = drawing_rect(scene)
    if height is None:
        height = max(1, round(width * source.height() / source.width()))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(BACKGROUND)
    painter = QPainter(image)
    try:
        render_to_painter(scene, painter, QRectF(0.0, 0.0, width, height))
    finally:
        painter.end()
    return image


def save_png(image: QImage, path: str | PathLike[str]) -> bool:
    """Write ``image`` as PNG to ``path`` (whatever its suffix); False when it cannot."""
    return QImageWriter(str(Path(path)), QByteArray(b"png")).write(image)


def render_pdf(scene: DrawingScene, path: str | PathLike[str], *, title: str = "") -> None:
    """Write the drawing to a one-page PDF (A3, oriented to fit the drawing)."""
    source = drawing_rect(scene)
    writer = QPdfWriter(str(Path(path)))
    writer.setTitle(title)
    writer.setCreator("LV CAD")
    writer.setResolution(300)
    orientation = (
        QPageLayout.Orientation.Landscape
        if source.width() >= source.height()
        else QPageLayout.Orientation.Portrait
    )
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A3), orientation, QMarginsF(10, 10, 10, 10))
    )
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(
            f"cannot write the PDF file {str(path)!r}: check the folder and that the "
            "file is not open in another program"
        )
    try:
        size = QSizeF(writer.width(), writer.height())
        render_to_painter(scene, painter, QRectF(0.0, 0.0, size.width(), size.height()))
    finally:
        painter.end()
