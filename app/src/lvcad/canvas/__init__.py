"""The drawing canvas: QGraphicsScene/View with one item class per entity kind.

- :mod:`~lvcad.canvas.scene` — :class:`DrawingScene`: items keyed by entity id, updated from
  the document's change records; events go to the active tool first
- :mod:`~lvcad.canvas.view` — :class:`DrawingView`: y up, zoom, pan, grid
- :mod:`~lvcad.canvas.items` — one item class per entity kind
- :mod:`~lvcad.canvas.underlay` — the DXF underlay: dimmed, locked, batched, level of detail;
  its paths come from :mod:`~lvcad.canvas.outlines` (numpy arrays → QPainterPath) and it is
  drawn through :mod:`~lvcad.canvas.raster` (an image per view, scaled while zooming)
- :mod:`~lvcad.canvas.overlay` — snap marker, tool preview, selection box
- :mod:`~lvcad.canvas.render` — PNG/PDF export
- :mod:`~lvcad.canvas.geometry`, :mod:`~lvcad.canvas.spatial` — Qt-free entity outlines and
  the spatial index used for picking and snapping
"""

from __future__ import annotations

from .render import drawing_rect, render_image, render_pdf, save_png
from .scene import DrawingScene, Interaction
from .underlay import UnderlaySource
from .view import DrawingView

__all__ = [
    "DrawingScene",
    "DrawingView",
    "Interaction",
    "UnderlaySource",
    "drawing_rect",
    "render_image",
    "render_pdf",
    "save_png",
]
