"""Command line entry point: ``lvcad`` / ``python -m lvcad``."""

from __future__ import annotations

import argparse
import platform
import sys
from collections.abc import Sequence

import lvcad_geometry

from . import __version__


def build_parser() -> argparse.ArgumentParser:
    """The ``lvcad`` argument parser."""
    parser = argparse.ArgumentParser(
        prog="lvcad",
        description="LV CAD: desktop CAD for low-voltage and fire-alarm designers.",
    )
    parser.add_argument(
        "--version", action="version", version=f"LV CAD {__version__}", help="print the version"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run LV CAD with ``argv`` (default: the process arguments); return the exit status."""
    build_parser().parse_args(argv)
    print(
        f"LV CAD {__version__} (geometry core {lvcad_geometry.__version__}, "
        f"Python {platform.python_version()} on {platform.system()})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
