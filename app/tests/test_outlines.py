"""Outlines made into QPainterPaths from numpy arrays: the same geometry as drawing each
shape with Qt's own path calls (lines, arcs both ways, circles, bulged polylines)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from lvcad.canvas.outlines import Outlines, entity_outlines, text_midlines
from lvcad.canvas.paths import shapes_path
from lvcad.model import ArcEntity, CircleEntity, LineEntity, PolylineEntity, TextEntity
from lvcad_geometry import Arc, Line, Polyline, Transform, Vec2


def _points(path: Any, samples: int = 64) -> np.ndarray:
    return np.array(
        [
            (point.x(), point.y())
            for point in (path.pointAtPercent(i / samples) for i in range(samples + 1))
        ]
    )


ENTITIES = [
    LineEntity(layer="A", geometry=Line((0, 0), (10, 5))),
    ArcEntity(layer="A", geometry=Arc((3, 4), 2.0, 0.3, 2.5)),  # counter-clockwise
    ArcEntity(layer="A", geometry=Arc((-3, 1), 1.5, 2.0, -4.0)),  # clockwise, > 180 degrees
    CircleEntity(layer="A", center=Vec2(7, -2), radius=3.0),
    PolylineEntity(
        layer="A",
        geometry=Polyline([(0, 0), (10, 0), (10, 2), (0, 2)], bulges=[0, 1, 0, -0.4], closed=True),
    ),
]


@pytest.mark.parametrize("entity", ENTITIES, ids=lambda entity: entity.kind)
def test_each_kind_traces_the_same_curve_as_qt_path_calls(qapp: Any, entity: Any) -> None:
    outlines, owner = entity_outlines([entity], {})
    assert owner.tolist() == [0] * len(outlines)
    elements = outlines.elements()
    made = elements.path(0, int(elements.start[-1]))
    shape = entity.arc if isinstance(entity, CircleEntity) else entity.geometry
    expected = shapes_path([shape])
    assert made.currentPosition().x() == pytest.approx(expected.currentPosition().x(), abs=1e-3)
    got, want = _points(made), _points(expected, 4000)
    gaps = np.hypot(*(got[:, None, :] - want[None, :, :]).transpose(2, 0, 1)).min(axis=1)
    assert gaps.max() < 1e-3 * max(1.0, shape.length)  # on the same curve
    box = elements.boxes()[0]
    rect = expected.boundingRect()
    assert box[0] <= rect.left() + 1e-3  # Qt's own arcs end a hair off
    assert box[2] >= rect.right() - 1e-3


def test_arcs_stay_within_a_hair_of_the_true_circle(qapp: Any) -> None:
    outlines, _ = entity_outlines(
        [ArcEntity(geometry=Arc((1, 2), 5.0, 0.1 * k, 0.5 + k)) for k in range(6)], {}
    )
    elements = outlines.elements()
    for k in range(6):
        path = elements.path(int(elements.start[k]), int(elements.start[k + 1]))
        radii = np.hypot(*(_points(path, 200) - (1.0, 2.0)).T)
        assert np.abs(radii - 5.0).max() < 5.0 * 3e-4


def test_batches_keep_whole_outlines_and_transform_exactly(qapp: Any) -> None:
    outlines, owner = entity_outlines(ENTITIES, {})
    assert sorted(set(owner.tolist())) == [0, 1, 2, 3, 4]
    elements = outlines.elements()
    order = np.arange(len(outlines))[::-1]
    reordered = elements.reordered(order)
    assert reordered.start[-1] == elements.start[-1]
    assert np.allclose(reordered.boxes(), elements.boxes()[order])
    moved = elements.transformed(Transform.translation(5.0, -1.0) @ Transform.scaling(2.0))
    assert np.allclose(moved.boxes(), elements.boxes() * 2.0 + [5.0, -1.0, 5.0, -1.0])


def test_text_is_a_stroke_through_the_middle_of_its_box() -> None:
    x, y = text_midlines(
        [
            TextEntity(position=Vec2(10, 20), text="ABCD", height=2.0),
            TextEntity(position=Vec2(0, 0), text="AB", height=1.0, rotation=math.pi / 2),
        ]
    )
    assert x[:2] == pytest.approx([10.0, 10.0 + 4 * 0.6 * 2.0])
    assert y[:2] == pytest.approx([21.0, 21.0])
    assert x[2:] == pytest.approx([-0.5, -0.5])
    assert y[2:] == pytest.approx([0.0, 1.2])


def test_mismatched_arrays_are_refused() -> None:
    with pytest.raises(ValueError, match="do not match"):
        Outlines.from_arrays(
            np.zeros(3), np.zeros(3), np.zeros(3), counts=np.array([2]), closed=np.array([False])
        )
    with pytest.raises(ValueError, match="at least two"):
        Outlines.from_arrays(
            np.zeros(1), np.zeros(1), np.zeros(1), counts=np.array([1]), closed=np.array([False])
        )
