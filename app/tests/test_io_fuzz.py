"""Fuzzing the .lvcad reader: mutated files give a valid document or a documented error.

Mutations start from the stored fixtures (every entity type, both schema versions) and work
on the bytes (truncate, flip, splice, delete) or on the parsed JSON (drop a key, put a value
of another type anywhere, duplicate a record). Whatever the reader returns must save and
read back unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from lvcad.io import DocumentError, document_from_bytes, document_to_bytes
from lvcad.model import Document

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = {path.name: path.read_bytes() for path in sorted(FIXTURES.glob("*.lvcad"))}

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**80), 2**80)
    | st.floats()
    | st.text(max_size=10)
    | st.sampled_from(["0", "line", "arc", "wire", "device", "TICK", "dev-sd1", "#ff0000"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)


def read(raw: bytes) -> Document | DocumentError:
    """The reader's verdict: a document, or one of our documented errors."""
    try:
        document = document_from_bytes(raw, path="fuzzed.lvcad")
    except DocumentError as error:
        if "fuzzed.lvcad" not in str(error):
            raise AssertionError(f"the message does not name the file: {error}") from error
        return error
    saved = document_to_bytes(document)  # whatever loads must save and load back the same
    assert document_from_bytes(saved) == document
    return document


def locations(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) pair inside a parsed JSON value."""
    found: list[tuple[Any, Any]] = []
    stack = [value]
    while stack:
        container = stack.pop()
        keys = container.keys() if isinstance(container, dict) else range(len(container))
        for key in keys:
            found.append((container, key))
            if isinstance(container[key], dict | list):
                stack.append(container[key])
    return found


@st.composite
def json_mutations(draw: st.DrawFn) -> bytes:
    data = json.loads(SEEDS[draw(st.sampled_from(sorted(SEEDS)))])
    for _ in range(draw(st.integers(1, 3))):
        spots = locations(data)
        if not spots:
            break
        container, key = spots[draw(st.integers(0, len(spots) - 1))]
        kind = draw(st.sampled_from(["drop", "replace", "duplicate"]))
        if kind == "drop":
            del container[key]
        elif kind == "replace":
            container[key] = draw(JSON_VALUES)
        elif isinstance(container, list):
            container.insert(key, json.loads(json.dumps(container[key])))
        else:
            container[key + "_"] = container[key]
    return json.dumps(data).encode("utf-8")


def test_the_seeds_are_valid_documents() -> None:
    assert len(SEEDS) >= 3
    for raw in SEEDS.values():
        assert isinstance(read(raw), Document)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_bytes_give_a_document_or_a_documented_error(
    byte_mutations: Callable[..., st.SearchStrategy[bytes]], data: st.DataObject
) -> None:
    raw = data.draw(byte_mutations(SEEDS, max_splice=200, max_delete=50))
    event(type(read(raw)).__name__)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(raw=json_mutations())
def test_mutated_json_gives_a_document_or_a_documented_error(raw: bytes) -> None:
    event(type(read(raw)).__name__)


@given(raw=st.binary(max_size=200))
def test_random_bytes_give_a_documented_error(raw: bytes) -> None:
    assert isinstance(read(raw), DocumentError)


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_every_prefix_of_a_fixture_is_handled(name: str) -> None:
    raw = SEEDS[name]
    for end in range(0, len(raw), max(1, len(raw) // 300)):
        read(raw[:end])
