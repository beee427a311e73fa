"""Make the published asv site self-contained: its CDN scripts and styles, served locally.

asv's pages load jQuery, flot, bootstrap and a few small libraries from public CDNs; with
no network (CI here) the site shows only "dependencies failed to load", and on GitHub
Pages every visitor would fetch them from third parties. ``python -m
lvcad_bench.site_vendor .asv/html`` fetches the same versions from the npm registry (with
``npm pack``, so npm's cache is reused), copies the needed files under ``vendor/`` and
points the pages at them. An external URL it does not know fails loudly: a new asv
version that adds a dependency needs an entry in ``ASSETS``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

#: CDN URL -> (npm package@version, file inside the package). stupidtable's npm package
#: has only 1.1.3 (the CDN's is 1.0.1; the same jQuery plugin API).
ASSETS = {
    "https://code.jquery.com/jquery-3.3.1.min.js": ("jquery@3.3.1", "dist/jquery.min.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/flot/0.8.3/jquery.flot.min.js": (
        "flot@0.8.3",
        "jquery.flot.js",
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/flot/0.8.3/jquery.flot.time.min.js": (
        "flot@0.8.3",
        "jquery.flot.time.js",
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/flot/0.8.3/jquery.flot.selection.min.js": (
        "flot@0.8.3",
        "jquery.flot.selection.js",
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/flot/0.8.3/jquery.flot.categories.min.js": (
        "flot@0.8.3",
        "jquery.flot.categories.js",
    ),
    "https://cdn.jsdelivr.net/npm/flot-orderbars@1.0.0/js/jquery.flot.orderBars.js": (
        "flot-orderbars@1.0.0",
        "js/jquery.flot.orderBars.js",
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/stupidtable/1.0.1/stupidtable.min.js": (
        "stupid-table-plugin@1.1.3",
        "stupidtable.min.js",
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/blueimp-md5/2.19.0/js/md5.min.js": (
        "blueimp-md5@2.19.0",
        "js/md5.min.js",
    ),
    "https://cdn.jsdelivr.net/npm/bootstrap@3.1.1/dist/js/bootstrap.min.js": (
        "bootstrap@3.1.1",
        "dist/js/bootstrap.min.js",
    ),
    "https://cdn.jsdelivr.net/npm/bootstrap@3.1.1/dist/css/bootstrap.min.css": (
        "bootstrap@3.1.1",
        "dist/css/bootstrap.min.css",
    ),
}
#: Files a vendored file refers to by relative path (bootstrap's CSS loads its icon font).
COMPANIONS = {"dist/css/bootstrap.min.css": "dist/fonts/"}
EXTERNAL = re.compile(r'(?:src|href)="(https://[^"]+)"')
#: Subresource-integrity and CORS attributes describe the CDN copy; local files drop them.
CDN_ATTRIBUTES = re.compile(r'\s+(?:integrity|crossorigin|referrerpolicy)="[^"]*"')


class VendorError(Exception):
    """An asset could not be fetched or is unknown."""


def _npm_pack(spec: str, into: Path) -> Path:
    npm = shutil.which("npm")
    if not npm:
        raise VendorError("npm is needed to fetch the site's scripts (Debian: apt-get install npm)")
    run = subprocess.run(
        [npm, "pack", spec, "--silent", "--pack-destination", str(into)],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        raise VendorError(f"npm pack {spec} failed: {run.stderr.strip()[-1000:]}")
    return into / run.stdout.strip().splitlines()[-1]


def _extract(tarball: Path, member: str, target: Path) -> None:
    with tarfile.open(tarball) as tar:
        names = [
            name
            for name in tar.getnames()
            if name == f"package/{member}"
            or (member.endswith("/") and name.startswith(f"package/{member}"))
        ]
        if not names:
            raise VendorError(f"{tarball.name} has no {member}")
        for name in names:
            source = tar.extractfile(name)
            if source is None:
                continue
            path = target / name.removeprefix("package/")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(source.read())


def vendor(site: Path) -> int:
    """Copy every CDN asset of the site's pages under ``site/vendor``; return how many."""
    pages = sorted(site.glob("*.html"))
    urls = sorted({url for page in pages for url in EXTERNAL.findall(page.read_text("utf-8"))})
    unknown = [url for url in urls if url not in ASSETS and "github.com" not in url]
    if unknown:
        raise VendorError("unknown external assets (add them to ASSETS): " + ", ".join(unknown))
    local: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="lvcad-vendor-") as tmp:
        tarballs: dict[str, Path] = {}
        for url in urls:
            if url not in ASSETS:
                continue  # a plain link (asv's home page), not an asset
            spec, member = ASSETS[url]
            if spec not in tarballs:
                tarballs[spec] = _npm_pack(spec, Path(tmp))
            target = site / "vendor" / spec
            _extract(tarballs[spec], member, target)
            if member in COMPANIONS:
                _extract(tarballs[spec], COMPANIONS[member], target)
            local[url] = f"vendor/{spec}/{member}"
    for page in pages:
        html = page.read_text("utf-8")
        for url, path in local.items():
            html = re.sub(
                rf'<(script|link)([^>]*?)(src|href)="{re.escape(url)}"([^>]*)>',
                lambda m, path=path: CDN_ATTRIBUTES.sub("", f'<{m[1]}{m[2]}{m[3]}="{path}"{m[4]}>'),
                html,
            )
        page.write_text(html, "utf-8")
    return len(local)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lvcad_bench.site_vendor")
    parser.add_argument("site", type=Path, help="the directory asv publish wrote (.asv/html)")
    args = parser.parse_args(argv)
    try:
        count = vendor(args.site)
    except VendorError as error:
        print(f"site vendor: {error}", file=sys.stderr)
        return 1
    print(f"{args.site}: {count} scripts and styles now served from vendor/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
