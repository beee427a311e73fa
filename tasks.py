"""invoke tasks for LV CAD: host tools (git, the performance gate; freezing, the
installer and signing in buildtools/).

nox owns every isolated environment (tests, lint, typecheck, ...); these tasks orchestrate
what runs on the host and call `nox -s ...` when they need an environment. `invoke -l`
lists them. A task is added here only once it works.
"""

from __future__ import annotations

import os
import shlex
import sys

from invoke import Collection, Context, task

from buildtools import ROOT, freeze, installer, read_version, signing
from buildtools.freeze import windows_dist
from buildtools.hosttools import LINUX_BUILD_TOOLS, require
from buildtools.installer import dist_installer, write_checksum


def _git(c: Context, *args: str) -> str | None:
    """Output of a git command in the checkout, or None when it fails."""
    result = c.run(
        "git --no-pager " + " ".join(args),
        hide=True,
        warn=True,
        pty=False,  # captured output, no terminal: git must not page or colour it
        in_stream=False,
        env={"LC_ALL": "C"},
    )
    return result.stdout.strip() if result is not None and result.ok else None


@task
def status(c: Context) -> None:
    """Show the version to release and the state of the git checkout."""
    version = read_version()
    with c.cd(str(ROOT)):
        branch = _git(c, "rev-parse", "--abbrev-ref", "HEAD") or "(no commits yet)"
        commit = _git(c, "rev-parse", "--short", "HEAD") or "(none)"
        changes = _git(c, "status", "--porcelain")
        tag = _git(c, "tag", "--list", f"v{version}")
    print(f"version       {version}")
    print(f"branch        {branch}")
    print(f"commit        {commit}")
    if changes is None:
        print("working tree  (not a git checkout)")
    else:
        count = len(changes.splitlines())
        print(f"working tree  {'clean' if count == 0 else f'{count} changed or untracked paths'}")
    print(f"tag           v{version} {'exists' if tag else 'not created yet'}")


@task(
    help={
        "version": "the installer's version (default: VERSION; a lower one makes an older "
        "installer for the upgrade test)",
        "fast": "no compression and no size gate: a quick test build",
        "reuse_freeze": "use the frozen app already in build/ instead of freezing again",
        "dry_run": "say what each step would do, do nothing",
    }
)
def build_installer(
    c: Context,
    version: str = "",
    fast: bool = False,
    reuse_freeze: bool = False,
    dry_run: bool = False,
) -> None:
    """Freeze, stage, makensis, sign, verify, size gate: dist/LV_CAD_Setup_<version>.exe."""
    version = version or read_version()
    if sys.platform != "win32" and not dry_run:
        require(c, *LINUX_BUILD_TOOLS)  # all at once: one apt-get install on a fresh machine
    if not (reuse_freeze and (windows_dist() / "LV_CAD.exe").exists()):
        freeze.freeze(c, dry_run=dry_run)
    installer.stage(c, dry_run=dry_run)
    installer.build(c, version=version, fast=fast, dry_run=dry_run)
    signing.sign(c, version=version, dry_run=dry_run)
    if dry_run:
        print("would verify the signature, a tampered copy, the NSIS kind and the payload")
        print("would check the size (< 50 MB) and write the .sha256")
        return
    signing.verify(c, version=version)
    if fast:
        print("size gate skipped: --fast builds are uncompressed")
    else:
        installer.size(c, version=version)
    print(f"done: {dist_installer(version)} and {write_checksum(dist_installer(version)).name}")


release = Collection("release")
release.add_task(status)


@task(help={"against_ref": "measure the baselines from this git commit instead of the file"})
def gate(c: Context, against_ref: str = "") -> None:
    """Fail when a benchmark needs 5% more instructions than its baseline (warn at 2%)."""
    extra = f" --against-ref {shlex.quote(against_ref)}" if against_ref else ""
    c.run(f"nox -s perfgate -- check{extra}")


@task(help={"reason": "why the baselines change (recorded in .performance-thresholds.yml)"})
def baseline(c: Context, reason: str) -> None:
    """Record new instruction baselines in .performance-thresholds.yml, with the reason."""
    if not reason.strip():
        raise SystemExit('perf.baseline needs --reason "why the numbers change"')
    c.run(f"nox -s perfgate -- baseline --reason {shlex.quote(reason)}")


@task
def report(c: Context) -> None:
    """Benchmarks with peers and the test suite's time -> .benchmarks/report/ (table and plot)."""
    c.run("nox -s perfreport")


@task(
    help={
        "commits": "git range to add results for (default: the last 3 commits of main)",
        "full": "time each benchmark with asv's full repeats instead of --quick",
    }
)
def site(c: Context, commits: str = "main~3..main", full: bool = False) -> None:
    """asv results for recent commits, the static site in .asv/html, checked in Chromium."""
    quick = "" if full else "--quick "
    c.run(f"nox -s perfsite -- {quick}{shlex.quote(commits)}")


perf = Collection("perf")
for _task in (gate, baseline, report, site):
    perf.add_task(_task)


ns = Collection(
    build_installer,
    release,
    perf,
    Collection.from_module(freeze),
    Collection.from_module(installer),
    Collection.from_module(signing, name="sign"),
)
ns.configure(
    {
        "run": {
            # A pty mangles output on Windows and has no terminal to talk to in CI.
            "pty": sys.platform != "win32" and not os.environ.get("CI"),
            "echo": True,
        }
    }
)
