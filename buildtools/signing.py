"""Sign the installer and verify it (DESIGN §6: every sign step is followed by a verify).

The certificate comes from the environment when there is one (CI secrets):
LVCAD_SIGN_PFX (a .pfx file), LVCAD_SIGN_PFX_PASSWORD, and optionally
LVCAD_SIGN_TIMESTAMP_URL. Otherwise an ephemeral self-signed code-signing certificate is
made in build/signing for this build only, so signing and verification always run. It
never enters dist/ or the installer (asserted by `verify`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path, PureWindowsPath

from invoke import Context, task

from . import BUILD, read_version
from .freeze import TEST_ONLY_FILES
from .hosttools import require
from .installer import dist_installer, unsigned_installer

SIGNING = BUILD / "signing"
SYSTEM_CA = Path("/etc/ssl/certs/ca-certificates.crt")
#: What 7-Zip calls a 64-bit Unicode NSIS installer (a 32-bit one fails under wine64).
NSIS_KIND = "NSIS-3 Unicode 64-bit"
#: File names that must never be in the installer's payload: the Wine stubs and the
#: ephemeral signing certificate and key. (certifi's CA bundle, cacert.pem, is shipped:
#: error reports go to Sentry over HTTPS.)
FORBIDDEN_NAMES = frozenset((*TEST_ONLY_FILES, "cert.pem", "key.pem"))
#: Suffixes of private key material, never shipped.
FORBIDDEN_SUFFIXES = (".pfx", ".p12", ".key")


def forbidden_payload(listing: str) -> list[str]:
    """The lines of a 7-Zip payload listing that name a test-only file or key material."""
    found = []
    for line in listing.splitlines():
        fields = line.split()
        name = PureWindowsPath(fields[-1]).name.lower() if fields else ""
        if name in FORBIDDEN_NAMES or name.endswith(FORBIDDEN_SUFFIXES):
            found.append(line)
    return found


def _real_certificate() -> tuple[str, str] | None:
    pfx = os.environ.get("LVCAD_SIGN_PFX")
    return (pfx, os.environ.get("LVCAD_SIGN_PFX_PASSWORD", "")) if pfx else None


def ephemeral_certificate(c: Context) -> tuple[Path, Path]:
    """A fresh self-signed code-signing certificate and key (cert.pem, key.pem)."""
    openssl = require(c, "openssl")["openssl"]
    SIGNING.mkdir(parents=True, exist_ok=True)
    cert, key = SIGNING / "cert.pem", SIGNING / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:3072",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=LV CAD ephemeral test signing",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-addext",
            "extendedKeyUsage=codeSigning",
            "-addext",
            "keyUsage=critical,digitalSignature",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def sign_file(c: Context, source: Path, target: Path) -> None:
    """Sign ``source`` into ``target`` (SHA-256 Authenticode)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    real = _real_certificate()
    timestamp = os.environ.get("LVCAD_SIGN_TIMESTAMP_URL", "")
    if sys.platform == "win32":
        if real is None:
            raise RuntimeError(
                "signing on Windows needs LVCAD_SIGN_PFX (and LVCAD_SIGN_PFX_PASSWORD)"
            )
        shutil.copyfile(source, target)
        stamp = ["/tr", timestamp, "/td", "sha256"] if timestamp else []
        subprocess.run(
            [
                c.config.tools.signtool,
                "sign",
                "/fd",
                "sha256",
                "/f",
                real[0],
                "/p",
                real[1],
                *stamp,
                str(target),
            ],
            check=True,
        )
        return
    osslsigncode = require(c, "osslsigncode")["osslsigncode"]
    if real is not None:
        credentials = ["-pkcs12", real[0], "-pass", real[1]]
    else:
        cert, key = ephemeral_certificate(c)
        credentials = ["-certs", str(cert), "-key", str(key)]
    stamp = ["-ts", timestamp] if timestamp and real else []
    target.unlink(missing_ok=True)
    subprocess.run(
        [
            osslsigncode,
            "sign",
            *credentials,
            "-h",
            "sha256",
            "-n",
            "LV CAD Setup",
            *stamp,
            "-in",
            str(source),
            "-out",
            str(target),
        ],
        check=True,
        capture_output=True,
    )


def signature_ok(c: Context, path: Path) -> tuple[bool, str]:
    """Whether ``path``'s Authenticode signature verifies, and the verifier's report."""
    if sys.platform == "win32":
        result = subprocess.run(
            [c.config.tools.signtool, "verify", "/pa", "/v", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        return result.returncode == 0, result.stdout + result.stderr
    ca = SYSTEM_CA if _real_certificate() else SIGNING / "cert.pem"
    result = subprocess.run(
        [
            require(c, "osslsigncode")["osslsigncode"],
            "verify",
            "-ignore-crl",
            "-CAfile",
            str(ca),
            "-in",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    report = result.stdout + result.stderr
    return result.returncode == 0 and "Signature verification: ok" in report, report


def payload_listing(c: Context, path: Path) -> str:
    """7-Zip's listing of the installer (its kind and every payload file)."""
    return subprocess.run(
        [require(c, "sevenzip")["sevenzip"], "l", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@task(
    help={
        "version": "the installer's version (default: VERSION)",
        "dry_run": "say what would be done, do nothing",
    }
)
def sign(c: Context, version: str = "", dry_run: bool = False) -> None:
    """Sign the installer into dist/ (certificate from the environment, else ephemeral)."""
    version = version or read_version()
    source, target = unsigned_installer(version), dist_installer(version)
    who = (
        "the certificate in LVCAD_SIGN_PFX"
        if _real_certificate()
        else "an ephemeral self-signed certificate"
    )
    if dry_run:
        print(f"would sign {source} into {target} with {who}")
        return
    sign_file(c, source, target)
    print(f"signed: {target} with {who}")


@task(help={"version": "the installer's version (default: VERSION)"})
def verify(c: Context, version: str = "") -> None:
    """Verify the signed installer: signature ok, a tampered copy fails, NSIS kind and payload."""
    installer = dist_installer(version or read_version())
    ok, report = signature_ok(c, installer)
    if not ok:
        raise RuntimeError(f"the signature of {installer} does not verify:\n{report}")
    tampered = SIGNING / "tampered.exe"
    SIGNING.mkdir(parents=True, exist_ok=True)
    data = bytearray(installer.read_bytes())
    data[len(data) // 2] ^= 0xFF
    tampered.write_bytes(data)
    ok, report = signature_ok(c, tampered)
    tampered.unlink()
    if ok:
        raise RuntimeError(f"a copy of {installer} with one changed byte still verifies:\n{report}")
    listing = payload_listing(c, installer)
    if NSIS_KIND not in listing:
        raise RuntimeError(f"{installer} is not a {NSIS_KIND} installer:\n{listing}")
    if "LV_CAD.exe" not in listing or "Qt6Core.dll" not in listing:
        raise RuntimeError(f"{installer} lacks the app in its payload:\n{listing}")
    forbidden = forbidden_payload(listing)
    if forbidden:
        raise RuntimeError(f"test-only files in {installer}:\n" + "\n".join(forbidden))
    print(
        f"verified: {installer.name}: signature ok, tampered copy rejected, {NSIS_KIND}, payload ok"
    )
