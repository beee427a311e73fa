"""The Windows installer, built by the real tasks and installed under Wine (DESIGN §6).

Every check is an effect: files on disk, keys in the Wine registry, shortcuts, what the
installed app did. Exit codes are checked too, never alone. The tests run in file order and
share one Wine prefix; each leaves it with LV CAD uninstalled.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from buildtools import ROOT
from buildtools.freeze import TEST_ONLY_FILES, windows_dist
from buildtools.installer import MAX_SIZE
from buildtools.signing import NSIS_KIND, forbidden_payload, payload_listing, signature_ok
from support import OLD_VERSION, Installers, Prefix, invoke, record

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

UNINSTALL_KEY = r"Software\Microsoft\Windows\CurrentVersion\Uninstall\LV CAD"
SAMPLE = ROOT / "app" / "src" / "lvcad" / "samples" / "office.lvcad"
#: Where LV CAD's QSettings live (organisation and application "LV CAD").
SETTINGS_KEY = r"HKCU\Software\LV CAD\LV CAD"


def run_setup(prefix: Prefix, installer: Path, *args: str) -> tuple[int, float]:
    """Run an installer silently; its exit code and seconds taken (until Wine is idle)."""
    started = time.monotonic()
    result = prefix.wine.run(str(installer), "/S", *args, check=False, timeout=300)
    prefix.wine.wait()
    return result.returncode, time.monotonic() - started


def uninstall(prefix: Prefix, folder: Path) -> float:
    """Run the installed Uninstall.exe /S as a user would; seconds until Wine is idle."""
    started = time.monotonic()
    # Uninstall.exe copies itself to TEMP and returns at once: wait for the copy to finish.
    prefix.wine.run(prefix.windows(folder / "Uninstall.exe"), "/S", check=False, timeout=300)
    prefix.wine.wait()
    return time.monotonic() - started


def installed_files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def frozen_files() -> set[str]:
    return installed_files(windows_dist())


class Layout:
    """Where one kind of installation puts things, as Unix paths in the prefix."""

    def __init__(self, prefix: Prefix, all_users: bool) -> None:
        drive_c = prefix.wine.drive_c
        self.hive = "HKLM" if all_users else "HKCU"
        if all_users:
            self.folder = drive_c / "Program Files" / "LV CAD"
            menu = drive_c / "ProgramData" / "Microsoft" / "Windows" / "Start Menu" / "Programs"
            desktop = drive_c / "users" / "Public" / "Desktop"
        else:
            self.folder = prefix.user_dir / "AppData" / "Local" / "Programs" / "LV CAD"
            menu = (
                prefix.user_dir
                / "AppData"
                / "Roaming"
                / "Microsoft"
                / "Windows"
                / "Start Menu"
                / "Programs"
            )
            desktop = prefix.user_dir / "Desktop"
        self.shortcuts = [menu / "LV CAD.lnk", desktop / "LV CAD.lnk"]


def check_installed(prefix: Prefix, layout: Layout, version: str) -> None:
    """The files, shortcuts, association and Add/Remove Programs entry of one install."""
    assert installed_files(layout.folder) == frozen_files() | {"Uninstall.exe"}
    for shortcut in layout.shortcuts:
        assert shortcut.is_file(), f"missing shortcut {shortcut}"
        assert b"LV_CAD.exe" in shortcut.read_bytes(), f"{shortcut} does not start LV_CAD.exe"
    windows_exe = prefix.windows(layout.folder / "LV_CAD.exe")
    entry = prefix.wine.reg_query(f"{layout.hive}\\{UNINSTALL_KEY}")
    for value in (
        "DisplayName    REG_SZ    LV CAD",
        f"DisplayVersion    REG_SZ    {version}",
        "Publisher    REG_SZ    LV CAD",
        "QuietUninstallString",
        "EstimatedSize    REG_DWORD",
    ):
        assert value in entry, f"{value!r} not in the uninstall entry:\n{entry}"
    assert windows_exe.rsplit("\\", 1)[0] in entry  # InstallLocation
    classes = prefix.wine.reg_query(f"{layout.hive}\\Software\\Classes\\LVCAD.Drawing")
    assert f'"{windows_exe}" "%1"' in classes, classes
    assert "LVCAD.Drawing" in prefix.wine.reg_query(f"{layout.hive}\\Software\\Classes\\.lvcad")


def check_removed(prefix: Prefix, layout: Layout) -> None:
    """Nothing of LV CAD is left: files, shortcuts, keys."""
    assert not layout.folder.exists(), f"left behind: {sorted(installed_files(layout.folder))}"
    for shortcut in layout.shortcuts:
        assert not shortcut.exists(), f"left behind: {shortcut}"
    for key in (UNINSTALL_KEY, r"Software\Classes\LVCAD.Drawing", r"Software\Classes\.lvcad"):
        assert prefix.wine.reg_query(f"{layout.hive}\\{key}") == "", (
            f"left behind: {layout.hive}\\{key}"
        )


def test_installer_is_signed_verified_and_small(installers: Installers, context) -> None:
    installer = installers.current
    size = installer.stat().st_size
    record(f"installer {installer.name}: {size / 1e6:.1f} MB (lzma; limit {MAX_SIZE / 1e6:.0f} MB)")
    assert size < MAX_SIZE
    digest = hashlib.sha256(installer.read_bytes()).hexdigest()
    assert (
        installer.with_name(installer.name + ".sha256").read_text()
        == f"{digest}  {installer.name}\n"
    )
    ok, report = signature_ok(context, installer)
    assert ok, report
    assert NSIS_KIND in payload_listing(context, installer)


def test_nothing_test_only_in_the_dist_or_the_payload(
    installers: Installers, prefix: Prefix, context
) -> None:
    # The stub exists (the freeze needed it) but only in the Wine prefix.
    assert (prefix.wine.drive_c / "windows" / "system32" / "icuuc.dll").is_file()
    names = {p.name.lower() for p in windows_dist().rglob("*")}
    assert not names & set(TEST_ONLY_FILES)
    for installer in (installers.current, installers.old):
        listing = payload_listing(context, installer).lower()
        assert "lv_cad.exe" in listing
        assert not forbidden_payload(listing)


def file_hashes(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


def unsigned_fast_build(output: Path) -> bytes:
    """Stage the frozen app and makensis it (uncompressed) into ``output``; its bytes."""
    invoke("installer.stage")
    invoke("installer.build", "--fast", "--output", str(output))
    return output.read_bytes()


def test_two_builds_are_byte_identical(installers: Installers, tmp_path: Path) -> None:
    """Freeze, stage and makensis twice from this commit: the same bytes before signing."""
    first_freeze = file_hashes(windows_dist())
    first = unsigned_fast_build(tmp_path / "first.exe")
    started = time.monotonic()
    invoke("freeze")
    record(f"second freeze (PyInstaller's cache warm): {time.monotonic() - started:.0f} s")
    second_freeze = file_hashes(windows_dist())
    changed = {
        path
        for path in first_freeze | second_freeze
        if first_freeze.get(path) != second_freeze.get(path)
    }
    assert not changed, f"the second freeze differs in {sorted(changed)}"
    assert unsigned_fast_build(tmp_path / "second.exe") == first


def test_per_user_install_smoke_and_uninstall(installers: Installers, prefix: Prefix) -> None:
    layout = Layout(prefix, all_users=False)
    code, seconds = run_setup(prefix, installers.current)
    record(f"silent per-user install: {seconds:.1f} s")
    assert code == 0
    check_installed(prefix, layout, installers.version)

    sample = layout.folder.parent / "office.lvcad"
    shutil.copyfile(SAMPLE, sample)
    timings = []
    for _ in range(2):
        started = time.monotonic()
        result = prefix.wine.run(
            prefix.windows(layout.folder / "LV_CAD.exe"),
            "--smoke",
            prefix.windows(sample),
            check=False,
            timeout=300,
        )
        timings.append(time.monotonic() - started)
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"LV CAD {installers.version}" in result.stdout, result.stdout
        assert "on Windows" in result.stdout, result.stdout
        assert "smoke test passed" in result.stdout, result.stdout
    record(
        "installed LV_CAD.exe --smoke office.lvcad under Wine: "
        f"cold {timings[0]:.1f} s, warm {timings[1]:.1f} s"
    )
    sample.unlink()

    seconds = uninstall(prefix, layout.folder)
    record(f"silent per-user uninstall: {seconds:.1f} s")
    check_removed(prefix, layout)


def open_through_association(prefix: Prefix, drawing: Path, timeout: float = 120) -> str:
    """Open ``drawing`` as Explorer would (`start FILE`); the recent files LV CAD then has."""
    prefix.wine.run("reg", "delete", SETTINGS_KEY, "/f", check=False)
    # `start` returns once LV CAD is launched; LV CAD keeps running until killed.
    subprocess.run(
        [prefix.wine.wine, "start", prefix.windows(drawing)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=prefix.wine.env(),
        timeout=120,
        check=True,
    )
    deadline = time.monotonic() + timeout
    recent = ""
    while time.monotonic() < deadline and "office-assoc.lvcad" not in recent:
        time.sleep(2)
        recent = prefix.wine.reg_query(SETTINGS_KEY)
    return recent


def test_all_users_upgrade_open_downgrade_and_uninstall(
    installers: Installers, prefix: Prefix
) -> None:
    layout = Layout(prefix, all_users=True)
    code, _ = run_setup(prefix, installers.old, "/AllUsers")
    assert code == 0
    check_installed(prefix, layout, OLD_VERSION)

    code, seconds = run_setup(prefix, installers.current, "/AllUsers")
    record(f"silent all-users install (upgrade over {OLD_VERSION}): {seconds:.1f} s")
    assert code == 0
    check_installed(prefix, layout, installers.version)  # the same files, the new version

    # Opening a drawing through the all-users association starts LV CAD with that file:
    # the editor puts every file it opens at the top of its recent files (QSettings).
    drawing = prefix.wine.drive_c / "users" / "Public" / "office-assoc.lvcad"
    shutil.copyfile(SAMPLE, drawing)
    try:
        recent = open_through_association(prefix, drawing)
        assert "office-assoc.lvcad" in recent, f"LV CAD did not open the file:\n{recent}"
        # While LV CAD runs, Setup and the uninstaller refuse and change nothing.
        result = prefix.wine.run(str(installers.current), "/S", "/AllUsers", check=False)
        assert result.returncode == 2
        prefix.wine.run(prefix.windows(layout.folder / "Uninstall.exe"), "/S", check=False)
        time.sleep(5)  # the uninstaller's copy in TEMP would be removing files by now
        check_installed(prefix, layout, installers.version)
    finally:
        prefix.wine.kill()
        drawing.unlink()

    code, _ = run_setup(prefix, installers.old, "/AllUsers")
    assert code == 2, "a downgrade must be refused"
    check_installed(prefix, layout, installers.version)

    code, _ = run_setup(prefix, installers.old, "/AllUsers", "/FORCE")
    assert code == 0
    check_installed(prefix, layout, OLD_VERSION)

    seconds = uninstall(prefix, layout.folder)
    record(f"silent all-users uninstall: {seconds:.1f} s")
    check_removed(prefix, layout)
