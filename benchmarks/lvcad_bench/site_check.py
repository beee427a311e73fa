"""Check that the published asv site draws its graphs, in headless Chromium.

``python -m lvcad_bench.site_check .asv/html`` serves the site on the loopback interface
(asv's pages load their data with requests, so ``file://`` does not work), opens one
benchmark's graph page in headless Chromium, and checks:

* the DOM that Chromium rendered holds flot's plot canvas and numeric axis tick labels
  (flot writes the labels only once it has plotted data);
* the screenshot holds enough saturated pixels: the coloured series lines and points (the
  page chrome is grey and white).

The screenshot is kept next to the site (``DIR/graph-check.png``) to look at.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from PIL import Image

#: Flags for a root user on a machine without network (see the environment notes).
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1280,900",
    # Virtual time runs the page's scripts and requests to completion before the capture.
    "--virtual-time-budget=20000",
]
#: Fewer coloured pixels than this in the plot area and the plot is taken to be empty (a
#: series line across the plot is over 1500; the legend's swatches are about 300).
MIN_PLOT_PIXELS = 1000
GRAPH_BENCHMARK = "bench_geometry.OffsetSmooth.time_offset_miter"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("Chromium is not installed (Debian: apt-get install chromium)")


def _browse(url: str, *mode: str) -> str:
    with tempfile.TemporaryDirectory(prefix="lvcad-chromium-") as profile:
        run = subprocess.run(
            [_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *mode, url],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    if run.returncode != 0:
        raise SystemExit(f"Chromium failed on {url} (exit {run.returncode}):\n{run.stderr[-2000:]}")
    return run.stdout


def coloured_pixels(png: Path) -> int:
    """Pixels whose channels differ by more than 80: series colours, not grey page chrome."""
    image = Image.open(png).convert("RGB")
    return sum(1 for r, g, b in image.get_flattened_data() if max(r, g, b) - min(r, g, b) > 80)


def check(site: Path, benchmark: str = GRAPH_BENCHMARK) -> list[str]:
    """Problems found on the graph page of ``benchmark`` (empty when the graph is drawn)."""
    index = json.loads((site / "index.json").read_text(encoding="utf-8"))
    if benchmark not in index.get("benchmarks", {}):
        return [f"{benchmark} is not in {site / 'index.json'}: run asv run first"]
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/#{benchmark}"
        dom = _browse(url, "--dump-dom")
        shot = site / "graph-check.png"
        _browse(url, f"--screenshot={shot}")
    finally:
        server.shutdown()
        server.server_close()
    problems = []
    if "flot-base" not in dom:
        problems.append("no flot plot canvas in the rendered page")
    ticks = re.findall(r'class="flot-tick-label[^"]*"[^>]*>([^<]*)<', dom)
    if not any(re.search(r"\d", tick) for tick in ticks):
        problems.append(
            "no numeric axis tick labels: flot plotted no data (asv graphs only commits on "
            "the branches of asv.conf.json: were the results for commits on main?)"
        )
    pixels = coloured_pixels(shot)
    if pixels < MIN_PLOT_PIXELS:
        problems.append(f"only {pixels} coloured pixels in {shot}: the graph looks empty")
    print(f"{url}: {len(ticks)} tick labels, {pixels} coloured pixels, screenshot {shot}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lvcad_bench.site_check")
    parser.add_argument("site", type=Path, help="the directory asv publish wrote (.asv/html)")
    parser.add_argument("--benchmark", default=GRAPH_BENCHMARK)
    args = parser.parse_args(argv)
    if not (args.site / "index.json").exists():
        print(f"{args.site} holds no asv site: run asv publish first", file=sys.stderr)
        return 2
    problems = check(args.site, args.benchmark)
    if problems:
        print("site check FAILED:\n  " + "\n  ".join(problems), file=sys.stderr)
        print("site check: 0 passed, 1 failed")
        return 1
    print("site check passed: the graph is drawn")
    print("site check: 1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
