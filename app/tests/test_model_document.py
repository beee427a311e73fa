"""The Document: checked mutations, change records, undo by inverse, and notifications."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lvcad.model import (
    BlockDefinition,
    Change,
    Device,
    Document,
    Insert,
    Layer,
    LineEntity,
    Metadata,
    Observable,
    TextEntity,
    Underlay,
    Unit,
    Wire,
    changes,
)
from lvcad.model.errors import (
    DanglingReferenceError,
    DuplicateError,
    InUseError,
    ModelError,
    NotFoundError,
)
from lvcad_geometry import Line, Polyline


def line(entity_id: str, layer: str = "0", x: float = 0.0) -> LineEntity:
    return LineEntity(id=entity_id, layer=layer, geometry=Line((x, 0.0), (x + 1.0, 1.0)))


def device(entity_id: str, x: float = 0.0) -> Device:
    return Device(id=entity_id, device_type="smoke_detector", position=(x, 0.0))


def wire(entity_id: str, *devices: str) -> Wire:
    return Wire(id=entity_id, path=Polyline([(0, 0), (1, 0)]), circuit="SLC-1", devices=devices)


class Recorder:
    """Collects change records, like the editor's canvas would."""

    def __init__(self, document: Document) -> None:
        self.seen: list[Change] = []
        self.subscription = document.subscribe(self.seen.append)


def ids(document: Document) -> list[str]:
    return list(document.entities)


def test_a_new_document_has_layer_zero_and_nothing_else() -> None:
    doc = Document()
    assert doc.unit is Unit.MILLIMETRE
    assert list(doc.layers) == ["0"]
    assert len(doc) == 0
    assert doc.blocks == {}
    assert doc.underlay is None
    assert doc.metadata == Metadata()
    assert repr(doc) == "<Document in mm: 0 entities, 1 layers, 0 blocks>"


def test_add_appends_in_order_and_reports_positions() -> None:
    doc = Document()
    recorder = Recorder(doc)
    first = doc.add(line("a"), line("b"))
    second = doc.add(line("c"))
    assert ids(doc) == ["a", "b", "c"]
    assert first.positions == (0, 1)
    assert second.positions == (2,)
    assert recorder.seen == [first, second]
    assert doc.get("b") == line("b")
    assert "c" in doc
    assert doc.get("zz") is None
    assert [e.id for e in doc] == ["a", "b", "c"]


def test_a_refused_change_changes_nothing_and_notifies_nobody() -> None:
    doc = Document(entities=[line("a")])
    recorder = Recorder(doc)
    with pytest.raises(DuplicateError, match="'a'"):
        doc.add(line("b"), line("a"))
    with pytest.raises(DuplicateError, match="'c'"):
        doc.add(line("c"), line("c"))
    with pytest.raises(DanglingReferenceError, match=r"layer 'NOPE'.*add the layer first"):
        doc.add(line("d"), line("e", layer="NOPE"))
    with pytest.raises(TypeError, match="not a document entity"):
        doc.add("a line")  # type: ignore[arg-type]
    assert ids(doc) == ["a"]
    assert recorder.seen == []


def test_remove_and_undo_restore_the_draw_order() -> None:
    doc = Document(entities=[line(name) for name in "abcdef"])
    removed = doc.remove("e", "b", "c")
    assert ids(doc) == ["a", "d", "f"]
    assert removed.positions == (1, 2, 4)
    assert [e.id for e in removed.entities] == ["b", "c", "e"]
    doc.apply(removed.inverse())
    assert ids(doc) == list("abcdef")
    with pytest.raises(NotFoundError, match="'zz'"):
        doc.remove("a", "zz")
    assert len(doc) == 6


def test_replace_keeps_the_position_and_its_inverse_restores() -> None:
    doc = Document(entities=[line("a"), line("b"), line("c")])
    moved = line("b", x=10.0)
    change = doc.replace(moved)
    assert ids(doc) == ["a", "b", "c"]
    assert doc.entities["b"] == moved
    assert change.old == (line("b"),)
    doc.apply(change.inverse())
    assert doc.entities["b"] == line("b")
    with pytest.raises(NotFoundError, match="add it instead"):
        doc.replace(line("new"))
    with pytest.raises(ModelError, match="replaced twice"):
        doc.replace(line("a", x=1.0), line("a", x=2.0))


