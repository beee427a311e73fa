"""The device schedule (bill of materials): devices counted by type and model, CSV.

:func:`device_schedule` counts the document's devices grouped by any of ``"type"``,
``"model"``, ``"layer"`` and ``"circuit"``; :func:`write_schedule_csv` writes the rows for a
spreadsheet. A device's circuits are those of the wires connected to it
(:attr:`lvcad.model.Wire.devices`); a device on no circuit is counted under the circuit
``""``, and a device on several circuits (a panel, a module) is counted once in each, so
per-circuit counts can add up to more than the number of devices.

The order is deterministic: circuits and models in natural order ("SLC-2" before
"SLC-10"), the unassigned circuit ``""`` last; layers in the document's layer order; types
in catalog order, unknown types after them by id.

Example
-------
>>> from lvcad.model import DeviceCatalog, Document, Layer
>>> catalog = DeviceCatalog.builtin()
>>> doc = Document(layers=[Layer("FA-SMOKE"), Layer("FA-HEAT")])
>>> _ = doc.add(*(catalog.new_device("smoke_detector", (i, 0), model="SD-1") for i in range(3)))
>>> _ = doc.add(catalog.new_device("heat_detector", (0, 9)))
>>> [(row.type_name, row.model, row.count) for row in device_schedule(doc)]
[('Smoke detector', 'SD-1', 3), ('Heat detector', '', 1)]
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from os import PathLike

from lvcad.model import DeviceCatalog, Document

from .fileops import write_file

__all__ = [
    "GROUP_FIELDS",
    "ScheduleRow",
    "device_schedule",
    "schedule_csv",
    "write_schedule_csv",
]

#: The fields devices can be grouped by.
GROUP_FIELDS = ("circuit", "layer", "type", "model")
_SHORTHANDS = {
    "type": ("type", "model"),
    "model": ("type", "model"),
    "layer": ("layer", "type", "model"),
    "circuit": ("circuit", "type", "model"),
}
_HEADINGS = {"circuit": "Circuit", "layer": "Layer", "model": "Model"}
_DIGITS = re.compile(r"(\d+)")
# Cells a spreadsheet would run as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    """One line of the schedule; a field is ``None`` when the rows are not grouped by it."""

    count: int
    circuit: str | None = None
    layer: str | None = None
    #: The device type id and its name from the catalog (the id for unknown types).
    device_type: str | None = None
    type_name: str | None = None
    model: str | None = None


def device_schedule(
    document: Document,
    *,
    group_by: str | Sequence[str] = ("type", "model"),
    catalog: DeviceCatalog | None = None,
) -> list[ScheduleRow]:
    """Count the devices of ``document`` grouped by ``group_by``.

    ``group_by`` is a tuple of :data:`GROUP_FIELDS`, in column order, or a shorthand:
    ``"type"`` (by type and model), ``"layer"`` (per layer, by type and model) or
    ``"circuit"`` (per circuit, by type and model).
    """
    fields = _fields(group_by)
    catalog = DeviceCatalog.builtin() if catalog is None else catalog
    circuits: dict[str, set[str]] = {}
    if "circuit" in fields:
        for wire in document.wires():
            if wire.circuit:
                for device_id in wire.devices:
                    circuits.setdefault(device_id, set()).add(wire.circuit)
    counts: Counter[tuple[str, ...]] = Counter()
    for device in document.devices():
        values = {"layer": device.layer, "type": device.device_type, "model": device.model}
        for circuit in sorted(circuits.get(device.id, ())) or [""]:
            values["circuit"] = circuit
            counts[tuple(values[name] for name in fields)] += 1
    type_order = {type_id: index for index, type_id in enumerate(catalog)}
    layer_order = {name: index for index, name in enumerate(document.layers)}

    def sort_key(key: tuple[str, ...]) -> tuple[object, ...]:
        parts: list[object] = []
        for name, value in zip(fields, key, strict=True):
            if name == "type":
                parts.append((type_order.get(value, len(type_order)), value))
            elif name == "layer":
                parts.append((layer_order.get(value, len(layer_order)), value))
            else:
                parts.append((value == "", _natural(value)))
        return tuple(parts)

    rows = []
    for key in sorted(counts, key=sort_key):
        values = dict(zip(fields, key, strict=True))
        type_id = values.get("type")
        type_name = None
        if type_id is not None:
            known = catalog.get(type_id)
            type_name = known.name if known is not None else type_id
        rows.append(
            ScheduleRow(
                count=counts[key],
                circuit=values.get("circuit"),
                layer=values.get("layer"),
                device_type=type_id,
                type_name=type_name,
                model=values.get("model"),
            )
        )
    return rows


def schedule_csv(rows: Iterable[ScheduleRow]) -> str:
    """The rows as CSV text (RFC 4180, CRLF line ends) with a heading line.

    Only the columns the rows are grouped by are written, then ``Count``. Text that a
    spreadsheet would run as a formula (starting with ``= + - @``) is prefixed with ``'``.
    """
    rows = list(rows)
    columns = [
        name
        for name in ("circuit", "layer", "device_type", "type_name", "model")
        if rows and getattr(rows[0], name) is not None
    ]
    headings = {
        **_HEADINGS,
        "device_type": "Device type",
        "type_name": "Description",
    }
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([headings.get(name, name) for name in columns] + ["Count"])
    for row in rows:
        writer.writerow([_cell(getattr(row, name)) for name in columns] + [row.count])
    return stream.getvalue()


def write_schedule_csv(rows: Iterable[ScheduleRow], path: str | PathLike[str]) -> None:
    """Write the schedule to ``path`` as UTF-8 CSV (with a byte order mark, so spreadsheet
    programs detect the encoding), atomically.

    Raises the file-system errors of :mod:`.errors`, as :func:`~lvcad.io.export_dxf` does.
    """
    data = schedule_csv(rows).encode("utf-8-sig")
    write_file(path, data, action="write the schedule", choose="a file name ending in .csv")


def _fields(group_by: str | Sequence[str]) -> tuple[str, ...]:
    if isinstance(group_by, str):
        if group_by not in _SHORTHANDS:
            raise ValueError(
                f"group_by must be one of {sorted(_SHORTHANDS)} or a tuple of {GROUP_FIELDS}, "
                f"got {group_by!r}"
            )
        return _SHORTHANDS[group_by]
    fields = tuple(group_by)
    unknown = [name for name in fields if name not in GROUP_FIELDS]
    if unknown or len(set(fields)) != len(fields):
        raise ValueError(f"group_by fields are distinct names of {GROUP_FIELDS}, got {fields!r}")
    return fields


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that orders the numbers in text by value ("SLC-2" < "SLC-10")."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in _DIGITS.split(text)
        if part
    )


def _cell(value: str | None) -> str:
    text = value or ""
    return "'" + text if text.startswith(_FORMULA_START) else text
