"""Host tools the build needs: found from invoke.yaml, installed or explained when missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import Context
from invoke.exceptions import Exit

#: The Debian package that provides each tool of invoke.yaml's `tools`.
DEBIAN_PACKAGES = {
    "wine": "wine64",
    "wineserver": "wine64",
    "makensis": "nsis",
    "osslsigncode": "osslsigncode",
    "sevenzip": "p7zip-full",
    "openssl": "openssl",
    "mingw_gcc": "gcc-mingw-w64-x86-64",
    "mingw_objdump": "binutils-mingw-w64-x86-64",
}

#: Every tool the Windows installer build on Linux needs (checked once, up front).
LINUX_BUILD_TOOLS = tuple(DEBIAN_PACKAGES)


def _find(c: Context, name: str) -> str | None:
    configured = str(c.config.tools[name])
    if Path(configured).is_absolute():
        return configured if os.access(configured, os.X_OK) else None
    return shutil.which(configured)


def _can_apt_install() -> bool:
    return (
        sys.platform == "linux"
        and hasattr(os, "geteuid")
        and os.geteuid() == 0
        and shutil.which("apt-get") is not None
    )


def require(c: Context, *names: str) -> dict[str, str]:
    """Paths of the named tools; on Debian as root, apt-installs the missing ones first.

    Elsewhere a missing tool stops the task with the exact command that installs it.
    """
    missing = [name for name in names if _find(c, name) is None]
    packages = sorted({DEBIAN_PACKAGES[name] for name in missing if name in DEBIAN_PACKAGES})
    if packages and _can_apt_install():
        print(f"Installing the missing host tools: {' '.join(packages)}")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update"], check=True, env=env)
        subprocess.run(
            ["apt-get", "install", "-y", "--no-install-recommends", *packages], check=True, env=env
        )
        missing = [name for name in names if _find(c, name) is None]
    if missing:
        tools = ", ".join(f"{name} ({c.config.tools[name]})" for name in missing)
        how = (
            f"install them with: sudo apt-get install -y {' '.join(packages)}"
            if packages
            else "install them, or set their paths in invoke.yaml"
        )
        raise Exit(f"Missing host tools: {tools}; {how}", code=2)
    return {name: str(_find(c, name)) for name in names}
