"""The base of every entity item: keyed by entity id, redrawn when its entity changes.

An item holds the current value of its entity and a :class:`DrawingContext` (the
document's unit, layers and blocks). :meth:`EntityItem.set_entity` swaps in a new value
after a change; :meth:`EntityItem.refresh` redraws after a layer or block change.
Subclasses cache their bounds and outline in :meth:`EntityItem.rebuild` and draw in
:meth:`EntityItem.draw`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem, QWidget

from lvcad.canvas.geometry import entity_shapes
from lvcad.canvas.paths import shapes_path
from lvcad.canvas.style import SELECTION_COLOR, cosmetic_pen, display_color
from lvcad.model import BlockDefinition, DeviceCatalog, Document, Entity, Layer, Unit

if TYPE_CHECKING:
    from lvcad.canvas.blocks import BlockPaths

__all__ = ["DrawingContext", "EntityItem", "PathItem"]


class DrawingContext:
    """What items need to draw: the document (unit, layers, blocks), block paths, catalog."""

    def __init__(self, document: Document, block_paths: BlockPaths, catalog: DeviceCatalog) -> None:
        self.document = document
        self.block_paths = block_paths
        self.catalog = catalog
        #: True while the scene is rendered for export: no selection highlight.
        self.exporting = False

    @property
    def unit(self) -> Unit:
        """The document unit."""
        return self.document.unit

    @property
    def layers(self) -> Mapping[str, Layer]:
        """The document's layers by name."""
        return self.document.layers

    @property
    def blocks(self) -> Mapping[str, BlockDefinition]:
        """The document's block definitions by name."""
        return self.document.blocks


class EntityItem(QGraphicsItem):
    """A drawing entity on the canvas. Subclasses draw one entity kind."""

    #: Pen width in screen pixels.
    PEN_WIDTH = 1.25
    #: The bounds (:meth:`boundingRect`) and the outline picked (:meth:`shape`), in
    #: document coordinates; :meth:`rebuild` sets them.
    _bounds = QRectF()
    _shape = QPainterPath()

    def __init__(self, entity: Entity, context: DrawingContext) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.entity = entity
        self.context = context
        self._color = QColor()
        self.refresh()

    @property
    def entity_id(self) -> str:
        """The id of the entity drawn."""
        return self.entity.id

    @property
    def layer(self) -> Layer | None:
        """The entity's layer (``None`` only while the document is being replaced)."""
        return self.context.layers.get(self.entity.layer)

    @property
    def pickable(self) -> bool:
        """True when tools may pick the entity: its layer is visible and not locked."""
        layer = self.layer
        return self.isVisible() and (layer is None or not layer.locked)

    def set_entity(self, entity: Entity) -> None:
        """Show ``entity`` (a new value with the same id)."""
        self.prepareGeometryChange()
        self.entity = entity
        self.refresh()

    def refresh(self) -> None:
        """Re-read colour and visibility from the layer and rebuild the drawing."""
        layer = self.layer
        color = self.entity.color or (layer.color if layer is not None else None)
        self._color = display_color(color) if color is not None else QColor(0, 0, 0)
        self.setVisible(layer is None or layer.visible)
        self.prepareGeometryChange()
        self.rebuild()
        self.update()

    def rebuild(self) -> None:
        """Rebuild cached drawing data, ``_bounds`` and ``_shape``, after a change (subclasses)."""

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._shape

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        self.draw(painter, option, self.color(option))

    def draw(self, painter: QPainter, option: QStyleOptionGraphicsItem, color: QColor) -> None:
        """Draw the entity in ``color``, that of :meth:`color` (subclasses)."""

    def highlighted(self, option: QStyleOptionGraphicsItem) -> bool:
        """True when the item should be drawn selected."""
        return bool(option.state & QStyle.StateFlag.State_Selected) and not self.context.exporting

    def color(self, option: QStyleOptionGraphicsItem) -> QColor:
        """The colour to draw in (the selection colour when selected)."""
        return SELECTION_COLOR if self.highlighted(option) else self._color


class PathItem(EntityItem):
    """An entity drawn as one stroked path (lines, arcs, circles, polylines, wires)."""

    def rebuild(self) -> None:
        self._shape = self.build_path()
        self._bounds = self._shape.boundingRect()

    def build_path(self) -> QPainterPath:
        """The entity's outline, in document coordinates."""
        return shapes_path(entity_shapes(self.entity, self.context.unit, self.context.blocks))

    def path(self) -> QPainterPath:
        """The path drawn."""
        return self._shape

    def draw(self, painter: QPainter, option: QStyleOptionGraphicsItem, color: QColor) -> None:
        width = self.PEN_WIDTH * (2.0 if self.highlighted(option) else 1.0)
        painter.setPen(cosmetic_pen(color, width))
        painter.setBrush(QColor(0, 0, 0, 0))
        painter.drawPath(self._shape)
