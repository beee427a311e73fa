"""Fixtures for the installer tests: the built installers and the Wine prefix they run in.

The build runs once per session through the real invoke tasks (what a maintainer runs):
this version's compressed, signed and verified installer, and an uncompressed installer
that claims an older version (the same freeze) for the upgrade and downgrade tests.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

import pytest
from invoke import Config, Context

from buildtools import BUILD, ROOT, read_version
from buildtools.installer import dist_installer
from buildtools.wine import Wine, wine_from

#: The version the older installer claims (any version below VERSION).
OLD_VERSION = "0.0.1"
MEASUREMENTS = BUILD / "installer" / "measurements.txt"


def invoke(*args: str) -> None:
    """Run an invoke task of this checkout, as a maintainer would."""
    subprocess.run([sys.executable, "-m", "invoke", *args], cwd=ROOT, check=True)


def record(line: str) -> None:
    """Print a measurement and keep it in build/installer/measurements.txt."""
    print(f"\n[measured] {line}")
    with MEASUREMENTS.open("a", encoding="utf-8") as out:
        out.write(line + "\n")


@pytest.fixture(scope="session")
def context() -> Context:
    """An invoke context with this checkout's invoke.yaml (the tool paths)."""
    config = Config(project_location=str(ROOT))
    config.load_project()
    return Context(config=config)


@dataclass(frozen=True)
class Installers:
    current: Path
    old: Path
    version: str


@pytest.fixture(scope="session")
def installers() -> Installers:
    """This version's installer (the whole pipeline) and an older unsigned one."""
    MEASUREMENTS.parent.mkdir(parents=True, exist_ok=True)
    MEASUREMENTS.write_text("", encoding="utf-8")
    started = time.monotonic()
    invoke("build-installer", "--reuse-freeze")
    record(f"invoke build-installer --reuse-freeze (lzma): {time.monotonic() - started:.0f} s")
    old = BUILD / "installer" / f"LV_CAD_Setup_{OLD_VERSION}.exe"
    invoke("installer.build", "--fast", "--version", OLD_VERSION, "--output", str(old))
    return Installers(dist_installer(read_version()), old, read_version())


class Prefix:
    """The Wine prefix the installers run in, with paths as Windows programs see them."""

    def __init__(self, wine: Wine) -> None:
        self.wine = wine

    def unix(self, windows: str) -> Path:
        """The Unix path of a C:\\ path in the prefix."""
        path = PureWindowsPath(windows)
        assert path.drive.upper() == "C:", windows
        return self.wine.drive_c.joinpath(*path.parts[1:])

    @property
    def user_dir(self) -> Path:
        return next(p for p in (self.wine.drive_c / "users").iterdir() if p.name != "Public")


@pytest.fixture(scope="session")
def prefix(context: Context) -> Prefix:
    """The build's Wine prefix (made by the freeze, or now)."""
    wine = wine_from(context)
    wine.boot()
    return Prefix(wine)
