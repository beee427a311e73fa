"""The properties dock: what the selection is, and its fields; every edit is a command.

One selected entity shows its fields (a device: label, model, rotation and its catalog
properties; a wire: circuit; text: content and height); any selection can be moved to
another layer. Edits of one field of one entity in a row merge into one undo step.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from lvcad.commands import Command, EditEntities
from lvcad.model import (
    Change,
    Device,
    DeviceCatalog,
    Document,
    Entity,
    PropertyDefinition,
    PropertyType,
    PropertyValue,
    TextEntity,
    Wire,
    changes,
)

__all__ = ["PropertiesDock"]


def _field(name: str, value: object) -> dict[str, Any]:
    """Keyword arguments for :func:`dataclasses.replace` that set one field."""
    return {name: value}


class PropertiesDock(QDockWidget):
    """Fields of the selected entities."""

    def __init__(
        self,
        catalog: DeviceCatalog,
        run: Callable[[Command], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Properties", parent)
        self.setObjectName("propertiesDock")
        self._catalog = catalog
        self._run = run
        self._document: Document | None = None
        self._ids: list[str] = []
        self._container = QWidget(self)
        self.form = QFormLayout(self._container)
        self.setWidget(self._container)
        #: The field editors by name (for tests and keyboard focus).
        self.fields: dict[str, QWidget] = {}
        self._show()

    def set_document(self, document: Document) -> None:
        """Follow ``document``."""
        self._document = document
        self.set_selection([])

    def set_selection(self, ids: Sequence[str]) -> None:
        """Show the fields of the entities ``ids``."""
        self._ids = list(ids)
        self._show()

    def on_change(self, change: Change) -> None:
        """Refresh when a shown entity or the layer list changed."""
        if isinstance(change, changes.EntitiesReplaced | changes.EntitiesRemoved):
            touched = {entity.id for entity in getattr(change, "new", ())} | {
                entity.id for entity in getattr(change, "entities", ())
            }
            if touched & set(self._ids):
                self._ids = [i for i in self._ids if self._document and i in self._document]
                self._show()
        elif isinstance(change, changes.LayerAdded | changes.LayerRemoved):
            self._show()

    # ---------------------------------------------------------------------------- building

    def _entities(self) -> list[Entity]:
        document = self._document
        if document is None:
            return []
        return [entity for i in self._ids if (entity := document.get(i)) is not None]

    def _show(self) -> None:
        # A new form each time: the old one is deleted later, because an edit that changed
        # the document may still be inside a signal of one of its widgets.
        old = self._container
        self._container = QWidget(self)
        self.form = QFormLayout(self._container)
        self.setWidget(self._container)
        old.hide()
        old.deleteLater()
        self.fields = {}
        entities = self._entities()
        if not entities:
            self.form.addRow(QLabel("Nothing selected"))
            return
        if len(entities) == 1:
            entity = entities[0]
            self.form.addRow("Kind", QLabel(entity.kind))
            self.form.addRow("Id", QLabel(entity.id))
        else:
            self.form.addRow(QLabel(f"{len(entities)} entities selected"))
        self._layer_field(entities)
        if len(entities) == 1:
            entity = entities[0]
            if isinstance(entity, Device):
                self._device_fields(entity)
            elif isinstance(entity, Wire):
                self._text_field(entity, "circuit", "Circuit")
                self.form.addRow("Devices", QLabel(", ".join(entity.devices) or "none"))
                self.form.addRow("Length", QLabel(f"{entity.path.length:.3f}"))
            elif isinstance(entity, TextEntity):
                self._text_field(entity, "text", "Text")
                self._number_field(entity, "height", "Height", 0.001, 1e9)

    def _add(self, name: str, label: str, widget: QWidget) -> None:
        widget.setObjectName(f"property_{name}")
        self.fields[name] = widget
        self.form.addRow(label, widget)

    def _layer_field(self, entities: list[Entity]) -> None:
        document = self._document
        assert document is not None
        combo = QComboBox()
        combo.addItems(list(document.layers))
        layers = {entity.layer for entity in entities}
        if len(layers) == 1:
            combo.setCurrentText(next(iter(layers)))
        else:
            combo.setCurrentIndex(-1)
        combo.activated.connect(
            lambda index: self._edit(
                [dataclasses.replace(e, layer=combo.itemText(index)) for e in self._entities()],
                key=None,
                text="Change layer",
            )
        )
        self._add("layer", "Layer", combo)

    def _text_field(self, entity: Entity, attribute: str, label: str) -> None:
        edit = QLineEdit(str(getattr(entity, attribute)))

        def apply() -> None:
            current = self._entities()
            if current and getattr(current[0], attribute) != edit.text():
                self._edit(
                    [dataclasses.replace(current[0], **_field(attribute, edit.text()))],
                    key=(entity.id, attribute),
                    text=f"Change {label.lower()}",
                )

        edit.editingFinished.connect(apply)
        self._add(attribute, label, edit)

    def _number_field(
        self, entity: Entity, attribute: str, label: str, low: float, high: float
    ) -> None:
        spin = QDoubleSpinBox()
        spin.setRange(low, high)
        spin.setDecimals(3)
        spin.setValue(float(getattr(entity, attribute)))

        def apply() -> None:
            current = self._entities()
            if current and getattr(current[0], attribute) != spin.value():
                self._edit(
                    [dataclasses.replace(current[0], **_field(attribute, spin.value()))],
                    key=(entity.id, attribute),
                    text=f"Change {label.lower()}",
                )

        spin.editingFinished.connect(apply)
        self._add(attribute, label, spin)

    def _device_fields(self, device: Device) -> None:
        self._text_field(device, "label", "Label")
        self._text_field(device, "model", "Model")
        rotation = QDoubleSpinBox()
        rotation.setRange(-360.0, 360.0)
        rotation.setDecimals(2)
        rotation.setSuffix("°")
        rotation.setValue(math.degrees(device.rotation))

        def rotate() -> None:
            current = self._entities()
            value = math.radians(rotation.value())
            if current and isinstance(current[0], Device) and current[0].rotation != value:
                self._edit(
                    [dataclasses.replace(current[0], rotation=value)],
                    key=(device.id, "rotation"),
                    text="Rotate device",
                )

        rotation.editingFinished.connect(rotate)
        self._add("rotation", "Rotation", rotation)
        device_type = self._catalog.get(device.device_type)
        if device_type is None:
            self.form.addRow(QLabel(f"Type {device.device_type!r} is not in the catalog"))
            return
        self.form.addRow("Type", QLabel(device_type.name))
        for definition in device_type.properties:
            self._property_field(device, definition)

    def _property_field(self, device: Device, definition: PropertyDefinition) -> None:
        value = device.properties.get(definition.name, definition.default)
        label = definition.label + (f" ({definition.unit})" if definition.unit else "")
        widget: QWidget

        def set_value(new: PropertyValue) -> None:
            current = self._entities()
            if not current or not isinstance(current[0], Device):
                return
            if current[0].properties.get(definition.name) == new:
                return
            properties = current[0].properties.set(definition.name, new)
            self._edit(
                [dataclasses.replace(current[0], properties=properties)],
                key=(device.id, definition.name),
                text=f"Change {definition.label.lower()}",
            )

        if definition.choices:
            combo = QComboBox()
            for choice in definition.choices:
                combo.addItem(str(choice), choice)
            combo.setCurrentIndex(max(0, combo.findText(str(value))))
            combo.activated.connect(lambda index: set_value(combo.itemData(index)))
            widget = combo
        elif definition.type is PropertyType.BOOLEAN:
            check = QCheckBox()
            check.setChecked(bool(value))
            check.toggled.connect(lambda checked: set_value(bool(checked)))
            widget = check
        elif definition.type is PropertyType.INTEGER:
            spin = QSpinBox()
            spin.setRange(int(definition.minimum or 0), int(definition.maximum or 1_000_000))
            spin.setValue(int(value))
            spin.editingFinished.connect(lambda: set_value(spin.value()))
            widget = spin
        elif definition.type is PropertyType.NUMBER:
            number = QDoubleSpinBox()
            number.setRange(definition.minimum or -1e9, definition.maximum or 1e9)
            number.setValue(float(value))
            number.editingFinished.connect(lambda: set_value(number.value()))
            widget = number
        else:
            edit = QLineEdit(str(value))
            edit.editingFinished.connect(lambda: set_value(edit.text()))
            widget = edit
        widget.setToolTip(definition.description or definition.label)
        self._add(definition.name, label, widget)

    def _edit(self, entities: list[Entity], *, key: object, text: str) -> None:
        if entities:
            self._run(EditEntities(entities, key=key, text=text))
