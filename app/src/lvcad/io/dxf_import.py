"""DXF import: the architect's drawing as a new document, or as the document's underlay.

:func:`import_dxf` reads a DXF file (:mod:`.dxf_reader`: size limit, binary DXF, repair of
damaged files), works out its units (:mod:`.dxf_units`), converts model space and the blocks
it uses (:mod:`.dxf_entities`, :mod:`.dxf_layers`) and returns an
:class:`~.dxf_report.ImportResult`: a new :class:`~lvcad.model.Document` and an
:class:`~.dxf_report.ImportReport` of what happened.
The caller's current document is never touched: it gets a complete new one, or an exception.

**Units.** ``$INSUNITS`` is mapped by the DXF specification to the nearest document unit
with an exact factor (centimetres → millimetres x10 …). ``unit=`` chooses the document unit
instead (a millimetre plan can become a metre document). A drawing without units (code 0,
no ``$INSUNITS``, or an unknown code) raises :class:`~.errors.DxfUnitsError`, which carries the
``$MEASUREMENT`` hint (imperial or metric), unless ``unit=`` says what its coordinates are:
a wrong guess would put the plan 25.4x or 1000x off, which a designer may not notice until
devices are counted on a plan of the wrong size, so LV CAD asks instead of guessing.

**Underlay.** With ``as_underlay=True`` the document is new and empty except for its
underlay reference (:class:`~lvcad.model.Underlay`: the DXF's absolute path, the unit scale
as its transform, and the DXF's hidden/locked layers as layer states), and
``result.underlay`` holds the drawing's geometry in the DXF's own coordinates: a read-only
set of model entities (:class:`~.dxf_report.UnderlayDrawing`), not part of the document and
never saved in it. :func:`load_underlay` reads it again when a document with an underlay is
opened.

Example
-------
>>> import tempfile, pathlib, ezdxf
>>> path = pathlib.Path(tempfile.mkdtemp()) / "plan.dxf"
>>> drawing = ezdxf.new("R2013", units=5)  # centimetres
>>> _ = drawing.modelspace().add_line((0, 0), (250, 0))
>>> drawing.saveas(path)
>>> result = import_dxf(path)
>>> result.document.unit, next(iter(result.document)).geometry.end
(<Unit.MILLIMETRE: 'mm'>, Vec2(x=2500.0, y=0.0))
>>> print(result.report.summary())
Imported 1 entities from plan.dxf (AC1027 (R2013)).
Units: centimetres (5), 1 cm = 10 mm.
"""

from __future__ import annotations

import math
from fractions import Fraction
from os import PathLike
from pathlib import Path

from ezdxf.document import Drawing
from ezdxf.lldxf.const import DXFError, acad_release

from lvcad.model import Document, Underlay, UnderlayLayer, Unit
from lvcad_geometry import Transform

from .dxf_blocks import DrawingConverter
from .dxf_entities import Tolerance, TooManyEntities
from .dxf_geometry import Placement
from .dxf_layers import LayerTable
from .dxf_reader import DEFAULT_MAX_BYTES, ReadLog, read_dxf
from .dxf_report import (
    ImportReport,
    ImportResult,
    ReportBuilder,
    UnderlayDrawing,
    frozen_counts,
    plural,
)
from .dxf_units import DxfUnit, UnitScale, dxf_unit
from .errors import DxfTooLargeError, DxfUnitsError
from .gcpause import gc_paused

__all__ = ["DEFAULT_MAX_ENTITIES", "DRAWING_TOLERANCE", "import_dxf", "load_underlay"]

#: Default limit of entities an import creates (model space, exploded blocks, MINSERTs).
DEFAULT_MAX_ENTITIES = 2_000_000
#: Flattened curves stay within this fraction of the drawing's size (when the file's
#: $EXTMIN/$EXTMAX give it) and within 0.1% of the curve's own size.
DRAWING_TOLERANCE = 1e-5


