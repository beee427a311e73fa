"""Fixtures for the installer tests: the built installers and the Wine prefix they run in.

The build runs once per session through the real invoke tasks (what a maintainer runs):
this version's compressed, signed and verified installer, and an uncompressed installer
that claims an older version (the same freeze) for the upgrade and downgrade tests.
"""

from __future__ import annotations

import time

import pytest
from invoke import Config, Context

from buildtools import BUILD, ROOT, read_version
from buildtools.freeze import WINDOWS_PYTHON
from buildtools.installer import dist_installer
from buildtools.wine import install_test_dlls, wine_from
from support import MEASUREMENTS, OLD_VERSION, Installers, Prefix, invoke, record

#: The Qt6Core.dll whose imports the icuuc stub provides.
QTCORE = WINDOWS_PYTHON / "Lib" / "site-packages" / "PySide6" / "Qt6Core.dll"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Start a fresh measurements file for this run."""
    MEASUREMENTS.unlink(missing_ok=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--reuse-freeze",
        action="store_true",
        help="build the installers from the frozen app already in build/ (skip the freeze)",
    )


@pytest.fixture(scope="session")
def context() -> Context:
    """An invoke context with this checkout's invoke.yaml (the tool paths)."""
    config = Config(project_location=str(ROOT))
    config.load_project()
    return Context(config=config)


@pytest.fixture(scope="session")
def installers(request: pytest.FixtureRequest) -> Installers:
    """This version's installer (the whole pipeline) and an older unsigned one."""
    reuse = request.config.getoption("--reuse-freeze")
    started = time.monotonic()
    invoke("build-installer", *(["--reuse-freeze"] if reuse else []))
    what = "reusing the freeze" if reuse else "freeze under Wine"
    record(f"invoke build-installer ({what}, lzma): {time.monotonic() - started:.0f} s")
    old = BUILD / "installer" / f"LV_CAD_Setup_{OLD_VERSION}.exe"
    invoke("installer.build", "--fast", "--version", OLD_VERSION, "--output", str(old))
    return Installers(dist_installer(read_version()), old, read_version())


@pytest.fixture(scope="session")
def prefix(context: Context, installers: Installers) -> Prefix:
    """The build's Wine prefix, with the DLLs Wine 8 lacks (made by the freeze, or now)."""
    wine = wine_from(context)
    wine.boot()
    install_test_dlls(context, wine, QTCORE)
    return Prefix(wine)
