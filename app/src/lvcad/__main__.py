"""Command line entry point: ``lvcad [FILE]`` / ``python -m lvcad [FILE]``.

Opens FILE in the editor (a ``.lvcad`` drawing, or a ``.dxf`` imported); this is what the
installer's file association calls. Headless modes for tests and docs:

- ``lvcad --smoke [FILE]``: start offscreen, open FILE, render one frame, exit 0 (non-zero
  with a message on failure);
- ``lvcad --export-png OUT FILE``: render FILE's drawing to the PNG image OUT.

Qt is imported only when needed, so ``lvcad --version`` works anywhere.
"""

from __future__ import annotations

import argparse
import platform
import sys
from collections.abc import Sequence

import lvcad_geometry

from . import __version__


def banner() -> str:
    """The version line: LV CAD, the geometry core, Python and the platform."""
    return (
        f"LV CAD {__version__} (geometry core {lvcad_geometry.__version__}, "
        f"Python {platform.python_version()} on {platform.system()})"
    )


def build_parser() -> argparse.ArgumentParser:
    """The ``lvcad`` argument parser."""
    parser = argparse.ArgumentParser(
        prog="lvcad",
        description="LV CAD: desktop CAD for low-voltage and fire-alarm designers.",
    )
    parser.add_argument("file", nargs="?", help="a .lvcad drawing to open or a .dxf to import")
    parser.add_argument(
        "--version", action="version", version=f"LV CAD {__version__}", help="print the version"
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--smoke",
        action="store_true",
        help="start without a window, open FILE, render one frame and exit (0 when it works)",
    )
    mode.add_argument(
        "--export-png", metavar="OUT", help="render FILE to the PNG image OUT and exit"
    )
    parser.add_argument(
        "--width", type=int, default=1600, help="pixel width of --export-png (default 1600)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run LV CAD with ``argv`` (default: the process arguments); return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.export_png is not None:
        if args.file is None:
            parser.error("--export-png needs the drawing to render: lvcad --export-png OUT FILE")
        if args.width < 1:
            parser.error("--width must be a positive number of pixels")
        from .ui.app import export_png

        return export_png(args.export_png, args.file, args.width)
    if args.smoke:
        print(banner())
        from .ui.app import smoke

        return smoke(args.file)
    from .ui.app import run_editor

    return run_editor(args.file, banner=banner())


if __name__ == "__main__":
    sys.exit(main())
