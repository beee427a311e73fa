"""nox sessions for LV CAD: every isolated environment (tests, lint, typecheck, bench, app).

Tool versions are pinned in one place, the [dependency-groups] of the root pyproject.toml.
`nox -l` lists the sessions; `nox` runs the default ones (tests, lint, typecheck).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["tests", "lint", "typecheck", "e2e"]

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
# The oldest supported Python comes from requires-python; the newest one we test is here.
SUPPORTED_PYTHONS = nox.project.python_versions(
    nox.project.load_toml(ROOT / "geometry" / "pyproject.toml"), max_version="3.13"
)


def _pyenv_bin_dirs() -> dict[str, Path]:
    """Map each supported X.Y to the bin dir of its newest pyenv-installed patch release."""
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    found: dict[str, Path] = {}
    for version in SUPPORTED_PYTHONS:
        patches = [
            path
            for path in (root / "versions").glob(f"{version}.*")
            if re.fullmatch(rf"{re.escape(version)}\.\d+", path.name)
            and (path / "bin" / f"python{version}").exists()
        ]
        if patches:
            newest = max(patches, key=lambda path: int(path.name.rsplit(".", 1)[1]))
            found[version] = newest / "bin"
    return found


def _put_pyenv_pythons_on_path() -> None:
    """Let nox and uv find every pyenv-installed Python, selected or not.

    pyenv's `python3.12` shim fails unless 3.12 is the selected version, and nox would
    take the shim; so the real bin dirs go on PATH just before pyenv's shims dir.
    """
    bin_dirs = [str(path) for path in _pyenv_bin_dirs().values()]
    if not bin_dirs:
        return
    path = os.environ.get("PATH", "").split(os.pathsep)
    shims = str(Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "shims")
    new = [entry for entry in path if entry not in bin_dirs]
    at = new.index(shims) if shims in new else len(new)
    os.environ["PATH"] = os.pathsep.join(new[:at] + bin_dirs + new[at:])


def _python_found(version: str) -> bool:
    """True when an interpreter for X.Y is on this machine (a pyenv shim does not count)."""
    if version == f"{sys.version_info.major}.{sys.version_info.minor}":
        return True
    exe = shutil.which(f"python{version}")
    if exe and Path(exe).parent.name != "shims":
        return True
    # Windows has no pythonX.Y on PATH; the py launcher knows the installed versions.
    py = shutil.which("py") if sys.platform == "win32" else None
    return bool(py) and subprocess.run([py, f"-{version}", "-c", ""], check=False).returncode == 0


_put_pyenv_pythons_on_path()
# With none of them found (say, only a newer Python), test on the one running nox rather
# than letting `nox` pass with no tests run.
FOUND_PYTHONS = [version for version in SUPPORTED_PYTHONS if _python_found(version)] or [
    f"{sys.version_info.major}.{sys.version_info.minor}"
]


def _install_local_packages(session: nox.Session, *extra: str) -> None:
    """Install lvcad-geometry and lvcad from this checkout, plus `extra` requirements.

    One command, so lvcad's dependency on lvcad-geometry is met by the local one. Local
    directories named on the command line are rebuilt on every install (pip and uv), so a
    reused environment always holds the current source.
    """
    session.install("./geometry", "./app", *extra)


def _run_pytest(session: nox.Session, package: str, *args: str) -> None:
    """Run one package's test suite (package/tests) against the installed wheels."""
    tests = ROOT / package / "tests"
    if not any(tests.rglob("test_*.py")):
        session.warn(f"{package}/tests has no test files yet; nothing to run")
        return
    session.run(
        "pytest",
        f"{package}/tests",
        "-n",
        "auto",
        # Timing is meaningless under xdist; benchmarks run once as plain tests here.
        "--benchmark-disable",
        *args,
        *session.posargs,
        env={
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "COVERAGE_FILE": str(ROOT / f".coverage.{package}-{session.python}"),
            # The full property-test search runs on the first Python found; the others
            # check compatibility with a lighter one (keeps .ci/run well under 30 min).
            "HYPOTHESIS_PROFILE": os.environ.get(
                "HYPOTHESIS_PROFILE", "lvcad" if session.python == FOUND_PYTHONS[0] else "compat"
            ),
        },
    )


