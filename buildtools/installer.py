"""The NSIS installer (packaging/LV_CAD.nsi): stage the frozen app, run makensis, gate the size.

Staged files get the SOURCE_DATE_EPOCH mtime (makensis stores file times in the payload), so
two builds of the same freeze are byte-identical before signing.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

from invoke import Context, task

from . import BUILD, DIST, PACKAGING, read_version, source_date_epoch
from .freeze import check_no_test_files, windows_dist
from .hosttools import require

STAGE = BUILD / "installer" / "stage"
NSI = PACKAGING / "LV_CAD.nsi"
#: The largest installer we ship (the issue's limit; the slim compressed one is ~30 MB).
MAX_SIZE = 50 * 1000 * 1000


def unsigned_installer(version: str) -> Path:
    """Where makensis writes the installer before signing."""
    return BUILD / "installer" / f"LV_CAD_Setup_{version}.unsigned.exe"


def dist_installer(version: str) -> Path:
    """The signed installer in dist/."""
    return DIST / f"LV_CAD_Setup_{version}.exe"


def version_quad(version: str) -> str:
    """``0.8.0`` -> ``0.8.0.0`` (NSIS's VIProductVersion needs four numbers)."""
    numbers = re.findall(r"\d+", version)[:4]
    if not numbers:
        raise ValueError(f"version {version!r} has no numbers")
    return ".".join(numbers + ["0"] * (4 - len(numbers)))


@task(help={"dry_run": "say what would be done, do nothing"})
def stage(c: Context, dry_run: bool = False) -> None:
    """Copy the frozen Windows app to build/installer/stage with normalised timestamps."""
    source = windows_dist()
    if dry_run:
        print(f"would copy {source} to {STAGE} and stamp every file {source_date_epoch()}")
        return
    if not (source / "LV_CAD.exe").exists():
        raise RuntimeError(f"no frozen app in {source}: run `invoke freeze` first")
    shutil.rmtree(STAGE, ignore_errors=True)
    shutil.copytree(source, STAGE)
    check_no_test_files(STAGE)
    epoch = source_date_epoch()
    for path in [*STAGE.rglob("*"), STAGE]:
        os.utime(path, (epoch, epoch), follow_symlinks=False)


@task(
    help={
        "version": "the installer's version (default: VERSION)",
        "fast": "no compression (~2 s instead of ~90 s) for test builds",
        "output": "the installer to write (default: build/installer/...unsigned.exe)",
        "dry_run": "say what would be done, do nothing",
    }
)
def build(
    c: Context, version: str = "", fast: bool = False, output: str = "", dry_run: bool = False
) -> None:
    """Build the unsigned installer from the staged app with makensis."""
    version = version or read_version()
    target = Path(output) if output else unsigned_installer(version)
    makensis = "makensis" if dry_run else require(c, "makensis")["makensis"]
    defines = [
        f"-DVERSION={version}",
        f"-DVERSION_QUAD={version_quad(version)}",
        f"-DSTAGE={STAGE}",
        f"-DOUTFILE={target}",
    ] + (["-DFAST"] if fast else [])
    command = [makensis, "-V2", "-INPUTCHARSET", "UTF8", *defines, str(NSI)]
    if dry_run:
        print("would run: " + " ".join(command))
        return
    if not (STAGE / "LV_CAD.exe").exists():
        raise RuntimeError(f"nothing staged in {STAGE}: run `invoke installer.stage` first")
    target.parent.mkdir(parents=True, exist_ok=True)
    c.run(
        " ".join(f'"{part}"' if " " in part else part for part in command),
        env={"SOURCE_DATE_EPOCH": str(source_date_epoch())},
    )
    print(f"installer: {target} ({target.stat().st_size / 1e6:.1f} MB)")


@task(help={"version": "the installer's version (default: VERSION)"})
def size(c: Context, version: str = "") -> None:
    """Fail when the installer in dist/ is over 50 MB; print its size."""
    installer = dist_installer(version or read_version())
    megabytes = installer.stat().st_size / 1e6
    print(f"size: {installer.name} is {megabytes:.1f} MB (limit {MAX_SIZE / 1e6:.0f} MB)")
    if installer.stat().st_size > MAX_SIZE:
        raise RuntimeError(
            f"{installer} is {megabytes:.1f} MB, over the {MAX_SIZE / 1e6:.0f} MB limit"
        )


def write_checksum(path: Path) -> Path:
    """Write ``path``.sha256 in the `sha256sum` format and return it."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    checksum = path.with_name(path.name + ".sha256")
    checksum.write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    return checksum
