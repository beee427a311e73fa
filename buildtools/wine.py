"""A throwaway Wine environment for the Windows build and its tests (DESIGN §6).

Wine gets its own HOME and WINEPREFIX under build/wine, so nothing reaches the real home
(Wine would write shortcuts and file associations there), no desktop integration and no
debug noise. Qt runs offscreen: no display is needed.

Two Windows system DLLs that the app's wheels link are missing from Wine 8, so they are
built with mingw-w64 into the prefix's system32 (DESIGN §6):

- icuuc.dll for Qt6Core.dll: the ucnv_* functions Qt imports, all failing, so Qt falls back
  to its own codecs;
- bcryptprimitives.dll for Rust extensions (jsonschema_rs): ProcessPrng, the random source
  of Rust's standard library, on top of Wine's BCryptGenRandom.

They are test scaffolding: they never enter the dist or the installer (asserted).
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

from invoke import Context

from . import BUILD
from .hosttools import require

WINE_ROOT = BUILD / "wine"


def windows_path(path: Path | str) -> str:
    """``path`` as Wine's Windows programs see it (Z: is the Unix root)."""
    return str(PureWindowsPath("Z:\\", *Path(path).resolve().parts[1:]))


@dataclass(frozen=True)
class Wine:
    """A Wine prefix and the tools to run programs in it."""

    wine: str
    wineserver: str
    root: Path = WINE_ROOT

    @property
    def prefix(self) -> Path:
        return self.root / "prefix"

    @property
    def drive_c(self) -> Path:
        return self.prefix / "drive_c"

    def env(self) -> dict[str, str]:
        """The environment of every Wine process: isolated, quiet and headless."""
        env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
        env.update(
            HOME=str(self.root / "home"),
            WINEPREFIX=str(self.prefix),
            WINEDEBUG="-all",
            WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d",
            QT_QPA_PLATFORM="offscreen",
        )
        return env

    def run(
        self, *args: str, check: bool = True, timeout: float = 900, cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run a Windows program; Windows Python needs stdin closed and stdout piped."""
        return subprocess.run(
            [self.wine, *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=self.env(),
            check=check,
            timeout=timeout,
            cwd=cwd,
        )

    def wait(self) -> None:
        """Wait until every process in the prefix has ended (and the registry is saved)."""
        subprocess.run([self.wineserver, "-w"], env=self.env(), check=True, timeout=600)

    def kill(self) -> None:
        """End every process in the prefix."""
        subprocess.run([self.wineserver, "-k"], env=self.env(), check=False, timeout=60)

    def boot(self) -> None:
        """Create the prefix once (wineboot -i, ~15 s)."""
        if (self.prefix / "system.reg").exists():
            return
        (self.root / "home").mkdir(parents=True, exist_ok=True)
        self.run("wineboot", "-i", check=False)
        self.wait()
        if not (self.prefix / "system.reg").exists():
            raise RuntimeError(f"wineboot did not create the Wine prefix {self.prefix}")

    def reg_query(self, key: str) -> str:
        """`reg query KEY /s` output ("" when the key does not exist)."""
        result = self.run("reg", "query", key, "/s", check=False, timeout=120)
        return result.stdout if result.returncode == 0 else ""


def wine_from(c: Context) -> Wine:
    """The build's Wine environment, with the tools from invoke.yaml."""
    tools = require(c, "wine", "wineserver")
    return Wine(tools["wine"], tools["wineserver"])


def icu_imports(objdump: str, dll: Path) -> list[str]:
    """The functions ``dll`` imports from icuuc.dll (read from its import table)."""
    table = subprocess.run([objdump, "-p", str(dll)], capture_output=True, text=True, check=True)
    section = re.search(r"DLL Name: icuuc\.dll\n.*?\n(.*?)\n\s*\n", table.stdout, re.DOTALL)
    if section is None:
        return []
    return re.findall(r"^\s*\w+\s+\d+\s+(\w+)\s*$", section.group(1), re.MULTILINE)


PROCESS_PRNG = """#include <windows.h>
#include <bcrypt.h>
__declspec(dllexport) BOOL WINAPI ProcessPrng(PUCHAR data, SIZE_T size) {
    return BCryptGenRandom(NULL, data, (ULONG)size, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0;
}
"""


def _build_dll(gcc: str, wine: Wine, name: str, code: str, *libs: str) -> Path:
    target = wine.drive_c / "windows" / "system32" / f"{name}.dll"
    source = wine.root / f"{name}_stub.c"
    if not (target.exists() and source.exists() and source.read_text() == code):
        source.write_text(code)
        subprocess.run([gcc, "-shared", "-O1", "-o", str(target), str(source), *libs], check=True)
    return target


def install_test_dlls(c: Context, wine: Wine, qtcore: Path) -> list[Path]:
    """Build the test-only icuuc.dll and bcryptprimitives.dll into the prefix's system32."""
    tools = require(c, "mingw_gcc", "mingw_objdump")
    names = icu_imports(tools["mingw_objdump"], qtcore)
    icu = "".join(f"__declspec(dllexport) void *{name}(void) {{ return 0; }}\n" for name in names)
    return [
        _build_dll(tools["mingw_gcc"], wine, "icuuc", icu),
        _build_dll(tools["mingw_gcc"], wine, "bcryptprimitives", PROCESS_PRNG, "-lbcrypt"),
    ]
