"""Converting ezdxf entities into model entities (one DXF entity at a time).

:class:`EntityConverter` turns drawing entities into :mod:`lvcad.model` entities, placed by
a :class:`~.dxf_geometry.Placement` (unit scale, the entity's OCS, exploded block
references); :class:`~.dxf_blocks.DrawingConverter` adds block references, blocks, devices
and wires:

============================  ====================================================
DXF                           model
============================  ====================================================
LINE                          ``LineEntity``
ARC, CIRCLE                   ``ArcEntity``, ``CircleEntity`` (exact)
LWPOLYLINE, 2D/3D POLYLINE    ``PolylineEntity`` (bulges kept; widths dropped)
ELLIPSE                       circular: ``ArcEntity``/``CircleEntity``; else flattened
SPLINE                        flattened ``PolylineEntity``
TEXT, MTEXT, ATTRIB           ``TextEntity`` (plain text, position, height, rotation)
INSERT (MINSERT), DIMENSION   ``Insert`` of a ``BlockDefinition``, or exploded
SOLID, TRACE                  closed ``PolylineEntity`` (the outline; no fill)
INSERT/LWPOLYLINE + LVCAD     ``Device`` / ``Wire`` (XDATA written by LV CAD's export)
============================  ====================================================

Curves that cannot stay exact (ellipses, splines, arcs under a non-uniform scale) become
polylines within the converter's tolerance. Anything else is counted in the report as
unsupported, and an entity that cannot be converted (a circle of radius 0, a polyline with
one vertex, a reference to a missing block) is skipped with the reason: never silently.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from ezdxf.document import Drawing
from ezdxf.entities import DXFEntity
from ezdxf.lldxf.const import DXFError
from ezdxf.math import OCS, Vec3

from lvcad.model import (
    ArcEntity,
    CircleEntity,
    Color,
    Entity,
    LineEntity,
    PolylineEntity,
    TextAnchor,
    TextEntity,
    new_id,
)
from lvcad.model.checks import check_id
from lvcad_geometry import Arc, Line, Polyline, Transform
from lvcad_geometry.errors import GeometryError

from .dxf_geometry import Placement, arc_points, flatten_bulges, is_up, ocs_transform
from .dxf_layers import LayerTable
from .dxf_report import ReportBuilder
from .dxf_tables import aci_color, true_color

__all__ = ["BAD_DATA", "Context", "EntityConverter", "Ids", "Tolerance", "TooManyEntities"]

TAU = 2.0 * math.pi
#: ezdxf's flattening measures the chord error at segment midpoints only, which underestimates
#: it by up to ~10%: it is asked for this fraction of the tolerance.
_EZDXF_MARGIN = 0.5
#: Errors that mean "this entity's data cannot be converted" (skip it, say why). ezdxf's
#: curve subdivision recurses without bound on absurd values (RecursionError).
BAD_DATA = (ValueError, TypeError, ArithmeticError, IndexError, KeyError, RecursionError, DXFError)
_NUMBER = re.compile(r"-?\d[\d.]*(e[-+]?\d+)?")
_CONSTANT_ATTDEF = 2  # ATTDEF flag

# TEXT alignments (ezdxf TextEntityAlignment names) → anchors.
_TEXT_ANCHORS = {
    "LEFT": TextAnchor.BASELINE_LEFT,
    "CENTER": TextAnchor.BASELINE_CENTER,
    "RIGHT": TextAnchor.BASELINE_RIGHT,
    "MIDDLE": TextAnchor.MIDDLE_CENTER,
    **{
        f"{v}_{h}": TextAnchor(f"{v}_{h}".lower())
        for v in ("BOTTOM", "MIDDLE", "TOP")
        for h in ("LEFT", "CENTER", "RIGHT")
    },
}
# MTEXT attachment points 1-9 → anchors.
_MTEXT_ANCHORS = {
    i + 1: TextAnchor(f"{v}_{h}")
    for i, (v, h) in enumerate(
        (v, h) for v in ("top", "middle", "bottom") for h in ("left", "center", "right")
    )
}


class TooManyEntities(Exception):  # noqa: N818 - a signal to the import, not an error type
    """The import would produce more entities than its limit."""


@dataclass(frozen=True, slots=True)
class Tolerance:
    """Chord-to-curve error of flattened curves, in document units.

    The smaller of ``drawing`` (a fraction of the drawing's size, when known) and
    ``curve_rel`` times the curve's own size; ``fixed`` overrides both.
    """

    drawing: float = math.inf
    curve_rel: float = 1e-3
    fixed: float | None = None

    def __call__(self, size: float) -> float:
        if self.fixed is not None:
            return self.fixed
        return max(min(self.drawing, self.curve_rel * abs(size)), 1e-12 * abs(size), 1e-300)


class Ids:
    """Entity ids that are unique where they are used (the document, or one block)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, preferred: object) -> str:
        if isinstance(preferred, str) and preferred not in self.used:
            try:
                check_id(preferred)
            except ValueError:
                pass
            else:
                self.used.add(preferred)
                return preferred
        while (fresh := new_id()) in self.used:  # pragma: no cover - 64 random bits
            pass
        self.used.add(fresh)
        return fresh