def test_applying_a_stale_record_is_refused() -> None:
    doc = Document(entities=[line("a")])
    change = doc.replace(line("a", x=5.0))
    with pytest.raises(ModelError, match="differs"):
        doc.apply(change)  # the old value is no longer in the document
    removed = doc.remove("a")
    with pytest.raises(NotFoundError):
        doc.apply(removed)
    with pytest.raises(ModelError, match="do not fit"):
        doc.apply(changes.EntitiesAdded((line("x"), line("y")), positions=(1, 0)))
    doc.add(line("q"))
    with pytest.raises(ModelError, match="cannot replace line 'q' by line 'r'"):
        doc.apply(changes.EntitiesReplaced((line("q"),), (line("r"),)))
    with pytest.raises(ModelError, match="as many"):
        doc.apply(changes.EntitiesReplaced((), (line("r"),)))
    with pytest.raises(TypeError, match="not a change record"):
        doc.apply("undo")  # type: ignore[arg-type]


def test_wires_connect_existing_devices_only() -> None:
    doc = Document(entities=[device("d1"), device("d2"), line("l1")])
    doc.add(wire("w1", "d1", "d2"))
    assert doc.wires_of("d1") == [doc.entities["w1"]]
    assert [d.id for d in doc.devices()] == ["d1", "d2"]
    assert [w.id for w in doc.wires()] == ["w1"]
    with pytest.raises(DanglingReferenceError, match="'l1', which is not a device"):
        doc.add(wire("w2", "l1"))
    with pytest.raises(DanglingReferenceError, match="'d9'"):
        doc.add(wire("w2", "d9"))
    doc.add(wire("w3", "d3"), device("d3"))  # a batch is checked as a whole


def test_connected_devices_cannot_be_removed_or_turned_into_something_else() -> None:
    doc = Document(entities=[device("d1"), device("d2"), wire("w1", "d1", "d2")])
    with pytest.raises(InUseError, match="'d1' is connected to wire 'w1'"):
        doc.remove("d1")
    with pytest.raises(InUseError, match="would no longer be devices"):
        doc.replace(TextEntity(id="d1", position=(0, 0), text="x", height=1))
    doc.replace(device("d1", x=5.0))  # moving it is fine
    doc.remove("w1", "d1")  # removing the wire with it is fine
    assert ids(doc) == ["d2"]
    doc.replace(TextEntity(id="d2", position=(0, 0), text="x", height=1))


def test_layers_add_replace_remove_and_undo() -> None:
    doc = Document()
    recorder = Recorder(doc)
    doc.add_layer(Layer("B"))
    added = doc.add_layer(Layer("A"), position=1)
    assert list(doc.layers) == ["0", "A", "B"]
    assert added.position == 1
    hidden = doc.replace_layer(Layer("A", visible=False))
    assert not doc.layers["A"].visible
    doc.apply(hidden.inverse())
    assert doc.layers["A"].visible
    removed = doc.remove_layer("A")
    assert removed.position == 1
    doc.apply(removed.inverse())
    assert list(doc.layers) == ["0", "A", "B"]
    assert len(recorder.seen) == 6
    with pytest.raises(DuplicateError):
        doc.add_layer(Layer("A"))
    with pytest.raises(ModelError, match="outside"):
        doc.add_layer(Layer("C"), position=9)
    with pytest.raises(NotFoundError):
        doc.replace_layer(Layer("C"))
    with pytest.raises(NotFoundError):
        doc.remove_layer("C")
    with pytest.raises(ModelError, match="cannot rename"):
        doc.apply(changes.LayerReplaced(doc.layers["A"], Layer("Z")))
    with pytest.raises(ModelError, match="not in the document as given"):
        doc.apply(changes.LayerRemoved(Layer("A", locked=True)))