def import_dxf(
    path: str | PathLike[str],
    *,
    as_underlay: bool = False,
    explode_blocks: bool = False,
    unit: Unit | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_entities: int = DEFAULT_MAX_ENTITIES,
    flatten_tolerance: float | None = None,
) -> ImportResult:
    """Import the DXF file at ``path`` as a new document (or a new document's underlay).

    Parameters
    ----------
    as_underlay
        Make the drawing the new document's underlay instead of its content.
    explode_blocks
        Replace block references (and dimensions) by the entities of their blocks, placed
        (nested blocks, non-uniform scales and mirrors included); otherwise blocks become
        block definitions and references ``Insert`` entities.
    unit
        The document unit. For a drawing with units, its coordinates are converted to it
        (default: the nearest document unit, see :mod:`.dxf_units`); for a drawing without
        units, its coordinates are taken to be in it.
    max_bytes, max_entities
        Refuse bigger files, or files that would make more entities, with
        :class:`~.errors.DxfTooLargeError` before memory runs out.
    flatten_tolerance
        Chord error of flattened curves (ellipses, splines, arcs under a non-uniform
        scale) in document units (DXF units for an underlay); default relative to the
        drawing and curve sizes.

    Raises
    ------
    DocumentNotFoundError, DocumentIsDirectoryError, DocumentPermissionError, DocumentReadError
        The file cannot be read.
    DxfEmptyError, NotADxfError, DxfCorruptError
        It is empty, not DXF, or damaged beyond repair.
    DxfTooLargeError
        It is over ``max_bytes`` or would make more than ``max_entities`` entities.
    DxfUnitsError
        It does not say its units and ``unit`` is not given.
    """
    path = Path(path)
    with gc_paused():
        doc, log = read_dxf(path, max_bytes=max_bytes)
        code, found, target, factor, assumed = _units(doc, path, unit)
        root = Placement.scaled(UnitScale(Fraction(1) if as_underlay else factor))
        size = _drawing_size(doc) * (1.0 if as_underlay else float(factor))
        tolerance = Tolerance(drawing=DRAWING_TOLERANCE * size, fixed=flatten_tolerance)
        report = ReportBuilder()
        if assumed:
            report.notes.append(
                f"The file does not say its units ($INSUNITS {code!r}); its coordinates were "
                f"taken as {plural(target)}, as chosen."
            )
        drawing = _convert(
            path,
            doc,
            log,
            report,
            root,
            tolerance,
            explode=explode_blocks,
            devices=not as_underlay,
            max_entities=max_entities,
        )
        if found is None:
            units_name, scale = "unitless", "coordinates as they are"
        else:
            units_name = found.name
            scale = (
                "coordinates as they are"
                if factor == 1
                else f"1 {found.symbol} = {_number(factor)} {target.symbol}"
            )
        final = _report(path, doc, log, report, code, units_name, target, scale, assumed)
        if as_underlay:
            underlay = Underlay(
                str(path.resolve()), Transform.scaling(float(factor)), _layer_states(drawing)
            )
            return ImportResult(Document(target, underlay=underlay), final, drawing)
        document = Document(
            target,
            layers=drawing.layers.values(),
            blocks=drawing.blocks.values(),
            entities=drawing.entities,
        )
        return ImportResult(document, final)


def load_underlay(
    underlay: Underlay,
    *,
    document_path: str | PathLike[str] | None = None,
    explode_blocks: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_entities: int = DEFAULT_MAX_ENTITIES,
) -> tuple[UnderlayDrawing, ImportReport]:
    """Read the geometry of a document's underlay (its DXF), in the DXF's coordinates.

    A relative ``underlay.source`` is relative to the folder of ``document_path`` (the
    ``.lvcad`` file). Units are not needed: ``underlay.transform`` already holds the scale.
    Raises what :func:`import_dxf` raises, except :class:`~.errors.DxfUnitsError`.
    """
    source = Path(underlay.source)
    if not source.is_absolute() and document_path is not None:
        source = Path(document_path).parent / source
    with gc_paused():
        doc, log = read_dxf(source, max_bytes=max_bytes)
        report = ReportBuilder()
        root = Placement.scaled(UnitScale(Fraction(1)))
        size = _drawing_size(doc)
        drawing = _convert(
            source,
            doc,
            log,
            report,
            root,
            Tolerance(drawing=DRAWING_TOLERANCE * size),
            explode=explode_blocks,
            devices=False,
            max_entities=max_entities,
        )
        code = doc.header.get("$INSUNITS")
        unit = dxf_unit(code)
        name = unit.name if unit is not None else "unitless"
        target = unit.document_unit if unit is not None else None
        scale = f"underlay transform {tuple(underlay.transform)}"
        return drawing, _report(source, doc, log, report, code, name, target, scale, False)


def _layer_states(drawing: UnderlayDrawing) -> tuple[UnderlayLayer, ...]:
    """The hidden or locked layers of an underlay drawing, as the underlay's layer states."""
    return tuple(
        UnderlayLayer(layer.name, visible=layer.visible, locked=layer.locked)
        for layer in drawing.layers.values()
        if not layer.visible or layer.locked
    )


