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
from buildtools.installer import dist_installer
from buildtools.wine import wine_from
from support import MEASUREMENTS, OLD_VERSION, Installers, Prefix, invoke, record


@pytest.fixture(scope="session")
def context() -> Context:
    """An invoke context with this checkout's invoke.yaml (the tool paths)."""
    config = Config(project_location=str(ROOT))
    config.load_project()
    return Context(config=config)


@pytest.fixture(scope="session")
def installers() -> Installers:
    """This version's installer (the whole pipeline) and an older unsigned one."""
    MEASUREMENTS.parent.mkdir(parents=True, exist_ok=True)
    MEASUREMENTS.write_text("", encoding="utf-8")
    started = time.monotonic()
    invoke("build-installer")
    record(f"invoke build-installer (freeze under Wine, lzma): {time.monotonic() - started:.0f} s")
    old = BUILD / "installer" / f"LV_CAD_Setup_{OLD_VERSION}.exe"
    invoke("installer.build", "--fast", "--version", OLD_VERSION, "--output", str(old))
    return Installers(dist_installer(read_version()), old, read_version())


@pytest.fixture(scope="session")
def prefix(context: Context) -> Prefix:
    """The build's Wine prefix (made by the freeze, or now)."""
    wine = wine_from(context)
    wine.boot()
    return Prefix(wine)