def test_layers_in_use_and_layer_zero_stay() -> None:
    block = BlockDefinition("SYM", entities=(line("s", layer="SYMBOLS"),))
    doc = Document(
        layers=[Layer("WALLS"), Layer("SYMBOLS")], blocks=[block], entities=[line("a", "WALLS")]
    )
    assert list(doc.layers) == ["0", "WALLS", "SYMBOLS"]
    with pytest.raises(InUseError, match="still holds line 'a'"):
        doc.remove_layer("WALLS")
    with pytest.raises(InUseError, match="block 'SYM' draws on layer 'SYMBOLS'"):
        doc.remove_layer("SYMBOLS")
    with pytest.raises(InUseError, match='layer "0"'):
        doc.remove_layer("0")


def test_blocks_and_inserts() -> None:
    doc = Document(layers=[Layer("L")])
    inner = BlockDefinition("INNER", entities=(line("i"),))
    outer = BlockDefinition("OUTER", entities=(Insert(id="n", block="INNER", position=(0, 0)),))
    with pytest.raises(DanglingReferenceError, match="places block 'INNER'"):
        doc.add_block(outer)
    doc.add_block(inner)
    doc.add_block(outer)
    doc.add(Insert(id="x", block="OUTER", position=(5, 5)))
    with pytest.raises(DanglingReferenceError, match="block 'NONE'"):
        doc.add(Insert(id="y", block="NONE", position=(5, 5)))
    with pytest.raises(InUseError, match="placed by insert 'x'"):
        doc.remove_block("OUTER")
    with pytest.raises(InUseError, match="inside block 'OUTER'"):
        doc.remove_block("INNER")
    with pytest.raises(DanglingReferenceError, match="lacks"):
        doc.add_block(BlockDefinition("BAD", entities=(line("q", layer="MISSING"),)))
    with pytest.raises(DuplicateError):
        doc.add_block(inner)
    redefined = BlockDefinition("INNER", entities=(line("i", layer="L"),))
    change = doc.replace_block(redefined)
    assert doc.blocks["INNER"] == redefined
    doc.apply(change.inverse())
    assert doc.blocks["INNER"] == inner
    doc.remove("x")
    removed = doc.remove_block("OUTER")
    doc.apply(removed.inverse())
    assert set(doc.blocks) == {"INNER", "OUTER"}
    with pytest.raises(NotFoundError):
        doc.remove_block("NONE")
    with pytest.raises(NotFoundError):
        doc.replace_block(BlockDefinition("NONE"))
    with pytest.raises(ModelError, match="cannot rename"):
        doc.apply(changes.BlockReplaced(inner, BlockDefinition("OTHER")))
    with pytest.raises(ModelError, match="not in the document as given"):
        doc.apply(changes.BlockRemoved(BlockDefinition("INNER")))


def test_blocks_cannot_contain_themselves() -> None:
    def places(name: str, target: str) -> BlockDefinition:
        return BlockDefinition(name, entities=(Insert(id="i", block=target, position=(0, 0)),))

    with pytest.raises(DanglingReferenceError, match="SELF -> SELF"):
        Document().add_block(places("SELF", "SELF"))
    with pytest.raises(DanglingReferenceError, match="contain themselves"):
        Document(blocks=[places("A", "B"), places("B", "C"), places("C", "A")])
    doc = Document(blocks=[BlockDefinition("A"), places("B", "A")])
    with pytest.raises(DanglingReferenceError, match="A -> B -> A"):
        doc.replace_block(places("A", "B"))
    assert doc.blocks["A"] == BlockDefinition("A")


