"""The canvas: items per entity kind kept in step with the document, the y-up view,
zoom and pan, the underlay (dimmed, locked, level of detail) and export rendering."""

from __future__ import annotations

import math
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtWidgets import QGraphicsItem

from lvcad.canvas import DrawingScene, DrawingView, render_image, render_pdf
from lvcad.canvas.items import (
    ITEM_TYPES,
    ArcItem,
    CircleItem,
    DeviceItem,
    InsertItem,
    LineItem,
    PolylineItem,
    TextItem,
    WireItem,
)
from lvcad.canvas.paths import shapes_path
from lvcad.canvas.underlay import UnderlayItem, UnderlayView
from lvcad.commands import DeleteEntities, EditEntities, MoveEntities, SetLayer
from lvcad.model import (
    ArcEntity,
    Color,
    Document,
    Layer,
    LineEntity,
    PolylineEntity,
    TextEntity,
    Underlay,
    UnderlayLayer,
    Unit,
)
from lvcad_geometry import Arc, BBox, Line, Polyline, Transform, Vec2


@pytest.fixture
def scene(qapp: Any, sample_document: Any) -> Any:
    made = DrawingScene(sample_document())
    yield made
    made.close()


def test_one_item_class_per_entity_kind(scene: Any) -> None:
    kinds = {type(scene.item(entity.id)) for entity in scene.document}
    assert kinds == {
        LineItem,
        ArcItem,
        CircleItem,
        PolylineItem,
        TextItem,
        InsertItem,
        DeviceItem,
        WireItem,
    }
    assert len(set(ITEM_TYPES.values())) == 8


def test_items_follow_changes_without_a_rebuild(scene: Any) -> None:
    doc = scene.document
    wall = scene.item("wall-1")
    MoveEntities(["wall-1"], Vec2(0, 10)).redo(doc)
    assert scene.item("wall-1") is wall  # updated in place
    assert wall.boundingRect().top() == pytest.approx(10.0)
    others = {entity_id: scene.item(entity_id) for entity_id in doc.entities}
    command = DeleteEntities(["dev-sd1"])
    command.redo(doc)
    assert scene.item("dev-sd1") is None
    assert scene.item("slc-1") is None
    command.undo(doc)
    assert scene.item("dev-sd1") is not None
    assert all(scene.item(i) is others[i] for i in others if i not in ("dev-sd1", "slc-1"))
    z = [scene.item(i).zValue() for i in doc.entities if doc.get(i).kind == "line"]
    assert z == sorted(z)


def test_layer_changes_hide_and_recolour_items(scene: Any) -> None:
    doc = scene.document
    strobe = scene.item("dev-hs1")
    SetLayer(doc.layers["FA-HORN-STROBE"], visible=False).redo(doc)
    assert not strobe.isVisible()
    SetLayer(doc.layers["FA-HORN-STROBE"], visible=True, color=Color(0, 0, 255)).redo(doc)
    assert strobe.isVisible()
    assert strobe._color == QColor(0, 0, 255)
    assert not scene.item("note").isVisible()  # A-NOTE is hidden in the sample


def test_replacing_an_entity_by_another_kind_swaps_the_item(scene: Any) -> None:
    doc = scene.document
    new = LineEntity(id="column", layer="A-WALL", geometry=Line((0, 0), (1, 1)))
    EditEntities([new]).redo(doc)
    assert isinstance(scene.item("column"), LineItem)


def test_arc_paths_follow_the_signed_sweep_with_y_up(qapp: Any) -> None:
    ccw = shapes_path([Arc((0, 0), 10.0, 0.0, math.pi / 2)])
    middle = ccw.pointAtPercent(0.5)
    assert (middle.x(), middle.y()) == pytest.approx((10 / math.sqrt(2), 10 / math.sqrt(2)))
    cw = shapes_path([Arc((0, 0), 10.0, 0.0, -math.pi / 2)])
    assert cw.pointAtPercent(0.5).y() == pytest.approx(-10 / math.sqrt(2))
    bulged = shapes_path([Polyline([(0, 0), (2, 0)], bulges=[1.0, 0.0])])
    top = bulged.pointAtPercent(0.5)
    assert (top.x(), top.y()) == pytest.approx((1.0, -1.0), abs=1e-6)  # ccw: below the chord


