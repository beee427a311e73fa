"""The editor with a 100k-entity DXF underlay: open, first render, pan and zoom (pytest-benchmark).

Run: ``QT_QPA_PLATFORM=offscreen pytest benchmarks/pytest/test_editor_bench.py --benchmark-only
-p no:xdist --benchmark-columns=min,median,rounds``.

Issue 4 asks for the opening and first render of a 100k-entity underlay and a pan/zoom
repaint in ms, rendered offscreen into a QImage. The plan is generated once per session
(seeded, in millimetres, ~6 s with ezdxf): 45k LINEs, 40k LWPOLYLINEs, 5k ARCs, 5k CIRCLEs
and 5k TEXTs on 20 layers of a 120 m x 80 m floor. The cases, in one group:

* ``open``: ``MainWindow.attach_underlay`` on an empty millimetre drawing, the editor's own
  path: ``lvcad.io.import_dxf(path, as_underlay=True)``, the ``SetUnderlay`` undo step and
  the scene building the underlay's tiles; peer: ``ezdxf.readfile`` of the same file;
* ``first render``: a 1600x1000 :class:`~lvcad.canvas.DrawingView` zoomed to extents,
  painted into a QImage right after the underlay was built (empty raster cache, scene index
  not built yet);
* ``pan``: the same view, painted once, moved by 10% of its size and painted again (the
  underlay's raster cache is copied: a pure translation inside the drawn area);
* ``zoom``: painted once, zoomed in 2x about the centre and painted again: the frame a
  wheel notch costs, which shows the last image scaled (the raster cache);
* ``zoom sharp``: the drawing made sharp at the new zoom, as the refine timer does once the
  zoom rests (vectors of the visible part drawn again);
* peer of the renders: the same view of an empty drawing, painted (a frame's fixed cost).

Each case records its ratio to its peer in ``extra_info`` (see ``--benchmark-json``); the
renders also record ``raster_cache_kib``, the memory of the underlay's cached images.
With ``--benchmark-disable`` every case runs once, untimed, as a plain test.
"""

from __future__ import annotations

import math
import os
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import ezdxf
import pytest
from PySide6.QtCore import QPointF, QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from lvcad.canvas import DrawingScene, DrawingView, UnderlaySource
from lvcad.canvas.style import BACKGROUND
from lvcad.model import Document, Underlay, Unit
from lvcad.ui.files import import_underlay
from lvcad.ui.main_window import MainWindow

# Read when pytest-qt's ``qapp`` creates the QApplication, after this module is imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GROUP = "editor-underlay"
ENTITIES = 100_000
WIDTH, HEIGHT = 1600, 1000
#: The floor, in millimetres.
FLOOR_X, FLOOR_Y = 120_000.0, 80_000.0
#: (name, ACI colour) of the plan's layers.
LAYERS = (
    ("A-WALL", 7),
    ("A-WALL-INTR", 8),
    ("A-GLAZ", 4),
    ("A-DOOR", 3),
    ("A-FURN", 30),
    ("A-FLOR-FIXT", 6),
    ("A-FLOR-PATT", 9),
    ("A-CLNG-GRID", 252),
    ("A-ANNO-TEXT", 2),
    ("A-AREA-IDEN", 1),
    ("A-EQPM", 40),
    ("A-STRS", 5),
    ("S-COLS", 1),
    ("S-GRID", 251),
    ("E-LITE", 50),
    ("E-POWR", 10),
    ("E-CABL-TRAY", 140),
    ("M-HVAC-DUCT", 150),
    ("P-FIXT", 170),
    ("F-SPKL", 220),
)
#: The min times measured so far in this session, by case.
MINIMA: dict[str, float] = {}


