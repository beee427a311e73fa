"""Block references, blocks, devices and wires of an imported DXF drawing.

:class:`DrawingConverter` is the :class:`~.dxf_entities.EntityConverter` the import uses:
it adds INSERT (and MINSERT) and DIMENSION, either as :class:`~lvcad.model.Insert` entities
of block definitions converted on first use, or exploded into the placed entities of their
blocks (nested references, mirrors and non-uniform scales included; entities on layer "0"
and in BYBLOCK colour take the reference's layer and colour, as in CAD programs).

A block reference in a tilted plane (OCS) that would shear its block cannot be an
``Insert``; it is exploded and the report says so. A block that contains itself, directly or
not, is kept without the reference to itself. Block references and polylines that carry LV
CAD's XDATA (:mod:`.dxf_xdata`) become devices and wires again.
"""

from __future__ import annotations

import math
from dataclasses import replace

from ezdxf.document import Drawing
from ezdxf.entities import Attrib, DXFEntity
from ezdxf.layouts import BlockLayout
from ezdxf.math import OCS, Vec3

from lvcad.model import (
    BlockDefinition,
    Color,
    Device,
    Entity,
    Insert,
    PropertyMap,
    Wire,
    new_id,
)
from lvcad_geometry import Polyline, Transform, Vec2

from . import dxf_xdata
from .dxf_entities import (
    BAD_DATA,
    Context,
    EntityConverter,
    Ids,
    Tolerance,
    TooManyEntities,
    clean_text,
    reason,
)
from .dxf_geometry import Placement, decompose
from .dxf_layers import LayerTable
from .dxf_report import ReportBuilder
from .dxf_tables import NameMap, model_name

__all__ = ["MAX_DEPTH", "DrawingConverter"]

#: Deepest block nesting followed (deeper references are skipped with a reason).
MAX_DEPTH = 64
_HIDDEN_ATTRIB = 1  # ATTRIB flag: invisible
TAU = 2.0 * math.pi