def test_view_is_y_up_and_zooms_about_the_cursor(qtbot: Any, scene: Any) -> None:
    view = DrawingView(scene)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    view.zoom_extents()
    content = scene.content_rect()
    top_left = view.mapFromScene(QPointF(content.left(), content.bottom()))
    bottom_right = view.mapFromScene(QPointF(content.right(), content.top()))
    assert 0 <= top_left.x() < bottom_right.x() <= 800
    assert 0 <= top_left.y() < bottom_right.y() <= 600  # larger y is higher on screen
    anchor = QPointF(200.0, 150.0)
    before = view.mapToScene(anchor.toPoint())
    scale = view.pixels_per_unit
    wheel = QWheelEvent(
        anchor,
        QPointF(view.viewport().mapToGlobal(anchor.toPoint())),
        QPoint(),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    view.wheelEvent(wheel)
    assert view.pixels_per_unit == pytest.approx(scale * 1.25**2)
    after = view.mapToScene(anchor.toPoint())
    assert math.hypot(after.x() - before.x(), after.y() - before.y()) <= 1.5 / view.pixels_per_unit


def _mouse(view: Any, kind: QEvent.Type, x: int, y: int, button: Qt.MouseButton) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QMouseEvent

    held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else button
    event = QMouseEvent(
        kind,
        QPointF(x, y),
        QPointF(view.viewport().mapToGlobal(QPoint(x, y))),
        button,
        held,
        Qt.KeyboardModifier.NoModifier,
    )
    QCoreApplication.sendEvent(view.viewport(), event)


def test_pan_with_the_middle_button_and_with_space_drag(qtbot: Any, scene: Any) -> None:
    view = DrawingView(scene)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    view.set_view(2.0, QPointF(0, 0))
    middle = Qt.MouseButton.MiddleButton
    _mouse(view, QEvent.Type.MouseButtonPress, 400, 300, middle)
    _mouse(view, QEvent.Type.MouseMove, 500, 200, middle)
    _mouse(view, QEvent.Type.MouseButtonRelease, 500, 200, middle)
    assert (view.center.x(), view.center.y()) == pytest.approx((-50.0, -50.0))
    qtbot.keyPress(view, Qt.Key.Key_Space)
    left = Qt.MouseButton.LeftButton
    _mouse(view, QEvent.Type.MouseButtonPress, 400, 300, left)
    _mouse(view, QEvent.Type.MouseMove, 300, 300, left)
    _mouse(view, QEvent.Type.MouseButtonRelease, 300, 300, left)
    qtbot.keyRelease(view, Qt.Key.Key_Space)
    assert view.center.x() == pytest.approx(0.0)
    # far away from the drawing is still reachable
    view.set_view(2.0, QPointF(1e5, -1e5))
    centre = view.mapToScene(view.viewport().rect().center())
    assert (centre.x(), centre.y()) == pytest.approx((1e5, -1e5), abs=1.0)
    view.grid_visible = True
    assert view.grid_spacing() == 10.0
    view.grab()  # draws the grid


def underlay_source(count: int) -> Any:
    """An underlay drawing of ``count`` short lines in a grid, plus a big frame and text."""
    side = max(1, int(math.sqrt(count)))
    entities: list[Any] = [
        LineEntity(
            id=f"u{i}",
            layer="PLAN",
            geometry=Line(
                (i % side * 10.0, i // side * 10.0), (i % side * 10.0 + 4.0, i // side * 10.0)
            ),
        )
        for i in range(count)
    ]
    entities.append(
        PolylineEntity(
            id="frame",
            layer="FRAME",
            geometry=Polyline(
                [(0, 0), (side * 10.0, 0), (side * 10.0, side * 10.0), (0, side * 10.0)],
                closed=True,
            ),
        )
    )
    entities.append(TextEntity(id="t", layer="PLAN", position=Vec2(5, 5), text="A", height=2.0))
    entities.append(ArcEntity(id="hidden", layer="FURN", geometry=Arc((0, 0), 1.0, 0.0, 1.0)))
    return SimpleNamespace(
        entities=tuple(entities),
        layers={
            "PLAN": Layer("PLAN", Color(0, 0, 0)),
            "FRAME": Layer("FRAME", Color(255, 0, 0)),
            "FURN": Layer("FURN"),
        },
        blocks={},
    )


def test_underlay_is_dimmed_locked_batched_and_skips_tiny_details(qapp: Any) -> None:
    underlay = Underlay(
        "plan.dxf", Transform.scaling(2.0), layers=(UnderlayLayer("FURN", visible=False),)
    )
    doc = Document(Unit.INCH, underlay=underlay)
    scene = DrawingScene(doc)
    source = underlay_source(10_000)
    scene.set_underlay_drawing(source)
    tiles = scene.underlay_items()
    [item] = tiles  # one item, not one per entity
    assert isinstance(item, UnderlayItem)
    assert 1 < len(item.tiles) < 200  # batched into areas across all layers
    assert not item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
    assert item.acceptedMouseButtons() == Qt.MouseButton.NoButton
    assert item.zValue() < 0
    plan = scene._underlay.styles["PLAN"]
    assert plan.color.red() == plan.color.green() > 100  # black, dimmed to grey
    assert not scene._underlay.styles["FURN"].visible  # the hidden layer
    # scaled by the underlay's transform: the frame spans 2 x 100 x 10 units
    assert scene.content_rect().width() == pytest.approx(2000.0, rel=0.01)
    # level of detail: zoomed far out, the small lines are not drawn, the frame still is
    drawn_near = sum(t.batches_drawn(10.0) for t in tiles)
    drawn_far = sum(t.batches_drawn(0.01) for t in tiles)
    assert 0 < drawn_far < drawn_near
    assert len(scene.underlay_index) == 10_001  # hidden layer and text left out of snapping
    found = scene.underlay_index.query(BBox(-1.0, -1.0, 1.0, 1.0))
    assert Line(Vec2(0.0, 0.0), Vec2(8.0, 0.0)) in found  # u0, scaled 2x
    assert scene.items_in(BBox(-1.0, -1.0, 9.0, 1.0)) == []  # never picked
    image = render_image(scene, 400)
    assert _ink(image) > 0
    SetLayer(doc.layers["0"], visible=False).redo(doc)  # an unrelated change keeps it
    assert scene.underlay_items() == tiles
    drawn = item.batches_drawn(10.0)
    doc.set_underlay(underlay.with_layer(UnderlayLayer("PLAN", visible=False)))
    assert scene.underlay_items() == tiles  # a layer state is a repaint, not a rebuild
    assert item.batches_drawn(10.0) < drawn
    assert len(scene.underlay_index) == 1  # only the frame is snapped to now
    assert _ink(render_image(scene, 400)) < _ink(image)
    doc.set_underlay(None)
    assert scene.underlay_items() == []
    scene.close()


def test_an_invisible_underlay_has_hidden_items_and_keeps_its_snaps(qapp: Any) -> None:
    view = UnderlayView(underlay_source(4), Underlay("p.dxf", visible=False))
    assert view.items
    assert not any(item.isVisible() for item in view.items)
    assert len(view.index) == 6
    view.apply(Underlay("p.dxf"))
    assert all(item.isVisible() for item in view.items)


def _ink(image: QImage) -> int:
    """How many sampled pixels are not white."""
    step = max(1, image.width() // 200)
    return sum(
        1
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
        if image.pixelColor(x, y) != QColor(255, 255, 255)
    )


def test_render_image_and_pdf(scene: Any, tmp_path: Path) -> None:
    scene.set_selection(["wall-1"])
    image = render_image(scene, 800)
    assert image.width() == 800
    assert image.height() > 0
    assert _ink(image) > 50
    selection_blue = QColor(0, 120, 215)
    assert all(
        image.pixelColor(x, y) != selection_blue
        for x in range(0, 800, 4)
        for y in range(0, image.height(), 4)
    )
    assert scene.selected_ids() == ["wall-1"]  # the selection survives the export
    pdf = tmp_path / "plan.pdf"
    render_pdf(scene, pdf, title="Plan")
    assert pdf.read_bytes().startswith(b"%PDF")
    with pytest.raises(OSError, match="cannot write"):
        render_pdf(scene, tmp_path / "missing" / "plan.pdf")


def test_empty_scene_renders_blank(qapp: Any) -> None:
    scene = DrawingScene(Document())
    image = render_image(scene, 100, 100)
    assert _ink(image) == 0
    scene.close()


def test_underlay_view_reuses_its_image_on_pan_and_scales_it_until_the_zoom_rests(
    qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = Document(Unit.INCH, underlay=Underlay("plan.dxf"))
    scene = DrawingScene(doc)
    scene.set_underlay_drawing(underlay_source(2_500))
    [item] = scene.underlay_items()
    drawn: list[float] = []
    draw = item.draw

    def counting(painter: Any, area: Any, scale: float) -> None:
        drawn.append(scale)
        draw(painter, area, scale)

    monkeypatch.setattr(item.cache, "_draw", counting)
    view = DrawingView(scene)
    view.resize(400, 300)
    view.show()
    view.zoom_extents()
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)

    def paint() -> QImage:
        view.viewport().render(image)
        return image.copy()

    first = paint()
    assert drawn == [pytest.approx(view.pixels_per_unit)]
    assert _ink(first) > 0
    assert paint() == first  # the same view again: the image, not the vectors
    view.pan_by(10, 5)
    paint()
    assert len(drawn) == 1  # a pan inside the drawn area is a copy
    view.zoom_by(2.0)
    scaled = paint()
    assert len(drawn) == 1  # at once: the last image, scaled
    assert item.cache.refine_pending
    assert _ink(scaled) > 0
    item.cache.refine_now()
    sharp = paint()
    assert drawn[-1] == pytest.approx(view.pixels_per_unit)  # then drawn at the new zoom
    assert not item.cache.refine_pending
    assert sharp != scaled
    assert item.cache.kib() > 0
    view.zoom_extents()
    assert paint() == first  # back to the whole drawing: the overview image, as it was
    assert not item.cache.refine_pending
    render_image(scene, 300)  # an export draws the vectors, whatever the view holds
    assert len(drawn) == 3
    item.refresh()  # a layer change: drawn again
    paint()
    assert len(drawn) == 4
    view.close()
    scene.close()