def write_plan(path: Path, count: int = ENTITIES, seed: int = 4) -> None:
    """A deterministic floor plan of ``count`` entities in the mix described above (mm)."""
    rng = random.Random(seed)
    doc = ezdxf.new("R2013", units=4)
    for name, color in LAYERS:
        doc.layers.add(name, color=color)
    msp = doc.modelspace()

    def point() -> tuple[float, float]:
        return rng.uniform(0.0, FLOOR_X), rng.uniform(0.0, FLOOR_Y)

    def snapped(value: float) -> float:  # walls and fittings sit on a 50 mm module
        return round(value / 50.0) * 50.0

    def share(fraction: float) -> int:
        return round(count * fraction)

    lines = share(0.45)
    polylines = share(0.40)
    arcs = circles = share(0.05)
    texts = count - lines - polylines - arcs - circles
    line_layers = ("A-WALL", "A-WALL-INTR", "A-GLAZ", "S-GRID", "A-FLOR-PATT", "A-CLNG-GRID")
    for _ in range(lines):
        layer = rng.choice(line_layers)
        x, y = point()
        x, y = snapped(x), snapped(y)
        long = layer in ("A-WALL", "A-WALL-INTR", "A-GLAZ", "S-GRID")
        length = rng.uniform(500.0, 8000.0) if long else rng.uniform(100.0, 600.0)
        end = (x + length, y) if rng.random() < 0.5 else (x, y + length)
        msp.add_line((x, y), end, dxfattribs={"layer": layer})
    box_layers = ("A-FURN", "A-FLOR-FIXT", "A-EQPM", "P-FIXT", "E-LITE", "A-STRS")
    run_layers = ("E-CABL-TRAY", "M-HVAC-DUCT", "E-POWR", "A-AREA-IDEN")
    for _ in range(polylines):
        x, y = point()
        if rng.random() < 0.75:  # closed rectangles: furniture, fixtures, equipment
            w, h = rng.uniform(300.0, 2500.0), rng.uniform(300.0, 2500.0)
            vertices = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
            msp.add_lwpolyline(vertices, close=True, dxfattribs={"layer": rng.choice(box_layers)})
        else:  # open runs: trays, ducts, circuits
            vertices = [(x, y)]
            for k in range(rng.randint(2, 7)):
                step = rng.uniform(1000.0, 6000.0)
                x, y = (x + step, y) if k % 2 == 0 else (x, y + rng.choice((-1, 1)) * step)
                vertices.append((x, y))
            msp.add_lwpolyline(vertices, dxfattribs={"layer": rng.choice(run_layers)})
    for _ in range(arcs):  # door swings
        start = rng.choice((0.0, 90.0, 180.0, 270.0))
        msp.add_arc(
            point(), rng.uniform(700.0, 1000.0), start, start + 90.0, dxfattribs={"layer": "A-DOOR"}
        )
    for _ in range(circles):  # columns, downlights, sprinkler heads
        layer, radius = rng.choice((("S-COLS", 250.0), ("E-LITE", 100.0), ("F-SPKL", 60.0)))
        msp.add_circle(point(), radius, dxfattribs={"layer": layer})
    for i in range(texts):
        msp.add_text(
            f"ROOM {i:04d}",
            height=250.0,
            rotation=rng.choice((0.0, 0.0, 90.0)),
            dxfattribs={"layer": "A-ANNO-TEXT", "insert": point()},
        )
    doc.saveas(path)


def _record(benchmark: Any, name: str, peer: str | None = None) -> None:
    if benchmark.disabled:
        return
    MINIMA[name] = benchmark.stats.stats.min
    benchmark.extra_info["min_ms"] = round(MINIMA[name] * 1000.0, 2)
    if peer is not None and peer in MINIMA:
        benchmark.extra_info[f"ratio_to_{peer}"] = round(MINIMA[name] / MINIMA[peer], 2)


# ------------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="session")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("underlay") / "floor-plan-100k.dxf"
    write_plan(path)
    return path


@pytest.fixture(scope="session")
def attached(plan: Path, qapp: Any) -> tuple[Underlay, UnderlaySource]:
    """The plan as the editor reads it for an underlay of a millimetre drawing."""
    return import_underlay(plan, Unit.MILLIMETRE)


class _View:
    """A 1600x1000 drawing view of ``scene`` and the image it is painted into."""

    def __init__(self, scene: DrawingScene) -> None:
        self.scene = scene
        self.view = DrawingView(scene)
        frame = 2 * self.view.frameWidth()
        self.view.resize(WIDTH + frame, HEIGHT + frame)
        self.view.show()
        assert (self.view.viewport().width(), self.view.viewport().height()) == (WIDTH, HEIGHT)
        self.image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
        self.home: tuple[float, QPointF] = (1.0, QPointF())

    def zoom_extents(self) -> None:
        self.view.zoom_extents()
        self.home = (self.view.pixels_per_unit, self.view.center)

    def go_home(self) -> None:
        self.view.set_view(*self.home)

    def paint(self) -> QImage:
        """Paint the viewport (the editor's paint event) into the image."""
        self.view.viewport().render(self.image)
        return self.image

    def close(self) -> None:
        self.view.close()
        self.view.deleteLater()
        self.scene.close()


@pytest.fixture(scope="session")
def underlay_view(attached: tuple[Underlay, UnderlaySource]) -> Iterator[_View]:
    """The plan as the editor shows an underlay (``DocumentWindow._load_underlay``)."""
    underlay, drawing = attached
    document = Document(Unit.MILLIMETRE)
    document.set_underlay(underlay)
    shown = _View(DrawingScene(document))
    shown.scene.set_underlay_drawing(drawing)
    shown.zoom_extents()
    yield shown
    shown.close()


@pytest.fixture(scope="session")
def empty_view(qapp: Any) -> Iterator[_View]:
    shown = _View(DrawingScene(Document(Unit.MILLIMETRE)))
    shown.zoom_extents()
    yield shown
    shown.close()


def _drawn(image: QImage) -> bool:
    """Whether something besides the background was painted into ``image``."""
    blank = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    blank.fill(BACKGROUND)
    return image != blank


# -------------------------------------------------------------------------------- open


@pytest.mark.benchmark(group=GROUP)
def test_peer_ezdxf_readfile(benchmark: Any, plan: Path) -> None:
    doc = benchmark.pedantic(ezdxf.readfile, args=(plan,), rounds=3, iterations=1)
    assert len(doc.modelspace()) == ENTITIES
    _record(benchmark, "readfile")