class DrawingConverter(EntityConverter):
    """Converts model space and the blocks it uses, devices and wires included."""

    def __init__(
        self,
        doc: Drawing,
        report: ReportBuilder,
        layers: LayerTable,
        *,
        root: Placement,
        explode: bool,
        tolerance: Tolerance,
        devices: bool,
        max_entities: int,
    ) -> None:
        super().__init__(
            doc,
            report,
            layers,
            root=root,
            explode=explode,
            tolerance=tolerance,
            devices=devices,
            max_entities=max_entities,
        )
        #: Converted blocks by model name, each after the blocks it uses.
        self.blocks: dict[str, BlockDefinition] = {}
        self._block_names = NameMap(model_name)
        self._block_state: dict[str, str | None] = {}  # DXF key → model name (None: failed)
        self._device_ids: dict[str, str] = {}  # id in the XDATA → id in the document
        self._wires: list[int] = []
        self._handlers.update(
            INSERT=self._insert,
            DIMENSION=self._dimension,
            ARC_DIMENSION=self._dimension,
            LARGE_RADIAL_DIMENSION=self._dimension,
        )

    # ------------------------------------------------------------------------ entry points

    def convert_modelspace(self) -> list[Entity]:
        """The model-space entities, in draw (file) order."""
        out: list[Entity] = []
        context = Context(out=out, place=self.root, ids=Ids())
        self.convert(self.doc.modelspace(), context)
        self._connect_wires(out)
        return out

    def convert_named_blocks(self) -> None:
        """Also convert the named blocks model space does not use (a symbol library).

        Layouts (``*Model_Space``, ``*Paper_Space…``), anonymous blocks (``*U…``, ``*D…``)
        and external references are left out.
        """
        for layout in self.doc.blocks:
            block = layout.block
            if (
                layout.name.startswith("*")
                or block is None
                or block.is_xref
                or layout.name.casefold() in self._block_state
            ):
                continue
            self._block(layout)

    # ------------------------------------------------------------------------ attributes

    def _attributes(self, entity: DXFEntity, context: Context) -> PropertyMap:
        """The ATTRIB values of an INSERT; the visible ones are also drawn as text."""
        values: dict[str, str] = {}
        for attrib in _attribs(entity):
            tag = model_name(attrib.dxf.get("tag", "")).strip() or "_"
            values[tag] = clean_text(attrib.plain_text())
        self._visible_attributes(entity, context)
        return PropertyMap(values)

    def _visible_attributes(self, entity: DXFEntity, context: Context) -> None:
        """The visible ATTRIBs of an INSERT as text, in the INSERT's space."""
        for attrib in _attribs(entity):
            if attrib.dxf.get("flags", 0) & _HIDDEN_ATTRIB or not attrib.dxf.get("text"):
                continue
            try:
                self._text(attrib, context, "ATTRIB")
            except BAD_DATA as error:
                self.report.skip("ATTRIB", reason(error), attrib.dxf.get("handle"))

    # --------------------------------------------------------------- blocks and references

    def _insert(self, entity: DXFEntity, context: Context) -> None:
        if self.devices and context.top_level and context.id_prefix is None:
            data = dxf_xdata.read(entity)
            if data is not None and data.get("kind") == "device":
                self._device(entity, context, data)
                return
        mcount = entity.mcount  # type: ignore[attr-defined]
        if self._count + mcount > self.max_entities:
            raise TooManyEntities
        references = list(entity.multi_insert()) if mcount > 1 else [entity]  # type: ignore[attr-defined]
        for reference in references:
            dxf = reference.dxf
            name = dxf.get("name", "")
            origin = dxf.get("insert", Vec3())
            rotation = math.radians(dxf.get("rotation", 0.0))
            sx, sy = dxf.get("xscale", 1.0), dxf.get("yscale", 1.0)
            ocs = self._ocs_transform(reference, origin[2])
            local = (
                Transform.translation(origin[0], origin[1])
                @ Transform.rotation(rotation)
                @ Transform.scaling(sx, sy)
            )
            world = local if ocs is None else ocs @ local
            exact = (origin[0], origin[1], rotation, sx, sy) if ocs is None else None
            self._reference(reference, context, name, world, exact, "INSERT")

    def _dimension(self, entity: DXFEntity, context: Context) -> None:
        # As ezdxf draws it: the block's entities are in the dimension's OCS, then moved
        # by the dimension's "insert" offset (in the WCS).
        dxf = entity.dxf
        name = dxf.get("geometry")
        if not name:
            raise ValueError("it has no drawing block (the program that wrote it made none)")
        offset = dxf.get("insert", Vec3())
        ocs = self._ocs_transform(entity, 0.0)
        if ocs is None:
            world = Transform.translation(offset[0], offset[1])
            exact = (offset[0], offset[1], 0.0, 1.0, 1.0)
        else:
            offset = OCS(dxf.extrusion).to_wcs(offset)
            world = Transform.translation(offset[0], offset[1]) @ ocs
            exact = None
        self._reference(entity, context, name, world, exact, entity.dxftype())

    def _reference(
        self,
        entity: DXFEntity,
        context: Context,
        name: object,
        world: Transform,
        exact: tuple[float, float, float, float, float] | None,
        kind: str,
    ) -> None:
        """A block reference: an ``Insert``, or exploded.

        ``world`` maps block coordinates (after its base point) into the plan; ``exact``
        holds the file's own position, rotation and scales when no OCS is involved.
        """
        layout = self.doc.blocks.get(name) if isinstance(name, str) and name else None
        if layout is None:
            raise ValueError(f"block {name!r} is not defined in the file")
        assert isinstance(name, str)
        if layout.block is not None and layout.block.is_xref:
            raise ValueError(f"block {name!r} is an external reference (xref), not loaded")
        base = layout.block.dxf.get("base_point", Vec3()) if layout.block is not None else Vec3()
        if self.explode or context.id_prefix is not None:
            block_to_plan = world @ Transform.translation(-base[0], -base[1])
            self._explode(entity, context, layout, block_to_plan)
            return
        placed = decompose(world)
        if placed is None:  # sheared by a tilted OCS: cannot be an Insert, explode this one
            self.report.approximated[f"{kind} sheared by its plane, exploded"] += 1
            self._explode(
                entity, context, layout, world @ Transform.translation(-base[0], -base[1])
            )
            return
        model_block = self._block(layout)
        if model_block is None:
            raise ValueError(f"block {name!r} contains itself")
        (x, y), angle, sx, sy = placed
        if exact is not None:  # the file's own values, not recomputed ones
            x, y, angle, sx, sy = exact
        attributes = self._attributes(entity, context) if kind == "INSERT" else PropertyMap()
        entity_id = self._id(entity, context)
        layer, color = self._style(entity, context)
        result = Insert(
            id=entity_id,
            layer=layer,
            color=color,
            block=model_block,
            position=context.place.point(x, y),
            rotation=angle,
            scale_x=sx,
            scale_y=sy,
            attributes=attributes,
        )
        self._emit(result, context, kind)

    def _explode(
        self, entity: DXFEntity, context: Context, layout: BlockLayout, transform: Transform
    ) -> None:
        name = layout.name
        if name.casefold() in (n.casefold() for n in context.stack):
            raise ValueError(f"block {name!r} contains itself")
        if len(context.stack) >= MAX_DEPTH:
            raise ValueError(f"blocks are nested more than {MAX_DEPTH} deep")
        layer, color = self._style(entity, context)
        handle = entity.dxf.get("handle")
        prefix = context.id_prefix or (handle if isinstance(handle, str) else new_id())
        child = replace(
            context,
            place=context.place.then(transform),
            top_level=False,
            layer0=layer,
            byblock=color,
            id_prefix=prefix,
            stack=(*context.stack, name),
        )
        if not context.definition:
            self.report.exploded[entity.dxftype()] += 1
        self.convert(layout, child)
        if entity.dxftype() == "INSERT":
            self._visible_attributes(entity, context)

    def _block(self, layout: BlockLayout) -> str | None:
        """The model name of a DXF block, converting it first; ``None`` if it contains itself."""
        key = layout.name.casefold()
        if key in self._block_state:
            return self._block_state[key]
        self._block_state[key] = None  # in progress: a reference back to it is a cycle
        out: list[Entity] = []
        context = Context(out=out, place=self.root, ids=Ids(), top_level=False, definition=True)
        self.convert(layout, context)
        base = layout.block.dxf.get("base_point", Vec3()) if layout.block is not None else Vec3()
        point = self.root.point(base[0], base[1])
        if not (math.isfinite(point.x) and math.isfinite(point.y)):
            self.report.notes.append(
                f"Block {layout.name!r}: its base point is not a number; (0, 0) was used."
            )
            point = Vec2(0.0, 0.0)
        model = self._block_names(layout.name)
        self.blocks[model] = BlockDefinition(model, base_point=point, entities=tuple(out))
        self._block_state[key] = model
        return model

    # ---------------------------------------------------------------------- devices, wires

    def _device(self, entity: DXFEntity, context: Context, data: dict[str, object]) -> None:
        dxf = entity.dxf
        origin = dxf.get("insert", Vec3())
        place = self._ocs(entity, context, origin[2])
        rotation = place.angle(math.radians(dxf.get("rotation", 0.0)))
        stored = data.get("rotation")
        if isinstance(stored, float) and abs(math.remainder(stored - rotation, TAU)) < 1e-9:
            rotation = stored  # the exact value LV CAD wrote
        layer, color = self._style(entity, context)
        stored_layer = data.get("layer")
        if isinstance(stored_layer, str) and stored_layer.casefold() == layer.casefold():
            layer = self.layers.model_name(stored_layer)
        wanted = data.get("id")
        device_id = context.ids.take(wanted)
        properties = data.get("properties")
        device = Device(
            id=device_id,
            layer=layer,
            color=color,
            device_type=str(data.get("type")),
            position=place.point(origin[0], origin[1]),
            rotation=rotation,
            model=_text_or_empty(data.get("model")),
            label=_text_or_empty(data.get("label")),
            properties=PropertyMap(properties if isinstance(properties, dict) else {}),
        )
        if isinstance(wanted, str):
            self._device_ids[wanted] = device_id
        self._emit(device, context, "INSERT")

    def _wire(
        self,
        data: dict[str, object],
        path: Polyline,
        entity_id: str,
        layer: str,
        color: Color | None,
        context: Context,
    ) -> Wire | None:
        wanted = data.get("id")
        if isinstance(wanted, str) and wanted != entity_id and wanted not in context.ids.used:
            context.ids.used.discard(entity_id)
            entity_id = context.ids.take(wanted)
        stored_layer = data.get("layer")
        if isinstance(stored_layer, str):
            layer = self.layers.model_name(stored_layer)
        devices = data.get("devices")
        try:
            return Wire(
                id=entity_id,
                layer=layer,
                color=color,
                path=path,
                circuit=_text_or_empty(data.get("circuit")),
                devices=tuple(d for d in devices if isinstance(d, str))
                if isinstance(devices, list)
                else (),
            )
        except ValueError:
            return None

    def _lwpolyline_entity(self, entity: DXFEntity, context: Context, geometry: Polyline) -> Entity:
        data = dxf_xdata.read(entity) if self.devices and context.top_level else None
        if data is not None and data.get("kind") == "wire" and not geometry.closed:
            entity_id, layer, color = self._common(entity, context)
            wire = self._wire(data, geometry, entity_id, layer, color, context)
            if wire is not None:
                self._wires.append(len(context.out))  # emitted next, at this index
                return wire
            context.ids.used.discard(entity_id)
        return super()._lwpolyline_entity(entity, context, geometry)

    def _connect_wires(self, out: list[Entity]) -> None:
        """Point wires at their devices' final ids; drop connections to devices not found."""
        for index in self._wires:
            wire = out[index]
            assert isinstance(wire, Wire)
            devices = tuple(
                self._device_ids[d] for d in dict.fromkeys(wire.devices) if d in self._device_ids
            )
            if devices != wire.devices:
                lost = len(wire.devices) - len(devices)
                if lost:
                    self.report.notes.append(
                        f"Wire {wire.id!r}: {lost} connected device(s) not found in the file; "
                        "the wire was kept without them."
                    )
                out[index] = replace(wire, devices=devices)


def _attribs(entity: DXFEntity) -> list[Attrib]:
    """The ATTRIBs of an INSERT that ezdxf did not discard while reading a damaged file."""
    return [attrib for attrib in entity.attribs if attrib.is_alive]  # type: ignore[attr-defined]


def _text_or_empty(value: object) -> str:
    return value if isinstance(value, str) else ""
