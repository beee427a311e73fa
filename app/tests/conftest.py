"""Shared fixtures for the app tests.

pytest runs with ``--import-mode=importlib``, so tests cannot import helpers from here;
they get them as fixtures: ``sample_document`` (a document with every entity type, block,
layer, underlay and metadata) and ``fixtures`` (the folder of stored ``.lvcad`` files).

Editor tests run headless (``QT_QPA_PLATFORM=offscreen``, set here unless
``LVCAD_SHOW_TESTS=1`` asks to watch them on screen) and get ``window`` (a real main window
with settings in a temporary file, at a known zoom) and ``drive`` (synthetic mouse and key
events at document coordinates).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st

from lvcad.model import (
    ArcEntity,
    BlockDefinition,
    CircleEntity,
    Color,
    DeviceCatalog,
    Document,
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
from lvcad_geometry import Arc, Line, Polyline, Transform

if not os.environ.get("LVCAD_SHOW_TESTS"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The default profile is deterministic (same examples every run, as CI needs); "thorough"
# explores new random examples, 1000 per test.
settings.register_profile("lvcad", deadline=None, derandomize=True, print_blob=True)
settings.register_profile(
    "thorough", parent=settings.get_profile("lvcad"), derandomize=False, max_examples=1000
)
# "compat": a lighter search for the other supported Pythons (nox runs the full one once).
settings.register_profile("compat", parent=settings.get_profile("lvcad"), max_examples=20)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "lvcad"))

FIXTURES = Path(__file__).parent / "fixtures"


def build_sample_document() -> Document:
    """A small office floor in inches: one of everything the format stores."""
    catalog = DeviceCatalog.builtin()
    tick = BlockDefinition(
        "TICK",
        base_point=(0.0, 0.0),
        entities=(
            LineEntity(id="t1", geometry=Line((-3.0, -3.0), (3.0, 3.0))),
            CircleEntity(id="t2", center=(0.0, 0.0), radius=1.5, color=Color(0, 0, 255)),
        ),
    )
    symbol = BlockDefinition(
        "FA_SMOKE_DETECTOR",
        base_point=(0.0, 0.0),
        entities=(
            CircleEntity(id="c", center=(0.0, 0.0), radius=6.0),
            TextEntity(
                id="t", position=(0.0, 0.0), text="SD", height=4.0, anchor=TextAnchor.MIDDLE_CENTER
            ),
            Insert(id="i", block="TICK", position=(6.0, 0.0)),
        ),
    )
    smoke = catalog.new_device("smoke_detector", (120.0, 96.0), id="dev-sd1", label="1-001")
    strobe = catalog.new_device(
        "horn_strobe",
        (240.5, 0.1),
        id="dev-hs1",
        rotation=math.pi / 2,
        model="HS-generic",
        label="NAC1-01",
        properties={"candela": 110, "mounting": "wall"},
    )
    speaker = catalog.new_device(
        "speaker", (0.0, 200.0), id="dev-spk1", properties={"wattage_tap": 0.25}
    )
    return Document(
        Unit.INCH,
        metadata=Metadata(
            title='Level 1 fire alarm — Bâtiment "A"',
            author="J. Designer",
            description="Fixture: every entity type.\nSecond line.",
            created=datetime(2026, 11, 30, 9, 15, tzinfo=UTC),
            modified=datetime(2026, 12, 1, 14, 5, 7, 250000, tzinfo=timezone(timedelta(hours=-5))),
            custom=PropertyMap({"project_number": "2026-117", "revision": 3, "issued": False}),
        ),
        layers=[
            Layer("0"),
            Layer("A-WALL", Color(128, 128, 128), locked=True),
            Layer("A-NOTE", Color(0, 255, 0), visible=False),
            Layer("FA-SMOKE", Color(255, 0, 0)),
            Layer("FA-HORN-STROBE", Color(255, 0, 0)),
            Layer("FA-SPEAKER", Color(255, 127, 0)),
            Layer("FA-WIRE", Color(255, 0, 255)),
        ],
        blocks=[symbol, tick],  # a block may use one defined after it
        entities=[
            LineEntity(id="wall-1", layer="A-WALL", geometry=Line((0.0, 0.0), (480.0, 0.0))),
            LineEntity(
                id="wall-2",
                layer="A-WALL",
                color=Color(10, 20, 30),
                geometry=Line((480.0, 0.0), (480.0, 1 / 3)),
            ),
            ArcEntity(
                id="door-swing", layer="A-WALL", geometry=Arc((36.0, 0.0), 36.0, 0.0, math.pi / 2)
            ),
            ArcEntity(
                id="cw-arc",
                layer="A-WALL",
                geometry=Arc((-1e-300, 5e-324), 0.1, -0.0, -2 * math.pi),
            ),
            CircleEntity(id="column", layer="A-WALL", center=(240.0, 120.0), radius=7.25),
            PolylineEntity(
                id="room",
                layer="A-WALL",
                geometry=Polyline(
                    [(0.0, 0.0), (100.0, 0.0), (100.0, 50.0), (0.0, 50.0)],
                    bulges=[0.0, 0.41421356237309503, 0.0, -1.0],
                    closed=True,
                ),
            ),
            TextEntity(
                id="note",
                layer="A-NOTE",
                position=(10.0, 10.0),
                text="Office 101 \u2013 ±5°\u2028ünïcode ✓",
                height=6.0,
                rotation=0.1,
                anchor=TextAnchor.TOP_RIGHT,
            ),
            Insert(
                id="tick-1",
                layer="0",
                block="TICK",
                position=(50.0, 50.0),
                rotation=-math.pi / 4,
                scale_x=-2.0,
                scale_y=0.5,
                attributes=PropertyMap({"TAG": "A1", "NOTE": ""}),
            ),
            smoke,
            strobe,
            speaker,
            Wire(
                id="slc-1",
                layer="FA-WIRE",
                circuit="SLC-1",
                devices=("dev-sd1", "dev-hs1"),
                path=Polyline([(120.0, 96.0), (240.5, 96.0), (240.5, 0.1)], bulges=[0.0, 0.0, 0.0]),
            ),
            Wire(
                id="nac-1",
                layer="FA-WIRE",
                circuit="NAC-1",
                path=Polyline([(0.0, 200.0), (100.0, 250.0)], bulges=[0.5, 0.0]),
            ),
        ],
        underlay=Underlay(
            "underlays/level-1.dxf",
            Transform.translation(-10.0, 25.5) @ Transform.scaling(1 / 25.4),
            layers=(UnderlayLayer("A-FURN", visible=False), UnderlayLayer("A-DOOR", locked=True)),
            visible=True,
            locked=True,
        ),
    )


@pytest.fixture
def sample_document() -> Callable[[], Document]:
    """A factory for a new copy of the sample document (every entity type)."""
    return build_sample_document


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """The folder of stored ``.lvcad`` fixture files."""
    return FIXTURES


# -- the editor --------------------------------------------------------------------------


@pytest.fixture
def qt_settings(tmp_path: Path) -> Any:
    """Settings in a temporary INI file (recent files never touch the user's settings)."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _no_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any modal dialog a test did not expect fail at once instead of hanging."""
    from PySide6.QtWidgets import QColorDialog, QFileDialog, QInputDialog, QMessageBox

    def unexpected(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected dialog: {args[1:3]!r}")

    for owner, names in (
        (QMessageBox, ("question", "critical", "warning", "information", "about")),
        (QFileDialog, ("getOpenFileName", "getSaveFileName")),
        (QInputDialog, ("getItem", "getText")),
        (QColorDialog, ("getColor",)),
    ):
        for name in names:
            monkeypatch.setattr(owner, name, unexpected)


@pytest.fixture
def window(qtbot: Any, qt_settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A shown main window on an empty inch drawing, 2 pixels per inch, (100, 50) centred.

    Unexpected modal dialogs fail the test; tests that expect one monkeypatch it.
    """
    from PySide6.QtCore import QPointF

    from lvcad.model import Document, Unit
    from lvcad.ui.main_window import MainWindow

    _no_dialogs(monkeypatch)
    main = MainWindow(settings=qt_settings, document=Document(Unit.INCH))
    main.resize(1000, 700)
    main.show()
    qtbot.waitExposed(main)
    main.view.set_view(2.0, QPointF(100.0, 50.0))
    yield main
    main.undo_stack.setClean()  # no "save changes?" question while closing
    main.close()
    main.deleteLater()


class Driver:
    """Synthetic input for a main window, at document coordinates."""

    def __init__(self, main: Any) -> None:
        self.main = main

    @property
    def viewport(self) -> Any:
        return self.main.view.viewport()

    def to_screen(self, x: float, y: float) -> Any:
        from PySide6.QtCore import QPointF

        return QPointF(self.main.view.mapFromScene(QPointF(x, y)))

    def _mouse(
        self, kind: Any, x: float, y: float, button: Any, buttons: Any, modifiers: Any
    ) -> None:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtGui import QMouseEvent

        local = self.to_screen(x, y)
        event = QMouseEvent(
            kind, local, self.viewport.mapToGlobal(local), button, buttons, modifiers
        )
        QCoreApplication.sendEvent(self.viewport, event)

    def press(self, x: float, y: float, button: Any = None, modifiers: Any = None) -> None:
        from PySide6.QtCore import QEvent, Qt

        button = button or Qt.MouseButton.LeftButton
        modifiers = modifiers or Qt.KeyboardModifier.NoModifier
        self._mouse(QEvent.Type.MouseButtonPress, x, y, button, button, modifiers)

    def release(self, x: float, y: float, button: Any = None, modifiers: Any = None) -> None:
        from PySide6.QtCore import QEvent, Qt

        button = button or Qt.MouseButton.LeftButton
        modifiers = modifiers or Qt.KeyboardModifier.NoModifier
        self._mouse(
            QEvent.Type.MouseButtonRelease, x, y, button, Qt.MouseButton.NoButton, modifiers
        )

    def move(self, x: float, y: float, buttons: Any = None, modifiers: Any = None) -> None:
        from PySide6.QtCore import QEvent, Qt

        buttons = buttons or Qt.MouseButton.NoButton
        modifiers = modifiers or Qt.KeyboardModifier.NoModifier
        self._mouse(QEvent.Type.MouseMove, x, y, Qt.MouseButton.NoButton, buttons, modifiers)

    def click(self, x: float, y: float, button: Any = None, modifiers: Any = None) -> None:
        """Move to (x, y), press and release."""
        self.move(x, y)
        self.press(x, y, button, modifiers)
        self.release(x, y, button, modifiers)

    def double_click(self, x: float, y: float) -> None:
        from PySide6.QtCore import QEvent, Qt

        left = Qt.MouseButton.LeftButton
        self.click(x, y)
        self._mouse(
            QEvent.Type.MouseButtonDblClick, x, y, left, left, Qt.KeyboardModifier.NoModifier
        )
        self.release(x, y)

    def drag(self, start: tuple[float, float], end: tuple[float, float], **kwargs: Any) -> None:
        """Press at ``start``, move in steps to ``end`` with the button held, release."""
        from PySide6.QtCore import Qt

        button = kwargs.get("button") or Qt.MouseButton.LeftButton
        modifiers = kwargs.get("modifiers")
        self.move(*start)
        self.press(*start, button, modifiers)
        for step in range(1, 6):
            t = step / 5
            x = start[0] + (end[0] - start[0]) * t
            y = start[1] + (end[1] - start[1]) * t
            self.move(x, y, button, modifiers)
        self.release(*end, button, modifiers)

    def key(self, key: Any, modifiers: Any = None, text: str = "") -> None:
        """Press and release a key over the drawing."""
        from PySide6.QtCore import QCoreApplication, QEvent, Qt
        from PySide6.QtGui import QKeyEvent

        modifiers = modifiers or Qt.KeyboardModifier.NoModifier
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(self.main.view, QKeyEvent(kind, key, modifiers, text))

    def type(self, *lines: str) -> None:
        """Enter each line in the command line."""
        entry = self.main.command_line.entry
        for line in lines:
            entry.setText(line)
            entry.returnPressed.emit()


@pytest.fixture
def drive(window: Any) -> Driver:
    """Synthetic input for ``window``."""
    return Driver(window)


@pytest.fixture(scope="session")
def byte_mutations() -> Callable[..., st.SearchStrategy[bytes]]:
    """A strategy factory: 1-3 byte-level mutations (truncate, flip, splice, delete, insert)
    of one of ``seeds``' files, for the readers' fuzz tests (draw it with ``st.data()``)."""

    def mutations(
        seeds: dict[str, bytes], *, max_splice: int, max_delete: int
    ) -> st.SearchStrategy[bytes]:
        @st.composite
        def mutated(draw: st.DrawFn) -> bytes:
            data = bytearray(seeds[draw(st.sampled_from(sorted(seeds)))])
            for _ in range(draw(st.integers(1, 3))):
                kind = draw(st.sampled_from(["truncate", "flip", "splice", "delete", "insert"]))
                at = draw(st.integers(0, max(len(data) - 1, 0)))
                if kind == "truncate":
                    del data[at:]
                elif kind == "flip" and data:
                    data[at] ^= draw(st.integers(1, 255))
                elif kind == "splice":
                    start = draw(st.integers(0, max(len(data) - 1, 0)))
                    data[at:at] = data[start : start + draw(st.integers(1, max_splice))]
                elif kind == "delete":
                    del data[at : at + draw(st.integers(1, max_delete))]
                else:
                    data[at:at] = draw(st.binary(min_size=1, max_size=8))
            return bytes(data)

        return mutated()

    return mutations


# -- error tracking ----------------------------------------------------------------------


@pytest.fixture(autouse=True)
def user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Every test gets its own settings, cache and log folders (never the user's), and
    starts with error tracking, the error presenter and the dialog throttle reset."""
    from lvcad import appdirs, errors, logs
    from lvcad.telemetry import sentry

    root = tmp_path_factory.mktemp("user-dirs")
    for name in ("config", "cache", "log"):
        monkeypatch.setattr(appdirs, f"{name}_dir", lambda name=name: root / name)
    monkeypatch.setattr(sentry, "_consent", None)
    errors.throttle.reset()
    yield root
    logs.close_logging()
    sentry.shutdown(timeout=0)
    errors.set_presenter(None)
    errors.throttle.reset()


class ReportServer:
    """A Sentry-compatible endpoint on loopback that records every request's raw bytes.

    ``status`` is what it answers (200, 500, 429 …); with ``hang`` it never answers.
    """

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        server = self
        self.status = 200
        self.hang = False
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self._released = threading.Event()
        self._lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with server._lock:
                    server.requests.append((dict(self.headers), body))
                if server.hang:
                    server._released.wait()
                    return
                self.send_response(server.status)
                if server.status == 429:
                    self.send_header("Retry-After", "60")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.dsn = f"http://public@127.0.0.1:{self.port}/1"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def bodies(self) -> list[bytes]:
        """Every request body, decompressed (the envelopes as sent)."""
        import gzip

        with self._lock:
            requests = list(self.requests)
        bodies = []
        for headers, body in requests:
            encoding = headers.get("Content-Encoding")
            if encoding == "gzip":
                body = gzip.decompress(body)
            elif encoding == "br":  # the SDK uses brotli when it is installed
                import brotli

                body = brotli.decompress(body)
            bodies.append(body)
        return bodies

    def raw(self) -> bytes:
        """Every byte received: request lines are not kept, headers and bodies are."""
        with self._lock:
            return b"".join(repr(headers).encode() + body for headers, body in self.requests)

    def events(self) -> list[dict[str, Any]]:
        """The error events received (parsed from the envelopes)."""
        from sentry_sdk.envelope import Envelope

        envelopes = [Envelope.deserialize(body) for body in self.bodies()]
        return [event for envelope in envelopes if (event := envelope.get_event()) is not None]

    def close(self) -> None:
        self._released.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def report_server() -> Iterator[ReportServer]:
    """A recording Sentry endpoint on loopback (see :class:`ReportServer`)."""
    server = ReportServer()
    yield server
    server.close()
