"""The drawing scene: one item per entity, kept in step with the document, and the place
where mouse and key events reach the active tool first.

The scene subscribes to its :class:`~lvcad.model.Document` and updates only the items a
change touches (never a rebuild of everything). Scene coordinates are document coordinates
with y up; :class:`~lvcad.canvas.view.DrawingView` flips the y axis on screen.

Events: an :class:`Interaction` (the tool manager) sees every mouse and key event first and
returns True when it consumed it, as in orange-canvas-core's interaction handlers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from PySide6.QtCore import QObject, QRectF, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSceneMouseEvent

from lvcad.model import Change, DeviceCatalog, Document, changes
from lvcad_geometry import BBox

from .blocks import BlockPaths
from .items import DrawingContext, EntityItem, InsertItem, item_for
from .overlay import PreviewItem, SelectionBoxItem, SnapMarkerItem
from .spatial import ShapeIndex
from .underlay import UnderlaySource, UnderlayView

__all__ = ["DrawingScene", "Interaction"]

#: Draw-order bands: drawing entities, then wires, then devices on top.
_Z_BAND = {"wire": 1e7, "device": 2e7}


class Interaction(Protocol):
    """Receives the scene's input events first; each handler returns True if consumed."""

    def mouse_press(self, event: QGraphicsSceneMouseEvent) -> bool: ...
    def mouse_move(self, event: QGraphicsSceneMouseEvent) -> bool: ...
    def mouse_release(self, event: QGraphicsSceneMouseEvent) -> bool: ...
    def mouse_double_click(self, event: QGraphicsSceneMouseEvent) -> bool: ...
    def key_press(self, event: QKeyEvent) -> bool: ...


