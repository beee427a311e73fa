"""What a DXF import did: the :class:`ImportReport`, and what it returns.

Nothing in a DXF file is dropped without a trace: every entity is imported, counted as
*unsupported* (its type is not one LV CAD imports, e.g. HATCH), *ignored* (it has no place in
a plan view, e.g. paper space or attribute definitions), or *skipped* with the reason (e.g.
a circle of radius 0). What was repaired, approximated (flattened curves, dropped widths) or
assumed (the units) is listed too; :meth:`ImportReport.summary` says it in plain words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from lvcad.model import BlockDefinition, Document, Entity, Layer, Unit

__all__ = [
    "ImportReport",
    "ImportResult",
    "ReportBuilder",
    "Skipped",
    "UnderlayDrawing",
    "plural",
]

#: Example entity handles kept per skip reason.
_EXAMPLES = 5
_PLURALS = {
    Unit.INCH: "inches",
    Unit.FOOT: "feet",
    Unit.MILLIMETRE: "millimetres",
    Unit.METRE: "metres",
}


def plural(unit: Unit) -> str:
    """The unit's plural name for messages, e.g. ``feet``."""
    return _PLURALS[unit]


@dataclass(frozen=True, slots=True)
class Skipped:
    """Entities of one DXF type skipped for one reason: how many, and a few handles."""

    dxf_type: str
    reason: str
    count: int
    handles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What happened to everything in a DXF file during an import."""

    source: Path
    #: The DXF version, e.g. ``"AC1027 (R2013)"``.
    dxf_version: str
    binary: bool
    #: True when the file was damaged and read with ``ezdxf.recover``.
    recovered: bool
    #: The ``$INSUNITS`` code, its unit name, the document unit and the exact factor.
    units_code: object
    units_name: str
    unit: Unit | None
    scale: str
    #: True when the units came from the ``unit=`` argument, not from the file.
    units_assumed: bool
    #: Entities made per DXF type (model space; exploded blocks' contents included).
    imported: Mapping[str, int]
    #: Block references (INSERT, DIMENSION) replaced by their blocks' entities, per type.
    exploded: Mapping[str, int]
    #: Entities of types LV CAD does not import, per DXF type.
    unsupported: Mapping[str, int]
    #: Entities left out on purpose, per reason (paper space, attribute definitions …).
    ignored: Mapping[str, int]
    skipped: tuple[Skipped, ...]
    #: What was drawn approximately, per kind (e.g. "SPLINE flattened to a polyline").
    approximated: Mapping[str, int]
    #: What ``ezdxf.recover`` repaired, and what it found but could not repair.
    repairs: tuple[str, ...]
    problems: tuple[str, ...]
    #: Anything else worth knowing (renamed layers, units assumed, ezdxf's warnings).
    notes: tuple[str, ...]

    @property
    def clean(self) -> bool:
        """True when everything in model space was imported as it is."""
        return not (
            self.recovered
            or self.unsupported
            or self.skipped
            or self.approximated
            or self.repairs
            or self.problems
        )

    @property
    def skipped_count(self) -> int:
        """Number of entities skipped."""
        return sum(item.count for item in self.skipped)

    def summary(self) -> str:
        """The report in plain words, one fact per line, for the import dialog or a log."""
        lines = [
            f"Imported {sum(self.imported.values())} entities from {self.source.name} "
            f"({self.dxf_version}{', binary' if self.binary else ''}).",
        ]
        if self.units_assumed and self.unit is not None:
            lines.append(f"Units: the file does not say; taken as {plural(self.unit)} as chosen.")
        else:
            lines.append(f"Units: {self.units_name} ({self.units_code}), {self.scale}.")
        if self.recovered:
            lines.append(
                f"The file was damaged and was repaired while reading: {len(self.repairs)} "
                f"repairs, {len(self.problems)} problems left."
            )
        lines.extend(f"Repaired: {text}" for text in self.repairs[:20])
        lines.extend(f"Problem: {text}" for text in self.problems[:20])
        if self.exploded:
            references = ", ".join(f"{n} {kind}" for kind, n in sorted(self.exploded.items()))
            lines.append(f"Exploded: {references}.")
        for kind, count in sorted(self.unsupported.items()):
            lines.append(f"Not imported (type not supported): {count} {kind}")
        for item in self.skipped:
            lines.append(f"Skipped {item.count} {item.dxf_type}: {item.reason}")
        for kind, count in sorted(self.approximated.items()):
            lines.append(f"Approximated: {count} x {kind}")
        for reason, count in sorted(self.ignored.items()):
            lines.append(f"Left out: {count} {reason}")
        lines.extend(self.notes)
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class UnderlayDrawing:
    """The geometry of a DXF underlay, read-only, in the DXF file's own coordinates.

    The document keeps only a reference (:class:`~lvcad.model.Underlay`: source path,
    transform, layer states); this is what the canvas draws under the design, through that
    reference's ``transform``. It holds the same entity types as a document (never devices
    or wires) and is re-read from the DXF with :func:`~lvcad.io.load_underlay`.
    """

    source: Path
    layers: Mapping[str, Layer]
    blocks: Mapping[str, BlockDefinition]
    entities: tuple[Entity, ...]

    def __len__(self) -> int:
        return len(self.entities)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """A successful import: the new document and what happened.

    With ``as_underlay`` the document is empty except for its underlay reference, and
    ``underlay`` holds the drawing to show; otherwise ``underlay`` is ``None``.
    """

    document: Document
    report: ImportReport
    underlay: UnderlayDrawing | None = None


@dataclass
class ReportBuilder:
    """Collects the facts of an import as it goes (not thread-safe; one per import)."""

    imported: Counter[str] = field(default_factory=Counter)
    exploded: Counter[str] = field(default_factory=Counter)
    unsupported: Counter[str] = field(default_factory=Counter)
    ignored: Counter[str] = field(default_factory=Counter)
    approximated: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    _skipped: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    _skip_counts: Counter[tuple[str, str]] = field(default_factory=Counter)

    def skip(self, dxf_type: str, reason: str, handle: object) -> None:
        """Record one entity that could not be imported, and why."""
        key = (dxf_type, reason)
        self._skip_counts[key] += 1
        handles = self._skipped.setdefault(key, [])
        if len(handles) < _EXAMPLES and isinstance(handle, str):
            handles.append(handle)

    def skipped(self) -> tuple[Skipped, ...]:
        """The skips so far, most frequent first."""
        return tuple(
            Skipped(kind, reason, count, tuple(self._skipped[(kind, reason)]))
            for (kind, reason), count in sorted(
                self._skip_counts.items(), key=lambda item: (-item[1], item[0])
            )
        )


def frozen_counts(counter: Counter[str]) -> Mapping[str, int]:
    """A read-only, sorted copy of ``counter`` without zero entries."""
    return MappingProxyType({key: count for key, count in sorted(counter.items()) if count})
