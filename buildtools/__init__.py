"""The invoke tasks that build, sign and verify LV CAD's installer (collected in tasks.py).

One module per step: host tools, the Wine environment, the freeze, the NSIS installer,
signing and verification. Everything they make goes under build/ (work) and dist/ (results).
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
BUILD = ROOT / "build"
DIST = ROOT / "dist"
#: Downloads kept between runs (the embeddable Python); .nox/.cache is cached by CI too.
CACHE = ROOT / ".nox" / ".cache" / "installer"


def read_version() -> str:
    """The release version, from VERSION (the single source every artifact reads)."""
    return (ROOT / "VERSION").read_text(encoding="utf-8").strip()


def source_date_epoch() -> int:
    """The time every build output is stamped with: SOURCE_DATE_EPOCH, else the commit time.

    Same commit, same timestamps: rebuilds are byte-identical.
    """
    import os
    import subprocess

    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%ct"],
        capture_output=True,
        text=True,
        check=False,
    )
    if commit.returncode == 0 and commit.stdout.strip():
        return int(commit.stdout.strip())
    return int((ROOT / "VERSION").stat().st_mtime)


def dependency_group(name: str) -> list[str]:
    """The requirements of a [dependency-groups] group of the root pyproject.toml."""
    import tomllib

    groups = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "dependency-groups"
    ]
    found: list[str] = []
    for item in groups[name]:
        found += dependency_group(item["include-group"]) if isinstance(item, dict) else [item]
    return found
