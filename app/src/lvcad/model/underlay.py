"""The DXF underlay: the architect's drawing shown under the design, read-only.

The model keeps a *reference* to the DXF file (like an xref), not its entities: the source
path, the transform from the DXF's coordinates into the document's (unit scale and
placement) and the designer's per-layer visibility and lock states. A relative ``source`` is
relative to the folder of the ``.lvcad`` file. Reading the DXF itself is the job of
:mod:`lvcad.io`.
"""

from __future__ import annotations

from dataclasses import dataclass

from lvcad_geometry import Transform

from .checks import check_finite, check_name, check_text, check_type

__all__ = ["Underlay", "UnderlayLayer"]

_IDENTITY = Transform()


@dataclass(frozen=True, slots=True)
class UnderlayLayer:
    """The designer's state of one layer of the underlay drawing."""

    name: str
    visible: bool = True
    locked: bool = False

    def __post_init__(self) -> None:
        check_name(self.name, "an underlay layer name")
        check_type(self.visible, bool, f"underlay layer {self.name!r}: visible")
        check_type(self.locked, bool, f"underlay layer {self.name!r}: locked")


@dataclass(frozen=True, slots=True)
class Underlay:
    """A DXF drawing shown under the document.

    ``layers`` lists the layers whose state the designer set; any other layer of the DXF is
    visible and unlocked. ``visible``/``locked`` apply to the underlay as a whole.

    Example
    -------
    >>> plan = Underlay("plans/level-1.dxf", Transform.scaling(25.4))
    >>> plan.layer_state("A-WALL")
    UnderlayLayer(name='A-WALL', visible=True, locked=False)
    >>> plan.with_layer(UnderlayLayer("A-FURN", visible=False)).layer_state("A-FURN").visible
    False
    """

    source: str
    transform: Transform = _IDENTITY
    layers: tuple[UnderlayLayer, ...] = ()
    visible: bool = True
    locked: bool = True

    def __post_init__(self) -> None:
        if not check_text(self.source, "an underlay source path"):
            raise ValueError("an underlay needs a source path")
        check_type(self.transform, Transform, "an underlay transform")
        values = [check_finite(v, "an underlay transform entry") for v in self.transform]
        object.__setattr__(self, "transform", Transform(*values))
        if self.transform.determinant == 0.0:
            raise ValueError("an underlay transform must not collapse the drawing (determinant 0)")
        layers = tuple(self.layers)
        for layer in layers:
            check_type(layer, UnderlayLayer, "an underlay layer state")
        names = [layer.name for layer in layers]
        if len(set(names)) != len(names):
            raise ValueError(f"an underlay layer is listed twice: {names!r}")
        object.__setattr__(self, "layers", layers)
        check_type(self.visible, bool, "an underlay's visible flag")
        check_type(self.locked, bool, "an underlay's locked flag")

    def layer_state(self, name: str) -> UnderlayLayer:
        """The state of layer ``name`` (the default state when none was set)."""
        for layer in self.layers:
            if layer.name == name:
                return layer
        return UnderlayLayer(name)

    def with_layer(self, state: UnderlayLayer) -> Underlay:
        """A copy with ``state`` replacing the state of its layer (or added)."""
        layers = [layer for layer in self.layers if layer.name != state.name]
        return Underlay(self.source, self.transform, (*layers, state), self.visible, self.locked)