def test_underlay_and_metadata_changes_undo() -> None:
    doc = Document()
    recorder = Recorder(doc)
    attach = doc.set_underlay(Underlay("plan.dxf"))
    assert doc.underlay == Underlay("plan.dxf")
    doc.apply(attach.inverse())
    assert doc.underlay is None
    titled = doc.set_metadata(Metadata(title="Level 2"))
    assert doc.metadata.title == "Level 2"
    doc.apply(titled.inverse())
    assert doc.metadata == Metadata()
    assert [type(c).__name__ for c in recorder.seen] == [
        "UnderlayChanged",
        "UnderlayChanged",
        "MetadataChanged",
        "MetadataChanged",
    ]
    with pytest.raises(ModelError, match="current underlay"):
        doc.apply(changes.UnderlayChanged(Underlay("other.dxf"), None))
    with pytest.raises(ModelError, match="current metadata"):
        doc.apply(changes.MetadataChanged(Metadata(title="x"), Metadata()))
    with pytest.raises(TypeError, match="underlay"):
        doc.set_underlay("plan.dxf")  # type: ignore[arg-type]


def test_constructor_checks_the_whole_content() -> None:
    with pytest.raises(DuplicateError, match="layer 'A'"):
        Document(layers=[Layer("A"), Layer("A")])
    with pytest.raises(DuplicateError, match="block 'B'"):
        Document(blocks=[BlockDefinition("B"), BlockDefinition("B")])
    with pytest.raises(DuplicateError, match="'a'"):
        Document(entities=[line("a"), line("a")])
    with pytest.raises(DanglingReferenceError):
        Document(entities=[wire("w", "nobody")])
    with pytest.raises(TypeError, match="unit"):
        Document("mm")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="metadata"):
        Document(metadata={"title": "x"})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="layer"):
        Document(layers=["A"])  # type: ignore[list-item]


def test_equality_compares_content_and_order() -> None:
    assert Document(entities=[line("a"), line("b")]) == Document(entities=[line("a"), line("b")])
    assert Document(entities=[line("a"), line("b")]) != Document(entities=[line("b"), line("a")])
    assert Document(Unit.FOOT) != Document(Unit.INCH)
    assert Document() != "document"
    assert Document(metadata=Metadata(title="T")).__repr__().startswith("<Document 'T' in mm")


def test_a_snapshot_is_the_document_now_and_later_changes_stay_out() -> None:
    doc = Document(
        Unit.FOOT,
        metadata=Metadata(title="Level 1"),
        layers=[Layer("E-WIRE")],
        blocks=[BlockDefinition("SD", entities=(line("b1"),))],
        entities=[line("a"), line("b", "E-WIRE")],
    )
    heard: list[Change] = []
    doc.subscribe(heard.append)
    copy = doc.snapshot()
    assert copy == doc
    assert copy.get("a") is doc.get("a")  # the immutable values are shared, not copied
    doc.add(line("c"))
    doc.remove("a")
    doc.replace(line("b", "E-WIRE", x=5.0))
    doc.add_layer(Layer("A-WALL"))
    doc.replace_block(BlockDefinition("SD", entities=(line("b2"),)))
    doc.set_metadata(Metadata(title="Level 2"))
    doc.set_underlay(Underlay("plan.dxf"))
    assert list(copy.entities) == ["a", "b"]
    assert copy.get("b") == line("b", "E-WIRE")
    assert list(copy.layers) == ["0", "E-WIRE"]
    assert copy.blocks["SD"].entities == (line("b1"),)
    assert copy.metadata.title == "Level 1"
    assert copy.underlay is None
    assert len(heard) == 7  # the copy's subscribers are its own (none)


def test_unsubscribed_callbacks_hear_nothing() -> None:
    doc = Document()
    seen: list[Change] = []
    with doc.subscribe(seen.append):
        doc.add(line("a"))
    doc.add(line("b"))
    other: list[Change] = []
    doc.subscribe(other.append)
    doc.unsubscribe(other.append)
    doc.unsubscribe(other.append)  # twice is harmless
    doc.add(line("c"))
    assert len(seen) == 1
    assert other == []


def test_a_failing_listener_does_not_starve_the_others() -> None:
    events = Observable[int]()
    heard: list[int] = []

    def broken(event: int) -> None:
        raise RuntimeError(f"broken listener got {event}")

    events.subscribe(broken)
    events.subscribe(heard.append)
    with pytest.raises(RuntimeError, match="got 1"):
        events.notify(1)
    assert heard == [1]
    events.subscribe(broken)
    with pytest.raises(ExceptionGroup, match="2 change listeners failed"):
        events.notify(2)
    assert heard == [1, 2]
    assert len(events) == 3