class DrawingScene(QGraphicsScene):
    """The items of one document (and its underlay), plus the tools' overlay items."""

    #: Emitted after every document change, with the change record.
    document_changed = Signal(object)
    #: Emitted when another document is shown.
    document_replaced = Signal(object)
    #: Emitted when the underlay reference changed and its drawing must be (re)loaded.
    underlay_requested = Signal(object)

    def __init__(
        self,
        document: Document,
        catalog: DeviceCatalog | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalog = catalog or DeviceCatalog.builtin()
        self.interaction: Interaction | None = None
        self._items: dict[str, EntityItem] = {}
        self._underlay_drawing: UnderlaySource | None = None
        #: The source and drawing of the underlay last detached.
        self._detached: tuple[str, UnderlaySource] | None = None
        self._underlay: UnderlayView | None = None
        self.snap_marker = SnapMarkerItem()
        self.preview = PreviewItem()
        self.selection_box = SelectionBoxItem()
        for item in (self.snap_marker, self.preview, self.selection_box):
            self.addItem(item)
        self._document = document
        self._subscription = document.subscribe(self._on_change)
        self._build()

    # ----------------------------------------------------------------------- the document

    @property
    def document(self) -> Document:
        """The document shown."""
        return self._document

    def set_document(self, document: Document) -> None:
        """Show another document (items are rebuilt, the underlay dropped)."""
        self._subscription.unsubscribe()
        for item in self._items.values():
            self.removeItem(item)
        self._items.clear()
        self.set_underlay_drawing(None)
        self._detached = None
        self._document = document
        self._subscription = document.subscribe(self._on_change)
        self._build()
        self.document_replaced.emit(document)

    def close(self) -> None:
        """Stop following the document (call before dropping the scene)."""
        self._subscription.unsubscribe()

    def _build(self) -> None:
        document = self._document
        self.context = DrawingContext(
            document, BlockPaths(document.blocks, document.unit), self.catalog
        )
        for index, entity in enumerate(document):
            self._add_item(entity, index)
        if document.underlay is not None:
            self.underlay_requested.emit(document.underlay)

    def _add_item(self, entity: object, index: int) -> None:
        item = item_for(entity, self.context)  # type: ignore[arg-type]
        item.setZValue(_Z_BAND.get(item.entity.kind, 0.0) + index)
        self._items[item.entity_id] = item
        self.addItem(item)

    def _renumber(self) -> None:
        for index, entity_id in enumerate(self._document.entities):
            item = self._items[entity_id]
            item.setZValue(_Z_BAND.get(item.entity.kind, 0.0) + index)

    def _on_change(self, change: Change) -> None:
        match change:
            case changes.EntitiesAdded(entities=entities, positions=positions):
                count = len(self._document)
                appended = positions is None or positions[0] == count - len(entities)
                for offset, entity in enumerate(entities):
                    self._add_item(entity, count - len(entities) + offset)
                if not appended:
                    self._renumber()
            case changes.EntitiesRemoved(entities=entities):
                for entity in entities:
                    item = self._items.pop(entity.id, None)
                    if item is not None:
                        self.removeItem(item)
            case changes.EntitiesReplaced(new=new):
                for entity in new:
                    current = self._items[entity.id]
                    if type(current.entity) is type(entity):
                        current.set_entity(entity)
                    else:  # a different kind under the same id: a new item
                        self.removeItem(current)
                        self._add_item(entity, 0)
                        self._renumber()
            case changes.LayerReplaced(new=layer):
                for item in self._items.values():
                    if item.entity.layer == layer.name:
                        item.refresh()
            case changes.BlockAdded() | changes.BlockRemoved() | changes.BlockReplaced():
                self.context.block_paths.clear()
                for item in self._items.values():
                    if isinstance(item, InsertItem):
                        item.refresh()
            case changes.UnderlayChanged(old=old, new=new):
                if new is None:
                    kept = self._underlay_drawing
                    self.set_underlay_drawing(None)
                    # kept for an undo of the detach, which then need not read the DXF again
                    self._detached = (old.source, kept) if old is not None and kept else None
                elif old is not None and old.source == new.source and self._underlay_drawing:
                    if self._underlay is not None and self._underlay.can_show(new):
                        self._underlay.apply(new)  # layer states: a repaint, not a rebuild
                    else:
                        self.set_underlay_drawing(self._underlay_drawing)
                elif old is None and self._detached and self._detached[0] == new.source:
                    self.set_underlay_drawing(self._detached[1])
                else:
                    self.set_underlay_drawing(None)
                    self.underlay_requested.emit(new)
        self.document_changed.emit(change)

    # ------------------------------------------------------------------------ the underlay

    def set_underlay_drawing(self, drawing: UnderlaySource | None) -> None:
        """Show ``drawing`` as the document's underlay (``None`` removes it)."""
        if self._underlay is not None:
            for item in self._underlay.items:
                self.removeItem(item)
        self._underlay = None
        self._underlay_drawing = drawing
        underlay = self._document.underlay
        if drawing is None or underlay is None:
            return
        self._underlay = UnderlayView(drawing, underlay)
        for item in self._underlay.items:
            self.addItem(item)

    @property
    def underlay_index(self) -> ShapeIndex | None:
        """The underlay's shapes for snapping (``None`` without an underlay)."""
        return self._underlay.index if self._underlay is not None else None

    def underlay_items(self) -> list[QGraphicsItem]:
        """The underlay's tile items."""
        return list(self._underlay.items) if self._underlay is not None else []

    # ------------------------------------------------------------------- items and queries

    def item(self, entity_id: str) -> EntityItem | None:
        """The item of entity ``entity_id``."""
        return self._items.get(entity_id)

    def entity_items(self) -> Iterator[EntityItem]:
        """Every entity item."""
        return iter(self._items.values())

    def items_in(self, box: BBox) -> list[EntityItem]:
        """Pickable entity items whose bounding rectangles meet ``box``."""
        rect = QRectF(box.min_x, box.min_y, box.width, box.height)
        return [item for item in self.items(rect) if isinstance(item, EntityItem) and item.pickable]

    def content_rect(self) -> QRectF:
        """The bounding rectangle of the drawing and its underlay (null when empty)."""
        rect = QRectF()
        for item in (*self._items.values(), *self.underlay_items()):
            if item.isVisible():
                rect = rect.united(item.sceneBoundingRect())
        return rect

    # ----------------------------------------------------------------------- the selection

    def selected_ids(self) -> list[str]:
        """Ids of the selected entities, in draw order."""
        selected = {item.entity_id for item in self.selectedItems() if isinstance(item, EntityItem)}
        return [entity_id for entity_id in self._document.entities if entity_id in selected]

    def set_selection(self, ids: Iterable[str], *, add: bool = False) -> None:
        """Select the entities ``ids`` (added to the selection with ``add``)."""
        wanted = set(ids)
        self.blockSignals(True)
        try:
            if not add:
                for item in self.selectedItems():
                    if isinstance(item, EntityItem) and item.entity_id not in wanted:
                        item.setSelected(False)
            for entity_id in wanted:
                found = self._items.get(entity_id)
                if found is not None and found.isVisible():
                    found.setSelected(True)
        finally:
            self.blockSignals(False)
        self.selectionChanged.emit()

    # ------------------------------------------------------------------- event forwarding

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction is not None and self.interaction.mouse_press(event):
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction is not None and self.interaction.mouse_move(event):
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction is not None and self.interaction.mouse_release(event):
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction is not None and self.interaction.mouse_double_click(event):
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.interaction is not None and self.interaction.key_press(event):
            event.accept()
            return
        super().keyPressEvent(event)
