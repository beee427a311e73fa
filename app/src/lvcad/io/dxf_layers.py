"""The layers of an imported DXF drawing: names, colours and on/off/frozen/locked states.

DXF layer names compare without regard to case ("A-WALL" and "a-wall" are one layer), so
entities are matched to the layer table that way and take the table's spelling. A layer that
is off *or* frozen is imported as hidden (the model has one visibility flag); a locked layer
stays locked. A colour is the layer's true colour when it has one, else its ACI colour. A
layer that entities use but the table lacks is created (white, visible) and noted.
"""

from __future__ import annotations

from ezdxf.document import Drawing

from lvcad.model import DEFAULT_LAYER, Layer
from lvcad.model.color import WHITE

from .dxf_report import ReportBuilder
from .dxf_tables import NameMap, aci_color, model_name, true_color

__all__ = ["LayerTable"]


class LayerTable:
    """Model layers for the DXF layers of ``doc``, created as entities ask for them."""

    def __init__(self, doc: Drawing, report: ReportBuilder) -> None:
        self._report = report
        self._names = NameMap(model_name)
        self._names.reserve(DEFAULT_LAYER)
        self._by_key: dict[str, str] = {}  # casefolded DXF name → model name
        self._cache: dict[object, str] = {}  # DXF name as entities spell it → model name
        self._layers: dict[str, Layer] = {DEFAULT_LAYER: Layer(DEFAULT_LAYER)}
        frozen = 0
        for entry in doc.layers:
            dxf = entry.dxf
            name = dxf.get("name", "")
            if not isinstance(name, str) or name.casefold() in self._by_key:
                continue
            rgb = dxf.get("true_color")
            aci = dxf.get("color", 7)
            color = (
                true_color(rgb)
                if isinstance(rgb, int)
                else aci_color(abs(aci) if isinstance(aci, int) else 7) or WHITE
            )
            flags = dxf.get("flags", 0) if isinstance(dxf.get("flags", 0), int) else 0
            off = isinstance(aci, int) and aci < 0
            is_frozen = bool(flags & 1)
            frozen += is_frozen and not off
            self._add(
                name, Layer(self._model(name), color, not (off or is_frozen), bool(flags & 4))
            )
        if frozen:
            report.notes.append(
                f"{frozen} layer(s) frozen in the DXF are imported as hidden layers."
            )
        if self._names.renamed:
            renamed = ", ".join(f"{old!r} → {new!r}" for old, new in self._names.renamed.items())
            report.notes.append(f"Layers renamed (names LV CAD cannot hold): {renamed}.")

    def _model(self, dxf_name: str) -> str:
        return DEFAULT_LAYER if dxf_name == DEFAULT_LAYER else self._names(dxf_name)

    def _add(self, dxf_name: str, layer: Layer) -> str:
        self._by_key[dxf_name.casefold()] = layer.name
        self._layers[layer.name] = layer
        return layer.name

    def model_name(self, dxf_name: object) -> str:
        """The model layer of an entity on DXF layer ``dxf_name`` (created if missing)."""
        found = self._cache.get(dxf_name)
        if found is not None:
            return found
        text = dxf_name if isinstance(dxf_name, str) and dxf_name else DEFAULT_LAYER
        found = self._by_key.get(text.casefold())
        if found is None:
            found = self._add(text, Layer(self._model(text)))
            self._report.notes.append(
                f"Layer {text!r} is used but not defined in the file; it was created."
            )
        self._cache[dxf_name] = found
        return found

    def layers(self) -> list[Layer]:
        """Every layer, in the order of the DXF layer table ("0" first)."""
        return list(self._layers.values())