def _convert(
    path: Path,
    doc: Drawing,
    log: ReadLog,
    report: ReportBuilder,
    root: Placement,
    tolerance: Tolerance,
    *,
    explode: bool,
    devices: bool,
    max_entities: int,
) -> UnderlayDrawing:
    modelspace = doc.modelspace()
    if len(modelspace) > max_entities:
        raise _too_many(path, max_entities, len(modelspace))
    layers = LayerTable(doc, report)
    converter = DrawingConverter(
        doc,
        report,
        layers,
        root=root,
        explode=explode,
        tolerance=tolerance,
        devices=devices,
        max_entities=max_entities,
    )
    try:
        entities = converter.convert_modelspace()
        if devices and not explode:  # a document keeps the file's named blocks as a library
            converter.convert_named_blocks()
    except TooManyEntities:
        raise _too_many(path, max_entities, max_entities + 1) from None
    try:
        paper = sum(len(layout) for layout in doc.layouts if not layout.is_modelspace)
    except (KeyError, DXFError):  # a damaged layout table: there is no paper space to count
        paper = 0
    if paper:
        report.ignored["paper-space entities (layouts are not imported)"] += paper
    if log.damage:
        report.notes.append(f"The file could not be read as it is ({log.damage}).")
    if not entities:
        report.notes.append("There is nothing in the drawing's model space.")
    report.notes.extend(f"ezdxf: {message}" for message in log.messages)
    if log.messages_dropped:
        report.notes.append(f"ezdxf: {log.messages_dropped} more warnings.")
    if converter.blocks:
        report.notes.append(f"{len(converter.blocks)} block definition(s) imported.")
    used = {entity.layer for entity in entities}
    used.update(e.layer for block in converter.blocks.values() for e in block.entities)
    return UnderlayDrawing(
        path,
        {
            layer.name: layer
            for layer in layers.layers()
            # AutoCAD's technical layer (ezdxf adds it to every file it writes): only if used.
            if layer.name.casefold() != "defpoints" or layer.name in used
        },
        dict(converter.blocks),
        tuple(entities),
    )


def _units(
    doc: Drawing, path: Path, unit: Unit | None
) -> tuple[object, DxfUnit | None, Unit, Fraction, bool]:
    """``$INSUNITS``, its unit, the document unit, the exact factor, and if it was assumed."""
    code = doc.header.get("$INSUNITS")
    found = dxf_unit(code)
    if found is not None:
        target = unit if unit is not None else found.document_unit
        return code, found, target, found.factor_to(target), False
    if unit is not None:
        return code, None, unit, Fraction(1), True
    measurement = doc.header.get("$MEASUREMENT")
    suggested = {0: Unit.INCH, 1: Unit.MILLIMETRE}.get(measurement)
    if code is None or code == 0:
        why = "its $INSUNITS header is " + ("missing" if code is None else "0, 'unitless'")
    else:
        why = f"its $INSUNITS header is {code!r}, which is not a DXF unit"
    hint = (
        f" The file's $MEASUREMENT setting suggests {plural(suggested)}."
        if suggested is not None
        else ""
    )
    raise DxfUnitsError(
        path,
        f"Cannot import {str(path)!r}: the drawing does not say which unit its coordinates "
        f"are in ({why}). Choose the unit it was drawn in (for example millimetres for a "
        f"metric plan, inches or feet for an imperial one) and import it again.{hint}",
        code=code,
        suggested=suggested,
    )


def _drawing_size(doc: Drawing) -> float:
    """The drawing's width or height from $EXTMIN/$EXTMAX, or infinity if they are unset."""
    try:
        low, high = doc.header.get("$EXTMIN"), doc.header.get("$EXTMAX")
        size = max(float(high[0]) - float(low[0]), float(high[1]) - float(low[1]))
        magnitude = max(abs(float(v)) for v in (*low[:2], *high[:2]))
    except (TypeError, ValueError, IndexError):
        return math.inf
    if not (math.isfinite(size) and size > 0.0 and magnitude < 1e15):
        return math.inf
    return size


def _report(
    path: Path,
    doc: Drawing,
    log: ReadLog,
    report: ReportBuilder,
    code: object,
    units_name: str,
    unit: Unit | None,
    scale: str,
    assumed: bool,
) -> ImportReport:
    version = doc.dxfversion
    return ImportReport(
        source=path,
        dxf_version=f"{version} ({acad_release.get(version, 'unknown release')})",
        binary=log.binary,
        recovered=log.recovered,
        units_code=code,
        units_name=units_name,
        unit=unit,
        scale=scale,
        units_assumed=assumed,
        imported=frozen_counts(report.imported),
        exploded=frozen_counts(report.exploded),
        unsupported=frozen_counts(report.unsupported),
        ignored=frozen_counts(report.ignored),
        skipped=report.skipped(),
        approximated=frozen_counts(report.approximated),
        repairs=tuple(log.repairs),
        problems=tuple(log.problems),
        notes=tuple(report.notes),
    )


def _number(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    if value.numerator == 1:
        return f"1/{value.denominator}"
    return repr(float(value))


def _too_many(path: Path, limit: int, found: int) -> DxfTooLargeError:
    return DxfTooLargeError(
        path,
        f"Cannot import {str(path)!r}: it would make more than {limit:,} entities (found "
        f"{found:,}{'+' if found > limit else ''}). Import it without exploding blocks, remove "
        "what you do not need in your CAD program, or raise the limit (max_entities).",
        limit=limit,
        found=found,
    )
