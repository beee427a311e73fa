"""DXF export: the design as an AutoCAD 2013 DXF for the architect and other trades.

What goes where:

- ``$INSUNITS`` (and ``$MEASUREMENT``) from the document unit; coordinates as they are.
- Layers in panel order with their colours (an exact ACI colour as its index, any other
  as a true colour plus the nearest ACI), hidden layers off, locked layers locked.
- The document's blocks as block definitions; the drawing's lines, arcs, circles,
  polylines (bulges kept), text (one line: TEXT; several: MTEXT) and block references on
  their layers with their colours.
- Devices as INSERTs of one block per device type (the catalog's symbol name, e.g.
  ``FA_SMOKE_DETECTOR``: the document's own block of that name if it has one, else the
  symbol drawn by :mod:`.device_symbols`), on the device's layer (its type's layer from the
  catalog unless the designer moved it), with the label as a visible attribute ``LABEL``
  and ``TYPE``/``MODEL`` as hidden ones.
- Wires as LWPOLYLINEs on one layer per circuit, ``<wire layer>-<circuit>`` (the wire's
  own layer when it has no circuit), coloured like the wire's layer.
- Devices and wires carry LV CAD's data as XDATA (:mod:`.dxf_xdata`), so importing the
  export gives devices and wires back; other programs ignore it.

Names DXF does not allow (``< > / \\ " : ; ? * = ```, or two names differing only in case)
are changed (``_``, then ``_2`` …). The underlay is a reference to another DXF and is not
exported; metadata is not exported either.

The file is built completely in memory and then written atomically, so a failed export
leaves any file already at ``path`` as it was.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from os import PathLike
from typing import Any

import ezdxf
from ezdxf.document import Drawing
from ezdxf.enums import TextEntityAlignment
from ezdxf.layouts import BaseLayout

from lvcad.model import (
    ArcEntity,
    BlockDefinition,
    CircleEntity,
    Color,
    Device,
    DeviceCatalog,
    Document,
    Entity,
    Insert,
    LineEntity,
    PolylineEntity,
    TextAnchor,
    TextEntity,
    Unit,
    Wire,
)

from . import dxf_xdata
from .device_symbols import symbol_block, symbol_name
from .dxf_tables import NameMap, color_to_aci, dxf_name
from .errors import DocumentWriteError
from .fileops import check_writable, write_file
from .gcpause import gc_paused

__all__ = ["DXF_VERSION", "export_dxf", "mtext_escape", "text_escape"]

#: The DXF version written (AutoCAD 2013).
DXF_VERSION = "R2013"
#: Default device symbol width: 12 inches, in any unit.
SYMBOL_WIDTH_INCHES = 12.0
_CHOOSE = "a file name ending in .dxf"

_TEXT_ALIGN = {
    TextAnchor.BASELINE_LEFT: TextEntityAlignment.LEFT,
    TextAnchor.BASELINE_CENTER: TextEntityAlignment.CENTER,
    TextAnchor.BASELINE_RIGHT: TextEntityAlignment.RIGHT,
    **{
        anchor: TextEntityAlignment[anchor.name]
        for anchor in TextAnchor
        if not anchor.name.startswith("BASELINE")
    },
}
# MTEXT attachment points; MTEXT has no baseline, so baseline anchors use the bottom.
_ATTACHMENT = {
    f"{v}_{h}": i + 1
    for i, (v, h) in enumerate(
        (v, h) for v in ("top", "middle", "bottom") for h in ("left", "center", "right")
    )
}


def export_dxf(
    document: Document,
    path: str | PathLike[str],
    *,
    catalog: DeviceCatalog | None = None,
    symbol_size: float | None = None,
) -> None:
    """Write ``document`` to ``path`` as an AutoCAD 2013 DXF file, atomically.

    ``catalog`` names the device types' symbols and layers (default: the built-in
    catalog); ``symbol_size`` is the width of drawn device symbols in document units
    (default 12 inches).

    Raises
    ------
    DocumentIsDirectoryError, DocumentNotFoundError, DocumentPermissionError
        ``path`` is a folder, its folder does not exist, or writing there is not allowed.
    DocumentWriteError
        Any other failure. In every case a file already at ``path`` is left as it was.

    Example
    -------
    >>> import tempfile, pathlib, ezdxf
    >>> from lvcad.model import Document, Unit
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "design.dxf"
    >>> export_dxf(Document(Unit.FOOT), path)
    >>> ezdxf.readfile(path).units  # $INSUNITS 2: feet
    2
    """
    path = check_writable(path, action="export", choose=_CHOOSE)
    catalog = DeviceCatalog.builtin() if catalog is None else catalog
    if symbol_size is None:
        symbol_size = Unit.INCH.convert(SYMBOL_WIDTH_INCHES, document.unit)
    try:
        with gc_paused():
            data = _Writer(document, catalog, symbol_size).write()
    except (ValueError, TypeError, ezdxf.DXFError) as error:
        raise DocumentWriteError(
            path,
            f"Cannot export {str(path)!r}: the drawing could not be written as DXF ({error}); "
            "nothing was written and any file already there is unchanged. Please report "
            "this problem.",
        ) from error
    write_file(path, data, action="export", choose=_CHOOSE)


class _Writer:
    def __init__(self, document: Document, catalog: DeviceCatalog, symbol_size: float) -> None:
        self.document = document
        self.catalog = catalog
        self.symbol_size = symbol_size
        self.dxf: Drawing = ezdxf.new(DXF_VERSION, units=document.unit.dxf_insunits)
        self.layers = NameMap(dxf_name, key=str.casefold)
        self.layers.reserve("0")
        self.blocks = NameMap(lambda name: dxf_name(name, anonymous_ok=True), key=str.casefold)
        self._circuit_layers: dict[tuple[str, str], str] = {}

    def write(self) -> bytes:
        dxf = self.dxf
        dxf.appids.add(dxf_xdata.APPID)
        if dxf.layers.has_entry("Defpoints") and not any(
            name.casefold() == "defpoints" for name in self.document.layers
        ):
            dxf.layers.remove("Defpoints")
        for layer in self.document.layers.values():
            entry = (
                dxf.layers.get("0")
                if layer.name == "0"
                else dxf.layers.add(self.layers(layer.name))
            )
            for key, value in _color_attribs(layer.color).items():
                entry.dxf.set(key, value)
            if not layer.visible:
                entry.off()
            if layer.locked:
                entry.lock()
        blocks: dict[str, BlockDefinition] = dict(self.document.blocks)
        for type_id in dict.fromkeys(device.device_type for device in self.document.devices()):
            name = symbol_name(type_id, self.catalog)
            if name not in blocks:
                blocks[name] = symbol_block(type_id, self.catalog, size=self.symbol_size)
        for block in blocks.values():  # define every name first: blocks may use each other
            dxf.blocks.new(self.blocks(block.name), base_point=tuple(block.base_point))
        for block in blocks.values():
            self._entities(dxf.blocks.get(self.blocks(block.name)), block.entities)
        self._entities(dxf.modelspace(), self.document)
        stream = io.StringIO()
        dxf.write(stream)
        return dxf.encode(stream.getvalue())

    def _entities(self, layout: BaseLayout, entities: Iterable[Entity]) -> None:
        for entity in entities:
            attribs: dict[str, Any] = {"layer": self.layers(entity.layer)}
            if entity.color is not None:
                attribs.update(_color_attribs(entity.color))
            match entity:
                case LineEntity(geometry=line):
                    layout.add_line(tuple(line.start), tuple(line.end), dxfattribs=attribs)
                case ArcEntity(geometry=arc):
                    start, end = arc.start_angle, arc.start_angle + arc.sweep
                    if arc.sweep < 0.0:
                        start, end = end, start
                    layout.add_arc(
                        tuple(arc.center),
                        arc.radius,
                        math.degrees(start),
                        math.degrees(end),
                        is_counter_clockwise=True,
                        dxfattribs=attribs,
                    )
                case CircleEntity():
                    layout.add_circle(tuple(entity.center), entity.radius, dxfattribs=attribs)
                case PolylineEntity(geometry=polyline):
                    points = zip(
                        polyline.x.tolist(),
                        polyline.y.tolist(),
                        polyline.bulges.tolist(),
                        strict=True,
                    )
                    layout.add_lwpolyline(
                        points, format="xyb", close=polyline.closed, dxfattribs=attribs
                    )
                case TextEntity():
                    self._text(layout, entity, attribs)
                case Insert():
                    self._insert(layout, entity, attribs)
                case Device():
                    self._device(layout, entity, attribs)
                case Wire():
                    self._wire(layout, entity, attribs)
                case _:  # pragma: no cover - the model has no other entity types
                    raise TypeError(f"cannot export a {type(entity).__name__}")

    def _text(self, layout: BaseLayout, text: TextEntity, attribs: dict[str, Any]) -> None:
        content = text.text.replace("\r\n", "\n").replace("\r", "\n")
        rotation = math.degrees(text.rotation)
        # ezdxf (and so LV CAD) drops a TEXT's trailing caret; MTEXT keeps it.
        if "\n" not in content and not content.endswith("^"):
            attribs.update(height=text.height, rotation=rotation)
            entity = layout.add_text(text_escape(content), dxfattribs=attribs)
            entity.set_placement(tuple(text.position), align=_TEXT_ALIGN[text.anchor])
            return
        vertical, horizontal = text.anchor.value.split("_")
        attribs.update(
            insert=tuple(text.position),
            char_height=text.height,
            rotation=rotation,
            attachment_point=_ATTACHMENT[
                f"{'bottom' if vertical == 'baseline' else vertical}_{horizontal}"
            ],
        )
        layout.add_mtext(mtext_escape(content), dxfattribs=attribs)

    def _insert(self, layout: BaseLayout, insert: Insert, attribs: dict[str, Any]) -> None:
        attribs.update(
            rotation=math.degrees(insert.rotation), xscale=insert.scale_x, yscale=insert.scale_y
        )
        reference = layout.add_blockref(
            self.blocks(insert.block), tuple(insert.position), dxfattribs=attribs
        )
        for tag, value in insert.attributes.items():
            # Hidden: the model keeps attribute values as data and does not draw them.
            reference.add_attrib(
                _attribute_tag(tag),
                text_escape(str(value)),
                tuple(insert.position),
                dxfattribs={"flags": 1, "layer": attribs["layer"]},
            )

    def _device(self, layout: BaseLayout, device: Device, attribs: dict[str, Any]) -> None:
        attribs["rotation"] = math.degrees(device.rotation)
        name = self.blocks(symbol_name(device.device_type, self.catalog))
        reference = layout.add_blockref(name, tuple(device.position), dxfattribs=attribs)
        x, y = device.position
        below = (x, y - 0.75 * self.symbol_size)
        values = {"LABEL": device.label, "TYPE": device.device_type, "MODEL": device.model}
        for tag, value in values.items():
            if not value:
                continue
            hidden = tag != "LABEL"
            attrib = reference.add_attrib(
                tag,
                text_escape(value),
                below,
                dxfattribs={
                    "flags": int(hidden),
                    "layer": attribs["layer"],
                    "height": self.symbol_size * 0.25,
                },
            )
            if not hidden:
                attrib.set_placement(below, align=TextEntityAlignment.TOP_CENTER)
        reference.set_xdata(dxf_xdata.APPID, dxf_xdata.encode(dxf_xdata.device_data(device)))

    def _wire(self, layout: BaseLayout, wire: Wire, attribs: dict[str, Any]) -> None:
        attribs["layer"] = self._circuit_layer(wire)
        path = wire.path
        points = zip(path.x.tolist(), path.y.tolist(), path.bulges.tolist(), strict=True)
        polyline = layout.add_lwpolyline(points, format="xyb", dxfattribs=attribs)
        polyline.set_xdata(dxf_xdata.APPID, dxf_xdata.encode(dxf_xdata.wire_data(wire)))

    def _circuit_layer(self, wire: Wire) -> str:
        if not wire.circuit:
            return self.layers(wire.layer)
        key = (wire.layer, wire.circuit)
        name = self._circuit_layers.get(key)
        if name is None:
            wanted = f"{wire.layer}-{wire.circuit}"
            known = wanted in self.layers
            name = self.layers(wanted)
            if not known and not self.dxf.layers.has_entry(name):
                entry = self.dxf.layers.add(name)
                for k, value in _color_attribs(self.document.layers[wire.layer].color).items():
                    entry.dxf.set(k, value)
            self._circuit_layers[key] = name
        return name


def _color_attribs(color: Color) -> dict[str, int]:
    """An exact ACI colour as its index; any other as a true colour plus the nearest ACI."""
    aci, exact = color_to_aci(color)
    if exact:
        return {"color": aci}
    return {"color": aci, "true_color": (color.r << 16) | (color.g << 8) | color.b}


def _attribute_tag(tag: str) -> str:
    """A DXF attribute tag: no spaces (AutoCAD refuses them) and no control characters."""
    return "".join("_" if ch.isspace() or ord(ch) < 32 else ch for ch in tag) or "_"


def text_escape(text: str) -> str:
    """``text`` for a TEXT entity: ``%%`` and ``^`` would otherwise be read as codes.

    A trailing ``^`` cannot be written in a TEXT (readers drop it); such text is exported
    as MTEXT.

    Example
    -------
    >>> from ezdxf.tools.text import plain_text
    >>> raw = "50%%d ^ 100%"
    >>> text_escape(raw), plain_text(text_escape(raw)) == raw
    ('50%%%%%%d ^  100%%%', True)
    """
    if "%%" in text:
        text = text.replace("%", "%%%")
    return text.replace("^", "^ ")


def mtext_escape(text: str) -> str:
    """``text`` (lines separated by ``\\n``) as MTEXT content, special characters escaped.

    Example
    -------
    >>> from ezdxf.tools.text import fast_plain_mtext
    >>> raw = "Room {A}\\\\B\\n2nd line"
    >>> fast_plain_mtext(mtext_escape(raw)) == raw
    True
    """
    text = text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
    return text_escape(text).replace("\n", "\\P")