@nox.session(python=FOUND_PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the geometry and app test suites (with coverage) on one Python."""
    _install_local_packages(session, *nox.project.dependency_groups(PYPROJECT, "test"))
    _run_pytest(
        session,
        "geometry",
        # The docstring Examples and the README's examples are tests too, run against the
        # installed package.
        "--doctest-modules",
        "--doctest-glob=README.md",
        "geometry/README.md",
        "--pyargs",
        "lvcad_geometry",
        "--cov=lvcad_geometry",
        "--cov-fail-under=95",
    )
    # The end-to-end tests (a real server, the app in subprocesses) run once: nox -s e2e.
    _run_pytest(session, "app", "--cov=lvcad", "-m", "not e2e")


@nox.session
def e2e(session: nox.Session) -> None:
    """Error tracking end to end: the app against a Bugsink server on loopback (~3 min);
    the crash-recovery kill tests: the real editor killed while editing and saving (~30 s)."""
    _install_local_packages(session, *nox.project.dependency_groups(PYPROJECT, "e2e"))
    session.run(
        "pytest",
        "app/tests/e2e",
        "app/tests/recovery",
        "-m",
        "e2e",
        "-p",
        "no:cacheprovider",
        *session.posargs,
        env={"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")},
    )


@nox.session(default=False)
def dashboard(session: nox.Session) -> None:
    """Run Bugsink on loopback as a local error dashboard and print the DSN for the app."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "dashboard"))
    folder = ROOT / ".bugsink"
    session.run(
        "python", "app/tests/e2e/bugsink_server.py", "--folder", str(folder), *session.posargs
    )


@nox.session
def lint(session: nox.Session) -> None:
    """Check style (ruff), import boundaries (import-linter) and CI workflows."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "check", *session.posargs, ".")
    session.run("ruff", "format", "--check", ".")
    # import-linter analyses the source trees, so it needs no install of the packages.
    session.run(
        "lint-imports",
        "--no-cache",
        "--no-logo",
        env={"PYTHONPATH": os.pathsep.join(["geometry/src", "app/src"])},
    )
    workflows = sorted(str(path) for path in (ROOT / ".github" / "workflows").glob("*.y*ml"))
    session.run("actionlint", *workflows)
    session.run("zizmor", "--offline", ".github/workflows")


@nox.session
def typecheck(session: nox.Session) -> None:
    """Type-check lvcad_geometry (strict) and lvcad with mypy."""
    # The packages are installed for their dependencies; mypy reads the source trees
    # through mypy_path (pyproject.toml).
    _install_local_packages(session, *nox.project.dependency_groups(PYPROJECT, "typecheck"))
    session.run("mypy", "-p", "lvcad_geometry", "-p", "lvcad", *session.posargs)


@nox.session
def app(session: nox.Session) -> None:
    """Run LV CAD (arguments after -- go to `python -m lvcad`)."""
    _install_local_packages(session)
    session.run("python", "-m", "lvcad", *session.posargs)


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Run the pytest-benchmark comparisons in benchmarks/pytest (1M vertices: -- --huge)."""
    _install_local_packages(session, *nox.project.dependency_groups(PYPROJECT, "bench"))
    session.run(
        "pytest", "benchmarks/pytest", "--benchmark-only", "-p", "no:xdist", *session.posargs
    )


# -- performance gate, report and history (benchmarks/README.md) -------------------------------
# Instruction baselines depend on the Python and numpy they were recorded with: the gate
# always runs on the oldest supported Python, with numpy pinned in the perf group.
PERF_PYTHON = SUPPORTED_PYTHONS[0]
PERF_ENV = {"PYTHONPATH": str(ROOT / "benchmarks")}
ASV_COMMANDS = {"run", "continuous", "compare", "publish", "preview", "machine", "show", "check"}


def _install_perf(session: nox.Session) -> None:
    session.install("./geometry", *nox.project.dependency_groups(PYPROJECT, "perf"))


@nox.session(python=PERF_PYTHON, default=False)
def perfgate(session: nox.Session) -> None:
    """Instruction-count gate under callgrind (-- baseline --reason '...' records baselines)."""
    _install_perf(session)
    session.run("python", "-m", "lvcad_bench.gate", *(session.posargs or ["check"]), env=PERF_ENV)


@nox.session(python=PERF_PYTHON, default=False)
def perfselftest(session: nox.Session) -> None:
    """Harness tests, then the gate's self-test: unchanged passes, +5% fails, +2% warns (5 runs)."""
    _install_local_packages(session, *nox.project.dependency_groups(PYPROJECT, "bench"))
    session.run("pytest", "benchmarks/tests", "-n", "2", "--benchmark-disable")
    session.run("python", "-m", "lvcad_bench.selftest", *session.posargs, env=PERF_ENV)


@nox.session(default=False)
def perfreport(session: nox.Session) -> None:
    """Benchmarks + geometry test suite time -> .benchmarks/report/ (table and plot; -- PATHS)."""
    _install_local_packages(session, *nox.project.dependency_groups(PYPROJECT, "bench"))
    out = ROOT / ".benchmarks" / "report"
    out.mkdir(parents=True, exist_ok=True)
    session.run(
        "pytest",
        "geometry/tests",
        "-n",
        "2",
        "--benchmark-disable",
        "-q",
        f"--junitxml={out / 'geometry-tests.xml'}",
    )
    session.run(
        "pytest",
        "--benchmark-only",
        "-p",
        "no:xdist",
        "-q",
        f"--benchmark-json={out / 'benchmarks.json'}",
        # Arguments after -- replace the default (all of benchmarks/pytest).
        *(session.posargs or ["benchmarks/pytest"]),
    )
    session.run(
        "python",
        "-m",
        "lvcad_bench.report",
        "--benchmarks",
        str(out / "benchmarks.json"),
        "--junit",
        str(out / "geometry-tests.xml"),
        "--out",
        str(out),
        env=PERF_ENV,
    )


@nox.session(python=PERF_PYTHON, default=False)
def asv(session: nox.Session) -> None:
    """asv continuous between two commits: nox -s asv -- BASE HEAD (other asv commands too)."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "asv"))
    args = session.posargs
    if len(args) == 2 and not args[0].startswith("-") and args[0] not in ASV_COMMANDS:
        args = ["continuous", "--factor", "1.05", "--show-stderr", *args]
    if not args:
        session.error("name two commits (nox -s asv -- main HEAD) or an asv command")
    session.run("asv", "machine", "--yes")
    session.run("asv", *args)


@nox.session(python=PERF_PYTHON, default=False)
def perfsite(session: nox.Session) -> None:
    """asv run (-- ASV-RUN-ARGS), `asv publish`, then a headless-Chromium check of the graphs."""
    session.install(
        *nox.project.dependency_groups(PYPROJECT, "asv"),
        *nox.project.dependency_groups(PYPROJECT, "perf"),
    )
    session.run("asv", "machine", "--yes")
    session.run(
        "asv",
        "run",
        "--skip-existing-commits",
        "--show-stderr",
        # asv graphs only the branches of asv.conf.json (main).
        *(session.posargs or ["--quick", "main~3..main"]),
    )
    session.run("asv", "publish")
    site = str(ROOT / ".asv" / "html")
    session.run("python", "-m", "lvcad_bench.site_vendor", site, env=PERF_ENV)
    session.run("python", "-m", "lvcad_bench.site_check", site, env=PERF_ENV)


@nox.session(python="3.11", default=False)
def freeze(session: nox.Session) -> None:
    """Freeze LV CAD for this platform with PyInstaller (arguments after -- go to it)."""
    # 3.11, like the Windows build under Wine: one frozen Python for every platform.
    _install_local_packages(session, *nox.project.dependency_groups(PYPROJECT, "freeze"))
    session.run("pyinstaller", *(session.posargs or ["--noconfirm", "packaging/lvcad.spec"]))


@nox.session(default=False)
def installer(session: nox.Session) -> None:
    """Build the Windows installer (freeze under Wine, NSIS, sign) and install-test it."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "installer"))
    session.run(
        "pytest",
        "packaging/tests",
        "-s",  # show the measurements (sizes, install and start times) as they are made
        *session.posargs,
        env={"PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "packaging" / "tests")])},
    )