@pytest.mark.benchmark(group=GROUP)
def test_open_underlay(benchmark: Any, plan: Path, qapp: Any, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, document=Document(Unit.MILLIMETRE))
    window.resize(WIDTH, HEIGHT)

    def empty_drawing() -> None:
        window.set_document(Document(Unit.MILLIMETRE), None)

    def no_dialog(*args: object) -> None:
        raise AssertionError(f"attaching the underlay failed: {args[2:]}")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QMessageBox, "critical", no_dialog)
        try:
            attached = benchmark.pedantic(
                window.attach_underlay, args=(plan,), setup=empty_drawing, rounds=3, iterations=1
            )
            assert attached
            assert window.document.underlay is not None
            items = window.scene.underlay_items()
            assert items
            assert window.scene.underlay_index is not None
        finally:
            window.undo_stack.setClean()
            window.close()
            window.deleteLater()
    benchmark.extra_info["tiles"] = len(items[0].tiles)
    _record(benchmark, "open", "readfile")


# ------------------------------------------------------------------------------ render


@pytest.mark.benchmark(group=GROUP)
def test_peer_empty_frame(benchmark: Any, empty_view: _View) -> None:
    image = benchmark.pedantic(empty_view.paint, rounds=20, iterations=1, warmup_rounds=1)
    assert image.width() == WIDTH
    _record(benchmark, "empty_frame")


def _underlay_item(shown: _View) -> Any:
    [item] = shown.scene.underlay_items()
    return item


def _cache_info(benchmark: Any, shown: _View) -> None:
    benchmark.extra_info["raster_cache_kib"] = _underlay_item(shown).cache.kib()


def _rebuilt(shown: _View, drawing: UnderlaySource) -> Callable[[], None]:
    def setup() -> None:  # fresh tile items: empty caches, scene index to build
        shown.scene.set_underlay_drawing(drawing)
        shown.go_home()

    return setup


@pytest.mark.benchmark(group=GROUP)
def test_first_render(
    benchmark: Any, underlay_view: _View, attached: tuple[Underlay, UnderlaySource]
) -> None:
    image = benchmark.pedantic(
        underlay_view.paint, setup=_rebuilt(underlay_view, attached[1]), rounds=3, iterations=1
    )
    assert _drawn(image)
    benchmark.extra_info["tiles"] = len(_underlay_item(underlay_view).tiles)
    _record(benchmark, "first_render", "empty_frame")


@pytest.mark.benchmark(group=GROUP)
def test_pan_repaint(benchmark: Any, underlay_view: _View) -> None:
    def painted_at_home() -> None:
        underlay_view.go_home()
        underlay_view.paint()

    def pan() -> QImage:
        underlay_view.view.pan_by(0.1 * WIDTH, 0.1 * HEIGHT)
        return underlay_view.paint()

    image = benchmark.pedantic(pan, setup=painted_at_home, rounds=5, iterations=1)
    scale, home = underlay_view.home
    moved = underlay_view.view.center
    assert math.isclose(home.x() - moved.x(), 0.1 * WIDTH / scale, rel_tol=1e-6)
    assert _drawn(image)
    _cache_info(benchmark, underlay_view)
    _record(benchmark, "pan", "empty_frame")


@pytest.mark.benchmark(group=GROUP)
def test_zoom_repaint(benchmark: Any, underlay_view: _View) -> None:
    def painted_at_home() -> None:
        underlay_view.go_home()
        underlay_view.paint()

    def zoom() -> QImage:
        underlay_view.view.zoom_by(2.0)
        return underlay_view.paint()

    image = benchmark.pedantic(zoom, setup=painted_at_home, rounds=5, iterations=1)
    scale, _ = underlay_view.home
    assert math.isclose(underlay_view.view.pixels_per_unit, 2.0 * scale, rel_tol=1e-9)
    assert _drawn(image)
    assert _underlay_item(underlay_view).cache.refine_pending  # shown scaled for now
    _cache_info(benchmark, underlay_view)
    _record(benchmark, "zoom", "empty_frame")


@pytest.mark.benchmark(group=GROUP)
def test_zoom_sharp_repaint(benchmark: Any, underlay_view: _View) -> None:
    item = _underlay_item(underlay_view)

    def zoomed_and_shown_scaled() -> None:
        item.refresh()  # only the overview image is kept, as after a first zoom
        underlay_view.go_home()
        underlay_view.paint()
        underlay_view.view.zoom_by(2.0)
        underlay_view.paint()

    def sharp() -> QImage:
        item.cache.refine_now()  # what the refine timer does once the zoom rests
        return underlay_view.paint()

    image = benchmark.pedantic(sharp, setup=zoomed_and_shown_scaled, rounds=3, iterations=1)
    assert _drawn(image)
    assert not item.cache.refine_pending
    _cache_info(benchmark, underlay_view)
    _record(benchmark, "zoom_sharp", "empty_frame")
