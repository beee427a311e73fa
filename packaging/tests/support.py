"""Helpers of the installer tests: running tasks, recording measurements, prefix paths."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

from buildtools import BUILD, ROOT
from buildtools.wine import Wine

#: The version the older installer claims (any version below VERSION).
OLD_VERSION = "0.0.1"
MEASUREMENTS = BUILD / "installer" / "measurements.txt"


def invoke(*args: str) -> None:
    """Run an invoke task of this checkout, as a maintainer would."""
    subprocess.run([sys.executable, "-m", "invoke", *args], cwd=ROOT, check=True)


def record(line: str) -> None:
    """Print a measurement and keep it in build/installer/measurements.txt."""
    print(f"\n[measured] {line}")
    MEASUREMENTS.parent.mkdir(parents=True, exist_ok=True)
    with MEASUREMENTS.open("a", encoding="utf-8") as out:
        out.write(line + "\n")


@dataclass(frozen=True)
class Installers:
    current: Path
    old: Path
    version: str


class Prefix:
    """The Wine prefix the installers run in, with paths as Windows programs see them."""

    def __init__(self, wine: Wine) -> None:
        self.wine = wine

    def windows(self, path: Path) -> str:
        """The C:\\ path (as the registry holds it) of a Unix path in the prefix."""
        return str(PureWindowsPath("C:\\", *path.relative_to(self.wine.drive_c).parts))

    @property
    def user_dir(self) -> Path:
        return next(p for p in (self.wine.drive_c / "users").iterdir() if p.name != "Public")
