"""Saving and opening .lvcad files: exact round trips and deterministic bytes."""

from __future__ import annotations

import math
import os
import stat
import struct
import sys
from collections.abc import Callable
from datetime import UTC, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lvcad.io import (
    BACKUP_SUFFIX,
    CURRENT_VERSION,
    document_from_bytes,
    document_to_bytes,
    open_document,
    save_document,
)
from lvcad.io.codec import document_to_data, encode
from lvcad.io.schema import check
from lvcad.model import (
    ENTITY_TYPES,
    ArcEntity,
    CircleEntity,
    Color,
    Device,
    Document,
    Entity,
    Insert,
    Layer,
    LineEntity,
    Metadata,
    PolylineEntity,
    PropertyMap,
    TextAnchor,
    TextEntity,
    Underlay,
    UnderlayLayer,
    Unit,
    Wire,
)
from lvcad.model.blocks import BlockDefinition
from lvcad_geometry import Arc, Line, Polyline, Transform


def bits(value: float) -> bytes:
    return struct.pack("<d", value)


def all_floats(document: Document) -> list[float]:
    """Every float in the document, in a fixed order (to compare bit patterns)."""
    found: list[float] = []

    def walk(value: object) -> None:
        if isinstance(value, float):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(document_to_data(document))
    return found


def test_the_current_fixture_holds_every_entity_type(fixtures: Path) -> None:
    doc = open_document(fixtures / f"lvcad-v{CURRENT_VERSION}.lvcad")
    assert {entity.kind for entity in doc} == set(ENTITY_TYPES)
    assert doc.underlay is not None
    assert doc.metadata.created is not None
    assert doc.blocks


def test_the_current_fixture_is_what_the_sample_document_saves_as(
    fixtures: Path, sample_document: Callable[[], Document]
) -> None:
    current = fixtures / f"lvcad-v{CURRENT_VERSION}.lvcad"
    stored = current.read_bytes()
    assert open_document(current) == sample_document()
    # A difference here means the bytes of the current schema version changed: that needs a
    # new schema version and a migration (see lvcad/io/README.md), not an edit of the fixture.
    assert document_to_bytes(sample_document()) == stored


def test_save_open_save_gives_identical_bytes(
    tmp_path: Path, sample_document: Callable[[], Document]
) -> None:
    first, second = tmp_path / "a.lvcad", tmp_path / "b.lvcad"
    save_document(sample_document(), first)
    save_document(open_document(first), second)
    assert first.read_bytes() == second.read_bytes()
    text = first.read_bytes()
    assert text.endswith(b"}\n")
    assert text.isascii()
    assert text.startswith(b'{\n  "format": "lvcad",\n  "schema_version": 2,\n')


def test_entities_come_back_as_the_same_types_and_floats_bit_for_bit(
    sample_document: Callable[[], Document],
) -> None:
    original = sample_document()
    loaded = document_from_bytes(document_to_bytes(original))
    for before, after in zip(original, loaded, strict=True):
        assert type(after) is type(before)
        assert after == before
    arcs = [e for e in loaded if isinstance(e, ArcEntity)]
    assert [type(e.geometry) for e in arcs] == [Arc, Arc]  # arcs stay arcs
    assert [bits(v) for v in all_floats(loaded)] == [bits(v) for v in all_floats(original)]
    assert bits(arcs[1].geometry.start_angle) == bits(-0.0)


def test_saved_data_matches_the_schema(sample_document: Callable[[], Document]) -> None:
    check(document_to_data(sample_document()), CURRENT_VERSION)
    check(document_to_data(Document()), CURRENT_VERSION)


def test_saving_keeps_the_previous_file_as_bak(tmp_path: Path) -> None:
    path = tmp_path / "plan.lvcad"
    backup = tmp_path / f"plan.lvcad{BACKUP_SUFFIX}"
    save_document(Document(metadata=Metadata(title="first")), path)
    assert not backup.exists()
    first = path.read_bytes()
    save_document(Document(metadata=Metadata(title="second")), path)
    assert backup.read_bytes() == first
    assert open_document(path).metadata.title == "second"
    save_document(Document(metadata=Metadata(title="third")), path)
    assert open_document(backup).metadata.title == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.lvcad", "plan.lvcad.bak"]


def test_the_backup_is_a_copy_where_hard_links_are_impossible(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: object) -> None:
        raise OSError("hard links are not supported here")

    path = tmp_path / "plan.lvcad"
    save_document(Document(metadata=Metadata(title="first")), path)
    first = path.read_bytes()
    monkeypatch.setattr(os, "link", no_links)
    save_document(Document(metadata=Metadata(title="second")), path)
    assert (tmp_path / "plan.lvcad.bak").read_bytes() == first
    assert len(list(tmp_path.iterdir())) == 2


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_saving_keeps_permissions_and_follows_symlinks(tmp_path: Path) -> None:
    target = tmp_path / "real.lvcad"
    save_document(Document(), target)
    target.chmod(0o640)
    link = tmp_path / "link.lvcad"
    link.symlink_to(target)
    save_document(Document(Unit.FOOT), link)
    assert link.is_symlink()
    assert open_document(target).unit is Unit.FOOT
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_saving_does_not_change_the_document(
    tmp_path: Path, sample_document: Callable[[], Document]
) -> None:
    doc = sample_document()
    heard: list[object] = []
    doc.subscribe(heard.append)
    save_document(doc, tmp_path / "x.lvcad")
    assert heard == []
    assert doc == sample_document()


# ------------------------------------------------------------------ random documents

