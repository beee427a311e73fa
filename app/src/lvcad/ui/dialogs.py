"""Small dialogs of the main window: the unit of a new drawing, the circuit of new wires,
the command reference and the about box."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from lvcad import __version__
from lvcad.model import Unit

__all__ = ["ask_circuit", "ask_unit", "show_about", "show_command_reference"]

COMMAND_REFERENCE = """\
<h3>Commands (type them when no tool runs)</h3>
<table>
<tr><td><b>L</b>, LINE</td><td>lines</td></tr>
<tr><td><b>PL</b>, PLINE</td><td>polyline (A: arc segments, L: lines, C: close, U: undo)</td></tr>
<tr><td><b>M</b>, MOVE</td><td>move the selection</td></tr>
<tr><td><b>CO</b>, COPY</td><td>copy the selection</td></tr>
<tr><td><b>RO</b>, ROTATE</td><td>rotate the selection</td></tr>
<tr><td><b>E</b>, ERASE</td><td>delete the selection</td></tr>
<tr><td><b>O</b>, OFFSET</td><td>offset an object to the clicked side</td></tr>
<tr><td><b>F</b>, FILLET</td><td>round a corner (the picks choose the kept parts)</td></tr>
<tr><td><b>CHA</b>, CHAMFER</td><td>cut a corner between two lines</td></tr>
<tr><td><b>TR</b>, TRIM</td><td>cut objects at boundaries (Enter: all objects)</td></tr>
<tr><td><b>EX</b>, EXTEND</td><td>extend objects to a boundary</td></tr>
<tr><td><b>DI</b>, DIST</td><td>measure a distance</td></tr>
<tr><td><b>W</b>, WIRE</td><td>route a wire between devices</td></tr>
</table>
<h3>Points and distances</h3>
<table>
<tr><td><b>x,y</b></td><td>absolute point</td></tr>
<tr><td><b>@dx,dy</b></td><td>relative to the last point</td></tr>
<tr><td><b>@r&lt;angle</b></td><td>polar, relative (degrees, counter-clockwise from east)</td></tr>
<tr><td><b>12.5</b></td><td>a distance toward the cursor</td></tr>
</table>
<p>Enter or a right click finishes, Esc cancels. Wheel: zoom about the cursor;
middle button or Space + drag: pan. F3: object snap, F7: grid.</p>
"""


def ask_unit(parent: QWidget | None, *, title: str = "New drawing") -> Unit | None:
    """Ask for a drawing unit (``None``: cancelled)."""
    labels = [f"{unit.label} ({unit.symbol})" for unit in Unit]
    text, ok = QInputDialog.getItem(parent, title, "Drawing unit:", labels, 0, False)
    if not ok:
        return None
    return list(Unit)[labels.index(text)]


def ask_circuit(parent: QWidget | None, current: str) -> str | None:
    """Ask for the circuit id of new wires (``None``: cancelled)."""
    text, ok = QInputDialog.getText(parent, "Circuit", "Circuit id for new wires:", text=current)
    return text.strip() if ok and text.strip() else None


def show_command_reference(parent: QWidget | None) -> None:
    """Show the commands and the typed input forms."""
    QMessageBox.information(parent, "LV CAD commands", COMMAND_REFERENCE)


def show_about(parent: QWidget | None) -> None:
    """Show the version."""
    QMessageBox.about(
        parent,
        "About LV CAD",
        f"<b>LV CAD {__version__}</b><p>CAD for low-voltage and fire-alarm designers.</p>",
    )