def test_listeners_may_unsubscribe_while_being_notified() -> None:
    events = Observable[str]()
    heard: list[str] = []

    def once(event: str) -> None:
        heard.append(event)
        subscription.unsubscribe()

    subscription = events.subscribe(once)
    events.subscribe(heard.append)
    events.notify("a")
    events.notify("b")
    assert heard == ["a", "a", "b"]


OPERATIONS = st.lists(
    st.tuples(st.sampled_from(["add", "remove", "replace", "layer"]), st.integers(0, 50)),
    max_size=25,
)


@given(operations=OPERATIONS)
def test_undoing_every_change_in_reverse_restores_the_document(
    operations: list[tuple[str, int]],
) -> None:
    def build() -> Document:
        return Document(layers=[Layer("A")], entities=[line(f"e{i}", x=i) for i in range(5)])

    doc = build()
    history: list[Change] = []
    doc.subscribe(history.append)
    counter = 100
    for operation, number in operations:
        existing = list(doc.entities)
        if operation == "add":
            counter += 1
            doc.add(line(f"e{counter}", layer="A" if number % 2 else "0", x=number))
        elif operation == "remove" and existing:
            doc.remove(*existing[number % len(existing) :: 3])
        elif operation == "replace" and existing:
            target = doc.entities[existing[number % len(existing)]]
            doc.replace(dataclasses.replace(target, layer="A"))
        elif operation == "layer":
            doc.replace_layer(Layer("A", visible=bool(number % 2), locked=number > 25))
    final = [*doc.entities.values()], dict(doc.layers)
    undo: Callable[[Change], Change] = doc.apply
    records = list(history)
    for record in reversed(records):
        undo(record.inverse())
    assert doc == build()
    for record in records:  # redo
        doc.apply(record)
    assert ([*doc.entities.values()], dict(doc.layers)) == final


def test_every_record_is_the_inverse_of_its_inverse() -> None:
    layer, block = Layer("A"), BlockDefinition("B")
    records: list[Change] = [
        changes.EntitiesAdded((line("a"),), (0,)),
        changes.EntitiesRemoved((line("a"),), (0,)),
        changes.EntitiesReplaced((line("a"),), (line("a", x=1.0),)),
        changes.LayerAdded(layer, 1),
        changes.LayerRemoved(layer, 1),
        changes.LayerReplaced(layer, Layer("A", locked=True)),
        changes.BlockAdded(block),
        changes.BlockRemoved(block),
        changes.BlockReplaced(block, BlockDefinition("B", (1, 1))),
        changes.UnderlayChanged(None, Underlay("x.dxf")),
        changes.MetadataChanged(Metadata(), Metadata(title="t")),
    ]
    for record in records:
        assert record.inverse().inverse() == record
        assert type(record.inverse()) is not type(record) or record.inverse() != record
    assert repr(records[1]) == "EntitiesRemoved(entities=(...), positions=(0,))"
    assert repr(changes.EntitiesAdded(())) == "EntitiesAdded(entities=(), positions=None)"


def test_records_that_do_not_match_the_document_are_refused() -> None:
    doc = Document(layers=[Layer("A")], blocks=[BlockDefinition("B")], entities=[line("a")])
    with pytest.raises(ModelError, match="listed twice"):
        doc.apply(changes.EntitiesRemoved((line("a"), line("a"))))
    with pytest.raises(ModelError, match="layer 'A' is not in the document as given"):
        doc.apply(changes.LayerReplaced(Layer("A", locked=True), Layer("A")))
    with pytest.raises(ModelError, match="block 'B' is not in the document as given"):
        doc.apply(changes.BlockReplaced(BlockDefinition("B", (5, 5)), BlockDefinition("B")))
    assert doc == Document(layers=[Layer("A")], blocks=[BlockDefinition("B")], entities=[line("a")])
