"""The drawing view: y axis up, zoom to extents, wheel zoom about the cursor, pan, grid.

The view's transform is a uniform scale with the y axis flipped, so the scene keeps
document coordinates (y up, as in CAD). Panning: drag with the middle button, or hold the
space bar and drag with the left button. The scene rectangle is kept a margin larger than
what is visible, so the drawing can be panned anywhere, and the zoom is clamped so the
scroll range stays far inside Qt's integer pixel range.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QResizeEvent, QTransform, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from .scene import DrawingScene
from .style import BACKGROUND, GRID_COLOR, cosmetic_pen

__all__ = ["DrawingView"]

#: Wheel zoom per notch (120 units of angle delta).
ZOOM_STEP = 1.25
#: Blank border around the drawing after zoom to extents, as a fraction of its size.
EXTENTS_MARGIN = 0.05
#: Grid lines closer than this many pixels are not drawn (the next power of ten is).
GRID_MIN_PIXELS = 12.0
#: The largest scroll range, in pixels (Qt scroll bars hold 32-bit integers).
MAX_SCROLL_PIXELS = 1e9


class DrawingView(QGraphicsView):
    """A view of a :class:`DrawingScene` in CAD conventions."""

    #: The cursor moved to this point, in document coordinates.
    cursor_moved = Signal(float, float)
    #: The zoom changed (pixels per document unit).
    zoom_changed = Signal(float)

    def __init__(self, scene: DrawingScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setObjectName("drawingView")
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setBackgroundBrush(BACKGROUND)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.grid_visible = False
        self._pan_from: QPoint | None = None
        self._space_down = False
        self._scale = 1.0
        self._center = QPointF(0.0, 0.0)
        self._apply()

    def drawing_scene(self) -> DrawingScene:
        """The scene shown."""
        scene = self.scene()
        assert isinstance(scene, DrawingScene)
        return scene

    # ------------------------------------------------------------------------ zoom and pan

    @property
    def pixels_per_unit(self) -> float:
        """The zoom: screen pixels per document unit."""
        return self._scale

    @property
    def center(self) -> QPointF:
        """The document point at the centre of the view."""
        return QPointF(self._center)

    def set_view(self, scale: float, center: QPointF) -> None:
        """Show ``center`` in the middle of the view at ``scale`` pixels per unit."""
        self._scale = self._clamped(scale)
        self._center = QPointF(center)
        self._apply()
        self.zoom_changed.emit(self._scale)

    def _content(self) -> QRectF:
        rect = self.drawing_scene().content_rect()
        if rect.isNull() or (rect.width() <= 0.0 and rect.height() <= 0.0):
            return QRectF(-50.0, -50.0, 100.0, 100.0).translated(rect.center())
        return rect

    def _clamped(self, scale: float) -> float:
        content = self._content()
        size = max(content.width(), content.height(), 1e-9)
        largest = MAX_SCROLL_PIXELS / (size * 64.0)
        smallest = 4.0 / size
        return min(max(scale, smallest), largest)

    def _apply(self) -> None:
        scale, center = self._scale, self._center
        self.setTransform(QTransform(scale, 0.0, 0.0, -scale, 0.0, 0.0))
        viewport = self.viewport().size()
        half_w = max(viewport.width(), 1) / scale
        half_h = max(viewport.height(), 1) / scale
        around = QRectF(center.x() - 2 * half_w, center.y() - 2 * half_h, 4 * half_w, 4 * half_h)
        content = self._content()
        margin = max(content.width(), content.height())
        rect = content.adjusted(-margin, -margin, margin, margin).united(around)
        if not self.sceneRect().contains(rect):
            self.setSceneRect(rect.united(self.sceneRect()) if self._fits(rect) else rect)
        self.centerOn(center)

    def _fits(self, rect: QRectF) -> bool:
        united = rect.united(self.sceneRect())
        return max(united.width(), united.height()) * self._scale < MAX_SCROLL_PIXELS

    def zoom_extents(self) -> None:
        """Fit the whole drawing (and underlay) into the view."""
        content = self._content()
        viewport = self.viewport().size()
        width = content.width() * (1.0 + 2.0 * EXTENTS_MARGIN) or 1.0
        height = content.height() * (1.0 + 2.0 * EXTENTS_MARGIN) or 1.0
        scale = min(max(viewport.width(), 1) / width, max(viewport.height(), 1) / height)
        self.setSceneRect(QRectF())  # start afresh around the drawing
        self.set_view(scale, content.center())

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom by ``factor`` keeping the view point ``anchor`` (default: centre) in place."""
        if anchor is None:
            self.set_view(self._scale * factor, self._center)
            return
        # From the view's own centre and scale rather than the rounded scroll position, so
        # the document point under the cursor stays exactly there.
        offset = anchor - QPointF(self.viewport().width() / 2.0, self.viewport().height() / 2.0)
        old, new = self._scale, self._clamped(self._scale * factor)
        fixed = QPointF(self._center.x() + offset.x() / old, self._center.y() - offset.y() / old)
        center = QPointF(fixed.x() - offset.x() / new, fixed.y() + offset.y() / new)
        self.set_view(new, center)

    def pan_by(self, dx_pixels: float, dy_pixels: float) -> None:
        """Move the drawing by a screen distance (positive: right and down)."""
        self.set_view(
            self._scale,
            QPointF(
                self._center.x() - dx_pixels / self._scale,
                self._center.y() + dy_pixels / self._scale,
            ),
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply()

    # ----------------------------------------------------------------------------- input

    def wheelEvent(self, event: QWheelEvent) -> None:
        notches = event.angleDelta().y() / 120.0
        if notches:
            self.zoom_by(ZOOM_STEP**notches, event.position())
        event.accept()

    def _panning_press(self, event: QMouseEvent) -> bool:
        return event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and self._space_down
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._panning_press(event):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = self.mapToScene(event.position().toPoint())
        self.cursor_moved.emit(point.x(), point.y())
        if self._pan_from is not None:
            position = event.position().toPoint()
            delta = position - self._pan_from
            self._pan_from = position
            self.pan_by(delta.x(), delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None and (
            event.button() in (Qt.MouseButton.MiddleButton, Qt.MouseButton.LeftButton)
        ):
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        # The scene (the active tool) first; keys it leaves are passed on to the window
        # (which types them into the command line) instead of scrolling the view.
        scene = self.scene()
        event.ignore()
        if scene is not None:
            QCoreApplication.sendEvent(scene, event)
        if not event.isAccepted():
            event.ignore()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = False
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    # ------------------------------------------------------------------------------ grid

    def grid_spacing(self) -> float:
        """The grid step at this zoom: a power of ten at least ``GRID_MIN_PIXELS`` apart."""
        return 10.0 ** math.ceil(math.log10(GRID_MIN_PIXELS / self._scale))

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        rect = QRectF(rect)
        painter.fillRect(rect, BACKGROUND)
        if not self.grid_visible:
            return
        step = self.grid_spacing()
        painter.setPen(cosmetic_pen(GRID_COLOR, 1.0))
        x = math.floor(rect.left() / step) * step
        while x <= rect.right():
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
            x += step
        y = math.floor(rect.top() / step) * step
        while y <= rect.bottom():
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            y += step