@dataclass(frozen=True, slots=True)
class Context:
    """Where converted entities go and how they are placed."""

    out: list[Entity]
    place: Placement
    ids: Ids
    #: False inside block definitions and exploded blocks (no devices or wires there).
    top_level: bool = True
    #: True inside a block definition (its entities are not counted as imported).
    definition: bool = False
    #: Exploding: the layer and colour that layer-"0" and BYBLOCK entities take.
    layer0: str | None = None
    byblock: Color | None = None
    #: Exploding: ids are derived from the exploded reference's handle.
    id_prefix: str | None = None
    stack: tuple[str, ...] = ()


class EntityConverter:
    """Converts drawing entities (lines, arcs, polylines, text …) of an ezdxf document."""

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
        self.doc = doc
        self.report = report
        self.layers = layers
        self.root = root
        self.explode = explode
        self.tolerance = tolerance
        self.devices = devices
        self.max_entities = max_entities
        self._count = 0
        self._explode_counters: dict[str, int] = {}
        self._handlers: dict[str, Callable[[DXFEntity, Context], None]] = {
            "LINE": self._line,
            "ARC": self._arc,
            "CIRCLE": self._circle,
            "LWPOLYLINE": self._lwpolyline,
            "POLYLINE": self._polyline,
            "ELLIPSE": self._ellipse,
            "SPLINE": self._spline,
            "TEXT": self._text,
            "MTEXT": self._mtext,
            "SOLID": self._solid,
            "TRACE": self._solid,
            "ATTDEF": self._attdef,
        }

    # ------------------------------------------------------------------------ entry points

    def convert(self, entities: Iterable[DXFEntity], context: Context) -> None:
        """Convert ``entities`` into ``context.out``, recording what could not be."""
        handlers = self._handlers
        for entity in entities:
            kind = entity.dxftype()
            if not entity.is_alive:
                self.report.skip(kind, "ezdxf discarded it while reading the damaged file", None)
                continue
            handler = handlers.get(kind)
            if handler is None:
                self.report.unsupported[kind] += 1
                continue
            try:
                handler(entity, context)
            except BAD_DATA as error:
                self.report.skip(kind, reason(error), entity.dxf.get("handle"))

    # ---------------------------------------------------------------------------- common

    def _emit(self, entity: Entity, context: Context, kind: str) -> None:
        self._count += 1
        if self._count > self.max_entities:
            raise TooManyEntities
        context.out.append(entity)
        if not context.definition:
            self.report.imported[kind] += 1

    def _common(self, entity: DXFEntity, context: Context) -> tuple[str, str, Color | None]:
        """Id, layer and colour of the converted entity."""
        return (self._id(entity, context), *self._style(entity, context))

    def _id(self, entity: DXFEntity, context: Context) -> str:
        """The DXF handle (unique in the file) or, in an exploded block, handle + number."""
        if context.id_prefix is None:
            return context.ids.take(entity.dxf.get("handle"))
        number = self._explode_counters.get(context.id_prefix, 0) + 1
        self._explode_counters[context.id_prefix] = number
        return context.ids.take(f"{context.id_prefix}-{number}")

    def _style(self, entity: DXFEntity, context: Context) -> tuple[str, Color | None]:
        """Layer and own colour; in an exploded block, layer "0" and BYBLOCK inherit."""
        dxf = entity.dxf
        layer = self.layers.model_name(dxf.get("layer", "0"))
        if layer == "0" and context.layer0 is not None:
            layer = context.layer0
        rgb = dxf.get("true_color")
        if isinstance(rgb, int):
            return layer, true_color(rgb)
        aci = dxf.get("color", 256)
        return layer, (context.byblock if aci == 0 else aci_color(aci))

    def _ocs_transform(self, entity: DXFEntity, z: float) -> Transform | None:
        """The entity's OCS projected on the plan, or ``None`` when it is the WCS."""
        extrusion = entity.dxf.get("extrusion")
        if extrusion is None or is_up(extrusion):
            return None
        transform = ocs_transform(Vec3(extrusion), z)
        if abs(transform.determinant) < 1e-9:
            raise ValueError("it is seen edge-on in the plan (its plane is vertical)")
        return transform

    def _ocs(self, entity: DXFEntity, context: Context, z: float = 0.0) -> Placement:
        """The placement of an OCS entity: the context's, after its OCS."""
        transform = self._ocs_transform(entity, z)
        return context.place if transform is None else context.place.then(transform)

    def _tol(self, place: Placement, size: float) -> float:
        """Flattening tolerance in the entity's own coordinates."""
        return self.tolerance(size * place.stretch) / (place.stretch or 1.0)

    # -------------------------------------------------------------------------- geometry

    def _line(self, entity: DXFEntity, context: Context) -> None:
        dxf = entity.dxf
        start, end = dxf.start, dxf.end
        place = context.place
        entity_id, layer, color = self._common(entity, context)
        line = LineEntity(
            id=entity_id,
            layer=layer,
            color=color,
            geometry=Line(place.point(start[0], start[1]), place.point(end[0], end[1])),
        )
        self._emit(line, context, "LINE")

    def _arc(self, entity: DXFEntity, context: Context) -> None:
        dxf = entity.dxf
        center = dxf.center
        arc = Arc.from_angles(
            (center[0], center[1]),
            dxf.radius,
            math.radians(dxf.start_angle),
            math.radians(dxf.end_angle),
        )
        place = self._ocs(entity, context, center[2])
        self._curve(entity, context, place, arc, "ARC")

    def _circle(self, entity: DXFEntity, context: Context) -> None:
        dxf = entity.dxf
        center = dxf.center
        place = self._ocs(entity, context, center[2])
        if place.is_similarity:
            entity_id, layer, color = self._common(entity, context)
            circle = CircleEntity(
                id=entity_id,
                layer=layer,
                color=color,
                center=place.point(center[0], center[1]),
                radius=place.length(dxf.radius),
            )
            self._emit(circle, context, "CIRCLE")
        else:
            self._curve(
                entity, context, place, Arc((center[0], center[1]), dxf.radius, 0, TAU), "CIRCLE"
            )

    def _curve(
        self, entity: DXFEntity, context: Context, place: Placement, arc: Arc, kind: str
    ) -> None:
        """An arc (or full circle) in ``place``: exact, or flattened if it cannot be."""
        entity_id, layer, color = self._common(entity, context)
        full = abs(arc.sweep) >= TAU
        if place.is_similarity:
            if kind == "CIRCLE" or (full and kind == "ELLIPSE"):
                result: Entity = CircleEntity(
                    id=entity_id,
                    layer=layer,
                    color=color,
                    center=place.point(*arc.center),
                    radius=place.length(arc.radius),
                )
            else:
                placed = Arc(
                    place.point(*arc.center),
                    place.length(arc.radius),
                    place.angle(arc.start_angle),
                    place.sign * arc.sweep,
                )
                result = ArcEntity(id=entity_id, layer=layer, color=color, geometry=placed)
        else:
            x, y = arc_points(
                *arc.center, arc.radius, arc.start_angle, arc.sweep, self._tol(place, arc.radius)
            )
            if full:
                x, y = x[:-1], y[:-1]
            result = PolylineEntity(
                id=entity_id,
                layer=layer,
                color=color,
                geometry=Polyline.from_arrays(*place.points(x, y), closed=full),
            )
            self.report.approximated[f"{kind} under a non-uniform scale, flattened"] += 1
        self._emit(result, context, kind)

    def _polyline_entity(
        self,
        entity: DXFEntity,
        context: Context,
        place: Placement,
        arrays: tuple[np.ndarray, np.ndarray, np.ndarray],
        closed: bool,
        kind: str,
    ) -> Polyline:
        x, y, bulges = arrays
        if len(x) < 2:
            raise ValueError("it has fewer than 2 vertices")
        if place.is_similarity:
            px, py = place.points(x, y)
            geometry = Polyline.from_arrays(px, py, bulges * place.sign, closed=closed)
        else:
            if bulges.any():
                size = float(np.ptp(x) + np.ptp(y))
                x, y = flatten_bulges(x, y, bulges, closed, self._tol(place, size))
                self.report.approximated[f"{kind} arcs under a non-uniform scale, flattened"] += 1
            geometry = Polyline.from_arrays(*place.points(x, y), closed=closed)
        return geometry

    def _lwpolyline(self, entity: DXFEntity, context: Context) -> None:
        dxf = entity.dxf
        values = entity.lwpoints.values  # type: ignore[attr-defined]  # (n, 5): x y w0 w1 b
        place = self._ocs(entity, context, dxf.get("elevation", 0.0))
        closed = bool(dxf.get("flags", 0) & 1)
        arrays = (values[:, 0], values[:, 1], values[:, 4])
        geometry = self._polyline_entity(entity, context, place, arrays, closed, "LWPOLYLINE")
        if dxf.get("const_width", 0.0) or values[:, 2:4].any():
            self.report.approximated["LWPOLYLINE width dropped (drawn as its centre line)"] += 1
        self._emit(self._lwpolyline_entity(entity, context, geometry), context, "LWPOLYLINE")

    def _lwpolyline_entity(self, entity: DXFEntity, context: Context, geometry: Polyline) -> Entity:
        """What an LWPOLYLINE becomes (:mod:`.dxf_blocks` turns LV CAD's wires into wires)."""
        entity_id, layer, color = self._common(entity, context)
        return PolylineEntity(id=entity_id, layer=layer, color=color, geometry=geometry)

    def _polyline(self, entity: DXFEntity, context: Context) -> None:
        if entity.is_2d_polyline:  # type: ignore[attr-defined]
            vertices = [v.dxf for v in entity.vertices if not v.dxf.get("flags", 0) & 16]  # type: ignore[attr-defined]
            x = np.array([v.location[0] for v in vertices], dtype=np.float64)
            y = np.array([v.location[1] for v in vertices], dtype=np.float64)
            bulges = np.array([v.get("bulge", 0.0) for v in vertices], dtype=np.float64)
            place = self._ocs(entity, context, entity.dxf.get("elevation", Vec3())[2])
            if entity.dxf.get("default_start_width", 0.0) or entity.dxf.get(
                "default_end_width", 0.0
            ):
                self.report.approximated["POLYLINE width dropped (drawn as its centre line)"] += 1
        elif entity.is_3d_polyline:  # type: ignore[attr-defined]
            points = [v.dxf.location for v in entity.vertices]  # type: ignore[attr-defined]
            x = np.array([p[0] for p in points], dtype=np.float64)
            y = np.array([p[1] for p in points], dtype=np.float64)
            bulges = np.zeros(len(x))
            place = context.place
        else:
            mesh = "polyface" if entity.is_poly_face_mesh else "polygon"  # type: ignore[attr-defined]
            self.report.unsupported[f"POLYLINE ({mesh} mesh)"] += 1
            return
        closed = bool(entity.is_closed)  # type: ignore[attr-defined]
        geometry = self._polyline_entity(entity, context, place, (x, y, bulges), closed, "POLYLINE")
        entity_id, layer, color = self._common(entity, context)
        result = PolylineEntity(id=entity_id, layer=layer, color=color, geometry=geometry)
        self._emit(result, context, "POLYLINE")

    def _solid(self, entity: DXFEntity, context: Context) -> None:
        dxf = entity.dxf
        corners = [dxf.get(name) for name in ("vtx0", "vtx1", "vtx3", "vtx2")]
        points = [(p[0], p[1]) for p in corners if p is not None]
        if len(points) == 4 and points[2] == points[3]:
            del points[2]
        place = self._ocs(entity, context, corners[0][2] if corners[0] is not None else 0.0)
        x = np.array([p[0] for p in points], dtype=np.float64)
        y = np.array([p[1] for p in points], dtype=np.float64)
        kind = entity.dxftype()
        geometry = self._polyline_entity(
            entity, context, place, (x, y, np.zeros(len(x))), True, kind
        )
        entity_id, layer, color = self._common(entity, context)
        result = PolylineEntity(id=entity_id, layer=layer, color=color, geometry=geometry)
        self.report.approximated[f"{kind} drawn as its outline (no fill)"] += 1
        self._emit(result, context, kind)

    def _ellipse(self, entity: DXFEntity, context: Context) -> None:
        dxf = entity.dxf
        center, major, ratio = dxf.center, dxf.major_axis, dxf.ratio
        extrusion = dxf.get("extrusion", Vec3(0, 0, 1))
        start, end = dxf.get("start_param", 0.0), dxf.get("end_param", TAU)
        radius = math.hypot(major[0], major[1])
        flat = extrusion[0] == 0.0 and extrusion[1] == 0.0 and major[2] == 0.0
        if flat and abs(ratio - 1.0) <= 1e-12 and radius > 0.0:
            sign = 1.0 if extrusion[2] > 0 else -1.0
            sweep = math.fmod(end - start, TAU)
            sweep = sweep + TAU if sweep <= 0.0 else sweep
            base = math.atan2(major[1], major[0])
            arc = Arc((center[0], center[1]), radius, base + sign * start, sign * sweep)
            self._curve(entity, context, context.place, arc, "ELLIPSE")
            return
        place = context.place
        tolerance = self._tol(place, max(radius, math.hypot(*major)))
        points = list(entity.flattening(tolerance * _EZDXF_MARGIN))  # type: ignore[attr-defined]
        full = abs(math.fmod(end - start, TAU)) < 1e-12
        self._flattened(entity, context, points, full, "ELLIPSE")

    def _spline(self, entity: DXFEntity, context: Context) -> None:
        control = list(entity.control_points) or list(entity.fit_points)  # type: ignore[attr-defined]
        if len(control) < 2:
            raise ValueError("it has fewer than 2 control or fit points")
        xs = [p[0] for p in control]
        ys = [p[1] for p in control]
        size = max(max(xs) - min(xs), max(ys) - min(ys))
        tolerance = self._tol(context.place, size) * _EZDXF_MARGIN
        points = list(entity.flattening(tolerance))  # type: ignore[attr-defined]
        closed = bool(entity.closed)  # type: ignore[attr-defined]
        self._flattened(entity, context, points, closed, "SPLINE")

    def _flattened(
        self, entity: DXFEntity, context: Context, points: list[Vec3], closed: bool, kind: str
    ) -> None:
        x = np.array([p[0] for p in points], dtype=np.float64)
        y = np.array([p[1] for p in points], dtype=np.float64)
        if closed and len(x) > 2 and x[0] == x[-1] and y[0] == y[-1]:
            x, y = x[:-1], y[:-1]
        if len(x) < 2:
            raise ValueError("it has no length")
        entity_id, layer, color = self._common(entity, context)
        geometry = Polyline.from_arrays(*context.place.points(x, y), closed=closed)
        result = PolylineEntity(id=entity_id, layer=layer, color=color, geometry=geometry)
        self.report.approximated[f"{kind} flattened to a polyline"] += 1
        self._emit(result, context, kind)

    # ------------------------------------------------------------------------------ text

    def _text(self, entity: DXFEntity, context: Context, kind: str = "TEXT") -> None:
        dxf = entity.dxf
        align, p1, p2 = entity.get_placement()  # type: ignore[attr-defined]
        rotation = math.radians(dxf.get("rotation", 0.0))
        anchor = _TEXT_ANCHORS.get(align.name)
        position = p1
        if anchor is None:  # ALIGNED or FIT: between two points, stretched
            if p2 is not None and (p1[0], p1[1]) != (p2[0], p2[1]):
                position = (p1 + p2) / 2
                rotation = math.atan2(p2[1] - p1[1], p2[0] - p1[0])
                anchor = TextAnchor.BASELINE_CENTER
            else:
                anchor = TextAnchor.BASELINE_LEFT
            self.report.approximated[f"{kind} aligned or fit: its stretch is not kept"] += 1
        place = self._ocs(entity, context, position[2])
        self._emit_text(
            entity,
            context,
            place,
            position,
            entity.plain_text(),  # type: ignore[attr-defined]
            dxf.get("height", 2.5),
            rotation,
            anchor,
            kind,
        )

    def _mtext(self, entity: DXFEntity, context: Context) -> None:
        dxf = entity.dxf
        extrusion = dxf.get("extrusion")
        if dxf.hasattr("text_direction"):
            direction = dxf.text_direction
            rotation = math.atan2(direction[1], direction[0])
        else:
            rotation = math.radians(dxf.get("rotation", 0.0))
            if extrusion is not None and not is_up(extrusion):
                direction = OCS(Vec3(extrusion)).to_wcs(Vec3.from_angle(rotation))
                rotation = math.atan2(direction[1], direction[0])
        anchor = _MTEXT_ANCHORS.get(dxf.get("attachment_point", 1), TextAnchor.TOP_LEFT)
        text = entity.plain_text(split=False)  # type: ignore[attr-defined]
        self._emit_text(
            entity,
            context,
            context.place,
            dxf.insert,
            str(text),
            dxf.get("char_height", 2.5),
            rotation,
            anchor,
            "MTEXT",
        )

    def _emit_text(
        self,
        entity: DXFEntity,
        context: Context,
        place: Placement,
        position: Vec3,
        text: str,
        height: float,
        rotation: float,
        anchor: TextAnchor,
        kind: str,
    ) -> None:
        if place.is_similarity:
            height, rotation = place.length(height), place.angle(rotation)
        else:
            height, rotation = place.height(height, rotation), place.direction(rotation)[0]
        if not height > 0.0:
            raise ValueError("its text height is 0")
        entity_id, layer, color = self._common(entity, context)
        result = TextEntity(
            id=entity_id,
            layer=layer,
            color=color,
            position=place.point(position[0], position[1]),
            text=clean_text(text),
            height=height,
            rotation=rotation,
            anchor=anchor,
        )
        self._emit(result, context, kind)

    def _attdef(self, entity: DXFEntity, context: Context) -> None:
        if entity.dxf.get("flags", 0) & _CONSTANT_ATTDEF:  # constant: drawn like text
            self._text(entity, context, "ATTDEF")
        else:
            self.report.ignored["attribute definitions (ATTDEF; values are in the INSERTs)"] += 1


def clean_text(text: str) -> str:
    """``text`` with anything a document cannot save (lone surrogates) replaced."""
    return text.encode("utf-8", errors="replace").decode("utf-8")


def reason(error: BaseException) -> str:
    """A skip reason that groups alike errors (numbers replaced by '#')."""
    text = str(error) or type(error).__name__
    if isinstance(error, GeometryError | ValueError) and not isinstance(error, DXFError):
        return _NUMBER.sub("#", text)[:200]
    return f"unreadable data ({type(error).__name__}: {_NUMBER.sub('#', text)[:160]})"


def _text_or_empty(value: object) -> str:
    return value if isinstance(value, str) else ""