FLOATS = st.floats(allow_nan=False, allow_infinity=False)
COORDINATES = st.one_of(FLOATS.filter(lambda v: abs(v) < 1e150), st.sampled_from([0.0, -0.0]))
ANGLES = st.floats(-100.0, 100.0)
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
NAMES = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=8)
IDS = st.text("abcXYZ019_.:-", min_size=1, max_size=10)
VALUES = st.one_of(TEXT, st.booleans(), st.integers(-(2**70), 2**70), FLOATS)
PROPERTIES = st.dictionaries(IDS, VALUES, max_size=4).map(PropertyMap)
COLORS = st.none() | st.builds(Color, *[st.integers(0, 255)] * 3)
POINTS = st.tuples(COORDINATES, COORDINATES)


@st.composite
def polylines(draw: st.DrawFn, *, closed: bool | None = None) -> Polyline:
    count = draw(st.integers(2, 6))
    vertices = draw(st.lists(POINTS, min_size=count, max_size=count))
    bulges = draw(st.lists(st.one_of(st.just(0.0), FLOATS), min_size=count, max_size=count))
    is_closed = draw(st.booleans()) if closed is None else closed
    return Polyline(vertices, bulges, closed=is_closed)


def arcs() -> st.SearchStrategy[Arc]:
    sweeps = st.floats(-2 * math.pi, 2 * math.pi).filter(lambda s: s != 0.0)
    return st.builds(Arc, POINTS, st.floats(1e-300, 1e300), ANGLES, sweeps)


def common() -> dict[str, st.SearchStrategy[object]]:
    return {"id": IDS, "layer": st.sampled_from(["0", "L1"]), "color": COLORS}


def drawing_entities(blocks: list[str]) -> st.SearchStrategy[Entity]:
    options: list[st.SearchStrategy[Entity]] = [
        st.builds(LineEntity, geometry=st.builds(Line, POINTS, POINTS), **common()),
        st.builds(ArcEntity, geometry=arcs(), **common()),
        st.builds(CircleEntity, center=POINTS, radius=st.floats(1e-300, 1e300), **common()),
        st.builds(PolylineEntity, geometry=polylines(), **common()),
        st.builds(
            TextEntity,
            position=POINTS,
            text=TEXT,
            height=st.floats(1e-6, 1e6),
            rotation=ANGLES,
            anchor=st.sampled_from(TextAnchor),
            **common(),
        ),
    ]
    if blocks:
        options.append(
            st.builds(
                Insert,
                block=st.sampled_from(blocks),
                position=POINTS,
                rotation=ANGLES,
                scale_x=FLOATS.filter(bool),
                scale_y=FLOATS.filter(bool),
                attributes=st.dictionaries(IDS, TEXT, max_size=3).map(PropertyMap),
                **common(),
            )
        )
    return st.one_of(options)


def unique_ids(entities: list[Entity]) -> list[Entity]:
    seen: dict[str, Entity] = {}
    for entity in entities:
        seen.setdefault(entity.id, entity)
    return list(seen.values())


@st.composite
def documents(draw: st.DrawFn) -> Document:
    leaf = BlockDefinition(
        "LEAF", draw(POINTS), tuple(unique_ids(draw(st.lists(drawing_entities([]), max_size=3))))
    )
    node = BlockDefinition(
        "NODE ✓",
        draw(POINTS),
        tuple(unique_ids(draw(st.lists(drawing_entities(["LEAF"]), max_size=3)))),
    )
    entities = unique_ids(draw(st.lists(drawing_entities(["LEAF", "NODE ✓"]), max_size=8)))
    taken = {e.id for e in entities}
    devices = [
        Device(
            id=f"dev{i}",
            layer="L1",
            device_type=draw(IDS),
            position=draw(POINTS),
            rotation=draw(ANGLES),
            model=draw(TEXT),
            label=draw(TEXT),
            properties=draw(PROPERTIES),
        )
        for i in range(draw(st.integers(0, 3)))
        if f"dev{i}" not in taken
    ]
    wires = [
        Wire(
            id=f"wire{i}",
            path=draw(polylines(closed=False)),
            circuit=draw(TEXT),
            devices=tuple(draw(st.lists(st.sampled_from([d.id for d in devices]), unique=True)))
            if devices
            else (),
        )
        for i in range(draw(st.integers(0, 2)))
        if f"wire{i}" not in taken
    ]
    times = st.none() | st.datetimes(
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30))])
    )
    return Document(
        draw(st.sampled_from(Unit)),
        metadata=Metadata(
            draw(TEXT), draw(TEXT), draw(TEXT), draw(times), draw(times), draw(PROPERTIES)
        ),
        layers=[Layer("L1", draw(COLORS) or Color(1, 2, 3), draw(st.booleans()))],
        blocks=[node, leaf],
        entities=[*entities, *devices, *wires],
        underlay=draw(
            st.none()
            | st.builds(
                Underlay,
                source=TEXT.filter(bool),
                transform=st.just(Transform.rotation(0.3) @ Transform.scaling(25.4)),
                layers=st.lists(NAMES, unique=True, max_size=3).map(
                    lambda names: tuple(UnderlayLayer(n, False, True) for n in names)
                ),
                visible=st.booleans(),
                locked=st.booleans(),
            )
        ),
    )


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=150)
@given(document=documents())
def test_random_documents_round_trip_exactly(document: Document) -> None:
    saved = document_to_bytes(document)
    loaded = document_from_bytes(saved)
    assert loaded == document
    assert [bits(v) for v in all_floats(loaded)] == [bits(v) for v in all_floats(document)]
    assert document_to_bytes(loaded) == saved


def test_encode_refuses_data_with_unknown_top_level_keys() -> None:
    data = document_to_data(Document())
    data["extra"] = 1
    with pytest.raises(ValueError, match="exactly the keys"):
        encode(data)
